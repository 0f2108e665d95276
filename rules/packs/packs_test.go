package packs

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/rulestest"
)

func loadTestPack(t testing.TB) *Set {
	t.Helper()
	data, err := os.ReadFile("testdata/test-pack.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse("testdata/test-pack.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile([]*Pack{p})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// found renders what the set's rules report on text: "text => first
// suggestion (severity)".
func found(t *testing.T, s *Set, text string) []string {
	var out []string
	for _, f := range rulestest.Check(t, text, s.Rules()...) {
		sugg := ""
		if len(f.Diag.Suggestions) > 0 {
			sugg = f.Diag.Suggestions[0]
		}
		sev := f.Rule.Severity
		if f.Diag.Severity != 0 {
			sev = f.Diag.Severity
		}
		out = append(out, fmt.Sprintf("%s => %s (%s)", f.Text, sugg, sev))
	}
	return out
}

func TestMatcher(t *testing.T) {
	s := loadTestPack(t)
	tests := []struct {
		text string
		want []string
	}{
		{"Prices rose since three years.", []string{"since three years => for three years (warning)"}},
		{"Prices rose since 3 months, he said.", []string{"since 3 months => for 3 months (warning)"}},
		{"Since two weeks the talks stalled.", []string{"Since two weeks => For two weeks (warning)"}},
		{"Prices rose since\nthree years.", []string{"since\nthree years => for three years (warning)"}},
		{"Prices rose since three years ago.", []string{"since three years => for three years (warning)"}},
		{"Prices rose since 2019 years.", []string{"since 2019 years => for 2019 years (warning)"}},
		{"Prices rose since three.\n\nYears passed.", nil},
		{"Tass said so more early Sunday.", []string{"more early => earlier (warning)"}},
		{"Tass said so more early.", []string{"more early => earlier (warning)"}},
		{"More early voters turned out.", nil},
		{"They met at the residence of luxury.", []string{"the residence of luxury => the luxury residence (warning)"}},
		{"They met at the residence.", []string{"the residence => the house (info)"}},
		{"Some 200 effectives were deployed.", []string{"effectives => officers (warning)"}},
		{"The effectives were counted.", nil},
		{"Recall that the sides met.", []string{"Recall that => It will be recalled that (warning)"}},
		{"The talks failed. Recall that the sides met.", []string{"Recall that => It will be recalled that (warning)"}},
		{"They could not recall that meeting.", nil},
		{"We met at Monday Geneva time.", []string{"at Monday Geneva time => on Monday (warning)"}},
		{"We met at Monday geneva time.", nil},
		{"He listed Russia’s demands and Russia's pressures.", []string{"Russia’s demands => Russian demands (warning)", "Russia's pressures => Russian pressures (warning)"}},
	}
	for _, tt := range tests {
		got := found(t, s, tt.text)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q:\n got  %q\n want %q", tt.text, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	head := "pack: p\ncategory: idiom\nseverity: warning\ndoc: d\nexplanation: e\nentries:\n"
	entry := func(body string) string { return head + "  - " + strings.ReplaceAll(body, "\n", "\n    ") + "\n" }
	tests := []struct{ name, src, want string }{
		{"unknown field", entry("pattern: a b\nmessage: m\ncolour: red"), "colour"},
		{"bad severity", strings.Replace(entry("pattern: a b\nmessage: m"), "warning", "loud", 1), "loud"},
		{"bad category", strings.Replace(entry("pattern: a b\nmessage: m"), "idiom", "style", 1), "category"},
		{"no message", entry("pattern: a b"), "no message"},
		{"cap first", entry("pattern: \"{cap} b\"\nmessage: m"), "cannot be the first"},
		{"unknown class", entry("pattern: \"a {noun}\"\nmessage: m"), "unknown class"},
		{"two tokens in one element", entry("pattern: \"(in-depth|in depth) talks\"\nmessage: m"), "not one"},
		{"bad ref", entry("pattern: a b\nmessage: m\nsuggest: [\"{3}\"]"), "names no element"},
		{"bad guard", entry("pattern: a b\nmessage: m\nguard: {before: [\"{noun}\"]}"), "unknown class"},
		{"bad lang", entry("pattern: a b\nmessage: m\nlang: [French]"), "language"},
		{"no entries", head, "no entries"},
		{"bad name", strings.Replace(entry("pattern: a b\nmessage: m"), "pack: p", "pack: My Pack", 1), "kebab"},
		{"table columns", head + "table: |\n  a b\tc\n", "columns"},
		{"table columns over", head + "table: |\n  a b\t\t\t\t\tm\tx\ty\tz\n", "has 9 columns"},
		{"table severity", head + "table: |\n  a b\t\tloud\t\t\tm\tx\ty\n", "loud"},
		{"table pattern", head + "table: |\n  a {noun}\t\t\t\t\tm\tx\ty\n", "unknown class"},
	}
	for _, tt := range tests {
		_, err := Parse("x.yaml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "x.yaml") {
			t.Errorf("%s: error %v, want one naming x.yaml and saying %q", tt.name, err, tt.want)
		}
	}
	if _, err := Parse("x.yaml", []byte(entry("pattern: a b\nmessage: m"))); err != nil {
		t.Errorf("a good pack: %v", err)
	}
}

// TestEntryLines checks that errors point at the entry's line.
func TestEntryLines(t *testing.T) {
	src := "pack: p\ncategory: idiom\nseverity: warning\ndoc: d\nexplanation: e\nentries:\n  - pattern: a b\n    message: m\n  - pattern: \"{cap} b\"\n    message: m\n"
	_, err := Parse("x.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "x.yaml:9:") {
		t.Errorf("error %v, want it at x.yaml:9", err)
	}
}

// checkExamples runs every entry's examples through the whole set: each
// flagged example must be flagged by its entry, each unflagged one not.
func checkExamples(t *testing.T, s *Set) {
	for ci := range s.entries {
		c := &s.entries[ci]
		p := s.packs[c.pack]
		at := fmt.Sprintf("%s:%d: %q", p.Source, c.entry.Line, c.entry.Pattern)
		if len(c.entry.Examples.Flagged) == 0 || len(c.entry.Examples.Unflagged) == 0 {
			t.Errorf("%s: needs at least one flagged and one unflagged example", at)
			continue
		}
		for _, ex := range c.entry.Examples.Flagged {
			if !entryFires(s, int32(ci), ex) {
				t.Errorf("%s: flagged example %q is not flagged by the entry", at, ex)
			}
		}
		for _, ex := range c.entry.Examples.Unflagged {
			if entryFires(s, int32(ci), ex) {
				t.Errorf("%s: unflagged example %q is flagged by the entry", at, ex)
			}
		}
	}
}

func entryFires(s *Set, ci int32, text string) bool {
	d := document.NewPlain([]byte(text))
	d.Segment()
	for _, m := range s.Find(d) {
		if m.Entry == ci {
			return true
		}
	}
	return false
}

func TestTestPackExamples(t *testing.T) { checkExamples(t, loadTestPack(t)) }

// TestBuiltinPacks loads the embedded packs, checks every entry's examples
// and the rules they make.
func TestBuiltinPacks(t *testing.T) {
	s, err := BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	s.ensureAll() // the entries are read here, not through s.entry
	checkExamples(t, s)
	for _, r := range s.Rules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
	}
	t.Logf("%d packs, %d entries", len(s.Packs()), s.Len())
}

func TestDuplicatePackIDs(t *testing.T) {
	s := loadTestPack(t)
	if _, err := Compile([]*Pack{s.packs[0], s.packs[0]}); err == nil {
		t.Error("two packs with one ID compiled")
	}
}

// synthetic returns n entries of two or three random words from a
// vocabulary of news words, as a pack.
func synthetic(n int) *Pack {
	rng := rand.New(rand.NewSource(1))
	vocab := strings.Fields(`government minister talks economy police court market growth rate bank
		crisis deal trade vote party leader election reform tax budget deficit inflation prices energy
		oil gas power climate war peace army troops border attack security union strike workers health
		hospital doctors school students data network system model learning deep random forest signal
		noise ratio artificial intelligence counterfeit consciousness profound bosom peril colossal`)
	p := &Pack{Name: "synthetic", Category: rules.Spinning, Severity: rules.Info, Doc: "d", Explanation: "e", Source: "synthetic"}
	for i := 0; i < n; i++ {
		k := 2 + rng.Intn(2)
		w := make([]string, k)
		for j := range w {
			w[j] = vocab[rng.Intn(len(vocab))] + fmt.Sprint([]string{"", "s", "ed", "ing"}[rng.Intn(4)])
		}
		p.Entries = append(p.Entries, &Entry{Pattern: strings.Join(w, " "), Message: "m"})
	}
	return p
}

// BenchmarkMatcher measures the matcher alone, with the built-in packs and
// 20,000 synthetic entries loaded, on about 1 MB of the seed article and
// fixtures (segmentation is done before the timer starts):
//
//	go test ./rules/packs -run '^$' -bench Matcher -cpu 1
func BenchmarkMatcher(b *testing.B) {
	packs, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	s, err := Compile(append(packs, synthetic(20000)))
	if err != nil {
		b.Fatal(err)
	}
	var unit strings.Builder
	for _, f := range []string{"../../testdata/mt-article.txt", "../../checker/document/testdata/sentences.txt"} {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		unit.Write(raw)
		unit.WriteString("\n\n")
	}
	text := strings.Repeat(unit.String(), (1<<20)/unit.Len()+1)
	d := document.NewPlain([]byte(text))
	d.Segment()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Find(d)
	}
	b.ReportMetric(float64(s.Len()), "entries")
}

// TestDocGuardsBeforeChoice checks that an entry whose document guard fails
// does not hide another entry matching the same words.
func TestDocGuardsBeforeChoice(t *testing.T) {
	guarded := &Pack{Name: "a", Category: rules.Spinning, Severity: rules.Warning, Doc: "d", Explanation: "e", Source: "a",
		Entries: []*Entry{{Pattern: "data board", Message: "guarded", Requires: []string{"dashboard"}}}}
	plain := &Pack{Name: "b", Category: rules.Spinning, Severity: rules.Warning, Doc: "d", Explanation: "e", Source: "b",
		Entries: []*Entry{{Pattern: "data board", Message: "plain"}}}
	s, err := Compile([]*Pack{guarded, plain})
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"Errors in the data board.":                "plain",
		"The dashboard, or data board, is broken.": "guarded",
	} {
		d := document.NewPlain([]byte(text))
		d.Segment()
		ms := s.Find(d)
		if len(ms) != 1 || s.entries[ms[0].Entry].entry.Message != want {
			t.Errorf("%q: matches %v, want the %s entry", text, ms, want)
		}
	}
}

