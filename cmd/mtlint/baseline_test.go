package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// summitV1 has three findings of the test rules: " ," (a warning),
// "commercial" (an info) and " the" of "The the" (an error).
const summitV1 = `# Summit ends without a deal

The ministers met in Geneva this week , with allies from the region.

They will be commercial in their approach, a spokesman said.

The the delegation left on Friday.
`

// reported returns "path:line rule" for each finding of a JSON report.
func reported(t *testing.T, r cliRun) []string {
	t.Helper()
	var out []string
	for _, f := range decode(t, r.stdout).Files {
		for _, fd := range f.Findings {
			out = append(out, filepath.ToSlash(f.Path)+":"+strconv.Itoa(fd.Line)+" "+fd.Rule)
		}
	}
	return out
}

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "news/summit.md", summitV1)
	write(t, dir, "news/markets.md", "Markets rose on Monday.\n")
	t.Chdir(dir)

	r := mtlint(t, "check", "--write-baseline", ".mtlint-baseline.json", "--format", "json", "news")
	if r.code != exitOK || !strings.Contains(r.stderr, "mtlint: wrote 3 findings in 1 file to .mtlint-baseline.json") {
		t.Fatalf("--write-baseline: exit %d, stderr %q", r.code, r.stderr)
	}
	if got := len(reported(t, r)); got != 3 {
		t.Errorf("--write-baseline reports the findings it records: got %d, want 3", got)
	}
	data, err := os.ReadFile(".mtlint-baseline.json")
	if err != nil || !strings.Contains(string(data), `"path": "news/summit.md"`) {
		t.Fatalf("baseline file: %v\n%s", err, data)
	}

	tests := []struct {
		name, text string
		want       []string
		code       int
		stderr     string
	}{
		{"unchanged", summitV1, nil, exitOK, ""},
		{"lines added above", "Updated 18:00 GMT\n\nGENEVA (Reuters) - Talks went on late into the night.\n\n" + summitV1,
			nil, exitOK, ""},
		{"the flagged text edited", strings.Replace(summitV1, "The the delegation", "THE the delegation", 1),
			[]string{"news/summit.md:7 repetition.test-doubled"}, exitFindings, "1 finding of the baseline .mtlint-baseline.json no longer occurs in the files checked; rewrite it with --write-baseline"},
		{"a duplicate", summitV1 + "\nThe the delegation left on Friday.\n",
			[]string{"news/summit.md:9 repetition.test-doubled"}, exitFindings, ""},
		{"two fixed", strings.Replace(strings.Replace(summitV1, "The the", "The", 1), "week ,", "week,", 1),
			nil, exitOK, "2 findings of the baseline .mtlint-baseline.json no longer occur"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write(t, dir, "news/summit.md", tt.text)
			r := mtlint(t, "check", "--format", "json", "--baseline", ".mtlint-baseline.json", "news")
			if got := reported(t, r); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("reported %q, want %q", got, tt.want)
			}
			if r.code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tt.code, r.stderr)
			}
			if tt.stderr == "" && r.stderr != "" || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q, want %q", r.stderr, tt.stderr)
			}
		})
	}

	t.Run("renamed file", func(t *testing.T) {
		write(t, dir, "news/summit.md", summitV1)
		if err := os.Rename(filepath.Join(dir, "news", "summit.md"), filepath.Join(dir, "news", "geneva-summit.md")); err != nil {
			t.Fatal(err)
		}
		defer os.Rename(filepath.Join(dir, "news", "geneva-summit.md"), filepath.Join(dir, "news", "summit.md"))
		r := mtlint(t, "check", "--format", "json", "--baseline", ".mtlint-baseline.json", "news")
		if got := len(reported(t, r)); got != 3 || r.code != exitFindings {
			t.Errorf("a renamed file has no baseline: got %d findings, exit %d; want 3, exit 1", got, r.code)
		}
		// The old name was not checked: its entries are not counted as
		// unused.
		if r.stderr != "" {
			t.Errorf("stderr %q", r.stderr)
		}
	})
	t.Run("only some files checked", func(t *testing.T) {
		write(t, dir, "news/summit.md", summitV1)
		r := mtlint(t, "check", "--baseline", ".mtlint-baseline.json", "news/markets.md")
		if r.code != exitOK || r.stderr != "" {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	article := write(t, dir, "a.md", summitV1)
	bad := write(t, dir, "bad.json", "{\n  \"version\": 1,\n  \"files\": [\n    {\"path\": \"a.md\" \"findings\": []}\n  ]\n}\n")
	v2 := write(t, dir, "v3.json", `{"version": 3, "files": []}`)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"malformed", []string{"--baseline", bad}, "mtlint: --baseline: " + bad + ":4: not a valid mtlint baseline: invalid character '\"' after object key:value pair"},
		{"another version", []string{"--baseline", v2}, v2 + ": not a valid mtlint baseline: version 3; this mtlint reads versions 1 to 2"},
		{"missing", []string{"--baseline", filepath.Join(dir, "none.json")}, "none.json: no such file or directory"},
		{"write and read", []string{"--baseline", v2, "--write-baseline", filepath.Join(dir, "new.json")}, "--write-baseline and --baseline exclude each other"},
		{"write with a diff", []string{"--write-baseline", filepath.Join(dir, "new.json"), "--diff", bad}, "does not go with --diff-base or --diff"},
		{"diff and diff-base", []string{"--diff-base", "HEAD", "--diff", bad}, "--diff-base and --diff exclude each other"},
		{"diff from stdin", []string{"--diff", "-"}, "standard input is for articles"},
		{"diff with extract", []string{"--diff", bad, "--extract"}, "do not go with --extract"},
		{"unwritable", []string{"--write-baseline", filepath.Join(dir, "no-dir", "b.json")}, "--write-baseline: writing " + filepath.Join(dir, "no-dir", "b.json") + ": no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mtlint(t, append(append([]string{"check"}, tt.args...), article)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, tt.want)
			}
		})
	}
}

