package server

import (
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
)

// unitCounter turns byte offsets of one string into UTF-16 offsets. It
// walks from the last offset asked for, forwards or backwards, so that
// asking in about increasing order (findings are sorted by start; an end may
// lie past the next start) costs about one pass over the text.
type unitCounter struct {
	s           string
	byte, units int
}

// at returns the UTF-16 offset of byte offset b of the string. An offset
// inside a multi-byte character counts as the character's start.
func (u *unitCounter) at(b int) int {
	b = max(0, min(b, len(u.s)))
	if b < u.byte/2 {
		u.byte, u.units = 0, 0 // nearer the start than the last offset
	}
	for u.byte > b {
		r, size := utf8.DecodeLastRuneInString(u.s[:u.byte])
		u.byte -= size
		u.units -= document.UTF16Units(r)
	}
	for u.byte < b {
		c := u.s[u.byte]
		if c < utf8.RuneSelf {
			u.byte++
			u.units++
			continue
		}
		r, size := utf8.DecodeRuneInString(u.s[u.byte:])
		if u.byte+size > b {
			break // b is inside this character
		}
		u.units += document.UTF16Units(r)
		u.byte += size
	}
	return u.units
}
