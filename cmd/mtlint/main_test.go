package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/internal/testrules"
	"github.com/mtlint/mtlint/rules"
)

// The tests run the whole command line in-process, one at a time:
// urfave/cli/v2 shares its --help and --version flags between apps.

var update = flag.Bool("update", false, "rewrite the golden files in ../../testdata/golden")

// cliRun is one run of mtlint.
type cliRun struct {
	stdout, stderr string
	code           int
}

// runWith runs mtlint on args (without the program name) with rs as its
// rules (nil: the built-in ones), stdin as standard input, and env as the
// environment; stdout is a terminal when terminal is set.
func runWith(t *testing.T, rs []*rules.Rule, stdin string, env map[string]string, terminal bool, args ...string) cliRun {
	t.Helper()
	var stdout, stderr bytes.Buffer
	app := newAppWith(&appEnv{
		stdout: &stdout, stderr: &stderr, stdin: strings.NewReader(stdin),
		rules:      rs,
		getenv:     func(k string) string { return env[k] },
		isTerminal: func(io.Writer) bool { return terminal },
	})
	code := runApp(app, append([]string{"mtlint"}, args...), &stderr)
	return cliRun{stdout.String(), stderr.String(), code}
}

// mtlint runs mtlint with the test rules.
func mtlint(t *testing.T, args ...string) cliRun {
	t.Helper()
	return runWith(t, testrules.All, "", nil, false, args...)
}

// write makes a file in dir and returns its path.
func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// decode reads a JSON report.
func decode(t *testing.T, out string) report.JSONReport {
	t.Helper()
	var doc report.JSONReport
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	return doc
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	clean := write(t, dir, "clean.txt", "The talks went well.\n")
	warning := write(t, dir, "warning.txt", "The talks , they said, went well.\n")
	info := write(t, dir, "info.txt", "They will be commercial.\n")
	errorF := write(t, dir, "error.txt", "They met the the minister.\n")
	off := write(t, dir, "off.txt", "She survived bosom peril.\n")
	binary := write(t, dir, "binary.txt", "GIF89a\x00\x01")
	missing := filepath.Join(dir, "missing.txt")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of stderr; "" wants it empty
	}{
		{"clean", []string{"check", clean}, 0, ""},
		{"warning, fail on error", []string{"check", warning}, 0, ""},
		{"warning, fail on warning", []string{"check", "--fail-on", "warning", warning}, 1, ""},
		{"warning, fail on info", []string{"check", "--fail-on=info", warning}, 1, ""},
		{"warning, fail on none", []string{"check", "--fail-on", "none", warning}, 0, ""},
		{"info, fail on warning", []string{"check", "--fail-on", "warning", info}, 0, ""},
		{"info, fail on info", []string{"check", "--fail-on", "info", info}, 1, ""},
		{"error, default", []string{"check", errorF}, 1, ""},
		{"error, fail on none", []string{"check", "--fail-on", "none", errorF}, 0, ""},
		{"error disabled", []string{"check", "--disable", "repetition", errorF}, 0, ""},
		{"error under min severity", []string{"check", "--min-severity", "error", "--fail-on", "warning", warning}, 0, ""},
		{"off by default", []string{"check", "--fail-on", "warning", off}, 0, ""},
		{"enabled by ID", []string{"check", "--fail-on", "warning", "--enable", "spinning.test-bosom-peril", off}, 1, ""},
		{"enabled by category", []string{"check", "--fail-on", "warning", "--enable", "idiom,spinning", off}, 1, ""},
		{"ID wins over category", []string{"check", "--fail-on", "warning", "--disable", "punctuation", "--enable", "punctuation.test-space-comma", warning}, 1, ""},
		{"binary is a note", []string{"check", "--fail-on", "info", binary}, 0, ""},
		{"missing among good ones", []string{"check", clean, missing, info}, 2, "mtlint: " + missing + ": no such file or directory\n"},
		{"missing wins over findings", []string{"check", errorF, missing}, 2, "no such file or directory"},
		{"flags after paths", []string{"check", warning, "--fail-on", "warning"}, 1, ""},
		{"no PATH", []string{"check"}, 2, "no PATH given"},
		{"no PATH, flags only", []string{"check", "--fail-on", "info"}, 2, "no PATH given"},
		{"unknown --enable", []string{"check", "--enable", "punctuation.nope", clean}, 2, `--enable "punctuation.nope": no such rule or category`},
		{"unknown --disable suggests", []string{"check", "--disable", "test-doubld", clean}, 2, "did you mean repetition.test-doubled"},
		{"bad --format", []string{"check", "--format", "xml", clean}, 2, `--format "xml"`},
		{"bad --fail-on", []string{"check", "--fail-on", "sometimes", clean}, 2, "--fail-on"},
		{"bad --min-severity", []string{"check", "--min-severity", "none", clean}, 2, "--min-severity"},
		{"bad -j", []string{"check", "-j", "0", clean}, 2, "--jobs 0"},
		{"bad --ext", []string{"check", "--ext", "*.md", clean}, 2, "--ext"},
		{"unknown flag", []string{"check", "--bogus", clean}, 2, "unknown flag --bogus"},
		{"unknown command", []string{"lint", clean}, 2, `unknown command "lint"`},
		{"no command", nil, 2, ""},
		{"stdin twice", []string{"check", "-", "-"}, 2, "named more than once"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mtlint(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			if tc.stderr == "" && r.stderr != "" && tc.args != nil {
				t.Errorf("stderr: %q", r.stderr)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q does not hold %q", r.stderr, tc.stderr)
			}
		})
	}
}

