// Package config reads mtlint's configuration files, .mtlint.yml, and
// gives each checked file the checker its configuration asks for.
//
// A file looks like this (every key is optional):
//
//	root: true                                        # look no further up
//	disable: [punctuation, repetition.doubled-word]   # rule IDs or categories
//	enable: [spinning.generated]
//	severity: {boilerplate: error, idiom.false-friends: info}
//	ignore: ["vendor/**", "*.min.html"]               # paths never checked
//	packs: [house-phrases.yaml]                       # relative to this file
//	accept: ["Walla Walla", "per se"]                 # never flagged
//	fail-on: warning
//	format: text
//	languages: [fr, de, ru]                           # told apart from English
//	serve: {listen: 127.0.0.1:8081, workers: 2}       # mtlint serve (see Serve)
//	overrides:
//	  - files: "drafts/**"
//	    disable: [quotes]
//
// Files are found as .editorconfig files are (see Dispatcher): for each
// checked file, every .mtlint.yml (or .mtlint.yaml) in its folder and the
// folders above it, up to one that says root: true, applies, a nearer one
// winning over a farther one. Parse reports unknown keys and bad values with
// the file, line and column, and a hint.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/internal/suggest"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/language/langid"
)

// Names are the names of a configuration file, in the order they are looked
// for in each folder.
var Names = []string{".mtlint.yml", ".mtlint.yaml"}

// Pos is where something was written in a configuration file.
type Pos struct {
	// File is the configuration file's path, as it is shown in messages.
	File string
	// Line and Col are 1-based; 0 when unknown.
	Line, Col int
}

// String returns "file:line:col", leaving out what is unknown.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// Error is a mistake in a configuration file: where, what, and a hint.
type Error struct {
	Pos Pos
	// Msg says what is wrong.
	Msg string
	// Hint says what was probably meant ("did you mean disable?") or what
	// is allowed; it may be empty.
	Hint string
}

// Error returns "file:line:col: msg (hint)".
func (e *Error) Error() string {
	s := e.Pos.String() + ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Name is a rule ID or a category as a file names it.
type Name struct {
	// Name is the rule ID or category, trimmed.
	Name string
	// Pos is where it is written.
	Pos Pos
}

// Level is an entry of a severity mapping.
type Level struct {
	// Name is the rule ID or category.
	Name string
	// Severity is the severity it gets.
	Severity rules.Severity
	// Pos is where the name is written.
	Pos Pos
}

// Pattern is a glob of paths, relative to the folder of the file that gives
// it (see Match).
type Pattern struct {
	// Glob is the pattern as written, trimmed.
	Glob string
	// Pos is where it is written.
	Pos Pos
}

// PackRef is a pack that a file names.
type PackRef struct {
	// Path is where the pack is: the absolute path of the path as
	// written, taken from the configuration file's folder.
	Path string
	// Written is the path as the file gives it.
	Written string
	// Pos is where it is written.
	Pos Pos
}

// Settings are the keys that a file and its overrides both take: which
// rules run, at which severity, with which packs, and what is accepted.
type Settings struct {
	// Disable and Enable turn rules off and on, by ID or category.
	Disable, Enable []Name
	// Severity changes the severity of rules, by ID or category.
	Severity []Level
	// Packs are extra phrase packs.
	Packs []PackRef
	// Accept are words and phrases never flagged (checker.Config.Accept).
	Accept []string
}

// Override is an entry of a file's overrides: settings for the files that
// its patterns match, applied after the file's own.
type Override struct {
	// Files are the patterns of the paths it applies to, relative to the
	// file's folder.
	Files []Pattern
	Settings
	// Pos is where the entry starts.
	Pos Pos
}

// File is one configuration file, read and checked.
type File struct {
	// Path is the file's path as messages show it.
	Path string
	// Dir is the absolute path of the file's folder: patterns and packs
	// are relative to it.
	Dir string
	// Root stops the search for configuration files in folders above.
	Root bool
	Settings
	// Ignore are the paths never checked.
	Ignore []Pattern
	// FailOn is the severity at which mtlint check exits 1; nil when the
	// file does not say, and 0 for none (never fail on findings).
	FailOn *rules.Severity
	// Format is the report's format; "" when the file does not say.
	Format string
	// Languages are the ISO 639-1 codes of the languages told apart from
	// English (--languages); nil when the file does not say.
	Languages []string
	// Overrides apply to the files their patterns match, in order.
	Overrides []Override
	// Serve is the serve: section, the settings of mtlint serve; nil when
	// the file has none.
	Serve *Serve
}

// The keys of a file, and those an override takes.
var (
	fileKeys     = []string{"root", "disable", "enable", "severity", "ignore", "packs", "accept", "fail-on", "format", "languages", "overrides", "serve"}
	overrideKeys = []string{"files", "disable", "enable", "severity", "packs", "accept"}
)

// Load reads and parses the configuration file at path.
func Load(path string) (*File, error) { return load(path, path) }

// load is Load naming the file shown in messages.
func load(path, shown string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{Pos: Pos{File: shown}, Msg: "cannot read the configuration: " + err.Error()}
	}
	return parse(path, shown, data)
}

