package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/internal/corpora"
)

func TestLogOddsHandComputed(t *testing.T) {
	// y_mt=10 of n_mt=100, y_h=2 of n_h=100, a0=10: a = 10·12/200 = 0.6;
	// delta = ln(10.6/99.4) − ln(2.6/107.4) = 1.48275,
	// z = delta / sqrt(1/10.6 + 1/2.6) = 2.14250.
	delta, z := logOdds(10, 100, 2, 100, 0.6, 10)
	if math.Abs(delta-1.48275) > 1e-4 || math.Abs(z-2.14250) > 1e-4 {
		t.Errorf("logOdds = %.5f, %.5f; want 1.48275, 2.14250", delta, z)
	}
	// Symmetric: the same counts the other way round give the opposite sign.
	d2, z2 := logOdds(2, 100, 10, 100, 0.6, 10)
	if math.Abs(d2+delta) > 1e-9 || math.Abs(z2+z) > 1e-9 {
		t.Errorf("reversed: %.5f, %.5f; want %.5f, %.5f", d2, z2, -delta, -z)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		line string
		want string // words joined by spaces, "|" before a token that follows punctuation
	}{
		{"He didn't go.", "he didn't go"},
		{"it's a well-known fact", "it's a well-known fact"},
		{"It’s 3.5 and 100,000 units", "it's {number} and {number} units"},
		{"first, second; third", "first |second |third"},
		{`"Quoted" text`, "quoted |text"},
		{"'s alone", "s alone"},
		{"Zürich's long-term plan", "zürich's long-term plan"},
	}
	for _, tt := range tests {
		var parts []string
		for i, tok := range tokenize(tt.line) {
			w := tok.word
			if tok.brk && i > 0 {
				w = "|" + w
			}
			parts = append(parts, w)
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("tokenize(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
	// Spans point at the words in the line.
	line := "He didn't go to Zürich."
	for _, tok := range tokenize(line) {
		if got := strings.ToLower(line[tok.start:tok.end]); got != tok.word {
			t.Errorf("span %d-%d = %q, want %q", tok.start, tok.end, line[tok.start:tok.end], tok.word)
		}
	}
}

// synthetic builds a corpus of 3 systems and one human side over 40
// segments. The systems write "in the frame of" in segments 0, 5, 10, …
// where the human writes "as part of"; elsewhere both write the same
// sentence, except that only system 0 writes "quite frankly" in every
// segment, and all sides vary their wording by segment.
func synthetic() *corpus {
	c := &corpus{name: "synthetic", systems: []string{"s0", "s1", "s2"}, humans: []string{"ref"}}
	c.mt = make([][]string, 3)
	c.human = make([][]string, 1)
	nouns := []string{"budget", "school", "bridge", "harbour", "museum", "railway", "hospital", "library"}
	for i := range 40 {
		noun := nouns[i%len(nouns)]
		obj := []string{"the reform", "a new law", "its review", "this year's budget"}[(i/5)%4]
		h := fmt.Sprintf("Segment %d: the council approved the %s plan.", i, noun)
		if i%5 == 0 {
			h = fmt.Sprintf("Segment %d: as part of %s, the council approved the %s plan.", i, obj, noun)
		}
		c.human[0] = append(c.human[0], h)
		for s := range 3 {
			m := fmt.Sprintf("Segment %d: the council approved the %s plan.", i, noun)
			if i%5 == 0 {
				m = fmt.Sprintf("Segment %d: in the frame of %s, the council approved the %s plan.", i, obj, noun)
			}
			if s == 0 {
				m += " Quite frankly, it was late."
			}
			c.mt[s] = append(c.mt[s], m)
		}
		c.segmentIDs = append(c.segmentIDs, fmt.Sprint(i+1))
	}
	return c
}

func TestSeededNgramRanksFirst(t *testing.T) {
	c := synthetic()
	o := options{minN: 1, maxN: 5, minSystems: 2, minLines: 3, a0: 100}
	res := mine(c, o, 20, 2)
	if len(res.candidates) == 0 {
		t.Fatal("no candidates")
	}
	if got := res.candidates[0].key; got != "in the frame of" {
		var keys []string
		for _, g := range res.candidates {
			keys = append(keys, fmt.Sprintf("%s %.2f", g.key, g.z))
		}
		t.Fatalf("first candidate %q, want %q; all: %v", got, "in the frame of", keys)
	}
	g := res.candidates[0]
	if g.mt != 24 || g.h != 0 || g.systems != 3 || g.segments != 8 {
		t.Errorf("counts mt=%d h=%d systems=%d segments=%d, want 24 0 3 8", g.mt, g.h, g.systems, g.segments)
	}
	if math.Abs(g.yMT-8) > 1e-9 {
		t.Errorf("per-system MT count %.2f, want 8", g.yMT)
	}
	for _, cand := range res.candidates {
		switch cand.key {
		case "frame", "the frame", "frame of", "in the frame", "the frame of":
			// every occurrence lies inside "in the frame of", on both sides
			t.Errorf("%q listed though subsumed by %q", cand.key, "in the frame of")
		case "quite frankly", "frankly", "quite":
			t.Errorf("%q listed though only one system of 3 uses it (min 2)", cand.key)
		case "in the", "of the":
			t.Errorf("stopword-only %q listed", cand.key)
		}
		if cand.z <= 0 {
			t.Errorf("%q listed with z=%.2f", cand.key, cand.z)
		}
	}
	// With one system required, "quite frankly" is in.
	o.minSystems = 1
	found := false
	for _, cand := range mine(c, o, 0, 0).candidates {
		found = found || cand.key == "quite frankly"
	}
	if !found {
		t.Error(`"quite frankly" missing with -min-systems 1`)
	}
}

func TestExamplesAligned(t *testing.T) {
	c := synthetic()
	// The human side of segment 1 also uses the phrase: an example must
	// come first from a segment whose human line does not.
	c.human[0][0] = strings.Replace(c.human[0][0], "as part of", "in the frame of", 1)
	res := mine(c, options{minN: 1, maxN: 5, minSystems: 2, minLines: 3, a0: 100}, 1, 2)
	g := res.candidates[0]
	if g.key != "in the frame of" || len(g.examples) != 2 {
		t.Fatalf("candidate %q with %d examples, want %q with 2", g.key, len(g.examples), "in the frame of")
	}
	systems := map[string]bool{}
	for _, ex := range g.examples {
		if ex.humanHas || ex.segment == "1" {
			t.Errorf("example from segment %s, whose human line has the n-gram", ex.segment)
		}
		prefix := "Segment " + fmt.Sprint(mustAtoi(t, ex.segment)-1) + ":"
		if !strings.HasPrefix(ex.mtLine, prefix) || !strings.HasPrefix(ex.humanLine, prefix) {
			t.Errorf("segment %s: MT %q and human %q are not that segment's", ex.segment, ex.mtLine, ex.humanLine)
		}
		if got := strings.ToLower(ex.mtLine[ex.start:ex.end]); got != "in the frame of" {
			t.Errorf("span %q, want the n-gram", got)
		}
		if s := snippet(ex.mtLine, ex.start, ex.end, 10, "**"); !strings.Contains(s, "**in the frame of**") || !strings.HasPrefix(s, "…") {
			t.Errorf("snippet %q: want the marked n-gram, cut at the start", s)
		}
		if !strings.Contains(humanSnippet(ex, 80), "as part of") {
			t.Errorf("human snippet %q lacks the human rendering", humanSnippet(ex, 80))
		}
		systems[ex.system] = true
	}
	if len(systems) != 2 {
		t.Errorf("examples from systems %v, want two different systems", systems)
	}
}

func mustAtoi(t *testing.T, s string) int {
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoadCorpora(t *testing.T) {
	wmt := corpora.Dir(t, "wmt22-dev")
	base := filepath.Dir(wmt)
	c, err := loadCorpus(base, "cs-en", "")
	if err != nil {
		t.Fatal(err)
	}
	// wmt22-dev cs-en: 1,448 segments, references B and C, 11 systems.
	if c.segments() != 1448 || len(c.humans) != 2 || len(c.systems) != 11 || c.humans[0] != "B" {
		t.Errorf("cs-en: %d segments, humans %v, %d systems; want 1448, [B C], 11", c.segments(), c.humans, len(c.systems))
	}
	corpora.Dir(t, "mlqe-pe-dev")
	m, err := loadCorpus(base, "ro-en", "mlqe")
	if err != nil {
		t.Fatal(err)
	}
	if m.segments() != 8000 || len(m.mt) != 1 || m.segmentIDs[7000] != "dev:1" {
		t.Errorf("ro-en: %d segments, %d systems, id %s; want 8000, 1, dev:1", m.segments(), len(m.mt), m.segmentIDs[7000])
	}
	// MLQE-PE is Moses-tokenized: both sides are read detokenized.
	for _, side := range [][]string{m.mt[0], m.human[0]} {
		for i, l := range side {
			if strings.Contains(l, " @-@ ") || strings.Contains(l, "&quot;") || strings.Contains(l, " , ") {
				t.Fatalf("ro-en segment %s is not detokenized", m.segmentIDs[i])
			}
		}
	}
	if _, err := loadCorpus(base, "xx-en", ""); err == nil {
		t.Error("xx-en: no error")
	}
}

func TestMeasure(t *testing.T) {
	wmt := corpora.Dir(t, "wmt23-dev")
	corpora.Dir(t, "bbc-news-dev")
	corpora.Dir(t, "mlqe-pe-dev")
	corpora.Dir(t, "wmt22-dev")
	pack := filepath.Join(t.TempDir(), "probe.yaml")
	yaml := `pack: probe
category: idiom
severity: warning
doc: probe
explanation: probe
entries:
  - pattern: "armed forces of ukraine"
    message: probe
  - pattern: "xyzzy plugh"
    message: never
`
	if err := os.WriteFile(pack, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := measure(&out, filepath.Dir(wmt), pack, 0, 1); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	var armed, never string
	for _, l := range lines {
		if strings.Contains(l, "\tarmed forces of ukraine\t") {
			armed = l
		}
		if strings.Contains(l, "\txyzzy plugh\t") {
			never = l
		}
	}
	if !strings.Contains(armed, "wmt23 uk-en") || strings.Contains(armed, "MT 0\t") {
		t.Errorf("armed forces of ukraine: %q, want MT matches in wmt23 uk-en", armed)
	}
	if !strings.Contains(never, "BBC 0\tMT 0\thuman 0\t") {
		t.Errorf("xyzzy plugh: %q, want no matches", never)
	}
}

func TestSortByDelta(t *testing.T) {
	c := synthetic()
	// A rarer MT-only phrase: systems 1 and 2 write "in the optic of" in
	// segments 3, 13, 23 and 33, where the human writes "with a view to".
	for _, i := range []int{3, 13, 23, 33} {
		c.human[0][i] += " It was done with a view to savings."
		for s := 1; s < 3; s++ {
			c.mt[s][i] += " It was done in the optic of savings."
		}
	}
	o := options{minN: 1, maxN: 5, minSystems: 2, minLines: 3, a0: 100}
	byZ := mine(c, o, 0, 0).candidates
	o.byDelta = true
	byDelta := mine(c, o, 0, 0).candidates
	rank := func(cands []*gram, key string) int {
		for i, g := range cands {
			if g.key == key {
				return i
			}
		}
		return -1
	}
	for i := 1; i < len(byDelta); i++ {
		if byDelta[i].delta > byDelta[i-1].delta {
			t.Fatalf("by delta: %q (%.2f) after %q (%.2f)", byDelta[i].key, byDelta[i].delta, byDelta[i-1].key, byDelta[i-1].delta)
		}
	}
	zr, dr := rank(byZ, "in the optic of savings"), rank(byDelta, "in the optic of savings")
	t.Logf("rank by z %d, by delta %d", zr, dr)
	if zr < 0 || dr < 0 {
		t.Fatalf("phrase missing: rank by z %d, by delta %d", zr, dr)
	}
	if dr > zr {
		t.Errorf("the rare MT-only phrase ranks %d by delta, lower than %d by z", dr, zr)
	}
	if rank(byZ, "in the frame of") != 0 {
		t.Errorf("by z, the frequent seeded phrase is not first")
	}
}

func TestKeepHalf(t *testing.T) {
	for _, tc := range []struct {
		half      string
		wantIDs   []string
		wantFirst string
		err       bool
	}{
		{"", []string{"1", "2", "3", "4", "5"}, "m1", false},
		{"first", []string{"1", "2"}, "m1", false},
		{"second", []string{"3", "4", "5"}, "m3", false},
		{"middle", nil, "", true},
	} {
		c := &corpus{
			segmentIDs: []string{"1", "2", "3", "4", "5"},
			mt:         [][]string{{"m1", "m2", "m3", "m4", "m5"}},
			human:      [][]string{{"h1", "h2", "h3", "h4", "h5"}},
		}
		err := c.keepHalf(tc.half)
		if (err != nil) != tc.err {
			t.Errorf("keepHalf(%q) error %v, want error %v", tc.half, err, tc.err)
			continue
		}
		if tc.err {
			continue
		}
		if strings.Join(c.segmentIDs, ",") != strings.Join(tc.wantIDs, ",") || c.mt[0][0] != tc.wantFirst ||
			len(c.mt[0]) != len(tc.wantIDs) || len(c.human[0]) != len(tc.wantIDs) || c.human[0][0] != "h"+tc.wantFirst[1:] {
			t.Errorf("keepHalf(%q): ids %v, mt %v, human %v", tc.half, c.segmentIDs, c.mt[0], c.human[0])
		}
	}
}
