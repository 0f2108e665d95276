// Package baseline records the findings a content repository accepts today,
// so that CI fails only on new ones: mtlint check --write-baseline FILE
// writes them, mtlint check --baseline FILE reports only the findings that
// are not in it.
//
// # Fingerprints
//
// A finding is recorded by what it flags, not by where: its rule ID, the
// flagged text, and up to two words of the same line on each side of it
// (within 60 bytes), each with every run of white space made one space. Line
// numbers and offsets are left out, so that an edit elsewhere in the file —
// a paragraph added above, a typo fixed below — leaves the fingerprint as it
// was, while an edit of the flagged text or of the words next to it makes the
// finding new. A flagged text longer than 120 bytes is kept as its first 60
// bytes, "…" and a hash of the whole.
//
// Fingerprints are counted per file: a baseline that holds one " ," after
// "this week" accepts one such finding in that file; a second copy is new
// (the later one in the file is reported). Files are named by their path
// relative to the folder of the baseline file (see PathFrom; cleaned, with
// forward slashes), so the baseline is checked from any folder; version 1
// baselines, which named files as the command line gave them, are still read,
// and checked from the folder they were written from. A renamed file is a
// file without a baseline entry, and its findings are reported until the
// baseline is written again.
//
// The file is JSON: a version, then the files in path order, each with its
// fingerprints in the order of the findings, one a line so that a pull
// request that changes the baseline reads as the list of findings it accepts
// or drops.
package baseline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
)

// Version is the version of the file format that this package writes. It
// reads it and version 1, whose paths are relative to the working folder the
// baseline was written from, where version 2's are relative to the folder of
// the baseline file.
const Version = 2

// PathFrom is how a baseline at baseFile names the input at path (as the
// command line gave it): a file by its path relative to the folder of
// baseFile, with forward slashes, so that "cd sub && mtlint check --baseline
// ../b.json x.md" finds the entry of sub/x.md; a URL or <stdin> as it is.
func PathFrom(baseFile, path string) string {
	norm := NormPath(path)
	if norm == "" || strings.Contains(path, "://") || strings.HasPrefix(path, "<") {
		return norm // a URL or standard input
	}
	dir, err := filepath.Abs(filepath.Dir(baseFile))
	if err != nil {
		return norm
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return norm
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(abs) // another volume
	}
	return filepath.ToSlash(rel)
}

// RelativeToFile reports whether b names files relative to the folder of
// its file (PathFrom), as version 2 does, rather than relative to the
// working folder, as version 1 did.
func (b *Baseline) RelativeToFile() bool { return b.Version >= 2 }

// Fingerprint identifies a finding within a file without its position.
type Fingerprint struct {
	// Rule is the rule ID.
	Rule string `json:"rule"`
	// Text is the flagged text, white space collapsed; a long one is cut
	// and carries a hash of the whole.
	Text string `json:"text"`
	// Before and After are up to two words on each side of the flagged
	// text on its line.
	Before string `json:"before"`
	After  string `json:"after"`
}

// Entry is a fingerprint and how many findings of a file have it.
type Entry struct {
	Fingerprint
	// Count is at least 1; the file leaves it out when it is 1.
	Count int `json:"count,omitempty"`
}

// File is the accepted findings of one input.
type File struct {
	// Path names the input as the command line did, cleaned, with forward
	// slashes (a URL as given).
	Path     string  `json:"path"`
	Findings []Entry `json:"findings"`
}

// Baseline is the findings accepted in a set of inputs.
type Baseline struct {
	Version int    `json:"version"`
	Files   []File `json:"files"`
}

// Bounds of a fingerprint.
const (
	contextWords = 2   // words kept on each side
	contextBytes = 60  // how far to look for them
	maxText      = 120 // longer flagged texts are cut and hashed
	keptText     = 60  // how much of a long text is kept
	// keptLine is less than what checker.Context keeps of a long line
	// after the start of a finding (200 bytes, less up to 3 to start on a
	// rune).
	keptLine = 190
)

