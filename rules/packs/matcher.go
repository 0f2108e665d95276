package packs

import (
	"fmt"
	"maps"
	"slices"
	"sort"
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
	pairs   keyIndex // mix(first, second element) -> entries of two elements, or with a class third
	triples keyIndex // mix(mix(first, second), third) -> entries whose third element is words or a number
	backs   keyIndex // mix(element before the key, key) -> entries keyed with the element before
	singles keyIndex // first element of one-element entries -> entries
	// lists holds the entries of every key of the four indexes, a run a
	// key.
	lists  []int32
	filter []uint64    // a bit per key&filterMask: most lookups stop here
	starts [3][]uint64 // by keyMode, a bit per hash of a key element
	// prefixes has a bit per prefixKey of the key elements' words, so that
	// most tokens are passed over before they are hashed; keyNumber says a
	// key element is {number}.
	prefixes  document.DigestSet
	keyNumber bool
	// forwardPairs and backwardPairs hold the prefix digests of the key
	// pairs of the entries looked up forward and backward, and
	// singleDigests those of the keys looked up alone: of the tokens that
	// pass prefixes, most are the key word of some entry ("years", "since",
	// "it"), but few are followed (or preceded) by a word that begins like
	// its partner, so most tokens are passed over before they and their
	// neighbours are hashed. (A filter on the last byte of the key word, as
	// the base had, costs more than it spares once the pairs are checked.)
	forwardPairs, backwardPairs pairFilter
	singleDigests               document.DigestSet
	singleAny                   bool // a key looked up alone is a number: any token may be one
	// special holds the digests of the tokens that Find judges with every
	// filter: NoPrefix, the keys looked up alone, and the keys whose
	// partner is wild (forwardPairs.firstAlone, backwardPairs.secondAlone).
	// Any other token is judged by its pair bits and the neighbour alone.
	special document.DigestSet
	// hashes holds the hashes of the compiled entries' elements
	// (matchElem), a run an element.
	hashes []uint64
	rules  []*rules.Rule
	// lazy locates the entries of a set decoded from its compiled form
	// until they are decoded (compiled.go); nil for a set compiled here.
	lazy *lazyEntries
}

// compiled is one entry, ready to match. (The small fields come first, to
// keep it small: a set has tens of thousands.)
type compiled struct {
	pack int32
	// spin says whether the entry is evidence of spinning or is promoted
	// by it (evidence.go).
	spin spinClass
	// key is the element the entry is looked up by, the first that is not
	// a common word, so that "in the next days" is found at "next", not at
	// every "in"; mode says which neighbour the lookup pairs it with.
	mode  keyMode
	key   int
	entry *Entry
	elems []matchElem
	// cond holds the entry's guards and document conditions, nil for the
	// many entries without any.
	cond *conditions
}

// conditions are the guards of an entry and the phrases its document must
// or must not hold.
type conditions struct {
	guard struct{ before, notBefore, after, notAfter []matchElem }
	// requires and excludes are the hashed phrases of Entry.Requires and
	// Entry.Excludes.
	requires, excludes [][]uint64
}

// listRun is a run of Set.lists.
type listRun struct{ off, n uint32 }

// indexBuilder collects the entries of each key as Compile adds them.
type indexBuilder struct {
	pairs, triples, backs, singles map[uint64][]int32
}

// index moves the lists of m into s.lists, in the order of their keys, and
// returns their index. The order makes the compiled form of a set the same
// at every compile, which the generated built-in set (compiled.go) needs.
func (s *Set) index(m map[uint64][]int32) keyIndex {
	b := newKeyIndexBuilder(len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		l := m[k]
		b.put(k, listRun{uint32(len(s.lists)), uint32(len(l))})
		s.lists = append(s.lists, l...)
	}
	return b.index()
}

// keyMode says how an entry is looked up from its key element.
type keyMode uint8

const (
	keyForward  keyMode = iota // with the element after it (and the one after that)
	keyBackward                // with the element before it
	keySingle                  // alone
)

// Match is one entry found in a document: tokens [First, Last) of the
// window.
type Match struct {
	Entry       int32
	First, Last int
}

