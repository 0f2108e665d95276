// Package packs holds mtlint's phrase packs — calques, garbled idioms, false
// friends and tortured phrases as YAML data — and the matcher that finds all
// their entries in one pass over a document's tokens. Each pack becomes one
// rule, CATEGORY.PACK; see README.md in this folder for the format.
package packs

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mtlint/mtlint/rules"
)

// Pack is one pack file: a named list of entries that share a category, a
// default severity and an explanation.
type Pack struct {
	// Name is the pack's name, kebab case; the rule ID is Category.Name.
	Name string `yaml:"pack"`
	// Category is the rule's category: idiom, spinning, grammar or
	// typography.
	Category rules.Category `yaml:"category"`
	// Severity is the default severity of the entries.
	Severity rules.Severity `yaml:"severity"`
	// Doc is one line for `mtlint rules`.
	Doc string `yaml:"doc"`
	// Explanation says why these phrases appear and what to do.
	Explanation string `yaml:"explanation"`
	// SafeFix says that an entry's single suggestion may be applied by
	// `mtlint fix` unread: true for calques whose English equivalent is
	// mechanical ("more early" is "earlier"), false where suggestions change
	// tense or meaning or guess at a spun original.
	SafeFix bool `yaml:"safe_fix"`
	// Entries are the phrases.
	Entries []*Entry `yaml:"entries"`
	// Table holds more entries, one a line, for packs that a tool generates
	// by the thousand: a YAML block scalar is read far faster than as many
	// mappings. See tableColumns. Parse reads its rows into Entries and
	// leaves it empty.
	Table string `yaml:"table"`
	// Source names where the pack came from: a built-in file or a path.
	Source string `yaml:"-"`
}

// Entry is one phrase of a pack.
type Entry struct {
	// Pattern is the token sequence to find (see README.md).
	Pattern string `yaml:"pattern"`
	// Suggest are replacements of the matched text, best first; {N} stands
	// for the text of the Nth element of the pattern.
	Suggest []string `yaml:"suggest"`
	// Lang lists the source languages the phrase betrays (fr, es, ru, …).
	Lang []string `yaml:"lang"`
	// Message says what is wrong, in one line.
	Message string `yaml:"message"`
	// Severity overrides the pack's severity when set.
	Severity rules.Severity `yaml:"severity"`
	// Explain says more about this entry.
	Explain string `yaml:"explain"`
	// Guard limits where the entry fires.
	Guard Guard `yaml:"guard"`
	// Requires lists phrases of which one must occur in the same document
	// (window) for the entry to fire: the Problematic Paper Screener's
	// "AND expected term" guard, which counts "profound learning" only
	// where "deep learning" is discussed too.
	Requires []string `yaml:"requires"`
	// Excludes lists phrases none of which may occur in the document.
	Excludes []string `yaml:"excludes"`
	// Examples must and must not be flagged by the entry.
	Examples Examples `yaml:"examples"`
	// Line is the entry's line in its file, for error messages.
	Line int `yaml:"-"`
}

// Guard lists conditions on the tokens around a match: words, or the
// classes {number}, {day}, {month}, {cap}, {word}, {punct}, {end} and
// {start}.
type Guard struct {
	// Before: the token after the match must be one of these.
	Before []string `yaml:"before"`
	// NotBefore: the token after the match must be none of these.
	NotBefore []string `yaml:"not_before"`
	// After: the token before the match must be one of these.
	After []string `yaml:"after"`
	// NotAfter: the token before the match must be none of these.
	NotAfter []string `yaml:"not_after"`
}

// Examples are sentences an entry must flag and similar ones it must not.
type Examples struct {
	Flagged   []string `yaml:"flagged"`
	Unflagged []string `yaml:"unflagged"`
}

// ID returns the ID of the pack's rule: the category, a dot and the pack's
// name without a leading "category-", so that the file idiom-time.yaml,
// pack idiom-time, is the rule idiom.time.
func (p *Pack) ID() string {
	return string(p.Category) + "." + strings.TrimPrefix(p.Name, string(p.Category)+"-")
}

