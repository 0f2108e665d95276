package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/rules"
)

// FuzzCIFormats puts arbitrary text in a finding's flagged text, message,
// suggestion and path, and checks that every CI format still parses as its
// readers parse it, with one record for the finding: SARIF as JSON, the
// GitHub commands line by line, JUnit and checkstyle as strict XML, CSV
// with encoding/csv, Markdown as a GFM table.
func FuzzCIFormats(f *testing.F) {
	f.Add("a\x1a]]>", "message -- \"x\"", "=1+2", "news/a.md")
	f.Add(" , ", "pipe | and `tick`", "", "odd dir/it's, a:file|`x`%.txt")
	f.Add("line\r\nbreak\n::error::x", "%0A%25", "\xff\xfe", "<stdin>")
	f.Add("``", "<!-- hide", "\\|", "https://example.org/a?b=c&d")
	f.Add("\t\x00\x7f\u202e", "\u2028\u0085", "-", "C:\\docs\\a.txt")
	f.Add("\xde\xde", "\xe2\x80", "\xf0", "\xc3")
	f.Fuzz(func(t *testing.T, text, msg, sugg, path string) {
		fd := checker.Finding{
			Rule: "punctuation.space-before", Category: rules.Punctuation, Severity: rules.Warning,
			Message: msg, Line: 3, Column: 2, EndLine: 3, EndColumn: 4, Offset: 7, Length: len(text),
			Text: text, Suggestions: []string{sugg},
			Context: checker.Context{Line: "ab" + text, Start: 2, End: 2 + len(text)},
		}
		res := []*checker.Result{{Path: path, Findings: []checker.Finding{fd}, Notes: []checker.Note{{Kind: "charset", Offset: -1, Message: msg}}}}

		out := render(t, "sarif", report.Options{}, res)
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						PhysicalLocation struct {
							Region struct {
								Snippet struct{ Text string }
							}
						}
					}
				}
			}
		}
		if err := json.Unmarshal(out, &log); err != nil {
			t.Fatalf("sarif: %v", err)
		}
		if got := log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region.Snippet.Text; got != perByte(text) {
			t.Errorf("sarif snippet %q, text %q", got, text)
		}

		out = render(t, "github", report.Options{}, res)
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("github: %d lines:\n%q", len(lines), out)
		}
		for _, l := range lines {
			c, err := parseGH(l)
			if err != nil {
				t.Fatalf("github: %v", err)
			}
			if c.props["title"] == "" {
				t.Errorf("github: no title in %q", l)
			}
		}

		var jdoc jSuites
		decodeXML(t, render(t, "junit", report.Options{}, res), &jdoc)
		if len(jdoc.Suites[0].Cases) != 1 || len(jdoc.Suites[0].Cases[0].Failures) != 1 {
			t.Errorf("junit: %+v", jdoc)
		}
		var cdoc csDoc
		decodeXML(t, render(t, "checkstyle", report.Options{}, res), &cdoc)
		if len(cdoc.Files) != 1 || len(cdoc.Files[0].Errors) != 1 {
			t.Errorf("checkstyle: %+v", cdoc)
		}

		rows, err := csv.NewReader(bytes.NewReader(render(t, "csv", report.Options{}, res))).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("csv: %d rows, %v", len(rows), err)
		}
		norm := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
		if want := formulaSafe(perByte(text)); norm(rows[1][11]) != norm(want) {
			t.Errorf("csv text %q, want %q", rows[1][11], want)
		}

		_, tables := renderMarkdown(t, render(t, "markdown", report.Options{}, res))
		if len(tables) != 2 || len(tables[1].rows) != 1 || len(tables[1].rows[0]) != 6 {
			t.Errorf("markdown: tables %+v", tables)
		}
	})
}
