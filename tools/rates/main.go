// Command rates measures how often every built-in rule fires and prints
// the acceptance figures of issue 11. Run it from the repository root:
//
//	go run ./tools/rates -corpora ../shared/corpora -out rules/rates/rates.json -md docs/rule-rates.md
//
// Per rule it counts (package rules/rates holds the table it writes, and
// docs/rule-rates.md renders it):
//
//   - on bbc-news-dev, 1,438 clean BBC articles, each one document: the
//     warnings and errors, the infos, and the false alarms, that is the
//     warnings and errors that checker/testdata/bbc-reviewed.tsv does not
//     mark as a genuine slip;
//   - on the parallel corpora: findings in the machine output (every
//     system) and in the human translation of the same sources (every
//     reference; for MLQE-PE the post-edit of the .mt, both
//     Moses-detokenized first): wmt22-dev cs, ru, zh; wmt23-dev de, ja,
//     uk; mlqe-pe-dev ro, ru, et (train and dev).
//
// Layout: these corpora hold one segment a line with no document ids, so
// each line is checked as a document of its own. Nothing spans two lines
// then: no quotation or bracket is taken to be closed on the next line,
// no segment repeats an earlier one, and the document-level passes (the
// language of the text, spinning evidence) see one segment; MT and human
// lines are treated alike.
//
// Rules that are off by default are measured with a second checker that
// runs them alone, so the default rules' figures are what a user of the
// default set sees.
//
// Then it prints the acceptance summary: per pair, warnings and errors per
// 1,000 lines in MT and in human translation and their ratio, leaving out
// the rules that the one-segment-a-line layout sets off in both
// (quotes.unbalanced, quotes.unbalanced-bracket,
// repetition.repeated-paragraph, the boilerplate category) and spinning;
// the BBC totals; the MQM figure on mqm-ted-zhen (warnings and errors on
// the MT targets, each target one document, and the share that overlaps
// an error span that an expert marked); and the spinning yardstick (the
// lines of the WMT folders that an import of the Problematic Paper
// Screener CSV flags, and the share of them that the built-in spinning
// rules flag too).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/internal/moses"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/builtin"
	"github.com/mtlint/mtlint/rules/packs"
	"github.com/mtlint/mtlint/rules/rates"
)

// command is how the table is regenerated, written into it.
const command = "go run ./tools/rates -corpora ../shared/corpora -out rules/rates/rates.json -md docs/rule-rates.md"

// layout says how one-segment-a-line text is checked (see the package doc).
const layout = "the parallel corpora hold one segment a line, and each line is checked as a document of its own, " +
	"so nothing spans two lines (quotations, brackets, repeated segments, document-level evidence)."

// leftOut are the rules and categories that the acceptance count leaves
// out: set off by the one-segment-a-line layout in MT and human text alike,
// and spinning, which has its own yardstick.
var leftOut = []string{"quotes.unbalanced", "quotes.unbalanced-bracket", "repetition.repeated-paragraph", "boilerplate", "spinning"}

func main() {
	dir := flag.String("corpora", "../shared/corpora", "the shared corpora folder")
	out := flag.String("out", "", "write the per-rule table as JSON to `FILE` (rules/rates/rates.json)")
	md := flag.String("md", "", "write the rendered table to `FILE` (docs/rule-rates.md)")
	reviewedPath := flag.String("reviewed", "checker/testdata/bbc-reviewed.tsv", "the hand review of the BBC findings")
	verbose := flag.Bool("v", false, "also print, per pair, the counted rules that fired")
	flag.Parse()
	start := time.Now()
	if err := run(*dir, *out, *md, *reviewedPath, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "rates:", err)
		os.Exit(1)
	}
	fmt.Printf("\ntook %s\n", time.Since(start).Round(100*time.Millisecond))
}

// counts are a rule's findings on one text: warnings and errors, infos.
type counts struct{ loud, info int }

// tally is what the default (and the off) rules found on a set of texts.
type tally struct {
	lines    int
	byRule   map[string]counts
	accepted int // warnings and errors of the rules the acceptance count keeps
	// notEnglish counts the lines judged to be in another language, on
	// which only the rules that do not depend on English ran
	notEnglish int
}

func newTally() *tally { return &tally{byRule: map[string]counts{}} }

