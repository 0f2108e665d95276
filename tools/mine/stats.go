package main

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
)

// options are the mining parameters.
type options struct {
	minN, maxN int
	// minSystems: an n-gram used by fewer MT systems is no candidate
	// (capped at the number of systems: MLQE-PE has one).
	minSystems int
	// minLines: an n-gram in fewer segments of the MT side is no candidate.
	minLines int
	// a0 is the size of the Dirichlet prior; 0 takes the pooled corpus
	// size of each n-gram order, so that alpha_w is w's pooled count.
	a0 float64
	// byDelta ranks by the log-odds delta instead of its z-score: phrases
	// that MT uses and humans almost never, however rare, come first.
	byDelta bool
}

// gram is one n-gram's counts and score.
type gram struct {
	key      string
	order    int
	mt, h    int // raw counts: summed over all systems, all human sides
	systems  int // how many MT systems use it
	segments int // in how many segments some system uses it
	// yMT and yH are the normalised counts: per system, per human side.
	yMT, yH  float64
	delta, z float64

	sysmask   uint64
	lastSeg   int
	subsumed  bool
	examples  []example
	humanSegs int // in how many segments some human side uses it
	lastHSeg  int
}

// example is one aligned occurrence: the MT line that uses the n-gram and
// the human line of the same segment.
type example struct {
	system, human string
	segment       string
	mtLine        string
	start, end    int // the n-gram's bytes in mtLine
	humanLine     string
	humanHas      bool // the human line has the n-gram too
}

// result is the ranked candidates and the totals they were scored on.
type result struct {
	candidates []*gram
	// nMT and nH are the normalised numbers of n-grams of each order.
	nMT, nH []float64
	grams   int // distinct n-grams on the MT side
}

// logOdds is the weighted log-odds ratio of Monroe, Colaresi & Quinn
// (2008) with an informative Dirichlet prior: y are an n-gram's counts in
// the two corpora, n the corpora sizes, a its prior count and a0 the prior
// size. It returns the log-odds difference delta and its z-score.
func logOdds(yMT, nMT, yH, nH, a, a0 float64) (delta, z float64) {
	delta = math.Log((yMT+a)/(nMT+a0-yMT-a)) - math.Log((yH+a)/(nH+a0-yH-a))
	return delta, delta / math.Sqrt(1/(yMT+a)+1/(yH+a))
}

// eachGram calls f with every n-gram of orders minN..maxN of toks that
// does not span punctuation: its key (the words joined by spaces), its
// order and the index of its first token.
func eachGram(toks []token, minN, maxN int, f func(key string, order, first int)) {
	var b strings.Builder
	for j := range toks {
		b.Reset()
		for k := 1; k <= maxN && j+k <= len(toks); k++ {
			if k > 1 {
				if toks[j+k-1].brk {
					break
				}
				b.WriteByte(' ')
			}
			b.WriteString(toks[j+k-1].word)
			if k >= minN {
				f(b.String(), k, j)
			}
		}
	}
}

