package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/rules"
)

// The recall evaluation (spingen -recall): the human references of the WMT
// folders are spun by Spinner, block by block, each block of blockLines
// lines one document (a spinner rewrites whole articles), and checked with
// the default rules. A damaged line is one where the spinner changed a
// word; recall is the share of damaged lines on which a spinning rule
// reports a finding. Blocks alternate between the tuning half (even block
// numbers) and the held-out half (odd), so that the two references of one
// source (zh-en A and B) fall in the same half. The BBC articles, checked
// unspun, give the cost: spinning findings in clean news. Nothing spun is
// written to disk.

// evalBlock is the number of lines of a reference in one block: the unit
// of the split into a tuning and a held-out half. The recall evaluation
// may check blocks of another size (-block), but the halves the generator
// reads are fixed by this one.
const evalBlock = 20

// recallOptions configure the evaluation.
type recallOptions struct {
	wordnet, corpora string
	rate             float64
	seed             uint64
	blockLines       int
	half             string // "tune", "held-out" or "both"
	bbc              bool
	show             int // spun lines to print on stderr, for review
}

// recallCounts are the tallies of one half.
type recallCounts struct {
	blocks, lines, damaged, flagged, warned int
	// cleanFlagged counts the unspun lines that a spinning rule flags.
	cleanLines, cleanFlagged int
	// docsWarned counts spun blocks with at least one spinning warning.
	docsWarned int
	// spunDistinct and cleanDistinct count the blocks, spun and unspun, by
	// the number of distinct spinning phrases found in them (capped at 5),
	// the figure a density threshold is set on.
	spunDistinct, cleanDistinct [6]int
}

func (c recallCounts) String() string {
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	return fmt.Sprintf("%d blocks, %d lines, %d damaged: flagged %d (%.1f%%), warning+ %d (%.1f%%); blocks with a spinning warning %d; unspun lines flagged %d of %d\n         blocks by distinct spinning phrases 0..5+: spun %v, unspun %v",
		c.blocks, c.lines, c.damaged, c.flagged, pct(c.flagged, c.damaged), c.warned, pct(c.warned, c.damaged), c.docsWarned, c.cleanFlagged, c.cleanLines, c.spunDistinct, c.cleanDistinct)
}

// referenceFiles returns the human reference files of the WMT folders under
// dir, sorted.
func referenceFiles(dir string) ([]string, error) {
	var files []string
	for _, pat := range []string{"wmt22-dev/references/*", "wmt23-dev/references/*"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no WMT references under %s", dir)
	}
	slices.Sort(files)
	return files, nil
}

// spinLines tallies, for each line of lines (one document), whether a
// spinning rule flags it and at what severity. sev[i] is the highest
// severity of a spinning finding starting on line i, 0 for none.
// distinct is the number of distinct spinning phrases found, by their
// text in lower case.
func spinLines(c *checker.Checker, lines []string) (sev []rules.Severity, distinct int) {
	res := c.CheckBytes([]byte(strings.Join(lines, "\n") + "\n"))
	sev = make([]rules.Severity, len(lines))
	return sev, spinFindings(res, sev)
}

// spinFindings records in sev the highest severity of a spinning finding
// of res on each line (if sev is not nil) and returns the number of
// distinct spinning phrases.
func spinFindings(res *checker.Result, sev []rules.Severity) int {
	seen := map[string]bool{}
	for _, f := range res.Findings {
		if f.Category != rules.Spinning {
			continue
		}
		seen[strings.ToLower(f.Text)] = true
		if f.Line >= 1 && f.Line <= len(sev) {
			sev[f.Line-1] = max(sev[f.Line-1], f.Severity)
		}
	}
	return len(seen)
}

