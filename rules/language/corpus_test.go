package language

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/language/langid"
)

// bbcBudget is the bar for the language rules together: at most one
// warning or error per 100 clean BBC articles (1,438 articles).
const bbcBudget = 14

// TestBBCPrecision runs the language rules and the document-language
// detection over the clean BBC articles of the dev corpus, lists every
// warning and error, and fails when there are more than the budget. It
// also counts the texts handed to lingua: clean English should reach it
// rarely. Run it with -v to see the list:
//
//	go test ./rules/language -run TestBBCPrecision -v
func TestBBCPrecision(t *testing.T) {
	dir := corpora.Dir(t, "bbc-news-dev")
	files := corpora.Files(t, dir, "*/*.txt")
	before, _ := langid.Stats()
	loud := 0
	notEnglish := 0
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		doc := document.NewPlain(raw)
		if d := DetectDocument(doc.Text); !d.English() {
			notEnglish++
			t.Errorf("%s: taken for %s (%.2f)", rel, d.Language.Name, d.Confidence)
		}
		for range doc.Windows(0) {
			errs := rules.Run(doc, Rules, func(r *rules.Rule, d rules.Diagnostic) {
				sev := r.Severity
				if d.Severity != 0 {
					sev = d.Severity
				}
				if sev >= rules.Warning {
					loud++
				}
				line := 1
				for i := 0; i < d.Span.Start; i++ {
					if doc.Text[i] == '\n' {
						line++
					}
				}
				t.Logf("%s:%d: %s [%s] %s: %q", rel, line, sev, r.ID, d.Message, doc.Text[d.Span.Start:d.Span.End])
			})
			for _, err := range errs {
				t.Error(err)
			}
		}
	}
	after, _ := langid.Stats()
	t.Logf("%d articles: %d warnings+errors (budget %d), %d taken for another language; %d texts handed to lingua",
		len(files), loud, bbcBudget, notEnglish, after-before)
	if len(files) < 1400 {
		t.Errorf("only %d BBC articles found, want 1,438", len(files))
	}
	if loud > bbcBudget {
		t.Errorf("%d warnings and errors on clean news, budget %d", loud, bbcBudget)
	}
}
