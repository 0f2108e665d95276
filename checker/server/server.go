// Package server is mtlint over HTTP: a LanguageTool-compatible API
// (/v2/check, /v2/languages, /v2/info, /v2/healthcheck), so that the
// writing tools that talk to a LanguageTool server (browser add-ons, editor
// plugins, gramma) check for machine-translation artifacts with no new
// plugin, and mtlint's own API (/api/v1/check answering with the JSON report
// of mtlint check --format json, /api/v1/rules, /healthz, /metrics).
//
// It holds no checking logic: every request is checked by a checker.Checker
// built from the same checker.Config as the command line's. Positions are
// bytes inside the library; this front door converts them at its edge, to
// UTF-16 code units for LanguageTool clients (Java strings count them).
//
// It stays up under load: checks run on a fixed pool of workers behind a
// bounded queue (a request beyond it gets 503 at once), each request has a
// deadline, texts and bodies have maximum sizes, and Run shuts down
// gracefully, finishing the requests in flight. It never reads a file or
// fetches a URL on a request's behalf.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
)

// Defaults of Options and of mtlint serve's flags.
const (
	// DefaultListen is LanguageTool's default address.
	DefaultListen = "127.0.0.1:8081"
	// DefaultMaxTextLength is the most characters (UTF-16 code units) of
	// one text.
	DefaultMaxTextLength = 100_000
	// DefaultMaxBody is the most bytes of one request body: room for a
	// text of DefaultMaxTextLength characters percent-encoded.
	DefaultMaxBody = 2 << 20
	// DefaultQueue is the number of checks that may wait for a worker.
	DefaultQueue = 64
	// DefaultTimeout is the longest a request waits for its check.
	DefaultTimeout = 10 * time.Second
)

// Options configure a Server.
type Options struct {
	// Config is the checker configuration every request is checked with:
	// the command line's, merged with the .mtlint.yml of the folder mtlint
	// serve runs in. Its Rules are the rules requests may enable (nil: the
	// built-in ones).
	Config checker.Config
	// Version is mtlint's version, shown in software.version and /v2/info.
	Version string
	// MaxTextLength is the most characters (UTF-16 code units, as
	// LanguageTool counts them) of one text; zero means
	// DefaultMaxTextLength. A longer text gets 413.
	MaxTextLength int
	// MaxBody is the most bytes of a request body; zero means
	// DefaultMaxBody. A larger body gets 413.
	MaxBody int64
	// Workers is the number of checks run at once; zero means the number
	// of CPUs.
	Workers int
	// Queue is the number of checks that may wait for a free worker; a
	// request beyond them gets 503 at once. Zero means none wait.
	Queue int
	// Timeout is the longest a request waits for its check, queue
	// included; zero means DefaultTimeout. A request past it gets 500, as
	// LanguageTool answers.
	Timeout time.Duration
	// AllowOrigin is sent as Access-Control-Allow-Origin so that pages of
	// that origin may call the server from a browser: "*" for any, or a
	// comma-separated list of origins, of which the one a request comes
	// from is sent back. Empty sends no CORS header.
	AllowOrigin string
	// RuleURL, when set, is a link to a page about a rule that clients
	// show as "more information" (rule.urls): "{rule}" in it is replaced
	// by the rule's ID, such as https://docs.example.org/rules#{rule}.
	RuleURL string
	// Logger gets one access log record a request (never the text); nil
	// logs nothing.
	Logger *slog.Logger
	// Registry is where the metrics are registered; nil means a new
	// registry of the server's own (never the global one).
	Registry *prometheus.Registry
}

// Server answers mtlint's HTTP API and LanguageTool's. It is an
// http.Handler; Run serves it on a listener until its context ends.
type Server struct {
	opt      Options
	checkers *checkers
	pool     *pool
	metrics  *metrics
	log      *slog.Logger
	origins  []string // AllowOrigin split; nil when CORS is off
}

