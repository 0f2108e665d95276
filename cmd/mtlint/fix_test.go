package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/internal/testrules"
)

// The seed article with the built-in rules: the diff of the fix package's
// golden file, exit 1; --write makes the same change, and a second run finds
// nothing (exit 0, no diff).
func TestFixSeed(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/mt-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("../../checker/fix/testdata/mt-article.txt.diff.golden")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, "mt-article.txt", string(seed))
	t.Chdir(dir)
	r := runWith(t, nil, "", nil, false, "fix", "mt-article.txt")
	if r.code != 1 || r.stdout != string(golden) {
		t.Errorf("exit %d, diff:\n%s", r.code, r.stdout)
	}
	if want := "5 fixes to make in 1 file (mtlint fix --write applies them)"; !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "not fixed") {
		t.Errorf("stderr lacks %q, or names a fix left out:\n%s", want, r.stderr)
	}
	if got, _ := os.ReadFile("mt-article.txt"); string(got) != string(seed) {
		t.Error("the file changed without --write")
	}
	r = runWith(t, nil, "", nil, false, "fix", "-l", "mt-article.txt")
	if r.code != 1 || r.stdout != "mt-article.txt\n" {
		t.Errorf("--list: exit %d, %q", r.code, r.stdout)
	}
	r = runWith(t, nil, "", nil, false, "fix", "--write", "mt-article.txt")
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "5 fixes made in 1 file") {
		t.Errorf("--write: exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
	}
	fixed, _ := os.ReadFile("mt-article.txt")
	if !strings.Contains(string(fixed), "this week, with") || !strings.Contains(string(fixed), "approaches,” said Ryabkov.\n") {
		t.Errorf("written file:\n%s", fixed)
	}
	r = runWith(t, nil, "", nil, false, "fix", "mt-article.txt")
	if r.code != 0 || r.stdout != "" {
		t.Errorf("second run: exit %d, diff:\n%s", r.code, r.stdout)
	}
}

func TestFixFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, "a.txt", "They met , the the minister , then left.\n")
	write(t, dir, "docs/b.md", "---\ntitle: a , b\n---\nThey met , then `x , y` left.\n")
	write(t, dir, "docs/c.txt", "Nothing to fix here.\n")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string // a part of it; "" wants it empty
		stderr string
	}{
		{"a file", []string{"fix", "a.txt"}, 1, "--- a.txt\n+++ a.txt\n@@ -1 +1 @@\n-They met , the the minister , then left.\n+They met, the the minister, then left.\n", ""},
		{"a folder: the prose of Markdown only", []string{"fix", "docs"}, 1, "-They met , then `x , y` left.\n+They met, then `x , y` left.\n", "1 fix to make in 1 file"},
		{"nothing to fix", []string{"fix", "docs/c.txt"}, 0, "", ""},
		{"--rule", []string{"fix", "--rule", "punctuation.test-space-comma", "a.txt"}, 1, "+They met, the the", ""},
		{"--category leaves other fixes", []string{"fix", "--category", "typography", "a.txt"}, 0, "", ""},
		{"--rule of a rule without safe fixes", []string{"fix", "--rule", "repetition.test-doubled", "a.txt"}, 2, "", "never applied automatically"},
		{"--rule unknown", []string{"fix", "--rule", "punctuation.nope", "a.txt"}, 2, "", `--rule "punctuation.nope": no such rule`},
		{"--category unknown", []string{"fix", "--category", "spelling", "a.txt"}, 2, "", `--category "spelling": no such category`},
		{"disabled rule", []string{"fix", "--disable", "punctuation", "a.txt"}, 0, "", ""},
		{"a URL", []string{"fix", "https://example.org/a"}, 2, "", "not web pages"},
		{"--write on stdin", []string{"fix", "--write", "-"}, 2, "", "not standard input"},
		{"--list and --write", []string{"fix", "-l", "-w", "a.txt"}, 2, "", "one or the other"},
		{"no path", []string{"fix"}, 2, "", "no PATH given"},
		{"missing file", []string{"fix", "missing.txt", "a.txt"}, 2, "+They met, the the", "missing.txt: no such file or directory"},
		{"interactive without a terminal", []string{"fix", "-i", "a.txt"}, 2, "", "not one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mtlint(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			if tc.stdout == "" && r.stdout != "" || !strings.Contains(r.stdout, tc.stdout) {
				t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, tc.stdout)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.stderr)
			}
		})
	}
	// Standard input: a diff of <stdin>.
	r := runWith(t, testrules.All, "One , two.\n", nil, false, "fix", "-")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "--- <stdin>\n+++ <stdin>\n@@ -1 +1 @@\n-One , two.\n+One, two.\n") {
		t.Errorf("stdin: exit %d\n%s", r.code, r.stdout)
	}
	// Colour on a terminal, unless NO_COLOR.
	if r := runWith(t, testrules.All, "", nil, true, "fix", "a.txt"); !strings.Contains(r.stdout, "\x1b[31m-They met") {
		t.Errorf("no colour on a terminal:\n%q", r.stdout)
	}
	if r := runWith(t, testrules.All, "", map[string]string{"NO_COLOR": "1"}, true, "fix", "a.txt"); strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("colour with NO_COLOR:\n%q", r.stdout)
	}
	// Nothing was written.
	if got, _ := os.ReadFile("a.txt"); string(got) != "They met , the the minister , then left.\n" {
		t.Errorf("a.txt changed: %q", got)
	}
}

