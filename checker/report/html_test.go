package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/checker/score"
	"github.com/mtlint/mtlint/internal/testrules"
	"github.com/mtlint/mtlint/rules"
)

// seedArticle is the seed article of the project, the HTML report's main
// fixture.
const htmlSeedPath = "../../testdata/mt-article.txt"

// seedResult checks the seed article with the built-in rules, keeping its
// text, as mtlint check --format html does.
func htmlSeed(t testing.TB) *checker.Result {
	t.Helper()
	c, err := checker.New(checker.Config{KeepSource: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CheckFile(htmlSeedPath)
	if err != nil {
		t.Fatal(err)
	}
	res.Path = "mt-article.txt"
	if len(res.Findings) == 0 || res.Source == nil || res.Words == 0 {
		t.Fatalf("seed article: %d findings, %d bytes of source, %d words", len(res.Findings), len(res.Source), res.Words)
	}
	return res
}

// keptResults are the golden inputs of report_test.go checked with their
// text kept, and an input that could not be read.
func htmlKept(t *testing.T) []*checker.Result {
	t.Helper()
	c, err := checker.New(checker.Config{Rules: testrules.All, Enable: []string{"spinning"}, KeepSource: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []*checker.Result
	for _, in := range inputs {
		res := c.CheckString(in.text)
		res.Path = in.path
		out = append(out, res)
	}
	return append(out, &checker.Result{Path: "missing.txt", Findings: []checker.Finding{}, Error: "no such file or directory"})
}

func TestHTMLGolden(t *testing.T) {
	golden(t, "mt-article.html.golden", render(t, "html", report.Options{}, []*checker.Result{htmlSeed(t)}))
	golden(t, "html.golden", render(t, "html", report.Options{}, htmlKept(t)))
}

// page is a parsed report.
type htmlPage struct {
	root *html.Node
}

func parseHTMLPage(t testing.TB, out []byte) htmlPage {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return htmlPage{root}
}

// all returns the elements for which keep is true, in document order.
func (p htmlPage) all(keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for n := range p.root.Descendants() {
		if n.Type == html.ElementNode && keep(n) {
			out = append(out, n)
		}
	}
	return out
}

func hAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hHasClass(n *html.Node, class string) bool {
	v, _ := hAttr(n, "class")
	return slices.Contains(strings.Fields(v), class)
}

// text returns the text inside n.
func hText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// shown is what the page must show of src: src with each byte that is not
// valid UTF-8, each control character but tab, line feed and carriage
// return, and each bidirectional override replaced by U+FFFD.
func hShown(src []byte) string {
	var b strings.Builder
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		switch {
		case r == utf8.RuneError && size == 1,
			unicode.Is(unicode.Cc, r) && r != '\t' && r != '\n' && r != '\r',
			r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			b.WriteRune(utf8.RuneError)
		default:
			b.Write(src[:size])
		}
		src = src[size:]
	}
	return b.String()
}

// checkHighlights asserts that the page shows every article's text exactly
// (once its <pre> is read as a browser reads it) and that the marks of each
// finding cover exactly its bytes, clipped to the text.
func hCheckHighlights(t testing.TB, out []byte, results []*checker.Result) {
	t.Helper()
	p := parseHTMLPage(t, out)
	articles := p.all(func(n *html.Node) bool { return n.Data == "section" && hHasClass(n, "article") })
	if len(articles) != len(results) {
		t.Fatalf("%d article sections for %d results", len(articles), len(results))
	}
	for k, res := range results {
		sec := htmlPage{articles[k]}
		pres := sec.all(func(n *html.Node) bool { return n.Data == "pre" && hHasClass(n, "text") })
		if res.Source == nil || res.Error != "" || res.Skipped {
			continue
		}
		if len(pres) != 1 {
			t.Fatalf("%s: %d <pre class=text>", res.Path, len(pres))
		}
		src := res.Source[:min(len(res.Source), report.MaxHighlighted)]
		if got, want := hText(pres[0]), hShown(src); got != want {
			t.Errorf("%s: the page shows\n%q\nwant\n%q", res.Path, got, want)
		}
		id, _ := hAttr(articles[k], "id")
		frags := map[string][]*html.Node{}
		ids := map[string]bool{}
		for _, m := range (htmlPage{pres[0]}).all(func(n *html.Node) bool { return n.Data == "mark" }) {
			f, ok := hAttr(m, "data-f")
			if !ok {
				t.Fatalf("%s: mark without data-f", res.Path)
			}
			frags[f] = append(frags[f], m)
			if v, ok := hAttr(m, "id"); ok {
				if v != f || ids[v] {
					t.Errorf("%s: mark id %q, data-f %q (or the id twice)", res.Path, v, f)
				}
				ids[v] = true
			}
		}
		shownFindings := 0
		for i, f := range res.Findings {
			fid := id + "-f" + strconv.Itoa(i+1)
			if f.Offset >= len(src) && len(src) < len(res.Source) || f.Offset > len(src) || f.Offset < 0 {
				if len(frags[fid]) > 0 {
					t.Errorf("%s: finding %d at %d, beyond the text shown, is highlighted", res.Path, i+1, f.Offset)
				}
				continue
			}
			shownFindings++
			if !ids[fid] {
				t.Errorf("%s: finding %d (%s at %d) has no mark with its id", res.Path, i+1, f.Rule, f.Offset)
				continue
			}
			var got strings.Builder
			for _, m := range frags[fid] {
				got.WriteString(hText(m))
			}
			s, e := hWholeRunes(src, f.Offset, f.Length)
			if want := hShown(src[s:e]); got.String() != want {
				t.Errorf("%s: finding %d (%s) highlights %q, want %q", res.Path, i+1, f.Rule, got.String(), want)
			}
			if title, _ := hAttr(frags[fid][0], "title"); !strings.Contains(title, hShown([]byte(f.Message))) {
				t.Errorf("%s: finding %d: title %q lacks the message %q", res.Path, i+1, title, f.Message)
			}
		}
		if len(ids) != shownFindings {
			t.Errorf("%s: %d highlighted findings, want %d", res.Path, len(ids), shownFindings)
		}
	}
}

// wholeRunes returns [offset, offset+length) clipped to src and widened to
// whole UTF-8 sequences (at most three bytes each way).
func hWholeRunes(src []byte, offset, length int) (int, int) {
	s := min(max(offset, 0), len(src))
	e := min(max(offset+length, s), len(src))
	for i := 0; i < 3 && s > 0 && s < len(src) && !utf8.RuneStart(src[s]); i++ {
		s--
	}
	for i := 0; i < 3 && e < len(src) && !utf8.RuneStart(src[e]); i++ {
		e++
	}
	return s, e
}

func TestHTMLHighlightsSeed(t *testing.T) {
	res := htmlSeed(t)
	out := render(t, "html", report.Options{}, []*checker.Result{res})
	hCheckHighlights(t, out, []*checker.Result{res})
	p := parseHTMLPage(t, out)
	if n := len(p.all(func(n *html.Node) bool { return n.Data == "mark" && hHasAttr(n, "id") })); n != len(res.Findings) {
		t.Errorf("%d marks with an id, want one for each of the %d findings", n, len(res.Findings))
	}
	if n := len(p.all(func(n *html.Node) bool { return n.Data == "a" && hHasAttr(n, "data-f") })); n != len(res.Findings) {
		t.Errorf("%d findings in the side list, want %d", n, len(res.Findings))
	}
	// One detail panel a finding, each naming its message.
	details := p.all(func(n *html.Node) bool { return hHasClass(n, "detail") })
	if len(details) != len(res.Findings) {
		t.Fatalf("%d details, want %d", len(details), len(res.Findings))
	}
	for i, d := range details {
		if !strings.Contains(hText(d), res.Findings[i].Message) || !hHasAttr(d, "hidden") {
			t.Errorf("detail %d: %q (hidden: %v), want the message %q", i+1, hText(d), hHasAttr(d, "hidden"), res.Findings[i].Message)
		}
	}
	// A single article has no index table.
	if n := len(p.all(func(n *html.Node) bool { return n.Data == "table" })); n != 0 {
		t.Errorf("%d tables for one article", n)
	}
}

func hHasAttr(n *html.Node, key string) bool { _, ok := hAttr(n, key); return ok }

// Overlapping, nested, empty, unsorted and out-of-range findings are shown
// over exactly their bytes, with the marks properly nested.
func TestHTMLOverlaps(t *testing.T) {
	src := "The minister said , that the the talks « would » go on.\r\nThey will be commercial.\n"
	mk := func(off, n int) checker.Finding {
		return checker.Finding{Rule: "punctuation.x", Category: rules.Punctuation, Severity: rules.Warning,
			Message: "at " + strconv.Itoa(off), Offset: off, Length: n, Suggestions: []string{}}
	}
	for _, tc := range []struct {
		name     string
		findings []checker.Finding
	}{
		{"none", nil},
		{"disjoint", []checker.Finding{mk(17, 2), mk(29, 7)}},
		{"overlapping", []checker.Finding{mk(4, 10), mk(8, 15)}},
		{"nested", []checker.Finding{mk(0, 30), mk(4, 5), mk(13, 5)}},
		{"same start", []checker.Finding{mk(25, 3), mk(25, 8), mk(25, 1)}},
		{"same span", []checker.Finding{mk(25, 8), mk(25, 8)}},
		{"chain", []checker.Finding{mk(0, 10), mk(5, 10), mk(9, 10), mk(14, 20)}},
		{"empty spans", []checker.Finding{mk(0, 0), mk(17, 0), mk(17, 2), mk(len(src), 0)}},
		{"unsorted", []checker.Finding{mk(40, 5), mk(2, 50), mk(10, 3)}},
		{"inside a rune", []checker.Finding{mk(37, 2), mk(46, 1)}}, // « and » are two bytes
		{"over CRLF", []checker.Finding{mk(54, 3), mk(55, 1)}},
		{"out of range", []checker.Finding{mk(-5, 3), mk(70, 500), mk(5000, 1), mk(3, -2)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := &checker.Result{Path: "overlap.txt", Source: []byte(src), Findings: tc.findings, Words: 15}
			out := render(t, "html", report.Options{}, []*checker.Result{res})
			hCheckHighlights(t, out, []*checker.Result{res})
		})
	}
}

// hostile is text an attacker would like to see run.
const hHostile = `<script>alert(1)</script> "><img src=x onerror=alert(1)> </textarea> </script> ` +
	`<svg onload=alert(1)> ' onmouseover='alert(1) <!-- --> <style>body{display:none}</style> &lt;b&gt; ]]>`

// hostileResults are the results of articles and names full of markup:
// a real check of text holding it, and a result whose every string holds it.
func hHostileResults(t testing.TB) []*checker.Result {
	t.Helper()
	c, err := checker.New(checker.Config{KeepSource: true})
	if err != nil {
		t.Fatal(err)
	}
	article := "Home News World Talks resume\n\nThe minister said , " + hHostile + " that the the talks would go on .\n" + hHostile + "\n"
	res := c.CheckString(article)
	res.Path = `<b>bold</b>" onclick="alert(1)'.txt`
	if len(res.Findings) == 0 {
		t.Fatal("no findings in the hostile article")
	}
	forged := &checker.Result{
		Path:   "<script>alert(2)</script>.md",
		Source: []byte(hHostile + "\n" + hHostile),
		Words:  20,
		Notes:  []checker.Note{{Kind: `"><img src=x onerror=alert(3)>`, Message: hHostile, Offset: -1}},
		Findings: []checker.Finding{{
			Rule: `quotes.<img src=x onerror=alert(4)>`, Category: `"><script>alert(5)</script>`, Severity: rules.Error,
			Message: hHostile, Offset: 0, Length: 25, Text: hHostile[:25], Suggestions: []string{hHostile, ""},
			Explanation: hHostile + "\n\n" + hHostile, Line: 1, Column: 1,
			Context: checker.Context{Line: hHostile, Start: 0, End: 25},
		}},
	}
	noSource := *forged
	noSource.Source = nil
	noSource.Path = "</textarea><img src=x onerror=alert(6)>"
	failed := &checker.Result{Path: "<img src=x onerror=alert(7)>", Findings: []checker.Finding{}, Error: hHostile}
	return []*checker.Result{res, forged, &noSource, failed}
}

// The page holds no markup of the input's: its only script is mtlint's own,
// no element has an event handler attribute, and no image, textarea, style
// or element of the input's (<b>) appears; the text reads as given.
func TestHTMLEscapes(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("html", "report.js"))
	if err != nil {
		t.Fatal(err)
	}
	results := hHostileResults(t)
	out := render(t, "html", report.Options{}, results)
	p := parseHTMLPage(t, out)
	scripts := p.all(func(n *html.Node) bool { return n.Data == "script" })
	if len(scripts) != 1 || hText(scripts[0]) != string(script) {
		t.Errorf("%d scripts, want only mtlint's own", len(scripts))
	}
	for _, n := range p.all(func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has the attribute %s=%q", n.Data, a.Key, a.Val)
			}
		}
		switch n.Data {
		case "img", "textarea", "b", "iframe", "object", "embed", "base", "form":
			t.Errorf("an element <%s> in the page", n.Data)
		case "style":
			if n.Parent == nil || n.Parent.Data != "head" {
				t.Errorf("a <style> in <%s>", n.Parent.Data)
			}
		}
	}
	if n := len(p.all(func(n *html.Node) bool { return n.Data == "svg" && !hHasClass(n, "chart") })); n != 0 {
		t.Errorf("%d <svg> that are not charts", n)
	}
	// The names read as given, in the heading and in the index.
	body := hText(p.root)
	for _, r := range results {
		if !strings.Contains(body, r.Path) {
			t.Errorf("the page does not show the name %q", r.Path)
		}
	}
	if n := strings.Count(body, hHostile); n < 6 {
		t.Errorf("the hostile text appears %d times as text, want at least 6", n)
	}
	hCheckHighlights(t, out, results)
	// The attacker's category cannot become a class of its own.
	for _, m := range p.all(func(n *html.Node) bool { return n.Data == "mark" }) {
		if c, _ := hAttr(m, "class"); !regexp.MustCompile(`^hl c-[a-z]+ s-[a-z]+( empty)?$`).MatchString(c) {
			t.Errorf("mark class %q", c)
		}
	}
}

