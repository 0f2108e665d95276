package checker_test

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/rules/language/langid"
)

// cleanText returns size bytes of clean English news: the BBC articles of
// the dev corpus, repeated to length, without the seed article.
func cleanText(b testing.TB, size int) []byte {
	b.Helper()
	dir := corpora.Dir(b, "bbc-news-dev")
	var unit bytes.Buffer
	for _, f := range corpora.Files(b, dir, "*/*.txt") {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		unit.Write(raw)
		unit.WriteString("\n\n")
	}
	out := make([]byte, 0, size+unit.Len())
	for len(out) < size {
		out = append(out, unit.Bytes()...)
	}
	return out[:size]
}

func benchClean(b *testing.B, size int, cfg checker.Config) {
	text := cleanText(b, size)
	c, err := checker.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	c.CheckBytes(text) // load what the first check loads
	before, _ := langid.Stats()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.CheckBytes(text)
	}
	b.StopTimer()
	after, _ := langid.Stats()
	b.ReportMetric(float64(after-before)/float64(b.N), "lingua-texts/op")
}

// BenchmarkCheckClean1MB measures every default rule, the language rules
// among them, on 1 MB of clean English news (the bar: 20 MB/s on one core):
//
//	go test ./checker -run '^$' -bench 'CheckClean' -cpu 1 -benchtime 20x
func BenchmarkCheckClean1MB(b *testing.B) { benchClean(b, 1<<20, checker.Config{}) }

// BenchmarkCheckCleanNoLanguage1MB is BenchmarkCheckClean1MB without the
// language rules, for comparison.
func BenchmarkCheckCleanNoLanguage1MB(b *testing.B) {
	benchClean(b, 1<<20, checker.Config{Disable: []string{"language"}})
}

// BenchmarkCheckCleanLanguageOnly1MB measures the language rules alone.
func BenchmarkCheckCleanLanguageOnly1MB(b *testing.B) {
	benchClean(b, 1<<20, checker.Config{Disable: []string{"punctuation", "quotes", "repetition", "boilerplate", "typography", "idiom", "grammar", "spinning"}})
}

// TestNotEnglish checks that a text in another language is reported as
// such, with a note, and that only the rules that do not depend on the
// language run on it: French spacing before "?" and ";" and a Russian
// "?.." are the conventions of those languages, not slips.
func TestNotEnglish(t *testing.T) {
	french := strings.Repeat("Pourquoi le gouvernement a-t-il attendu si longtemps ? Les syndicats ont dénoncé une réforme injuste ; "+
		"ils appellent à une nouvelle grève jeudi , selon un communiqué publié lundi soir. ", 4)
	russian := strings.Repeat("Почему правительство так долго ждало?.. Профсоюзы осудили реформу , назвав её несправедливой. "+
		"Президент Рutin заявил, что переговоры продолжатся. ", 4)
	c, err := checker.New(checker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text, lang string
		rules            []string // the rules that may report
	}{
		{"french", french, "fr", nil},
		{"russian", russian, "ru", []string{"language.mixed-script"}},
	} {
		res := c.CheckString(tc.text)
		if res.Language != tc.lang || res.LanguageConfidence < 0.5 {
			t.Errorf("%s: language %q (%.2f), want %q", tc.name, res.Language, res.LanguageConfidence, tc.lang)
		}
		var note *checker.Note
		for i := range res.Notes {
			if res.Notes[i].Kind == "language" {
				note = &res.Notes[i]
			}
		}
		if note == nil || !strings.Contains(note.Message, "not English") || !strings.Contains(note.Message, "language.mixed-script") {
			t.Errorf("%s: notes %+v, want one of kind language naming the rules that ran", tc.name, res.Notes)
		}
		for _, f := range res.Findings {
			if !slices.Contains(tc.rules, f.Rule) {
				t.Errorf("%s: %s on %q ran on a text that is not English", tc.name, f.Rule, f.Text)
			}
		}
		if len(tc.rules) > 0 && len(res.Findings) == 0 {
			t.Errorf("%s: no %v finding", tc.name, tc.rules)
		}
	}
	// the same text checked as English would be flagged
	english := "Why did the government wait so long ? The unions condemned the reform ; they call for a strike , the statement said."
	res := c.CheckString(strings.Repeat(english+" ", 4))
	if res.Language != "en" || len(res.Findings) == 0 {
		t.Errorf("english: language %q, %d findings", res.Language, len(res.Findings))
	}
	for _, n := range res.Notes {
		if n.Kind == "language" {
			t.Errorf("english: note %+v", n)
		}
	}
}

// TestFragmentsInResult checks that the untranslated fragments reach the
// result with input offsets and languages, for the source-language hint,
// including one that is not reported (a quotation marked as foreign).
func TestFragmentsInResult(t *testing.T) {
	text := "# Talks\n\nThe crowd chanted *\"On est chez nous, on ne partira pas\"* (\"We are at home, we will not leave\").\n\n" +
		"The minister told reporters that **il n'y a pas de solution miracle** to the crisis.\n"
	md := markup.Markdown
	c, err := checker.New(checker.Config{Input: checker.Input{Format: &md}})
	if err != nil {
		t.Fatal(err)
	}
	res := c.CheckString(text)
	if len(res.Fragments) != 2 {
		t.Fatalf("%d fragments, want 2: %+v", len(res.Fragments), res.Fragments)
	}
	for i, want := range []struct {
		text     string
		reported bool
	}{{"On est chez nous, on ne partira pas", false}, {"il n'y a pas de solution miracle", true}} {
		f := res.Fragments[i]
		if got := text[f.Offset : f.Offset+f.Length]; got != want.text || f.Language != "fr" || f.LanguageName != "French" || f.Reported != want.reported {
			t.Errorf("fragment %d: %q %+v, want %q reported=%v", i, got, f, want.text, want.reported)
		}
	}
	n := 0
	for _, f := range res.Findings {
		if f.Rule == "language.untranslated" {
			n++
			if f.Text != "il n'y a pas de solution miracle" || !strings.HasPrefix(f.Message, "French fragment") {
				t.Errorf("finding %q: %s", f.Text, f.Message)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d language.untranslated findings, want 1", n)
	}
}
