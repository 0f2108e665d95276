package markup

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
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

// ArticleNote is the note an extracted article carries: findings then point
// into the article's HTML as readability re-rendered it, which is not the
// page as fetched or saved.
const ArticleNote = "positions refer to the article extracted from the page (re-rendered as HTML by readability), not to the bytes of the page itself"

// extractArticle returns the prose of the main article of the web page raw,
// found by readability (codeberg.org/readeck/go-readability/v2) so that
// navigation, sidebars and footers are not checked. pageURL, which may be
// empty, is the page's address, against which readability resolves links.
//
// Readability keeps no offsets into the page, so the article's HTML is
// rendered and its prose extracted with extractHTML: Source is set to that
// HTML and positions refer to it, which a note says. Readability drops
// comments, so inline mtlint directives in the page do not apply; it keeps
// the headline apart, and it is put back as the article's first heading.
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
	if title := strings.Join(strings.Fields(art.Title()), " "); title != "" && !startsWith(ex.Text, title) {
		src = append([]byte("<h1>"+html.EscapeString(title)+"</h1>\n"), src...)
		ex = extractHTML(src)
	}
	ex.Source = src
	ex.Notes = append(ex.Notes, ArticleNote)
	return ex, nil
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
