// Package grammar holds the grammar rules that a phrase list cannot express
// because they range over word classes instead of words: the present tense
// with "since" where English needs the present perfect ("governs the country
// since 2019"), a time phrase bound to its noun with "of" the Romance way
// ("the match of yesterday evening"), and stock constructions of Romance and
// Slavic languages that take any noun or number ("occupies the third place",
// "the fact of having", "assisted to the ceremony").
//
// Each rule starts from a rare trigger word ("since", "of" before a time word,
// "place", "fact", "about", "assist") and reads a few tokens on either side,
// so the family costs a comparison or two per token. Word classes are small
// closed lexicons (verb forms with their participles, time words, ordinals,
// clause boundaries) looked up without allocating; the rules carry the
// guards that keep them quiet on clean, edited news, measured on the BBC
// corpus and on human translations.
package grammar

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// Rules are the grammar rules in their run order.
var Rules = []*rules.Rule{PresentSince, OfTime, Construction}

// set builds a word list from white-space separated words.
func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// maxKey is the longest word that lexicon lookups consider.
const maxKey = 24

// fold writes s lower-cased into buf, with a curly apostrophe made straight,
// and returns the written part; ok is false when s is too long for a key.
func fold(s string, buf *[maxKey]byte) (key []byte, ok bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99 { // ’
			c = '\''
			i += 2
		} else if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if n == maxKey {
			return nil, false
		}
		buf[n] = c
		n++
	}
	return buf[:n], true
}

// in reports whether word, folded, is in m.
func in(m map[string]bool, word string) bool {
	v, _ := lookup(m, word)
	return v
}

// lookup returns m's value for word, folded.
func lookup[V any](m map[string]V, word string) (V, bool) {
	var buf [maxKey]byte
	k, ok := fold(word, &buf)
	if !ok {
		var zero V
		return zero, false
	}
	v, found := m[string(k)]
	return v, found
}

// is reports whether token i exists, is a word and is w (lower-case ASCII),
// ignoring case.
func is(doc *document.Document, i int, w string) bool {
	if i < 0 || i >= len(doc.Tokens) {
		return false
	}
	t := &doc.Tokens[i]
	return int(t.End-t.Start) == len(w) && doc.Text[t.Start]|0x20 == w[0] && t.Kind == document.Word &&
		strings.EqualFold(doc.Text[t.Start:t.End], w)
}

// word returns the text of token i when it is a word, or "".
func word(doc *document.Document, i int) string {
	if i < 0 || i >= len(doc.Tokens) || doc.Tokens[i].Kind != document.Word {
		return ""
	}
	return doc.TokenText(i)
}

// isLowerWord reports whether token i is a word that starts with a
// lower-case ASCII letter.
func isLowerWord(doc *document.Document, i int) bool {
	w := word(doc, i)
	return w != "" && w[0] >= 'a' && w[0] <= 'z'
}

