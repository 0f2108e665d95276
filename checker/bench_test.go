package checker_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
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
	benchCheckJobs(b, size, 1, disable...)
}

// benchCheckJobs is benchCheck with the windows of the text checked on
// jobs cores.
func benchCheckJobs(b *testing.B, size, jobs int, disable ...string) {
	c, text := benchSetup(b, size, jobs, disable...)
	for i := 0; i < b.N; i++ {
		res := c.CheckBytes(text)
		if len(res.Findings) == 0 {
			b.Fatal("no findings: the benchmark text lost its seed articles")
		}
	}
}

// benchSetup returns a checker of the default rules but those of disable,
// with windows on jobs cores, and size bytes of news text, and starts the
// benchmark's clock.
func benchSetup(b *testing.B, size, jobs int, disable ...string) (*checker.Checker, []byte) {
	text := benchText(b, size)
	c, err := checker.New(checker.Config{Disable: disable, Jobs: jobs})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	return c, text
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

// BenchmarkCheckJobs8MB checks 8 MB, one document, its windows on as many
// cores as -cpu gives; compare -cpu 1 and -cpu 2 for the speed-up:
//
//	go test ./checker -run '^$' -bench CheckJobs8MB -cpu 1,2 -benchtime 5x
func BenchmarkCheckJobs8MB(b *testing.B) { benchCheckJobs(b, 8<<20, runtime.GOMAXPROCS(0), "language") }

// BenchmarkCheckStream8MB checks 8 MB read from a stream (standard input),
// window by window.
func BenchmarkCheckStream8MB(b *testing.B) {
	c, text := benchSetup(b, 8<<20, runtime.GOMAXPROCS(0), "language")
	for i := 0; i < b.N; i++ {
		res, err := c.CheckReader(bytes.NewReader(text))
		if err != nil || len(res.Findings) == 0 {
			b.Fatal(err, "or no findings")
		}
	}
}

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
