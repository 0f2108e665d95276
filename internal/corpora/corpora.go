// Package corpora finds the third-party evaluation data in ../shared/corpora
// for tests and benchmarks, which must fail in CI when it is missing and may
// skip on a developer's machine.
package corpora

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
)

// Dir returns the directory of the named corpus (for example
// "bbc-news-dev"): $MTLINT_CORPORA/name when that variable is set, else
// ../shared/corpora/name beside the module root. When it is missing, the
// test fails if CI=true is set and is skipped otherwise.
func Dir(tb testing.TB, name string) string {
	tb.Helper()
	base := os.Getenv("MTLINT_CORPORA")
	if base == "" {
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..")
		base = filepath.Join(root, "..", "shared", "corpora")
	}
	dir := filepath.Join(base, name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("corpus %s not found at %s (set MTLINT_CORPORA); CI needs it", name, dir)
		}
		tb.Skipf("corpus %s not found at %s; skipping (set MTLINT_CORPORA)", name, dir)
	}
	return dir
}

// Files returns the files under dir matching the glob pattern, sorted, and
// fails when there are none.
func Files(tb testing.TB, dir, pattern string) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no files matching %s in %s", pattern, dir)
	}
	sort.Strings(files)
	return files
}
