package audit

import (
	"bytes"
	"math"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/rules"
)

// The weights of findings in Score, by severity.
const (
	WeightInfo    = 1
	WeightWarning = 3
	WeightError   = 5
)

// MinWords is the fewest words Score divides by, so that a three-word
// teaser with one weak finding does not outrank a long garbled article.
const MinWords = 100

// Score is the provisional MT-likelihood score of one item: its findings,
// weighted by severity (an info counts WeightInfo, a warning WeightWarning,
// an error WeightError), per 1,000 words of the checked text (at least
// MinWords), rounded to one decimal. A clean text scores 0; the seed
// article (shared/seed/mt-article.txt) scores about 90 with the built-in
// rules.
//
// PROVISIONAL: this simple density stands in until the scoring issue
// replaces it with a calibrated score; only the ranking is meant to be
// stable, not the numbers.
func Score(findings []checker.Finding, words int) float64 {
	w := 0
	for i := range findings {
		switch findings[i].Severity {
		case rules.Error:
			w += WeightError
		case rules.Warning:
			w += WeightWarning
		default:
			w += WeightInfo
		}
	}
	if w == 0 {
		return 0
	}
	return math.Round(float64(w)*10000/float64(max(words, MinWords))) / 10
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
