package report_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/rules"
)

// mdTable is a table of the rendered report: its cells, row by row, each
// cell's text and the text of its code spans.
type mdTable struct {
	head  []string
	rows  [][]string
	codes [][][]string
}

// renderMarkdown renders md as GitHub does (GFM, with tables) and returns
// the HTML tree, its tables and its text.
func renderMarkdown(t *testing.T, md []byte) (*html.Node, []mdTable) {
	t.Helper()
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	var tables []mdTable
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" {
			var tb mdTable
			var rows func(n *html.Node)
			rows = func(n *html.Node) {
				if n.Type == html.ElementNode && n.Data == "tr" {
					var cells []string
					var codes [][]string
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
							cells = append(cells, nodeText(c))
							var cs []string
							for code := range c.Descendants() {
								if code.Type == html.ElementNode && code.Data == "code" {
									cs = append(cs, nodeText(code))
								}
							}
							codes = append(codes, cs)
						}
					}
					if tb.head == nil {
						tb.head = cells
					} else {
						tb.rows = append(tb.rows, cells)
						tb.codes = append(tb.codes, codes)
					}
					return
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					rows(c)
				}
			}
			rows(n)
			tables = append(tables, tb)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return doc, tables
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// The report renders to the tables it means, with the counts of the run.
func TestMarkdownRenders(t *testing.T) {
	_, seed := ciSeed(t)
	_, multi := ciMulti(t)
	for name, results := range map[string][]*checker.Result{"seed": seed, "multi": multi, "test rules": results(t)} {
		t.Run(name, func(t *testing.T) {
			md := render(t, "markdown", report.Options{}, results)
			var sum report.Summary
			for _, r := range results {
				sum.Add(r)
			}
			doc, tables := renderMarkdown(t, md)
			text := nodeText(doc)
			if !strings.Contains(text, sum.String()) {
				t.Errorf("no totals %q in\n%s", sum.String(), md)
			}
			// the counts, then the ranking by score when a file scored,
			// then the findings
			scored := 0
			for _, r := range results {
				if r.Score > 0 {
					scored++
				}
			}
			want := 2
			if scored > 0 {
				want = 3
			}
			if len(tables) != want {
				t.Fatalf("%d tables in\n%s", len(tables), md)
			}
			counts, list := tables[0], tables[len(tables)-1]
			if scored > 0 {
				rank := tables[1]
				if len(rank.rows) != min(scored, report.MarkdownMaxScored) {
					t.Errorf("%d ranked files, %d scored", len(rank.rows), scored)
				}
				for i := 1; i < len(rank.rows); i++ {
					a, _ := strconv.Atoi(rank.rows[i-1][1])
					b, _ := strconv.Atoi(rank.rows[i][1])
					if a < b {
						t.Errorf("ranking not by score: %v", rank.rows)
					}
				}
			}
			// Counts: each category's row adds up, and the last row is the sum.
			byCat := map[string][3]int{}
			for _, r := range results {
				for _, f := range r.Findings {
					c := byCat[string(f.Category)]
					c[rules.Error-f.Severity]++
					byCat[string(f.Category)] = c
				}
			}
			if len(counts.rows) != len(byCat)+1 {
				t.Errorf("%d count rows for %d categories", len(counts.rows), len(byCat))
			}
			for _, row := range counts.rows[:len(counts.rows)-1] {
				c := byCat[row[0]]
				want := []string{row[0], strconv.Itoa(c[0]), strconv.Itoa(c[1]), strconv.Itoa(c[2]), strconv.Itoa(c[0] + c[1] + c[2])}
				if strings.Join(row, "|") != strings.Join(want, "|") {
					t.Errorf("counts row %v, want %v", row, want)
				}
			}
			last := counts.rows[len(counts.rows)-1]
			if want := []string{"all", strconv.Itoa(sum.Errors), strconv.Itoa(sum.Warnings), strconv.Itoa(sum.Infos), strconv.Itoa(sum.Findings)}; strings.Join(last, "|") != strings.Join(want, "|") {
				t.Errorf("total row %v, want %v", last, want)
			}
			// Findings: one row each, in order, six cells.
			i := 0
			for _, r := range results {
				for _, f := range r.Findings {
					row := list.rows[i]
					if len(row) != 6 || list.codes[i][0][0] != r.Path+":"+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Column) ||
						row[1] != f.Severity.String() || row[2] != f.Rule {
						t.Errorf("row %d: %q", i, row)
					}
					if !strings.Contains(f.Text, "\n") && utf8.RuneCountInString(f.Text) <= 60 && list.codes[i][4][0] != f.Text {
						t.Errorf("row %d: text %q, want %q", i, list.codes[i][4][0], f.Text)
					}
					if !strings.Contains(f.Message, "\n") && utf8.RuneCountInString(f.Message) <= 160 && row[3] != f.Message {
						t.Errorf("row %d: message %q, want %q", i, row[3], f.Message)
					}
					i++
				}
			}
			if i != len(list.rows) {
				t.Errorf("%d rows for %d findings", len(list.rows), i)
			}
			for _, r := range results {
				if r.Error != "" || r.Skipped {
					if !strings.Contains(text, r.Path+": ") {
						t.Errorf("%s not listed as not checked", r.Path)
					}
				}
			}
		})
	}
}

