package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
)

// Corpus is what spingen knows of clean English: how often each word occurs
// and which pairs of words occur next to each other, counted over the clean
// news corpora and WordNet's glosses, after the folding the phrase matcher
// applies (lower case, one apostrophe, one hyphen).
type Corpus struct {
	words   map[string]int
	bigrams map[[2]string]bool
	seqs    map[uint64]bool // hashes of three words in a row
	// Files and Tokens count what was read, for the report.
	Files, Tokens int
}

func newCorpus() *Corpus {
	return &Corpus{words: map[string]int{}, bigrams: map[[2]string]bool{}, seqs: map[uint64]bool{}}
}

// addDir reads the clean corpora under dir: the BBC articles
// (bbc-news-dev/*/*.txt) and the WMT23 human reference translations
// (wmt23-dev/references/*). It fails if neither is there.
func (c *Corpus) addDir(dir string) error {
	var files []string
	for _, pat := range []string{"bbc-news-dev/*/*.txt", "wmt23-dev/references/*"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return err
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		return fmt.Errorf("no clean corpus under %s (want bbc-news-dev/*/*.txt or wmt23-dev/references/*)", dir)
	}
	slices.Sort(files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		c.addText(raw)
		c.Files++
	}
	return nil
}

// addText counts the words and neighbouring word pairs of text. Pairs never
// span a paragraph or a non-word token, as matches of the phrase matcher
// never do.
func (c *Corpus) addText(text []byte) {
	d := document.NewPlain(text)
	d.Segment()
	for _, p := range d.Paragraphs {
		prev, prev2 := "", ""
		for i := p.Tokens.First; i < p.Tokens.Last; i++ {
			if d.Tokens[i].Kind != document.Word {
				prev, prev2 = "", ""
				continue
			}
			w := fold(d.TokenText(i))
			c.words[w]++
			c.Tokens++
			if prev != "" {
				c.bigrams[[2]string{prev, w}] = true
				if prev2 != "" {
					c.seqs[seqHash([]string{prev2, prev, w})] = true
				}
			}
			prev, prev2 = w, prev
		}
	}
}

// Freq returns how often w occurs.
func (c *Corpus) Freq(w string) int { return c.words[w] }

// HasPair reports whether a and b occur next to each other.
func (c *Corpus) HasPair(a, b string) bool { return c.bigrams[[2]string{a, b}] }

// fold lower-cases s and folds apostrophe and hyphen variants, as the
// phrase matcher compares tokens.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '’', 'ʼ', '‘', '`':
			return '\''
		case '‐', '‑', '–', '—':
			return '-'
		}
		return r
	}, strings.ToLower(s))
}
