package packs

import (
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules/rulestest"
)

// TestSuggestionsInflect: a suggestion takes the form of the verb it
// replaces.
func TestSuggestionsInflect(t *testing.T) {
	s, err := BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"She will make a walk in the park.", "take a walk"},
		{"She made a walk in the park.", "took a walk"},
		{"She has made a walk in the park.", "taken a walk"},
		{"She makes a walk every day.", "takes a walk"},
		{"She was making a walk in the park.", "taking a walk"},
		{"Making a walk in the park is good.", "Taking a walk"},
		{"They will assist at the summit in June.", "attend the summit"},
		{"They assisted at the summit in June.", "attended the summit"},
		{"The book will treat about money.", "be about"},
		{"These books treat about money.", "are about"},
		{"The book treats about money.", "is about"},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range rulestest.Check(t, tt.text, s.Rules()...) {
			got = append(got, f.Diag.Suggestions...)
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("%q: suggestions %q, want %q among them", tt.text, got, tt.want)
		}
	}
}

// TestEveryVerbEntryInflects runs the flagged examples of every built-in
// entry whose pattern starts with the forms of a verb through each form the
// element admits, and checks that each suggestion starting with a verb
// takes that form. A suggestion that starts with a word ending in -ed that
// the lexicon does not know fails too: its verb must be added.
func TestEveryVerbEntryInflects(t *testing.T) {
	s, err := BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	entries, runs := 0, 0
	for ci := range s.entries {
		c := &s.entries[ci]
		e := c.elems[0]
		if e.kind != elemWords || len(e.words) < 2 || s.packs[c.pack].Category == "spinning" {
			continue
		}
		counted := false
		for _, ex := range c.entry.Examples.Flagged {
			d := document.NewPlain([]byte(ex))
			d.Segment()
			var m *Match
			for _, x := range s.Find(d) {
				if x.Entry == int32(ci) {
					m = &x
					break
				}
			}
			if m == nil {
				continue
			}
			prev := ""
			if m.First > 0 {
				prev = fold(d.TokenText(m.First - 1))
			}
			if _, ok := matchedForm(fold(d.TokenText(m.First)), e.words, prev); !ok {
				continue
			}
			if !counted {
				counted = true
				entries++
			}
			start, end := d.Tokens[m.First].Start, d.Tokens[m.First].End
			for _, w := range e.words {
				text := ex[:start] + w + ex[end:]
				d2 := document.NewPlain([]byte(text))
				d2.Segment()
				for _, x := range s.Find(d2) {
					if x.Entry != int32(ci) {
						continue
					}
					f, ok := matchedForm(fold(w), e.words, prev)
					if !ok {
						continue // another verb's form in the same element
					}
					runs++
					for k, sg := range s.inflectSuggestions(d2, x, s.suggestions(d2, x)) {
						if strings.HasPrefix(c.entry.Suggest[min(k, len(c.entry.Suggest)-1)], "{") {
							continue
						}
						lead := strings.ToLower(strings.Fields(sg)[0])
						v, known := verbOf[lead]
						switch {
						case known && v.form(f) != lead && !(f == formPP && v.past == v.pp):
							t.Errorf("%s: %q: suggestion %q, want %s in form %d", c.entry.Pattern, text, sg, v.base, f)
						case !known && strings.HasSuffix(lead, "ed"):
							t.Errorf("%s: suggestion %q starts with a verb the lexicon lacks (%q)", c.entry.Pattern, sg, lead)
						}
					}
				}
			}
		}
	}
	t.Logf("%d entries, %d forms checked", entries, runs)
	if entries < 100 {
		t.Errorf("only %d entries start with a verb", entries)
	}
}
