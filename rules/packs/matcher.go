package packs

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// Set is a group of packs compiled into one matcher: a document's tokens are
// looked up once, by the hashes of each pair of neighbouring tokens (and of
// each token, for one-word entries), whatever the number of entries.
type Set struct {
	packs   []*Pack
	entries []compiled
	pairs   map[uint64][]int32 // mix(first, second element) -> entries
	singles map[uint64][]int32 // first element of one-element entries -> entries
	filter  []uint64           // a bit per key&filterMask: most tokens stop here
	rules   []*rules.Rule
}

// compiled is one entry, ready to match.
type compiled struct {
	pack  int32
	entry *Entry
	elems []elem
	guard struct{ before, notBefore, after, notAfter []elem }
	// requires and excludes are the hashed phrases of Entry.Requires and
	// Entry.Excludes.
	requires, excludes [][]uint64
}

// Match is one entry found in a document: tokens [First, Last) of the
// window.
type Match struct {
	Entry       int32
	First, Last int
}

const (
	filterBits = 1 << 20
	filterMask = filterBits - 1
)

// numberHash stands for every number token: a {number} element matches it.
var numberHash = foldHash("{number}")

// mix combines the hashes of two neighbouring tokens into a key.
func mix(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	return h
}

// single turns the hash of one token into a key distinct from pair keys.
func single(a uint64) uint64 { return mix(a, 0x5bd1e995) }

// Compile builds the matcher for packs. Packs must have distinct IDs.
func Compile(packs []*Pack) (*Set, error) {
	s := &Set{
		packs:   packs,
		pairs:   map[uint64][]int32{},
		singles: map[uint64][]int32{},
		filter:  make([]uint64, filterBits/64),
	}
	seen := map[string]bool{}
	for pi, p := range packs {
		if seen[p.ID()] {
			return nil, fmt.Errorf("%s: a pack with the ID %s is already loaded", p.Source, p.ID())
		}
		seen[p.ID()] = true
		for _, e := range p.Entries {
			elems, err := parsePattern(e.Pattern)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %q: %v", p.Source, e.Line, e.Pattern, err)
			}
			c := compiled{pack: int32(pi), entry: e, elems: elems}
			for _, g := range []struct {
				words []string
				dst   *[]elem
			}{{e.Guard.Before, &c.guard.before}, {e.Guard.NotBefore, &c.guard.notBefore},
				{e.Guard.After, &c.guard.after}, {e.Guard.NotAfter, &c.guard.notAfter}} {
				for _, w := range g.words {
					el, err := parseGuardWord(w)
					if err != nil {
						return nil, fmt.Errorf("%s:%d: guard %q: %v", p.Source, e.Line, w, err)
					}
					*g.dst = append(*g.dst, el)
				}
			}
			for _, ph := range e.Requires {
				hs, err := phraseHashes(ph)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: requires %q: %v", p.Source, e.Line, ph, err)
				}
				c.requires = append(c.requires, hs)
			}
			for _, ph := range e.Excludes {
				hs, err := phraseHashes(ph)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: excludes %q: %v", p.Source, e.Line, ph, err)
				}
				c.excludes = append(c.excludes, hs)
			}
			s.add(c)
		}
	}
	s.rules = make([]*rules.Rule, len(packs))
	for pi := range packs {
		s.rules[pi] = s.rule(pi)
	}
	return s, nil
}

// keyHashes returns the hashes by which an element at the first or second
// position is looked up.
func keyHashes(e elem) []uint64 {
	if e.kind == elemNumber {
		hs := []uint64{numberHash}
		for h := range numberWordSet {
			hs = append(hs, h)
		}
		return hs
	}
	return e.hashes
}

// add indexes one compiled entry.
func (s *Set) add(c compiled) {
	idx := int32(len(s.entries))
	s.entries = append(s.entries, c)
	put := func(m map[uint64][]int32, key uint64) {
		if l := m[key]; len(l) == 0 || l[len(l)-1] != idx {
			m[key] = append(l, idx)
		}
		s.filter[(key&filterMask)/64] |= 1 << (key % 64)
	}
	if len(c.elems) == 1 {
		for _, h := range keyHashes(c.elems[0]) {
			put(s.singles, single(h))
		}
		return
	}
	for _, a := range keyHashes(c.elems[0]) {
		for _, b := range keyHashes(c.elems[1]) {
			put(s.pairs, mix(a, b))
		}
	}
}

