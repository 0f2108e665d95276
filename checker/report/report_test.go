package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fatih/color"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/internal/testrules"
	"github.com/mtlint/mtlint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// inputs are the fixed inputs of the golden tests, in report order.
var inputs = []struct{ path, text string }{
	{"article.txt", "Headline: talks with the the US\n\n\tThey met this week , with “allies” , in Genève.\nThey will be commercial.\nShe survived bosom peril.\n"},
	{"crlf.txt", "First line\r\nThe talks , they said.\r\nNo final newline , here"},
	{"long.txt", strings.Repeat("The minister said that talks would go on. ", 4) + "Then , near the middle, " +
		strings.Repeat("officials from both sides met again. ", 4) + "At the end ,\n"},
	{"clean.txt", "Nothing to see here.\n"},
	{"empty.txt", ""},
	{"binary.bin", "GIF\x00\x01\x02"},
	{"invalid.txt", "Bad \x81 byte here , then more.\n"},
	{"controls.txt", "Escape \x1b[31m , here.\n"},
}

// results checks the fixed inputs with the test rules, the one that is off
// too, and adds a result for an input that could not be read.
func results(t *testing.T) []*checker.Result {
	t.Helper()
	c, err := checker.New(checker.Config{Rules: testrules.All, Enable: []string{"spinning"}})
	if err != nil {
		t.Fatal(err)
	}
	var out []*checker.Result
	for _, in := range inputs {
		res := c.CheckString(in.text)
		res.Path = in.path
		out = append(out, res)
	}
	out = append(out, &checker.Result{Path: "missing.txt", Findings: []checker.Finding{}, Error: "no such file or directory"})
	return out
}

// render writes results through the reporter of format.
func render(t testing.TB, format string, opts report.Options, res []*checker.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	r, err := report.New(format, &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	var sum report.Summary
	if err := r.Start(); err != nil {
		t.Fatal(err)
	}
	for _, res := range res {
		sum.Add(res)
		if err := r.File(res); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Finish(sum); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./checker/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (go test ./checker/report -update rewrites it):\ngot:  %q\nwant: %q", path, i+1, g, w)
			}
		}
		t.Fatalf("%s differs", path)
	}
}

func TestGolden(t *testing.T) {
	res := results(t)
	for _, tc := range []struct {
		name, format string
		opts         report.Options
	}{
		{"text.golden", "text", report.Options{}},
		{"text-quiet.golden", "text", report.Options{Quiet: true}},
		{"json.golden", "json", report.Options{}},
		{"jsonl.golden", "jsonl", report.Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name, render(t, tc.format, tc.opts, res))
		})
	}
}

// The streaming JSON reporter writes exactly what encoding/json writes for
// the whole document.
func TestJSONIsTheEncodedReport(t *testing.T) {
	for _, res := range [][]*checker.Result{results(t), nil, results(t)[:1]} {
		got := render(t, "json", report.Options{}, res)
		doc := report.JSONReport{Version: report.Version, Files: res}
		if doc.Files == nil {
			doc.Files = []*checker.Result{}
		}
		for _, r := range res {
			doc.Summary.Add(r)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("streamed JSON differs from the encoded report:\n%s\nwant:\n%s", got, want.Bytes())
		}
	}
}

// Every field of DESIGN.md is there, and suggestions are arrays, never null.
func TestJSONFields(t *testing.T) {
	out := render(t, "json", report.Options{}, results(t))
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["version"] != float64(1) {
		t.Errorf("version = %v", doc["version"])
	}
	sum := doc["summary"].(map[string]any)
	for _, k := range []string{"files", "findings", "errors", "warnings", "infos"} {
		if _, ok := sum[k]; !ok {
			t.Errorf("summary has no %q", k)
		}
	}
	if len(sum) != 5 {
		t.Errorf("summary has %d fields, want 5: %v", len(sum), sum)
	}
	n := 0
	for _, f := range doc["files"].([]any) {
		file := f.(map[string]any)
		if _, ok := file["path"].(string); !ok {
			t.Errorf("file without path: %v", file)
		}
		findings, ok := file["findings"].([]any)
		if !ok {
			t.Errorf("%v: findings is not an array", file["path"])
		}
		for _, x := range findings {
			n++
			fd := x.(map[string]any)
			for _, k := range []string{"rule", "category", "severity", "message", "line", "column", "end_line",
				"end_column", "offset", "length", "text", "suggestions", "explanation"} {
				if _, ok := fd[k]; !ok {
					t.Errorf("finding %v has no %q", fd["rule"], k)
				}
			}
			if _, ok := fd["suggestions"].([]any); !ok {
				t.Errorf("finding %v: suggestions %v is not an array", fd["rule"], fd["suggestions"])
			}
			if s := fd["severity"]; s != "error" && s != "warning" && s != "info" {
				t.Errorf("severity %v", s)
			}
		}
	}
	if n == 0 || float64(n) != sum["findings"] {
		t.Errorf("%d findings in files, summary says %v", n, sum["findings"])
	}
}