func TestFoldHash(t *testing.T) {
	same := [][2]string{
		{"Russia’s", "russia's"}, {"IN-DEPTH", "in‐depth"}, {"Élysée", "élysée"},
		{"Counterfeit", "counterfeit"}, {"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"},
		{"OʼNeill", "o'neill"}, {"", ""},
	}
	for _, p := range same {
		if foldHash(p[0]) != foldHash(p[1]) {
			t.Errorf("foldHash(%q) != foldHash(%q)", p[0], p[1])
		}
	}
	differ := [][2]string{{"a", "b"}, {"ab", "ba"}, {"abcdefgh", "abcdefghi"}, {"[", "{"}, {"@", "`"}, {"a", "a\x00"}}
	for _, p := range differ {
		if foldHash(p[0]) == foldHash(p[1]) {
			t.Errorf("foldHash(%q) == foldHash(%q)", p[0], p[1])
		}
	}
}

// TestTokenHash checks that the hot-path hash of a token equals the hash of
// its text, for tokens of every length near the end of the text and away
// from it.
func TestTokenHash(t *testing.T) {
	text := "The COUNTERFEIT consciousness of Russia’s in-depth talks, a b cd efg hijk lmnop qrstuv wxyzabc defghijk."
	d := document.NewPlain([]byte(text))
	d.Segment()
	for i, tok := range d.Tokens {
		if got, want := tokenHash(d.Text, tok.S(), tok.E()), foldHash(d.TokenText(i)); got != want {
			t.Errorf("token %q: tokenHash %x, foldHash %x", d.TokenText(i), got, want)
		}
	}
}