// yamlLine finds the line in the errors of the YAML parser.
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// tabIndented returns the number of the first line of data whose
// indentation holds a tab, or 0.
func tabIndented(data []byte) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
		if bytes.IndexByte(indent, '\t') >= 0 && len(bytes.TrimSpace(line)) > 0 {
			return i + 1
		}
	}
	return 0
}

// Parse reads the configuration file at path whose bytes are data. It
// checks the keys and the form of the values; whether the rules it names
// exist is checked when it is used (see Dispatcher), as packs can add rules.
// Every error is an *Error.
func Parse(path string, data []byte) (*File, error) { return parse(path, path, data) }

// parse is Parse naming the file shown in messages.
func parse(path, shown string, data []byte) (*File, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Pos: Pos{File: shown}, Msg: err.Error()}
	}
	path = shown
	f := &File{Path: path, Dir: filepath.Dir(abs)}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		msg := err.Error()
		pos := Pos{File: path}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			pos.Line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		}
		if line := tabIndented(data); line > 0 && (strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token") && (pos.Line == 0 || line >= pos.Line)) {
			// the parser blames the line its block began on, or none
			pos.Line = line
			msg = fmt.Sprintf("a tab indents line %d (YAML indents with spaces)", line)
		}
		return nil, &Error{Pos: pos, Msg: "not valid YAML: " + msg}
	}
	if len(root.Content) == 0 {
		return f, nil // empty, or only comments
	}
	p := &parser{path: path, dir: f.Dir}
	doc := p.resolve(root.Content[0])
	if doc.Kind == yaml.ScalarNode && doc.Tag == "!!null" {
		return f, nil
	}
	if doc.Kind != yaml.MappingNode {
		return nil, p.errorf(doc, "", "want a mapping of keys such as disable: and enable:, got %s", kind(doc))
	}
	err = p.mapping(doc, fileKeys, func(key string, k, v *yaml.Node) error {
		switch key {
		case "root":
			return p.bool(v, key, &f.Root)
		case "ignore":
			var err error
			f.Ignore, err = p.patterns(v, key)
			return err
		case "fail-on":
			s, err := p.scalar(v, key)
			if err != nil {
				return err
			}
			var sev rules.Severity
			if !strings.EqualFold(strings.TrimSpace(s), "none") {
				if sev, err = rules.ParseSeverity(s); err != nil {
					return &Error{Pos: p.pos(v), Msg: fmt.Sprintf("fail-on: %q is not a severity", s), Hint: "want error, warning, info or none"}
				}
			}
			f.FailOn = &sev
			return nil
		case "format":
			s, err := p.scalar(v, key)
			if err != nil {
				return err
			}
			if !slices.Contains(report.Formats, s) {
				e := &Error{Pos: p.pos(v), Msg: fmt.Sprintf("format: %q is not a report format", s), Hint: "want " + strings.Join(report.Formats, ", ")}
				if close := suggest.Words(s, report.Formats); len(close) > 0 {
					e.Hint = "did you mean " + suggest.Join(close) + "?"
				}
				return e
			}
			f.Format = s
			return nil
		case "languages":
			items, err := p.list(v, key)
			if err != nil {
				return err
			}
			f.Languages = []string{}
			for _, it := range items {
				if _, ok := langid.Lookup(it.Value); !ok {
					return p.errorf(it, "ISO 639-1 codes such as fr, de or zh", "languages: %q is not a language code", it.Value)
				}
				f.Languages = append(f.Languages, strings.ToLower(strings.TrimSpace(it.Value)))
			}
			return nil
		case "overrides":
			return p.overrides(v, f)
		case "serve":
			var err error
			f.Serve, err = p.serve(v)
			return err
		}
		return p.settings(key, v, &f.Settings)
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// parser reads the nodes of one file.
type parser struct {
	path string // as shown
	dir  string // absolute folder
}

func (p *parser) pos(n *yaml.Node) Pos { return Pos{File: p.path, Line: n.Line, Col: n.Column} }

func (p *parser) errorf(n *yaml.Node, hint, format string, args ...any) *Error {
	return &Error{Pos: p.pos(n), Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// resolve follows an alias to the node it names.
func (p *parser) resolve(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		return n.Content[0]
	}
	return n
}

// mapping calls fn for each key of the mapping n, after checking that it is
// one of keys and not given twice.
func (p *parser) mapping(n *yaml.Node, keys []string, fn func(key string, k, v *yaml.Node) error) error {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := p.resolve(n.Content[i]), p.resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return p.errorf(k, "", "a key must be a word such as disable, not %s", kind(k))
		}
		key := k.Value
		if !slices.Contains(keys, key) {
			return p.unknownKey(k, keys)
		}
		if line, ok := seen[key]; ok {
			return p.errorf(k, "", "%s given twice (first on line %d)", key, line)
		}
		seen[key] = k.Line
		if err := fn(key, k, v); err != nil {
			return err
		}
	}
	return nil
}

// unknownKey is the error of a key that is not one of keys.
func (p *parser) unknownKey(k *yaml.Node, keys []string) *Error {
	e := p.errorf(k, "", "unknown key %q", k.Value)
	switch {
	case slices.Contains(fileKeys, k.Value):
		e.Msg = fmt.Sprintf("%s cannot be set in an override", k.Value)
		e.Hint = "an override takes " + strings.Join(overrideKeys, ", ")
		if k.Value == "ignore" {
			e.Hint = "put the paths in the top-level ignore"
		}
	case slices.Contains(overrideKeys, k.Value):
		e.Msg = fmt.Sprintf("%s belongs in an entry of overrides", k.Value)
		e.Hint = `overrides: [{files: "drafts/**", disable: [quotes]}]`
	default:
		if close := suggest.Words(k.Value, keys); len(close) > 0 {
			e.Hint = "did you mean " + suggest.Join(close) + "?"
		} else {
			e.Hint = "the keys are " + strings.Join(keys, ", ")
		}
	}
	return e
}

// settings reads a key of Settings.
func (p *parser) settings(key string, v *yaml.Node, s *Settings) error {
	switch key {
	case "disable", "enable":
		items, err := p.list(v, key)
		if err != nil {
			return err
		}
		for _, it := range items {
			if strings.TrimSpace(it.Value) == "" {
				return p.errorf(it, "name a rule ID such as punctuation.space-before, or a category", "%s: an empty rule name", key)
			}
			n := Name{Name: strings.TrimSpace(it.Value), Pos: p.pos(it)}
			if key == "disable" {
				s.Disable = append(s.Disable, n)
			} else {
				s.Enable = append(s.Enable, n)
			}
		}
	case "severity":
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			return nil
		}
		if v.Kind != yaml.MappingNode {
			return p.errorf(v, "severity: {boilerplate: error, idiom.false-friends: info}", "severity: want a mapping of rule IDs or categories to severities, got %s", kind(v))
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, val := p.resolve(v.Content[i]), p.resolve(v.Content[i+1])
			if k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "" {
				return p.errorf(k, "", "severity: a key must be a rule ID or a category")
			}
			name := strings.TrimSpace(k.Value)
			if line, ok := seen[name]; ok {
				return p.errorf(k, "", "severity of %s given twice (first on line %d)", name, line)
			}
			seen[name] = k.Line
			if val.Kind != yaml.ScalarNode {
				return p.errorf(val, "want info, warning or error", "severity of %s: want a severity, got %s", name, kind(val))
			}
			sev, err := rules.ParseSeverity(val.Value)
			if err != nil {
				e := p.errorf(val, "want info, warning or error", "severity of %s: %q is not a severity", name, val.Value)
				if close := suggest.Words(val.Value, []string{"info", "warning", "error"}); len(close) > 0 {
					e.Hint = "did you mean " + suggest.Join(close) + "?"
				}
				return e
			}
			s.Severity = append(s.Severity, Level{Name: name, Severity: sev, Pos: p.pos(k)})
		}
	case "packs":
		items, err := p.list(v, key)
		if err != nil {
			return err
		}
		for _, it := range items {
			w := strings.TrimSpace(it.Value)
			if w == "" {
				return p.errorf(it, "name a pack file, relative to this file", "packs: an empty path")
			}
			path := filepath.FromSlash(w)
			if !filepath.IsAbs(path) {
				path = filepath.Join(p.dir, path)
			}
			s.Packs = append(s.Packs, PackRef{Path: path, Written: w, Pos: p.pos(it)})
		}
	case "accept":
		items, err := p.list(v, key)
		if err != nil {
			return err
		}
		for _, it := range items {
			if len(strings.Fields(it.Value)) == 0 {
				return p.errorf(it, "list words or phrases never to flag", "accept: an empty phrase")
			}
			s.Accept = append(s.Accept, it.Value)
		}
	}
	return nil
}

