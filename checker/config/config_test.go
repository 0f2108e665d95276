package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/rules"
)

// full is a file with every key, as the README shows it.
const full = `# The newsroom's settings.
root: true
disable: [punctuation, repetition.test-doubled]
enable: [spinning.test-bosom-peril]
severity: {boilerplate: error, idiom.test-commercial: warning}
ignore: ["vendor/**", "*.min.html"]
packs: [house-phrases.yaml]
accept: ["Walla Walla", "per se"]
fail-on: warning
format: json
overrides:
  - files: "drafts/**"
    disable: [quotes]
  - files: ["wire/*.md", "agency/"]
    enable: [punctuation.test-space-comma]
    severity:
      punctuation: info
    accept: [Reuters]
    packs: [wire.csv]
`

func TestParseFull(t *testing.T) {
	f, err := Parse("news/.mtlint.yml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("news")
	if f.Dir != abs || f.Path != "news/.mtlint.yml" || !f.Root {
		t.Errorf("path %q dir %q root %v", f.Path, f.Dir, f.Root)
	}
	if got := strings.Join(names(f.Disable), " "); got != "punctuation repetition.test-doubled" {
		t.Errorf("disable %q", got)
	}
	if got := strings.Join(names(f.Enable), " "); got != "spinning.test-bosom-peril" {
		t.Errorf("enable %q", got)
	}
	if len(f.Severity) != 2 || f.Severity[0] != (Level{"boilerplate", rules.Error, Pos{"news/.mtlint.yml", 5, 12}}) ||
		f.Severity[1].Name != "idiom.test-commercial" || f.Severity[1].Severity != rules.Warning {
		t.Errorf("severity %+v", f.Severity)
	}
	if len(f.Ignore) != 2 || f.Ignore[1].Glob != "*.min.html" || f.Ignore[1].Pos.Line != 6 {
		t.Errorf("ignore %+v", f.Ignore)
	}
	if len(f.Packs) != 1 || f.Packs[0].Path != filepath.Join(abs, "house-phrases.yaml") || f.Packs[0].Written != "house-phrases.yaml" {
		t.Errorf("packs %+v", f.Packs)
	}
	if strings.Join(f.Accept, "|") != "Walla Walla|per se" {
		t.Errorf("accept %q", f.Accept)
	}
	if f.FailOn == nil || *f.FailOn != rules.Warning || f.Format != "json" {
		t.Errorf("fail-on %v format %q", f.FailOn, f.Format)
	}
	if len(f.Overrides) != 2 {
		t.Fatalf("overrides %+v", f.Overrides)
	}
	o := f.Overrides[1]
	if len(o.Files) != 2 || o.Files[1].Glob != "agency/" || o.Pos.Line != 14 ||
		len(o.Severity) != 1 || o.Severity[0].Severity != rules.Info || o.Accept[0] != "Reuters" ||
		o.Packs[0].Path != filepath.Join(abs, "wire.csv") {
		t.Errorf("override %+v", o)
	}
}

func TestParseValues(t *testing.T) {
	tests := []struct {
		name, yaml string
		check      func(*File) bool
	}{
		{"empty file", "", func(f *File) bool { return !f.Root && f.FailOn == nil && len(f.Disable) == 0 }},
		{"comments only", "# nothing yet\n", func(f *File) bool { return f.FailOn == nil }},
		{"null document", "~\n", func(f *File) bool { return f.FailOn == nil }},
		{"empty keys", "disable:\nseverity:\noverrides:\n", func(f *File) bool { return len(f.Disable) == 0 && len(f.Overrides) == 0 }},
		{"one name for a list", "disable: quotes\n", func(f *File) bool { return len(f.Disable) == 1 && f.Disable[0].Name == "quotes" }},
		{"block list", "enable:\n  - quotes\n  - idiom\n", func(f *File) bool { return len(f.Enable) == 2 && f.Enable[1].Pos.Line == 3 }},
		{"fail-on none", "fail-on: none\n", func(f *File) bool { return f.FailOn != nil && *f.FailOn == 0 }},
		{"fail-on any case", "fail-on: Info\n", func(f *File) bool { return f.FailOn != nil && *f.FailOn == rules.Info }},
		{"root false", "root: false\n", func(f *File) bool { return !f.Root }},
		{"anchors and aliases", "disable: &d [quotes]\noverrides:\n  - files: a/**\n    disable: *d\n",
			func(f *File) bool { return len(f.Overrides) == 1 && f.Overrides[0].Disable[0].Name == "quotes" }},
		{"severity warn", "severity: {quotes: warn}\n", func(f *File) bool { return f.Severity[0].Severity == rules.Warning }},
		{"absolute pack path", "packs: [/etc/mtlint/house.yaml]\n", func(f *File) bool {
			return f.Packs[0].Path == filepath.FromSlash("/etc/mtlint/house.yaml")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(".mtlint.yml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(f) {
				t.Errorf("%+v", f)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // the whole message
	}{
		{"unknown key", "root: true\ndisabel: [quotes]\n",
			`.mtlint.yml:2:1: unknown key "disabel" (did you mean disable?)`},
		{"key in another style", "fail_on: warning\n",
			`.mtlint.yml:1:1: unknown key "fail_on" (did you mean fail-on?)`},
		{"unknown key far from any", "exclude: [a]\n",
			`.mtlint.yml:1:1: unknown key "exclude" (the keys are root, disable, enable, severity, ignore, packs, accept, fail-on, format, languages, overrides, serve)`},
		{"override key at the top", "files: drafts/**\n",
			`.mtlint.yml:1:1: files belongs in an entry of overrides (overrides: [{files: "drafts/**", disable: [quotes]}])`},
		{"top key in an override", "overrides:\n  - files: a/**\n    fail-on: info\n",
			`.mtlint.yml:3:5: fail-on cannot be set in an override (an override takes files, disable, enable, severity, packs, accept)`},
		{"ignore in an override", "overrides:\n  - files: a/**\n    ignore: [b]\n",
			`.mtlint.yml:3:5: ignore cannot be set in an override (put the paths in the top-level ignore)`},
		{"unknown key in an override", "overrides:\n  - files: a/**\n    disabled: [quotes]\n",
			`.mtlint.yml:3:5: unknown key "disabled" (did you mean disable?)`},
		{"override without files", "overrides:\n  - disable: [quotes]\n",
			`.mtlint.yml:2:5: an override needs files: the paths it applies to (files: "drafts/**")`},
		{"override with empty files", "overrides:\n  - files: []\n    disable: [quotes]\n",
			`.mtlint.yml:2:12: files: no pattern given (files: "drafts/**")`},
		{"overrides not a list", "overrides: {files: a}\n",
			`.mtlint.yml:1:12: overrides: want a list of entries, got a mapping (overrides: [{files: "drafts/**", disable: [quotes]}])`},
		{"override not a mapping", "overrides: [drafts]\n",
			`.mtlint.yml:1:13: overrides: an entry must be a mapping with files and settings, got "drafts" (- files: "drafts/**")`},
		{"key twice", "disable: [quotes]\nenable: [idiom]\ndisable: [grammar]\n",
			`.mtlint.yml:3:1: disable given twice (first on line 1)`},
		{"bad severity", "severity:\n  boilerplate: critical\n",
			`.mtlint.yml:2:16: severity of boilerplate: "critical" is not a severity (want info, warning or error)`},
		{"misspelt severity", "severity: {quotes: eror}\n",
			`.mtlint.yml:1:20: severity of quotes: "eror" is not a severity (did you mean error?)`},
		{"severity not a mapping", "severity: [quotes]\n",
			`.mtlint.yml:1:11: severity: want a mapping of rule IDs or categories to severities, got a list (severity: {boilerplate: error, idiom.false-friends: info})`},
		{"severity given twice", "severity: {quotes: info, quotes: error}\n",
			`.mtlint.yml:1:26: severity of quotes given twice (first on line 1)`},
		{"bad fail-on", "fail-on: sometimes\n",
			`.mtlint.yml:1:10: fail-on: "sometimes" is not a severity (want error, warning, info or none)`},
		{"bad format", "format: txt\n",
			`.mtlint.yml:1:9: format: "txt" is not a report format (did you mean text?)`},
		{"format list", "format: [json]\n",
			`.mtlint.yml:1:9: format: want one value, got a list`},
		{"root not a boolean", "root: yes\n",
			`.mtlint.yml:1:7: root: "yes" is not a boolean (want true or false)`},
		{"list of lists", "disable: [[quotes]]\n",
			`.mtlint.yml:1:11: disable: want a list of words, got a list in it`},
		{"disable a mapping", "disable: {quotes: true}\n",
			`.mtlint.yml:1:10: disable: want a list, got a mapping (disable: [a, b])`},
		{"empty rule name", "disable: [quotes, \"\"]\n",
			`.mtlint.yml:1:19: disable: an empty rule name (name a rule ID such as punctuation.space-before, or a category)`},
		{"empty accept", "accept: [\"  \"]\n",
			`.mtlint.yml:1:10: accept: an empty phrase (list words or phrases never to flag)`},
		{"bad glob", "ignore: [\"drafts/[a\"]\n",
			`.mtlint.yml:1:10: ignore: "drafts/[a": not a valid pattern (an unclosed [ or {?) (such as "drafts/**" or "*.min.html")`},
		{"glob leaving the folder", "ignore: [\"../other/**\"]\n",
			`.mtlint.yml:1:10: ignore: "../other/**": a pattern cannot leave the configuration's folder (..) (such as "drafts/**" or "*.min.html")`},
		{"empty pack", "packs: [\"\"]\n",
			`.mtlint.yml:1:9: packs: an empty path (name a pack file, relative to this file)`},
		{"not a mapping", "- disable: quotes\n",
			`.mtlint.yml:1:1: want a mapping of keys such as disable: and enable:, got a list`},
		{"a key that is a list", "[a]: b\n",
			`.mtlint.yml:1:1: a key must be a word such as disable, not a list`},
		{"YAML syntax", "disable: [quotes\nenable: x\n",
			`.mtlint.yml:1: not valid YAML: did not find expected ',' or ']'`},
		{"tab indentation", "overrides:\n\t- files: a\n",
			`.mtlint.yml:2: not valid YAML: a tab indents line 2 (YAML indents with spaces)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(".mtlint.yml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("%T is not an *Error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".mtlint.yml")
	if err := os.WriteFile(p, []byte("fail-on: info\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Load(p)
	if err != nil || f.FailOn == nil || *f.FailOn != rules.Info || f.Dir != dir {
		t.Fatalf("Load: %+v, %v", f, err)
	}
	_, err = Load(filepath.Join(dir, "missing.yml"))
	if err == nil || err.Error() != filepath.Join(dir, "missing.yml")+": cannot read the configuration: no such file or directory" {
		t.Errorf("missing: %v", err)
	}
}

func TestPosString(t *testing.T) {
	for _, tt := range []struct {
		p    Pos
		want string
	}{{Pos{"a.yml", 0, 0}, "a.yml"}, {Pos{"a.yml", 3, 0}, "a.yml:3"}, {Pos{"a.yml", 3, 7}, "a.yml:3:7"}} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.p, got, tt.want)
		}
	}
}

// FuzzParse checks that no file makes Parse panic, and that every error is
// an *Error naming the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte(full))
	f.Add([]byte("disable: &a [*a]\n"))
	f.Add([]byte("overrides:\n  - files: [a, b]\n    severity: {x: y}\n"))
	f.Add([]byte("root: true\nignore: '**/[a-'\n"))
	f.Add([]byte("a: &x {b: *x}\n"))
	f.Add([]byte("severity: {? [a]: b}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse("fuzz.yml", data)
		if err == nil {
			return
		}
		var ce *Error
		if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), "fuzz.yml") {
			t.Fatalf("error %T %q", err, err)
		}
	})
}
