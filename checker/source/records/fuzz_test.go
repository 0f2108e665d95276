package records

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/markup"
)

// FuzzJSONLReader: whatever the bytes, the reader ends, never panics, gives
// each record an id, a body format and an increasing line, and each
// rejection a line; no more records and rejections than lines.
func FuzzJSONLReader(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"x"}` + "\n" + `{"url":"u","html":"<p>"}`,
		"{\"text\":\"caf\xe9\"}\n\n  \n[1]\n{",
		`{"id":1e3,"markdown":null,"text":"\ud800"} {}`,
		"\x1f\x8b\x08\x00",
	} {
		f.Add([]byte(s), 16)
	}
	f.Fuzz(func(t *testing.T, data []byte, max int) {
		max = 1 + int(uint(max)%256)
		r := NewJSONLReader(bytes.NewReader(data), Options{Source: "f", MaxRecordBytes: max})
		lines := bytes.Count(data, []byte("\n")) + 1
		lastLine, n := 0, 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var rej *Rejected
			if errors.As(err, &rej) {
				if rej.Line <= lastLine || rej.Offset < 0 || rej.Reason == "" {
					t.Fatalf("rejection %+v after line %d", rej, lastLine)
				}
				lastLine = rej.Line
			} else if err != nil {
				if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
					break // a broken gzip stream ends the reading
				}
				t.Fatalf("unexpected error %v", err)
			} else {
				if rec.ID == "" || rec.Line <= lastLine || rec.Format > markup.HTML || !utf8.Valid(rec.Body) || len(rec.Body) > max {
					t.Fatalf("record %+v after line %d", rec, lastLine)
				}
				lastLine = rec.Line
			}
			if n++; n > lines && !(len(data) >= 2 && data[0] == 0x1f) {
				t.Fatalf("%d results from %d lines", n, lines)
			}
		}
	})
}

// FuzzWARCReader: whatever the bytes, compressed or not, the reader ends
// within a bounded number of calls and never panics; records have an id and
// bodies within the limit, at increasing offsets inside the input.
func FuzzWARCReader(f *testing.F) {
	var seed bytes.Buffer
	warcRecord(&seed, false, "response", "urn:uuid:1", "https://example.org/a", httpMsg, httpResponse("200 OK", "Content-Type: text/html\r\n", "<p>Hi</p>"))
	warcRecord(&seed, false, "conversion", "urn:uuid:2", "https://example.org/b", "text/plain", "Text.")
	f.Add(seed.Bytes(), false)
	f.Add(seed.Bytes(), true)
	f.Add([]byte("WARC/1.0\r\nContent-Length: 5\r\n\r\nab"), false)
	f.Fuzz(func(t *testing.T, data []byte, gz bool) {
		if gz {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(data)
			zw.Close()
			data = b.Bytes()
		}
		const max = 1 << 12
		r, err := NewWARCReader(bytes.NewReader(data), Options{Source: "f", MaxRecordBytes: max})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		last := int64(-1)
		for calls := 0; ; calls++ {
			if calls > len(data)+2 {
				t.Fatalf("%d calls on %d bytes: the reader does not end", calls, len(data))
			}
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			var rej *Rejected
			if errors.As(err, &rej) {
				if rej.Offset < 0 || rej.Offset > int64(len(data)) || rej.Line != 0 {
					t.Fatalf("rejection %+v", rej)
				}
				continue
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if rec.ID == "" || len(rec.Body) > max || rec.Offset <= last || rec.Offset >= int64(len(data)) {
				t.Fatalf("record %+v after offset %d", rec, last)
			}
			last = rec.Offset
		}
	})
}

// FuzzScanObject: the single-pass scanner accepts only what encoding/json
// accepts, and gives the same members, and unquote decodes strings as
// encoding/json does.
func FuzzScanObject(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"line\nbreak \"q\" \u00e9 \ud83d\ude00 \ud800x"}`,
		` { "a" : [1, {"b": "}"}] , "c":-1.5e3,"d":null,"e":true } `,
		`{"a":01}`, `{"a":"\x"}`, `{}`, `{"a":1,}`, `{"a" "b"}`, `{"a":[}`, `{"\u0061":1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if !utf8.Valid(line) {
			return // ParseJSONLine rejects it first
		}
		fast, ok := scanObject(line, nil)
		slow, why := decodeMembers(line)
		if !ok {
			return
		}
		if why != "" {
			t.Fatalf("scanObject accepts %q, which encoding/json rejects: %s", line, why)
		}
		if len(fast) != len(slow) {
			t.Fatalf("%q: %d members, encoding/json %d", line, len(fast), len(slow))
		}
		for i := range fast {
			if fast[i].key != slow[i].key || !bytes.Equal(fast[i].raw, slow[i].raw) {
				t.Fatalf("%q: member %d %q=%q, encoding/json %q=%q", line, i, fast[i].key, fast[i].raw, slow[i].key, slow[i].raw)
			}
			if fast[i].raw[0] == '"' {
				var want string
				if err := json.Unmarshal(fast[i].raw, &want); err != nil {
					t.Fatal(err)
				}
				if got := unquote(fast[i].raw); got != want {
					t.Fatalf("unquote(%q) = %q, encoding/json %q", fast[i].raw, got, want)
				}
			}
		}
	})
}
