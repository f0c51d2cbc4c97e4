// The one part of jsdom the Mermaid test uses (test/cli/mermaid.test.ts); jsdom ships no types of its own.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string);
    readonly window: unknown;
  }
}
