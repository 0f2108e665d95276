package audit

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/score"
)

// MinWords is the fewest words Score divides by, so that a three-word
// teaser with one weak finding does not outrank a long garbled article.
const MinWords = score.MinWords

// Score is the MT-likelihood score of one item, 0 to 100, that the feed
// audit ranks by: the calibrated score of package score over the item's
// findings and the words of its checked text (see checker/score for the
// formula and `mtlint explain-score` for the parts of one). A clean text
// scores 0; the seed article (shared/seed/mt-article.txt) 100. It is the
// score `mtlint check` reports, up to the word count, which the audit
// takes from the raw page (countWords) and check from the extracted text.
func Score(findings []checker.Finding, words int) float64 {
	if len(findings) == 0 {
		return 0
	}
	fs := make([]score.Finding, len(findings))
	for i := range findings {
		f := &findings[i]
		fs[i] = score.Finding{Rule: f.Rule, Category: string(f.Category), Message: f.Message, Text: f.Text}
	}
	return float64(score.Compute(fs, words).Score)
}

// countWords counts the words of the text that is checked of raw, for Score:
// all of a plain text; the text of an HTML document outside script, style,
// pre, code, title and the like; and of a whole page (article), the text inside
// <article> or <main> when there is some, else the page's text outside
// navigation, header, footer, aside and forms. It approximates the words of
// the extracted prose without a second extraction.
func countWords(raw []byte, format markup.Format, article bool) int {
	if format != markup.HTML {
		return words(raw)
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	var (
		skip    int // depth inside elements whose text is never checked
		chrome  int // depth inside page chrome, for article
		main    int // depth inside <article> or <main>
		all     int // words outside skipped elements (and chrome, for article)
		inMain  int // words inside <article> or <main>
		sawMain bool
	)
	for {
		switch z.Next() {
		case html.ErrorToken:
			if article && sawMain && inMain > 0 {
				return inMain
			}
			return all
		case html.TextToken:
			if skip > 0 {
				continue
			}
			n := words(z.Text())
			if main > 0 {
				inMain += n
			}
			if !article || chrome == 0 {
				all += n
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Pre, atom.Code, atom.Template, atom.Noscript, atom.Textarea, atom.Svg, atom.Math, atom.Title:
				skip++
			case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form:
				chrome++
			case atom.Article, atom.Main:
				main++
				sawMain = true
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Pre, atom.Code, atom.Template, atom.Noscript, atom.Textarea, atom.Svg, atom.Math, atom.Title:
				skip = max(skip-1, 0)
			case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form:
				chrome = max(chrome-1, 0)
			case atom.Article, atom.Main:
				main = max(main-1, 0)
			}
		}
	}
}

// words counts the runs of letters and digits in b (UTF-8, or bytes of a
// legacy encoding, whose bytes above 0x7F count as letters).
func words(b []byte) int {
	n := 0
	in := false
	for i := 0; i < len(b); {
		c := b[i]
		var letter bool
		if c < utf8.RuneSelf {
			letter = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
			i++
		} else {
			r, size := utf8.DecodeRune(b[i:])
			letter = r == utf8.RuneError && size == 1 || unicode.IsLetter(r) || unicode.IsDigit(r)
			i += size
		}
		if letter && !in {
			n++
		}
		in = letter
	}
	return n
}
