package fix

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/internal/checkertest"
	"github.com/mtlint/mtlint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// builtin returns the checker with the built-in rules.
func builtin(t testing.TB) *checker.Checker { return checkertest.Builtin(t) }

// phrase is a test rule that flags every occurrence of text (found by
// searching, which is fine in a test) and suggests sugg.
func phrase(id string, safe bool, text string, sugg ...string) *rules.Rule {
	cat, _, _ := strings.Cut(id, ".")
	return &rules.Rule{
		ID: id, Category: rules.Category(cat), Severity: rules.Warning,
		Doc: "test", Explanation: "test", SafeFix: safe,
		Run: func(p *rules.Pass) {
			d := p.Doc
			for off := 0; ; {
				i := strings.Index(d.Text[off:], text)
				if i < 0 {
					return
				}
				p.Reportf(document.Span{Start: off + i, End: off + i + len(text)}, sugg, "found %q", text)
				off += i + len(text)
			}
		},
	}
}

func newChecker(t *testing.T, rs ...*rules.Rule) *checker.Checker {
	t.Helper()
	c, err := checker.New(checker.Config{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The seed article: the space before the comma and the doubled period go,
// two calques are mended, the stray periods that would join sentences stay,
// and the quote whose fix another rule undoes is left and reported.
func TestSeedArticle(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/mt-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := builtin(t)
	res, err := File(c, raw, Options{Policy: NewPolicy(c.Rules(), nil), Format: markup.Plain})
	if err != nil {
		t.Fatal(err)
	}
	fixed := string(res.Fixed)
	for _, want := range []string{
		"three European cities this week, with bilateral relations", // space before the comma
		"deviate from our approaches,” said Ryabkov.\n",             // the doubled period; the quote turned, the space moved
		"at the luxury residence of the American ambassador",        // idiom.of-adjective
		"news agency Tass earlier Sunday.",                          // idiom.comparative
		"Conference on Disarmament. which overlooks",                // a stray period is not joined
		"Cooperation Organization. and Security",
		"infrastructure. outside its 1997 borders",
		"manufactured abroad. subject to US jurisdiction",
		"Home Somerset business Russian diplomat", // boilerplate is for a person to cut
		"They will be commercial.",                // stock phrases are not applied
		"these last days and weeks",               // three suggestions: a person chooses
	} {
		if !strings.Contains(fixed, want) {
			t.Errorf("fixed text lacks %q", want)
		}
	}
	if n := strings.Count(string(raw), "\n"); strings.Count(fixed, "\n") != n {
		t.Errorf("the fixes changed the number of lines: %d, was %d", strings.Count(fixed, "\n"), n)
	}
	if len(res.Applied) != 5 || !res.Settled {
		t.Errorf("applied %d edits, settled %v; want 5, true", len(res.Applied), res.Settled)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped: %+v", res.Skipped)
	}
	diff := Unified("mt-article.txt", "mt-article.txt", res.Original, res.Fixed, DefaultContext)
	golden := filepath.Join("testdata", "mt-article.txt.diff.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(diff), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./checker/fix -update writes it)", err)
	}
	if diff != string(want) {
		t.Errorf("the diff differs from %s (go test ./checker/fix -update rewrites it):\n%s", golden, diff)
	}
	if got := applyUnified(t, string(raw), diff); got != fixed {
		t.Errorf("the diff does not apply to the fixed text")
	}
}

// fixtures are every test article of the project.
func fixtures(t *testing.T) []string {
	t.Helper()
	files := []string{"../../testdata/mt-article.txt", "../../testdata/mt-article.md", "../../testdata/mt-article.html"}
	more, err := filepath.Glob("../../rules/*/testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range more {
		switch filepath.Ext(f) {
		case ".txt", ".md", ".html":
			files = append(files, f)
		}
	}
	return files
}

// Running fix on its own output changes nothing, on every fixture.
func TestIdempotent(t *testing.T) {
	c := builtin(t)
	pol := NewPolicy(c.Rules(), nil)
	changed := 0
	for _, path := range fixtures(t) {
		raw, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		opt := Options{Policy: pol, Format: markup.FormatOf(path)}
		first, err := File(c, raw, opt)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if first.Changed() {
			changed++
		}
		if !first.Settled {
			t.Errorf("%s: the fixes did not settle in %d passes", path, first.Passes)
		}
		second, err := File(c, first.Fixed, opt)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if second.Changed() || len(second.Applied) > 0 {
			t.Errorf("%s: a second run changes the text:\n%s", path, Unified("first", "second", second.Original, second.Fixed, 1))
		}
	}
	if changed < 5 {
		t.Errorf("only %d fixtures changed: the fixtures or the rules lost their fixable findings", changed)
	}
}

// Markup formats: the fixes reach the prose only, never the markup or
// front matter, and leave flagged text holding an entity alone.
func TestMarkup(t *testing.T) {
	space := phrase("punctuation.space", true, " ,", ",")
	week := phrase("punctuation.week", true, "week ,", "week,")
	for _, tc := range []struct {
		name   string
		format markup.Format
		in     string
		want   string
		skip   string // part of the reason of a skipped fix; "" for none
	}{
		{"markdown prose", markup.Markdown,
			"---\ntitle: Talks , resumed\n---\n# Talks this week , in Geneva\n\nThey met , and `a , b` stayed.\n",
			"---\ntitle: Talks , resumed\n---\n# Talks this week, in Geneva\n\nThey met, and `a , b` stayed.\n", ""},
		{"markdown emphasis before", markup.Markdown,
			"They met **today** , then left.\n", "They met **today**, then left.\n", ""},
		{"markdown emphasis inside", markup.Markdown,
			"They met **this week** , then left.\n", "They met **this week** , then left.\n", "Markdown markup"},
		{"html prose", markup.HTML,
			"<p title=\"a , b\">They met , then <b>left</b> , quickly.</p><script>x , y</script>\n",
			"<p title=\"a , b\">They met, then <b>left</b>, quickly.</p><script>x , y</script>\n", ""},
		{"html entity", markup.HTML,
			"<p>They met this week&nbsp;, then left.</p>\n", "<p>They met this week&nbsp;, then left.</p>\n", ""},
		{"plain", markup.Plain, "They met , then left , at once.\n", "They met, then left, at once.\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChecker(t, week, space)
			if tc.skip != "" {
				c = newChecker(t, week) // the rule whose span holds the markup, alone
			}
			res, err := File(c, []byte(tc.in), Options{Policy: NewPolicy(c.Rules(), nil), Format: tc.format})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Fixed) != tc.want {
				t.Errorf("got  %q\nwant %q", res.Fixed, tc.want)
			}
			if tc.skip != "" && (len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, tc.skip)) {
				t.Errorf("skipped %+v, want one saying %q", res.Skipped, tc.skip)
			}
		})
	}
}