// New returns a Server for opt. The error is a configuration that
// checker.New refuses.
func New(opt Options) (*Server, error) {
	if opt.MaxTextLength <= 0 {
		opt.MaxTextLength = DefaultMaxTextLength
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	opt.Queue = max(opt.Queue, 0)
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Version == "" {
		opt.Version = "dev"
	}
	cs, err := newCheckers(opt.Config)
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, checkers: cs, log: opt.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	for o := range strings.SplitSeq(opt.AllowOrigin, ",") {
		if o = strings.TrimSpace(o); o != "" {
			s.origins = append(s.origins, o)
		}
	}
	s.pool = newPool(opt.Workers, opt.Queue)
	reg := opt.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
		// go_goroutines, go_memstats_*, process_resident_memory_bytes: what
		// tools/loadtest reads to see that a load leaves nothing behind.
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	s.metrics = newMetrics(reg, s.pool)
	return s, nil
}

// Options returns the options the server runs with, defaults filled in.
func (s *Server) Options() Options { return s.opt }

// Rules returns the rules a request may enable, in run order.
func (s *Server) Rules() []*rules.Rule { return s.checkers.all }

// Close stops the workers once the checks queued have run. Call it after
// the last request has been answered (Run does).
func (s *Server) Close() { s.pool.close() }

// Run serves s on ln until ctx ends, then shuts down gracefully: it stops
// accepting connections, lets the requests in flight finish (for at most
// the request timeout and a few seconds more), closes idle connections and
// stops the workers. It returns nil after a shutdown that ctx asked for.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer()
	dl := &drainListener{Listener: ln}
	conns := newConnCount()
	hs.ConnState = conns.track
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(dl) }()
	select {
	case err := <-errc:
		s.Close()
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down: finishing the requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), s.opt.Timeout+5*time.Second)
	defer cancel()
	drained, serr := drain(sctx, hs, dl, conns, errc)
	err := hs.Shutdown(sctx)
	if !drained {
		serr = <-errc
	}
	if serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	s.Close()
	if err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	s.log.Info("shut down")
	return nil
}

// HTTPServer returns an http.Server for s with the timeouts that keep slow
// clients from holding connections: headers must come within 10 seconds,
// the body within the request timeout and 30 seconds more, and an idle
// keep-alive connection is closed after 2 minutes.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.opt.Timeout + 30*time.Second,
		WriteTimeout:      2*s.opt.Timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// route names the handler of a path, for metrics and logs: a fixed set, so
// that unknown paths do not grow the label values.
func route(path string) string {
	switch path {
	case "/v2/check", "/v2/languages", "/v2/info", "/v2/healthcheck",
		"/api/v1/check", "/api/v1/rules", "/healthz", "/metrics":
		return path
	}
	return "other"
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	name := route(r.URL.Path)
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(p))
			if !rec.wrote {
				ltError(rec, http.StatusInternalServerError, "Internal Error: "+fmt.Sprint(p))
			}
		}
		d := time.Since(start)
		s.metrics.observe(name, rec.status, d)
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"bytes", rec.bytes, "duration_ms", float64(d.Microseconds())/1000, "remote", r.RemoteAddr,
			"user_agent", r.UserAgent())
	}()
	s.cors(rec, r)
	if r.Method == http.MethodOptions {
		rec.WriteHeader(http.StatusNoContent)
		return
	}
	switch name {
	case "/v2/check":
		s.ltCheck(rec, r)
	case "/v2/languages":
		s.getOnly(rec, r, s.ltLanguages)
	case "/v2/info":
		s.getOnly(rec, r, s.ltInfo)
	case "/v2/healthcheck":
		s.getOnly(rec, r, s.ltHealth)
	case "/api/v1/check":
		s.nativeCheck(rec, r)
	case "/api/v1/rules":
		s.getOnly(rec, r, s.nativeRules)
	case "/healthz":
		s.getOnly(rec, r, s.healthz)
	case "/metrics":
		s.getOnly(rec, r, s.metrics.handler.ServeHTTP)
	default:
		action := strings.TrimPrefix(r.URL.Path, "/")
		if rest, ok := strings.CutPrefix(r.URL.Path, "/v2/"); ok {
			action = rest
		}
		ltError(rec, http.StatusNotFound, fmt.Sprintf("Unsupported action: '%s'. mtlint serves /v2/check, /v2/languages, /v2/info, /v2/healthcheck, /api/v1/check, /api/v1/rules, /healthz and /metrics", clip(action, 100)))
	}
}

