package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Fetcher gets web pages and feeds for checking. Its zero value is ready to
// use with the defaults below. A Fetcher is safe for concurrent use by
// several goroutines, which then share its connections and its per-host
// limit; it must not be copied after its first use, and its fields must not
// change after it.
type Fetcher struct {
	// Client does the requests; nil means one made from the fields below,
	// kept for the Fetcher's life so that connections are reused. A
	// Client without a CheckRedirect gets the MaxRedirects policy.
	Client *http.Client
	// Timeout bounds each try of a request, body included, so that a
	// server that stalls in the middle of a body is given up on; zero
	// means 30 seconds.
	Timeout time.Duration
	// MaxBytes bounds a body after decompression; zero means 20 MB. A
	// larger body is not read beyond the limit and is an error (ErrTooLarge).
	MaxBytes int64
	// MaxRedirects bounds the redirects followed; zero means 5, a negative
	// number none (a redirect is then an HTTP status error).
	MaxRedirects int
	// PerHost bounds the requests under way to one host (as in the URL,
	// port included) at once, across all the goroutines using the Fetcher;
	// zero or less means 2.
	PerHost int
	// Retries is how many times a transient failure (a timeout, a refused
	// or reset connection, HTTP 429, 502, 503 or 504) is tried again, after
	// an exponential backoff with jitter, or as long as Retry-After says up
	// to a minute; zero means 2, a negative number none. Other HTTP errors
	// are never tried again.
	Retries int
	// UserAgent names mtlint to servers; empty means DefaultUserAgent.
	// UserAgentFor makes one with a version.
	UserAgent string

	// backoff is the wait before the first retry, doubled for each next
	// one; zero means defaultBackoff. Tests make it short.
	backoff time.Duration
	// maxRetryAfter caps the wait a Retry-After header asks for; zero
	// means defaultMaxRetryAfter.
	maxRetryAfter time.Duration

	mu     sync.Mutex
	client *http.Client             // made on first use
	hosts  map[string]chan struct{} // a semaphore of PerHost slots a host
}

// The defaults of a Fetcher.
const (
	defaultTimeout       = 30 * time.Second
	defaultMaxBytes      = 20 << 20
	defaultMaxRedirects  = 5
	defaultPerHost       = 2
	defaultRetries       = 2
	defaultBackoff       = 500 * time.Millisecond
	maxBackoff           = 15 * time.Second
	defaultMaxRetryAfter = time.Minute
)

// DefaultUserAgent is the User-Agent of requests unless Fetcher says another.
const DefaultUserAgent = "mtlint (+https://github.com/mtlint/mtlint)"

// UserAgentFor returns the User-Agent of mtlint at version ("v1.2.0"), for
// Fetcher.UserAgent; an empty version gives DefaultUserAgent.
func UserAgentFor(version string) string {
	if version == "" {
		return DefaultUserAgent
	}
	return "mtlint/" + version + " (+https://github.com/mtlint/mtlint)"
}

// accept is the Accept header: pages first, then feeds and anything else.
const accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

// Page is a fetched document.
type Page struct {
	// URL is the address the body came from, after redirects.
	URL string
	// Body is the body, decompressed but not decoded from its charset.
	Body []byte
	// ContentType is the response's Content-Type header.
	ContentType string
	// Status is the HTTP status code.
	Status int
}

