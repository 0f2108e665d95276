package packs

import (
	_ "embed" // builtin.bin
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"sync"

	"github.com/mtlint/mtlint/rules"
)

// The built-in packs are compiled at build time. Parsing their YAML and
// compiling their sixteen thousand entries took some 200 ms of CPU, paid by
// every start of mtlint that checks a file; `go generate ./rules/packs`
// (internal/packgen) does it once and writes the compiled set to
// builtin.bin, which the binary embeds and BuiltinSet decodes. The YAML
// files stay the source of truth: TestBuiltinGenerated fails when
// builtin.bin is not what they compile to.
//
// Decoding builds what matching needs: the compiled entries (their
// elements' hashes, guards and keys), the filters, and the rules, whose
// descriptions are stored whole; the key indexes are read in place. The entries' text (pattern,
// message, suggestions, examples …) is decoded a pack at a time when first
// needed: when an entry of the pack matches, or when the packs are listed
// (Set.Packs, Builtin, Overview). Until then the pack's Entries is nil and
// its compiled entries' entry pointers too; code of this package reads an
// entry through Set.entry, which decodes its pack first.
//
// Packs given at run time (--pack, a configuration's packs) are parsed and
// compiled as before.

//go:generate go run ./internal/packgen

// builtinData is the compiled built-in set, written by GenerateBuiltin.
//
//go:embed builtin.bin
var builtinData string

// compiledMagic starts the compiled form of a set; its last byte is the
// version of the format.
const compiledMagic = "mtlint phrase packs\x00\x03"

// GenerateBuiltin reads the packs in the root of fsys (the YAML files of
// this package's folder), compiles them and returns their compiled form,
// which `go generate` writes to builtin.bin for BuiltinSet to decode.
func GenerateBuiltin(fsys fs.FS) ([]byte, error) {
	ps, err := LoadFS(fsys, ".")
	if err != nil {
		return nil, err
	}
	s, err := Compile(ps)
	if err != nil {
		return nil, err
	}
	return s.encode()
}

// decodeBuiltin decodes the embedded built-in set.
func decodeBuiltin() (*Set, error) {
	s, err := decodeSet(builtinData)
	if err != nil {
		return nil, fmt.Errorf("builtin.bin: %v (run go generate ./rules/packs)", err)
	}
	return s, nil
}

// entry returns the entry of compiled entry ci, decoding its pack's
// entries first if the set was decoded and they are not yet.
func (s *Set) entry(ci int32) *Entry {
	c := &s.entries[ci]
	if s.lazy != nil {
		s.ensure(int(c.pack))
	}
	return c.entry
}

// ensure decodes the entries of pack pi if they are not yet.
func (s *Set) ensure(pi int) {
	if l := s.lazy; l != nil {
		l.once[pi].Do(func() { l.decodePack(s, pi) })
	}
}

// ensureAll decodes the entries of every pack.
func (s *Set) ensureAll() {
	if s.lazy != nil {
		for pi := range s.packs {
			s.ensure(pi)
		}
	}
}

// lazyEntries locates the entries of each pack of a decoded set in its
// compiled form, to decode them when first needed.
type lazyEntries struct {
	data    string
	strBase int         // where the strings start in data
	at      []int       // by pack: where its entries start in data
	items   []int       // by pack: how many strings its entries' lists hold
	first   []int       // by pack: its first compiled entry
	n       []int       // by pack: its number of entries
	langs   []bool      // by pack: whether an entry lists source languages
	once    []sync.Once // by pack
}

// mayHaveLangs reports whether an entry of pack pi may list source
// languages, without decoding the pack's entries.
func (s *Set) mayHaveLangs(pi int) bool {
	return s.lazy == nil || s.lazy.langs[pi]
}

// The compiled form of a set is
//
//	magic, the lengths of the three parts (4 bytes each)
//	main: the counts of the shared arrays; the packs; the rules'
//	  descriptions; the compiled entries; the key indexes' tables, the
//	  lists and the filters
//	entries: the entries of each pack, their text as string references
//	strings: every distinct string, end to end
//
// Numbers are varints, hashes and filter words 8 bytes little-endian, a
// string a reference: its offset in the strings part and its length.