// EntrySeverity returns the severity of entry e of the pack.
func (p *Pack) EntrySeverity(e *Entry) rules.Severity {
	if e.Severity != 0 {
		return e.Severity
	}
	return p.Severity
}

// Parse reads a pack in the YAML format. name says where it came from, for
// error messages, and gives the pack its name when the file has none.
func Parse(name string, data []byte) (*Pack, error) {
	// One parse into nodes serves the decoding, the check for unknown
	// fields and the entries' lines: parsing is most of the cost of
	// loading the built-in packs at every start.
	// A table that ends the file is taken as it is, not scanned by the
	// YAML parser, which reads a long block scalar slowly.
	data, table, tableLine := splitTable(data)
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: empty pack", name)
	}
	doc := root.Content[0]
	if err := checkFields(doc, packFields); err != nil {
		return nil, fmt.Errorf("%s:%v", name, err)
	}
	p := &Pack{Source: name}
	if err := doc.Decode(p); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if entries := field(doc, "entries"); entries != nil && entries.Kind == yaml.SequenceNode && len(entries.Content) == len(p.Entries) {
		for i, e := range p.Entries {
			e.Line = entries.Content[i].Line
		}
	}
	if tableLine > 0 {
		if p.Table != "" {
			return nil, fmt.Errorf("%s:%d: a second table", name, tableLine)
		}
		p.Table = table
	}
	if p.Table != "" {
		line := tableLine
		if t := field(doc, "table"); t != nil {
			line = t.Line
		}
		if err := p.readTable(line); err != nil {
			return nil, fmt.Errorf("%s:%v", name, err)
		}
		p.Table = "" // its rows are entries now
	}
	if p.Name == "" {
		p.Name = strings.TrimSuffix(path.Base(name), path.Ext(name))
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// The fields of a pack, an entry and an entry's guard and examples: any
// other is a mistake worth an error (a misspelt guard would silently match
// everywhere).
var (
	packFields  = fieldSet{"pack": nil, "category": nil, "severity": nil, "doc": nil, "explanation": nil, "safe_fix": nil, "entries": entryFields, "table": nil}
	entryFields = fieldSet{"pattern": nil, "suggest": nil, "lang": nil, "message": nil, "severity": nil, "explain": nil,
		"guard":    fieldSet{"before": nil, "not_before": nil, "after": nil, "not_after": nil},
		"requires": nil, "excludes": nil, "examples": fieldSet{"flagged": nil, "unflagged": nil}}
)

// fieldSet maps the known keys of a mapping to the fields of their values
// (of each element, for a sequence), or nil when those are not checked.
type fieldSet map[string]fieldSet

// checkFields reports the first key of n, or of the mappings below it, that
// fs does not know, with its line.
func checkFields(n *yaml.Node, fs fieldSet) error {
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if err := checkFields(c, fs); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			sub, ok := fs[k.Value]
			if !ok {
				return fmt.Errorf("%d: unknown field %q", k.Line, k.Value)
			}
			if sub != nil {
				if err := checkFields(v, sub); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// field returns the value of key in the mapping n, or nil.
func field(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// Validate checks the pack: its name, category and severity, and for each
// entry a pattern that compiles, a message, known languages' form, guards
// and examples.
func (p *Pack) Validate() error {
	where := p.Source
	if !isKebab(p.Name) {
		return fmt.Errorf("%s: pack name %q must be kebab case (a-z, 0-9, -)", where, p.Name)
	}
	switch p.Category {
	case rules.Idiom, rules.Spinning, rules.Grammar, rules.Typography:
	default:
		return fmt.Errorf("%s: category %q: want idiom, spinning, grammar or typography", where, p.Category)
	}
	if p.Severity == 0 {
		return fmt.Errorf("%s: severity missing: want info, warning or error", where)
	}
	if p.Doc == "" || p.Explanation == "" {
		return fmt.Errorf("%s: a pack needs a doc line and an explanation", where)
	}
	if len(p.Entries) == 0 {
		return fmt.Errorf("%s: no entries", where)
	}
	for i, e := range p.Entries {
		// where an error lies, written only for an error: formatting it
		// for each of the thousands of entries was a good part of the
		// cost of loading the built-in packs at every start
		at := func() string { return fmt.Sprintf("%s:%d: entry %d (%q)", where, e.Line, i+1, e.Pattern) }
		elems, err := parsePattern(e.Pattern)
		if err != nil {
			return fmt.Errorf("%s: %v", at(), err)
		}
		if e.Message == "" {
			return fmt.Errorf("%s: no message", at())
		}
		for _, s := range e.Suggest {
			if err := checkRefs(s, len(elems)); err != nil {
				return fmt.Errorf("%s: suggestion %q: %v", at(), s, err)
			}
		}
		for _, l := range e.Lang {
			if len(l) < 2 || len(l) > 5 || strings.ToLower(l) != l {
				return fmt.Errorf("%s: language %q: want a lower-case code such as fr, es, ru, zh", at(), l)
			}
		}
		for _, ph := range append(slices.Clip(e.Requires), e.Excludes...) {
			if _, err := phraseHashes(ph); err != nil {
				return fmt.Errorf("%s: phrase %q: %v", at(), ph, err)
			}
		}
		for _, g := range [][]string{e.Guard.Before, e.Guard.NotBefore, e.Guard.After, e.Guard.NotAfter} {
			for _, w := range g {
				if _, err := parseGuardWord(w); err != nil {
					return fmt.Errorf("%s: guard %q: %v", at(), w, err)
				}
			}
		}
	}
	return nil
}

// checkRefs checks that every {N} of a suggestion names an element.
func checkRefs(s string, n int) error {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return nil
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return fmt.Errorf("unclosed {")
		}
		var k int
		if _, err := fmt.Sscanf(s[i+1:i+j], "%d", &k); err != nil || k < 1 || k > n {
			return fmt.Errorf("{%s} names no element of the pattern (1 to %d)", s[i+1:i+j], n)
		}
		s = s[i+j+1:]
	}
}

func isKebab(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Builtin returns the built-in packs, sorted by name: the *.yaml files of
// this package's folder, compiled into the binary (see compiled.go). The
// slice is new on each call; the packs are shared and must not be modified.
func Builtin() ([]*Pack, error) {
	s, err := BuiltinSet()
	if err != nil {
		return nil, err
	}
	return slices.Clone(s.Packs()), nil
}

// LoadFS reads every *.yaml pack in dir of fsys, sorted by file name.
func LoadFS(fsys fs.FS, dir string) ([]*Pack, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var out []*Pack
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		p, err := Parse(n, data)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// tableColumns are the tab-separated columns of a line of a pack's table, in
// order: the pattern, one suggestion (or none), the severity (empty for the
// pack's), the phrases the document requires and those it excludes (each
// list separated by " ; "), the message, one flagged and one unflagged
// example. Lines that are empty or start with # are skipped.
var tableColumns = []string{"pattern", "suggest", "severity", "requires", "excludes", "message", "flagged", "unflagged"}

// readTable appends the entries of p.Table, whose first line follows the
// file's line at.
func (p *Pack) readTable(at int) error {
	list := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, " ; ")
	}
	// The entries are allocated together, and each line is cut into its
	// columns in place: the generated packs have thousands of lines, read
	// at every start.
	entries := make([]Entry, 0, strings.Count(p.Table, "\n")+1)
	var f [8]string // len(tableColumns)
	rest := p.Table
	for i := 0; rest != ""; i++ {
		l, after, _ := strings.Cut(rest, "\n")
		rest = after
		if l == "" || l[0] == '#' {
			continue
		}
		line := at + 1 + i
		n := 0
		for col := l; ; {
			if n == len(f) {
				n++ // a column too many
				break
			}
			var found bool
			f[n], col, found = strings.Cut(col, "\t")
			n++
			if !found {
				break
			}
		}
		if n != len(tableColumns) {
			return fmt.Errorf("%d: table line has %d columns, want %d (%s)", line, strings.Count(l, "\t")+1, len(tableColumns), strings.Join(tableColumns, ", "))
		}
		entries = append(entries, Entry{Pattern: f[0], Requires: list(f[3]), Excludes: list(f[4]), Message: f[5], Line: line,
			Examples: Examples{Flagged: list(f[6]), Unflagged: list(f[7])}})
		e := &entries[len(entries)-1]
		if f[1] != "" {
			e.Suggest = []string{f[1]}
		}
		if f[2] != "" {
			sev, err := rules.ParseSeverity(f[2])
			if err != nil {
				return fmt.Errorf("%d: %v", line, err)
			}
			e.Severity = sev
		}
	}
	for i := range entries {
		p.Entries = append(p.Entries, &entries[i])
	}
	return nil
}

// TableHeader is the comment line that names the columns of a pack's table,
// written by the generators above their rows.
const TableHeader = "# pattern, suggestion, severity, requires, excludes, message, flagged and unflagged example"

// TableRow writes e as one line of a pack's table, the inverse of reading
// one (see tableColumns), for the tools that generate packs: at most one
// suggestion, the severity only when e overrides the pack's. It fails on a
// field that holds a tab or a line break, or a list item that holds the
// list separator, which the table could not read back.
func TableRow(e *Entry) (string, error) {
	if len(e.Suggest) > 1 {
		return "", fmt.Errorf("%q: a table row holds one suggestion, not %d", e.Pattern, len(e.Suggest))
	}
	sev := ""
	if e.Severity != 0 {
		sev = e.Severity.String()
	}
	list := func(items []string) (string, error) {
		for _, it := range items {
			if strings.Contains(it, " ; ") {
				return "", fmt.Errorf("%q: list item %q holds the separator \" ; \"", e.Pattern, it)
			}
		}
		return strings.Join(items, " ; "), nil
	}
	cols := []string{e.Pattern, strings.Join(e.Suggest, ""), sev}
	for _, l := range [][]string{e.Requires, e.Excludes} {
		c, err := list(l)
		if err != nil {
			return "", err
		}
		cols = append(cols, c)
	}
	cols = append(cols, e.Message)
	for _, l := range [][]string{e.Examples.Flagged, e.Examples.Unflagged} {
		c, err := list(l)
		if err != nil {
			return "", err
		}
		cols = append(cols, c)
	}
	for _, c := range cols {
		if strings.ContainsAny(c, "\t\n\r") {
			return "", fmt.Errorf("%q: a field holds a tab or a line break: %q", e.Pattern, c)
		}
	}
	return strings.Join(cols, "\t"), nil
}

// tableKey starts a table given as a literal block at the top level.
const tableKey = "\ntable: |\n"

// splitTable cuts a table that ends the file off data: the lines after
// "table: |", each indented by two spaces (or empty), to the end. It returns
// the rest of the file, the table's text without the indentation and the
// file's line of "table: |"; tableLine is 0, and data whole, when the file
// does not end with such a table, which the YAML parser then reads.
func splitTable(data []byte) (rest []byte, table string, tableLine int) {
	i := bytes.Index(data, []byte(tableKey))
	if i < 0 {
		return data, "", 0
	}
	body := data[i+len(tableKey):]
	var b strings.Builder
	b.Grow(len(body))
	for len(body) > 0 {
		line := body
		if j := bytes.IndexByte(body, '\n'); j >= 0 {
			line, body = body[:j], body[j+1:]
		} else {
			body = nil
		}
		switch {
		case len(line) == 0:
		case bytes.HasPrefix(line, []byte("  ")):
			b.Write(line[2:])
		default:
			return data, "", 0 // something follows the table
		}
		b.WriteByte('\n')
	}
	return data[:i+1], b.String(), 1 + bytes.Count(data[:i+1], []byte{'\n'})
}
