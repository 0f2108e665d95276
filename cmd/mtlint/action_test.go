package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/mtlint/mtlint/checker/report"
)

// The GitHub Action (action.yml) and the pre-commit hook
// (.pre-commit-hooks.yaml) at the top of the repository: they parse, every
// input and step they refer to exists, and the shell script of the action
// passes the inputs to mtlint as it should.

// action is the part of action.yml that GitHub reads; decoding with known
// fields only catches a misspelt key.
type action struct {
	Name        string
	Description string
	Author      string
	Branding    map[string]string
	Inputs      map[string]struct {
		Description string
		Required    bool
		Default     *string
	}
	Outputs map[string]struct {
		Description string
		Value       string
	}
	Runs struct {
		Using string
		Steps []actionStep
	}
}

type actionStep struct {
	Name             string
	ID               string
	If               string
	Uses             string
	With             map[string]string
	Shell            string
	Run              string
	Env              map[string]string
	WorkingDirectory string `yaml:"working-directory"`
}

func readAction(t *testing.T) (*action, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var a action
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a, string(data)
}

func TestActionYAML(t *testing.T) {
	a, text := readAction(t)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml needs a name, a description and composite steps: %+v", a)
	}
	for name, in := range a.Inputs {
		if in.Description == "" || in.Default == nil {
			t.Errorf("input %s: want a description and a default", name)
		}
	}
	// Every input an expression names exists.
	for _, m := range regexp.MustCompile(`inputs\.([A-Za-z0-9_-]+)`).FindAllStringSubmatch(text, -1) {
		if _, ok := a.Inputs[m[1]]; !ok {
			t.Errorf("inputs.%s is used but not declared", m[1])
		}
	}
	// Every step an expression names is declared before it is used.
	ids := map[string]bool{}
	stepRef := regexp.MustCompile(`steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)`)
	for _, s := range a.Runs.Steps {
		all := s.If + s.Run + s.Uses
		for _, v := range s.With {
			all += " " + v
		}
		for _, v := range s.Env {
			all += " " + v
		}
		for _, m := range stepRef.FindAllStringSubmatch(all, -1) {
			if !ids[m[1]] {
				t.Errorf("step %q uses steps.%s before it runs", s.Name, m[1])
			}
		}
		if s.ID != "" {
			ids[s.ID] = true
		}
		switch {
		case s.Run != "" && s.Uses != "":
			t.Errorf("step %q both runs and uses", s.Name)
		case s.Run != "" && s.Shell != "bash":
			t.Errorf("step %q: a composite run step needs shell: bash", s.Name)
		case s.Run != "" && strings.Contains(s.Run, "${{"):
			// Expressions expanded into a script can inject commands; the
			// inputs reach scripts through env.
			t.Errorf("step %q: an expression inside run; pass it through env", s.Name)
		case s.Uses != "" && !regexp.MustCompile(`^[\w.-]+/[\w./-]+@v\d+$`).MatchString(s.Uses):
			t.Errorf("step %q: uses %q, want owner/repo@vN", s.Name, s.Uses)
		}
		if s.Run != "" {
			if _, err := exec.LookPath("bash"); err == nil {
				cmd := exec.Command("bash", "-n")
				cmd.Stdin = strings.NewReader(s.Run)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("step %q: bash -n: %v\n%s", s.Name, err, out)
				}
			}
		}
	}
	for name, out := range a.Outputs {
		for _, m := range stepRef.FindAllStringSubmatch(out.Value, -1) {
			if !ids[m[1]] {
				t.Errorf("output %s names step %s, which does not exist", name, m[1])
			}
		}
	}
	// The formats the script asks for exist.
	for _, f := range []string{"sarif", "github", "markdown"} {
		if !slices.Contains(report.Formats, f) {
			t.Errorf("action.yml uses --format %s, which mtlint does not have", f)
		}
	}
}

// step returns the step of action.yml with that id or name.
func (a *action) step(t *testing.T, idOrName string) actionStep {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if s.ID == idOrName || s.Name == idOrName {
			return s
		}
	}
	t.Fatalf("action.yml has no step %q", idOrName)
	return actionStep{}
}

