package server

import "unicode/utf8"

// utf16Len returns the length of s in UTF-16 code units, as Java's
// String.length counts it: one unit for a character of the Basic
// Multilingual Plane, two for one beyond it (most emoji), and one for each
// byte that is not valid UTF-8 (a decoder reads it as U+FFFD).
func utf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return n
}

// unitCounter turns byte offsets of one string into UTF-16 offsets. It walks
// forward from the last offset asked for, so that asking in increasing order
// (findings are sorted) costs one pass over the text; an offset before the
// last one starts again from the beginning.
type unitCounter struct {
	s           string
	byte, units int
}

// at returns the UTF-16 offset of byte offset b of the string. An offset
// inside a multi-byte character counts as the character's start.
func (u *unitCounter) at(b int) int {
	if b < u.byte {
		u.byte, u.units = 0, 0
	}
	b = min(b, len(u.s))
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
		if r >= 0x10000 {
			u.units += 2
		} else {
			u.units++
		}
		u.byte += size
	}
	return u.units
}

// decodeRune and decodeLastRune are utf8's, for the walks of context.
func decodeRune(s string) (rune, int)     { return utf8.DecodeRuneInString(s) }
func decodeLastRune(s string) (rune, int) { return utf8.DecodeLastRuneInString(s) }
