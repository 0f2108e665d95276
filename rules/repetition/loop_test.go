package repetition

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules/rulestest"
)

func TestLoop(t *testing.T) {
	runTable(t, Loop, []tableCase{
		{"word", "The kit ships with a spare filter filter filter for the pump.",
			[]finding{{"filter filter filter", "filter", "3 times"}}},
		{"phrase", "Most pupils do not seek advice at all at all at all at all, and fail.",
			[]finding{{"at all at all at all at all", "at all", "4 times"}}},
		{"commas", "It was a very thin, very thin, very thin, very thin phone by any standard.",
			[]finding{{"very thin, very thin, very thin, very thin", "very thin", "4 times"}}},
		{"long unit", "He met the head of the council the head of the council the head of the council in May.",
			[]finding{{"the head of the council the head of the council the head of the council", "the head of the council", "3 times"}}},
		{"whole line", "Logo Logo Logo Logo Logo Logo Logo Logo Logo",
			[]finding{{"Logo Logo Logo Logo Logo Logo Logo Logo Logo", "Logo", "9 times"}}},
		{"one a sentence", "The pump pump pump and the hose hose hose were both faulty in the end.",
			[]finding{{"pump pump pump", "pump", "3 times"}}},
		{"emphatic flood", "And then: " + strings.Repeat("go, ", 20) + "go.",
			[]finding{{strings.Repeat("go, ", 20) + "go", "go", "21 times"}}},
		// negatives
		{"two copies", "Prices rose and rose again in the spring of that year.", nil},
		{"intensifier", "It was a very, very, very tight race in the end, he said.", nil},
		{"tricolon", "The three rules of the trade are \"price, price, price\", he said on Monday.", nil},
		{"stammer", "Well, I can't, I can't, I can't say that to the board today.", nil},
		{"chant", "We go in, we go in, we go in.", nil},
		{"song", "La la la la la la la la la", nil},
		{"sound", "Rumble rumble rumble rumble rumble rumble rumble.", nil},
		{"numbers", "The code is 4 4 4 4 and the pin is 1, 1, 1 for all the staff members.", nil},
		{"across sentences", "Stop. Stop. Stop. The police shouted at the driver twice.", nil},
		{"on and on", "They talked on and on and on about the budget for hours.", nil},
	})
}

// TestLoopLinear runs the rule over long runs of what it compares most:
// equal words and units of every length up to the longest.
func TestLoopLinear(t *testing.T) {
	for _, unit := range []string{"word ", "a b ", "x, ", "the head of the old council, ", "a b c d e f g h i j k l m "} {
		rulestest.Check(t, strings.Repeat(unit, 100_000/len(unit)), Loop)
	}
}

// mayLoop is the digest test that loopAt makes first for each unit length
// n: the token whose prefix digest is p[0] comes back, by its digest, n and
// 2n tokens on, within the sentence (p ends with it) and for n up to
// loopUnitTokens (p has at most 2*loopUnitTokens+1 digests). A token that
// fails it has no loop.
func mayLoop(p []uint16) bool {
	d := p[0]
	for n := 1; 2*n < len(p); n++ {
		if p[n] == d && p[2*n] == d {
			return true
		}
	}
	return false
}

// TestRepeatCandidatesKeepMayLoop checks that repeatCandidates keeps every
// token that mayLoop passes, over random digests of few values (so that
// repeats are common) and of many (so that the buckets collide), in
// sentences of every length: the candidates may only spare loopAt its
// work, never change what the rule finds.
func TestRepeatCandidatesKeepMayLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, values := range []int{2, 5, 40, 300, 1 << 16} {
		pre := make([]uint16, 20000)
		for i := range pre {
			pre[i] = uint16(rng.IntN(values))
		}
		cands := repeatCandidates(pre, make([]int32, len(pre)))
		for c := 1; c < len(cands); c++ {
			if cands[c] >= cands[c-1] {
				t.Fatalf("%d values: candidates not last first at %d", values, c)
			}
		}
		passed := 0
		for first := 0; first < len(pre); {
			r := document.Range{First: first, Last: min(len(pre), first+1+rng.IntN(40))}
			first = r.Last
			for i := r.First; i < r.Last; i++ {
				if mayLoop(pre[i:min(i+1+2*loopUnitTokens, r.Last)]) {
					passed++
					if !slices.Contains(cands, int32(i)) {
						t.Fatalf("%d values: token %d of %v: mayLoop passes it, repeatCandidates leaves it out", values, i, r)
					}
				}
			}
		}
		if values >= 300 && len(cands) > len(pre)/2 {
			t.Errorf("%d values: %d candidates of %d tokens", values, len(cands), len(pre))
		}
		if values <= 5 && passed == 0 {
			t.Errorf("%d values: mayLoop passed no token: the test tests nothing", values)
		}
	}
}