// IsURL reports whether a command-line argument is a web address to fetch
// rather than a path.
func IsURL(arg string) bool {
	l := strings.ToLower(arg)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// ErrTooLarge is the error of a body larger than the Fetcher's MaxBytes.
var ErrTooLarge = errors.New("the body is larger than the limit")

// StatusError is the error of a response whose status is not 2xx, for
// callers that tell a missing page (404) from a failing server.
type StatusError struct {
	// URL is the address as given to Fetch.
	URL string
	// Code is the HTTP status code; Status is the status line's text,
	// such as "404 Not Found".
	Code   int
	Status string
	// Final is the address that answered, when redirects led elsewhere.
	Final string
}

// Error says "URL: HTTP 404 Not Found".
func (e *StatusError) Error() string { return e.URL + ": " + e.reason() }

func (e *StatusError) reason() string {
	s := "HTTP " + e.Status
	if e.Final != "" && e.Final != e.URL {
		s += " (redirected to " + e.Final + ")"
	}
	return s
}

// fetchError is a failure to fetch a URL: its message names the URL and says
// what went wrong in a few words, and it wraps the cause for errors.Is.
type fetchError struct {
	url, msg string
	err      error
}

func (e *fetchError) Error() string { return e.url + ": " + e.msg }
func (e *fetchError) Unwrap() error { return e.err }

// redirectError is what the redirect policy returns past MaxRedirects.
type redirectError struct{ max int }

func (e *redirectError) Error() string {
	if e.max == 1 {
		return "more than 1 redirect"
	}
	return fmt.Sprintf("more than %d redirects", e.max)
}

// Fetch gets the page at rawURL, following redirects, trying transient
// failures again, and first waiting for a free slot when PerHost requests to
// its host are under way. The error names the URL and says what went wrong in
// one line ("…: HTTP 404 Not Found", "…: timed out after 30s", "…: more than
// 5 redirects", "…: body larger than 20 MB"); a *StatusError for an HTTP
// status other than 2xx, and ErrTooLarge for a body over MaxBytes, can be
// told with errors.As and errors.Is. When ctx is done, Fetch returns at once:
// with ctx's error, or with the last failure if it was waiting to try again.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	host, err := hostOf(rawURL)
	if err != nil {
		return nil, &fetchError{url: rawURL, msg: err.Error(), err: err}
	}
	client, sem := f.setUp(host)
	retries := f.Retries
	switch {
	case retries == 0:
		retries = defaultRetries
	case retries < 0:
		retries = 0
	}
	for try := 0; ; try++ {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return nil, &fetchError{url: rawURL, msg: ctx.Err().Error(), err: ctx.Err()}
		}
		page, retryAfter, err := f.try(ctx, client, rawURL)
		<-sem
		if err == nil {
			return page, nil
		}
		if retryAfter < 0 || try >= retries || ctx.Err() != nil {
			return nil, err
		}
		t := time.NewTimer(f.delay(try, retryAfter))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, err
		}
	}
}

// hostOf returns the host (with its port) of an http or https URL.
func hostOf(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		var ue *url.Error // it repeats the URL: keep the cause
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", fmt.Errorf("not a valid URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", errors.New("not an http or https URL")
	}
	if u.Host == "" {
		return "", errors.New("no host in the URL")
	}
	return strings.ToLower(u.Host), nil
}

// setUp makes the client on first use and returns it with the semaphore of
// host.
func (f *Fetcher) setUp(host string) (*http.Client, chan struct{}) {
	f.mu.Lock()
	defer f.mu.Unlock()
	perHost := f.PerHost
	if perHost <= 0 {
		perHost = defaultPerHost
	}
	if f.client == nil {
		f.client = f.newClient(perHost)
	}
	if f.hosts == nil {
		f.hosts = make(map[string]chan struct{})
	}
	sem := f.hosts[host]
	if sem == nil {
		sem = make(chan struct{}, perHost)
		f.hosts[host] = sem
	}
	return f.client, sem
}