func (s *Set) mayHave(key uint64) bool {
	return s.filter[(key&filterMask)/64]&(1<<(key%64)) != 0
}

// Packs returns the packs of the set.
func (s *Set) Packs() []*Pack { return s.packs }

// Len returns the number of entries in the set.
func (s *Set) Len() int { return len(s.entries) }

// scratch is the per-window state of Find: the token hashes, and which
// entries with document guards may fire in the window.
type scratch struct {
	hashes []uint64
	docOK  map[int32]bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Find returns the matches of every entry in the current window of doc, in
// text order. Where entries overlap, the one that starts first wins, and of
// those that start together the longest.
func (s *Set) Find(doc *document.Document) (out []Match) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	toks := doc.Tokens
	if cap(sc.hashes) < len(toks) {
		sc.hashes = make([]uint64, len(toks))
	}
	hs := sc.hashes[:len(toks)]
	for i, t := range toks {
		hs[i] = foldHash(doc.Text[t.Start:t.End])
	}
	clear(sc.docOK)
	var lists [6][]int32
	for _, p := range doc.Paragraphs {
		last := p.Tokens.Last
		for i := p.Tokens.First; i < last; i++ {
			// A token is looked up by its own hash and, for a number, by
			// the class every {number} element shares.
			n := 0
			probe := func(m map[uint64][]int32, k uint64) {
				if s.mayHave(k) {
					if l := m[k]; l != nil {
						lists[n] = l
						n++
					}
				}
			}
			h, num := hs[i], isCardinal(doc, i)
			probe(s.singles, single(h))
			if num {
				probe(s.singles, single(numberHash))
			}
			if i+1 < last {
				h2, num2 := hs[i+1], isCardinal(doc, i+1)
				probe(s.pairs, mix(h, h2))
				if num2 {
					probe(s.pairs, mix(h, numberHash))
				}
				if num {
					probe(s.pairs, mix(numberHash, h2))
					if num2 {
						probe(s.pairs, mix(numberHash, numberHash))
					}
				}
			}
			if n == 0 {
				continue
			}
			best, bestLen := int32(-1), 0
			for _, list := range lists[:n] {
				for _, ci := range list {
					m := s.matchAt(doc, hs, &s.entries[ci], p, i)
					if m > bestLen || m == bestLen && m > 0 && ci < best {
						if s.docAllows(sc, hs, ci) {
							best, bestLen = ci, m
						}
					}
				}
			}
			if best >= 0 {
				out = append(out, Match{Entry: best, First: i, Last: i + bestLen})
				i += bestLen - 1
			}
		}
	}
	return out
}

// docAllows reports whether entry ci may fire in the window whose token
// hashes are hs: a phrase it requires is there and none it excludes is.
// Such entries are rare and so are their matches; the answer is kept for
// the rest of the window.
func (s *Set) docAllows(sc *scratch, hs []uint64, ci int32) bool {
	c := &s.entries[ci]
	if len(c.requires) == 0 && len(c.excludes) == 0 {
		return true
	}
	if ok, seen := sc.docOK[ci]; seen {
		return ok
	}
	ok := len(c.requires) == 0
	for _, ph := range c.requires {
		if containsSeq(hs, ph) {
			ok = true
			break
		}
	}
	for _, ph := range c.excludes {
		if ok && containsSeq(hs, ph) {
			ok = false
		}
	}
	if sc.docOK == nil {
		sc.docOK = map[int32]bool{}
	}
	sc.docOK[ci] = ok
	return ok
}

// containsSeq reports whether the hash sequence seq occurs in hs.
func containsSeq(hs, seq []uint64) bool {
	for i := 0; i+len(seq) <= len(hs); i++ {
		if hs[i] != seq[0] {
			continue
		}
		j := 1
		for j < len(seq) && hs[i+j] == seq[j] {
			j++
		}
		if j == len(seq) {
			return true
		}
	}
	return false
}

