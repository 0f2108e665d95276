package records

import (
	"bytes"
	"encoding/json"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/score"
)

// CheckOptions say how records are read by the checker, as the command
// line's flags do.
type CheckOptions struct {
	// Extract checks only the main article of an HTML record
	// (readability), as mtlint check --extract does.
	Extract bool
	// Encoding names the character encoding of HTML records whose
	// Content-Type and <meta charset> should be overridden, as --encoding
	// does; empty means detect it. JSON Lines bodies are UTF-8 by
	// definition.
	Encoding string
}

// Output is the result of checking one record: the object of one line of
// mtlint check --input-format jsonl --format jsonl, and of a pipeline's
// findings files.
type Output struct {
	// ID, URL and Title are the record's.
	ID, URL, Title string
	// Result is what the checker found, with Path set to ID.
	Result *checker.Result
	// Extra is the record's Extra, passed through.
	Extra json.RawMessage
}

// InputChecker checks bytes read as an Input says: a *checker.Checker, or a
// *config.Dispatcher (the checker of the current folder's .mtlint.yml, or of
// the file given with --config, as the command line uses it).
type InputChecker interface {
	CheckInput(raw []byte, in checker.Input) *checker.Result
}

// Check checks rec with c and returns its output. c's configuration (rules,
// severities, ignore patterns, accept list, minimum severity) applies as to
// any input; the record's format, Content-Type and URL say how to read its
// body.
func Check(c InputChecker, rec *Record, opt CheckOptions) *Output {
	f := rec.Format
	in := checker.Input{Format: &f, ContentType: rec.ContentType, URL: rec.URL, Article: opt.Extract}
	if opt.Encoding != "" && rec.Line == 0 {
		in.Encoding = opt.Encoding
	}
	res := c.CheckInput(rec.Body, in)
	res.Path = rec.ID
	return &Output{ID: rec.ID, URL: rec.URL, Title: rec.Title, Result: res, Extra: rec.Extra}
}

// outputJSON is the layout of an Output's JSON object, in its key order.
type outputJSON struct {
	ID                 string            `json:"id"`
	URL                string            `json:"url"`
	Title              string            `json:"title,omitempty"`
	Score              int               `json:"score"`
	SourceLanguageHint *score.Hint       `json:"source_language_hint"`
	Language           string            `json:"language"`
	Words              int               `json:"words"`
	Findings           []checker.Finding `json:"findings"`
	Notes              []checker.Note    `json:"notes,omitempty"`
	Skipped            bool              `json:"skipped,omitempty"`
	Extra              json.RawMessage   `json:"extra,omitempty"`
}

// AppendJSONL appends o's JSON object and a newline to dst: compact, keys
// in a fixed order (id, url, title when there is one, score,
// source_language_hint (null when the evidence is thin), language (empty
// when the text is too short to tell), words, findings (each as in the JSON
// report), notes and skipped when there are any, extra when the record had
// other fields), HTML characters not escaped.
func (o *Output) AppendJSONL(dst []byte) ([]byte, error) {
	res := o.Result
	v := outputJSON{ID: o.ID, URL: o.URL, Title: o.Title, Extra: o.Extra}
	if res != nil {
		v.Score, v.SourceLanguageHint, v.Language, v.Words = res.Score, res.SourceLanguageHint, res.Language, res.Words
		v.Findings, v.Notes, v.Skipped = res.Findings, res.Notes, res.Skipped
	}
	v.Findings = withArrays(v.Findings)
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&v); err != nil {
		return dst, err
	}
	return buf.Bytes(), nil
}

// MarshalJSON returns o's JSON object, AppendJSONL without the newline.
func (o *Output) MarshalJSON() ([]byte, error) {
	b, err := o.AppendJSONL(nil)
	if err != nil {
		return nil, err
	}
	return b[:len(b)-1], nil
}

// withArrays returns fs, or a copy of it, in which fs itself and every
// finding's Suggestions are non-nil, so that JSON shows them as arrays.
func withArrays(fs []checker.Finding) []checker.Finding {
	ok := fs != nil
	for i := range fs {
		ok = ok && fs[i].Suggestions != nil
	}
	if ok {
		return fs
	}
	c := make([]checker.Finding, len(fs))
	copy(c, fs)
	for i := range c {
		if c[i].Suggestions == nil {
			c[i].Suggestions = []string{}
		}
	}
	return c
}
