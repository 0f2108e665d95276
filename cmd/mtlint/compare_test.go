package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/internal/testrules"
	"github.com/mtlint/mtlint/rules"
)

func TestCompare(t *testing.T) {
	dir := t.TempDir()
	orig := write(t, dir, "wire.txt", "The minister said on Tuesday that the talks in Geneva were useful and that both sides would meet again.\n")
	copy := write(t, dir, "copy.md", "# Talks\n\nThe minister stated on Tuesday that the talks in Geneva were helpful and that both sides would meet again, reporters learned.\n")
	spun := write(t, dir, "spun.txt", "The minister said on Tuesday that bosom peril in Geneva was useful.\n")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("The minister stated on Tuesday that the talks in Geneva were useful and that both sides would meet again.\n"))
	}))
	defer srv.Close()
	for _, tc := range []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout []string
		stderr string
	}{
		{"text", []string{"compare", "--no-color", orig, copy}, "", 0, []string{
			"spin ratio 22.2%: 2 of 9 content words replaced\n",
			"2 substitutions (0 matching spinning or calque patterns), 2 insertions, 0 deletions\n",
			"The minister [-said-]{+stated+} on Tuesday",
			"copy.md:3:14: said → stated\n",
			"copy.md:1:3: + \"Talks\"\n",
			"copy.md:3:106: + \", reporters learned\"\n",
			"\n{+Talks+}\n\nThe minister",
		}, ""},
		{"identical", []string{"compare", "--no-color", orig, orig}, "", 0, []string{"spin ratio 0.0%: 0 of 9", "0 substitutions (0 matching spinning or calque patterns), 0 insertions, 0 deletions\n"}, ""},
		{"a pattern, with the rule on", []string{"compare", "--no-color", "--enable", "spinning", "--summary", orig, spun}, "", 0, []string{
			"the talks → bosom peril [spinning: spinning.test-bosom-peril]",
			"findings in " + spun + ":\n  " + spun + ":1:35: warning [spinning.test-bosom-peril] tortured phrase\n",
		}, ""},
		{"summary leaves out the text", []string{"compare", "--no-color", "--summary", orig, copy}, "", 0, []string{"substitutions:\n"}, ""},
		{"fail over", []string{"compare", "--fail-over", "10%", orig, copy}, "", 1, nil, ""},
		{"under fail over", []string{"compare", "--fail-over", "0.5", orig, copy}, "", 0, nil, ""},
		{"standard input", []string{"compare", "--no-color", orig, "-"}, "The minister said on Tuesday that the talks in Geneva were useful and that both sides would meet again.", 0, []string{"suspect  <stdin>: 19 words"}, ""},
		{"a URL", []string{"compare", "--no-color", orig, srv.URL + "/story"}, "", 0, []string{"said → stated"}, ""},
		{"one input", []string{"compare", orig}, "", 2, nil, "want two inputs"},
		{"missing", []string{"compare", orig, dir + "/missing.txt"}, "", 2, nil, "missing.txt: no such file or directory"},
		{"bad format", []string{"compare", "--format", "xml", orig, copy}, "", 2, nil, `--format "xml"`},
		{"bad ratio", []string{"compare", "--fail-over", "lots", orig, copy}, "", 2, nil, "--fail-over"},
		{"stdin twice", []string{"compare", "-", "-"}, "", 2, nil, "only one of the two"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rs []*rules.Rule // the built-in rules
			if strings.Contains(tc.name, "pattern") {
				rs = testrules.All
			}
			r := runWith(t, rs, tc.stdin, nil, false, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
				}
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.stderr)
			}
		})
	}
	if r := mtlint(t, "compare", "--no-color", "--summary", orig, copy); strings.Contains(r.stdout, "[-said-]") {
		t.Errorf("--summary shows the text:\n%s", r.stdout)
	}
	r := mtlint(t, "compare", "--format", "json", orig, copy)
	var doc struct {
		Version   int     `json:"version"`
		SpinRatio float64 `json:"spin_ratio"`
		Changes   []struct {
			Kind     string `json:"kind"`
			Original string `json:"original"`
			Suspect  string `json:"suspect"`
		} `json:"changes"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v:\n%s", err, r.stdout)
	}
	if doc.Version != 1 || len(doc.Changes) != 4 || doc.Changes[1].Original != "said" || doc.Changes[1].Suspect != "stated" {
		t.Errorf("JSON: %+v", doc)
	}
	r = mtlint(t, "compare", "--format", "html", orig, copy)
	if !strings.HasPrefix(r.stdout, "<!DOCTYPE html>") || !strings.Contains(r.stdout, "<del title=\"substitution\">said</del><ins class=\"\" title=\"substitution\">stated</ins>") {
		t.Errorf("HTML:\n%s", r.stdout)
	}
}