// A missing file does not stop the others from being checked and reported,
// in every format.
func TestMissingAmongGood(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.txt", "They met the the minister.\n")
	b := write(t, dir, "b.txt", "The talks , they said.\n")
	missing := filepath.Join(dir, "missing.txt")
	r := mtlint(t, "check", "--no-color", a, missing, b)
	if r.code != 2 {
		t.Errorf("exit %d", r.code)
	}
	for _, want := range []string{a + ":1:13: error [repetition.test-doubled]", b + ":1:10: warning [punctuation.test-space-comma]",
		"2 files checked, 1 unreadable, 2 findings (1 error, 1 warning, 0 infos)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout does not hold %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "missing") {
		t.Errorf("the text report names the missing file (stderr does):\n%s", r.stdout)
	}
	doc := decode(t, mtlint(t, "check", "--format", "json", a, missing, b).stdout)
	if len(doc.Files) != 3 || doc.Files[1].Path != missing || doc.Files[1].Error != "no such file or directory" || len(doc.Files[2].Findings) != 1 {
		t.Errorf("JSON files: %+v", doc.Files)
	}
}

func TestStdin(t *testing.T) {
	r := runWith(t, testrules.All, "One , two.\n", nil, false, "check", "--format", "jsonl", "-")
	if r.code != 0 {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	var res checker.Result
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Path != "<stdin>" || len(res.Findings) != 1 || res.Findings[0].Column != 4 {
		t.Errorf("%+v", res)
	}
	r = runWith(t, testrules.All, "One , two.\n", nil, false, "check", "--no-color", "-")
	if !strings.HasPrefix(r.stdout, "<stdin>:1:4: warning [punctuation.test-space-comma] space before a comma\n") {
		t.Errorf("text:\n%s", r.stdout)
	}
}

// paths returns the paths of a JSON report, relative to dir.
func paths(t *testing.T, dir, out string) []string {
	t.Helper()
	var ps []string
	for _, f := range decode(t, out).Files {
		rel, err := filepath.Rel(dir, f.Path)
		if err != nil {
			rel = f.Path
		}
		ps = append(ps, filepath.ToSlash(rel))
	}
	return ps
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.md", "a.txt", "page.html", "old.htm", "notes.markdown", "code.go", "data.csv",
		".git/HEAD.txt", ".hidden/x.md", ".dot.txt", "vendor/v.txt", "node_modules/pkg/readme.md",
		"sub/z.txt", "sub/deep/y.md", "sub/vendor/no.txt"} {
		write(t, dir, f, "Text.\n")
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"check", "--format", "json", dir},
			[]string{"a.txt", "b.md", "notes.markdown", "old.htm", "page.html", "sub/deep/y.md", "sub/z.txt"}},
		{[]string{"check", "--format", "json", "--ext", "txt", "--ext", "go", dir},
			[]string{"a.txt", "code.go", "sub/z.txt"}},
		{[]string{"check", "--format", "json", "--ext", "md", filepath.Join(dir, "data.csv"), filepath.Join(dir, "sub"), filepath.Join(dir, "code.go")},
			[]string{"data.csv", "sub/deep/y.md", "code.go"}},
	} {
		r := mtlint(t, tc.args...)
		if r.code != 0 {
			t.Errorf("%q: exit %d: %s", tc.args, r.code, r.stderr)
		}
		if got := paths(t, dir, r.stdout); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\ngot  %q\nwant %q", tc.args, got, tc.want)
		}
	}
}