// The inline assets cannot end their element early, and the script builds
// no markup from strings.
func TestHTMLAssets(t *testing.T) {
	for _, name := range []string{"report.css", "report.js"} {
		b, err := os.ReadFile(filepath.Join("html", name))
		if err != nil {
			t.Fatal(err)
		}
		lower := strings.ToLower(string(b))
		for _, bad := range []string{"</script", "</style", "<!--", "innerhtml", "outerhtml", "insertadjacenthtml", "document.write", "eval(", "new function", "http:", "https:", "@import", "url("} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
}

// A text longer than MaxHighlighted is cut, with a note, and its findings
// after the cut are counted but not shown.
func TestHTMLCut(t *testing.T) {
	para := "The talks , they said, would go on.\n"
	src := []byte(strings.Repeat(para, report.MaxHighlighted/len(para)+1000))
	var findings []checker.Finding
	for off := 0; off+len(para) <= len(src); off += len(para) * 997 {
		findings = append(findings, checker.Finding{Rule: "punctuation.space-before", Category: rules.Punctuation,
			Severity: rules.Warning, Message: "space before a comma", Offset: off + 9, Length: 2, Text: " ,", Suggestions: []string{","}})
	}
	// One that straddles the cut.
	at := report.MaxHighlighted - 3
	findings = append(findings, checker.Finding{Rule: "idiom.x", Category: rules.Idiom, Severity: rules.Info, Message: "over the cut", Offset: at, Length: 10})
	slices.SortStableFunc(findings, func(a, b checker.Finding) int { return a.Offset - b.Offset })
	res := &checker.Result{Path: "huge.txt", Source: src, Findings: findings, Words: len(src) / 5}
	out := render(t, "html", report.Options{}, []*checker.Result{res})
	hCheckHighlights(t, out, []*checker.Result{res})
	p := parseHTMLPage(t, out)
	notes := p.all(func(n *html.Node) bool { return hHasClass(n, "n-cut") })
	shownN := 0
	for _, f := range findings {
		if f.Offset < report.MaxHighlighted {
			shownN++
		}
	}
	if len(notes) != 1 || !strings.Contains(hText(notes[0]), strconv.Itoa(len(findings)-shownN)+" finding") || len(findings) == shownN {
		t.Errorf("cut note: %d notes %v", len(notes), notes)
	}
	if len(out) > report.MaxHighlighted+len(findings)*3000+200_000 {
		t.Errorf("page of %d bytes for %d bytes shown", len(out), report.MaxHighlighted)
	}
}

// The index lists every input, ranked by score, each linking to its section.
func TestHTMLIndex(t *testing.T) {
	results := htmlKept(t)
	out := render(t, "html", report.Options{}, results)
	p := parseHTMLPage(t, out)
	rows := p.all(func(n *html.Node) bool { return n.Data == "tr" && hHasAttr(n, "data-n") })
	if len(rows) != len(results) {
		t.Fatalf("%d index rows for %d inputs", len(rows), len(results))
	}
	prev := 1e300
	seen := map[string]bool{}
	for _, r := range rows {
		s, _ := hAttr(r, "data-score")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v > prev {
			t.Errorf("row %s: score %q after %v", hText(r), s, prev)
		}
		prev = v
		link := htmlPage{r}.all(func(n *html.Node) bool { return n.Data == "a" })
		href, _ := hAttr(link[0], "href")
		seen[href] = true
		target := p.all(func(n *html.Node) bool { v, _ := hAttr(n, "id"); return "#"+v == href })
		if len(target) != 1 || !hHasClass(target[0], "article") {
			t.Errorf("row %s links to %q, which is no article", hText(r), href)
		}
	}
	if len(seen) != len(results) {
		t.Errorf("%d distinct links for %d inputs", len(seen), len(results))
	}
	for _, want := range []string{"skipped", "unreadable"} {
		if !strings.Contains(hText(p.root), want) {
			t.Errorf("the index does not say %q", want)
		}
	}
	// The run's chart has a bar for each category with findings.
	charts := p.all(func(n *html.Node) bool { return n.Data == "svg" })
	if len(charts) == 0 {
		t.Fatal("no chart")
	}
	last := charts[len(charts)-1]
	if l, _ := hAttr(last, "aria-label"); l != "findings of the run by category" {
		t.Errorf("last chart is %q", l)
	}
	if len(htmlPage{last}.all(func(n *html.Node) bool { return n.Data == "rect" })) == 0 {
		t.Error("the run chart has no bars")
	}
}

// The section shows the result's score (package score computes it) and
// the source-language hint when there is one.
func TestHTMLScore(t *testing.T) {
	for _, tc := range []struct {
		score    int
		hint     *score.Hint
		want     string
		wantHint string
	}{
		{0, nil, "0", ""},
		{83, &score.Hint{Language: "fr", Confidence: 0.7}, "83", "from fr? 0.70"},
		{100, &score.Hint{Language: "<ru>", Confidence: 0.31}, "100", "from <ru>? 0.31"},
	} {
		res := &checker.Result{Path: "a.txt", Source: []byte("text"), Findings: []checker.Finding{}, Words: 500,
			Score: tc.score, SourceLanguageHint: tc.hint}
		p := parseHTMLPage(t, render(t, "html", report.Options{}, []*checker.Result{res}))
		sec := p.all(func(n *html.Node) bool { return hHasClass(n, "article") })
		if got, _ := hAttr(sec[0], "data-score"); got != tc.want {
			t.Errorf("score %d: data-score %s, want %s", tc.score, got, tc.want)
		}
		hints := p.all(func(n *html.Node) bool { return hHasClass(n, "source-hint") })
		switch {
		case tc.wantHint == "" && len(hints) > 0:
			t.Errorf("score %d: a hint is shown without one", tc.score)
		case tc.wantHint != "" && (len(hints) != 1 || hText(hints[0]) != tc.wantHint):
			t.Errorf("score %d: hint %d elements, want one reading %q", tc.score, len(hints), tc.wantHint)
		}
	}
}

// The page is written as it goes: an article's section is out when File
// returns, and the index only when Finish is called.
func TestHTMLStreams(t *testing.T) {
	var buf bytes.Buffer
	r := report.NewHTML(&buf)
	if err := r.Start(); err != nil {
		t.Fatal(err)
	}
	if err := r.File(htmlSeed(t)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "</section>") || strings.Contains(buf.String(), `id="index"`) {
		t.Error("the article's section is not written by File, or the index is")
	}
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte("The talks , they said."), 9, 2, 4, 8, "space before a comma")
	f.Add([]byte(hHostile), 0, 25, 3, 30, hHostile)
	f.Add([]byte("a\r\nb\xff\x00c \u202e d"), 1, 3, 0, 0, "x\"y")
	f.Add([]byte("«»"), 1, 2, 0, 4, "")
	f.Fuzz(func(t *testing.T, src []byte, off1, len1, off2, len2 int, msg string) {
		res := &checker.Result{Path: msg, Source: src, Words: 10, Findings: []checker.Finding{
			{Rule: "punctuation.x", Category: rules.Punctuation, Severity: rules.Warning, Message: msg, Offset: off1, Length: len1, Suggestions: []string{msg}},
			{Rule: "quotes.y", Category: rules.Category(msg), Severity: rules.Severity(len2), Message: msg, Offset: off2, Length: len2, Explanation: msg},
		}}
		out := render(t, "html", report.Options{}, []*checker.Result{res})
		p := parseHTMLPage(t, out)
		if n := len(p.all(func(n *html.Node) bool { return n.Data == "script" })); n != 1 {
			t.Fatalf("%d scripts", n)
		}
		for _, n := range p.all(func(*html.Node) bool { return true }) {
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Fatalf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
			}
		}
		hCheckHighlights(t, out, []*checker.Result{res})
	})
}

