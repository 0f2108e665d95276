package report

import (
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
	res *resultEncoder
}

// NewJSONL returns the JSON Lines reporter writing to w.
func NewJSONL(w io.Writer) *JSONL {
	return &JSONL{w: w, res: newResultEncoder("", "")}
}

// Start writes nothing.
func (j *JSONL) Start() error { return nil }

// File writes res on one line, its findings one by one.
func (j *JSONL) File(res *checker.Result) error {
	if err := j.res.encode(j.w, res); err != nil {
		return err
	}
	_, err := io.WriteString(j.w, "\n")
	return err
}

// Finish writes nothing.
func (j *JSONL) Finish(Summary) error { return nil }