// Many files checked on four goroutines come out in the same order, with
// the same text, as on one.
func TestStableOrder(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 150 {
		name := fmt.Sprintf("f%03d.txt", i)
		text := strings.Repeat("The talks went on. ", (150-i)*20) + fmt.Sprintf("File %d , here.\n", i)
		write(t, dir, name, text)
		want = append(want, name)
	}
	one := mtlint(t, "check", "--no-color", "-j", "1", dir)
	four := mtlint(t, "check", "--no-color", "-j", "4", dir)
	if one.stdout != four.stdout || one.code != four.code {
		t.Error("-j 4 and -j 1 differ")
	}
	if !strings.HasSuffix(four.stdout, "150 files checked, 150 findings (0 errors, 150 warnings, 0 infos)\n") {
		t.Errorf("summary: %q", four.stdout[max(0, len(four.stdout)-200):])
	}
	if got := paths(t, dir, mtlint(t, "check", "--format", "json", "-j", "4", dir).stdout); !reflect.DeepEqual(got, want) {
		t.Errorf("order: %q", got)
	}
	jsonl := strings.Split(strings.TrimSuffix(mtlint(t, "check", "--format", "jsonl", "-j", "4", dir).stdout, "\n"), "\n")
	for i, l := range jsonl {
		var res checker.Result
		if err := json.Unmarshal([]byte(l), &res); err != nil || filepath.Base(res.Path) != want[i] {
			t.Fatalf("jsonl line %d: %v %q", i+1, err, res.Path)
		}
	}
}

