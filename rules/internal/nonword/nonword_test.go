package nonword

import (
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
)

// naive is the index as its documentation defines it.
func naive(toks []document.Token) []int32 {
	out := []int32{}
	for i, t := range toks {
		if t.Kind != document.Word && t.Kind != document.Number {
			out = append(out, int32(i))
		}
	}
	return out
}

func TestIndex(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []document.Kind // the kinds of the indexed tokens
	}{
		{"empty", "", nil},
		{"words only", "the talks resume on Monday 2024", nil},
		{"every kind", "The U.S. said, on 3 May: \"talks… resume\" at bbc.co.uk or a@b.com — 5% up.",
			[]document.Kind{document.Punct, document.Punct, document.Punct, document.Ellipsis, document.Punct,
				document.URL, document.Email, document.Punct, document.Symbol, document.Punct}},
		{"marks first and last", ", word .", []document.Kind{document.Punct, document.Punct}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := document.NewPlain([]byte(tc.text))
			doc.Segment()
			got := Index(doc)
			if want := naive(doc.Tokens); !slices.Equal(got, want) {
				t.Fatalf("Index = %v, want %v", got, want)
			}
			var kinds []document.Kind
			for _, i := range got {
				kinds = append(kinds, doc.Tokens[i].Kind)
			}
			if !slices.Equal(kinds, tc.want) {
				t.Errorf("kinds %v, want %v", kinds, tc.want)
			}
		})
	}
}

// TestIndexWindows checks that each window gets its own index, though the
// buffer is reused.
func TestIndexWindows(t *testing.T) {
	para := "A first line, with marks; and words.\n\nWords only here\n\n"
	doc := document.NewPlain([]byte(strings.Repeat(para, 50)))
	windows := 0
	for range doc.Windows(64) {
		windows++
		if got, want := Index(doc), naive(doc.Tokens); !slices.Equal(got, want) {
			t.Fatalf("window %d: Index = %v, want %v", windows, got, want)
		}
	}
	if windows < 10 {
		t.Fatalf("only %d windows", windows)
	}
}

func TestCursor(t *testing.T) {
	idx := []int32{0, 3, 4, 9, 12}
	c := NewCursor(idx)
	for _, tc := range []struct {
		r    document.Range
		want []int32
	}{
		{document.Range{First: 1, Last: 3}, []int32{}},
		{document.Range{First: 3, Last: 9}, []int32{3, 4}},
		{document.Range{First: 10, Last: 10}, []int32{}}, // skips 9
		{document.Range{First: 10, Last: 20}, []int32{12}},
		{document.Range{First: 20, Last: 30}, []int32{}},
	} {
		if got := c.In(tc.r); !slices.Equal(got, tc.want) {
			t.Errorf("In(%v) = %v, want %v", tc.r, got, tc.want)
		}
	}
}

// BenchmarkBuild measures the pass that builds the index, over the marks
// of 64 KB of news-like text (a window).
//
//	go test ./rules/internal/nonword -run '^$' -bench Build -cpu 1
func BenchmarkBuild(b *testing.B) {
	unit := "The minister said on Monday that talks with the U.S. would resume, \"as soon as possible\", " +
		"after a 3.5% fall in trade (the lowest since 2019). Officials were not available for comment.\n\n"
	doc := document.NewPlain([]byte(strings.Repeat(unit, (64<<10)/len(unit))))
	doc.Segment()
	var buf []int32
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		buf = build(doc.Tokens, doc.Marks(), buf[:0])
	}
	if len(buf) == 0 {
		b.Fatal("no marks")
	}
}
