-- Neovim as a second LSP client: starts dist/server.js over stdio, asks for stage completion after
-- `COPY --from=` and for a definition, and exits 0 only if both answers are right.
-- usage: nvim --headless --clean -u NONE -c 'luafile neovim.lua' /path/to/dist/server.js
local server = vim.fn.argv(0)
local lines = { 'FROM golang AS build', 'RUN go build', 'FROM alpine', 'COPY --from= /out /out', 'COPY --from=build /a /a' }
local buf = vim.api.nvim_create_buf(true, false)
vim.api.nvim_buf_set_name(buf, vim.fn.getcwd() .. '/Dockerfile.nvim')
vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
vim.api.nvim_set_current_buf(buf)
vim.bo[buf].filetype = 'dockerfile'

local function finish(ok, message)
  print((ok and 'neovim: PASS ' or 'neovim: FAIL ') .. message)
  vim.cmd(ok and 'qa!' or 'cquit!')
end

local client_id = vim.lsp.start_client({ name = 'dockerfile-stages', cmd = { 'node', server, '--stdio' } })
if not client_id then finish(false, 'could not start the server') end
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)
local uri = vim.uri_from_bufnr(buf)

local function request(method, params)
  local response = client.request_sync(method, params, 10000, buf)
  if not response or response.err then finish(false, method .. ' failed: ' .. vim.inspect(response)) end
  return response.result
end

vim.wait(10000, function() return client.initialized end, 50)
local completion = request('textDocument/completion', { textDocument = { uri = uri }, position = { line = 3, character = 12 } })
local items = completion.items or completion
if #items ~= 1 or items[1].label ~= 'build' then finish(false, 'completion: ' .. vim.inspect(items)) end
local definition = request('textDocument/definition', { textDocument = { uri = uri }, position = { line = 4, character = 14 } })
local target = definition[1].targetSelectionRange or definition[1].range
if target.start.line ~= 0 or target.start.character ~= 15 then finish(false, 'definition: ' .. vim.inspect(definition)) end
finish(true, 'completion offered build; definition went to line 1')
