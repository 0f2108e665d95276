package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"github.com/mtlint/mtlint/checker"
)

// Version is the version of the JSON report's layout, its "version" field.
const Version = 1

// JSONReport is the document that the JSON format writes, as DESIGN.md
// fixes it. Programs that read mtlint's output can decode into it.
type JSONReport struct {
	Version int               `json:"version"`
	Files   []*checker.Result `json:"files"`
	Summary Summary           `json:"summary"`
}

// JSON writes one indented JSON document, a JSONReport, for the whole run.
// It streams: each file is written when File is called, and the document is
// closed by Finish; what it writes is byte for byte what encoding/json writes
// for the JSONReport indented by two spaces, without HTML escaping.
type JSON struct {
	w     io.Writer
	buf   bytes.Buffer
	enc   *json.Encoder
	res   *resultEncoder
	files int
}

// NewJSON returns the JSON reporter writing to w.
func NewJSON(w io.Writer) *JSON {
	j := &JSON{w: w, res: newResultEncoder("    ", "  ")}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

// Start opens the document.
func (j *JSON) Start() error {
	_, err := io.WriteString(j.w, "{\n  \"version\": "+strconv.Itoa(Version)+",\n  \"files\": [")
	return err
}

// File writes res as the next element of "files", its findings one by one.
func (j *JSON) File(res *checker.Result) error {
	sep := "\n    "
	if j.files > 0 {
		sep = ",\n    "
	}
	if _, err := io.WriteString(j.w, sep); err != nil {
		return err
	}
	j.files++
	return j.res.encode(j.w, res)
}

// Finish writes the summary and closes the document.
func (j *JSON) Finish(sum Summary) error {
	j.buf.Reset()
	if j.files > 0 {
		j.buf.WriteString("\n  ")
	}
	j.buf.WriteString("],\n  \"summary\": ")
	j.enc.SetIndent("  ", "  ")
	if err := j.enc.Encode(sum); err != nil {
		return err
	}
	j.buf.Truncate(j.buf.Len() - 1)
	j.buf.WriteString("\n}\n")
	_, err := j.w.Write(j.buf.Bytes())
	return err
}