// Of returns the fingerprint of f, from its rule, text and source line
// (f.Context). The context only reaches as far as checker keeps it around
// every finding, whatever the length of the line.
func Of(f *checker.Finding) Fingerprint {
	fp := Fingerprint{Rule: f.Rule, Text: validUTF8(collapse(f.Text))}
	if len(fp.Text) > maxText {
		sum := sha256.Sum256([]byte(fp.Text))
		cut := keptText
		for cut > 0 && !utf8.RuneStart(fp.Text[cut]) {
			cut--
		}
		fp.Text = fp.Text[:cut] + "…sha256:" + hex.EncodeToString(sum[:8])
	}
	line, start, end := f.Context.Line, f.Context.Start, f.Context.End
	if start < 0 || end < start || end > len(line) {
		return fp
	}
	// checker keeps about 200 bytes of the line on each side of the start
	// of a finding (or up to the line's ends): never look further, or the
	// fingerprint would depend on how long the line is.
	lo := max(0, start-contextBytes)
	fp.Before = lastWords(line[lo:start], lo > 0 && !isSpaceByte(line[lo-1]))
	hi := min(len(line), end+contextBytes, start+keptLine)
	if hi < end {
		hi = end
	}
	fp.After = firstWords(line[end:hi], hi < len(line) && !isSpaceByte(line[hi]))
	fp.Before, fp.After = validUTF8(fp.Before), validUTF8(fp.After)
	return fp
}

// validUTF8 replaces each byte of s that is not valid UTF-8 with U+FFFD, as
// encoding/json does when it writes s, so that a fingerprint reads back from
// the file as it was made.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
}

// lastWords returns the last contextWords words of s, joined by a space;
// cut says that the first word of s may be a part of one.
func lastWords(s string, cut bool) string {
	w := strings.Fields(s)
	if cut && len(w) > 0 && !isSpaceByte(s[0]) {
		w = w[1:]
	}
	return strings.Join(w[max(0, len(w)-contextWords):], " ")
}

// firstWords returns the first contextWords words of s; cut says that the
// last word of s may be a part of one.
func firstWords(s string, cut bool) string {
	w := strings.Fields(s)
	if cut && len(w) > 0 && !isSpaceByte(s[len(s)-1]) {
		w = w[:len(w)-1]
	}
	return strings.Join(w[:min(len(w), contextWords)], " ")
}

// collapse makes every run of white space in s one space, keeping a leading
// or trailing one: " ," and ",", or "the the" and "the\nthe" in a
// rewrapped paragraph, stay apart or meet as they should.
func collapse(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// NormPath is how a baseline names an input: a file's path cleaned, with
// forward slashes; a URL or <stdin> as it is.
func NormPath(path string) string {
	if path == "" || strings.Contains(path, "://") || strings.HasPrefix(path, "<") {
		return path
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// Recorder builds a baseline from results, in any order.
type Recorder struct {
	files map[string]*recorded
}

type recorded struct {
	entries []Entry
	index   map[Fingerprint]int
}

// Add records the findings of the input at path.
func (r *Recorder) Add(path string, findings []checker.Finding) {
	if r.files == nil {
		r.files = make(map[string]*recorded)
	}
	path = NormPath(path)
	rec := r.files[path]
	if rec == nil {
		rec = &recorded{index: make(map[Fingerprint]int)}
		r.files[path] = rec
	}
	for i := range findings {
		fp := Of(&findings[i])
		if j, ok := rec.index[fp]; ok {
			rec.entries[j].Count++
			continue
		}
		rec.index[fp] = len(rec.entries)
		rec.entries = append(rec.entries, Entry{Fingerprint: fp, Count: 1})
	}
}

// Baseline returns what was recorded: the files with findings, by path.
func (r *Recorder) Baseline() *Baseline {
	b := &Baseline{Version: Version, Files: []File{}}
	for path, rec := range r.files {
		if len(rec.entries) > 0 {
			b.Files = append(b.Files, File{Path: path, Findings: rec.entries})
		}
	}
	slices.SortFunc(b.Files, func(x, y File) int { return strings.Compare(x.Path, y.Path) })
	return b
}

// Findings returns how many findings b accepts.
func (b *Baseline) Findings() int {
	n := 0
	for _, f := range b.Files {
		for _, e := range f.Findings {
			n += max(e.Count, 1)
		}
	}
	return n
}

// Encode writes b as JSON, one fingerprint a line.
func (b *Baseline) Encode(w io.Writer) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"version\": %d,\n  \"files\": [", b.Version)
	for i, f := range b.Files {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    {\n      \"path\": ")
		writeJSON(&buf, f.Path)
		buf.WriteString(",\n      \"findings\": [")
		for j, e := range f.Findings {
			if j > 0 {
				buf.WriteByte(',')
			}
			if e.Count == 1 {
				e.Count = 0 // omitted
			}
			buf.WriteString("\n        ")
			writeJSON(&buf, e)
		}
		buf.WriteString("\n      ]\n    }")
	}
	if len(b.Files) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// writeJSON writes v as compact JSON with a space after each colon and
// comma between fields, and <, > and & as they are.
func writeJSON(buf *bytes.Buffer, v any) {
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // strings and Entry values always encode
	b := bytes.TrimSuffix(one.Bytes(), []byte("\n"))
	// Put a space after the separators between fields (outside strings).
	in := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		buf.WriteByte(c)
		switch {
		case in && c == '\\':
			i++
			buf.WriteByte(b[i])
		case c == '"':
			in = !in
		case !in && (c == ':' || c == ','):
			buf.WriteByte(' ')
		}
	}
}

// WriteFile writes b to the file named name, through a temporary file in
// the same folder so that a failed write leaves the old baseline whole.
func (b *Baseline) WriteFile(name string) error {
	fail := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // it names the temporary file
		}
		return fmt.Errorf("writing %s: %w", name, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name())
	err = b.Encode(tmp)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		return fail(err)
	}
	return nil
}

