package report

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/mtlint/mtlint/checker"
)

// CSVHeader is the first row of the CSV report, the names of its columns.
var CSVHeader = []string{"path", "line", "column", "end_line", "end_column", "offset", "length",
	"severity", "category", "rule", "message", "text", "suggestion"}

// CSV writes comma-separated values (RFC 4180, as encoding/csv writes them:
// fields quoted when they need it, "\n" ending rows) for spreadsheets and
// scripts: the CSVHeader row, then one row a finding, with the fields of the
// JSON report; suggestion holds the suggestions joined by " | ", an empty
// one (delete the text) shown as "(delete)"; each byte of invalid UTF-8 is
// written as U+FFFD, as in the JSON report. Inputs that were skipped or could not be
// read have no row: the JSON report and standard error say why.
//
// A text field that starts with "=", "+", "-", "@", a tab or a carriage
// return gets a "'" in front (OWASP's advice), so that a spreadsheet does not
// run article text as a formula (CSV injection); positions and offsets stay
// exact, and the JSON report has the text as is.
type CSV struct {
	w   io.Writer
	buf bytes.Buffer
	csv *csv.Writer
	row []string
}

// NewCSV returns the CSV reporter writing to w.
func NewCSV(w io.Writer) *CSV {
	c := &CSV{w: w, row: make([]string, len(CSVHeader))}
	c.csv = csv.NewWriter(&c.buf)
	return c
}

// Start writes the header.
func (c *CSV) Start() error {
	c.buf.Reset()
	if err := c.csv.Write(CSVHeader); err != nil {
		return err
	}
	return c.flush()
}

// File writes a row for each finding of res.
func (c *CSV) File(res *checker.Result) error {
	if len(res.Findings) == 0 {
		return nil
	}
	c.buf.Reset()
	path := csvSafe(res.Path)
	for i := range res.Findings {
		f := &res.Findings[i]
		sugg := make([]string, len(f.Suggestions))
		for i, s := range f.Suggestions {
			if s == "" {
				s = "(delete)"
			}
			sugg[i] = s
		}
		r := c.row
		r[0] = path
		r[1] = strconv.Itoa(f.Line)
		r[2] = strconv.Itoa(f.Column)
		r[3] = strconv.Itoa(f.EndLine)
		r[4] = strconv.Itoa(f.EndColumn)
		r[5] = strconv.Itoa(f.Offset)
		r[6] = strconv.Itoa(f.Length)
		r[7] = f.Severity.String()
		r[8] = string(f.Category)
		r[9] = f.Rule
		r[10] = csvSafe(articleMessage(f, f.Message))
		r[11] = csvSafe(f.Text)
		r[12] = csvSafe(strings.Join(sugg, " | "))
		if err := c.csv.Write(r); err != nil {
			return err
		}
	}
	return c.flush()
}

// Finish writes nothing more.
func (c *CSV) Finish(Summary) error { return nil }

func (c *CSV) flush() error {
	c.csv.Flush()
	if err := c.csv.Error(); err != nil {
		return err
	}
	_, err := c.w.Write(c.buf.Bytes())
	return err
}

// csvSafe makes invalid UTF-8 U+FFFD, as the JSON report does, and puts a
// "'" before a field that a spreadsheet would read as a formula.
func csvSafe(s string) string {
	s = validUTF8(s)
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
