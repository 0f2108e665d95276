// Package rulestest runs rules over fixture files whose expectations sit
// next to the text they test, as golang.org/x/tools/go/analysis/analysistest
// does with "// want" comments.
//
// A fixture is a plain-text document. A line of the form
//
//	// want RULE-ID "flagged text" [=> "suggestion"] [RULE-ID "text" ...]
//
// is removed from the document and says that the line above it (the nearest
// line that is not a comment) must be flagged by RULE-ID on exactly that text,
// and, when "=> …" is given, with that first suggestion. Other lines that
// start with "//" are comments and are removed too. Every line without a want
// must not be flagged by the rules under test: so a fixture lists the hardest
// negatives beside the positives. Quoted texts use Go string syntax.
package rulestest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// Expectation is one "want" of a fixture.
type Expectation struct {
	Line       int    // 1-based line of the cleaned text
	Rule       string // rule ID
	Text       string // the flagged text
	Suggestion *string
}

// Fixture is a parsed fixture file.
type Fixture struct {
	Name string
	Text string        // the document, without comment lines
	Want []Expectation // in line order
}

// Parse reads a fixture from its source.
func Parse(name, src string) (*Fixture, error) {
	f := &Fixture{Name: name}
	var out strings.Builder
	line := 0 // lines written to out
	for n, l := range strings.SplitAfter(src, "\n") {
		trimmed := strings.TrimSpace(l)
		if !strings.HasPrefix(trimmed, "//") {
			out.WriteString(l)
			if l != "" {
				line++
			}
			continue
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(trimmed, "//")), "want ")
		if !ok {
			continue
		}
		if line == 0 {
			return nil, fmt.Errorf("%s:%d: a want comment needs a line above it", name, n+1)
		}
		ws, err := parseWants(rest)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n+1, err)
		}
		for _, w := range ws {
			w.Line = line
			f.Want = append(f.Want, w)
		}
	}
	f.Text = out.String()
	return f, nil
}

func parseWants(s string) ([]Expectation, error) {
	var ws []Expectation
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		id, rest, ok := strings.Cut(s, " ")
		if !ok {
			return nil, fmt.Errorf("want %q: expected RULE-ID \"text\"", s)
		}
		text, rest, err := unquotePrefix(strings.TrimSpace(rest))
		if err != nil {
			return nil, err
		}
		w := Expectation{Rule: id, Text: text}
		rest = strings.TrimSpace(rest)
		if after, ok := strings.CutPrefix(rest, "=>"); ok {
			sug, r2, err := unquotePrefix(strings.TrimSpace(after))
			if err != nil {
				return nil, err
			}
			w.Suggestion = &sug
			rest = r2
		}
		ws = append(ws, w)
		s = rest
	}
	return ws, nil
}

func unquotePrefix(s string) (string, string, error) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", fmt.Errorf("bad quoted text in %q: %v", s, err)
	}
	v, err := strconv.Unquote(q)
	return v, s[len(q):], err
}

// Found is one diagnostic placed on its line.
type Found struct {
	Rule *rules.Rule
	Diag rules.Diagnostic
	Line int
	Text string
}

// Check runs rs over text as one document and returns every diagnostic with
// its line, failing t on any rule error.
func Check(t testing.TB, text string, rs ...*rules.Rule) []Found {
	t.Helper()
	doc := document.NewPlain([]byte(text))
	doc.Segment()
	var found []Found
	errs := rules.Run(doc, rs, func(r *rules.Rule, d rules.Diagnostic) {
		found = append(found, Found{Rule: r, Diag: d, Line: 1 + strings.Count(doc.Text[:d.Span.Start], "\n"), Text: doc.Text[d.Span.Start:d.Span.End]})
	})
	for _, err := range errs {
		t.Errorf("%v", err)
	}
	return found
}

// Run checks every *.txt fixture in dir against rs; at least one must exist.
func Run(t *testing.T, dir string, rs ...*rules.Rule) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(file, string(src))
			if err != nil {
				t.Fatal(err)
			}
			RunFixture(t, f, rs...)
		})
	}
}

