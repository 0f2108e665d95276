package markup

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
)

// articleBody is the article of newsPage: long enough for readability to
// take it for the page's main content.
var articleBody = []string{
	"Senior Russian diplomat predicted difficult talks with the United States this week after attending a working dinner with American officials in Geneva on Sunday.",
	"Russian Deputy Foreign Minister Sergei Ryabkov and other Russian officials met for more than two hours with US Deputy Secretary of State Wendy Sherman, head of the US delegation, and her team at the residence of the American ambassador.",
	"The dinner was the prelude to a larger discussion between the two teams at the US mission in Geneva starting on Monday, the first of a series of meetings in three European cities this week.",
	"“We have dug into the depths of the issues ahead, but the talks are going to be difficult,” Ryabkov told reporters as he left the dinner.",
	"The talks are seen as a first step towards resuming dialogue as ties have deteriorated as Russia has deployed around 100,000 troops along its border with Ukraine.",
	"The government of Russian President Vladimir Putin has drawn up a list of demands, such as seeking guarantees that the NATO military alliance will not expand further east.",
	"US Secretary of State Antony Blinken told ABC’s This Week on Sunday that he did not expect any breakthroughs in the bilateral talks in Geneva or at meetings in Brussels and Vienna later this week.",
	"Ambassador Thomas Greminger, director of the Geneva Centre for Security Policy, said the talks were an opportunity to express mutual concerns, but it would be far too early to expect any clarification.",
}