// counts are the sizes of the arrays that a decoded set's compiled entries
// share, written first so that decoding allocates each once.
type counts struct {
	elems, hashes, conds, phrases, phraseHashes int
}

// encoder writes one part of the compiled form of a set. The parts share
// the strings.
type encoder struct {
	buf  []byte
	strs *stringTable
	n    *counts
	set  *Set // the set whose elements' hashes are written, in the order of Set.hashes
}

// stringTable collects the distinct strings of the compiled form.
type stringTable struct {
	off  map[string]int
	data []byte
}

func (e *encoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *encoder) int(v int) { e.buf = binary.AppendVarint(e.buf, int64(v)) }

func (e *encoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *encoder) u64(v uint64) { e.buf = binary.LittleEndian.AppendUint64(e.buf, v) }

func (e *encoder) str(s string) {
	t := e.strs
	off, ok := t.off[s]
	if !ok {
		off = len(t.data)
		t.off[s] = off
		t.data = append(t.data, s...)
	}
	e.uint(uint64(off))
	e.uint(uint64(len(s)))
}

// strList writes a list of strings, its length plus one, so that nil and
// empty lists stay apart; it returns the number of strings.
func (e *encoder) strList(l []string) int {
	if l == nil {
		e.uint(0)
		return 0
	}
	e.uint(uint64(len(l)) + 1)
	for _, s := range l {
		e.str(s)
	}
	return len(l)
}

func (e *encoder) hashList(hs []uint64) {
	if hs == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(hs)) + 1)
	e.n.phraseHashes += len(hs)
	for _, h := range hs {
		e.u64(h)
	}
}

// elems writes elements with their hashes, which must be the next run of
// Set.hashes: decoding appends them in turn.
func (e *encoder) elems(es []matchElem) error {
	if es == nil {
		e.uint(0)
		return nil
	}
	e.uint(uint64(len(es)) + 1)
	e.n.elems += len(es)
	for _, el := range es {
		if int(el.off) != e.n.hashes {
			return errors.New("the elements' hashes are not in the order of the entries")
		}
		e.buf = append(e.buf, byte(el.kind))
		e.uint(uint64(el.n))
		for _, h := range e.set.hashes[el.off : el.off+uint32(el.n)] {
			e.u64(h)
		}
		e.n.hashes += int(el.n)
	}
	return nil
}

func (e *encoder) phrases(l [][]uint64) {
	if l == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(l)) + 1)
	e.n.phrases += len(l)
	for _, hs := range l {
		e.hashList(hs)
	}
}

// bits writes a bit set, runs of zero words as their length.
func (e *encoder) bits(ws []uint64) {
	e.uint(uint64(len(ws)))
	for i := 0; i < len(ws); {
		z := i
		for z < len(ws) && ws[z] == 0 {
			z++
		}
		nz := z
		for nz < len(ws) && ws[nz] != 0 {
			nz++
		}
		e.uint(uint64(z - i))
		e.uint(uint64(nz - z))
		for _, w := range ws[z:nz] {
			e.u64(w)
		}
		i = nz
	}
}

func (e *encoder) pairFilter(f *pairFilter) {
	e.bits(f.pairs[:])
	e.bool(f.init)
	e.bits(f.firstAlone[:])
	e.bits(f.secondAlone[:])
	e.bool(f.firstMore)
	e.bool(f.secondMore)
}

// keyIndex writes an index: its table as it is, for the decoded index to
// read in place.
func (e *encoder) keyIndex(x *keyIndex) {
	e.uint(uint64(x.shift))
	e.uint(uint64(x.n))
	e.bool(x.hasZero)
	e.uint(uint64(x.zero.off))
	e.uint(uint64(x.zero.n))
	e.uint(uint64(len(x.slots)))
	e.buf = append(e.buf, x.slots...)
}

// entry writes an entry's text and returns the number of strings its lists
// hold.
func (e *encoder) entry(en *Entry) int {
	e.str(en.Pattern)
	items := e.strList(en.Suggest)
	items += e.strList(en.Lang)
	e.str(en.Message)
	e.int(int(en.Severity))
	e.str(en.Explain)
	for _, l := range [][]string{en.Guard.Before, en.Guard.NotBefore, en.Guard.After, en.Guard.NotAfter,
		en.Requires, en.Excludes, en.Examples.Flagged, en.Examples.Unflagged} {
		items += e.strList(l)
	}
	e.int(en.Line)
	return items
}

