package records

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/markup"
)

// warcRecord writes one WARC/1.1 record by hand (not with the library under
// test), gzip-compressed as a member of its own when gz is set.
func warcRecord(w *bytes.Buffer, gz bool, typ, id, uri, contentType, block string) {
	var rec bytes.Buffer
	fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Date: 2024-03-01T12:00:00Z\r\n", typ)
	if id != "" {
		fmt.Fprintf(&rec, "WARC-Record-ID: <%s>\r\n", id)
	}
	if uri != "" {
		fmt.Fprintf(&rec, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&rec, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", contentType, len(block), block)
	if !gz {
		w.Write(rec.Bytes())
		return
	}
	zw := gzip.NewWriter(w)
	zw.Write(rec.Bytes())
	zw.Close()
}

// httpResponse is an HTTP response block.
func httpResponse(status, headers, body string) string {
	return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body
}

const httpMsg = "application/http; msgtype=response"

// readWARC reads every article and rejection of a WARC input.
func readWARC(t *testing.T, data []byte, opt Options) (recs []*Record, rejected []*Rejected, skipped int) {
	t.Helper()
	r, err := NewWARCReader(bytes.NewReader(data), opt)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	recs, rejected = drain(t, r.Next)
	return recs, rejected, r.Skipped
}

func TestWARCReader(t *testing.T) {
	var gzBody bytes.Buffer
	zw := gzip.NewWriter(&gzBody)
	zw.Write([]byte("<p>Compressed page.</p>"))
	zw.Close()
	type want struct {
		id, url, body, contentType string
		format                     markup.Format
	}
	tests := []struct {
		name     string
		write    func(w *bytes.Buffer, gz bool)
		want     []want
		extra    []string // "I:SUBSTRING": record I's Extra holds SUBSTRING
		rejected int
		skipped  int
	}{
		{
			name: "HTML response",
			write: func(w *bytes.Buffer, gz bool) {
				warcRecord(w, gz, "warcinfo", "urn:uuid:0", "", "application/warc-fields", "software: test\r\n")
				warcRecord(w, gz, "request", "urn:uuid:1", "https://example.org/a", "application/http; msgtype=request", "GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n")
				warcRecord(w, gz, "response", "urn:uuid:2", "https://example.org/a", httpMsg, httpResponse("200 OK", "Content-Type: text/html; charset=utf-8\r\n", "<p>An article.</p>"))
			},
			want:    []want{{id: "urn:uuid:2", url: "https://example.org/a", body: "<p>An article.</p>", contentType: "text/html; charset=utf-8", format: markup.HTML}},
			extra:   []string{`0:"warc_type":"response"`, `0:"http_status":200`, `0:"warc_date":"2024-03-01T12:00:00Z"`},
			skipped: 2,
		},
		{
			name: "WET conversion and resource",
			write: func(w *bytes.Buffer, gz bool) {
				warcRecord(w, gz, "conversion", "urn:uuid:3", "https://example.org/b", "text/plain", "Extracted text.")
				warcRecord(w, gz, "resource", "", "https://example.org/c.md", "text/markdown", "# Notes")
			},
			want: []want{
				{id: "urn:uuid:3", url: "https://example.org/b", body: "Extracted text.", format: markup.Plain},
				{id: "https://example.org/c.md", url: "https://example.org/c.md", body: "# Notes", format: markup.Markdown},
			},
			extra: []string{`0:"warc_type":"conversion"`, `1:"warc_type":"resource"`},
		},
		{
			name: "error pages, images and revisits skipped",
			write: func(w *bytes.Buffer, gz bool) {
				warcRecord(w, gz, "response", "urn:uuid:4", "https://example.org/missing", httpMsg, httpResponse("404 Not Found", "Content-Type: text/html\r\n", "<p>Not found</p>"))
				warcRecord(w, gz, "response", "urn:uuid:5", "https://example.org/i.png", httpMsg, httpResponse("200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n"))
				warcRecord(w, gz, "revisit", "urn:uuid:6", "https://example.org/a", httpMsg, "HTTP/1.1 200 OK\r\n\r\n")
				warcRecord(w, gz, "response", "urn:uuid:7", "https://example.org/s", httpMsg, httpResponse("200 OK", "", "<!DOCTYPE html><p>Sniffed.</p>"))
			},
			want:    []want{{id: "urn:uuid:7", url: "https://example.org/s", body: "<!DOCTYPE html><p>Sniffed.</p>", format: markup.HTML}},
			skipped: 3,
		},
		{
			name: "chunked and gzip content coding undone",
			write: func(w *bytes.Buffer, gz bool) {
				chunked := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", gzBody.Len(), gzBody.String())
				warcRecord(w, gz, "response", "urn:uuid:8", "https://example.org/z", httpMsg, httpResponse("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", chunked))
			},
			want: []want{{id: "urn:uuid:8", url: "https://example.org/z", body: "<p>Compressed page.</p>", contentType: "text/html", format: markup.HTML}},
		},
		{
			name: "unsupported content coding rejected, next record read",
			write: func(w *bytes.Buffer, gz bool) {
				warcRecord(w, gz, "response", "urn:uuid:9", "https://example.org/br", httpMsg, httpResponse("200 OK", "Content-Type: text/html\r\nContent-Encoding: br\r\n", "xx"))
				warcRecord(w, gz, "conversion", "urn:uuid:10", "https://example.org/t", "text/plain", "After.")
			},
			want:     []want{{id: "urn:uuid:10", url: "https://example.org/t", body: "After.", format: markup.Plain}},
			rejected: 1,
		},
		{
			name: "garbage between records skipped over",
			write: func(w *bytes.Buffer, gz bool) {
				warcRecord(w, gz, "conversion", "urn:uuid:11", "https://example.org/1", "text/plain", "One.")
				w.WriteString("some garbage\r\n")
				warcRecord(w, gz, "conversion", "urn:uuid:12", "https://example.org/2", "text/plain", "Two.")
			},
			want: []want{
				{id: "urn:uuid:11", url: "https://example.org/1", body: "One.", format: markup.Plain},
				{id: "urn:uuid:12", url: "https://example.org/2", body: "Two.", format: markup.Plain},
			},
		},
	}
	for _, tt := range tests {
		for _, gz := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/gz=%v", tt.name, gz), func(t *testing.T) {
				var data bytes.Buffer
				tt.write(&data, gz)
				recs, rejected, skipped := readWARC(t, data.Bytes(), Options{Source: "crawl.warc"})
				if len(recs) != len(tt.want) {
					t.Fatalf("got %d records, want %d (rejected %v)", len(recs), len(tt.want), rejected)
				}
				for i, w := range tt.want {
					r := recs[i]
					got := want{id: r.ID, url: r.URL, body: string(r.Body), contentType: r.ContentType, format: r.Format}
					if got != w {
						t.Errorf("record %d:\n got %+v\nwant %+v", i, got, w)
					}
					if r.Line != 0 || r.Source != "crawl.warc" {
						t.Errorf("record %d: line %d, source %q", i, r.Line, r.Source)
					}
				}
				for _, e := range tt.extra {
					i := int(e[0] - '0')
					if e = e[2:]; !strings.Contains(string(recs[i].Extra), e) {
						t.Errorf("record %d: extra %s lacks %s", i, recs[i].Extra, e)
					}
				}
				if len(rejected) != tt.rejected || skipped != tt.skipped {
					t.Errorf("rejected %v, skipped %d; want %d rejected, %d skipped", rejected, skipped, tt.rejected, tt.skipped)
				}
				for _, r := range rejected {
					if !strings.HasPrefix(r.Error(), "crawl.warc@") {
						t.Errorf("rejection %q does not name the offset", r.Error())
					}
				}
			})
		}
	}
}

