// Package lsp is mtlint's language server: `mtlint lsp` speaks the Language
// Server Protocol (3.17) over standard input and output, so that editors
// underline the artifacts of machine translation as an article is written and
// offer its fixes under the cursor.
//
// It holds no rules and no checking logic: each document is checked by the
// checker that its .mtlint.yml files give it (checker/config, as the command
// line finds them), with the editor's settings applied last. Positions are
// bytes inside the library and are converted here, at the edge, to the
// client's unit: UTF-16 code units unless the client offers UTF-8
// (general.positionEncodings).
//
// What it does:
//   - documents of language plaintext, markdown and html (others by the
//     documentLanguages setting), synced in full, are checked on open and on
//     save at once and on change after a debounce; a check that a newer
//     change supersedes is cancelled before it starts, or its result dropped,
//     so that diagnostics are never published for an older version than the
//     buffer's; diagnostics are cleared on close and on shutdown;
//   - code actions are computed from the server's own diagnostics that
//     overlap the requested range, never from those the client echoes: a
//     quick fix per suggestion (the first preferred), "fix all safe findings"
//     (the fixes of `mtlint fix`), and, in Markdown and HTML, "ignore this
//     rule here" with an mtlint-disable-next-line comment;
//   - hover shows a finding's explanation and suggestions; a document-level
//     diagnostic shows the MT-likelihood score and the source-language hint
//     when the score reaches the settings' threshold;
//   - configuration files are read again when the client says one changed
//     (workspace/didChangeWatchedFiles, or a save of one open in the editor).
//
// The JSON-RPC layer is the package's own (about 200 lines): it answers a
// malformed message with an error instead of dropping the connection, cancels
// requests by id of either type, and brings in no dependency.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/config"
	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/rules/language/langid"
)

// Options say how a server checks documents.
type Options struct {
	// Base is the checker configuration that every document's starts from:
	// the rules to choose from (nil: the built-in ones) and what the
	// command line adds. The editor's settings are applied after it.
	Base checker.Config
	// ConfigFile, when set, is the configuration file for every document
	// instead of those found from each document's folder; NoConfig reads
	// none.
	ConfigFile string
	NoConfig   bool
	// Dir is the folder of documents that are not files (untitled
	// buffers); empty means the workspace root the client gives, else the
	// process's working folder.
	Dir string
	// Log receives the server's messages for people (stderr); nil
	// discards them.
	Log io.Writer
	// Debounce, when not zero, replaces DefaultDebounce as the wait before
	// checking a changed document, unless the editor's settings say.
	Debounce time.Duration
	// Languages are the language identification codes to use when
	// neither the settings nor a configuration file gives them; nil means
	// langid.DefaultLanguages.
	Languages []string
}

// ErrNoShutdown is the error of Serve when the client sent exit without
// shutdown first: the protocol asks for exit code 1 then.
var ErrNoShutdown = errors.New("exit without shutdown")

// server states
const (
	stateNew = iota
	stateRunning
	stateShutdown
	stateExited
)

type server struct {
	opt Options
	out *outbox

	mu           sync.Mutex
	state        int
	unit         document.Unit
	encoding     string
	root         string
	settings     Settings
	disp         *config.Dispatcher
	docs         map[string]*doc
	requests     map[string]context.CancelFunc
	hoverMD      bool
	watchDynamic bool
	nextID       int

	ctx    context.Context
	cancel context.CancelFunc
	sem    chan struct{}
}

// doc is an open document.
type doc struct {
	uri, path string
	format    markup.Format
	// checked is false for documents of a language the server leaves
	// alone: they are kept (a setting may add their language) but not
	// checked.
	checked bool
	langID  string
	text    string
	version int
	// gen counts the changes of text, configuration and settings: a check
	// publishes only when the document's gen is still the one it started
	// with.
	gen    uint64
	timer  *time.Timer
	cancel context.CancelFunc
	// last is the latest check of the document, fresh when last.gen ==
	// gen.
	last *snapshot
}