// An HTML entity inside the flagged bytes: the rule read " ," where the
// file has "&#32;,"; replacing the bytes would be wrong, so the fix is
// skipped and said so.
func TestEntity(t *testing.T) {
	c := newChecker(t, phrase("punctuation.space", true, "week ,", "week,"))
	in := "<p>They met this week&#32;, then left.</p>\n"
	res, err := File(c, []byte(in), Options{Policy: NewPolicy(c.Rules(), nil), Format: markup.HTML})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Fixed) != in {
		t.Errorf("changed: %q", res.Fixed)
	}
	if len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "entity") {
		t.Errorf("skipped: %+v", res.Skipped)
	}
}

func finding(rule string, cat rules.Category, off int, text string, sugg ...string) checker.Finding {
	return checker.Finding{Rule: rule, Category: cat, Offset: off, Length: len(text), Text: text, Suggestions: sugg, Line: 1, Column: off + 1}
}

func TestPlan(t *testing.T) {
	rs := []*rules.Rule{
		{ID: "punctuation.a", Category: rules.Punctuation, SafeFix: true},
		{ID: "punctuation.b", Category: rules.Punctuation, SafeFix: true},
		{ID: "typography.c", Category: rules.Typography, SafeFix: true},
		{ID: "boilerplate.unsafe", Category: rules.Boilerplate},
		{ID: "idiom.comparative", Category: rules.Idiom, SafeFix: true}, // a calque pack, safe_fix in its YAML
		{ID: "idiom.stock-phrases", Category: rules.Idiom},
	}
	text := "They met more early , then left. More early still;  at 14h30"
	for _, tc := range []struct {
		name     string
		only     []string
		format   markup.Format
		text     string
		findings []checker.Finding
		want     []string // Old→New of the edits
		skipped  []string // parts of the reasons
	}{
		{name: "one edit", findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 19, " ,", ",")},
			want: []string{" ,→,"}},
		{name: "overlap: the first start wins",
			findings: []checker.Finding{finding("punctuation.b", rules.Punctuation, 14, "early ,", "early,"), finding("punctuation.a", rules.Punctuation, 19, " ,", ",")},
			want:     []string{"early ,→early,"}},
		{name: "overlap at one start: rule order",
			findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 19, " ,", ","), finding("punctuation.b", rules.Punctuation, 19, " , then", ", then")},
			want:     []string{" ,→,"}},
		{name: "adjacent edits both apply",
			findings: []checker.Finding{finding("idiom.comparative", rules.Idiom, 9, "more early", "earlier"), finding("punctuation.a", rules.Punctuation, 19, " ,", ",")},
			want:     []string{"more early→earlier", " ,→,"}},
		{name: "two insertions at one place: the first",
			findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 8, "", ","), finding("punctuation.b", rules.Punctuation, 8, "", ";")},
			want:     []string{"→,"}},
		{name: "unsafe rule, several suggestions, unknown rule",
			findings: []checker.Finding{
				finding("boilerplate.unsafe", rules.Boilerplate, 0, "They ", ""),
				finding("punctuation.a", rules.Punctuation, 19, " ,", ",", ";"),
				finding("idiom.stock-phrases", rules.Idiom, 9, "more early", "earlier"),
				finding("punctuation.nope", rules.Punctuation, 31, ".", ""),
			}},
		{name: "calque pack keeps the capital", findings: []checker.Finding{finding("idiom.comparative", rules.Idiom, 33, "More early", "Earlier")},
			want: []string{"More early→Earlier"}},
		{name: "calque pack capital mid-sentence", findings: []checker.Finding{finding("idiom.comparative", rules.Idiom, 9, "more early", "Earlier")},
			skipped: []string{"capital"}},
		{name: "only a rule", only: []string{"punctuation.b"},
			findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 19, " ,", ","), finding("punctuation.b", rules.Punctuation, 50, "  ", " ")},
			want:     []string{"  → "}},
		{name: "only a category", only: []string{"typography"},
			findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 19, " ,", ","), finding("typography.c", rules.Typography, 55, "14h30", "14:30")},
			want:     []string{"14h30→14:30"}},
		{name: "no change", findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 19, " ,", " ,")}},
		{name: "out of range", findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 60, "0 and more", "")},
			skipped: []string{"outside"}},
		{name: "invalid UTF-8", text: "They met \xff , then", findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 9, "\xff ,", ",")},
			skipped: []string{"UTF-8"}},
		{name: "html: a tag inside", format: markup.HTML, text: "They <b>met</b> , then",
			findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 11, "met</b> ,", "met</b>,")}, skipped: []string{"markup"}},
		{name: "html: the suggestion is escaped", format: markup.HTML, text: "Smith and Sons",
			findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 6, "and", "&")}, want: []string{"and→&amp;"}},
		{name: "markdown: over a line break", format: markup.Markdown, text: "They met\n, then",
			findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 8, "\n,", ",")}, skipped: []string{"line break"}},
		{name: "markdown: markup in the suggestion", format: markup.Markdown, text: "They met , then",
			findings: []checker.Finding{finding("punctuation.a", rules.Punctuation, 8, " ,", "*,*")}, skipped: []string{"suggestion"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			txt := text
			if tc.text != "" {
				txt = tc.text
			}
			edits, skipped := NewPolicy(rs, tc.only).Plan([]byte(txt), tc.format, tc.findings)
			var got []string
			for _, e := range edits {
				got = append(got, e.Old+"→"+e.New)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("edits %q, want %q", got, tc.want)
			}
			if len(skipped) != len(tc.skipped) {
				t.Fatalf("skipped %+v, want %q", skipped, tc.skipped)
			}
			for i, s := range skipped {
				if !strings.Contains(s.Reason, tc.skipped[i]) {
					t.Errorf("skip reason %q, want it to say %q", s.Reason, tc.skipped[i])
				}
			}
			// The edits apply in order and never overlap.
			out := Apply([]byte(txt), edits)
			if len(edits) > 0 && string(out) == txt {
				t.Errorf("Apply changed nothing")
			}
		})
	}
}

