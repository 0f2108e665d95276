package rules

import (
	"fmt"
	"runtime/debug"
	"slices"

	"github.com/mtlint/mtlint/checker/document"
)

// Run runs each rule, in the order given, over the current window of doc and
// calls report for every diagnostic, in text order within each rule. Of the
// diagnostics of one rule that overlap, only the first (the earliest, then the
// longest) is kept. A diagnostic whose span lies outside the text or splits a
// UTF-8 sequence is a bug in its rule, and so is a panic: Run reports either
// as an error and goes on with the next rule.
//
// Run takes the window for the whole document: the diagnostics that rules
// hold (Pass.Hold) are settled with the evidence of this window alone. A
// caller that checks a document in several windows uses RunWindow.
func Run(doc *document.Document, rs []*Rule, report func(*Rule, Diagnostic)) []error {
	var w Window
	errs := RunWindow(doc, rs, report, &w)
	for _, h := range w.Held {
		report(h.Rule, Settle(w.Evidence, h))
	}
	return errs
}

// Window is what RunWindow gathers in one window besides the reported
// diagnostics: the evidence and the held diagnostics (see Evidence).
type Window struct {
	// Evidence is the evidence gathered in the window, by key.
	Evidence map[any]Evidence
	// Held are the diagnostics held in the window, in the order of report.
	Held []Held
}

// Held is a diagnostic held until the document's evidence is known.
type Held struct {
	Rule *Rule
	// Key names the evidence that settles it.
	Key any
	Diagnostic
}

// RunWindow is Run for one window of a document cut in several: the
// evidence and the held diagnostics go to w, to be settled by the caller
// once every window is checked (MergeEvidence). w's slices are reused.
func RunWindow(doc *document.Document, rs []*Rule, report func(*Rule, Diagnostic), w *Window) []error {
	clear(w.Evidence)
	w.Held = w.Held[:0]
	var errs []error
	var buf []Held // what the rule reported (Key nil) and held, in its order
	pass := &Pass{Doc: doc,
		Report: func(d Diagnostic) { buf = append(buf, Held{Diagnostic: d}) },
		Hold:   func(key any, d Diagnostic) { buf = append(buf, Held{Key: key, Diagnostic: d}) },
		Gather: func(key any, ev Evidence) {
			if w.Evidence == nil {
				w.Evidence = make(map[any]Evidence)
			}
			if _, ok := w.Evidence[key]; !ok {
				w.Evidence[key] = ev
			}
		},
	}
	for _, r := range rs {
		buf = buf[:0]
		pass.Rule = r
		if err := runOne(pass); err != nil {
			errs = append(errs, err)
		}
		slices.SortStableFunc(buf, func(a, b Held) int {
			if a.Span.Start != b.Span.Start {
				return a.Span.Start - b.Span.Start
			}
			return b.Span.End - a.Span.End
		})
		end := -1
		for _, h := range buf {
			if err := checkSpan(doc.Text, h.Span); err != nil {
				errs = append(errs, fmt.Errorf("rule %s: %v", r.ID, err))
				continue
			}
			if h.Span.Start < end {
				continue // overlaps the previous diagnostic of this rule
			}
			end = h.Span.End
			if h.Key != nil {
				h.Rule = r
				w.Held = append(w.Held, h)
			} else {
				report(r, h.Diagnostic)
			}
		}
	}
	return errs
}

// Settle returns h's diagnostic as the evidence under its key decides it, or
// unchanged when none was gathered.
func Settle(evidence map[any]Evidence, h Held) Diagnostic {
	if ev := evidence[h.Key]; ev != nil {
		return ev.Settle(h.Diagnostic)
	}
	return h.Diagnostic
}

// MergeEvidence merges the evidence of the next window into all, the
// evidence of the windows before it, key by key (see Evidence), and returns
// all, made when nil.
func MergeEvidence(all, next map[any]Evidence) map[any]Evidence {
	if len(next) == 0 {
		return all
	}
	if all == nil {
		all = make(map[any]Evidence, len(next))
	}
	for k, ev := range next {
		if prev, ok := all[k]; ok {
			all[k] = prev.Merge(ev)
		} else {
			all[k] = ev
		}
	}
	return all
}

func runOne(pass *Pass) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if _, fault := p.(interface{ Addr() uintptr }); fault {
				panic(p) // a memory fault is the input's (a mapped file shrank), not the rule's
			}
			err = fmt.Errorf("rule %s panicked: %v\n%s", pass.Rule.ID, p, debug.Stack())
		}
	}()
	pass.Rule.Run(pass)
	return nil
}

func checkSpan(text string, s document.Span) error {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return fmt.Errorf("span %d-%d outside the text (%d bytes)", s.Start, s.End, len(text))
	}
	if !boundary(text, s.Start) || !boundary(text, s.End) {
		return fmt.Errorf("span %d-%d splits a UTF-8 sequence", s.Start, s.End)
	}
	return nil
}

func boundary(text string, i int) bool {
	return i == len(text) || text[i] < 0x80 || text[i] >= 0xC0
}
