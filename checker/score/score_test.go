package score_test

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/score"
)

// clean is human-edited news English that no rule flags.
const clean = `The government has announced plans to build 300,000 new homes a year by 2030, the housing minister said on Tuesday.

Speaking in Manchester, she said the plan would be paid for by a 2.5% levy on large developers and by selling public land. "We cannot go on like this," she told reporters. Labour called the figures "a fantasy".

Construction firms welcomed the move, but warned that a shortage of skilled workers could slow progress for several years.`

func check(t *testing.T, text string) *checker.Result {
	t.Helper()
	c, err := checker.New(checker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c.CheckString(text)
}

func TestCleanAndEmptyScoreZero(t *testing.T) {
	for name, text := range map[string]string{"empty": "", "blank": "\n\n  \n", "clean news": clean} {
		res := check(t, text)
		if res.Score != 0 || res.SourceLanguageHint != nil {
			t.Errorf("%s: score %d, hint %v; findings %v", name, res.Score, res.SourceLanguageHint, res.Findings)
		}
	}
	if b := score.Compute(nil, 0); b.Score != 0 || b.Total != 0 || len(b.Contributions) != 0 {
		t.Errorf("Compute(nil, 0) = %+v", b)
	}
}

func TestSeedArticleScoresHigh(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/mt-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := check(t, string(raw))
	if res.Score < 90 {
		t.Errorf("seed article scores %d, want at least 90", res.Score)
	}
}

// Each step replaces a clean phrase with a machine-translation artifact of
// about the same length: the score never goes down, and its total goes up
// unless each rule that gained a finding had reached its cap (in this
// short text a second finding of a capped rule adds nothing).
func TestMonotoneInArtifacts(t *testing.T) {
	steps := [][2]string{
		{"for several years", "since several years"},
		{"said on Tuesday", "said on Tuesday , "},
		{"a 2.5% levy", "a 2,5% levy"},
		{`"We cannot go on like this,"`, "« We cannot go on like this »,"},
		{"told reporters.", "told reporters : Labour"},
		{"Construction firms", "Construction firms firms"},
		{"selling public land", "selling public land.. "},
	}
	text := clean
	res := check(t, text)
	prev := res.Score
	for _, s := range steps {
		if !strings.Contains(text, s[0]) {
			t.Fatalf("step %q: not in the text", s[0])
		}
		text = strings.Replace(text, s[0], s[1], 1)
		before, _ := checker.ScoreDetail(res)
		res = check(t, text)
		got := res.Score
		after, _ := checker.ScoreDetail(res)
		capped := map[string]bool{}
		for _, c := range before.Contributions {
			capped[c.Rule] = c.Capped
		}
		grewUncapped := false
		for _, c := range after.Contributions {
			found := false
			for _, b := range before.Contributions {
				if b.Rule == c.Rule {
					found = true
					grewUncapped = grewUncapped || c.Count > b.Count && !capped[c.Rule]
				}
			}
			grewUncapped = grewUncapped || !found
		}
		if got < prev || grewUncapped && after.Total <= before.Total {
			t.Errorf("after %q → %q: score %d (total %.3f), was %d (total %.3f)", s[0], s[1], got, after.Total, prev, before.Total)
		}
		if !grewUncapped && got == prev {
			t.Logf("after %q: only capped rules grew; score stays %d", s[1], got)
		}
		prev = got
	}
}

// Adding findings to a fixed word count never lowers the score.
func TestMonotoneInFindings(t *testing.T) {
	ids := []string{"quotes.unbalanced", "idiom.time", "idiom.time", "typography.french-spacing", "spinning.tortured", "idiom.unknown-pack", "repetition.doubled-word"}
	var fs []score.Finding
	prev := 0
	for _, id := range ids {
		cat, _, _ := strings.Cut(id, ".")
		fs = append(fs, score.Finding{Rule: id, Category: cat})
		got := score.Compute(fs, 600).Score
		if got < prev {
			t.Errorf("adding %s: %d < %d", id, got, prev)
		}
		prev = got
	}
}

// The contributions are min(weight × density, cap), they sum to the total,
// and the score is the squashed total.
func TestContributionsSum(t *testing.T) {
	w := &score.Weights{Scale: 3,
		Rules:      map[string]score.Weight{"quotes.unbalanced": {Weight: 2, Cap: 2.75}, "idiom.time": {Weight: 1, Cap: 2.75}},
		Categories: map[string]score.Weight{"idiom": {Weight: 0.5, Cap: 1}},
	}
	fs := []score.Finding{
		{Rule: "quotes.unbalanced", Category: "quotes"}, {Rule: "quotes.unbalanced", Category: "quotes"},
		{Rule: "idiom.time", Category: "idiom"},
		{Rule: "idiom.new", Category: "idiom"}, {Rule: "idiom.new", Category: "idiom"}, {Rule: "idiom.new", Category: "idiom"},
	}
	b := score.ComputeWith(w, fs, 1000)
	want := map[string]struct {
		value  float64
		capped bool
	}{
		"quotes.unbalanced": {2.75, true}, // 2 × 2 = 4, capped
		"idiom.time":        {1, false},   // 1 × 1
		"idiom.new":         {1, true},    // category weight: 0.5 × 3 = 1.5, capped at 1
	}
	sum := 0.0
	for _, c := range b.Contributions {
		sum += c.Value
		wc, ok := want[c.Rule]
		if !ok || math.Abs(c.Value-wc.value) > 1e-9 || c.Capped != wc.capped {
			t.Errorf("%s: value %v capped %v, want %+v", c.Rule, c.Value, c.Capped, wc)
		}
		if c.Value > c.Cap+1e-9 || math.Abs(math.Min(c.Weight*c.Density, c.Cap)-c.Value) > 1e-9 {
			t.Errorf("%s: value %v is not min(%v × %v, %v)", c.Rule, c.Value, c.Weight, c.Density, c.Cap)
		}
	}
	if math.Abs(sum-b.Total) > 1e-9 || math.Abs(b.Total-4.75) > 1e-9 {
		t.Errorf("contributions sum to %v, total %v, want 4.75", sum, b.Total)
	}
	if want := int(math.Round(100 * (1 - math.Exp(-4.75/3)))); b.Score != want || want != 79 {
		t.Errorf("score %d, want %d (79)", b.Score, want)
	}
	if b.Contributions[0].Rule != "quotes.unbalanced" {
		t.Errorf("largest first: %+v", b.Contributions)
	}
	// A short text is counted as MinWords words.
	if b := score.ComputeWith(w, fs[2:3], 10); b.Basis != score.MinWords || b.Contributions[0].Density != 10 {
		t.Errorf("short text: basis %d, density %v", b.Basis, b.Contributions[0].Density)
	}
	// A text shorter than FullWords is counted as FullWords words.
	w.FullWords = 400
	if b := score.ComputeWith(w, fs[2:3], 100); b.Basis != 400 || b.Contributions[0].Density != 2.5 {
		t.Errorf("full words: basis %d, density %v", b.Basis, b.Contributions[0].Density)
	}
	if b := score.ComputeWith(w, fs[2:3], 1000); b.Basis != 1000 || b.Total != 1 {
		t.Errorf("a long text: basis %d, total %v", b.Basis, b.Total)
	}
}

// The calibrated table has a weight for every built-in rule and category,
// none negative and every one capped.
func TestTable(t *testing.T) {
	if score.Table.Scale <= 0 || len(score.Table.Rules) == 0 {
		t.Fatalf("table %+v", score.Table)
	}
	for id, w := range score.Table.Rules {
		if w.Weight < 0 || w.Cap <= 0 || w.Cap > score.Table.Scale {
			t.Errorf("%s: %+v", id, w)
		}
	}
	for _, r := range []string{"quotes.unbalanced", "typography.french-spacing", "idiom.time", "language.untranslated"} {
		if _, ok := score.Table.Rules[r]; !ok {
			t.Errorf("no weight for %s", r)
		}
	}
}

func TestHint(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"clean", clean, ""},
		{"French typography and calques", `The fabricant recalled 20,000 cars on Monday, the ministry said : the talks open at 14h30.

The rapport of the commission was leaked to Le Monde. « It is a scandal », a deputy said.`, "fr"},
		{"German typography", `Merkel said: „We can do it“. The summit opens at 14.30 Uhr in Berlin, and she spoke in the 89. minute of the session.`, "de"},
		{"one vague calque is too thin", "The two sides have not met since three years, a diplomat said in Brussels on Monday.", ""},
		{"a French fragment", "The minister said the reform was il faut le dire une nécessité absolue pour le pays, and left the room.", "fr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := check(t, tc.text)
			got := ""
			if res.SourceLanguageHint != nil {
				got = res.SourceLanguageHint.Language
				if c := res.SourceLanguageHint.Confidence; c < score.MinConfidence || c > 1 {
					t.Errorf("confidence %v", c)
				}
			}
			if got != tc.want {
				t.Errorf("hint %v, want %q; findings %v fragments %v", res.SourceLanguageHint, tc.want, res.Findings, res.Fragments)
			}
		})
	}
}