func TestTrim(t *testing.T) {
	for _, tc := range []struct{ old, new, wantOld, wantNew string }{
		{" ,", ",", " ", ""},
		{". .", ".", " .", ""},
		{"depend of", "depend on", "of", "on"},
		{"the residence of luxury", "the luxury residence", "residence of luxury", "luxury residence"},
		{"since three years", "for three years", "since", "for"},
		{"more early", "earlier", "more early", "earlier"},
		{"“", "”", "“", "”"},
		{"3,5", "3.5", ",", "."},
		{"same", "same", "", ""},
		{"the the", "the", " the", ""},
		{"café , bar", "café, bar", " ", ""},
	} {
		e := Edit{Offset: 10, Length: len(tc.old), Old: tc.old, New: tc.new}
		got := e.Trim()
		if got.Old != tc.wantOld || got.New != tc.wantNew {
			t.Errorf("Trim(%q→%q) = %q→%q, want %q→%q", tc.old, tc.new, got.Old, got.New, tc.wantOld, tc.wantNew)
		}
		if got.Length != len(got.Old) || got.Offset < 10 || tc.old[got.Offset-10:got.Offset-10+got.Length] != got.Old {
			t.Errorf("Trim(%q→%q): offset %d length %d do not locate %q", tc.old, tc.new, got.Offset, got.Length, got.Old)
		}
	}
}

