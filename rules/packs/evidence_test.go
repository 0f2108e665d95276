package packs

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// evidenceSet compiles a spinning pack with sure (warning) and ambiguous
// (info) entries, and an idiom pack with an info entry, which document
// evidence for spinning must leave alone.
func evidenceSet(t testing.TB) *Set {
	t.Helper()
	spin := &Pack{Name: "spinning-test", Category: rules.Spinning, Severity: rules.Info, Doc: "d", Explanation: "e", Source: "spin",
		Entries: []*Entry{
			{Pattern: "counterfeit consciousness", Message: "sure", Severity: rules.Warning},
			{Pattern: "bosom peril", Message: "sure", Severity: rules.Warning},
			{Pattern: "profound learning", Message: "ambiguous"},
			{Pattern: "irregular woodland", Message: "ambiguous"},
			{Pattern: "squeeze gathering", Message: "ambiguous"},
		}}
	other := &Pack{Name: "idiom-test", Category: rules.Idiom, Severity: rules.Info, Doc: "d", Explanation: "e", Source: "idiom",
		Entries: []*Entry{{Pattern: "more early", Message: "calque"}}}
	s, err := Compile([]*Pack{spin, other})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// runWindows checks text as the checker does, window by window (max bytes a
// window, 0 for one window), holding the ambiguous diagnostics until the
// evidence of every window is merged, and renders each finding as "text
// (severity)", sorted by position.
func runWindows(s *Set, doc *document.Document, text string, max int) []string {
	doc.SetPlain([]byte(text))
	type f struct {
		at  int
		out string
	}
	var fs []f
	windows := 0
	report := func(r *rules.Rule, d rules.Diagnostic) {
		sev := r.Severity
		if d.Severity != 0 {
			sev = d.Severity
		}
		fs = append(fs, f{d.Span.Start, fmt.Sprintf("%s (%s)", doc.Text[d.Span.Start:d.Span.End], sev)})
	}
	if max == 0 {
		doc.Segment()
		rules.Run(doc, s.Rules(), report)
		windows = 1
	} else {
		var w rules.Window
		var held []rules.Held
		var evidence map[any]rules.Evidence
		for range doc.Windows(max) {
			rules.RunWindow(doc, s.Rules(), report, &w)
			held = append(held, w.Held...)
			evidence = rules.MergeEvidence(evidence, maps.Clone(w.Evidence))
			windows++
		}
		for _, h := range held {
			report(h.Rule, rules.Settle(evidence, h))
		}
	}
	slices.SortStableFunc(fs, func(a, b f) int { return a.at - b.at })
	out := make([]string, len(fs))
	for i, x := range fs {
		out[i] = x.out
	}
	return out
}

func TestSpinningEvidence(t *testing.T) {
	s := evidenceSet(t)
	const (
		amb1  = "The model relies on profound learning to rank the pages."
		amb2  = "Each irregular woodland votes on the label."
		sure  = "Progress in counterfeit consciousness has been fast."
		sure2 = "Screening for bosom peril saves lives."
		amb3  = "Reporters left the squeeze gathering early."
		idiom = "They arrived more early than planned."
	)
	tests := []struct {
		name string
		text []string
		want []string
	}{
		{"ambiguous only: info", []string{amb1, amb2},
			[]string{"profound learning (info)", "irregular woodland (info)"}},
		{"a sure phrase after: warnings", []string{amb1, amb2, sure},
			[]string{"profound learning (warning)", "irregular woodland (warning)", "counterfeit consciousness (warning)"}},
		{"a sure phrase before: warnings", []string{sure, amb1, amb2},
			[]string{"counterfeit consciousness (warning)", "profound learning (warning)", "irregular woodland (warning)"}},
		{"a sure phrase between: warnings", []string{amb1, sure2, amb2},
			[]string{"profound learning (warning)", "bosom peril (warning)", "irregular woodland (warning)"}},
		{"other categories are not promoted", []string{idiom, sure},
			[]string{"more early (info)", "counterfeit consciousness (warning)"}},
		{"sure only", []string{sure}, []string{"counterfeit consciousness (warning)"}},
		{"three distinct ambiguous phrases: warnings", []string{amb1, amb2, amb3},
			[]string{"profound learning (warning)", "irregular woodland (warning)", "squeeze gathering (warning)"}},
		{"one ambiguous phrase three times: info", []string{amb1, amb1, amb1},
			[]string{"profound learning (info)", "profound learning (info)", "profound learning (info)"}},
		{"two distinct, one repeated: info", []string{amb1, amb2, amb1},
			[]string{"profound learning (info)", "irregular woodland (info)", "profound learning (info)"}},
		{"density with an idiom beside: only spinning promoted", []string{idiom, amb3, amb2, amb1},
			[]string{"more early (info)", "squeeze gathering (warning)", "irregular woodland (warning)", "profound learning (warning)"}},
	}
	// Filler paragraphs push the phrases into different windows when the
	// document is checked in small windows.
	filler := strings.Repeat("Officials met on Tuesday to discuss the budget for the coming year. ", 20)
	doc := new(document.Document)
	for _, tt := range tests {
		for _, max := range []int{0, 64 << 10, 512, 2048} {
			var paras []string
			for _, p := range tt.text {
				paras = append(paras, filler, p)
			}
			got := runWindows(s, doc, strings.Join(paras, "\n\n"), max)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s, windows of %d bytes:\n got  %q\n want %q", tt.name, max, got, tt.want)
			}
		}
	}
}

