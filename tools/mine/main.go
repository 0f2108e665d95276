// Command mine ranks the word n-grams that machine translation uses far more
// than human translators of the same text: candidates for calques and other
// MT-typical phrasing, to be reviewed by hand before any becomes a pack
// entry. Its output is a review list, never a pack.
//
// Run it from the repository root (or anywhere, with -corpora):
//
//	go run ./tools/mine -pair cs-en -top 200 -n 1-5 > /tmp/cs-en.md
//	go run ./tools/mine -pair ro-en -set mlqe -format tsv > /tmp/ro-en.tsv
//
// The data (shared/corpora; see its README): a WMT general-task pair
// (wmt22-dev cs-en, ru-en, zh-en; wmt23-dev de-en, ja-en, uk-en), every
// primary system's output against every human reference of the same
// segments; or an MLQE-PE pair (ro-en, ru-en, et-en; train and dev), the
// one NMT system's .mt against its human post-edit .pe. Both sides are
// split into lower-cased word tokens the same way (MLQE-PE is Moses-
// tokenized and is detokenized first with internal/moses: "don 't" is
// "don't"); numbers become {number}; n-grams do not span punctuation.
//
// The statistic is the weighted log-odds ratio with an informative
// Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"). For an
// n-gram w with counts y_mt and y_h in corpora of n_mt and n_h n-grams of
// its order, prior size a0 and prior count a = a0 × (y_mt+y_h)/(n_mt+n_h):
//
//	delta = log((y_mt+a)/(n_mt+a0−y_mt−a)) − log((y_h+a)/(n_h+a0−y_h−a))
//	z     = delta / sqrt(1/(y_mt+a) + 1/(y_h+a))
//
// Many systems translate the same sources, so MT counts and sizes are
// divided by the number of systems and human ones by the number of
// references: the MT side is one average system and is not favoured by its
// volume. A candidate must be used by -min-systems systems (capped at the
// number there are) in -min-lines segments; n-grams of stopwords only, and
// an n-gram whose every occurrence on both sides lies inside a longer one,
// are left out.
//
// Each candidate is printed with z, its MT count (per system, and the raw
// total), its human count (per reference), the number of systems and
// segments using it, and up to -examples aligned examples: the MT line and
// the human line of the same segment, cut around the n-gram. Examples come
// first from segments whose human side does not use the n-gram.
//
// With -measure PACK.yaml it mines nothing: it counts the matches of the
// pack's entries (those from -from-line on) on the BBC articles, on every
// system output and on the human side of every corpus (MLQE-PE detokenized
// as above), per 1,000 lines, and prints up to -show BBC and human matches under
// each entry for review:
//
//	go run ./tools/mine -measure rules/packs/idiom-time.yaml -from-line 600
//
// The review lists hold corpus text: do not commit them.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	corporaDir := flag.String("corpora", "../shared/corpora", "the shared corpora folder")
	pair := flag.String("pair", "", "language pair, e.g. cs-en (required)")
	set := flag.String("set", "", "wmt22, wmt23 or mlqe; default: the first of wmt23, wmt22, mlqe that has the pair")
	top := flag.Int("top", 200, "how many candidates to print")
	nRange := flag.String("n", "1-5", "n-gram orders, N or MIN-MAX")
	minSystems := flag.Int("min-systems", 3, "least number of MT systems that use a candidate (capped at the number of systems)")
	minLines := flag.Int("min-lines", 3, "least number of segments in which MT uses a candidate")
	a0 := flag.Float64("a0", 1000, "size of the Dirichlet prior a0; 0: each order's pooled corpus size (alpha_w = pooled count of w)")
	nExamples := flag.Int("examples", 2, "aligned examples per candidate")
	format := flag.String("format", "md", "md (Markdown) or tsv")
	sortBy := flag.String("sort", "z", "rank by z (the z-score: frequent and skewed first) or delta (the log-odds: MT-only phrases first, however rare)")
	width := flag.Int("width", 80, "bytes of context each side of the n-gram in examples")
	measurePack := flag.String("measure", "", "instead of mining: count the matches of the entries of this pack file on BBC, MT and human text")
	fromLine := flag.Int("from-line", 0, "with -measure: only the entries at or after this line of the pack file")
	show := flag.Int("show", 3, "with -measure: BBC and human matches to print under each entry")
	half := flag.String("half", "", "mine only the first or the second half of the segments (first|second), to check entries on the other half")
	flag.Parse()
	if *measurePack != "" {
		if err := measure(os.Stdout, *corporaDir, *measurePack, *fromLine, *show); err != nil {
			fmt.Fprintln(os.Stderr, "mine:", err)
			os.Exit(1)
		}
		return
	}
	if *pair == "" {
		fmt.Fprintln(os.Stderr, "mine: -pair is required, e.g. -pair cs-en")
		os.Exit(2)
	}
	minN, maxN, err := parseRange(*nRange)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mine:", err)
		os.Exit(2)
	}
	c, err := loadCorpus(*corporaDir, *pair, *set)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mine:", err)
		os.Exit(1)
	}
	if err := c.keepHalf(*half); err != nil {
		fmt.Fprintln(os.Stderr, "mine:", err)
		os.Exit(2)
	}
	if *sortBy != "z" && *sortBy != "delta" {
		fmt.Fprintln(os.Stderr, "mine: -sort must be z or delta")
		os.Exit(2)
	}
	o := options{minN: minN, maxN: maxN, minSystems: *minSystems, minLines: *minLines, a0: *a0, byDelta: *sortBy == "delta"}
	res := mine(c, o, *top, *nExamples)
	switch *format {
	case "md":
		writeMarkdown(os.Stdout, c, o, res, *width)
	case "tsv":
		writeTSV(os.Stdout, res, *width)
	default:
		fmt.Fprintln(os.Stderr, "mine: -format must be md or tsv")
		os.Exit(2)
	}
}

