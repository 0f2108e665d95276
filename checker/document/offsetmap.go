package document

import "sort"

// OffsetMap converts byte offsets of a Document's Text into byte offsets of
// its Raw input. The zero value is the identity, which is what plain text
// needs; markup extraction adds an Anchor wherever the two stop advancing
// together (a tag skipped, an entity decoded), so rules never see the
// difference.
type OffsetMap struct {
	anchors []Anchor
}

// Anchor says that from text offset Text on, text and raw advance together,
// with Text standing at raw offset Raw.
type Anchor struct {
	Text, Raw int
}

// Add appends an anchor. Anchors must be added in increasing Text order.
func (m *OffsetMap) Add(text, raw int) {
	if n := len(m.anchors); n > 0 && m.anchors[n-1].Text >= text {
		if m.anchors[n-1].Text == text {
			m.anchors[n-1].Raw = raw
			return
		}
		panic("document: OffsetMap anchors out of order")
	}
	m.anchors = append(m.anchors, Anchor{Text: text, Raw: raw})
}

// ToRaw returns the raw offset of the text offset off.
func (m OffsetMap) ToRaw(off int) int {
	if len(m.anchors) == 0 {
		return off
	}
	i := sort.Search(len(m.anchors), func(i int) bool { return m.anchors[i].Text > off }) - 1
	if i < 0 {
		return off
	}
	a := m.anchors[i]
	return a.Raw + off - a.Text
}

// Identity reports whether the map leaves every offset unchanged.
func (m OffsetMap) Identity() bool {
	for _, a := range m.anchors {
		if a.Text != a.Raw {
			return false
		}
	}
	return true
}

// Anchors returns the map's anchors in increasing Text order; the caller
// must not modify them. The identity map has none.
func (m OffsetMap) Anchors() []Anchor { return m.anchors }
