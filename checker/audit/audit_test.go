package audit

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	stdhtml "html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/internal/testrules"
	"github.com/mtlint/mtlint/rules"
)

// garbled is a paragraph of the seed article with its artifacts: two spaces
// before commas (warnings), a doubled word (an error), "commercial" (an
// info).
const garbled = `<p>Senior Russian diplomat predicted “difficult” talks with the United States this week , with bilateral relations at a low.</p>
<p>“They can’t be easy. They will be commercial. I think we won’t waste our time tomorrow , said Ryabkov. They met the the minister.</p>`

// clean is a paragraph of human-edited news.
const clean = `<p>The Bank of England has raised interest rates for the third time in a row, taking them to their highest level since the financial crisis.</p>`

// mild has one weak signal in a longer text.
var mild = `<p>` + strings.Repeat("The committee met on Tuesday to discuss the budget and the new rules for schools. ", 10) + `Officials said they will be commercial about it.</p>`

// newChecker returns a checker with the test rules.
func newChecker(t testing.TB) *checker.Checker {
	t.Helper()
	c, err := checker.New(checker.Config{Rules: testrules.All})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rss returns an RSS feed of items, each a title, a link and a content
// (content:encoded when it starts with "<", description otherwise; none when
// empty), dated a day apart from 2024-05-10 backwards.
func rss(title string, items ...[3]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>` + title + `</title><link>https://news.example.org/</link>
`)
	for i, it := range items {
		date := time.Date(2024, 5, 10-i, 8, 0, 0, 0, time.UTC).Format(time.RFC1123Z)
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><pubDate>%s</pubDate>", it[0], it[1], date)
		switch {
		case strings.HasPrefix(it[2], "<"):
			fmt.Fprintf(&b, "<content:encoded><![CDATA[%s]]></content:encoded>", it[2])
		case it[2] != "":
			fmt.Fprintf(&b, "<description>%s</description>", it[2])
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// write makes a file in dir and returns its path.
func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// run audits sources with the test checker and opt.
func run(t *testing.T, opt Options, sources ...string) *Report {
	t.Helper()
	opt.Checker = newChecker(t)
	if opt.Fetcher == nil {
		opt.Fetcher = &source.Fetcher{Timeout: 2 * time.Second, Retries: -1}
	}
	rep, err := Run(context.Background(), sources, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// byTitle returns the record of the item titled title.
func byTitle(t *testing.T, rep *Report, title string) *Record {
	t.Helper()
	for _, r := range rep.Records {
		if r.Title == title {
			return r
		}
	}
	t.Fatalf("no record titled %q in %s", title, dump(rep))
	return nil
}

func dump(rep *Report) string {
	var b bytes.Buffer
	_ = WriteJSONL(&b, rep)
	return b.String()
}

func TestFeedContentRanked(t *testing.T) {
	dir := t.TempDir()
	feed := write(t, dir, "feed.xml", rss("World news",
		[3]string{"Central bank raises rates", "https://news.example.org/rates", clean},
		[3]string{"Russian diplomat predicts difficult talks", "https://news.example.org/talks", garbled},
		[3]string{"Committee meets on budget", "/budget", mild},
		[3]string{"Headline only", "https://news.example.org/headline", ""},
	))
	rep := run(t, Options{}, feed)
	if len(rep.Records) != 4 {
		t.Fatalf("%d records, want 4:\n%s", len(rep.Records), dump(rep))
	}
	want := []string{"Russian diplomat predicts difficult talks", "Committee meets on budget", "Central bank raises rates", "Headline only"}
	for i, w := range want {
		if rep.Records[i].Title != w {
			t.Errorf("rank %d: %q, want %q", i+1, rep.Records[i].Title, w)
		}
	}
	g := byTitle(t, rep, want[0])
	if g.Errors != 1 || g.Warnings != 2 || g.Infos != 1 || g.Categories[rules.Punctuation] != 2 || g.Categories[rules.Repetition] != 1 {
		t.Errorf("garbled item counts: %d errors, %d warnings, %d infos, categories %v", g.Errors, g.Warnings, g.Infos, g.Categories)
	}
	if g.Feed != feed || g.FeedTitle != "World news" || g.Link != "https://news.example.org/talks" || g.Checked != "feed" {
		t.Errorf("garbled item: %+v", g)
	}
	if g.Published != "2024-05-09T08:00:00Z" {
		t.Errorf("published %q", g.Published)
	}
	// Findings point into the item's content.
	for _, f := range g.Findings {
		if got := garbled[f.Offset : f.Offset+f.Length]; got != f.Text {
			t.Errorf("%s at %d: content has %q, finding says %q", f.Rule, f.Offset, got, f.Text)
		}
	}
	if m := byTitle(t, rep, want[1]); m.Link != "https://news.example.org/budget" {
		t.Errorf("relative link resolved to %q, want it against the site", m.Link)
	}
	h := byTitle(t, rep, "Headline only")
	if !strings.Contains(h.Error, "no content in the feed") || !strings.Contains(h.Error, "--fetch-articles") {
		t.Errorf("item without content: error %q", h.Error)
	}
	s := rep.Summary
	if s.Feeds != 1 || s.FeedsFailed != 0 || s.Items != 4 || s.ItemsFailed != 1 || s.Findings != 5 || s.Errors != 1 {
		t.Errorf("summary %+v", s)
	}
}

// Atom content and summary, JSON Feed content_html, content_text and
// summary: each item's text comes from the right field, as HTML or as text.
func TestContentFields(t *testing.T) {
	atomFeed := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title><link href="https://atom.example.org/"/>
<entry><title>HTML content</title><link href="https://atom.example.org/a"/><updated>2024-05-02T10:00:00Z</updated>
  <summary>Summary , not checked.</summary><content type="html">&lt;p&gt;Content , checked.&lt;/p&gt;</content></entry>
<entry><title>Summary only</title><link href="https://atom.example.org/b"/><updated>2024-05-01T10:00:00Z</updated>
  <summary>They will be commercial.</summary></entry>
<entry><title>Text content</title><link href="https://atom.example.org/c"/><updated>2024-04-30T10:00:00Z</updated>
  <content type="text">Plain &lt;b&gt; text , here.</content></entry>
</feed>`
	jsonFeed := `{"version": "https://jsonfeed.org/version/1.1", "title": "JSON news", "home_page_url": "https://json.example.org/",
 "items": [
  {"id": "1", "title": "HTML", "url": "https://json.example.org/1", "content_html": "<p>Markup , checked.</p>", "content_text": "Text not checked , here."},
  {"id": "2", "title": "Text", "url": "https://json.example.org/2", "content_text": "Plain <b> text , here."},
  {"id": "3", "title": "Summary", "url": "https://json.example.org/3", "summary": "They will be commercial."},
  {"id": "4", "title": "Nothing", "url": "https://json.example.org/4"}
 ]}`
	for _, tc := range []struct {
		name, feed string
		want       map[string]entry // by title: content and format
		noContent  []string
	}{
		{"atom", atomFeed, map[string]entry{
			"HTML content": {content: "<p>Content , checked.</p>", format: markup.HTML},
			"Summary only": {content: "They will be commercial.", format: markup.HTML},
			"Text content": {content: "Plain <b> text , here.", format: markup.Plain},
		}, nil},
		{"json feed", jsonFeed, map[string]entry{
			"HTML":    {content: "<p>Markup , checked.</p>", format: markup.HTML},
			"Text":    {content: "Plain <b> text , here.", format: markup.Plain},
			"Summary": {content: "They will be commercial.", format: markup.Plain},
		}, []string{"Nothing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parseFeed([]byte(tc.feed))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.entries) != len(tc.want)+len(tc.noContent) {
				t.Fatalf("%d entries, want %d", len(f.entries), len(tc.want)+len(tc.noContent))
			}
			for _, e := range f.entries {
				w, ok := tc.want[e.title]
				if !ok {
					if e.content != "" {
						t.Errorf("%q: content %q, want none", e.title, e.content)
					}
					continue
				}
				if strings.TrimSpace(e.content) != w.content || e.format != w.format {
					t.Errorf("%q: content %q as %v, want %q as %v", e.title, e.content, e.format, w.content, w.format)
				}
			}
		})
	}
}

