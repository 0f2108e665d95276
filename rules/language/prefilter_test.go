package language

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/rulestest"
)

// anyForeign is what mayHaveForeign must report: whether a word of the
// paragraph classifies as foreign or in another script, each word
// classified in full (no digest, so the lexicon is always consulted).
func anyForeign(doc *document.Document, p *document.Paragraph) bool {
	for i := p.Tokens.First; i < p.Tokens.Last; i++ {
		if doc.Tokens[i].Kind == document.Word && classify(doc.TokenText(i)).class&(cForeign|cOtherScript) != 0 {
			return true
		}
	}
	return false
}

// checkPrefilter compares mayHaveForeign with anyForeign on every paragraph
// of text and returns how many paragraphs it said yes to.
func checkPrefilter(t *testing.T, name, text string) (yes, all int) {
	t.Helper()
	doc := document.NewPlain([]byte(text))
	for range doc.Windows(0) {
		for pi := range doc.Paragraphs {
			p := &doc.Paragraphs[pi]
			got, want := mayHaveForeign(doc, p), anyForeign(doc, p)
			if got != want {
				t.Fatalf("%s: mayHaveForeign = %v, want %v on %q", name, got, want, doc.SpanText(p.Span))
			}
			if got {
				yes++
			}
			all++
		}
	}
	return yes, all
}

func TestMayHaveForeign(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"The minister said the talks would resume on Monday.", false},
		{"He shrugged: c'est la vie, and the talks went on.", true},
		{"The crowd chanted qu'il parte outside the palace.", true},
		{"It's what they'd said we'd do, isn't it?", false},
		{"The editor of Der Spiegel said so.", false},
		{"The sign read der Weg ist das Ziel in gold letters.", true},
		{"Officials in Kyiv said “Слава Україні” at the end.", true},
		{"A “curly” quote and a £5 note: all English.", false},
		{"An accented word such as fiancé counts as foreign.", true},
		{"Curly quotes and a foreign word: “la maison est grande”.", true},
		{"I a an to of in: short words only.", false},
		{"Its motto, 'Tis the season, ends the l'", false},
		{"The report, long and dull, ends with d'accord", true},
		{"Rock 'n' roll is here, and so's the crowd's noise.", false},
		{"A Cпутник launch, with a Latin C, in a paragraph with curly “quotes”.", true},
		{"Curly “quotes”, a dash – and a price of £5 in plain English.", false},
		{"Curly “quotes” and an elision: qu'il pleuve ou non.", true},
		{"", false},
	} {
		doc := document.NewPlain([]byte(tc.text))
		doc.Segment()
		got := false
		for pi := range doc.Paragraphs {
			p := &doc.Paragraphs[pi]
			if f, want := mayHaveForeign(doc, p), anyForeign(doc, p); f != want {
				t.Errorf("%q: mayHaveForeign = %v, full classification %v", tc.text, f, want)
			}
			got = got || mayHaveForeign(doc, p)
		}
		if got != tc.want {
			t.Errorf("%q: mayHaveForeign = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestMayHaveForeignCorpora checks the prefilter against the full
// classification on clean English (BBC), the seed article and the WMT
// source texts (Czech, Russian, Chinese), paragraph by paragraph.
func TestMayHaveForeignCorpora(t *testing.T) {
	checkPrefilter(t, "seed", string(rulestest.Seed(t)))
	bbc := corpora.Dir(t, "bbc-news-dev")
	var all strings.Builder
	for _, f := range corpora.Files(t, bbc, "*/*.txt") {
		raw, err := os.ReadFile(filepath.Clean(f))
		if err != nil {
			t.Fatal(err)
		}
		all.Write(raw)
		all.WriteString("\n\n")
	}
	yes, n := checkPrefilter(t, "bbc-news-dev", all.String())
	if n < 5000 || yes*10 > n {
		t.Errorf("bbc-news-dev: %d of %d paragraphs may hold a foreign word; want many paragraphs, few of them", yes, n)
	}
	wmt := corpora.Dir(t, "wmt22-dev")
	for _, f := range corpora.Files(t, wmt, "*.src.*") {
		raw, err := os.ReadFile(filepath.Clean(f))
		if err != nil {
			t.Fatal(err)
		}
		// one paragraph a line
		text := strings.ReplaceAll(string(raw), "\n", "\n\n")
		if yes, n := checkPrefilter(t, filepath.Base(f), text); yes*2 < n {
			t.Errorf("%s: only %d of %d paragraphs may hold a foreign word", filepath.Base(f), yes, n)
		}
	}
}

// BenchmarkMayHaveForeign measures the prefilter of language.untranslated,
// which every paragraph goes through, on about 1 MB of the seed article.
//
//	go test ./rules/language -run '^$' -bench MayHaveForeign -cpu 1
func BenchmarkMayHaveForeign(b *testing.B) {
	seed := string(rulestest.Seed(b)) + "\n\n"
	doc := document.NewPlain([]byte(strings.Repeat(seed, (1<<20)/len(seed)+1)))
	doc.Segment()
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		for pi := range doc.Paragraphs {
			mayHaveForeign(doc, &doc.Paragraphs[pi])
		}
	}
}

// BenchmarkMixedScript measures language.mixed-script, whose scan of the
// bytes is all that English text costs it, on about 1 MB of the seed
// article.
//
//	go test ./rules/language -run '^$' -bench MixedScript -cpu 1
func BenchmarkMixedScript(b *testing.B) {
	seed := string(rulestest.Seed(b)) + "\n\n"
	doc := document.NewPlain([]byte(strings.Repeat(seed, (1<<20)/len(seed)+1)))
	doc.Segment()
	pass := &rules.Pass{Rule: MixedScript, Doc: doc, Report: func(rules.Diagnostic) {}}
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		runMixedScript(pass)
	}
}

func TestNoNoPrefix(t *testing.T) {
	for _, tc := range []struct {
		pre  []uint16
		want bool
	}{
		{[]uint16{1, 3, 0xFFFF, 0x8001}, true},
		{[]uint16{0, 3, 5, 7}, false},
		{[]uint16{1, 3, 5, 0}, false},
		{[]uint16{1, 0, 0, 7}, false},
		{[]uint16{0x8001, 0x8001, 0, 0x8001}, false},
	} {
		if got := noNoPrefix(tc.pre, 0); got != tc.want {
			t.Errorf("noNoPrefix(%v) = %v, want %v", tc.pre, got, tc.want)
		}
	}
}