// overrides reads the overrides key.
func (p *parser) overrides(v *yaml.Node, f *File) error {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		return p.errorf(v, `overrides: [{files: "drafts/**", disable: [quotes]}]`, "overrides: want a list of entries, got %s", kind(v))
	}
	for _, item := range v.Content {
		item = p.resolve(item)
		if item.Kind != yaml.MappingNode {
			return p.errorf(item, `- files: "drafts/**"`, "overrides: an entry must be a mapping with files and settings, got %s", kind(item))
		}
		o := Override{Pos: p.pos(item)}
		hasFiles := false
		err := p.mapping(item, overrideKeys, func(key string, k, v *yaml.Node) error {
			if key == "files" {
				hasFiles = true
				var err error
				o.Files, err = p.patterns(v, key)
				if err == nil && len(o.Files) == 0 {
					err = p.errorf(v, `files: "drafts/**"`, "files: no pattern given")
				}
				return err
			}
			return p.settings(key, v, &o.Settings)
		})
		if err != nil {
			return err
		}
		if !hasFiles {
			return p.errorf(item, `files: "drafts/**"`, "an override needs files: the paths it applies to")
		}
		f.Overrides = append(f.Overrides, o)
	}
	return nil
}

// list reads a list of scalars: a sequence, or one scalar for a list of one;
// null is the empty list.
func (p *parser) list(v *yaml.Node, key string) ([]*yaml.Node, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil, nil
		}
		return []*yaml.Node{v}, nil
	case yaml.SequenceNode:
		out := make([]*yaml.Node, 0, len(v.Content))
		for _, it := range v.Content {
			it = p.resolve(it)
			if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
				return nil, p.errorf(it, "", "%s: want a list of words, got %s in it", key, kind(it))
			}
			out = append(out, it)
		}
		return out, nil
	}
	return nil, p.errorf(v, fmt.Sprintf("%s: [a, b]", key), "%s: want a list, got %s", key, kind(v))
}