// checker.Config.KeepSource keeps the bytes the offsets refer to: the file
// as read, its UTF-8 transcoding, or the extracted article; a copy, also of
// a file that was mapped into memory and is unmapped by now.
func TestKeepSource(t *testing.T) {
	seed, err := os.ReadFile(htmlSeedPath)
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../../testdata/mt-article.html")
	if err != nil {
		t.Fatal(err)
	}
	latin1 := []byte("Le ministre a dit , caf\xe9 cr\xe8me .\nThe talks , they said.\n")
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	words := strings.Fields("minister talks officials allies summit border troops dialogue sanctions envoy")
	var large bytes.Buffer
	for i := 0; large.Len() < 17<<20; i++ {
		large.WriteString(words[i%len(words)] + " " + strconv.Itoa(i) + " ")
		if i%100 == 99 {
			large.WriteString("end.\n\n")
		}
	}
	large.WriteString("The talks , they said.\n")
	if err := os.WriteFile(big, large.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		check func(c *checker.Checker) (*checker.Result, error)
		same  []byte // what Source must be, when known
	}{
		{"plain file", func(c *checker.Checker) (*checker.Result, error) { return c.CheckFile(htmlSeedPath) }, seed},
		{"markdown file", func(c *checker.Checker) (*checker.Result, error) { return c.CheckFile("../../testdata/mt-article.md") }, nil},
		{"html file", func(c *checker.Checker) (*checker.Result, error) {
			return c.CheckFile("../../testdata/mt-article.html")
		}, page},
		{"extracted article", func(c *checker.Checker) (*checker.Result, error) {
			return c.CheckInput(page, checker.Input{Article: true, URL: "https://example.org/news"}), nil
		}, nil},
		{"windows-1252", func(c *checker.Checker) (*checker.Result, error) {
			return c.CheckInput(latin1, checker.Input{Encoding: "windows-1252"}), nil
		}, []byte("Le ministre a dit , café crème .\nThe talks , they said.\n")},
		{"mapped file", func(c *checker.Checker) (*checker.Result, error) { return c.CheckFile(big) }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := checker.New(checker.Config{KeepSource: true})
			if err != nil {
				t.Fatal(err)
			}
			res, err := tc.check(c)
			if err != nil {
				t.Fatal(err)
			}
			if res.Source == nil || res.Words == 0 || len(res.Findings) == 0 {
				t.Fatalf("%d bytes of source, %d words, %d findings", len(res.Source), res.Words, len(res.Findings))
			}
			if tc.same != nil && !bytes.Equal(res.Source, tc.same) {
				t.Errorf("Source is %.80q…, want %.80q…", res.Source, tc.same)
			}
			for _, f := range res.Findings {
				if got := string(res.Source[f.Offset : f.Offset+f.Length]); got != f.Text {
					t.Errorf("%s at %d: Source has %q there, the finding %q", f.Rule, f.Offset, got, f.Text)
					break
				}
			}
		})
	}
	c, err := checker.New(checker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if res := c.CheckString("The talks , they said."); res.Source != nil || res.Words != 4 {
		t.Errorf("without KeepSource: %d bytes of source, %d words (want none, and 4 words: the score needs them)", len(res.Source), res.Words)
	}
}