// measureRecall runs the evaluation, writes its report to w and returns the
// counts of each half ("tune", "held-out").
func measureRecall(o recallOptions, w io.Writer) (map[string]*recallCounts, error) {
	wn, err := loadWordNet(o.wordnet)
	if err != nil {
		return nil, fmt.Errorf("reading WordNet (apt-get install wordnet-base, or -wordnet DIR): %v", err)
	}
	files, err := referenceFiles(o.corpora)
	if err != nil {
		return nil, err
	}
	c, err := checker.New(checker.Config{NoScore: true})
	if err != nil {
		return nil, err
	}
	sp := NewSpinner(wn, o.rate, o.seed)
	counts := map[string]*recallCounts{"tune": {}, "held-out": {}}
	for _, f := range files {
		lines, err := corpora.ReadLines(f)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(f)
		for b := 0; b*o.blockLines < len(lines); b++ {
			half := "tune"
			if (b*o.blockLines/evalBlock)%2 == 1 {
				half = "held-out"
			}
			if o.half != "both" && o.half != half {
				continue
			}
			cnt := counts[half]
			block := lines[b*o.blockLines : min((b+1)*o.blockLines, len(lines))]
			spun := make([]string, len(block))
			changed := make([]int, len(block))
			for i, l := range block {
				spun[i], changed[i] = sp.Spin(l, fmt.Sprintf("%s:%d", name, b*o.blockLines+i+1))
				if o.show > 0 && changed[i] > 0 {
					o.show--
					fmt.Fprintf(os.Stderr, "- %s\n+ %s\n", l, spun[i])
				}
			}
			cnt.blocks++
			warned := false
			sevs, distinct := spinLines(c, spun)
			cnt.spunDistinct[min(distinct, 5)]++
			for i, s := range sevs {
				cnt.lines++
				if s >= rules.Warning {
					warned = true
				}
				if changed[i] == 0 {
					continue
				}
				cnt.damaged++
				if s > 0 {
					cnt.flagged++
				}
				if s >= rules.Warning {
					cnt.warned++
				}
			}
			if warned {
				cnt.docsWarned++
			}
			sevs, distinct = spinLines(c, block)
			cnt.cleanDistinct[min(distinct, 5)]++
			for i, s := range sevs {
				cnt.cleanLines++
				if s > 0 {
					cnt.cleanFlagged++
					if o.show > 0 {
						fmt.Fprintf(os.Stderr, "clean %s:%d flagged: %s\n", name, b*o.blockLines+i+1, block[i])
					}
				}
			}
		}
	}
	fmt.Fprintf(w, "spinner: rate %.2f, seed %d, blocks of %d lines, %d reference files\n", o.rate, o.seed, o.blockLines, len(files))
	for _, h := range []string{"tune", "held-out"} {
		if o.half == "both" || o.half == h {
			fmt.Fprintf(w, "%-8s %v\n", h, counts[h])
		}
	}
	if o.bbc {
		return counts, bbcSpinning(c, o.corpora, w)
	}
	return counts, nil
}

// bbcSpinning reports the spinning findings on the BBC articles by
// severity, and the articles with at least one warning.
func bbcSpinning(c *checker.Checker, dir string, w io.Writer) error {
	paths, err := corpora.BBCArticles(filepath.Join(dir, "bbc-news-dev"))
	if err != nil {
		return err
	}
	info, warn, docs := 0, 0, 0
	var hist [6]int
	var warned []string
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		docWarn := false
		res := c.CheckBytes(raw)
		hist[min(spinFindings(res, nil), 5)]++
		for _, f := range res.Findings {
			if f.Category != rules.Spinning {
				continue
			}
			if f.Severity >= rules.Warning {
				warn++
				docWarn = true
				warned = append(warned, fmt.Sprintf("  %s: %s %q", filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p), f.Rule, f.Text))
			} else {
				info++
			}
		}
		if docWarn {
			docs++
		}
	}
	fmt.Fprintf(w, "BBC: %d articles, spinning info %d, warning+ %d in %d articles; articles by distinct spinning phrases 0..5+: %v\n", len(paths), info, warn, docs, hist)
	for _, s := range warned {
		fmt.Fprintln(w, s)
	}
	return nil
}
