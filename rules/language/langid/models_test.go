package langid

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"

	"github.com/pemistahl/lingua-go"
	"github.com/pemistahl/lingua-go/serialization"
	"google.golang.org/protobuf/proto"
)

// linguaModel decodes lingua's model of n-grams of length n of l as lingua
// does (detector.go, loadLanguageModels): unzip, proto.Unmarshal, a map of
// every n-gram to its probability. Nil when lingua has no such model.
func linguaModel(tb testing.TB, l lingua.Language, n int) map[string]float64 {
	raw, err := linguaModels.ReadFile(modelPath(l, n))
	if err != nil {
		return nil
	}
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		tb.Fatal(err)
	}
	f, err := z.File[0].Open()
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		tb.Fatal(err)
	}
	var m serialization.SerializableLanguageModel
	if err := proto.Unmarshal(data, &m); err != nil {
		tb.Fatal(err)
	}
	out := make(map[string]float64, m.TotalNgrams)
	for _, set := range m.NgramSets {
		for _, g := range set.Ngrams {
			out[g] = set.Probability
		}
	}
	return out
}

// TestModelsPresent checks that lingua's embedded models are reachable
// (the go:linkname finds lingua's variable) and that English has all five.
func TestModelsPresent(t *testing.T) {
	for n := 1; n <= maxNgram; n++ {
		m, err := loadModel(lingua.English, n)
		if err != nil || len(m.probs) == 0 {
			t.Fatalf("English %s model: %v (is lingua-go still v1.4.0, with languageModels?)", ngramNames[n-1], err)
		}
	}
	if _, err := loadModel(lingua.Chinese, 2); err != errNoModel {
		t.Errorf("Chinese bigrams: %v, want errNoModel (lingua has unigrams only)", err)
	}
}

// TestModelsMatchLingua checks, for every model of the default languages,
// that each n-gram of lingua's map has its probability in our table, that
// no two of them share a hash (the table could not tell them apart), and
// that n-grams lingua lacks (the model's n-grams with a letter changed,
// shorter or longer) come out 0.
func TestModelsMatchLingua(t *testing.T) {
	langs, err := resolve(DefaultLanguages)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		langs = langs[:3]
	}
	for _, l := range langs {
		for n := 1; n <= maxNgram; n++ {
			want := linguaModel(t, l, n)
			got, err := loadModel(l, n)
			if want == nil {
				if err != errNoModel {
					t.Errorf("%v %d-grams: lingua has none, we got %v", l, n, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%v %d-grams: %v", l, n, err)
			}
			hashes := make(map[uint64]string, len(want))
			for g, p := range want {
				h := hashNgram(g)
				if other, ok := hashes[h]; ok {
					t.Fatalf("%v: %q and %q share hash %x", l, g, other, h)
				}
				hashes[h] = g
				if q := got.prob(h); q != p {
					t.Fatalf("%v %q: probability %v, lingua %v", l, g, q, p)
				}
				for _, miss := range []string{g + "q", g[1:], "ʬ" + g} {
					if _, in := want[miss]; !in && got.prob(hashNgram(miss)) != 0 {
						t.Fatalf("%v %q: not in lingua's model but has probability %v", l, miss, got.prob(hashNgram(miss)))
					}
				}
			}
		}
	}
}

// enFrEs are the languages of the load benchmarks: a Spanish quotation in an
// English article is judged among them, all five n-gram lengths when it has
// fewer than 120 letters.
var enFrEs = []lingua.Language{lingua.English, lingua.French, lingua.Spanish}

// BenchmarkLoadModels measures the tables of models.go for English, French
// and Spanish, built from lingua's zipped models (no cache: a first run).
func BenchmarkLoadModels(b *testing.B) {
	saved := cacheDir
	cacheDir = func() string { return "" }
	defer func() { cacheDir = saved }()
	benchLoad(b)
}

// BenchmarkLoadModelsCached measures the same tables read back from the
// cache (every run after the first).
func BenchmarkLoadModelsCached(b *testing.B) {
	saved := cacheDir
	dir := b.TempDir()
	cacheDir = func() string { return dir }
	defer func() { cacheDir = saved }()
	for _, l := range enFrEs {
		for n := 1; n <= maxNgram; n++ {
			loadModel(l, n) // fills the cache
		}
	}
	b.ResetTimer()
	benchLoad(b)
}

func benchLoad(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		for _, l := range enFrEs {
			for n := 1; n <= maxNgram; n++ {
				if _, err := loadModel(l, n); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// BenchmarkLoadLingua measures lingua's own loader (its loadLanguageModels,
// as linguaModel repeats it) on the same models.
func BenchmarkLoadLingua(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		for _, l := range enFrEs {
			for n := 1; n <= maxNgram; n++ {
				if linguaModel(b, l, n) == nil {
					b.Fatal("no model")
				}
			}
		}
	}
}