// Article text cannot break the table, run markup or hide the rest of the
// comment.
func TestMarkdownEscaping(t *testing.T) {
	f := checker.Finding{Rule: "quotes.unbalanced", Category: rules.Quotes, Severity: rules.Warning, Line: 1, Column: 1, EndLine: 1, EndColumn: 2}
	for _, tc := range []struct{ text, msg, wantText, wantMsg string }{
		{"a | b", "pipe | in message", "a | b", "pipe | in message"},
		{"`tick`", "tick ` in message", "`tick`", "tick ` in message"},
		{"``double`` and `", "a ``b``", "``double`` and `", "a ``b``"},
		{" , ", "spaces", " , ", "spaces"},
		{"   ", "only spaces", "   ", "only spaces"},
		{`back\slash \| pipe`, `back\slash \| pipe`, `back\slash ⧵| pipe`, `back\slash \| pipe`},
		{"<script>alert(1)</script>", "<!-- hide the rest", "<script>alert(1)</script>", "<!-- hide the rest"},
		{"*em* _em_ [link](javascript:x) $x$ ~~s~~ &amp;", "*em* _em_ [link](javascript:x) $x$ ~~s~~ &amp;", "*em* _em_ [link](javascript:x) $x$ ~~s~~ &amp;", "*em* _em_ [link](javascript:x) $x$ ~~s~~ &amp;"},
		{"line\nbreak\r\nhere", "two\nlines", "line↵break↵here", "two lines"},
		{"ctrl\x1a\x1b[31m", "# heading", "ctrl\uFFFD\uFFFD[31m", "# heading"},
		{"", "1. list", "(empty)", "1. list"},
		{strings.Repeat("é", 70), "- item", strings.Repeat("é", 59) + "…", "- item"},
	} {
		f.Text, f.Message = tc.text, tc.msg
		md := render(t, "markdown", report.Options{}, []*checker.Result{{Path: "a|b`.md", Findings: []checker.Finding{f}}})
		_, tables := renderMarkdown(t, md)
		if len(tables) != 2 || len(tables[1].rows) != 1 {
			t.Errorf("%q: the table broke:\n%s", tc.text, md)
			continue
		}
		row, codes := tables[1].rows[0], tables[1].codes[0]
		if len(row) != 6 {
			t.Errorf("%q: %d cells: %q", tc.text, len(row), row)
			continue
		}
		if codes[0][0] != "a|b`.md:1:1" {
			t.Errorf("%q: where %q", tc.text, codes[0])
		}
		got := row[4]
		if len(codes[4]) == 1 {
			got = codes[4][0]
		}
		if got != tc.wantText || row[3] != tc.wantMsg {
			t.Errorf("text %q message %q: shown as %q and %q, want %q and %q\n%s", tc.text, tc.msg, got, row[3], tc.wantText, tc.wantMsg, md)
		}
	}
}

// A long run lists the first findings and counts the rest.
func TestMarkdownCap(t *testing.T) {
	var fs []checker.Finding
	for i := range report.MarkdownMaxFindings + 150 {
		fs = append(fs, checker.Finding{Rule: "punctuation.space-before", Category: rules.Punctuation, Severity: rules.Error,
			Message: "white space before a comma", Line: i + 1, Column: 5, EndLine: i + 1, EndColumn: 7, Text: " ,", Suggestions: []string{","}})
	}
	md := render(t, "markdown", report.Options{}, []*checker.Result{{Path: "long.txt", Findings: fs}})
	doc, tables := renderMarkdown(t, md)
	if n := len(tables[1].rows); n != report.MarkdownMaxFindings {
		t.Errorf("%d rows, want %d", n, report.MarkdownMaxFindings)
	}
	if !strings.Contains(nodeText(doc), "… and 150 more findings") {
		t.Errorf("no count of the rest in\n%s", md[len(md)-300:])
	}
	if len(md) > 65536 {
		t.Errorf("%d bytes: too long for a pull-request comment", len(md))
	}
}

// A clean run is one line.
func TestMarkdownClean(t *testing.T) {
	md := render(t, "markdown", report.Options{}, []*checker.Result{{Path: "a.txt", Findings: []checker.Finding{}}})
	if want := "## mtlint\n\n**1 file checked, no findings**\n"; string(md) != want {
		t.Errorf("%q, want %q", md, want)
	}
}

// With a baseline, a file whose findings are all baselined keeps the score
// its findings gave, but the Markdown summary, which reports new findings,
// does not rank it.
func TestMarkdownRanksOnlyReportedFiles(t *testing.T) {
	f := checker.Finding{Rule: "punctuation.space-before", Category: rules.Punctuation, Severity: rules.Error,
		Message: "white space before a comma", Line: 1, Column: 5, EndLine: 1, EndColumn: 7, Text: " ,", Suggestions: []string{","}}
	res := []*checker.Result{
		{Path: "baselined.md", Score: 60, Findings: []checker.Finding{}},
		{Path: "new.md", Score: 40, Findings: []checker.Finding{f}},
	}
	md := string(render(t, "markdown", report.Options{}, res))
	if strings.Contains(md, "baselined.md") {
		t.Errorf("a file with no reported finding is ranked:\n%s", md)
	}
	if !strings.Contains(md, "new.md") {
		t.Errorf("the file with a new finding is not listed:\n%s", md)
	}
}
