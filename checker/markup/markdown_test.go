package markup

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/text"
)

// ph is the placeholder a code span or an autolink leaves in the prose.
const ph = mdPlaceholder

// checkMarkdownMap checks what every Markdown extraction must keep: each
// offset of the text maps inside raw, and each run of prose that was copied
// maps byte for byte to the input bytes it came from.
func checkMarkdownMap(t testing.TB, raw []byte, ex *Extracted, runs []mdRun) {
	t.Helper()
	for i := 0; i <= len(ex.Text); i++ {
		if r := ex.Map.ToRaw(i); r < 0 || r > len(raw) {
			t.Fatalf("ToRaw(%d) = %d, outside [0, %d]\ntext: %q", i, r, len(raw), ex.Text)
		}
	}
	for _, run := range runs {
		if run.Raw < 0 || run.Raw+run.N > len(raw) {
			t.Fatalf("copied run %+v outside the input of %d bytes", run, len(raw))
		}
		for k := 0; k < run.N && run.Text+k < len(ex.Text); k++ {
			i := run.Text + k
			if r := ex.Map.ToRaw(i); r != run.Raw+k || raw[r] != ex.Text[i] {
				t.Fatalf("copied text byte %d %q maps to raw %d (want %d, byte %q)\ntext: %q",
					i, ex.Text[i], r, run.Raw+k, raw[run.Raw+k], ex.Text)
			}
		}
	}
}

// extractTraced extracts raw and checks the map.
func extractTraced(t testing.TB, raw []byte) *Extracted {
	t.Helper()
	var runs []mdRun
	ex := markdownProse(raw, &runs)
	checkMarkdownMap(t, raw, ex, runs)
	return ex
}

// rawSpan returns the input bytes that the text span [start, end) stands
// for, computed as the checker computes a finding's extent.
func rawSpan(raw []byte, ex *Extracted, start, end int) string {
	s := ex.Map.ToRaw(start)
	e := ex.Map.ToRaw(end-1) + 1
	for e < len(raw) && !utf8.RuneStart(raw[e]) {
		e++
	}
	return string(raw[s:e])
}

