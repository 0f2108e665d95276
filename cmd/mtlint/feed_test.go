package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mtlint/mtlint/checker/audit"
	"github.com/mtlint/mtlint/internal/testrules"
)

// The articles that the test feeds point to. The garbled one carries the
// seed article's artifacts as the test rules see them: spaces before commas
// (warnings), a doubled word (an error), "commercial" (an info).
const (
	garbledArticle = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks</title></head><body>
<nav><a href="/">Home</a> › <a href="/world">World</a></nav>
<article><h1>Russian diplomat predicts week of difficult talks</h1>
<p>Senior Russian diplomat predicted “difficult” talks with the United States this week , with bilateral relations at a low.</p>
<p>“They can’t be easy. They will be commercial. I think we won’t waste our time tomorrow , said Ryabkov. They met the the minister.</p>
</article></body></html>`
	cleanArticle = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Rates</title></head><body><article>
<h1>Bank of England raises rates</h1>
<p>The Bank of England has raised interest rates for the third time in a row, taking them to their highest level since the financial crisis.</p>
<p>The governor said the decision was finely balanced.</p></article></body></html>`
)

// cp1252Article is a page in windows-1252 that says so in <meta charset>:
// "Genève" and "délégation" are single bytes (0xE8, 0xE9) and the quotes
// are 0x93 and 0x94.
var cp1252Article = "<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Gen\xe8ve</title></head><body><article>\n" +
	"<p>The d\xe9l\xe9gation arrived in Gen\xe8ve on Sunday for what officials called \x93useful\x94 talks about trade and energy.</p>\n" +
	"<p>" + strings.Repeat("The two sides agreed to meet again next month to continue the discussions on prices. ", 6) + "They will be commercial.</p>\n" +
	"</article></body></html>"

// gzipArticle is served gzip-compressed.
var gzipArticle = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Harvest</title></head><body><article>
<p>` + strings.Repeat("Farmers in the region expect a good harvest this year after a wet spring and a warm summer. ", 8) +
	`The ministry , however, warned of lower prices.</p></article></body></html>`

// feedServer serves an RSS feed, an Atom feed (gzip-compressed) and a JSON
// Feed whose items point to its article pages: garbled, clean, windows-1252,
// gzip, one that stalls and one that is missing.
func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	stall := make(chan struct{})
	mux := http.NewServeMux()
	var srv *httptest.Server
	html := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, body)
		}
	}
	gz := func(w http.ResponseWriter, r *http.Request, ctype, body string) {
		w.Header().Set("Content-Type", ctype)
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			fmt.Fprint(w, body)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, body)
		zw.Close()
	}
	mux.HandleFunc("/news/talks", html(garbledArticle))
	mux.HandleFunc("/news/rates", html(cleanArticle))
	mux.HandleFunc("/news/geneva", html(cp1252Article)) // no charset in the header: <meta> says it
	mux.HandleFunc("/news/harvest", func(w http.ResponseWriter, r *http.Request) {
		gz(w, r, "text/html; charset=utf-8", gzipArticle)
	})
	mux.HandleFunc("/news/stalled", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><body><article><p>The first paragraph arrives")
		w.(http.Flusher).Flush()
		select { // and the rest never does
		case <-r.Context().Done():
		case <-stall:
		}
	})
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire service</title><link>%[1]s/</link>
<item><title>Bank of England raises rates</title><link>%[1]s/news/rates</link><pubDate>Fri, 10 May 2024 08:00:00 +0000</pubDate></item>
<item><title>Diplomat predicts difficult talks</title><link>%[1]s/news/talks</link><pubDate>Thu, 09 May 2024 08:00:00 +0000</pubDate></item>
<item><title>Page that stalls</title><link>/news/stalled</link><pubDate>Wed, 08 May 2024 08:00:00 +0000</pubDate></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		gz(w, r, "application/atom+xml", fmt.Sprintf(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Regional desk</title><link href="%[1]s/"/><id>urn:x</id><updated>2024-05-10T09:00:00Z</updated>
<entry><title>Delegation arrives in Geneva</title><link href="%[1]s/news/geneva"/><id>urn:1</id><updated>2024-05-10T09:00:00Z</updated></entry>
<entry><title>Good harvest expected</title><link href="%[1]s/news/harvest"/><id>urn:2</id><updated>2024-05-09T09:00:00Z</updated></entry>
</feed>`, srv.URL))
	})
	mux.HandleFunc("/feed.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/feed+json")
		fmt.Fprintf(w, `{"version": "https://jsonfeed.org/version/1.1", "title": "Partner feed", "home_page_url": "%[1]s/",
 "items": [
  {"id": "a", "title": "Removed story", "url": "%[1]s/news/removed", "date_published": "2024-05-10T07:00:00Z"},
  {"id": "b", "title": "Rates again", "url": "%[1]s/news/rates", "date_published": "2024-05-09T07:00:00Z"}
 ]}`, srv.URL)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		close(stall)
		srv.Close()
	})
	return srv
}