// TestSpinningEvidenceWindows checks that the phrases of the test above do
// lie in different windows with small windows, so that the test exercises
// evidence carried from window to window.
func TestSpinningEvidenceWindows(t *testing.T) {
	filler := strings.Repeat("Officials met on Tuesday to discuss the budget for the coming year. ", 20)
	text := filler + "\n\nThe model relies on profound learning.\n\n" + filler + "\n\nProgress in counterfeit consciousness.\n"
	doc := document.NewPlain([]byte(text))
	var at []int
	for n := range doc.Windows(512) {
		for i := range doc.Tokens {
			if w := doc.TokenText(i); w == "profound" || w == "counterfeit" {
				at = append(at, n)
			}
		}
	}
	if len(at) != 2 || at[0] == at[1] {
		t.Errorf("the two phrases are in windows %v, want two different windows", at)
	}
}

// TestSpinningEvidenceReset checks that a reused document forgets the
// evidence of the previous input.
func TestSpinningEvidenceReset(t *testing.T) {
	s := evidenceSet(t)
	doc := new(document.Document)
	runWindows(s, doc, "Progress in counterfeit consciousness.\n\nThe model relies on profound learning.", 16)
	runWindows(s, doc, "The squeeze gathering.\n\nAn irregular woodland.\n\nSome profound learning.", 16)
	got := runWindows(s, doc, "The model relies on profound learning.\n\nThe weather was mild.", 16)
	if want := []string{"profound learning (info)"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("second input: got %q, want %q", got, want)
	}
}

// TestSpinningEvidenceMessage checks that a promoted finding says why it is
// a warning.
func TestSpinningEvidenceMessage(t *testing.T) {
	s := evidenceSet(t)
	d := document.NewPlain([]byte("The model relies on profound learning. Progress in Counterfeit Consciousness is fast."))
	d.Segment()
	var msgs []string
	rules.Run(d, s.Rules(), func(r *rules.Rule, diag rules.Diagnostic) {
		if diag.Severity == rules.Warning && diag.Message != "sure" {
			msgs = append(msgs, diag.Message)
		}
	})
	if len(msgs) != 1 || !strings.Contains(msgs[0], `"Counterfeit Consciousness"`) {
		t.Errorf("promoted messages %q, want one naming \"Counterfeit Consciousness\"", msgs)
	}
	d = document.NewPlain([]byte("The squeeze gathering met. An irregular woodland grew. Profound learning helped."))
	d.Segment()
	msgs = nil
	rules.Run(d, s.Rules(), func(r *rules.Rule, diag rules.Diagnostic) {
		if diag.Severity == rules.Warning {
			msgs = append(msgs, diag.Message)
		}
	})
	if len(msgs) != 3 || !strings.Contains(msgs[0], "3 or more distinct possible tortured phrases") {
		t.Errorf("density-promoted messages %q, want three naming the density", msgs)
	}
}

// TestSpinningEvidenceBuiltin checks the evidence with the built-in packs:
// an ambiguous spun phrase alone is info, and a warning beside a sure one,
// before or after it.
func TestSpinningEvidenceBuiltin(t *testing.T) {
	s, err := BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	doc := new(document.Document)
	tests := []struct {
		text string
		want []string
	}{
		{"The clinic used profound learning to sort the scans.", []string{"profound learning (info)"}},
		{"The clinic used profound learning to sort the scans.\n\nIt is a step for bosom peril screening.",
			[]string{"profound learning (warning)", "bosom peril (warning)"}},
		{"Bosom peril screening is slow.\n\nThe clinic used profound learning to sort the scans.",
			[]string{"Bosom peril (warning)", "profound learning (warning)"}},
	}
	for _, tt := range tests {
		if got := runWindows(s, doc, tt.text, 0); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q:\n got  %q\n want %q", tt.text, got, tt.want)
		}
	}
}