func TestExtractMarkdown(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want string
		// spans: a piece of the text and the input bytes it must map to
		spans [][2]string
	}{
		{
			name: "atx heading",
			in:   "# Russian diplomat predicts *difficult* talks #\n\nSenior officials met on Sunday.\n",
			want: "Russian diplomat predicts difficult talks\n\nSenior officials met on Sunday.",
		},
		{
			name: "setext heading",
			in:   "Talks in Geneva\n===============\n\nThe dinner was the prelude.\n",
			want: "Talks in Geneva\n\nThe dinner was the prelude.",
		},
		{
			name:  "emphasis in a sentence",
			in:    "Ryabkov said the talks would be *difficult* and **long** , according to _Tass_.\n",
			want:  "Ryabkov said the talks would be difficult and long , according to Tass.",
			spans: [][2]string{{"long ,", "long** ,"}, {"difficult and", "difficult* and"}},
		},
		{
			name:  "link text kept, destination and title skipped",
			in:    "Read the [statement by *Wendy Sherman*](https://example.org/the-the \"the the\") on Monday.\n",
			want:  "Read the statement by Wendy Sherman on Monday.",
			spans: [][2]string{{"Sherman on", "Sherman*](https://example.org/the-the \"the the\") on"}},
		},
		{
			name: "reference link and its definition",
			in:   "[The talks][geneva] began on Monday.\n\n[geneva]: https://example.org/geneva \"Geneva the the\"\n",
			want: "The talks began on Monday.",
		},
		{
			name:  "image alt text kept",
			in:    "![Sergei Ryabkov in Geneva](https://example.org/r.jpg \"the the\")\n\nHe left the dinner.\n",
			want:  "Sergei Ryabkov in Geneva\n\nHe left the dinner.",
			spans: [][2]string{{"Sergei", "Sergei"}},
		},
		{
			name: "fenced code block skipped",
			in:   "Before the code.\n\n```text\nthe the talks , more early Sunday. .\n```\n\nAfter the code.\n",
			want: "Before the code.\n\nAfter the code.",
		},
		{
			name: "indented code block skipped",
			in:   "Before the code.\n\n    the the talks , more early\n\nAfter the code.\n",
			want: "Before the code.\n\nAfter the code.",
		},
		{
			name: "unclosed fence runs to the end",
			in:   "Before.\n\n~~~\nthe the\n",
			want: "Before.",
		},
		{
			name:  "code span",
			in:    "Set `the the` to true , then run ``a`b``.\n",
			want:  "Set " + ph + " to true , then run " + ph + ".",
			spans: [][2]string{{ph, "`the the`"}, {ph + ".", "``a`b``."}},
		},
		{
			name: "yaml front matter",
			in:   "---\ntitle: Talks , the the\ntags: [news]\n---\n# Talks in Geneva\n",
			want: "Talks in Geneva",
		},
		{
			name: "yaml front matter closed by dots",
			in:   "---\ntitle: the the\n...\nBody text.\n",
			want: "Body text.",
		},
		{
			name: "toml front matter",
			in:   "+++\ntitle = \"the the\"\n+++\n\nBody text.\n",
			want: "Body text.",
		},
		{
			name: "unclosed --- is a thematic break",
			in:   "---\nThe talks began.\n",
			want: "The talks began.",
		},
		{
			name: "front matter only at the start",
			in:   "Intro.\n\n---\ntitle: not front matter\n---\n",
			want: "Intro.\n\ntitle: not front matter",
		},
		{
			name: "html block skipped",
			in:   "<div class=\"ad\">\nBuy the the product now\n</div>\n\nThe article goes on.\n",
			want: "The article goes on.",
		},
		{
			name: "inline html dropped, br breaks the line",
			in:   "The <span class=\"x\">talks</span> began.<br>They ended<br/>late.\n",
			want: "The talks began.\nThey ended\nlate.",
		},
		{
			name:  "autolink",
			in:    "See <https://example.org/the-the> for more.\n",
			want:  "See " + ph + " for more.",
			spans: [][2]string{{ph, "<https://example.org/the-the>"}},
		},
		{
			name: "table cells end blocks",
			in:   "| Country | Troops |\n|---|---:|\n| Russia | 100,000 |\n| Ukraine &amp; allies | `n/a` |\n",
			want: "Country\n\nTroops\n\nRussia\n\n100,000\n\nUkraine & allies\n\n" + ph,
		},
		{
			name: "block quote",
			in:   "> “We have dug into the depths,” Ryabkov said.\n> The talks are difficult.\n\nAfter.\n",
			want: "“We have dug into the depths,” Ryabkov said.\nThe talks are difficult.\n\nAfter.",
		},
		{
			name: "nested lists",
			in:   "- Russia’s demands:\n  1. no NATO expansion\n  2. no missiles\n- US offers\n\n  talks on missiles\n",
			want: "Russia’s demands:\n\nno NATO expansion\n\nno missiles\n\nUS offers\n\ntalks on missiles",
		},
		{
			name: "task list",
			in:   "- [x] checked the facts\n- [ ] call Geneva\n",
			want: "checked the facts\n\ncall Geneva",
		},
		{
			name: "strikethrough",
			in:   "The ~~old~~ new talks.\n",
			want: "The old new talks.",
		},
		{
			name: "entities",
			in:   "Tom &amp; Jerry &eacute;t&eacute; &ldquo;high costs&rdquo; ABC&#8217;s &#x2019; &#0; &bogus; &amp no\n",
			want: "Tom & Jerry été “high costs” ABC’s ’ \uFFFD &bogus; &amp no",
			spans: [][2]string{
				{"“high costs”", "&ldquo;high costs&rdquo;"},
				{"’s", "&#8217;s"},
				{"été", "&eacute;t&eacute;"},
			},
		},
		{
			name:  "backslash escapes",
			in:    "\\*not emphasis\\* and \\_this\\_ , \\\\ backslash, \\a and \\&amp;\n",
			want:  "*not emphasis* and _this_ , \\ backslash, \\a and &amp;",
			spans: [][2]string{{"*not emphasis*", "*not emphasis\\*"}},
		},
		{
			name: "soft and hard line breaks",
			in:   "Line one\nline two  \nline three\\\nline four\n",
			want: "Line one\nline two\nline three\nline four",
		},
		{
			name: "crlf line endings",
			in:   "# Title\r\n\r\nLine one\r\nline two.\r\n\r\n- item\r\n\r\n| a | b |\r\n|---|---|\r\n| c | d |\r\n",
			want: "Title\n\nLine one\nline two.\n\nitem\n\na\n\nb\n\nc\n\nd",
		},
		{
			name: "bom",
			in:   "\xEF\xBB\xBFText after the BOM.\n",
			want: "Text after the BOM.",
		},
		{
			name: "bom and front matter",
			in:   "\xEF\xBB\xBF---\ntitle: x\n---\nBody.\n",
			want: "Body.",
		},
		{name: "empty", in: "", want: ""},
		{name: "blank", in: "\n \n\t\n", want: ""},
		{
			name: "invalid utf-8 passes through",
			in:   "Bad \xff\xfe bytes in the text.\n",
			want: "Bad \xff\xfe bytes in the text.",
		},
		{
			name: "entity for a space at the end of a block",
			in:   "The talks &#32;\n\nbegan &#9; \n",
			want: "The talks\n\nbegan",
		},
		{
			name: "entity longer than its source at the end",
			in:   "a &nGt;",
			want: "a \u226B\u20D2",
		},
		{
			name: "html comments are not prose",
			in:   "Before <!-- the the --> after.\n\n<!-- a comment\nthe the -->\n",
			want: "Before  after.",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(tc.in)
			ex := extractTraced(t, raw)
			if ex.Text != tc.want {
				t.Fatalf("text\n got %q\nwant %q", ex.Text, tc.want)
			}
			for _, sp := range tc.spans {
				i := strings.Index(ex.Text, sp[0])
				if i < 0 {
					t.Fatalf("%q not in the text %q", sp[0], ex.Text)
				}
				if got := rawSpan(raw, ex, i, i+len(sp[0])); got != sp[1] {
					t.Errorf("text %q maps to %q, want %q", sp[0], got, sp[1])
				}
			}
		})
	}
}

