package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/rules/packs"
)

// writeFiles writes name -> content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fakeWordNet writes a tiny database in WordNet's format: synsets
// {rate, pace}, {conference, meeting, group}, {press, crush}, {interest,
// stake} and {bigot, hothead}, the last with an offensive gloss.
func fakeWordNet(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"index.noun": "  licence header line\n" +
			"conference n 1 0 1 0 00000002\n" +
			"interest n 1 0 1 0 00000004\n" +
			"press n 1 0 1 0 00000003\n" +
			"rate n 1 0 1 0 00000001\n" +
			"bigot n 1 0 1 0 00000005\n",
		"data.noun": "  licence header line\n" +
			"00000001 00 n 02 rate 0 pace 0 000 | a quantity per unit\n" +
			"00000002 00 n 03 conference 0 meeting 0 group 0 000 | a prearranged meeting\n" +
			"00000003 00 n 02 press 0 crush 0 000 | the print media\n" +
			"00000004 00 n 02 interest 0 stake 0 000 | a right or legal share\n" +
			"00000005 00 n 02 bigot 0 hothead 0 000 | (offensive) a term of abuse\n",
		"noun.exc": "mice mouse\n",
	}
	for _, pos := range []string{"verb", "adj", "adv"} {
		files["index."+pos] = ""
		files["data."+pos] = ""
	}
	writeFiles(t, dir, files)
	return dir
}

func TestWordNet(t *testing.T) {
	wn, err := loadWordNet(fakeWordNet(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range wn.Synonyms("conference", []string{"noun"}, 2) {
		got = append(got, s.Word)
	}
	if want := []string{"meeting", "group"}; !slices.Equal(got, want) {
		t.Errorf("synonyms of conference: %v, want %v", got, want)
	}
	if s := wn.Synonyms("bigot", []string{"noun"}, 2); len(s) != 0 {
		t.Errorf("an offensive sense gave synonyms %v", s)
	}
	for w, want := range map[string]string{"rate": "rates", "press": "presses", "mouse": "mice", "policy": "policies"} {
		if got := wn.Plural(w); got != want {
			t.Errorf("Plural(%q) = %q, want %q", w, got, want)
		}
	}
	for w, want := range map[string]string{"rates": "rate", "presses": "press", "mice": "mouse"} {
		if got, ok := wn.Singular(w); !ok || got != want {
			t.Errorf("Singular(%q) = %q %v, want %q", w, got, ok, want)
		}
	}
	if _, ok := wn.Singular("press"); ok {
		t.Error(`"press" taken for a plural`)
	}
}

func TestHelpers(t *testing.T) {
	for w, want := range map[string]bool{"squeeze": true, "sun-oriented": true, "co-op's": true, "-x": false, "x2": false, "": false} {
		if plainWord(w) != want {
			t.Errorf("plainWord(%q) = %v", w, !want)
		}
	}
	for _, p := range [][2]string{{"economic", "economical"}, {"elect", "election"}, {"rate", "rates"}} {
		if !sameStem(p[0], p[1]) {
			t.Errorf("sameStem(%q, %q) = false", p[0], p[1])
		}
	}
	if sameStem("intrigue", "interest") {
		t.Error(`"intrigue" and "interest" taken for one word`)
	}
	if got := fold("Co‐Op’s"); got != "co-op's" {
		t.Errorf("fold: %q", got)
	}
}

// TestRun generates a pack from the fake WordNet, a tiny corpus and a
// curated pack, and checks what is kept, why the rest is not, and that a
// second run writes the same bytes.
func TestRun(t *testing.T) {
	saved := terms
	defer func() { terms = saved }()
	terms = []string{"interest rate", "press conference"}

	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		// "stake pace" occurs in clean text, so it is no tortured phrase.
		"corpora/bbc-news-dev/business/001.txt": "Title\n\nThe stake pace was slow. A crush at the meeting of the group.\n",
		"curated.yaml": `pack: spinning-tortured
category: spinning
severity: warning
doc: d
explanation: e
entries:
  - pattern: "squeeze gathering"
    suggest: ["press conference"]
    message: m
    guard:
      not_before: [of]
    examples:
      flagged: ["a squeeze gathering"]
      unflagged: ["a squeeze gathering of people"]
`,
	})
	o := options{
		wordnet: fakeWordNet(t), corpora: filepath.Join(dir, "corpora"), curated: filepath.Join(dir, "curated.yaml"),
		out: filepath.Join(dir, "out.yaml"), perTerm: 14, synonyms: 8, senses: 2, minFreq: 1,
	}
	if err := run(o); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(o.out)
	if err != nil {
		t.Fatal(err)
	}
	p, err := packs.Parse("out.yaml", first)
	if err != nil {
		t.Fatalf("the generated pack does not load: %v", err)
	}
	var got []string
	for _, e := range p.Entries {
		got = append(got, e.Pattern+" => "+strings.Join(e.Suggest, "|")+" ("+p.EntrySeverity(e).String()+")")
	}
	// Synonyms come from WordNet and from the attested swaps (interest ->
	// intrigue, enthusiasm; press -> squeeze; conference -> gathering).
	// "intrigue rate" and "press meeting" rewrite one word only; "stake
	// pace" is in the corpus; "squeeze gathering", all attested and so a
	// warning, is curated already (its guard does not matter).
	want := []string{
		"crush gathering => press conference (info)",
		"crush group => press conference (info)",
		"crush meeting => press conference (info)",
		"enthusiasm pace => interest rate (info)",
		"intrigue pace => interest rate (info)",
		"squeeze group => press conference (info)",
		"squeeze meeting => press conference (info)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(string(first), "WordNet 3.0 Copyright 2006 by Princeton University") {
		t.Error("the header does not carry WordNet's notice")
	}
	if err := run(o); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(o.out)
	if !bytes.Equal(first, second) {
		t.Error("a second run wrote a different file")
	}
}

