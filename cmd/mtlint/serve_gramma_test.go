package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

// TestGramma checks mtlint serve with a real LanguageTool client, gramma
// 1.6.0 (npm), unmodified (issue 12, item 3). The test builds mtlint,
// starts `mtlint serve` on a free loopback port, and points gramma at it
// with a .gramma.json holding "api_url" and HOME in a temporary folder
// (gramma writes its global settings there; a fresh .update stamp there
// keeps it from asking the network for a newer version).
//
// print: `gramma check -pn FILE` on the seed article, on its Markdown
// copy (gramma sends a .md file as `data` annotations: the front matter,
// the markup and the HTML comment as markup, the prose as text) and on a
// copy of the seed article with emoji before every paragraph. For each
// finding of `mtlint check --format json` on the same file, in order,
// gramma must print a mistake with the same message, the same suggestions
// in the same order, and the finding's text as its word and the 40
// characters on each side as its context: gramma cuts both from the
// match's context by UTF-16 offsets, as Java and JavaScript count, so a
// server that counted bytes or code points would print other characters.
//
// fix: gramma's interactive `check FILE`, answering 1 (the first
// suggestion) to every mistake that has one and i (ignore) to the others,
// then "replace file". gramma applies the fixes itself at the matches'
// offset and length, from the last to the first, in UTF-16; the file it
// writes must be the file with the first suggestion of each of mtlint
// check's findings applied at mtlint check's places. On the emoji copy
// every fix past the first line lands after emoji (two UTF-16 units
// each, four bytes), on the Markdown copy after markup.
//
// gramma is $MTLINT_GRAMMA or gramma on the PATH; without it the test
// fails when CI=true (.ci/run installs it) and is skipped otherwise.
func TestGramma(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("builds the binary, runs a server and node")
	}
	gramma := grammaPath(t)
	bin := filepath.Join(t.TempDir(), "mtlint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mt-article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	seedMD, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mt-article.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The seed article with emoji (a smiley and a thumbs-up with a skin
	// tone: three characters outside the BMP) before every paragraph
	// after the first line.
	lines := strings.Split(string(seed), "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = "🙂👍🏽 " + lines[i]
		}
	}
	emoji := strings.Join(lines, "\n")
	// gramma 1.6.0 cannot read a Markdown file with a character reference
	// (&amp;, &#8220;): its bundled Markdown parser is a browser build that
	// decodes them with document.createElement, and under Node it stops
	// with "document is not defined" before sending anything. The copy
	// gramma gets has them decoded (mtlint check reads the same copy).
	markdown := html.UnescapeString(string(seedMD))

	// The server and every file live in one folder without a .mtlint.yml,
	// so that check and serve use the default configuration alike.
	work := t.TempDir()
	base := startServe(t, bin, work)
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".config", "gramma"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, home, ".config/gramma/.update", strconv.FormatInt(time.Now().UnixMilli(), 10))
	write(t, work, ".gramma.json", fmt.Sprintf(`{"api_url": %q, "language": "en-US"}`, base+"/v2/check"))

	files := []struct{ name, text string }{
		{"mt-article.txt", string(seed)},
		{"mt-article.md", markdown},
		{"mt-article-emoji.txt", emoji},
	}
	for _, f := range files {
		t.Run("print/"+f.name, func(t *testing.T) {
			write(t, work, f.name, f.text)
			want := checkFindings(t, bin, work, f.name)
			out, code := runGramma(t, gramma, home, work, "check", "-pn", f.name)
			if code != 1 {
				t.Errorf("gramma exit %d, want 1 (mistakes found)\n%s", code, out)
			}
			got, err := parseGrammaPrint(out)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			compareMistakes(t, f.text, want, got)
		})
	}
	for _, f := range files {
		t.Run("fix/"+f.name, func(t *testing.T) {
			name := "fix-" + f.name
			write(t, work, name, f.text)
			want := checkFindings(t, bin, work, name)
			expected, after := applyFirstSuggestions(f.text, want)
			if f.name == "mt-article-emoji.txt" && after < 10 {
				t.Fatalf("only %d fixes after an emoji, the test needs several", after)
			}
			answers := grammaFix(t, gramma, home, work, name)
			got, err := os.ReadFile(filepath.Join(work, name))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != expected {
				t.Errorf("gramma's fixed file differs from mtlint check's findings fixed in place (answers %v):\n%s",
					answers, firstDifference(string(got), expected))
			}
			if string(got) == f.text {
				t.Error("gramma changed nothing")
			}
		})
	}
}