// scriptRun is one run of a step's script.
type scriptRun struct {
	stdout  string
	code    int
	outputs map[string]string // what it wrote to $GITHUB_OUTPUT
	summary string            // what it wrote to $GITHUB_STEP_SUMMARY
}

// runStep runs the script of step s with bash in dir, its env expressions
// ${{ inputs.X }} taken from inputs or else the input's default, and PATH
// starting with pathDir.
func runStep(t *testing.T, a *action, s actionStep, dir, pathDir string, inputs map[string]string, extraEnv ...string) scriptRun {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	tmp := t.TempDir()
	outFile, sumFile := filepath.Join(tmp, "output"), filepath.Join(tmp, "summary")
	env := append(os.Environ(), "PATH="+pathDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GITHUB_OUTPUT="+outFile, "GITHUB_STEP_SUMMARY="+sumFile, "RUNNER_TEMP="+tmp)
	env = append(env, extraEnv...)
	expr := regexp.MustCompile(`^\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}$`)
	for k, v := range s.Env {
		m := expr.FindStringSubmatch(v)
		if m == nil {
			continue // set by the test through extraEnv
		}
		val, ok := inputs[m[1]]
		if !ok {
			val = *a.Inputs[m[1]].Default
		}
		env = append(env, k+"="+val)
	}
	cmd := exec.Command("bash", "-c", s.Run)
	cmd.Dir = dir
	cmd.Env = env
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stdout
	err := cmd.Run()
	r := scriptRun{stdout: stdout.String(), outputs: map[string]string{}}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	out, _ := os.ReadFile(outFile)
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			r.outputs[k] = v
		}
	}
	sum, _ := os.ReadFile(sumFile)
	r.summary = string(sum)
	return r
}

// fakeMtlint puts on a PATH folder an mtlint that logs its arguments, one
// run a line, writes a report named by its format and exits with
// $FAKE_EXIT (the markdown run always exits 0).
func fakeMtlint(t *testing.T) (pathDir, log string) {
	t.Helper()
	pathDir = t.TempDir()
	log = filepath.Join(pathDir, "calls.log")
	script := `#!/bin/sh
echo "$*" >> "` + log + `"
case "$*" in
  *"--format markdown"*) echo "## mtlint summary"; exit 0 ;;
  *"--format sarif"*) echo '{"version": "2.1.0"}' ;;
  *"--format github"*) echo '::warning file=docs/a.md,line=3::space before a comma' ;;
esac
exit "${FAKE_EXIT:-0}"
`
	if err := os.WriteFile(filepath.Join(pathDir, "mtlint"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return pathDir, log
}

func TestActionCheckScript(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the action's scripts run in bash on Linux and macOS runners")
	}
	a, _ := readAction(t)
	check := a.step(t, "check")
	tests := []struct {
		name     string
		inputs   map[string]string
		exit     string
		calls    []string
		outputs  map[string]string
		stdout   string
		sarif    string
		summary  string
		noOutput bool
	}{
		{"defaults, findings", nil, "1",
			[]string{"check --format github -- .", "check --format markdown --fail-on none -- ."},
			map[string]string{"exit-code": "1"}, "::warning file=docs/a.md,line=3::", "", "## mtlint summary\n", false},
		{"every input, sarif", map[string]string{
			"paths": "docs\n  README.md\tnews", "format": "sarif", "fail-on": "warning", "config": "ci/.mtlint.yml",
			"diff-base": "4f1c2e9", "baseline": ".mtlint-baseline.json", "args": "--disable boilerplate  --min-severity warning",
			"sarif-file": "out/mtlint.sarif", "summary": "false"}, "0",
			[]string{"check --fail-on warning --config ci/.mtlint.yml --diff-base 4f1c2e9 --baseline .mtlint-baseline.json --disable boilerplate --min-severity warning --format sarif -- docs README.md news"},
			map[string]string{"exit-code": "0", "sarif-file": "WORKDIR/out/mtlint.sarif"}, "", "{\"version\": \"2.1.0\"}\n", "", false},
		{"a glob is not expanded", map[string]string{"paths": "*.md", "summary": "false"}, "0",
			[]string{"check --format github -- *.md"}, map[string]string{"exit-code": "0"}, "", "", "", false},
		{"a usage error skips the summary", nil, "2",
			[]string{"check --format github -- ."}, map[string]string{"exit-code": "2"}, "", "", "", false},
		{"an unknown format", map[string]string{"format": "junit"}, "0",
			nil, map[string]string{"exit-code": "2"}, `::error title=mtlint::format "junit": want sarif or github`, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pathDir, log := fakeMtlint(t)
			work := t.TempDir()
			if err := os.MkdirAll(filepath.Join(work, "out"), 0o755); err != nil {
				t.Fatal(err)
			}
			r := runStep(t, a, check, work, pathDir, tt.inputs, "FAKE_EXIT="+tt.exit)
			if r.code != 0 {
				t.Errorf("the check step failed (exit %d): the Result step decides\n%s", r.code, r.stdout)
			}
			calls, _ := os.ReadFile(log)
			var got []string
			if s := strings.TrimSpace(string(calls)); s != "" {
				got = strings.Split(s, "\n")
			}
			if !slices.Equal(got, tt.calls) {
				t.Errorf("mtlint ran as\n%q\nwant\n%q", got, tt.calls)
			}
			for k, v := range tt.outputs {
				v = strings.ReplaceAll(v, "WORKDIR", work)
				if r.outputs[k] != v {
					t.Errorf("output %s = %q, want %q", k, r.outputs[k], v)
				}
			}
			if !strings.Contains(r.stdout, tt.stdout) {
				t.Errorf("stdout %q, want %q in it", r.stdout, tt.stdout)
			}
			if tt.sarif != "" {
				data, err := os.ReadFile(r.outputs["sarif-file"])
				if err != nil || string(data) != tt.sarif {
					t.Errorf("SARIF file: %q, %v", data, err)
				}
			}
			if r.summary != tt.summary {
				t.Errorf("summary %q, want %q", r.summary, tt.summary)
			}
		})
	}
}

