package repetition

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// Loop flags a word or a short phrase that comes back three or more times
// in a row inside a sentence ("did not ask at all at all at all", "a very
// light, very light, very light case"): the oscillation of a neural
// decoder that lost its place.
var Loop = &rules.Rule{
	ID:       "repetition.loop",
	Category: rules.Repetition,
	Severity: rules.Warning,
	Doc:      "a word or short phrase repeated three or more times in a row inside a sentence, as in \"at all at all at all\"",
	Explanation: `A neural translation engine sometimes falls into a loop: it emits a word or a short
phrase, then the same again, and again, until something breaks the cycle or the
output runs out of length. The result is "students never ask for help at all at
all at all", "a very light, very light, very light, very light case", "the cable
for low power power power power", or a list that becomes "March, March, March,
March, March, March, March, March, March" for a whole line. People repeat words for
effect ("very, very good", "no, no, no"), but not a phrase of content words three
times inside a sentence, and nobody writes the same word eight times in a row.

What to do: keep one copy and check the sentence against the source: the loop
often replaced the words that should have been there.

Flagged: three or more copies in a row (four or more when commas separate them) of
one to six words inside a sentence that has at least three other words, and eight
or more copies anywhere (sixteen of an intensifier or interjection). One finding a
sentence: the rest of a sentence that loops is the same failure. Not flagged: a
sentence that is nothing but the repetition (a chant, a song, a sound: "la la la
la", "rumble rumble rumble", "no, no, no, no"), repeated intensifiers and
interjections ("very, very, very good", "so so so", "ha ha ha", "come on, come
on, come on"), the rhetorical triple ("location, location, location", "I can't,
I can't, I can't"), numbers, and two copies, which repetition.doubled-word and repetition.near-repeat judge.`,
	Flagged:   "Pupils never ask the teachers for advice at all at all at all, and then they fail.",
	Unflagged: "It was very, very, very close, she said. \"No, no, no, no.\" La la la la.",
	SafeFix:   false,
	Run:       runLoop,
}

const (
	// loopCopies is the fewest copies in a row that make a loop.
	loopCopies = 3
	// loopAlways is the number of copies that makes a loop whatever the
	// sentence around it (twice as many for emphatic words).
	loopAlways = 8
	// loopUnitTokens is the longest repeated unit, in tokens (words and
	// the commas or dashes between them).
	loopUnitTokens = 8
	// loopUnitWords is the most words a repeated unit may have.
	loopUnitWords = 6
	// loopContext is the fewest words outside the repetition that its
	// sentence must have for fewer than loopAlways copies to be flagged.
	loopContext = 3
)

// emphatic are words that English repeats on purpose, for emphasis or as a
// sound: a unit made only of them is not a loop.
var emphatic = set(`very really so too much many more most no yes yeah yep nope oh ah ha haha he hee ho la na da
boo hoo hip hooray oi hey hi bye wow whoa woah boom bang bam pow knock tick tock ding dong blah yada
go come back on off in out away home please now again well okay ok sorry thanks far long round over up down faster higher
stronger better harder louder never ever always forever all one two three four five six seven eight nine ten
buzz beep bla la-la tut um uh er hmm mm shh`)

func runLoop(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	pre := doc.Prefixes
	ls := doc.Scratch(loopScratchKey{}, func() any { return new(loopScratch) }).(*loopScratch)
	cands := ls.candidates(pre)
	c := len(cands) - 1 // cands is last first
	for si := range doc.Sentences {
		r := doc.Sentences[si].Tokens
		for c >= 0 && int(cands[c]) < r.First {
			c--
		}
		for ; c >= 0 && int(cands[c]) < r.Last; c-- {
			i := int(cands[c])
			if toks[i].Kind != document.Word {
				continue
			}
			n, words, k, end := loopAt(doc, r, i)
			if k < loopCopies {
				continue
			}
			if !isLoop(doc, r, i, n, words, k, end) {
				for c > 0 && int(cands[c-1]) < end {
					c-- // the tokens inside a repetition that is not a loop
				}
				continue
			}
			first := doc.Text[toks[i].Start:toks[i+words-1].End]
			last := end // one past the last word of the last copy
			for toks[last-1].Kind != document.Word {
				last--
			}
			span := document.Span{Start: int(toks[i].Start), End: int(toks[last-1].End)}
			pass.Reportf(span, []string{first}, "%q is repeated %d times in a row", first, k)
			break // the rest of a sentence that loops is the same failure
		}
	}
}

// loopBuckets is the number of buckets, by the low bits of the prefix
// digest, in which repeatCandidates remembers the last token seen: a power
// of two, small enough for the table to stay in the fastest cache.
const loopBuckets = 1024

type loopScratchKey struct{}

// loopScratch keeps runLoop's candidates buffer from one window to the
// next.
type loopScratch struct{ buf []int32 }

// candidates returns repeatCandidates(pre) in the scratch buffer.
func (ls *loopScratch) candidates(pre []uint16) []int32 {
	if cap(ls.buf) < len(pre) {
		ls.buf = make([]int32, len(pre))
	}
	return repeatCandidates(pre, ls.buf[:len(pre)])
}