const (
	filterBits = 1 << 20
	filterMask = filterBits - 1
	// startBits is small enough for the first-element filter to stay in
	// the fastest cache.
	startBits = 1 << 16
)

// startBit is the bit of the first-element filter for hash h.
func startBit(h uint64) (word int, mask uint64) {
	b := h >> 48 // the high bits: the key filter uses the low ones
	return int(b / 64), 1 << (b % 64)
}

// mayKey reports whether an entry looked up in mode may have a token of
// hash h (or, for a number, the number class) as its key element.
func (s *Set) mayKey(mode keyMode, h uint64, num bool) bool {
	w, m := startBit(h)
	if s.starts[mode][w]&m != 0 {
		return true
	}
	if num {
		w, m = startBit(numberHash)
		return s.starts[mode][w]&m != 0
	}
	return false
}

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
		packs:  packs,
		filter: make([]uint64, filterBits/64),
		starts: [3][]uint64{make([]uint64, startBits/64), make([]uint64, startBits/64), make([]uint64, startBits/64)},
	}
	b := newIndexBuilder()
	if err := s.addPacks(0, b); err != nil {
		return nil, err
	}
	s.finish(b)
	return s, nil
}

func newIndexBuilder() *indexBuilder {
	return &indexBuilder{pairs: map[uint64][]int32{}, triples: map[uint64][]int32{}, backs: map[uint64][]int32{}, singles: map[uint64][]int32{}}
}

// addPacks compiles the entries of s.packs[from:], their keys into b.
func (s *Set) addPacks(from int, b *indexBuilder) error {
	seen := map[string]bool{}
	for _, p := range s.packs[:from] {
		seen[p.ID()] = true
	}
	for pi := from; pi < len(s.packs); pi++ {
		p := s.packs[pi]
		if seen[p.ID()] {
			return fmt.Errorf("%s: a pack with the ID %s is already loaded", p.Source, p.ID())
		}
		seen[p.ID()] = true
		for _, e := range p.Entries {
			elems, err := parsePattern(e.Pattern)
			if err != nil {
				return fmt.Errorf("%s:%d: %q: %v", p.Source, e.Line, e.Pattern, err)
			}
			c := compiled{pack: int32(pi), entry: e, elems: s.matchElems(elems), spin: classify(p, e)}
			var cond conditions
			for _, g := range []struct {
				words []string
				dst   *[]matchElem
			}{{e.Guard.Before, &cond.guard.before}, {e.Guard.NotBefore, &cond.guard.notBefore},
				{e.Guard.After, &cond.guard.after}, {e.Guard.NotAfter, &cond.guard.notAfter}} {
				for _, w := range g.words {
					el, err := parseGuardWord(w)
					if err != nil {
						return fmt.Errorf("%s:%d: guard %q: %v", p.Source, e.Line, w, err)
					}
					*g.dst = append(*g.dst, s.matchElem(el))
				}
			}
			for _, ph := range e.Requires {
				hs, err := phraseHashes(ph)
				if err != nil {
					return fmt.Errorf("%s:%d: requires %q: %v", p.Source, e.Line, ph, err)
				}
				cond.requires = append(cond.requires, hs)
			}
			for _, ph := range e.Excludes {
				hs, err := phraseHashes(ph)
				if err != nil {
					return fmt.Errorf("%s:%d: excludes %q: %v", p.Source, e.Line, ph, err)
				}
				cond.excludes = append(cond.excludes, hs)
			}
			if g := cond.guard; len(g.before)+len(g.notBefore)+len(g.after)+len(g.notAfter)+len(cond.requires)+len(cond.excludes) > 0 {
				c.cond = &cond
			}
			s.add(c, elems, b)
		}
	}
	return nil
}

