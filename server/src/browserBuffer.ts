// dockerfile-ast asks Node's `Buffer` whether a text starts with a byte order mark, on every parse (util.js
// `isUTF8BOM(char)`: `Buffer.from(char, 'UTF-8')`). A browser worker has no `Buffer`: this is the UTF-8 encoding
// that call needs, injected by scripts/build.mjs into the worker's bundle only.
export const Buffer = { from: (text: string): Uint8Array => new TextEncoder().encode(text) };
