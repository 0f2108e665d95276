// Package builtin lists the rules that mtlint ships, in their fixed run
// order, the way a go/analysis multichecker lists its analyzers.
package builtin

import (
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/boilerplate"
	"github.com/mtlint/mtlint/rules/punctuation"
	"github.com/mtlint/mtlint/rules/quotes"
	"github.com/mtlint/mtlint/rules/repetition"
)

// Rules returns every built-in rule in run order: structural families first
// (punctuation, quotes, repetition, boilerplate). The slice is new on each
// call; the rules are shared and must not be modified.
func Rules() []*rules.Rule {
	var all []*rules.Rule
	for _, family := range [][]*rules.Rule{
		punctuation.Rules,
		quotes.Rules,
		repetition.Rules,
		boilerplate.Rules,
	} {
		all = append(all, family...)
	}
	return all
}
