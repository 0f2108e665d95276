package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
)

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// seed is the seed article, which has a finding of every artifact class.
func seed(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/mt-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fast returns options with a short debounce and no configuration files.
func fast() Options { return Options{NoConfig: true, Debounce: 20 * time.Millisecond} }

// TestSeedPositions checks that every finding of the seed article is
// published, at the line and UTF-16 column of the checker's byte offsets,
// with the rule as code and the fields of the finding.
func TestSeedPositions(t *testing.T) {
	text := seed(t)
	c := startServer(t, fast(), nil)
	c.open("file:///tmp/seed.txt", "plaintext", text, 1)
	p := c.diagnostics("file:///tmp/seed.txt", nil)
	chk, err := checker.New(checker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	plain := markup.Plain
	res := chk.CheckInput([]byte(text), checker.Input{Format: &plain})
	var got []Diagnostic
	for _, d := range p.Diagnostics {
		if d.Code != ScoreCode {
			got = append(got, d)
		}
	}
	if len(got) != len(res.Findings) || len(got) == 0 {
		t.Fatalf("%d diagnostics, want %d", len(got), len(res.Findings))
	}
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("version %v, want 1", p.Version)
	}
	for i, f := range res.Findings {
		d := got[i]
		sl, sc := utf16Col(text, f.Offset)
		el, ec := utf16Col(text, f.Offset+f.Length)
		want := Range{Position{sl, sc}, Position{el, ec}}
		if d.Range != want || d.Code != f.Rule || d.Source != "mtlint" || d.Message != f.Message {
			t.Errorf("diagnostic %d = %+v, want %s at %+v", i, d, f.Rule, want)
		}
		if d.Range.Start.Line != f.Line-1 {
			t.Errorf("%s: line %d, the checker says %d", f.Rule, d.Range.Start.Line+1, f.Line)
		}
		if d.CodeDescription == nil || d.CodeDescription.Href == "" || d.Data == nil || d.Data.Offset != f.Offset || d.Data.Text != f.Text {
			t.Errorf("%s: codeDescription or data missing: %+v", f.Rule, d)
		}
		if want := severityOf(f.Severity); d.Severity != want {
			t.Errorf("%s: severity %d, want %d", f.Rule, d.Severity, want)
		}
	}
	// the seed article scores high: the document-level diagnostic says so
	var score *Diagnostic
	for i := range p.Diagnostics {
		if p.Diagnostics[i].Code == ScoreCode {
			score = &p.Diagnostics[i]
		}
	}
	if res.Score < DefaultScoreThreshold {
		t.Fatalf("the seed article scores %d, under the threshold", res.Score)
	}
	if score == nil || !strings.Contains(score.Message, "MT-likelihood score") || score.Data.Score != res.Score || score.Range.Start.Line != 0 {
		t.Errorf("score diagnostic %+v, want one with score %d on line 0", score, res.Score)
	}
}

// TestEmojiRangeAndQuickFix checks a Markdown document with emoji and CJK
// before a finding on the same line: the range covers exactly the flagged
// characters in UTF-16 units, and the quick fix edits exactly them.
func TestEmojiRangeAndQuickFix(t *testing.T) {
	text := "# Notes 📝\n\nThe 🚀 launch 日本 ended more early than planned, said the team.\n"
	uri := "file:///tmp/emoji.md"
	for _, enc := range []string{"utf-16", "utf-8"} {
		t.Run(enc, func(t *testing.T) {
			init := map[string]any{"capabilities": map[string]any{}}
			if enc == "utf-8" {
				init["capabilities"] = map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}}
			}
			c := startServer(t, fast(), init)
			c.open(uri, "markdown", text, 3)
			p := c.diagnostics(uri, nil)
			var d *Diagnostic
			for i := range p.Diagnostics {
				if p.Diagnostics[i].Code == "idiom.comparative" {
					d = &p.Diagnostics[i]
				}
			}
			if d == nil {
				t.Fatalf("no idiom.comparative in %+v", p.Diagnostics)
			}
			off := strings.Index(text, "more early")
			l, col := utf16Col(text, off)
			_, end := utf16Col(text, off+len("more early"))
			if enc == "utf-8" {
				lineStart := strings.LastIndex(text[:off], "\n") + 1
				col, end = off-lineStart, off-lineStart+len("more early")
			}
			if want := (Range{Position{l, col}, Position{l, end}}); d.Range != want {
				t.Fatalf("range %+v, want %+v", d.Range, want)
			}
			if enc == "utf-8" {
				return
			}
			// ask at the cursor in the middle of the finding, with no
			// diagnostics echoed: the server uses its own
			raw, err := c.request("textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        Range{Position{l, col + 3}, Position{l, col + 3}},
				"context":      map[string]any{"diagnostics": []any{}},
			})
			if err != nil {
				t.Fatal(err)
			}
			var actions []CodeAction
			if err := json.Unmarshal(raw, &actions); err != nil {
				t.Fatal(err)
			}
			var fix *CodeAction
			for i := range actions {
				if actions[i].Kind == kindQuickFix && actions[i].IsPreferred {
					fix = &actions[i]
				}
			}
			if fix == nil {
				t.Fatalf("no preferred quick fix in %+v", actions)
			}
			got := applyUTF16(t, text, fix.Edit.Changes[uri])
			if want := strings.Replace(text, "more early", "earlier", 1); got != want {
				t.Errorf("quick fix gave\n%q, want\n%q", got, want)
			}
		})
	}
}

