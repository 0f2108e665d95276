package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/internal/suggest"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/builtin"
	"github.com/mtlint/mtlint/rules/packs"
)

// Options say where a Dispatcher finds configuration and what the command
// line adds to it.
type Options struct {
	// Base is the configuration of the command line: the rules to choose
	// from (with the packs of --pack; nil means the built-in rules), the
	// minimum severity, how inputs are read, the --ignore-pattern
	// patterns. Its Enable, Disable and Severity are applied after every
	// file's, and so win; its Accept is added to theirs.
	Base checker.Config
	// File is a configuration file to use for every input instead of
	// looking for them (--config). Its patterns (ignore, overrides) are
	// relative to Dir, where mtlint runs, and its packs to the file.
	File string
	// NoConfig reads no configuration file: Base alone applies.
	NoConfig bool
	// Dir is the current folder: standard input and URLs take the
	// configuration found from it, and relative input paths are relative
	// to it. Empty means the process's working folder, which it must be
	// when inputs are read by relative paths.
	Dir string
	// Log, when set, is told what each pack that a configuration file
	// names took, once a pack.
	Log func(msg string)
}

// A Dispatcher gives each input the checker of its configuration, and is
// itself a checker of inputs (a batch.Checker): CheckFile checks a file
// with the configuration found for it, CheckReader and CheckInput (standard
// input, web pages) with that of the current folder.
//
// Configuration files are found as .editorconfig files are: for a file,
// every .mtlint.yml (or .mtlint.yaml) in its folder and in the folders
// above it applies, up to the first that says root: true (or the top of the
// file system). They are applied from the farthest to the nearest, each
// followed by those of its overrides that match the file, and then the
// command line (Options.Base), so that the nearest setting wins:
//
//   - disable and enable: a later mention of a rule or category wins over
//     an earlier one, and a later mention of a category wins over earlier
//     mentions of its rules; within one file or override, a rule ID wins
//     over its category and disable over enable (as on the command line);
//   - severity: the same, rule by rule and category by category;
//   - ignore, accept and packs add up, each pattern relative to the folder
//     of the file that gives it, each pack to the file;
//   - fail-on and format are the nearest file's that sets them, for the
//     run as a whole, from the current folder's configuration (Options.Dir).
//
// Each distinct configuration gets one checker, built when first needed and
// kept; the built-in phrase packs are compiled once and shared by all. A
// Dispatcher is safe for concurrent use.
type Dispatcher struct {
	opt     Options
	dir     string        // absolute current folder
	rules   []*rules.Rule // the base rules
	ruleIDs map[string]bool

	mu       sync.Mutex
	nextID   int
	files    map[string]*loaded   // by absolute path of the configuration file
	dirs     map[string]*chain    // by absolute folder
	packs    map[string]*loadedPk // by absolute path of the pack
	sets     map[string]*compiled // by the packs' absolute paths
	checkers map[string]*built    // by the layers that make them
	explicit *chain               // Options.File
	current  *chain               // the current folder's
	stdin    *checker.Checker
}

// loaded is a configuration file read (or not).
type loaded struct {
	f   *File
	id  int
	err error
}

// chain is the configuration files that apply in a folder, farthest first.
type chain struct {
	files []*File
	key   string // the files' ids
	err   error
	// packs are the packs that the files and their overrides name, by
	// absolute path, loaded and checked.
	packs map[string]*packs.Pack
}

// loadedPk is a pack read (or not).
type loadedPk struct {
	p   *packs.Pack
	set *packs.Set // the pack alone, compiled
	err error
}

// compiled is the rules of a list of packs, compiled together.
type compiled struct {
	rules []*rules.Rule
	err   error
}

// built is the checker of one configuration (or the mistake that kept it
// from being built).
type built struct {
	c   *checker.Checker
	cfg checker.Config // what c was built from
	err error
}