// Positions, notes and edge cases of inputs, read from the JSON report.
func TestInputs(t *testing.T) {
	dir := t.TempDir()
	type pos struct{ Line, Column, EndLine, EndColumn, Offset, Length int }
	for _, tc := range []struct {
		name, text string
		want       []pos
		note       string
		skipped    bool
	}{
		{"crlf", "line one\r\nthe the end , x\r\n", []pos{{2, 4, 2, 8, 13, 4}, {2, 12, 2, 14, 21, 2}}, "", false},
		{"lone cr", "line one\rthe the end\r", []pos{{2, 4, 2, 8, 12, 4}}, "", false},
		{"empty", "", nil, "", false},
		{"no final newline", "Last words words", []pos{{1, 11, 1, 17, 10, 6}}, "", false},
		{"multibyte columns", "“Genève” , là\n", []pos{{1, 9, 1, 11, 13, 2}}, "", false},
		{"binary", "PK\x03\x04\x00\x00the the", nil, "binary file (NUL byte at offset 4)", true},
		{"utf16", "\xff\xfet\x00h\x00e\x00 \x00t\x00h\x00e\x00", []pos{{1, 4, 1, 8, 3, 4}}, "read as utf-16le (byte order mark)", false},
		// \x81 is not a character of windows-1252: the file is UTF-8 with bad bytes
		{"invalid utf8", "ab\x81cd the the , x\n", []pos{{1, 10, 1, 14, 9, 4}, {1, 14, 1, 16, 13, 2}}, "invalid UTF-8 at byte offset 2", false},
		// an invalid byte ending a word leaves it a word: the space after it is still seen
		{"invalid utf8 in a word", "Café ferm\x81 , x\n", []pos{{1, 11, 1, 13, 11, 2}}, "invalid UTF-8 at byte offset 10 (1 invalid byte in all); each was read as U+001A, as a letter, and the rest was checked; if the file is in another encoding, name it with --encoding", false},
		// text that windows-1252 explains byte for byte is read in it: both commas are found
		{"legacy windows-1252", "The caf\xe9 was shut , said the owner; the caf\xe9 opens Monday , he said.\n", []pos{{1, 18, 1, 20, 18, 2}, {1, 58, 1, 60, 59, 2}}, "read as windows-1252 (not valid UTF-8, but every byte is a character of windows-1252", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := write(t, dir, tc.name+".txt", tc.text)
			r := mtlint(t, "check", "--format", "json", "--fail-on", "none", p)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			res := decode(t, r.stdout).Files[0]
			var got []pos
			for _, f := range res.Findings {
				got = append(got, pos{f.Line, f.Column, f.EndLine, f.EndColumn, f.Offset, f.Length})
				if f.Text != tc.text[f.Offset:f.Offset+f.Length] && !strings.HasPrefix(tc.name, "invalid utf8") && tc.name != "utf16" && !strings.HasPrefix(tc.name, "legacy") {
					t.Errorf("text %q at %d+%d", f.Text, f.Offset, f.Length)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("positions %+v, want %+v", got, tc.want)
			}
			if res.Skipped != tc.skipped {
				t.Errorf("skipped = %v", res.Skipped)
			}
			if tc.note != "" && (len(res.Notes) == 0 || !strings.Contains(res.Notes[0].Message, tc.note)) {
				t.Errorf("notes %+v, want %q", res.Notes, tc.note)
			}
			if tc.note == "" && len(res.Notes) > 0 {
				t.Errorf("notes %+v", res.Notes)
			}
			text := mtlint(t, "check", "--no-color", p).stdout
			if tc.note != "" && !strings.Contains(text, p+": note: "+tc.note) {
				t.Errorf("text report without the note:\n%s", text)
			}
		})
	}
}

// The JSON report has every field of DESIGN.md; suggestions are arrays.
func TestJSONFields(t *testing.T) {
	p := write(t, t.TempDir(), "a.txt", "They met the the minister , they will be commercial.\n")
	r := mtlint(t, "check", "--format", "json", p)
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["version"] != float64(1) {
		t.Errorf("version %v", doc["version"])
	}
	for _, k := range []string{"files", "findings", "errors", "warnings", "infos"} {
		if _, ok := doc["summary"].(map[string]any)[k]; !ok {
			t.Errorf("summary has no %s", k)
		}
	}
	findings := doc["files"].([]any)[0].(map[string]any)["findings"].([]any)
	if len(findings) != 3 {
		t.Fatalf("%d findings", len(findings))
	}
	for _, f := range findings {
		fd := f.(map[string]any)
		for _, k := range []string{"rule", "category", "severity", "message", "line", "column", "end_line", "end_column",
			"offset", "length", "text", "suggestions", "explanation"} {
			if _, ok := fd[k]; !ok {
				t.Errorf("%v has no %s", fd["rule"], k)
			}
		}
		if _, ok := fd["suggestions"].([]any); !ok {
			t.Errorf("%v: suggestions %v", fd["rule"], fd["suggestions"])
		}
	}
	if !strings.Contains(r.stdout, `"suggestions": []`) {
		t.Error("a finding without suggestions does not show []")
	}
}