// Rules that undo each other's fixes: the place is left as it was, and a
// second run agrees.
func TestDisagreement(t *testing.T) {
	c := newChecker(t,
		phrase("typography.ab", true, "alpha", "beta"),
		phrase("typography.ba", true, "beta", "alpha"),
		phrase("punctuation.space", true, " ,", ","),
	)
	opt := Options{Policy: NewPolicy(c.Rules(), nil), Format: markup.Plain}
	for _, in := range []string{"One alpha , two.\n", "One beta , two.\n"} {
		res, err := File(c, []byte(in), opt)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Replace(in, " ,", ",", 1)
		if string(res.Fixed) != want {
			t.Errorf("%q: got %q, want %q", in, res.Fixed, want)
		}
		if len(res.Skipped) == 0 || !strings.Contains(res.Skipped[0].Reason, "disagree") {
			t.Errorf("%q: skipped %+v", in, res.Skipped)
		}
		again, _ := File(c, res.Fixed, opt)
		if again.Changed() {
			t.Errorf("%q: second run changed %q to %q", in, again.Original, again.Fixed)
		}
	}
}

// An edit that lost to an overlapping one is applied in the next pass when
// its finding remains and it changes other bytes.
func TestSecondPass(t *testing.T) {
	c := newChecker(t,
		phrase("typography.bar", true, "foo bar", "foo baz"),
		phrase("typography.foo", true, "foo", "fu"),
	)
	res, err := File(c, []byte("It was foo bar.\n"), Options{Policy: NewPolicy(c.Rules(), nil)})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Fixed) != "It was fu baz.\n" || res.Passes != 3 || len(res.Applied) != 2 {
		t.Errorf("got %q in %d passes, %d edits", res.Fixed, res.Passes, len(res.Applied))
	}
}

