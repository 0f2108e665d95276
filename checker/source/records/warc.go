package records

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"github.com/mtlint/mtlint/checker/markup"
)

// WARCReader reads the articles of a WARC file, compressed record by record
// (.warc.gz) or not: the HTTP responses with status 2xx whose payload is
// HTML, XHTML, plain text or Markdown (by Content-Type; sniffed as HTML or
// text when there is none), the resource records of those types, and the
// conversion records of WET files (extracted text). Other records (requests,
// metadata, revisits, images, error pages…) are skipped and counted.
//
// Parsing is github.com/nlnwa/gowarc/v3's, leniently: syntax and
// specification slips are tolerated, as crawlers make them, and after a
// record that cannot be parsed the reader looks for the next one.
type WARCReader struct {
	opt      Options
	wf       *gowarc.WarcFileReader
	lastBad  int64 // offset of the last unparsable record, to stop a loop on one
	stuck    int
	finished bool
	// Skipped counts the records that are not articles.
	Skipped int
}

// NewWARCReader returns a reader of the WARC records in r.
func NewWARCReader(r io.Reader, opt Options) (*WARCReader, error) {
	// Hidden behind a plain io.Reader, r is neither sought (standard input
	// cannot be) nor closed by the library.
	wf, err := gowarc.NewWarcFileReaderFromStream(struct{ io.Reader }{r}, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn), // caches each block, so that its payload can be read after Next
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(int64(opt.maxBytes())+64<<10),
	)
	if err != nil {
		return nil, err
	}
	return &WARCReader{opt: opt, wf: wf, lastBad: -1}, nil
}

// Close releases the reader's buffers (for the next reader); it does not
// close the stream.
func (w *WARCReader) Close() error {
	if w.wf == nil {
		return nil
	}
	err := w.wf.Close()
	w.wf = nil
	return err
}

// Next returns the next article; io.EOF at the end; a *Rejected error for a
// record that could not be parsed or read (call Next again for the next
// one).
func (w *WARCReader) Next() (*Record, error) {
	for {
		if w.finished || w.wf == nil {
			return nil, io.EOF
		}
		rec, err := w.wf.Next()
		if err == io.EOF {
			w.finished = true
			return nil, io.EOF
		}
		if err != nil {
			if rec.WarcRecord != nil {
				_ = rec.Close()
			}
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gowarc.ErrNoRecord) || errors.Is(err, io.EOF) {
				w.finished = true // truncated or trailing garbage: nothing follows
			}
			if rec.Offset == w.lastBad {
				if w.stuck++; w.stuck > 1 {
					w.finished = true
				}
			} else {
				w.lastBad, w.stuck = rec.Offset, 0
			}
			return nil, rejectf(w.opt.Source, 0, rec.Offset, "unreadable WARC record: %v", err)
		}
		out, rerr := w.article(rec)
		_ = rec.Close()
		if rerr != nil {
			return nil, rerr
		}
		if out == nil {
			w.Skipped++
			continue
		}
		return out, nil
	}
}

// warcExtra is what Record.Extra holds for a WARC record.
type warcExtra struct {
	WARCType    string `json:"warc_type"`
	WARCDate    string `json:"warc_date,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	HTTPStatus  int    `json:"http_status,omitempty"`
}

// article returns the article of rec, nil when rec is not one.
func (w *WARCReader) article(rec gowarc.Record) (*Record, error) {
	wr := rec.WarcRecord
	h := wr.WarcHeader()
	out := &Record{Source: w.opt.Source, Offset: rec.Offset, URL: strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")}
	out.ID = strings.Trim(wr.RecordId(), "<>")
	if out.ID == "" {
		out.ID = out.URL
	}
	if out.ID == "" {
		out.ID = "offset " + strconv.FormatInt(rec.Offset, 10)
	}
	reject := func(format string, args ...any) (*Record, error) {
		r := rejectf(w.opt.Source, 0, rec.Offset, format, args...)
		r.ID = out.ID
		return nil, r
	}
	extra := warcExtra{WARCType: wr.Type().String(), WARCDate: h.Get(gowarc.WarcDate)}
	var body io.Reader
	switch wr.Type() {
	case gowarc.Response:
		blk, ok := wr.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return nil, nil // a response that is not HTTP (DNS, say)
		}
		extra.HTTPStatus = blk.HttpStatusCode()
		if extra.HTTPStatus < 200 || extra.HTTPStatus > 299 {
			return nil, nil
		}
		hdr := blk.HttpHeader()
		if hdr != nil {
			extra.ContentType = hdr.Get("Content-Type")
		}
		p, err := blk.PayloadBytes()
		if err != nil {
			return reject("reading the payload: %v", err)
		}
		if body, err = decoded(p, hdr, chunked(blk.ProtocolHeaderBytes())); err != nil {
			return reject("%v", err)
		}
	case gowarc.Resource, gowarc.Conversion:
		extra.ContentType = h.Get(gowarc.ContentType)
		p, err := wr.Block().RawBytes()
		if err != nil {
			return reject("reading the block: %v", err)
		}
		body = p
	default:
		return nil, nil
	}
	max := w.opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(body, int64(max)+1))
	if err != nil {
		return reject("reading the payload: %v", err)
	}
	if len(data) > max {
		return reject("payload larger than %d bytes", max)
	}
	f, ok := warcFormat(extra.ContentType, data)
	if !ok {
		return nil, nil
	}
	if wr.Type() == gowarc.Response {
		out.ContentType = extra.ContentType
	}
	out.Body, out.Format = data, f
	if out.Extra, err = json.Marshal(extra); err != nil {
		return nil, err
	}
	return out, nil
}

// chunked reports whether the HTTP header block hb names the chunked
// transfer coding (net/http takes Transfer-Encoding out of the parsed
// header).
func chunked(hb []byte) bool {
	for line := range bytes.SplitSeq(hb, []byte("\n")) {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(name)), "Transfer-Encoding") &&
			bytes.Contains(bytes.ToLower(value), []byte("chunked")) {
			return true
		}
	}
	return false
}

// decoded undoes the transfer and content codings of an HTTP payload that a
// crawler stored as it came: chunked, gzip and deflate.
func decoded(p io.Reader, hdr *http.Header, isChunked bool) (io.Reader, error) {
	if isChunked {
		p = httputil.NewChunkedReader(p)
	}
	if hdr == nil {
		return p, nil
	}
	switch ce := strings.ToLower(strings.TrimSpace(hdr.Get("Content-Encoding"))); ce {
	case "", "identity":
		return p, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(p)
		if err != nil {
			return nil, fmt.Errorf("Content-Encoding gzip: %v", err)
		}
		return zr, nil
	case "deflate":
		return flate.NewReader(p), nil
	default:
		return nil, fmt.Errorf("Content-Encoding %q is not supported", ce)
	}
}

// warcFormat returns the markup of a payload of Content-Type ct, false when
// it is not an article (an image, a script, a PDF…).
func warcFormat(ct string, data []byte) (markup.Format, bool) {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return markup.HTML, true
	case "text/plain":
		return markup.Plain, true
	case "text/markdown", "text/x-markdown":
		return markup.Markdown, true
	case "":
		if strings.HasPrefix(http.DetectContentType(data), "text/html") {
			return markup.HTML, true
		}
		if strings.HasPrefix(http.DetectContentType(data), "text/plain") {
			return markup.Plain, true
		}
	}
	return markup.Plain, false
}
