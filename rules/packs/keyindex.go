package packs

import "encoding/binary"

// keyIndex maps a lookup key to its entries, a run of Set.lists. It is an
// open-addressed hash table in a string: slots of keySlot bytes (the key,
// then the run's offset and length, little-endian), a key's first slot
// chosen by its high bits (a key is a hash already) and the next ones tried
// in turn; a slot whose key is 0 is empty, and key 0 itself is kept apart.
// The tables of the built-in set are thus the bytes of its compiled form,
// read where the binary maps them rather than built into maps at every
// start (compiled.go), and hold no pointers for the collector to scan.
type keyIndex struct {
	slots string
	shift uint8 // 64 - log2 of the number of slots
	// zero is the run of key 0, when hasZero.
	zero    listRun
	hasZero bool
	n       int // the number of keys
}

// keySlot is the size of a slot of a keyIndex.
const keySlot = 16

// get returns the run of key k.
func (x *keyIndex) get(k uint64) (listRun, bool) {
	if k == 0 {
		return x.zero, x.hasZero
	}
	if x.n == 0 {
		return listRun{}, false
	}
	mask := len(x.slots) - keySlot
	for i := int(k>>x.shift) * keySlot; ; i = (i + keySlot) & mask {
		slot := x.slots[i : i+keySlot]
		switch load64(slot, 0) {
		case k:
			return listRun{off: load32(slot, 8), n: load32(slot, 12)}, true
		case 0:
			return listRun{}, false
		}
	}
}

// load32 reads four bytes of s from i, little-endian.
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// keyIndexBuilder fills a keyIndex's table.
type keyIndexBuilder struct {
	x     keyIndex
	slots []byte
}

// newKeyIndexBuilder returns a builder for an index of n keys: a table of a
// power of two slots, at most three quarters full.
func newKeyIndexBuilder(n int) *keyIndexBuilder {
	bits := 1
	for 3<<bits < 4*(n+1) {
		bits++
	}
	return &keyIndexBuilder{x: keyIndex{shift: uint8(64 - bits)}, slots: make([]byte, keySlot<<bits)}
}

// put adds key k, which the index does not hold yet, with its run.
func (b *keyIndexBuilder) put(k uint64, r listRun) {
	b.x.n++
	if k == 0 {
		b.x.zero, b.x.hasZero = r, true
		return
	}
	mask := len(b.slots)/keySlot - 1
	i := int(k >> b.x.shift)
	for binary.LittleEndian.Uint64(b.slots[i*keySlot:]) != 0 {
		i = (i + 1) & mask
	}
	slot := b.slots[i*keySlot:]
	binary.LittleEndian.PutUint64(slot, k)
	binary.LittleEndian.PutUint32(slot[8:], r.off)
	binary.LittleEndian.PutUint32(slot[12:], r.n)
}

// index returns the index built.
func (b *keyIndexBuilder) index() keyIndex {
	b.x.slots = string(b.slots)
	return b.x
}

// keys calls f with each key of x and its run.
func (x *keyIndex) keys(f func(k uint64, r listRun)) {
	if x.hasZero {
		f(0, x.zero)
	}
	for i := 0; i+keySlot <= len(x.slots); i += keySlot {
		if k := load64(x.slots, i); k != 0 {
			f(k, listRun{off: load32(x.slots, i+8), n: load32(x.slots, i+12)})
		}
	}
}
