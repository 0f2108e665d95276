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
// The checker runs the rules window by window, and a sure phrase may come in
// a later window than an ambiguous one. The matcher runs once a window, as
// always; each spinning rule holds its ambiguous diagnostics back until the
// evidence is known, in per-document state that lives in the document's
// scratch space: as soon as a sure phrase is found they are reported as
// warnings, and in the last window those still held are reported as info.
// The findings are thus those of a single pass over the whole document,
// however it is cut into windows.
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

// spinState is the evidence gathered in the windows of one document so far.
type spinState struct {
	// sure is the text of the first sure tortured phrase found, "" while
	// there is none.
	sure string
	// distinct holds the distinct ambiguous entries found so far, until
	// there are DensityThreshold of them.
	distinct []int32
	// pending holds, by pack, the ambiguous diagnostics of the windows seen
	// so far, until the evidence is known.
	pending [][]rules.Diagnostic
}

// evidenceKey keys the set's spinState in a document's scratch space and its
// update in the memo of each window.
type evidenceKey struct{ s *Set }

// evidence returns the spinning evidence of doc up to and including the
// current window. It is updated once a window, from the window's matches,
// and reset at the first window of a document.
func (s *Set) evidence(doc *document.Document) *spinState {
	return doc.Memo(evidenceKey{s}, func() any {
		st := doc.Scratch(evidenceKey{s}, func() any { return new(spinState) }).(*spinState)
		if doc.Window.Start == 0 { // a new document (documents are reused)
			st.sure = ""
			st.distinct = st.distinct[:0]
			if len(st.pending) != len(s.packs) {
				st.pending = make([][]rules.Diagnostic, len(s.packs))
			}
			for i := range st.pending {
				clear(st.pending[i])
				st.pending[i] = st.pending[i][:0]
			}
		}
		for _, m := range s.matches(doc) {
			if st.promoted() {
				break
			}
			switch s.entries[m.Entry].spin {
			case spinSure:
				st.sure = doc.Text[doc.Tokens[m.First].Start:doc.Tokens[m.Last-1].End]
			case spinAmbiguous:
				if !slices.Contains(st.distinct, m.Entry) {
					st.distinct = append(st.distinct, m.Entry)
				}
			}
		}
		return st
	}).(*spinState)
}

// promoted reports whether the document's ambiguous findings are warnings:
// it has a sure phrase, or DensityThreshold distinct ambiguous ones.
func (st *spinState) promoted() bool {
	return st.sure != "" || len(st.distinct) >= DensityThreshold
}

// promote makes an ambiguous spinning diagnostic a warning, saying which sure
// phrase of the document, or how many ambiguous ones, made it one.
func promote(d rules.Diagnostic, st *spinState) rules.Diagnostic {
	d.Severity = rules.Warning
	if st.sure != "" {
		d.Message += " (a warning: the document also has the tortured phrase \"" + st.sure + "\")"
	} else {
		d.Message += fmt.Sprintf(" (a warning: the document has %d or more distinct possible tortured phrases)", DensityThreshold)
	}
	return d
}

// reportSpinning reports the diagnostics of pack pi's ambiguous entries in
// the current window (amb) and those held from earlier windows, as warnings
// once the document has a sure tortured phrase or DensityThreshold distinct
// ambiguous ones, as info in its last window if it has neither, and
// otherwise holds them.
func (s *Set) reportSpinning(pass *rules.Pass, pi int, amb []rules.Diagnostic) {
	doc := pass.Doc
	st := s.evidence(doc)
	last := doc.Window.End >= len(doc.Text)
	if !st.promoted() && !last {
		st.pending[pi] = append(st.pending[pi], amb...)
		return
	}
	for _, list := range [][]rules.Diagnostic{st.pending[pi], amb} {
		for _, d := range list {
			if st.promoted() {
				d = promote(d, st)
			}
			pass.Report(d)
		}
	}
	clear(st.pending[pi])
	st.pending[pi] = st.pending[pi][:0]
}