// actionsAt returns the code actions at the start of the first occurrence of
// sub in text.
func actionsAt(t *testing.T, c *client, uri, text, sub string) []CodeAction {
	t.Helper()
	l, col := utf16Col(text, strings.Index(text, sub))
	raw, err := c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        Range{Position{l, col}, Position{l, col + 1}},
		"context":      map[string]any{"diagnostics": []any{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var actions []CodeAction
	if err := json.Unmarshal(raw, &actions); err != nil {
		t.Fatal(err)
	}
	return actions
}

func TestCodeActions(t *testing.T) {
	text := "First line of the piece.\nThe vote was held more early than usual , and the the board agreed.\n"
	tests := []struct {
		name, lang, at string
		kinds          []string // kinds of the actions, sorted
		titles         []string // a title each must contain, in order of the sorted actions
	}{
		{"plain text: no comment to ignore with", "plaintext", "more early",
			[]string{kindQuickFix, kindFixAll}, []string{"“earlier”", "Fix all"}},
		{"markdown: ignore here", "markdown", "more early",
			[]string{kindQuickFix, kindQuickFix, kindFixAll}, []string{"“earlier”", "Ignore idiom.comparative", "Fix all"}},
		{"no finding there", "markdown", "First", []string{kindFixAll}, []string{"Fix all"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := startServer(t, fast(), nil)
			uri := "file:///tmp/a." + tt.lang
			c.open(uri, tt.lang, text, 1)
			c.diagnostics(uri, nil)
			actions := actionsAt(t, c, uri, text, tt.at)
			var kinds []string
			for _, a := range actions {
				kinds = append(kinds, a.Kind)
			}
			if !sort.StringsAreSorted(kinds) {
				t.Errorf("actions not in order: %v", kinds)
			}
			if strings.Join(kinds, " ") != strings.Join(tt.kinds, " ") {
				t.Fatalf("kinds %v, want %v (%+v)", kinds, tt.kinds, actions)
			}
			for i, a := range actions {
				if !strings.Contains(a.Title, tt.titles[i]) {
					t.Errorf("action %d: %q, want it to contain %q", i, a.Title, tt.titles[i])
				}
			}
		})
	}
}

// TestFixAllAndIgnore applies "fix all" and "ignore here" and checks the
// result as the server sees it after the edit.
func TestFixAllAndIgnore(t *testing.T) {
	text := "A title\n\nThe vote was held more early than usual , and the the board agreed.\nIt ended late.\n"
	uri := "file:///tmp/b.md"
	c := startServer(t, fast(), nil)
	c.open(uri, "markdown", text, 1)
	first := c.diagnostics(uri, nil)
	rulesOf := func(p *PublishDiagnosticsParams) string {
		var ids []string
		for _, d := range p.Diagnostics {
			ids = append(ids, d.Code)
		}
		return strings.Join(ids, " ")
	}
	if r := rulesOf(first); !strings.Contains(r, "idiom.comparative") || !strings.Contains(r, "punctuation.space-before") || !strings.Contains(r, "repetition.doubled-word") {
		t.Fatalf("findings %s", r)
	}
	actions := actionsAt(t, c, uri, text, "more early")
	byTitle := func(prefix string) *CodeAction {
		for i := range actions {
			if strings.HasPrefix(actions[i].Title, prefix) {
				return &actions[i]
			}
		}
		t.Fatalf("no action %q in %+v", prefix, actions)
		return nil
	}
	fixed := applyUTF16(t, text, byTitle("Fix all").Edit.Changes[uri])
	if want := "A title\n\nThe vote was held earlier than usual, and the board agreed.\nIt ended late.\n"; fixed != want {
		t.Errorf("fix all gave %q, want %q", fixed, want)
	}
	ignored := applyUTF16(t, text, byTitle("Ignore").Edit.Changes[uri])
	if want := "A title\n<!-- mtlint-disable-next-line idiom.comparative -->\nThe vote"; !strings.HasPrefix(ignored, want) {
		t.Errorf("ignore gave %q, want it to start %q", ignored, want)
	}
	c.change(uri, ignored, 2)
	p := c.diagnostics(uri, func(p *PublishDiagnosticsParams) bool { return *p.Version == 2 })
	if r := rulesOf(p); strings.Contains(r, "idiom.comparative") || !strings.Contains(r, "repetition.doubled-word") {
		t.Errorf("after ignoring idiom.comparative: %s", r)
	}
}

func TestIgnoreEditPlacement(t *testing.T) {
	tests := []struct {
		name, text, format, want string
	}{
		{"first line", "more early than that.\n", "markdown", "<!-- mtlint-disable-next-line R -->\nmore early"},
		{"after a blank line", "Title\n\nIt came more early than that.\n", "markdown", "Title\n<!-- mtlint-disable-next-line R -->\nIt came"},
		{"inside a paragraph", "It was a day\nthat came more early than that.\n", "markdown", "It was a day <!-- mtlint-disable-next-line R -->\nthat came"},
		{"after a fence", "```\ncode\n```\nIt came more early than that.\n", "markdown", "```\ncode\n```\n<!-- mtlint-disable-next-line R -->\nIt came"},
		{"html keeps the indent", "<p>\n  It came more early than that.</p>\n", "html", "<p>\n  <!-- mtlint-disable-next-line R -->\n  It came"},
		{"crlf", "It was a day\r\nthat came more early.\r\n", "markdown", "It was a day <!-- mtlint-disable-next-line R -->\r\nthat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := markup.ParseFormat(tt.format)
			fd := &checker.Finding{Rule: "R", Offset: strings.Index(tt.text, "more early"), Length: 10}
			off, ins, ok := ignoreEdit(tt.text, f, fd)
			if !ok {
				t.Fatal("no edit")
			}
			if got := tt.text[:off] + ins + tt.text[off:]; !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want it to start %q", got, tt.want)
			}
		})
	}
	if _, _, ok := ignoreEdit("more early", markup.Plain, &checker.Finding{Rule: "R", Length: 10}); ok {
		t.Error("an edit for plain text, which has no comments")
	}
}

