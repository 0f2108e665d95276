// Package testrules holds a few small rules, one of each severity and one off
// by default, for the tests of the packages that run rules without depending
// on which built-in rules exist: the report, batch and command-line tests.
// They are written like real rules (spans from tokens) but are not shipped.
package testrules

import (
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// SpaceComma flags white space before a comma (a warning, with a safe fix).
var SpaceComma = &rules.Rule{
	ID:          "punctuation.test-space-comma",
	Category:    rules.Punctuation,
	Severity:    rules.Warning,
	Doc:         "space before a comma",
	Explanation: "Machine translation from French keeps the space before punctuation.\nDelete the space.",
	Flagged:     "They met this week , with allies.",
	Unflagged:   "They met this week, with allies.",
	SafeFix:     true,
	Run: func(p *rules.Pass) {
		d := p.Doc
		for _, para := range d.Paragraphs {
			for i := para.Tokens.First + 1; i < para.Tokens.Last; i++ {
				t := d.Tokens[i]
				if t.Kind == document.Punct && d.TokenText(i) == "," && t.Has(document.SpaceBefore) && !t.Has(document.LineBefore) {
					p.Reportf(document.Span{Start: int(d.Tokens[i-1].End), End: int(t.End)}, []string{","}, "space before a comma")
				}
			}
		}
	},
}

// Doubled flags a word written twice in a row (an error, suggesting to
// delete the second).
var Doubled = &rules.Rule{
	ID:          "repetition.test-doubled",
	Category:    rules.Repetition,
	Severity:    rules.Error,
	Doc:         "a word written twice",
	Explanation: "A doubled word is a slip.\nDelete one.",
	Flagged:     "He met the the minister.",
	Unflagged:   "He met the minister.",
	Run: func(p *rules.Pass) {
		d := p.Doc
		for _, para := range d.Paragraphs {
			for i := para.Tokens.First + 1; i < para.Tokens.Last; i++ {
				a, b := d.Tokens[i-1], d.Tokens[i]
				if a.Kind == document.Word && b.Kind == document.Word && b.Has(document.SpaceBefore) &&
					strings.EqualFold(d.TokenText(i-1), d.TokenText(i)) {
					p.Reportf(document.Span{Start: int(a.End), End: int(b.End)}, rules.Delete, "%q written twice", d.TokenText(i))
				}
			}
		}
	},
}

// Commercial flags the word "commercial" (an info, without suggestions).
var Commercial = &rules.Rule{
	ID:          "idiom.test-commercial",
	Category:    rules.Idiom,
	Severity:    rules.Info,
	Doc:         `"commercial" said of a person`,
	Explanation: "A false friend of the French «commerçant».",
	Flagged:     "They will be commercial.",
	Unflagged:   "They will be businesslike.",
	Run: func(p *rules.Pass) {
		d := p.Doc
		for i := range d.Tokens {
			if d.Tokens[i].Kind == document.Word && strings.EqualFold(d.TokenText(i), "commercial") {
				p.Reportf(d.Tokens[i].Span(), nil, "%q may be a false friend", d.TokenText(i))
			}
		}
	},
}

// BosomPeril flags "bosom peril" (a warning, off by default).
var BosomPeril = &rules.Rule{
	ID:          "spinning.test-bosom-peril",
	Category:    rules.Spinning,
	Severity:    rules.Warning,
	Doc:         `"bosom peril", a spun "breast cancer"`,
	Explanation: "Synonym spinners replace each word of a fixed phrase.",
	Flagged:     "She survived bosom peril.",
	Unflagged:   "She survived breast cancer.",
	Off:         true,
	Run: func(p *rules.Pass) {
		d := p.Doc
		for i := 1; i < len(d.Tokens); i++ {
			if strings.EqualFold(d.TokenText(i-1), "bosom") && strings.EqualFold(d.TokenText(i), "peril") {
				p.Reportf(document.Span{Start: int(d.Tokens[i-1].Start), End: int(d.Tokens[i].End)}, []string{"breast cancer"}, "tortured phrase")
			}
		}
	},
}

// All are the test rules in run order.
var All = []*rules.Rule{SpaceComma, Doubled, Commercial, BosomPeril}