// New returns a Dispatcher. It reads the file of Options.File, or finds
// those of the current folder, and builds the checker of standard input,
// so that a mistake in them is an error now rather than an error for each
// input.
func New(opt Options) (*Dispatcher, error) {
	d := &Dispatcher{
		opt:      opt,
		files:    map[string]*loaded{},
		dirs:     map[string]*chain{},
		packs:    map[string]*loadedPk{},
		sets:     map[string]*compiled{},
		checkers: map[string]*built{},
		rules:    opt.Base.Rules,
	}
	if d.rules == nil {
		d.rules = builtin.Rules()
	}
	d.ruleIDs = make(map[string]bool, len(d.rules))
	for _, r := range d.rules {
		d.ruleIDs[r.ID] = true
	}
	dir := opt.Dir
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return nil, fmt.Errorf("finding the current folder: %v", err)
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	d.dir = abs
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case opt.NoConfig:
		d.current = &chain{}
	case opt.File != "":
		f, err := load(d.abs(opt.File), d.show(d.abs(opt.File)))
		if err != nil {
			return nil, err
		}
		d.explicit = d.newChain(nil, d.register(f))
		if d.explicit.err != nil {
			return nil, d.explicit.err
		}
		d.current = d.explicit
	default:
		d.current = d.chainFor(d.dir)
		if d.current.err != nil {
			return nil, d.current.err
		}
	}
	b := d.build(d.current, nil)
	if b.err != nil {
		return nil, b.err
	}
	d.stdin = b.c
	return d, nil
}

// Config returns the checker configuration of the current folder: the
// files' settings merged with Options.Base, the configuration that
// CheckReader and CheckInput check with. A front door that varies it per
// request (mtlint serve) starts from it.
func (d *Dispatcher) Config() checker.Config {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.build(d.current, nil).cfg
}

// Serve returns the serve: settings of the current folder's configuration.
func (d *Dispatcher) Serve() Serve { return ServeSettings(d.current.files) }

// FailOn returns the fail-on of the current folder's configuration, and
// whether one sets it: 0 means none.
func (d *Dispatcher) FailOn() (rules.Severity, bool) { return FailOn(d.current.files) }

// Format returns the report format of the current folder's configuration,
// or "" when none sets it.
func (d *Dispatcher) Format() string { return Format(d.current.files) }

