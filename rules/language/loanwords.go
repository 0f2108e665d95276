package language

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed loanwords.txt
var loanwordsTxt string

// loanwords maps the first word of each loanword phrase (folded) to the
// phrases it starts, longest first, each as its folded words. It is made
// on the first need, when a run of foreign words is judged, not at every
// start.
var loanwords = sync.OnceValue(func() map[string][][]string {
	m := map[string][][]string{}
	for _, line := range strings.Split(loanwordsTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var words []string
		for _, w := range strings.Fields(line) {
			words = append(words, fold(w))
		}
		m[words[0]] = append(m[words[0]], words)
	}
	for _, ps := range m {
		for i := 1; i < len(ps); i++ { // longest first
			for j := i; j > 0 && len(ps[j]) > len(ps[j-1]); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	return m
})

// foldTable maps the letters of Latin-1 and Latin Extended-A and -B to their
// base letter in lower case (é -> e, Ł -> l); 0 means no change but case.
// It is made on the first need, as loanwords is.
var foldTable = sync.OnceValue(func() *[0x250]rune {
	var t [0x250]rune
	for r := rune(0xC0); r < 0x250; r++ {
		d := norm.NFD.String(string(r))
		b, _ := utf8.DecodeRuneInString(d)
		if b < utf8.RuneSelf && b != r {
			t[r] = unicode.ToLower(b)
		}
	}
	t['Ł'], t['ł'], t['Ø'], t['ø'], t['Đ'], t['đ'] = 'l', 'l', 'o', 'o', 'd', 'd'
	return &t
})

// fold returns w in lower case, without accents, with curly apostrophes
// made straight and a final period dropped, for matching loanwords.
func fold(w string) string {
	w = strings.TrimSuffix(w, ".")
	var b strings.Builder
	b.Grow(len(w))
	table := foldTable()
	for _, r := range w {
		switch {
		case r == '’' || r == 'ʼ':
			r = '\''
		case r < 0x250 && table[r] != 0:
			r = table[r]
		case r == 'œ':
			b.WriteString("oe")
			continue
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// loanwordAt returns how many words of words, from the first on, a loanword
// phrase covers; 0 when none starts there. text returns a word's text.
func loanwordAt(first string, n int, word func(i int) string) int {
	phrases := loanwords()[first]
next:
	for _, p := range phrases {
		if len(p) > n {
			continue
		}
		for k := 1; k < len(p); k++ {
			if fold(word(k)) != p[k] {
				continue next
			}
		}
		return len(p)
	}
	return 0
}