func TestHover(t *testing.T) {
	text := "The vote was held more early than usual.\n"
	uri := "file:///tmp/h.txt"
	c := startServer(t, fast(), map[string]any{"capabilities": map[string]any{
		"textDocument": map[string]any{"hover": map[string]any{"contentFormat": []string{"markdown"}}}}})
	c.open(uri, "plaintext", text, 1)
	c.diagnostics(uri, nil)
	l, col := utf16Col(text, strings.Index(text, "early"))
	raw, err := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": Position{l, col}})
	if err != nil {
		t.Fatal(err)
	}
	var h Hover
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	if h.Contents.Kind != "markdown" || !strings.Contains(h.Contents.Value, "`idiom.comparative`") ||
		!strings.Contains(h.Contents.Value, "Suggestions: “earlier”") || !strings.Contains(h.Contents.Value, "comparative") || h.Range == nil {
		t.Errorf("hover %+v", h)
	}
	// nothing under the cursor: null
	raw, err = c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": Position{0, 1}})
	if err != nil || string(raw) != "null" {
		t.Errorf("hover off a finding: %s, %v", raw, err)
	}
}

// TestDebounce sends quick changes: only the last version is checked and
// published, once.
func TestDebounce(t *testing.T) {
	uri := "file:///tmp/d.txt"
	c := startServer(t, Options{NoConfig: true, Debounce: 300 * time.Millisecond}, nil)
	c.open(uri, "plaintext", "Nothing here.", 1)
	if p := c.diagnostics(uri, nil); *p.Version != 1 {
		t.Fatalf("version %d on open", *p.Version)
	}
	for v := 2; v <= 6; v++ {
		c.change(uri, strings.Repeat("It came more early. ", v), v)
	}
	got := c.quiet(900 * time.Millisecond)
	n := 0
	if len(got) == 1 {
		for _, d := range got[0].Diagnostics {
			if d.Code == "idiom.comparative" {
				n++
			}
		}
	}
	if len(got) != 1 || *got[0].Version != 6 || n != 6 {
		var vs []int
		for _, p := range got {
			vs = append(vs, *p.Version)
		}
		t.Errorf("published versions %v, want just 6 with 6 diagnostics", vs)
	}
}

