package main

import (
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/mtlint/mtlint/checker/source"
)

// unmatchedFlag lets a directory argument hold no file to check, for CI
// templates run on repositories that may have none; ESLint and Prettier call
// it the same.
const unmatchedFlag = "no-error-on-unmatched-pattern"

// dirMatches notes which directory arguments yielded a file to check, so
// that "mtlint check --ext rst docs/" on a folder without one says so
// instead of reporting "0 files checked" as a success.
type dirMatches struct {
	dirs           []string // the directory arguments, cleaned
	listed, passed []bool   // a file was found under dirs[i]; one was left to check
}

// newDirMatches watches the arguments of args that are directories.
func newDirMatches(args []string) *dirMatches {
	m := &dirMatches{}
	for _, a := range args {
		if a == source.StdinArg || source.IsURL(a) {
			continue
		}
		if fi, err := os.Stat(a); err == nil && fi.IsDir() {
			m.dirs = append(m.dirs, filepath.Clean(a))
		}
	}
	m.listed = make([]bool, len(m.dirs))
	m.passed = make([]bool, len(m.dirs))
	return m
}

// watch yields seq, marking in seen the directories each input is under.
func (m *dirMatches) watch(seq iter.Seq[source.Input], seen []bool) iter.Seq[source.Input] {
	return func(yield func(source.Input) bool) {
		for in := range seq {
			if in.Err == nil && !in.IsStdin() && in.URL() == "" {
				for i, d := range m.dirs {
					if !seen[i] && under(in.Path, d) {
						seen[i] = true
					}
				}
			}
			if !yield(in) {
				return
			}
		}
	}
}

// under reports whether path is below the directory dir.
func under(path, dir string) bool {
	if dir == "." {
		return !filepath.IsAbs(path)
	}
	return strings.HasPrefix(path, dir+string(filepath.Separator)) || (dir == string(filepath.Separator) && filepath.IsAbs(path))
}

// err is the usage error for the directories that gave no file to check,
// or nil; exts are the extensions looked for (nil: the default ones).
func (m *dirMatches) err(exts []string) error {
	if exts == nil {
		exts = source.DefaultExtensions
	}
	var msgs []string
	for i, d := range m.dirs {
		switch {
		case !m.listed[i]:
			msgs = append(msgs, fmt.Sprintf("%s: no file matched: none of its files ends in %s (choose others with --ext)", d, strings.Join(exts, " ")))
		case !m.passed[i]:
			msgs = append(msgs, fmt.Sprintf("%s: no file to check: the configuration's ignore patterns leave out every file that matched", d))
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return &exitError{code: exitUsage, msg: strings.Join(msgs, "\nmtlint: ") + "\nPass --" + unmatchedFlag + " to allow a run with nothing to check."}
}
