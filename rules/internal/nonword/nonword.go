// Package nonword indexes the tokens of a document's current window that are
// not words or numbers: punctuation, symbols, ellipses, web and e-mail
// addresses. They are about one token in eight of news text, and most rules
// look only at them or at their neighbours (a mark after white space, a word
// glued to a mark, a quotation mark), so a rule that steps through this index
// instead of through every token does an eighth of the work. The index is
// the document's marks (Document.Marks) without their initialisms, built
// once per window and shared through Document.Memo by every rule that asks
// for it.
package nonword

import (
	"slices"

	"github.com/mtlint/mtlint/checker/document"
)

// memoKey keys the index in Document.Memo; scratchKey keys in
// Document.Scratch the buffer it is built in, reused from window to window.
type (
	memoKey    struct{}
	scratchKey struct{}
)

// Index returns the indexes into doc.Tokens of the tokens of the current
// window whose kind is neither Word nor Number, in increasing order. The
// slice is valid until the next window is segmented and must not be changed.
func Index(doc *document.Document) []int32 {
	return *doc.Memo(memoKey{}, func() any {
		buf := doc.Scratch(scratchKey{}, func() any { return new([]int32) }).(*[]int32)
		*buf = build(doc.Tokens, doc.Marks(), (*buf)[:0])
		return buf
	}).(*[]int32)
}

// The kinds the index leaves out are the two below Punct: Word, Number.
const _ = uint8(document.Punct - document.Word - 2)

// build appends to dst the marks of toks (indexes into it) that are not
// words: it leaves out the initialisms. Each index is stored
// unconditionally and kept by advancing the count by 1 for a kind from
// Punct on, 0 for Word (Kind-Punct wraps around to 254 or 255 for Word and
// Number, setting the top bit), so the loop has no branch to mispredict.
func build(toks []document.Token, marks, dst []int32) []int32 {
	n := len(dst)
	dst = slices.Grow(dst, len(marks)+1)[:n+len(marks)+1]
	for _, i := range marks {
		dst[n] = i
		n += int((uint8(toks[i].Kind-document.Punct) >> 7) ^ 1)
	}
	return dst[:n]
}

// Cursor walks an index range by range, ranges in increasing order.
type Cursor struct {
	idx []int32
	k   int
}

// NewCursor returns a cursor at the start of idx.
func NewCursor(idx []int32) Cursor { return Cursor{idx: idx} }

// In returns the entries of the index within r, skipping those before it.
// The ranges of successive calls must not go back: each call starts where
// the last one ended.
func (c *Cursor) In(r document.Range) []int32 {
	k := c.k
	for k < len(c.idx) && int(c.idx[k]) < r.First {
		k++
	}
	e := k
	for e < len(c.idx) && int(c.idx[e]) < r.Last {
		e++
	}
	c.k = e
	return c.idx[k:e]
}
