package punctuation

import (
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// HyphenAsDash flags a hyphen with no space around it that joins a word to
// the first word of a new clause ("the price of steel-the highest", "so
// large-it filled"): a dash that lost its spaces and its length.
var HyphenAsDash = &rules.Rule{
	ID:       "punctuation.hyphen-as-dash",
	Category: rules.Punctuation,
	Severity: rules.Warning,
	Doc:      "a hyphen used as a dash, glued to both words (\"the price of steel-the highest in a decade\")",
	Explanation: `Chinese sets off an aside or an explanation with a long dash "——", and
Czech, Russian and Ukrainian with a spaced dash " – ". Translation engines and the
pipelines around them often turn the dash into a hyphen and drop the spaces, so the
English text glues two clauses into one false compound: "the price of
steel-the highest in a decade", "the crowd was so large-it filled the square",
"two new bridges-each one longer than the last". A hyphen binds the words of a
compound ("well-known", "hands-on"); a reader stumbles over "steel-the".

What to do: write a dash, spaced ("the price of steel – the highest in a decade")
or, in American style, an unspaced em dash ("steel—the highest"); or a comma, a
colon or a new sentence where the dash was only the source's habit.

Flagged only where the word after the hyphen starts a clause or a noun phrase and
never ends a compound: an article, a demonstrative or a personal pronoun ("-the",
"-a", "-this", "-those", "-we", "-it", "-which"), after a word of three or more
letters. Not flagged: compounds of more than two parts ("know-it-all",
"state-of-the-art", "rent-a-car"); "thank-you", "fix-it" and "Post-it"; a
capitalised word before "-a" or "-an", which may be a romanised name ("Yan-an"
for Yan'an); a hyphen between spaces or before a digit; and the en and em dashes,
whose use without spaces is a matter of house style.`,
	Flagged:   "The crowd was so large-it filled the square and the streets around it.",
	Unflagged: "The crowd was so large – it filled the square for a state-of-the-art, hands-on show.",
	Run:       runHyphenAsDash,
}

// clauseHeads are the words that, glued after a hyphen, start a clause or a
// noun phrase and never end a two-part compound.
var clauseHeads = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "these": true, "those": true, "that": true,
	"each": true, "we": true, "you": true, "they": true, "he": true, "she": true, "it": true,
	"which": true, "who": true, "there": true, "its": true, "their": true, "our": true, "my": true,
	"his": true, "her": true,
}

// hyphenCompounds are the two-part compounds whose second part is one of
// clauseHeads, in lower case.
var hyphenCompounds = map[string]bool{"thank-you": true, "screw-you": true, "post-it": true, "fix-it": true}

func runHyphenAsDash(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	for _, p := range doc.Paragraphs {
		text := doc.Text[:p.End]
		i := p.Tokens.First
		for off := p.Start; off < len(text); off++ {
			k := strings.IndexByte(text[off:], '-')
			if k < 0 {
				break
			}
			off += k
			for i < p.Tokens.Last && int(toks[i].End) <= off {
				i++
			}
			if i >= p.Tokens.Last {
				break
			}
			t := &toks[i]
			if t.Kind != document.Word || int(t.Start) > off {
				continue
			}
			// look at this token once: its hyphens are done with
			w := text[t.Start:t.End]
			off = int(t.End) - 1
			if left, right, ok := dashParts(w); ok {
				pass.Reportf(t.Span(), []string{left + " – " + right, left + "—" + right},
					"a hyphen glues %q to %q: the break between them wants a dash", left, right)
			}
		}
	}
}

// dashParts splits a word token with one hyphen that stands for a dash into
// the words on either side: the second is one of clauseHeads in lower case,
// the first a word of three or more ASCII letters, in lower case, capitalised
// or in capitals.
func dashParts(w string) (left, right string, ok bool) {
	h := strings.IndexByte(w, '-')
	if h < 3 || len(w)-h-1 < 1 || len(w)-h-1 > 5 || strings.IndexByte(w[h+1:], '-') >= 0 {
		return "", "", false
	}
	left, right = w[:h], w[h+1:]
	if !clauseHeads[right] || !lettersOnly(left) || len(w) <= 16 && hyphenCompounds[lowerASCII(w)] {
		return "", "", false
	}
	if (right == "a" || right == "an") && left[0] <= 'Z' {
		// romanised names: "Yan-an" (Yan'an), "Yoon-a"
		return "", "", false
	}
	return left, right, true
}

// lettersOnly reports whether s is made of ASCII letters, all lower case
// after the first, or all capitals.
func lettersOnly(s string) bool {
	upper := 0
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			upper++
		default:
			return false
		}
	}
	return upper <= 1 && (upper == 0 || s[0] <= 'Z') || upper == len(s)
}

// lowerASCII returns s in ASCII lower case, without allocating when s has
// no capital.
func lowerASCII(s string) string {
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}
