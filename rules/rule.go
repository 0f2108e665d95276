// Package rules defines what a rule is — a name, a category, a default
// severity, documentation and a run function over a document — in the manner
// of golang.org/x/tools/go/analysis, and holds the rule families that mtlint
// ships in its sub-packages. A rule reports Diagnostics with byte spans of the
// document's text that it takes from the tokenizer, never from searching the
// text again.
package rules

import (
	"fmt"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
)

// Rule is one check. Rules are plain values, so a program can build its own
// set; the built-in ones live in the family packages and are listed, in their
// fixed run order, by package builtin.
type Rule struct {
	// ID is "category.name" in kebab case, stable once released.
	ID string
	// Category is one of the fixed Categories.
	Category Category
	// Severity is the rule's default severity.
	Severity Severity
	// Doc is one line saying what the rule flags.
	Doc string
	// Explanation says why the artifact appears and what to do about it.
	Explanation string
	// Flagged is an example the rule flags, Unflagged a similar one it does
	// not; both are checked by the tests.
	Flagged, Unflagged string
	// SafeFix says that a single suggestion of this rule can be applied
	// without a human looking at it.
	SafeFix bool
	// Off keeps the rule out of the default set: it runs only when enabled by
	// its ID or its category.
	Off bool
	// Run inspects pass.Doc and reports what it finds through pass.Report.
	Run func(pass *Pass)
}

// Name returns the part of the ID after the category.
func (r *Rule) Name() string {
	return strings.TrimPrefix(r.ID, string(r.Category)+".")
}

// Validate checks that the rule is well formed: an ID of the form
// category.name in kebab case, a known category, a doc line and a run
// function.
func (r *Rule) Validate() error {
	if !r.Category.Valid() {
		return fmt.Errorf("rule %q: unknown category %q", r.ID, r.Category)
	}
	name, ok := strings.CutPrefix(r.ID, string(r.Category)+".")
	if !ok || !isKebab(name) {
		return fmt.Errorf("rule %q: ID must be %s.<kebab-case-name>", r.ID, r.Category)
	}
	if r.Doc == "" || r.Explanation == "" || r.Run == nil {
		return fmt.Errorf("rule %q: needs Doc, Explanation and Run", r.ID)
	}
	if r.Severity < Info || r.Severity > Error {
		return fmt.Errorf("rule %q: invalid severity %d", r.ID, r.Severity)
	}
	return nil
}

func isKebab(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && s[i-1] != '-') {
			return false
		}
	}
	return true
}

// Diagnostic is one finding of one rule, in text offsets of the document.
type Diagnostic struct {
	// Span is what is flagged, in bytes of Document.Text.
	Span document.Span
	// Message says what is wrong, in a short phrase.
	Message string
	// Suggestions are replacements for the text under Span, best first; an
	// empty string suggests deleting it.
	Suggestions []string
	// Severity overrides the rule's default severity for this diagnostic
	// when set: a phrase pack is one rule whose entries differ in weight.
	Severity Severity
}

// Pass is what a rule's run function receives: the document (segmented for
// the current window) and the way to report.
type Pass struct {
	// Rule is the rule being run.
	Rule *Rule
	// Doc is the document, segmented for the current window.
	Doc *document.Document
	// Report records a diagnostic.
	Report func(Diagnostic)
	// Gather records what the current window tells of the whole document
	// under key (see Evidence): a rule whose diagnostics depend on other
	// windows calls it in every window, even one with nothing to hold.
	// Calls after the first for a key in a window are ignored.
	Gather func(key any, ev Evidence)
	// Hold records a diagnostic whose final form depends on the whole
	// document: it is settled, once every window is checked, by the
	// Evidence gathered under key in all of them.
	Hold func(key any, d Diagnostic)
}

// Evidence is what one window tells about the whole document, for the
// diagnostics that a rule holds until every window is checked (Pass.Hold):
// the spinning packs promote an ambiguous tortured phrase to a warning when
// the document holds a sure one anywhere. Windows may be checked on several
// cores and in any order; the checker merges their evidence in text order
// and settles the held diagnostics with the result, so that the findings
// are those of one pass over the whole text however it is cut.
type Evidence interface {
	// Merge returns the evidence of the windows up to and including the
	// one of next, this being that of the windows before it.
	Merge(next Evidence) Evidence
	// Settle returns d as the evidence of the whole document decides it.
	Settle(d Diagnostic) Diagnostic
}

// Reportf reports a diagnostic on span with the given suggestions.
func (p *Pass) Reportf(span document.Span, suggestions []string, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	p.Report(Diagnostic{Span: span, Message: msg, Suggestions: suggestions})
}

// Delete is the suggestion list that proposes removing the flagged text.
var Delete = []string{""}
