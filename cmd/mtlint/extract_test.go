package main

import (
	"fmt"
	"strings"
	"testing"
)

// extractPage is a saved web page: navigation, a footer, and an article
// whose first paragraph, on line 5 of the file, has a space before a
// comma. Readability renders the article anew, so before positions were
// traced back to the page --extract reported line 3 (of the article).
const extractPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Council approves new bridge | Town News</title></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<main><article><h1>Council approves new bridge</h1>
<p>The council approved the plans for a new footbridge over the river on Tuesday , after a debate that lasted most of the evening and drew a large crowd of residents to the town hall.</p>
<p>Work is due to start in the spring and should take about eighteen months, the council said in a statement published after the vote, adding that the old crossing will stay open meanwhile.</p>
<p>Residents who spoke at the meeting said the current bridge was too narrow for prams and wheelchairs, and several asked for lighting along the approach paths on both banks of the river.</p>
</article></main>
<footer><p>All rights reserved.</p></footer>
</body></html>
`

// TestExtractPositionsInFile checks that --extract reports the line and
// column of the page file, in every format, and no note that positions
// refer to the article.
func TestExtractPositionsInFile(t *testing.T) {
	dir := t.TempDir()
	path := write(t, dir, "article.html", extractPage)
	lines := strings.Split(extractPage, "\n")
	col := strings.Index(lines[4], " ,") + 1
	want := fmt.Sprintf("%s:5:%d: error [punctuation.space-before]", path, col)

	r := runWith(t, nil, "", nil, false, "check", "--extract", "-q", path)
	if got := strings.TrimSpace(r.stdout); !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 0 {
		t.Errorf("--extract -q printed\n%s\nwant one line starting %q", r.stdout, want)
	}
	r = runWith(t, nil, "", nil, false, "check", "--extract", path)
	if !strings.Contains(r.stdout, want) || strings.Contains(r.stdout, "extracted") {
		t.Errorf("--extract printed\n%s\nwant %q and no note on the extracted article", r.stdout, want)
	}
	r = runWith(t, nil, "", nil, false, "check", "--extract", "--format", "json", path)
	doc := decode(t, r.stdout)
	if len(doc.Files) != 1 || len(doc.Files[0].Findings) != 1 {
		t.Fatalf("JSON report: %s", r.stdout)
	}
	f := doc.Files[0].Findings[0]
	if f.Line != 5 || f.Column != col || extractPage[f.Offset:f.Offset+f.Length] != f.Text {
		t.Errorf("JSON finding at %d:%d, offset %d %q; want 5:%d, the page's bytes", f.Line, f.Column, f.Offset, f.Text, col)
	}

	// A page whose article cannot all be traced back to it (the headline
	// readability takes from <title> is neither in the page's prose nor,
	// verbatim, in its bytes) keeps the page's positions on the lines that
	// can be traced, and gives positions in the article elsewhere, marked
	// so in every format, -q included.
	page := strings.Replace(extractPage, "<title>Council approves", "<title>Council &#97;pproves the the", 1)
	page = strings.Replace(page, "<h1>Council approves new", "<h1>Council approves a new", 1)
	path = write(t, dir, "fallback.html", page)
	inPage := fmt.Sprintf("%s:5:%d: error [punctuation.space-before]", path, col)
	inArticle := path + ":(article)1:"
	r = runWith(t, nil, "", nil, false, "check", "--extract", "-q", path)
	if !strings.Contains(r.stdout, inPage) || !strings.Contains(r.stdout, inArticle) || !strings.Contains(r.stdout, "repetition.doubled-word") {
		t.Errorf("--extract -q printed\n%s\nwant %q and the doubled word at %q", r.stdout, inPage, inArticle)
	}
	r = runWith(t, nil, "", nil, false, "check", "--extract", path)
	if !strings.Contains(r.stdout, inPage) || !strings.Contains(r.stdout, "note: positions marked (article)") {
		t.Errorf("--extract printed\n%s\nwant %q and the note on the extracted article", r.stdout, inPage)
	}
	r = runWith(t, nil, "", nil, false, "check", "--extract", "--format", "json", path)
	doc = decode(t, r.stdout)
	if len(doc.Files) != 1 || len(doc.Files[0].Findings) != 2 {
		t.Fatalf("JSON report: %s", r.stdout)
	}
	for _, f := range doc.Files[0].Findings {
		switch {
		case f.Rule == "punctuation.space-before" && !f.InArticle && f.Line == 5 && page[f.Offset:f.Offset+f.Length] == f.Text:
		case f.Rule == "repetition.doubled-word" && f.InArticle && f.Line == 1:
		default:
			t.Errorf("JSON finding %s at %d:%d (in_article %v): want the comma in the page, the doubled word in the article", f.Rule, f.Line, f.Column, f.InArticle)
		}
	}
}

// TestExtractSuppressions checks that the page's inline directives, which
// readability drops with the comments, still apply under --extract to the
// findings placed in the page, whether the whole article or only some of
// its lines could be traced back to it.
func TestExtractSuppressions(t *testing.T) {
	dir := t.TempDir()
	disabled := strings.Replace(extractPage, "<p>The council approved", "<!-- mtlint-disable-next-line punctuation -->\n<p>The council approved", 1)
	partial := strings.Replace(disabled, "<title>Council approves", "<title>Council &#97;pproves the the", 1)
	partial = strings.Replace(partial, "<h1>Council approves new", "<h1>Council approves a new", 1)
	for name, page := range map[string]string{"traced.html": disabled, "partial.html": partial} {
		path := write(t, dir, name, page)
		r := runWith(t, nil, "", nil, false, "check", "--extract", "-q", path)
		if strings.Contains(r.stdout, "punctuation.space-before") {
			t.Errorf("%s: the directive did not apply:\n%s", name, r.stdout)
		}
		if name == "partial.html" && !strings.Contains(r.stdout, "repetition.doubled-word") {
			t.Errorf("%s: the finding in the headline is lost:\n%s", name, r.stdout)
		}
	}
	// without the directive the finding is there (the test tests something)
	r := runWith(t, nil, "", nil, false, "check", "--extract", "-q", write(t, dir, "plain.html", extractPage))
	if !strings.Contains(r.stdout, "punctuation.space-before") {
		t.Fatalf("no finding without the directive:\n%s", r.stdout)
	}
}