// getOnly runs h for GET and HEAD, and answers 400 otherwise, as
// LanguageTool does.
func (s *Server) getOnly(w http.ResponseWriter, r *http.Request, h http.HandlerFunc) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		ltError(w, http.StatusBadRequest, r.URL.Path+" needs to be called with GET")
		return
	}
	h(w, r)
}

// cors sets the CORS headers when AllowOrigin allows the request's origin.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) {
	if len(s.origins) == 0 {
		return
	}
	origin := r.Header.Get("Origin")
	allow := ""
	for _, o := range s.origins {
		if o == "*" {
			allow = "*"
			break
		}
		if origin != "" && strings.EqualFold(o, origin) {
			allow = origin
		}
	}
	h := w.Header()
	if len(s.origins) > 1 || allow != "*" {
		h.Add("Vary", "Origin")
	}
	if allow == "" {
		return
	}
	h.Set("Access-Control-Allow-Origin", allow)
	if r.Method == http.MethodOptions {
		h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			h.Set("Access-Control-Allow-Headers", req)
		}
		h.Set("Access-Control-Max-Age", "600")
	}
}

// ltError answers with LanguageTool's error form: the status and the plain
// text "Error: " and the message.
func ltError(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte("Error: " + msg))
}

// recorder keeps the status and size of a response for the access log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// pool runs checks on a fixed number of workers, with a bounded queue:
// a job takes one of workers+queue slots, or is refused, and gives it back
// when it has run, so that a worker between two jobs never makes a job wait
// or fail.
type pool struct {
	slots   chan struct{} // a token for each job queued or running
	jobs    chan func()
	wg      sync.WaitGroup
	mu      sync.RWMutex // closed and the closing of jobs
	closed  bool
	running atomic.Int64 // jobs running now
}

func newPool(workers, queue int) *pool {
	p := &pool{slots: make(chan struct{}, workers+queue), jobs: make(chan func(), workers+queue)}
	p.wg.Add(workers)
	for range workers {
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				p.running.Add(1)
				job()
				p.running.Add(-1)
				<-p.slots
			}
		}()
	}
	return p
}

// submit queues job, or returns false at once when every worker is busy
// and the queue is full.
func (p *pool) submit(job func()) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return false
	}
	select {
	case p.slots <- struct{}{}:
		p.jobs <- job // never blocks: jobs has room for every slot
		return true
	default:
		return false
	}
}

// waiting is the number of jobs in the queue, not yet running.
func (p *pool) waiting() int { return max(0, len(p.slots)-int(p.running.Load())) }

// close stops the workers after the queued jobs have run.
func (p *pool) close() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.jobs)
	}
	p.mu.Unlock()
	p.wg.Wait()
}

// errQueueFull and errTimeout are why run did not run a check.
var (
	errQueueFull = errors.New("queue full")
	errTimeout   = errors.New("timeout")
)

// run runs check on the pool and waits for it until the request's timeout.
// It returns errQueueFull when the queue is full, errTimeout when the
// timeout passed first, or the context's error when the client went away.
// A check that has not started when the request ends is not run.
func (s *Server) run(ctx context.Context, check func()) error {
	done := make(chan struct{})
	ctx, cancel := context.WithTimeout(ctx, s.opt.Timeout)
	defer cancel()
	ok := s.pool.submit(func() {
		defer close(done)
		if ctx.Err() != nil {
			return
		}
		check()
	})
	if !ok {
		return errQueueFull
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return errTimeout
		}
		return ctx.Err()
	}
}

// runError answers for an error of run, in LanguageTool's words.
func (s *Server) runError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, errQueueFull):
		s.metrics.rejected.Inc()
		ltError(w, http.StatusServiceUnavailable, "There are currently too many parallel requests. Please try again later.")
	case errors.Is(err, errTimeout):
		ltError(w, http.StatusInternalServerError, fmt.Sprintf("Checking took longer than %g seconds, which is this server's limit. Please make sure you have selected the proper language or consider submitting a shorter text.", s.opt.Timeout.Seconds()))
	default: // the client went away; nobody reads this
		ltError(w, 499, "request cancelled")
	}
}