// repeatCandidates returns, last first, the tokens whose digest's bucket
// comes back within the loopUnitTokens tokens after them: a loop at token i
// needs i's digest to come back there (see loopAt), and most tokens'
// does not. It walks the tokens backwards once, a table holding the
// nearest later token of each bucket; out must have room for every token.
// A repeat in the next sentence makes a candidate that loopAt, bounded by
// the sentence, then rejects.
func repeatCandidates(pre []uint16, out []int32) []int32 {
	var next [loopBuckets]int32 // 0: none yet, as no token comes after a token i >= 0 at i
	out = out[:len(pre)]
	n := 0
	for j := len(pre) - 1; j >= 0; j-- {
		i := int32(j)
		b := &next[pre[j]%loopBuckets]
		out[n] = i
		if uint32(*b-i-1) < loopUnitTokens {
			n++
		}
		*b = i
	}
	return out[:n]
}

// loopAt returns the shortest unit, in tokens, that repeats back to back
// from token i within the sentence tokens r: its length n, the number of
// its first tokens that end in a word, how many copies of it there are and
// the first token after them. A last copy may lack the unit's closing
// comma ("X, X, X"). k < loopCopies when there is none.
func loopAt(doc *document.Document, r document.Range, i int) (n, words, k, end int) {
	toks := doc.Tokens
	a := &toks[i]
	pre := doc.Prefixes
	for n = 1; n <= loopUnitTokens && i+n*(loopCopies-1) < r.Last; n++ {
		// The quick test, on digests before any text is read: token i
		// comes back n and 2n tokens on (a last copy without its comma
		// still starts with it). Most candidates fail it for every n.
		if pre[i+n] != pre[i] || pre[i+2*n] != pre[i] {
			continue
		}
		if b := &toks[i+n]; b.Kind != document.Word || b.End-b.Start != a.End-a.Start || !sameTokens(doc, i, i+n, n) {
			continue
		}
		k = 2
		for i+(k+1)*n <= r.Last && sameTokens(doc, i, i+k*n, n) {
			k++
		}
		end = i + k*n
		words = n
		for words > 0 && toks[i+words-1].Kind != document.Word {
			words--
		}
		if words > 0 && words < n && end+words <= r.Last && sameTokens(doc, i, end, words) {
			k++
			end += words
		}
		if k >= loopCopies {
			return n, words, k, end
		}
	}
	return 0, 0, 0, 0
}

// sameTokens reports whether the n tokens from a and from b have the same
// text, ignoring case.
func sameTokens(doc *document.Document, a, b, n int) bool {
	toks := doc.Tokens
	for j := 0; j < n; j++ {
		x, y := &toks[a+j], &toks[b+j]
		if x.Kind != y.Kind || x.End-x.Start != y.End-y.Start ||
			!strings.EqualFold(doc.Text[x.Start:x.End], doc.Text[y.Start:y.End]) {
			return false
		}
	}
	return true
}

// chantVerbs introduce a repetition that was chanted, sung or shouted.
var chantVerbs = set(`chant chants chanted chanting sang sing sings singing sung shout shouts shouted shouting
yell yells yelled yelling scream screams screamed screaming cry cries cried crying chorus chorused roar roared
roaring repeat repeats repeated repeating`)

// quotedChant reports whether a verb of chanting or shouting comes just
// before token i (a quotation mark or a colon may come between):
// "supporters chanted come back come back come back".
func quotedChant(doc *document.Document, r document.Range, i int) bool {
	for j := i - 1; j >= r.First && j >= i-3; j-- {
		t := &doc.Tokens[j]
		if t.Kind == document.Word {
			return chantVerbs[lower(doc.Text[t.Start:t.End])]
		}
		if c := doc.Text[t.Start]; c != ':' && c != ',' && !isQuote(doc.Text[t.Start:t.End]) {
			return false
		}
	}
	return false
}

// isLoop decides whether k copies of the n-token unit at token i, of which
// the first words tokens end in a word, are a loop rather than emphasis or
// a chant; end is the first token after the repetition.
func isLoop(doc *document.Document, r document.Range, i, n, words, k, end int) bool {
	toks := doc.Tokens
	nw, allEmphatic, sep := 0, true, false
	for j := i; j < i+n; j++ {
		t := &toks[j]
		switch t.Kind {
		case document.Word:
			w := doc.Text[t.Start:t.End]
			if c, _ := utf8.DecodeRuneInString(w); !unicode.IsLetter(c) {
				return false // not a word of letters
			}
			nw++
			if !emphatic[lower(w)] {
				allEmphatic = false
			}
		case document.Punct:
			if c := doc.Text[t.Start]; c != ',' && c != '-' && c != ';' {
				return false // a unit does not cross a clause or a quotation
			}
			sep = true
		default:
			return false
		}
	}
	if nw > loopUnitWords || words == 0 || quotedChant(doc, r, i) {
		return false
	}
	if allEmphatic {
		return k >= 2*loopAlways // "go, go, go, …" for a whole line
	}
	if k >= loopAlways {
		return true
	}
	if sep && k < loopCopies+1 {
		return false // a tricolon: "location, location, location"
	}
	// A sentence that is the repetition and little else is a chant.
	other := 0
	for j := r.First; j < r.Last && other < loopContext; j++ {
		if (j < i || j >= end) && toks[j].Kind == document.Word {
			other++
		}
	}
	return other >= loopContext
}
