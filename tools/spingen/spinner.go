package main

import (
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Spinner rewrites text the way an article spinner of the SpinBot or WordAI
// kind does: it walks the words and replaces a share of the content words
// with a thesaurus synonym (WordNet's), keeping function words, names and
// punctuation. It is deterministic: which words it replaces and which
// synonym it takes depend only on the seed, the salt given for the text,
// the word and its position.
type Spinner struct {
	wn *WordNet
	// Rate is the share of candidate words replaced, 0 to 1.
	Rate float64
	// Seed varies the choices between runs that should differ.
	Seed uint64
	// Choices is how many of a word's synonyms, in WordNet's order, the
	// spinner picks among.
	Choices int

	cache map[string][]string
}

// NewSpinner returns a spinner over wn replacing rate of the content words.
func NewSpinner(wn *WordNet, rate float64, seed uint64) *Spinner {
	return &Spinner{wn: wn, Rate: rate, Seed: seed, Choices: 3, cache: map[string][]string{}}
}

// synonyms returns the replacements the spinner may put for lw (lower
// case): for a plural noun the plurals of its noun synonyms; else the
// single-word synonyms of the first sense of each part of speech, noun,
// verb, adjective and adverb in that order (a thesaurus's first column).
func (sp *Spinner) synonyms(lw string) []string {
	if s, ok := sp.cache[lw]; ok {
		return s
	}
	var out []string
	if base, plural := sp.wn.Singular(lw); plural && !noPlural[lw] {
		for _, s := range sp.wn.Synonyms(base, []string{"noun"}, 1) {
			if plainWord(s.Word) && !sameStem(s.Word, base) && !stopWords[s.Word] {
				out = append(out, sp.wn.Plural(s.Word))
			}
		}
	} else {
		for _, s := range sp.wn.Synonyms(lw, []string{"noun", "verb", "adj", "adv"}, 1) {
			if plainWord(s.Word) && !sameStem(s.Word, lw) && !stopWords[s.Word] {
				out = append(out, s.Word)
			}
		}
	}
	if len(out) > sp.Choices {
		out = out[:sp.Choices]
	}
	sp.cache[lw] = out
	return out
}

// hash returns a 64-bit hash of the seed, salt, position and word.
func (sp *Spinner) hash(salt string, pos int, w string) uint64 {
	h := fnv.New64a()
	var b [16]byte
	for i := range 8 {
		b[i] = byte(sp.Seed >> (8 * i))
		b[8+i] = byte(uint64(pos) >> (8 * i))
	}
	h.Write(b[:])
	h.Write([]byte(salt))
	h.Write([]byte{0})
	h.Write([]byte(w))
	return h.Sum64()
}

// Spin returns line with words replaced, and how many it replaced. salt
// names the line (a file and line number), so that the same line spun
// twice comes out the same and different lines get different choices.
// A word is a candidate if it is lower case (or capitalised as the first
// word of the line), three letters or more and not a function word.
func (sp *Spinner) Spin(line, salt string) (string, int) {
	var b strings.Builder
	changed, pos := 0, 0
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsLetter(r) {
			b.WriteString(line[i : i+n])
			i += n
			continue
		}
		j := i
		for j < len(line) {
			r2, n2 := utf8.DecodeRuneInString(line[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			j += n2
		}
		w := line[i:j]
		// A word joined to the next by a hyphen or apostrophe is part of
		// a compound or contraction: kept as it is.
		joined := j < len(line) && (line[j] == '-' || line[j] == '\'') || i > 0 && (line[i-1] == '-' || line[i-1] == '\'')
		b.WriteString(sp.replace(w, salt, pos, i == 0, joined, &changed))
		pos++
		i = j
	}
	return b.String(), changed
}

func (sp *Spinner) replace(w, salt string, pos int, first, joined bool, changed *int) string {
	lw := strings.ToLower(w)
	capital := startsUpper(w)
	if joined || len(lw) < 3 || keepWords[lw] || (capital && !first) || (lw != w && !(capital && lw[1:] == w[1:])) {
		return w
	}
	h := sp.hash(salt, pos, lw)
	if float64(h>>11)/(1<<53) >= sp.Rate {
		return w
	}
	syns := sp.synonyms(lw)
	if len(syns) == 0 {
		return w
	}
	s := syns[(h>>3)%uint64(len(syns))]
	*changed++
	if capital {
		return upperFirst(s)
	}
	return s
}

// keepWords are the function words a spinner leaves alone: articles,
// pronouns, auxiliaries, prepositions, conjunctions and the like, whose
// synonyms (if WordNet has any) no spinner offers.
var keepWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the this that these those there here what which who whom whose
	when where why how all any both each few more most other some such no nor not only own same so than too
	very can will just should now would could might must shall may also and but or if because as until while
	of at by for with about against between into through during before after above below to from up down in
	out on off over under again further then once i me my myself we our ours you your he him his she her it
	its they them their what is are was were be been being have has had having do does did doing said says
	one two three four five six seven eight nine ten yes well even still yet however although though since
	within without upon per via among across along around behind beyond near toward towards whether either
	neither many much several every another anything something nothing everything someone anyone everyone
	get got make made take took like us let mr mrs ms`) {
		m[w] = true
	}
	return m
}()
