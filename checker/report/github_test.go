package report_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
)

// ghCommand is a workflow command as the Actions runner reads it.
type ghCommand struct {
	cmd   string
	props map[string]string
	data  string
}

// ghUnescape undoes the runner's escapes: %0D %0A %3A %2C %25, left to
// right in one pass.
func ghUnescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", fmt.Errorf("%q: a %% without two digits", s)
		}
		switch s[i+1 : i+3] {
		case "0D":
			b.WriteByte('\r')
		case "0A":
			b.WriteByte('\n')
		case "3A":
			b.WriteByte(':')
		case "2C":
			b.WriteByte(',')
		case "25":
			b.WriteByte('%')
		default:
			return "", fmt.Errorf("%q: unknown escape %q", s, s[i:i+3])
		}
		i += 2
	}
	return b.String(), nil
}

// parseGH reads one line "::cmd k=v,k=v::data", as the runner does: the
// properties end at the first "::".
func parseGH(line string) (ghCommand, error) {
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		return ghCommand{}, fmt.Errorf("%q: no leading ::", line)
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		return ghCommand{}, fmt.Errorf("%q: no :: before the data", line)
	}
	c := ghCommand{props: map[string]string{}}
	var props string
	c.cmd, props, _ = strings.Cut(head, " ")
	if props != "" {
		for p := range strings.SplitSeq(props, ",") {
			k, v, ok := strings.Cut(p, "=")
			if !ok || k == "" {
				return c, fmt.Errorf("%q: property %q", line, p)
			}
			if _, dup := c.props[k]; dup {
				return c, fmt.Errorf("%q: property %s twice", line, k)
			}
			u, err := ghUnescape(v)
			if err != nil {
				return c, err
			}
			c.props[k] = u
		}
	}
	var err error
	c.data, err = ghUnescape(data)
	return c, err
}

// parseGHOutput parses every line of out.
func parseGHOutput(t *testing.T, out []byte) []ghCommand {
	t.Helper()
	s := string(out)
	if s != "" && !strings.HasSuffix(s, "\n") {
		t.Error("no final newline")
	}
	var cmds []ghCommand
	for line := range strings.SplitSeq(strings.TrimSuffix(s, "\n"), "\n") {
		if line == "" {
			continue
		}
		c, err := parseGH(line)
		if err != nil {
			t.Fatal(err)
		}
		if c.cmd != "error" && c.cmd != "warning" && c.cmd != "notice" {
			t.Errorf("command %q", c.cmd)
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// Every line parses back to the finding, note or failure it came from.
func TestGitHubParsesBack(t *testing.T) {
	_, seed := ciSeed(t)
	_, multi := ciMulti(t)
	for name, results := range map[string][]*checker.Result{"seed": seed, "multi": multi, "test rules": results(t)} {
		t.Run(name, func(t *testing.T) {
			cmds := parseGHOutput(t, render(t, "github", report.Options{}, results))
			i := 0
			next := func() ghCommand {
				if i >= len(cmds) {
					t.Fatalf("only %d commands", len(cmds))
				}
				i++
				return cmds[i-1]
			}
			for _, res := range results {
				local := !strings.HasPrefix(res.Path, "http")
				if res.Error != "" {
					c := next()
					if c.cmd != "error" || c.data != res.Path+": "+res.Error || local && c.props["file"] != res.Path || c.props["line"] != "" {
						t.Errorf("unreadable %s: %+v", res.Path, c)
					}
					continue
				}
				for _, n := range res.Notes {
					c := next()
					want := "notice"
					if res.Skipped {
						want = "warning"
					}
					if c.cmd != want || c.data != res.Path+": "+n.Message || c.props["line"] != "" {
						t.Errorf("note of %s: %+v", res.Path, c)
					}
				}
				for _, f := range res.Findings {
					c := next()
					want := map[string]string{"error": "error", "warning": "warning", "info": "notice"}[f.Severity.String()]
					if c.cmd != want || c.props["title"] != f.Rule {
						t.Errorf("%s: %+v", f.Rule, c)
					}
					msg := c.data
					if !local {
						prefix := res.Path + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column) + ": "
						if _, ok := c.props["file"]; ok || !strings.HasPrefix(msg, prefix) {
							t.Errorf("URL finding %+v: want no file and the URL in the message", c)
						}
						msg = strings.TrimPrefix(msg, prefix)
						if !strings.HasPrefix(msg, f.Message) {
							t.Errorf("message %q, want %q first", msg, f.Message)
						}
						continue
					}
					if !strings.HasPrefix(msg, f.Message) {
						t.Errorf("message %q, want %q first", msg, f.Message)
					}
					if len(f.Suggestions) > 0 && !strings.Contains(msg, "; suggestion: ") {
						t.Errorf("%s: no suggestion in %q", f.Rule, msg)
					}
					pos := map[string]int{"line": f.Line, "endLine": f.EndLine}
					if f.Line == f.EndLine {
						pos["col"], pos["endColumn"] = f.Column, f.EndColumn
					} else if c.props["col"] != "" || c.props["endColumn"] != "" {
						t.Errorf("%s spans lines but has columns: %+v", f.Rule, c)
					}
					for k, v := range pos {
						if c.props[k] != strconv.Itoa(v) {
							t.Errorf("%s: %s=%q, want %d", f.Rule, k, c.props[k], v)
						}
					}
					if c.props["file"] != res.Path {
						t.Errorf("file=%q, want %q", c.props["file"], res.Path)
					}
				}
			}
			if i != len(cmds) {
				t.Errorf("%d commands, %d expected", len(cmds), i)
			}
		})
	}
}

// No text of an article or file name can end a command, start another or
// reach the log as a control character.
func TestGitHubEscaping(t *testing.T) {
	res := ciHostile()
	out := render(t, "github", report.Options{}, res)
	cmds := parseGHOutput(t, out)
	if len(cmds) != 2 {
		t.Fatalf("%d commands, want the note and the finding:\n%s", len(cmds), out)
	}
	f := res[0].Findings[0]
	c := cmds[1]
	if c.props["file"] != res[0].Path {
		t.Errorf("file %q, want %q", c.props["file"], res[0].Path)
	}
	want := "message with \uFFFD, ]]> & <b>bold</b> -- \"quotes\"\n::warning::injected; suggestion: \"=HYPERLINK(\\\"x\\\")\" or delete " + strconv.Quote(f.Text)
	if c.data != want {
		t.Errorf("data\n%q, want\n%q", c.data, want)
	}
	if c.props["line"] != "2" || c.props["endLine"] != "3" || c.props["col"] != "" {
		t.Errorf("a finding over two lines: %+v", c.props)
	}
	for _, b := range out {
		if b < 0x20 && b != '\n' || b == 0x7f {
			t.Errorf("control byte %#x in the output", b)
		}
	}
	// The note, with its \x1a.
	if cmds[0].data != res[0].Path+": note -- with \uFFFD and ]]> and a final -" {
		t.Errorf("note %q", cmds[0].data)
	}
}

// The parser of this test is itself right about the runner's escapes.
func TestGHUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"a%25b":     "a%b",
		"%250A":     "%0A",
		"x%0D%0Ay":  "x\r\ny",
		"k%3Av%2Cw": "k:v,w",
	} {
		if got, err := ghUnescape(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	if _, err := ghUnescape("50%"); err == nil {
		t.Error("a lone % unescaped")
	}
}