// within runs f, failing the test if it has not returned after limit: a
// guard against a hang, not a measurement.
func within(t *testing.T, limit time.Duration, f func() cliRun) cliRun {
	t.Helper()
	done := make(chan cliRun, 1)
	go func() { done <- f() }()
	select {
	case r := <-done:
		return r
	case <-time.After(limit):
		t.Fatalf("mtlint feed did not finish within %s", limit)
		return cliRun{}
	}
}

// The end-to-end audit: three feeds (RSS, gzipped Atom, JSON Feed) whose
// items point to pages — garbled, clean, windows-1252, gzip, stalled and
// missing. Every item is checked or reported failed, the garbled article
// ranks first, the failures are listed, and the exit code is 2.
func TestFeedEndToEnd(t *testing.T) {
	srv := feedServer(t)
	args := []string{"feed", "--fetch-articles", "--timeout", "1s", "--retries", "1",
		srv.URL + "/rss.xml", srv.URL + "/atom.xml", srv.URL + "/feed.json"}
	r := within(t, time.Minute, func() cliRun { return mtlint(t, args...) })
	if r.code != 2 {
		t.Errorf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if r.stderr != "" {
		t.Errorf("stderr on a pipe: %q", r.stderr)
	}
	rest, failures, _ := strings.Cut(r.stdout, "\nFailed (2):\n")
	table, notes, _ := strings.Cut(rest, "\n\n")
	rows := strings.Split(strings.TrimSpace(table), "\n")
	if len(rows) != 5 { // the head and four checked items
		t.Fatalf("table of %d rows, want 5:\n%s", len(rows), r.stdout)
	}
	if !strings.Contains(rows[1], "Diplomat predicts difficult talks") || !strings.Contains(rows[1], srv.URL+"/news/talks") {
		t.Errorf("first ranked: %q, want the garbled article", rows[1])
	}
	for _, title := range []string{"Delegation arrives in Geneva", "Good harvest expected"} {
		if !strings.Contains(table, title) {
			t.Errorf("the table has no %q:\n%s", title, table)
		}
	}
	// The RSS feed and the JSON Feed both link to /news/rates: the page is
	// checked and listed once, as the feed read first gave it.
	if n := strings.Count(table, srv.URL+"/news/rates"); n != 1 {
		t.Errorf("the rates page is listed %d times, want once:\n%s", n, table)
	}
	// The notes name the page read as windows-1252, not the extraction
	// that every fetched article goes through.
	if want := "item " + srv.URL + `/news/geneva "Delegation arrives in Geneva" (feed ` + srv.URL + "/atom.xml): read as windows-1252"; !strings.Contains(notes, want) || strings.Contains(notes, "positions refer") {
		t.Errorf("notes after the table, want %q:\n%s", want, notes)
	}
	for _, want := range []string{
		"item " + srv.URL + `/news/stalled "Page that stalls" (feed ` + srv.URL + "/rss.xml): timed out after 1s",
		"item " + srv.URL + `/news/removed "Removed story" (feed ` + srv.URL + "/feed.json): HTTP 404 Not Found",
		"6 items from 3 feeds: 4 checked, 2 failed; 1 duplicate given by more than one feed left out; ",
	} {
		if !strings.Contains(failures, want) {
			t.Errorf("no %q after the table:\n%s", want, failures)
		}
	}

	// The same run as JSON Lines: every item, its feed and what it found.
	r = within(t, time.Minute, func() cliRun { return mtlint(t, append(args, "--format", "jsonl")...) })
	if r.code != 2 {
		t.Errorf("jsonl: exit %d", r.code)
	}
	recs := map[string]audit.Record{}
	for line := range strings.Lines(r.stdout) {
		var rec audit.Record
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%v in %q", err, line)
		}
		recs[rec.Title] = rec
	}
	if len(recs) != 6 {
		t.Fatalf("%d records, want 6:\n%s", len(recs), r.stdout)
	}
	if g := recs["Good harvest expected"]; g.Error != "" || g.Warnings != 1 || g.FeedTitle != "Regional desk" || g.Published != "2024-05-09T09:00:00Z" {
		t.Errorf("the gzip page in the gzip feed: %+v", g)
	}
	if g := recs["Diplomat predicts difficult talks"]; g.Errors != 1 || g.Warnings != 2 || g.Infos != 1 || g.Checked != "page" {
		t.Errorf("the garbled page: %+v", g)
	}
	for _, s := range []string{"mtlint: item " + srv.URL + "/news/stalled", "mtlint: item " + srv.URL + "/news/removed"} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr has no %q: %q", s, r.stderr)
		}
	}

	// The windows-1252 page is read as its <meta charset> says. This
	// passes once the charset decoder (checker/source/decode.go) lands.
	t.Run("windows-1252", func(t *testing.T) {
		g := recs["Delegation arrives in Geneva"]
		if g.Error != "" || g.Infos != 1 {
			t.Errorf("the windows-1252 page: %+v", g)
		}
		transcoded := false
		for _, n := range g.Notes {
			if n.Kind == "invalid-utf8" {
				t.Errorf("read as UTF-8: %s", n.Message)
			}
			transcoded = transcoded || n.Kind == "transcoded"
		}
		if !transcoded {
			t.Errorf("no note that the page was converted from windows-1252: %+v", g.Notes)
		}
	})
}

