package server

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkV2Check2KB measures /v2/check on a paragraph of about 2 KB,
// through the handler (form parsing, the pool, the check, segmentation for
// sentences, the JSON answer).
func BenchmarkV2Check2KB(b *testing.B) {
	seed, err := os.ReadFile("../../testdata/mt-article.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(seed[:2048])
	text = strings.ToValidUTF8(text, "")
	s := newServer(b, Options{Workers: 1, Queue: 1})
	body := form("text", text, "language", "en-US")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		status, resp, _ := do(b, s, "POST", "/v2/check", formType, body)
		if status != 200 {
			b.Fatal(status, resp)
		}
	}
}