func TestQuietAndMinSeverity(t *testing.T) {
	p := write(t, t.TempDir(), "a.txt", "They met the the minister , they will be commercial.\n")
	r := mtlint(t, "check", "-q", p)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[2], p+":1:42: info [idiom.test-commercial]") {
		t.Errorf("quiet:\n%s", r.stdout)
	}
	r = mtlint(t, "check", "-q", "--min-severity", "warning", p)
	if strings.Contains(r.stdout, "info") || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("--min-severity warning:\n%s", r.stdout)
	}
}

func TestColor(t *testing.T) {
	p := write(t, t.TempDir(), "a.txt", "One , two.\n")
	for _, tc := range []struct {
		env      map[string]string
		terminal bool
		args     []string
		color    bool
	}{
		{nil, true, nil, true},
		{nil, false, nil, false},
		{map[string]string{"NO_COLOR": "1"}, true, nil, false},
		{map[string]string{"TERM": "dumb"}, true, nil, false},
		{nil, true, []string{"--no-color"}, false},
		{nil, true, []string{"--format", "json"}, false},
	} {
		r := runWith(t, testrules.All, "", tc.env, tc.terminal, append(append([]string{"check"}, tc.args...), p)...)
		if got := strings.Contains(r.stdout, "\x1b["); got != tc.color {
			t.Errorf("env %v terminal %v %q: colour %v", tc.env, tc.terminal, tc.args, got)
		}
	}
}

func TestRules(t *testing.T) {
	r := mtlint(t, "rules")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if r.code != 0 || len(lines) != 1+len(testrules.All) {
		t.Fatalf("exit %d:\n%s", r.code, r.stdout)
	}
	if !regexpLike(lines[0], "ID", "CATEGORY", "SEVERITY", "DOC") ||
		!regexpLike(lines[4], "spinning.test-bosom-peril", "spinning", "warning (off)", `"bosom peril"`) {
		t.Errorf("table:\n%s", r.stdout)
	}
	// The columns are aligned: DOC starts at the same place on every line.
	col := strings.Index(lines[0], "DOC")
	for _, l := range lines[1:] {
		if l[col-2:col] != "  " || l[col] == ' ' {
			t.Errorf("misaligned: %q", l)
		}
	}
	r = mtlint(t, "rules", "--format", "json")
	var out struct {
		Version int
		Rules   []ruleInfo
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Version != 1 || len(out.Rules) != 4 || out.Rules[3].Default || !out.Rules[0].Default || out.Rules[0].Flagged == "" {
		t.Errorf("%+v", out)
	}
	if r := mtlint(t, "rules", "--format", "yaml"); r.code != 2 {
		t.Errorf("rules --format yaml: exit %d", r.code)
	}
	// The built-in rules list, whatever they are.
	if r := runWith(t, nil, "", nil, false, "rules"); r.code != 0 || !strings.HasPrefix(r.stdout, "ID") {
		t.Errorf("built-in rules: exit %d\n%s", r.code, r.stdout)
	}
}

// regexpLike reports whether the fields of line are, in order, want.
func regexpLike(line string, want ...string) bool {
	for _, w := range want {
		i := strings.Index(line, w)
		if i < 0 {
			return false
		}
		line = line[i+len(w):]
	}
	return true
}

func TestExplain(t *testing.T) {
	r := mtlint(t, "explain", "punctuation.test-space-comma")
	for _, want := range []string{
		"punctuation.test-space-comma: space before a comma\n",
		"  category:  punctuation\n", "  severity:  warning\n", "  default:   on\n", "  safe fix:  yes\n",
		"Machine translation from French keeps the space before punctuation.\nDelete the space.\n",
		"Flagged:\n\n    They met this week , with allies.\n\n  mtlint reports:\n\n    1:19: warning [punctuation.test-space-comma] space before a comma\n      They met this week , with allies.\n                        ^^\n      suggestion: \",\"\n",
		"Not flagged:\n\n    They met this week, with allies.\n\n  mtlint reports nothing.\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain does not hold %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 0 {
		t.Errorf("exit %d", r.code)
	}
	// A rule that is off by default is run on its examples too; a name
	// without its category is enough.
	r = mtlint(t, "explain", "test-bosom-peril")
	if r.code != 0 || !strings.Contains(r.stdout, "default:   off (turn it on with --enable spinning.test-bosom-peril)") ||
		!strings.Contains(r.stdout, "1:14: warning [spinning.test-bosom-peril] tortured phrase") {
		t.Errorf("exit %d:\n%s", r.code, r.stdout)
	}
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"explain", "punctuation.test-space-coma"}, "did you mean punctuation.test-space-comma?"},
		{[]string{"explain", "doubled"}, "did you mean repetition.test-doubled?"},
		{[]string{"explain", "zzz"}, `no rule "zzz"`},
		{[]string{"explain"}, "want one RULE"},
	} {
		r := mtlint(t, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.stderr) {
			t.Errorf("%q: exit %d, stderr %q, want %q", tc.args, r.code, r.stderr, tc.stderr)
		}
	}
}

