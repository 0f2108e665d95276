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
	// verbatim, in its bytes) keeps positions in the article, marked so in
	// every format, -q included.
	page := strings.Replace(extractPage, "<title>Council approves", "<title>Council &#97;pproves", 1)
	page = strings.Replace(page, "<h1>Council approves new", "<h1>Council approves a new", 1)
	path = write(t, dir, "fallback.html", page)
	want = fmt.Sprintf("%s:(article)3:%d: error [punctuation.space-before]", path, col)
	r = runWith(t, nil, "", nil, false, "check", "--extract", "-q", path)
	if got := strings.TrimSpace(r.stdout); !strings.HasPrefix(got, want) {
		t.Errorf("--extract -q printed\n%s\nwant %q", r.stdout, want)
	}
	r = runWith(t, nil, "", nil, false, "check", "--extract", path)
	if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "note: positions marked (article)") {
		t.Errorf("--extract printed\n%s\nwant %q and the note on the extracted article", r.stdout, want)
	}
	r = runWith(t, nil, "", nil, false, "check", "--extract", "--format", "json", path)
	if doc := decode(t, r.stdout); len(doc.Files) != 1 || len(doc.Files[0].Findings) != 1 || !doc.Files[0].Findings[0].InArticle {
		t.Errorf("JSON report without in_article: %s", r.stdout)
	}
}