// newsPage returns a whole web page: navigation, a sidebar, a footer and
// the article.
func newsPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Russian diplomat predicts difficult talks | Example News</title>
<script>window.analytics = {page: "world"};</script></head>
<body>
<header class="site-header"><nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
</ul></nav></header>
<div class="layout">
<main><article class="story">
<h1>Russian diplomat predicts week of difficult talks with US over Ukraine</h1>
<p class="byline">By Jamey Keaten, Associated Press</p>
<div class="story-body">
`)
	for i, p := range articleBody {
		if i == 2 {
			p = strings.Replace(p, "in Geneva", `in <a href="/world/geneva">Geneva</a>`, 1)
		}
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`</div></article></main>
<aside class="sidebar"><h2>Most read</h2><ol>
<li><a href="/a">Council approves budget for new leisure centre</a></li>
<li><a href="/b">Roadworks to close bridge for three weeks</a></li>
<li><a href="/c">Local bakery wins national award</a></li>
</ol></aside>
</div>
<footer class="site-footer"><p>© 2024 Example News. All rights reserved.</p><p><a href="/cookies">Cookie settings</a> · <a href="/privacy">Privacy policy</a></p></footer>
</body></html>
`)
	return []byte(b.String())
}

func TestExtractArticle(t *testing.T) {
	page := newsPage()
	ex, err := Extract(page, HTML, Options{Article: true, URL: "https://news.example.org/world/russia-talks"})
	if err != nil {
		t.Fatal(err)
	}
	// Every line of the article stands in the page: positions refer to
	// the page's own bytes and no note says otherwise.
	if ex.Source != nil {
		t.Fatal("Source is set: positions refer to the re-rendered article, not the page")
	}
	if len(ex.Notes) != 0 {
		t.Errorf("Notes = %q, want none", ex.Notes)
	}
	checkMap(t, page, ex)
	if r := ex.Map.ToRaw(0); !bytes.HasPrefix(page[r:], []byte("Russian diplomat predicts difficult talks")) {
		t.Errorf("the headline maps to %q, not to the page's <title>", page[r:min(len(page), r+40)])
	}
	for _, p := range articleBody {
		i := strings.Index(ex.Text, p)
		if i < 0 {
			t.Errorf("article paragraph missing from the prose:\n%q\nprose:\n%s", p, ex.Text)
			continue
		}
		// positions refer to the page: the paragraph's first words are
		// there, and so are its last, past the link in paragraph 3
		word := p[:strings.IndexByte(p, ' ')]
		if r := ex.Map.ToRaw(i); !bytes.HasPrefix(page[r:], []byte(word)) {
			t.Errorf("paragraph %q maps to %q in the page", word, page[r:min(len(page), r+20)])
		}
		last := p[strings.LastIndexByte(p, ' ')+1:]
		if r := ex.Map.ToRaw(i + len(p) - len(last)); !bytes.HasPrefix(page[r:], []byte(last)) {
			t.Errorf("paragraph end %q maps to %q in the page", last, page[r:min(len(page), r+20)])
		}
	}
	for _, chrome := range []string{"Home", "Sport", "Most read", "leisure centre", "Cookie settings", "All rights reserved", "analytics"} {
		if strings.Contains(ex.Text, chrome) {
			t.Errorf("prose holds page chrome %q:\n%s", chrome, ex.Text)
		}
	}
}

func TestExtractArticleErrors(t *testing.T) {
	tooLarge := make([]byte, MaxArticlePage+1)
	for i := range tooLarge {
		tooLarge[i] = 'a'
	}
	tests := []struct {
		name string
		page []byte
		want string
	}{
		{"plain text", []byte("Senior Russian diplomat predicted difficult talks with the United States.\n\nThe dinner was the prelude."), "not HTML"},
		{"empty", nil, "not HTML"},
		{"empty body", []byte("<!DOCTYPE html><html><head><title>Example News</title></head><body></body></html>"), "no article"},
		{"only scripts", []byte("<html><body><script>var a = 1;</script><style>p{}</style></body></html>"), "no article"},
		{"too large", tooLarge, "more than the"},
		{"too many tags", []byte(strings.Repeat("<b>x</b>", 2*maxArticleElements)), "too many"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := extractArticle(tt.page, "")
			if err == nil {
				t.Fatalf("no error; prose %q", ex.Text)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestExtractArticleBadURL(t *testing.T) {
	// A URL that does not parse is not an error: links stay as they are.
	ex, err := extractArticle(newsPage(), "http://[::1:bad")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ex.Text, articleBody[0]) {
		t.Errorf("article missing: %q", ex.Text)
	}
}

func FuzzArticle(f *testing.F) {
	f.Add(newsPage())
	f.Add([]byte("<p>Talks resumed.</p>"))
	f.Add([]byte("<html><body><article><h1>x</h1><p>" + strings.Repeat("Officials met in Geneva. ", 30) + "</p></article></body></html>"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ex, err := extractArticle(raw, "https://news.example.org/a")
		if err != nil {
			return
		}
		// either positions refer to the page, with no note, or to the
		// re-rendered article, with the note that says so
		if ex.Source == nil {
			if len(ex.Notes) != 0 {
				t.Fatalf("article positions in the page, but notes %q", ex.Notes)
			}
			checkMap(t, raw, ex)
			return
		}
		if len(ex.Notes) == 0 || ex.Notes[0] != ArticleNote {
			t.Fatalf("article positions in Source without the note")
		}
		checkMap(t, ex.Source, ex)
	})
}

// BenchmarkArticle measures article extraction of a 1 MB news page:
// readability's parse, scoring and rendering, then extractHTML.
func BenchmarkArticle(b *testing.B) {
	raw := benchPage(1 << 20)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extractArticle(raw, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExtractArticleHeadline checks that the headline, which readability
// keeps apart from the article, is put back as its first paragraph, once.
func TestExtractArticleHeadline(t *testing.T) {
	ex, err := Extract(newsPage(), HTML, Options{Article: true})
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(ex.Text, "\n\n")
	if !strings.HasPrefix(first, "Russian diplomat predicts") {
		t.Errorf("the prose does not start with the headline:\n%.200s", ex.Text)
	}
	if n := strings.Count(ex.Text, "Russian diplomat predicts"); n != 1 {
		t.Errorf("the headline appears %d times:\n%.400s", n, ex.Text)
	}
	checkMap(t, newsPage(), ex)
}

// TestExtractArticleUntraceable checks that an article whose text cannot
// all be found in the page's prose keeps positions in the re-rendered
// article, with the note that says so: here the headline readability
// takes from <title> is neither in the page's prose nor, verbatim (an
// entity stands for a letter), in its bytes.
func TestExtractArticleUntraceable(t *testing.T) {
	page := newsPage()
	// a headline in neither the page's prose nor, verbatim, its bytes
	page = bytes.Replace(page, []byte("<title>Russian diplomat"), []byte("<title>Russian &#100;iplomat"), 1)
	page = bytes.Replace(page, []byte("<h1>Russian diplomat predicts week"), []byte("<h1>Russian diplomat predicts a week"), 1)
	ex, err := Extract(page, HTML, Options{Article: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ex.Text, "Russian diplomat predicts difficult talks") {
		t.Fatalf("the prose does not start with the <title> headline:\n%.200s", ex.Text)
	}
	if ex.Source == nil || len(ex.Notes) != 1 || ex.Notes[0] != ArticleNote {
		t.Fatalf("Source set %v, Notes %q: want the article's source and note", ex.Source != nil, ex.Notes)
	}
	// every line but the headline is traced to the page
	head := strings.Index(ex.Text, "\n")
	if ex.Page == nil || ex.Page.Covers(0, head) || !ex.Page.Covers(head+2, head+10) {
		t.Fatalf("Page %+v: want every line traced but the headline (0-%d)", ex.Page, head)
	}
	for _, s := range ex.Page.Spans {
		line := ex.Text[s.Start:s.End]
		if r := ex.Page.Map.ToRaw(s.Start); !bytes.HasPrefix(page[r:], []byte(line[:min(len(line), 12)])) {
			t.Errorf("traced line %q maps to %.40q", line, page[r:])
		}
	}
	checkMap(t, ex.Source, ex)
}

func TestAlignArticle(t *testing.T) {
	page := []byte("<p>Nav</p>\n<p>One &amp; two ,</p>\n<p>Short</p>\n<p>Short line</p>")
	px := extractHTML(page)
	tests := []struct {
		article string
		all     bool
		traced  []string          // the lines traced back to the page
		at      map[string]string // article word => page bytes it maps to
	}{
		{"One & two ,\n\nShort line", true, []string{"One & two ,", "Short line"},
			map[string]string{"One": "One", "two": "two ,", ",": ",</p>", "Short": "Short line"}},
		// out of order: the second line is not after the first
		{"Short\n\nOne & two ,", false, []string{"Short"}, map[string]string{"Short": "Short</p>"}},
		{"Shor", false, nil, nil}, // not a whole line
		// a line readability rewrote, between two it kept
		{"One & two ,\n\nOne and two\n\nShort line", false, []string{"One & two ,", "Short line"},
			map[string]string{"two ,": "two ,", "Short line": "Short line"}},
	}
	for _, tt := range tests {
		m, traced, all := alignArticle(tt.article, px, page, "")
		if all != tt.all {
			t.Errorf("%q: all = %v, want %v", tt.article, all, tt.all)
		}
		var lines []string
		for _, s := range traced {
			lines = append(lines, tt.article[s.Start:s.End])
		}
		if fmt.Sprint(lines) != fmt.Sprint(tt.traced) {
			t.Errorf("%q: traced %q, want %q", tt.article, lines, tt.traced)
		}
		for w, want := range tt.at {
			r := m.ToRaw(strings.Index(tt.article, w))
			if !bytes.HasPrefix(page[r:], []byte(want)) {
				t.Errorf("%q: %q maps to %q, want %q", tt.article, w, page[r:], want)
			}
		}
	}
	p := &PageTrace{Spans: []document.Span{{Start: 0, End: 11}, {Start: 26, End: 36}}}
	for _, tt := range []struct {
		start, end int
		want       bool
	}{{0, 3, true}, {8, 11, true}, {8, 12, false}, {11, 13, false}, {26, 36, true}, {30, 40, false}, {40, 41, false}} {
		if got := p.Covers(tt.start, tt.end); got != tt.want {
			t.Errorf("Covers(%d, %d) = %v, want %v", tt.start, tt.end, got, tt.want)
		}
	}
}
