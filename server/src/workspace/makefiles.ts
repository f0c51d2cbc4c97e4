// Makefiles: each recipe line is expanded with Make's rules (makeExpansion.ts) and run through the shell
// reader, in the Makefile's folder (where `make` runs it). `BUILDX ?= $(DOCKER) buildx`,
// `BUILD_CMD := $(BUILDX) build`, then `$(BUILD_CMD) --target "update" --file ./hack/x.Dockerfile .` is a
// build of `update`; what Make leaves unknown (the environment, `$(shell ...)`) stays unknown to the shell.
import { dirname } from 'node:path';
import { textValue, unknownValue, type Value } from '../shell/values';
import { TargetSource, uniqueTargets, type DiscoveredTarget, type FileIndex } from './discovered';
import { MakeVariables } from './makeExpansion';
import { asShellScript, mayBuild, shellTargets } from './shellBuilds';

/** A recipe line: its text as Make reads it (continuations kept for the shell) and where it starts. */
interface Recipe {
  readonly text: string;
  readonly at: number;
  /** The rule's first target, for `$@`, and where it is written. */
  readonly target: Value;
}

const ASSIGNMENT = /^(?:(?:export|override|private)\s+)*([^\s:#=?+!]+)\s*(::?=|:::=|\?=|\+=|!=|=)\s*/;

export function makefileTargets(text: string, file: string, origin: string, root: string, files: FileIndex): DiscoveredTarget[] {
  if (!mayBuild(text)) return [];
  const folder = dirname(file);
  const variables = new MakeVariables(new Map([['CURDIR', textValue(folder)], ['MAKE', textValue('make')], ['SHELL', textValue('/bin/sh')]]));
  const recipes = readMakefile(text, variables);
  const source = new TargetSource(text, file, origin);
  return uniqueTargets(recipes.flatMap((recipe) => {
    const auto = new Map([['@', recipe.target], ['@D', unknownValue('$(@D)')], ['<', unknownValue('$<')], ['^', unknownValue('$^')]]);
    const alternatives = variables.expand(recipe.text, recipe.at, 0, auto) ?? [];
    return alternatives.flatMap((value) => {
      const script = asShellScript(value);
      return shellTargets(script.text, { scriptPath: file, root, cwd: folder, variables: script.variables, origin: script.origin }, source, files);
    });
  }));
}

/** The Makefile's recipe lines; its assignments go to `variables` in order. */
function readMakefile(text: string, variables: MakeVariables): Recipe[] {
  const recipes: Recipe[] = [];
  const lines = logicalLines(text);
  let conditionals = 0;
  let target: Value | undefined;
  for (let i = 0; i < lines.length; i++) {
    const { text: line, at } = lines[i];
    if (line.startsWith('\t') && target) {
      const body = /^\t[ \t@+-]*/.exec(line)![0].length;
      recipes.push({ text: line.slice(body), at: at + body, target });
      continue;
    }
    const code = withoutComment(line).trim();
    if (code === '') continue;
    const keyword = /^(-?include|sinclude|ifeq|ifneq|ifdef|ifndef|else|endif|define|endef|undefine|vpath|export|unexport)\b/.exec(code)?.[1];
    if (keyword && ['ifeq', 'ifneq', 'ifdef', 'ifndef'].includes(keyword)) conditionals++;
    else if (keyword === 'endif') conditionals = Math.max(0, conditionals - 1);
    else if (keyword === 'define') {
      // `define NAME [op]` ... `endef`: the lines between are the value.
      const [, name, operator] = /^define\s+(\S+)\s*(\S*)/.exec(code) ?? [];
      const start = i + 1;
      while (i + 1 < lines.length && !/^\s*endef\b/.test(lines[i + 1].text)) i++;
      if (name && start < lines.length) variables.assign(name, operator || '=', lines.slice(start, i + 1).map((l) => l.text).join('\n'), lines[start].at, conditionals > 0);
      i++;
    }
    if (keyword && keyword !== 'export') continue;
    const assignment = ASSIGNMENT.exec(code);
    if (assignment && !/^[^=]*:[^=]/.test(code.slice(0, assignment.index + assignment[0].length).replace(/::?=|:::=/, ''))) {
      const valueStart = line.indexOf(code) + assignment[0].length;
      variables.assign(assignment[1], assignment[2] === '::=' || assignment[2] === ':::=' ? ':=' : assignment[2], code.slice(assignment[0].length), at + valueStart, conditionals > 0);
      continue;
    }
    const rule = /^([^:=#]+?)\s*::?(?!=)(.*)$/.exec(code);
    if (!rule) continue;
    const name = rule[1].trim().split(/\s+/)[0];
    target = textValue(name, at + line.indexOf(name));
    // `target: prerequisites ; recipe`
    const inline = rule[2].indexOf(';');
    if (inline !== -1 && !rule[2].includes('=')) {
      const start = line.indexOf(rule[2]) + inline + 1;
      recipes.push({ text: line.slice(start).trim(), at: at + start + (line.slice(start).length - line.slice(start).trimStart().length), target });
    }
  }
  return recipes;
}

/** Lines joined at `\`-newline (kept in the text: Make hands recipes to the shell with them). */
function logicalLines(text: string): { text: string; at: number }[] {
  const lines: { text: string; at: number }[] = [];
  const pattern = /(?:[^\n\\]|\\\r?\n|\\[^\n]|\\$)*(?:\n|$)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[0] === '' && match.index === text.length) break;
    lines.push({ text: match[0].replace(/\r?\n$/, ''), at: match.index! });
  }
  return lines;
}

/** A non-recipe line without its comment (`\#` is not one). */
function withoutComment(line: string): string {
  const hash = line.search(/(?<!\\)#/);
  return (hash === -1 ? line : line.slice(0, hash)).replace(/\\\r?\n/g, ' ');
}