// RunFixture checks one parsed fixture against rs.
func RunFixture(t *testing.T, f *Fixture, rs ...*rules.Rule) {
	t.Helper()
	found := Check(t, f.Text, rs...)
	used := make([]bool, len(found))
	for _, w := range f.Want {
		ok := false
		for i, g := range found {
			if used[i] || g.Line != w.Line || g.Rule.ID != w.Rule || g.Text != w.Text {
				continue
			}
			used[i], ok = true, true
			if w.Suggestion != nil {
				if len(g.Diag.Suggestions) == 0 || g.Diag.Suggestions[0] != *w.Suggestion {
					t.Errorf("%s:%d: %s on %q: suggestions %q, want first %q", f.Name, w.Line, w.Rule, w.Text, g.Diag.Suggestions, *w.Suggestion)
				}
			}
			break
		}
		if !ok {
			t.Errorf("%s:%d: want %s on %q, not reported%s", f.Name, w.Line, w.Rule, w.Text, onLine(found, w.Line))
		}
	}
	for i, g := range found {
		if !used[i] {
			t.Errorf("%s:%d: unexpected %s on %q: %s", f.Name, g.Line, g.Rule.ID, g.Text, g.Diag.Message)
		}
	}
}

func onLine(found []Found, line int) string {
	var s []string
	for _, g := range found {
		if g.Line == line {
			s = append(s, fmt.Sprintf("%s %q", g.Rule.ID, g.Text))
		}
	}
	if len(s) == 0 {
		return ""
	}
	return " (the line has " + strings.Join(s, ", ") + ")"
}

// Family checks what every rule family owes its users: each rule is well
// formed (Validate), belongs to category, has an ID no other rule of the
// family has, and flags its Flagged example but not its Unflagged one.
func Family(t *testing.T, category rules.Category, rs []*rules.Rule) {
	t.Helper()
	if len(rs) == 0 {
		t.Fatal("the family has no rules")
	}
	seen := map[string]bool{}
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			t.Error(err)
			continue
		}
		if r.Category != category {
			t.Errorf("%s: category %q, want %q", r.ID, r.Category, category)
		}
		if seen[r.ID] {
			t.Errorf("%s: listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Flagged == "" || r.Unflagged == "" {
			t.Errorf("%s: needs a Flagged and an Unflagged example", r.ID)
			continue
		}
		if got := Check(t, r.Flagged, r); len(got) == 0 {
			t.Errorf("%s: Flagged example %q is not flagged", r.ID, r.Flagged)
		}
		if got := Check(t, r.Unflagged, r); len(got) != 0 {
			t.Errorf("%s: Unflagged example %q is flagged on %q", r.ID, r.Unflagged, got[0].Text)
		}
	}
}

// Order checks that a family lists exactly the rules ids, in that order:
// the run order is part of the contract (findings and reports follow it), so
// a rule added, dropped or moved must show in the family's test.
func Order(t *testing.T, rs []*rules.Rule, ids ...string) {
	t.Helper()
	if len(rs) != len(ids) {
		t.Fatalf("%d rules, want %d", len(rs), len(ids))
	}
	for i, r := range rs {
		if r.ID != ids[i] {
			t.Errorf("rule %d is %s, want %s", i, r.ID, ids[i])
		}
	}
}

// Seed returns the seed article, testdata/mt-article.txt at the module root:
// the machine-translated article in which every family must find its
// artifacts.
func Seed(t testing.TB) []byte {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "testdata", "mt-article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// Want is one expected finding of a table test: the rule ID, the flagged
// text and the first suggestion.
type Want struct {
	Rule, Text, Sugg string
}

// NoSuggestion as Want.Sugg says the finding must come without a
// suggestion; "" means a suggestion to delete the text.
const NoSuggestion = "\x00none"

// Expect runs rs over text and compares their findings, in order, with
// wants.
func Expect(t *testing.T, text string, rs []*rules.Rule, wants ...Want) {
	t.Helper()
	found := Check(t, text, rs...)
	if len(found) != len(wants) {
		for _, f := range found {
			t.Logf("found %s %q %q", f.Rule.ID, f.Text, f.Diag.Suggestions)
		}
		t.Errorf("%q: %d findings, want %d", text, len(found), len(wants))
		return
	}
	for i, w := range wants {
		f := found[i]
		if f.Rule.ID != w.Rule || f.Text != w.Text {
			t.Errorf("%q: finding %d is %s %q, want %s %q", text, i, f.Rule.ID, f.Text, w.Rule, w.Text)
			continue
		}
		switch {
		case w.Sugg == NoSuggestion && len(f.Diag.Suggestions) != 0:
			t.Errorf("%q: %s %q suggests %q, want no suggestion", text, w.Rule, w.Text, f.Diag.Suggestions)
		case w.Sugg != NoSuggestion && (len(f.Diag.Suggestions) == 0 || f.Diag.Suggestions[0] != w.Sugg):
			t.Errorf("%q: %s %q suggests %q, want first %q", text, w.Rule, w.Text, f.Diag.Suggestions, w.Sugg)
		}
	}
}
