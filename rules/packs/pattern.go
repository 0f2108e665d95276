package packs

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
)

// elemKind says what one pattern element matches.
type elemKind uint8

const (
	elemWords  elemKind = iota // one of a set of words (or marks)
	elemNumber                 // a number, in digits or words
	elemCap                    // a capitalised word
	elemWord                   // any word
	elemPunct                  // any punctuation mark (guards only)
	elemEnd                    // the end of the paragraph (guards only)
	elemStart                  // the start of a sentence (guards only)
)

// elem is one parsed pattern element.
type elem struct {
	kind   elemKind
	hashes []uint64 // for elemWords: the folded hashes of the words
	words  []string // for elemWords: the words
}

// matchElem is one element as matching compares it: the compiled form of an
// element, its hashes a run of Set.hashes, without the words that serve to
// choose and index an entry's keys and to report a match (Set.wordElems). A
// set holds tens of thousands: small and without pointers, they cost little
// to build at every start and nothing to mark at each collection.
type matchElem struct {
	kind elemKind
	n    uint16 // the number of hashes
	off  uint32 // where the hashes start in Set.hashes
}

// maxAlternatives is the most words an element may list.
const maxAlternatives = 1<<16 - 1

// matchElems returns the compiled form of es, their hashes added to
// s.hashes.
func (s *Set) matchElems(es []elem) []matchElem {
	out := make([]matchElem, len(es))
	for i, e := range es {
		out[i] = s.matchElem(e)
	}
	return out
}

// matchElem returns the compiled form of e, its hashes added to s.hashes.
func (s *Set) matchElem(e elem) matchElem {
	m := matchElem{kind: e.kind, n: uint16(len(e.hashes)), off: uint32(len(s.hashes))}
	s.hashes = append(s.hashes, e.hashes...)
	return m
}

var (
	dayNames   = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december"}
	numberWords = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
		"hundred", "thousand", "hundreds", "thousands", "dozen", "dozens"}
	// numberWordSet holds the hashes of numberWords.
	numberWordSet = map[uint64]bool{}
)

func init() {
	for _, w := range numberWords {
		numberWordSet[foldHash(w)] = true
	}
}

// parsePattern compiles a pattern into its elements.
func parsePattern(p string) ([]elem, error) {
	fields := strings.Fields(p)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	elems := make([]elem, 0, len(fields))
	for i, f := range fields {
		e, err := parseElem(f)
		if err != nil {
			return nil, err
		}
		switch e.kind {
		case elemCap, elemWord:
			if i < 2 {
				return nil, fmt.Errorf("%s cannot be the first or second element", f)
			}
		case elemPunct, elemEnd, elemStart:
			return nil, fmt.Errorf("%s is for guards, not patterns", f)
		}
		elems = append(elems, e)
	}
	return elems, nil
}

// parseElem reads one element: a word, (a|b|c), or a {class}.
func parseElem(f string) (elem, error) {
	switch {
	case strings.HasPrefix(f, "{") && strings.HasSuffix(f, "}"):
		switch f {
		case "{number}":
			return elem{kind: elemNumber}, nil
		case "{day}":
			return wordsElem(dayNames), nil
		case "{month}":
			return wordsElem(monthNames), nil
		case "{cap}":
			return elem{kind: elemCap}, nil
		case "{word}":
			return elem{kind: elemWord}, nil
		case "{punct}":
			return elem{kind: elemPunct}, nil
		case "{end}":
			return elem{kind: elemEnd}, nil
		case "{start}":
			return elem{kind: elemStart}, nil
		}
		return elem{}, fmt.Errorf("unknown class %s (want {number}, {day}, {month}, {cap} or {word})", f)
	case strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")") && len(f) > 2:
		alts := strings.Split(f[1:len(f)-1], "|")
		if len(alts) > maxAlternatives {
			return elem{}, fmt.Errorf("%s: more than %d alternatives", f[:min(len(f), 40)], maxAlternatives)
		}
		for _, a := range alts {
			if err := checkWord(a); err != nil {
				return elem{}, fmt.Errorf("in %s: %v", f, err)
			}
		}
		return wordsElem(alts), nil
	}
	if err := checkWord(f); err != nil {
		return elem{}, err
	}
	return wordsElem([]string{f}), nil
}

// checkWord checks that w is one token as the tokenizer reads it.
func checkWord(w string) error {
	if w == "" {
		return fmt.Errorf("empty word")
	}
	if asciiLetters(w) {
		return nil // one word token: most words, and tokenizing each costs at every start
	}
	d := document.NewPlain([]byte(w))
	d.Segment()
	if len(d.Tokens) != 1 {
		return fmt.Errorf("%q is %d tokens, not one: write each as its own element", w, len(d.Tokens))
	}
	return nil
}

