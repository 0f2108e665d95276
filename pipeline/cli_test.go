package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCommandLine runs the pipeline's binary as a user does: an empty glob
// fails naming it; a run with a .mtlint.yml and a pack of its own writes
// the findings that mtlint check writes with the same file, says what it
// counted, keeps Beam's log quiet and exits 2 for the rejected lines.
func TestCommandLine(t *testing.T) {
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "pipeline")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := func(args ...string) (stderr string, code int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = tmp // where a user runs it: the configuration is cfg/audit.yml
		var se strings.Builder
		cmd.Stderr = &se
		out, err := cmd.Output()
		if len(out) > 0 {
			t.Errorf("%v printed on standard output: %.300s", args, out)
		}
		if ee, ok := err.(*exec.ExitError); ok {
			return se.String(), ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return se.String(), 0
	}

	in := filepath.Join(tmp, "in")
	os.MkdirAll(in, 0o755)
	glob := filepath.Join(in, "missing-*.jsonl")
	stderr, code := run("--input="+glob, "--output="+filepath.Join(tmp, "none"))
	if code == 0 || !strings.Contains(stderr, glob) {
		t.Errorf("an empty glob: exit %d, stderr %q; want non-zero and the glob named", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(tmp, "none")); err == nil {
		t.Errorf("an empty glob wrote an output folder")
	}

	smp := writeSample(t, in, 30)
	cfgDir := filepath.Join(tmp, "cfg")
	os.MkdirAll(filepath.Join(cfgDir, "packs"), 0o755)
	cfg := filepath.Join(cfgDir, "audit.yml")
	os.WriteFile(cfg, []byte("disable: [quotes]\nseverity: {punctuation: error}\npacks: [packs/house.yaml]\n"), 0o644)
	os.WriteFile(filepath.Join(cfgDir, "packs", "house.yaml"), []byte(`pack: idiom-house
category: idiom
severity: info
doc: phrases this newsroom avoids
explanation: |
  The house style prefers "takings" in box-office copy.
entries:
  - pattern: ticket sales
    suggest: ["takings"]
    message: the house style says "takings"
    examples:
      flagged: ["Ticket sales rose by a fifth."]
      unflagged: ["Tickets sold out in an hour."]
`), 0o644)
	out := filepath.Join(tmp, "out")
	stderr, code = run("--input="+filepath.Join(in, "*.jsonl*"), "--output="+out, "--config=cfg/audit.yml", "--shards=2")
	if code != 2 {
		t.Errorf("exit %d with rejected lines, want 2; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"records read 35, checked 32, rejected 3", "findings ", "rejected-00000-of-00001.jsonl"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "level=INFO") {
		t.Errorf("Beam logs at info by default:\n%s", stderr)
	}
	got, files := readShards(t, out, "findings")
	if len(files) != 2 || len(got) != len(smp.Records) {
		t.Fatalf("%d findings files, %d lines; want 2 and %d", len(files), len(got), len(smp.Records))
	}
	want := cliFindings(t, tmp, []string{"--config", "cfg/audit.yml"}, smp.Files...)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings with --config differ from mtlint check --config's")
	}
	joined := strings.Join(got, "\n")
	if !strings.Contains(joined, `"rule":"idiom.house"`) || strings.Contains(joined, `"category":"quotes"`) ||
		!strings.Contains(joined, `"category":"punctuation","severity":"error"`) {
		t.Errorf("the configuration did not apply: house pack, quotes disabled, punctuation as errors")
	}
}
