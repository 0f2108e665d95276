// Package changes knows which lines of which files changed: it reads unified
// diffs (git's, with or without a/ b/ prefixes, or those of diff -u) into the
// lines that each file's new version added or changed, and asks git for the
// diff of a working tree against a commit. mtlint uses it to report, on a
// pull request, only the findings on the lines the pull request touched:
//
//	set, err := changes.Git(ctx, ".", "origin/main")
//	...
//	lines, err := set.Lookup("docs/article.md")
//	if lines.Intersects(f.Line, f.EndLine) { ... }
//
// Only lines of the new version count: a line that was deleted leaves no
// line behind, so the lines around it are unchanged unless the diff says
// otherwise. A changed line is a deleted line followed by an added one, and
// counts as added.
package changes

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Range is a run of lines, 1-based, First to Last inclusive.
type Range struct {
	First, Last int
}

// File is what a diff says of one file.
type File struct {
	// Old and New are the file's paths before and after, without the a/ and
	// b/ prefixes of git; Old is empty for a new file and New for a
	// deleted one.
	Old, New string
	// Added are the lines of the new version that were added or changed,
	// in order, adjacent runs merged.
	Added []Range
}

// Lines returns the added lines of f as a Lines.
func (f *File) Lines() *Lines { return &Lines{ranges: f.Added} }

// Lines are the added or changed lines of a file's new version. A nil
// *Lines has none.
type Lines struct {
	// whole is set for a file that is new as a whole to git (untracked).
	whole  bool
	ranges []Range
}

// Whole returns Lines that hold every line: those of a file that is new as
// a whole.
func Whole() *Lines { return &Lines{whole: true} }

// IsWhole reports whether every line counts as changed.
func (l *Lines) IsWhole() bool { return l != nil && l.whole }

// Ranges returns the runs of changed lines, in order; nil for a whole file.
func (l *Lines) Ranges() []Range {
	if l == nil {
		return nil
	}
	return l.ranges
}

// Intersects reports whether any line from first to last (inclusive)
// changed. A nil *Lines intersects nothing.
func (l *Lines) Intersects(first, last int) bool {
	switch {
	case l == nil:
		return false
	case l.whole:
		return true
	case last < first:
		last = first
	}
	// The first range that does not end before first.
	i, _ := slices.BinarySearchFunc(l.ranges, first, func(r Range, line int) int {
		if r.Last < line {
			return -1
		}
		return 1
	})
	return i < len(l.ranges) && l.ranges[i].First <= last
}

// SyntaxError is a diff that cannot be read: a malformed hunk header, or a
// hunk whose lines do not add up to what its header says.
type SyntaxError struct {
	Line int // 1-based line of the diff
	Msg  string
}

// Error says where the diff is malformed and how.
func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// maxHeader is the longest line kept whole: longer lines are hunk lines,
// of which only the first bytes matter, or no header mtlint reads.
const maxHeader = 64 << 10

// Parse reads a unified diff: the output of git diff (with any number of
// context lines, a/ b/ prefixes or --no-prefix, renames, new, deleted and
// binary files, quoted paths), git show, git format-patch, or diff -u and
// diff -ruN. Lines outside file headers and hunks (commit messages, index
// lines, "\ No newline at end of file") are skipped. It returns one File a
// file header, in the order of the diff; a SyntaxError says where a hunk is
// malformed.
func Parse(r io.Reader) ([]File, error) {
	p := parser{r: bufio.NewReaderSize(r, 32<<10)}
	return p.parse()
}

// parser is the state of Parse.
type parser struct {
	r    *bufio.Reader
	long []byte // a line longer than the reader's buffer
	n    int    // lines read

	files []File
	cur   *File
	// gitHeader is the "diff --git" line of the current file, if any;
	// oldRaw and newRaw are its "---" and "+++" paths as written, and
	// renamed its "rename to" path.
	gitHeader      string
	oldRaw, newRaw string
	haveOld        bool
	renameFrom     string
	renameTo       string
}

// line returns the next line without its line break (and without a
// carriage return before it), or io.EOF. A line longer than maxHeader is cut.
func (p *parser) line() ([]byte, error) {
	b, err := p.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		p.long = append(p.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = p.r.ReadSlice('\n')
			if len(p.long) < maxHeader {
				p.long = append(p.long, b[:min(len(b), maxHeader-len(p.long))]...)
			}
		}
		b = p.long
	}
	if err != nil && (err != io.EOF || len(b) == 0) {
		return nil, err
	}
	p.n++
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return b, nil
}

