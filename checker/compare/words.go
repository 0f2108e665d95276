package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word or a punctuation mark of a text.
type Token struct {
	// Start and End are its bytes in the text.
	Start, End int
	// Word says it holds a letter or a digit; a punctuation mark does not.
	Word bool
	// Content says it is a word with a letter that is not a function word
	// (an article, a pronoun, a preposition, an auxiliary...): the words
	// that a spinner replaces and that the spin ratio counts.
	Content bool
}

// Tokens splits text into words and punctuation marks, skipping white
// space. A word is a run of letters, digits and combining marks, with an
// apostrophe or a hyphen between letters or digits kept inside it ("don't",
// "in-person") and a period, comma or colon between digits too ("3.5",
// "100,000", "14:30").
func Tokens(text string) []Token {
	var toks []Token
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r) || r == utf8.RuneError && size == 1:
			i += size
		case isWordRune(r):
			start := i
			i += size
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if isWordRune(r) || unicode.Is(unicode.Mn, r) {
					i += size
					continue
				}
				prev, _ := utf8.DecodeLastRuneInString(text[:i])
				next, nsize := utf8.DecodeRuneInString(text[i+size:])
				if i+size < len(text) && nsize > 0 && joins(prev, r, next) {
					i += size
					continue
				}
				break
			}
			toks = append(toks, Token{Start: start, End: i, Word: true, Content: isContent(text[start:i])})
		default:
			toks = append(toks, Token{Start: i, End: i + size})
			i += size
		}
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// joins reports whether mark, between prev and next, keeps them in one word.
func joins(prev, mark, next rune) bool {
	switch mark {
	case '\'', '’', '-', '‐', '‑':
		return isWordRune(prev) && isWordRune(next)
	case '.', ',', ':':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}

// key is what two tokens must share to be the same word: the text in lower
// case, with curly apostrophes and hyphen variants made plain, so that
// re-typeset copies align.
func key(s string) string {
	if !strings.ContainsAny(s, "’‐‑ABCDEFGHIJKLMNOPQRSTUVWXYZ") && isASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '’':
			return '\''
		case '‐', '‑':
			return '-'
		}
		return unicode.ToLower(r)
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isContent reports whether the word w carries content: it has a letter and
// is not a function word.
func isContent(w string) bool {
	letter := false
	for _, r := range w {
		if unicode.IsLetter(r) {
			letter = true
			break
		}
	}
	return letter && !functionWords[key(w)]
}

// functionWords are the English words that carry grammar rather than
// content: articles, pronouns and determiners, prepositions, conjunctions,
// auxiliary and modal verbs and their contractions, and a few adverbs of
// degree and negation. Spinners leave them; the spin ratio does not count
// them.
var functionWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(`
a an the this that these those some any each every no none all both either neither
another other such what which who whom whose whoever whatever whichever
i me my mine myself we us our ours ourselves you your yours yourself yourselves
he him his himself she her hers herself it its itself they them their theirs themselves
one ones
about above across after against along amid among around as at before behind below
beneath beside besides between beyond by despite down during except for from in inside
into like near of off on onto out outside over past per since than through throughout
till to toward towards under underneath unlike until up upon via with within without
and but or nor so yet if then else because although though while whereas whether unless
once where when whenever wherever how why
be am is are was were been being have has had having do does did doing done
will would shall should can could may might must ought
i'm you're he's she's it's we're they're i've you've we've they've i'd you'd he'd she'd
we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't wasn't weren't hasn't
haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot couldn't
mustn't let's that's there's here's what's who's
not very too also just only even still already quite rather more most less least
there here now ago`) {
		m[w] = true
	}
	return m
}()