// Without --fetch-articles the items' content:encoded is checked; the exit
// code follows --fail-on.
func TestFeedContent(t *testing.T) {
	dir := t.TempDir()
	feed := write(t, dir, "feed.xml", `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Syndicated</title><link>https://news.example.org/</link>
<item><title>Rates rise</title><link>https://news.example.org/rates</link><pubDate>Fri, 10 May 2024 08:00:00 +0000</pubDate>
  <description>Teaser , not checked.</description>
  <content:encoded><![CDATA[<p>The Bank of England has raised interest rates for the third time in a row.</p>]]></content:encoded></item>
<item><title>Talks in Geneva</title><link>https://news.example.org/talks</link><pubDate>Thu, 09 May 2024 08:00:00 +0000</pubDate>
  <content:encoded><![CDATA[<p>Senior Russian diplomat predicted talks this week , with relations at a low.</p><p>They will be commercial. They met the the minister.</p>]]></content:encoded></item>
<item><title>Trade figures</title><link>https://news.example.org/trade</link><pubDate>Wed, 08 May 2024 08:00:00 +0000</pubDate>
  <content:encoded><![CDATA[<p>Exports grew , officials said.</p>]]></content:encoded></item>
</channel></rss>`)
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		first string
		not   string
	}{
		{"default fails on the error", nil, 1, "Talks in Geneva", ""},
		{"fail on none", []string{"--fail-on", "none"}, 0, "Talks in Geneva", ""},
		{"errors disabled", []string{"--disable", "repetition"}, 0, "Talks in Geneva", ""},
		{"fail on warning", []string{"--disable", "repetition", "--fail-on", "warning"}, 1, "Talks in Geneva", ""},
		{"since drops older items", []string{"--since", "2024-05-10", "--fail-on", "warning"}, 0, "Rates rise", "Talks in Geneva"},
		{"limit", []string{"--limit", "1", "--fail-on", "warning"}, 0, "Rates rise", "Trade figures"},
		{"since in RFC 3339", []string{"--since", "2024-05-09T12:00:00+02:00", "--fail-on", "warning"}, 0, "Rates rise", "Talks in Geneva"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mtlint(t, append(append([]string{"feed"}, tc.args...), feed)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, tc.code, r.stdout, r.stderr)
			}
			rows := strings.Split(r.stdout, "\n")
			if len(rows) < 2 || !strings.Contains(rows[1], tc.first) {
				t.Errorf("first row %q, want %q:\n%s", rows[1], tc.first, r.stdout)
			}
			if tc.not != "" && strings.Contains(r.stdout, tc.not) {
				t.Errorf("%q was checked:\n%s", tc.not, r.stdout)
			}
			if strings.Contains(r.stdout, "Teaser") || strings.Contains(r.stdout, "Failed") {
				t.Errorf("the description was checked, or an item failed:\n%s", r.stdout)
			}
		})
	}

	// CSV: a header and one row an item, in rank order.
	r := mtlint(t, "feed", "--format", "csv", "--fail-on", "none", feed)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || r.code != 0 {
		t.Fatalf("csv: exit %d, %v\n%s", r.code, err, r.stdout)
	}
	if len(rows) != 4 || rows[0][0] != "kind" || rows[1][3] != "Talks in Geneva" || rows[3][3] != "Rates rise" {
		t.Errorf("csv rows: %q", rows)
	}
	// JSON: one document with the items and the summary.
	r = mtlint(t, "feed", "--format", "json", feed)
	var doc audit.JSONReport
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if doc.Version != 1 || len(doc.Items) != 3 || doc.Summary.Items != 3 || doc.Summary.Errors != 1 || doc.Summary.Warnings != 2 {
		t.Errorf("json: %+v", doc)
	}
	if f := doc.Items[0].Findings; len(f) == 0 || f[0].Rule != "punctuation.test-space-comma" || f[0].Text != " ," {
		t.Errorf("json findings of the first item: %+v", f)
	}
}

