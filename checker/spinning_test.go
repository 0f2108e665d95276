package checker_test

import (
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
)

// TestSpinningEvidenceAcrossWindows checks the document evidence for
// spinning through the checker, with windows small enough that the
// ambiguous phrase and the sure one are checked in different windows: the
// ambiguous one is a warning whichever comes first, and info without the
// sure one.
func TestSpinningEvidenceAcrossWindows(t *testing.T) {
	filler := strings.Repeat("Officials met on Tuesday to discuss the budget for the coming year. ", 30)
	ambiguous := "The clinic used profound learning to sort the scans."
	sure := "The charity funds research on bosom peril."
	tests := []struct {
		name  string
		paras []string
		want  rules.Severity
	}{
		{"ambiguous alone", []string{ambiguous, filler, filler}, rules.Info},
		{"sure phrase after", []string{ambiguous, filler, filler, sure}, rules.Warning},
		{"sure phrase before", []string{sure, filler, filler, ambiguous}, rules.Warning},
	}
	for _, window := range []int{0, 1024} {
		c, err := checker.New(checker.Config{Window: window, Enable: []string{"spinning"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			res := c.CheckBytes([]byte(strings.Join(tt.paras, "\n\n")))
			var got []rules.Severity
			for _, f := range res.Findings {
				if f.Text == "profound learning" {
					got = append(got, f.Severity)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("%s, window %d: \"profound learning\" reported as %v, want one %v", tt.name, window, got, tt.want)
			}
		}
	}
}
