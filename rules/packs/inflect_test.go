package packs

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
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
		// A verb after an adverb.
		{"Officials deeply grasped the spirit of the plenum.", "understood the spirit"},
		{"Officials must deeply grasp the spirit of the plenum.", "understand the spirit"},
		{"Officials are deeply grasping the spirit of the plenum.", "understanding the spirit"},
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
// entry whose pattern starts with the forms of a verb (or with an adverb and
// them) through each form the element admits, and checks that each suggestion starting with a verb
// takes that form. A suggestion that starts with a word ending in -ed that
// the lexicon does not know fails too: its verb must be added.
func TestEveryVerbEntryInflects(t *testing.T) {
	s, err := BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	s.ensureAll() // the entries are read here, not through s.entry
	// With WordNet installed (.ci/run installs it), a suggestion's lead
	// word that WordNet knows as a verb must be in the lexicon, or listed
	// here as used as another part of speech.
	wn := wordNetVerbs(t, "/usr/share/wordnet")
	notVerb := wordSet(`bail credit finance interest motion officers people pet police premises press
		service shares sports staff trade trips vote forecast forecasts fuel`)
	entries, runs := 0, 0
	for ci := range s.entries {
		c := &s.entries[ci]
		if s.packs[c.pack].Category == "spinning" {
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
			vi, _, _, ok := s.matchedVerb(d, *m)
			if !ok {
				continue
			}
			if !counted {
				counted = true
				entries++
			}
			start, end := d.Tokens[m.First+vi].Start, d.Tokens[m.First+vi].End
			for _, w := range s.wordElems(int32(ci))[vi].words {
				text := ex[:start] + w + ex[end:]
				d2 := document.NewPlain([]byte(text))
				d2.Segment()
				for _, x := range s.Find(d2) {
					if x.Entry != int32(ci) {
						continue
					}
					xvi, f, _, ok := s.matchedVerb(d2, x)
					if !ok || xvi != vi {
						continue // another verb's form in the same element
					}
					runs++
					for k, sg := range s.inflectSuggestions(d2, x, s.suggestions(d2, x)) {
						if strings.HasPrefix(c.entry.Suggest[min(k, len(c.entry.Suggest)-1)], "{") {
							continue
						}
						lead := strings.ToLower(strings.Fields(sg)[0])
						v, known := verbOf()[lead]
						switch {
						case known && v.form(f) != lead && !(f == formPP && v.past == v.pp):
							t.Errorf("%s: %q: suggestion %q, want %s in form %d", c.entry.Pattern, text, sg, v.base, f)
						case isBe(lead) && !strings.Contains(beIn[f], lead) && f != formPast:
							t.Errorf("%s: %q: suggestion %q, want a form of be among %q", c.entry.Pattern, text, sg, beIn[f])
						case !known && (strings.HasSuffix(lead, "ed") || wordNetVerb(wn, lead)) && !notVerb[lead] && !isBe(lead):
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

// wordNetVerbs reads the verbs of WordNet (lemmas and the inflected forms
// of verb.exc) from dir, or returns nil when it is not installed.
func wordNetVerbs(t *testing.T, dir string) map[string]bool {
	idx, err := os.ReadFile(filepath.Join(dir, "index.verb"))
	if err != nil {
		return nil
	}
	m := map[string]bool{}
	for _, line := range strings.Split(string(idx), "\n") {
		if f := strings.Fields(line); len(f) > 0 && !strings.HasPrefix(line, " ") {
			m[f[0]] = true
		}
	}
	exc, err := os.ReadFile(filepath.Join(dir, "verb.exc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(exc), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			m[f[0]] = true
		}
	}
	return m
}

// wordNetVerb reports whether w is a verb or a regular form of one in wn.
func wordNetVerb(wn map[string]bool, w string) bool {
	for _, suf := range []string{"", "s", "es", "d", "ed", "ing"} {
		if strings.HasSuffix(w, suf) && wn[strings.TrimSuffix(w, suf)] {
			return true
		}
	}
	return false
}

func isBe(w string) bool { return beForms[w] }

var beForms = wordSet(`be is are was were been being`)

// beIn says which forms of "be" stand for form f: after "will" or a
// plural subject, "be" or "are"; the past is left as written.
var beIn = map[verbForm]string{formBase: "be are", formS: "is", formPP: "been", formIng: "being", formPast: "was were"}

// TestSuggestionSlots: every {N} of a built-in suggestion names an element
// of the pattern written as alternatives or a class, "(a|b)", "(a)" or
// "{number}": a bare word is the same in every match, and a {N} that names
// one counted the elements wrong ("arrived at the {3}" for "(arrive|…) to
// the (airport|…)" wrote "arrived at the the").
func TestSuggestionSlots(t *testing.T) {
	s, err := BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	s.ensureAll() // the entries are read here, not through s.entry
	for _, c := range s.entries {
		for _, sg := range c.entry.Suggest {
			for rest := sg; ; {
				i := strings.IndexByte(rest, '{')
				if i < 0 {
					break
				}
				j := strings.IndexByte(rest[i:], '}')
				if j < 0 {
					t.Errorf("%s: suggestion %q: unclosed {", c.entry.Pattern, sg)
					break
				}
				n, err := strconv.Atoi(rest[i+1 : i+j])
				switch {
				case err != nil || n < 1 || n > len(c.elems):
					t.Errorf("%s: suggestion %q: %s names no element", c.entry.Pattern, sg, rest[i:i+j+1])
				case !strings.ContainsAny(strings.Fields(c.entry.Pattern)[n-1][:1], "({"):
					t.Errorf("%s: suggestion %q: %s is always %q", c.entry.Pattern, sg, rest[i:i+j+1], strings.Fields(c.entry.Pattern)[n-1])
				}
				rest = rest[i+j+1:]
			}
		}
	}
}
