package checker_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/internal/corpora"
)

// benchText returns size bytes of news text: the BBC articles of the dev
// corpus (clean copy, the common case) with the seed article mixed in every
// 40 articles (so that rules also report), repeated to length.
func benchText(b testing.TB, size int) []byte {
	b.Helper()
	seed, err := os.ReadFile("../testdata/mt-article.txt")
	if err != nil {
		b.Fatal(err)
	}
	dir := corpora.Dir(b, "bbc-news-dev")
	files := corpora.Files(b, dir, "*/*.txt")
	var unit bytes.Buffer
	for i, f := range files {
		raw, err := os.ReadFile(filepath.Clean(f))
		if err != nil {
			b.Fatal(err)
		}
		unit.Write(raw)
		unit.WriteString("\n\n")
		if i%40 == 0 {
			unit.Write(seed)
			unit.WriteString("\n\n")
		}
	}
	out := make([]byte, 0, size+unit.Len())
	for len(out) < size {
		out = append(out, unit.Bytes()...)
	}
	return out[:size]
}

// BenchmarkNew measures building a checker with the default rules and
// checking one line with it, the work of a start after the built-in phrase
// packs are decoded (once a process: BenchmarkBuiltinDecode in rules/packs
// measures that, and BenchmarkStart in cmd/mtlint a whole run of the
// binary).
func BenchmarkNew(b *testing.B) {
	text := []byte("The minister said the talks would go on.\n")
	b.ReportAllocs()
	for b.Loop() {
		c, err := checker.New(checker.Config{})
		if err != nil {
			b.Fatal(err)
		}
		if res := c.CheckBytes(text); len(res.Findings) != 0 {
			b.Fatalf("findings on a clean line: %v", res.Findings)
		}
	}
}

func benchCheck(b *testing.B, size int, disable ...string) {
	text := benchText(b, size)
	c, err := checker.New(checker.Config{Disable: disable})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := c.CheckBytes(text)
		if len(res.Findings) == 0 {
			b.Fatal("no findings: the benchmark text lost its seed articles")
		}
	}
}

// The throughput bar of DESIGN.md is for the default rules with language
// identification excluded: these benchmarks run without the language
// category, and BenchmarkCheckWithLanguage1MB shows what it adds.

// BenchmarkCheck1MB measures throughput on 1 MB of news text; compare with
// BenchmarkCheck100MB for linearity:
//
//	go test ./checker -run '^$' -bench Check -cpu 1 -benchtime 3x
func BenchmarkCheck1MB(b *testing.B) { benchCheck(b, 1<<20, "language") }

// BenchmarkCheck100MB measures the same on 100 MB, one document.
func BenchmarkCheck100MB(b *testing.B) { benchCheck(b, 100<<20, "language") }

// BenchmarkCheckWithLanguage1MB measures every default rule, the language
// rules included.
func BenchmarkCheckWithLanguage1MB(b *testing.B) { benchCheck(b, 1<<20) }

// structural are the categories of the phrase packs, the typography rules
// and the language rules; without them the structural rules of punctuation,
// quotes, repetition and boilerplate remain.
var structural = []string{"idiom", "grammar", "spinning", "typography", "language"}

// BenchmarkCheckStructural1MB measures the structural rules alone on 1 MB.
func BenchmarkCheckStructural1MB(b *testing.B) { benchCheck(b, 1<<20, structural...) }

// BenchmarkCheckStructural100MB measures the structural rules alone on 100 MB.
func BenchmarkCheckStructural100MB(b *testing.B) { benchCheck(b, 100<<20, structural...) }