// Serve runs a language server reading messages from in and writing to out
// until the client sends exit, in ends, or ctx is done. It returns nil after
// shutdown and exit, or at the end of in; ErrNoShutdown after an exit that no
// shutdown preceded.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opt Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &server{
		opt:      opt,
		out:      newOutbox(out),
		docs:     map[string]*doc{},
		requests: map[string]context.CancelFunc{},
		ctx:      ctx,
		cancel:   cancel,
		// at least two checks at a time, so that a very large document
		// does not hold back a small one opened after it
		sem:      make(chan struct{}, max(2, runtime.GOMAXPROCS(0))),
		unit:     document.UTF16,
		encoding: "utf-16",
	}
	defer s.out.close()
	defer s.drain()
	msgs := make(chan []byte)
	readErr := make(chan error, 1)
	go func() {
		r := newReader(in)
		for {
			body, err := r.read()
			if errors.Is(err, errSkipped) {
				s.logf("%v", err)
				continue
			}
			if err != nil {
				readErr <- err
				return
			}
			select {
			case msgs <- body:
			case <-ctx.Done():
				return
			}
		}
	}()
	for {
		select {
		case body := <-msgs:
			if done, err := s.handle(body); done {
				return err
			}
		case <-readErr:
			s.stop()
			return nil
		case <-ctx.Done():
			s.stop()
			return nil
		}
	}
}

// stop cancels every pending check and request; nothing is published after.
func (s *server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = stateExited
	for _, d := range s.docs {
		d.stop()
	}
	s.cancel()
}

// drain waits for the checks that are running to end: Serve returns only
// once nothing of the server works any more.
func (s *server) drain() {
	for range cap(s.sem) {
		s.sem <- struct{}{}
	}
}

func (d *doc) stop() {
	if d.timer != nil {
		d.timer.Stop()
	}
	if d.cancel != nil {
		d.cancel()
	}
}

func (s *server) logf(format string, args ...any) {
	if s.opt.Log != nil {
		fmt.Fprintf(s.opt.Log, "mtlint lsp: "+format+"\n", args...)
	}
}

// showMessage tells the person at the editor (window/showMessage) and logs.
func (s *server) showMessage(typ int, msg string) {
	s.logf("%s", msg)
	s.out.notify("window/showMessage", map[string]any{"type": typ, "message": "mtlint: " + msg})
}

// message types of window/showMessage
const (
	msgError   = 1
	msgWarning = 2
	msgInfo    = 3
)

// handle handles one message body. done says the server must stop, with err
// the result of Serve.
func (s *server) handle(body []byte) (done bool, err error) {
	var m message
	if e := json.Unmarshal(body, &m); e != nil {
		s.out.replyError(nil, codeParseError, "parse error: "+e.Error())
		return false, nil
	}
	if m.Method == "" {
		if len(m.ID) > 0 && (m.Result != nil || m.Error != nil) {
			return false, nil // a response to one of the server's requests
		}
		s.out.replyError(idOrNull(m.ID), codeInvalidRequest, "not a request, notification or response")
		return false, nil
	}
	if len(m.ID) > 0 && !validID(m.ID) {
		s.out.replyError(nil, codeInvalidRequest, "invalid id "+truncate(string(m.ID), 40))
		return false, nil
	}
	defer func() {
		if r := recover(); r != nil {
			s.logf("internal error handling %s: %v\n%s", m.Method, r, debug.Stack())
			if m.isRequest() {
				s.out.replyError(m.ID, codeInternalError, fmt.Sprintf("internal error: %v", r))
			}
			done, err = false, nil
		}
	}()
	if m.Method == "exit" {
		s.mu.Lock()
		clean := s.state == stateShutdown
		s.mu.Unlock()
		s.stop()
		if !clean {
			return true, ErrNoShutdown
		}
		return true, nil
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case state == stateNew && m.Method != "initialize":
		if m.isRequest() {
			s.out.replyError(m.ID, codeServerNotInitialized, "the server is not initialized")
		}
		return false, nil
	case state == stateShutdown:
		if m.isRequest() {
			s.out.replyError(m.ID, codeInvalidRequest, "the server is shut down")
		}
		return false, nil
	case state == stateRunning && m.Method == "initialize":
		s.out.replyError(m.ID, codeInvalidRequest, "the server is already initialized")
		return false, nil
	}
	if m.isRequest() {
		result, rerr := s.request(&m)
		if rerr != nil {
			var re *rpcError
			if !errors.As(rerr, &re) {
				re = &rpcError{Code: codeInvalidParams, Message: rerr.Error()}
			}
			s.out.replyError(m.ID, re.Code, re.Message)
		} else if result != deferred {
			s.out.reply(m.ID, result)
		}
		return false, nil
	}
	if nerr := s.notification(&m); nerr != nil {
		s.logf("%s: %v", m.Method, nerr)
	}
	return false, nil
}

