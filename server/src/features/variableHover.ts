// Hover on a variable: at a use, its value there and where it comes from (or why nothing sets it); at an ARG or
// ENV declaration, its value and where it is used.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { GlobalArg, Stage, StageModel, VariableUse } from '../analysis/model';
import { AUTOMATIC_ARGS, lookupDeclaration, type VariableLookup, type VariableOrigin } from '../analysis/scope';
import { evaluateBinding, globalScope } from '../analysis/bindings';
import type { Evaluation } from '../analysis/evaluate';
import { code, valueText, type ValueText } from './valueText';
import type { FeatureContext } from './featureContext';
import { lookupUse, usesOf } from './locateVariable';
import type { VariableSymbol } from './locate';
import { stageLabel } from '../analysis/names';
import { RUNTIME_KEYWORDS } from '../analysis/dispatchSteps';

export function hoverVariable(context: FeatureContext, symbol: VariableSymbol): Hover {
  const { model } = context;
  if (symbol.kind === 'variable-use') {
    const { use } = symbol;
    const lookup = lookupUse(model, symbol.stage, use);
    // Quoted (`'$X'`), escaped, or under a SHELL that is no POSIX shell: the RUN's shell gives `$X` no value of X.
    const literal = use.shellLiteral ? `**$${use.name}** is read as written by the shell of this RUN: quoted or escaped text, or a SHELL that is not sh (PowerShell reads the environment's X as \`$env:${use.name}\`).` : undefined;
    const runtime = literal ?? (RUNTIME_KEYWORDS.has(use.keyword) ? runtimeText(model, symbol.stage, use, lookup) : undefined);
    const value = runtime ?? (use.shellSetBefore
      ? `**$${use.name}** is set by this RUN's own script.`
      : [useText(model, lookup, use.keyword === 'FROM'), ...buildArgLines(context, symbol.stage, lookup)].join('\n\n'));
    return { contents: { kind: MarkupKind.Markdown, value }, range: use.range };
  }
  const declared = symbol.kind === 'global-arg' ? symbol.arg : symbol.declaration;
  const keyword = symbol.kind === 'global-arg' ? 'ARG' : symbol.declaration.kind.toUpperCase();
  const value = symbol.kind === 'global-arg' ? symbol.arg.defaultValue : symbol.declaration.value;
  const evaluation = symbol.kind === 'global-arg' ? globalArgEvaluation(model, symbol.arg) : lookupDeclaration(model, symbol.stage.index, symbol.declaration).evaluation;
  const expanded = value === undefined ? '' : valueSuffix(valueText(evaluation), value).replace(/^ = /, ' → ');
  const where = symbol.kind === 'global-arg' ? 'before the first FROM: visible in FROM lines, and in stages that declare it again' : `in stage ${stageLabel(symbol.stage)}`;
  const uses = usesOf(model, declared);
  const lines = [
    `**${keyword} ${declared.name}**${value === undefined ? ' (no default: set with `--build-arg`)' : ` = \`${value}\`${expanded}`}, ${where}`,
    uses.length === 0 ? 'Not used.' : `Used on line${uses.length === 1 ? '' : 's'} ${uses.map(({ stage, use }) => `${use.nameRange.start.line + 1} (${stageLabel(stage)})`).join(', ')}`,
  ];
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: declared.nameRange };
}

/**
 * `$X` in CMD, ENTRYPOINT or HEALTHCHECK: BuildKit keeps the text (their commands expand no word), so the
 * container's shell reads X from the container's environment: the image's ENV, which `docker run -e` may change; an
 * ARG is not in it. In the exec form no shell runs: `$X` stays as written.
 */
function runtimeText(model: StageModel, stage: Stage, use: VariableUse, lookup: VariableLookup): string {
  const heading = `**$${use.name}**`;
  const instruction = stage.instructions.find((i) => i.range.start.line === use.instructionLine);
  if (instruction?.buildkit?.json) return `${heading} stays as written: the exec form (\`${use.keyword} [...]\`) runs no shell.`;
  const when = use.keyword === 'HEALTHCHECK' ? 'each time the check runs' : 'when the container starts';
  const env = lookup.chain[0]?.kind === 'env' ? lookup.chain[0] : undefined;
  const from = env
    ? `the image's ENV sets it${valueSuffix(valueText(lookupDeclaration(model, env.stage, env.declaration).evaluation))} (line ${env.declaration.instructionLine + 1}), which \`docker run -e ${use.name}=…\` may change`
    : `${lookup.chain.length > 0 ? 'an ARG is not in the container\'s environment: ' : ''}it is what the base image's ENV or \`docker run -e ${use.name}=…\` sets`;
  return `${heading} is read by the container's shell ${when}, not by the build: ${from}.`;
}

/**
 * What the workspace's build files pass for the variable to the targets that build this stage: a build arg
 * sets the first ARG the use binds to (an ENV in between keeps its own value).
 */
function buildArgLines({ reachability }: FeatureContext, stage: Stage, lookup: VariableLookup): string[] {
  const first = lookup.chain[0];
  if (!first || (first.kind !== 'arg' && first.kind !== 'global-arg')) return [];
  return (reachability.builtBy[stage.index] ?? [])
    .filter((target) => target.args?.[lookup.name] !== undefined)
    .map((target) => `- ${target.origin} sets \`${target.args![lookup.name]}\` for target \`${target.name}\``);
}

function useText(model: StageModel, lookup: VariableLookup, inFrom: boolean): string {
  const { name } = lookup;
  const maybe = lookup.chain.length === 0 && !inFrom ? lookup.possibleOrigins : [];
  if (maybe.length > 0) {
    const setters = maybe.map((setter) => `stage ${stageLabel(model.stages[setter.stage])} sets it (line ${setter.declaration.instructionLine + 1})`).join(', ');
    return `**$${name}** depends on the stage this one is built on, which a FROM built from ARGs chooses: ${setters}; built on another, nothing in this file sets it.`;
  }
  if (lookup.chain.length === 0) return notSet(model, lookup, inFrom);
  const heading = `**$${name}**${valueSuffix(valueText(lookup.evaluation))}`;
  return [heading, ...lookup.chain.map((origin) => `- ${originText(model, origin)}`)].join('\n\n');
}

/** ` = \`value\`` for one value (none when it is `written` itself), ` — depends on ...` where the build decides. */
function valueSuffix(text: ValueText, written?: string): string {
  if (text.kind === 'value') return text.value === written ? '' : ` = ${code(text.value)}`;
  return text.kind === 'depends' ? ` — ${text.text}` : '';
}

/** What a global ARG's default expands to (the ARGs before it and BuildKit's automatic ones). */
function globalArgEvaluation(model: StageModel, arg: GlobalArg): Evaluation {
  const index = model.globalArgs.indexOf(arg);
  return evaluateBinding(globalScope(model.globalArgs, index + 1)(arg.name), model.escapeCharacter);
}

export function originText(model: StageModel, origin: VariableOrigin): string {
  switch (origin.kind) {
    case 'automatic':
      return `set by BuildKit: ${AUTOMATIC_ARGS.get(origin.name)}`;
    case 'global-arg':
      return `global ARG line ${origin.arg.range.start.line + 1}${origin.arg.defaultValue === undefined ? ', no default (`--build-arg`)' : ` = \`${origin.arg.defaultValue}\``}`;
    default: {
      const { declaration } = origin;
      const value = declaration.value === undefined ? (origin.kind === 'arg' ? ', no default' : '') : ` = \`${declaration.value}\``;
      return `${origin.kind.toUpperCase()} in stage ${stageLabel(model.stages[origin.stage])}, line ${declaration.instructionLine + 1}${value}`;
    }
  }
}

