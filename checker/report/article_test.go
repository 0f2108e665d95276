package report_test

import (
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/rules"
)

// TestArticlePositions checks that every format says when a finding's
// line and column refer to the article extracted from a web page rather
// than to the page (checker.Finding.InArticle), and says nothing of the
// kind for a finding positioned in the file.
func TestArticlePositions(t *testing.T) {
	finding := func(inArticle bool) []*checker.Result {
		return []*checker.Result{{Path: "page.html", Findings: []checker.Finding{{
			Rule: "punctuation.space-before", Category: "punctuation", Severity: rules.Error,
			Message: "white space before a comma", Line: 3, Column: 81, EndLine: 3, EndColumn: 83,
			Offset: 200, Length: 2, Text: " ,", Suggestions: []string{","}, InArticle: inArticle,
			Context: checker.Context{Line: "on Tuesday , after", Start: 10, End: 12},
		}}}}
	}
	const words = "extracted article, not the page"
	for _, tc := range []struct {
		format string
		opts   report.Options
		want   []string // in the output for a position in the article
	}{
		{"text", report.Options{}, []string{"page.html:(article)3:81: error"}},
		{"text", report.Options{Quiet: true}, []string{"page.html:(article)3:81: error"}},
		{"json", report.Options{}, []string{`"in_article": true`}},
		{"jsonl", report.Options{}, []string{`"in_article":true`}},
		{"sarif", report.Options{}, []string{words}},
		{"github", report.Options{}, []string{"::page.html:(article)3:81: "}},
		{"junit", report.Options{}, []string{words}},
		{"checkstyle", report.Options{}, []string{words}},
		{"csv", report.Options{}, []string{words}},
		{"markdown", report.Options{}, []string{"page.html:(article)3:81"}},
		{"html", report.Options{}, []string{"article line 3", "article 3:81"}},
	} {
		in := string(render(t, tc.format, tc.opts, finding(true)))
		out := string(render(t, tc.format, tc.opts, finding(false)))
		for _, w := range tc.want {
			if !strings.Contains(in, w) {
				t.Errorf("%s %+v: no %q for a position in the article:\n%s", tc.format, tc.opts, w, in)
			}
			if strings.Contains(out, w) {
				t.Errorf("%s %+v: %q for a position in the file:\n%s", tc.format, tc.opts, w, out)
			}
		}
		if strings.Contains(out, report.ArticleMark) || strings.Contains(out, words) {
			t.Errorf("%s %+v: a position in the file is marked as in the article:\n%s", tc.format, tc.opts, out)
		}
	}
	// GitHub annotates no line of the file with a line of the article.
	if gh := string(render(t, "github", report.Options{}, finding(true))); strings.Contains(gh, "line=") {
		t.Errorf("github annotation on a line of the file for a position in the article:\n%s", gh)
	}
}