func TestFixWrite(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	text := "They met , then left.\n"
	t.Run("permissions kept", func(t *testing.T) {
		p := write(t, dir, "a.txt", text)
		os.Chmod(p, 0o600)
		r := mtlint(t, "fix", "-w", "a.txt")
		st, _ := os.Stat(p)
		got, _ := os.ReadFile(p)
		if r.code != 0 || string(got) != "They met, then left.\n" || st.Mode().Perm() != 0o600 {
			t.Errorf("exit %d, %q, mode %v, stderr %s", r.code, got, st.Mode(), r.stderr)
		}
	})
	t.Run("read-only", func(t *testing.T) {
		p := write(t, dir, "ro.txt", text)
		q := write(t, dir, "ok.txt", text)
		os.Chmod(p, 0o444)
		r := mtlint(t, "fix", "-w", "ro.txt", "ok.txt")
		if r.code != 2 || !strings.Contains(r.stderr, "mtlint: ro.txt: not written: the file is read-only\n") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
		if got, _ := os.ReadFile(p); string(got) != text {
			t.Errorf("read-only file changed: %q", got)
		}
		if got, _ := os.ReadFile(q); string(got) != "They met, then left.\n" {
			t.Errorf("the other file was not fixed: %q", got)
		}
	})
	t.Run("legacy encoding written back", func(t *testing.T) {
		p := write(t, dir, "latin.txt", "Caf\xe9 , bar.\n")
		r := mtlint(t, "fix", "-w", "--encoding", "windows-1252", "latin.txt")
		if got, _ := os.ReadFile(p); r.code != 0 || string(got) != "Caf\xe9, bar.\n" {
			t.Errorf("exit %d, %q, stderr %s", r.code, got, r.stderr)
		}
		write(t, dir, "latin.txt", "Caf\xe9 , bar.\n")
		r = mtlint(t, "fix", "--encoding", "windows-1252", "latin.txt")
		if r.code != 1 || !strings.Contains(r.stdout, "+Café, bar.") || !strings.Contains(r.stderr, "read as windows-1252; the diff shows it in UTF-8") {
			t.Errorf("diff: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
	})
}

func TestFixInteractive(t *testing.T) {
	defer func(f func(io.Reader) bool) { stdinIsTerminal = f }(stdinIsTerminal)
	stdinIsTerminal = func(io.Reader) bool { return true }
	dir := t.TempDir()
	t.Chdir(dir)
	text := "One , two , three , four.\n"
	for _, tc := range []struct {
		name, answers, want string
		code                int
	}{
		{"yes no yes", "y\nn\ny\n", "One, two , three, four.\n", 0},
		{"all", "a\n", "One, two, three, four.\n", 0},
		{"quit", "y\nq\n", "One, two , three , four.\n", 0},
		{"help then no", "?\nn\nn\nn\n", text, 0},
		{"end of input", "y\n", "One, two , three , four.\n", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := write(t, dir, "a.txt", text)
			r := runWith(t, testrules.All, tc.answers, nil, false, "fix", "-i", "a.txt")
			got, _ := os.ReadFile(p)
			if r.code != tc.code || string(got) != tc.want {
				t.Errorf("exit %d, file %q, want %q\nstdout:\n%s\nstderr:\n%s", r.code, got, tc.want, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "a.txt:1:4: [punctuation.test-space-comma] space before a comma\n  One[- -], two , three , four.\nApply this fix? [y,n,a,q,?] ") {
				t.Errorf("prompt:\n%s", r.stdout)
			}
		})
	}
}

// check --show-fixes writes each finding's fix as an inline diff.
func TestShowFixes(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.txt", "They met , the the minister.\n")
	r := mtlint(t, "check", "--no-color", "--show-fixes", p)
	for _, want := range []string{
		"  suggestion: \",\"\n  fix: They met[- -], the the minister.\n",
		"  suggestion: delete \" the\"\n  suggested fix: They met , the[- the-] minister.\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := mtlint(t, "check", "--no-color", p); strings.Contains(r.stdout, "fix:") {
		t.Errorf("fixes shown without --show-fixes:\n%s", r.stdout)
	}
}