// finish builds the key indexes from b, completes the filters and makes
// the rules.
func (s *Set) finish(b *indexBuilder) {
	s.lists = nil
	s.pairs, s.triples, s.backs, s.singles = s.index(b.pairs), s.index(b.triples), s.index(b.backs), s.index(b.singles)
	s.prefixes.Add(document.NoPrefix) // a token without a digest is not judged by it
	s.special.Add(document.NoPrefix)
	for k := range s.special {
		s.special[k] |= s.singleDigests[k] | s.forwardPairs.firstAlone[k] | s.backwardPairs.secondAlone[k]
		if s.singleAny {
			s.special[k] = ^uint64(0)
		}
	}
	s.rules = make([]*rules.Rule, len(s.packs))
	for pi := range s.packs {
		s.rules[pi] = s.rule(pi)
	}
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

// add indexes one compiled entry, its keys in x; elems are its pattern's
// elements with their words.
func (s *Set) add(c compiled, elems []elem, x *indexBuilder) {
	idx := int32(len(s.entries))
	s.entries = append(s.entries, c)
	put := func(m map[uint64][]int32, key uint64) {
		if l := m[key]; len(l) == 0 || l[len(l)-1] != idx {
			m[key] = append(l, idx)
		}
		s.filter[(key&filterMask)/64] |= 1 << (key % 64)
	}
	c.key, c.mode = keyElem(elems)
	s.entries[idx].key, s.entries[idx].mode = c.key, c.mode
	k := c.key
	for _, h := range keyHashes(elems[k]) {
		w, m := startBit(h)
		s.starts[c.mode][w] |= m
	}
	if elems[k].kind == elemNumber {
		s.keyNumber = true
		for _, w := range numberWords {
			s.addPrefix(w)
		}
	}
	for _, w := range elems[k].words {
		s.addPrefix(w)
	}
	switch c.mode {
	case keySingle:
		if ds, ok := elemDigests(elems[k]); ok {
			for _, d := range ds {
				s.singleDigests.Add(d)
			}
		} else {
			s.singleAny = true
		}
	case keyBackward:
		s.backwardPairs.add(elems[k-1], elems[k])
	default:
		s.forwardPairs.add(elems[k], elems[k+1])
	}
	switch c.mode {
	case keySingle:
		for _, h := range keyHashes(elems[k]) {
			put(x.singles, single(h))
		}
	case keyBackward:
		for _, a := range keyHashes(elems[k-1]) {
			for _, b := range keyHashes(elems[k]) {
				put(x.backs, mix(a, b))
			}
		}
	default:
		// With three elements or more from the key on, the third is part
		// of the key when it is words or a number.
		e := elems[k:]
		third := len(e) >= 3 && keyable(e[2])
		for _, a := range keyHashes(e[0]) {
			for _, b := range keyHashes(e[1]) {
				if !third {
					put(x.pairs, mix(a, b))
					continue
				}
				ab := mix(a, b)
				s.filter[(ab&filterMask)/64] |= 1 << (ab % 64) // a triple starts with this pair
				for _, d := range keyHashes(e[2]) {
					put(x.triples, mix(ab, d))
				}
			}
		}
	}
}

// wordElems returns the elements of entry i with their words, which the
// compiled form does not keep (matchElem). Only the reporting of a match
// reads them (the message quoting the matched words, the verb form of a
// suggestion), once for each entry that fires, so the entry's pattern is
// parsed again then instead of keeping every entry's words alive.
func (s *Set) wordElems(i int32) []elem {
	elems, err := parsePattern(s.entry(i).Pattern)
	if err != nil {
		panic("mtlint: pattern " + s.entry(i).Pattern + ": " + err.Error()) // cannot be: Compile parsed it
	}
	return elems
}

// keyable reports whether an element can be part of a lookup key.
func keyable(e elem) bool { return e.kind == elemWords || e.kind == elemNumber }

// keyElem chooses the element an entry is looked up by and how: of the
// keyable elements none of whose words is a common one, the one whose
// shortest word is longest (a long word is a rare one: "counterfeit
// consciousness" is looked up at "consciousness"), paired with the element
// after it if that is keyable, else with the one before, else alone. Failing
// such an element, the first.
func keyElem(elems []elem) (int, keyMode) {
	n := len(elems)
	best, bestScore := -1, -1
	for k := 0; k < n; k++ {
		if !keyable(elems[k]) || elems[k].kind == elemWords && anyCommon(elems[k]) {
			continue
		}
		if sc := keyScore(elems[k]); sc > bestScore {
			best, bestScore = k, sc
		}
	}
	if best < 0 {
		if n > 1 && keyable(elems[1]) {
			return 0, keyForward
		}
		return 0, keySingle
	}
	switch {
	case best+1 < n && keyable(elems[best+1]):
		return best, keyForward
	case best > 0 && keyable(elems[best-1]):
		return best, keyBackward
	}
	return best, keySingle
}

// keyScore rates an element as a key, the higher the rarer its words: a
// number lowest, then the frequent words of news by frequency (frequentWords),
// then any other word by the length of its shortest alternative.
func keyScore(e elem) int {
	if e.kind != elemWords {
		return 0
	}
	rank := -1
	freq := frequentWords()
	for _, h := range e.hashes {
		if r, ok := freq[h]; ok && (rank < 0 || r < rank) {
			rank = r
		}
	}
	if rank >= 0 {
		return 1 + rank
	}
	return 1 + len(freq) + shortest(e)
}

// frequentWords ranks content words that begin a per cent or so of the
// tokens of news text each, the most frequent first (rank 0): an entry is
// keyed by a rarer element where it has one ("over fitting" at "fitting").
var frequentWords = sync.OnceValue(func() map[uint64]int {
	m := map[uint64]int{}
	for i, w := range strings.Fields(`that with have will from would they this been their year were which
		after also more there over about last government could than when first people time against told
		into some back what world should years only before just made other very three next them party
		added being minister game make take because while market well good since economy down public
		under still then plans home second says think growth going company between like expected
		however economic many week such chief half deal former firm part much both most through team
		play club want country work those number sales final bank prime five months four come where
		players general during international long right group side match business money best
		secretary news even decision move high great state spokesman these foreign shares third open
		leader`) {
		m[foldHash(w)] = i
	}
	return m
})

// shortest returns the length of the shortest word of e, 0 for a number.
func shortest(e elem) int {
	if e.kind != elemWords {
		return 0
	}
	m := -1
	for _, w := range e.words {
		if m < 0 || len(w) < m {
			m = len(w)
		}
	}
	return m
}

// commonWords are the words too frequent to key an entry by: each begins a
// few per cent of the tokens of news text.
var commonWords = sync.OnceValue(func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, w := range strings.Fields(`the of in a an to and is that it on for by with as at from be was has
		its he said are were had have will not this but or`) {
		m[foldHash(w)] = true
	}
	return m
})