// add counts f; the acceptance count takes it only when counted is set
// (a default rule's finding).
func (t *tally) add(f checker.Finding, counted bool) {
	c := t.byRule[f.Rule]
	if f.Severity >= rules.Warning {
		c.loud++
		if counted && !isLeftOut(f) {
			t.accepted++
		}
	} else {
		c.info++
	}
	t.byRule[f.Rule] = c
}

func (t *tally) merge(o *tally) {
	t.lines += o.lines
	t.accepted += o.accepted
	t.notEnglish += o.notEnglish
	for r, c := range o.byRule {
		x := t.byRule[r]
		x.loud += c.loud
		x.info += c.info
		t.byRule[r] = x
	}
}

func isLeftOut(f checker.Finding) bool {
	for _, x := range leftOut {
		if f.Rule == x || string(f.Category) == x {
			return true
		}
	}
	return false
}

// spin is the spinning yardstick over a set of lines (those the tally of
// the same text counts).
type spin struct {
	imported, builtinAny, builtinLoud int
	// missed counts, by the text the import flagged (lower case), the
	// flagged lines that no built-in spinning rule flags
	missed map[string]int
}

func (s *spin) merge(o spin) {
	s.imported += o.imported
	s.builtinAny += o.builtinAny
	s.builtinLoud += o.builtinLoud
	for k, n := range o.missed {
		s.missed[k] += n
	}
}

// checkers are the checkers of a run.
type checkers struct {
	def, off, pps *checker.Checker
	offIDs        []string
	isOff         map[string]bool
	ppsReport     *packs.ImportReport
	ppsPath       string
}

func newCheckers(corporaDir string) (*checkers, error) {
	cs := &checkers{isOff: map[string]bool{}}
	var err error
	if cs.def, err = checker.New(checker.Config{NoScore: true}); err != nil {
		return nil, err
	}
	var off []*rules.Rule
	for _, r := range builtin.Rules() {
		if r.Off {
			off = append(off, r)
			cs.offIDs = append(cs.offIDs, r.ID)
			cs.isOff[r.ID] = true
		}
	}
	if len(off) > 0 {
		if cs.off, err = checker.New(checker.Config{Rules: off, Enable: cs.offIDs, NoScore: true}); err != nil {
			return nil, err
		}
	}
	// the PPS dictionary as `mtlint check --pack FILE` loads it, run on its own
	cs.ppsPath = filepath.Join(corporaDir, "tortured-phrases", "pps_tortured_hahuyhoang411.csv")
	p, rep, err := packs.LoadFile(cs.ppsPath)
	if err != nil {
		return nil, err
	}
	set, err := packs.Compile([]*packs.Pack{p})
	if err != nil {
		return nil, err
	}
	cs.ppsReport = rep
	if cs.pps, err = checker.New(checker.Config{Rules: set.Rules(), NoScore: true}); err != nil {
		return nil, err
	}
	return cs, nil
}

// text is one system output or reference of a pair, to be checked a line
// a document.
type text struct {
	pair  int
	ref   bool
	moses bool
	paths []string
	// results
	t    *tally
	spin spin
}

func (cs *checkers) checkLines(x *text) error {
	x.t, x.spin.missed = newTally(), map[string]int{}
	for _, p := range x.paths {
		lines, err := corpora.ReadLines(p)
		if err != nil {
			return err
		}
		for _, l := range lines {
			if x.moses {
				l = moses.Detokenize(l)
			}
			x.t.lines++
			var spinAny, spinLoud bool
			res := cs.def.CheckString(l)
			if res.Language != "" && res.Language != "en" {
				x.t.notEnglish++
			}
			for _, f := range res.Findings {
				x.t.add(f, true)
				if f.Category == rules.Spinning {
					spinAny = true
					spinLoud = spinLoud || f.Severity >= rules.Warning
				}
			}
			if cs.off != nil {
				for _, f := range cs.off.CheckString(l).Findings {
					x.t.add(f, false)
				}
			}
			if fs := cs.pps.CheckString(l).Findings; len(fs) > 0 {
				x.spin.imported++
				if spinAny {
					x.spin.builtinAny++
				} else {
					x.spin.missed[strings.ToLower(fs[0].Text)]++
				}
				if spinLoud {
					x.spin.builtinLoud++
				}
			}
		}
	}
	return nil
}

