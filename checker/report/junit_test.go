package report_test

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
)

// The JUnit document as CI systems read it.
type jSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []jSuite `xml:"testsuite"`
}

type jSuite struct {
	Name     string `xml:"name,attr"`
	Tests    int    `xml:"tests,attr"`
	Failures int    `xml:"failures,attr"`
	Errors   int    `xml:"errors,attr"`
	Skipped  int    `xml:"skipped,attr"`
	Time     string `xml:"time,attr"`
	Props    []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	} `xml:"properties>property"`
	Cases []jCase `xml:"testcase"`
}

type jCase struct {
	Classname string     `xml:"classname,attr"`
	Name      string     `xml:"name,attr"`
	File      string     `xml:"file,attr"`
	Time      string     `xml:"time,attr"`
	Failures  []jProblem `xml:"failure"`
	Error     *jProblem  `xml:"error"`
	Skipped   *jProblem  `xml:"skipped"`
	SystemOut string     `xml:"system-out"`
}

type jProblem struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Body    string `xml:",chardata"`
}

// decodeXML unmarshals out strictly: encoding/xml rejects characters that
// XML 1.0 forbids, "--" in comments and unbalanced tags.
func decodeXML(t *testing.T, out []byte, v any) {
	t.Helper()
	if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n")) {
		t.Errorf("no XML declaration: %.60q", out)
	}
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = true
	if err := d.Decode(v); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, out)
	}
	// Nothing after the root element but white space.
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); !ok || len(bytes.TrimSpace(cd)) > 0 {
			t.Errorf("%T %q after the root element", tok, tok)
		}
	}
}

func TestJUnitParses(t *testing.T) {
	_, seed := ciSeed(t)
	_, multi := ciMulti(t)
	for name, results := range map[string][]*checker.Result{"seed": seed, "multi": multi, "test rules": results(t), "none": nil} {
		t.Run(name, func(t *testing.T) {
			var doc jSuites
			decodeXML(t, render(t, "junit", report.Options{}, results), &doc)
			if len(doc.Suites) != 1 {
				t.Fatalf("%d suites", len(doc.Suites))
			}
			s := doc.Suites[0]
			if s.Name != "mtlint" || s.Tests != len(results) || len(s.Cases) != len(results) || s.Time == "" {
				t.Errorf("suite %s: %d tests, %d cases, time %q; want %d", s.Name, s.Tests, len(s.Cases), s.Time, len(results))
			}
			var failures, errors, skipped, findings int
			for i, res := range results {
				c := s.Cases[i]
				if c.Classname != "mtlint" || c.Name != res.Path || c.Time == "" {
					t.Errorf("case %d: %+v", i, c)
				}
				if local := !strings.HasPrefix(res.Path, "http"); local != (c.File == res.Path) {
					t.Errorf("%s: file=%q", res.Path, c.File)
				}
				switch {
				case res.Error != "":
					errors++
					if c.Error == nil || c.Error.Message != res.Error || c.Skipped != nil || len(c.Failures) > 0 {
						t.Errorf("%s: unreadable as %+v", res.Path, c)
					}
				case res.Skipped:
					skipped++
					if c.Skipped == nil || !strings.Contains(c.Skipped.Message, res.Notes[0].Message) || c.Error != nil {
						t.Errorf("%s: skipped as %+v", res.Path, c)
					}
				default:
					if c.Error != nil || c.Skipped != nil || len(c.Failures) != len(res.Findings) {
						t.Errorf("%s: %d failures for %d findings", res.Path, len(c.Failures), len(res.Findings))
						continue
					}
					if len(res.Findings) > 0 {
						failures++
					}
					for _, n := range res.Notes {
						if !strings.Contains(c.SystemOut, n.Message) {
							t.Errorf("%s: note %q not in system-out %q", res.Path, n.Message, c.SystemOut)
						}
					}
					for j, f := range res.Findings {
						findings++
						p := c.Failures[j]
						where := "line " + strconv.Itoa(f.Line) + ", column " + strconv.Itoa(f.Column) + ": "
						if p.Type != f.Rule || !strings.HasPrefix(p.Message, where) || !strings.HasSuffix(p.Message, f.Message) {
							t.Errorf("%s: failure %q %q", f.Rule, p.Type, p.Message)
						}
						head := res.Path + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column) + ": " + f.Severity.String() + " [" + f.Rule + "]"
						if !strings.HasPrefix(p.Body, head) || !strings.Contains(p.Body, "^") {
							t.Errorf("%s: body %q", f.Rule, p.Body)
						}
					}
				}
			}
			for _, counts := range [][4]int{{s.Tests, s.Failures, s.Errors, s.Skipped}, {doc.Tests, doc.Failures, doc.Errors, doc.Skipped}} {
				if counts != [4]int{len(results), failures, errors, skipped} {
					t.Errorf("tests, failures, errors, skipped = %v, want %v", counts, [4]int{len(results), failures, errors, skipped})
				}
			}
			if len(s.Props) != 1 || s.Props[0].Name != "findings" || s.Props[0].Value != strconv.Itoa(findings) {
				t.Errorf("properties %+v, want findings=%d", s.Props, findings)
			}
		})
	}
}

// assertXMLClean checks that out holds none of the hostile bytes raw
// outside comments, where "]]>" and markup may stand.
func assertXMLClean(t *testing.T, out []byte) {
	t.Helper()
	if bytes.Contains(out, []byte("\x1a")) || bytes.Contains(out, []byte("\xff")) {
		t.Error("a character XML forbids in the output")
	}
	out = regexp.MustCompile(`(?s)<!--.*?-->`).ReplaceAll(out, nil)
	for _, bad := range []string{"\x1a", "\xff", "]]>", "<script>", "<b>"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("%q in the output", bad)
		}
	}
}

// Text with \x1a (the checker's stand-in for invalid UTF-8), raw invalid
// UTF-8, "]]>", markup and "--" stays well-formed XML and reads back as
// written, but for what XML cannot hold.
func TestJUnitEscaping(t *testing.T) {
	res := ciHostile()
	out := render(t, "junit", report.Options{}, res)
	assertXMLClean(t, out)
	var doc jSuites
	decodeXML(t, out, &doc)
	c := doc.Suites[0].Cases[0]
	if c.Name != res[0].Path || len(c.Failures) != 1 {
		t.Fatalf("case %+v", c)
	}
	f := res[0].Findings[0]
	want := "line 2, column 3: error: " + strings.ReplaceAll(f.Message, "\x1a", "\uFFFD")
	if c.Failures[0].Message != want {
		t.Errorf("message\n%q, want\n%q", c.Failures[0].Message, want)
	}
	if !strings.Contains(c.Failures[0].Body, "\n  xxa\uFFFD]]><script>x</scri\n") {
		t.Errorf("body %q", c.Failures[0].Body)
	}
	if !strings.Contains(c.SystemOut, "note -- with \uFFFD and ]]> and a final -") {
		t.Errorf("system-out %q", c.SystemOut)
	}
}
