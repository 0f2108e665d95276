// Package batch checks many inputs at once and hands their results over in
// input order, as soon as each is next in line. A run over a folder of ten
// thousand articles thus keeps every core busy, prints the first results
// right away, shows them in a stable order whatever the timing, and holds at
// most a few results beyond the ones being checked: a small reorder buffer,
// not the whole run. Inputs that are URLs are fetched, and the main article
// of each page is checked.
package batch

import (
	"context"
	"io"
	"iter"
	"mime"
	"net/http"
	"strings"
	"sync"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
)

// Checker checks a file, a reader, or bytes read as an Input says;
// *checker.Checker is one. Files go to CheckFile, which may map a large file
// rather than read it onto the heap; fetched pages go to CheckInput.
type Checker interface {
	CheckFile(path string) (*checker.Result, error)
	CheckReader(r io.Reader) (*checker.Result, error)
	CheckInput(raw []byte, in checker.Input) *checker.Result
}

// Options tune a run.
type Options struct {
	// Jobs is how many inputs are checked at once (fetched, for URLs);
	// below 1 means 1.
	Jobs int
	// Fetcher gets the inputs that are URLs, with its timeouts, size limit,
	// retries and per-host limit; nil means one with the defaults, made for
	// the run.
	Fetcher *source.Fetcher
	// URLInput says how to read fetched pages where the user chose: a
	// Format or an Encoding set in it wins over the page's Content-Type.
	// The rest comes from the page, and its main article is extracted.
	URLInput checker.Input
}

// Item is the outcome of one input.
type Item struct {
	Input source.Input
	// Result is never nil. Its Path is the input's (the URL as given, for
	// a web page); for an input that could not be found, read or fetched,
	// it has no findings and Error says why.
	Result *checker.Result
	// Err is the error that made the input unreadable, or nil.
	Err error
}

// Run checks the inputs on up to jobs goroutines (at least one) and calls
// emit, from the calling goroutine, with each item in input order. At most
// 2×jobs inputs are taken from inputs ahead of the next one to emit, so that
// memory stays bounded however many there are. When emit returns an error,
// or ctx is done, Run stops taking inputs, waits for the checks under way and
// returns that error. URL inputs are fetched with the default Fetcher; see
// RunWith to choose it.
func Run(ctx context.Context, c Checker, inputs iter.Seq[source.Input], jobs int, emit func(Item) error) error {
	return RunWith(ctx, c, inputs, Options{Jobs: jobs}, emit)
}

// RunWith is Run with options: opt.Jobs goroutines, and URL inputs fetched
// with opt.Fetcher.
func RunWith(ctx context.Context, c Checker, inputs iter.Seq[source.Input], opt Options, emit func(Item) error) error {
	jobs := max(opt.Jobs, 1)
	fetcher := opt.Fetcher
	if fetcher == nil {
		fetcher = new(source.Fetcher)
	}
	window := 2 * jobs
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		n  int
		in source.Input
	}
	type done struct {
		n    int
		item Item
	}
	todo := make(chan job)
	results := make(chan done, window)
	// slots holds a token for each input taken and not yet emitted.
	slots := make(chan struct{}, window)

	complete := false // all inputs were taken; read after results is closed
	go func() {
		defer close(todo)
		n := 0
		for in := range inputs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case todo <- job{n, in}:
			case <-ctx.Done():
				return
			}
			n++
		}
		complete = true
	}()
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for j := range todo {
				item := checkOne(ctx, c, fetcher, opt.URLInput, j.in)
				select {
				case results <- done{j.n, item}:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var err error
	pending := make(map[int]Item, window)
	next := 0
	for d := range results {
		if err != nil {
			continue // draining after a failure
		}
		pending[d.n] = d.item
		for {
			item, ok := pending[next]
			if !ok {
				break
			}
			if err = ctx.Err(); err != nil {
				break // the caller's cancellation
			}
			delete(pending, next)
			next++
			<-slots
			if err = emit(item); err != nil {
				cancel()
				break
			}
		}
	}
	if err == nil && !complete {
		err = ctx.Err()
	}
	return err
}

// checkOne reads (or fetches) and checks one input.
func checkOne(ctx context.Context, c Checker, f *source.Fetcher, urlInput checker.Input, in source.Input) Item {
	var res *checker.Result
	err := in.Err
	if err == nil {
		switch {
		case in.URL() != "":
			res, err = checkURL(ctx, c, f, urlInput, in.URL())
		case in.IsStdin():
			res, err = c.CheckReader(in.Stdin())
		default:
			res, err = c.CheckFile(in.File())
		}
	}
	if err != nil {
		return Item{Input: in, Err: err, Result: &checker.Result{
			Path: in.Path, Findings: []checker.Finding{}, Error: source.Reason(err),
		}}
	}
	res.Path = in.Path
	return Item{Input: in, Result: res}
}

// checkURL fetches the page at url and checks its main article, read in the
// format and encoding that its Content-Type says unless base names them.
func checkURL(ctx context.Context, c Checker, f *source.Fetcher, base checker.Input, url string) (*checker.Result, error) {
	page, err := f.Fetch(ctx, url)
	if err != nil {
		return nil, err
	}
	in := checker.Input{
		Format:      base.Format,
		Encoding:    base.Encoding,
		ContentType: page.ContentType,
		Article:     true,
		URL:         page.URL,
	}
	if in.Format == nil {
		format := PageFormat(page.ContentType, page.Body)
		in.Format = &format
	}
	return c.CheckInput(page.Body, in), nil
}

// PageFormat is the markup of a fetched body: HTML for text/html and
// application/xhtml+xml, Markdown for text/markdown, plain text for
// text/plain, and for any other or no Content-Type, HTML when the body looks
// like HTML (as browsers sniff it) and plain text otherwise.
func PageFormat(contentType string, body []byte) markup.Format {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return markup.HTML
	case "text/markdown", "text/x-markdown":
		return markup.Markdown
	case "text/plain":
		return markup.Plain
	}
	if strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return markup.HTML
	}
	return markup.Plain
}