func TestExtractMarkdownOffsets(t *testing.T) {
	// the prose of a document that starts with a BOM and front matter
	// still points at the input's own bytes
	raw := []byte("\xEF\xBB\xBF---\ntitle: Talks\n---\n# Talks , in Geneva\n\nThe talks began.\n")
	ex := extractTraced(t, raw)
	i := strings.Index(ex.Text, " ,")
	if got, want := ex.Map.ToRaw(i), bytes.Index(raw, []byte(" ,")); got != want {
		t.Errorf("\" ,\" maps to %d, want %d", got, want)
	}
	if got := ex.Map.ToRaw(0); string(raw[got:got+5]) != "Talks" || got < 20 {
		t.Errorf("the heading starts at raw %d (%q)", got, raw[got:])
	}
}

func TestMarkdownDirectives(t *testing.T) {
	cases := []struct {
		name string
		in   string
		// want: for each suppression the input text from its start to
		// its end, and its rules
		want []string
		// covered and free are pieces of the input that the
		// suppressions must and must not cover
		covered, free []string
	}{
		{
			name:    "disable and enable in html blocks",
			in:      "First , paragraph.\n\n<!-- mtlint-disable -->\n\nSecond the the paragraph.\n\n<!-- mtlint-enable -->\n\nThird , paragraph.\n",
			want:    []string{"<!-- mtlint-disable -->\n\nSecond the the paragraph.\n\n<!-- mtlint-enable -->|"},
			covered: []string{"the the"},
			free:    []string{"First ,", "Third ,"},
		},
		{
			name:    "disable never enabled runs to the end",
			in:      "Fine.\n\n<!-- mtlint-disable quotes -->\n\n“Unclosed quote.\n",
			want:    []string{"<!-- mtlint-disable quotes -->\n\n“Unclosed quote.\n|quotes"},
			covered: []string{"“Unclosed"},
			free:    []string{"Fine."},
		},
		{
			name:    "next line",
			in:      "<!-- mtlint-disable-next-line repetition.doubled-word -->\nThe the talks began.\nThe the talks ended.\n",
			want:    []string{"<!-- mtlint-disable-next-line repetition.doubled-word -->\nThe the talks began.|repetition.doubled-word"},
			covered: []string{"The the talks began."},
			free:    []string{"The the talks ended."},
		},
		{
			name:    "rule list, inline comments",
			in:      "Talks <!-- mtlint-disable punctuation, quotes --> began , “here <!-- mtlint-enable punctuation quotes -->. Then , there.\n",
			want:    []string{"<!-- mtlint-disable punctuation, quotes --> began , “here <!-- mtlint-enable punctuation quotes -->|punctuation,quotes"},
			covered: []string{"began ,"},
			free:    []string{"Then ,"},
		},
		{
			name:    "comment inside other html",
			in:      "<div>\n<!-- mtlint-disable -->\n</div>\n\nAll of the the rest.\n",
			want:    []string{"<!-- mtlint-disable -->\n</div>\n\nAll of the the rest.\n|"},
			covered: []string{"the the"},
		},
		{
			name: "directive in a code block is code",
			in:   "```html\n<!-- mtlint-disable -->\n```\n\nThe the talks.\n",
			free: []string{"The the"},
		},
		{
			name: "comment that is no directive",
			in:   "<!-- mtlint: a note for editors -->\n\nThe the talks.\n",
			free: []string{"The the"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(tc.in)
			ex := extractTraced(t, raw)
			var got []string
			for _, s := range ex.Suppressions {
				got = append(got, string(raw[s.Start:s.End])+"|"+strings.Join(s.Rules, ","))
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("suppressions\n got %q\nwant %q", got, tc.want)
			}
			covers := func(piece string) bool {
				off := strings.Index(tc.in, piece)
				if off < 0 {
					t.Fatalf("%q not in the input", piece)
				}
				for _, s := range ex.Suppressions {
					if s.Covers("any.rule", "any", off) || len(s.Rules) > 0 && s.Covers(s.Rules[0], "", off) {
						return true
					}
				}
				return false
			}
			for _, p := range tc.covered {
				if !covers(p) {
					t.Errorf("%q is not covered", p)
				}
			}
			for _, p := range tc.free {
				if covers(p) {
					t.Errorf("%q is covered", p)
				}
			}
		})
	}
}

