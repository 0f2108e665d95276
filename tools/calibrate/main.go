// Command calibrate measures how much more often each rule fires on
// machine-translated text than on clean human text and writes the weights
// of the MT-likelihood score (checker/score/weights.go). It prints the
// weights, then how well the score separates the groups: ROC AUC and score
// quantiles, on held-out halves and in-sample.
//
// Run it from the repository root:
//
//	go run ./tools/calibrate -corpora ../shared/corpora -out checker/score/weights.go
//
// The data (shared/corpora; see its README):
//
//   - human: bbc-news-dev, 1,438 BBC articles, one document each;
//   - machine: every system output of wmt23-dev (de, ja, uk into English)
//     and the seed article. WMT23 files are one segment a line with no
//     document ids, so lines are grouped into documents at headline-like
//     lines of the human reference (short, no closing punctuation) once a
//     document has 150 words, and at 1,000 words at most; every system and
//     the reference are cut at the same lines;
//   - reference: the WMT23 human references (refA), a third group, kept out
//     of the weights: they are human translations, some of them post-edited
//     or spun, so they are neither clean native news nor raw MT.
//
// Short texts: the opening of every human and machine document, cut at the
// first line end after 60 and after 150 words, is
// checked too, as a feed item or a short post would be. The openings are
// kept out of the rates; they choose the score's FullWords, the fewest
// words a text is counted as (see checker/score): the least value of
// fullGrid with which, held out, the fewest human openings score 40 or
// more. The grid stops at 800 words: beyond, the rates of typical articles
// (about 300 words) would give way to counts. The ROC AUCs of the
// openings, and of documents and openings pooled, are printed for each.
//
// Documents are split in two halves by index (the BBC article's, the WMT
// document's, so that the 15 translations of one source document fall in
// the same half). Weights fitted on one half are evaluated on the other,
// both ways; the weights written are fitted on all documents.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/score"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/builtin"
)

// The parameters of the fit, documented in checker/score.
const (
	// epsilon smooths the rates (per 1,000 words): a rule seen on neither
	// side gets weight ln(1) = 0 from the data.
	epsilon = 0.01
	// priorCount is how many findings a rule's measured weight is worth
	// as much as its severity prior at: w = (n·data + priorCount·prior)/(n+priorCount).
	priorCount = 10
	// scale: a total of 3 (a likelihood ratio of e³ ≈ 20 per 1,000 words
	// in favour of machine translation) scores 63.
	scale = 3.0
	// ruleCap: one rule alone takes a document to at most
	// 100 × (1 − e^(−2.75/3)) ≈ 60.
	ruleCap = 2.75
)

// priors are the weights of rules too seldom seen to measure, by severity.
var priors = map[rules.Severity]float64{rules.Error: 1.5, rules.Warning: 1.0, rules.Info: 0.3}

// openings are the word counts after which the short texts are cut.
var openings = []int{60, 150}

// fullGrid are the FullWords tried; 0 leaves score.MinWords alone.
var fullGrid = []int{0, 100, 150, 200, 250, 300, 400, 500, 600, 800}

type doc struct {
	// short is set on the opening of a document (see openings), which is
	// left out of the fit
	short bool
	group string // "human", "machine", "reference"
	set   string // "bbc", "de-en/ONLINE-B", "seed", …
	half  int
	name  string
	text  string
	// filled by the check
	words  int
	counts map[string]int
}

func main() {
	corpora := flag.String("corpora", "../shared/corpora", "the shared corpora folder")
	seed := flag.String("seed", "testdata/mt-article.txt", "the seed article (machine)")
	out := flag.String("out", "checker/score/weights.go", "the Go file to write the weights to; empty writes none")
	flag.Parse()
	if err := run(*corpora, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "calibrate:", err)
		os.Exit(1)
	}
}

