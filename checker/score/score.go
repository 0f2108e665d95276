// Package score turns a checked document's findings into an MT-likelihood
// score from 0 to 100 and guesses the language the document was translated
// from (the source-language hint). Both are explainable: Compute returns
// each rule's contribution, Hint its evidence.
//
// # The score
//
// For every rule r that fired on a document of W words (W counted as at
// least MinWords and at least the table's FullWords, F, so that a short
// text with one finding is not inflated):
//
//	density(r)      = findings of r × 1000 / max(W, F)  (per 1,000 words)
//	contribution(r) = min(weight(r) × density(r), cap(r))
//	total           = Σ contribution(r)
//	score           = round(100 × (1 − exp(−total / Scale)))
//
// weight(r) is the log of how much more often r fires on machine-translated
// text than on clean human text, per 1,000 words, measured on the dev data
// by tools/calibrate (weights.go is its output): ln((m+ε)/(h+ε)), never
// below 0, so a finding never lowers the score. density × ln(m/h) is, up to
// a constant, the Poisson log-likelihood ratio "machine" vs "human" of that
// many findings, so the total is a naive-Bayes log-odds with each term
// capped. A rule that fired too seldom in the dev data to measure keeps a
// prior weight by severity, shrunk towards the measured one as it fires
// more (see tools/calibrate). The cap keeps one noisy rule from deciding
// alone: a single rule can take a document to at most about 60. A rule the
// table does not know (a pack loaded with --pack) takes the weight of its
// category.
//
// Counting a short text as F words scores it by the evidence it holds:
// one finding in a 110-word text says little and does not score like ten
// in 1,100 words, while four findings of three rules in 40 words still
// score high. tools/calibrate chooses F: the fewest words with which the
// openings of human articles raise a high score no more often than the
// whole articles.
//
// A document with no findings, or no words, scores 0; more findings never
// lower the score, and at the same density a longer text scores at least
// as much.
package score

import (
	"math"
	"slices"
	"strings"
)

// MinWords is the fewest words densities are computed over, whatever the
// table, so that a three-word teaser with one weak finding does not score
// like a garbled article; a calibrated table raises it (Weights.FullWords).
const MinWords = 100

// Finding is what the score and the hint read of one finding.
type Finding struct {
	// Rule is the rule's ID ("idiom.time") and Category its category.
	Rule, Category string
	// Message is the finding's message; with Rule it names the pack entry
	// that fired, for the hint.
	Message string
	// Text is the flagged text, which tells some typography apart
	// ("1.500" from "1 500").
	Text string
}

// Weight is how much one rule's findings count.
type Weight struct {
	// Weight multiplies the rule's density (findings per 1,000 words).
	Weight float64
	// Cap bounds the rule's contribution to the total.
	Cap float64
	// Machine and Human are the rule's rates per 1,000 words on the
	// calibration's machine-translated and human texts.
	Machine, Human float64
	// Fired counts the rule's findings in the calibration data, machine and
	// human together; Prior says its weight is mostly the severity prior
	// because it fired too seldom to measure.
	Fired int
	Prior bool
}

// Contribution is one rule's part of a score.
type Contribution struct {
	// Rule is the rule's ID; Category its category.
	Rule, Category string
	// Count is the number of its findings, Density the count per 1,000
	// words.
	Count   int
	Density float64
	// Weight and Cap are the rule's (or, for a rule not in the table, its
	// category's).
	Weight, Cap float64
	// Value is min(Weight × Density, Cap); Capped says the cap applied.
	Value  float64
	Capped bool
}

// Breakdown is a score with what went into it.
type Breakdown struct {
	// Words is the document's word count; Basis the count densities are
	// computed over (at least MinWords and the table's FullWords).
	Words, Basis int
	// Contributions are the rules that fired, largest value first.
	Contributions []Contribution
	// Total is the sum of the contributions' values.
	Total float64
	// Score is round(100 × (1 − exp(−Total/Scale))), from 0 to 100.
	Score int
}

// Compute scores a document of the given word count with its findings,
// using the calibrated weights.
func Compute(findings []Finding, words int) Breakdown {
	return ComputeWith(Table, findings, words)
}

// Weights is a calibrated table: the weight of each rule by ID, of each
// category by name (for rules the table lacks) and the scale of the squash.
type Weights struct {
	// Rules maps rule IDs to their weights.
	Rules map[string]Weight
	// Categories maps categories to the weight of a rule of theirs that
	// Rules lacks.
	Categories map[string]Weight
	// Scale is the total that scores 63 (1 − 1/e).
	Scale float64
	// FullWords is the fewest words densities are computed over, when more
	// than MinWords: a shorter text is counted as that long (see the
	// package documentation).
	FullWords int
}

// weightOf returns the weight of rule id of category cat.
func (t *Weights) weightOf(id, cat string) Weight {
	if w, ok := t.Rules[id]; ok {
		return w
	}
	return t.Categories[cat]
}

// ComputeWith is Compute with the weights t.
func ComputeWith(t *Weights, findings []Finding, words int) Breakdown {
	b := Breakdown{Words: words, Basis: max(words, MinWords, t.FullWords)}
	if len(findings) == 0 {
		return b
	}
	idx := map[string]int{}
	for _, f := range findings {
		i, ok := idx[f.Rule]
		if !ok {
			i = len(b.Contributions)
			idx[f.Rule] = i
			w := t.weightOf(f.Rule, f.Category)
			b.Contributions = append(b.Contributions, Contribution{Rule: f.Rule, Category: f.Category, Weight: w.Weight, Cap: w.Cap})
		}
		b.Contributions[i].Count++
	}
	for i := range b.Contributions {
		c := &b.Contributions[i]
		c.Density = float64(c.Count) * 1000 / float64(b.Basis)
		c.Value = c.Weight * c.Density
		if c.Value > c.Cap {
			c.Value, c.Capped = c.Cap, true
		}
		b.Total += c.Value
	}
	slices.SortStableFunc(b.Contributions, func(x, y Contribution) int {
		switch {
		case x.Value > y.Value:
			return -1
		case x.Value < y.Value:
			return 1
		}
		return strings.Compare(x.Rule, y.Rule)
	})
	b.Score = Squash(b.Total, t.Scale)
	return b
}

// Squash maps a total to 0–100: round(100 × (1 − exp(−total/scale))).
func Squash(total, scale float64) int {
	if total <= 0 || scale <= 0 || math.IsNaN(total) {
		return 0
	}
	return int(math.Round(100 * (1 - math.Exp(-total/scale))))
}
