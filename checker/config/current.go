package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mtlint/mtlint/rules"
)

// Current returns the configuration files that apply in the folder dir,
// farthest first: file alone when it is not empty (--config), else the
// files found as a Dispatcher finds them. It reads and parses them but,
// unlike New, loads no pack and does not check rule names: it is for the
// settings of a run as a whole (FailOn, Format), read before its rules are
// known.
func Current(dir, file string) ([]*File, error) {
	if file != "" {
		f, err := Load(file)
		if err != nil {
			return nil, err
		}
		return []*File{f}, nil
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	start := dir
	var files []*File
	for {
		var found []string
		for _, name := range Names {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				found = append(found, p)
			}
		}
		if len(found) == 2 {
			return nil, &Error{Pos: Pos{File: showPath(start, found[1])}, Msg: "two configuration files in one folder", Hint: "keep " + Names[0] + " or " + Names[1] + ", not both"}
		}
		if len(found) == 1 {
			f, err := load(found[0], showPath(start, found[0]))
			if err != nil {
				return nil, err
			}
			files = append(files, f)
			if f.Root {
				break
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	slices.Reverse(files)
	return files, nil
}

// FailOn returns the fail-on of the nearest of files (farthest first) that
// sets it, and whether one does: 0 means none.
func FailOn(files []*File) (rules.Severity, bool) {
	for _, f := range slices.Backward(files) {
		if f.FailOn != nil {
			return *f.FailOn, true
		}
	}
	return 0, false
}

// Languages returns the languages of the nearest of files (farthest first)
// that sets them, or nil.
func Languages(files []*File) []string {
	for _, f := range slices.Backward(files) {
		if f.Languages != nil {
			return f.Languages
		}
	}
	return nil
}

// Format returns the report format of the nearest of files (farthest first)
// that sets it, or "".
func Format(files []*File) string {
	for _, f := range slices.Backward(files) {
		if f.Format != "" {
			return f.Format
		}
	}
	return ""
}

// showPath returns how messages name the file at abs: relative to the
// folder dir when it is below it, else absolute.
func showPath(dir, abs string) string {
	if r, err := filepath.Rel(dir, abs); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return abs
}
