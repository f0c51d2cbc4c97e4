#!/usr/bin/env node
// The language server for editors other than VS Code (Neovim, Helix, Emacs, JetBrains through LSP4IJ): the
// bundled dist/server.js, over stdio unless another transport is asked for. Nothing of VS Code is needed.
if (!process.argv.slice(2).some((arg) => /^--(stdio|node-ipc|socket|pipe)/.test(arg))) process.argv.push('--stdio');
require('../dist/server.js');
