// Package suggest finds the names a user probably meant when they wrote one
// that does not exist: a misspelt rule ID on the command line or in a
// configuration file, or a misspelt key of a configuration file. The command
// line and the configuration share it so that both answer the same way.
package suggest

import (
	"slices"
	"strings"

	"github.com/mtlint/mtlint/rules"
)

// Rules returns up to three rule IDs or categories that look like name:
// those that contain it, and those within a few edits of it (a rule also by
// its name without the category), closest first.
func Rules(all []*rules.Rule, name string) []string {
	var cands []cand
	limit := max(2, len(name)/3)
	add := func(id string, d int) {
		if len(name) >= 3 && strings.Contains(id, name) {
			d = min(d, 1)
		}
		if d <= limit {
			cands = append(cands, cand{id, d})
		}
	}
	for _, r := range all {
		add(r.ID, min(Distance(name, r.ID), Distance(name, r.Name())))
	}
	for _, c := range rules.Categories {
		add(string(c), Distance(name, string(c)))
	}
	return best(cands)
}

// Words returns up to three of candidates that look like name, closest
// first: those within a few edits of it, ignoring case, "-" and "_" (so that
// fail_on and failOn both find fail-on).
func Words(name string, candidates []string) []string {
	var cands []cand
	n := fold(name)
	limit := max(2, len(n)/3)
	for _, c := range candidates {
		if d := Distance(n, fold(c)); d <= limit {
			cands = append(cands, cand{c, d})
		}
	}
	return best(cands)
}

// Join lists suggestions for a message: "a", "a or b", "a, b or c".
func Join(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

type cand struct {
	name string
	dist int
}

// best returns the names of the three closest candidates, without
// duplicates, in a stable order.
func best(cands []cand) []string {
	slices.SortStableFunc(cands, func(a, b cand) int { return a.dist - b.dist })
	var out []string
	for _, c := range cands {
		if len(out) == 3 {
			break
		}
		if !slices.Contains(out, c.name) {
			out = append(out, c.name)
		}
	}
	return out
}

func fold(s string) string {
	return strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(s))
}

// Distance is the Levenshtein distance between a and b, in bytes (rule IDs
// and keys are ASCII).
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