// TestVersionOrder sends many changes with a debounce shorter than a check:
// diagnostics are never published for a version older than one already
// published, and the last publication is the last version's.
func TestVersionOrder(t *testing.T) {
	uri := "file:///tmp/v.txt"
	c := startServer(t, Options{NoConfig: true, Debounce: time.Millisecond}, nil)
	base := seed(t)
	c.open(uri, "plaintext", base, 1)
	for v := 2; v <= 40; v++ {
		c.change(uri, base+strings.Repeat(" more early than that.", v), v)
		if v%7 == 0 {
			time.Sleep(3 * time.Millisecond)
		}
	}
	last := 0
	for {
		p := c.diagnostics(uri, nil)
		if *p.Version < last {
			t.Fatalf("version %d published after %d", *p.Version, last)
		}
		last = *p.Version
		if last == 40 {
			n := 0
			for _, d := range p.Diagnostics {
				if d.Code == "idiom.comparative" {
					n++
				}
			}
			if n < 40 {
				t.Errorf("version 40 published with %d idiom.comparative, want at least 40", n)
			}
			break
		}
	}
	if extra := c.quiet(200 * time.Millisecond); len(extra) != 0 {
		t.Errorf("publications after the last version: %d", len(extra))
	}
}

func TestCloseClears(t *testing.T) {
	uri := "file:///tmp/c.txt"
	c := startServer(t, fast(), nil)
	c.open(uri, "plaintext", "It came more early.", 1)
	if p := c.diagnostics(uri, nil); len(p.Diagnostics) == 0 {
		t.Fatal("no diagnostics")
	}
	c.change(uri, "It came more early, more early.", 2)
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	p := c.diagnostics(uri, nil)
	if len(p.Diagnostics) != 0 {
		t.Errorf("close published %d diagnostics, want none", len(p.Diagnostics))
	}
	// the check of version 2, pending at the close, never publishes
	if extra := c.quiet(150 * time.Millisecond); len(extra) != 0 {
		t.Errorf("publication after close: %+v", extra[0])
	}
	// a language the server does not check gets no diagnostics at all
	c.open("file:///tmp/x.go", "go", "It came more early.", 1)
	if extra := c.quiet(150 * time.Millisecond); len(extra) != 0 {
		t.Errorf("publication for a Go file: %+v", extra[0])
	}
}

func TestShutdownExit(t *testing.T) {
	c := startServer(t, fast(), nil)
	for _, u := range []string{"file:///tmp/s1.txt", "file:///tmp/s2.md"} {
		lang := "plaintext"
		if strings.HasSuffix(u, ".md") {
			lang = "markdown"
		}
		c.open(u, lang, "It came more early.", 1)
		c.diagnostics(u, nil)
	}
	raw, err := c.request("shutdown", nil)
	if err != nil || string(raw) != "null" {
		t.Fatalf("shutdown: %s, %v", raw, err)
	}
	cleared := map[string]bool{}
	for _, p := range c.quiet(100 * time.Millisecond) {
		if len(p.Diagnostics) == 0 {
			cleared[p.URI] = true
		}
	}
	if len(cleared) != 2 {
		t.Errorf("shutdown cleared %v, want both documents", cleared)
	}
	if _, err := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///tmp/s1.txt"}, "position": Position{}}); err == nil {
		t.Error("a request after shutdown succeeded")
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("Serve after shutdown and exit: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no exit")
	}
	c.done <- nil // for the cleanup
}

