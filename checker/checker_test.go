package checker

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// wordRule flags every occurrence of word, as a test rule.
func wordRule(id string, cat rules.Category, sev rules.Severity, word string) *rules.Rule {
	return &rules.Rule{
		ID: id, Category: cat, Severity: sev, Doc: "flags " + word, Explanation: "test rule",
		Run: func(p *rules.Pass) {
			for i, t := range p.Doc.Tokens {
				if strings.EqualFold(p.Doc.TokenText(i), word) {
					p.Reportf(t.Span(), []string{"bar"}, "found %s", word)
				}
			}
		},
	}
}

func testRules() []*rules.Rule {
	return []*rules.Rule{
		wordRule("punctuation.foo", rules.Punctuation, rules.Error, "foo"),
		wordRule("quotes.baz", rules.Quotes, rules.Warning, "baz"),
		wordRule("quotes.qux", rules.Quotes, rules.Info, "qux"),
	}
}

func ids(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Rule)
	}
	return out
}

func TestEnableDisable(t *testing.T) {
	off := wordRule("repetition.off", rules.Repetition, rules.Info, "off")
	off.Off = true
	all := append(testRules(), off)
	text := "foo baz qux off"
	tests := []struct {
		enable, disable []string
		want            string
	}{
		{nil, nil, "punctuation.foo quotes.baz quotes.qux"},
		{nil, []string{"quotes"}, "punctuation.foo"},
		{[]string{"quotes.qux"}, []string{"quotes"}, "punctuation.foo quotes.qux"},
		{nil, []string{"punctuation.foo"}, "quotes.baz quotes.qux"},
		{[]string{"repetition"}, nil, "punctuation.foo quotes.baz quotes.qux repetition.off"},
		{[]string{"repetition.off"}, []string{"repetition.off"}, "punctuation.foo quotes.baz quotes.qux"},
	}
	for _, tt := range tests {
		c, err := New(Config{Rules: all, Enable: tt.enable, Disable: tt.disable})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(ids(c.CheckString(text)), " "); got != tt.want {
			t.Errorf("enable %v disable %v: got %q, want %q", tt.enable, tt.disable, got, tt.want)
		}
	}
}

func TestNewErrors(t *testing.T) {
	bad := []Config{
		{Rules: testRules(), Enable: []string{"nosuch.rule"}},
		{Rules: testRules(), Disable: []string{"punct"}},
		{Rules: append(testRules(), wordRule("punctuation.foo", rules.Punctuation, rules.Info, "x"))},
		{Rules: []*rules.Rule{wordRule("Punctuation.Foo", rules.Punctuation, rules.Info, "x")}},
		{Rules: []*rules.Rule{wordRule("quotes.x", rules.Punctuation, rules.Info, "x")}},
	}
	for i, cfg := range bad {
		if _, err := New(cfg); err == nil {
			t.Errorf("config %d: New succeeded, want an error", i)
		}
	}
	// A category with no rule of this set is still a valid name.
	if _, err := New(Config{Rules: testRules(), Disable: []string{"spinning"}}); err != nil {
		t.Errorf("disabling an empty category: %v", err)
	}
}

func TestMinSeverity(t *testing.T) {
	c, _ := New(Config{Rules: testRules(), MinSeverity: rules.Warning})
	if got := strings.Join(ids(c.CheckString("qux baz foo")), " "); got != "quotes.baz punctuation.foo" {
		t.Errorf("got %q", got)
	}
}

func TestPositions(t *testing.T) {
	c, _ := New(Config{Rules: testRules()})
	tests := []struct {
		name, in                   string
		line, col, endLine, endCol int
		offset                     int
	}{
		{"first line", "foo bar", 1, 1, 1, 4, 0},
		{"lf", "a\nb foo", 2, 3, 2, 6, 4},
		{"crlf", "a line\r\n\r\nsay foo\r\n", 3, 5, 3, 8, 14},
		{"code points", "héé “x” foo", 1, 9, 1, 12, 14},
		{"lone cr", "one\rtwo foo", 2, 5, 2, 8, 8},
		{"bom", "\xEF\xBB\xBFfoo", 1, 1, 1, 4, 3},
		{"bom, second line", "\xEF\xBB\xBFa\nfoo", 2, 1, 2, 4, 5},
		{"invalid byte before", "a\x81 foo", 1, 4, 1, 7, 3},
	}
	for _, tt := range tests {
		res := c.CheckString(tt.in)
		if len(res.Findings) != 1 {
			t.Errorf("%s: %d findings, want 1", tt.name, len(res.Findings))
			continue
		}
		f := res.Findings[0]
		if f.Line != tt.line || f.Column != tt.col || f.EndLine != tt.endLine || f.EndColumn != tt.endCol || f.Offset != tt.offset || f.Length != 3 {
			t.Errorf("%s: got %d:%d-%d:%d @%d+%d, want %d:%d-%d:%d @%d+3", tt.name,
				f.Line, f.Column, f.EndLine, f.EndColumn, f.Offset, f.Length,
				tt.line, tt.col, tt.endLine, tt.endCol, tt.offset)
		}
		if f.Text != "foo" || tt.in[f.Offset:f.Offset+f.Length] != "foo" {
			t.Errorf("%s: text %q", tt.name, f.Text)
		}
		if got := f.Context.Line[f.Context.Start:f.Context.End]; got != "foo" {
			t.Errorf("%s: context marks %q in %q", tt.name, got, f.Context.Line)
		}
	}
}

