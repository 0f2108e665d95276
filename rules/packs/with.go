package packs

import "slices"

// With returns a set of the packs of s followed by extra: the set that
// Compile gives for them all, but made without compiling the entries of s
// again, which for the built-in set (`mtlint check --pack`) is most of the
// work. s is not changed.
func (s *Set) With(extra []*Pack) (*Set, error) {
	s.ensureAll()
	n := &Set{
		packs:         append(slices.Clip(s.packs), extra...),
		entries:       slices.Clone(s.entries),
		hashes:        slices.Clip(s.hashes), // the elements of s keep their runs
		filter:        slices.Clone(s.filter),
		prefixes:      s.prefixes,
		keyNumber:     s.keyNumber,
		forwardPairs:  s.forwardPairs,
		backwardPairs: s.backwardPairs,
		singleDigests: s.singleDigests,
		singleAny:     s.singleAny,
		special:       s.special,
	}
	for i, st := range s.starts {
		n.starts[i] = slices.Clone(st)
	}
	// the keys of s, each with its entries, for the entries of extra to join
	b := newIndexBuilder()
	for _, x := range []struct {
		from *keyIndex
		to   map[uint64][]int32
	}{{&s.pairs, b.pairs}, {&s.triples, b.triples}, {&s.backs, b.backs}, {&s.singles, b.singles}} {
		x.from.keys(func(k uint64, r listRun) {
			x.to[k] = slices.Clone(s.lists[r.off : r.off+r.n])
		})
	}
	if err := n.addPacks(len(s.packs), b); err != nil {
		return nil, err
	}
	n.finish(b)
	return n, nil
}