// A progress bar on a terminal, nothing on a pipe or with --no-progress.
func TestFeedProgress(t *testing.T) {
	dir := t.TempDir()
	feed := write(t, dir, "feed.xml", `<rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://x.example/1</link><description>The talks went well.</description></item>
<item><title>Two</title><link>https://x.example/2</link><description>The talks , they said.</description></item>
</channel></rss>`)
	for _, tc := range []struct {
		name     string
		terminal bool
		env      map[string]string
		args     []string
		bar      bool
	}{
		{"terminal", true, nil, nil, true},
		{"pipe", false, nil, nil, false},
		{"no-progress", true, nil, []string{"--no-progress"}, false},
		{"dumb terminal", true, map[string]string{"TERM": "dumb"}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runWith(t, testrules.All, "", tc.env, tc.terminal, append(append([]string{"feed"}, tc.args...), feed)...)
			if r.code != 0 {
				t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if got := strings.Contains(r.stderr, "feeds "); got != tc.bar {
				t.Errorf("progress bar %v, want %v: stderr %q", got, tc.bar, r.stderr)
			}
			if !tc.bar && r.stderr != "" {
				t.Errorf("stderr %q", r.stderr)
			}
			if !strings.Contains(r.stdout, "Two") {
				t.Errorf("stdout:\n%s", r.stdout)
			}
		})
	}
}

func TestFeedUsage(t *testing.T) {
	dir := t.TempDir()
	feed := write(t, dir, "feed.xml", `<rss version="2.0"><channel><title>T</title></channel></rss>`)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no SOURCE", []string{"feed"}, 2, "no SOURCE given"},
		{"bad format", []string{"feed", "--format", "xml", feed}, 2, `--format "xml": unknown format (want table, json, jsonl, csv)`},
		{"bad since", []string{"feed", "--since", "last week", feed}, 2, `--since "last week"`},
		{"bad jobs", []string{"feed", "-j", "0", feed}, 2, "--jobs 0"},
		{"bad per-host", []string{"feed", "--per-host", "0", feed}, 2, "--per-host 0"},
		{"bad retries", []string{"feed", "--retries", "-1", feed}, 2, "--retries -1"},
		{"bad timeout", []string{"feed", "--timeout", "0s", feed}, 2, "--timeout 0s"},
		{"bad limit", []string{"feed", "--limit", "-3", feed}, 2, "--limit -3"},
		{"bad fail-on", []string{"feed", "--fail-on", "sometimes", feed}, 2, "--fail-on"},
		{"unknown rule", []string{"feed", "--enable", "idiom.nope", feed}, 2, `--enable "idiom.nope"`},
		{"empty feed is fine", []string{"feed", feed}, 0, ""},
		{"flags after the source", []string{"feed", feed, "--format", "jsonl"}, 0, ""},
		{"missing file", []string{"feed", "--format", "jsonl", dir + "/missing.xml"}, 2, "mtlint: feed " + dir + "/missing.xml: no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mtlint(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			if tc.stderr == "" && r.stderr != "" {
				t.Errorf("stderr %q", r.stderr)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q does not hold %q", r.stderr, tc.stderr)
			}
		})
	}
	r := mtlint(t, "feed", "--help")
	for _, w := range []string{"mtlint feed [options] SOURCE ...", "Examples:", "--fetch-articles", "--per-host N", "items without a date are kept", "Exit codes:"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("help has no %q", w)
		}
	}
	if r := mtlint(t, "--help"); !bytes.Contains([]byte(r.stdout), []byte("feed")) {
		t.Errorf("the command list has no feed:\n%s", r.stdout)
	}
}
