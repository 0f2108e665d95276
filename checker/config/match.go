package config

import (
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Match reports whether the path rel (relative to the folder of the
// configuration file that gives glob, with either separator) matches glob.
// The conventions are those of .gitignore, which people know:
//
//   - a pattern without a slash matches the name of the file or of any
//     folder above it below the configuration's folder: "*.min.html" matches
//     "a/b/x.min.html", and "drafts" everything in any folder named drafts;
//   - a pattern with a slash matches the path from the configuration's
//     folder ("/drafts" and "drafts/*.md" only at the top); a leading slash
//     only anchors it;
//   - a pattern that matches a folder matches everything in it ("vendor/**"
//     and "vendor" alike); a pattern ending in a slash matches folders only;
//   - "*" and "?" do not cross a slash, "**" crosses any number of folders,
//     "[abc]" and "{a,b}" are classes and alternatives.
//
// A path outside the folder (starting with "..") matches nothing.
func Match(glob, rel string) bool {
	rel = filepath.ToSlash(rel)
	glob = filepath.ToSlash(glob)
	if rel == "" || rel == "." || rel == ".." || strings.HasPrefix(rel, "../") || strings.HasPrefix(rel, "/") {
		return false
	}
	foldersOnly := strings.HasSuffix(glob, "/")
	glob = strings.TrimRight(glob, "/")
	anchored := strings.Contains(glob, "/")
	glob = strings.TrimLeft(glob, "/")
	if glob == "" {
		return false
	}
	// Each prefix of rel that ends at a slash is a folder above the file;
	// rel itself is the file.
	start := 0
	for i := 0; i <= len(rel); i++ {
		if i < len(rel) && rel[i] != '/' {
			continue
		}
		isFile := i == len(rel)
		if !(isFile && foldersOnly) {
			subject := rel[:i]
			if !anchored {
				subject = rel[start:i]
			}
			if doublestar.MatchUnvalidated(glob, subject) {
				return true
			}
		}
		start = i + 1
	}
	return false
}

// matchAny returns the first of patterns that matches rel, or nil.
func matchAny(patterns []Pattern, rel string) *Pattern {
	for i := range patterns {
		if Match(patterns[i].Glob, rel) {
			return &patterns[i]
		}
	}
	return nil
}
