package server

import (
	"slices"
	"strings"
	"sync"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/builtin"
)

// selection is the choice of rules a request makes: LanguageTool's
// enabledRules, disabledRules, enabledCategories, disabledCategories,
// enabledOnly and level, or the enable and disable of mtlint's own API,
// resolved to mtlint's rule IDs and categories. Names that are no rule or
// category are dropped, as LanguageTool ignores the IDs it does not know.
type selection struct {
	enable, disable []string // rule IDs and categories
	only            bool     // run only what enable names
	picky           bool     // level=picky: also the rules that are off by default
}

// empty reports whether the selection keeps the server's configuration.
func (s selection) empty() bool {
	return len(s.enable) == 0 && len(s.disable) == 0 && !s.only && !s.picky
}

// checkers builds and keeps the checkers of the selections requests make,
// from the server's configuration.
type checkers struct {
	base    checker.Config
	all     []*rules.Rule // the rules to choose from
	byID    map[string]*rules.Rule
	deflt   *checker.Checker
	mu      sync.Mutex
	cache   map[string]*checker.Checker
	maxKeep int
}

// newCheckers returns the checkers of cfg, failing as checker.New fails.
func newCheckers(cfg checker.Config) (*checkers, error) {
	c, err := checker.New(cfg)
	if err != nil {
		return nil, err
	}
	all := cfg.Rules
	if all == nil {
		all = builtin.Rules() // what checker.New chooses from

	}
	cs := &checkers{base: cfg, all: all, byID: make(map[string]*rules.Rule, len(all)), deflt: c, cache: map[string]*checker.Checker{}, maxKeep: 256}
	for _, r := range all {
		cs.byID[r.ID] = r
	}
	cs.base.Rules = all
	return cs, nil
}

// ruleIDs returns the names of list that are rule IDs, each once.
func (cs *checkers) ruleIDs(list []string) []string {
	var out []string
	for _, n := range list {
		n = strings.TrimSpace(n)
		if cs.byID[n] != nil && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// categoryIDs returns the mtlint categories that the category IDs of list
// stand for, each once.
func categoryIDs(list []string) []string {
	var out []string
	for _, n := range list {
		for _, c := range categoriesFor(n) {
			if !slices.Contains(out, string(c)) {
				out = append(out, string(c))
			}
		}
	}
	return out
}

// forSelection returns the checker of sel: the server's own when sel is
// empty, else one built from the server's configuration with sel applied
// over it (a name sel mentions wins over the configuration's mention of
// it), kept for the next request that makes the same choice.
func (cs *checkers) forSelection(sel selection) (*checker.Checker, error) {
	if sel.empty() {
		return cs.deflt, nil
	}
	cfg := cs.base
	var enable, disable []string
	if sel.only {
		enable = slices.Clone(sel.enable)
		for _, c := range rules.Categories {
			if !slices.Contains(sel.enable, string(c)) {
				disable = append(disable, string(c))
			}
		}
	} else {
		for _, n := range cfg.Enable {
			if !slices.Contains(sel.disable, n) {
				enable = append(enable, n)
			}
		}
		for _, n := range cfg.Disable {
			if !slices.Contains(sel.enable, n) {
				disable = append(disable, n)
			}
		}
		enable = append(enable, sel.enable...)
		disable = append(disable, sel.disable...)
	}
	if sel.picky {
		// the rules that are off by default, unless something turns them
		// off by ID or by their category
		for _, r := range cs.all {
			if r.Off && !slices.Contains(disable, r.ID) && !slices.Contains(disable, string(r.Category)) && !slices.Contains(enable, r.ID) {
				enable = append(enable, r.ID)
			}
		}
	}
	slices.Sort(enable)
	slices.Sort(disable)
	enable, disable = slices.Compact(enable), slices.Compact(disable)
	key := strings.Join(enable, ",") + "|" + strings.Join(disable, ",")
	cs.mu.Lock()
	c, ok := cs.cache[key]
	cs.mu.Unlock()
	if ok {
		return c, nil
	}
	cfg.Enable, cfg.Disable = enable, disable
	c, err := checker.New(cfg)
	if err != nil {
		return nil, err
	}
	cs.mu.Lock()
	if len(cs.cache) < cs.maxKeep {
		cs.cache[key] = c
	}
	cs.mu.Unlock()
	return c, nil
}
