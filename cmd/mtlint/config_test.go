package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/internal/testrules"
)

// A news text with one finding of each test rule's severity: a space before
// a comma (warning), "commercial" (info), a doubled word (error).
const (
	warningText = "The talks , the minister said, went well.\n"
	infoText    = "They will be commercial, a diplomat said.\n"
	errorText   = "The the talks went on until late.\n"
	wallaText   = "The Walla Walla council met on Monday.\n"
)

// housePack is a pack of the style guide's banned phrases.
const housePack = `pack: house
category: idiom
severity: warning
doc: "phrases the style guide bans"
explanation: "The style guide bans these."
entries:
  - pattern: "at the end of the day"
    message: "a cliché the style guide bans"
`

// newsroom writes a content repository with nested configurations into a
// temporary folder, makes it the current folder and returns it.
func newsroom(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		".mtlint.yml": `root: true
fail-on: warning
ignore: ["drafts/**", "*.min.html"]
accept: ["Walla Walla"]
packs: [style/house.yaml]
severity: {idiom: warning}
overrides:
  - files: "wire/**"
    disable: [punctuation]
`,
		"style/house.yaml":     housePack,
		"news/warning.txt":     warningText,
		"news/info.txt":        infoText,
		"news/walla.txt":       wallaText,
		"news/house.txt":       "At the end of the day the talks failed.\n",
		"wire/warning.txt":     warningText,
		"drafts/error.txt":     errorText,
		"world/page.min.html":  "<p>" + errorText + "</p>",
		"opinion/.mtlint.yml":  "fail-on: error\ndisable: [idiom.test-commercial]\nformat: json\n",
		"opinion/info.txt":     infoText,
		"opinion/warning.txt":  warningText,
		"culture/.mtlint.yaml": "severity: {punctuation.test-space-comma: error}\n",
		"culture/warning.txt":  warningText,
	}
	for name, text := range extra {
		files[name] = text
	}
	for name, text := range files {
		write(t, dir, name, text)
	}
	t.Chdir(dir)
	return dir
}

// rulesOf lists the rule and severity of each finding of a JSON report, per
// file: "path rule:severity ...", files joined by " | ".
func rulesOf(t *testing.T, out string) string {
	t.Helper()
	var files []string
	for _, f := range decode(t, out).Files {
		s := filepath.ToSlash(f.Path)
		for _, fd := range f.Findings {
			s += " " + fd.Rule + ":" + fd.Severity.String()
		}
		files = append(files, s)
	}
	return strings.Join(files, " | ")
}

func TestConfigCheck(t *testing.T) {
	newsroom(t, nil)
	tests := []struct {
		name   string
		args   []string
		code   int
		want   string // rulesOf the JSON report
		stderr string // a part of stderr; "" wants it empty
	}{
		{"fail-on from the file", []string{"check", "--format", "json", "news/warning.txt"}, 1,
			"news/warning.txt punctuation.test-space-comma:warning", ""},
		{"--fail-on wins over the file", []string{"check", "--format", "json", "--fail-on", "error", "news/warning.txt"}, 0,
			"news/warning.txt punctuation.test-space-comma:warning", ""},
		{"severity of a category from the file", []string{"check", "--format", "json", "news/info.txt"}, 1,
			"news/info.txt idiom.test-commercial:warning", ""},
		{"accept", []string{"check", "--format", "json", "news/walla.txt"}, 0,
			"news/walla.txt", ""},
		{"a pack relative to the file", []string{"check", "--format", "json", "news/house.txt"}, 1,
			"news/house.txt idiom.house:warning", ""},
		{"an override", []string{"check", "--format", "json", "wire/warning.txt"}, 0,
			"wire/warning.txt", ""},
		{"--enable wins over the override", []string{"check", "--format", "json", "--enable", "punctuation", "wire/warning.txt"}, 1,
			"wire/warning.txt punctuation.test-space-comma:warning", ""},
		{"a nested file: disable; fail-on and format only count in the current folder", []string{"check", "--format", "json", "opinion"}, 1,
			"opinion/info.txt | opinion/warning.txt punctuation.test-space-comma:warning", ""},
		{"a nested .mtlint.yaml: ID severity", []string{"check", "--format", "json", "culture/warning.txt"}, 1,
			"culture/warning.txt punctuation.test-space-comma:error", ""},
		{"walk: ignored paths left out", []string{"check", "--format", "json", "."}, 1,
			"culture/warning.txt punctuation.test-space-comma:error | news/house.txt idiom.house:warning | news/info.txt idiom.test-commercial:warning | " +
				"news/walla.txt | news/warning.txt punctuation.test-space-comma:warning | opinion/info.txt | opinion/warning.txt punctuation.test-space-comma:warning | wire/warning.txt", ""},
		{"a file named explicitly and ignored: a note", []string{"check", "--format", "json", "drafts/error.txt", "news/walla.txt", "world/page.min.html"}, 0,
			"news/walla.txt", "mtlint: drafts/error.txt: not checked: ignore pattern \"drafts/**\" (.mtlint.yml:3:10)\nmtlint: world/page.min.html: not checked: ignore pattern \"*.min.html\" (.mtlint.yml:3:23)\n"},
		{"standard input takes the current folder's", []string{"check", "--format", "json", "-"}, 1,
			"<stdin> idiom.test-commercial:warning", ""},
		{"--no-config", []string{"check", "--format", "json", "--no-config", "news/info.txt", "news/walla.txt", "drafts/error.txt"}, 1,
			"news/info.txt idiom.test-commercial:info | news/walla.txt repetition.test-doubled:error | drafts/error.txt repetition.test-doubled:error", ""},
		{"--config: one file for all", []string{"check", "--format", "json", "--config", "opinion/.mtlint.yml", "news/info.txt", "culture/warning.txt"}, 0,
			"news/info.txt | culture/warning.txt punctuation.test-space-comma:warning", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := ""
			if tt.args[len(tt.args)-1] == "-" {
				stdin = infoText
			}
			r := runWith(t, testrules.All, stdin, nil, false, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, tt.code, r.stderr)
			}
			if got := rulesOf(t, r.stdout); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if tt.stderr == "" && r.stderr != "" || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q, want %q", r.stderr, tt.stderr)
			}
		})
	}
}

