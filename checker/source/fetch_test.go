package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The tests serve pages from httptest on loopback only; timeouts and
// backoffs are short so that a hang fails by the test's own timeout.

const article = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Summit ends without a deal</title></head>
<body><article><h1>Summit ends without a deal</h1>
<p>The talks in Geneva ended on Friday without an agreement , officials said.</p>
<p>Delegates will meet again in the spring, according to the the ministry.</p>
</article></body></html>
`

// gzipped returns s compressed with gzip.
func gzipped(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// counter counts the requests that a handler gets.
type counter struct {
	n atomic.Int32
	h http.HandlerFunc
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.n.Add(1)
	c.h(w, r)
}

// fast makes the retries of f quick.
func fast(f *Fetcher) *Fetcher {
	f.backoff = time.Millisecond
	f.maxRetryAfter = 5 * time.Millisecond
	return f
}

// noGzipClient asks for no compression, so that a body a server gzips
// unasked is decompressed by Fetch itself.
func noGzipClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableCompression: true}}
}

func TestFetch(t *testing.T) {
	html := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, article)
	}
	sendGzip := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipped(t, article))
	}
	// failing fails with status n times, then serves the article.
	failing := func(status int, times int32, retryAfter string) http.HandlerFunc {
		var seen atomic.Int32
		return func(w http.ResponseWriter, r *http.Request) {
			if seen.Add(1) <= times {
				if retryAfter != "" {
					w.Header().Set("Retry-After", retryAfter)
				}
				http.Error(w, "busy", status)
				return
			}
			html(w, r)
		}
	}
	for _, tc := range []struct {
		name    string
		path    string
		handler http.HandlerFunc
		fetcher *Fetcher
		// wantErr is the error after "URL: "; "" wants the article.
		wantErr  string
		wantIs   error
		wantCode int // of a *StatusError
		tries    int32
	}{
		{name: "article", handler: html, tries: 1},
		{name: "gzip asked for by the transport", tries: 1, handler: func(w http.ResponseWriter, r *http.Request) {
			if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				http.Error(w, "gzip not asked for", http.StatusBadRequest)
				return
			}
			sendGzip(w, r)
		}},
		{name: "gzip sent unasked", handler: sendGzip, fetcher: &Fetcher{Client: noGzipClient()}, tries: 1},
		{name: "redirects within the limit", path: "/r/3", tries: 4, handler: func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/r/"))
			if n > 0 {
				http.Redirect(w, r, "/r/"+strconv.Itoa(n-1), http.StatusFound)
				return
			}
			html(w, r)
		}},
		{name: "404", handler: http.NotFound, wantErr: "HTTP 404 Not Found", wantCode: 404, tries: 1},
		{name: "403 is not tried again", handler: func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "no", http.StatusForbidden)
		}, fetcher: fast(&Fetcher{}), wantErr: "HTTP 403 Forbidden", wantCode: 403, tries: 1},
		{name: "500 is not tried again", handler: failing(500, 5, ""), fetcher: fast(&Fetcher{}),
			wantErr: "HTTP 500 Internal Server Error", wantCode: 500, tries: 1},
		{name: "503 twice, then the page", handler: failing(503, 2, ""), fetcher: fast(&Fetcher{}), tries: 3},
		{name: "502 and 504 are tried again", handler: func() http.HandlerFunc {
			var seen atomic.Int32
			return func(w http.ResponseWriter, r *http.Request) {
				switch seen.Add(1) {
				case 1:
					http.Error(w, "bad gateway", http.StatusBadGateway)
				case 2:
					http.Error(w, "gateway timeout", http.StatusGatewayTimeout)
				default:
					html(w, r)
				}
			}
		}(), fetcher: fast(&Fetcher{}), tries: 3},
		{name: "503 more often than the retries", handler: failing(503, 9, ""), fetcher: fast(&Fetcher{Retries: 3}),
			wantErr: "HTTP 503 Service Unavailable", wantCode: 503, tries: 4},
		{name: "no retries", handler: failing(503, 9, ""), fetcher: fast(&Fetcher{Retries: -1}),
			wantErr: "HTTP 503 Service Unavailable", wantCode: 503, tries: 1},
		{name: "429 with a long Retry-After, capped", handler: failing(429, 1, "3600"), fetcher: fast(&Fetcher{}), tries: 2},
		{name: "redirect loop", path: "/loop", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/loop", http.StatusMovedPermanently)
		}, wantErr: "more than 5 redirects", tries: 6},
		{name: "own redirect limit", path: "/r/3", fetcher: &Fetcher{MaxRedirects: 2}, handler: func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/r/"))
			http.Redirect(w, r, "/r/"+strconv.Itoa(n-1), http.StatusFound)
		}, wantErr: "more than 2 redirects", tries: 3},
		{name: "redirects not followed", path: "/old", fetcher: &Fetcher{MaxRedirects: -1}, handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
		}, wantErr: "HTTP 301 Moved Permanently", wantCode: 301, tries: 1},
		{name: "stalls before the headers", fetcher: fast(&Fetcher{Timeout: 50 * time.Millisecond, Retries: 1}),
			handler: func(w http.ResponseWriter, r *http.Request) {
				<-r.Context().Done()
			}, wantErr: "timed out after 50ms", wantIs: context.DeadlineExceeded, tries: 2},
		{name: "stalls in the middle of the body", fetcher: fast(&Fetcher{Timeout: 50 * time.Millisecond}),
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", strconv.Itoa(len(article)))
				w.Write([]byte(article[:100]))
				w.(http.Flusher).Flush()
				<-r.Context().Done()
			}, wantErr: "timed out after 50ms reading the body", wantIs: context.DeadlineExceeded, tries: 3},
		{name: "Content-Length over the limit", fetcher: &Fetcher{MaxBytes: 100}, handler: html,
			wantErr: "body larger than 100 bytes", wantIs: ErrTooLarge, tries: 1},
		{name: "streamed body over the limit", fetcher: &Fetcher{MaxBytes: 1 << 10}, handler: func(w http.ResponseWriter, r *http.Request) {
			for range 64 {
				w.Write([]byte(article))
				w.(http.Flusher).Flush()
			}
		}, wantErr: "body larger than 1 KB", wantIs: ErrTooLarge, tries: 1},
		{name: "gzip bomb", fetcher: &Fetcher{MaxBytes: 1 << 10}, handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, strings.Repeat("\x00", 1<<20)))
		}, wantErr: "body larger than 1 KB", wantIs: ErrTooLarge, tries: 1},
		{name: "gzip bomb unasked", fetcher: &Fetcher{MaxBytes: 1 << 10, Client: noGzipClient()}, handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, strings.Repeat("\x00", 1<<20)))
		}, wantErr: "body larger than 1 KB", wantIs: ErrTooLarge, tries: 1},
		{name: "unknown Content-Encoding", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte{0x1b, 0x2c})
		}, wantErr: `unsupported Content-Encoding "br"`, tries: 1},
		{name: "connection reset once", fetcher: fast(&Fetcher{}), tries: 2, handler: func() http.HandlerFunc {
			var seen atomic.Int32
			return func(w http.ResponseWriter, r *http.Request) {
				if seen.Add(1) == 1 {
					conn, _, err := w.(http.Hijacker).Hijack()
					if err != nil {
						panic(err)
					}
					conn.(*net.TCPConn).SetLinger(0) // close with a reset
					conn.Close()
					return
				}
				html(w, r)
			}
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &counter{h: tc.handler}
			srv := httptest.NewServer(c)
			defer srv.Close()
			f := tc.fetcher
			if f == nil {
				f = &Fetcher{}
			}
			url := srv.URL + tc.path
			page, err := f.Fetch(context.Background(), url)
			if got := c.n.Load(); got != tc.tries {
				t.Errorf("%d requests, want %d", got, tc.tries)
			}
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("no error; page %q", page.Body)
				}
				if want := url + ": " + tc.wantErr; err.Error() != want {
					t.Errorf("error %q\nwant      %q", err, want)
				}
				if reason := Reason(err); reason != tc.wantErr {
					t.Errorf("Reason %q, want %q", reason, tc.wantErr)
				}
				if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
					t.Errorf("error %v is not %v", err, tc.wantIs)
				}
				var se *StatusError
				if errors.As(err, &se) != (tc.wantCode != 0) || tc.wantCode != 0 && se.Code != tc.wantCode {
					t.Errorf("error %#v, want HTTP status %d", err, tc.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(page.Body) != article {
				t.Errorf("body %q", page.Body)
			}
			if !strings.HasPrefix(page.ContentType, "text/html") || page.Status != 200 {
				t.Errorf("Content-Type %q, status %d", page.ContentType, page.Status)
			}
			if tc.path == "/r/3" && page.URL != srv.URL+"/r/0" {
				t.Errorf("URL %q after redirects", page.URL)
			}
		})
	}
}

// A redirect to a missing page names both addresses.
func TestFetchRedirectedStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/gone", http.StatusFound)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	_, err := new(Fetcher).Fetch(context.Background(), srv.URL+"/moved")
	want := srv.URL + "/moved: HTTP 404 Not Found (redirected to " + srv.URL + "/gone)"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant  %s", err, want)
	}
}

// Addresses that are not fetched say why, and nothing is tried again.
func TestFetchBadURL(t *testing.T) {
	// A server that was closed refuses connections: tried again, then given
	// up with the system's words.
	srv := httptest.NewServer(http.NotFoundHandler())
	closed := srv.URL + "/news"
	srv.Close()
	for _, tc := range []struct{ url, want string }{
		{"ftp://example.org/a.html", "not an http or https URL"},
		{"http:///path-only", "no host in the URL"},
		{"http://exa mple.org/", "not a valid URL: invalid character \" \" in host name"},
		{closed, "connection refused"},
	} {
		var tries atomic.Int32
		client := &http.Client{Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
			tries.Add(1)
			return http.DefaultTransport.RoundTrip(r)
		})}
		_, err := fast(&Fetcher{Client: client}).Fetch(context.Background(), tc.url)
		if err == nil || !strings.HasPrefix(err.Error(), tc.url+": ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.url, err, tc.want)
		}
		wantTries := int32(0)
		if tc.url == closed {
			wantTries = 3
		}
		if tries.Load() != wantTries {
			t.Errorf("%s: %d tries, want %d", tc.url, tries.Load(), wantTries)
		}
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestUserAgent(t *testing.T) {
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("User-Agent"))
	}))
	defer srv.Close()
	for _, tc := range []struct {
		f    *Fetcher
		want string
	}{
		{&Fetcher{}, DefaultUserAgent},
		{&Fetcher{UserAgent: UserAgentFor("v1.2.3")}, "mtlint/v1.2.3 (+https://github.com/mtlint/mtlint)"},
		{&Fetcher{UserAgent: UserAgentFor("")}, DefaultUserAgent},
		{&Fetcher{UserAgent: "newsroom-audit/2"}, "newsroom-audit/2"},
	} {
		if _, err := tc.f.Fetch(context.Background(), srv.URL); err != nil {
			t.Fatal(err)
		}
		if ua := got.Load(); ua != tc.want {
			t.Errorf("User-Agent %q, want %q", ua, tc.want)
		}
	}
	if !strings.HasPrefix(DefaultUserAgent, "mtlint") {
		t.Errorf("DefaultUserAgent %q does not name mtlint", DefaultUserAgent)
	}
}

// inFlight is a handler that counts the requests under way and the most
// seen at once. Each request waits: until release sends or is closed when
// release is set, until barrier requests have been under way at once when
// barrier is set, else a millisecond, so that a request that broke a limit
// would most likely overlap with another.
type inFlight struct {
	mu      sync.Mutex
	now     int
	most    int
	total   int
	barrier int
	full    chan struct{} // closed when barrier requests are under way
	release chan struct{}
}

func (h *inFlight) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.now++
	h.total++
	if h.barrier > 0 && h.now == h.barrier && h.most < h.barrier {
		close(h.full)
	}
	h.most = max(h.most, h.now)
	h.mu.Unlock()
	switch {
	case h.release != nil:
		<-h.release
	case h.barrier > 0:
		<-h.full
	default:
		time.Sleep(time.Millisecond)
	}
	h.mu.Lock()
	h.now--
	h.mu.Unlock()
	fmt.Fprint(w, article)
}

// PerHost=1 never lets two requests to a host overlap, whatever the
// goroutines; PerHost=3 lets three run at once (the server waits for three
// before it answers any).
func TestPerHost(t *testing.T) {
	for _, tc := range []struct {
		perHost, barrier int
	}{{1, 0}, {3, 3}} {
		h := &inFlight{barrier: tc.barrier, full: make(chan struct{})}
		srv := httptest.NewServer(h)
		f := &Fetcher{PerHost: tc.perHost, Timeout: 10 * time.Second}
		var wg sync.WaitGroup
		const n = 12
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				_, errs[i] = f.Fetch(context.Background(), fmt.Sprintf("%s/story/%d", srv.URL, i))
			})
		}
		wg.Wait()
		srv.Close()
		for _, err := range errs {
			if err != nil {
				t.Errorf("PerHost %d: %v", tc.perHost, err)
			}
		}
		if h.total != n || h.most != tc.perHost {
			t.Errorf("PerHost %d: %d requests, %d at once", tc.perHost, h.total, h.most)
		}
	}
}

// A Fetch waiting for a slot gives up when its context is done.
func TestPerHostWaitCancelled(t *testing.T) {
	h := &inFlight{release: make(chan struct{})}
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer close(h.release)
	f := &Fetcher{PerHost: 1}
	first := make(chan error)
	go func() {
		_, err := f.Fetch(context.Background(), srv.URL+"/held")
		first <- err
	}()
	// Wait until the first request holds the host's only slot.
	for {
		h.mu.Lock()
		n := h.now
		h.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(5 * time.Millisecond)
		cancel()
	}()
	_, err := f.Fetch(ctx, srv.URL+"/waiting")
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), srv.URL+"/waiting: ") {
		t.Errorf("error %v, want the URL and context.Canceled", err)
	}
	h.mu.Lock()
	total := h.total
	h.mu.Unlock()
	if total != 1 {
		t.Errorf("%d requests reached the server, want 1", total)
	}
	h.release <- struct{}{}
	if err := <-first; err != nil {
		t.Error(err)
	}
}

// Requests in a row use one connection.
func TestConnectionReuse(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, article)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	f := &Fetcher{}
	for i := range 5 {
		if _, err := f.Fetch(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 5 requests in a row", n)
	}
}

func TestDelay(t *testing.T) {
	f := &Fetcher{backoff: 100 * time.Millisecond, maxRetryAfter: time.Second}
	for _, tc := range []struct {
		try        int
		retryAfter time.Duration
		lo, hi     time.Duration
	}{
		{0, 0, 50 * time.Millisecond, 100 * time.Millisecond},
		{1, 0, 100 * time.Millisecond, 200 * time.Millisecond},
		{3, 0, 400 * time.Millisecond, 800 * time.Millisecond},
		{40, 0, maxBackoff / 2, maxBackoff},
		{0, 700 * time.Millisecond, 700 * time.Millisecond, 700 * time.Millisecond},
		{0, time.Hour, time.Second, time.Second},
		{3, 10 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond},
	} {
		for range 20 {
			if d := f.delay(tc.try, tc.retryAfter); d < tc.lo || d > tc.hi {
				t.Errorf("delay(%d, %v) = %v, want within [%v, %v]", tc.try, tc.retryAfter, d, tc.lo, tc.hi)
			}
		}
	}
	if d := new(Fetcher).delay(0, 0); d < defaultBackoff/2 || d > defaultBackoff {
		t.Errorf("default first delay %v", d)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		h    string
		want time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{" 5 ", 5 * time.Second},
		{"0", 0},
		{"-3", 0},
		{"99999999999999999999", 0}, // does not fit in 64 bits: unreadable
		{"86400", time.Hour},        // a day is capped to an hour here, and to the Fetcher's cap later
		{"Fri, 08 Mar 2024 12:00:30 GMT", 30 * time.Second},
		{"Fri, 08 Mar 2024 11:00:00 GMT", 0}, // in the past
		{"soon", 0},
	} {
		if got := parseRetryAfter(tc.h, now); got != tc.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tc.h, got, tc.want)
		}
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "Fri, 08 Mar 2024 12:00:30 GMT", "", "-1", "1e9"} {
		f.Add(s)
	}
	now := time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, h string) {
		if d := parseRetryAfter(h, now); d < 0 {
			t.Errorf("parseRetryAfter(%q) = %v", h, d)
		}
	})
}

func TestSize(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{20 << 20, "20 MB"}, {512 << 10, "512 KB"}, {1000, "1000 bytes"}, {1, "1 byte"}, {(1 << 20) + 1, "1048577 bytes"},
	} {
		if got := size(tc.n); got != tc.want {
			t.Errorf("size(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestIsURL(t *testing.T) {
	for arg, want := range map[string]bool{
		"https://example.org/news/1": true,
		"HTTP://EXAMPLE.ORG":         true,
		"http:/example.org":          false,
		"example.org/news":           false,
		"ftp://example.org/a.txt":    false,
		"news/https.txt":             false,
		"-":                          false,
	} {
		if IsURL(arg) != want {
			t.Errorf("IsURL(%q) = %v", arg, !want)
		}
	}
}
