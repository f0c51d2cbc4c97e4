// `docker build ... --target x` and `docker buildx build --target=x` in Makefiles, shell and PowerShell scripts,
// justfiles and workflow `run:` steps: tied to the Dockerfile named by `-f`/`--file`, else `Dockerfile` in the
// build context (the command's last argument).
import { dirname } from 'node:path';
import { dockerfilePath, TargetSource, type DiscoveredTarget } from './discovered';

const BUILD_COMMAND = /\bdocker\s+(?:buildx\s+)?(?:image\s+)?build\b((?:\\\r?\n|[^\n])*)/g;

/** A `--target` in a script: the Dockerfile it builds, the stage, and the value's offsets in the script. */
export interface ScriptBuild {
  readonly dockerfile: string;
  readonly target: string;
  readonly start: number;
  readonly end: number;
}

interface Word {
  readonly text: string;
  /** Offset of the word's text, quotes excluded. */
  readonly start: number;
}

export function scriptTargets(text: string, file: string, origin: string): DiscoveredTarget[] {
  const source = new TargetSource(text, file, origin);
  return scriptBuilds(text, dirname(file)).map((build) => source.target(build.dockerfile, build.target, build.start, build.end));
}

export function scriptBuilds(text: string, baseDir: string): ScriptBuild[] {
  const found: ScriptBuild[] = [];
  for (const match of text.matchAll(BUILD_COMMAND)) {
    const argumentsStart = match.index! + match[0].length - match[1].length;
    const words = wordsOf(match[1], argumentsStart);
    let target: Word | undefined;
    let file: string | undefined;
    const positional: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i].text;
      const equals = word.startsWith('--') ? word.indexOf('=') : -1;
      const flag = equals > 0 ? word.slice(0, equals) : word;
      const inline: Word | undefined = equals > 0 ? { text: word.slice(equals + 1), start: words[i].start + equals + 1 } : undefined;
      if (flag === '--target') target = inline ?? words[++i];
      else if (flag === '-f' || flag === '--file') file = (inline ?? words[++i])?.text;
      else if (/^(&&|\|\||;|\||>)/.test(word)) break;
      else if (word.startsWith('-')) {
        // A flag with a separate value: skip the value (flags that take none are followed by another flag or the context).
        if (!inline && words[i + 1] && !words[i + 1].text.startsWith('-') && i + 2 < words.length) i++;
      } else positional.push(word);
    }
    if (!target?.text) continue;
    const context = positional[positional.length - 1];
    found.push({
      dockerfile: file ? dockerfilePath(baseDir, '.', file) : dockerfilePath(baseDir, context ?? '.', undefined),
      target: target.text,
      start: target.start,
      end: target.start + target.text.length,
    });
  }
  return found;
}

/** Shell words with their offsets; a quoted word's text is what is inside the quotes. */
function wordsOf(text: string, offset: number): Word[] {
  // A line continuation separates words: blanked with as many characters, so that offsets stay right.
  return [...text.replace(/\\\r?\n/g, (continuation) => ' '.repeat(continuation.length)).matchAll(/"([^"]*)"|'([^']*)'|\S+/g)].map((m) => {
    const quoted = m[1] ?? m[2];
    return quoted !== undefined ? { text: quoted, start: offset + m.index! + 1 } : { text: m[0], start: offset + m.index! };
  });
}