// anyCommon reports whether a word of e is a common word: looked up by e,
// the entry would be tried at every such word.
func anyCommon(e elem) bool {
	for _, h := range e.hashes {
		if commonWords()[h] {
			return true
		}
	}
	return false
}

// addPrefix sets the prefix filter's bit for a key word.
func (s *Set) addPrefix(w string) {
	if k := wordDigest(w); k != document.NoPrefix {
		s.prefixes.Add(k)
	}
}

// wordDigest returns the prefix digest of the tokens that pattern word w
// matches: that of its folded text. PrefixDigest folds ASCII case itself,
// so a word of letters, most words, is not folded into a new string first.
func wordDigest(w string) uint16 {
	if !asciiLetters(w) {
		w = fold(w)
	}
	return document.PrefixDigest(w, 0, len(w))
}

// pairBits is the size of a pairFilter's table of digest pairs: 32 KB, so
// that it stays in the near caches. The built-in packs have some 7,000
// forward and 5,000 backward key pairs of digests: a few per cent of the
// bits.
const pairBits = 1 << pairShift

// pairShift is log2(pairBits).
const pairShift = 18

// pairFilter holds the prefix digests of the key pairs of some entries, so
// that a token and its neighbour are hashed only when their digests may
// be such a pair. An element that is not words (a {number}) matches a
// token of any digest: it is wild.
type pairFilter struct {
	pairs [pairBits / 64]uint64 // a bit per pairKey of the digests of two words
	init  bool
	// firstAlone holds the digests a first token may have that pass
	// whatever the second: those of first words whose second element is
	// wild, and NoPrefix (a token whose first bytes are not ASCII may fold
	// to any word); secondAlone the same for the second token.
	firstAlone, secondAlone document.DigestSet
	// firstMore and secondMore say firstAlone and secondAlone hold more
	// than NoPrefix.
	firstMore, secondMore bool
}

// pair reports whether the table has the digest pair (a, b).
func (f *pairFilter) pair(a, b uint16) bool {
	k := pairKey(a, b)
	return f.pairs[k/64]&(1<<(k%64)) != 0
}

