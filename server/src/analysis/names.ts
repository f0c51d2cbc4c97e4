// BuildKit's rules for stage names (instructions/parse.go).

const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
export const RESERVED_STAGE_NAMES: readonly string[] = ['scratch', 'context'];

/** BuildKit lower-cases a stage name when it parses FROM ... AS name. */
export function normalizeStageName(name: string): string {
  return name.toLowerCase();
}

export function isValidStageName(name: string): boolean {
  return VALID_STAGE_NAME.test(normalizeStageName(name));
}

export function isReservedStageName(name: string): boolean {
  return RESERVED_STAGE_NAMES.includes(normalizeStageName(name));
}

export function isStageIndex(text: string): boolean {
  return /^[0-9]+$/.test(text);
}

/**
 * How every view names a stage: its name as written, else `#3 (unnamed)`, as the inlay hint after its FROM says
 * (`#3`): an unnamed stage is built by index only (`--from=3`), never as `--target`.
 */
export function stageLabel(stage: { readonly index: number; readonly name?: { readonly text: string } }): string {
  return stage.name?.text ?? `#${stage.index} (unnamed)`;
}
