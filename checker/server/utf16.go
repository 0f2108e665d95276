package server

import "unicode/utf8"

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
		u.units -= runeUnits(r, size)
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
		u.units += runeUnits(r, size)
		u.byte += size
	}
	return u.units
}

// runeUnits is the number of UTF-16 code units of a rune decoded from size
// bytes: two beyond the Basic Multilingual Plane, else one (an invalid byte,
// decoded as U+FFFD of size 1, too).
func runeUnits(r rune, size int) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// decodeRune and decodeLastRune are utf8's, for the walks of context.
func decodeRune(s string) (rune, int)     { return utf8.DecodeRuneInString(s) }
func decodeLastRune(s string) (rune, int) { return utf8.DecodeLastRuneInString(s) }
