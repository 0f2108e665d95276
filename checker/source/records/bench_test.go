package records

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

// BenchmarkJSONLReader reads article-sized records with the escapes of real
// text (line breaks, quotes, non-ASCII letters).
func BenchmarkJSONLReader(b *testing.B) {
	para := strings.Repeat("The minister said \"the talks will be difficult\" — and café owners agreed.\n", 30)
	var data bytes.Buffer
	for i := range 2000 {
		line, _ := json.Marshal(map[string]any{"id": i, "url": "https://example.org/a", "title": "A title", "text": para, "section": "news"})
		data.Write(line)
		data.WriteByte('\n')
	}
	b.SetBytes(int64(data.Len()))
	for b.Loop() {
		r := NewJSONLReader(bytes.NewReader(data.Bytes()), Options{})
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}
