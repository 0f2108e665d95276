package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/config"
	"github.com/mtlint/mtlint/rules"
)

// initGolden is the starter file, reviewed like code; "go test ./cmd/mtlint
// -update" rewrites it.
var initGolden = filepath.Join("..", "..", "testdata", "golden", "mtlint-init.yml.golden")

func TestInit(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	r := mtlint(t, "init")
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "Wrote .mtlint.yml") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	written, err := os.ReadFile(".mtlint.yml")
	if err != nil {
		t.Fatal(err)
	}

	// The file is the golden one.
	golden := filepath.Join(startDir, initGolden)
	if *update {
		if err := os.WriteFile(golden, written, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(golden); err != nil {
		t.Errorf("%v (go test ./cmd/mtlint -update writes it)", err)
	} else if string(want) != string(written) {
		t.Errorf("%s differs from the file written (go test ./cmd/mtlint -update rewrites it):\n%s", golden, written)
	}

	// It lists every category and shows every key, commented out.
	for _, c := range rules.Categories {
		if !strings.Contains(string(written), "#   "+string(c)+" ") {
			t.Errorf("category %s not listed", c)
		}
	}
	for _, key := range []string{"root", "disable", "enable", "severity", "ignore", "packs", "accept", "fail-on", "format", "overrides"} {
		if !strings.Contains(string(written), "\n# "+key+":") {
			t.Errorf("key %s not shown", key)
		}
	}

	// It loads, and as it sets nothing, checking behaves as without it.
	f, err := config.Load(".mtlint.yml")
	if err != nil {
		t.Fatalf("the starter file does not load: %v", err)
	}
	if f.Root || f.FailOn != nil || f.Format != "" || len(f.Disable)+len(f.Ignore)+len(f.Overrides) != 0 {
		t.Errorf("the starter file sets something: %+v", f)
	}
	if _, err := config.New(config.Options{File: ".mtlint.yml"}); err != nil {
		t.Errorf("the starter file does not check: %v", err)
	}

	// It is not overwritten, unless asked.
	if err := os.WriteFile(".mtlint.yml", []byte("fail-on: info\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = mtlint(t, "init")
	if r.code != exitUsage || !strings.Contains(r.stderr, ".mtlint.yml already exists; use --force to overwrite it") {
		t.Errorf("second init: exit %d, %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(".mtlint.yml"); string(b) != "fail-on: info\n" {
		t.Errorf("overwritten: %s", b)
	}
	r = mtlint(t, "init", "--force")
	if b, _ := os.ReadFile(".mtlint.yml"); r.code != 0 || string(b) != string(written) {
		t.Errorf("--force: exit %d, %s", r.code, r.stderr)
	}
}

func TestInitArgs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, "docs/.mtlint.yaml", "")
	write(t, dir, "file.txt", "")
	for _, tc := range []struct {
		args []string
		code int
		want string // a part of stdout or stderr
	}{
		{[]string{"init", "site"}, 2, "site: not a folder"},
		{[]string{"init", "file.txt"}, 2, "file.txt: not a folder"},
		{[]string{"init", "docs"}, 2, filepath.Join("docs", ".mtlint.yaml") + " already exists"},
		{[]string{"init", "a", "b"}, 2, "want at most one DIR"},
		{[]string{"init", "--force", "docs"}, 0, "Wrote " + filepath.Join("docs", ".mtlint.yml")},
	} {
		r := mtlint(t, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s%s", tc.args, r.code, tc.code, tc.want, r.stdout, r.stderr)
		}
	}
}

// TestInitExamples uncomments every example of the starter file and checks
// that the file loads and does what the comments say, through mtlint check
// with the built-in rules.
func TestInitExamples(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, ".mtlint.yml", starter(true))
	write(t, dir, "house-phrases.yaml", strings.Replace(housePack, "pack: house", "pack: house-phrases", 1))
	f, err := config.Load(".mtlint.yml")
	if err != nil {
		t.Fatalf("the examples do not load: %v\n%s", err, starter(true))
	}
	if !f.Root || f.FailOn == nil || *f.FailOn != rules.Warning || f.Format != "text" || len(f.Overrides) != 2 ||
		len(f.Ignore) != 2 || len(f.Accept) != 2 || len(f.Packs) != 1 || len(f.Severity) != 2 {
		t.Errorf("the examples: %+v", f)
	}
	d, err := config.New(config.Options{})
	if err != nil {
		t.Fatalf("the examples do not check: %v", err)
	}
	if got, want := d.Files(), []string{".mtlint.yml"}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("files %q", got)
	}

	// The article has "more early" (an idiom warning) and a space before
	// a comma (punctuation); drafts/ leaves out quotes, wire/ accepts AFP.
	write(t, dir, "news/a.md", "# Talks\n\nThe talks , which began more early, went on.\n")
	write(t, dir, "news/page.min.html", "<p>The the talks.</p>\n")
	r := runWith(t, nil, "", nil, false, "check", "--format", "json", ".")
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (fail-on: warning)\n%s", r.code, r.stderr)
	}
	got := rulesOf(t, r.stdout)
	if !strings.HasPrefix(got, "news/a.md") || strings.Contains(got, "min.html") || !strings.Contains(got, "idiom.comparative:warning") {
		t.Errorf("check with the examples: %s", got)
	}
}

// startDir is the current folder when the tests start, the package's
// folder: tests change it.
var startDir = func() string {
	d, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return d
}()
