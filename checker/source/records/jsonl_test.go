package records

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/markup"
)

// readAll reads every record and rejection of a JSON Lines input.
func readAll(t *testing.T, input string, opt Options) (recs []*Record, rejected []*Rejected) {
	t.Helper()
	return drain(t, NewJSONLReader(strings.NewReader(input), opt).Next)
}

// drain calls next, a reader's Next, until io.EOF and returns the records
// and the rejections it gave; it fails the test on another error, or when
// the reader does not end.
func drain(t *testing.T, next func() (*Record, error)) (recs []*Record, rejected []*Rejected) {
	t.Helper()
	for i := 0; ; i++ {
		if i > 100000 {
			t.Fatal("reader does not end")
		}
		rec, err := next()
		if err == io.EOF {
			return recs, rejected
		}
		var rej *Rejected
		if errors.As(err, &rej) {
			rejected = append(rejected, rej)
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		recs = append(recs, rec)
	}
}

func TestJSONLReader(t *testing.T) {
	type want struct {
		id, url, title, body string
		format               markup.Format
		extra                string
		line                 int
		offset               int64
	}
	tests := []struct {
		name     string
		input    string
		max      int
		want     []want
		rejected []string // "LINE: reason substring"
	}{
		{
			name:  "valid",
			input: `{"id":"a1","url":"https://example.org/a","title":"T","text":"Some words."}` + "\n",
			want:  []want{{id: "a1", url: "https://example.org/a", title: "T", body: "Some words.", format: markup.Plain, line: 1}},
		},
		{
			name:  "extra fields kept in order",
			input: `{"lang":"en","id":"x","meta":{"b":[1, 2]},"html":"<p>Hi</p>","n":3}`,
			want:  []want{{id: "x", body: "<p>Hi</p>", format: markup.HTML, extra: `{"lang":"en","meta":{"b":[1, 2]},"n":3}`, line: 1}},
		},
		{
			name:  "numeric id",
			input: `{"id":12345678901234567890,"markdown":"# Title"}`,
			want:  []want{{id: "12345678901234567890", body: "# Title", format: markup.Markdown, line: 1}},
		},
		{
			name:  "missing id falls back to url then line",
			input: `{"url":"https://example.org/b","text":"one"}` + "\n" + `{"id":null,"text":"two"}` + "\n" + `{"id":"","text":"three"}` + "\n",
			want: []want{
				{id: "https://example.org/b", url: "https://example.org/b", body: "one", line: 1},
				{id: "2", body: "two", line: 2, offset: 45},
				{id: "3", body: "three", line: 3, offset: 70},
			},
		},
		{
			name:  "text wins over markdown and html",
			input: `{"html":"<b>h</b>","markdown":"*m*","text":"t"}`,
			want:  []want{{id: "1", body: "t", line: 1}},
		},
		{
			name:  "empty and blank lines skipped, CRLF",
			input: "\n   \n{\"text\":\"a\"}\r\n\t\r\n{\"text\":\"b\"}",
			want:  []want{{id: "3", body: "a", line: 3, offset: 5}, {id: "5", body: "b", line: 5, offset: 22}},
		},
		{
			name:     "bad JSON",
			input:    `{"id":"a","text":"x"` + "\n" + `{"id":"b","text":"y"}` + "\n" + `{"text": tru}` + "\n",
			want:     []want{{id: "b", body: "y", line: 2, offset: 21}},
			rejected: []string{"1: invalid JSON", "3: invalid JSON"},
		},
		{
			name:     "not an object, wrong types, no body, trailing data",
			input:    "[1,2]\n" + `{"id":[1],"text":"x"}` + "\n" + `{"id":"c"}` + "\n" + `{"text":5}` + "\n" + `{"text":"a"} {}` + "\n" + `{"url":7,"text":"a"}` + "\n",
			rejected: []string{"1: not a JSON object", `2: "id" is not`, "3: no \"text\"", `4: "text" is not a string`, "5: more after the object", `6: "url" is not a string`},
		},
		{
			name:     "over-long line",
			input:    `{"text":"short"}` + "\n" + `{"text":"` + strings.Repeat("x", 200) + `"}` + "\n" + `{"text":"after"}`,
			max:      64,
			want:     []want{{id: "1", body: "short", line: 1}, {id: "3", body: "after", line: 3, offset: 229}},
			rejected: []string{"2: line longer than 64 bytes"},
		},
		{
			name:     "over-long last line without newline",
			input:    `{"text":"short"}` + "\n" + `{"text":"` + strings.Repeat("x", 200) + `"}`,
			max:      64,
			want:     []want{{id: "1", body: "short", line: 1}},
			rejected: []string{"2: line longer than 64 bytes"},
		},
		{
			name:     "invalid UTF-8",
			input:    "{\"text\":\"caf\xe9\"}\n{\"text\":\"ok\"}\n",
			want:     []want{{id: "2", body: "ok", line: 2, offset: 16}},
			rejected: []string{"1: invalid UTF-8 at byte 12"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejected := readAll(t, tt.input, Options{Source: "dump.jsonl", MaxRecordBytes: tt.max})
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records, want %d (rejected: %v)", len(recs), len(tt.want), rejected)
			}
			for i, w := range tt.want {
				r := recs[i]
				got := want{id: r.ID, url: r.URL, title: r.Title, body: string(r.Body), format: r.Format, extra: string(r.Extra), line: r.Line, offset: r.Offset}
				if got != w {
					t.Errorf("record %d:\n got %+v\nwant %+v", i, got, w)
				}
				if r.Source != "dump.jsonl" {
					t.Errorf("record %d: Source %q", i, r.Source)
				}
			}
			if len(rejected) != len(tt.rejected) {
				t.Fatalf("got %d rejected %v, want %d", len(rejected), rejected, len(tt.rejected))
			}
			for i, w := range tt.rejected {
				line, reason, _ := strings.Cut(w, ": ")
				got := rejected[i].Error()
				if !strings.HasPrefix(got, "dump.jsonl:"+line+": ") || !strings.Contains(got, reason) {
					t.Errorf("rejected %d: %q, want line %s and %q", i, got, line, reason)
				}
			}
		})
	}
}

func TestJSONLReaderGzip(t *testing.T) {
	var b strings.Builder
	zw := gzipWriter(&b)
	io.WriteString(zw, `{"id":"z","text":"compressed"}`+"\n")
	zw.Close()
	recs, rejected := readAll(t, b.String(), Options{})
	if len(recs) != 1 || len(rejected) != 0 || recs[0].ID != "z" || string(recs[0].Body) != "compressed" {
		t.Fatalf("got %v, rejected %v", recs, rejected)
	}
}