func TestCountList(t *testing.T) {
	if got := CountList(map[string]int{"fr": 3, "es": 5, "de": 3}); got != "es 5, de 3, fr 3" {
		t.Errorf("CountList = %q", got)
	}
	s := loadTestPack(t)
	if got := s.Packs()[0].Languages(); got["fr"] != 5 || got["ru"] != 2 {
		t.Errorf("Languages = %v", got)
	}
}

// TestTable checks a pack whose entries are given as a table: each line's
// columns, lists separated by " ; ", comment lines skipped, lines counted
// from the file's.
func TestTable(t *testing.T) {
	src := "pack: p\ncategory: spinning\nseverity: warning\ndoc: d\nexplanation: e\ntable: |\n" +
		"  # pattern, suggestion, severity, requires, excludes, message, flagged, unflagged\n" +
		"  counterfeit consciousness\tartificial intelligence\t\t\t\tspun\tOn counterfeit consciousness.\tOn artificial intelligence.\n" +
		"  surface region\tsurface area\tinfo\tsurface area ; area\tpaint\tspun\tA surface region, a surface area.\tA surface area.\n"
	// A table that ends the file is cut off before YAML parsing; one
	// followed by another key is parsed as YAML. Both read the same.
	p, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	q, err := Parse("x.yaml", []byte(src+"safe_fix: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%+v", p.Entries) == "" || len(q.Entries) != len(p.Entries) {
		t.Fatalf("%d entries with the table last, %d with a key after it", len(p.Entries), len(q.Entries))
	}
	for i := range p.Entries {
		if a, b := fmt.Sprintf("%+v", *p.Entries[i]), fmt.Sprintf("%+v", *q.Entries[i]); a != b {
			t.Errorf("entry %d: table last %s, key after it %s", i, a, b)
		}
	}
	if len(p.Entries) != 2 {
		t.Fatalf("%d entries, want 2", len(p.Entries))
	}
	a, b := p.Entries[0], p.Entries[1]
	if a.Pattern != "counterfeit consciousness" || fmt.Sprint(a.Suggest) != "[artificial intelligence]" || a.Severity != 0 ||
		a.Requires != nil || a.Message != "spun" || fmt.Sprint(a.Examples.Flagged) != "[On counterfeit consciousness.]" || a.Line != 8 {
		t.Errorf("first entry %+v", *a)
	}
	if b.Severity != rules.Info || fmt.Sprint(b.Requires) != "[surface area area]" || fmt.Sprint(b.Excludes) != "[paint]" || b.Line != 9 {
		t.Errorf("second entry %+v", *b)
	}
	s, err := Compile([]*Pack{p})
	if err != nil {
		t.Fatal(err)
	}
	checkExamples(t, s)
}

// TestTableRow checks that TableRow writes what a table reads back, entry
// for entry, and refuses what a table could not hold.
func TestTableRow(t *testing.T) {
	want := []*Entry{
		{Pattern: "counterfeit consciousness", Suggest: []string{"artificial intelligence"}, Message: "spun",
			Examples: Examples{Flagged: []string{"On counterfeit consciousness."}, Unflagged: []string{"On artificial intelligence."}}},
		{Pattern: "surface region", Suggest: []string{"surface area"}, Severity: rules.Info, Requires: []string{"surface area", "area"},
			Excludes: []string{"paint"}, Message: "spun", Examples: Examples{Flagged: []string{"A surface region, a surface area."}}},
		{Pattern: "bosom peril", Message: "no suggestion, no unflagged example"},
	}
	src := "pack: p\ncategory: spinning\nseverity: warning\ndoc: d\nexplanation: e\ntable: |\n  " + TableHeader + "\n"
	for _, e := range want {
		row, err := TableRow(e)
		if err != nil {
			t.Fatal(err)
		}
		src += "  " + row + "\n"
	}
	p, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Entries) != len(want) {
		t.Fatalf("%d entries read back, want %d", len(p.Entries), len(want))
	}
	for i, e := range p.Entries {
		e.Line = 0
		if got, w := fmt.Sprintf("%+v", *e), fmt.Sprintf("%+v", *want[i]); got != w {
			t.Errorf("entry %d read back as %s, want %s", i, got, w)
		}
	}
	for _, bad := range []*Entry{
		{Pattern: "a b", Suggest: []string{"c", "d"}},
		{Pattern: "a b", Message: "tab\there"},
		{Pattern: "a b", Examples: Examples{Flagged: []string{"two\nlines"}}},
		{Pattern: "a b", Requires: []string{"x ; y"}},
	} {
		if row, err := TableRow(bad); err == nil {
			t.Errorf("TableRow(%+v) = %q, want an error", *bad, row)
		}
	}
}

