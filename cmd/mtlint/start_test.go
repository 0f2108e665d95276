package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkStart measures what every pre-commit run and cold start pays:
// a run of the mtlint binary that checks a one-line file, from exec to
// exit (the binary is built first, outside the timer):
//
//	go test ./cmd/mtlint -run '^$' -bench Start -benchtime 20x
//
// The bar is 40 ms of wall time, the median of 20 runs; the
// benchmark reports the mean, which a loaded machine's outliers raise.
func BenchmarkStart(b *testing.B) {
	dir := b.TempDir()
	exe := filepath.Join(dir, "mtlint")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	file := filepath.Join(dir, "one.txt")
	if err := os.WriteFile(file, []byte("The minister said the talks would go on.\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		out, err := exec.Command(exe, "check", file).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "no findings") {
			b.Fatalf("mtlint check: %v\n%s", err, out)
		}
	}
}