func run(corpora, seed, out string) error {
	var docs []*doc
	bbc, err := loadBBC(filepath.Join(corpora, "bbc-news-dev"))
	if err != nil {
		return err
	}
	docs = append(docs, bbc...)
	wmt, err := loadWMT(filepath.Join(corpora, "wmt23-dev"))
	if err != nil {
		return err
	}
	docs = append(docs, wmt...)
	if b, err := os.ReadFile(seed); err == nil {
		docs = append(docs, &doc{group: "machine", set: "seed", name: seed, text: string(b)})
	} else {
		return err
	}
	for _, d := range slices.Clone(docs) {
		if d.group == "reference" {
			continue
		}
		for _, n := range openings {
			if t, ok := opening(d.text, n); ok {
				docs = append(docs, &doc{short: true, group: d.group, set: d.set, half: d.half,
					name: fmt.Sprintf("%s@%d", d.name, n), text: t})
			}
		}
	}
	if err := check(docs); err != nil {
		return err
	}
	cats, sevs := ruleInfo()

	count := map[string]int{}
	words := map[string]int{}
	for _, d := range docs {
		if d.short {
			count["short "+d.group]++
			continue
		}
		count[d.group]++
		words[d.group] += d.words
	}
	fmt.Printf("documents: human %d (%d words), machine %d (%d words), reference %d (%d words)\n\n",
		count["human"], words["human"], count["machine"], words["machine"], count["reference"], words["reference"])
	fmt.Printf("short openings (of %v words): human %d, machine %d\n\n", openings, count["short human"], count["short machine"])

	all := fit(docs, func(*doc) bool { return true }, cats, sevs)

	// FullWords: the best held-out pooled AUC.
	var halves [2]*score.Weights
	for half := range 2 {
		halves[half] = fit(docs, func(d *doc) bool { return d.half != half }, cats, sevs)
	}
	heldOut := func(full int) []*scored {
		var held []*scored
		for half := range 2 {
			w := withFull(halves[half], full)
			for _, d := range docs {
				if d.half == half {
					held = append(held, &scored{d: d, b: evaluate(w, d, cats)})
				}
			}
		}
		return held
	}
	fmt.Printf("%-12s %27s   %s\n", "", "held-out ROC AUC", "share scoring "+strconv.Itoa(alarm)+" or more")
	fmt.Printf("%-12s %8s %8s %8s   %8s %8s %8s %8s\n", "full words", "docs", "openings", "pooled", "human", "human@60", "human@150", "machine")
	best, bestAlarms := 0, math.Inf(1)
	for _, p := range fullGrid {
		held := heldOut(p)
		full, short, pooled := aucs(held)
		h, h60, h150, m := alarms(held)
		fmt.Printf("%12d %8.3f %8.3f %8.3f   %7.1f%% %7.1f%% %8.1f%% %7.1f%%\n", p, full, short, pooled, h, h60, h150, m)
		if h60+h150 < bestAlarms-1e-9 {
			best, bestAlarms = p, h60+h150
		}
	}
	all = withFull(all, best)
	fmt.Printf("full words: %d (the fewest with which the fewest human openings score %d or more)\n\n", best, alarm)
	printWeights(all)

	fmt.Println("\nheld-out (weights fitted on one half, scored on the other):")
	held := heldOut(best)
	report(held)
	fmt.Println("\nin-sample (the weights written, on all documents):")
	var ins []*scored
	for _, d := range docs {
		ins = append(ins, &scored{d: d, b: evaluate(all, d, cats)})
	}
	report(ins)
	for _, s := range ins {
		if s.d.set == "seed" && !s.d.short {
			fmt.Printf("\nseed article: score %d (total %.2f, %d words)\n", s.b.Score, s.b.Total, s.d.words)
		}
	}
	if out == "" {
		return nil
	}
	return os.WriteFile(out, goFile(all), 0o644)
}

// withFull returns a copy of w with FullWords full.
func withFull(w *score.Weights, full int) *score.Weights {
	out := *w
	out.FullWords = full
	return &out
}

// opening returns the start of text cut at the first line end after n
// words (never inside a paragraph, where a quotation may be open), and
// whether there is such an opening, shorter than the text and than 3n
// words.
func opening(text string, n int) (string, bool) {
	words, in := 0, false
	for i, r := range text {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			words++
		}
		in = !sp
		if words < n || !sp {
			continue
		}
		if r == '\n' {
			return text[:i+1], i+1 < len(strings.TrimRightFunc(text, unicode.IsSpace))
		}
		if words >= 3*n {
			return "", false // a paragraph too long to cut at its end
		}
	}
	return "", false
}

// alarm is the score from which a human text counts as a false alarm in the
// choice of FullWords.
const alarm = 40

