package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/packs"
)

// The acceptance measure of issue 11: taking an import of the Problematic
// Paper Screener CSV (what `mtlint check --pack` loads) as the yardstick,
// the built-in spinning rules must flag at least 90% of the lines that the
// import flags across the English files of the WMT folders, and raise at
// most one spinning warning per 200 BBC articles.
const (
	minRecall       = 0.90
	articlesPerWarn = 200
)

// spinningRules returns the rules of the set's spinning packs.
func spinningRules(s *packs.Set) []*rules.Rule {
	var out []*rules.Rule
	for _, r := range s.Rules() {
		if r.Category == rules.Spinning {
			out = append(out, r)
		}
	}
	return out
}

// finding is one diagnostic of a spinning rule on a line or an article.
type finding struct {
	rule     string
	text     string
	message  string
	start    int
	severity rules.Severity
}

// checkText runs rs over text as one document, window by window as the
// checker does, and returns what they report.
func checkText(doc *document.Document, text []byte, rs []*rules.Rule) []finding {
	doc.SetPlain(text)
	var out []finding
	for range doc.Windows(0) {
		rules.Run(doc, rs, func(r *rules.Rule, d rules.Diagnostic) {
			sev := r.Severity
			if d.Severity != 0 {
				sev = d.Severity
			}
			out = append(out, finding{rule: r.ID, text: doc.Text[d.Span.Start:d.Span.End], message: d.Message, start: d.Span.Start, severity: sev})
		})
	}
	return out
}

// yardstick is what the built-in rules flag of the lines an import flags.
type yardstick struct {
	files, lines, yardLines int
	anySev, warned          int // of the import's lines, those the built-in rules flag, and with a warning
	oursLines, oursWarned   int // lines the built-in rules flag in all, and with a warning
	missed                  map[string]int
}

func (y *yardstick) recall(n int) float64 {
	if y.yardLines == 0 {
		return 1
	}
	return float64(n) / float64(y.yardLines)
}

// against imports path (as `mtlint check --pack` does, stop-list applied)
// and counts, over the English files of the WMT folders, each checked whole,
// the lines it flags and how many of them the built-in rules flag.
func against(w io.Writer, corpora, path string, builtin *packs.Set) (*yardstick, error) {
	imp, rep, err := packs.LoadFile(path)
	if err != nil {
		return nil, err
	}
	impSet, err := packs.Compile([]*packs.Pack{imp})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "yardstick: %s imported as a pack: %d entries (%d stop-listed, %d rows without a text pattern)\n", filepath.Base(path), rep.Loaded, rep.Stopped, len(rep.Skipped))
	yard, ours := spinningRules(impSet), spinningRules(builtin)
	// The English files of the WMT folders: every system output and human
	// reference, and MLQE-PE's MT output and post-edit.
	classes, err := cleanText(corpora)
	if err != nil {
		return nil, err
	}
	files := slices.Concat(classes[classHuman].files, classes[classMT].files)
	slices.Sort(files)
	doc := new(document.Document)
	y := &yardstick{files: len(files), missed: map[string]int{}}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		// Each file is checked whole, as `mtlint check` checks it, and the
		// findings are counted by line.
		y.lines += bytes.Count(raw, []byte{'\n'})
		yl := byLine(raw, checkText(doc, raw, yard))
		ol := byLine(raw, checkText(doc, raw, ours))
		for _, fs := range ol {
			y.oursLines++
			if warned(fs) {
				y.oursWarned++
			}
		}
		for ln, fs := range yl {
			y.yardLines++
			if len(ol[ln]) > 0 {
				y.anySev++
			} else {
				for _, f := range fs {
					y.missed[strings.ToLower(f.text)]++
				}
			}
			if warned(ol[ln]) {
				y.warned++
			}
		}
	}
	fmt.Fprintf(w, "  WMT folders: %d files, %d lines; the import flags %d lines; the built-in spinning rules flag %d of them (%.1f%%), %d (%.1f%%) with a warning; they flag %d lines in all (%d with a warning)\n",
		y.files, y.lines, y.yardLines, y.anySev, 100*y.recall(y.anySev), y.warned, 100*y.recall(y.warned), y.oursLines, y.oursWarned)
	return y, nil
}