func TestConfirm(t *testing.T) {
	c := newChecker(t,
		phrase("punctuation.space", true, " ,", ","),
		phrase("repetition.doubled", true, "the the", "the"),
	)
	in := "They met , the the minister , and the the envoy , too.\n"
	for _, tc := range []struct {
		name    string
		answers []Answer
		want    string
		asked   int
	}{
		{"all yes", []Answer{Yes, Yes, Yes, Yes, Yes}, "They met, the minister, and the envoy, too.\n", 5},
		{"no to the first", []Answer{No, Yes, Yes, Yes, Yes}, "They met , the minister, and the envoy, too.\n", 5},
		{"quit at the third", []Answer{Yes, Yes, Quit}, "They met, the minister , and the the envoy , too.\n", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asked := 0
			opt := Options{Policy: NewPolicy(c.Rules(), nil), Confirm: func(text []byte, e Edit) (Answer, error) {
				if string(text[e.Offset:e.End()]) != e.Old {
					t.Errorf("asked about %q where the text has %q", e.Old, text[e.Offset:e.End()])
				}
				asked++
				if asked > len(tc.answers) {
					t.Fatalf("asked %d times", asked)
				}
				return tc.answers[asked-1], nil
			}}
			res, err := File(c, []byte(in), opt)
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Fixed) != tc.want || asked != tc.asked {
				t.Errorf("got %q after %d questions, want %q after %d", res.Fixed, asked, tc.want, tc.asked)
			}
		})
	}
	// An error of Confirm stops File.
	stop := errors.New("terminal gone")
	_, err := File(c, []byte(in), Options{Policy: NewPolicy(c.Rules(), nil), Confirm: func([]byte, Edit) (Answer, error) { return No, stop }})
	if !errors.Is(err, stop) {
		t.Errorf("err = %v", err)
	}
}

