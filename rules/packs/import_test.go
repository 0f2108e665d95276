package packs

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q                           string
		phrases, requires, excludes string
		err                         string
	}{
		{`"grouping methods"`, "[grouping methods]", "[]", "[]", ""},
		{`"surface region" AND "surface area"`, "[surface region]", "[surface area]", "[]", ""},
		{`"business knowledge" AND business intelligence`, "[business knowledge]", "[business intelligence]", "[]", ""},
		{`"magnetic cell separation" NOT "with MACS"`, "[magnetic cell separation]", "[]", "[with MACS]", ""},
		{`"a b" OR "c d" AND "e"`, "[a b c d]", "[e]", "[]", ""},
		{`plain words`, "[plain words]", "[]", "[]", ""},
		{`"gatherings clustering"~10`, "", "", "", "proximity"},
		{`"unclosed`, "", "", "", "unclosed"},
		{`"a" "b"`, "", "", "", "expected AND"},
	}
	for _, tt := range tests {
		p, r, x, err := parseQuery(tt.q)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.q, err, tt.err)
			}
			continue
		}
		if err != nil || fmt.Sprint(p) != tt.phrases || fmt.Sprint(r) != tt.requires || fmt.Sprint(x) != tt.excludes {
			t.Errorf("%s: got %q %q %q %v", tt.q, p, r, x, err)
		}
	}
}

func TestImportCSV(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct{ name, body string }{
		{"House Phrases.csv", "phrase,suggestion\ncounterfeit consciousness,artificial intelligence\nsearch engine,web search\n"},
		{"no-header.csv", "counterfeit consciousness,artificial intelligence\nsearch engine,x\n"},
	} {
		p, rep, err := LoadFile(write(tc.name, tc.body))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if rep.Loaded != 1 || rep.Stopped != 1 || len(p.Entries) != 1 || p.Entries[0].Pattern != "counterfeit consciousness" {
			t.Errorf("%s: report %+v, entries %v", tc.name, rep, p.Entries)
		}
		if p.Name != strings.TrimSuffix(strings.ToLower(strings.ReplaceAll(tc.name, " ", "-")), ".csv") {
			t.Errorf("%s: pack name %q", tc.name, p.Name)
		}
		s, err := Compile([]*Pack{p})
		if err != nil {
			t.Fatal(err)
		}
		d := document.NewPlain([]byte("It runs on Counterfeit Consciousness."))
		d.Segment()
		if ms := s.Find(d); len(ms) != 1 || s.suggestions(d, ms[0])[0] != "Artificial intelligence" {
			t.Errorf("%s: matches %v", tc.name, ms)
		}
	}
	if _, _, err := LoadFile(write("bad.txt", "x")); err == nil || !strings.Contains(err.Error(), "bad.txt") {
		t.Errorf("unknown format: %v", err)
	}
	if _, _, err := LoadFile(write("empty.json", `{"phrases": []}`)); err == nil {
		t.Error("an empty JSON list loaded")
	}
	if _, _, err := LoadFile(filepath.Join(dir, "missing.csv")); err == nil || !strings.Contains(err.Error(), "missing.csv") {
		t.Errorf("missing file: %v", err)
	}
}

// loadPPS imports both Problematic Paper Screener exports of the corpora.
func loadPPS(t *testing.T) []*Pack {
	dir := corpora.Dir(t, "tortured-phrases")
	var out []*Pack
	for _, f := range []string{"pps_tortured_hahuyhoang411.csv", "pps_tortured_torturedcheck.json"} {
		p, rep, err := LoadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d entries loaded, %d left out by the stop-list, %d rows without a text pattern", f, rep.Loaded, rep.Stopped, len(rep.Skipped))
		for i, s := range rep.Skipped {
			if i < 5 {
				t.Logf("  skipped %s", s)
			}
		}
		if rep.Loaded < 6000 {
			t.Errorf("%s: only %d entries loaded", f, rep.Loaded)
		}
		out = append(out, p)
	}
	return out
}

// TestImportPPS loads the Problematic Paper Screener dictionaries and
// checks they compile and find their own phrases.
func TestImportPPS(t *testing.T) {
	packs := loadPPS(t)
	s, err := Compile(packs)
	if err != nil {
		t.Fatal(err)
	}
	d := document.NewPlain([]byte("We trained a profound neural organization on colossal information."))
	d.Segment()
	if ms := s.Find(d); len(ms) == 0 {
		t.Error("no tortured phrase found in a sentence made of them")
	}
}

// TestImportStopList runs the imported dictionaries over the clean BBC
// articles and lists every hit: phrases of ordinary news English belong in
// stoplist.txt.
//
//	go test ./rules/packs -run TestImportStopList -v
func TestImportStopList(t *testing.T) {
	packs := loadPPS(t)
	s, err := Compile(packs)
	if err != nil {
		t.Fatal(err)
	}
	files := corpora.Files(t, corpora.Dir(t, "bbc-news-dev"), "*/*.txt")
	hits := map[string]int{}
	articles := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := document.NewPlain(raw)
		hit := false
		for range d.Windows(0) {
			for _, m := range s.Find(d) {
				hits[strings.ToLower(d.SpanText(document.Span{Start: d.Tokens[m.First].S(), End: d.Tokens[m.Last-1].E()}))]++
				hit = true
			}
		}
		if hit {
			articles++
		}
	}
	var phrases []string
	total := 0
	for p, n := range hits {
		phrases = append(phrases, fmt.Sprintf("%4d %s", n, p))
		total += n
	}
	sort.Strings(phrases)
	for _, p := range phrases {
		t.Log(p)
	}
	t.Logf("%d hits in %d of %d BBC articles (%d distinct phrases)", total, articles, len(files), len(hits))
	if articles > len(files)/50 {
		t.Errorf("the imported dictionaries fire in %d clean articles, more than one in 50: extend stoplist.txt", articles)
	}
}