// grammaPath returns gramma's command: $MTLINT_GRAMMA, else gramma on the
// PATH, which must be version 1.6.0.
func grammaPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("MTLINT_GRAMMA"), "gramma"} {
		if name == "" {
			continue
		}
		p, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		cmd := exec.Command(p, "--version")
		cmd.Env = append(envWithout("HOME"), "HOME="+t.TempDir())
		out, _ := cmd.Output()
		if v := strings.TrimSpace(string(out)); v != "v1.6.0" {
			t.Fatalf("%s --version says %q, the test is written for v1.6.0 (npm install -g gramma@1.6.0)", p, v)
		}
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("gramma not found (npm install -g gramma@1.6.0, or set MTLINT_GRAMMA); CI needs it")
	}
	t.Skip("gramma not found (npm install -g gramma@1.6.0, or set MTLINT_GRAMMA); skipping")
	return ""
}

func envWithout(names ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(names, k) {
			env = append(env, kv)
		}
	}
	return env
}

// startServe runs `mtlint serve` on a free loopback port in dir until the
// test ends and returns its base URL.
func startServe(t *testing.T, bin, dir string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var log lockedBuffer
	cmd := exec.Command(bin, "serve", "--listen", addr)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("mtlint serve exited with %v after SIGTERM\n%s", err, log.String())
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Errorf("mtlint serve still running 15 s after SIGTERM")
		}
	})
	base := "http://" + addr
	client := &http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("mtlint serve exited (%v) before answering:\n%s", err, log.String())
		default:
		}
		resp, err := client.Get(base + "/v2/healthcheck")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
	}
	t.Fatalf("mtlint serve did not answer /v2/healthcheck within 20 s:\n%s", log.String())
	return ""
}

// checkedFinding is what the test needs of a finding of mtlint check.
type checkedFinding struct {
	Rule        string   `json:"rule"`
	Message     string   `json:"message"`
	Offset      int      `json:"offset"`
	Length      int      `json:"length"`
	Text        string   `json:"text"`
	Suggestions []string `json:"suggestions"`
}

// checkFindings runs `mtlint check --format json` on dir/name.
func checkFindings(t *testing.T, bin, dir, name string) []checkedFinding {
	t.Helper()
	cmd := exec.Command(bin, "check", "--format", "json", "--fail-on", "none", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("mtlint check %s: %v\n%s", name, err, out)
	}
	var r struct {
		Files []struct {
			Findings []checkedFinding `json:"findings"`
		} `json:"files"`
	}
	if err := json.Unmarshal(out, &r); err != nil || len(r.Files) != 1 {
		t.Fatalf("mtlint check %s: %v\n%.500s", name, err, out)
	}
	if len(r.Files[0].Findings) < 10 {
		t.Fatalf("mtlint check %s: only %d findings, the test needs the seed article's", name, len(r.Files[0].Findings))
	}
	return r.Files[0].Findings
}

// runGramma runs gramma in dir with HOME set to home and returns its
// output (standard output and error) and exit status.
func runGramma(t *testing.T, gramma, home, dir string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, gramma, args...)
	cmd.Dir = dir
	cmd.Env = append(envWithout("HOME", "CI"), "HOME="+home)
	out, err := cmd.CombinedOutput()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok || ctx.Err() != nil {
			t.Fatalf("gramma %v: %v\n%s", args, err, out)
		}
		code = ee.ExitCode()
	}
	return string(out), code
}

// grammaMistake is one mistake as `gramma check -pn` prints it.
type grammaMistake struct {
	category, message, word, context, fix string
}

