package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeRuleRow is a row of the table of rules in docs/rules.md: | `id` (n) | severity | …
var readmeRuleRow = regexp.MustCompile("^\\| `([a-z]+\\.[a-z0-9-]+)`[^|]*\\| ([a-z() ]+) \\|")

// The table of rules in docs/rules.md lists the rules `mtlint rules` lists, in its
// order, with the same default severities, and says "off" where a rule runs
// only when enabled; its claims about the JSON report and the (off) marks
// agree with the program.
func TestREADMERules(t *testing.T) {
	data, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "\n### Rules\n")
	if start < 0 {
		t.Fatal("docs/rules.md has no ### Rules section")
	}
	section := readme[start+1:]
	if end := strings.Index(section[len("### Rules"):], "\n#"); end >= 0 {
		section = section[:len("### Rules")+end]
	}
	type row struct{ id, severity string }
	var table []row
	for line := range strings.SplitSeq(section, "\n") {
		if m := readmeRuleRow.FindStringSubmatch(line); m != nil {
			table = append(table, row{m[1], strings.TrimSpace(m[2])})
		}
	}

	r := runWith(t, nil, "", nil, false, "rules", "--format", "json")
	var out struct{ Rules []ruleInfo }
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	var want []row
	off := 0
	for _, ri := range out.Rules {
		sev := ri.Severity.String()
		if !ri.Default {
			sev += " (off)"
			off++
		}
		want = append(want, row{ri.ID, sev})
	}
	if len(table) != len(want) {
		t.Errorf("docs/rules.md lists %d rules, mtlint rules %d", len(table), len(want))
	}
	for i := range min(len(table), len(want)) {
		if table[i] != want[i] {
			t.Errorf("rule %d: docs/rules.md says %s %q, mtlint rules %s %q", i+1, table[i].id, table[i].severity, want[i].id, want[i].severity)
		}
	}

	// The JSON report writes language, score and source_language_hint.
	all := userDocs(t)
	if strings.Contains(all, "planned by DESIGN.md") {
		t.Error("the README or docs/ say fields are planned by DESIGN.md; they are written")
	}
	// No built-in rule is off by default: the docs must not send users to (off) marks that do not exist.
	if off == 0 && strings.Contains(all, "needed for the rules that `mtlint rules` marks `(off)`") {
		t.Error("the README or docs/ say some rules are marked (off); none is")
	}
}

// userDocs returns the README and every page of docs/, one after another.
func userDocs(t *testing.T) string {
	t.Helper()
	paths, err := filepath.Glob("../../docs/*.md")
	if err != nil || len(paths) == 0 {
		t.Fatalf("docs/*.md: %v (%d pages)", err, len(paths))
	}
	var b strings.Builder
	for _, p := range append([]string{"../../README.md"}, paths...) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

// The README's list of commands and the program's usage name every
// command; the README says what "fix:" and "suggested fix:" of --show-fixes
// mean, and that the quick start's exit status 1 means findings.
func TestREADMECommands(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "## The command line\n")
	if start < 0 {
		t.Fatal("README has no command line section")
	}
	block := readme[start:]
	block = block[:strings.Index(block, "\n```\n\n")]
	app := newApp(nil, nil, nil)
	for _, cmd := range app.Commands {
		if !strings.Contains(block, "\nmtlint "+cmd.Name+" ") {
			t.Errorf("README's list of commands lacks mtlint %s", cmd.Name)
		}
		if !strings.Contains(app.UsageText+"\n", "mtlint "+cmd.Name+" ") && !strings.Contains(app.UsageText+"\n", "mtlint "+cmd.Name+"\n") {
			t.Errorf("mtlint --help lacks mtlint %s", cmd.Name)
		}
	}
	ref, err := os.ReadFile("../../docs/check.md")
	if err != nil {
		t.Fatal(err)
	}
	flags := string(ref)
	i := strings.Index(flags, "| `--show-fixes` |")
	if i < 0 {
		t.Fatal("docs/check.md has no --show-fixes row")
	}
	row := flags[i:]
	row = row[:strings.IndexByte(row, '\n')]
	if !strings.Contains(row, "`fix:`") || !strings.Contains(row, "`suggested fix:`") {
		t.Errorf("docs/check.md's --show-fixes row does not tell fix: from suggested fix:\n%s", row)
	}
	quick := readme[strings.Index(readme, "## Quick start"):start]
	if !strings.Contains(quick, "exit status 1") || !strings.Contains(quick, "findings") {
		t.Errorf("the quick start does not say what exit status 1 means:\n%s", quick)
	}
}

// The install the README documents exists today, the tag examples of
// docs/ci.md say they refer to releases, and a CHANGELOG.md keeps the changes.
func TestREADMEInstall(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, want := range []string{"## Install", "go install ./cmd/mtlint", "go install github.com/mtlint/mtlint/cmd/mtlint@latest", "refer to releases", "CHANGELOG.md"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README lacks %q", want)
		}
	}
	if _, err := os.Stat("main.go"); err != nil { // go install ./cmd/mtlint builds this folder
		t.Error(err)
	}
	changelog, err := os.ReadFile("../../CHANGELOG.md")
	if err != nil || !strings.Contains(string(changelog), "## Unreleased") {
		t.Errorf("CHANGELOG.md: %v", err)
	}
	// every tag that an example uses (a YAML line in docs/ci.md) is said,
	// on the same page, to stand for a release
	ci, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Join(strings.Fields(string(ci)), " ")
	for tag, note := range map[string]string{
		"uses: mtlint/mtlint@v1": "`@v1` in these examples stands for a release",
		"rev: v1.0.0":            "`rev: v1.0.0` stands for a release",
	} {
		if strings.Contains(page, tag) && !strings.Contains(page, note) {
			t.Errorf("docs/ci.md uses %s without saying %q", tag, note)
		}
	}
}
