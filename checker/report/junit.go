package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/mtlint/mtlint/checker"
)

// JUnit writes a JUnit XML report, which CI systems (GitLab, Jenkins, Azure
// Pipelines, GitHub test-report actions) show as test results: one
// <testsuite> named mtlint inside <testsuites>, one <testcase> an input
// (classname mtlint, name its path), and a <failure> a finding, whose type
// is the rule ID, whose message gives the line, column and message, and
// whose body is the finding as the text report shows it: position,
// severity, rule, the source line with the flagged text underlined, the
// suggestion. An input that could not be read is an <error>, a skipped one
// (binary, say) <skipped/>, and the notes of a checked input go to its
// <system-out>.
//
// The suite's tests, failures, errors and skipped count test cases (inputs),
// as JUnit does: a file with three findings is one failed test. They open
// the document, so the test cases are kept, as XML, until Finish.
type JUnit struct {
	w                                          io.Writer
	cases                                      bytes.Buffer // the <testcase> elements written so far
	text                                       *Text        // renders a failure's body
	tests, failures, errors, skipped, findings int
}

// NewJUnit returns the JUnit reporter writing to w.
func NewJUnit(w io.Writer) *JUnit {
	return &JUnit{w: w, text: NewText(io.Discard, Options{})}
}

// junitCase is a <testcase>.
type junitCase struct {
	XMLName   xml.Name       `xml:"testcase"`
	Classname string         `xml:"classname,attr"`
	Name      string         `xml:"name,attr"`
	File      string         `xml:"file,attr,omitempty"`
	Time      string         `xml:"time,attr"`
	Failures  []junitProblem `xml:"failure"`
	Error     *junitProblem  `xml:"error"`
	Skipped   *junitProblem  `xml:"skipped"`
	SystemOut *junitOut      `xml:"system-out"`
}

// junitOut is a <system-out>.
type junitOut struct {
	Body string `xml:",innerxml"` // escaped by xmlText
}

// junitProblem is a <failure>, <error> or <skipped>.
type junitProblem struct {
	Type    string `xml:"type,attr,omitempty"`
	Message string `xml:"message,attr"`
	Body    string `xml:",innerxml"` // escaped by xmlText
}

// Start writes nothing: the counts come first.
func (j *JUnit) Start() error { return nil }

// File adds the test case of res.
func (j *JUnit) File(res *checker.Result) error {
	tc := junitCase{Classname: "mtlint", Name: res.Path, Time: "0"}
	if !isURL(res.Path) {
		tc.File = res.Path
	}
	j.tests++
	why, unreadable, skipped := rejected(res)
	switch {
	case unreadable:
		j.errors++
		tc.Error = &junitProblem{Type: "unreadable", Message: why}
	case skipped:
		j.skipped++
		tc.Skipped = &junitProblem{Message: why}
	default:
		var notes []string
		for _, n := range res.Notes {
			notes = append(notes, "note: "+n.Message)
		}
		if len(notes) > 0 {
			tc.SystemOut = &junitOut{Body: xmlText(strings.Join(notes, "\n"))}
		}
		if len(res.Findings) > 0 {
			j.failures++
		}
		for i := range res.Findings {
			f := &res.Findings[i]
			j.findings++
			tc.Failures = append(tc.Failures, junitProblem{
				Type:    f.Rule,
				Message: articleMessage(f, "") + "line " + strconv.Itoa(f.Line) + ", column " + strconv.Itoa(f.Column) + ": " + f.Severity.String() + ": " + f.Message,
				Body:    xmlText(j.body(res.Path, f)),
			})
		}
	}
	j.cases.WriteString("\n")
	enc := xml.NewEncoder(&j.cases)
	enc.Indent("    ", "  ")
	return enc.Encode(tc)
}

// body is the text report's block for f, without colour.
func (j *JUnit) body(path string, f *checker.Finding) string {
	j.text.buf.Reset()
	j.text.wrote = false
	j.text.finding(path, f)
	return strings.TrimSuffix(j.text.buf.String(), "\n")
}

// Finish writes the document: the counts, then the test cases.
func (j *JUnit) Finish(Summary) error {
	counts := `name="mtlint" tests="` + strconv.Itoa(j.tests) + `" failures="` + strconv.Itoa(j.failures) +
		`" errors="` + strconv.Itoa(j.errors) + `" skipped="` + strconv.Itoa(j.skipped) + `" time="0"`
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString("<testsuites " + counts + ">\n")
	b.WriteString("  <testsuite " + counts + ">\n")
	b.WriteString(`    <properties>` + "\n")
	b.WriteString(`      <property name="findings" value="` + strconv.Itoa(j.findings) + `"></property>` + "\n")
	b.WriteString(`    </properties>`)
	if _, err := j.w.Write(b.Bytes()); err != nil {
		return err
	}
	if _, err := j.w.Write(j.cases.Bytes()); err != nil {
		return err
	}
	_, err := io.WriteString(j.w, "\n  </testsuite>\n</testsuites>\n")
	return err
}