func TestLimitAndSince(t *testing.T) {
	dir := t.TempDir()
	items := [][3]string{
		{"Day 10", "https://x.example/10", clean},
		{"Day 9", "https://x.example/9", clean},
		{"Day 8", "https://x.example/8", clean},
		{"Day 7", "https://x.example/7", clean},
	}
	feed := write(t, dir, "feed.xml", rss("Daily", items...))
	undated := write(t, dir, "undated.xml", strings.ReplaceAll(rss("Undated", items[:2]...), "<pubDate>", "<nothing>"))
	undated = write(t, dir, "undated.xml", strings.ReplaceAll(mustRead(t, undated), "</pubDate>", "</nothing>"))
	since := time.Date(2024, 5, 9, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		opt    Options
		source string
		want   []string
	}{
		{"all", Options{}, feed, []string{"Day 10", "Day 9", "Day 8", "Day 7"}},
		{"limit", Options{Limit: 2}, feed, []string{"Day 10", "Day 9"}},
		{"since", Options{Since: since}, feed, []string{"Day 10", "Day 9"}},
		{"since and limit", Options{Since: since, Limit: 1}, feed, []string{"Day 10"}},
		{"since keeps undated items", Options{Since: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, undated, []string{"Day 10", "Day 9"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := run(t, tc.opt, tc.source)
			var got []string
			for _, r := range rep.Records {
				got = append(got, r.Title)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("items %q, want %q", got, tc.want)
			}
		})
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// billionLaughs declares entities that would expand to 10^9 "lol"s.
const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs &lol9;</title>
<item><title>Bomb &lol9;</title><link>https://x.example/bomb</link><description>&lol9; They will be commercial.</description></item>
</channel></rss>`

// Hostile and broken feeds give a per-feed error, or items without any
// expansion, and the good feed next to them is still checked.
func TestRobustFeeds(t *testing.T) {
	dir := t.TempDir()
	good := rss("Good", [3]string{"Good item", "https://x.example/good", garbled})
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	// another item: the good feed's own would be checked once, as a
	// duplicate
	zw.Write([]byte(rss("Gzipped", [3]string{"Gzipped item", "https://x.example/gzipped", garbled})))
	zw.Close()
	for _, tc := range []struct {
		name, body string
		err        string // a part of the feed's error; "" wants items
	}{
		{"malformed xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>Bad</title><item><title>A</title></item><//channel></rss>`, "malformed feed: XML syntax error on line 1"},
		{"mismatched tags are forgiven", `<?xml version="1.0"?><rss version="2.0"><channel><title>Sloppy</title><item><title>A</item></channel></rss>`, ""},
		{"truncated", good[:len(good)/2], "truncated or malformed feed"},
		{"garbage bytes", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\xff\xfe garbage", "binary or garbled bytes"},
		{"html page", "<!DOCTYPE html><html><head><title>Not found</title></head><body>Oops</body></html>", "an HTML page"},
		{"empty", "", "empty"},
		{"prose", "This is not a feed, just a sentence.\n", "line 1 holds more than one URL"},
		{"json that is no feed", `{"hello": "world"}`, "JSON without a JSON Feed"},
		{"bad gzip", "\x1f\x8b\x08\x00garbage", "a gzip stream that cannot be decompressed"},
		{"billion laughs", billionLaughs, ""},
		{"gzip file", gz.String(), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := write(t, dir, strings.ReplaceAll(tc.name, " ", "-")+".xml", tc.body)
			goodPath := write(t, dir, "good.xml", good)
			rep := run(t, Options{}, bad, goodPath)
			var feedErr string
			items := 0
			for _, r := range rep.Records {
				switch {
				case r.Kind == KindFeed:
					if r.Feed != bad {
						t.Errorf("feed error of %s: %s", r.Feed, r.Error)
					}
					feedErr = r.Error
				case r.Feed == bad:
					items++
					if len(r.Title) > 1000 || len(r.Findings) > 100 || r.Words > 10000 {
						t.Errorf("item of %d bytes of title, %d findings, %d words: entities expanded?", len(r.Title), len(r.Findings), r.Words)
					}
				}
			}
			if tc.err != "" && !strings.Contains(feedErr, tc.err) {
				t.Errorf("feed error %q, want it to hold %q", feedErr, tc.err)
			}
			if tc.err == "" && (feedErr != "" || items == 0) {
				t.Errorf("feed error %q, %d items; want items", feedErr, items)
			}
			if g := byTitle(t, rep, "Good item"); g.Error != "" || len(g.Findings) == 0 {
				t.Errorf("the good feed next to it: %+v", g)
			}
		})
	}
}

func TestListFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.xml", rss("Feed A", [3]string{"Item A", "https://x.example/a", garbled}))
	write(t, dir, "b.xml", rss("Feed B", [3]string{"Item B", "https://x.example/b", clean}))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/c.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, rss("Feed C", [3]string{"Item C", "https://x.example/c", mild}))
		case "/list.txt":
			fmt.Fprint(w, "# feeds on the web\nc.xml\n")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	list := write(t, dir, "feeds.txt", "# syndicated partners\n\n"+"a.xml\n  "+filepath.Join(dir, "b.xml")+"\n"+srv.URL+"/c.xml\n"+srv.URL+"/missing.xml\n")
	nested := write(t, dir, "nested.txt", srv.URL+"/list.txt\n")
	rep := run(t, Options{}, list, srv.URL+"/list.txt", nested)
	var titles []string
	for _, r := range rep.Records {
		titles = append(titles, r.Title+"|"+r.Error)
	}
	got := strings.Join(titles, "\n")
	for _, want := range []string{"Item A|", "Item B|", "Item C|"} {
		if strings.Count(got, want) < 1 {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	// Item C comes both from the list file and from the list on the web,
	// and is checked and counted once.
	if strings.Count(got, "Item C|") != 1 {
		t.Errorf("Item C %d times, want 1:\n%s", strings.Count(got, "Item C|"), got)
	}
	var missing, nestedErr bool
	for _, r := range rep.Records {
		if r.Kind == KindFeed && r.Feed == srv.URL+"/missing.xml" && strings.Contains(r.Error, "404") {
			missing = true
		}
		if r.Kind == KindFeed && r.Feed == srv.URL+"/list.txt" && strings.Contains(r.Error, "lists name feeds only") {
			nestedErr = true
		}
	}
	if !missing || !nestedErr {
		t.Errorf("missing feed reported: %v; nested list reported: %v\n%s", missing, nestedErr, dump(rep))
	}
	if s := rep.Summary; s.Feeds != 6 || s.FeedsFailed != 2 || s.Items != 3 || s.Duplicates != 1 {
		t.Errorf("summary %+v, want 6 feeds (2 failed), 3 items and 1 duplicate", s)
	}
}

func TestListEntries(t *testing.T) {
	for _, tc := range []struct {
		name, body, base string
		want             []string
		err              string
	}{
		{"urls and comments", "# partners\n\nhttps://a.example/rss\n  http://b.example/feed.xml  \r\n", "/lists/feeds.txt",
			[]string{"https://a.example/rss", "http://b.example/feed.xml"}, ""},
		{"paths next to the list", "a.xml\nsub/b.xml\n/abs/c.xml\n", "/lists/feeds.txt",
			[]string{"/lists/a.xml", "/lists/sub/b.xml", "/abs/c.xml"}, ""},
		{"paths on the web stay on the web", "a.xml\n/abs/c.xml\n", "https://x.example/lists/feeds.txt",
			[]string{"https://x.example/lists/a.xml", "https://x.example/abs/c.xml"}, ""},
		{"a web list cannot name other schemes", "file:///etc/passwd\n", "https://x.example/feeds.txt", nil, "not an http or https URL"},
		{"comments only", "# nothing yet\n\n", "feeds.txt", nil, "names no feed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := listEntries([]byte(tc.body), tc.base)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.want {
				tc.want[i] = filepath.FromSlash(tc.want[i])
				if source.IsURL(tc.want[i]) {
					tc.want[i] = filepath.ToSlash(tc.want[i])
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("entries %q, want %q", got, tc.want)
			}
		})
	}
}

