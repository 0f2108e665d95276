package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/mtlint/mtlint/checker"
)

// Checkstyle writes checkstyle's XML report, which CI servers (Jenkins'
// Warnings plugin, GitLab through converters), reviewdog and editors read:
//
//	<checkstyle version="4.3">
//	  <file name="article.md">
//	    <error line="6" column="118" severity="warning" message="space before a comma; suggestion: &quot;,&quot;" source="punctuation.space-before"></error>
//	  </file>
//	</checkstyle>
//
// Every input has a <file>, a finding is an <error> whose severity is
// mtlint's (error, warning or info, all three checkstyle's own) and whose
// source is the rule ID. An input that could not be read has one error
// without a line; the notes of an input, and why it was skipped, are an XML
// comment in its <file>. Each file is written when it comes.
type Checkstyle struct {
	w   io.Writer
	buf bytes.Buffer
}

// NewCheckstyle returns the checkstyle reporter writing to w.
func NewCheckstyle(w io.Writer) *Checkstyle { return &Checkstyle{w: w} }

// csFile and csError are checkstyle's elements.
type csFile struct {
	XMLName xml.Name  `xml:"file"`
	Name    string    `xml:"name,attr"`
	Notes   string    `xml:",comment"`
	Errors  []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Start writes the XML declaration and opens <checkstyle>.
func (c *Checkstyle) Start() error {
	_, err := io.WriteString(c.w, xmlHeader+`<checkstyle version="4.3">`+"\n")
	return err
}

// File writes the <file> of res.
func (c *Checkstyle) File(res *checker.Result) error {
	file := csFile{Name: res.Path, Errors: make([]csError, 0, len(res.Findings))}
	if res.Error != "" {
		file.Errors = append(file.Errors, csError{Severity: "error", Message: "cannot be read: " + res.Error, Source: "mtlint"})
	} else if len(res.Notes) > 0 {
		var notes []string
		for _, n := range res.Notes {
			notes = append(notes, "note: "+n.Message)
		}
		file.Notes = " " + xmlComment(strings.Join(notes, "\n")) + " "
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		file.Errors = append(file.Errors, csError{
			Line: f.Line, Column: f.Column, Severity: f.Severity.String(),
			Message: articleMessage(f, messageWithSuggestion(f)), Source: f.Rule,
		})
	}
	c.buf.Reset()
	enc := xml.NewEncoder(&c.buf)
	enc.Indent("  ", "  ")
	if err := enc.Encode(file); err != nil {
		return err
	}
	c.buf.WriteByte('\n')
	_, err := c.w.Write(c.buf.Bytes())
	return err
}

// Finish closes <checkstyle>.
func (c *Checkstyle) Finish(Summary) error {
	_, err := io.WriteString(c.w, "</checkstyle>\n")
	return err
}
