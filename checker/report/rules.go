package report

import (
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/rates"
)

// RuleInfo is a rule as `mtlint rules --format json` and mtlint serve's
// /api/v1/rules describe it.
type RuleInfo struct {
	ID          string         `json:"id"`
	Category    rules.Category `json:"category"`
	Severity    rules.Severity `json:"severity"`
	Default     bool           `json:"default"`
	SafeFix     bool           `json:"safe_fix"`
	Doc         string         `json:"doc"`
	Explanation string         `json:"explanation"`
	Flagged     string         `json:"flagged"`
	Unflagged   string         `json:"unflagged"`
	// Rates are how often the rule fired on measured text (package
	// rates); absent for a rule that was not measured.
	Rates *rates.Rates `json:"rates,omitempty"`
}

// RuleInfos describes rules, in their order; never nil, so that JSON shows
// an empty list as [].
func RuleInfos(rs []*rules.Rule) []RuleInfo {
	out := make([]RuleInfo, 0, len(rs))
	for _, r := range rs {
		out = append(out, RuleInfo{
			ID: r.ID, Category: r.Category, Severity: r.Severity, Default: !r.Off, SafeFix: r.SafeFix,
			Doc: r.Doc, Explanation: r.Explanation, Flagged: r.Flagged, Unflagged: r.Unflagged,
			Rates: rates.Lookup(r.ID),
		})
	}
	return out
}
