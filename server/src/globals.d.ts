// Set by esbuild at build time (scripts/build.mjs) from package.json.
declare const PACKAGE_VERSION: string;