func TestExitWithoutShutdownAndEOF(t *testing.T) {
	c := startServer(t, fast(), nil)
	c.notify("exit", nil)
	if err := <-c.done; !errors.Is(err, ErrNoShutdown) {
		t.Errorf("exit without shutdown: %v, want ErrNoShutdown", err)
	}
	c.done <- nil

	c = startServer(t, fast(), nil)
	c.open("file:///tmp/e.txt", "plaintext", "It came more early.", 1)
	c.in.Close()
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("Serve at EOF: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no exit at EOF")
	}
	c.done <- nil
}

// TestConfigReload disables a rule in .mtlint.yml: the diagnostics of the
// open document lose it when the client says the file changed.
func TestConfigReload(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".mtlint.yml")
	if err := os.WriteFile(cfg, []byte("root: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "article.md")
	text := "The vote was held more early than usual , it seems.\n"
	uri := fileURI(path)
	c := startServer(t, Options{Debounce: 20 * time.Millisecond}, map[string]any{"rootUri": fileURI(dir), "capabilities": map[string]any{
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	c.open(uri, "markdown", text, 1)
	has := func(p *PublishDiagnosticsParams, rule string) bool {
		for _, d := range p.Diagnostics {
			if d.Code == rule {
				return true
			}
		}
		return false
	}
	if p := c.diagnostics(uri, nil); !has(p, "idiom.comparative") || !has(p, "punctuation.space-before") {
		t.Fatalf("before: %+v", p.Diagnostics)
	}
	if err := os.WriteFile(cfg, []byte("root: true\ndisable: [idiom.comparative]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(cfg), "type": 2}}})
	if p := c.diagnostics(uri, nil); has(p, "idiom.comparative") || !has(p, "punctuation.space-before") {
		t.Errorf("after disabling idiom.comparative: %+v", p.Diagnostics)
	}
	// a mistake in the file: the document says so instead of failing
	if err := os.WriteFile(cfg, []byte("root: true\ndisabel: [quotes]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(cfg), "type": 2}}})
	if p := c.diagnostics(uri, nil); len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "mtlint.config" || !strings.Contains(p.Diagnostics[0].Message, "disabel") {
		t.Errorf("with a broken configuration: %+v", p.Diagnostics)
	}
}

// TestSettings reads settings from initializationOptions and
// didChangeConfiguration, null and mistakes included.
func TestSettings(t *testing.T) {
	uri := "file:///tmp/set.txt"
	text := "The vote was held more early than usual , it seems.\n"
	codes := func(p *PublishDiagnosticsParams) string {
		var ids []string
		for _, d := range p.Diagnostics {
			ids = append(ids, d.Code)
		}
		return strings.Join(ids, " ")
	}
	c := startServer(t, fast(), map[string]any{"capabilities": map[string]any{},
		"initializationOptions": map[string]any{"mtlint": map[string]any{"disable": []string{"punctuation"}, "scoreThreshold": 101}}})
	c.open(uri, "plaintext", text, 1)
	if got := codes(c.diagnostics(uri, nil)); got != "idiom.comparative" {
		t.Errorf("with punctuation disabled: %q", got)
	}
	for _, settings := range []any{nil, map[string]any{}, map[string]any{"mtlint": nil}, "nonsense"} {
		c.notify("workspace/didChangeConfiguration", map[string]any{"settings": settings})
	}
	c.notify("workspace/didChangeConfiguration", nil)
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"mtlint": map[string]any{
		"disable": []string{}, "minSeverity": "error", "scoreThreshold": 101, "debounce": "soon"}}})
	if got := codes(c.diagnostics(uri, nil)); got != "punctuation.space-before" {
		t.Errorf("with minSeverity error: %q", got)
	}
	// an unknown rule: a warning, and the other settings still apply
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"mtlint": map[string]any{
		"disable": []string{"no.such-rule"}, "minSeverity": "warning"}}})
	if got := codes(c.diagnostics(uri, nil)); got != "idiom.comparative punctuation.space-before" {
		t.Errorf("after an unknown rule: %q", got)
	}
	// another language by a setting
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"mtlint": map[string]any{
		"documentLanguages": map[string]string{"asciidoc": "text"}}}})
	c.open("file:///tmp/a.adoc", "asciidoc", text, 1)
	if got := codes(c.diagnostics("file:///tmp/a.adoc", nil)); got != "idiom.comparative punctuation.space-before" {
		t.Errorf("asciidoc as text: %q", got)
	}
}

