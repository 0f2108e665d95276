package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// MaxMessage is the largest message body read, in bytes; a larger one is
// skipped with a log message. It leaves room for a document of about 100 MB
// once JSON escaping has grown it.
const MaxMessage = 256 << 20

// The JSON-RPC 2.0 and LSP error codes the server answers with.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
	codeRequestCancelled     = -32800
)

// rpcError is the error of a response.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// message is any JSON-RPC message as read: a request (ID and Method), a
// notification (Method alone) or a response (ID alone).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// isRequest tells a request (which gets a response) from a notification.
func (m *message) isRequest() bool { return m.Method != "" && len(m.ID) > 0 }

// validID reports whether id is what JSON-RPC allows a request's id to be: a
// number or a string.
func validID(id json.RawMessage) bool {
	if len(id) == 0 {
		return false
	}
	switch id[0] {
	case '"':
		var s string
		return json.Unmarshal(id, &s) == nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n json.Number
		return json.Unmarshal(id, &n) == nil
	}
	return false
}

// errSkipped is the error of readMessage for a message that was malformed
// at the framing level and skipped; reading may go on.
var errSkipped = errors.New("malformed message skipped")

// reader reads the base protocol: header lines, an empty line, and a body of
// Content-Length bytes.
type reader struct {
	r *bufio.Reader
}

func newReader(r io.Reader) *reader { return &reader{r: bufio.NewReaderSize(r, 64<<10)} }

// read returns the next message body. It returns io.EOF at the end of the
// input (a truncated message included), and an error wrapping errSkipped for a
// header block without a usable Content-Length or a body over MaxMessage:
// the block or the body is consumed so that the next message can be read.
func (r *reader) read() ([]byte, error) {
	length, sawHeader, bad := -1, false, ""
	for {
		line, err := r.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// a header line longer than the buffer: skip to its end
			for err == bufio.ErrBufferFull {
				_, err = r.r.ReadSlice('\n')
			}
			bad = "header line too long"
		}
		if err != nil {
			return nil, io.EOF
		}
		s := strings.TrimRight(string(line), "\r\n")
		if s == "" {
			if !sawHeader {
				continue // stray blank lines between messages
			}
			break
		}
		sawHeader = true
		name, value, ok := strings.Cut(s, ":")
		if !ok {
			bad = fmt.Sprintf("header line %q has no colon", s)
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				bad = fmt.Sprintf("Content-Length %q", strings.TrimSpace(value))
				continue
			}
			length = n
		}
	}
	if length < 0 {
		if bad == "" {
			bad = "no Content-Length"
		}
		return nil, fmt.Errorf("%w: %s", errSkipped, bad)
	}
	if length > MaxMessage {
		if _, err := io.CopyN(io.Discard, r.r, int64(length)); err != nil {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("%w: a body of %d bytes, over the limit of %d", errSkipped, length, MaxMessage)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r.r, body); err != nil {
		return nil, io.EOF
	}
	return body, nil
}

// outbox writes messages with their header, in the order they were sent,
// from a goroutine of its own: a handler never blocks on a client that is
// slow to read, and a publication queued under the server's lock keeps its
// place in the order.
type outbox struct {
	w       io.Writer
	mu      sync.Mutex
	queue   [][]byte
	closed  bool
	wake    chan struct{}
	drained chan struct{}
}

func newOutbox(w io.Writer) *outbox {
	o := &outbox{w: w, wake: make(chan struct{}, 1), drained: make(chan struct{})}
	go o.run()
	return o
}

func (o *outbox) run() {
	defer close(o.drained)
	failed := false
	for {
		o.mu.Lock()
		q, closed := o.queue, o.closed
		o.queue = nil
		o.mu.Unlock()
		for _, b := range q {
			if !failed {
				// after a write error the client is gone: drop the rest
				_, err := o.w.Write(b)
				failed = err != nil
			}
		}
		if closed && len(q) == 0 {
			return
		}
		if len(q) == 0 {
			<-o.wake
		}
	}
}

// send queues v as one message.
func (o *outbox) send(v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// only a value the server built can get here: say so rather
		// than send half a message
		body, _ = json.Marshal(notification{JSONRPC: "2.0", Method: "window/logMessage",
			Params: map[string]any{"type": 1, "message": "mtlint: internal error: " + err.Error()}})
	}
	var b bytes.Buffer
	b.Grow(len(body) + 32)
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	o.mu.Lock()
	if !o.closed {
		o.queue = append(o.queue, b.Bytes())
	}
	o.mu.Unlock()
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// close writes what is queued and stops; later sends are dropped.
func (o *outbox) close() {
	o.mu.Lock()
	o.closed = true
	o.mu.Unlock()
	select {
	case o.wake <- struct{}{}:
	default:
	}
	<-o.drained
}

// response is a successful answer; Result is always present, null included.
type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

// errorResponse is a failed answer; ID is null when the request's id could
// not be read.
type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *rpcError       `json:"error"`
}

// notification is a message from the server that wants no answer.
type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// request is a request from the server to the client.
type request struct {
	JSONRPC string `json:"jsonrpc"`
	ID      string `json:"id"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

func (o *outbox) reply(id json.RawMessage, result any) {
	o.send(response{JSONRPC: "2.0", ID: id, Result: result})
}

func (o *outbox) replyError(id json.RawMessage, code int, msg string) {
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	o.send(errorResponse{JSONRPC: "2.0", ID: id, Error: &rpcError{Code: code, Message: msg}})
}

func (o *outbox) notify(method string, params any) {
	o.send(notification{JSONRPC: "2.0", Method: method, Params: params})
}