// parseGuardWord reads a guard's word or class.
func parseGuardWord(w string) (elem, error) {
	if strings.HasPrefix(w, "{") {
		return parseElem(w)
	}
	if err := checkWord(w); err != nil {
		return elem{}, err
	}
	return wordsElem([]string{w}), nil
}

func wordsElem(words []string) elem {
	e := elem{kind: elemWords, words: words}
	for _, w := range words {
		e.hashes = append(e.hashes, foldHash(w))
	}
	return e
}

// fold returns s as patterns and tokens compare it: lower case, curly
// apostrophes as straight ones, hyphen and dash variants as '-'.
func fold(s string) string { return string(appendFolded(nil, s)) }

// appendFolded appends the folded text of s to b.
func appendFolded(b []byte, s string) []byte {
	for _, r := range s {
		switch r {
		case '’', 'ʼ', '‘':
			r = '\''
		case '‐', '‑', '–', '—':
			r = '-'
		default:
			r = unicode.ToLower(r)
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

// foldHash returns the hash of the folded text of s. It is on the hot path
// (every token of every document), so pure-ASCII text is folded eight bytes
// at a time; other text is folded into a buffer first and hashed the same
// way, so both give one hash for one folded text.
func foldHash(s string) uint64 {
	if h, ok := asciiFoldHash(s); ok {
		return h
	}
	var buf [64]byte
	return hashFolded(appendFolded(buf[:0], s))
}

const (
	hashSeed = 0x9E3779B97F4A7C15
	hashMul  = 0xBF58476D1CE4E5B9
	hiBits   = 0x8080808080808080
)

// mix64 scrambles h (the finaliser of splitmix64).
func mix64(h uint64) uint64 {
	h ^= h >> 30
	h *= hashMul
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
}

// tokenHash returns foldHash(text[start:end]) for a token of a document's
// text. A short token is read with one eight-byte load when the text goes on
// far enough, the bytes past its end masked off.
func tokenHash(text string, start, end int) uint64 {
	n := end - start
	if n > 16 || start+16 > len(text) {
		return foldHash(text[start:end])
	}
	// fold the first eight bytes, and for a longer token the rest, as
	// asciiFoldHash does chunk by chunk
	h := uint64(hashSeed) ^ uint64(n)
	w := load64(text, start)
	if n < 8 {
		w &= 1<<(8*n) - 1
	}
	if w&hiBits != 0 {
		return foldHash(text[start:end])
	}
	h = mix64(h ^ lower64(w))
	if n > 8 {
		w = load64(text, start+8)
		if n < 16 {
			w &= 1<<(8*(n-8)) - 1
		}
		if w&hiBits != 0 {
			return foldHash(text[start:end])
		}
		h = mix64(h ^ lower64(w))
	}
	return h
}

// load64 reads eight bytes of s from i, little-endian.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// lower64 lower-cases the ASCII letters among eight ASCII bytes: a byte is
// upper case when b+(0x80-'A') has its top bit and b+(0x80-'Z'-1) has not;
// no byte carries, as all are below 0x80.
func lower64(w uint64) uint64 {
	const ones = 0x0101010101010101
	upper := (w + ones*(0x80-'A')) &^ (w + ones*(0x80-'Z'-1)) & hiBits
	return w | upper>>2
}

// asciiFoldHash hashes s when every byte is ASCII, lower-casing A–Z in eight
// bytes at once; it reports false for other text.
func asciiFoldHash(s string) (uint64, bool) {
	h := uint64(hashSeed) ^ uint64(len(s))
	for len(s) > 0 {
		var w uint64
		n := min(len(s), 8)
		if n == 8 {
			w = load64(s, 0)
		} else {
			for k := n - 1; k >= 0; k-- {
				w = w<<8 | uint64(s[k])
			}
		}
		if w&hiBits != 0 {
			return 0, false
		}
		h = mix64(h ^ lower64(w))
		s = s[n:]
	}
	return h, true
}

// hashFolded hashes text already folded, as asciiFoldHash does.
func hashFolded(b []byte) uint64 {
	h := uint64(hashSeed) ^ uint64(len(b))
	for len(b) > 0 {
		n := min(len(b), 8)
		var w uint64
		for k := n - 1; k >= 0; k-- {
			w = w<<8 | uint64(b[k])
		}
		h = mix64(h ^ w)
		b = b[n:]
	}
	return h
}

// phraseHashes returns the folded hashes of the tokens of a plain phrase.
func phraseHashes(ph string) ([]uint64, error) {
	d := document.NewPlain([]byte(ph))
	d.Segment()
	if len(d.Tokens) == 0 {
		return nil, fmt.Errorf("empty phrase")
	}
	hs := make([]uint64, len(d.Tokens))
	for i, t := range d.Tokens {
		hs[i] = foldHash(d.Text[t.Start:t.End])
	}
	return hs, nil
}

// asciiLetters reports whether w is made of ASCII letters only, which the
// tokenizer always reads as one word.
func asciiLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
