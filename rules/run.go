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
func Run(doc *document.Document, rs []*Rule, report func(*Rule, Diagnostic)) []error {
	var errs []error
	var buf []Diagnostic
	for _, r := range rs {
		buf = buf[:0]
		pass := &Pass{Rule: r, Doc: doc, Report: func(d Diagnostic) { buf = append(buf, d) }}
		if err := runOne(pass); err != nil {
			errs = append(errs, err)
		}
		slices.SortStableFunc(buf, func(a, b Diagnostic) int {
			if a.Span.Start != b.Span.Start {
				return a.Span.Start - b.Span.Start
			}
			return b.Span.End - a.Span.End
		})
		end := -1
		for _, d := range buf {
			if err := checkSpan(doc.Text, d.Span); err != nil {
				errs = append(errs, fmt.Errorf("rule %s: %v", r.ID, err))
				continue
			}
			if d.Span.Start < end {
				continue // overlaps the previous diagnostic of this rule
			}
			end = d.Span.End
			report(r, d)
		}
	}
	return errs
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
