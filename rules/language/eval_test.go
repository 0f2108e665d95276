package language

import (
	"os"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/rules/language/langid"
	"github.com/mtlint/mtlint/rules/rulestest"
)

// evalSentence is one line of testdata/embedded.tsv or clean.tsv.
type evalSentence struct {
	lang       string // "" for a clean sentence
	text       string // without the marks
	start, end int    // the marked fragment in text
}

func readEval(t *testing.T, path string, marked bool) []evalSentence {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []evalSentence
	for n, line := range strings.Split(string(raw), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s := evalSentence{text: line}
		if marked {
			lang, text, ok := strings.Cut(line, "\t")
			a := strings.Index(text, "⟦")
			b := strings.Index(text, "⟧")
			if !ok || a < 0 || b < a {
				t.Fatalf("%s:%d: want LANG<TAB>sentence with ⟦fragment⟧", path, n+1)
			}
			s.lang = lang
			s.start, s.end = a, b-len("⟦")
			s.text = text[:a] + text[a+len("⟦"):b] + text[b+len("⟧"):]
		}
		out = append(out, s)
	}
	return out
}

// TestEmbeddedRecall measures language.untranslated on sentences of news
// with an embedded French, Spanish, German, Russian or Chinese fragment of
// 3-12 words (testdata/embedded.tsv) and on clean sentences with names,
// loanwords and quotations marked as foreign (testdata/clean.tsv). Run with
// -v for the figures and every miss and false alarm:
//
//	go test ./rules/language -run TestEmbeddedRecall -v
func TestEmbeddedRecall(t *testing.T) {
	if os.Getenv("LANGDEBUG") != "" {
		debugf = t.Logf
		defer func() { debugf = func(string, ...any) {} }()
	}
	t.Run("tuning", func(t *testing.T) {
		measure(t, "testdata/embedded.tsv", "testdata/clean.tsv", []string{"fr", "es", "de", "ru", "zh"}, 100, 100, 95, 2)
	})
	// The held-out sets were written after the tuning and were not tuned
	// on: their figures are the honest ones.
	t.Run("heldout", func(t *testing.T) {
		measure(t, "testdata/heldout-embedded.tsv", "testdata/heldout-clean.tsv",
			[]string{"fr", "es", "de", "it", "pt", "ru", "uk", "zh", "ja", "ar", "tr", "pl"}, 60, 50, 85, 2)
	})
}

// measure runs language.untranslated over the sentences of embeddedPath and
// cleanPath and logs recall and false alarms by language; it fails when
// there are fewer sentences than wantEmbedded and wantClean, when recall
// is below minRecall percent or when there are more than maxFalse false
// alarms.
func measure(t *testing.T, embeddedPath, cleanPath string, langs []string, wantEmbedded, wantClean, minRecall, maxFalse int) {
	embedded := readEval(t, embeddedPath, true)
	clean := readEval(t, cleanPath, false)
	byLang := map[string][3]int{} // found, named right, total
	falseAlarms := 0
	for _, s := range embedded {
		found := rulestest.Check(t, s.text, Untranslated)
		c := byLang[s.lang]
		c[2]++
		hit := false
		for _, f := range found {
			if f.Diag.Span.Start < s.end && s.start < f.Diag.Span.End {
				if !hit {
					c[0]++
					if strings.HasPrefix(f.Diag.Message, langName(s.lang)) {
						c[1]++
					} else {
						t.Logf("wrong language: %s for %q", f.Diag.Message, s.text[s.start:s.end])
					}
				}
				hit = true
				if f.Diag.Span.Start < s.start || f.Diag.Span.End > s.end {
					t.Logf("span %q for fragment %q", f.Text, s.text[s.start:s.end])
				}
			} else {
				falseAlarms++
				t.Logf("false alarm beside a fragment: %q in %q", f.Text, s.text)
			}
		}
		if !hit {
			t.Logf("missed %s: %q", s.lang, s.text[s.start:s.end])
		}
		byLang[s.lang] = c
	}
	cleanAlarms := 0
	for _, s := range clean {
		for _, f := range rulestest.Check(t, s.text, Untranslated) {
			cleanAlarms++
			t.Logf("false alarm: %s on %q in %q", f.Diag.Message, f.Text, s.text)
		}
	}
	total, hits, named := 0, 0, 0
	for _, lang := range langs {
		c := byLang[lang]
		t.Logf("%s: %d of %d found, %d named %s", lang, c[0], c[2], c[1], langName(lang))
		hits += c[0]
		named += c[1]
		total += c[2]
	}
	t.Logf("recall %d/%d (%.0f%%), language right %d/%d; false alarms: %d beside the %d fragments, %d in %d clean sentences",
		hits, total, 100*float64(hits)/float64(total), named, hits, falseAlarms, total, cleanAlarms, len(clean))
	if total < wantEmbedded || len(clean) < wantClean {
		t.Errorf("want at least %d and %d sentences, have %d and %d", wantEmbedded, wantClean, total, len(clean))
	}
	if hits*100 < minRecall*total {
		t.Errorf("recall %d/%d, below %d%%", hits, total, minRecall)
	}
	if falseAlarms+cleanAlarms > maxFalse {
		t.Errorf("%d false alarms, more than %d", falseAlarms+cleanAlarms, maxFalse)
	}
}

func langName(code string) string {
	l, _ := langid.Lookup(code)
	return l.Name
}