// measure prints the acceptance measure and reports whether it is met: the
// yardstick is the import of the CSV; the JSON export is shown beside it.
func measure(w io.Writer, corpora, ppsCSV string, builtin *packs.Set, verbose bool) (bool, error) {
	y, err := against(w, corpora, ppsCSV, builtin)
	if err != nil {
		return false, err
	}
	if verbose {
		type kv struct {
			k string
			n int
		}
		var ms []kv
		for k, n := range y.missed {
			ms = append(ms, kv{k, n})
		}
		slices.SortFunc(ms, func(a, b kv) int {
			if a.n != b.n {
				return b.n - a.n
			}
			return strings.Compare(a.k, b.k)
		})
		for _, m := range ms {
			fmt.Fprintf(w, "  missed %4d  %s\n", m.n, m.k)
		}
	}
	if _, err := against(w, corpora, filepath.Join(filepath.Dir(ppsCSV), ppsJSON), builtin); err != nil {
		return false, err
	}
	doc := new(document.Document)
	if err := evidenceOnPapers(w, filepath.Dir(ppsCSV), builtin); err != nil {
		return false, err
	}

	classes, err := cleanText(corpora)
	if err != nil {
		return false, err
	}
	bbc := classes[classBBC].files
	warnings, infos := 0, 0
	for _, f := range bbc {
		raw, err := os.ReadFile(f)
		if err != nil {
			return false, err
		}
		for _, fd := range checkText(doc, raw, spinningRules(builtin)) {
			if fd.severity >= rules.Warning {
				warnings++
				fmt.Fprintf(w, "  BBC warning %s: %s %q\n", rel(corpora, f), fd.rule, fd.text)
			} else {
				infos++
				if verbose {
					fmt.Fprintf(w, "  BBC info %s: %s %q\n", rel(corpora, f), fd.rule, fd.text)
				}
			}
		}
	}
	budget := len(bbc) / articlesPerWarn
	fmt.Fprintf(w, "BBC: %d articles, %d spinning warnings (budget %d), %d infos\n", len(bbc), warnings, budget, infos)
	ok := y.recall(y.anySev) >= minRecall && warnings <= budget
	fmt.Fprintf(w, "acceptance (>= %.0f%% of the import's lines flagged, <= %d spinning warnings in BBC): %v\n", 100*minRecall, budget, ok)
	return ok, nil
}

func rel(base, path string) string {
	if r, err := filepath.Rel(base, path); err == nil {
		return r
	}
	return path
}

// byLine groups findings by the line of text they start on (0-based).
func byLine(text []byte, fs []finding) map[int][]finding {
	m := map[int][]finding{}
	for _, f := range fs {
		ln := bytes.Count(text[:f.start], []byte{'\n'})
		m[ln] = append(m[ln], f)
	}
	return m
}

// warned reports whether one of fs is a warning or an error.
func warned(fs []finding) bool {
	return slices.ContainsFunc(fs, func(f finding) bool { return f.severity >= rules.Warning })
}

// evidenceOnPapers shows what the document evidence does on the spun papers
// that the Screener flagged (pps_flagged_papers_metadata.csv lists the
// tortured phrases found in each): each paper's phrases, one a paragraph,
// are checked as one document, and the spinning findings counted by
// severity, with how many ambiguous ones a sure phrase promoted.
func evidenceOnPapers(w io.Writer, dir string, builtin *packs.Set) error {
	raw, err := os.ReadFile(filepath.Join(dir, "pps_flagged_papers_metadata.csv"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		return err
	}
	rs := spinningRules(builtin)
	doc := new(document.Document)
	papers, found, sure, promoted, info := 0, 0, 0, 0, 0
	for i, r := range rows {
		if i == 0 || len(r) < 2 {
			continue
		}
		papers++
		var paras []string
		for _, ph := range strings.Split(r[1], "•") {
			ph, _, _ = strings.Cut(ph, " AND ")
			ph, _, _ = strings.Cut(ph, "~")
			if ph = strings.TrimSpace(ph); ph != "" {
				paras = append(paras, ph)
			}
		}
		fs := checkText(doc, []byte(strings.Join(paras, "\n\n")), rs)
		if len(fs) > 0 {
			found++
		}
		hasSure := false
		for _, f := range fs {
			switch {
			case f.severity < rules.Warning:
				info++
			case strings.Contains(f.message, "(a warning: the document also has"):
				promoted++
			default:
				hasSure = true
			}
		}
		if hasSure {
			sure++
		}
	}
	fmt.Fprintf(w, "flagged papers: %d; the built-in spinning rules find phrases of %d, a sure one in %d; %d ambiguous findings promoted to warnings by the evidence, %d left info\n",
		papers, found, sure, promoted, info)
	return nil
}
