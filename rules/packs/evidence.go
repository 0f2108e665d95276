package packs

import (
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
			if len(st.pending) != len(s.packs) {
				st.pending = make([][]rules.Diagnostic, len(s.packs))
			}
			for i := range st.pending {
				clear(st.pending[i])
				st.pending[i] = st.pending[i][:0]
			}
		}
		if st.sure == "" {
			for _, m := range s.matches(doc) {
				if s.entries[m.Entry].spin == spinSure {
					st.sure = doc.Text[doc.Tokens[m.First].Start:doc.Tokens[m.Last-1].End]
					break
				}
			}
		}
		return st
	}).(*spinState)
}

// promote makes an ambiguous spinning diagnostic a warning, saying which sure
// phrase of the document made it one.
func promote(d rules.Diagnostic, sure string) rules.Diagnostic {
	d.Severity = rules.Warning
	d.Message += " (a warning: the document also has the tortured phrase \"" + sure + "\")"
	return d
}

// reportSpinning reports the diagnostics of pack pi's ambiguous entries in
// the current window (amb) and those held from earlier windows, as warnings
// once the document has a sure tortured phrase, as info in its last window
// if it has none, and otherwise holds them.
func (s *Set) reportSpinning(pass *rules.Pass, pi int, amb []rules.Diagnostic) {
	doc := pass.Doc
	st := s.evidence(doc)
	last := doc.Window.End >= len(doc.Text)
	if st.sure == "" && !last {
		st.pending[pi] = append(st.pending[pi], amb...)
		return
	}
	for _, list := range [][]rules.Diagnostic{st.pending[pi], amb} {
		for _, d := range list {
			if st.sure != "" {
				d = promote(d, st.sure)
			}
			pass.Report(d)
		}
	}
	clear(st.pending[pi])
	st.pending[pi] = st.pending[pi][:0]
}
