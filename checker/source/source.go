// Package source finds the inputs of a run and reads them: files named on the
// command line, the files under directories (walked recursively in lexical
// order), standard input, and web pages (URLs, which a Fetcher gets). It yields the inputs lazily, in a stable order
// (argument order, then walk order), so that a caller can start checking the
// first while the rest are still being found.
//
// Only the files under a directory are filtered: by extension, skipping
// hidden files and folders and the folders of third-party code. A file named
// explicitly is always an input, whatever its name.
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// StdinArg is the argument that stands for standard input.
const StdinArg = "-"

// StdinPath is how standard input is named in reports.
const StdinPath = "<stdin>"

// DefaultExtensions are the extensions of the files checked under a
// directory when Options.Extensions is nil.
var DefaultExtensions = []string{".txt", ".md", ".markdown", ".html", ".htm"}

// DefaultSkipDirs are the folders never entered during a walk, besides hidden
// ones (whose name starts with "."), when Options.SkipDirs is nil: they hold
// third-party code and documents.
var DefaultSkipDirs = []string{"vendor", "node_modules"}

// Options say which files under a directory are inputs, and where standard
// input comes from.
type Options struct {
	// Extensions are the extensions of the files taken under a directory,
	// each with its leading dot, compared without regard to case; nil means
	// DefaultExtensions. Use ParseExtensions to read a user's list.
	Extensions []string
	// SkipDirs are folder names never entered; nil means DefaultSkipDirs.
	SkipDirs []string
	// Stdin is read for the argument "-"; nil means os.Stdin.
	Stdin io.Reader
}

// Input is one thing to check.
type Input struct {
	// Path names the input in reports: the argument as given (a URL too),
	// a path below a directory argument (joined to it), or StdinPath.
	Path string
	// Err is set when the input could not be found or listed; such an
	// input is reported, not read.
	Err error

	file  string    // path to read; empty for stdin and URLs
	stdin io.Reader // for standard input
	url   string    // for a web page
}

// errURL is the error of Read on a URL input.
var errURL = errors.New("a URL is fetched with a Fetcher, not read")

// Read returns the bytes of a file or of standard input. A URL input is not
// read but fetched: see URL.
func (in Input) Read() ([]byte, error) {
	switch {
	case in.Err != nil:
		return nil, in.Err
	case in.stdin != nil:
		return io.ReadAll(in.stdin)
	case in.url != "":
		return nil, errURL
	}
	return os.ReadFile(in.file)
}

// File returns the path of the file to read, or "" for standard input and
// for a URL.
func (in Input) File() string { return in.file }

// URL returns the web address to fetch (with a Fetcher) for a URL input, or
// "" for a file or standard input.
func (in Input) URL() string { return in.url }

// Stdin returns the reader of standard input, or nil for a file.
func (in Input) Stdin() io.Reader { return in.stdin }

// IsStdin reports whether the input is standard input.
func (in Input) IsStdin() bool { return in.stdin != nil }

// Inputs yields the inputs that args name, in order: "-" is standard input
// (allowed once), an http:// or https:// address (see IsURL) is a web page
// to fetch, a directory is walked recursively in lexical order, and anything
// else is a file, checked whatever its extension. An argument that
// does not exist, or a folder that cannot be listed, yields an Input with Err
// set, and the walk goes on.
func Inputs(args []string, opts Options) iter.Seq[Input] {
	exts := opts.Extensions
	if exts == nil {
		exts = DefaultExtensions
	}
	skip := opts.SkipDirs
	if skip == nil {
		skip = DefaultSkipDirs
	}
	stdin := opts.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	return func(yield func(Input) bool) {
		stdinSeen := false
		for _, arg := range args {
			if arg == StdinArg {
				in := Input{Path: StdinPath, stdin: stdin}
				if stdinSeen {
					in = Input{Path: StdinPath, Err: errors.New(`standard input ("-") named more than once`)}
				}
				stdinSeen = true
				if !yield(in) {
					return
				}
				continue
			}
			if IsURL(arg) {
				if !yield(Input{Path: arg, url: arg}) {
					return
				}
				continue
			}
			fi, err := os.Stat(arg)
			switch {
			case err != nil:
				if !yield(Input{Path: arg, Err: err}) {
					return
				}
			case fi.IsDir():
				if !walk(arg, exts, skip, yield) {
					return
				}
			default:
				if !yield(Input{Path: arg, file: arg}) {
					return
				}
			}
		}
	}
}

// walk yields the inputs under the directory root; it returns false when
// yield asked to stop.
func walk(root string, exts, skip []string, yield func(Input) bool) bool {
	stopped := false
	send := func(in Input) error {
		if !yield(in) {
			stopped = true
			return filepath.SkipAll
		}
		return nil
	}
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not follow a link given as its root; a trailing
		// separator makes the system follow it.
		root += string(filepath.Separator)
	}
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// The root, or a folder that could not be listed (then d is
			// the folder and returning nil skips it), or an entry that
			// vanished.
			return send(Input{Path: path, Err: err})
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || slices.Contains(skip, name)) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || !hasExtension(name, exts) {
			return nil
		}
		if !d.Type().IsRegular() {
			// A symbolic link is followed to a file, never to a folder
			// (which could loop); devices, pipes and sockets are left out.
			if d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		return send(Input{Path: path, file: path})
	})
	return !stopped
}

func hasExtension(name string, exts []string) bool {
	ext := filepath.Ext(name)
	for _, e := range exts {
		if strings.EqualFold(ext, e) {
			return true
		}
	}
	return false
}

// ParseExtensions reads a list of extensions as a user writes them ("txt",
// ".md", "TXT", several in one item separated by commas) into the form of
// Options.Extensions: lower case, with a leading dot, without duplicates.
func ParseExtensions(list []string) ([]string, error) {
	var exts []string
	for _, item := range list {
		for e := range strings.SplitSeq(item, ",") {
			e = strings.ToLower(strings.TrimSpace(e))
			if e == "" {
				continue
			}
			e = "." + strings.TrimPrefix(e, ".")
			if e == "." || strings.ContainsAny(e[1:], `./\*?`) {
				return nil, fmt.Errorf("invalid extension %q (want a list like txt,md)", strings.TrimSpace(item))
			}
			if !slices.Contains(exts, e) {
				exts = append(exts, e)
			}
		}
	}
	if len(exts) == 0 {
		return nil, errors.New("no extension given (want a list like txt,md)")
	}
	return exts, nil
}

// Reason returns what went wrong in err without the operation and the path
// that a *fs.PathError adds ("no such file or directory" rather than "stat
// a.txt: no such file or directory"), or the URL that an error of Fetch
// starts with ("HTTP 404 Not Found"), for messages that name the path or the
// URL themselves.
func Reason(err error) string {
	var pe *fs.PathError
	var fe *fetchError
	var se *StatusError
	switch {
	case errors.As(err, &fe):
		return fe.msg
	case errors.As(err, &se):
		return se.reason()
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}
