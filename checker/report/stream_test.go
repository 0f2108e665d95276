package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
)

// TestResultEncoder checks that writing findings one by one gives the bytes
// encoding/json gives for the whole result, indented and compact, whatever
// the strings hold: a path or message that spells the "findings" key, new
// lines, quotes.
func TestResultEncoder(t *testing.T) {
	tricky := []string{`a "findings": [] b`, "x\n      \"findings\": []", `"findings":[]`, "plain"}
	var results []*checker.Result
	for n := range 4 {
		res := &checker.Result{Path: tricky[n%len(tricky)], Findings: []checker.Finding{}}
		for i := range n * 3 {
			res.Findings = append(res.Findings, checker.Finding{
				Rule: "punctuation.space-before", Category: rules.Punctuation, Severity: rules.Warning,
				Message: tricky[i%len(tricky)], Line: i + 1, Column: 2, Offset: i * 10, Length: 2,
				Text: " ,", Suggestions: []string{","},
			})
		}
		if n == 3 {
			res.Notes = []checker.Note{{Kind: "invalid-utf8", Offset: 3, Message: tricky[1]}}
		}
		results = append(results, res)
	}
	for _, style := range []struct{ prefix, indent string }{{"    ", "  "}, {"", ""}} {
		e := newResultEncoder(style.prefix, style.indent)
		for i, res := range results {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			enc.SetIndent(style.prefix, style.indent)
			if err := enc.Encode(normalized(res)); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := e.encode(&got, res); err != nil {
				t.Fatal(err)
			}
			if w := bytes.TrimSuffix(want.Bytes(), []byte{'\n'}); !bytes.Equal(got.Bytes(), w) {
				t.Errorf("%s result %d:\ngot  %s\nwant %s", fmt.Sprintf("%q", style.indent), i, got.Bytes(), w)
			}
		}
	}
}
