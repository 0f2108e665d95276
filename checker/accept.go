package checker

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
)

// acceptor finds the occurrences of Config.Accept's words and phrases in a
// document's text.
type acceptor struct {
	// re matches one of the phrases at the start of its input.
	re *regexp.Regexp
	// first holds the bytes that may start an occurrence (the first byte
	// of each case variant of each phrase's first letter), so that the
	// search tries re only where one of them stands, not at every byte:
	// a case-insensitive pattern has no literal prefix for the regexp
	// package to look for.
	first [256]bool
}

// newAcceptor compiles phrases into one case-insensitive pattern, longest
// phrase first so that "Walla Walla" is preferred to "Walla" where both
// start; between words any run of white space matches, a no-break space
// too. It returns nil for no phrases.
func newAcceptor(phrases []string) (*acceptor, error) {
	a := &acceptor{}
	var alts []string
	for _, p := range phrases {
		words := strings.Fields(p)
		if len(words) == 0 {
			return nil, fmt.Errorf("accept %q: an empty phrase", p)
		}
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		alts = append(alts, strings.Join(words, `[\s\p{Z}]+`))
		r, _ := utf8.DecodeRuneInString(strings.TrimSpace(p))
		for f := r; ; {
			var buf [utf8.UTFMax]byte
			utf8.EncodeRune(buf[:], f)
			a.first[buf[0]] = true
			if f = unicode.SimpleFold(f); f == r {
				break
			}
		}
	}
	if len(alts) == 0 {
		return nil, nil
	}
	slices.SortStableFunc(alts, func(a, b string) int { return len(b) - len(a) })
	re, err := regexp.Compile(`^(?i)(?:` + strings.Join(alts, "|") + `)`)
	if err != nil {
		return nil, fmt.Errorf("accept: %v", err)
	}
	a.re = re
	return a, nil
}

// spans returns the occurrences of the accepted phrases in the current
// window of doc's text, as ranges of the text. An occurrence must stand at word boundaries: a letter,
// digit or mark may not touch a phrase's first or last letter or digit, so
// that "per se" is not found in "super sensible". a may be nil.
func (a *acceptor) spans(doc *document.Document) []document.Span {
	if a == nil {
		return nil
	}
	var out []document.Span
	text := doc.Text[:doc.Window.End]
	for i := doc.Window.Start; i < len(text); i++ {
		if !a.first[text[i]] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[i:]); isWordRune(r) && i > 0 {
			if p, _ := utf8.DecodeLastRuneInString(text[:i]); isWordRune(p) {
				continue // inside a word
			}
		}
		m := a.re.FindStringIndex(text[i:])
		if m == nil || m[1] == 0 || !boundary(text, i, i+m[1]) {
			continue
		}
		out = append(out, document.Span{Start: i, End: i + m[1]})
		i += m[1] - 1
	}
	return out
}

// boundary reports whether text[start:end] stands at word boundaries.
func boundary(text string, start, end int) bool {
	first, _ := utf8.DecodeRuneInString(text[start:])
	last, _ := utf8.DecodeLastRuneInString(text[:end])
	if isWordRune(first) && start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); isWordRune(r) {
			return false
		}
	}
	if isWordRune(last) && end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); isWordRune(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}