func TestWARCReaderOffsetsAndLimits(t *testing.T) {
	var data bytes.Buffer
	warcRecord(&data, true, "conversion", "urn:uuid:a", "https://example.org/1", "text/plain", "First.")
	second := int64(data.Len())
	warcRecord(&data, true, "conversion", "urn:uuid:b", "https://example.org/2", "text/plain", strings.Repeat("long ", 100))
	third := int64(data.Len())
	warcRecord(&data, true, "conversion", "urn:uuid:c", "https://example.org/3", "text/plain", "Third.")
	recs, rejected, _ := readWARC(t, data.Bytes(), Options{Source: "x.warc.gz", MaxRecordBytes: 100})
	if len(recs) != 2 || recs[0].Offset != 0 || recs[1].Offset != third || recs[1].ID != "urn:uuid:c" {
		t.Fatalf("records %+v, want the first and the third at offsets 0 and %d", recs, third)
	}
	if len(rejected) != 1 || rejected[0].Offset != second || rejected[0].ID != "urn:uuid:b" || !strings.Contains(rejected[0].Reason, "larger than 100 bytes") {
		t.Fatalf("rejected %+v, want the second, at %d, as too large", rejected, second)
	}
}

func TestWARCReaderTruncated(t *testing.T) {
	var data bytes.Buffer
	warcRecord(&data, true, "conversion", "urn:uuid:a", "https://example.org/1", "text/plain", "First.")
	n := data.Len()
	warcRecord(&data, true, "conversion", "urn:uuid:b", "https://example.org/2", "text/plain", "Second and last.")
	recs, rejected, _ := readWARC(t, data.Bytes()[:n+(data.Len()-n)/2], Options{Source: "cut.warc.gz"})
	if len(recs) != 1 || recs[0].ID != "urn:uuid:a" || len(rejected) != 1 || rejected[0].Offset != int64(n) {
		t.Fatalf("records %v, rejected %v: want the first record and the cut one rejected at %d", recs, rejected, n)
	}
}

// pipe is a stream that cannot be sought, as standard input from a pipe.
type pipe struct{ io.Reader }

func (pipe) Seek(int64, int) (int64, error) { return 0, errors.New("illegal seek") }
func (pipe) Close() error                   { return errors.New("closed by the reader") }

func TestWARCReaderPipe(t *testing.T) {
	var data bytes.Buffer
	warcRecord(&data, true, "conversion", "urn:uuid:p", "https://example.org/p", "text/plain", "Piped.")
	r, err := NewWARCReader(pipe{&data}, Options{Source: "<stdin>"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := r.Next()
	if err != nil || rec.ID != "urn:uuid:p" {
		t.Fatalf("got %v, %v", rec, err)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("Close closed the stream: %v", err)
	}
}
