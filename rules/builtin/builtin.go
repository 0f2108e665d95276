// Package builtin lists the rules that mtlint ships, in their fixed run
// order, the way a go/analysis multichecker lists its analyzers.
package builtin

import (
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/boilerplate"
	"github.com/mtlint/mtlint/rules/grammar"
	"github.com/mtlint/mtlint/rules/language"
	"github.com/mtlint/mtlint/rules/packs"
	"github.com/mtlint/mtlint/rules/punctuation"
	"github.com/mtlint/mtlint/rules/quotes"
	"github.com/mtlint/mtlint/rules/repetition"
	"github.com/mtlint/mtlint/rules/typography"
)

// Structural returns the rules written in Go, in run order: punctuation,
// quotes, repetition, boilerplate, typography, language, grammar.
func Structural() []*rules.Rule {
	var all []*rules.Rule
	for _, family := range [][]*rules.Rule{
		punctuation.Rules,
		quotes.Rules,
		repetition.Rules,
		boilerplate.Rules,
		typography.Rules,
		language.Rules,
		grammar.Rules,
	} {
		all = append(all, family...)
	}
	return all
}

// Rules returns every built-in rule in run order: the structural families,
// then one rule a built-in phrase pack. The slice is new on each call; the
// rules are shared and must not be modified.
func Rules() []*rules.Rule {
	return append(Structural(), packs.BuiltinRules()...)
}

// WithPacks returns the built-in rules with extra packs compiled into the
// same phrase matcher as the built-in ones, their rules after them.
func WithPacks(extra []*packs.Pack) ([]*rules.Rule, error) {
	builtin, err := packs.BuiltinSet()
	if err != nil {
		return nil, err
	}
	set, err := builtin.With(extra)
	if err != nil {
		return nil, err
	}
	return append(Structural(), set.Rules()...), nil
}