func TestEncode(t *testing.T) {
	space := phrase("punctuation.space", true, " ,", ",")
	arrow := phrase("typography.arrow", true, "->", "→")
	for _, tc := range []struct {
		name, encoding string
		in, want       string
		err            bool
	}{
		{"utf-8", "", "Café , bar\n", "Café, bar\n", false},
		{"utf-8 with a BOM", "", "\xEF\xBB\xBFCafé , bar\n", "\xEF\xBB\xBFCafé, bar\n", false},
		{"windows-1252", "windows-1252", "Caf\xe9 , bar \x93quoted\x94\n", "Caf\xe9, bar \x93quoted\x94\n", false},
		{"utf-16le with a BOM", "", "\xFF\xFEC\x00a\x00f\x00\xE9\x00 \x00,\x00 \x00b\x00", "\xFF\xFEC\x00a\x00f\x00\xE9\x00,\x00 \x00b\x00", false},
		{"a character windows-1252 lacks", "windows-1252", "Caf\xe9 -> bar\n", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChecker(t, space, arrow)
			res, err := File(c, []byte(tc.in), Options{Policy: NewPolicy(c.Rules(), nil), Encoding: tc.encoding})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Changed() {
				t.Fatalf("nothing fixed in %q", res.Original)
			}
			out, err := res.Encode()
			if tc.err {
				if !errors.Is(err, ErrNotEncodable) {
					t.Errorf("err = %v, want ErrNotEncodable", err)
				}
				return
			}
			if err != nil || string(out) != tc.want {
				t.Errorf("got %q, %v; want %q", out, err, tc.want)
			}
		})
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	old, new := "They met , then left.\n", "They met, then left.\n"
	leftovers := func(t *testing.T) {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(dir, ".*.mtlint-*"))
		if len(m) > 0 {
			t.Errorf("temporary files left: %q", m)
		}
	}
	t.Run("permissions kept", func(t *testing.T) {
		p := filepath.Join(dir, "a.txt")
		os.WriteFile(p, []byte(old), 0o640)
		os.Chmod(p, 0o640)
		if err := WriteFile(p, []byte(new)); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(p)
		got, _ := os.ReadFile(p)
		if string(got) != new || st.Mode().Perm() != 0o640 {
			t.Errorf("got %q, mode %v", got, st.Mode())
		}
		leftovers(t)
	})
	t.Run("read-only", func(t *testing.T) {
		p := filepath.Join(dir, "ro.txt")
		os.WriteFile(p, []byte(old), 0o444)
		os.Chmod(p, 0o444)
		err := WriteFile(p, []byte(new))
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), p) {
			t.Errorf("err = %v", err)
		}
		if got, _ := os.ReadFile(p); string(got) != old {
			t.Errorf("changed to %q", got)
		}
		leftovers(t)
	})
	t.Run("interrupted", func(t *testing.T) {
		p := filepath.Join(dir, "b.txt")
		os.WriteFile(p, []byte(old), 0o644)
		defer func() { rename, afterTemp = os.Rename, nil }()
		// The temporary file holds the whole new text before the rename.
		afterTemp = func(tmp string) {
			if got, _ := os.ReadFile(tmp); string(got) != new {
				t.Errorf("temporary file %q", got)
			}
			if filepath.Dir(tmp) != dir {
				t.Errorf("temporary file in %s, not beside the file", tmp)
			}
		}
		rename = func(string, string) error { return errors.New("killed") }
		err := WriteFile(p, []byte(new))
		if err == nil || !strings.Contains(err.Error(), "killed") || !strings.Contains(err.Error(), p) {
			t.Errorf("err = %v", err)
		}
		if got, _ := os.ReadFile(p); string(got) != old {
			t.Errorf("changed to %q", got)
		}
		leftovers(t)
	})
	t.Run("sync fails", func(t *testing.T) {
		p := filepath.Join(dir, "c.txt")
		os.WriteFile(p, []byte(old), 0o644)
		defer func() { syncFile = (*os.File).Sync }()
		syncFile = func(*os.File) error { return errors.New("disk full") }
		if err := WriteFile(p, []byte(new)); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("err = %v", err)
		}
		if got, _ := os.ReadFile(p); string(got) != old {
			t.Errorf("changed to %q", got)
		}
		leftovers(t)
	})
	t.Run("symbolic link", func(t *testing.T) {
		p := filepath.Join(dir, "target.txt")
		l := filepath.Join(dir, "link.txt")
		os.WriteFile(p, []byte(old), 0o644)
		if err := os.Symlink("target.txt", l); err != nil {
			t.Skip(err)
		}
		if err := WriteFile(l, []byte(new)); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Lstat(l)
		got, _ := os.ReadFile(p)
		if st.Mode()&os.ModeSymlink == 0 || string(got) != new {
			t.Errorf("link mode %v, target %q", st.Mode(), got)
		}
	})
	t.Run("not a file", func(t *testing.T) {
		if err := WriteFile(dir, []byte(new)); err == nil {
			t.Error("wrote a folder")
		}
		if err := WriteFile(filepath.Join(dir, "missing.txt"), []byte(new)); !os.IsNotExist(err) {
			t.Errorf("err = %v", err)
		}
	})
}

