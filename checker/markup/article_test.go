package markup

import (
	"bytes"
	"strings"
	"testing"
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
	if ex.Source == nil {
		t.Fatal("Source is not set")
	}
	if bytes.Equal(ex.Source, page) {
		t.Error("Source is the page itself, not the extracted article")
	}
	if len(ex.Notes) != 1 || ex.Notes[0] != ArticleNote {
		t.Errorf("Notes = %q, want the article note", ex.Notes)
	}
	checkMap(t, ex.Source, ex)
	for _, p := range articleBody {
		i := strings.Index(ex.Text, p)
		if i < 0 {
			t.Errorf("article paragraph missing from the prose:\n%q\nprose:\n%s", p, ex.Text)
			continue
		}
		// positions refer to Source: the paragraph's first words are there
		word := p[:strings.IndexByte(p, ' ')]
		if r := ex.Map.ToRaw(i); !bytes.HasPrefix(ex.Source[r:], []byte(word)) {
			t.Errorf("paragraph %q maps to %q in Source", word, ex.Source[r:min(len(ex.Source), r+20)])
		}
	}
	for _, chrome := range []string{"Home", "Sport", "Most read", "leisure centre", "Cookie settings", "All rights reserved", "analytics"} {
		if strings.Contains(ex.Text, chrome) {
			t.Errorf("prose holds page chrome %q:\n%s", chrome, ex.Text)
		}
	}
	// readability resolves links against the page's URL
	if !bytes.Contains(ex.Source, []byte("https://news.example.org/world/geneva")) {
		t.Errorf("relative link not resolved against the page URL in Source:\n%s", ex.Source)
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
		if ex.Source == nil || len(ex.Notes) == 0 {
			t.Fatalf("article without Source or note")
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
	checkMap(t, ex.Source, ex)
}
