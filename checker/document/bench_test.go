package document

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkSegment measures segmentation alone (paragraphs, lines,
// sentences, tokens) on about 1 MB of text: the seed article and the
// fixtures here, repeated.
//
//	go test ./checker/document -run '^$' -bench Segment -cpu 1
func BenchmarkSegment(b *testing.B) {
	var unit strings.Builder
	for _, f := range []string{"../../testdata/mt-article.txt", "testdata/sentences.txt"} {
		raw, err := os.ReadFile(filepath.Clean(f))
		if err != nil {
			b.Fatal(err)
		}
		unit.Write(raw)
		unit.WriteString("\n\n")
	}
	text := []byte(strings.Repeat(unit.String(), (1<<20)/unit.Len()+1)[:1<<20])
	d := NewPlain(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.SetPlain(text)
		for range d.Windows(0) {
		}
	}
}
