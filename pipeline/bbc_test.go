package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mtlint/mtlint/internal/corpora"
)

// TestBBCSample runs the pipeline on clean news, 400 BBC articles, with
// the seed article among them: the command line's findings record for
// record, the seed on top of the ranking, and every article counted once
// in its section's domain. The sample is written to a temporary folder;
// the corpus stays outside the repository.
func TestBBCSample(t *testing.T) {
	paths, err := corpora.BBCArticles(corpora.Dir(t, "bbc-news-dev"))
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("..", "testdata", "mt-article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	in, out := t.TempDir(), t.TempDir()
	f, err := os.Create(filepath.Join(in, "bbc.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	want := map[string]int64{"mt.example.com": 1}
	n := 0
	for i := 0; i < len(paths) && n < 400; i += 3 { // every third: all three sections
		text, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		section := filepath.Base(filepath.Dir(paths[i]))
		enc.Encode(map[string]string{"id": fmt.Sprintf("bbc-%d", i), "url": "https://" + section + ".bbc.example/" + filepath.Base(paths[i]), "text": string(text)})
		want[section+".bbc.example"]++
		n++
		if n == 200 {
			enc.Encode(map[string]string{"id": "seed", "url": "https://mt.example.com/talks", "text": string(seed)})
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	runPipeline(t, Options{Inputs: []string{filepath.Join(in, "bbc.jsonl")}, Output: out, Shards: 2})
	got, _ := readShards(t, out, "findings")
	cli := cliFindings(t, "", []string{"--no-config"}, filepath.Join(in, "bbc.jsonl"))
	slices.Sort(got)
	slices.Sort(cli)
	if !slices.Equal(got, cli) {
		t.Fatalf("findings: %d lines differ from mtlint check's %d", len(got), len(cli))
	}
	var best findingLine
	for _, l := range got {
		var f findingLine
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatal(err)
		}
		if f.Score > best.Score || (f.Score == best.Score && f.ID == "seed") {
			best = f
		}
	}
	if best.ID != "seed" {
		t.Errorf("%s tops the ranking with %d, not the seed", best.ID, best.Score)
	}
	dom, _ := readShards(t, out, "domains")
	gotDocs := map[string]int64{}
	for _, l := range dom {
		var d domainJSON
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		gotDocs[d.Domain] = d.Documents
	}
	if fmt.Sprint(gotDocs) != fmt.Sprint(want) {
		t.Errorf("documents by domain %v, want %v", gotDocs, want)
	}
}
