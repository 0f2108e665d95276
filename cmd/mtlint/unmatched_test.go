package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A directory argument that yields no file to check is a usage error (exit
// 2, as ESLint's unmatched pattern), unless --no-error-on-unmatched-pattern.
func TestUnmatchedDirectory(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	write(t, docs, "a.md", "The talks went well.\n")
	write(t, docs, "b.txt", "They met the the minister.\n")
	ignored := filepath.Join(dir, "repo")
	write(t, ignored, ".mtlint.yml", "ignore: [\"drafts/**\"]\n")
	write(t, ignored, "drafts/x.md", "The talks went well.\n")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of stderr; "" wants it empty
	}{
		{"no file with the extension", []string{"check", "--ext", "rst", docs}, 2, docs + ": no file matched: none of its files ends in .rst"},
		{"allowed", []string{"check", "--ext", "rst", "--no-error-on-unmatched-pattern", docs}, 0, ""},
		{"one of two directories", []string{"check", "--ext", "md", docs, filepath.Join(dir, "repo")}, 2, "repo: no file to check: the configuration's ignore patterns"},
		{"matched", []string{"check", "--ext", "md", docs}, 0, ""},
		{"findings still count", []string{"check", "--ext", "txt", docs}, 1, ""},
		{"empty folder", []string{"check", filepath.Join(dir, "repo", "drafts"), "--fail-on", "none"}, 2, "no file to check"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runWith(t, nil, "", nil, false, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tc.code, r.stderr)
			}
			if tc.stderr == "" && r.stderr != "" || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q, want it to hold %q", r.stderr, tc.stderr)
			}
			if tc.code == 2 && !strings.Contains(r.stderr, "--no-error-on-unmatched-pattern") {
				t.Errorf("stderr %q does not name the flag that allows it", r.stderr)
			}
		})
	}
}