const grammaRule = "---------------------------------\n\n"

// parseGrammaPrint reads gramma's print mode: "Found N potential
// mistakes", then for each match, after a rule of dashes:
//
//	Rule: CATEGORY (lower case)
//	Explanation: MESSAGE
//	(blank)
//	Word: WORD
//	Context: CONTEXT
//	Suggested fix: 1) A  2) B          (only when there are replacements)
func parseGrammaPrint(out string) ([]grammaMistake, error) {
	m := regexp.MustCompile(`Found (\d+) potential mistakes?\n`).FindStringSubmatchIndex(out)
	if m == nil {
		return nil, fmt.Errorf("no \"Found N potential mistakes\" line")
	}
	n, _ := strconv.Atoi(out[m[2]:m[3]])
	blocks := strings.Split(out[m[1]:], grammaRule)
	if len(blocks) > 0 && strings.TrimSpace(blocks[0]) == "" {
		blocks = blocks[1:]
	}
	if len(blocks) != n {
		return nil, fmt.Errorf("gramma says %d mistakes and prints %d", n, len(blocks))
	}
	var ms []grammaMistake
	for _, b := range blocks {
		var g grammaMistake
		var ok [4]bool
		rest := b
		g.category, rest, ok[0] = between(rest, "Rule: ", "\nExplanation: ")
		g.message, rest, ok[1] = between("Explanation: "+rest, "Explanation: ", "\n\nWord: ")
		g.word, rest, ok[2] = between("Word: "+rest, "Word: ", "\nContext: ")
		if i := strings.Index(rest, "\nSuggested fix: "); i >= 0 {
			g.context = rest[:i]
			g.fix = strings.TrimSuffix(strings.TrimSuffix(rest[i+len("\nSuggested fix: "):], "\n\n"), "\n")
			ok[3] = true
		} else {
			g.context = strings.TrimRight(rest, "\n")
			ok[3] = true
		}
		if ok != [4]bool{true, true, true, true} {
			return nil, fmt.Errorf("cannot read the mistake %q", b)
		}
		ms = append(ms, g)
	}
	return ms, nil
}

// between returns the text of s between the markers open and close, and
// what follows close.
func between(s, open, close string) (string, string, bool) {
	i := strings.Index(s, open)
	if i < 0 {
		return "", s, false
	}
	s = s[i+len(open):]
	j := strings.Index(s, close)
	if j < 0 {
		return "", s, false
	}
	return s[:j], s[j+len(close):], true
}

// compareMistakes checks gramma's mistakes against mtlint check's
// findings on text, one for one in order.
func compareMistakes(t *testing.T, text string, want []checkedFinding, got []grammaMistake) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("gramma printed %d mistakes, mtlint check reports %d findings", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		f, g := want[i], got[i]
		if g.message != f.Message {
			t.Errorf("mistake %d (%s): message %q, want %q", i+1, f.Rule, g.message, f.Message)
		}
		if w := oneLine(text[f.Offset : f.Offset+f.Length]); g.word != w {
			t.Errorf("mistake %d (%s): word %q, want %q (the text at mtlint's place)", i+1, f.Rule, g.word, w)
		}
		if c := ltContext(text, f.Offset, f.Offset+f.Length); g.context != c {
			t.Errorf("mistake %d (%s): context\n%q, want\n%q", i+1, f.Rule, g.context, c)
		}
		var fix []string
		for k, s := range f.Suggestions {
			fix = append(fix, fmt.Sprintf("%d) %s", k+1, s))
		}
		if w := strings.Join(fix, "  "); g.fix != w {
			t.Errorf("mistake %d (%s): suggested fix %q, want %q", i+1, f.Rule, g.fix, w)
		}
		if g.category == "" {
			t.Errorf("mistake %d (%s): no category", i+1, f.Rule)
		}
	}
}

// oneLine writes line breaks as spaces, as LanguageTool's context does.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// units returns the UTF-16 code units of s.
func units(s string) []uint16 { return utf16.Encode([]rune(s)) }

