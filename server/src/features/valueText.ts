// How a value is told where the Dockerfile alone does not decide it (analysis/evaluate.ts): one value as it is,
// else "depends on ..." with what it depends on and, when they are few, the values it may take; never one of
// them as if it were the value. A word BuildKit refuses has no value at all.
import { definiteValue, type Evaluation, type UnknownValue } from '../analysis/evaluate';

/** At most this many possible values are listed; more would read as noise. */
const FEW = 4;

export type ValueText =
  | { readonly kind: 'value'; readonly value: string }
  /** `text`: "depends on X: `a` or `b`"; `values`: the possible values, when they are few and all known. */
  | { readonly kind: 'depends'; readonly text: string; readonly values?: readonly string[] }
  | { readonly kind: 'none' };

/** The evaluation told. */
export function valueText(evaluation: Evaluation): ValueText {
  const value = definiteValue(evaluation);
  if (value !== undefined) return { kind: 'value', value };
  const { values, forms, opaque, dependsOn, errors } = evaluation;
  if (dependsOn.length === 0 || (values.length === 0 && forms.length === 0 && !opaque)) return { kind: 'none' };
  const subject = `depends on ${unknownsText(dependsOn)}`;
  const candidates = [...values.map(code), ...forms.map(code)];
  if (opaque || candidates.length > FEW) return { kind: 'depends', text: subject };
  const fails = errors.length > 0 ? ', or BuildKit refuses it' : '';
  return { kind: 'depends', text: `${subject}: ${orList(candidates)}${fails}`, values: forms.length === 0 && errors.length === 0 ? values : undefined };
}

/** `TARGETARCH`, `VERSION (no default)`, `the base image's PATH`, `the GOOS of the stage `${BASE}` names`, joined. */
function unknownsText(unknowns: readonly UnknownValue[]): string {
  return orList(unknowns.map((unknown) => {
    if (unknown.source === 'build-arg') return `${unknown.name} (no default)`;
    if (unknown.source === 'image') return `the base image's ${unknown.name}`;
    if (unknown.source === 'base-stage') return `the ${unknown.name} of the stage \`${unknown.base}\` names`;
    return unknown.name;
  }), 'and');
}

/** A value in Markdown code, the empty one said as such. */
export function code(value: string): string {
  return value === '' ? '(empty)' : `\`${value.replace(/`/g, "'")}\``;
}

function orList(items: readonly string[], conjunction = 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