// parallel calls fn(i) for i in [0, n) on GOMAXPROCS goroutines and
// returns the first error.
func parallel(n int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// bbcResult is what the rules found on the BBC articles.
type bbcResult struct {
	articles    int
	t           *tally
	falseAlarms map[string]int // by rule
	spinLoud    int
}

// checkBBC checks the articles at paths, under dir (bbc-news-dev).
func (cs *checkers) checkBBC(dir string, paths []string, reviewedPath string) (*bbcResult, error) {
	verdicts, err := corpora.ReadReviewed(reviewedPath)
	if err != nil {
		return nil, err
	}
	res := make([]*checker.Result, len(paths))
	offRes := make([]*checker.Result, len(paths))
	err = parallel(len(paths), func(i int) error {
		var err error
		if res[i], err = cs.def.CheckFile(paths[i]); err != nil {
			return err
		}
		if cs.off != nil {
			offRes[i], err = cs.off.CheckFile(paths[i])
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	b := &bbcResult{articles: len(paths), t: newTally(), falseAlarms: map[string]int{}}
	for i, p := range paths {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		for _, r := range []*checker.Result{res[i], offRes[i]} {
			if r == nil {
				continue
			}
			for _, f := range r.Findings {
				b.t.add(f, r == res[i])
				if f.Severity < rules.Warning {
					continue
				}
				if f.Category == rules.Spinning && r == res[i] {
					b.spinLoud++
				}
				if verdicts[fmt.Sprintf("%s %s %d:%d", rel, f.Rule, f.Line, f.Column)] != "slip" {
					b.falseAlarms[f.Rule]++
				}
			}
		}
	}
	return b, nil
}

// mqmResult counts the warnings and errors on the MQM targets and those
// on an expert-marked error span, for MT and for the human references.
type mqmResult struct {
	segs, loud, onSpan       [2]int // [0] MT, [1] human
	byRule, byRuleOnSpan     map[string]int
	accepted, acceptedOnSpan int // MT, the acceptance count's rules only
	systems                  map[string]bool
}

func (cs *checkers) checkMQM(dir string) (*mqmResult, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "mqm_ted_zhen.tsv"))
	if err != nil {
		return nil, err
	}
	segs, err := parseMQM(string(raw))
	if err != nil {
		return nil, err
	}
	res := make([]*checker.Result, len(segs))
	if err := parallel(len(segs), func(i int) error { res[i] = cs.def.CheckString(segs[i].Target); return nil }); err != nil {
		return nil, err
	}
	m := &mqmResult{byRule: map[string]int{}, byRuleOnSpan: map[string]int{}, systems: map[string]bool{}}
	for i, s := range segs {
		h := 0
		if humanSystem(s.System) {
			h = 1
		} else {
			m.systems[s.System] = true
		}
		m.segs[h]++
		for _, f := range res[i].Findings {
			if f.Severity < rules.Warning {
				continue
			}
			on := overlaps(s.Spans, f.Offset, f.Length)
			m.loud[h]++
			if on {
				m.onSpan[h]++
			}
			if h == 0 {
				m.byRule[f.Rule]++
				if on {
					m.byRuleOnSpan[f.Rule]++
				}
				if !isLeftOut(f) {
					m.accepted++
					if on {
						m.acceptedOnSpan++
					}
				}
			}
		}
	}
	return m, nil
}

func run(dir, out, md, reviewedPath string, verbose bool) error {
	cs, err := newCheckers(dir)
	if err != nil {
		return err
	}
	pairs, err := corpora.Parallel(dir)
	if err != nil {
		return err
	}
	var texts []*text
	for i, p := range pairs {
		for _, f := range p.Systems {
			texts = append(texts, &text{pair: i, moses: p.Moses, paths: f.Paths})
		}
		for _, f := range p.References {
			texts = append(texts, &text{pair: i, ref: true, moses: p.Moses, paths: f.Paths})
		}
	}
	bbcDir := filepath.Join(dir, "bbc-news-dev")
	articles, err := corpora.BBCArticles(bbcDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "rates: checking %d texts of %d pairs a line a document, %d BBC articles, the MQM targets\n", len(texts), len(pairs), len(articles))
	if err := parallel(len(texts), func(i int) error { return cs.checkLines(texts[i]) }); err != nil {
		return err
	}
	bbc, err := cs.checkBBC(bbcDir, articles, reviewedPath)
	if err != nil {
		return err
	}
	mqm, err := cs.checkMQM(filepath.Join(dir, "mqm-ted-zhen"))
	if err != nil {
		return err
	}

	// per pair, MT and human
	mt, ref := make([]*tally, len(pairs)), make([]*tally, len(pairs))
	sp := spin{missed: map[string]int{}}
	for i := range pairs {
		mt[i], ref[i] = newTally(), newTally()
	}
	for _, x := range texts {
		if x.ref {
			ref[x.pair].merge(x.t)
		} else {
			mt[x.pair].merge(x.t)
		}
		sp.merge(x.spin)
	}

	printSummary(pairs, mt, ref, bbc, mqm, sp, cs, verbose)

	date, err := corporaDate(dir)
	if err != nil {
		return err
	}
	table := &rates.Table{Command: command, CorporaDate: date, Layout: layout, BBCArticles: bbc.articles}
	for i, p := range pairs {
		table.Pairs = append(table.Pairs, rates.Pair{Corpus: p.Corpus, Lang: p.Lang, Systems: len(p.Systems),
			References: len(p.References), MTLines: mt[i].lines, RefLines: ref[i].lines})
	}
	for _, r := range builtin.Rules() {
		row := rates.Rule{ID: r.ID, Default: !r.Off, BBC: rates.BBC{Loud: bbc.t.byRule[r.ID].loud,
			Infos: bbc.t.byRule[r.ID].info, FalseAlarms: bbc.falseAlarms[r.ID]}}
		for i := range pairs {
			m, h := mt[i].byRule[r.ID], ref[i].byRule[r.ID]
			row.Pairs = append(row.Pairs, rates.Count{MT: m.loud + m.info, Ref: h.loud + h.info})
		}
		table.Rules = append(table.Rules, row)
	}
	if out != "" {
		b, err := json.MarshalIndent(table, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if md != "" {
		if err := os.WriteFile(md, []byte(rates.Markdown(table)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// corporaDate is the newest modification date of the corpus files.
func corporaDate(dir string) (string, error) {
	var newest time.Time
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil && info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		return err
	})
	return newest.UTC().Format("2006-01-02"), err
}

func per1000(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) * 1000 / float64(d)
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

func printSummary(pairs []corpora.Pair, mt, ref []*tally, bbc *bbcResult, mqm *mqmResult, sp spin, cs *checkers, verbose bool) {
	fmt.Printf("Acceptance summary (issue 11), default rules; each line of the parallel corpora checked as one document.\n\n")
	fmt.Printf("MT vs human translation: warnings+errors per 1,000 lines, leaving out %s (want MT/human >= 3)\n", strings.Join(leftOut, ", "))
	fmt.Printf("  %-17s %4s %8s %6s %8s   %4s %8s %6s %8s   %6s\n", "pair", "sys", "MT lines", "W+E", "/1000", "refs", "lines", "W+E", "/1000", "ratio")
	for i, p := range pairs {
		m, h := per1000(mt[i].accepted, mt[i].lines), per1000(ref[i].accepted, ref[i].lines)
		ratio := "-"
		if h > 0 {
			ratio = fmt.Sprintf("%.1f", m/h)
		}
		fmt.Printf("  %-17s %4d %8d %6d %8.2f   %4d %8d %6d %8.2f   %6s\n", p.Corpus+" "+p.Lang, len(p.Systems), mt[i].lines, mt[i].accepted, m,
			len(p.References), ref[i].lines, ref[i].accepted, h, ratio)
		if verbose {
			printRules("MT", mt[i], "human", ref[i])
		}
	}
	// the BBC totals are the default rules'
	var ne [2]int
	var nl [2]int
	for i := range pairs {
		ne[0], ne[1] = ne[0]+mt[i].notEnglish, ne[1]+ref[i].notEnglish
		nl[0], nl[1] = nl[0]+mt[i].lines, nl[1]+ref[i].lines
	}
	fmt.Printf("  lines judged not English (only language-independent rules ran): MT %d of %d, human %d of %d\n", ne[0], nl[0], ne[1], nl[1])
	fa := 0
	for id, n := range bbc.falseAlarms {
		if !cs.isOff[id] {
			fa += n
		}
	}
	loud, info := 0, 0
	for id, c := range bbc.t.byRule {
		if !cs.isOff[id] {
			loud += c.loud
			info += c.info
		}
	}
	if cs.off != nil {
		fmt.Printf("\n(rules off by default, measured on their own and not counted above: %s)\n", strings.Join(cs.offIDs, ", "))
	}
	fmt.Printf("\nBBC (%d articles, default rules): %d warnings+errors, %d false alarms (not marked 'slip' in the review), %d infos\n",
		bbc.articles, loud, fa, info)
	if len(bbc.falseAlarms) > 0 {
		var ids []string
		for id, n := range bbc.falseAlarms {
			off := ""
			if cs.isOff[id] {
				off = " (off by default, not counted)"
			}
			ids = append(ids, fmt.Sprintf("%s %d%s", id, n, off))
		}
		sort.Strings(ids)
		fmt.Printf("  false alarms by rule: %s\n", strings.Join(ids, ", "))
	}

	fmt.Printf("\nMQM (mqm-ted-zhen, %d MT systems, %d MT segments, each target one document): %d warnings+errors, %d (%.1f%%) overlap an expert-marked error span (want >= 80%%)\n",
		len(mqm.systems), mqm.segs[0], mqm.loud[0], mqm.onSpan[0], pct(mqm.onSpan[0], mqm.loud[0]))
	fmt.Printf("  without the left-out rules: %d warnings+errors, %d (%.1f%%) on a span\n", mqm.accepted, mqm.acceptedOnSpan, pct(mqm.acceptedOnSpan, mqm.accepted))
	fmt.Printf("  human references (ref, refB, %d segments), apart: %d warnings+errors, %d on a span\n", mqm.segs[1], mqm.loud[1], mqm.onSpan[1])
	var ids []string
	for id := range mqm.byRule {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		return mqm.byRule[ids[i]] > mqm.byRule[ids[j]] || mqm.byRule[ids[i]] == mqm.byRule[ids[j]] && ids[i] < ids[j]
	})
	var parts []string
	for _, id := range ids {
		parts = append(parts, fmt.Sprintf("%s %d/%d", id, mqm.byRuleOnSpan[id], mqm.byRule[id]))
	}
	fmt.Printf("  by rule (on a span/all): %s\n", strings.Join(parts, ", "))

	fmt.Printf("\nSpinning yardstick: the PPS import (%s as --pack loads it: %d entries, %d stop-listed left out, %d rows without a text pattern)\n",
		filepath.Base(cs.ppsPath), cs.ppsReport.Loaded, cs.ppsReport.Stopped, len(cs.ppsReport.Skipped))
	fmt.Printf("  flags %d of %d lines (every system output, reference, .mt and .pe of wmt22-dev, wmt23-dev, mlqe-pe-dev);\n", sp.imported, nl[0]+nl[1])
	fmt.Printf("  the built-in spinning rules flag %d of them (%.1f%%) at any severity, %d (%.1f%%) with a warning or error (want >= 90%%)\n",
		sp.builtinAny, pct(sp.builtinAny, sp.imported), sp.builtinLoud, pct(sp.builtinLoud, sp.imported))
	if len(sp.missed) > 0 {
		var ms []string
		for k := range sp.missed {
			ms = append(ms, k)
		}
		sort.Slice(ms, func(i, j int) bool {
			return sp.missed[ms[i]] > sp.missed[ms[j]] || sp.missed[ms[i]] == sp.missed[ms[j]] && ms[i] < ms[j]
		})
		for i, k := range ms {
			ms[i] = fmt.Sprintf("%q %d", k, sp.missed[k])
		}
		fmt.Printf("  flagged by the import, by no built-in spinning rule (lines, by the first phrase): %s\n", strings.Join(ms, ", "))
	}
	fmt.Printf("  built-in spinning warnings+errors on BBC: %d in %d articles = %.2f per 200 articles (want <= 1)\n",
		bbc.spinLoud, bbc.articles, float64(bbc.spinLoud)*200/float64(bbc.articles))
}

// printRules lists the counted warnings and errors by rule of a pair.
func printRules(an string, a *tally, bn string, b *tally) {
	ids := map[string]bool{}
	for id, c := range a.byRule {
		if c.loud > 0 {
			ids[id] = true
		}
	}
	for id, c := range b.byRule {
		if c.loud > 0 {
			ids[id] = true
		}
	}
	var list []string
	for id := range ids {
		list = append(list, id)
	}
	sort.Strings(list)
	for _, id := range list {
		left := ""
		for _, x := range leftOut {
			if id == x || strings.HasPrefix(id, x+".") {
				left = " (left out)"
			}
		}
		fmt.Printf("      %-34s %s %5d (%6.2f)  %s %5d (%6.2f)%s\n", id, an, a.byRule[id].loud, per1000(a.byRule[id].loud, a.lines),
			bn, b.byRule[id].loud, per1000(b.byRule[id].loud, b.lines), left)
	}
}
