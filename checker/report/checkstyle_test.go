package report_test

import (
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
)

// The checkstyle document as its readers see it.
type csDoc struct {
	Version string `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Notes  string `xml:",comment"`
		Errors []struct {
			Line     int    `xml:"line,attr"`
			Column   int    `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

func TestCheckstyleParses(t *testing.T) {
	_, seed := ciSeed(t)
	_, multi := ciMulti(t)
	for name, results := range map[string][]*checker.Result{"seed": seed, "multi": multi, "test rules": results(t), "none": nil} {
		t.Run(name, func(t *testing.T) {
			var doc csDoc
			decodeXML(t, render(t, "checkstyle", report.Options{}, results), &doc)
			if doc.Version != "4.3" || len(doc.Files) != len(results) {
				t.Fatalf("version %q, %d files for %d inputs", doc.Version, len(doc.Files), len(results))
			}
			for i, res := range results {
				file := doc.Files[i]
				if file.Name != res.Path {
					t.Errorf("file %d: %q, want %q", i, file.Name, res.Path)
				}
				if res.Error != "" {
					if len(file.Errors) != 1 || file.Errors[0].Severity != "error" || file.Errors[0].Line != 0 || !strings.Contains(file.Errors[0].Message, res.Error) {
						t.Errorf("%s: unreadable as %+v", res.Path, file.Errors)
					}
					continue
				}
				for _, n := range res.Notes {
					// an XML comment cannot hold "--": "--encoding" is written "- -encoding"
					if !strings.Contains(file.Notes, strings.ReplaceAll(n.Message, "--", "- -")) {
						t.Errorf("%s: note %q not in the comment %q", res.Path, n.Message, file.Notes)
					}
				}
				if len(file.Errors) != len(res.Findings) {
					t.Fatalf("%s: %d errors for %d findings", res.Path, len(file.Errors), len(res.Findings))
				}
				for j, f := range res.Findings {
					e := file.Errors[j]
					if e.Line != f.Line || e.Column != f.Column || e.Severity != f.Severity.String() || e.Source != f.Rule || !strings.HasPrefix(e.Message, f.Message) {
						t.Errorf("%s: %+v for %s at %d:%d", res.Path, e, f.Rule, f.Line, f.Column)
					}
					if len(f.Suggestions) > 0 && !strings.Contains(e.Message, "; suggestion: ") {
						t.Errorf("%s: no suggestion in %q", f.Rule, e.Message)
					}
				}
			}
		})
	}
}

func TestCheckstyleEscaping(t *testing.T) {
	res := ciHostile()
	out := render(t, "checkstyle", report.Options{}, res)
	assertXMLClean(t, out)
	var doc csDoc
	decodeXML(t, out, &doc)
	file := doc.Files[0]
	if file.Name != res[0].Path || len(file.Errors) != 1 {
		t.Fatalf("file %+v", file)
	}
	msg := file.Errors[0].Message
	if want := strings.ReplaceAll(res[0].Findings[0].Message, "\x1a", "\uFFFD"); !strings.HasPrefix(msg, want) {
		t.Errorf("message\n%q, want it to start with\n%q", msg, want)
	}
	if !strings.Contains(file.Notes, "note - - with \uFFFD and ]]> and a final - ") {
		t.Errorf("comment %q", file.Notes)
	}
}
