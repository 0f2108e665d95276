package langid

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/pemistahl/lingua-go"
)

// linguaWords is lingua's splitTextIntoWords, regular expression and all.
var linguaLetters = regexp.MustCompile(`\p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}|\p{L}+`)

func linguaWords(text string) []string { return linguaLetters.FindAllString(strings.ToLower(text), -1) }

// fuzzRunes are the characters fuzzed texts are made of: ASCII letters and
// the letters lingua's rules single out (accented, unique to a language),
// other scripts, marks, digits, punctuation, spaces.
var fuzzRunes = []rune("abcdefghijklmnopqrstuvwxyzABCDEZ" +
	"éèêëàâäçîïôöûüùñóáíúõãßåæøœłńśźżąęčšžěřůőűğışţăđ¿¡ẠạỆệƠơ" +
	"абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґЇЄ" +
	"αβγδεζηθλμνξπρσςτφω" + "中国人民的日本語" + "ひらがなカタカナー" + "한국어" + "العربية" + "עברית" + "हिन्दीळ" + "ไทย" +
	"0123456789 \t\n.,;:!?'\"-()«»—…" + "\u0301\u200b\ufffd")

// fuzzText returns a random text of up to max runes from fuzzRunes, with a
// stray invalid byte now and then; half of the texts stick to a few
// characters, so that words of one script come out.
func fuzzText(r *rand.Rand, max int) string {
	pool := fuzzRunes
	if r.IntN(2) == 0 {
		start := r.IntN(len(fuzzRunes) - 12)
		pool = append(slices.Clone(fuzzRunes[start:start+12]), ' ', ' ')
	}
	var b strings.Builder
	for range r.IntN(max) + 1 {
		if r.IntN(200) == 0 {
			b.WriteByte(0xff)
			continue
		}
		b.WriteRune(pool[r.IntN(len(pool))])
	}
	return b.String()
}

func TestSplitWordsMatchesLingua(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		text := fuzzText(r, 40)
		if got, want := splitWords(text), linguaWords(text); !slices.Equal(got, want) {
			t.Fatalf("splitWords(%q) = %q, lingua %q", text, got, want)
		}
	}
}