func TestBadInput(t *testing.T) {
	c, _ := New(Config{Rules: testRules()})
	res := c.CheckBytes([]byte("PK\x03\x04\x00\x00foo"))
	if !res.Skipped || len(res.Notes) != 1 || res.Notes[0].Kind != "binary" || res.Notes[0].Offset != 4 {
		t.Errorf("binary: %+v", res)
	}
	res = c.CheckBytes([]byte("\xff\xfef\x00o\x00o\x00"))
	if res.Skipped || len(res.Notes) != 1 || res.Notes[0].Kind != "transcoded" || !strings.Contains(res.Notes[0].Message, "utf-16le") {
		t.Errorf("utf-16: %+v", res)
	}
	if f := res.Findings; len(f) != 1 || f[0].Offset != 0 || f[0].Line != 1 || f[0].Column != 1 || f[0].Text != "foo" {
		t.Errorf("utf-16: findings %+v, want foo at 0 (the byte order mark is dropped)", res.Findings)
	}
	// the UTF-8 "é" says it is UTF-8 with a corrupt byte, not windows-1252
	res = c.CheckBytes([]byte("ok \xc3\x28 then foo, café"))
	if res.Skipped || len(res.Notes) != 1 || res.Notes[0].Kind != "invalid-utf8" || res.Notes[0].Offset != 3 {
		t.Errorf("invalid utf-8: %+v", res.Notes)
	}
	if len(res.Findings) != 1 || res.Findings[0].Offset != 11 {
		t.Errorf("invalid utf-8: findings %+v, want foo at 11", res.Findings)
	}
	for _, empty := range []string{"", "\n", "   \n\n"} {
		if res := c.CheckString(empty); len(res.Findings) != 0 || res.Findings == nil {
			t.Errorf("empty input %q: %+v", empty, res)
		}
	}
}

// TestBrokenRule checks that a rule that panics or reports a span outside the
// text becomes a note, and the other rules still run.
func TestBrokenRule(t *testing.T) {
	panicky := &rules.Rule{ID: "punctuation.panics", Category: rules.Punctuation, Severity: rules.Error, Doc: "d", Explanation: "e",
		Run: func(p *rules.Pass) { panic("boom") }}
	outside := &rules.Rule{ID: "punctuation.outside", Category: rules.Punctuation, Severity: rules.Error, Doc: "d", Explanation: "e",
		Run: func(p *rules.Pass) { p.Reportf(document.Span{Start: 0, End: len(p.Doc.Text) + 5}, nil, "x") }}
	c, err := New(Config{Rules: append([]*rules.Rule{panicky, outside}, testRules()...)})
	if err != nil {
		t.Fatal(err)
	}
	res := c.CheckString("foo")
	if len(res.Findings) != 1 || res.Findings[0].Rule != "punctuation.foo" {
		t.Errorf("findings %+v", res.Findings)
	}
	if len(res.Notes) != 2 || res.Notes[0].Kind != "internal-error" {
		t.Errorf("notes %+v", res.Notes)
	}
}

// TestOverlapDedup checks that overlapping diagnostics of one rule are
// reported once, while those of different rules are all kept.
func TestOverlapDedup(t *testing.T) {
	twice := &rules.Rule{ID: "repetition.twice", Category: rules.Repetition, Severity: rules.Warning, Doc: "d", Explanation: "e",
		Run: func(p *rules.Pass) {
			p.Reportf(document.Span{Start: 0, End: 7}, nil, "long")
			p.Reportf(document.Span{Start: 4, End: 7}, nil, "inside")
			p.Reportf(document.Span{Start: 0, End: 3}, nil, "shorter, same start")
			p.Reportf(document.Span{Start: 8, End: 11}, nil, "apart")
		}}
	c, _ := New(Config{Rules: append(testRules(), twice)})
	res := c.CheckString("foo foo foo")
	var msgs []string
	for _, f := range res.Findings {
		if f.Rule == "repetition.twice" {
			msgs = append(msgs, f.Message)
		}
	}
	if strings.Join(msgs, "|") != "long|apart" {
		t.Errorf("got %q", msgs)
	}
	if n := len(res.Findings); n != 5 {
		t.Errorf("got %d findings, want 3 of punctuation.foo and 2 of repetition.twice", n)
	}
}

