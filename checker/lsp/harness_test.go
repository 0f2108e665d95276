package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// client is a language client over a pipe, for tests: it sends requests and
// notifications to a server running Serve and collects what comes back.
type client struct {
	t      *testing.T
	in     *io.PipeWriter
	done   chan error
	mu     sync.Mutex
	nextID int
	waits  map[string]chan *message
	notes  chan *message
	cancel context.CancelFunc
}

// startServer runs Serve on pipes and returns the client talking to it,
// initialized with the given initialize params (nil for defaults).
func startServer(t *testing.T, opt Options, initParams map[string]any) *client {
	t.Helper()
	sr, cw := io.Pipe()
	cr, sw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	c := &client{t: t, in: cw, done: make(chan error, 1), waits: map[string]chan *message{}, notes: make(chan *message, 10000), cancel: cancel}
	go func() {
		c.done <- Serve(ctx, sr, sw, opt)
		sw.Close()
	}()
	go c.read(cr)
	t.Cleanup(func() {
		cancel()
		cw.Close()
		select {
		case <-c.done:
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop")
		}
	})
	if initParams == nil {
		initParams = map[string]any{"capabilities": map[string]any{}}
	}
	if _, err := c.request("initialize", initParams); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	c.notify("initialized", map[string]any{})
	return c
}

func (c *client) read(r io.Reader) {
	br := bufio.NewReader(r)
	for {
		length := -1
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				close(c.notes)
				return
			}
			line = strings.TrimRight(line, "\r\n")
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(br, body); err != nil {
			close(c.notes)
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("the server sent invalid JSON: %v: %s", err, body)
			continue
		}
		if m.Method == "" && string(m.ID) != "null" {
			c.mu.Lock()
			ch := c.waits[string(m.ID)]
			delete(c.waits, string(m.ID))
			c.mu.Unlock()
			if ch != nil {
				ch <- &m
			} else {
				c.t.Errorf("a response to no request: %s", body)
			}
			continue
		}
		c.notes <- &m
	}
}

func (c *client) write(v any) {
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.writeRaw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

func (c *client) writeRaw(s string) {
	if _, err := io.WriteString(c.in, s); err != nil {
		c.t.Errorf("write: %v", err)
	}
}

func (c *client) notify(method string, params any) {
	c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// send sends a request and returns the channel its response comes on.
func (c *client) send(method string, params any) (int, chan *message) {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan *message, 1)
	c.waits[strconv.Itoa(id)] = ch
	c.mu.Unlock()
	m := map[string]any{"jsonrpc": "2.0", "id": id, "method": method}
	if params != nil {
		m["params"] = params
	}
	c.write(m)
	return id, ch
}

// request sends a request and waits for its response.
func (c *client) request(method string, params any) (json.RawMessage, error) {
	c.t.Helper()
	_, ch := c.send(method, params)
	select {
	case m := <-ch:
		if m.Error != nil {
			return nil, m.Error
		}
		return m.Result, nil
	case <-time.After(20 * time.Second):
		c.t.Fatalf("no response to %s", method)
	}
	return nil, nil
}

// diagnostics waits for the next publishDiagnostics of uri that ok accepts
// (nil: any), skipping the others, and fails the test after a while.
func (c *client) diagnostics(uri string, ok func(*PublishDiagnosticsParams) bool) *PublishDiagnosticsParams {
	c.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m, open := <-c.notes:
			if !open {
				c.t.Fatalf("the server closed the connection while waiting for diagnostics of %s", uri)
			}
			if m.Method != "textDocument/publishDiagnostics" {
				continue
			}
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Fatal(err)
			}
			if p.URI == uri && (ok == nil || ok(&p)) {
				return &p
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics of %s", uri)
		}
	}
}

// quiet collects the publications of diagnostics that arrive within d.
func (c *client) quiet(d time.Duration) []*PublishDiagnosticsParams {
	var out []*PublishDiagnosticsParams
	timeout := time.After(d)
	for {
		select {
		case m, open := <-c.notes:
			if !open {
				return out
			}
			if m.Method == "textDocument/publishDiagnostics" {
				var p PublishDiagnosticsParams
				if err := json.Unmarshal(m.Params, &p); err != nil {
					c.t.Fatal(err)
				}
				out = append(out, &p)
			}
		case <-timeout:
			return out
		}
	}
}

func (c *client) open(uri, lang, text string, version int) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": lang, "version": version, "text": text}})
}

func (c *client) change(uri, text string, version int) {
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []map[string]any{{"text": text}},
	})
}

// utf16Col is the column of byte offset off in text, in UTF-16 code units
// from the start of its line, computed independently of the package.
func utf16Col(text string, off int) (line, col int) {
	before := text[:off]
	line = strings.Count(before, "\n")
	lineStart := strings.LastIndex(before, "\n") + 1
	return line, len(utf16.Encode([]rune(text[lineStart:off])))
}

// applyUTF16 applies LSP text edits in UTF-16 positions to text, as an
// editor does, independently of the package's conversion.
func applyUTF16(t *testing.T, text string, edits []TextEdit) string {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	offset := func(p Position) int {
		off := 0
		for i := 0; i < p.Line && i < len(lines); i++ {
			off += len(lines[i])
		}
		if p.Line >= len(lines) {
			return len(text)
		}
		units := utf16.Encode([]rune(lines[p.Line]))
		if p.Character > len(units) {
			t.Fatalf("position %+v past the line's end", p)
		}
		return off + len(string(utf16.Decode(units[:p.Character])))
	}
	// apply from the last edit back, so that earlier positions stay valid
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		s, en := offset(e.Range.Start), offset(e.Range.End)
		text = text[:s] + e.NewText + text[en:]
	}
	return text
}
