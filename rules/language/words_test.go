package language

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
)

// TestMayBeForeign holds the untranslated rule's first pass to
// classifyDigest: on every word of the BBC articles, of the WMT and
// MLQE-PE sources and of the English they were translated into, and of
// sentences made to hit each of its branches (foreign function words at
// every case, elisions, accents, other scripts, words long and short).
func TestMayBeForeign(t *testing.T) {
	texts := []string{
		"Le ministre a dit que la loi était prête, mais il n'y a pas de consensus. L'homme qu'il a vu.",
		"El gobierno dijo que no hay tiempo para esperar; pero la gente está cansada. Para Paragraph parade.",
		"Die Regierung hat entschieden, dass es keine Straße gibt. Der DER der d'un c'est qu'il QU'IL Qu'il.",
		"Путин сказал, что переговоры продолжатся; 東京 and ΑΘΗΝΑ and naïve café résumé Müller coup d'état.",
		"dans pour avec sans sur sous entre como pero para mais donc aber oder und nicht sehr ma non più",
		"a as no in on per con come do the of and to in is it's don't l' d' j's s'a m'b",
	}
	bbc, err := corpora.BBCArticles(corpora.Dir(t, "bbc-news-dev"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range bbc {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	for _, c := range []struct{ corpus, glob string }{
		{"wmt23-dev", "generaltest2023.*"},
		{"wmt23-dev", "system-outputs/generaltest2023.*.hyp.*"},
		{"wmt22-dev", "generaltest2022.*"},
		{"mlqe-pe-dev", "*-dev/dev.*"},
	} {
		paths, _ := filepath.Glob(filepath.Join(corpora.Dir(t, c.corpus), c.glob))
		if len(paths) == 0 {
			t.Fatalf("no %s in %s", c.glob, c.corpus)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(data))
		}
	}
	words, foreign := 0, 0
	for _, text := range texts {
		doc := document.NewPlain([]byte(text))
		doc.Segment()
		for i, tok := range doc.Tokens {
			if tok.Kind != document.Word {
				continue
			}
			s := doc.Text[tok.Start:tok.End]
			want := classifyDigest(s, int(doc.Prefixes[i])).class&(cForeign|cOtherScript) != 0
			if got := mayBeForeign(s, doc.Prefixes[i]); got != want {
				t.Fatalf("mayBeForeign(%q) = %v, classifyDigest says %v", s, got, want)
			}
			words++
			if want {
				foreign++
			}
		}
	}
	t.Logf("%d words, %d foreign or of another script", words, foreign)
	if foreign < 1000 || words < 1_000_000 {
		t.Errorf("only %d words, %d of them foreign: the corpora did not load", words, foreign)
	}
	if !strings.Contains(texts[0], "n'y") {
		t.Fatal("the made-up sentences changed")
	}
}