func (p *parser) errorf(format string, args ...any) error {
	return &SyntaxError{Line: p.n, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) parse() ([]File, error) {
	for {
		b, err := p.line()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch {
		case bytes.HasPrefix(b, []byte("diff --git ")):
			p.start()
			p.gitHeader = string(b[len("diff --git "):])
		case bytes.HasPrefix(b, []byte("diff --cc ")), bytes.HasPrefix(b, []byte("diff --combined ")):
			p.start()
			p.gitHeader = "--cc"
		case bytes.HasPrefix(b, []byte("--- ")):
			if p.cur == nil || p.haveOld || len(p.cur.Added) > 0 {
				p.start() // diff -u: "---" starts a file
			}
			p.oldRaw, p.haveOld = string(b[4:]), true
			p.paths()
		case bytes.HasPrefix(b, []byte("+++ ")) && p.cur != nil:
			p.newRaw = string(b[4:])
			p.paths()
		case bytes.HasPrefix(b, []byte("rename from ")) && p.cur != nil:
			p.renameFrom = string(b[len("rename from "):])
			p.paths()
		case bytes.HasPrefix(b, []byte("rename to ")) && p.cur != nil:
			p.renameTo = string(b[len("rename to "):])
			p.paths()
		case bytes.HasPrefix(b, []byte("@@")):
			if err := p.hunk(b); err != nil {
				return nil, err
			}
		}
	}
	p.finishFile()
	return p.files, nil
}

// start begins a new file.
func (p *parser) start() {
	p.finishFile()
	p.files = append(p.files, File{})
	p.cur = &p.files[len(p.files)-1]
	p.gitHeader, p.oldRaw, p.newRaw, p.haveOld, p.renameFrom, p.renameTo = "", "", "", false, "", ""
}

// finishFile sorts and merges the added lines of the current file, should a
// hand-written diff list its hunks out of order or overlapping.
func (p *parser) finishFile() {
	if p.cur == nil {
		return
	}
	rs := p.cur.Added
	apart := true
	for i := 1; i < len(rs) && apart; i++ {
		apart = rs[i].First > rs[i-1].Last+1
	}
	if apart {
		return
	}
	slices.SortFunc(rs, func(a, b Range) int { return a.First - b.First })
	out := rs[:1]
	for _, r := range rs[1:] {
		if last := &out[len(out)-1]; r.First <= last.Last+1 {
			last.Last = max(last.Last, r.Last)
		} else {
			out = append(out, r)
		}
	}
	p.cur.Added = out
}

// paths sets the current file's paths from what its header said so far:
// the "---" and "+++" lines, else git's "rename from" and "rename to".
func (p *parser) paths() {
	oldP, oldNull := headerPath(p.oldRaw)
	newP, newNull := headerPath(p.newRaw)
	if p.prefixed(oldP, newP, oldNull, newNull) {
		oldP = strings.TrimPrefix(oldP, "a/")
		newP = strings.TrimPrefix(newP, "b/")
	}
	if oldNull {
		oldP = ""
	}
	if newNull {
		newP = ""
	}
	if p.oldRaw == "" && p.newRaw == "" {
		// A rename without changes has no "---" and "+++" lines; git
		// writes these paths without prefixes.
		oldP, _ = unquote(p.renameFrom)
		newP, _ = unquote(p.renameTo)
	}
	p.cur.Old, p.cur.New = oldP, newP
}

// prefixed decides whether a file's paths carry git's a/ and b/ prefixes.
// In a git diff the "diff --git" line tells: "diff --git a/x b/x" has them
// and "diff --git x x" (--no-prefix) has not. Elsewhere they are taken off
// when both paths have them.
func (p *parser) prefixed(oldP, newP string, oldNull, newNull bool) bool {
	if h := p.gitHeader; h != "" && h != "--cc" {
		return (strings.HasPrefix(h, "a/") || strings.HasPrefix(h, `"a/`)) &&
			(strings.Contains(h, " b/") || strings.Contains(h, ` "b/`))
	}
	return (oldNull || strings.HasPrefix(oldP, "a/")) && (newNull || strings.HasPrefix(newP, "b/")) && !(oldNull && newNull)
}

// headerPath returns the path of a "---" or "+++" line after its marker:
// unquoted if git quoted it, cut at a tab (diff -u writes a date after one,
// and git a tab after a path with a space in it). null is set for
// /dev/null.
func headerPath(s string) (path string, null bool) {
	if s == "" {
		return "", false
	}
	if s[0] == '"' {
		if q, ok := unquote(s); ok {
			return q, false
		}
	}
	if i := strings.IndexByte(s, '\t'); i >= 0 {
		s = s[:i]
	}
	return s, s == "/dev/null"
}

// unquote reads a path that git quoted (core.quotePath): a C-style string in
// double quotes with \a \b \t \n \v \f \r \" \\ and octal escapes of bytes.
// A path that does not start with a quote is returned as it is; ok is false
// for a malformed quoted one, returned as it is too.
func unquote(s string) (string, bool) {
	if s == "" || s[0] != '"' {
		return s, true
	}
	var b []byte
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return string(b), true
		case c != '\\':
			b = append(b, c)
			continue
		}
		i++
		if i >= len(s) {
			break
		}
		switch c = s[i]; c {
		case 'a':
			b = append(b, '\a')
		case 'b':
			b = append(b, '\b')
		case 't':
			b = append(b, '\t')
		case 'n':
			b = append(b, '\n')
		case 'v':
			b = append(b, '\v')
		case 'f':
			b = append(b, '\f')
		case 'r':
			b = append(b, '\r')
		case '0', '1', '2', '3':
			if i+2 >= len(s) {
				return s, false
			}
			v, err := strconv.ParseUint(s[i:i+3], 8, 8)
			if err != nil {
				return s, false
			}
			b = append(b, byte(v))
			i += 2
		default:
			b = append(b, c) // \" \\ and anything else stand for themselves
		}
	}
	return s, false
}

