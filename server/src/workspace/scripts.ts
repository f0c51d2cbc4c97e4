// `docker build ... --target x` and `docker buildx build --target=x` in Makefiles, shell and PowerShell scripts,
// justfiles and workflow `run:` steps: tied to the Dockerfile named by `-f`/`--file`, else `Dockerfile` in the
// build context (the command's last argument).
import { dockerfilePath, lineOf, type DiscoveredTarget } from './discovered';

const BUILD_COMMAND = /\bdocker\s+(?:buildx\s+)?(?:image\s+)?build\b((?:[^\n]|\\\n)*)/g;

export function scriptTargets(text: string, baseDir: string, origin: string, offsetLine = 0): DiscoveredTarget[] {
  const found: DiscoveredTarget[] = [];
  for (const match of text.matchAll(BUILD_COMMAND)) {
    const words = match[1].replace(/\\\n/g, ' ').match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
    const unquote = (word: string) => word.replace(/^(["'])(.*)\1$/, '$2');
    let target: string | undefined;
    let file: string | undefined;
    const positional: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = unquote(words[i]);
      const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
      if (flag === '--target') target = inline ?? unquote(words[++i] ?? '');
      else if (flag === '-f' || flag === '--file') file = inline ?? unquote(words[++i] ?? '');
      else if (/^(&&|\|\||;|\||>)/.test(word)) break;
      else if (word.startsWith('-')) {
        // A flag with a separate value: skip the value (flags that take none are followed by another flag or the context).
        if (!inline && words[i + 1] && !words[i + 1].startsWith('-') && i + 2 < words.length) i++;
      } else positional.push(word);
    }
    if (!target) continue;
    const context = positional[positional.length - 1];
    found.push({
      dockerfile: file ? dockerfilePath(baseDir, '.', file) : dockerfilePath(baseDir, context ?? '.', undefined),
      target,
      origin: `${origin}:${offsetLine + lineOf(text, match.index!)}`,
    });
  }
  return found;
}