// mayFirst is may(a, b) for an a that firstAlone does not hold.
func (f *pairFilter) mayFirst(a, b uint16) bool {
	return f.pair(a, b) || f.init && b == document.NoPrefix || f.secondMore && f.secondAlone.Has(b)
}

// maySecond is may(a, b) for a b that secondAlone does not hold.
func (f *pairFilter) maySecond(a, b uint16) bool {
	return f.pair(a, b) || f.init && a == document.NoPrefix || f.firstMore && f.firstAlone.Has(a)
}

// pairKey is the bit of the digest pair (a, b) in pairFilter.pairs.
func pairKey(a, b uint16) uint32 { return (uint32(a)<<16 | uint32(b)) * 0x9E3779B1 >> (32 - pairShift) }

// elemDigests returns the prefix digests of the folded words of e, or
// false when e is not words.
func elemDigests(e elem) ([]uint16, bool) {
	if e.kind != elemWords {
		return nil, false
	}
	ds := make([]uint16, 0, len(e.words))
	for _, w := range e.words {
		ds = append(ds, wordDigest(w))
	}
	return ds, true
}

// add records the key pair of elements a and b.
func (f *pairFilter) add(a, b elem) {
	if !f.init {
		f.init = true
		f.firstAlone.Add(document.NoPrefix)
		f.secondAlone.Add(document.NoPrefix)
	}
	as, aok := elemDigests(a)
	bs, bok := elemDigests(b)
	switch {
	case !aok && !bok:
		for k := range f.firstAlone {
			f.firstAlone[k] = ^uint64(0) // any pair
		}
		f.firstMore = true
	case !aok:
		for _, y := range bs {
			f.secondAlone.Add(y)
		}
		f.secondMore = true
	case !bok:
		for _, x := range as {
			f.firstAlone.Add(x)
		}
		f.firstMore = true
	default:
		for _, x := range as {
			for _, y := range bs {
				k := pairKey(x, y)
				f.pairs[k/64] |= 1 << (k % 64)
			}
		}
	}
}

// may reports whether tokens of prefix digests a and b may be the key pair
// of an entry.
func (f *pairFilter) may(a, b uint16) bool {
	k := pairKey(a, b)
	return f.pairs[k/64]&(1<<(k%64)) != 0 || f.firstAlone.Has(a) || f.secondAlone.Has(b)
}

func (s *Set) mayHave(key uint64) bool {
	return s.filter[(key&filterMask)/64]&(1<<(key%64)) != 0
}

// Packs returns the packs of the set.
func (s *Set) Packs() []*Pack {
	s.ensureAll()
	return s.packs
}

// Len returns the number of entries in the set.
func (s *Set) Len() int { return len(s.entries) }

