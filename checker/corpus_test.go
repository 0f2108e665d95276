package checker_test

import (
	"fmt"
	stdhtml "html"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/rules"
)

// bbcBudget is issue 11's bar, tighter than DESIGN.md's one false alarm (a
// warning or error on text that has nothing wrong) per 50 clean BBC
// articles: at most 10 in the 1,438 articles, so that the recall the packs
// and grammar rules gained is not paid for in precision on the articles the
// rules were tuned on (unseen news does worse).
const bbcBudget = 10

// TestBBCPrecision runs the default rules over 1,438 clean BBC articles and
// lists every warning and error. Genuine slips in the copy ("PwC , the",
// "the the"), reviewed by hand in testdata/bbc-reviewed.tsv, are true
// positives; everything else counts against the budget of false alarms.
// Run it with -v to see the list:
//
//	go test ./checker -run TestBBCPrecision -v
func TestBBCPrecision(t *testing.T) {
	dir := corpora.Dir(t, "bbc-news-dev")
	files := corpora.Files(t, dir, "*/*.txt")
	verdicts, err := corpora.ReadReviewed("testdata/bbc-reviewed.tsv")
	if err != nil {
		t.Fatal(err)
	}
	c, err := checker.New(checker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	bySev := map[rules.Severity]int{}
	perRule := map[string][3]int{} // slips, false alarms, infos
	var loud []string
	falseAlarms, slips := 0, 0
	seen := map[string]bool{}
	for _, path := range files {
		res, err := c.CheckFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range res.Notes {
			t.Errorf("%s: note %s: %s", path, n.Kind, n.Message)
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		for _, f := range res.Findings {
			bySev[f.Severity]++
			counts := perRule[f.Rule]
			if f.Severity < rules.Warning {
				counts[2]++
				perRule[f.Rule] = counts
				continue
			}
			key := fmt.Sprintf("%s %s %d:%d", rel, f.Rule, f.Line, f.Column)
			seen[key] = true
			verdict := verdicts[key]
			if verdict == "slip" {
				slips++
				counts[0]++
			} else {
				falseAlarms++
				counts[1]++
				if verdict == "" {
					verdict = "NOT REVIEWED"
				}
			}
			perRule[f.Rule] = counts
			loud = append(loud, fmt.Sprintf("%s:%d:%d: %s [%s] %s: %q in %q", rel, f.Line, f.Column, f.Severity, f.Rule, verdict, f.Text, excerpt(f)))
		}
	}
	ids := make([]string, 0, len(perRule))
	for id := range perRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		n := perRule[id]
		t.Logf("%-34s %3d slips, %3d false alarms, %4d infos", id, n[0], n[1], n[2])
	}
	for _, l := range loud {
		t.Log(l)
	}
	for key, v := range verdicts {
		if v == "slip" && !seen[key] {
			t.Logf("reviewed slip no longer reported: %s", key)
		}
	}
	t.Logf("%d articles: %d errors, %d warnings, %d infos; %d warnings+errors are reviewed slips, %d are false alarms (budget %d)",
		len(files), bySev[rules.Error], bySev[rules.Warning], bySev[rules.Info], slips, falseAlarms, bbcBudget)
	if len(files) < 1400 {
		t.Errorf("only %d BBC articles found, want 1,438", len(files))
	}
	if falseAlarms > bbcBudget {
		t.Errorf("%d false alarms on clean news, budget %d", falseAlarms, bbcBudget)
	}
}

func excerpt(f checker.Finding) string {
	l := f.Context.Line
	from, to := max(0, f.Context.Start-30), min(len(l), f.Context.End+30)
	for from > 0 && !isStart(l[from]) {
		from--
	}
	for to < len(l) && !isStart(l[to]) {
		to++
	}
	return strings.TrimSpace(l[from:to])
}

func isStart(b byte) bool { return b < 0x80 || b >= 0xC0 }

// TestSeedRecall checks that every artifact class of the seed article is
// found; the exact report is pinned by the golden test of the command line.
func TestSeedRecall(t *testing.T) {
	raw, err := os.ReadFile("../testdata/mt-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	c, err := checker.New(checker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res := c.CheckBytes(raw)
	want := []struct{ rule, text string }{
		{"punctuation.space-before", " ,"},
		{"punctuation.doubled", ". ."},
		{"punctuation.stray-period", "."}, // Disarmament. which
		{"quotes.wrong-direction", "“"},
		{"quotes.unbalanced", "“"},
		{"repetition.near-repeat", ""},
		{"repetition.repeated-paragraph", ""},
		{"boilerplate.breadcrumb", ""},
		{"boilerplate.photo-credit", ""},
		{"idiom.stock-phrases", "They will be commercial"},
		{"idiom.comparative", "more early"},
		{"idiom.time", "these last days"},
		{"idiom.of-adjective", "residence of luxury"},
	}
	counts := map[string]int{}
	for _, f := range res.Findings {
		counts[f.Rule]++
	}
	for _, w := range want {
		found := false
		for _, f := range res.Findings {
			if f.Rule == w.rule && (w.text == "" || strings.Contains(f.Text, w.text)) {
				found = true
			}
		}
		if !found {
			t.Errorf("seed: no %s finding", w.rule)
		}
	}
	if counts["punctuation.stray-period"] != 4 {
		t.Errorf("seed: %d stray periods, want 4", counts["punctuation.stray-period"])
	}
	if counts["quotes.unbalanced"] != 3 {
		t.Errorf("seed: %d unclosed quotes, want 3", counts["quotes.unbalanced"])
	}
}

// TestBBCAsHTML converts every BBC article to HTML — the title as <h1>, each
// paragraph as <p>, text escaped (so "&" becomes "&amp;" and quotes become
// entities) — and checks that HTML extraction changes nothing: each article
// gets the same warnings and errors (rule and flagged text, in order) as its
// text file, so the false-alarm rate measured on text holds for HTML.
func TestBBCAsHTML(t *testing.T) {
	dir := corpora.Dir(t, "bbc-news-dev")
	files := corpora.Files(t, dir, "*/*.txt")
	c, err := checker.New(checker.Config{MinSeverity: rules.Warning})
	if err != nil {
		t.Fatal(err)
	}
	html := markup.HTML
	same, total := 0, 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var page strings.Builder
		page.WriteString("<!DOCTYPE html>\n<html><head><title>BBC</title></head><body>\n")
		for i, para := range strings.Split(strings.TrimSpace(string(raw)), "\n\n") {
			tag := "p"
			if i == 0 {
				tag = "h1"
			}
			fmt.Fprintf(&page, "<%s>%s</%s>\n", tag, stdhtml.EscapeString(strings.TrimSpace(para)), tag)
		}
		page.WriteString("</body></html>\n")
		text := c.CheckBytes(raw).Findings
		got := c.CheckInput([]byte(page.String()), checker.Input{Format: &html}).Findings
		total += len(text)
		key := func(fs []checker.Finding) string {
			var b strings.Builder
			for _, f := range fs {
				fmt.Fprintf(&b, "%s %q\n", f.Rule, stdhtml.UnescapeString(f.Text))
			}
			return b.String()
		}
		if a, b := key(text), key(got); a != b {
			rel, _ := filepath.Rel(dir, f)
			t.Errorf("%s: as text:\n%sas HTML:\n%s", rel, a, b)
			continue
		}
		same++
	}
	t.Logf("%d of %d articles give the same warnings and errors as HTML (%d in all)", same, len(files), total)
}