// scalar reads a single value.
func (p *parser) scalar(v *yaml.Node, key string) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", p.errorf(v, "", "%s: want one value, got %s", key, kind(v))
	}
	return v.Value, nil
}

// bool reads true or false.
func (p *parser) bool(v *yaml.Node, key string, dst *bool) error {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		return p.errorf(v, "want true or false", "%s: %s is not a boolean", key, describe(v))
	}
	*dst = v.Value == "true" || v.Value == "True" || v.Value == "TRUE"
	return nil
}

// patterns reads a glob or a list of globs and checks their syntax.
func (p *parser) patterns(v *yaml.Node, key string) ([]Pattern, error) {
	items, err := p.list(v, key)
	if err != nil {
		return nil, err
	}
	var out []Pattern
	for _, it := range items {
		g := strings.TrimSpace(it.Value)
		if g == "" {
			return nil, p.errorf(it, `such as "drafts/**" or "*.min.html"`, "%s: an empty pattern", key)
		}
		if err := checkPattern(g); err != nil {
			return nil, p.errorf(it, `such as "drafts/**" or "*.min.html"`, "%s: %q: %v", key, g, err)
		}
		out = append(out, Pattern{Glob: g, Pos: p.pos(it)})
	}
	return out, nil
}

// checkPattern reports what is wrong with a glob.
func checkPattern(g string) error {
	g = filepath.ToSlash(g)
	if !doublestar.ValidatePattern(strings.Trim(g, "/")) {
		return errors.New("not a valid pattern (an unclosed [ or {?)")
	}
	for part := range strings.SplitSeq(g, "/") {
		if part == ".." {
			return errors.New("a pattern cannot leave the configuration's folder (..)")
		}
	}
	return nil
}

// kind names the kind of a node for messages.
func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return describe(n)
	}
	return "something else"
}

// describe quotes a scalar for messages.
func describe(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return kind(n)
	}
	return strconv.Quote(n.Value)
}
