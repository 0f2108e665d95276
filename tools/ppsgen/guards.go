package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/packs"
)

// guardReport measures the guards of the built-in spinning entries: for
// each guarded entry, the hits in clean text that its guard keeps quiet,
// by the neighbouring word that did it. A guard word that blocks nothing
// in clean text only blocks spun text; one that blocks hits there is
// justified by them.
func guardReport(w io.Writer, corpora string, all []*packs.Pack) error {
	var guarded, bare, termGuarded, termBare []*packs.Entry
	for _, p := range all {
		if p.Category != rules.Spinning {
			continue
		}
		for _, e := range p.Entries {
			g := e.Guard
			if len(g.Before)+len(g.NotBefore)+len(g.After)+len(g.NotAfter) == 0 {
				continue
			}
			c := *e
			c.Severity = p.EntrySeverity(e)
			guarded = append(guarded, &c)
			b := c
			b.Guard = packs.Guard{}
			bare = append(bare, &b)
			// The term the phrase is spun from, with the same guard: in
			// clean text it stands where the spun phrase stands in spun
			// text, so the share of its uses that the guard would block
			// estimates the share of spun uses it blocks.
			t := &packs.Entry{Pattern: "unknown unknown", Message: "m"}
			if len(e.Suggest) > 0 && !strings.Contains(e.Suggest[0], "{") {
				if pat, n := tokens(e.Suggest[0]); n > 0 {
					t.Pattern = pat
				}
			}
			tg := *t
			tg.Guard = e.Guard
			termGuarded = append(termGuarded, &tg)
			termBare = append(termBare, t)
		}
	}
	mk := func(es []*packs.Entry) (*packs.Set, error) {
		return packs.Compile([]*packs.Pack{{Name: "g", Category: rules.Spinning, Severity: rules.Warning, Doc: "d", Explanation: "e", Source: "g", Entries: es}})
	}
	gs, err := mk(guarded)
	if err != nil {
		return err
	}
	tgs, err := mk(termGuarded)
	if err != nil {
		return err
	}
	tbs, err := mk(termBare)
	if err != nil {
		return err
	}
	termAll := make([]int, len(termBare))
	termKept := make([]int, len(termBare))
	bs, err := mk(bare)
	if err != nil {
		return err
	}
	type key struct {
		entry int32
		side  string // "before X" / "after X": the neighbour of the blocked hit
	}
	blocked := map[key][3]int{}
	classes, err := cleanText(corpora)
	if err != nil {
		return err
	}
	for ci, cl := range classes {
		if err := eachWindow(cl.files, func(d *document.Document) {
			for _, m := range tbs.Find(d) {
				termAll[m.Entry]++
			}
			for _, m := range tgs.Find(d) {
				termKept[m.Entry]++
			}
			quiet := map[[2]int]bool{}
			for _, m := range gs.Find(d) {
				quiet[[2]int{int(m.Entry), m.First}] = true
			}
			for _, m := range bs.Find(d) {
				if quiet[[2]int{int(m.Entry), m.First}] {
					continue
				}
				next, prev := "{end}", "{start}"
				if m.Last < len(d.Tokens) {
					next = strings.ToLower(d.TokenText(m.Last))
				}
				if m.First > 0 {
					prev = strings.ToLower(d.TokenText(m.First - 1))
				}
				k := key{m.Entry, "before " + next + " / after " + prev}
				n := blocked[k]
				n[ci]++
				blocked[k] = n
			}
		}); err != nil {
			return err
		}
	}
	keys := make([]key, 0, len(blocked))
	for k := range blocked {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.entry != b.entry {
			return int(a.entry - b.entry)
		}
		return strings.Compare(a.side, b.side)
	})
	hit := map[int32]bool{}
	fmt.Fprintf(w, "%d guarded spinning entries; hits their guards keep quiet in clean text (BBC / references and post-edits / MT output):\n", len(guarded))
	for _, k := range keys {
		e := guarded[k.entry]
		n := blocked[k]
		hit[k.entry] = true
		fmt.Fprintf(w, "  %s (%s) %s: %d / %d / %d\n", e.Pattern, e.Severity, k.side, n[0], n[1], n[2])
	}
	fmt.Fprintf(w, "guards that keep nothing quiet in clean text:\n")
	for i, e := range guarded {
		if !hit[int32(i)] {
			fmt.Fprintf(w, "  %s (%s) %+v\n", e.Pattern, e.Severity, e.Guard)
		}
	}
	fmt.Fprintf(w, "the share of the uses of the term each phrase is spun from that its guard would block, in all the clean text:\n")
	for i, e := range guarded {
		if termAll[i] == 0 || termBare[i].Pattern == "unknown unknown" {
			continue
		}
		fmt.Fprintf(w, "  %s -> %s: %d of %d (%.0f%%)\n", e.Pattern, termBare[i].Pattern, termAll[i]-termKept[i], termAll[i], 100*float64(termAll[i]-termKept[i])/float64(termAll[i]))
	}
	return nil
}
