package document

import (
	"sort"
	"unicode/utf8"
)

// Unit is what a column of a LineIndex counts: the protocols that clients
// speak count columns in UTF-16 code units (the Language Server Protocol by
// default, LanguageTool's offsets, JavaScript strings), in bytes of UTF-8, or
// in code points.
type Unit int

// The units of a column.
const (
	// UTF16 counts UTF-16 code units: two for a character outside the
	// Basic Multilingual Plane (most emoji), one for any other.
	UTF16 Unit = iota
	// UTF8 counts bytes.
	UTF8
	// CodePoints counts Unicode code points (LSP's "utf-32").
	CodePoints
)

// UTF16Len returns the length of s in UTF-16 code units. A byte that is not
// valid UTF-8 counts as one unit, as it does once replaced by U+FFFD.
func UTF16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += UTF16Units(r)
		i += size
	}
	return n
}

// UTF16Units returns the UTF-16 code units of r: two beyond the Basic
// Multilingual Plane (most emoji), else one (U+FFFD, read for an invalid
// byte, too).
func UTF16Units(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// LineIndex converts between byte offsets of a text and (line, column)
// positions in a chosen Unit, lines and columns counted from 0, as the
// Language Server Protocol wants them. Lines end at "\n", "\r\n" or a lone
// "\r". Building it costs one pass over the text; each conversion costs a
// binary search over the line starts and a pass over one line.
type LineIndex struct {
	text   string
	starts []int // byte offset of each line's start
}

// NewLineIndex indexes the lines of text.
func NewLineIndex(text string) *LineIndex {
	starts := make([]int, 1, 1+len(text)/40)
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{text: text, starts: starts}
}

// Lines returns the number of lines (one more than the line breaks).
func (x *LineIndex) Lines() int { return len(x.starts) }

// lineEnd returns the offset where line i's content ends, before its break.
func (x *LineIndex) lineEnd(i int) int {
	if i+1 >= len(x.starts) {
		return len(x.text)
	}
	end := x.starts[i+1]
	if end > 0 && x.text[end-1] == '\n' {
		end--
	}
	if end > x.starts[i] && x.text[end-1] == '\r' {
		end--
	}
	return end
}

// Position returns the line and column of byte offset off, clamped to the
// text. An offset inside a line break is its line's end; one inside a UTF-8
// sequence counts the whole character before it.
func (x *LineIndex) Position(off int, u Unit) (line, col int) {
	off = min(max(off, 0), len(x.text))
	line = sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	start := x.starts[line]
	end := min(off, x.lineEnd(line))
	return line, columns(x.text[start:end], u)
}

// columns is the width of s in u.
func columns(s string, u Unit) int {
	switch u {
	case UTF8:
		return len(s)
	case CodePoints:
		return utf8.RuneCountInString(s)
	}
	return UTF16Len(s)
}

// Offset returns the byte offset of line and column col, clamped: a line past
// the last is the end of the text, a column past the line's end is the
// line's end, and a column that falls inside a character (the second unit of
// a surrogate pair, a byte inside a UTF-8 sequence) is the start of that
// character.
func (x *LineIndex) Offset(line, col int, u Unit) int {
	if line < 0 {
		return 0
	}
	if line >= len(x.starts) {
		return len(x.text)
	}
	start, end := x.starts[line], x.lineEnd(line)
	i, n := start, 0
	for i < end {
		if n >= col {
			return i
		}
		r, size := rune(x.text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(x.text[i:end])
		}
		w := 1
		switch u {
		case UTF8:
			w = size
		case UTF16:
			if size > 1 || r != utf8.RuneError {
				w = UTF16Units(r)
			}
		}
		if n+w > col {
			return i
		}
		n += w
		i += size
	}
	return end
}
