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

// cleanGlobs are the files under the corpora folder that count as clean
// English: the BBC articles, the WMT22 and WMT23 human references, the
// MLQE-PE post-edits and, as a further clean-ish check, the WMT system
// outputs (fluent MT, which a spinner's rewrite should not match either).
var cleanGlobs = []string{
	"bbc-news-dev/*/*.txt", "wmt23-dev/references/*",
	"wmt22-dev/references/*", "mlqe-pe-dev/*/*.pe",
	"wmt22-dev/system-outputs/*", "wmt23-dev/system-outputs/*",
}

// freqGlobs are the files whose word counts decide which synonyms are
// common enough to try: the BBC articles and the WMT23 references.
var freqGlobs = cleanGlobs[:2:2]

// addDir reads the files under dir that match globs. With tuneOnly, of the
// line-aligned WMT files (references and system outputs) only the tuning
// half is read, the even blocks of the recall evaluation (recall.go), so
// that the held-out half stays text the generator has not seen. It fails if
// no file is there.
func (c *Corpus) addDir(dir string, globs []string, tuneOnly bool) error {
	var files []string
	for _, pat := range globs {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return err
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		return fmt.Errorf("no clean corpus under %s (want %s)", dir, strings.Join(globs, ", "))
	}
	slices.Sort(files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if sl := filepath.ToSlash(f); tuneOnly && (strings.Contains(sl, "-dev/references/") || strings.Contains(sl, "-dev/system-outputs/")) {
			raw = tuneHalf(raw)
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

// tuneHalf returns the lines of the even blocks of evalBlock lines of a
// one-segment-a-line file, blocks separated by a blank line.
func tuneHalf(raw []byte) []byte {
	lines := strings.Split(string(raw), "\n")
	var b strings.Builder
	for i := 0; i*evalBlock < len(lines); i += 2 {
		b.WriteString(strings.Join(lines[i*evalBlock:min((i+1)*evalBlock, len(lines))], "\n"))
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}
