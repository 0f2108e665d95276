package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// TestNeovim runs `mtlint lsp` under a real editor: headless Neovim runs
// testdata/lsp/nvim.lua, which opens the seed article and a Markdown file with
// emoji and CJK before a finding, prints the diagnostics as Neovim shows them,
// and applies the quick fix at "more early". Every finding of `mtlint check`
// must be shown at the same line and column, and the fix must turn "more
// early" into "earlier" and change nothing else. Neovim is required in CI
// (CI=true) and the test skips without it elsewhere.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("nvim is not installed (apt-get install -y --no-install-recommends neovim)")
		}
		t.Skip("nvim is not installed")
	}
	if testing.Short() {
		t.Skip("builds mtlint and starts an editor")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "mtlint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	files := []string{"mt-article.txt", "emoji.md"}
	sources := map[string]string{"mt-article.txt": "../../testdata/mt-article.txt", "emoji.md": "../../testdata/lsp/emoji.md"}
	texts := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(sources[f])
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = string(b)
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script, err := filepath.Abs("../../testdata/lsp/nvim.lua")
	if err != nil {
		t.Fatal(err)
	}

	// what mtlint check says
	check := exec.Command(bin, append([]string{"check", "--format", "json"}, files...)...)
	check.Dir = dir
	out, _ := check.Output()
	var report struct {
		Files []struct {
			Path     string
			Findings []struct {
				Rule      string
				Line      int
				Column    int
				EndLine   int `json:"end_line"`
				EndColumn int `json:"end_column"`
				Severity  string
			}
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("mtlint check: %v\n%s", err, out)
	}
	want := map[string][]string{}
	for _, f := range report.Files {
		lines := strings.Split(texts[f.Path], "\n")
		for _, fd := range f.Findings {
			sb, su := columnsAt(lines[fd.Line-1], fd.Column)
			eb, eu := columnsAt(lines[fd.EndLine-1], fd.EndColumn)
			want[f.Path] = append(want[f.Path], fmt.Sprintf("%s %d %d:%d-%d:%d utf16 %d:%d-%d:%d",
				fd.Rule, nvimSeverity[fd.Severity], fd.Line, sb, fd.EndLine, eb, fd.Line, su, fd.EndLine, eu))
		}
	}
	if len(want["mt-article.txt"]) < 10 || len(want["emoji.md"]) == 0 {
		t.Fatalf("mtlint check found too little: %v", want)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MTLINT_BIN="+bin, "MTLINT_FILES="+strings.Join(files, ":"), "MTLINT_FIX_AT=more early")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("nvim: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	t.Logf("nvim printed:\n%s", stdout.String())

	got := map[string][]string{}
	fixed := map[string]string{}
	actions := map[string][]string{}
	scored, stopped := false, false
	for _, line := range strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n") {
		kind, rest, _ := strings.Cut(line, " ")
		file, rest, _ := strings.Cut(rest, " ")
		switch kind {
		case "diag":
			if strings.HasPrefix(rest, "mtlint.score ") {
				scored = scored || file == "mt-article.txt"
				continue
			}
			got[file] = append(got[file], rest)
		case "action":
			actions[file] = append(actions[file], rest)
		case "fixed":
			fixed[file] = rest
		case "stopped":
			stopped = true
		case "error":
			t.Errorf("the script failed: %s", line)
		}
	}
	for _, f := range files {
		w, g := slices.Clone(want[f]), slices.Clone(got[f])
		slices.Sort(w)
		slices.Sort(g)
		if !slices.Equal(w, g) {
			t.Errorf("%s: Neovim shows\n  %s\nmtlint check says\n  %s", f, strings.Join(g, "\n  "), strings.Join(w, "\n  "))
		}
		// the fix changes "more early" and nothing else on its line
		lines := strings.Split(texts[f], "\n")
		n := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "more early") })
		wantFixed := fmt.Sprintf("%d %s", n+1, strings.Replace(lines[n], "more early", "earlier", 1))
		if fixed[f] != wantFixed {
			t.Errorf("%s: after the quick fix\n  %q\nwant\n  %q", f, fixed[f], wantFixed)
		}
		if !slices.Contains(actions[f], "Replace “more early” with “earlier”") {
			t.Errorf("%s: actions %q", f, actions[f])
		}
	}
	if !slices.Contains(actions["emoji.md"], "Ignore idiom.comparative here") {
		t.Errorf("emoji.md: no ignore action in %q", actions["emoji.md"])
	}
	if !scored {
		t.Error("no score diagnostic for the seed article")
	}
	if !stopped {
		t.Error("the server did not stop")
	}
}

// nvimSeverity is vim.diagnostic.severity of each of mtlint's severities.
var nvimSeverity = map[string]int{"error": 1, "warning": 2, "info": 3}

// columnsAt converts a 1-based column in code points of line into 0-based
// columns in bytes (what Neovim shows) and in UTF-16 code units (what LSP
// sends).
func columnsAt(line string, col int) (bytes, units int) {
	r := []rune(line)
	prefix := r[:min(col-1, len(r))]
	return len(string(prefix)), len(utf16.Encode(prefix))
}
