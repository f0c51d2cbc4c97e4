// package.json `scripts`: each is a shell command line (npm runs it with `sh -c` in the package's folder), read
// by the shell reader: `"build-docker": "docker buildx build -f docker/x.dockerfile --target base2 ."`.
import { dirname } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { textValue } from '../shell/values';
import { TargetSource, uniqueTargets, type DiscoveredTarget, type FileIndex } from './discovered';
import { asShellScript, shellTargets } from './shellBuilds';

export function packageScriptTargets(text: string, file: string, origin: string, root: string, files: FileIndex): DiscoveredTarget[] {
  const scripts = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, ['scripts']);
  const source = new TargetSource(text, file, origin);
  return uniqueTargets((scripts?.children ?? []).flatMap((property) => {
    const value = property.children?.[1];
    if (value?.type !== 'string') return [];
    // Where the JSON string has no escape, the command is written in the file as it is.
    const raw = text.slice(value.offset + 1, value.offset + value.length - 1);
    const script = asShellScript(textValue(value.value, raw === value.value ? value.offset + 1 : undefined));
    return shellTargets(script.text, { scriptPath: file, root, cwd: dirname(file), variables: script.variables, origin: script.origin }, source, files);
  }));
}
