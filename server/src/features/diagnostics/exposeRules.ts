// BuildKit's checks of EXPOSE (dockerfile2llb/convert_expose.go, parsePort), with BuildKit's names and messages:
// ExposeProtoCasing (`80/TCP`) and ExposeInvalidFormat (`8080:80`, `127.0.0.1:8080:80`: the image exposes the
// container port alone). BuildKit reads the ports in sorted order and stops the build at the first one it
// rejects; a port with a variable is unknown here and skipped.
import type { Position, Range, Stage, StageModel } from '../../analysis/model';
import type { Finding } from './rules';
import { findingOn, readBody, type ReadInstruction } from './buildkitInstructions';
import { literalWord } from './shellWord';
import { StageMemo } from './stageMemo';

/** A port as written, with where it stands when the EXPOSE is on one line (for the quick fixes). */
export interface ExposedPort {
  readonly text: string;
  readonly range?: Range;
  /** What BuildKit makes of it: undefined when it rejects the port (the build fails there). */
  readonly parsed?: { readonly ip: string; readonly hostPort: string; readonly containerPort: string; readonly proto: string };
}

export function checkExpose(model: StageModel): Finding[] {
  return model.stages.flatMap((stage) => BY_STAGE.keyed(stage, [], () => stageFindings(stage, model.escapeCharacter)));
}

/** A stage's findings depend on its own instructions alone. */
const BY_STAGE = new StageMemo<readonly Finding[]>();

function stageFindings(stage: Stage, escape: string): Finding[] {
  const findings: Finding[] = [];
  for (const instruction of readBody(stage)) {
    if (instruction.reading.written.toLowerCase() !== 'expose') continue;
    for (const port of exposedPorts(instruction, escape)) {
      if (!port.parsed) break;
      if (port.parsed.proto !== port.parsed.proto.toLowerCase()) {
        findings.push(findingOn(instruction, 'ExposeProtoCasing', `Defined protocol '${port.text}' in EXPOSE instruction should be lowercase`));
      }
      if (port.parsed.ip !== '' || port.parsed.hostPort !== '') {
        findings.push(findingOn(instruction, 'ExposeInvalidFormat', `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.text}'`));
      }
      if (!acceptedAfterChecks(port.parsed)) break;
    }
  }
  return findings;
}

/** The ports BuildKit checks, in its (sorted) order; those with variables or quotes left out. */
export function exposedPorts({ reading }: ReadInstruction, escape: string): ExposedPort[] {
  const located = wordsWithOffsets(reading.rest).map(({ text, offset }) => ({ text, range: reading.restStart && rangeAt(reading.restStart, offset, text.length) }));
  return located
    .filter(({ text }) => literalWord(text, escape) === text)
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map((port) => ({ ...port, parsed: parsePort(port.text) }));
}

/** splitParts and splitProtoPort: `[ip:]host:container[/proto]`; undefined for what BuildKit rejects before its checks. */
function parsePort(rawPort: string): ExposedPort['parsed'] {
  const parts = rawPort.split(':');
  const n = parts.length;
  const [ip, hostPort, container] = n === 1 ? ['', '', parts[0]] : n === 2 ? ['', parts[0], parts[1]] : [parts.slice(0, n - 2).join(':'), parts[n - 2], parts[n - 1]];
  const slash = container.indexOf('/');
  const containerPort = slash < 0 ? container : container.slice(0, slash);
  const proto = slash < 0 ? '' : container.slice(slash + 1);
  if (containerPort === '' || !['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) return undefined;
  return { ip, hostPort, containerPort, proto };
}

/** What BuildKit checks after the warnings (the IP, the port ranges): a port that may fail stops the reading. */
function acceptedAfterChecks({ ip, hostPort, containerPort }: NonNullable<ExposedPort['parsed']>): boolean {
  const plainIp = ip === '' || /^(?:\d{1,3}\.){3}\d{1,3}$/.test(ip) && ip.split('.').every((part) => Number(part) <= 255);
  const container = portRange(containerPort);
  const host = hostPort === '' ? 0 : portRange(hostPort);
  // A host range needs a container range of the same length, or a single container port.
  return plainIp && container !== undefined && host !== undefined && (hostPort === '' || container === host || container === 0);
}

/** parsePortRange, for plain decimal numbers: the range's length, undefined where BuildKit may reject it. */
function portRange(text: string): number | undefined {
  const [start, end] = text.split('-', 2);
  const valid = (part: string) => /^\d{1,5}$/.test(part) && Number(part) <= 65535;
  if (!valid(start) || (end !== undefined && !valid(end)) || (end !== undefined && Number(end) < Number(start))) return undefined;
  return Number(end ?? start) - Number(start);
}

/** The words of an EXPOSE (split at blanks, as parseStringsWhitespaceDelimited does) and their offsets. */
function wordsWithOffsets(rest: string): { text: string; offset: number }[] {
  return [...rest.matchAll(/[^\t\v\f\r ]+/g)].map((match) => ({ text: match[0], offset: match.index! }));
}

function rangeAt(start: Position, offset: number, length: number): Range {
  const character = start.character + offset;
  return { start: { line: start.line, character }, end: { line: start.line, character: character + length } };
}