// Every built-in rule's explanation runs, and its Flagged example is
// flagged by it and its Unflagged one is not.
func TestExplainBuiltin(t *testing.T) {
	r := runWith(t, nil, "", nil, false, "rules", "--format", "json")
	var out struct{ Rules []ruleInfo }
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	for _, ri := range out.Rules {
		r := runWith(t, nil, "", nil, false, "explain", ri.ID)
		if r.code != 0 || strings.Contains(r.stdout, "this is a bug in the rule") {
			t.Errorf("explain %s: exit %d\n%s%s", ri.ID, r.code, r.stdout, r.stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := mtlint(t, args...)
		if r.code != 0 || r.stdout != "mtlint version "+versionString()+"\n" {
			t.Errorf("%q: exit %d, %q", args, r.code, r.stdout)
		}
	}
	if r := mtlint(t, "version", "extra"); r.code != 2 {
		t.Errorf("version extra: exit %d", r.code)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"check", "--help"}, {"help", "check"}, {"rules", "-h"},
		{"explain", "--help"}, {"version", "--help"}} {
		r := mtlint(t, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Example") || !strings.Contains(r.stdout, "USAGE") {
			t.Errorf("%q: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	// "help" and "h" are file names to check, not the help command.
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, "help", "One , two.\n")
	if r := mtlint(t, "check", "--format", "jsonl", "help"); r.code != 0 || !strings.Contains(r.stdout, `"path":"help"`) {
		t.Errorf("check help: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestInterspersed(t *testing.T) {
	app := newAppWith(&appEnv{rules: testrules.All})
	for _, tc := range []struct{ in, want string }{
		{"mtlint check a.txt --format json", "mtlint check --format json -- a.txt"},
		{"mtlint check a.txt -j 4 b.txt -q", "mtlint check -j 4 -q -- a.txt b.txt"},
		{"mtlint check --format=json a.txt --no-color", "mtlint check --format=json --no-color -- a.txt"},
		{"mtlint check a.txt -- --odd-name", "mtlint check -- a.txt --odd-name"},
		{"mtlint check - --enable x", "mtlint check --enable x -- -"},
		{"mtlint check --format json", "mtlint check --format json"},
		{"mtlint --version", "mtlint --version"},
		{"mtlint nope a --x", "mtlint nope a --x"},
		{"mtlint", "mtlint"},
	} {
		if got := strings.Join(interspersed(app, strings.Fields(tc.in)), " "); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

// The seed article through the built-in rules, compared with golden files
// that "go test ./cmd/mtlint -update" rewrites when the rules change.
func TestSeedGolden(t *testing.T) {
	t.Chdir("../..")
	for _, tc := range []struct{ format, golden, input string }{
		{"text", "mt-article.text.golden", "testdata/mt-article.txt"},
		{"json", "mt-article.json.golden", "testdata/mt-article.txt"},
		{"json", "mt-article.md.json.golden", "testdata/mt-article.md"},
		{"json", "mt-article.html.json.golden", "testdata/mt-article.html"},
	} {
		r := runWith(t, nil, "", nil, false, "check", "--no-config", "--format", tc.format, "--no-color", tc.input)
		if r.code == 2 {
			t.Fatalf("exit 2: %s", r.stderr)
		}
		path := filepath.Join("testdata", "golden", tc.golden)
		if *update {
			if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./cmd/mtlint -update writes it)", err)
		}
		if r.stdout != string(want) {
			t.Errorf("%s differs from the output (go test ./cmd/mtlint -update rewrites it):\n%s", path, r.stdout)
		}
	}
}

// TestSeedMarkup checks the Markdown and HTML copies of the seed article:
// the same findings as the text (rule, message, flagged text, suggestions,
// in order), each at offsets whose raw bytes are the flagged text, and none
// inside their code blocks, which hold artifacts of their own.
func TestSeedMarkup(t *testing.T) {
	t.Chdir("../..")
	findings := func(path string) ([]checker.Finding, []byte) {
		t.Helper()
		r := runWith(t, nil, "", nil, false, "check", "--no-config", "--format", "json", path)
		var rep struct{ Files []checker.Result }
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Files) != 1 {
			t.Fatalf("%s: %v\n%s", path, err, r.stdout)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return rep.Files[0].Findings, raw
	}
	want, _ := findings("testdata/mt-article.txt")
	if len(want) < 15 {
		t.Fatalf("the text version has %d findings", len(want))
	}
	for _, path := range []string{"testdata/mt-article.md", "testdata/mt-article.html"} {
		got, raw := findings(path)
		code := codeSpan(t, raw)
		if len(got) != len(want) {
			t.Errorf("%s: %d findings, the text version %d", path, len(got), len(want))
		}
		for i := range min(len(got), len(want)) {
			g, w := got[i], want[i]
			// a message may name a line, which is the file's own
			if g.Rule != w.Rule || lineNo.ReplaceAllString(g.Message, "line N") != lineNo.ReplaceAllString(w.Message, "line N") ||
				g.Text != w.Text || !slices.Equal(g.Suggestions, w.Suggestions) {
				t.Errorf("%s: finding %d is %s %q %q, the text version's %s %q %q", path, i, g.Rule, g.Message, g.Text, w.Rule, w.Message, w.Text)
			}
			if string(raw[g.Offset:g.Offset+g.Length]) != g.Text {
				t.Errorf("%s: finding %d: raw[%d:%d] is %q, not its text %q", path, i, g.Offset, g.Offset+g.Length, raw[g.Offset:g.Offset+g.Length], g.Text)
			}
			if g.Offset >= code[0] && g.Offset < code[1] {
				t.Errorf("%s: finding %d (%s %q) lies in the code block", path, i, g.Rule, g.Text)
			}
		}
	}
}

var lineNo = regexp.MustCompile(`line [0-9]+`)

// codeSpan returns the byte range of the code block of a seed copy: from
// the Markdown fence or <pre> to its end.
func codeSpan(t *testing.T, raw []byte) [2]int {
	t.Helper()
	for _, open := range [][2]string{{"```", "```"}, {"<pre", "</pre>"}} {
		if i := bytes.Index(raw, []byte(open[0])); i >= 0 {
			if j := bytes.Index(raw[i+len(open[0]):], []byte(open[1])); j >= 0 {
				return [2]int{i, i + len(open[0]) + j}
			}
		}
	}
	t.Fatal("no code block in the seed copy")
	return [2]int{}
}

// The built binary: exit codes as the shell sees them, -ldflags version,
// standard input.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	exe := filepath.Join(t.TempDir(), "mtlint")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v9.9.9-test", "-o", exe, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(exe, "version")
	if out, err := cmd.Output(); err != nil || string(out) != "mtlint version v9.9.9-test\n" {
		t.Errorf("version: %v %q", err, out)
	}
	cmd = exec.Command(exe, "check", "--format", "jsonl", "--fail-on", "none", "-")
	cmd.Stdin = strings.NewReader("Some text.\n")
	if out, err := cmd.Output(); err != nil || !strings.HasPrefix(string(out), `{"path":"<stdin>","score":0,"findings":[`) {
		t.Errorf("stdin: %v %q", err, out)
	}
	cmd = exec.Command(exe, "check", filepath.Join(t.TempDir(), "missing.txt"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(stderr.String(), "no such file or directory") {
		t.Errorf("missing file: %v, stderr %q", err, stderr.String())
	}
}

// TestLanguagesFlag checks --languages: a French fragment is flagged with
// the default set, not when French is left out of it, and an unknown code
// is a usage error.
func TestLanguagesFlag(t *testing.T) {
	text := "The minister said il n’y a pas de solution miracle for the crisis.\n"
	r := runWith(t, nil, text, nil, false, "check", "--no-config", "-q", "-")
	if !strings.Contains(r.stdout, "language.untranslated") {
		t.Errorf("default set: %s%s", r.stdout, r.stderr)
	}
	r = runWith(t, nil, text, nil, false, "check", "--no-config", "-q", "--languages", "de, es", "-")
	if r.code != 0 || strings.Contains(r.stdout, "untranslated") {
		t.Errorf("--languages de,es: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runWith(t, nil, text, nil, false, "check", "--no-config", "--languages", "xx", "-")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown language code "xx"`) {
		t.Errorf("--languages xx: exit %d\n%s", r.code, r.stderr)
	}
	r = runWith(t, nil, text, nil, false, "check", "--no-config", "-q", "-") // back to the default
	if !strings.Contains(r.stdout, "language.untranslated") {
		t.Errorf("default set after --languages: %s%s", r.stdout, r.stderr)
	}
}

// TestLanguagesConfig checks the languages key of .mtlint.yml: it sets the
// set told apart from English, --languages wins over it, and a code that
// is not a language is an error naming the file and line.
func TestLanguagesConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "The minister said il n’y a pas de solution miracle for the crisis.\n")
	write(t, dir, ".mtlint.yml", "languages: [de, es]\n")
	t.Chdir(dir)
	r := runWith(t, nil, "", nil, false, "check", "-q", "a.txt")
	if r.code != 0 || strings.Contains(r.stdout, "untranslated") {
		t.Errorf("languages [de, es]: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runWith(t, nil, "", nil, false, "check", "-q", "--languages", "fr", "a.txt")
	if !strings.Contains(r.stdout, "French fragment") {
		t.Errorf("--languages fr over the file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	write(t, dir, ".mtlint.yml", "# house rules\nlanguages: [de, klingon]\n")
	r = runWith(t, nil, "", nil, false, "check", "-q", "a.txt")
	if r.code != 2 || !strings.Contains(r.stderr, ".mtlint.yml:2:") || !strings.Contains(r.stderr, `"klingon" is not a language code`) {
		t.Errorf("bad code: exit %d\n%s", r.code, r.stderr)
	}
	r = runWith(t, nil, "", nil, false, "check", "--no-config", "-q", "a.txt") // back to the default set
	if !strings.Contains(r.stdout, "French fragment") {
		t.Errorf("default set: %s%s", r.stdout, r.stderr)
	}
}
