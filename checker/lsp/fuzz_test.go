package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// panicLog records whether the server logged a recovered panic, which the
// fuzz test counts as a failure: the server must not need its safety net.
type panicLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *panicLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func frame(body string) string {
	return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

func frames(msgs ...any) string {
	var b strings.Builder
	for _, m := range msgs {
		body, _ := json.Marshal(m)
		b.WriteString(frame(string(body)))
	}
	return b.String()
}

// FuzzServe feeds the server arbitrary bytes after an initialize: framing,
// JSON and params may all be broken. The server must neither panic (not
// even one it recovers from) nor hang.
func FuzzServe(f *testing.F) {
	uri := "file:///tmp/f.md"
	doc := map[string]any{"uri": uri}
	f.Add(frames(
		map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": "# 😀\n\nIt came more early , and the the end.\n"}}},
		map[string]any{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2}, "contentChanges": []any{map[string]any{"range": Range{Position{2, 3}, Position{2, 9}}, "text": "日本"}}}},
		map[string]any{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": map[string]any{"textDocument": doc, "range": Range{Position{2, 0}, Position{2, 40}}, "context": map[string]any{"only": []string{"quickfix"}}}},
		map[string]any{"jsonrpc": "2.0", "id": "h", "method": "textDocument/hover", "params": map[string]any{"textDocument": doc, "position": Position{2, 12}}},
		map[string]any{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": map[string]any{"id": 2}},
		map[string]any{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": map[string]any{"settings": map[string]any{"mtlint": map[string]any{"minSeverity": "error", "documentLanguages": map[string]string{"rst": "text"}}}}},
		map[string]any{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": map[string]any{"textDocument": doc}},
		map[string]any{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": map[string]any{"textDocument": doc}},
		map[string]any{"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
		map[string]any{"jsonrpc": "2.0", "method": "exit"},
	))
	f.Add(frame(`{"jsonrpc":"2.0","id":1,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"x"},"range":{"start":{"line":-1,"character":-5},"end":{"line":99,"character":1e9}}}}`))
	f.Add(frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"u","languageId":"html","version":1,"text":"<p>a ,b</p>"}}}`) + frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"u","version":0},"contentChanges":[{"range":{"start":{"line":0,"character":9},"end":{"line":0,"character":2}},"text":"x"}]}}`))
	f.Add("Content-Length: 5\r\n\r\n{}{}{Content-Length: -1\r\n\r\n")
	f.Add(frame(`{"jsonrpc":"2.0","id":null,"method":"initialize"}`) + frame(`{"id":1.5e300,"method":"textDocument/hover","params":null}`))
	init := frames(map[string]any{"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": map[string]any{"capabilities": map[string]any{}}})
	f.Fuzz(func(t *testing.T, data string) {
		var log panicLog
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			done <- Serve(ctx, strings.NewReader(init+data), io.Discard, Options{NoConfig: true, Debounce: time.Millisecond, Log: &log})
		}()
		select {
		case <-done:
		case <-time.After(25 * time.Second):
			t.Fatal("Serve did not return at the end of its input")
		}
		log.mu.Lock()
		defer log.mu.Unlock()
		if strings.Contains(log.buf.String(), "internal error") {
			t.Fatalf("a recovered panic: %s", log.buf.String())
		}
	})
}