// TestASCIIWordsAreTokens checks checkWord's fast path: every word of the
// built-in patterns made of ASCII letters is one token for the tokenizer.
func TestASCIIWordsAreTokens(t *testing.T) {
	ps, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range ps {
		for _, e := range p.Entries {
			for _, w := range strings.Fields(e.Pattern) {
				if !asciiLetters(w) {
					continue
				}
				n++
				d := document.NewPlain([]byte(w))
				d.Segment()
				if len(d.Tokens) != 1 || d.Tokens[0].Kind != document.Word {
					t.Errorf("%q: %d tokens, want one word", w, len(d.Tokens))
				}
			}
		}
	}
	for _, w := range []string{"in-depth", "U.S.", "it's", "x1", "Élysée", "a@b"} {
		if asciiLetters(w) {
			t.Errorf("asciiLetters(%q) is true", w)
		}
	}
	if n < 10000 {
		t.Errorf("only %d ASCII words checked", n)
	}
}

// TestDigestFiltersPassKeys checks that the digest filters Find runs before
// it hashes a token (prefixes, the pair filters, special) let every kind of
// key through: words in either lookup direction, a {number} on either side
// of the key, a key alone, words whose first bytes are not ASCII, and text
// whose apostrophes or capitals differ from the pattern's.
func TestDigestFiltersPassKeys(t *testing.T) {
	cases := []struct{ pattern, text string }{
		{"counterfeit consciousness", "They spoke of Counterfeit Consciousness at length."},
		{"the also", "He said the also ran was fine."},
		{"since {number} years", "It has run since 5 years in the town."},
		{"{number} years old man", "A 45 years old man was held."},
		{"the {number} % of", "He won the 40 % of the vote."},
		{"one of most", "It is one of most famous sights."},
		{"don't worry lad", "Don’t worry lad, he said."},
		{"война мир", "Слова война мир в тексте."},
		{"colossal", "It was colossal."},
		{"counterfeit don't", "A counterfeit don’t was sold."},
		{"won't consciousness", "They won’t consciousness it."},
		{"(grew|rose) on {number} per", "Sales rose on 5 per cent."},
	}
	p := &Pack{Name: "filters", Category: rules.Idiom, Severity: rules.Info, Doc: "d", Explanation: "e", Source: "filters"}
	for _, c := range cases {
		p.Entries = append(p.Entries, &Entry{Pattern: c.pattern, Message: c.pattern})
	}
	s, err := Compile([]*Pack{p})
	if err != nil {
		t.Fatal(err)
	}
	for ci, c := range cases {
		if !entryFires(s, int32(ci), c.text) {
			e := s.entries[ci]
			t.Errorf("%q (key %d, mode %d) not found in %q", c.pattern, e.key, e.mode, c.text)
		}
		if entryFires(s, int32(ci), "Nothing of the kind here, 5 years on.") {
			t.Errorf("%q found in unrelated text", c.pattern)
		}
	}
}