// Rules returns the rules that may run: those of the current folder's
// configuration in run order, then the other rules to choose from, which
// another folder's configuration may enable. The rules of packs that only
// the configuration of another folder names are not known before its files
// are checked.
func (d *Dispatcher) Rules() []*rules.Rule {
	out := d.stdin.Rules()
	for _, r := range d.rules {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// Files returns the paths of the configuration files that apply in the
// current folder, farthest first.
func (d *Dispatcher) Files() []string {
	var out []string
	for _, f := range d.current.files {
		out = append(out, f.Path)
	}
	return out
}

// CheckFile checks the file at path with its configuration. A mistake in
// that configuration is the error.
func (d *Dispatcher) CheckFile(path string) (*checker.Result, error) {
	c, err := d.For(path)
	if err != nil {
		return nil, err
	}
	return c.CheckFile(path)
}

// CheckReader checks what r holds (standard input) with the configuration
// of the current folder.
func (d *Dispatcher) CheckReader(r io.Reader) (*checker.Result, error) {
	return d.stdin.CheckReader(r)
}

// CheckInput checks raw (a web page) with the configuration of the current
// folder.
func (d *Dispatcher) CheckInput(raw []byte, in checker.Input) *checker.Result {
	return d.stdin.CheckInput(raw, in)
}

// For returns the checker of the file at path (relative to Options.Dir, or
// absolute). The error is a mistake in the file's configuration: an *Error
// naming the configuration file, line and column.
func (d *Dispatcher) For(path string) (*checker.Checker, error) {
	abs := d.abs(path)
	d.mu.Lock()
	defer d.mu.Unlock()
	c := d.chainOf(abs)
	if c.err != nil {
		return nil, c.err
	}
	b := d.build(c, d.overridesFor(c, abs))
	return b.c, b.err
}

// Ignored returns the ignore pattern that matches the file at path, or nil.
// The error is a mistake in the file's configuration.
func (d *Dispatcher) Ignored(path string) (*Pattern, error) {
	abs := d.abs(path)
	d.mu.Lock()
	defer d.mu.Unlock()
	c := d.chainOf(abs)
	if c.err != nil {
		return nil, c.err
	}
	for _, f := range c.files {
		if p := matchAny(f.Ignore, d.rel(f, abs)); p != nil {
			return p, nil
		}
	}
	return nil, nil
}

// Filter yields the inputs of seq except the files that an ignore pattern
// matches; it calls skipped, when not nil, with each one left out. Inputs
// whose configuration has a mistake are kept, for CheckFile to report it.
func (d *Dispatcher) Filter(seq iter.Seq[source.Input], skipped func(source.Input, *Pattern)) iter.Seq[source.Input] {
	return func(yield func(source.Input) bool) {
		for in := range seq {
			if in.Err == nil && in.File() != "" {
				if p, err := d.Ignored(in.File()); err == nil && p != nil {
					if skipped != nil {
						skipped(in, p)
					}
					continue
				}
			}
			if !yield(in) {
				return
			}
		}
	}
}

func (d *Dispatcher) abs(path string) string {
	if !filepath.IsAbs(path) {
		path = filepath.Join(d.dir, path)
	}
	return filepath.Clean(path)
}

// rel returns abs relative to the folder that f's patterns are relative to:
// the current folder for Options.File, else f's folder.
func (d *Dispatcher) rel(f *File, abs string) string {
	base := f.Dir
	if d.explicit != nil {
		base = d.dir
	}
	r, err := filepath.Rel(base, abs)
	if err != nil {
		return ".." // not below it
	}
	return r
}

// chainOf returns the chain of the file at abs.
func (d *Dispatcher) chainOf(abs string) *chain {
	switch {
	case d.opt.NoConfig:
		return d.current
	case d.explicit != nil:
		return d.explicit
	}
	return d.chainFor(filepath.Dir(abs))
}

// chainFor returns the chain of the folder dir (absolute), finding it the
// first time.
func (d *Dispatcher) chainFor(dir string) *chain {
	if c, ok := d.dirs[dir]; ok {
		return c
	}
	var c *chain
	l := d.fileIn(dir)
	parent := filepath.Dir(dir)
	switch {
	case l != nil && l.err != nil:
		c = &chain{err: l.err}
	case l != nil && l.f.Root, parent == dir:
		c = d.newChain(nil, l)
	default:
		up := d.chainFor(parent)
		c = d.newChain(up, l)
	}
	d.dirs[dir] = c
	return c
}

// fileIn reads the configuration file of the folder dir, or returns nil
// when it has none.
func (d *Dispatcher) fileIn(dir string) *loaded {
	var found []string
	for _, name := range Names {
		p := filepath.Join(dir, name)
		// A name that does not exist, or that cannot be looked at (in a
		// folder we may not search, above a project, say), or that is a
		// folder, is no configuration; one that cannot be read is an
		// error, which Load reports.
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return nil
	case 2:
		return &loaded{err: &Error{Pos: Pos{File: d.show(found[1])}, Msg: "two configuration files in one folder", Hint: "keep " + Names[0] + " or " + Names[1] + ", not both"}}
	}
	if l, ok := d.files[found[0]]; ok {
		return l
	}
	f, err := load(found[0], d.show(found[0]))
	if err != nil {
		l := &loaded{err: err}
		d.files[found[0]] = l
		return l
	}
	return d.register(f)
}

// register gives a file read its id.
func (d *Dispatcher) register(f *File) *loaded {
	d.nextID++
	l := &loaded{f: f, id: d.nextID}
	d.files[filepath.Join(f.Dir, filepath.Base(f.Path))] = l
	return l
}

// show returns how messages name the file at abs: relative to the current
// folder when it is below it, else absolute.
func (d *Dispatcher) show(abs string) string { return showPath(d.dir, abs) }

// newChain returns the chain of up followed by l (either may be nil), its
// packs loaded and every rule name checked.
func (d *Dispatcher) newChain(up *chain, l *loaded) *chain {
	if up != nil && up.err != nil {
		return up
	}
	if l == nil {
		if up == nil {
			return &chain{}
		}
		return up
	}
	c := &chain{packs: map[string]*packs.Pack{}}
	var ids []string
	if up != nil {
		c.files = slices.Clone(up.files)
		ids = append(ids, up.key)
		maps.Copy(c.packs, up.packs)
	}
	c.files = append(c.files, l.f)
	c.key = strings.Join(append(ids, strconv.Itoa(l.id)), ".")
	c.err = d.check(c, l.f)
	return c
}

// check loads the packs of f (the last file of c) and checks that every
// rule f names exists: a built-in rule, a category, or the rule of a pack
// of the chain.
func (d *Dispatcher) check(c *chain, f *File) error {
	all := []*Settings{&f.Settings}
	for i := range f.Overrides {
		all = append(all, &f.Overrides[i].Settings)
	}
	for _, s := range all {
		for _, ref := range s.Packs {
			p, err := d.loadPack(ref)
			if err != nil {
				return err
			}
			abs := ref.Path
			if d.ruleIDs[p.ID()] {
				return &Error{Pos: ref.Pos, Msg: fmt.Sprintf("pack %s: its rule %s is already a rule", ref.Written, p.ID()), Hint: "give the pack another name (pack: key)"}
			}
			for other, q := range c.packs {
				if other != abs && q.ID() == p.ID() {
					return &Error{Pos: ref.Pos, Msg: fmt.Sprintf("pack %s: its rule %s is also the rule of %s", ref.Written, p.ID(), q.Source), Hint: "give one of the packs another name (pack: key)"}
				}
			}
			c.packs[abs] = p
		}
	}
	known := func(n string) bool {
		if d.ruleIDs[n] || rules.Category(n).Valid() {
			return true
		}
		for _, p := range c.packs {
			if p.ID() == n {
				return true
			}
		}
		return false
	}
	unknown := func(key string, n string, pos Pos) error {
		e := &Error{Pos: pos, Msg: fmt.Sprintf("%s: no rule or category %q", key, n), Hint: "see 'mtlint rules'"}
		var cands []*rules.Rule
		cands = append(cands, d.rules...)
		for _, p := range c.packs {
			cands = append(cands, &rules.Rule{ID: p.ID(), Category: p.Category})
		}
		if close := suggest.Rules(cands, n); len(close) > 0 {
			e.Hint = "did you mean " + suggest.Join(close) + "?"
		}
		return e
	}
	for _, s := range all {
		for _, n := range s.Disable {
			if !known(n.Name) {
				return unknown("disable", n.Name, n.Pos)
			}
		}
		for _, n := range s.Enable {
			if !known(n.Name) {
				return unknown("enable", n.Name, n.Pos)
			}
		}
		for _, l := range s.Severity {
			if !known(l.Name) {
				return unknown("severity", l.Name, l.Pos)
			}
		}
	}
	return nil
}

// loadPack reads the pack that ref names, once, and compiles it alone to
// find its mistakes.
func (d *Dispatcher) loadPack(ref PackRef) (*packs.Pack, error) {
	abs := ref.Path
	l, ok := d.packs[abs]
	if !ok {
		l = &loadedPk{}
		var rep *packs.ImportReport
		shown := d.show(abs)
		l.p, rep, l.err = packs.LoadFile(abs)
		if l.err == nil {
			l.p.Source = shown
			l.set, l.err = packs.Compile([]*packs.Pack{l.p})
		}
		if l.err != nil {
			msg := l.err.Error()
			var pe *fs.PathError
			if errors.As(l.err, &pe) {
				msg = pe.Err.Error()
			}
			// The pack's own messages name it as given: as shown.
			l.err = errors.New(strings.ReplaceAll(msg, abs, shown))
		}
		if l.err == nil && d.opt.Log != nil {
			msg := fmt.Sprintf("pack %s (%s): %d entries as rule %s", shown, ref.Pos, rep.Loaded, l.p.ID())
			if rep.Stopped > 0 {
				msg += fmt.Sprintf("; %d ordinary-English phrases left out by the stop-list", rep.Stopped)
			}
			if len(rep.Skipped) > 0 {
				msg += fmt.Sprintf("; %d rows without a text pattern left out (first: %s)", len(rep.Skipped), rep.Skipped[0])
			}
			d.opt.Log(msg)
		}
		d.packs[abs] = l
	}
	if l.err != nil {
		return nil, &Error{Pos: ref.Pos, Msg: fmt.Sprintf("pack %s: %v", ref.Written, l.err)}
	}
	return l.p, nil
}

// overridesFor returns, for each file of c, the indexes of its overrides
// that match the file at abs.
func (d *Dispatcher) overridesFor(c *chain, abs string) [][]int {
	var out [][]int
	for i, f := range c.files {
		if len(f.Overrides) == 0 {
			continue
		}
		rel := d.rel(f, abs)
		for j := range f.Overrides {
			if matchAny(f.Overrides[j].Files, rel) != nil {
				if out == nil {
					out = make([][]int, len(c.files))
				}
				out[i] = append(out[i], j)
			}
		}
	}
	return out
}

// build returns the checker of the files of c with the overrides chosen
// (for each file, the indexes of its overrides that apply), building it the
// first time.
func (d *Dispatcher) build(c *chain, overrides [][]int) *built {
	k := c.key
	for i, o := range overrides {
		for _, j := range o {
			k += fmt.Sprintf("/%d.%d", i, j)
		}
	}
	if b, ok := d.checkers[k]; ok {
		return b
	}
	m := merged{state: map[string]bool{}, severity: map[string]rules.Severity{}}
	var packPaths []string
	layer := func(s *Settings) {
		m.apply(names(s.Enable), names(s.Disable), s.Severity)
		m.accept = append(m.accept, s.Accept...)
		for _, ref := range s.Packs {
			if !slices.Contains(packPaths, ref.Path) {
				packPaths = append(packPaths, ref.Path)
			}
		}
	}
	for i, f := range c.files {
		layer(&f.Settings)
		if i < len(overrides) {
			for _, j := range overrides[i] {
				layer(&f.Overrides[j].Settings)
			}
		}
	}
	base := d.opt.Base
	var levels []Level
	for _, n := range slices.Sorted(maps.Keys(base.Severity)) {
		levels = append(levels, Level{Name: n, Severity: base.Severity[n]})
	}
	m.apply(base.Enable, base.Disable, levels)

	cfg := base
	cfg.Rules = d.rules
	cfg.Enable, cfg.Disable = m.lists()
	cfg.Severity = m.severity
	cfg.Accept = append(slices.Clone(base.Accept), m.accept...)
	b := &built{}
	if len(packPaths) > 0 {
		extra := d.compile(packPaths)
		if extra.err != nil {
			b.err = extra.err
		}
		cfg.Rules = append(slices.Clone(d.rules), extra.rules...)
	}
	b.cfg = cfg
	if b.err == nil {
		b.c, b.err = checker.New(cfg)
		if b.err != nil && len(c.files) > 0 {
			b.err = fmt.Errorf("%s: %v", c.files[len(c.files)-1].Path, b.err)
		}
	}
	d.checkers[k] = b
	return b
}

// compile returns the rules of the packs at paths (loaded by check),
// compiled together once.
func (d *Dispatcher) compile(paths []string) *compiled {
	k := strings.Join(paths, "\x00")
	if s, ok := d.sets[k]; ok {
		return s
	}
	s := &compiled{}
	if len(paths) == 1 {
		s.rules = d.packs[paths[0]].set.Rules()
	} else {
		var ps []*packs.Pack
		for _, p := range paths {
			ps = append(ps, d.packs[p].p)
		}
		set, err := packs.Compile(ps)
		if err != nil {
			s.err = err
		} else {
			s.rules = set.Rules()
		}
	}
	d.sets[k] = s
	return s
}

func names(ns []Name) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Name
	}
	return out
}