/**
 * A name nothing in scope declares: a global or automatic ARG outside FROM lines is out of scope; another name is
 * not set by this Dockerfile, which is no claim that it is empty where the base image's ENV may set it (PATH, which
 * BuildKit sets where the image has none; `GOPATH` on the golang images).
 */
function notSet(model: StageModel, lookup: VariableLookup, inFrom: boolean): string {
  const { name } = lookup;
  const heading = `**$${name}** is not in scope here`;
  if (inFrom) return `${heading}: FROM lines see global ARGs (declared before the first FROM) and BuildKit's automatic ones only.`;
  const global = model.globalArgs.some((arg) => arg.name === name);
  if (global || AUTOMATIC_ARGS.has(name)) {
    return `${heading}: ${global ? 'the global ARG' : 'BuildKit\'s automatic ARG'} is visible in FROM lines only; declare \`ARG ${name}\` in this stage to use it.`;
  }
  if (!lookup.fromBaseImage) return name === 'PATH' ? `**$PATH**${valueSuffix(valueText(lookup.evaluation))}: set by BuildKit, as the stage's image has no PATH.` : `**$${name}** is not set here: it is empty.`;
  if (name === 'PATH') return '**$PATH** is the base image\'s PATH (BuildKit sets a default where the image has none): no ENV of this stage or the stages it is built FROM sets it.';
  return `**$${name}** is not set by this Dockerfile: no ARG or ENV of this stage or the stages it is built FROM sets it; the base image's ENV may.`;
}
