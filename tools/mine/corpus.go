package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// corpus is machine output beside human translations of the same segments:
// mt[s][i] is system s's rendering of segment i, human[r][i] the human
// reference (or post-edit) r's.
type corpus struct {
	name       string   // "wmt23-dev de-en"
	systems    []string // one name per mt row
	humans     []string // one name per human row
	mt, human  [][]string
	segmentIDs []string // "12" or "train:12", 1-based line numbers
}

// segments returns the number of segments.
func (c *corpus) segments() int { return len(c.segmentIDs) }

// loadCorpus finds pair ("cs-en") in the corpora folder: set "wmt22",
// "wmt23" or "mlqe", or "" for the first of wmt23-dev, wmt22-dev and
// mlqe-pe-dev that has it.
func loadCorpus(dir, pair, set string) (*corpus, error) {
	sets := []string{"wmt23", "wmt22", "mlqe"}
	if set != "" {
		sets = []string{set}
	}
	for _, s := range sets {
		var c *corpus
		var err error
		switch s {
		case "wmt22":
			c, err = loadWMT(filepath.Join(dir, "wmt22-dev"), "generaltest2022", pair)
		case "wmt23":
			c, err = loadWMT(filepath.Join(dir, "wmt23-dev"), "generaltest2023", pair)
		case "mlqe":
			c, err = loadMLQE(filepath.Join(dir, "mlqe-pe-dev"), pair)
		default:
			return nil, fmt.Errorf("unknown set %q: want wmt22, wmt23 or mlqe", s)
		}
		if err != nil {
			return nil, err
		}
		if c != nil {
			return c, nil
		}
	}
	return nil, fmt.Errorf("pair %s not found in %s (sets %v)", pair, dir, sets)
}

// loadWMT reads a WMT general-task folder: every system output of the pair
// against every reference. It returns nil, nil if the pair is absent.
func loadWMT(dir, prefix, pair string) (*corpus, error) {
	hyps, _ := filepath.Glob(filepath.Join(dir, "system-outputs", prefix+"."+pair+".hyp.*.en"))
	refs, _ := filepath.Glob(filepath.Join(dir, "references", prefix+"."+pair+".ref.*.en"))
	if len(hyps) == 0 || len(refs) == 0 {
		return nil, nil
	}
	sort.Strings(hyps)
	sort.Strings(refs)
	c := &corpus{name: filepath.Base(dir) + " " + pair}
	n := -1
	read := func(path, kind string) ([]string, string, error) {
		lines, err := readLines(path)
		if err != nil {
			return nil, "", err
		}
		if n < 0 {
			n = len(lines)
		} else if len(lines) != n {
			return nil, "", fmt.Errorf("%s: %d lines, want %d", path, len(lines), n)
		}
		name := strings.TrimSuffix(filepath.Base(path), ".en")
		name = name[strings.Index(name, "."+kind+".")+len(kind)+2:]
		return lines, name, nil
	}
	for _, p := range refs {
		lines, name, err := read(p, "ref")
		if err != nil {
			return nil, err
		}
		c.human = append(c.human, lines)
		c.humans = append(c.humans, name)
	}
	for _, p := range hyps {
		lines, name, err := read(p, "hyp")
		if err != nil {
			return nil, err
		}
		c.mt = append(c.mt, lines)
		c.systems = append(c.systems, name)
	}
	for i := range n {
		c.segmentIDs = append(c.segmentIDs, fmt.Sprint(i+1))
	}
	return c, nil
}

// loadMLQE reads the train and dev splits of an MLQE-PE pair: the one MT
// system's .mt against its human post-edit .pe. It returns nil, nil if the
// pair is absent.
func loadMLQE(dir, pair string) (*corpus, error) {
	c := &corpus{name: "mlqe-pe-dev " + pair, systems: []string{"mt"}, humans: []string{"pe"}}
	c.mt = [][]string{nil}
	c.human = [][]string{nil}
	for _, split := range []string{"train", "dev"} {
		base := filepath.Join(dir, pair+"-"+split, split)
		if _, err := os.Stat(base + ".mt"); err != nil {
			continue
		}
		mt, err := readLines(base + ".mt")
		if err != nil {
			return nil, err
		}
		pe, err := readLines(base + ".pe")
		if err != nil {
			return nil, err
		}
		if len(mt) != len(pe) {
			return nil, fmt.Errorf("%s: %d .mt lines, %d .pe lines", base, len(mt), len(pe))
		}
		c.mt[0] = append(c.mt[0], mt...)
		c.human[0] = append(c.human[0], pe...)
		for i := range mt {
			c.segmentIDs = append(c.segmentIDs, fmt.Sprintf("%s:%d", split, i+1))
		}
	}
	if len(c.segmentIDs) == 0 {
		return nil, nil
	}
	return c, nil
}

func readLines(path string) ([]string, error) {
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
