package document

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func TestUTF16Len(t *testing.T) {
	for _, s := range []string{"", "abc", "café", "日本語", "😀 x", "a\xffb", "𝔘𝔫"} {
		want := len(utf16.Encode([]rune(s)))
		if got := UTF16Len(s); got != want {
			t.Errorf("UTF16Len(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestLineIndex(t *testing.T) {
	text := "ab\r\n😀 more early\n日本 x\rlast"
	x := NewLineIndex(text)
	if x.Lines() != 4 {
		t.Fatalf("Lines = %d, want 4", x.Lines())
	}
	tests := []struct {
		sub        string // the first occurrence's start is the offset
		line       int
		u16, u8, c int
	}{
		{"ab", 0, 0, 0, 0},
		{"\r\n", 0, 2, 2, 2},
		{"😀", 1, 0, 0, 0},
		{"more", 1, 3, 5, 2},
		{"x\r", 2, 3, 7, 3},
		{"last", 3, 0, 0, 0},
	}
	for _, tt := range tests {
		off := strings.Index(text, tt.sub)
		for _, c := range []struct {
			u   Unit
			col int
		}{{UTF16, tt.u16}, {UTF8, tt.u8}, {CodePoints, tt.c}} {
			line, col := x.Position(off, c.u)
			if line != tt.line || col != c.col {
				t.Errorf("Position(%q, unit %d) = %d:%d, want %d:%d", tt.sub, c.u, line, col, tt.line, c.col)
			}
			if tt.sub == "\r\n" {
				continue
			}
			if got := x.Offset(line, col, c.u); got != off {
				t.Errorf("Offset(%d, %d, unit %d) = %d, want %d (%q)", line, col, c.u, got, off, tt.sub)
			}
		}
	}
	// the middle of a line break is the line's end; past the text, its end
	if l, c := x.Position(3, UTF16); l != 0 || c != 2 {
		t.Errorf("Position inside CRLF = %d:%d, want 0:2", l, c)
	}
	if got := x.Offset(9, 0, UTF16); got != len(text) {
		t.Errorf("Offset past the last line = %d, want %d", got, len(text))
	}
	if got := x.Offset(0, 99, UTF16); got != 2 {
		t.Errorf("Offset past the line's end = %d, want 2", got)
	}
	// a column between the two units of a surrogate pair is the emoji's start
	if got := x.Offset(1, 1, UTF16); got != strings.Index(text, "😀") {
		t.Errorf("Offset inside a surrogate pair = %d", got)
	}
}

// FuzzLineIndex checks that Offset inverts Position on every character
// boundary, in every unit, and that neither panics on any text.
func FuzzLineIndex(f *testing.F) {
	f.Add("a😀b\r\nc\rd\n", 3)
	f.Add("日本\n\xff語", 1)
	f.Fuzz(func(t *testing.T, text string, off int) {
		x := NewLineIndex(text)
		for _, u := range []Unit{UTF16, UTF8, CodePoints} {
			l, c := x.Position(off, u)
			_ = x.Offset(l, c, u)
			for i := 0; i <= len(text); {
				if i < len(text) && (text[i] == '\n' || text[i] == '\r') {
					i++
					continue
				}
				l, c := x.Position(i, u)
				if got := x.Offset(l, c, u); got != i {
					t.Fatalf("unit %d: Offset(Position(%d)) = %d (%d:%d) in %q", u, i, got, l, c, text)
				}
				if i == len(text) {
					break
				}
				_, size := utf8.DecodeRuneInString(text[i:])
				i += size
			}
		}
	})
}