// capitalized reports whether s starts with an upper-case letter.
func capitalized(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// newPrefixSet returns the set of the prefix digests of words: a token
// whose digest is not in it cannot be one of them. The digest folds ASCII
// case, so one entry a word covers "since", "Since" and "SINCE".
func newPrefixSet(words string) *document.DigestSet {
	var s document.DigestSet
	for _, w := range strings.Fields(words) {
		s.Add(document.PrefixDigest(w, 0, len(w)))
	}
	return &s
}

// trigger is a token that may start one of the family's patterns, with the
// paragraph it lies in.
type trigger struct{ para, tok int32 }

// triggerLists are the candidates of each rule in the current window, found
// in one pass over the tokens' prefix digests that the three rules share.
type triggerLists struct {
	since, of, construction []trigger
}

type (
	triggersMemo    struct{}
	triggersScratch struct{}
)

// anyTrigger holds every rule's trigger words, so that the shared pass
// costs one bitset lookup for most tokens.
var anyTrigger = func() *document.DigestSet {
	var all document.DigestSet
	for _, s := range []*document.DigestSet{sinceSet, ofSet, constructionSet} {
		for k := range all {
			all[k] |= s[k]
		}
	}
	return &all
}()

// ofSet holds the prefix digest of "of".
var ofSet = newPrefixSet("of")

// triggers returns the candidates of the current window of doc, computed
// once per window into buffers that the document keeps.
func triggers(doc *document.Document) *triggerLists {
	return doc.Memo(triggersMemo{}, func() any {
		tl := doc.Scratch(triggersScratch{}, func() any { return new(triggerLists) }).(*triggerLists)
		tl.since, tl.of, tl.construction = tl.since[:0], tl.of[:0], tl.construction[:0]
		pre := doc.Prefixes
		any := anyTrigger // a local: the loop runs on every token
		for pi, p := range doc.Paragraphs {
			ps := pre[p.Tokens.First:p.Tokens.Last]
			for j, d := range ps {
				if !any.Has(d) {
					continue
				}
				i := p.Tokens.First + j
				c := trigger{int32(pi), int32(i)}
				if sinceSet.Has(d) {
					tl.since = append(tl.since, c)
				}
				if ofSet.Has(d) && j+1 < len(ps) && timeStarters.Has(ps[j+1]) {
					tl.of = append(tl.of, c)
				}
				if constructionSet.Has(d) {
					tl.construction = append(tl.construction, c)
				}
			}
		}
		return tl
	}).(*triggerLists)
}

// hasSuffixFold reports whether s ends with suffix, ignoring ASCII case.
func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// upperFirst returns s with its first ASCII letter upper-cased.
func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// inQuotation reports whether token i of paragraph p lies inside a
// quotation opened earlier in the paragraph: after a “ not yet closed, or
// after an odd number of straight double quotes. Reported speech keeps the
// speaker's own grammar, which a rule about written English should leave
// alone.
func inQuotation(doc *document.Document, p document.Paragraph, i int) bool {
	curly, straight := false, false
	for j := p.Tokens.First; j < i; j++ {
		t := &doc.Tokens[j]
		if t.Kind != document.Punct {
			continue
		}
		switch doc.Text[t.Start:t.End] {
		case "“", "«":
			curly = true
		case "”", "»":
			curly = false
		case "\"":
			straight = !straight
		}
	}
	return curly || straight
}

// Months, days and the units of a length of time.
var (
	months = set(`january february march april may june july august september october november december`)
	days   = set(`monday tuesday wednesday thursday friday saturday sunday`)
	units  = set(`second seconds minute minutes hour hours day days week weeks fortnight fortnights month months
year years decade decades century centuries`)
	// numberWords are cardinals written out, and the words that stand
	// for a number before a unit.
	numberWords = set(`a an one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred several many
some few couple`)
	// ordinals are the ordinal numbers a ranking uses.
	ordinals = set(`first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth last`)
)

// isYear reports whether token i is a number that reads as a year or a
// decade: 1800 to 2099, optionally with an "s" (1990s).
func isYear(doc *document.Document, i int) bool {
	if i < 0 || i >= len(doc.Tokens) || doc.Tokens[i].Kind != document.Number {
		return false
	}
	s := doc.TokenText(i)
	s = strings.TrimSuffix(s, "s")
	if len(s) != 4 {
		return false
	}
	for j := 0; j < 4; j++ {
		if s[j] < '0' || s[j] > '9' {
			return false
		}
	}
	return s[:2] == "18" || s[:2] == "19" || s[:2] == "20"
}

// isOrdinal reports whether token i is an ordinal: a word of ordinals or a
// number such as 8th, 21st, 2nd, 3rd.
func isOrdinal(doc *document.Document, i int) bool {
	if i < 0 || i >= len(doc.Tokens) {
		return false
	}
	t := &doc.Tokens[i]
	s := doc.Text[t.Start:t.End]
	switch t.Kind {
	case document.Word:
		return in(ordinals, s)
	case document.Number:
		if len(s) < 3 {
			return false
		}
		for j := 0; j < len(s)-2; j++ {
			if s[j] < '0' || s[j] > '9' {
				return false
			}
		}
		return hasSuffixFold(s, "st") || hasSuffixFold(s, "nd") || hasSuffixFold(s, "rd") || hasSuffixFold(s, "th")
	}
	return false
}