// TestConfigRunWide checks fail-on and format from the current folder's
// configuration, and the command line winning over them.
func TestConfigRunWide(t *testing.T) {
	dir := newsroom(t, nil)
	t.Chdir(filepath.Join(dir, "opinion"))
	r := mtlint(t, "check", "warning.txt")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("format json and fail-on error of opinion/.mtlint.yml: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = mtlint(t, "check", "--format", "text", "--fail-on", "warning", "warning.txt")
	if r.code != 1 || strings.HasPrefix(r.stdout, "{") || !strings.Contains(r.stdout, "space before a comma") {
		t.Errorf("flags win: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The file's settings for the rules apply, and their parent's too.
	r = mtlint(t, "check", "--format", "json", "info.txt", "../news/info.txt")
	if got := rulesOf(t, r.stdout); got != "info.txt | ../news/info.txt idiom.test-commercial:warning" {
		t.Errorf("got %s", got)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		out   string // rulesOf the report; "-" when there is none
		want  string // stderr
	}{
		{"unknown key in the current folder's file: nothing checked",
			map[string]string{".mtlint.yml": "root: true\nfail_on: warning\n"},
			[]string{"check", "--format", "json", "news/warning.txt"}, "-",
			"mtlint: .mtlint.yml:2:1: unknown key \"fail_on\" (did you mean fail-on?)\n"},
		{"bad value in the current folder's file",
			map[string]string{".mtlint.yml": "root: true\nseverity:\n  boilerplate: critical\n"},
			[]string{"check", "--format", "json", "news/warning.txt"}, "-",
			"mtlint: .mtlint.yml:3:16: severity of boilerplate: \"critical\" is not a severity (want info, warning or error)\n"},
		{"unknown rule in the current folder's file",
			map[string]string{".mtlint.yml": "root: true\ndisable: [repetition.test-doubld]\n"},
			[]string{"check", "--format", "json", "news/warning.txt"}, "-",
			"mtlint: .mtlint.yml:2:11: disable: no rule or category \"repetition.test-doubld\" (did you mean repetition.test-doubled?)\n"},
		{"a nested file's mistake: its files are errors, the others checked",
			map[string]string{"opinion/.mtlint.yml": "disable: [quots]\n"},
			[]string{"check", "--format", "json", "opinion/info.txt", "news/warning.txt"},
			"opinion/info.txt | news/warning.txt punctuation.test-space-comma:warning",
			"mtlint: opinion/info.txt: opinion/.mtlint.yml:1:11: disable: no rule or category \"quots\" (did you mean quotes?)\n"},
		{"a missing pack",
			map[string]string{"culture/.mtlint.yaml": "packs: [phrases.csv]\n"},
			[]string{"check", "--format", "json", "culture/warning.txt"},
			"culture/warning.txt",
			"mtlint: culture/warning.txt: culture/.mtlint.yaml:1:9: pack phrases.csv: no such file or directory\n"},
		{"--config missing",
			nil,
			[]string{"check", "--config", "ci/mtlint.yml", "news/warning.txt"}, "-",
			"mtlint: ci/mtlint.yml: cannot read the configuration: no such file or directory\n"},
		{"--config and --no-config",
			nil,
			[]string{"check", "--config", ".mtlint.yml", "--no-config", "news/warning.txt"}, "-",
			"mtlint: --config and --no-config: give one or the other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newsroom(t, tt.files)
			r := mtlint(t, tt.args...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want 2", r.code)
			}
			if tt.out == "-" && r.stdout != "" {
				t.Errorf("a report: %s", r.stdout)
			}
			if tt.out != "-" {
				if got := rulesOf(t, r.stdout); got != tt.out {
					t.Errorf("got  %s\nwant %s", got, tt.out)
				}
			}
			if !strings.HasPrefix(r.stderr, filepath.FromSlash(tt.want)) && !strings.HasPrefix(r.stderr, tt.want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, tt.want)
			}
		})
	}
}
