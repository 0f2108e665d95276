package corpora

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The loaders below serve the measuring tools (tools/calibrate,
// tools/rates, tools/mine, tools/ppsgen), which read the corpora from a
// folder given on the command line rather than through a test, and the
// tests that walk a whole corpus.

// ReadLines returns the lines of a file, without their line breaks.
func ReadLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

// BBCArticles returns the paths of the articles of bbc-news-dev (dir is
// that folder), sorted, or an error when there are none.
func BBCArticles(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("%s: no articles found (%v)", dir, err)
	}
	sort.Strings(paths)
	return paths, nil
}

// File is one line-aligned text of a parallel corpus: a system's output or
// a human reference.
type File struct {
	// Name is the system's name ("Online-B") or the reference's ("ref.A").
	Name string
	// Paths are the files whose lines, in order, make the text (one per
	// split for MLQE-PE, one for WMT).
	Paths []string
}

// Pair is one language pair of a parallel corpus: the machine outputs and
// the human translations of the same sources.
type Pair struct {
	// Corpus is the folder's name ("wmt22-dev"), Lang the pair ("cs-en").
	Corpus, Lang string
	// Systems are the machine outputs, References the human translations
	// (for MLQE-PE, the post-edits), sorted by name.
	Systems, References []File
	// Moses says that the text is Moses-tokenized (MLQE-PE).
	Moses bool
}

// WMT returns the pairs of a WMT folder laid out as wmt22-dev and
// wmt23-dev are (references/generaltestYYYY.LP.ref.NAME.en,
// system-outputs/generaltestYYYY.LP.hyp.NAME.en), for the language pairs
// langs, in that order.
func WMT(dir string, langs ...string) ([]Pair, error) {
	var pairs []Pair
	for _, lp := range langs {
		p := Pair{Corpus: filepath.Base(dir), Lang: lp}
		var err error
		if p.References, err = wmtFiles(filepath.Join(dir, "references"), lp, ".ref."); err != nil {
			return nil, err
		}
		if p.Systems, err = wmtFiles(filepath.Join(dir, "system-outputs"), lp, ".hyp."); err != nil {
			return nil, err
		}
		pairs = append(pairs, p)
	}
	return pairs, nil
}

func wmtFiles(dir, lp, kind string) ([]File, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "generaltest*."+lp+kind+"*.en"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("%s: no %s files for %s (%v)", dir, strings.Trim(kind, "."), lp, err)
	}
	sort.Strings(paths)
	var files []File
	for _, p := range paths {
		base := filepath.Base(p)
		name := strings.TrimSuffix(base[strings.Index(base, kind)+len(kind):], ".en")
		files = append(files, File{Name: name, Paths: []string{p}})
	}
	return files, nil
}

// MLQEPE returns the pairs of mlqe-pe-dev (dir is that folder) for the
// language pairs langs: the .mt of the splits (train, then dev) as the one
// system, the .pe as the reference.
func MLQEPE(dir string, langs ...string) ([]Pair, error) {
	var pairs []Pair
	for _, lp := range langs {
		p := Pair{Corpus: filepath.Base(dir), Lang: lp, Moses: true}
		mt, pe := File{Name: "mt"}, File{Name: "pe"}
		for _, split := range []string{"train", "dev"} {
			base := filepath.Join(dir, lp+"-"+split, split)
			for _, f := range []string{base + ".mt", base + ".pe"} {
				if _, err := os.Stat(f); err != nil {
					return nil, err
				}
			}
			mt.Paths = append(mt.Paths, base+".mt")
			pe.Paths = append(pe.Paths, base+".pe")
		}
		p.Systems, p.References = []File{mt}, []File{pe}
		pairs = append(pairs, p)
	}
	return pairs, nil
}

// Parallel returns the language pairs of the three parallel corpora under
// dir (the shared corpora folder) that the measuring tools and tests read,
// in this order: wmt22-dev cs-en, ru-en, zh-en; wmt23-dev de-en, ja-en,
// uk-en; mlqe-pe-dev ro-en, ru-en, et-en.
func Parallel(dir string) ([]Pair, error) {
	var pairs []Pair
	for _, c := range []struct {
		folder string
		langs  []string
		load   func(string, ...string) ([]Pair, error)
	}{
		{"wmt22-dev", []string{"cs-en", "ru-en", "zh-en"}, WMT},
		{"wmt23-dev", []string{"de-en", "ja-en", "uk-en"}, WMT},
		{"mlqe-pe-dev", []string{"ro-en", "ru-en", "et-en"}, MLQEPE},
	} {
		ps, err := c.load(filepath.Join(dir, c.folder), c.langs...)
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, ps...)
	}
	return pairs, nil
}

// ReadReviewed reads a hand review of findings on the BBC articles
// (checker/testdata/bbc-reviewed.tsv): tab-separated lines of path, rule,
// line:column, verdict ("slip" or "false-alarm") and the flagged text,
// with blank lines and lines starting with # left out. It returns the
// verdicts by "path rule line:column".
func ReadReviewed(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	verdicts := map[string]string{}
	for n, line := range strings.Split(string(raw), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 || (f[3] != "slip" && f[3] != "false-alarm") {
			return nil, fmt.Errorf("%s:%d: want path, rule, line:col, slip|false-alarm, text", path, n+1)
		}
		verdicts[f[0]+" "+f[1]+" "+f[2]] = f[3]
	}
	return verdicts, nil
}