// newClient returns the client of the Fetcher: its own Client with the
// redirect policy added, or one on a transport of its own.
func (f *Fetcher) newClient(perHost int) *http.Client {
	limit := f.MaxRedirects
	if limit == 0 {
		limit = defaultMaxRedirects
	}
	policy := func(req *http.Request, via []*http.Request) error {
		switch {
		case limit < 0:
			return http.ErrUseLastResponse
		case len(via) > limit:
			return &redirectError{limit}
		}
		return nil
	}
	if f.Client != nil {
		c := *f.Client
		if c.CheckRedirect == nil {
			c.CheckRedirect = policy
		}
		return &c
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = max(perHost, http.DefaultMaxIdleConnsPerHost)
	return &http.Client{Transport: t, CheckRedirect: policy}
}

// try makes one request. On failure, retryAfter is negative when trying
// again would not help, else the wait the server asked for (zero if none).
func (f *Fetcher) try(ctx context.Context, client *http.Client, rawURL string) (page *Page, retryAfter time.Duration, err error) {
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// fail describes err, which happened while doing what (empty, or
	// "reading the body"), as one line naming the URL.
	fail := func(what string, err error) (*Page, time.Duration, error) {
		if ctx.Err() != nil {
			return nil, -1, &fetchError{url: rawURL, msg: ctx.Err().Error(), err: ctx.Err()}
		}
		if tctx.Err() != nil {
			msg := "timed out after " + timeout.String()
			if what != "" {
				msg += " " + what
			}
			return nil, 0, &fetchError{url: rawURL, msg: msg, err: context.DeadlineExceeded}
		}
		var ue *url.Error // it repeats the method and the URL: keep the cause
		if errors.As(err, &ue) {
			err = ue.Err
		}
		msg := err.Error()
		if what != "" {
			msg = what + ": " + msg
		}
		if transient(err) {
			return nil, 0, &fetchError{url: rawURL, msg: msg, err: err}
		}
		return nil, -1, &fetchError{url: rawURL, msg: msg, err: err}
	}

	req, err := http.NewRequestWithContext(tctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return fail("", err)
	}
	ua := f.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", accept)
	resp, err := client.Do(req)
	if err != nil {
		var re *redirectError
		if errors.As(err, &re) {
			return nil, -1, &fetchError{url: rawURL, msg: re.Error(), err: re}
		}
		return fail("", err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Read a little of the body so that the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
		serr := &StatusError{URL: rawURL, Code: resp.StatusCode, Status: resp.Status, Final: final}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return nil, parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()), serr
		}
		return nil, -1, serr
	}

	maxBytes := f.MaxBytes
	if maxBytes <= 0 {
		maxBytes = defaultMaxBytes
	}
	tooLarge := &fetchError{url: rawURL, msg: "body larger than " + size(maxBytes), err: ErrTooLarge}
	body := io.Reader(resp.Body)
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
		if resp.ContentLength > maxBytes {
			return nil, -1, tooLarge
		}
	case "gzip", "x-gzip":
		// The transport decompresses what it asked for itself; this is a
		// server sending gzip unasked, or a Client that asked for it.
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return fail("reading the gzip body", err)
		}
		defer zr.Close()
		body = zr
	default:
		return nil, -1, &fetchError{url: rawURL, msg: fmt.Sprintf("unsupported Content-Encoding %q", enc)}
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 && resp.ContentLength <= maxBytes {
		buf.Grow(int(resp.ContentLength))
	}
	n, err := buf.ReadFrom(io.LimitReader(body, maxBytes+1))
	if err != nil {
		return fail("reading the body", err)
	}
	if n > maxBytes {
		return nil, -1, tooLarge
	}
	return &Page{URL: final, Body: buf.Bytes(), ContentType: resp.Header.Get("Content-Type"), Status: resp.StatusCode}, 0, nil
}

// transient reports whether a network error may go away when tried again.
func transient(err error) bool {
	var ne net.Error
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return dns.IsTimeout || dns.IsTemporary
	case errors.As(err, &ne) && ne.Timeout():
		return true
	}
	for _, e := range []error{syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED, syscall.EPIPE, io.ErrUnexpectedEOF, io.EOF} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// delay is the wait before retry number try+1: an exponential backoff with
// jitter (between half and all of base×2^try), or the server's Retry-After
// when that is longer, up to maxRetryAfter.
func (f *Fetcher) delay(try int, retryAfter time.Duration) time.Duration {
	base := f.backoff
	if base <= 0 {
		base = defaultBackoff
	}
	d := base << min(try, 20)
	if d <= 0 || d > maxBackoff {
		d = maxBackoff
	}
	d = d/2 + rand.N(d/2+1)
	if retryAfter > 0 {
		limit := f.maxRetryAfter
		if limit <= 0 {
			limit = defaultMaxRetryAfter
		}
		d = max(d, min(retryAfter, limit))
	}
	return d
}

// parseRetryAfter reads a Retry-After header: a number of seconds or an HTTP
// date. It returns zero when there is none or it cannot be read.
func parseRetryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.ParseInt(h, 10, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(min(s, int64(time.Hour/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// size says a number of bytes the way people write a limit: "20 MB",
// "512 KB", "1000 bytes".
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KB"
	case n == 1:
		return "1 byte"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