// TestTerms checks the term list: no duplicates, no empty words.
func TestTerms(t *testing.T) {
	seen := map[string]bool{}
	for _, term := range terms {
		k := fold(term)
		if seen[k] {
			t.Errorf("term %q listed twice", term)
		}
		seen[k] = true
		if len(strings.Fields(term)) < 2 {
			t.Errorf("term %q: want two words or more", term)
		}
	}
}

func TestSpinner(t *testing.T) {
	wn, err := loadWordNet(fakeWordNet(t))
	if err != nil {
		t.Fatal(err)
	}
	line := "The interest rate of the Press conference rose, said the press."
	all := NewSpinner(wn, 1, 7)
	got, n := all.Spin(line, "a:1")
	// Every content word with a synonym changes; "Press" mid-line is a
	// name, "the", "of" and "said" are kept, "rose" has no synonym.
	for _, c := range []struct {
		want string
		ok   bool
	}{{"The stake pace of the Press ", true}, {" rose, said the crush.", true}} {
		if strings.Contains(got, c.want) != c.ok {
			t.Errorf("Spin(rate 1) = %q, want it to contain %q", got, c.want)
		}
	}
	if n != 4 {
		t.Errorf("Spin(rate 1) changed %d words, want 4 (interest, rate, conference, press): %q", n, got)
	}
	if strings.Contains(got, "conference") {
		t.Errorf("Spin(rate 1) kept %q", "conference")
	}
	// Deterministic: the same line and salt give the same text, from a new
	// spinner too.
	again, _ := NewSpinner(wn, 1, 7).Spin(line, "a:1")
	if again != got {
		t.Errorf("Spin is not deterministic: %q then %q", got, again)
	}
	if s, n := NewSpinner(wn, 0, 7).Spin(line, "a:1"); s != line || n != 0 {
		t.Errorf("Spin(rate 0) = %q, %d; want the line unchanged", s, n)
	}
	// At rate 0.3 about three words in ten are replaced, and the choice
	// depends on the salt.
	sp := NewSpinner(wn, 0.3, 7)
	changed, words := 0, 0
	outs := map[string]bool{}
	for i := range 400 {
		s, n := sp.Spin("interest rate", fmt.Sprint("b:", i))
		changed += n
		words += 2
		outs[s] = true
	}
	if share := float64(changed) / float64(words); share < 0.25 || share > 0.35 {
		t.Errorf("Spin(rate 0.3) replaced %.2f of the words, want about 0.3", share)
	}
	if len(outs) != 4 {
		t.Errorf("Spin(rate 0.3) over 400 salts gave %d distinct outputs, want 4: %v", len(outs), outs)
	}
	// Hyphenated compounds and contractions are left whole.
	if s, n := all.Spin("an interest-rate cut isn't rate-limited", "c:1"); n != 0 {
		t.Errorf("Spin changed a compound: %q", s)
	}
}

func TestCollocationHelpers(t *testing.T) {
	wn, err := loadWordNet(fakeWordNet(t))
	if err != nil {
		t.Fatal(err)
	}
	for w, want := range map[string]bool{"rate": true, "the": false, "said": false, "Rate": false, "ab": false, "co2": false} {
		if got := collocWord(w); got != want {
			t.Errorf("collocWord(%q) = %v, want %v", w, got, want)
		}
	}
	for _, c := range []struct {
		pair [2]string
		want bool
	}{
		{[2]string{"interest", "rate"}, true},
		{[2]string{"press", "conferences"}, true},
		{[2]string{"quickly", "rate"}, false},
		{[2]string{"interest", "quickly"}, false},
	} {
		if got := collocShape(wn, c.pair); got != c.want {
			t.Errorf("collocShape(%q) = %v, want %v", c.pair, got, c.want)
		}
	}
	corpus := newCorpus()
	corpus.addText([]byte(strings.Repeat("rate ", 8) + "pace meeting meeting meeting conference"))
	g := &generator{o: options{oddRatio: 4}, wn: wn, corpus: corpus}
	for _, c := range []struct {
		term, spun string
		want       bool
	}{
		{"interest rate", "interest pace", true},     // 1 in 8: odd
		{"press conference", "press meeting", false}, // 3 against 1: no rarer
		{"interest rate", "interest ten", false},     // a number word
		{"interest rate", "interest rate", false},    // nothing swapped
	} {
		if got := g.oddSwap(strings.Fields(c.term), strings.Fields(c.spun)); got != c.want {
			t.Errorf("oddSwap(%q, %q) = %v, want %v", c.term, c.spun, got, c.want)
		}
	}
}
