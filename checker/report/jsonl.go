package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/mtlint/mtlint/checker"
)

// JSONL writes JSON Lines: one compact JSON object a file, the same object
// as an element of the JSON report's "files", each on its own line and
// written as soon as the file is done. There is no summary line: every line
// is a file, so that a consumer can treat all lines alike (the totals are the
// sum of the lines).
type JSONL struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

// NewJSONL returns the JSON Lines reporter writing to w.
func NewJSONL(w io.Writer) *JSONL {
	j := &JSONL{w: w}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

// Start writes nothing.
func (j *JSONL) Start() error { return nil }

// File writes res on one line.
func (j *JSONL) File(res *checker.Result) error {
	j.buf.Reset()
	if err := j.enc.Encode(normalized(res)); err != nil {
		return err
	}
	_, err := j.w.Write(j.buf.Bytes())
	return err
}

// Finish writes nothing.
func (j *JSONL) Finish(Summary) error { return nil }