// alarms returns the percentages of whole human documents, of their
// openings of 60 and 150 words and of whole machine documents that score
// alarm or more.
func alarms(s []*scored) (human, human60, human150, machine float64) {
	var n, k [4]int
	for _, x := range s {
		i := -1
		switch {
		case x.d.group == "human" && !x.d.short:
			i = 0
		case x.d.group == "human" && strings.HasSuffix(x.d.name, "@60"):
			i = 1
		case x.d.group == "human" && strings.HasSuffix(x.d.name, "@150"):
			i = 2
		case x.d.group == "machine" && !x.d.short:
			i = 3
		}
		if i < 0 {
			continue
		}
		n[i]++
		if x.b.Score >= alarm {
			k[i]++
		}
	}
	pct := func(i int) float64 { return 100 * float64(k[i]) / float64(max(n[i], 1)) }
	return pct(0), pct(1), pct(2), pct(3)
}

// aucs returns the ROC AUC machine vs human of the whole documents, of the
// openings, and of both pooled.
func aucs(s []*scored) (full, short, pooled float64) {
	var mf, hf, ms, hs []float64
	for _, x := range s {
		switch {
		case x.d.group == "machine" && x.d.short:
			ms = append(ms, x.b.Total)
		case x.d.group == "machine":
			mf = append(mf, x.b.Total)
		case x.d.group == "human" && x.d.short:
			hs = append(hs, x.b.Total)
		case x.d.group == "human":
			hf = append(hf, x.b.Total)
		}
	}
	return auc(mf, hf), auc(ms, hs), auc(append(slices.Clone(mf), ms...), append(slices.Clone(hf), hs...))
}

// loadBBC reads every article of the BBC corpus.
func loadBBC(dir string) ([]*doc, error) {
	paths, err := corpora.BBCArticles(dir)
	if err != nil {
		return nil, err
	}
	var docs []*doc
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		docs = append(docs, &doc{group: "human", set: "bbc", half: i % 2, name: p, text: string(b)})
	}
	return docs, nil
}

// loadWMT reads the WMT23 system outputs and references, grouped into
// documents at the reference's headline-like lines.
func loadWMT(dir string) ([]*doc, error) {
	pairs, err := corpora.WMT(dir, "de-en", "ja-en", "uk-en")
	if err != nil {
		return nil, err
	}
	var docs []*doc
	for _, p := range pairs {
		lp := p.Lang
		ref, err := corpora.ReadLines(p.References[0].Paths[0]) // refA, the only one
		if err != nil {
			return nil, err
		}
		cuts := boundaries(ref)
		docs = append(docs, group(ref, cuts, "reference", lp+"/"+p.References[0].Name)...)
		for _, h := range p.Systems {
			lines, err := corpora.ReadLines(h.Paths[0])
			if err != nil {
				return nil, err
			}
			if len(lines) != len(ref) {
				return nil, fmt.Errorf("%s: %d lines, the reference has %d", h.Paths[0], len(lines), len(ref))
			}
			docs = append(docs, group(lines, cuts, "machine", lp+"/"+h.Name)...)
		}
	}
	return docs, nil
}

// boundaries returns the line indexes where documents start.
func boundaries(ref []string) []int {
	cuts := []int{0}
	n := 0
	for i, l := range ref {
		w := len(strings.Fields(l))
		if i > 0 && (n >= 150 && headline(l) || n >= 1000) {
			cuts = append(cuts, i)
			n = 0
		}
		n += w
	}
	return cuts
}

// headline reports whether a line looks like a title: a few words, a
// capital first, no closing punctuation.
func headline(l string) bool {
	l = strings.TrimSpace(l)
	w := len(strings.Fields(l))
	if w == 0 || w > 14 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(l)
	last, _ := utf8.DecodeLastRuneInString(l)
	return unicode.IsUpper(first) && !strings.ContainsRune(".!?:;\"”’'…)", last)
}

func group(lines []string, cuts []int, grp, set string) []*doc {
	var docs []*doc
	for i, start := range cuts {
		end := len(lines)
		if i+1 < len(cuts) {
			end = cuts[i+1]
		}
		docs = append(docs, &doc{group: grp, set: set, half: i % 2, name: fmt.Sprintf("%s#%d", set, i),
			text: strings.Join(lines[start:end], "\n\n") + "\n"})
	}
	return docs
}

// check runs the default rules over every document, in parallel.
func check(docs []*doc) error {
	c, err := checker.New(checker.Config{NoScore: true})
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	next := make(chan *doc)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				res := c.CheckString(d.text)
				d.words = res.Words
				d.counts = map[string]int{}
				for _, f := range res.Findings {
					d.counts[f.Rule]++
				}
				d.text = ""
			}
		}()
	}
	for i, d := range docs {
		if i%2000 == 0 {
			fmt.Fprintf(os.Stderr, "checking %d/%d\n", i, len(docs))
		}
		next <- d
	}
	close(next)
	wg.Wait()
	return nil
}

