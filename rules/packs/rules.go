package packs

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// Rules returns one rule a pack, in the order of the packs. The rules share
// one pass of the matcher over each window of a document.
func (s *Set) Rules() []*rules.Rule { return slices.Clone(s.rules) }

// matches returns the set's matches in the current window of doc, finding
// them on the first call for the window.
func (s *Set) matches(doc *document.Document) []Match {
	return doc.Memo(s, func() any { return s.Find(doc) }).([]Match)
}

// rule builds the rule of pack pi.
func (s *Set) rule(pi int) *rules.Rule {
	r := s.ruleInfo(pi)
	s.setRun(r, pi)
	return r
}

// ruleInfo describes the rule of pack pi, all but its Run: what the
// compiled form of a set keeps of its rules (compiled.go).
func (s *Set) ruleInfo(pi int) *rules.Rule {
	p := s.packs[pi]
	r := &rules.Rule{
		ID:          p.ID(),
		Category:    p.Category,
		Severity:    p.Severity,
		Doc:         fmt.Sprintf("%s (%s)", p.Doc, plural(len(p.Entries), "entry", "entries")),
		Explanation: strings.TrimSpace(p.Explanation) + "\n\n" + Summary(p),
		SafeFix:     p.SafeFix,
	}
	// The rule's examples are those of its first entry whose flagged
	// example the pack flags and whose unflagged one no entry of the pack
	// flags, so that `mtlint explain` shows both working.
	for _, e := range p.Entries {
		if len(e.Examples.Flagged) > 0 && len(e.Examples.Unflagged) > 0 &&
			s.packFires(pi, e.Examples.Flagged[0]) && !s.packFires(pi, e.Examples.Unflagged[0]) {
			r.Flagged, r.Unflagged = e.Examples.Flagged[0], e.Examples.Unflagged[0]
			break
		}
	}
	return r
}

// setRun sets the Run of r, the rule of pack pi.
func (s *Set) setRun(r *rules.Rule, pi int) {
	// A spinning pack with ambiguous entries reports them through the
	// document-level evidence (evidence.go).
	spinning := false
	for _, c := range s.entries {
		if s.packs[pi].Category != rules.Spinning {
			break // no ambiguous entries (classify)
		}
		if int(c.pack) == pi && c.spin == spinAmbiguous {
			spinning = true
			break
		}
	}
	msgs := &messages{}
	r.Run = func(pass *rules.Pass) {
		doc := pass.Doc
		for _, m := range s.matches(doc) {
			c := &s.entries[m.Entry]
			if int(c.pack) != pi {
				continue
			}
			d := rules.Diagnostic{
				Span:        document.Span{Start: int(doc.Tokens[m.First].Start), End: int(doc.Tokens[m.Last-1].End)},
				Message:     s.messageFor(msgs, doc, m),
				Suggestions: s.inflectSuggestions(doc, m, s.suggestions(doc, m)),
				Severity:    s.entry(m.Entry).Severity,
			}
			if c.spin == spinAmbiguous {
				pass.Hold(evidenceKey{s}, d)
				continue
			}
			pass.Report(d)
		}
		if spinning {
			pass.Gather(evidenceKey{s}, s.evidence(doc))
		}
	}
}

// packFires reports whether an entry of pack pi matches text.
func (s *Set) packFires(pi int, text string) bool {
	d := document.NewPlain([]byte(text))
	d.Segment()
	for _, m := range s.Find(d) {
		if int(s.entries[m.Entry].pack) == pi {
			return true
		}
	}
	return false
}

// Summary describes a pack's entries for `mtlint explain`: how many, from
// which source languages, at which severities, and the first few.
func Summary(p *Pack) string {
	sevs := map[rules.Severity]int{}
	for _, e := range p.Entries {
		sevs[p.EntrySeverity(e)]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Pack %s (%s): %s", p.Name, p.Source, plural(len(p.Entries), "entry", "entries"))
	var parts []string
	for _, sev := range []rules.Severity{rules.Error, rules.Warning, rules.Info} {
		if sevs[sev] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", sevs[sev], sev))
		}
	}
	fmt.Fprintf(&b, " (%s).", strings.Join(parts, ", "))
	if langs := p.Languages(); len(langs) > 0 {
		fmt.Fprintf(&b, "\nSource languages: %s.", CountList(langs))
	}
	b.WriteString("\nEntries:")
	const shown = 12
	for i, e := range p.Entries {
		if i == shown {
			fmt.Fprintf(&b, "\n  … and %d more (see %s)", len(p.Entries)-shown, p.Source)
			break
		}
		sugg := ""
		if len(e.Suggest) > 0 {
			sugg = " → " + strings.Join(e.Suggest, " | ")
		}
		fmt.Fprintf(&b, "\n  %s%s", e.Pattern, sugg)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

var (
	builtinOnce sync.Once
	builtinSet  *Set
	builtinErr  error
)

// BuiltinSet returns the compiled built-in packs, decoded once from the
// form that `go generate` compiled them to (compiled.go).
func BuiltinSet() (*Set, error) {
	builtinOnce.Do(func() {
		builtinSet, builtinErr = decodeBuiltin()
	})
	return builtinSet, builtinErr
}

// BuiltinRules returns the rules of the built-in packs. The packs are
// embedded and tested, so an error here is a bug: it panics.
func BuiltinRules() []*rules.Rule {
	s, err := BuiltinSet()
	if err != nil {
		panic("mtlint: built-in phrase packs: " + err.Error())
	}
	return s.Rules()
}

// PackInfo counts a pack's entries, in all and by source language.
type PackInfo struct {
	ID        string         `json:"id"`
	Source    string         `json:"source"`
	Entries   int            `json:"entries"`
	Languages map[string]int `json:"languages"`
}

// Overview counts the entries of each pack of the set and, over all packs,
// by source language.
func (s *Set) Overview() (per []PackInfo, byLang map[string]int) {
	s.ensureAll()
	byLang = map[string]int{}
	for _, p := range s.packs {
		info := PackInfo{ID: p.ID(), Source: p.Source, Entries: len(p.Entries), Languages: p.Languages()}
		for l, n := range info.Languages {
			byLang[l] += n
		}
		per = append(per, info)
	}
	return per, byLang
}

// Languages counts the pack's entries by the source languages they betray.
func (p *Pack) Languages() map[string]int {
	m := map[string]int{}
	for _, e := range p.Entries {
		for _, l := range e.Lang {
			m[l]++
		}
	}
	return m
}

// CountList writes counts as "es 604, fr 566, …": largest first, then by
// name.
func CountList(counts map[string]int) string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, counts[k])
	}
	return strings.Join(parts, ", ")
}
