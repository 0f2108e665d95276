package packs

import (
	"fmt"
	"slices"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// Document evidence for spinning. A synonym spinner rewrites a whole
// document, so one sure tortured phrase ("counterfeit consciousness", an
// entry of a spinning pack at warning severity) makes the ambiguous ones in
// the same document likely too: an info entry of a spinning pack ("profound
// learning") is reported as a warning once the document holds a sure one,
// wherever it stands, before or after.
//
// The checker runs the rules window by window, perhaps on several cores at
// once, and a sure phrase may come in a later window than an ambiguous one.
// The matcher runs once a window, as always; each spinning rule holds its
// ambiguous diagnostics (rules.Pass.Hold) and gathers the window's evidence
// (Pass.Gather): its first sure phrase and the distinct ambiguous entries
// before it. Once every window is checked, the checker merges the evidence
// in text order and settles the held diagnostics: warnings if the document
// has a sure phrase, info otherwise. The findings are thus those of a
// single pass over the whole document, however it is cut into windows.
//
// Density is evidence too (the taxonomy's spin.density): a document with
// DensityThreshold distinct ambiguous phrases (distinct entries) has its
// ambiguous findings promoted even without a sure phrase. Clean text seldom
// holds even one: the generated entries are absent from the clean corpora
// by construction, and on the TED talks of mqm-ted-zhen, which no pack was
// built from, no reference and no MT output holds two (spingen -recall
// reports the counts on the BBC articles and the held-out WMT references).

// DensityThreshold is the number of distinct ambiguous spinning phrases that
// makes a document's ambiguous findings warnings.
const DensityThreshold = 3

// spinClass says what an entry is to the document-level evidence.
type spinClass uint8

const (
	spinNone      spinClass = iota // not a spinning entry
	spinAmbiguous                  // a spinning entry at info severity: promoted by evidence
	spinSure                       // a spinning entry at warning or error severity: evidence
)

// classify returns the spin class of entry e of pack p.
func classify(p *Pack, e *Entry) spinClass {
	if p.Category != rules.Spinning {
		return spinNone
	}
	if p.EntrySeverity(e) >= rules.Warning {
		return spinSure
	}
	return spinAmbiguous
}

// spinEvidence is the spinning evidence of one window, or, merged, of the
// windows up to one (rules.Evidence).
type spinEvidence struct {
	// sure is the text of the first sure tortured phrase, "" while there
	// is none.
	sure string
	// distinct holds the distinct ambiguous entries found before the
	// first sure phrase, in text order, in one window; merged, until
	// there are DensityThreshold of them.
	distinct []int32
}

// evidenceKey keys the set's evidence in the memo of each window and in the
// evidence the checker gathers.
type evidenceKey struct{ s *Set }

// evidence returns the spinning evidence of the current window of doc,
// computed once a window from the window's matches.
func (s *Set) evidence(doc *document.Document) *spinEvidence {
	return doc.Memo(evidenceKey{s}, func() any {
		ev := new(spinEvidence)
		for _, m := range s.matches(doc) {
			switch s.entries[m.Entry].spin {
			case spinSure:
				ev.sure = doc.Text[doc.Tokens[m.First].Start:doc.Tokens[m.Last-1].End]
				return ev
			case spinAmbiguous:
				if !slices.Contains(ev.distinct, m.Entry) {
					ev.distinct = append(ev.distinct, m.Entry)
				}
			}
		}
		return ev
	}).(*spinEvidence)
}

// promoted reports whether the document's ambiguous findings are warnings:
// it has a sure phrase, or DensityThreshold distinct ambiguous ones.
func (ev *spinEvidence) promoted() bool {
	return ev.sure != "" || len(ev.distinct) >= DensityThreshold
}

// Merge folds the evidence of the next window into that of the windows
// before it, as one pass over the text would meet it: the ambiguous
// phrases of next in order until the density threshold, then its sure
// phrase. The first reason to promote is the one the messages give.
func (ev *spinEvidence) Merge(next rules.Evidence) rules.Evidence {
	if ev.promoted() {
		return ev
	}
	n := next.(*spinEvidence)
	out := &spinEvidence{distinct: slices.Clone(ev.distinct)}
	for _, e := range n.distinct {
		if !slices.Contains(out.distinct, e) {
			out.distinct = append(out.distinct, e)
			if out.promoted() {
				return out
			}
		}
	}
	out.sure = n.sure
	return out
}

// Settle makes an ambiguous spinning diagnostic a warning when the
// document is promoted, saying which sure phrase of the document, or how
// many ambiguous ones, made it one; otherwise it stays as the pack says.
func (ev *spinEvidence) Settle(d rules.Diagnostic) rules.Diagnostic {
	if !ev.promoted() {
		return d
	}
	d.Severity = rules.Warning
	if ev.sure != "" {
		d.Message += " (a warning: the document also has the tortured phrase \"" + ev.sure + "\")"
	} else {
		d.Message += fmt.Sprintf(" (a warning: the document has %d or more distinct possible tortured phrases)", DensityThreshold)
	}
	return d
}