func TestParseSettings(t *testing.T) {
	prev := Settings{Disable: []string{"quotes"}}
	for _, raw := range []string{``, `null`, `{}`, `[]`, `"x"`, `{"mtlint": null}`, `{"other": {"disable": ["x"]}}`} {
		s, ok, problems := parseSettings(json.RawMessage(raw), prev)
		if ok || len(problems) != 0 || len(s.Disable) != 1 {
			t.Errorf("%s: ok %v, problems %v, settings %+v: want prev unchanged", raw, ok, problems, s)
		}
	}
	s, ok, problems := parseSettings(json.RawMessage(`{"minSeverity": "loud", "enable": ["a"], "debounce": 50, "colour": 1, "disable": null}`), prev)
	if !ok || len(problems) != 2 || s.Enable[0] != "a" || s.Debounce != 50*time.Millisecond || len(s.Disable) != 1 || s.MinSeverity != 0 {
		t.Errorf("ok %v, problems %v, settings %+v", ok, problems, s)
	}
	// the settings without the mtlint key, as some clients send them
	if s, ok, _ := parseSettings(json.RawMessage(`{"disable": ["boilerplate"]}`), Settings{}); !ok || s.Disable[0] != "boilerplate" {
		t.Errorf("bare settings: %v %+v", ok, s)
	}
}

// TestMalformed sends broken messages: each gets an error answer where it
// has an id to answer, and the server goes on.
func TestMalformed(t *testing.T) {
	c := startServer(t, fast(), nil)
	frame := func(body string) string { return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body }
	c.writeRaw(frame(`{"jsonrp`))                  // invalid JSON
	c.writeRaw("Content-Type: text/plain\r\n\r\n") // no length
	c.writeRaw("Content-Length: x\r\n\r\n")        // bad length
	c.writeRaw(frame(`[1, 2, 3, 4]`))              // not an object
	c.writeRaw(frame(`{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}`))
	c.writeRaw(frame(`{"jsonrpc":"2.0","id":[],"method":"x"}`))
	var codes []int
	for len(codes) < 4 {
		select {
		case m := <-c.notes:
			if m.Error != nil && string(m.ID) == "null" {
				codes = append(codes, m.Error.Code)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("error answers %v, want 4", codes)
		}
	}
	if want := []int{codeParseError, codeParseError, codeInvalidRequest, codeInvalidRequest}; !slices.Equal(codes, want) {
		t.Errorf("error answers %v, want %v", codes, want)
	}
	_, ch := c.send("no/such/method", map[string]any{})
	if m := wait(t, ch); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("unknown method: %+v", m)
	}
	_, ch = c.send("textDocument/hover", "not params")
	if m := wait(t, ch); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("bad params: %+v", m)
	}
	_, ch = c.send("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///not/open"}, "position": Position{}})
	if m := wait(t, ch); m.Error == nil {
		t.Errorf("hover on a document not open: %+v", m)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///not/open"}})
	c.notify("$/cancelRequest", map[string]any{"id": 999})
	if _, err := c.request("initialize", map[string]any{}); err == nil {
		t.Error("a second initialize succeeded")
	}
	// still alive
	c.open("file:///tmp/m.txt", "plaintext", "It came more early.", 1)
	if p := c.diagnostics("file:///tmp/m.txt", nil); len(p.Diagnostics) == 0 {
		t.Error("no diagnostics after the malformed messages")
	}
}

// TestCancel cancels a request whose handler is still running: the answer
// is RequestCancelled.
func TestCancel(t *testing.T) {
	var out bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := &server{out: newOutbox(&out), requests: map[string]context.CancelFunc{}, ctx: ctx, cancel: cancel, state: stateRunning}
	started := make(chan struct{})
	finished := make(chan struct{})
	s.async(json.RawMessage(`"req-7"`), func(ctx context.Context) (any, error) {
		close(started)
		<-ctx.Done()
		defer close(finished)
		return nil, nil
	})
	<-started
	s.handle([]byte(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"req-7"}}`))
	<-finished
	time.Sleep(10 * time.Millisecond)
	s.out.close()
	if !strings.Contains(out.String(), `"id":"req-7","error":{"code":-32800`) {
		t.Errorf("after cancelling: %s", out.String())
	}
}

// TestBeforeInitialize checks that requests before initialize fail with
// ServerNotInitialized.
func TestBeforeInitialize(t *testing.T) {
	var out bytes.Buffer
	body := `{"jsonrpc":"2.0","id":1,"method":"shutdown"}`
	in := "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	if err := Serve(context.Background(), strings.NewReader(in), &out, fast()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"code":-32002`) {
		t.Errorf("got %s", out.String())
	}
}

