package rulestest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/internal/moses"
	"github.com/mtlint/mtlint/rules"
)

// CorpusCounts are the findings of some rules on the measurement corpora:
// the clean BBC articles, and every line of the parallel corpora's machine
// output and human translations (WMT references, MLQE-PE post-edits), each
// line checked as one document.
type CorpusCounts struct {
	BBC, BBCArticles  int
	MT, MTLines       int
	Human, HumanLines int
}

// MTPerThousand and HumanPerThousand are the findings per 1,000 lines.
func (c CorpusCounts) MTPerThousand() float64 { return per1000(c.MT, c.MTLines) }

// HumanPerThousand is the human side's findings per 1,000 lines.
func (c CorpusCounts) HumanPerThousand() float64 { return per1000(c.Human, c.HumanLines) }

func per1000(n, lines int) float64 {
	if lines == 0 {
		return 0
	}
	return float64(n) * 1000 / float64(lines)
}

// MeasureCorpora runs rs over the corpora (../shared/corpora, through
// corpora.Dir: a test fails in CI when they are missing and skips
// elsewhere), logging each finding on BBC and on the human side, which a
// reviewer reads, and counting those on machine output. MLQE-PE lines are
// detokenized first.
func MeasureCorpora(t *testing.T, rs ...*rules.Rule) CorpusCounts {
	t.Helper()
	var c CorpusCounts
	bbcDir := corpora.Dir(t, "bbc-news-dev")
	files := corpora.Files(t, bbcDir, "*/*.txt")
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(bbcDir, path)
		c.BBC += count(t, "BBC "+rel, string(raw), true, rs)
	}
	c.BBCArticles = len(files)
	pairs, err := corpora.Parallel(filepath.Dir(bbcDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		for human, texts := range [][]corpora.File{p.Systems, p.References} {
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
						n := count(t, p.Corpus+" "+p.Lang+" "+f.Name, l, human == 1, rs)
						if human == 1 {
							c.Human += n
							c.HumanLines++
						} else {
							c.MT += n
							c.MTLines++
						}
					}
				}
			}
		}
	}
	t.Logf("BBC %d in %d articles; MT %d in %d lines (%.3f per 1,000), human %d in %d lines (%.3f per 1,000)",
		c.BBC, c.BBCArticles, c.MT, c.MTLines, c.MTPerThousand(), c.Human, c.HumanLines, c.HumanPerThousand())
	return c
}

// count returns the findings of rs on text, logging each with label when
// log is set.
func count(t *testing.T, label, text string, log bool, rs []*rules.Rule) int {
	t.Helper()
	doc := document.NewPlain([]byte(text))
	n := 0
	for range doc.Windows(0) {
		for _, err := range rules.Run(doc, rs, func(_ *rules.Rule, d rules.Diagnostic) {
			n++
			if log {
				t.Logf("%s: %q", label, doc.SpanText(d.Span))
			}
		}) {
			t.Error(err)
		}
	}
	return n
}