// encode returns the compiled form of s.
func (s *Set) encode() ([]byte, error) {
	s.ensureAll()
	strs := &stringTable{off: map[string]int{}}
	n := &counts{}
	m := &encoder{strs: strs, n: n, set: s} // the main part
	ents := &encoder{strs: strs, n: n}      // the entries part
	m.uint(uint64(len(s.packs)))
	total := 0
	for _, p := range s.packs {
		if p.Table != "" {
			return nil, fmt.Errorf("%s: the table was not read", p.Source)
		}
		if p.Entries == nil {
			return nil, fmt.Errorf("%s: no entries", p.Source)
		}
		m.str(p.Name)
		m.str(string(p.Category))
		m.int(int(p.Severity))
		m.str(p.Doc)
		m.str(p.Explanation)
		m.bool(p.SafeFix)
		m.str(p.Source)
		at := len(ents.buf)
		items := 0
		langs := false
		for _, en := range p.Entries {
			items += ents.entry(en)
			langs = langs || len(en.Lang) > 0
		}
		m.uint(uint64(len(p.Entries)))
		m.uint(uint64(at))
		m.uint(uint64(items))
		m.bool(langs)
		total += len(p.Entries)
	}
	// The rules' descriptions: making them reads every entry of a pack
	// and matches its examples. The rest of a rule is its pack's
	// (TestDecodedSet compares the rules whole).
	for _, r := range s.rules {
		m.str(r.Doc)
		m.str(r.Explanation)
		m.str(r.Flagged)
		m.str(r.Unflagged)
	}
	// The compiled entries are those of the packs, in order.
	if len(s.entries) != total {
		return nil, fmt.Errorf("%d compiled entries for %d entries", len(s.entries), total)
	}
	i := 0
	for pi, p := range s.packs {
		for _, en := range p.Entries {
			c := &s.entries[i]
			i++
			if int(c.pack) != pi || c.entry != en {
				return nil, fmt.Errorf("compiled entry %d is not entry %q of %s", i-1, en.Pattern, p.Source)
			}
			if err := m.elems(c.elems); err != nil {
				return nil, err
			}
			m.buf = append(m.buf, byte(c.spin), byte(c.mode))
			m.int(c.key)
			m.bool(c.cond != nil)
			if c.cond == nil {
				continue
			}
			n.conds++
			g := &c.cond.guard
			for _, es := range [][]matchElem{g.before, g.notBefore, g.after, g.notAfter} {
				if err := m.elems(es); err != nil {
					return nil, err
				}
			}
			m.phrases(c.cond.requires)
			m.phrases(c.cond.excludes)
		}
	}
	for _, x := range []*keyIndex{&s.pairs, &s.triples, &s.backs, &s.singles} {
		m.keyIndex(x)
	}
	m.uint(uint64(len(s.lists)))
	for _, v := range s.lists {
		m.uint(uint64(v))
	}
	m.bits(s.filter)
	for _, st := range s.starts {
		m.bits(st)
	}
	m.bits(s.prefixes[:])
	m.bool(s.keyNumber)
	m.pairFilter(&s.forwardPairs)
	m.pairFilter(&s.backwardPairs)
	m.bits(s.singleDigests[:])
	m.bool(s.singleAny)
	m.bits(s.special[:])

	var head []byte
	if n.hashes != len(s.hashes) {
		return nil, fmt.Errorf("the elements hold %d of the %d hashes", n.hashes, len(s.hashes))
	}
	for _, c := range []int{n.elems, n.hashes, n.conds, n.phrases, n.phraseHashes} {
		head = binary.AppendUvarint(head, uint64(c))
	}
	main := append(head, m.buf...)
	out := []byte(compiledMagic)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(main)))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(ents.buf)))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(strs.data)))
	out = append(out, main...)
	out = append(out, ents.buf...)
	return append(out, strs.data...), nil
}

// decoder reads the compiled form of a set from pos. The strings it returns
// are slices of data. The first error stops it: every read after returns
// zero.
type decoder struct {
	data    string
	pos     int
	end     int // where the part being read ends
	strBase int
	err     error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("at byte %d: %s", d.pos, fmt.Sprintf(format, args...))
		d.end = d.pos // no read succeeds after
	}
}

