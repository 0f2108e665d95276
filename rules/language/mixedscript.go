package language

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// cyrillicLookalikes maps the Cyrillic letters that look like Latin ones to
// those Latin letters.
var cyrillicLookalikes = map[rune]rune{
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T',
	'Х': 'X', 'У': 'Y', 'Ѕ': 'S', 'І': 'I', 'Ј': 'J', 'Ԛ': 'Q', 'Ԝ': 'W',
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ј': 'j',
	'ԁ': 'd', 'һ': 'h', 'ӏ': 'l', 'ԛ': 'q', 'ԝ': 'w', 'ѵ': 'v', 'ї': 'ï', 'ё': 'ë', 'Ї': 'Ï', 'Ё': 'Ë',
}

// greekLookalikes maps the Greek letters that look like Latin ones to those
// Latin letters. Letters that science writes inside Latin words (α, β, γ,
// κ, μ, Ω, Δ: "TNFα", "NF-κB", "5μm", "kΩ", "ΔT") are not among them.
var greekLookalikes = map[rune]rune{
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O',
	'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ο': 'o', 'ν': 'v', 'ϲ': 'c', 'ι': 'i',
}

// latinLookalikes maps Latin letters to the Cyrillic ones that look like
// them, for a Cyrillic word with Latin letters in it.
var latinLookalikes = func() map[rune]rune {
	m := map[rune]rune{}
	for c, l := range cyrillicLookalikes {
		if _, dup := m[l]; !dup || c < 0x500 {
			m[l] = c
		}
	}
	return m
}()

// latinToGreek maps Latin letters to the Greek ones that look like them.
var latinToGreek = func() map[rune]rune {
	m := map[rune]rune{}
	for g, l := range greekLookalikes {
		m[l] = g
	}
	return m
}()

// mixedBrands are names that mix scripts on purpose.
var mixedBrands = map[string]bool{"Яndex": true}

func runMixedScript(pass *rules.Pass) {
	doc := pass.Doc
	text := doc.Text[doc.Window.Start:doc.Window.End]
	// Greek and Cyrillic letters are encoded in UTF-8 with a lead byte from
	// 0xCD to 0xD4: a window without one (nearly every English one) is
	// done after a scan of its bytes.
	next := 0 // the first token that may hold the next such byte
	for i := 0; i < len(text); i++ {
		// eight ASCII bytes at a time (a lead byte has its high bit set)
		for i+8 <= len(text) && asciiWord(text[i:i+8]) {
			i += 8
		}
		if i >= len(text) {
			break
		}
		if b := text[i]; b < 0xCD || b > 0xD4 {
			continue
		}
		at := doc.Window.Start + i
		k := next + sort.Search(len(doc.Tokens)-next, func(j int) bool { return doc.Tokens[next+j].E() > at })
		if k >= len(doc.Tokens) {
			break
		}
		t := doc.Tokens[k]
		if t.S() > at {
			next = k
			continue // between tokens
		}
		next = k + 1
		i = t.E() - doc.Window.Start - 1
		if t.Kind != document.Word {
			continue // numbers with units ("5μm") are Number tokens
		}
		s := doc.Text[t.Start:t.End]
		if mixedBrands[s] {
			continue
		}
		if msg, fix, ok := mixedWord(s); ok {
			var sugg []string
			if fix != "" {
				sugg = []string{fix}
			}
			pass.Report(rules.Diagnostic{Span: t.Span(), Message: msg, Suggestions: sugg})
		}
	}
}

// mixedWord decides whether the word s mixes Latin with Cyrillic or Greek
// letters in one of its parts (the parts of "Путин's" and "β-blocker" are
// each in one script). It returns the message and, when every odd letter
// has a look-alike in the word's main script, the word with them replaced.
func mixedWord(s string) (msg, fix string, ok bool) {
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '-' || r == '\'' || r == '’' || r == '‐' }) {
		var nLatin, nCyr, nGreek int
		for _, r := range part {
			switch scriptOf(r) {
			case latin:
				nLatin++
			case cyrillic:
				nCyr++
			case greek:
				nGreek++
			}
		}
		if nLatin == 0 || nCyr == 0 && nGreek == 0 {
			continue
		}
		// the word's main script, and the odd letters in it
		var base, odd string
		var toBase func(r rune) (rune, bool)
		var isOdd func(sc script) bool
		switch {
		case nCyr > 0 && nLatin >= nCyr+nGreek:
			base, odd = "Latin", "Cyrillic"
			isOdd = func(sc script) bool { return sc == cyrillic || sc == greek }
			toBase = func(r rune) (rune, bool) {
				if l, ok := cyrillicLookalikes[r]; ok {
					return l, true
				}
				l, ok := greekLookalikes[r]
				return l, ok
			}
			if nGreek > 0 {
				odd = "Cyrillic and Greek"
			}
		case nCyr > 0:
			base, odd = "Cyrillic", "Latin"
			isOdd = func(sc script) bool { return sc == latin }
			toBase = func(r rune) (rune, bool) { c, ok := latinLookalikes[r]; return c, ok }
		case nLatin >= nGreek:
			base, odd = "Latin", "Greek"
			isOdd = func(sc script) bool { return sc == greek }
			toBase = func(r rune) (rune, bool) { l, ok := greekLookalikes[r]; return l, ok }
		default:
			base, odd = "Greek", "Latin"
			isOdd = func(sc script) bool { return sc == latin }
			toBase = func(r rune) (rune, bool) { g, ok := latinToGreek[r]; return g, ok }
		}
		var letters []string
		all := true
		for _, r := range part {
			if !isOdd(scriptOf(r)) {
				continue
			}
			if _, ok := toBase(r); !ok {
				all = false
			}
			letters = append(letters, fmt.Sprintf("%q (U+%04X)", r, r))
		}
		if odd == "Greek" && !all || base == "Greek" && !all {
			// Greek letters that science writes among Latin ones
			// ("PPARγ", "TNFα"), or a Greek word with a Latin symbol:
			// only look-alikes are slips
			continue
		}
		if all {
			var b strings.Builder
			for _, r := range s {
				if isOdd(scriptOf(r)) {
					r, _ = toBase(r)
				}
				b.WriteRune(r)
			}
			fix = b.String()
		}
		if len(letters) > 4 {
			letters = append(letters[:4], "…")
		}
		return fmt.Sprintf("%s letters in a %s word: %s", odd, base, strings.Join(letters, ", ")), fix, true
	}
	return "", "", false
}

// asciiWord says whether the eight bytes of s are all ASCII.
func asciiWord(s string) bool {
	_ = s[7]
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	return w&0x8080808080808080 == 0
}
