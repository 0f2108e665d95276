package grammar

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/internal/moses"
	"github.com/mtlint/mtlint/rules"
)

// bbcBudget is the most findings one warning rule may raise on the 1,438
// clean BBC articles: one per 100 articles. A rule above it must be info.
const bbcBudget = 14

// TestBBCPrecision runs each grammar rule over the clean BBC articles of the
// dev corpus, logs every finding and its count per rule, and fails when a
// warning rule fires more than once per 100 articles:
//
//	go test ./rules/grammar -run TestBBCPrecision -v
func TestBBCPrecision(t *testing.T) {
	dir := corpora.Dir(t, "bbc-news-dev")
	files := corpora.Files(t, dir, "*/*.txt")
	counts := map[string]int{}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		doc := document.NewPlain(raw)
		for range doc.Windows(0) {
			for _, err := range rules.Run(doc, Rules, func(r *rules.Rule, d rules.Diagnostic) {
				counts[r.ID]++
				t.Logf("%s: [%s] %q", rel, r.ID, doc.SpanText(d.Span))
			}) {
				t.Error(err)
			}
		}
	}
	for _, r := range Rules {
		t.Logf("%-30s %d findings in %d BBC articles", r.ID, counts[r.ID], len(files))
		if r.Severity >= rules.Warning && counts[r.ID] > bbcBudget {
			t.Errorf("%s: %d findings on clean news, more than %d: make it info or tighten it", r.ID, counts[r.ID], bbcBudget)
		}
	}
}

// lineRate runs the family over each line of the files as a document of its
// own (Moses-detokenized first when detok is set) and returns the findings
// and the lines.
func lineRate(t *testing.T, files []corpora.File, detok bool) (found map[string]int, lines int) {
	t.Helper()
	found = map[string]int{}
	for _, f := range files {
		for _, path := range f.Paths {
			texts, err := corpora.ReadLines(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, text := range texts {
				lines++
				if detok {
					text = moses.Detokenize(text)
				}
				doc := document.NewPlain([]byte(text))
				doc.Segment()
				rules.Run(doc, Rules, func(r *rules.Rule, _ rules.Diagnostic) { found[r.ID]++ })
			}
		}
	}
	return found, lines
}

// TestMachineVersusHuman counts the family's findings per 1,000 lines of
// machine translation and of human translation of the same sources (WMT22,
// WMT23 references, MLQE-PE post-edits), logs the table and fails when the
// rules fire less often on the machine output than on the human text:
//
//	go test ./rules/grammar -run TestMachineVersusHuman -v
func TestMachineVersusHuman(t *testing.T) {
	corpora.Dir(t, "wmt23-dev")
	corpora.Dir(t, "mlqe-pe-dev")
	pairs, err := corpora.Parallel(filepath.Dir(corpora.Dir(t, "wmt22-dev")))
	if err != nil {
		t.Fatal(err)
	}
	per1000 := func(n, lines int) float64 { return 1000 * float64(n) / float64(max(lines, 1)) }
	var mtAll, humanAll, mtLines, humanLines int
	for _, p := range pairs {
		name := p.Corpus + " " + p.Lang
		mt, ml := lineRate(t, p.Systems, p.Moses)
		human, hl := lineRate(t, p.References, p.Moses)
		mtLines += ml
		humanLines += hl
		for _, r := range Rules {
			mtAll += mt[r.ID]
			humanAll += human[r.ID]
			t.Logf("%-17s %-30s MT %3d in %6d lines (%.2f/1000)   human %2d in %5d lines (%.2f/1000)",
				name, r.ID, mt[r.ID], ml, per1000(mt[r.ID], ml), human[r.ID], hl, per1000(human[r.ID], hl))
		}
	}
	t.Logf("all: MT %d in %d lines (%.3f/1000), human %d in %d lines (%.3f/1000)",
		mtAll, mtLines, per1000(mtAll, mtLines), humanAll, humanLines, per1000(humanAll, humanLines))
	if per1000(mtAll, mtLines) <= per1000(humanAll, humanLines) {
		t.Errorf("the grammar rules fire no more often on machine output (%.3f/1000 lines) than on human translation (%.3f/1000)",
			per1000(mtAll, mtLines), per1000(humanAll, humanLines))
	}
}