func (d *decoder) uint() uint64 {
	// most numbers are small (end is pos after an error)
	if p := d.pos; p < d.end && d.data[p] < 0x80 {
		d.pos = p + 1
		return uint64(d.data[p])
	}
	return d.uintSlow()
}

func (d *decoder) uintSlow() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for shift, i := uint(0), d.pos; i < d.end && shift < 64; shift, i = shift+7, i+1 {
		b := d.data[i]
		if b < 0x80 {
			d.pos = i + 1
			return v | uint64(b)<<shift
		}
		v |= uint64(b&0x7f) << shift
	}
	d.fail("bad number")
	return 0
}

func (d *decoder) int() int {
	u := d.uint()
	return int(int64(u>>1) ^ -int64(u&1)) // zig-zag, as binary.AppendVarint
}

// count reads a count that may not exceed max.
func (d *decoder) count(max int) int {
	n := d.uint()
	if n > uint64(max) {
		d.fail("count %d over %d", n, max)
		return 0
	}
	return int(n)
}

func (d *decoder) byte() byte {
	if p := d.pos; p < d.end {
		d.pos = p + 1
		return d.data[p]
	}
	return d.truncated()
}

func (d *decoder) truncated() byte {
	d.fail("truncated")
	return 0
}

func (d *decoder) bool() bool { return d.byte() != 0 }

