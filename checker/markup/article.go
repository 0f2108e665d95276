package markup

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/mtlint/mtlint/checker/document"
)

// MaxArticlePage is the largest page, in bytes, that article extraction
// reads. Readability builds the page's whole tree and scores it several
// times over; above this size a page is not an article page but a dump,
// and the caller checks the whole page instead.
const MaxArticlePage = 8 << 20

// maxArticleElements bounds the elements readability scores, for the same
// reason: a page with more is not one article, and readability spends more
// than a second on 40,000 elements of sibling <div>s (a 1 MB page); a news
// page has a few thousand.
const maxArticleElements = 50_000

// ArticleNote is the note an extracted article carries when some of its
// lines could not be traced back to the page: findings on them point into
// the article's HTML as readability re-rendered it, which is not the page
// as fetched or saved, and reports mark their positions "(article)";
// findings on the other lines keep the page's positions (Extracted.Page).
const ArticleNote = "positions marked (article) refer to the article extracted from the page (re-rendered as HTML by readability), not to the bytes of the page itself: their lines could not be traced back to the page; positions without the mark are the page's"

// extractArticle returns the prose of the main article of the web page raw,
// found by readability (codeberg.org/readeck/go-readability/v2) so that
// navigation, sidebars and footers are not checked. pageURL, which may be
// empty, is the page's address, against which readability resolves links.
//
// Readability keeps no offsets into the page, so the article's HTML is
// rendered and its prose extracted with extractHTML: Source is set to that
// HTML and positions refer to it, which a note says, except on the lines
// that are traced back to the page. Readability drops comments, so inline
// mtlint directives are read from the page and apply to the findings that
// have the page's positions; it keeps the headline apart, and it is put
// back as the article's first heading.
//
// An error says why no article came out (the page is too large, is not
// HTML, or has no article); the caller then checks the whole page.
func extractArticle(raw []byte, pageURL string) (ex *Extracted, err error) {
	if len(raw) > MaxArticlePage {
		return nil, fmt.Errorf("the page has %d bytes, more than the %d (%d MB) article extraction reads", len(raw), MaxArticlePage, MaxArticlePage>>20)
	}
	switch n := countTags(raw, 2*maxArticleElements); {
	case n == 0:
		return nil, errors.New("the page is not HTML: it has no tags")
	case n > 2*maxArticleElements:
		// Building the tree only to count its elements takes a second.
		return nil, fmt.Errorf("the page has more than %d tags, too many for one article", 2*maxArticleElements)
	}
	var base *url.URL
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
			base = u
		}
	}
	defer func() {
		// Readability is a large third-party rewrite of the page; a bug in
		// it must cost one page's extraction, not the run.
		if r := recover(); r != nil {
			ex, err = nil, fmt.Errorf("article extraction failed: %v", r)
		}
	}()
	p := readability.NewParser()
	p.MaxElemsToParse = maxArticleElements
	art, err := p.Parse(bytes.NewReader(raw), base)
	if err != nil {
		return nil, fmt.Errorf("article extraction failed: %w", err)
	}
	if art.Node == nil {
		return nil, errors.New("no article found in the page")
	}
	var buf bytes.Buffer
	buf.Grow(len(raw) / 2)
	if err := art.RenderHTML(&buf); err != nil {
		return nil, fmt.Errorf("article extraction failed: %w", err)
	}
	src := buf.Bytes()
	ex = extractHTML(src)
	if strings.TrimSpace(ex.Text) == "" {
		return nil, errors.New("the article found in the page has no text")
	}
	// Readability keeps the headline apart from the article: put it back
	// as the article's first heading, so that it is checked too, unless
	// the article already starts with it.
	title := strings.Join(strings.Fields(art.Title()), " ")
	if title != "" && !startsWith(ex.Text, title) {
		src = append([]byte("<h1>"+html.EscapeString(title)+"</h1>\n"), src...)
		ex = extractHTML(src)
	} else {
		title = ""
	}
	// Readability drops comments, and with them the page's inline
	// directives: they are read from the page, for the findings that get
	// the page's positions.
	px := extractHTML(raw)
	m, traced, ok := alignArticle(ex.Text, px, raw, title)
	if ok {
		ex.Map = m // positions in the page itself
		ex.Suppressions = px.Suppressions
		return ex, nil
	}
	ex.Source = src
	if len(traced) > 0 {
		// these lines' positions are the page's
		ex.Page = &PageTrace{Spans: traced, Map: m, Suppressions: px.Suppressions}
	}
	ex.Notes = append(ex.Notes, ArticleNote)
	return ex, nil
}