// matchAt returns the number of tokens entry c matches at token i of
// paragraph p, or 0.
func (s *Set) matchAt(doc *document.Document, hs []uint64, c *compiled, p document.Paragraph, i int) int {
	n := len(c.elems)
	if i+n > p.Tokens.Last {
		return 0
	}
	for k, e := range c.elems {
		if !tokenIs(doc, hs, i+k, e) {
			return 0
		}
	}
	g := &c.guard
	if len(g.before) > 0 || len(g.notBefore) > 0 {
		next := i + n
		if len(g.before) > 0 && !anyAt(doc, hs, p, next, g.before, true) {
			return 0
		}
		if anyAt(doc, hs, p, next, g.notBefore, true) {
			return 0
		}
	}
	if len(g.after) > 0 || len(g.notAfter) > 0 {
		if len(g.after) > 0 && !anyAt(doc, hs, p, i-1, g.after, false) {
			return 0
		}
		if anyAt(doc, hs, p, i-1, g.notAfter, false) {
			return 0
		}
	}
	return n
}

// anyAt reports whether the token at j (the one after a match when after is
// true, else the one before) is one of es.
func anyAt(doc *document.Document, hs []uint64, p document.Paragraph, j int, es []elem, after bool) bool {
	outside := j < p.Tokens.First || j >= p.Tokens.Last
	for _, e := range es {
		switch e.kind {
		case elemEnd:
			if after && outside {
				return true
			}
		case elemStart:
			if !after && (outside || startsSentence(doc, j+1)) {
				return true
			}
		default:
			if !outside && tokenIs(doc, hs, j, e) {
				return true
			}
		}
	}
	return false
}

// startsSentence reports whether token i is the first of a sentence.
func startsSentence(doc *document.Document, i int) bool {
	k := sort.Search(len(doc.Sentences), func(k int) bool { return doc.Sentences[k].Tokens.Last > i })
	return k < len(doc.Sentences) && doc.Sentences[k].Tokens.First == i
}

// tokenIs reports whether token i matches element e.
func tokenIs(doc *document.Document, hs []uint64, i int, e elem) bool {
	t := doc.Tokens[i]
	switch e.kind {
	case elemWords:
		for _, h := range e.hashes {
			if hs[i] == h {
				return true
			}
		}
		return false
	case elemNumber:
		return isCardinal(doc, i) || numberWordSet[hs[i]]
	case elemCap:
		r, _ := utf8.DecodeRuneInString(doc.Text[t.Start:t.End])
		return t.Kind == document.Word && unicode.IsUpper(r)
	case elemWord:
		return t.Kind == document.Word
	case elemPunct:
		return t.Kind == document.Punct || t.Kind == document.Ellipsis
	}
	return false
}

// isCardinal reports whether token i is a number written in digits and
// separators only: 3, 3.5, 100,000 — not 12th, 5m or 2.30pm, which a
// {number} element does not match.
func isCardinal(doc *document.Document, i int) bool {
	t := doc.Tokens[i]
	if t.Kind != document.Number {
		return false
	}
	for k := t.Start; k < t.End; k++ {
		if c := doc.Text[k]; c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80 {
			return false
		}
	}
	return true
}

// suggestions expands the entry's suggestions for match m: {N} becomes the
// text of the Nth matched token, and a suggestion for a match that starts
// with a capital starts with one too.
func (s *Set) suggestions(doc *document.Document, m Match) []string {
	e := s.entries[m.Entry].entry
	if len(e.Suggest) == 0 {
		return nil
	}
	first := doc.TokenText(m.First)
	r0, _ := utf8.DecodeRuneInString(first)
	capital := unicode.IsUpper(r0)
	out := make([]string, 0, len(e.Suggest))
	for _, sg := range e.Suggest {
		var b strings.Builder
		for {
			i := strings.IndexByte(sg, '{')
			if i < 0 {
				b.WriteString(sg)
				break
			}
			j := strings.IndexByte(sg[i:], '}')
			k, _ := strconv.Atoi(sg[i+1 : i+j])
			b.WriteString(sg[:i])
			if k >= 1 && m.First+k-1 < m.Last {
				b.WriteString(doc.TokenText(m.First + k - 1))
			}
			sg = sg[i+j+1:]
		}
		out = append(out, capitalize(b.String(), capital))
	}
	return out
}

// capitalize upper-cases the first letter of s when capital is set and s
// starts in lower case.
func capitalize(s string, capital bool) string {
	r, size := utf8.DecodeRuneInString(s)
	if !capital || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