// gitRepo makes a git repository in a temporary folder, isolated from the
// user's configuration, and returns a function that runs git in it.
func gitRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	for k, v := range map[string]string{
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "News Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
		"GIT_COMMITTER_NAME": "News Desk", "GIT_COMMITTER_EMAIL": "desk@example.org",
	} {
		t.Setenv(k, v)
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("init", "-q", "-b", "main")
	return dir, run
}

func TestDiffBase(t *testing.T) {
	dir, git := gitRepo(t)
	write(t, dir, "news/summit.md", summitV1)
	write(t, dir, "news/markets.md", "Markets rose on Monday , traders said.\n")
	write(t, dir, "news/interview.md", "Line one.\nThe the talks.\n")
	git("add", ".")
	git("commit", "-q", "-m", "first edition")
	base := strings.TrimSpace(gitOutput(t, dir, "rev-parse", "HEAD"))

	// A second commit changes line 5 ("commercial" stays, a doubled word
	// joins it) and a later edit, not committed, adds a line at the end.
	write(t, dir, "news/summit.md", strings.Replace(summitV1, "They will be commercial", "They will be commercial, the the minister", 1))
	git("commit", "-q", "-am", "second edition")
	write(t, dir, "news/summit.md", strings.Replace(summitV1, "They will be commercial", "They will be commercial, the the minister", 1)+"\nTalks resume , he said.\n")
	git("mv", "news/interview.md", "news/interview-2024.md")
	write(t, dir, "news/breaking.md", "Breaking news , just in.\n") // untracked
	outside := write(t, t.TempDir(), "elsewhere.md", "Not in the repository , at all.\n")

	t.Chdir(filepath.Join(dir, "news")) // paths relative to a folder below the root
	tests := []struct {
		name string
		args []string
		want []string
		code int
		err  string
	}{
		{"since the first commit", []string{"--diff-base", base, "summit.md"},
			[]string{"summit.md:5 idiom.test-commercial", "summit.md:5 repetition.test-doubled", "summit.md:9 punctuation.test-space-comma"}, exitFindings, ""},
		{"since HEAD", []string{"--diff-base", "HEAD", "summit.md"},
			[]string{"summit.md:9 punctuation.test-space-comma"}, exitOK, ""},
		{"a whole folder", []string{"--diff-base", "HEAD", "."},
			[]string{"breaking.md:1 punctuation.test-space-comma", "summit.md:9 punctuation.test-space-comma"}, exitOK, ""},
		{"renamed, not edited", []string{"--diff-base", base, "interview-2024.md"}, nil, exitOK, ""},
		{"absolute path", []string{"--diff-base", "HEAD", filepath.Join(dir, "news", "summit.md")},
			[]string{filepath.ToSlash(filepath.Join(dir, "news", "summit.md")) + ":9 punctuation.test-space-comma"}, exitOK, ""},
		{"with a baseline", []string{"--diff-base", base, "--baseline", write(t, t.TempDir(), "b.json",
			`{"version": 1, "files": [{"path": "summit.md", "findings": [{"rule": "idiom.test-commercial", "text": "commercial", "before": "will be", "after": ", the"}]}]}`), "summit.md"},
			[]string{"summit.md:5 repetition.test-doubled", "summit.md:9 punctuation.test-space-comma"}, exitFindings, ""},
		{"a file outside the repository", []string{"--diff-base", "HEAD", outside, "summit.md"},
			[]string{"summit.md:9 punctuation.test-space-comma"}, exitUsage, outside + ": " + outside + " is not inside " + dir + ", so no diff says which of its lines changed (--diff-base HEAD)"},
		{"an unknown ref", []string{"--diff-base", "origin/no-such-branch", "summit.md"},
			nil, exitUsage, `mtlint: --diff-base origin/no-such-branch: "origin/no-such-branch" names no commit in the git repository at ` + dir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mtlint(t, append([]string{"check", "--format", "json"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.err) || tt.err == "" && r.stderr != "" {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tt.code, tt.err)
			}
			if tt.code == exitUsage && tt.want == nil {
				return // no report
			}
			if got := reported(t, r); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("reported %q\nwant     %q", got, tt.want)
			}
		})
	}

	t.Run("standard input", func(t *testing.T) {
		r := runWith(t, nil, "Talks resume , he said.\n", nil, false, "check", "--diff-base", "HEAD", "-")
		if r.code != exitUsage || !strings.Contains(r.stderr, "mtlint: <stdin>: no diff says which of its lines changed: --diff-base HEAD applies to files only") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

func TestDiffBaseOutsideRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CEILING_DIRECTORIES", os.TempDir())
	dir := t.TempDir()
	write(t, dir, "a.md", summitV1)
	t.Chdir(dir)
	r := mtlint(t, "check", "--diff-base", "HEAD", "a.md")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--diff-base HEAD: "+dir+" is not inside a git repository") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestDiffFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir)) // not in a repository: paths are relative to the working directory
	write(t, dir, "news/summit.md", summitV1)
	// A hand-written diff: line 5 changed, nothing else.
	patch := write(t, dir, "fix.patch", `--- news/summit.md.orig	2024-03-01 10:00:00
+++ news/summit.md	2024-03-02 09:30:00
@@ -4,3 +4,3 @@
 
-They will be businesslike in their approach, a spokesman said.
+They will be commercial in their approach, a spokesman said.
 
`)
	t.Chdir(dir)
	r := mtlint(t, "check", "--format", "json", "--diff", patch, "news/summit.md")
	if got, want := reported(t, r), []string{"news/summit.md:5 idiom.test-commercial"}; !reflect.DeepEqual(got, want) || r.code != exitOK {
		t.Errorf("reported %q (exit %d, stderr %q), want %q", got, r.code, r.stderr, want)
	}
	bad := write(t, dir, "bad.patch", "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n")
	r = mtlint(t, "check", "--diff", bad, "news/summit.md")
	if r.code != exitUsage || !strings.Contains(r.stderr, "mtlint: --diff "+bad+": "+bad+": line 3: the diff ends inside the hunk that starts here") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func gitOutput(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// TestRepositoryWorkflow is a content repository's life with mtlint: a
// .mtlint.yml, a baseline committed with today's findings, then a pull
// request that adds a paragraph above the old findings and one new finding.
// CI, with the baseline and --diff-base, reports the new one alone.
func TestRepositoryWorkflow(t *testing.T) {
	dir, git := gitRepo(t)
	write(t, dir, ".mtlint.yml", "fail-on: warning\ndisable: [idiom]\n")
	write(t, dir, "news/summit.md", summitV1)
	git("add", ".")
	git("commit", "-q", "-m", "first edition")
	t.Chdir(dir)

	r := mtlint(t, "check", "--write-baseline", ".mtlint-baseline.json", "news")
	if r.code != exitOK || !strings.Contains(r.stderr, "wrote 2 findings in 1 file") {
		t.Fatalf("--write-baseline: exit %d, stderr %q (the idiom rules are off in .mtlint.yml)", r.code, r.stderr)
	}
	git("add", ".mtlint-baseline.json")
	git("commit", "-q", "-m", "accept today's findings")
	git("checkout", "-q", "-b", "pull-request")
	write(t, dir, "news/summit.md", "Updated 18:00 GMT.\n\n"+summitV1+"\nTalks resume on Monday , officials said.\n")
	git("commit", "-q", "-am", "update the summit story")

	for _, args := range [][]string{
		{"--baseline", ".mtlint-baseline.json"},
		{"--diff-base", "main"},
		{"--baseline", ".mtlint-baseline.json", "--diff-base", "main"},
	} {
		r := mtlint(t, append(append([]string{"check", "--format", "json"}, args...), "news")...)
		if got, want := reported(t, r), []string{"news/summit.md:11 punctuation.test-space-comma"}; !reflect.DeepEqual(got, want) || r.code != exitFindings {
			t.Errorf("%q: reported %q, exit %d (stderr %q); want %q, exit 1 (fail-on: warning)", args, got, r.code, r.stderr, want)
		}
	}
}

// A baseline names files relative to its own folder: it is written and
// checked from different folders, by relative or absolute paths, and still
// knows its findings.
func TestBaselineFromAnotherFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "news/summit.md", summitV1)
	write(t, dir, "ci/README", "baselines\n")
	t.Chdir(dir)
	if r := mtlint(t, "check", "--write-baseline", "ci/baseline.json", "news/summit.md"); r.code != exitOK {
		t.Fatalf("--write-baseline: exit %d, stderr %q", r.code, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "ci", "baseline.json"))
	if err != nil || !strings.Contains(string(data), `"path": "../news/summit.md"`) || !strings.Contains(string(data), `"version": 2`) {
		t.Fatalf("baseline file: %v\n%s", err, data)
	}
	for _, tc := range []struct{ name, wd, baseline, path string }{
		{"same folder", dir, "ci/baseline.json", "news/summit.md"},
		{"from the article's folder", filepath.Join(dir, "news"), "../ci/baseline.json", "summit.md"},
		{"from the baseline's folder", filepath.Join(dir, "ci"), "baseline.json", "../news/summit.md"},
		{"absolute paths", t.TempDir(), filepath.Join(dir, "ci", "baseline.json"), filepath.Join(dir, "news", "summit.md")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(tc.wd)
			r := mtlint(t, "check", "--format", "json", "--fail-on", "info", "--baseline", tc.baseline, tc.path)
			if got := reported(t, r); len(got) != 0 || r.code != exitOK || r.stderr != "" {
				t.Errorf("reported %q, exit %d, stderr %q; want nothing new", got, r.code, r.stderr)
			}
		})
	}
	// a version 1 baseline names files from the folder it was written in
	old := write(t, dir, "old.json", strings.Replace(strings.Replace(string(data), `"version": 2`, `"version": 1`, 1), "../news/", "news/", 1))
	if r := mtlint(t, "check", "--format", "json", "--fail-on", "info", "--baseline", old, "news/summit.md"); len(reported(t, r)) != 0 || r.code != exitOK {
		t.Errorf("version 1: reported %q, exit %d, stderr %q", reported(t, r), r.code, r.stderr)
	}
}