func TestActionResultStep(t *testing.T) {
	a, _ := readAction(t)
	result := a.step(t, "Result")
	for exit, want := range map[string]int{"0": 0, "1": 1, "2": 1, "": 1} {
		r := runStep(t, a, result, t.TempDir(), t.TempDir(), nil, "MTLINT_EXIT="+exit)
		if r.code != want {
			t.Errorf("mtlint exit %q: the step exits %d, want %d\n%s", exit, r.code, want, r.stdout)
		}
	}
}

// TestActionWithMtlint runs the action's check script with the mtlint of
// this tree on the seed article: annotations for format github, a SARIF
// file that is JSON for format sarif, and the Markdown summary.
func TestActionWithMtlint(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("builds the binary and runs bash")
	}
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "mtlint"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mt-article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, work, "news/mt-article.txt", string(seed))
	a, _ := readAction(t)
	check := a.step(t, "check")

	r := runStep(t, a, check, work, bin, map[string]string{"paths": "news", "fail-on": "warning"})
	if r.outputs["exit-code"] != "1" || !regexp.MustCompile(`(?m)^::(error|warning) file=news/mt-article\.txt,line=\d+`).MatchString(r.stdout) {
		t.Errorf("format github: exit-code %q\n%s", r.outputs["exit-code"], r.stdout)
	}
	if !strings.Contains(r.summary, "mt-article.txt") {
		t.Errorf("the summary does not name the article:\n%s", r.summary)
	}

	r = runStep(t, a, check, work, bin, map[string]string{"paths": "news", "format": "sarif", "fail-on": "none", "summary": "false"})
	data, err := os.ReadFile(r.outputs["sarif-file"])
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err != nil || json.Unmarshal(data, &sarif) != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) == 0 {
		t.Errorf("format sarif: exit-code %q, %v\n%.400s", r.outputs["exit-code"], err, data)
	}
	if r.outputs["exit-code"] != "0" || r.summary != "" {
		t.Errorf("fail-on none: exit-code %q, summary %q", r.outputs["exit-code"], r.summary)
	}
}

