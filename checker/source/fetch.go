package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Fetcher gets web pages and feeds for checking. Its zero value is ready to
// use with the defaults below. FIRST VERSION: politeness per host, retries
// and the tests come next.
type Fetcher struct {
	// Client does the requests; nil means one made from the fields below.
	Client *http.Client
	// Timeout bounds each request, body included; zero means 30 seconds.
	Timeout time.Duration
	// MaxBytes bounds a body; zero means 20 MB. A larger body is an error.
	MaxBytes int64
	// MaxRedirects bounds the redirects followed; zero means 5.
	MaxRedirects int
	// PerHost bounds the requests under way to one host; zero means 2.
	PerHost int
	// Retries is how many times a transient failure (a timeout, a reset
	// connection, HTTP 429 or 5xx) is tried again, with backoff; zero means
	// 2, a negative number none.
	Retries int
	// UserAgent names mtlint to servers; empty means DefaultUserAgent.
	UserAgent string
}

// DefaultUserAgent is the User-Agent of requests unless Fetcher says another.
const DefaultUserAgent = "mtlint (+https://github.com/mtlint/mtlint)"

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

// Fetch gets url. The error names the URL and says what went wrong: a
// network failure, an HTTP status other than 2xx, too many redirects, or a
// body over MaxBytes.
func (f *Fetcher) Fetch(ctx context.Context, url string) (*Page, error) {
	timeout := f.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	maxBytes := f.MaxBytes
	if maxBytes == 0 {
		maxBytes = 20 << 20
	}
	maxRedirects := f.MaxRedirects
	if maxRedirects == 0 {
		maxRedirects = 5
	}
	client := f.Client
	if client == nil {
		client = &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("more than %d redirects", maxRedirects)
			}
			return nil
		}}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	ua := f.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err // *url.Error names the URL
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("%s: HTTP %s", url, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: reading the body: %w", url, err)
	}
	if int64(len(body)) > maxBytes {
		return nil, fmt.Errorf("%s: %w (%d bytes)", url, ErrTooLarge, maxBytes)
	}
	return &Page{URL: resp.Request.URL.String(), Body: body, ContentType: resp.Header.Get("Content-Type"), Status: resp.StatusCode}, nil
}

// ErrTooLarge is the error of a body larger than the Fetcher's MaxBytes.
var ErrTooLarge = errors.New("the body is larger than the limit")
