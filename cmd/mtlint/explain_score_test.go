package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// explain-score of the seed article, compared with a golden file that
// "go test ./cmd/mtlint -update" rewrites.
func TestExplainScoreGolden(t *testing.T) {
	t.Chdir("../..")
	r := runWith(t, nil, "", nil, false, "explain-score", "testdata/mt-article.txt")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	path := filepath.Join("testdata", "golden", "mt-article.explain-score.golden")
	if *update {
		if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/mtlint -update writes it)", err)
	}
	if r.stdout != string(want) {
		t.Errorf("%s differs from the output (go test ./cmd/mtlint -update rewrites it):\n%s", path, r.stdout)
	}
}

func TestExplainScore(t *testing.T) {
	for _, tc := range []struct {
		name, stdin string
		args        []string
		code        int
		want        []string
	}{
		{"clean", "The minister said on Monday that the talks would resume in Geneva next week.\n", []string{"-"}, 0,
			[]string{"<stdin>: score 0 of 100", "no findings: the score is 0", "source-language hint: none", "no evidence"}},
		{"French", "The fabricant recalled 20,000 cars on Monday, the ministry said : the talks open at 14h30. « It is a scandal », a deputy said.\n", []string{"-"}, 0,
			[]string{"typography.french-spacing", "source-language hint: fr (French), confidence", "votes: fr 1.00", "score = round(100 × (1 − exp(−"}},
		{"no file", "", []string{"no/such/file.txt"}, 2, nil},
		{"two files", "", []string{"a.txt", "b.txt"}, 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runWith(t, nil, tc.stdin, nil, false, append([]string{"explain-score"}, tc.args...)...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d: %s%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, r.stdout)
				}
			}
			if tc.code == 2 && r.stderr == "" {
				t.Error("no error message")
			}
		})
	}
}