// mine counts the n-grams of both sides of c and returns the top
// candidates, best first, with up to nExamples aligned examples each.
func mine(c *corpus, o options, top, nExamples int) *result {
	S, R := len(c.mt), len(c.human)
	mtToks := make([][][]token, S)
	for s := range c.mt {
		mtToks[s] = make([][]token, c.segments())
		for i, l := range c.mt[s] {
			mtToks[s][i] = tokenize(l)
		}
	}
	counts := map[string]*gram{}
	totMT := make([]float64, o.maxN+1)
	totH := make([]float64, o.maxN+1)
	for i := range c.segments() {
		for s := range S {
			eachGram(mtToks[s][i], o.minN, o.maxN, func(key string, order, _ int) {
				totMT[order]++
				g := counts[key]
				if g == nil {
					g = &gram{key: key, order: order}
					counts[key] = g
				}
				g.mt++
				if s < 64 {
					g.sysmask |= 1 << s
				}
				if g.lastSeg != i+1 {
					g.segments++
					g.lastSeg = i + 1
				}
			})
		}
		for r := range R {
			eachGram(tokenize(c.human[r][i]), o.minN, o.maxN, func(key string, order, _ int) {
				totH[order]++
				if g := counts[key]; g != nil {
					g.h++
					if g.lastHSeg != i+1 {
						g.humanSegs++
						g.lastHSeg = i + 1
					}
				}
			})
		}
	}
	res := &result{nMT: make([]float64, o.maxN+1), nH: make([]float64, o.maxN+1), grams: len(counts)}
	for k := range totMT {
		res.nMT[k] = totMT[k] / float64(S)
		res.nH[k] = totH[k] / float64(R)
	}
	minSystems := min(o.minSystems, S)
	var cands []*gram
	for _, g := range counts {
		// A shorter n-gram whose every occurrence, on both sides, is part
		// of this one says nothing more.
		if g.order > 1 && g.order > o.minN {
			words := strings.Fields(g.key)
			for _, sub := range []string{strings.Join(words[:len(words)-1], " "), strings.Join(words[1:], " ")} {
				if p := counts[sub]; p != nil && p.mt == g.mt && p.h == g.h {
					p.subsumed = true
				}
			}
		}
		g.systems = bits.OnesCount64(g.sysmask)
		g.yMT = float64(g.mt) / float64(S)
		g.yH = float64(g.h) / float64(R)
		nMT, nH := res.nMT[g.order], res.nH[g.order]
		a0 := o.a0
		if a0 <= 0 {
			a0 = nMT + nH
		}
		a := a0 * (g.yMT + g.yH) / (nMT + nH)
		g.delta, g.z = logOdds(g.yMT, nMT, g.yH, nH, a, a0)
	}
	for _, g := range counts {
		if g.subsumed || g.z <= 0 || g.systems < minSystems || g.segments < o.minLines {
			continue
		}
		if allStopwords(strings.Fields(g.key)) {
			continue
		}
		cands = append(cands, g)
	}
	slices.SortFunc(cands, func(a, b *gram) int {
		ka, kb := a.z, b.z
		if o.byDelta {
			ka, kb = a.delta, b.delta
		}
		if c := cmp.Compare(kb, ka); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	if top > 0 && len(cands) > top {
		cands = cands[:top]
	}
	res.candidates = cands
	if nExamples > 0 {
		addExamples(c, mtToks, cands, o, nExamples)
	}
	return res
}

// addExamples finds up to n aligned examples of each candidate, each from
// another segment, preferring segments whose human side does not use the
// n-gram (they show what a human wrote instead) and varying the systems.
func addExamples(c *corpus, mtToks [][][]token, cands []*gram, o options, n int) {
	want := map[string]*gram{}
	for _, g := range cands {
		want[g.key] = g
	}
	fallback := map[*gram][]example{}
	S := len(c.mt)
	for i := range c.segments() {
		humanHas := map[string]bool{}
		for r := range c.human {
			eachGram(tokenize(c.human[r][i]), o.minN, o.maxN, func(key string, _, _ int) {
				if want[key] != nil {
					humanHas[key] = true
				}
			})
		}
		seen := map[*gram]bool{}
		for k := range S {
			s := (i + k) % S // rotate, so that examples come from several systems
			toks := mtToks[s][i]
			eachGram(toks, o.minN, o.maxN, func(key string, order, first int) {
				g := want[key]
				if g == nil || seen[g] || len(g.examples) >= n {
					return
				}
				seen[g] = true
				ex := example{
					system: c.systems[s], human: c.humans[0], segment: c.segmentIDs[i],
					mtLine: c.mt[s][i], start: toks[first].start, end: toks[first+order-1].end,
					humanLine: c.human[0][i], humanHas: humanHas[key],
				}
				if ex.humanHas {
					if len(fallback[g]) < n {
						fallback[g] = append(fallback[g], ex)
					}
					return
				}
				g.examples = append(g.examples, ex)
			})
		}
	}
	for _, g := range cands {
		for _, ex := range fallback[g] {
			if len(g.examples) < n {
				g.examples = append(g.examples, ex)
			}
		}
	}
}
