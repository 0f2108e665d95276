package main

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
)

// Frequent collocations of clean news as further terms. A spinner rewrites
// every common phrase of an article, not only the terms of terms.go: the
// adjective + noun and noun + noun pairs that news repeats ("rough patch",
// "farm team") come out as pairs of synonyms that clean text never has.
// spingen takes the pairs that occur at least minCount times in the BBC
// articles and in the tuning half of the WMT references (the even blocks of
// the recall evaluation, recall.go: the odd blocks are held out) and treats
// them as terms.

// collocations returns the frequent pairs under dir, most frequent first
// (ties in alphabetical order), at most limit of them.
func collocations(wn *WordNet, dir string, blockLines, minCount, limit int) ([]string, error) {
	counts := map[[2]string]int{}
	count := func(text string) {
		d := document.NewPlain([]byte(text))
		d.Segment()
		for _, p := range d.Paragraphs {
			prev := ""
			for i := p.Tokens.First; i < p.Tokens.Last; i++ {
				w := ""
				if d.Tokens[i].Kind == document.Word {
					w = d.TokenText(i)
				}
				if !collocWord(w) {
					prev = ""
					continue
				}
				if prev != "" {
					counts[[2]string{prev, w}]++
				}
				prev = w
			}
		}
	}
	bbc, err := corpora.BBCArticles(filepath.Join(dir, "bbc-news-dev"))
	if err != nil {
		return nil, err
	}
	for _, p := range bbc {
		lines, err := corpora.ReadLines(p)
		if err != nil {
			return nil, err
		}
		count(strings.Join(lines, "\n"))
	}
	refs, err := referenceFiles(dir)
	if err != nil {
		return nil, err
	}
	for _, f := range refs {
		lines, err := corpora.ReadLines(f)
		if err != nil {
			return nil, err
		}
		for b := 0; b*blockLines < len(lines); b += 2 { // the tuning half only
			count(strings.Join(lines[b*blockLines:min((b+1)*blockLines, len(lines))], "\n"))
		}
	}
	type pair struct {
		words [2]string
		n     int
	}
	var ps []pair
	for k, n := range counts {
		if n < minCount || !collocShape(wn, k) {
			continue
		}
		ps = append(ps, pair{k, n})
	}
	slices.SortFunc(ps, func(a, b pair) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.words[0]+" "+a.words[1], b.words[0]+" "+b.words[1])
	})
	if len(ps) > limit {
		ps = ps[:limit]
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.words[0] + " " + p.words[1]
	}
	return out, nil
}

// collocWord reports whether w may be part of a collocation: a lower-case
// word of three letters or more that is not a function word.
func collocWord(w string) bool {
	if len(w) < 3 || keepWords[w] || functionWords[w] {
		return false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// collocShape reports whether the pair is a noun phrase WordNet can tell:
// its second word a noun, its first an adjective or a noun.
func collocShape(wn *WordNet, k [2]string) bool {
	head, _ := wn.Singular(k[1])
	if !wn.IsNoun(head) {
		return false
	}
	mod, _ := wn.Singular(k[0])
	return wn.Has("adj", k[0]) || wn.IsNoun(mod)
}