// scratch is the per-window state of Find: the token hashes, the tokens
// that pass the filters, and which entries with document guards may fire in
// the window.
type scratch struct {
	hashes []uint64
	window []uint64   // the hashes of the window's tokens, 0 until computed
	keys   []keyToken // keyTokens' buffer
	docOK  map[int32]bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// keyToken is a token that passed the filters of Find as a possible key
// element, with the lookups it passed them for.
type keyToken struct {
	i    int32
	look look
}

// look is a set of the lookups of a key token: with the token after it,
// with the one before, alone.
type look uint8

const (
	lookForward look = 1 << iota
	lookBackward
	lookAlone
	// lookSpecial marks a token that keyTokens leaves to lookSpecial.
	lookSpecial
)

// Find returns the matches of every entry in the current window of doc, in
// text order. Where entries overlap, the one that starts first wins, and of
// those that start together the longest.
//
// Each entry is looked up by its key element (see keyElem) with a
// neighbour, so a token is looked up only when it is a key word; each
// token is hashed at most once a window.
func (s *Set) Find(doc *document.Document) []Match {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if cap(sc.hashes) < len(doc.Tokens) {
		sc.hashes = make([]uint64, len(doc.Tokens))
	}
	sc.window = sc.hashes[:len(doc.Tokens)]
	clear(sc.window)
	clear(sc.docOK)
	var out, found []Match
	var c candidates
	for _, p := range doc.Paragraphs {
		first, last := p.Tokens.First, p.Tokens.Last
		for _, k := range s.keyTokens(doc, first, last, sc) {
			i := int(k.i)
			if k.look == lookSpecial {
				if k.look = s.lookSpecial(doc.Prefixes, i, first, last); k.look == 0 {
					continue
				}
			}
			h, num := s.hashAt(doc, sc, i)
			// A token is looked up by its own hash and, for a number, by
			// the class every {number} element shares, in the maps of the
			// modes whose entries may have it as their key.
			c.n = 0
			if k.look&lookAlone != 0 && s.mayKey(keySingle, h, num) {
				c.probe(s, &s.singles, single(h))
				if num {
					c.probe(s, &s.singles, single(numberHash))
				}
			}
			if k.look&lookBackward != 0 && s.mayKey(keyBackward, h, num) {
				h0, num0 := s.hashAt(doc, sc, i-1)
				c.probe(s, &s.backs, mix(h0, h))
				if num0 {
					c.probe(s, &s.backs, mix(numberHash, h))
				}
				if num {
					c.probe(s, &s.backs, mix(h0, numberHash))
					if num0 {
						c.probe(s, &s.backs, mix(numberHash, numberHash))
					}
				}
			}
			if k.look&lookForward != 0 && s.mayKey(keyForward, h, num) {
				h2, num2 := s.hashAt(doc, sc, i+1)
				s.forward(&c, doc, sc, i, last, h, h2)
				if num2 {
					s.forward(&c, doc, sc, i, last, h, numberHash)
				}
				if num {
					s.forward(&c, doc, sc, i, last, numberHash, h2)
					if num2 {
						s.forward(&c, doc, sc, i, last, numberHash, numberHash)
					}
				}
			}
			if c.n == 0 {
				continue
			}
			for _, list := range c.lists[:c.n] {
				for _, ci := range list {
					e := &s.entries[ci]
					start := i - e.key
					if start < first {
						continue
					}
					if m := s.matchAt(doc, sc, e, p, start); m > 0 && !(s.packs[e.pack].Category != rules.Spinning && inTitle(doc, p, start, start+m)) && s.docAllows(doc, sc, ci) {
						found = append(found, Match{Entry: ci, First: start, Last: start + m})
					}
				}
			}
		}
		out = appendResolved(out, found)
		found = found[:0]
	}
	return out
}

// keyTokens returns the tokens [first, last) of a paragraph of doc that may
// be the key element of an entry, judged by their prefix digests and those
// of their neighbours alone, before any text is read: about one token in
// ten. It runs on every token, so its loop makes no call, which keeps its
// state in registers: a token whose digest is special is returned with
// lookSpecial, for Find to judge with the filters that pass whatever the
// neighbour (see special).
func (s *Set) keyTokens(doc *document.Document, first, last int, sc *scratch) []keyToken {
	ps := doc.Prefixes[first:last]
	if cap(sc.keys) < len(ps) {
		sc.keys = make([]keyToken, len(ps)+len(ps)/4)
	}
	keys := sc.keys[:len(ps)]
	var toks []document.Token
	if s.keyNumber {
		toks = doc.Tokens[first:last] // some key is a number: any number token may be one
	}
	n := 0
	for j, d := range ps {
		// The first filter: the digest is in prefixes (NoPrefix is), else
		// the token is a number and some key is one.
		if !s.prefixes.Has(d) && !(toks != nil && toks[j].Kind == document.Number) {
			continue
		}
		var lk look
		switch {
		case s.special.Has(d):
			lk = lookSpecial
		default:
			if j+1 < len(ps) && s.forwardPairs.mayFirst(d, ps[j+1]) {
				lk = lookForward
			}
			if j > 0 && s.backwardPairs.maySecond(ps[j-1], d) {
				lk |= lookBackward
			}
		}
		keys[n] = keyToken{int32(first + j), lk}
		if lk != 0 {
			n++
		}
	}
	return keys[:n]
}

// lookSpecial returns the lookups that a token of special digest d at i,
// in a paragraph of tokens [first, last), passes the filters for.
func (s *Set) lookSpecial(pre []uint16, i, first, last int) look {
	d := pre[i]
	var lk look
	if i+1 < last && s.forwardPairs.may(d, pre[i+1]) {
		lk = lookForward
	}
	if i > first && s.backwardPairs.may(pre[i-1], d) {
		lk |= lookBackward
	}
	if s.singleAny || d == document.NoPrefix || s.singleDigests.Has(d) {
		lk |= lookAlone
	}
	return lk
}

// appendResolved appends to out the matches of one paragraph that do not
// overlap: in text order, where several start together the longest (then
// the first entry), and a match that overlaps one already taken is dropped.
func appendResolved(out, found []Match) []Match {
	if len(found) == 0 {
		return out
	}
	slices.SortFunc(found, func(a, b Match) int {
		if a.First != b.First {
			return a.First - b.First
		}
		if a.Last != b.Last {
			return b.Last - a.Last
		}
		return int(a.Entry - b.Entry)
	})
	end := -1
	for _, m := range found {
		if m.First >= end {
			out = append(out, m)
			end = m.Last
		}
	}
	return out
}

// hashAt returns the folded hash of token i and whether it is a cardinal
// number. Each token is hashed once a window: sc.window keeps the hashes,
// zero meaning not yet computed.
func (s *Set) hashAt(doc *document.Document, sc *scratch, i int) (uint64, bool) {
	t := &doc.Tokens[i]
	h := sc.window[i]
	if h == 0 {
		h = tokenHash(doc.Text, int(t.Start), int(t.End))
		sc.window[i] = h
	}
	return h, t.Kind == document.Number && isCardinal(doc, i)
}

// forward looks up the entries keyed by the pair (a, b) at tokens i, i+1,
// and those keyed by the pair and token i+2. The pair's bit in the filter
// is set for both, so most pairs stop at the first test.
func (s *Set) forward(c *candidates, doc *document.Document, sc *scratch, i, last int, a, b uint64) {
	ab := mix(a, b)
	if !s.mayHave(ab) {
		return
	}
	c.probe(s, &s.pairs, ab)
	if i+2 < last {
		h3, num3 := s.hashAt(doc, sc, i+2)
		c.probe(s, &s.triples, mix(ab, h3))
		if num3 {
			c.probe(s, &s.triples, mix(ab, numberHash))
		}
	}
}

// candidates collects the entry lists that the lookups of one token found.
type candidates struct {
	lists [16][]int32
	n     int
}

// probe adds the entries of key k in m, if any.
func (c *candidates) probe(s *Set, m *keyIndex, k uint64) {
	if s.mayHave(k) {
		if r, ok := m.get(k); ok {
			c.lists[c.n] = s.lists[r.off : r.off+r.n]
			c.n++
		}
	}
}

// docAllows reports whether entry ci may fire in the current window of doc:
// a phrase it requires is there and none it excludes is. Such entries are
// rare and so are their matches; the window's hashes are computed on the
// first need and the answer is kept for the rest of the window.
func (s *Set) docAllows(doc *document.Document, sc *scratch, ci int32) bool {
	c := s.entries[ci].cond
	if c == nil || len(c.requires) == 0 && len(c.excludes) == 0 {
		return true
	}
	if ok, seen := sc.docOK[ci]; seen {
		return ok
	}
	for i := range sc.window {
		s.hashAt(doc, sc, i)
	}
	ok := len(c.requires) == 0
	for _, ph := range c.requires {
		if containsSeq(sc.window, ph) {
			ok = true
			break
		}
	}
	for _, ph := range c.excludes {
		if ok && containsSeq(sc.window, ph) {
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
func (s *Set) matchAt(doc *document.Document, sc *scratch, c *compiled, p document.Paragraph, i int) int {
	n := len(c.elems)
	if i+n > p.Tokens.Last {
		return 0
	}
	for k := 0; k < n; k++ {
		if !s.tokenIs(doc, sc, i+k, c.elems[k]) {
			return 0
		}
	}
	if c.cond == nil {
		return n
	}
	g := &c.cond.guard
	if len(g.before) > 0 || len(g.notBefore) > 0 {
		next := i + n
		if len(g.before) > 0 && !s.anyAt(doc, sc, p, next, g.before, true) {
			return 0
		}
		if s.anyAt(doc, sc, p, next, g.notBefore, true) {
			return 0
		}
	}
	if len(g.after) > 0 || len(g.notAfter) > 0 {
		if len(g.after) > 0 && !s.anyAt(doc, sc, p, i-1, g.after, false) {
			return 0
		}
		if s.anyAt(doc, sc, p, i-1, g.notAfter, false) {
			return 0
		}
	}
	return n
}

// anyAt reports whether the token at j (the one after a match when after is
// true, else the one before) is one of es.
func (s *Set) anyAt(doc *document.Document, sc *scratch, p document.Paragraph, j int, es []matchElem, after bool) bool {
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
			if !outside && s.tokenIs(doc, sc, j, e) {
				return true
			}
		}
	}
	return false
}

// inTitle reports whether the match of tokens [first, last) of paragraph p
// lies inside the title of a work, a programme or an organisation written in
// Title Case ("Married With Children", "Pride And Prejudice", "Gone With The
// Wind"): every word of the match is capitalised, but for an article before
// them ("the Minister Of Foreign Affairs"), and the run of capitalised words
// around it holds a function word written with a capital where it
// does not begin the sentence. Prose writes "with", "and", "of" in lower
// case; a capitalised one marks a name, which no entry should rewrite. The
// spinning packs are not filtered so: a spinner rewrites the words of names
// too ("Association Of American States").
func inTitle(doc *document.Document, p document.Paragraph, first, last int) bool {
	if last-first > 1 && leadingArticle(doc.TokenText(first)) {
		first++ // "the Minister Of Foreign Affairs": the article before a title
	}
	for k := first; k < last; k++ {
		if !titleWord(doc, k) {
			return false
		}
	}
	for first > p.Tokens.First && titleWord(doc, first-1) {
		first--
	}
	for last < p.Tokens.Last && titleWord(doc, last) {
		last++
	}
	for k := first; k < last; k++ {
		if titleFunctionWords[strings.ToLower(doc.TokenText(k))] && !startsSentence(doc, k) {
			return true
		}
	}
	return false
}

// leadingArticle reports whether w is an article in lower case, which
// English puts before a title without capitalising it.
func leadingArticle(w string) bool { return w == "the" || w == "a" || w == "an" }

// titleWord reports whether token k is a word in Title Case: a capital
// first, then no capital letters (an acronym or a shouted headline is not a
// title).
func titleWord(doc *document.Document, k int) bool {
	t := doc.Tokens[k]
	if t.Kind != document.Word {
		return false
	}
	w := doc.Text[t.Start:t.End]
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range w[size:] {
		if unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

// titleFunctionWords are the articles, prepositions and conjunctions that
// titles capitalise and prose does not.
var titleFunctionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "nor": true, "but": true,
	"of": true, "with": true, "to": true, "in": true, "on": true, "at": true, "for": true,
	"from": true, "by": true, "into": true, "about": true, "over": true, "under": true,
	"without": true, "against": true, "between": true, "through": true, "after": true, "before": true,
}

// startsSentence reports whether token i is the first of a sentence.
func startsSentence(doc *document.Document, i int) bool {
	k := sort.Search(len(doc.Sentences), func(k int) bool { return doc.Sentences[k].Tokens.Last > i })
	return k < len(doc.Sentences) && doc.Sentences[k].Tokens.First == i
}

// tokenIs reports whether token i matches element e.
func (s *Set) tokenIs(doc *document.Document, sc *scratch, i int, e matchElem) bool {
	t := doc.Tokens[i]
	switch e.kind {
	case elemWords:
		th, _ := s.hashAt(doc, sc, i)
		for _, h := range s.hashes[e.off : e.off+uint32(e.n)] {
			if th == h {
				return true
			}
		}
		return false
	case elemNumber:
		h, _ := s.hashAt(doc, sc, i)
		return isCardinal(doc, i) || numberWordSet[h]
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
	e := s.entry(m.Entry)
	if len(e.Suggest) == 0 {
		return nil
	}
	first := doc.TokenText(m.First)
	r0, _ := utf8.DecodeRuneInString(first)
	capital := unicode.IsUpper(r0)
	out := make([]string, 0, len(e.Suggest))
	for _, sg := range e.Suggest {
		out = append(out, capitalize(expandSuggestion(doc, m, sg), capital))
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
