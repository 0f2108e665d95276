package packs

import (
	"testing"

	"github.com/mtlint/mtlint/rules/rulestest"
)

// TestBuiltinFixtures runs the built-in packs over the want-annotated
// fixtures in testdata/fixtures: hard negatives (titles of works, ordinary
// English that looks like an entry) beside the positives they must not hide.
func TestBuiltinFixtures(t *testing.T) {
	rulestest.Run(t, "testdata/fixtures", BuiltinRules()...)
}
