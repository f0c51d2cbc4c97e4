// The one place that calls dockerfile-ast's parser, and works around what it gets wrong for us.
import { DockerfileParser, Dockerfile } from 'dockerfile-ast';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Parses a Dockerfile. BuildKit ignores a leading byte order mark, but dockerfile-ast would read it as part of
 * the first keyword (`\uFEFFFROM`); a space of the same length (one UTF-16 unit) keeps every column where it was.
 */
export function parseDockerfile(text: string): Dockerfile {
  const source = text.startsWith(BYTE_ORDER_MARK) ? ' ' + text.slice(1) : text;
  return DockerfileParser.parse(source);
}

/**
 * Whether text ending with `tail` (the file's last instruction onwards) leaves that instruction open, so that a
 * line appended after it would become part of it: a heredoc without its terminator, a trailing continuation.
 */
export function endsOpen(tail: string, escapeCharacter: string): boolean {
  const probe = parseDockerfile(`# escape=${escapeCharacter}\n${tail}\nFROM end-of-file-probe`);
  const instructions = probe.getInstructions();
  const last = instructions[instructions.length - 1];
  return !last || last.getKeyword() !== 'FROM' || last.getTextContent().trim() !== 'FROM end-of-file-probe';
}