func idOrNull(id json.RawMessage) json.RawMessage {
	if validID(id) {
		return id
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// deferred is the result of a request that a goroutine answers later.
var deferred = &struct{}{}

// decode reads params into v; a mistake is an InvalidParams error.
func decode(params json.RawMessage, v any) error {
	if len(params) == 0 || isNull(params) {
		return &rpcError{Code: codeInvalidParams, Message: "missing params"}
	}
	if err := json.Unmarshal(params, v); err != nil {
		return &rpcError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
	}
	return nil
}

func (s *server) request(m *message) (any, error) {
	switch m.Method {
	case "initialize":
		return s.initialize(m.Params)
	case "shutdown":
		s.shutdown()
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := decode(m.Params, &p); err != nil {
			return nil, err
		}
		return s.async(m.ID, func(ctx context.Context) (any, error) { return s.codeActions(ctx, &p) })
	case "textDocument/hover":
		var p positionParams
		if err := decode(m.Params, &p); err != nil {
			return nil, err
		}
		return s.async(m.ID, func(ctx context.Context) (any, error) { return s.hover(ctx, &p) })
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: "method not supported: " + m.Method}
}

// async answers the request id from a goroutine with what f returns, so that
// the server keeps reading; $/cancelRequest cancels f's context, and the
// answer is then RequestCancelled.
func (s *server) async(id json.RawMessage, f func(ctx context.Context) (any, error)) (any, error) {
	ctx, cancel := context.WithCancel(s.ctx)
	key := string(id)
	s.mu.Lock()
	s.requests[key] = cancel
	s.mu.Unlock()
	go func() {
		defer func() {
			s.mu.Lock()
			delete(s.requests, key)
			s.mu.Unlock()
			cancel()
			if r := recover(); r != nil {
				s.logf("internal error: %v\n%s", r, debug.Stack())
				s.out.replyError(id, codeInternalError, fmt.Sprintf("internal error: %v", r))
			}
		}()
		result, err := f(ctx)
		switch {
		case ctx.Err() != nil:
			s.out.replyError(id, codeRequestCancelled, "request cancelled")
		case err != nil:
			var re *rpcError
			if !errors.As(err, &re) {
				re = &rpcError{Code: codeInternalError, Message: err.Error()}
			}
			s.out.replyError(id, re.Code, re.Message)
		default:
			s.out.reply(id, result)
		}
	}()
	return deferred, nil
}

func (s *server) notification(m *message) error {
	switch m.Method {
	case "initialized":
		s.registerWatchers()
		return nil
	case "$/cancelRequest":
		var p cancelParams
		if err := decode(m.Params, &p); err != nil {
			return err
		}
		s.mu.Lock()
		if cancel := s.requests[string(p.ID)]; cancel != nil {
			cancel()
		}
		s.mu.Unlock()
		return nil
	case "textDocument/didOpen":
		var p didOpenParams
		if err := decode(m.Params, &p); err != nil {
			return err
		}
		s.didOpen(&p.TextDocument)
		return nil
	case "textDocument/didChange":
		var p didChangeParams
		if err := decode(m.Params, &p); err != nil {
			return err
		}
		return s.didChange(&p)
	case "textDocument/didSave":
		var p didSaveParams
		if err := decode(m.Params, &p); err != nil {
			return err
		}
		s.didSave(&p)
		return nil
	case "textDocument/didClose":
		var p didCloseParams
		if err := decode(m.Params, &p); err != nil {
			return err
		}
		s.didClose(p.TextDocument.URI)
		return nil
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if err := decode(m.Params, &p); err != nil {
			return err
		}
		for _, c := range p.Changes {
			if isConfigName(pathOf(c.URI)) {
				s.reloadAndRecheck()
				break
			}
		}
		return nil
	case "workspace/didChangeConfiguration":
		var p didChangeConfigurationParams
		if len(m.Params) > 0 && !isNull(m.Params) {
			if err := json.Unmarshal(m.Params, &p); err != nil {
				return err
			}
		}
		s.mu.Lock()
		settings, ok, problems := parseSettings(p.Settings, s.settings)
		if ok {
			s.settings = settings
		}
		s.mu.Unlock()
		for _, pr := range problems {
			s.showMessage(msgWarning, pr)
		}
		if ok {
			s.reloadAndRecheck()
		}
		return nil
	}
	return nil // other notifications ($/setTrace, $/progress...) need nothing
}

// initialize reads the client's capabilities, root and settings and answers
// with the server's capabilities.
func (s *server) initialize(params json.RawMessage) (any, error) {
	var p initializeParams
	if len(params) > 0 && !isNull(params) {
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, &rpcError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
		}
	}
	s.mu.Lock()
	if g := p.Capabilities.General; g != nil {
		for _, e := range g.PositionEncodings {
			if e == "utf-8" {
				s.unit, s.encoding = document.UTF8, "utf-8"
				break
			}
		}
	}
	if w := p.Capabilities.Workspace; w != nil && w.DidChangeWatchedFiles != nil {
		s.watchDynamic = w.DidChangeWatchedFiles.DynamicRegistration
	}
	if t := p.Capabilities.TextDocument; t != nil && t.Hover != nil {
		for _, f := range t.Hover.ContentFormat {
			if f == "markdown" {
				s.hoverMD = true
			}
		}
	}
	s.root = s.opt.Dir
	if s.root == "" {
		switch {
		case len(p.WorkspaceFolders) > 0 && pathOf(p.WorkspaceFolders[0].URI) != "":
			s.root = pathOf(p.WorkspaceFolders[0].URI)
		case p.RootURI != nil && pathOf(*p.RootURI) != "":
			s.root = pathOf(*p.RootURI)
		case p.RootPath != nil && *p.RootPath != "":
			s.root = *p.RootPath
		default:
			s.root, _ = os.Getwd()
		}
	}
	if abs, err := filepath.Abs(s.root); err == nil {
		s.root = abs
	}
	s.settings.Debounce = s.opt.Debounce
	settings, ok, problems := parseSettings(p.InitializationOptions, s.settings)
	if ok {
		s.settings = settings
	}
	s.state = stateRunning
	encoding := s.encoding
	s.mu.Unlock()
	for _, pr := range problems {
		s.showMessage(msgWarning, pr)
	}
	s.reload()
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": encoding,
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    1, // full
				"save":      map[string]any{"includeText": false},
			},
			"codeActionProvider": map[string]any{
				"codeActionKinds": []string{kindQuickFix, kindFixAll},
			},
			"hoverProvider": true,
		},
		"serverInfo": map[string]any{"name": "mtlint"},
	}, nil
}

