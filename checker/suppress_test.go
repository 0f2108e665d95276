package checker

import (
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/markup"
)

// An inline suppression that names no rule or category suppresses nothing:
// it is noted, with its line and the closest IDs, not ignored in silence.
func TestUnknownSuppressedRule(t *testing.T) {
	md := markup.Markdown
	c, err := New(Config{Rules: testRules(), Input: Input{Format: &md}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		notes      []string // parts of the unknown-rule notes, one each
		findings   int
	}{
		{"misspelt ID", "Title\n\n<!-- mtlint-disable-next-line punctuation.fo -->\nA foo here.\n", []string{`line 3: the inline suppression names "punctuation.fo"`, "did you mean punctuation.foo"}, 1},
		{"known ID", "Title\n\n<!-- mtlint-disable-next-line punctuation.foo -->\nA foo here.\n", nil, 0},
		{"category", "<!-- mtlint-disable quotes -->\nA baz here.\n<!-- mtlint-enable quotes -->\n", nil, 0},
		{"one of two", "Title\n\n\n<!-- mtlint-disable quotes, quotes.bax -->\nA baz and foo.\n<!-- mtlint-enable -->\n", []string{`line 4: the inline suppression names "quotes.bax"`}, 1},
		{"nothing close", "<!-- mtlint-disable-next-line zzzzzzzz -->\nA foo.\n", []string{`"zzzzzzzz", which is no rule or category`}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.CheckString(tc.text)
			var got []string
			for _, n := range res.Notes {
				if n.Kind == "unknown-rule" {
					got = append(got, n.Message)
				}
			}
			if len(got) != min(len(tc.notes), 1) {
				t.Fatalf("unknown-rule notes %q, want %d", got, min(len(tc.notes), 1))
			}
			for _, w := range tc.notes {
				if !strings.Contains(got[0], w) {
					t.Errorf("note %q does not hold %q", got[0], w)
				}
			}
			if len(res.Findings) != tc.findings {
				t.Errorf("%d findings %v, want %d", len(res.Findings), ids(res), tc.findings)
			}
		})
	}
}