// ruleInfo returns each built-in rule's category and default severity.
func ruleInfo() (map[string]string, map[string]rules.Severity) {
	cats := map[string]string{}
	sevs := map[string]rules.Severity{}
	for _, r := range builtin.Rules() {
		cats[r.ID] = string(r.Category)
		sevs[r.ID] = r.Severity
	}
	return cats, sevs
}

// fit computes the weights from the documents that keep accepts.
func fit(docs []*doc, keep func(*doc) bool, cats map[string]string, sevs map[string]rules.Severity) *score.Weights {
	var mw, hw float64
	mc, hc := map[string]int{}, map[string]int{} // by rule and by "cat:" category
	for _, d := range docs {
		if !keep(d) || d.group == "reference" || d.short {
			continue
		}
		c := hc
		if d.group == "machine" {
			mw += float64(d.words)
			c = mc
		} else {
			hw += float64(d.words)
		}
		for r, n := range d.counts {
			c[r] += n
			c["cat:"+cats[r]] += n
		}
	}
	w := &score.Weights{Scale: scale, Rules: map[string]score.Weight{}, Categories: map[string]score.Weight{}}
	catSev := map[string]rules.Severity{}
	for id, sev := range sevs {
		c := cats[id]
		catSev[c] = max(catSev[c], sev)
	}
	one := func(key string, sev rules.Severity) score.Weight {
		m := float64(mc[key]) * 1000 / mw
		h := float64(hc[key]) * 1000 / hw
		data := math.Max(0, math.Log((m+epsilon)/(h+epsilon)))
		n := float64(mc[key] + hc[key])
		wt := (n*data + priorCount*priors[sev]) / (n + priorCount)
		return score.Weight{Weight: round3(wt), Cap: ruleCap, Machine: round3(m), Human: round3(h),
			Fired: mc[key] + hc[key], Prior: n < priorCount}
	}
	for id, sev := range sevs {
		w.Rules[id] = one(id, sev)
	}
	for c, sev := range catSev {
		w.Categories[c] = one("cat:"+c, sev)
	}
	return w
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// evaluate scores one document with w.
func evaluate(w *score.Weights, d *doc, cats map[string]string) score.Breakdown {
	var fs []score.Finding
	for r, n := range d.counts {
		for range n {
			fs = append(fs, score.Finding{Rule: r, Category: cats[r]})
		}
	}
	return score.ComputeWith(w, fs, d.words)
}

type scored struct {
	d *doc
	b score.Breakdown
}

// report prints the AUCs and quantiles of scored documents.
func report(all []*scored) {
	full, short, pooled := aucs(all)
	var s []*scored
	for _, x := range all {
		if !x.d.short {
			s = append(s, x)
		}
	}
	by := map[string][]float64{}
	for _, x := range s {
		by[x.d.group] = append(by[x.d.group], x.b.Total)
		by["machine "+strings.SplitN(x.d.set, "/", 2)[0]] = append(by["machine "+strings.SplitN(x.d.set, "/", 2)[0]], x.b.Total)
	}
	fmt.Printf("  ROC AUC machine vs human (BBC):    %.3f\n", auc(by["machine"], by["human"]))
	fmt.Printf("  ROC AUC machine vs human, openings: %.3f; documents and openings pooled: %.3f (documents alone %.3f)\n", short, pooled, full)
	fmt.Printf("  ROC AUC reference vs human (BBC):  %.3f\n", auc(by["reference"], by["human"]))
	fmt.Printf("  ROC AUC machine vs reference:      %.3f\n", auc(by["machine"], by["reference"]))
	for _, lp := range []string{"de-en", "ja-en", "uk-en"} {
		var m []float64
		for _, x := range s {
			if x.d.group == "machine" && strings.HasPrefix(x.d.set, lp+"/") {
				m = append(m, x.b.Total)
			}
		}
		fmt.Printf("  ROC AUC machine %s vs human:     %.3f\n", lp, auc(m, by["human"]))
	}
	fmt.Printf("  %-10s %6s %6s %5s %5s %5s %5s %5s %5s %5s %5s\n", "group", "docs", "zero", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "max")
	for _, g := range []string{"human", "machine", "reference", "human@60", "machine@60", "human@150", "machine@150"} {
		var sc []int
		zero := 0
		for _, x := range all {
			name := x.d.group
			if x.d.short {
				_, n, _ := strings.Cut(x.d.name, "@")
				name += "@" + n
			}
			if name == g {
				sc = append(sc, x.b.Score)
				if x.b.Score == 0 {
					zero++
				}
			}
		}
		slices.Sort(sc)
		q := func(p float64) int {
			if len(sc) == 0 {
				return 0
			}
			return sc[min(len(sc)-1, int(p*float64(len(sc))))]
		}
		fmt.Printf("  %-10s %6d %5.1f%% %5d %5d %5d %5d %5d %5d %5d %5d\n", g, len(sc), 100*float64(zero)/float64(max(1, len(sc))),
			q(.10), q(.25), q(.50), q(.75), q(.90), q(.95), q(.99), q(1))
	}
}

// auc is the probability that a positive outscores a negative, ties
// counting half (Mann–Whitney).
func auc(pos, neg []float64) float64 {
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN()
	}
	type item struct {
		v   float64
		pos bool
	}
	all := make([]item, 0, len(pos)+len(neg))
	for _, v := range pos {
		all = append(all, item{v, true})
	}
	for _, v := range neg {
		all = append(all, item{v, false})
	}
	slices.SortFunc(all, func(a, b item) int { return cmp.Compare(a.v, b.v) })
	// rank sum of the positives, ties given their mean rank
	var rs float64
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].v == all[i].v {
			j++
		}
		mean := float64(i+j+1) / 2 // ranks i+1 … j
		for k := i; k < j; k++ {
			if all[k].pos {
				rs += mean
			}
		}
		i = j
	}
	np, nn := float64(len(pos)), float64(len(neg))
	return (rs - np*(np+1)/2) / (np * nn)
}

