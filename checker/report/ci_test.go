package report_test

import (
	"os"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/rules"
)

// The CI formats (SARIF, GitHub, JUnit, checkstyle, CSV, Markdown) are
// tested on two runs of the built-in rules: the seed article alone, and
// several inputs of every kind.

// ciFormats are the formats this file's tests cover.
var ciFormats = []string{"sarif", "github", "junit", "checkstyle", "csv", "markdown"}

// ciSeedFile is the seed article, and ciSeedPath the path it is reported
// under.
const (
	ciSeedFile = "../../testdata/mt-article.txt"
	ciSeedPath = "testdata/mt-article.txt"
)

// ciChecker checks with the built-in rules as they are by default.
func ciChecker(t testing.TB) *checker.Checker {
	t.Helper()
	c, err := checker.New(checker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ciOptions describe the tool as the command line does.
func ciOptions(c *checker.Checker) report.Options {
	return report.Options{Rules: c.Rules(), Version: "v1.2.3"}
}

// ciSeedRaw is the seed article's bytes.
func ciSeedRaw(t testing.TB) []byte {
	t.Helper()
	raw, err := os.ReadFile(ciSeedFile)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// ciSeed checks the seed article.
func ciSeed(t testing.TB) (report.Options, []*checker.Result) {
	t.Helper()
	c := ciChecker(t)
	res, err := c.CheckFile(ciSeedFile)
	if err != nil {
		t.Fatal(err)
	}
	res.Path = ciSeedPath
	if len(res.Findings) < 10 {
		t.Fatalf("only %d findings in the seed article", len(res.Findings))
	}
	return ciOptions(c), []*checker.Result{res}
}

// The inputs of the multi-file run, in report order.
var ciMultiInputs = []struct {
	path string
	raw  string
	in   checker.Input
}{
	{"news/summit.md", "# Talks in Geneva\n\nThe envoys met this week , with “allies” in Geneva.\nThey will be commercial, said the the minister.\n\n```\ncode , is skipped\n```\n", checker.Input{Format: ciPtr(markup.Markdown)}},
	{"news/clean.txt", "The minister said the talks would resume next week.\n", checker.Input{}},
	{"news/photo.gif", "GIF89a\x00\x01\x02\x03", checker.Input{}},
	{"archive/old edition.txt", "Caf\xe9 owners met this week , in Paris.\n", checker.Input{Encoding: "windows-1252"}},
	{"https://example.org/news/summit.html?id=1&lang=en", "<html><body><p>The talks , said the the envoy, went well.</p></body></html>", checker.Input{Format: ciPtr(markup.HTML)}},
}

func ciPtr[T any](v T) *T { return &v }

// ciMulti checks the multi-file inputs and adds one that could not be
// read.
func ciMulti(t testing.TB) (report.Options, []*checker.Result) {
	t.Helper()
	c := ciChecker(t)
	var out []*checker.Result
	for _, in := range ciMultiInputs {
		res := c.CheckInput([]byte(in.raw), in.in)
		res.Path = in.path
		out = append(out, res)
	}
	out = append(out[:2], append([]*checker.Result{{Path: "news/missing.txt", Findings: []checker.Finding{}, Error: "no such file or directory"}}, out[2:]...)...)
	return ciOptions(c), out
}

// ciHostile is a result whose texts hold everything that could break a
// format: the U+001A that the checker puts for invalid UTF-8, raw invalid
// UTF-8, "]]>", markup, quotes, pipes, backticks, percent signs, line
// breaks and a workflow command.
func ciHostile() []*checker.Result {
	text := "a\x1a]]><script>x</script> | `b` %0A \xff\r\n::error::pwned"
	return []*checker.Result{{
		Path: "odd dir/it's, a:file|`x`%.txt",
		Findings: []checker.Finding{{
			Rule: "punctuation.space-before", Category: rules.Punctuation, Severity: rules.Error,
			Message: "message with \x1a, ]]> & <b>bold</b> -- \"quotes\"\n::warning::injected",
			Line:    2, Column: 3, EndLine: 3, EndColumn: 4, Offset: 10, Length: len(text),
			Text: text, Suggestions: []string{"=HYPERLINK(\"x\")", ""},
			Context: checker.Context{Line: "xx" + text[:20], Start: 2, End: 22},
		}},
		Notes: []checker.Note{{Kind: "invalid-utf8", Offset: 5, Message: "note -- with \x1a and ]]> and a final -"}},
	}}
}

func TestCIGolden(t *testing.T) {
	seedOpts, seed := ciSeed(t)
	multiOpts, multi := ciMulti(t)
	for _, format := range ciFormats {
		t.Run(format, func(t *testing.T) {
			golden(t, "mt-article."+format+".golden", render(t, format, seedOpts, seed))
			golden(t, "multi."+format+".golden", render(t, format, multiOpts, multi))
		})
	}
}

// The multi-file fixtures are what they claim to be.
func TestCIFixtures(t *testing.T) {
	_, multi := ciMulti(t)
	var sum report.Summary
	for _, r := range multi {
		sum.Add(r)
	}
	if sum.Skipped != 1 || sum.Unreadable != 1 || sum.Files != 6 {
		t.Errorf("summary %+v: want 6 files, 1 skipped, 1 unreadable", sum)
	}
	clean, transcoded := false, false
	for _, r := range multi {
		clean = clean || r.Path == "news/clean.txt" && len(r.Findings) == 0 && !r.Skipped
		for _, n := range r.Notes {
			transcoded = transcoded || n.Kind == "transcoded" && len(r.Findings) > 0
		}
		if r.Path == "news/summit.md" && len(r.Findings) < 3 {
			t.Errorf("news/summit.md has %d findings", len(r.Findings))
		}
	}
	if !clean || !transcoded {
		t.Errorf("want a clean file (%v) and a transcoded one with findings (%v)", clean, transcoded)
	}
}
