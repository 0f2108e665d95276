package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// readmeRuleRow is a row of the README's table of rules: | `id` (n) | severity | …
var readmeRuleRow = regexp.MustCompile("^\\| `([a-z]+\\.[a-z0-9-]+)`[^|]*\\| ([a-z() ]+) \\|")

// The README's table of rules lists the rules `mtlint rules` lists, in its
// order, with the same default severities, and says "off" where a rule runs
// only when enabled; its claims about the JSON report and the (off) marks
// agree with the program.
func TestREADMERules(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "\n#### Rules\n")
	if start < 0 {
		t.Fatal("README has no #### Rules section")
	}
	section := readme[start+1:]
	if end := strings.Index(section[len("#### Rules"):], "\n#"); end >= 0 {
		section = section[:len("#### Rules")+end]
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
		t.Errorf("README lists %d rules, mtlint rules %d", len(table), len(want))
	}
	for i := range min(len(table), len(want)) {
		if table[i] != want[i] {
			t.Errorf("rule %d: README says %s %q, mtlint rules %s %q", i+1, table[i].id, table[i].severity, want[i].id, want[i].severity)
		}
	}

	// The JSON report writes language, score and source_language_hint.
	if strings.Contains(readme, "planned by DESIGN.md") {
		t.Error("README says fields are planned by DESIGN.md; they are written")
	}
	// No built-in rule is off by default: the README must not send users to (off) marks that do not exist.
	if off == 0 && strings.Contains(readme, "needed for the rules that `mtlint rules` marks `(off)`") {
		t.Error("README says some rules are marked (off); none is")
	}
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
	row := readme[strings.Index(readme, "| `--show-fixes` |"):]
	row = row[:strings.IndexByte(row, '\n')]
	if !strings.Contains(row, "`fix:`") || !strings.Contains(row, "`suggested fix:`") {
		t.Errorf("README's --show-fixes row does not tell fix: from suggested fix:\n%s", row)
	}
	quick := readme[strings.Index(readme, "## Quick start"):start]
	if !strings.Contains(quick, "exit status 1") || !strings.Contains(quick, "findings") {
		t.Errorf("the quick start does not say what exit status 1 means:\n%s", quick)
	}
}

// The install the README documents exists today, the tag examples say they
// refer to releases, and a CHANGELOG.md keeps the changes.
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
	// every tag the README's examples name is said to stand for a release
	for tag, note := range map[string]string{
		"mtlint/mtlint@v1": "`@v1` in these examples stands for a release",
		"rev: v1.0.0":      "`rev: v1.0.0` stands for a release",
	} {
		if strings.Contains(readme, tag) && !strings.Contains(strings.Join(strings.Fields(readme), " "), note) {
			t.Errorf("README uses %s without saying %q", tag, note)
		}
	}
}
