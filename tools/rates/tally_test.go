package main

import (
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
)

// TestTally: the acceptance count keeps a default rule's warnings and
// errors, and leaves out infos, the layout's rules, boilerplate, spinning
// and the rules that are off by default.
func TestTally(t *testing.T) {
	for _, tc := range []struct {
		rule     string
		cat      rules.Category
		sev      rules.Severity
		counted  bool
		accepted int
	}{
		{"punctuation.space-before", rules.Punctuation, rules.Error, true, 1},
		{"idiom.time", rules.Idiom, rules.Warning, true, 1},
		{"idiom.time", rules.Idiom, rules.Info, true, 0},
		{"quotes.unbalanced", rules.Quotes, rules.Warning, true, 0},
		{"quotes.wrong-direction", rules.Quotes, rules.Error, true, 1},
		{"quotes.unbalanced-bracket", rules.Quotes, rules.Warning, true, 0},
		{"repetition.repeated-paragraph", rules.Repetition, rules.Warning, true, 0},
		{"repetition.doubled-word", rules.Repetition, rules.Error, true, 1},
		{"boilerplate.photo-credit", rules.Boilerplate, rules.Warning, true, 0},
		{"spinning.tortured", rules.Spinning, rules.Warning, true, 0},
		{"typography.ordinal", rules.Typography, rules.Warning, false, 0},
	} {
		tl := newTally()
		tl.add(checker.Finding{Rule: tc.rule, Category: tc.cat, Severity: tc.sev}, tc.counted)
		if tl.accepted != tc.accepted {
			t.Errorf("%s %s (counted %t): accepted %d, want %d", tc.rule, tc.sev, tc.counted, tl.accepted, tc.accepted)
		}
		c := tl.byRule[tc.rule]
		if loud := tc.sev >= rules.Warning; loud && c.loud != 1 || !loud && c.info != 1 {
			t.Errorf("%s %s: counted as %+v", tc.rule, tc.sev, c)
		}
	}
	a, b := newTally(), newTally()
	a.lines, b.lines = 3, 4
	a.add(checker.Finding{Rule: "idiom.time", Category: rules.Idiom, Severity: rules.Warning}, true)
	b.add(checker.Finding{Rule: "idiom.time", Category: rules.Idiom, Severity: rules.Info}, true)
	a.merge(b)
	if a.lines != 7 || a.accepted != 1 || a.byRule["idiom.time"] != (counts{loud: 1, info: 1}) {
		t.Errorf("merge: %+v", a)
	}
}
