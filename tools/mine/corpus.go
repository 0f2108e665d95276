package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/internal/moses"
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

// sets are the -set names and the corpus folders they stand for.
var sets = map[string]string{"wmt22": "wmt22-dev", "wmt23": "wmt23-dev", "mlqe": "mlqe-pe-dev"}

// setName returns the -set name of a corpus folder ("wmt22" for
// "wmt22-dev").
func setName(folder string) string {
	for s, f := range sets {
		if f == folder {
			return s
		}
	}
	return folder
}

// loadCorpus finds pair ("cs-en") in the corpora folder: set "wmt22",
// "wmt23" or "mlqe", or "" for the first of wmt23-dev, wmt22-dev and
// mlqe-pe-dev that has it.
func loadCorpus(dir, pair, set string) (*corpus, error) {
	try := []string{"wmt23", "wmt22", "mlqe"}
	if set != "" {
		try = []string{set}
	}
	for _, s := range try {
		folder, ok := sets[s]
		if !ok {
			return nil, fmt.Errorf("unknown set %q: want wmt22, wmt23 or mlqe", s)
		}
		load := corpora.WMT
		if s == "mlqe" {
			load = corpora.MLQEPE
		}
		// An error here means the pair is not in this set.
		if ps, err := load(filepath.Join(dir, folder), pair); err == nil {
			return readCorpus(ps[0])
		}
	}
	return nil, fmt.Errorf("pair %s not found in %s (sets %v)", pair, dir, try)
}

// readCorpus reads the lines of every system output and reference of p,
// which must all have the same number of lines. Segment IDs are line
// numbers, prefixed with the split ("train:12") when a text is made of
// several files (MLQE-PE).
func readCorpus(p corpora.Pair) (*corpus, error) {
	c := &corpus{name: p.Corpus + " " + p.Lang}
	n := -1
	read := func(f corpora.File) ([]string, error) {
		var all, ids []string
		for _, path := range f.Paths {
			lines, err := corpora.ReadLines(path)
			if err != nil {
				return nil, err
			}
			if p.Moses {
				for i, l := range lines {
					lines[i] = moses.Detokenize(l)
				}
			}
			all = append(all, lines...)
			split := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
			for i := range lines {
				if len(f.Paths) > 1 {
					ids = append(ids, fmt.Sprintf("%s:%d", split, i+1))
				} else {
					ids = append(ids, fmt.Sprint(i+1))
				}
			}
		}
		if n < 0 {
			n = len(all)
			c.segmentIDs = ids
		} else if len(all) != n {
			return nil, fmt.Errorf("%s %s: %d lines, want %d", c.name, f.Name, len(all), n)
		}
		return all, nil
	}
	for _, f := range p.References {
		lines, err := read(f)
		if err != nil {
			return nil, err
		}
		c.human = append(c.human, lines)
		c.humans = append(c.humans, f.Name)
	}
	for _, f := range p.Systems {
		lines, err := read(f)
		if err != nil {
			return nil, err
		}
		c.mt = append(c.mt, lines)
		c.systems = append(c.systems, f.Name)
	}
	return c, nil
}

// keepHalf keeps the first or the second half of the segments ("first",
// "second"; "" keeps all), so that entries mined on one half can be
// checked on the other.
func (c *corpus) keepHalf(half string) error {
	n := c.segments()
	var lo, hi int
	switch half {
	case "":
		return nil
	case "first":
		lo, hi = 0, n/2
	case "second":
		lo, hi = n/2, n
	default:
		return fmt.Errorf("bad -half %q: want first or second", half)
	}
	c.segmentIDs = c.segmentIDs[lo:hi]
	for i := range c.mt {
		c.mt[i] = c.mt[i][lo:hi]
	}
	for i := range c.human {
		c.human[i] = c.human[i][lo:hi]
	}
	return nil
}