// ltContext is LanguageTool's context of the match at bytes [start, end)
// of text: 40 UTF-16 code units on each side (a character outside the
// BMP is not split: it stays out), "..." where the text is cut, line
// breaks as spaces.
func ltContext(text string, start, end int) string {
	u := units(text)
	us := len(units(text[:start]))
	ue := us + len(units(text[start:end]))
	cs, ce := max(0, us-40), min(len(u), ue+40)
	if cs > 0 && utf16.IsSurrogate(rune(u[cs])) && u[cs] >= 0xDC00 {
		cs++
	}
	if ce < len(u) && utf16.IsSurrogate(rune(u[ce-1])) && u[ce-1] < 0xDC00 {
		ce--
	}
	s := oneLine(string(utf16.Decode(u[cs:ce])))
	if cs > 0 {
		s = "..." + s
	}
	if ce < len(u) {
		s += "..."
	}
	return s
}

// applyFirstSuggestions does what gramma's fix does with the answer 1 to
// every finding that has a suggestion: it replaces, from the last offset
// to the first, each finding's UTF-16 span by its first suggestion; the
// spans come from mtlint check's byte offsets. It also returns how many
// fixes lie after a character outside the BMP.
func applyFirstSuggestions(text string, fs []checkedFinding) (string, int) {
	type edit struct {
		off, n int
		with   []uint16
	}
	var edits []edit
	after := 0
	for _, f := range fs {
		if len(f.Suggestions) == 0 {
			continue
		}
		off := len(units(text[:f.Offset]))
		edits = append(edits, edit{off, len(units(text[f.Offset : f.Offset+f.Length])), units(f.Suggestions[0])})
		if off != len([]rune(text[:f.Offset])) {
			after++
		}
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return b.off - a.off })
	u := units(text)
	for _, e := range edits {
		u = slices.Concat(u[:e.off], e.with, u[e.off+e.n:])
	}
	return string(utf16.Decode(u)), after
}

var ansiEscape = regexp.MustCompile(`\x1b(\[[0-9;?]*[A-Za-z]|[78])`)

// grammaFix runs gramma's interactive check on dir/name, answering each
// prompt as it comes (gramma reads its answers one prompt at a time): 1
// for a mistake with a suggested fix, i for one without, then Enter to
// "replace file". It returns the answers given.
func grammaFix(t *testing.T, gramma, home, dir, name string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, gramma, "check", name)
	cmd.Dir = dir
	cmd.Env = append(envWithout("HOME", "CI"), "HOME="+home)
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	resolved := regexp.MustCompile(`Resolved: \d+ \| Pending: \d+`)
	var answers []string
	saved := false
	for {
		select {
		case err := <-done:
			plain := ansiEscape.ReplaceAllString(out.String(), "")
			if err != nil || !saved || !strings.Contains(plain, "Saved!") {
				t.Fatalf("gramma check %s ended (%v) before saving the file; answers %v:\n%s", name, err, answers, tail(plain, 3000))
			}
			return answers
		case <-time.After(20 * time.Millisecond):
		}
		plain := ansiEscape.ReplaceAllString(out.String(), "")
		prompts := resolved.FindAllStringIndex(plain, -1)
		switch {
		case len(prompts) > len(answers):
			last := plain[prompts[len(answers)][0]:]
			if len(prompts) > len(answers)+1 {
				last = plain[prompts[len(answers)][0]:prompts[len(answers)+1][0]]
			}
			q := strings.Index(last, "What do you want to do?")
			if q < 0 {
				continue // the prompt is not out yet
			}
			a := "i"
			if strings.Contains(last[:q], "Suggested fix:") {
				a = "1"
			}
			answers = append(answers, a)
			io.WriteString(stdin, a+"\n")
		case !saved && strings.Contains(plain, "All mistakes fixed!") && strings.Contains(plain, "replace file"):
			saved = true
			io.WriteString(stdin, "\n")
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// firstDifference shows where two texts part.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf("at byte %d:\ngot  %q\nwant %q", i, got[from:min(len(got), i+60)], want[from:min(len(want), i+60)])
}
