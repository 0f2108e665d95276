package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one lower-cased word of a line and its byte span in the line.
// A token with brk set follows punctuation: no n-gram spans the gap
// before it.
type token struct {
	word       string
	start, end int
	brk        bool
}

// numberToken stands for every token made only of digits and separators, so
// that "{number} places" gathers "3 places" and "15 places".
const numberToken = "{number}"

// tokenize splits a line into lower-cased word tokens: runs of letters,
// digits and marks, with an apostrophe or hyphen kept inside a word
// ("don't", "long-term"). Moses-tokenized text (MLQE-PE) is detokenized
// before it gets here (readCorpus).
func tokenize(line string) []token {
	var toks []token
	brk := true
	i := 0
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		if isWordRune(r) {
			start := i
			j := i + size
			for j < len(line) {
				r2, s2 := utf8.DecodeRuneInString(line[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				if inner, n := innerJoiner(line, j, r2, s2); inner {
					j += n
					continue
				}
				break
			}
			toks = append(toks, token{word: normalize(line[start:j]), start: start, end: j, brk: brk})
			brk = false
			i = j
			continue
		}
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		brk = true
		i += size
	}
	return toks
}

// innerJoiner reports whether the rune r at line[j:] is an apostrophe or a
// hyphen between two word runes, or a decimal point or thousands separator
// between two digits, and its size.
func innerJoiner(line string, j int, r rune, size int) (bool, int) {
	next, _ := utf8.DecodeRuneInString(line[j+size:])
	if r == '.' || r == ',' {
		// 3.5, 100,000
		prev, _ := utf8.DecodeLastRuneInString(line[:j])
		return unicode.IsDigit(prev) && unicode.IsDigit(next), size
	}
	if r != '\'' && r != '’' && r != '-' && r != '‐' {
		return false, 0
	}
	return isWordRune(next), size
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// normalize lower-cases a word, straightens its apostrophes and hyphens and
// turns a number into numberToken.
func normalize(w string) string {
	digits := true
	for _, r := range w {
		if !unicode.IsDigit(r) && r != '-' && r != '‐' && r != '.' && r != ',' {
			digits = false
			break
		}
	}
	if digits {
		return numberToken
	}
	w = strings.ToLower(w)
	if strings.ContainsAny(w, "’‐") {
		w = strings.NewReplacer("’", "'", "‐", "-").Replace(w)
	}
	return w
}

// stopwords are English function words: an n-gram made only of them (and
// numbers) is not a candidate ("of the", "it is").
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the this that these those and or but nor so yet if then than as
	of in on at to for from by with about into onto over under between among through during before after
	above below up down out off again further once here there when where why how all any both each few
	more most other some such no not only own same too very can will just should would could may might
	must shall do does did doing done have has had having be is are was were been being am i me my mine
	myself we us our ours you your yours he him his she her hers it its they them their theirs what which
	who whom whose while because until against also s t don't it's i'm that's there's he's she's can't
	won't didn't doesn't isn't aren't wasn't weren't let's one {number}`) {
		stopwords[w] = true
	}
}

// allStopwords reports whether every word of the n-gram is a stopword.
func allStopwords(words []string) bool {
	for _, w := range words {
		if !stopwords[w] {
			return false
		}
	}
	return true
}
