-- Headless Neovim (0.7 and later) as a client of `mtlint lsp`: it opens
-- files, waits for their diagnostics, prints them, asks for the code actions
-- at a phrase, applies the preferred quick fix and prints the changed line.
-- cmd/mtlint's TestNeovim runs it and compares what it prints with
-- `mtlint check --format json`. Run it by hand with:
--
--   MTLINT_BIN=/path/to/mtlint MTLINT_FILES=article.txt:notes.md MTLINT_FIX_AT="more early" \
--     nvim --headless -u NONE -i NONE -n -c 'luafile testdata/lsp/nvim.lua'
--
-- Output, one line each:
--   diag FILE CODE SEVERITY LINE:COL-LINE:COL utf16 LINE:COL-LINE:COL
--       (lines from 1; COL in bytes as Neovim shows them, from 0; then the
--        range as the server sent it, in UTF-16 code units)
--   action FILE TITLE                 (the actions offered at MTLINT_FIX_AT)
--   fixed FILE LINE-NUMBER TEXT       (the line after the preferred quick fix)
--   stopped                           (the server shut down and exited)

local function say(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

local function fail(msg)
  say('error ' .. msg)
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  vim.cmd('filetype on')
  local bin = assert(os.getenv('MTLINT_BIN'), 'MTLINT_BIN is not set')
  local files = vim.split(assert(os.getenv('MTLINT_FILES'), 'MTLINT_FILES is not set'), ':', { plain = true })
  local fix_at = os.getenv('MTLINT_FIX_AT')
  local raw = {} -- the diagnostics as the server sent them, by URI

  local client_id = vim.lsp.start_client({
    name = 'mtlint',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.getcwd(),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        raw[result.uri] = result.diagnostics
        return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
      end,
    },
  })
  if not client_id then
    fail('the server did not start')
  end

  for _, file in ipairs(files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local buf = vim.api.nvim_get_current_buf()
    local uri = vim.uri_from_bufnr(buf)
    vim.lsp.buf_attach_client(buf, client_id)
    if not vim.wait(20000, function() return raw[uri] ~= nil end, 20) then
      fail('no diagnostics for ' .. file)
    end
    -- the raw diagnostics in the order they came, with Neovim's view of each
    local shown = vim.diagnostic.get(buf)
    table.sort(shown, function(a, b)
      if a.lnum ~= b.lnum then return a.lnum < b.lnum end
      if a.col ~= b.col then return a.col < b.col end
      return tostring(a.code) < tostring(b.code)
    end)
    local byKey = {}
    for _, d in ipairs(raw[uri]) do
      local key = d.range.start.line .. ':' .. tostring(d.code) .. ':' .. d.message
      byKey[key] = byKey[key] or {}
      table.insert(byKey[key], d)
    end
    for _, d in ipairs(shown) do
      local key = d.lnum .. ':' .. tostring(d.code) .. ':' .. d.message
      local r = table.remove(byKey[key] or {}, 1)
      local u16 = '?'
      if r then
        u16 = string.format('%d:%d-%d:%d', r.range.start.line + 1, r.range.start.character,
          r.range['end'].line + 1, r.range['end'].character)
      end
      say(string.format('diag %s %s %d %d:%d-%d:%d utf16 %s', file, tostring(d.code), d.severity,
        d.lnum + 1, d.col, d.end_lnum + 1, d.end_col, u16))
    end

    if fix_at and fix_at ~= '' then
      vim.api.nvim_win_set_cursor(0, { 1, 0 })
      local found = vim.fn.search(vim.fn.escape(fix_at, '\\/.*$^~[]'), 'cW')
      if found == 0 then
        fail(fix_at .. ' not in ' .. file)
      end
      -- the cursor is on the phrase; Neovim makes the range from it
      local params = vim.lsp.util.make_range_params()
      params.context = { diagnostics = {} }
      local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 20000)
      local preferred
      for _, resp in pairs(responses or {}) do
        if resp.err then
          fail('codeAction: ' .. vim.inspect(resp.err))
        end
        for _, a in ipairs(resp.result or {}) do
          say(string.format('action %s %s', file, a.title))
          if a.isPreferred and a.kind == 'quickfix' and not preferred then
            preferred = a
          end
        end
      end
      if not preferred then
        fail('no preferred quick fix at ' .. fix_at .. ' in ' .. file)
      end
      vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
      say(string.format('fixed %s %d %s', file, found, vim.api.nvim_buf_get_lines(buf, found - 1, found, false)[1]))
    end
  end

  vim.lsp.stop_client(client_id)
  if not vim.wait(10000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c == nil or c.is_stopped()
  end, 20) then
    fail('the server did not stop')
  end
  say('stopped')
end)

if not ok then
  fail(tostring(err))
end
vim.cmd('qa!')