func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID                      string   `yaml:"id"`
		Name                    string   `yaml:"name"`
		Description             string   `yaml:"description"`
		Entry                   string   `yaml:"entry"`
		Language                string   `yaml:"language"`
		TypesOr                 []string `yaml:"types_or"`
		PassFilenames           *bool    `yaml:"pass_filenames"`
		RequireSerial           bool     `yaml:"require_serial"`
		MinimumPreCommitVersion string   `yaml:"minimum_pre_commit_version"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) != 1 {
		t.Fatalf("want one hook, got %d", len(hooks))
	}
	h := hooks[0]
	if h.ID != "mtlint" || h.Name == "" || h.Language != "golang" || h.PassFilenames == nil || !*h.PassFilenames {
		t.Errorf("hook %+v", h)
	}
	// The entry is a command of this binary: run it the way pre-commit
	// does, with file names after it.
	args := strings.Fields(h.Entry)
	if len(args) < 2 || args[0] != "mtlint" {
		t.Fatalf("entry %q: want mtlint and its arguments", h.Entry)
	}
	dir := t.TempDir()
	clean := write(t, dir, "clean.md", "# Markets\n\nShares rose on Monday.\n")
	r := mtlint(t, append(args[1:], clean)...)
	if r.code != exitOK {
		t.Errorf("%s %s: exit %d, stderr %q", h.Entry, clean, r.code, r.stderr)
	}
	// identify's tags for .md, .html/.htm and .txt.
	if !slices.Equal(h.TypesOr, []string{"markdown", "html", "plain-text"}) {
		t.Errorf("types_or %q", h.TypesOr)
	}
}

// The action caches the binary it builds: the key names the source of the
// action's ref (a change of any file makes a new key) or the version asked
// for, and "latest" is never cached; the install step takes a cached binary.
func TestActionCache(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not installed")
	}
	a, _ := readAction(t)
	var keyStep, cacheStep, install *actionStep
	for i := range a.Runs.Steps {
		switch s := &a.Runs.Steps[i]; {
		case s.ID == "key":
			keyStep = s
		case strings.HasPrefix(s.Uses, "actions/cache@"):
			cacheStep = s
		case s.Name == "Install mtlint":
			install = s
		}
	}
	if keyStep == nil || cacheStep == nil || install == nil {
		t.Fatalf("want a key step, a cache step and an install step")
	}
	if cacheStep.With["key"] != "${{ steps.key.outputs.key }}" || !strings.Contains(cacheStep.With["path"], "mtlint-bin") || !strings.Contains(install.Run, "MTLINT_CACHED") {
		t.Errorf("cache step %+v", cacheStep.With)
	}
	src := t.TempDir()
	write(t, src, "go.mod", "module x\n")
	key := func(version string) string {
		out := filepath.Join(t.TempDir(), "out")
		cmd := exec.Command("bash", "-c", keyStep.Run)
		cmd.Env = append(os.Environ(), "MTLINT_VERSION="+version, "MTLINT_SOURCE="+src, "GITHUB_OUTPUT="+out, "RUNNER_OS=Linux", "RUNNER_ARCH=X64")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("key step: %v\n%s", err, b)
		}
		b, _ := os.ReadFile(out)
		return strings.TrimSpace(string(b))
	}
	first := key("")
	if !strings.HasPrefix(first, "key=mtlint-Linux-X64-go") {
		t.Errorf("key %q", first)
	}
	if again := key(""); again != first {
		t.Errorf("the same source gave two keys: %q, %q", first, again)
	}
	write(t, src, "rules/packs/x.yaml", "entries: []\n")
	if changed := key(""); changed == first {
		t.Errorf("a new file kept the key %q", changed)
	}
	if v := key("v1.2.0"); !strings.HasSuffix(v, "-v1.2.0") {
		t.Errorf("version key %q", v)
	}
	if v := key("latest"); v != "" {
		t.Errorf("latest is cached as %q", v)
	}
}