// FormatError is a baseline file that cannot be read.
type FormatError struct {
	Name string
	Line int // 0 when unknown
	Msg  string
}

// Error names the file (and line) and what is wrong, with the way out.
func (e *FormatError) Error() string {
	at := e.Name
	if e.Line > 0 {
		at = fmt.Sprintf("%s:%d", e.Name, e.Line)
	}
	return at + ": not a valid mtlint baseline: " + e.Msg + " (write it anew with mtlint check --write-baseline)"
}

// Decode reads a baseline written by Encode; name is for errors, which are
// *FormatError. Unknown fields, a version other than 1 to Version, and entries
// without a rule are errors.
func Decode(r io.Reader, name string) (*Baseline, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		fe := &FormatError{Name: name, Msg: err.Error()}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			fe.Line = lineAt(data, se.Offset)
		case errors.As(err, &te):
			fe.Line = lineAt(data, te.Offset)
		case errors.Is(err, io.EOF):
			fe.Msg = "the file is empty"
		case errors.Is(err, io.ErrUnexpectedEOF):
			fe.Msg = "the file ends too early"
		}
		return nil, fe
	}
	if dec.More() {
		return nil, &FormatError{Name: name, Line: lineAt(data, dec.InputOffset()), Msg: "text after the end of the JSON object"}
	}
	if b.Version < 1 || b.Version > Version {
		return nil, &FormatError{Name: name, Msg: fmt.Sprintf("version %d; this mtlint reads versions 1 to %d", b.Version, Version)}
	}
	for _, f := range b.Files {
		if f.Path == "" {
			return nil, &FormatError{Name: name, Msg: "a file without a path"}
		}
		for _, e := range f.Findings {
			if e.Rule == "" {
				return nil, &FormatError{Name: name, Msg: fmt.Sprintf("a finding of %s without a rule", f.Path)}
			}
			if e.Count < 0 {
				return nil, &FormatError{Name: name, Msg: fmt.Sprintf("a finding of %s with a count of %d", f.Path, e.Count)}
			}
		}
	}
	return &b, nil
}

// lineAt returns the 1-based line of byte offset off of data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// ReadFile reads the baseline file named name.
func ReadFile(name string) (*Baseline, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Decode(f, name)
}

// Matcher takes out of results the findings a baseline accepts. It is not
// safe for concurrent use: give it the results one at a time, as they are
// reported.
type Matcher struct {
	files map[string]map[Fingerprint]int // fingerprints left to match
	seen  map[string]bool                // files filtered
}

// Matcher returns a Matcher for b.
func (b *Baseline) Matcher() *Matcher {
	m := &Matcher{files: make(map[string]map[Fingerprint]int, len(b.Files)), seen: make(map[string]bool)}
	for _, f := range b.Files {
		path := NormPath(f.Path)
		fps := m.files[path]
		if fps == nil {
			fps = make(map[Fingerprint]int, len(f.Findings))
			m.files[path] = fps
		}
		for _, e := range f.Findings {
			fps[e.Fingerprint] += max(e.Count, 1)
		}
	}
	return m
}

// Filter returns the findings of the input at path that the baseline does
// not accept, in their order, reusing the memory of findings. Each accepted
// fingerprint takes as many findings as it counts, the first ones in the
// file.
func (m *Matcher) Filter(path string, findings []checker.Finding) []checker.Finding {
	path = NormPath(path)
	m.seen[path] = true
	fps := m.files[path]
	if len(fps) == 0 {
		return findings
	}
	kept := findings[:0]
	for i := range findings {
		fp := Of(&findings[i])
		if fps[fp] > 0 {
			fps[fp]--
			continue
		}
		kept = append(kept, findings[i])
	}
	return kept
}

// Unused returns how many accepted findings of the inputs filtered so far
// did not occur: the baseline is out of date for them. Inputs that were not
// filtered (not checked in this run) do not count.
func (m *Matcher) Unused() int {
	n := 0
	for path := range m.seen {
		for _, left := range m.files[path] {
			n += left
		}
	}
	return n
}
