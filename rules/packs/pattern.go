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

// elem is one compiled pattern element.
type elem struct {
	kind   elemKind
	hashes []uint64 // for elemWords: the folded hashes of the words
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
	e := elem{kind: elemWords}
	for _, w := range words {
		e.hashes = append(e.hashes, foldHash(w))
	}
	return e
}

// FNV-1a, over the folded text of a token.
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// foldHash returns the hash of s as a pattern or a token compares it: lower
// case, curly apostrophes as straight ones, hyphen variants as '-'.
func foldHash(s string) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = (h ^ uint64(c)) * prime64
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '’', 'ʼ', '‘', '`':
			h = (h ^ '\'') * prime64
			continue
		case '‐', '‑', '–', '—':
			h = (h ^ '-') * prime64
			continue
		}
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		for _, b := range buf[:n] {
			h = (h ^ uint64(b)) * prime64
		}
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