// The JSON of a result has "score" and "source_language_hint" as DESIGN.md
// shows them, and no evidence.
func TestJSONFields(t *testing.T) {
	res := check(t, `The fabricant recalled 20,000 cars on Monday, the ministry said : the talks open at 14h30. « It is a scandal », a deputy said.`)
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if s, ok := m["score"].(float64); !ok || s <= 0 || s > 100 {
		t.Errorf("score %v in %s", m["score"], b)
	}
	h, ok := m["source_language_hint"].(map[string]any)
	if !ok || h["language"] != "fr" || len(h) != 2 {
		t.Errorf("source_language_hint %v", m["source_language_hint"])
	}
	if c, ok := h["confidence"].(float64); !ok || c <= 0 || c > 1 {
		t.Errorf("confidence %v", h["confidence"])
	}
	b, _ = json.Marshal(check(t, clean))
	if !strings.Contains(string(b), `"score":0`) || strings.Contains(string(b), "source_language_hint") {
		t.Errorf("clean: %s", b)
	}
}

func FuzzCompute(f *testing.F) {
	f.Add("quotes.unbalanced", "idiom.time", 100)
	f.Add("", "x", -5)
	f.Fuzz(func(t *testing.T, a, b string, words int) {
		fs := []score.Finding{{Rule: a, Category: "quotes"}, {Rule: b, Category: b}, {Rule: a, Category: "idiom", Message: b}}
		got := score.Compute(fs, words)
		if got.Score < 0 || got.Score > 100 || math.IsNaN(got.Total) {
			t.Fatalf("%+v", got)
		}
		_ = score.SourceLanguage(fs, []score.Fragment{{Language: a, Confidence: 0.9, Words: words}})
	})
}

// A short text has little evidence: one finding in 110 words must not score
// like ten in 1,100 (issue 16: one doubled word in a correct 110-word text,
// or one decimal comma in a feed item, scored 60 of 100). At the same
// density, a longer text scores at least as much.
func TestShortTextsDamped(t *testing.T) {
	for _, id := range []string{"repetition.doubled-word", "typography.decimal-comma", "punctuation.space-before"} {
		w := score.Table.Rules[id]
		cat, _, _ := strings.Cut(id, ".")
		f := score.Finding{Rule: id, Category: cat}
		short := score.Compute([]score.Finding{f}, 110)
		long := score.Compute(slices.Repeat([]score.Finding{f}, 10), 1100)
		if short.Score > long.Score-10 {
			t.Errorf("%s (weight %.3f): one finding in 110 words scores %d, ten in 1,100 score %d", id, w.Weight, short.Score, long.Score)
		}
		prev := 0
		for n := 1; n <= 12; n++ {
			s := score.Compute(slices.Repeat([]score.Finding{f}, n), 110*n).Score
			if s < prev {
				t.Errorf("%s: %d findings in %d words score %d, fewer words scored %d", id, n, 110*n, s, prev)
			}
			prev = s
		}
	}
}