// merged is the configuration made of layers applied one after another.
type merged struct {
	state    map[string]bool // rule ID or category: enabled
	severity map[string]rules.Severity
	accept   []string
}

// apply applies one layer: a later layer wins over the earlier ones, and a
// category it names wins over the rules of that category that earlier
// layers named; within the layer, an ID wins over its category (the
// checker sees to that) and disable over enable.
func (m *merged) apply(enable, disable []string, levels []Level) {
	for _, cats := range []bool{true, false} {
		for _, on := range []bool{true, false} {
			list := enable
			if !on {
				list = disable
			}
			for _, n := range list {
				if isCategory(n) != cats {
					continue
				}
				if cats {
					clearCategory(m.state, n)
				}
				m.state[n] = on
			}
		}
		for _, l := range levels {
			if isCategory(l.Name) != cats {
				continue
			}
			if cats {
				clearCategory(m.severity, l.Name)
			}
			m.severity[l.Name] = l.Severity
		}
	}
}

// lists returns the names enabled and those disabled, sorted.
func (m *merged) lists() (enable, disable []string) {
	for _, n := range slices.Sorted(maps.Keys(m.state)) {
		if m.state[n] {
			enable = append(enable, n)
		} else {
			disable = append(disable, n)
		}
	}
	return enable, disable
}

func isCategory(n string) bool { return rules.Category(n).Valid() }

// clearCategory deletes from m the rule IDs of category cat.
func clearCategory[V any](m map[string]V, cat string) {
	for k := range m {
		if strings.HasPrefix(k, cat+".") {
			delete(m, k)
		}
	}
}