// A result built by hand with nil slices still shows arrays.
func TestJSONNilSlices(t *testing.T) {
	res := []*checker.Result{{Path: "x", Findings: []checker.Finding{{Rule: "idiom.x", Severity: rules.Info}}}, {Path: "y"}}
	for _, format := range []string{"json", "jsonl"} {
		out := string(render(t, format, report.Options{}, res))
		if strings.Contains(out, "null") {
			t.Errorf("%s: null in\n%s", format, out)
		}
	}
	if res[0].Findings[0].Suggestions != nil || res[1].Findings != nil {
		t.Error("the reporter modified its input")
	}
}

func TestJSONLOneObjectALine(t *testing.T) {
	res := results(t)
	out := render(t, "jsonl", report.Options{}, res)
	if !bytes.HasSuffix(out, []byte("\n")) {
		t.Error("no final newline")
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(res) {
		t.Fatalf("%d lines for %d files", len(lines), len(res))
	}
	for i, l := range lines {
		var r checker.Result
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if r.Path != res[i].Path || len(r.Findings) != len(res[i].Findings) {
			t.Errorf("line %d: %s with %d findings, want %s with %d", i+1, r.Path, len(r.Findings), res[i].Path, len(res[i].Findings))
		}
	}
}

// Each reporter streams: a file is written when File returns; JUnit and
// Markdown, which open with totals, write at Finish.
func TestStreaming(t *testing.T) {
	for _, format := range report.Formats {
		if format == "junit" || format == "markdown" {
			continue
		}
		var buf bytes.Buffer
		r, _ := report.New(format, &buf, report.Options{})
		_ = r.Start()
		res := results(t)
		_ = r.File(res[0])
		if !strings.Contains(buf.String(), "article.txt") {
			t.Errorf("%s: nothing written after the first file: %q", format, buf.String())
		}
	}
}

func TestColor(t *testing.T) {
	res := results(t)[:1]
	// The global switch of fatih/color must not matter either way.
	saved := color.NoColor
	defer func() { color.NoColor = saved }()
	for _, global := range []bool{true, false} {
		color.NoColor = global
		if out := render(t, "text", report.Options{Color: true}, res); !bytes.Contains(out, []byte("\x1b[")) {
			t.Errorf("NoColor=%v: Color: true wrote no colour", global)
		}
		if out := render(t, "text", report.Options{}, res); bytes.Contains(out, []byte("\x1b[")) {
			t.Errorf("NoColor=%v: Color: false wrote colour", global)
		}
	}
}

// The carets sit under the flagged text: the caret line repeats the tabs of
// the source line and gives every other code point its display width.
func TestCarets(t *testing.T) {
	for _, tc := range []struct {
		line       string
		start, end int // bytes of line
		width      int
		want       string // the source line and carets as shown
	}{
		{"ab , c", 2, 4, 0, "  ab , c\n    ^^\n"},
		{"\tGenève , x", 8, 10, 0, "  \tGenève , x\n  \t      ^^\n"},
		{"“a” ,", 7, 9, 0, "  “a” ,\n     ^^\n"},
		{"a\tb\tc", 4, 5, 0, "  a\tb\tc\n   \t \t^\n"},
		{"end", 3, 3, 0, "  end\n     ^\n"},                          // empty span at the end of the line
		{"0123456789abcdef", 12, 13, 9, "  …789abcdef\n        ^\n"}, // near the end of a long line
		{"0123456789abcdef", 1, 2, 6, "  012345…\n   ^\n"},           // near the start
		{"0123456789abcdef", 8, 10, 6, "  …6789ab…\n     ^^\n"},      // in the middle
		{"0123456789", 2, 9, 4, "  …1234…\n    ^^^\n"},               // a span wider than the window
		// wide characters take two columns, combining marks none (East Asian Width)
		{"东京 ,", 6, 8, 0, "  东京 ,\n      ^^\n"},
		{"会见在东京 , x", 15, 17, 0, "  会见在东京 , x\n            ^^\n"},
		{"ab 東京 ,", 3, 9, 0, "  ab 東京 ,\n     ^^^^\n"},
		{"Ｔｏｋｙｏ ,", 15, 17, 0, "  Ｔｏｋｙｏ ,\n            ^^\n"},
		{"😀 ,", 4, 6, 0, "  😀 ,\n    ^^\n"},
		{"Gene\u0300ve ,", 8, 10, 0, "  Gene\u0300ve ,\n        ^^\n"},
	} {
		f := checker.Finding{Rule: "punctuation.x", Severity: rules.Warning, Line: 1, Column: 1,
			Context: checker.Context{Line: tc.line, Start: tc.start, End: tc.end}}
		var buf bytes.Buffer
		r := report.NewText(&buf, report.Options{ContextWidth: tc.width})
		if err := r.File(&checker.Result{Findings: []checker.Finding{f}}); err != nil {
			t.Fatal(err)
		}
		_, got, _ := strings.Cut(buf.String(), "\n")
		if got != tc.want {
			t.Errorf("%q [%d:%d] width %d:\ngot  %q\nwant %q", tc.line, tc.start, tc.end, tc.width, got, tc.want)
		}
	}
}

// Long real lines are cut to the width around the finding.
func TestContextWidth(t *testing.T) {
	for _, res := range results(t) {
		for _, f := range res.Findings {
			var buf bytes.Buffer
			_ = report.NewText(&buf, report.Options{}).File(&checker.Result{Findings: []checker.Finding{f}})
			lines := strings.Split(buf.String(), "\n")
			src, carets := lines[1], lines[2]
			if n := utf8.RuneCountInString(src); n > 2+report.DefaultContextWidth+2 {
				t.Errorf("%s: source line of %d code points: %q", res.Path, n, src)
			}
			i := strings.Index(carets, "^")
			under := string([]rune(src)[utf8.RuneCountInString(carets[:i]):][:strings.Count(carets, "^")])
			if want := strings.ReplaceAll(f.Text, "\x1b", "\uFFFD"); !strings.HasPrefix(want, under) || under == "" && want != "" {
				t.Errorf("%s: carets under %q, finding text %q", res.Path, under, f.Text)
			}
		}
	}
}

func TestSummary(t *testing.T) {
	for _, tc := range []struct {
		sum  report.Summary
		want string
	}{
		{report.Summary{}, "0 files checked, no findings"},
		{report.Summary{Files: 1, Findings: 1, Infos: 1}, "1 file checked, 1 finding (0 errors, 0 warnings, 1 info)"},
		{report.Summary{Files: 3, Findings: 12, Errors: 2, Warnings: 9, Infos: 1}, "3 files checked, 12 findings (2 errors, 9 warnings, 1 info)"},
		{report.Summary{Files: 5, Skipped: 1, Unreadable: 2, Findings: 2, Errors: 1, Warnings: 1}, "2 files checked, 1 skipped, 2 unreadable, 2 findings (1 error, 1 warning, 0 infos)"},
	} {
		if got := tc.sum.String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
	s := report.Summary{Errors: 1, Warnings: 2, Infos: 4}
	for sev, want := range map[rules.Severity]int{rules.Error: 1, rules.Warning: 3, rules.Info: 7} {
		if got := s.AtLeast(sev); got != want {
			t.Errorf("AtLeast(%v) = %d, want %d", sev, got, want)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := report.New("xml", &bytes.Buffer{}, report.Options{}); err == nil {
		t.Error("no error for an unknown format")
	}
}

// A file that could not be read, or was skipped, has no score: its JSON
// leaves "score" out rather than claim 0, which a clean file scores.
func TestJSONNoScoreWhenNotChecked(t *testing.T) {
	res := []*checker.Result{
		{Path: "clean.txt", Findings: []checker.Finding{}},
		{Path: "missing.txt", Findings: []checker.Finding{}, Error: "no such file or directory"},
		{Path: "image.png", Findings: []checker.Finding{}, Skipped: true, Notes: []checker.Note{{Kind: "binary", Message: "binary file; skipped", Offset: 3}}},
	}
	for _, format := range []string{"json", "jsonl"} {
		out := render(t, format, report.Options{}, res)
		var files []map[string]any
		if format == "json" {
			var doc struct{ Files []map[string]any }
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			files = doc.Files
		} else {
			for l := range strings.Lines(string(out)) {
				var f map[string]any
				if err := json.Unmarshal([]byte(l), &f); err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
			}
		}
		if len(files) != 3 {
			t.Fatalf("%s: %d files", format, len(files))
		}
		if s, ok := files[0]["score"]; !ok || s != float64(0) {
			t.Errorf("%s: clean file: score %v, %v; want 0", format, s, ok)
		}
		for _, f := range files[1:] {
			if s, ok := f["score"]; ok {
				t.Errorf("%s: %s was not checked but has score %v", format, f["path"], s)
			}
		}
	}
	// and encoding/json agrees with the streaming reporter
	b, err := json.Marshal(res[1])
	if err != nil || strings.Contains(string(b), `"score"`) {
		t.Errorf("json.Marshal of an unreadable result: %s, %v", b, err)
	}
}
