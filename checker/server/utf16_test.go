package server

import (
	"math/rand/v2"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
)

// TestUnitCounter checks at against a count from scratch, asked in any
// order, on text with ASCII, two-, three- and four-byte characters and
// invalid bytes.
func TestUnitCounter(t *testing.T) {
	s := "a é 東京 😀 x\xffy 👩‍👩‍👧 end"
	want := func(b int) int {
		n := 0
		for i := 0; i < b; {
			r, size := utf8.DecodeRuneInString(s[i:])
			if i+size > b {
				break
			}
			n += len(utf16.Encode([]rune{r}))
			i += size
		}
		return n
	}
	u := unitCounter{s: s}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := rng.IntN(len(s) + 1)
		if got := u.at(b); got != want(b) {
			t.Fatalf("at(%d) = %d, want %d", b, got, want(b))
		}
	}
	if document.UTF16Len(s) != want(len(s)) {
		t.Errorf("UTF16Len = %d, want %d", document.UTF16Len(s), want(len(s)))
	}
}
