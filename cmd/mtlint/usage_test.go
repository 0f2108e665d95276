package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Usage errors say what was meant: the flag or command closest to a
// misspelt one, that a duration needs a unit, every command there is.
func TestUsageErrorsSuggest(t *testing.T) {
	clean := write(t, t.TempDir(), "clean.txt", "The talks went well.\n")
	// every command is named when the one asked for does not exist
	var commands []string
	all := newApp(nil, nil, nil).Commands
	for _, cmd := range all[:len(all)-1] {
		commands = append(commands, " "+cmd.Name+",")
	}
	commands = append(commands, " "+all[len(all)-1].Name+" or help\n")
	if len(commands) < 10 {
		t.Fatalf("commands %q", commands)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		want   []string // parts of stderr
		unwant []string
	}{
		{"misspelt flag", []string{"check", "--fial-on", "warning", clean}, []string{"unknown flag --fial-on (did you mean --fail-on?)"}, []string{" -fial-on"}},
		{"British spelling", []string{"check", "--colour", clean}, []string{"unknown flag --colour (did you mean --no-color?)"}, nil},
		{"flag after the path", []string{"check", clean, "--formt", "json"}, []string{"did you mean --format?"}, nil},
		{"flag of another command", []string{"rules", "--fail-on", "x"}, []string{"unknown flag --fail-on"}, []string{"did you mean"}},
		{"short flag", []string{"check", "-x", clean}, []string{"unknown flag -x\n"}, []string{"did you mean"}},
		{"not a number", []string{"check", "--jobs", "two", clean}, []string{`--jobs "two": want a whole number`}, nil},
		{"duration without unit", []string{"check", "--timeout", "5", clean}, []string{`--timeout "5": a duration needs a unit, such as 5s`}, nil},
		{"bad duration", []string{"check", "--timeout", "soon", clean}, []string{`--timeout "soon": not a duration`}, nil},
		{"unknown command", []string{"chek"}, append([]string{`unknown command "chek" (did you mean check?)`}, commands...), nil},
		{"help of an unknown command", []string{"help", "expain"}, append([]string{`no command "expain" (did you mean explain?)`}, commands...), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mtlint(t, tc.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not hold %q:\n%s", w, r.stderr)
				}
			}
			for _, w := range tc.unwant {
				if strings.Contains(r.stderr, w) {
					t.Errorf("stderr holds %q:\n%s", w, r.stderr)
				}
			}
		})
	}
}

// "mtlint explain CATEGORY" lists the category's rules and succeeds.
func TestExplainCategory(t *testing.T) {
	r := mtlint(t, "explain", "spinning")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Category spinning: 1 rules") || !strings.Contains(r.stdout, "spinning.test-bosom-peril") ||
		strings.Contains(r.stdout, "repetition.test-doubled") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
}

// A tab that indents a line of .mtlint.yml is reported on its own line,
// whatever line the YAML parser blames.
func TestConfigTabLine(t *testing.T) {
	for _, tc := range []struct {
		yml  string
		want string
	}{
		{"\tfail-on: warning\n", ".mtlint.yml:1: not valid YAML: a tab indents line 1"},
		{"disable:\n  - idiom\n\t- spinning\n", ".mtlint.yml:3: not valid YAML: a tab indents line 3"},
		{"fail-on: warning\n\tformat: json\n", ".mtlint.yml:2: not valid YAML: a tab indents line 2"},
	} {
		dir := t.TempDir()
		write(t, dir, ".mtlint.yml", tc.yml)
		clean := write(t, dir, "clean.txt", "The talks went well.\n")
		r := mtlint(t, "check", clean)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, "spaces") {
			t.Errorf("%q: exit %d, stderr %q, want %q", tc.yml, r.code, r.stderr, tc.want)
		}
		if !strings.Contains(r.stderr, filepath.Base(".mtlint.yml")) {
			t.Errorf("%q: stderr %q does not name the file", tc.yml, r.stderr)
		}
	}
}