// File never panics, and a second run changes nothing, whatever the text.
func FuzzFile(f *testing.F) {
	raw, _ := os.ReadFile("../../testdata/mt-article.txt")
	f.Add(string(raw[:min(len(raw), 2000)]), uint8(0))
	f.Add("They met , then left . . And the the envoy said « oui » at 14h30 .", uint8(0))
	f.Add("<p>They met&nbsp;, <b>then</b> , left</p>", uint8(2))
	f.Add("# Title , here\n\nThey met **today** , then left.\n", uint8(1))
	f.Add("“said Ryabkov. . He said , “no” .", uint8(0))
	c, err := checker.New(checker.Config{})
	if err != nil {
		f.Fatal(err)
	}
	pol := NewPolicy(c.Rules(), nil)
	f.Fuzz(func(t *testing.T, text string, format uint8) {
		opt := Options{Policy: pol, Format: []markup.Format{markup.Plain, markup.Markdown, markup.HTML}[int(format)%3]}
		first, err := File(c, []byte(text), opt)
		if err != nil {
			return
		}
		if !first.Settled {
			return // reported to the user; nothing to hold it to
		}
		second, err := File(c, first.Fixed, opt)
		if err != nil {
			t.Fatal(err)
		}
		if second.Changed() {
			t.Errorf("second run changed %q to %q", second.Original, second.Fixed)
		}
	})
}

// pass.forward and pass.back agree with applying the edits: a span no edit
// touches holds the same bytes after the pass, and maps back to itself.
func FuzzPass(f *testing.F) {
	f.Add("They met , then left . .", uint8(8), uint8(2), uint8(21), uint8(3), uint8(0))
	f.Add("abcdefghij", uint8(2), uint8(0), uint8(5), uint8(2), uint8(3))
	f.Fuzz(func(t *testing.T, text string, o1, l1, o2, l2, ins uint8) {
		n := len(text)
		if n == 0 {
			return
		}
		a := Edit{Offset: int(o1) % n, Length: int(l1) % 4}
		b := Edit{Offset: int(o2) % n, Length: int(l2) % 4}
		if a.Offset > b.Offset {
			a, b = b, a
		}
		if a.End() > b.Offset || b.End() > n {
			return
		}
		a.New = strings.Repeat("X", int(ins)%3)
		b.New = strings.Repeat("Y", int(ins)%4)
		edits := []Edit{a, b}
		out := string(Apply([]byte(text), edits))
		p := newPass(edits)
		for s := 0; s <= n; s++ {
			for e := s; e <= n; e++ {
				sp := span{s, e}
				if sp.overlaps(span{a.Offset, a.End()}) || sp.overlaps(span{b.Offset, b.End()}) ||
					s < a.End() && a.Offset < e || s < b.End() && b.Offset < e {
					continue
				}
				fw := p.forward(sp)
				if out[fw.start:fw.end] != text[s:e] {
					t.Fatalf("%q → %q: span %v is %q, forward %v is %q", text, out, sp, text[s:e], fw, out[fw.start:fw.end])
				}
				if e > s {
					if bk := (span{p.back(fw.start, false), p.back(fw.end, true)}); bk != sp {
						t.Fatalf("%q → %q: span %v forward %v back %v", text, out, sp, fw, bk)
					}
				}
			}
		}
	})
}

// TestSafeFixPacks checks which built-in packs mtlint fix applies: those
// whose YAML says safe_fix, the calques with a mechanical English equivalent,
// and no other.
func TestSafeFixPacks(t *testing.T) {
	want := []string{"grammar.articles", "grammar.prepositions", "idiom.comparative", "idiom.of-adjective", "idiom.time"}
	var got []string
	for _, r := range builtin(t).Rules() {
		if Safe(r) && (r.Category == rules.Idiom || r.Category == rules.Grammar || r.Category == rules.Spinning) {
			got = append(got, r.ID)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("safe pack rules %v, want %v", got, want)
	}
}
