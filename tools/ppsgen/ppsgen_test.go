package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/rules/packs"
)

// TestGeneratedUpToDate regenerates the pack and the list of phrases left
// out from the dictionary and checks that the committed files are the same:
// a change to the generator, the other packs or the corpora that is not
// regenerated fails here.
func TestGeneratedUpToDate(t *testing.T) {
	dir := corpora.Dir(t, "tortured-phrases")
	out := t.TempDir()
	o := options{corpora: filepath.Dir(dir), packs: "../../rules/packs", out: out}
	if err := generate(o); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{outPack, outLeft} {
		got, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(o.packs, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("rules/packs/%s is stale: run go run ./tools/ppsgen", f)
		}
	}
}

// TestGeneratedPack checks what the generated pack must hold: the
// dictionary's spun function phrases, the attribution, and no phrase of the
// list of those left out.
func TestGeneratedPack(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("../../rules/packs", outPack))
	if err != nil {
		t.Fatal(err)
	}
	p, err := packs.Parse(outPack, data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "CC BY 4.0") || !strings.Contains(string(data), "Cabanac") {
		t.Error("the pack's header does not attribute the dictionary (CC BY 4.0)")
	}
	have := map[string]bool{}
	for _, e := range p.Entries {
		have[strings.ToLower(e.Pattern)] = true
	}
	for _, ph := range []string{"as takes after", "the taking after", "working framework"} {
		if !have[ph] {
			t.Errorf("the pack has no entry %q", ph)
		}
	}
	left, err := os.ReadFile(filepath.Join("../../rules/packs", outLeft))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(left), "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 4 || f[3] == "" {
			t.Errorf("left-out line %q: want phrase, expected term, source and a reason", l)
			continue
		}
		if have[strings.ToLower(f[0])] {
			t.Errorf("%q is both in the pack and left out", f[0])
		}
		n++
	}
	if n == 0 {
		t.Error("no phrase is left out: the clean-text check did nothing")
	}
}

// TestAcceptance is the acceptance measure of issue 11: taking an import of
// the Problematic Paper Screener CSV as the yardstick, the built-in spinning
// rules flag at least 90% of the lines it flags across the WMT folders, and
// raise at most one spinning warning per 200 BBC articles. The figures are
// logged; go run ./tools/ppsgen -measure -v prints more.
func TestAcceptance(t *testing.T) {
	dir := corpora.Dir(t, "tortured-phrases")
	base := filepath.Dir(dir)
	for _, c := range []string{"bbc-news-dev", "wmt22-dev", "wmt23-dev", "mlqe-pe-dev"} {
		corpora.Dir(t, c)
	}
	s, err := packs.BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	ok, err := measure(&out, base, filepath.Join(dir, ppsCSV), s, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if !ok {
		t.Error("the acceptance measure is not met")
	}
}
