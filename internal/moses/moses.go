// Package moses undoes the English tokenization of the Moses tokenizer
// (tokenizer.perl), which MLQE-PE and other MT data sets ship their text in:
// "don 't" , "( x )", "20 %", "a @-@ b", escaped "&amp;". It follows the
// rules of Moses's detokenizer.perl for English, so that the punctuation
// rules judge the text as it was written rather than as it was tokenized.
package moses

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// unescape undoes the escapes of tokenizer.perl, in its order.
var unescape = strings.NewReplacer(
	"&bar;", "|", "&#124;", "|",
	"&lt;", "<", "&gt;", ">",
	"&bra;", "[", "&ket;", "]",
	"&#91;", "[", "&#93;", "]",
	"&quot;", `"`, "&apos;", "'", "&#39;", "'",
	"&amp;", "&",
)

// joiners are the aggressive-hyphen and number-splitting markers of the
// tokenizer (" @-@ " for a hyphen inside a word, "@,@" and "@.@" inside
// numbers).
var joiners = strings.NewReplacer(" @-@ ", "-", " @,@ ", ",", " @.@ ", ".", " @/@ ", "/")

// Detokenize returns a Moses-tokenized English line as running text.
//
// Beyond detokenizer.perl, which knows only the straight quotes, it undoes
// the spaces that tokenizer.perl puts around typographic quotes, which it
// splits off like any other symbol: an opening “, „, « or ‘ attaches to
// the word after, a closing ” or » to the word before (a “ closes a
// quotation opened with „, as in German and Romanian), and a ’ between a
// word and a contraction ("don ’ t", "Putin ’ s") joins them.
func Detokenize(line string) string {
	line = joiners.Replace(line)
	words := strings.Fields(line)
	var b strings.Builder
	b.Grow(len(line))
	space := ""                // what goes before the next word
	quotes := map[string]int{} // how many of each quote mark were seen
	low := 0                   // low quotes „ not yet closed
	for i, w := range words {
		w = unescape.Replace(w)
		switch {
		case isAll(w, "$([{¿¡"):
			// attach to the word after
			b.WriteString(space)
			b.WriteString(w)
			space = ""
		case isAll(w, ",.?!:;\\%}])…"):
			// attach to the word before
			b.WriteString(w)
			space = " "
		case w == "’" && i > 0 && i+1 < len(words) && endsAlnum(words[i-1]) && contraction[words[i+1]]:
			// a contraction written with a typographic apostrophe,
			// split into three tokens: "don ’ t"
			b.WriteString(w)
			space = ""
		case isAll(w, "“‘«") && !(w == "“" && low > 0), isAll(w, "„"):
			// a typographic opening quote: attach to the word after
			if w == "„" {
				low++
			}
			b.WriteString(space)
			b.WriteString(w)
			space = ""
		case isAll(w, "”’»“"):
			// a typographic closing quote: attach to the word before
			if w == "“" || (w == "”" && low > 0) {
				low--
			}
			b.WriteString(w)
			space = " "
		case i > 0 && len(w) > 1 && w[0] == '\'' && isLetter(w[1:]) && endsAlnum(words[i-1]):
			// a contraction or elision: "don 't", "it 's", "d 'état"
			b.WriteString(w)
			space = " "
		case isAll(w, `'"`+"`"): // a quote mark, or the pairs '' and ``
			q := w
			if q == "''" || q == "``" {
				q = `"`
			}
			if quotes[q]%2 == 0 {
				if q == "'" && i > 0 && strings.HasSuffix(words[i-1], "s") {
					// a possessive after -s ("the players ' union"): attach
					// to the word before, and it opens no quotation
					b.WriteString(w)
					space = " "
					continue
				}
				b.WriteString(space)
				b.WriteString(w)
				space = ""
			} else {
				b.WriteString(w)
				space = " "
			}
			quotes[q]++
		default:
			b.WriteString(space)
			b.WriteString(w)
			space = " "
		}
	}
	return b.String()
}

// contraction holds the second parts of English contractions and of the
// possessive, as they follow a split typographic apostrophe.
var contraction = map[string]bool{"t": true, "s": true, "re": true, "ve": true, "ll": true, "d": true, "m": true, "S": true, "T": true}

// isAll reports whether w is made only of runes from set.
func isAll(w, set string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !strings.ContainsRune(set, r) {
			return false
		}
	}
	return true
}

// isLetter reports whether s begins with a letter (the rune after the
// apostrophe of a contraction).
func isLetter(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r)
	}
	return false
}

// endsAlnum reports whether w ends with a letter or a digit.
func endsAlnum(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