// errNoFile is the error of a hunk before any file header.
var errNoFile = errors.New("a hunk before any file header (---/+++ or diff --git)")

// hunk reads a hunk: its header b ("@@ -a,b +c,d @@", or "@@@ -a,b -c,d
// +e,f @@@" with one more @ and one more old range for each further parent
// of a merge) and as many lines as the header counts.
func (p *parser) hunk(b []byte) error {
	if p.cur == nil {
		return p.errorf("%v", errNoFile)
	}
	at := 0
	for at < len(b) && b[at] == '@' {
		at++
	}
	parents := at - 1
	if parents < 1 || at >= len(b) || b[at] != ' ' {
		return p.errorf("malformed hunk header %q", clip(b))
	}
	fields := strings.Fields(string(b[at:]))
	// parents old ranges, one new range, then the closing @s.
	if len(fields) < parents+2 || fields[parents+1] != strings.Repeat("@", parents+1) {
		return p.errorf("malformed hunk header %q (want @@ -a,b +c,d @@)", clip(b))
	}
	oldLeft := make([]int, parents)
	for i := range parents {
		_, n, ok := hunkRange(fields[i], '-')
		if !ok {
			return p.errorf("malformed old range %q in hunk header %q", fields[i], clip(b))
		}
		oldLeft[i] = n
	}
	line, newLeft, ok := hunkRange(fields[parents], '+')
	if !ok {
		return p.errorf("malformed new range %q in hunk header %q", fields[parents], clip(b))
	}
	if line == 0 && newLeft > 0 {
		return p.errorf("hunk header %q: lines are counted from 1", clip(b))
	}
	header := p.n
	pending := func() bool {
		if newLeft > 0 {
			return true
		}
		for _, n := range oldLeft {
			if n > 0 {
				return true
			}
		}
		return false
	}
	for pending() {
		b, err := p.line()
		if err == io.EOF {
			return &SyntaxError{Line: header, Msg: fmt.Sprintf("the diff ends inside the hunk that starts here (%d lines missing)", max(newLeft, slices.Max(oldLeft)))}
		}
		if err != nil {
			return err
		}
		if len(b) > 0 && b[0] == '\\' {
			continue // "\ No newline at end of file"
		}
		// The first bytes, one a parent, say whether the line is in that
		// parent and the new version (' '), only in the new version ('+')
		// or only in that parent ('-'). An empty line is a context line
		// whose space an editor took off.
		inNew, added := true, false
		for i := range parents {
			switch c := col(b, i); c {
			case ' ':
			case '+':
				added = true
			case '-':
				inNew = false
			default:
				return p.errorf("a hunk line must start with ' ', '+', '-' or '\\', not %q (the hunk header at line %d counts %d more new lines)", c, header, newLeft)
			}
		}
		// A line in the new version is in each parent marked ' '; a
		// removed one in each parent marked '-'.
		for i := range parents {
			if c := col(b, i); inNew && c == ' ' || !inNew && c == '-' {
				oldLeft[i]--
			}
		}
		for i, n := range oldLeft {
			if n < 0 {
				return p.errorf("more old lines than the hunk header at line %d says (parent %d)", header, i+1)
			}
		}
		if !inNew {
			continue
		}
		if newLeft == 0 {
			return p.errorf("more new lines than the hunk header at line %d says", header)
		}
		newLeft--
		if added {
			p.add(line)
		}
		line++
	}
	return nil
}

// col returns the marker of parent i on hunk line b: a space past its end.
func col(b []byte, i int) byte {
	if i < len(b) {
		return b[i]
	}
	return ' '
}

// add records line as added in the current file.
func (p *parser) add(line int) {
	rs := p.cur.Added
	if n := len(rs); n > 0 && rs[n-1].Last+1 == line {
		rs[n-1].Last = line
		return
	}
	p.cur.Added = append(rs, Range{First: line, Last: line})
}

// hunkRange reads "-a,b" or "+c,d" (",1" may be left out) into its start
// and count.
func hunkRange(s string, sign byte) (start, count int, ok bool) {
	if len(s) < 2 || s[0] != sign {
		return 0, 0, false
	}
	s = s[1:]
	count = 1
	if i := strings.IndexByte(s, ','); i >= 0 {
		c, err := strconv.Atoi(s[i+1:])
		if err != nil || c < 0 || c > 1<<30 {
			return 0, 0, false
		}
		count, s = c, s[:i]
	}
	start, err := strconv.Atoi(s)
	if err != nil || start < 0 || start > 1<<30 {
		return 0, 0, false
	}
	return start, count, true
}

// clip shortens a line for an error message.
func clip(b []byte) string {
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}
