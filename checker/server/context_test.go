package server

import (
	"strings"
	"testing"
)

// TestContextWithMarkup checks that the context of a match in annotated
// text is cut from the text with its markup, as LanguageTool's
// (RuleMatchesAsJsonSerializer takes it from getTextWithMarkup), so that a
// client such as gramma, which reads the word at context.offset, sees the
// characters that offset and length point at in the text it sent.
func TestContextWithMarkup(t *testing.T) {
	s := newServer(t, Options{})
	for _, tc := range []struct {
		data, context string
	}{
		{`{"annotation":[{"markup":"<p>"},{"text":"Officials met on "},{"markup":"<b>","interpretAs":""},{"text":"Monday"},{"markup":"</b>"},{"text":" , and the talks went on."},{"markup":"</p>","interpretAs":"\n\n"}]}`,
			"<p>Officials met on <b>Monday</b> , and the talks went on.</p>"},
		{`{"annotation":[{"markup":"---\ntitle: x\n---\n","interpretAs":"\n\n\n"},{"text":"😀 Officials met on Monday , and left."}]}`,
			"... title: x --- 😀 Officials met on Monday , and left."},
	} {
		r := check(t, s, "data", tc.data, "language", "en-US")
		ms := find(r, "punctuation.space-before")
		if len(ms) != 1 {
			t.Fatalf("%s: %d matches of punctuation.space-before, want 1: %+v", tc.data, len(ms), r.Matches)
		}
		c := ms[0].Context
		if c.Text != tc.context {
			t.Errorf("context %q, want %q", c.Text, tc.context)
		}
		if got := units(c.Text, c.Offset, c.Length); got != " ," {
			t.Errorf("context %q offset %d length %d cover %q, want \" ,\"", c.Text, c.Offset, c.Length, got)
		}
		if strings.Contains(c.Text, "\n") {
			t.Errorf("context %q holds a line break", c.Text)
		}
	}
}
