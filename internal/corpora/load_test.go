package corpora

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLoaders: the loaders find the files the corpora's README describes.
func TestLoaders(t *testing.T) {
	wmt22, err := WMT(Dir(t, "wmt22-dev"), "cs-en", "ru-en", "zh-en")
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		lang    string
		systems int
		refs    []string
		lines   int
	}{{"cs-en", 11, []string{"B", "C"}, 1448}, {"ru-en", 10, []string{"A"}, 2016}, {"zh-en", 12, []string{"A", "B"}, 1875}} {
		p := wmt22[i]
		if p.Corpus != "wmt22-dev" || p.Lang != want.lang || len(p.Systems) != want.systems || len(p.References) != len(want.refs) || p.Moses {
			t.Errorf("pair %d: %s %s, %d systems, %d references; want %s, %d, %v", i, p.Corpus, p.Lang, len(p.Systems), len(p.References), want.lang, want.systems, want.refs)
			continue
		}
		for j, r := range want.refs {
			if p.References[j].Name != r {
				t.Errorf("%s reference %d is %q, want ref %s", p.Lang, j, p.References[j].Name, r)
			}
		}
		lines, err := ReadLines(p.Systems[0].Paths[0])
		if err != nil || len(lines) != want.lines {
			t.Errorf("%s: %d lines (%v), want %d", p.Systems[0].Paths[0], len(lines), err, want.lines)
		}
	}
	if _, err := WMT(Dir(t, "wmt22-dev"), "xx-en"); err == nil {
		t.Error("WMT found files for a pair that is not there")
	}
	mlqe, err := MLQEPE(Dir(t, "mlqe-pe-dev"), "ro-en", "ru-en", "et-en")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range mlqe {
		if !p.Moses || len(p.Systems) != 1 || len(p.References) != 1 || len(p.Systems[0].Paths) != 2 ||
			filepath.Base(p.Systems[0].Paths[0]) != "train.mt" || filepath.Base(p.References[0].Paths[1]) != "dev.pe" {
			t.Errorf("MLQE-PE %s: %+v", p.Lang, p)
		}
	}
	bbc, err := BBCArticles(Dir(t, "bbc-news-dev"))
	if err != nil || len(bbc) != 1438 {
		t.Errorf("BBCArticles: %d articles (%v), want 1,438", len(bbc), err)
	}
}

// TestParallel: Parallel lists the nine pairs of the three parallel corpora
// in their order, with the systems and references the loaders find.
func TestParallel(t *testing.T) {
	wmt22 := Dir(t, "wmt22-dev")
	Dir(t, "wmt23-dev")
	Dir(t, "mlqe-pe-dev")
	pairs, err := Parallel(filepath.Dir(wmt22))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		corpus, lang  string
		systems, refs int
	}{
		{"wmt22-dev", "cs-en", 11, 2}, {"wmt22-dev", "ru-en", 10, 1}, {"wmt22-dev", "zh-en", 12, 2},
		{"wmt23-dev", "de-en", 13, 1}, {"wmt23-dev", "ja-en", 17, 1}, {"wmt23-dev", "uk-en", 11, 1},
		{"mlqe-pe-dev", "ro-en", 1, 1}, {"mlqe-pe-dev", "ru-en", 1, 1}, {"mlqe-pe-dev", "et-en", 1, 1},
	}
	if len(pairs) != len(want) {
		t.Fatalf("%d pairs, want %d", len(pairs), len(want))
	}
	for i, w := range want {
		p := pairs[i]
		if p.Corpus != w.corpus || p.Lang != w.lang || len(p.Systems) != w.systems || len(p.References) != w.refs || p.Moses != (w.corpus == "mlqe-pe-dev") {
			t.Errorf("pair %d: %s %s, %d systems, %d references, Moses %v; want %s %s, %d, %d", i, p.Corpus, p.Lang, len(p.Systems), len(p.References), p.Moses, w.corpus, w.lang, w.systems, w.refs)
		}
	}
	if _, err := Parallel(t.TempDir()); err == nil {
		t.Error("Parallel found pairs in an empty folder")
	}
}

// TestReadReviewed: the review is read by path, rule and position, and a
// line with another verdict or a missing column is an error, not a false
// alarm in the making.
func TestReadReviewed(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	v, err := ReadReviewed(write("ok.tsv", "# comment\n\nbusiness/040.txt\tpunctuation.space-before\t5:660\tslip\t\" .\"\ntech/001.txt\ta.b\t1:2\tfalse-alarm\tx\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 2 || v["business/040.txt punctuation.space-before 5:660"] != "slip" || v["tech/001.txt a.b 1:2"] != "false-alarm" {
		t.Errorf("verdicts %v", v)
	}
	for _, bad := range []string{"a.txt\ta.b\t1:2\tslip\n", "a.txt\ta.b\t1:2\tslp\tx\n"} {
		if _, err := ReadReviewed(write("bad.tsv", bad)); err == nil {
			t.Errorf("ReadReviewed accepted %q", bad)
		}
	}
	if _, err := ReadReviewed(filepath.Join("..", "..", "checker", "testdata", "bbc-reviewed.tsv")); err != nil {
		t.Errorf("the checker's review: %v", err)
	}
}
