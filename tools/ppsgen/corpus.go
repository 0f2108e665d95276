package main

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
)

// textClass is one kind of text the generator and its measures read, as
// the files that hold it.
type textClass struct {
	name  string
	files []string
}

// Indexes of the classes cleanText returns.
const (
	classBBC = iota
	classHuman
	classMT
)

// cleanText returns the text of the corpora folder dir by class: the BBC
// news articles, the human side of the parallel corpora (WMT references,
// MLQE-PE post-edits) and their machine side (WMT system outputs, MLQE-PE
// .mt), each class's files sorted.
func cleanText(dir string) ([]textClass, error) {
	bbc, err := corpora.BBCArticles(filepath.Join(dir, "bbc-news-dev"))
	if err != nil {
		return nil, err
	}
	pairs, err := corpora.Parallel(dir)
	if err != nil {
		return nil, err
	}
	var human, mt []string
	for _, p := range pairs {
		for _, f := range p.References {
			human = append(human, f.Paths...)
		}
		for _, f := range p.Systems {
			mt = append(mt, f.Paths...)
		}
	}
	slices.Sort(human)
	slices.Sort(mt)
	return []textClass{
		classBBC:   {"BBC", bbc},
		classHuman: {"references", human},
		classMT:    {"MT output", mt},
	}, nil
}

// eachWindow reads each of files whole as one plain-text document and calls
// f on each of its windows, as the checker walks a file.
func eachWindow(files []string, f func(d *document.Document)) error {
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		d := document.NewPlain(raw)
		for range d.Windows(0) {
			f(d)
		}
	}
	return nil
}
