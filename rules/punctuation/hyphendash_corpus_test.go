package punctuation

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/internal/moses"
	"github.com/mtlint/mtlint/rules"
)

// hyphenDashRun counts HyphenAsDash's findings on one text, logging each
// with the label.
func hyphenDashRun(t *testing.T, label, text string) int {
	t.Helper()
	doc := document.NewPlain([]byte(text))
	n := 0
	for range doc.Windows(0) {
		for _, err := range rules.Run(doc, []*rules.Rule{HyphenAsDash}, func(_ *rules.Rule, d rules.Diagnostic) {
			n++
			t.Logf("%s: %q", label, doc.SpanText(d.Span))
		}) {
			t.Error(err)
		}
	}
	return n
}

// TestHyphenAsDashCorpora measures punctuation.hyphen-as-dash where it was
// never tuned: it must stay silent on the clean BBC articles and fire on
// machine output more than three times as often (per line) as on the human
// translations of the same sources (WMT22, WMT23 references, MLQE-PE
// post-edits, each line a document):
//
//	go test ./rules/punctuation -run TestHyphenAsDashCorpora -v
func TestHyphenAsDashCorpora(t *testing.T) {
	bbcDir := corpora.Dir(t, "bbc-news-dev")
	files := corpora.Files(t, bbcDir, "*/*.txt")
	bbc := 0
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(bbcDir, path)
		bbc += hyphenDashRun(t, "BBC "+rel, string(raw))
	}
	if bbc > 0 {
		t.Errorf("%d findings in %d clean BBC articles, want none", bbc, len(files))
	}

	pairs, err := corpora.Parallel(filepath.Dir(bbcDir))
	if err != nil {
		t.Fatal(err)
	}
	var found, lines [2]int // [0] MT, [1] human
	for _, p := range pairs {
		for h, texts := range [][]corpora.File{p.Systems, p.References} {
			for _, f := range texts {
				for _, path := range f.Paths {
					ls, err := corpora.ReadLines(path)
					if err != nil {
						t.Fatal(err)
					}
					for _, l := range ls {
						if p.Moses {
							l = moses.Detokenize(l)
						}
						lines[h]++
						if h == 0 {
							doc := document.NewPlain([]byte(l))
							doc.Segment()
							rules.Run(doc, []*rules.Rule{HyphenAsDash}, func(*rules.Rule, rules.Diagnostic) { found[0]++ })
							continue
						}
						found[1] += hyphenDashRun(t, p.Corpus+" "+p.Lang+" "+f.Name, l)
					}
				}
			}
		}
	}
	mt, human := float64(found[0])*1000/float64(lines[0]), float64(found[1])*1000/float64(lines[1])
	t.Logf("MT %d in %d lines (%.3f per 1,000), human %d in %d lines (%.3f per 1,000)", found[0], lines[0], mt, found[1], lines[1], human)
	if found[0] == 0 || mt < 3*human {
		t.Errorf("MT %.3f per 1,000 lines against human %.3f: want MT at least 3 times human, and above 0", mt, human)
	}
}