func TestMarkdownArticleFixture(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mt-article.md"))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mt-article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ex := extractTraced(t, raw)
	for _, s := range []string{"title:", "```", "the the", "(https://", "&#", "&ldquo;", "*", "<!--"} {
		if strings.Contains(ex.Text, s) {
			t.Errorf("the prose holds %q", s)
		}
	}
	// every paragraph of the text version is a paragraph of the prose
	paras := strings.Split(ex.Text, "\n\n")
	for _, p := range strings.Split(string(plain), "\n\n") {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(paras, p) {
			t.Errorf("paragraph of the text version missing from the prose: %q", p)
		}
	}
}

func TestMarkdownConcurrent(t *testing.T) {
	// one goldmark parser serves every goroutine (go test -race checks)
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mt-article.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := extractMarkdown(raw).Text
	var wg sync.WaitGroup
	got := make([]string, 4)
	for i := range got {
		wg.Go(func() { got[i] = extractMarkdown(raw).Text })
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Errorf("goroutine %d extracted other prose", i)
		}
	}
}

func BenchmarkMarkdown(b *testing.B) {
	one, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mt-article.md"))
	if err != nil {
		b.Fatal(err)
	}
	// one front matter, then the body over and over to about 1 MB
	body := one[mdFrontMatterEnd(one, 0):]
	raw := append([]byte(nil), one...)
	for len(raw) < 1<<20 {
		raw = append(raw, '\n')
		raw = append(raw, body...)
	}
	b.Run("extract", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			extractMarkdown(raw)
		}
	})
	// goldmark's parse alone, the floor under the extraction's time
	b.Run("goldmark-parse", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			mdParser().Parse(text.NewReader(raw))
		}
	})
}