// parseRange reads "3" or "1-5".
func parseRange(s string) (lo, hi int, err error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		b = a
	}
	lo, err1 := strconv.Atoi(a)
	hi, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || lo < 1 || hi < lo || hi > 8 {
		return 0, 0, fmt.Errorf("bad -n %q: want N or MIN-MAX within 1-8", s)
	}
	return lo, hi, nil
}

func writeMarkdown(w io.Writer, c *corpus, o options, res *result, width int) {
	fmt.Fprintf(w, "# MT-typical n-grams: %s\n\n", c.name)
	fmt.Fprintf(w, "%d segments; MT: %d systems (%s); human: %s. Orders %d-%d, %d distinct MT n-grams; ",
		c.segments(), len(c.systems), strings.Join(c.systems, ", "), strings.Join(c.humans, ", "), o.minN, o.maxN, res.grams)
	fmt.Fprintf(w, "candidates used by >= %d systems in >= %d segments. Counts: MT per system (raw total), human per reference.\n\n",
		min(o.minSystems, len(c.systems)), o.minLines)
	for i, g := range res.candidates {
		fmt.Fprintf(w, "%d. **%s** z=%.2f delta=%.2f MT=%.1f (%d) human=%.1f systems=%d/%d segments=%d human-segments=%d\n",
			i+1, g.key, g.z, g.delta, g.yMT, g.mt, g.yH, g.systems, len(c.systems), g.segments, g.humanSegs)
		for _, ex := range g.examples {
			mark := ""
			if ex.humanHas {
				mark = " (human has it too)"
			}
			fmt.Fprintf(w, "   - MT %s #%s: %s\n", ex.system, ex.segment, snippet(ex.mtLine, ex.start, ex.end, width, "**"))
			fmt.Fprintf(w, "     %s%s: %s\n", ex.human, mark, humanSnippet(ex, width))
		}
	}
}

func writeTSV(w io.Writer, res *result, width int) {
	fmt.Fprintln(w, "rank\tngram\tz\tdelta\tmt_per_system\tmt_total\thuman_per_ref\tsystems\tsegments\thuman_segments\tex1_mt\tex1_human\tex2_mt\tex2_human")
	for i, g := range res.candidates {
		fmt.Fprintf(w, "%d\t%s\t%.2f\t%.2f\t%.1f\t%d\t%.1f\t%d\t%d\t%d", i+1, g.key, g.z, g.delta, g.yMT, g.mt, g.yH, g.systems, g.segments, g.humanSegs)
		for j := range 2 {
			if j < len(g.examples) {
				ex := g.examples[j]
				fmt.Fprintf(w, "\t%s #%s: %s\t%s", ex.system, ex.segment, tsvClean(snippet(ex.mtLine, ex.start, ex.end, width, "**")), tsvClean(humanSnippet(ex, width)))
			} else {
				fmt.Fprint(w, "\t\t")
			}
		}
		fmt.Fprintln(w)
	}
}

func tsvClean(s string) string { return strings.NewReplacer("\t", " ", "\n", " ").Replace(s) }

// snippet cuts line to width bytes either side of [start,end), with the
// n-gram between mark and "…" where the line was cut.
func snippet(line string, start, end, width int, mark string) string {
	a := max(0, start-width)
	b := min(len(line), end+width)
	for a > 0 && !utf8.RuneStart(line[a]) {
		a--
	}
	for b < len(line) && !utf8.RuneStart(line[b]) {
		b++
	}
	var sb strings.Builder
	if a > 0 {
		sb.WriteString("…")
	}
	sb.WriteString(line[a:start])
	sb.WriteString(mark)
	sb.WriteString(line[start:end])
	sb.WriteString(mark)
	sb.WriteString(line[end:b])
	if b < len(line) {
		sb.WriteString("…")
	}
	return sb.String()
}

// humanSnippet cuts the human line around the place that corresponds, in
// proportion, to the n-gram's in the MT line.
func humanSnippet(ex example, width int) string {
	h := ex.humanLine
	if len(ex.mtLine) == 0 || len(h) <= 2*width+(ex.end-ex.start) {
		return h
	}
	mid := (ex.start + ex.end) / 2 * len(h) / len(ex.mtLine)
	half := width + (ex.end-ex.start)/2
	return snippet(h, max(0, mid-half+width), min(len(h), mid+half-width), width, "")
}
