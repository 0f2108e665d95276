// Package report writes the results of checking articles in the formats that
// people and tools read: text for a terminal, JSON and JSON Lines for
// programs. A Reporter receives results one file at a time, in the order the
// caller wants them shown, and writes each as soon as it has it, so that a run
// over thousands of files neither waits for the last one nor holds them all:
//
//	r, err := report.New("text", os.Stdout, report.Options{})
//	...
//	var sum report.Summary
//	r.Start()
//	for _, res := range results {
//		sum.Add(res)
//		r.File(res)
//	}
//	r.Finish(sum)
//
// The formats whose document starts with totals, JUnit and Markdown, keep
// what they will write until Finish (Markdown only its first findings).
//
// Every format is in its own file: json.go, jsonl.go, text.go, sarif.go,
// github.go, junit.go, checkstyle.go, csv.go, markdown.go.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
)

// Reporter writes results as they come.
type Reporter interface {
	// Start is called once, before the first file.
	Start() error
	// File writes the result of one input. The Reporter does not keep res
	// after File returns.
	File(res *checker.Result) error
	// Finish is called once, after the last file, with the totals.
	Finish(sum Summary) error
}

// Formats are the names that New accepts, the default first.
var Formats = []string{"text", "json", "jsonl", "sarif", "github", "junit", "checkstyle", "csv", "markdown", "html"}

// Options tune a Reporter. Color, Quiet and ContextWidth matter to the text
// format only (JSON and JSON Lines are always complete and never coloured);
// Rules and Version to SARIF.
type Options struct {
	// Color writes ANSI colours. The caller decides (a terminal, NO_COLOR,
	// --no-color); nothing here looks at the environment.
	Color bool
	// Quiet writes one line a finding, without the source line, the
	// suggestion, notes or the summary.
	Quiet bool
	// ContextWidth is the most code points of a source line shown under a
	// finding: a longer line is cut around the finding and the cuts marked
	// with "…". Zero means DefaultContextWidth; a negative width shows the
	// whole line.
	ContextWidth int
	// Rules are the rules that may run, in run order: SARIF describes each
	// of them in its tool section, so that code scanning can show a
	// finding's rule, help and default level.
	Rules []*rules.Rule
	// Version is mtlint's version, as SARIF names the tool that wrote it.
	Version string
	// ShowFixes writes, in the text format, each finding's fix as an
	// inline diff of its source line: "fix:" for the fix that mtlint fix
	// applies (which Rules tell), "suggested fix:" for the first
	// suggestion of the others.
	ShowFixes bool
}

// DefaultContextWidth is the ContextWidth used when Options leave it zero.
const DefaultContextWidth = 100

// New returns the Reporter for format ("text", "json" or "jsonl") writing to
// w.
func New(format string, w io.Writer, opts Options) (Reporter, error) {
	switch format {
	case "text", "":
		return NewText(w, opts), nil
	case "json":
		return NewJSON(w), nil
	case "jsonl":
		return NewJSONL(w), nil
	case "sarif":
		return NewSARIF(w, opts), nil
	case "github":
		return NewGitHub(w), nil
	case "junit":
		return NewJUnit(w), nil
	case "checkstyle":
		return NewCheckstyle(w), nil
	case "csv":
		return NewCSV(w), nil
	case "markdown":
		return NewMarkdown(w), nil
	case "html":
		return NewHTML(w), nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Summary counts what a run reported. Findings and the counts by severity
// are those of the findings reported, after any minimum severity dropped the
// rest.
type Summary struct {
	// Files is the number of inputs reported, including the skipped and the
	// unreadable ones.
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// Skipped counts the inputs that were not checked (binary, say).
	Skipped int `json:"-"`
	// Unreadable counts the inputs that could not be read at all.
	Unreadable int `json:"-"`
}

// Add counts res.
func (s *Summary) Add(res *checker.Result) {
	s.Files++
	switch {
	case res.Error != "":
		s.Unreadable++
	case res.Skipped:
		s.Skipped++
	}
	for i := range res.Findings {
		s.Findings++
		switch res.Findings[i].Severity {
		case rules.Error:
			s.Errors++
		case rules.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
}

// AtLeast returns how many findings have severity sev or a higher one.
func (s Summary) AtLeast(sev rules.Severity) int {
	n := 0
	if sev <= rules.Error {
		n += s.Errors
	}
	if sev <= rules.Warning {
		n += s.Warnings
	}
	if sev <= rules.Info {
		n += s.Infos
	}
	return n
}

// Checked returns the number of inputs that were read and checked.
func (s Summary) Checked() int { return s.Files - s.Skipped - s.Unreadable }

// String is the one-line summary that ends a text report, like
// "3 files checked, 12 findings (2 errors, 9 warnings, 1 info)".
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s checked", plural(s.Checked(), "file", "files"))
	if s.Skipped > 0 {
		fmt.Fprintf(&b, ", %d skipped", s.Skipped)
	}
	if s.Unreadable > 0 {
		fmt.Fprintf(&b, ", %d unreadable", s.Unreadable)
	}
	if s.Findings == 0 {
		b.WriteString(", no findings")
		return b.String()
	}
	fmt.Fprintf(&b, ", %s (%s, %s, %s)", plural(s.Findings, "finding", "findings"),
		plural(s.Errors, "error", "errors"), plural(s.Warnings, "warning", "warnings"),
		plural(s.Infos, "info", "infos"))
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// normalized returns res, or a copy of it, whose Findings and every
// finding's Suggestions are non-nil, so that JSON shows them as arrays.
func normalized(res *checker.Result) *checker.Result {
	ok := res.Findings != nil
	for i := range res.Findings {
		ok = ok && res.Findings[i].Suggestions != nil
	}
	if ok {
		return res
	}
	c := *res
	c.Findings = make([]checker.Finding, len(res.Findings))
	copy(c.Findings, res.Findings)
	for i := range c.Findings {
		if c.Findings[i].Suggestions == nil {
			c.Findings[i].Suggestions = []string{}
		}
	}
	return &c
}