// articleServer serves article pages and a feed pointing to them.
func articleServer(t *testing.T) *httptest.Server {
	t.Helper()
	stall := make(chan struct{})
	page := func(body string) string {
		return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>News</title></head><body><article>` + body + `</article></body></html>`
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/garbled", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(garbled))
	})
	mux.HandleFunc("/clean", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(clean))
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, "<html><body><p>The first words arrive")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-stall:
		}
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss("Pages",
			[3]string{"Clean page", "/clean", ""},
			[3]string{"Garbled page", srv.URL + "/garbled", ""},
			[3]string{"Missing page", "/gone", ""},
			[3]string{"Stalled page", "/stall", ""},
			[3]string{"An image", "/image", ""},
			[3]string{"No link", "", clean},
		))
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		close(stall)
		srv.Close()
	})
	return srv
}

func TestFetchArticles(t *testing.T) {
	srv := articleServer(t)
	rep := run(t, Options{FetchArticles: true, Fetcher: &source.Fetcher{Timeout: 300 * time.Millisecond, Retries: -1}}, srv.URL+"/feed.xml")
	if rep.Records[0].Title != "Garbled page" || rep.Records[0].Checked != "page" || len(rep.Records[0].Findings) == 0 {
		t.Errorf("first record: %+v", rep.Records[0])
	}
	for _, tc := range []struct{ title, err string }{
		{"Clean page", ""},
		{"Missing page", "HTTP 404"},
		{"Stalled page", "timed out"},
		{"An image", "image/png, not HTML"},
		{"No link", "no link"},
	} {
		r := byTitle(t, rep, tc.title)
		if tc.err == "" && r.Error != "" || !strings.Contains(r.Error, tc.err) {
			t.Errorf("%s: error %q, want %q", tc.title, r.Error, tc.err)
		}
		if strings.Contains(r.Error, srv.URL+"/") && !strings.Contains(tc.err, "URL") {
			t.Errorf("%s: the error repeats the URL: %q", tc.title, r.Error)
		}
	}
	if r := byTitle(t, rep, "Missing page"); r.Link != srv.URL+"/gone" {
		t.Errorf("relative link resolved to %q", r.Link)
	}
	if s := rep.Summary; s.Items != 6 || s.ItemsFailed != 4 || s.Failed() != 4 {
		t.Errorf("summary %+v", s)
	}
}

// Per-host politeness: never more than PerHost requests at once to the
// server, however many fetch jobs.
func TestPerHost(t *testing.T) {
	var mu sync.Mutex
	cur, peak := 0, 0
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		cur++
		peak = max(peak, cur)
		mu.Unlock()
		defer func() {
			mu.Lock()
			cur--
			mu.Unlock()
		}()
		time.Sleep(20 * time.Millisecond) // let requests overlap
		if r.URL.Path == "/feed.xml" {
			var items [][3]string
			for i := range 12 {
				items = append(items, [3]string{fmt.Sprintf("Item %d", i), fmt.Sprintf("%s/a/%d", srv.URL, i), ""})
			}
			fmt.Fprint(w, rss("Busy", items...))
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<p>"+clean+"</p>")
	}))
	defer srv.Close()
	rep := run(t, Options{FetchArticles: true, FetchJobs: 8, Fetcher: &source.Fetcher{PerHost: 2, Timeout: 5 * time.Second, Retries: -1}}, srv.URL+"/feed.xml")
	if rep.Summary.Items != 12 || rep.Summary.Failed() != 0 {
		t.Fatalf("summary %+v\n%s", rep.Summary, dump(rep))
	}
	if peak > 2 {
		t.Errorf("%d requests at once to one host, want at most 2", peak)
	}
}

func TestProgress(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.xml", rss("A", [3]string{"1", "https://x.example/1", clean}, [3]string{"2", "https://x.example/2", garbled}))
	b := write(t, dir, "b.xml", "not a feed at all, sorry")
	var last Progress
	calls := 0
	rep := run(t, Options{Progress: func(p Progress) {
		calls++
		if p.ItemsDone > p.Items || p.FeedsDone > p.Feeds {
			t.Errorf("progress %+v: more done than known", p)
		}
		last = p
	}}, a, b)
	want := Progress{Feeds: 2, FeedsDone: 2, Items: 2, ItemsDone: 2, Failed: 1}
	if last != want || calls < 3 {
		t.Errorf("last progress %+v after %d calls, want %+v", last, calls, want)
	}
	if rep.Summary.FeedsFailed != 1 {
		t.Errorf("summary %+v", rep.Summary)
	}
}

func TestCancel(t *testing.T) {
	srv := articleServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, []string{srv.URL + "/feed.xml"}, Options{Checker: newChecker(t), FetchArticles: true})
	if err != context.Canceled {
		t.Errorf("Run after cancel: %v", err)
	}
	if _, err := Run(context.Background(), nil, Options{}); err == nil {
		t.Error("Run without a Checker: no error")
	}
}

// The formats carry the same records; the JSON findings are those of
// checker.Finding.
func TestFormats(t *testing.T) {
	dir := t.TempDir()
	feed := write(t, dir, "feed.xml", rss("World news",
		[3]string{"Garbled, with a comma", "https://news.example.org/talks", garbled},
		[3]string{"Clean", "https://news.example.org/rates", clean},
		[3]string{"Empty", "https://news.example.org/empty", ""},
	))
	missing := filepath.Join(dir, "missing.xml")
	rep := run(t, Options{}, feed, missing)

	var js bytes.Buffer
	if err := Write("json", &js, rep); err != nil {
		t.Fatal(err)
	}
	var doc JSONReport
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || len(doc.Items) != 4 || doc.Summary != rep.Summary {
		t.Errorf("json: version %d, %d items, summary %+v", doc.Version, len(doc.Items), doc.Summary)
	}
	if f := doc.Items[0].Findings; len(f) != 4 || f[0].Rule == "" || f[0].Line == 0 || f[0].Text == "" {
		t.Errorf("json findings %+v", f)
	}
	var raw map[string]any
	json.Unmarshal(js.Bytes(), &raw)
	for i, it := range raw["items"].([]any) {
		m := it.(map[string]any)
		for _, k := range []string{"kind", "feed", "feed_title", "title", "link", "score", "words", "errors", "warnings", "infos", "categories", "findings"} {
			if _, ok := m[k]; !ok {
				t.Errorf("json item %d has no %q", i, k)
			}
		}
		if m["findings"] == nil || m["categories"] == nil {
			t.Errorf("json item %d: null findings or categories", i)
		}
	}

	var jl bytes.Buffer
	if err := Write("jsonl", &jl, rep); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(jl.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("jsonl: %d lines", len(lines))
	}
	var last Record
	if err := json.Unmarshal([]byte(lines[3]), &last); err != nil {
		t.Fatal(err)
	}
	if last.Kind != KindFeed || last.Feed != missing || !strings.Contains(last.Error, "no such file") {
		t.Errorf("jsonl last line: %s", lines[3])
	}

	var cs bytes.Buffer
	if err := Write("csv", &cs, rep); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || len(rows[0]) != len(csvHeader) {
		t.Fatalf("csv: %d rows of %d columns", len(rows), len(rows[0]))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	r1 := rows[1]
	if r1[col["title"]] != "Garbled, with a comma" || r1[col["punctuation"]] != "2" || r1[col["errors"]] != "1" ||
		!strings.Contains(r1[col["rules"]], "punctuation.test-space-comma:2") || r1[col["published"]] != "2024-05-10T08:00:00Z" {
		t.Errorf("csv row 1: %q", r1)
	}
	var ff []checker.Finding
	if err := json.Unmarshal([]byte(r1[col["findings_json"]]), &ff); err != nil || len(ff) != 4 {
		t.Errorf("csv findings_json: %v, %d findings", err, len(ff))
	}
	if rows[3][col["error"]] == "" || rows[4][col["kind"]] != "feed" {
		t.Errorf("csv failures: %q / %q", rows[3], rows[4])
	}

	var tb bytes.Buffer
	if err := Write("table", &tb, rep); err != nil {
		t.Fatal(err)
	}
	out := tb.String()
	head, rest, _ := strings.Cut(out, "\n")
	for _, w := range []string{"SCORE", "FINDINGS", "PUNCT", "REPEAT", "IDIOM", "TITLE", "LINK"} {
		if !strings.Contains(head, w) {
			t.Errorf("table head %q has no %s", head, w)
		}
	}
	if strings.Contains(head, "SPIN") {
		t.Errorf("table head %q has a column for a category without findings", head)
	}
	first, _, _ := strings.Cut(rest, "\n")
	if !strings.Contains(first, "Garbled, with a comma") || !strings.Contains(first, "https://news.example.org/talks") {
		t.Errorf("table first row %q", first)
	}
	for _, w := range []string{"Failed (2):", "item https://news.example.org/empty \"Empty\" (feed " + feed + "): no content", "feed " + missing + ": ", "3 items from 2 feeds: 2 checked, 1 failed; 1 feed failed; 4 findings (1 error, 2 warnings, 1 info)"} {
		if !strings.Contains(out, w) {
			t.Errorf("table has no %q:\n%s", w, out)
		}
	}
	if err := Write("xml", &tb, rep); err == nil {
		t.Error("unknown format: no error")
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"Genève talks end", 8, "Genève …"},
		{"ééééé", 3, "éé…"},
	} {
		if got := truncate(tc.s, tc.n); got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}

// FuzzParse feeds any bytes to what reads a SOURCE: sniffing, gunzip, the
// list reader and the feed parser. None may panic; a feed's items carry
// valid content formats and the word count never exceeds the bytes.
func FuzzParse(f *testing.F) {
	f.Add([]byte(rss("Seed", [3]string{"A", "https://x.example/a", garbled}, [3]string{"B", "/b", "They will be commercial."})))
	f.Add([]byte(billionLaughs))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_text":"x , y"}]}`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title><content type="xhtml"><div>a , b</div></content></entry></feed>`))
	f.Add([]byte("# list\nhttps://a.example/rss\nfeeds/b.xml\n"))
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"))
	f.Add([]byte("<rss><channel><item><title>unclosed"))
	f.Fuzz(func(t *testing.T, body []byte) {
		b, err := gunzip(body, 1<<20)
		if err != nil {
			return
		}
		k, err := sniff(b)
		if err != nil {
			return
		}
		if k == kindList {
			entries, err := listEntries(b, "https://x.example/list.txt")
			for _, e := range entries {
				if !source.IsURL(e) {
					t.Errorf("a list on the web named %q", e)
				}
			}
			_ = err
			return
		}
		fd, err := parseFeed(b)
		if err != nil {
			return
		}
		for _, e := range fd.entries {
			if e.format != markup.HTML && e.format != markup.Plain {
				t.Errorf("format %v", e.format)
			}
		}
	})
}

// Feeds served badly: garbage, gzip with and without Content-Encoding, a
// stall, a 404, a body over the limit. Each gives its feed's error or its
// items, and the others go on.
func TestServedFeeds(t *testing.T) {
	good := rss("Served", [3]string{"Served item", "https://x.example/s", garbled})
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(good))
	zw.Close()
	stall := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/garbage":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte("\x00\x01\x02\xff\xfe garbage \x89PNG"))
		case "/gzip-encoding":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz.Bytes())
		case "/gzip-file":
			w.Header().Set("Content-Type", "application/gzip")
			w.Write(gz.Bytes())
		case "/stall":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, good[:100])
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-stall:
			}
		case "/big":
			fmt.Fprint(w, rss("Big", [3]string{"Big item", "https://x.example/b", strings.Repeat(clean, 100)}))
		default:
			http.NotFound(w, r)
		}
	}))
	defer func() {
		close(stall)
		srv.Close()
	}()
	for _, tc := range []struct{ path, err string }{
		{"/garbage", "binary or garbled bytes"},
		{"/gzip-encoding", ""},
		{"/gzip-file", ""},
		{"/stall", "timed out"},
		{"/missing", "HTTP 404 Not Found"},
		{"/big", "larger than"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			rep := run(t, Options{Fetcher: &source.Fetcher{Timeout: 300 * time.Millisecond, Retries: -1, MaxBytes: 8 << 10}}, srv.URL+tc.path)
			if len(rep.Records) != 1 {
				t.Fatalf("%d records:\n%s", len(rep.Records), dump(rep))
			}
			r := rep.Records[0]
			if tc.err == "" {
				if r.Error != "" || r.Title != "Served item" || len(r.Findings) == 0 {
					t.Errorf("record %+v", r)
				}
				return
			}
			if r.Kind != KindFeed || !strings.Contains(r.Error, tc.err) {
				t.Errorf("record %+v, want a feed error holding %q", r, tc.err)
			}
			if strings.Contains(r.Error, srv.URL) {
				t.Errorf("the error repeats the URL: %q", r.Error)
			}
		})
	}
}

// A feed file over the size limit is refused before it is parsed.
func TestLargeFeedFile(t *testing.T) {
	dir := t.TempDir()
	big := write(t, dir, "big.xml", rss("Big", [3]string{"Big item", "https://x.example/b", strings.Repeat(clean, 100)}))
	rep := run(t, Options{Fetcher: &source.Fetcher{MaxBytes: 8 << 10}}, big)
	if len(rep.Records) != 1 || rep.Records[0].Kind != KindFeed || !strings.Contains(rep.Records[0].Error, "larger than 8192 bytes") {
		t.Errorf("records:\n%s", dump(rep))
	}
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte(" "), 1<<20))
	zw.Close()
	gz := write(t, dir, "bomb.xml.gz", bomb.String())
	rep = run(t, Options{Fetcher: &source.Fetcher{MaxBytes: 64 << 10}}, gz)
	if len(rep.Records) != 1 || !strings.Contains(rep.Records[0].Error, "larger than 65536 bytes once decompressed") {
		t.Errorf("gzip bomb:\n%s", dump(rep))
	}
}

// Feed content is Unicode text once the feed is parsed: a <meta charset> in
// it does not make the checker read it in another encoding.
func TestContentIsUnicode(t *testing.T) {
	dir := t.TempDir()
	content := `<meta charset="windows-1252"><p>The délégation met in Genève , on Sunday.</p>`
	feed := write(t, dir, "feed.xml", rss("Unicode", [3]string{"Genève talks", "https://x.example/g", content}))
	rep := run(t, Options{}, feed)
	r := rep.Records[0]
	if r.Error != "" || len(r.Findings) != 1 {
		t.Fatalf("record %+v", r)
	}
	for _, n := range r.Notes {
		t.Errorf("note %s: %s", n.Kind, n.Message)
	}
	if f := r.Findings[0]; content[f.Offset:f.Offset+f.Length] != f.Text || f.Text != " ," {
		t.Errorf("finding %q at %d", f.Text, f.Offset)
	}
}

// TestTruncatedFeed checks that a feed cut off in its third item still
// gives its first two items, checked, beside an error for the feed.
func TestTruncatedFeed(t *testing.T) {
	dir := t.TempDir()
	whole := rss("Cut", [3]string{"One", "https://x.example/1", garbled}, [3]string{"Two", "https://x.example/2", garbled},
		[3]string{"Three", "https://x.example/3", garbled})
	cut := whole[:strings.Index(whole, "<item><title>Three")+30]
	atomCut := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Cut</title>
<entry><title>One</title><link href="https://x.example/a1"/><id>a1</id><updated>2024-05-10T08:00:00Z</updated><content type="html">` + stdhtml.EscapeString(garbled) + `</content></entry>
<entry><title>Two</title><link href="https://x.example/a2"/><id>a2</id><updated>2024-05-09T08:00:00Z</updated><content type="ht`
	for name, body := range map[string]string{"rss": cut, "atom": atomCut} {
		path := write(t, dir, name+".xml", body)
		rep := run(t, Options{}, path)
		var items []string
		feedErr := ""
		for _, r := range rep.Records {
			switch r.Kind {
			case KindFeed:
				feedErr = r.Error
			default:
				if r.Error != "" || len(r.Findings) == 0 {
					t.Errorf("%s: item %q: error %q, %d findings", name, r.Title, r.Error, len(r.Findings))
				}
				items = append(items, r.Title)
			}
		}
		want := map[string]int{"rss": 2, "atom": 1}[name]
		if len(items) != want || !strings.Contains(feedErr, "truncated") || !strings.Contains(feedErr, fmt.Sprintf("the %d whole items before the break were checked", want)) {
			t.Errorf("%s: items %q, feed error %q", name, items, feedErr)
		}
	}
}

// Records keep each finding's rule, message, span and suggestions, not the
// rule's explanation (which for a pack rule lists every entry of the pack
// and made a row of a few findings weigh kilobytes): 'mtlint explain' has it.
func TestRecordsLeaveOutExplanations(t *testing.T) {
	dir := t.TempDir()
	feed := write(t, dir, "feed.xml", rss("World news",
		[3]string{"Garbled", "https://news.example.org/talks", garbled}))
	rep := run(t, Options{}, feed)
	for _, format := range []string{"json", "jsonl", "csv"} {
		var b bytes.Buffer
		if err := Write(format, &b, rep); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, "explanation") || strings.Contains(out, "Delete the space") || strings.Contains(out, "A doubled word is a slip") {
			t.Errorf("%s: a finding carries its rule's explanation:\n%s", format, out)
		}
		for _, w := range []string{`rule`, `message`, `offset`, `length`, `end_column`, `suggestions`, `punctuation.test-space-comma`} {
			if !strings.Contains(out, w) {
				t.Errorf("%s: no %q in\n%s", format, w, out)
			}
		}
	}
	r := rep.Records[0]
	if len(r.Findings) != 4 {
		t.Fatalf("%d findings, want 4", len(r.Findings))
	}
	for _, f := range r.Findings {
		if f.Rule == "" || f.Message == "" || f.Line == 0 || f.Length == 0 || garbled[f.Offset:f.Offset+f.Length] != f.Text {
			t.Errorf("finding %+v lost its rule, message or span", f)
		}
	}
}