// registerWatchers asks the client to watch the configuration files, when it
// can be asked (dynamic registration); otherwise its own settings decide.
func (s *server) registerWatchers() {
	s.mu.Lock()
	dyn := s.watchDynamic
	s.nextID++
	id := fmt.Sprintf("mtlint-%d", s.nextID)
	s.mu.Unlock()
	if !dyn {
		return
	}
	var watchers []map[string]any
	for _, name := range config.Names {
		watchers = append(watchers, map[string]any{"globPattern": "**/" + name})
	}
	s.out.send(request{JSONRPC: "2.0", ID: id, Method: "client/registerCapability", Params: map[string]any{
		"registrations": []map[string]any{{
			"id": "mtlint-config", "method": "workspace/didChangeWatchedFiles",
			"registerOptions": map[string]any{"watchers": watchers},
		}},
	}})
}

// shutdown clears every document's diagnostics and stops the checks.
func (s *server) shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = stateShutdown
	for uri, d := range s.docs {
		d.stop()
		if d.checked {
			s.publishLocked(uri, nil, []Diagnostic{})
		}
	}
}

// reload builds the checkers of the configuration anew: the files are read
// again, the editor's settings applied last.
func (s *server) reload() {
	s.mu.Lock()
	settings, root := s.settings, s.root
	s.mu.Unlock()

	codes := settings.Languages
	if codes == nil && !s.opt.NoConfig {
		if files, err := config.Current(root, s.opt.ConfigFile); err == nil {
			codes = config.Languages(files)
		}
	}
	if codes == nil {
		codes = s.opt.Languages
	}
	if codes == nil {
		codes = langid.DefaultLanguages
	}
	if err := langid.Configure(codes); err != nil {
		s.showMessage(msgWarning, "languages: "+err.Error())
		_ = langid.Configure(langid.DefaultLanguages)
	}

	base := s.opt.Base
	if settings.MinSeverity != 0 {
		base.MinSeverity = settings.MinSeverity
	}
	base.Enable = append(append([]string(nil), base.Enable...), settings.Enable...)
	base.Disable = append(append([]string(nil), base.Disable...), settings.Disable...)
	opts := config.Options{Base: base, File: s.opt.ConfigFile, NoConfig: s.opt.NoConfig, Dir: root, Log: func(msg string) { s.logf("%s", msg) }}
	d, err := config.New(opts)
	if err != nil && (len(settings.Enable) > 0 || len(settings.Disable) > 0) {
		// a rule the settings name may not exist: say so, and go on
		// without the settings' rule choice
		s.showMessage(msgWarning, "settings: "+err.Error())
		opts.Base.Enable, opts.Base.Disable = s.opt.Base.Enable, s.opt.Base.Disable
		d, err = config.New(opts)
	}
	if err != nil {
		// a mistake in the folder's configuration file: documents
		// whose own configuration is sound are still checked
		// the files are still read for each document, from the top of
		// the file system, so that those under the mistake say so
		s.showMessage(msgError, err.Error())
		opts.Dir = filepath.VolumeName(root) + string(filepath.Separator)
		if d, err = config.New(opts); err != nil {
			opts.NoConfig = true
			d, _ = config.New(opts)
		}
	}
	s.mu.Lock()
	s.disp = d
	s.mu.Unlock()
}

// reloadAndRecheck reloads the configuration and checks every open
// document again at once.
func (s *server) reloadAndRecheck() {
	s.reload()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if f, ok := s.settings.formatOf(d.langID); ok {
			d.format, d.checked = f, true
		} else if d.checked {
			d.checked = false
			d.stop()
			d.gen++
			s.publishLocked(d.uri, nil, []Diagnostic{})
		}
		if d.checked {
			d.gen++
			s.scheduleLocked(d, 0)
		}
	}
}

// pathOf returns the file path of a file: URI, or "" for any other.
func pathOf(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" && len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.FromSlash(p)
}

func isConfigName(path string) bool {
	base := filepath.Base(path)
	for _, n := range config.Names {
		if base == n {
			return true
		}
	}
	return false
}