func wait(t *testing.T, ch chan *message) *message {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no response")
	}
	return nil
}

// TestLargeDocument opens a document of several megabytes and then a small
// one: the server goes on reading and answering while the large one is
// checked (window by window, in the checker), so the small one's diagnostics
// come first and a request is answered meanwhile.
func TestLargeDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var b strings.Builder
	for b.Len() < 4<<20 {
		b.WriteString(seed(t))
		b.WriteString("\n\n")
	}
	c := startServer(t, fast(), map[string]any{"capabilities": map[string]any{
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	// the server asked to watch the configuration files
	select {
	case m := <-c.notes:
		if m.Method != "client/registerCapability" || !strings.Contains(string(m.Params), ".mtlint.yml") {
			t.Errorf("first message %s %s, want the registration of the configuration watchers", m.Method, m.Params)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no registration")
	}
	start := time.Now()
	c.open("file:///tmp/large.txt", "plaintext", b.String(), 1)
	c.open("file:///tmp/small.txt", "plaintext", "It came more early.", 1)
	raw, err := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///tmp/small.txt"}, "position": Position{0, 9}})
	if err != nil || !strings.Contains(string(raw), "idiom.comparative") {
		t.Errorf("hover while the large document is checked: %s, %v", raw, err)
	}
	t.Logf("hover answered after %v", time.Since(start))
	var order []string
	for !slices.Contains(order, "file:///tmp/large.txt") {
		select {
		case m := <-c.notes:
			if m.Method == "textDocument/publishDiagnostics" {
				var p PublishDiagnosticsParams
				if err := json.Unmarshal(m.Params, &p); err != nil {
					t.Fatal(err)
				}
				order = append(order, p.URI)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("published only %v", order)
		}
	}
	t.Logf("%d bytes checked after %v", b.Len(), time.Since(start))
	if order[0] != "file:///tmp/small.txt" {
		t.Errorf("publication order %v, want the small document first", order)
	}
}

// TestReloadOnSave: a client that cannot watch files gets the configuration
// read again when it saves a document.
func TestReloadOnSave(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".mtlint.yml")
	if err := os.WriteFile(cfg, []byte("root: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := fileURI(filepath.Join(dir, "a.txt"))
	c := startServer(t, Options{Debounce: 20 * time.Millisecond}, map[string]any{"rootUri": fileURI(dir), "capabilities": map[string]any{}})
	c.open(uri, "plaintext", "It came more early than planned , they said.", 1)
	if p := c.diagnostics(uri, nil); len(p.Diagnostics) < 2 {
		t.Fatalf("before: %+v", p.Diagnostics)
	}
	if err := os.WriteFile(cfg, []byte("root: true\ndisable: [idiom, punctuation]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.diagnostics(uri, nil); len(p.Diagnostics) != 0 {
		t.Errorf("after the save: %+v", p.Diagnostics)
	}
}

func TestChangedSpan(t *testing.T) {
	tests := []struct{ old, fixed, span, repl string }{
		{"week , with", "week, with", " ", ""},
		{"the the end", "the end", "the ", ""},
		{"café", "cafè", "é", "è"}, // same first byte
		{"a😀b", "a😃b", "😀", "😃"},   // same first three bytes
		{"x , y , z", "x, y, z", " , y ", ", y"},
		{"same", "same", "", ""},
	}
	for _, tt := range tests {
		off, n, repl := changedSpan(tt.old, tt.fixed)
		if got := tt.old[:off] + repl + tt.old[off+n:]; got != tt.fixed {
			t.Errorf("%q -> %q: the edit gives %q", tt.old, tt.fixed, got)
		}
		if tt.old[off:off+n] != tt.span || repl != tt.repl {
			t.Errorf("%q -> %q: replaces %q by %q, want %q by %q", tt.old, tt.fixed, tt.old[off:off+n], repl, tt.span, tt.repl)
		}
	}
}