// french is a news paragraph in French, which the English rules do not read.
const french = `<p>Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la sécheresse, a déclaré le ministre. Les syndicats ont salué la décision mais demandent davantage.</p>`

// The table and the CSV show each item's language and notes: an item in
// French, which the English rules cannot read, must not look like a clean
// English one.
func TestLanguageAndNotesShown(t *testing.T) {
	dir := t.TempDir()
	feed := write(t, dir, "feed.xml", rss("World news",
		[3]string{"Clean", "https://news.example.org/rates", clean},
		[3]string{"En français", "https://news.example.org/fr", french}))
	rep := run(t, Options{}, feed)
	fr, en := byTitle(t, rep, "En français"), byTitle(t, rep, "Clean")
	if fr.Language != "fr" || en.Language != "en" || len(fr.Notes) == 0 {
		t.Fatalf("languages %q and %q, notes %v", fr.Language, en.Language, fr.Notes)
	}
	note := fr.Notes[0].Message

	var tb bytes.Buffer
	if err := Write("table", &tb, rep); err != nil {
		t.Fatal(err)
	}
	table, _, _ := strings.Cut(tb.String(), "\n\n")
	lines := strings.Split(table, "\n")
	if !strings.Contains(lines[0], "LANGUAGE") {
		t.Errorf("table head %q has no LANGUAGE", lines[0])
	}
	for _, tc := range []struct{ title, lang string }{{"Clean", "en"}, {"En français", "fr"}} {
		found := false
		for _, l := range lines[1:] {
			if strings.Contains(l, tc.title) {
				found = true
				if !slices.Contains(strings.Fields(l), tc.lang) {
					t.Errorf("table row %q does not show the language %s", l, tc.lang)
				}
			}
		}
		if !found {
			t.Errorf("no table row for %q", tc.title)
		}
	}
	if !strings.Contains(tb.String(), "Notes (1):") || !strings.Contains(tb.String(), note) {
		t.Errorf("table does not give the French item's note %q:\n%s", note, tb.String())
	}

	var cs bytes.Buffer
	if err := Write("csv", &cs, rep); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	li, ni := col["detected_language"], col["notes"]
	if li == 0 || ni == 0 {
		t.Fatalf("csv header %q has no language or notes", rows[0])
	}
	for _, row := range rows[1:] {
		switch row[col["title"]] {
		case "En français":
			if row[li] != "fr" || !strings.Contains(row[ni], note) {
				t.Errorf("csv French row: language %q, notes %q", row[li], row[ni])
			}
		case "Clean":
			if row[li] != "en" || row[ni] != "" {
				t.Errorf("csv clean row: language %q, notes %q", row[li], row[ni])
			}
		}
	}
	var js bytes.Buffer
	if err := Write("jsonl", &js, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"language":"fr"`) {
		t.Errorf("jsonl has no language:\n%s", js.String())
	}
}

// The same item reached through two feeds, or through a feed file and the
// same feed on the web, is checked and counted once: by its link, compared
// once normalised (case of scheme and host, default port, fragment,
// tracking parameters), or by its GUID.
func TestDuplicateItemsCheckedOnce(t *testing.T) {
	feedA := rss("Desk A",
		[3]string{"Talks", "https://news.example.org/talks", garbled},
		[3]string{"Rates", "https://news.example.org/rates", clean})
	feedB := rss("Desk B",
		[3]string{"Talks again", "HTTPS://News.Example.org:443/talks?utm_source=rss#top", garbled},
		[3]string{"Budget", "https://news.example.org/budget", mild})
	// a JSON Feed whose item has no link but the GUID of an Atom entry
	atomFeed := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title>
<entry><title>Harvest</title><id>tag:news.example.org,2024:harvest</id><content type="html">` + stdhtml.EscapeString(clean) + `</content></entry>
</feed>`
	jsonFeed := `{"version": "https://jsonfeed.org/version/1.1", "title": "JSON desk", "items": [
{"id": "tag:news.example.org,2024:harvest", "title": "Harvest again", "content_html": ` + strconv.Quote(clean) + `},
{"id": "1", "title": "Short id", "content_html": ` + strconv.Quote(clean) + `}]}`
	atomShort := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Other site</title>
<entry><title>Other short id</title><id>1</id><content type="html">` + stdhtml.EscapeString(mild) + `</content></entry>
</feed>`
	var hits sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := hits.LoadOrStore(r.URL.Path, new(int))
		*n.(*int)++
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feedA)
	}))
	defer srv.Close()
	dir := t.TempDir()
	a := write(t, dir, "a.xml", feedA)
	b := write(t, dir, "b.xml", feedB)
	at := write(t, dir, "atom.xml", atomFeed)
	js := write(t, dir, "feed.json", jsonFeed)
	short := write(t, dir, "short.xml", atomShort)
	rep := run(t, Options{}, a, b, srv.URL+"/rss.xml", at, js, short)

	count := map[string]int{}
	for _, r := range rep.Records {
		if r.Error != "" {
			t.Errorf("failed: %s", FailureLine(r))
		}
		count[r.Link+"|"+r.Title]++
	}
	talks, harvest := 0, 0
	for _, r := range rep.Records {
		switch {
		case strings.HasSuffix(r.Link, "/talks") || strings.Contains(r.Link, "/talks?"):
			talks++
			if len(r.AlsoIn) != 2 {
				t.Errorf("talks checked from %s, also in %q: want the two other feeds", r.Feed, r.AlsoIn)
			}
		case strings.HasPrefix(r.Title, "Harvest"):
			harvest++
			if len(r.AlsoIn) != 1 {
				t.Errorf("harvest checked from %s, also in %q", r.Feed, r.AlsoIn)
			}
		}
	}
	// six distinct items: talks, rates, budget, harvest, and the two items
	// whose short GUID "1" two sites may both use
	if talks != 1 || harvest != 1 || len(rep.Records) != 6 {
		t.Errorf("%d records, talks %d times, harvest %d times:\n%s", len(rep.Records), talks, harvest, dump(rep))
	}
	s := rep.Summary
	if s.Items != 6 || s.Duplicates != 4 || s.Findings != 6 {
		t.Errorf("summary %+v, want 6 items, 4 duplicates (talks twice, rates, harvest), 6 findings", s)
	}
	if !strings.Contains(s.String(), "4 duplicates") {
		t.Errorf("summary line %q does not say duplicates were left out", s)
	}
}