// alignArticle traces the article's text back to the page: each non-blank
// line of article, in order, is looked for as a whole line of the page's own
// prose (page, extracted from the page's bytes) after the last line found.
// It returns the map from offsets of article to offsets of the page's bytes
// (the page's map composed with the alignment), valid inside the lines
// found, which traced lists; all says that every line was found, in which
// case positions can refer to the page throughout. The scan only moves
// forward, so it is linear in the page when every line is found.
//
// title, when not empty, is the headline put back as the article's first
// line: when the page's prose does not hold it, it is looked up in the
// page's bytes (its <title>, whose text is not prose).
func alignArticle(article string, page *Extracted, raw []byte, title string) (m document.OffsetMap, traced []document.Span, all bool) {
	anchors := page.Map.Anchors()
	pt := page.Text
	cur := 0 // page text offset after the last line found
	ai := 0  // first page anchor not yet passed
	a := 0
	all = true
	if title != "" && strings.HasPrefix(article, title) && findLine(pt, title, 0) < 0 {
		if i := bytes.Index(raw, []byte(title)); i >= 0 {
			m.Add(0, i)
			traced = append(traced, document.Span{Start: 0, End: len(title)})
		} else {
			all = false
		}
		a = len(title)
	}
	for a < len(article) {
		end := strings.IndexByte(article[a:], '\n')
		if end < 0 {
			end = len(article)
		} else {
			end += a
		}
		line := article[a:end]
		if strings.TrimSpace(line) != "" {
			p := findLine(pt, line, cur)
			if p < 0 {
				all = false
				a = end + 1
				continue
			}
			// the line starts at page text offset p: anchor it there, and
			// carry over the page's anchors inside it.
			for ai < len(anchors) && anchors[ai].Text <= p {
				ai++
			}
			m.Add(a, page.Map.ToRaw(p))
			for ; ai < len(anchors) && anchors[ai].Text < p+len(line); ai++ {
				m.Add(a+anchors[ai].Text-p, anchors[ai].Raw)
			}
			traced = append(traced, document.Span{Start: a, End: end})
			cur = p + len(line)
		}
		a = end + 1
	}
	return m, traced, all
}

// findLine returns the first offset at or after from where line stands in
// text as a whole line (between line breaks or the text's ends), or -1.
func findLine(text, line string, from int) int {
	for from <= len(text) {
		i := strings.Index(text[from:], line)
		if i < 0 {
			return -1
		}
		p := from + i
		if (p == 0 || text[p-1] == '\n') && (p+len(line) == len(text) || text[p+len(line)] == '\n') {
			return p
		}
		from = p + 1
	}
	return -1
}

// startsWith reports whether the first paragraph of text, its white space
// collapsed, starts with title.
func startsWith(text, title string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(text), "\n\n")
	return strings.HasPrefix(strings.Join(strings.Fields(first), " "), title)
}

// countTags counts the start tags, end tags and comments of raw: each '<'
// followed by a letter, '/' or '!'; it stops counting above limit. Plain
// text has none, and readability would wrap it in a body and call it an
// article.
func countTags(raw []byte, limit int) int {
	n := 0
	for i := 0; n <= limit; {
		j := bytes.IndexByte(raw[i:], '<')
		if j < 0 || i+j+1 >= len(raw) {
			break
		}
		i += j + 1
		if c := raw[i]; 'a' <= c|0x20 && c|0x20 <= 'z' || c == '/' || c == '!' {
			n++
		}
	}
	return n
}