// TestWindowsAgree checks that checking in small windows finds exactly what
// checking in one window finds, at the same offsets.
func TestWindowsAgree(t *testing.T) {
	text := strings.Repeat("Some foo text here.\n\nAnd baz there, qux.\n\n", 2000)
	one, _ := New(Config{Rules: testRules()})
	small, _ := New(Config{Rules: testRules(), Window: 4096})
	a, b := one.CheckString(text), small.CheckString(text)
	if len(a.Findings) != 6000 || len(a.Findings) != len(b.Findings) {
		t.Fatalf("findings: %d in one window, %d in small ones", len(a.Findings), len(b.Findings))
	}
	for i := range a.Findings {
		if a.Findings[i].Offset != b.Findings[i].Offset || a.Findings[i].Line != b.Findings[i].Line {
			t.Fatalf("finding %d differs: %+v vs %+v", i, a.Findings[i], b.Findings[i])
		}
	}
}

func TestSuggestionsNeverNil(t *testing.T) {
	r := &rules.Rule{ID: "quotes.nosugg", Category: rules.Quotes, Severity: rules.Warning, Doc: "d", Explanation: "e",
		Run: func(p *rules.Pass) { p.Reportf(document.Span{Start: 0, End: 1}, nil, "x") }}
	c, _ := New(Config{Rules: []*rules.Rule{r}})
	if f := c.CheckString("x").Findings; len(f) != 1 || f[0].Suggestions == nil {
		t.Errorf("suggestions must be an empty array, got %+v", f)
	}
}

// TestAdvanceMatchesNaive compares the line and column walk with a naive
// count over text mixing LF, CRLF, lone CR, multi-byte and invalid bytes.
func TestAdvanceMatchesNaive(t *testing.T) {
	raw := []byte("ab\r\ncd\ré\n\nx\xffy\r\r\n“z”\n\r")
	naive := func(to int) (line, col int) {
		line, col = 1, 1
		for i := 0; i < to; {
			switch {
			case raw[i] == '\n' || raw[i] == '\r' && (i+1 >= len(raw) || raw[i+1] != '\n'):
				line, col = line+1, 1
				i++
			default:
				_, size := utf8.DecodeRune(raw[i:])
				col++
				i += size
			}
		}
		return
	}
	boundary := func(i int) bool { return i == len(raw) || utf8.RuneStart(raw[i]) }
	for from := 0; from <= len(raw); from++ {
		for to := from; to <= len(raw); to++ {
			if !boundary(from) || !boundary(to) {
				continue // findings start and end on rune boundaries
			}
			var p position
			p.advance(rawView{b: raw}, from)
			p.advance(rawView{b: raw}, to)
			if l, c := naive(to); p.line != l || p.col != c {
				t.Fatalf("advance to %d (via %d): %d:%d, want %d:%d", to, from, p.line, p.col, l, c)
			}
		}
	}
}

// TestCheckFileLarge checks that a file large enough to be mapped gives the
// same result as its bytes checked from the heap, and that findings do not
// point into the mapping once it is gone.
func TestCheckFileLarge(t *testing.T) {
	unit := "Some foo text here.\n\n" + strings.Repeat("Plain words without a finding. ", 100) + "\n\n"
	raw := []byte(strings.Repeat(unit, mapThreshold/len(unit)+1))
	path := t.TempDir() + "/large.txt"
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := New(Config{Rules: testRules()})
	fromFile, err := c.CheckFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fromBytes := c.CheckBytes(raw)
	if len(fromFile.Findings) != len(fromBytes.Findings) || len(fromFile.Findings) == 0 {
		t.Fatalf("%d findings from the file, %d from its bytes", len(fromFile.Findings), len(fromBytes.Findings))
	}
	last := fromFile.Findings[len(fromFile.Findings)-1]
	if want := fromBytes.Findings[len(fromBytes.Findings)-1]; last.Offset != want.Offset || last.Line != want.Line ||
		last.Text != want.Text || last.Context.Line != want.Context.Line || last.Message != want.Message {
		t.Errorf("last finding differs: %+v vs %+v", last, want)
	}
	if _, err := c.CheckFile(path + ".missing"); err == nil || !strings.Contains(err.Error(), "large.txt.missing") {
		t.Errorf("missing file: error %v should name it", err)
	}
}

// TestCheckFileTruncated checks that a mapped file truncated while it is
// checked gives an error naming it, not a crash.
func TestCheckFileTruncated(t *testing.T) {
	path := t.TempDir() + "/shrinks.txt"
	raw := []byte(strings.Repeat("Plain words without a finding, foo. ", mapThreshold/36+1))
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	testHookMapped = func(p string) {
		// keep 2 MB, so that the text starts intact (its language is
		// told from the first megabyte) and the windows after it fault
		if err := os.Truncate(p, 2<<20); err != nil {
			t.Error(err)
		}
	}
	defer func() { testHookMapped = nil }()
	for _, jobs := range []int{1, 3} { // serially and on workers
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		c, _ := New(Config{Rules: testRules(), Jobs: jobs})
		res, err := c.CheckFile(path)
		if err == nil && runtime.GOOS == "windows" {
			t.Skip("files are not mapped on this system")
		}
		if err == nil || !strings.Contains(err.Error(), "shrinks.txt") || !strings.Contains(err.Error(), "truncated") {
			t.Fatalf("%d jobs: CheckFile = %v, %v; want an error naming the file and the truncation", jobs, res, err)
		}
	}
}
