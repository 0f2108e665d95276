// Package records reads article dumps, one article a record, and checks each
// record: JSON Lines (one object a line: id, url, title and a text, markdown
// or html body, any other field passed through) and WARC or WARC.gz files
// (HTTP responses holding HTML, and the extracted-text conversion records of
// WET files). It has no dependency on any execution engine, so that the
// command line (mtlint check --input-format jsonl|warc) and a distributed
// pipeline share one parser and write byte-identical output for the same
// records: Check turns a Record into an Output, and Output.AppendJSONL writes
// the line.
//
// Readers stream: they hold one record at a time, so memory is bounded by the
// largest record (Options.MaxRecordBytes), not by the dump. A malformed
// record is returned as a *Rejected error that names its line or byte offset;
// the reader goes on with the next record when Next is called again.
package records

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/mtlint/mtlint/checker/markup"
)

// DefaultMaxRecordBytes is the largest record read when
// Options.MaxRecordBytes is zero: a JSON line, or the payload of a WARC
// record. A larger one is rejected, not read into memory.
const DefaultMaxRecordBytes = 32 << 20

// Options tune a Reader.
type Options struct {
	// Source names the input in Rejected errors and Records: a file name,
	// or "<stdin>".
	Source string
	// MaxRecordBytes is the largest record read; zero means
	// DefaultMaxRecordBytes.
	MaxRecordBytes int
}

func (o Options) maxBytes() int {
	if o.MaxRecordBytes > 0 {
		return o.MaxRecordBytes
	}
	return DefaultMaxRecordBytes
}

// Record is one article of a dump.
type Record struct {
	// ID names the record in the output: the JSON "id" field (a string, or
	// a number written as in the input), else its URL, else its line
	// number; for WARC, the WARC-Record-ID without its angle brackets, else
	// the URL, else "offset N".
	ID string
	// URL is where the article came from: the JSON "url" field, or the
	// WARC-Target-URI.
	URL string
	// Title is the JSON "title" field; it is passed through, not checked.
	Title string
	// Body is the text to check, in Format.
	Body []byte
	// Format is the markup of Body: the JSON field it came from ("text"
	// Plain, "markdown", "html"), or what the WARC record's Content-Type
	// says.
	Format markup.Format
	// ContentType is the HTTP Content-Type of a WARC response (its charset
	// is used to decode Body), or empty.
	ContentType string
	// Extra holds the fields not read above as one JSON object, in input
	// order, or nil when there are none. For WARC records it holds the
	// record's type, date and content type, and the HTTP status.
	Extra json.RawMessage
	// Source is Options.Source of the reader that read the record.
	Source string
	// Line is the 1-based line of a JSON Lines record, 0 for WARC.
	Line int
	// Offset is the byte offset where the record starts: in the
	// decompressed stream for JSON Lines, in the file as stored (compressed
	// or not) for WARC, as CDX indexes count it.
	Offset int64
}

// Rejected is the error of a record that could not be read. The reader goes
// on with the next record.
type Rejected struct {
	// Source is Options.Source.
	Source string `json:"source"`
	// Line is the 1-based line of a JSON Lines record, 0 for WARC.
	Line int `json:"line,omitempty"`
	// Offset is the byte offset of the record (see Record.Offset).
	Offset int64 `json:"offset"`
	// ID is the record's id when it could be read, else empty.
	ID string `json:"id,omitempty"`
	// Reason says what is wrong, for a person.
	Reason string `json:"reason"`
}

// Error returns "SOURCE:LINE: REASON" for a JSON line and
// "SOURCE@OFFSET: REASON" for a WARC record.
func (r *Rejected) Error() string {
	where := r.Source
	if where == "" {
		where = "<input>"
	}
	if r.Line > 0 {
		where += ":" + strconv.Itoa(r.Line)
	} else {
		where += "@" + strconv.FormatInt(r.Offset, 10)
	}
	return where + ": " + r.Reason
}

func rejectf(src string, line int, off int64, format string, args ...any) *Rejected {
	return &Rejected{Source: src, Line: line, Offset: off, Reason: fmt.Sprintf(format, args...)}
}
