package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/mtlint/mtlint/checker/config"
	"github.com/mtlint/mtlint/rules/language/langid"
)

// configBundle carries a .mtlint.yml and the packs it names from the
// machine that launches the pipeline to the workers, which may not share
// its file system (Dataflow, a Flink cluster): the DoFn that checks records
// holds it as a field, and each worker writes it to a private folder and
// reads it from there exactly as mtlint check --config reads the original.
type configBundle struct {
	// Name is the configuration file's path relative to the base folder
	// (see loadConfigBundle), with slashes; empty for no file (the
	// built-in defaults, as mtlint check --no-config).
	Name string `json:"name,omitempty"`
	// Files maps paths relative to the base folder (the file itself and
	// every pack it names) to their contents.
	Files map[string]string `json:"files,omitempty"`
}

// loadConfigBundle reads the configuration file at path, and every pack it
// names, into a bundle. The files keep their paths relative to the current
// folder, so that the workers name a pack in explanations as mtlint check
// run here does; a configuration outside the current folder keeps them
// relative to its own folder. A pack must lie within that base folder.
func loadConfigBundle(path string) (configBundle, error) {
	if path == "" {
		return configBundle{}, nil
	}
	f, err := config.Load(path)
	if err != nil {
		return configBundle{}, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return configBundle{}, err
	}
	refs := f.Packs
	for _, o := range f.Overrides {
		refs = append(refs, o.Packs...)
	}
	base, err := os.Getwd()
	if err != nil {
		return configBundle{}, err
	}
	inside := func(p string) (string, bool) {
		rel, err := filepath.Rel(base, p)
		return rel, err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	ok := true
	for _, p := range append([]string{abs}, packPaths(refs)...) {
		_, in := inside(p)
		ok = ok && in
	}
	if !ok {
		base = filepath.Dir(abs)
	}
	b := configBundle{Files: map[string]string{}}
	add := func(p string, pos config.Pos, written string) error {
		rel, in := inside(p)
		if !in {
			return fmt.Errorf("%s: pack %q lies outside the configuration's folder; the pipeline ships packs to its workers only from that folder or below", pos, written)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		b.Files[filepath.ToSlash(rel)] = string(data)
		return nil
	}
	if err := add(abs, config.Pos{}, path); err != nil {
		return configBundle{}, err
	}
	b.Name, _ = inside(abs)
	b.Name = filepath.ToSlash(b.Name)
	for _, p := range refs {
		if err := add(p.Path, p.Pos, p.Written); err != nil {
			return configBundle{}, err
		}
	}
	return b, nil
}

func packPaths(refs []config.PackRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Path
	}
	return out
}

// dispatchers are the workers' checkers, one a configuration, built once a
// process: building one compiles every phrase pack.
var (
	dispatchersMu sync.Mutex
	dispatchers   = map[string]*config.Dispatcher{}
)

// dispatcher returns the checker of b, as mtlint check --config (or
// --no-config when b has no file) builds it: the file's rules, severities,
// accept list and packs, and its languages for language identification.
func (b configBundle) dispatcher() (*config.Dispatcher, error) {
	key := b.key()
	dispatchersMu.Lock()
	defer dispatchersMu.Unlock()
	if d, ok := dispatchers[key]; ok {
		return d, nil
	}
	opt := config.Options{NoConfig: b.Name == ""}
	languages := langid.DefaultLanguages
	if b.Name != "" {
		dir, err := os.MkdirTemp("", "mtlint-pipeline-config-")
		if err != nil {
			return nil, err
		}
		for rel, data := range b.Files {
			p := filepath.Join(dir, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				return nil, err
			}
		}
		opt.File, opt.Dir = filepath.Join(dir, filepath.FromSlash(b.Name)), dir
		f, err := config.Load(opt.File)
		if err != nil {
			return nil, err
		}
		if ls := config.Languages([]*config.File{f}); ls != nil {
			languages = ls
		}
	}
	// The language detector is the process's, as it is the command line's.
	if err := langid.Configure(languages); err != nil {
		return nil, err
	}
	d, err := config.New(opt)
	if err != nil {
		return nil, err
	}
	dispatchers[key] = d
	return d, nil
}

// key identifies b's contents.
func (b configBundle) key() string {
	var sb strings.Builder
	sb.WriteString(b.Name)
	for _, rel := range sortedKeys(b.Files) {
		fmt.Fprintf(&sb, "\x00%s\x00%d\x00%s", rel, len(b.Files[rel]), b.Files[rel])
	}
	return sb.String()
}
