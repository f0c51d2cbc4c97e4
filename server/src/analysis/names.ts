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