func (d *decoder) u64() uint64 {
	if d.err != nil {
		return 0
	}
	if d.pos+8 > d.end {
		d.fail("truncated")
		return 0
	}
	s := d.data[d.pos : d.pos+8]
	d.pos += 8
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func (d *decoder) str() string {
	room := len(d.data) - d.strBase
	off := d.count(room)
	n := d.count(room - off)
	if d.err != nil {
		return ""
	}
	return d.data[d.strBase+off : d.strBase+off+n]
}

// listLen reads the length of a list written as its length plus one, 0
// for nil; ok is false for nil.
func (d *decoder) listLen() (n int, ok bool) {
	n = d.count(d.end - d.pos)
	if n == 0 {
		return 0, false
	}
	return n - 1, true
}

// take cuts n items off the front of pool.
func take[T any](d *decoder, pool *[]T, n int) []T {
	if n > len(*pool) {
		d.fail("more items than counted")
		return nil
	}
	s := (*pool)[:n:n]
	*pool = (*pool)[n:]
	return s
}

func (d *decoder) strList(pool *[]string) []string {
	n, ok := d.listLen()
	if !ok {
		return nil
	}
	l := take(d, pool, n)
	for i := range l {
		l[i] = d.str()
	}
	return l
}

// sharedPools are the arrays that a decoded set's compiled entries share.
type sharedPools struct {
	elems        []matchElem
	hashes       []uint64 // Set.hashes, filled from 0 to hashesAt
	hashesAt     int
	conds        []conditions
	phrases      [][]uint64
	phraseHashes []uint64
}

func (d *decoder) hashList(p *sharedPools) []uint64 {
	n, ok := d.listLen()
	if !ok {
		return nil
	}
	hs := take(d, &p.phraseHashes, n)
	for i := range hs {
		hs[i] = d.u64()
	}
	return hs
}

func (d *decoder) elems(p *sharedPools) []matchElem {
	n, ok := d.listLen()
	if !ok {
		return nil
	}
	es := take(d, &p.elems, n)
	for i := range es {
		es[i].kind = elemKind(d.byte())
		nh := d.count(min(maxAlternatives, len(p.hashes)-p.hashesAt))
		es[i].n, es[i].off = uint16(nh), uint32(p.hashesAt)
		for k := range p.hashes[p.hashesAt : p.hashesAt+nh] {
			p.hashes[p.hashesAt+k] = d.u64()
		}
		p.hashesAt += nh
	}
	return es
}

func (d *decoder) phrases(p *sharedPools) [][]uint64 {
	n, ok := d.listLen()
	if !ok {
		return nil
	}
	l := take(d, &p.phrases, n)
	for i := range l {
		l[i] = d.hashList(p)
	}
	return l
}

// bits reads a bit set of len(ws) words into ws.
func (d *decoder) bits(ws []uint64) {
	if n := d.count(d.end * 64); n != len(ws) {
		d.fail("a bit set of %d words, want %d", n, len(ws))
		return
	}
	for i := 0; i < len(ws) && d.err == nil; {
		z := d.count(len(ws) - i)
		i += z
		nz := d.count(len(ws) - i)
		for k := 0; k < nz; k++ {
			ws[i] = d.u64()
			i++
		}
		if z+nz == 0 {
			d.fail("an empty run")
		}
	}
}

func (d *decoder) pairFilter(f *pairFilter) {
	d.bits(f.pairs[:])
	f.init = d.bool()
	d.bits(f.firstAlone[:])
	d.bits(f.secondAlone[:])
	f.firstMore = d.bool()
	f.secondMore = d.bool()
}

// keyIndex reads an index, its table a slice of the data.
func (d *decoder) keyIndex() keyIndex {
	var x keyIndex
	x.shift = uint8(d.count(63))
	x.n = d.count(d.end)
	x.hasZero = d.bool()
	x.zero.off = uint32(d.count(d.end))
	x.zero.n = uint32(d.count(d.end))
	n := d.count(d.end - d.pos)
	if d.err != nil {
		return keyIndex{}
	}
	if slots := n / keySlot; slots == 0 || slots&(slots-1) != 0 || 64-int(x.shift) >= 63 || 1<<(64-int(x.shift)) != slots || x.n >= slots {
		d.fail("a key index of %d bytes", n)
		return keyIndex{}
	}
	x.slots = d.data[d.pos : d.pos+n]
	d.pos += n
	return x
}

// decodeSet decodes the compiled form of a set that encode wrote, all but
// its entries' text (see lazyEntries), and builds its rules.
func decodeSet(data string) (*Set, error) {
	d := &decoder{data: data, end: len(data)}
	if len(data) < len(compiledMagic)+12 || data[:len(compiledMagic)] != compiledMagic {
		return nil, errors.New("not a compiled phrase set of this version")
	}
	d.pos = len(compiledMagic)
	var lens [3]int // of the main part, the entries, the strings
	for i := range lens {
		lens[i] = int(binary.LittleEndian.Uint32([]byte(data[d.pos : d.pos+4])))
		d.pos += 4
	}
	mainLen, entsLen := lens[0], lens[1]
	if d.pos+lens[0]+lens[1]+lens[2] != len(data) {
		return nil, errors.New("truncated or too long")
	}
	d.end = d.pos + mainLen
	entsAt := d.end
	d.strBase = entsAt + entsLen
	var n counts
	for _, p := range []*int{&n.elems, &n.hashes, &n.conds, &n.phrases, &n.phraseHashes} {
		*p = d.count(mainLen)
	}
	s := &Set{
		filter: make([]uint64, filterBits/64),
		starts: [3][]uint64{make([]uint64, startBits/64), make([]uint64, startBits/64), make([]uint64, startBits/64)},
	}
	np := d.count(mainLen)
	s.packs = make([]*Pack, np)
	packs := make([]Pack, np)
	l := &lazyEntries{data: data, strBase: d.strBase, at: make([]int, np), items: make([]int, np),
		first: make([]int, np), n: make([]int, np), langs: make([]bool, np), once: make([]sync.Once, np)}
	total := 0
	for pi := range s.packs {
		p := &packs[pi]
		s.packs[pi] = p
		p.Name = d.str()
		p.Category = rules.Category(d.str())
		p.Severity = rules.Severity(d.int())
		p.Doc = d.str()
		p.Explanation = d.str()
		p.SafeFix = d.bool()
		p.Source = d.str()
		l.first[pi] = total
		l.n[pi] = d.count(entsLen)
		l.at[pi] = entsAt + d.count(entsLen)
		l.items[pi] = d.count(entsLen)
		l.langs[pi] = d.bool()
		total += l.n[pi]
	}
	s.rules = make([]*rules.Rule, np)
	for pi, p := range s.packs {
		s.rules[pi] = &rules.Rule{ID: p.ID(), Category: p.Category, Severity: p.Severity, SafeFix: p.SafeFix,
			Doc: d.str(), Explanation: d.str(), Flagged: d.str(), Unflagged: d.str()}
	}
	if d.err != nil {
		return nil, d.err
	}
	pools := &sharedPools{elems: make([]matchElem, n.elems), hashes: make([]uint64, n.hashes),
		conds: make([]conditions, n.conds), phrases: make([][]uint64, n.phrases), phraseHashes: make([]uint64, n.phraseHashes)}
	s.entries = make([]compiled, total)
	for pi := range s.packs {
		for i := l.first[pi]; i < l.first[pi]+l.n[pi] && d.err == nil; i++ {
			c := &s.entries[i]
			c.pack = int32(pi)
			c.elems = d.elems(pools)
			c.spin, c.mode = spinClass(d.byte()), keyMode(d.byte())
			c.key = d.int()
			if !d.bool() {
				continue
			}
			cs := take(d, &pools.conds, 1)
			if cs == nil {
				break
			}
			c.cond = &cs[0]
			g := &c.cond.guard
			for _, es := range []*[]matchElem{&g.before, &g.notBefore, &g.after, &g.notAfter} {
				*es = d.elems(pools)
			}
			c.cond.requires = d.phrases(pools)
			c.cond.excludes = d.phrases(pools)
		}
	}
	s.pairs = d.keyIndex()
	s.triples = d.keyIndex()
	s.backs = d.keyIndex()
	s.singles = d.keyIndex()
	if nl := d.count(d.end - d.pos); d.err == nil {
		s.lists = make([]int32, nl)
		for i := range s.lists {
			s.lists[i] = int32(d.count(total - 1))
		}
	}
	d.bits(s.filter)
	for _, st := range s.starts {
		d.bits(st)
	}
	d.bits(s.prefixes[:])
	s.keyNumber = d.bool()
	d.pairFilter(&s.forwardPairs)
	d.pairFilter(&s.backwardPairs)
	d.bits(s.singleDigests[:])
	s.singleAny = d.bool()
	d.bits(s.special[:])
	if d.err == nil && d.pos != d.end {
		d.fail("%d bytes left over", d.end-d.pos)
	}
	if d.err == nil && (len(pools.elems)+len(pools.conds)+len(pools.phrases)+len(pools.phraseHashes) != 0 || pools.hashesAt != len(pools.hashes)) {
		d.fail("fewer items than counted")
	}
	s.hashes = pools.hashes
	if d.err != nil {
		return nil, d.err
	}
	// The entries' part must end where the strings start; each pack's
	// entries are checked as they are decoded.
	for pi := range s.packs {
		if l.at[pi] > d.strBase {
			return nil, fmt.Errorf("pack %s: entries out of bounds", s.packs[pi].Source)
		}
	}
	s.lazy = l
	for pi, r := range s.rules {
		s.setRun(r, pi)
	}
	return s, nil
}

// decodePack decodes the entries of pack pi of s. The compiled form was
// checked when the set was decoded and is embedded in the binary, so an
// error here is a bug: it panics.
func (l *lazyEntries) decodePack(s *Set, pi int) {
	d := &decoder{data: l.data, pos: l.at[pi], end: l.strBase, strBase: l.strBase}
	es := make([]Entry, l.n[pi])
	ptrs := make([]*Entry, len(es))
	items := make([]string, l.items[pi])
	for i := range es {
		en := &es[i]
		ptrs[i] = en
		en.Pattern = d.str()
		en.Suggest = d.strList(&items)
		en.Lang = d.strList(&items)
		en.Message = d.str()
		en.Severity = rules.Severity(d.int())
		en.Explain = d.str()
		for _, l := range []*[]string{&en.Guard.Before, &en.Guard.NotBefore, &en.Guard.After, &en.Guard.NotAfter,
			&en.Requires, &en.Excludes, &en.Examples.Flagged, &en.Examples.Unflagged} {
			*l = d.strList(&items)
		}
		en.Line = d.int()
	}
	if d.err != nil {
		panic(fmt.Sprintf("mtlint: compiled phrase pack %s: %v", s.packs[pi].Source, d.err))
	}
	s.packs[pi].Entries = ptrs
	for i := range es {
		s.entries[l.first[pi]+i].entry = ptrs[i]
	}
}