func printWeights(w *score.Weights) {
	fmt.Printf("%-36s %8s %8s %6s %7s %5s\n", "rule", "machine", "human", "fired", "weight", "")
	fmt.Printf("%-36s %8s %8s\n", "", "/1000w", "/1000w")
	ids := make([]string, 0, len(w.Rules))
	for id := range w.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		x := w.Rules[id]
		prior := ""
		if x.Prior {
			prior = "prior"
		}
		fmt.Printf("%-36s %8.3f %8.3f %6d %7.3f %5s\n", id, x.Machine, x.Human, x.Fired, x.Weight, prior)
	}
	cs := make([]string, 0, len(w.Categories))
	for c := range w.Categories {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	for _, c := range cs {
		x := w.Categories[c]
		fmt.Printf("%-36s %8.3f %8.3f %6d %7.3f\n", "category "+c, x.Machine, x.Human, x.Fired, x.Weight)
	}
	fmt.Printf("scale %.2f, full words %d, cap %.2f per rule\n", w.Scale, w.FullWords, ruleCap)
}

// goFile writes the weights as Go source.
func goFile(w *score.Weights) []byte {
	var b strings.Builder
	b.WriteString("// Code generated by tools/calibrate (go run ./tools/calibrate); DO NOT EDIT.\n\npackage score\n\n")
	b.WriteString("// Table holds the weights calibrated on shared/corpora: BBC news as human\n")
	b.WriteString("// text, WMT23 system outputs and the seed article as machine translation.\n")
	b.WriteString("// Machine and Human are each rule's findings per 1,000 words on those texts.\n")
	fmt.Fprintf(&b, "var Table = &Weights{\n\tScale: %g,\n\tFullWords: %d,\n\tRules: map[string]Weight{\n", w.Scale, w.FullWords)
	entry := func(k string, x score.Weight) {
		fmt.Fprintf(&b, "\t\t%q: {Weight: %g, Cap: %g, Machine: %g, Human: %g, Fired: %d, Prior: %t},\n", k, x.Weight, x.Cap, x.Machine, x.Human, x.Fired, x.Prior)
	}
	ids := make([]string, 0, len(w.Rules))
	for id := range w.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		entry(id, w.Rules[id])
	}
	b.WriteString("\t},\n\tCategories: map[string]Weight{\n")
	cs := make([]string, 0, len(w.Categories))
	for c := range w.Categories {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	for _, c := range cs {
		entry(c, w.Categories[c])
	}
	b.WriteString("\t},\n}\n")
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		panic(err) // a bug in this generator
	}
	return src
}
