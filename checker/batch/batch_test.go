package batch_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/batch"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/internal/testrules"
)

// slow checks an input by sleeping as many microseconds as the input says
// and counts how many checks run at once.
type slow struct {
	running, most atomic.Int32
}

func (s *slow) CheckFile(path string) (*checker.Result, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return s.check(raw), nil
}

func (s *slow) CheckReader(r io.Reader) (*checker.Result, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return s.check(raw), nil
}

func (s *slow) CheckInput(raw []byte, _ checker.Input) *checker.Result { return s.check(raw) }

func (s *slow) check(raw []byte) *checker.Result {
	n := s.running.Add(1)
	for {
		m := s.most.Load()
		if n <= m || s.most.CompareAndSwap(m, n) {
			break
		}
	}
	defer s.running.Add(-1)
	us, _ := strconv.Atoi(string(raw))
	time.Sleep(time.Duration(us) * time.Microsecond)
	return &checker.Result{Findings: []checker.Finding{}}
}

// files writes n files whose contents are sleeping times, the early ones
// slowest, and returns the folder.
func files(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		us := (n - i) * 50
		if i%7 == 0 {
			us = 3000
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%04d.txt", i)), []byte(strconv.Itoa(us)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestOrder(t *testing.T) {
	const n = 120
	dir := files(t, n)
	args := []string{dir, filepath.Join(dir, "missing.txt"), filepath.Join(dir, "f0003.txt")}
	for _, jobs := range []int{0, 1, 4, 16} {
		s := &slow{}
		var got []string
		err := batch.Run(context.Background(), s, source.Inputs(args, source.Options{}), jobs, func(it batch.Item) error {
			got = append(got, filepath.Base(it.Result.Path))
			if (it.Err != nil) != (it.Result.Error != "") {
				t.Errorf("%s: Err %v, Result.Error %q", it.Result.Path, it.Err, it.Result.Error)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n+2 {
			t.Fatalf("jobs %d: %d items, want %d", jobs, len(got), n+2)
		}
		for i := range n {
			if want := fmt.Sprintf("f%04d.txt", i); got[i] != want {
				t.Fatalf("jobs %d: item %d is %s, want %s", jobs, i, got[i], want)
			}
		}
		if got[n] != "missing.txt" || got[n+1] != "f0003.txt" {
			t.Errorf("jobs %d: last items %q", jobs, got[n:])
		}
		if m := int(s.most.Load()); m > max(jobs, 1) {
			t.Errorf("jobs %d: %d checks at once", jobs, m)
		}
		if jobs == 16 && s.most.Load() < 2 {
			t.Errorf("jobs 16: never more than one check at once")
		}
	}
}

// Results are emitted while later inputs are still being found: the run
// does not wait for the end of the inputs.
func TestStreams(t *testing.T) {
	release := make(chan struct{})
	inputs := func(yield func(source.Input) bool) {
		dir := files(t, 1)
		for in := range source.Inputs([]string{filepath.Join(dir, "f0000.txt")}, source.Options{}) {
			if !yield(in) {
				return
			}
		}
		<-release // the next input comes only after the first was emitted
		yield(source.Input{Path: "late", Err: errors.New("late")})
	}
	var got []string
	err := batch.Run(context.Background(), &slow{}, inputs, 2, func(it batch.Item) error {
		got = append(got, it.Input.Path)
		if len(got) == 1 {
			close(release)
		}
		return nil
	})
	if err != nil || len(got) != 2 {
		t.Fatalf("got %q, %v", got, err)
	}
}

// An error from emit stops the run and is returned; nothing leaks.
func TestEmitError(t *testing.T) {
	dir := files(t, 50)
	stop := errors.New("stop")
	n := 0
	err := batch.Run(context.Background(), &slow{}, source.Inputs([]string{dir}, source.Options{}), 4, func(batch.Item) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("err %v after %d items", err, n)
	}
}

func TestCancel(t *testing.T) {
	dir := files(t, 50)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := batch.Run(ctx, &slow{}, source.Inputs([]string{dir}, source.Options{}), 4, func(batch.Item) error {
		n++
		if n == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 2 {
		t.Errorf("err %v after %d items", err, n)
	}
}

// recorder is a Checker that keeps how each fetched page was to be read.
type recorder struct {
	slow
	mu  sync.Mutex
	got map[string]checker.Input // by the page's final URL
}

func (r *recorder) CheckInput(raw []byte, in checker.Input) *checker.Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.got == nil {
		r.got = make(map[string]checker.Input)
	}
	r.got[in.URL] = in
	return &checker.Result{Findings: []checker.Finding{}, Notes: []checker.Note{{Kind: "body", Offset: -1, Message: string(raw)}}}
}

// newsServer serves a few pages of a news site, some of them broken.
func newsServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/world/summit":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<html><body><article><p>The summit ended , officials said.</p></article></body></html>")
		case "/blog/notes":
			w.Header().Set("Content-Type", "text/markdown")
			fmt.Fprint(w, "# Notes\n\nThe the talks went on.\n")
		case "/wire/brief.txt":
			w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
			fmt.Fprint(w, "Ministers met in Brussels.\n")
		case "/old/summit":
			http.Redirect(w, r, "/world/summit", http.StatusMovedPermanently)
		case "/sniffed":
			w.Header()["Content-Type"] = nil // no Content-Type at all
			fmt.Fprint(w, "<!DOCTYPE html><p>Talks resumed on Monday.</p>")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// URL inputs are fetched and checked in input order among the files; each
// is read as its Content-Type says, its article extracted, and reported
// against the URL as given; a failed fetch is an unreadable input and the
// run goes on.
func TestURLs(t *testing.T) {
	srv := newsServer(t)
	dir := files(t, 2)
	html, md, plain := markup.HTML, markup.Markdown, markup.Plain
	u := func(p string) string { return srv.URL + p }
	type want struct {
		path        string
		err         string // Result.Error
		final       string // the URL CheckInput got
		format      markup.Format
		contentType string
	}
	wants := []want{
		{path: u("/world/summit"), final: u("/world/summit"), format: html, contentType: "text/html; charset=utf-8"},
		{path: filepath.Join(dir, "f0000.txt")},
		{path: u("/missing"), err: "HTTP 404 Not Found"},
		{path: u("/blog/notes"), final: u("/blog/notes"), format: md, contentType: "text/markdown"},
		{path: u("/wire/brief.txt"), final: u("/wire/brief.txt"), format: plain, contentType: "text/plain; charset=iso-8859-1"},
		{path: u("/old/summit"), final: u("/world/summit"), format: html, contentType: "text/html; charset=utf-8"},
		{path: u("/sniffed"), final: u("/sniffed"), format: html},
		{path: "ftp://example.org/a.txt", err: "no such file or directory"}, // not a URL to fetch: a missing file
	}
	var args []string
	for _, w := range wants {
		args = append(args, w.path)
	}
	for _, jobs := range []int{1, 4} {
		r := &recorder{}
		f := &source.Fetcher{Timeout: 5 * time.Second}
		var got []batch.Item
		err := batch.RunWith(context.Background(), r, source.Inputs(args, source.Options{}), batch.Options{Jobs: jobs, Fetcher: f}, func(it batch.Item) error {
			got = append(got, it)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(wants) {
			t.Fatalf("jobs %d: %d items, want %d", jobs, len(got), len(wants))
		}
		for i, w := range wants {
			it := got[i]
			if it.Result.Path != w.path || it.Result.Error != w.err || (it.Err != nil) != (w.err != "") {
				t.Errorf("jobs %d: item %d: path %q, error %q (%v); want %q, %q", jobs, i, it.Result.Path, it.Result.Error, it.Err, w.path, w.err)
			}
			if w.final == "" {
				continue
			}
			in, ok := r.got[w.final]
			switch {
			case !ok:
				t.Errorf("jobs %d: %s: not checked as %s", jobs, w.path, w.final)
			case in.Format == nil || *in.Format != w.format || in.ContentType != w.contentType || !in.Article || in.Encoding != "":
				t.Errorf("jobs %d: %s: checked with %+v (format %v), want %v, %q, an article", jobs, w.path, in, in.Format, w.format, w.contentType)
			}
			if len(it.Result.Notes) != 1 || !strings.Contains(it.Result.Notes[0].Message, ".") {
				t.Errorf("jobs %d: %s: the body did not reach the checker: %+v", jobs, w.path, it.Result.Notes)
			}
		}
	}
}

// The user's --input-format and --encoding win over what a page says.
func TestURLInputOverride(t *testing.T) {
	srv := newsServer(t)
	md := markup.Markdown
	r := &recorder{}
	opt := batch.Options{Fetcher: &source.Fetcher{}, URLInput: checker.Input{Format: &md, Encoding: "windows-1252"}}
	err := batch.RunWith(context.Background(), r, source.Inputs([]string{srv.URL + "/world/summit"}, source.Options{}), opt, func(it batch.Item) error {
		if it.Err != nil {
			t.Error(it.Err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	in := r.got[srv.URL+"/world/summit"]
	if in.Format == nil || *in.Format != markup.Markdown || in.Encoding != "windows-1252" || in.ContentType != "text/html; charset=utf-8" {
		t.Errorf("checked with %+v", in)
	}
}

// With the real checker, findings in a fetched page are reported against
// its URL.
func TestURLFindings(t *testing.T) {
	srv := newsServer(t)
	c, err := checker.New(checker.Config{Rules: testrules.All})
	if err != nil {
		t.Fatal(err)
	}
	args := []string{srv.URL + "/world/summit", srv.URL + "/blog/notes"}
	var got []string
	err = batch.Run(context.Background(), c, source.Inputs(args, source.Options{}), 2, func(it batch.Item) error {
		for _, f := range it.Result.Findings {
			got = append(got, fmt.Sprintf("%s %s %q", strings.TrimPrefix(it.Result.Path, srv.URL), f.Rule, f.Text))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`/world/summit punctuation.test-space-comma " ,"`, `/blog/notes repetition.test-doubled " the"`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestPageFormat(t *testing.T) {
	page := []byte("<!DOCTYPE html>\n<html><head><title>Summit</title></head><body><p>Talks.</p></body></html>")
	text := []byte("Ministers met in Brussels on Tuesday.\n")
	for _, tc := range []struct {
		contentType string
		body        []byte
		want        markup.Format
	}{
		{"text/html; charset=utf-8", text, markup.HTML},
		{"TEXT/HTML", text, markup.HTML},
		{"application/xhtml+xml", text, markup.HTML},
		{"text/markdown; charset=UTF-8; variant=GFM", page, markup.Markdown},
		{"text/x-markdown", text, markup.Markdown},
		{"text/plain", page, markup.Plain},
		{"text/plain; charset", page, markup.Plain}, // a malformed parameter
		{"", page, markup.HTML},
		{"", text, markup.Plain},
		{"application/octet-stream", page, markup.HTML},
		{"application/json", []byte(`{"title": "Summit"}`), markup.Plain},
		{"text/xml", []byte(`<?xml version="1.0"?><rss></rss>`), markup.Plain},
	} {
		if got := batch.PageFormat(tc.contentType, tc.body); got != tc.want {
			t.Errorf("PageFormat(%q, %.20q) = %v, want %v", tc.contentType, tc.body, got, tc.want)
		}
	}
}
