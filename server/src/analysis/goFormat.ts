// BuildKit words its errors with Go's fmt: messages that quote a name repeat it as `%q` does.

/** Go's `%q` (strconv.Quote) for printable text: backslashes and double quotes escaped, control characters too. */
export function goQuote(text: string): string {
  const escaped = text.replace(/[\\"]/g, '\\$&').replace(/[\u0000-\u001f\u007f]/g, (c) => CONTROL[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `"${escaped}"`;
}

const CONTROL: Readonly<Record<string, string>> = { '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u000b': '\\v' };
