package main

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/rules/builtin"
)

// Each CI format end to end: the seed article through the built-in rules,
// the output parsed as its consumers parse it and checked against the JSON
// report of the same run.
func TestFormats(t *testing.T) {
	t.Chdir("../..")
	const seed = "testdata/mt-article.txt"
	js := runWith(t, nil, "", nil, false, "check", "--format", "json", seed)
	if js.code != 1 {
		t.Fatalf("json: exit %d: %s", js.code, js.stderr)
	}
	doc := decode(t, js.stdout)
	findings := doc.Files[0].Findings
	n := len(findings)
	if n == 0 {
		t.Fatal("no findings in the seed article")
	}

	for _, tc := range []struct {
		format string
		check  func(t *testing.T, out string)
	}{
		{"sarif", func(t *testing.T, out string) {
			log, err := sarif.FromString(out)
			if err != nil {
				t.Fatal(err)
			}
			r := log.Runs[0]
			if *r.Tool.Driver.Name != "mtlint" || *r.Tool.Driver.Version != versionString() {
				t.Errorf("driver %s %s", *r.Tool.Driver.Name, *r.Tool.Driver.Version)
			}
			on := 0
			for _, rule := range builtin.Rules() {
				if !rule.Off {
					on++
				}
			}
			if got := len(r.Tool.Driver.Rules); got != on {
				t.Errorf("%d rules in the driver, %d on by default", got, on)
			}
			if len(r.Results) != n {
				t.Fatalf("%d results, %d findings", len(r.Results), n)
			}
			for i, res := range r.Results {
				reg := res.Locations[0].PhysicalLocation.Region
				if *res.RuleID != findings[i].Rule || *reg.StartLine != findings[i].Line || reg.ByteOffset != findings[i].Offset {
					t.Errorf("result %d: %s at %d (byte %d), finding %s at %d (byte %d)", i, *res.RuleID, *reg.StartLine, reg.ByteOffset, findings[i].Rule, findings[i].Line, findings[i].Offset)
				}
				if uri := *res.Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != seed {
					t.Errorf("uri %q", uri)
				}
			}
		}},
		{"github", func(t *testing.T, out string) {
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != n {
				t.Fatalf("%d lines, %d findings", len(lines), n)
			}
			for i, l := range lines {
				f := findings[i]
				head, msg, ok := strings.Cut(strings.TrimPrefix(l, "::"), "::")
				cmd, props, _ := strings.Cut(head, " ")
				want := map[string]string{"error": "error", "warning": "warning", "info": "notice"}[f.Severity.String()]
				if !ok || cmd != want || !strings.HasPrefix(props, "file="+seed+",line=") || !strings.HasSuffix(props, ",title="+f.Rule) || !strings.HasPrefix(msg, strings.ReplaceAll(f.Message, "%", "%25")) {
					t.Errorf("line %d: %q", i+1, l)
				}
			}
		}},
		{"junit", func(t *testing.T, out string) {
			var doc struct {
				Suite struct {
					Tests    int `xml:"tests,attr"`
					Failures int `xml:"failures,attr"`
					Cases    []struct {
						Name     string `xml:"name,attr"`
						Failures []struct {
							Type string `xml:"type,attr"`
						} `xml:"failure"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			if err := xml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			s := doc.Suite
			if s.Tests != 1 || s.Failures != 1 || len(s.Cases) != 1 || s.Cases[0].Name != seed || len(s.Cases[0].Failures) != n {
				t.Fatalf("suite %+v", s)
			}
			for i, f := range s.Cases[0].Failures {
				if f.Type != findings[i].Rule {
					t.Errorf("failure %d: %s, want %s", i, f.Type, findings[i].Rule)
				}
			}
		}},
		{"checkstyle", func(t *testing.T, out string) {
			var doc struct {
				Files []struct {
					Name   string `xml:"name,attr"`
					Errors []struct {
						Line   int    `xml:"line,attr"`
						Source string `xml:"source,attr"`
					} `xml:"error"`
				} `xml:"file"`
			}
			if err := xml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Files) != 1 || doc.Files[0].Name != seed || len(doc.Files[0].Errors) != n {
				t.Fatalf("files %+v", doc.Files)
			}
			for i, e := range doc.Files[0].Errors {
				if e.Source != findings[i].Rule || e.Line != findings[i].Line {
					t.Errorf("error %d: %+v, want %s at line %d", i, e, findings[i].Rule, findings[i].Line)
				}
			}
		}},
		{"csv", func(t *testing.T, out string) {
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != n+1 || strings.Join(rows[0], ",") != strings.Join(report.CSVHeader, ",") {
				t.Fatalf("%d rows, header %v", len(rows), rows[0])
			}
			for i, row := range rows[1:] {
				if row[0] != seed || row[9] != findings[i].Rule || row[11] != findings[i].Text {
					t.Errorf("row %d: %q", i+1, row)
				}
			}
		}},
		{"markdown", func(t *testing.T, out string) {
			if !strings.HasPrefix(out, "## mtlint\n\n**"+doc.Summary.String()) {
				t.Errorf("no totals: %.200q", out)
			}
			if got := strings.Count(out, "| `"+seed+":"); got != n {
				t.Errorf("%d rows of findings, want %d", got, n)
			}
		}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			r := runWith(t, nil, "", nil, false, "check", "--format", tc.format, seed)
			if r.code != 1 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			tc.check(t, r.stdout)
		})
	}
}

// A SARIF log of a run with an unreadable input is still whole: the
// failure is a notification, the exit code 2, and an absolute path a
// file:// URI.
func TestSARIFUnreadable(t *testing.T) {
	dir := t.TempDir()
	warn := write(t, dir, "warn.txt", "The talks , they said, went well.\n")
	missing := filepath.Join(dir, "missing.txt")
	r := mtlint(t, "check", "--format", "sarif", warn, missing)
	if r.code != 2 || !strings.Contains(r.stderr, "missing.txt: no such file or directory") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !json.Valid([]byte(r.stdout)) {
		t.Fatalf("not JSON:\n%s", r.stdout)
	}
	log, err := sarif.FromString(r.stdout)
	if err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != 1 || !strings.HasPrefix(*run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI, "file:///") {
		t.Errorf("results %d, uri %q", len(run.Results), *run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	inv := run.Invocations[0]
	if *inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 || inv.ToolExecutionNotifications[0].Level != "error" ||
		!strings.Contains(*inv.ToolExecutionNotifications[0].Message.Text, "missing.txt") {
		t.Errorf("invocation %+v", inv)
	}
}