func FuzzMarkdown(f *testing.F) {
	seeds := []string{
		"# Title\n\nText *em* **strong** [link](http://x \"t\") ![alt](y) `code` <https://a.b> &amp; \\* &#8217;\n",
		"---\ntitle: x\n---\n+++\n",
		"+++\na = 1\n+++\nbody",
		"| a | b |\n|---|---|\n| c \\| d | `e \\| f` |\n",
		"> quote\n> > nested\n- list\n  1. item\n\n    code\n",
		"<!-- mtlint-disable x -->\n<div>\n<!-- mtlint-enable -->\n</div>\ntext <!-- mtlint-disable-next-line -->\n",
		"line  \nhard\\\nbreak\r\ncrlf\r\n",
		"\xEF\xBB\xBF\xff\xfe bad &#xD800; &#1114112; &nGt; &#32;",
		"[ref]: /url\n[ref]\n\n- [x] done\n~~struck~~",
		"```\nunclosed",
		"a<br>b <span>c</span>",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	if raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mt-article.md")); err == nil {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var runs []mdRun
		ex := markdownProse(raw, &runs)
		if len(ex.Notes) > 0 && mdTooComplex(raw) == "" && mdTooComplex(raw[min(3, len(raw)):]) == "" {
			t.Fatalf("extraction fell back: %v", ex.Notes)
		}
		checkMarkdownMap(t, raw, ex, runs)
		if utf8.Valid(raw) && !utf8.ValidString(ex.Text) {
			t.Fatalf("valid input, invalid prose %q", ex.Text)
		}
		for _, s := range ex.Suppressions {
			if s.Start < 0 || s.End > len(raw) || s.Start > s.End {
				t.Fatalf("suppression %+v outside the input of %d bytes", s, len(raw))
			}
		}
	})
}

// TestMarkdownTooComplex checks that structures no article has, on which
// goldmark takes seconds or minutes, make the file plain text with a note,
// and that ordinary nesting does not.
func TestMarkdownTooComplex(t *testing.T) {
	var refs strings.Builder
	for i := range mdMaxRefDefs + 1 {
		fmt.Fprintf(&refs, "[r%d]: https://example.org/%d\n", i, i)
	}
	for _, tc := range []struct {
		name, src, note string
	}{
		{"quotes", strings.Repeat(">", mdMaxQuoteDepth+1) + " the the\n", "nests block quotes"},
		{"indent", "- a\n" + strings.Repeat(" ", mdMaxIndent+1) + "- the the\n", "indents a line"},
		{"references", refs.String(), "link reference definitions"},
		{"ordinary", "> > quoted twice\n\n- a\n  - b\n    - c\n\n[r]: https://example.org\n", ""},
	} {
		ex := extractMarkdown([]byte(tc.src))
		notes := strings.Join(ex.Notes, "; ")
		if tc.note == "" {
			if notes != "" || ex.Text == tc.src {
				t.Errorf("%s: notes %q, text %q: read as plain text", tc.name, notes, ex.Text)
			}
			continue
		}
		if !strings.Contains(notes, tc.note) || !strings.Contains(notes, "plain text") || ex.Text != strings.TrimRight(tc.src, "\n ") {
			t.Errorf("%s: notes %q, text %.60q", tc.name, notes, ex.Text)
		}
	}
}
