package main

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// --format html keeps each article's text: the page highlights every
// finding that the JSON report lists, for files and for standard input.
func TestCheckHTML(t *testing.T) {
	t.Chdir("../..")
	seed := "testdata/mt-article.txt"
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"file", "", []string{seed}},
		{"files", "", []string{seed, "testdata/mt-article.md", "testdata/mt-article.html"}},
		{"stdin", "The talks , they said.\nThey will be commercial.\n", []string{"-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			js := runWith(t, nil, tc.stdin, nil, false, append([]string{"check", "--format", "json"}, tc.args...)...)
			page := runWith(t, nil, tc.stdin, nil, false, append([]string{"check", "--format", "html"}, tc.args...)...)
			if page.code != js.code || page.code == 2 {
				t.Fatalf("exit %d (json: %d): %s", page.code, js.code, page.stderr)
			}
			want := decode(t, js.stdout).Summary.Findings
			if want == 0 {
				t.Fatal("no findings to show")
			}
			root, err := html.Parse(strings.NewReader(page.stdout))
			if err != nil {
				t.Fatal(err)
			}
			marks, articles := 0, 0
			for n := range root.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				for _, a := range n.Attr {
					switch {
					case n.Data == "mark" && a.Key == "id":
						marks++
					case n.Data == "section" && a.Key == "class" && a.Val == "article":
						articles++
					}
				}
			}
			if marks != want || articles != len(tc.args) {
				t.Errorf("%d findings highlighted in %d articles, want %d in %d", marks, articles, want, len(tc.args))
			}
			if strings.Contains(page.stdout, `class="note n-source"`) || strings.Count(page.stdout, `<pre class="text">`) != len(tc.args) {
				t.Error("the articles' text was not kept (checker.Config.KeepSource)")
			}
		})
	}
}
