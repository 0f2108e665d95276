// Package checkertest gives tests one checker with the built-in rules,
// built once per test binary: compiling the phrase packs takes a tenth of a
// second, too much to repeat in every test.
package checkertest

import (
	"sync"
	"testing"

	"github.com/mtlint/mtlint/checker"
)

var (
	once sync.Once
	chk  *checker.Checker
	err  error
)

// Builtin returns the checker of the default configuration, failing t when
// it cannot be built.
func Builtin(t testing.TB) *checker.Checker {
	t.Helper()
	once.Do(func() { chk, err = checker.New(checker.Config{}) })
	if err != nil {
		t.Fatal(err)
	}
	return chk
}