func TestDistinctNgrams(t *testing.T) {
	words := []string{"été", "ét", "été", "a"}
	for _, tc := range []struct {
		n    int
		want []string
	}{
		{1, []string{"é", "t", "a"}},
		{2, []string{"ét", "té"}},
		{3, []string{"été"}},
		{4, nil},
	} {
		if got := distinctNgrams(words, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("distinctNgrams(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// candidateSets are the sets of languages the property test asks both
// detectors about: the default set, the narrowed sets the language rules
// build from a text's evidence, and one set outside the default.
var candidateSets = [][]string{
	DefaultLanguages,
	{"fr", "es"}, {"es"}, {"fr"}, {"de"}, {"it", "pt"}, {"ru", "uk"}, {"zh", "ja"}, {"tr", "pl"}, {"ar"},
	{"nl", "ro", "cs"},
}

// propertyTexts returns fragments cut from the corpora (foreign sources,
// English machine output and references, BBC news, and English with a
// foreign fragment inside, as the language rules see them) and fuzzed
// strings.
func propertyTexts(t *testing.T, perFile int) []string {
	r := rand.New(rand.NewPCG(15, 15))
	var sources, english []string
	for _, c := range []struct{ corpus, glob string }{
		{"wmt23-dev", "generaltest2023.*.src.*"},
		{"wmt22-dev", "generaltest2022.*.src.*"},
		{"mlqe-pe-dev", "*-dev/dev.src"},
	} {
		dir := corpora.Dir(t, c.corpus)
		paths, _ := filepath.Glob(filepath.Join(dir, c.glob))
		if len(paths) == 0 {
			t.Fatalf("no %s in %s", c.glob, dir)
		}
		for _, p := range paths {
			sources = append(sources, cut(t, r, p, perFile)...)
		}
	}
	for _, p := range []struct{ corpus, file string }{
		{"wmt23-dev", "references/generaltest2023.de-en.ref.refA.en"},
		{"wmt22-dev", "references/generaltest2022.zh-en.ref.A.en"},
		{"mlqe-pe-dev", "ru-en-dev/dev.mt"},
	} {
		english = append(english, cut(t, r, filepath.Join(corpora.Dir(t, p.corpus), p.file), perFile/2)...)
	}
	bbc, err := corpora.BBCArticles(corpora.Dir(t, "bbc-news-dev"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(bbc); i += len(bbc) / perFile {
		english = append(english, fragment(r, strings.Fields(bbc[i])))
	}
	texts := append(slices.Clone(sources), english...)
	for i := range perFile {
		texts = append(texts, english[i%len(english)]+" "+sources[r.IntN(len(sources))]+" "+english[(i+7)%len(english)])
	}
	for range 4 * perFile {
		texts = append(texts, fuzzText(r, 80))
	}
	return texts
}

// cut returns n fragments of the lines of file.
func cut(t *testing.T, r *rand.Rand, file string, n int) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var out []string
	for range n {
		if f := fragment(r, strings.Fields(lines[r.IntN(len(lines))])); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// fragment returns a run of 1 to 40 of words (most of them short, as the
// spans that the language rules judge; a few of 120 letters or more, where
// lingua switches to trigrams alone).
func fragment(r *rand.Rand, words []string) string {
	if len(words) == 0 {
		return ""
	}
	n := 1 + r.IntN(min(len(words), 12))
	if r.IntN(5) == 0 {
		n = min(len(words), 40)
	}
	i := r.IntN(len(words) - n + 1)
	return strings.Join(words[i:i+n], " ")
}

// scriptTie says whether lingua's own answer for text depends on the order
// of a map: two alphabets tie for the most words while another has fewer,
// and lingua picks one of the tied at random.
func scriptTie(text string) bool {
	var counts [numAlphabets]int
	for _, w := range linguaWords(text) {
		for a := range numAlphabets {
			if a.matchesWord(w) {
				counts[a]++
				break
			}
		}
	}
	best, atBest, distinct := 0, 0, map[int]bool{}
	for _, c := range counts {
		if c == 0 {
			continue
		}
		distinct[c] = true
		switch {
		case c > best:
			best, atBest = c, 1
		case c == best:
			atBest++
		}
	}
	return atBest > 1 && len(distinct) > 1
}

// TestScorerMatchesLingua is the property test of the port: on fragments
// of every corpus and on fuzzed strings, for each candidate set, the
// confidences equal lingua's own ComputeLanguageConfidenceValues within
// 1e-9 (lingua adds its logarithms in a map's order, so the last bits
// differ from run to run), and so does the likeliest language unless the
// two likeliest are that close. Lingua's side takes a minute and loads
// lingua's models (a few hundred MB); -short runs fewer texts, and CI all.
func TestScorerMatchesLingua(t *testing.T) {
	perFile := 150
	if testing.Short() && os.Getenv("CI") != "true" {
		perFile = 25
	}
	texts := propertyTexts(t, perFile)
	compared, ties, decided, panics := 0, 0, 0, 0
	for _, codes := range candidateSets {
		set, err := resolve(codes)
		if err != nil {
			t.Fatal(err)
		}
		d := lingua.NewLanguageDetectorBuilder().FromLanguages(set...).Build()
		for _, text := range texts {
			if scriptTie(text) {
				ties++
				continue
			}
			want := linguaConfidences(d, text)
			if want == nil {
				panics++ // lingua panicked: the old langid judged nothing
				continue
			}
			got := computeConfidences(text, set)
			compared++
			if !sameConfidences(got, want) {
				t.Errorf("set %v, text %q:\n got %v\nwant %v", codes, text, got, want)
				if t.Failed() && compared > 20 {
					t.FailNow()
				}
			}
			if want[0].value > 0 && want[0].value < 1 {
				decided++
			}
		}
	}
	t.Logf("%d texts, %d comparisons (%d decided by n-grams), %d skipped for lingua's random choice between tied scripts, %d where lingua panicked", len(texts), compared, decided, ties, panics)
	if decided < compared/4 {
		t.Errorf("only %d of %d comparisons reached the n-gram models", decided, compared)
	}
}

// linguaConfidences returns lingua's confidences of text, or nil when
// lingua panics (as it does on a few inputs).
func linguaConfidences(d lingua.LanguageDetector, text string) (out []confidence) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	for _, v := range d.ComputeLanguageConfidenceValues(text) {
		out = append(out, confidence{v.Language(), v.Value()})
	}
	return out
}

// sameConfidences says whether got and want give each language the same
// confidence within 1e-9, in the same order but for near ties.
func sameConfidences(got, want []confidence) bool {
	if len(got) != len(want) {
		return false
	}
	byLang := map[lingua.Language]float64{}
	for _, c := range want {
		byLang[c.lang] = c.value
	}
	for _, c := range got {
		w, ok := byLang[c.lang]
		if !ok || math.Abs(c.value-w) > 1e-9 {
			return false
		}
	}
	for i := range got {
		if got[i].lang != want[i].lang && math.Abs(got[i].value-want[i].value) > 1e-9 {
			return false
		}
	}
	return got[0].lang == want[0].lang || math.Abs(want[0].value-want[1].value) <= 1e-9
}

// TestScorerEdges checks inputs at lingua's thresholds: no letters, one
// language's own letters, 119 and 120 letters (the switch to trigrams), and
// a text long enough for exp to underflow to the decimal path.
func TestScorerEdges(t *testing.T) {
	set, _ := resolve([]string{"fr", "es", "de"})
	d := lingua.NewLanguageDetectorBuilder().FromLanguages(set...).Build()
	long := strings.Repeat("la casa de mi madre está cerca del río ", 60)
	for _, text := range []string{
		"", "123 !!", "ß", "straße", "¿qué?",
		strings.Repeat("abcde ", 20)[:119], strings.Repeat("abcde ", 24),
		long,
	} {
		want := linguaConfidences(d, text)
		got := computeConfidences(text, set)
		if !sameConfidences(got, want) {
			t.Errorf("%q (%d letters):\n got %v\nwant %v", text, utf8.RuneCountInString(text), got, want)
		}
	}
}
