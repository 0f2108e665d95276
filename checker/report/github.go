package report

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
)

// GitHub writes GitHub Actions workflow commands, which the runner turns into
// annotations on the files of a pull request: one line a finding,
//
//	::warning file=article.md,line=6,col=118,endLine=6,endColumn=120,title=punctuation.space-before::space before a comma; suggestion: ","
//
// with ::error for errors, ::warning for warnings and ::notice for infos.
// Columns count code points and endColumn is exclusive, as in the JSON
// report; col and endColumn are left out when a finding spans lines, as
// GitHub wants. A fetched URL is no file of the repository: its findings
// name it in the message instead of a file property.
//
// An input that could not be read is an ::error, a skipped one (binary, say)
// a ::warning, another note a ::notice, each without a line.
//
// Values are escaped as the runner unescapes them (actions/toolkit's
// escapeData and escapeProperty): "%" "\r" "\n" everywhere, and ":" ","
// in properties too, so that no text of an article or file name can end a
// command or start another; other control characters become U+FFFD.
type GitHub struct {
	w   io.Writer
	buf bytes.Buffer
}

// NewGitHub returns the GitHub workflow commands reporter writing to w.
func NewGitHub(w io.Writer) *GitHub { return &GitHub{w: w} }

// Start writes nothing.
func (g *GitHub) Start() error { return nil }

// File writes a command for each finding and note of res.
func (g *GitHub) File(res *checker.Result) error {
	g.buf.Reset()
	if res.Error != "" {
		g.command("error", res.Path, nil, "mtlint", res.Path+": "+res.Error)
	} else {
		for _, n := range res.Notes {
			cmd := "notice"
			switch {
			case res.Skipped:
				cmd = "warning"
			case n.Kind == "internal-error":
				cmd = "error"
			}
			g.command(cmd, res.Path, nil, "mtlint", res.Path+": "+n.Message)
		}
		for i := range res.Findings {
			f := &res.Findings[i]
			g.command(ghLevel(f.Severity), res.Path, f, f.Rule, messageWithSuggestion(f))
		}
	}
	if g.buf.Len() == 0 {
		return nil
	}
	_, err := g.w.Write(g.buf.Bytes())
	return err
}

// Finish writes nothing: the totals are the exit code's business.
func (g *GitHub) Finish(Summary) error { return nil }

// command appends one workflow command line. f, when not nil, gives the
// position.
func (g *GitHub) command(cmd, path string, f *checker.Finding, title, msg string) {
	b := &g.buf
	b.WriteString("::")
	b.WriteString(cmd)
	sep := byte(' ')
	prop := func(k, v string) {
		b.WriteByte(sep)
		sep = ','
		b.WriteString(k)
		b.WriteByte('=')
		ghEscape(b, v, true)
	}
	url := isURL(path)
	if !url && path != "" {
		prop("file", path)
	}
	// a position in an extracted article is not one in the file: it goes
	// in the message, as a URL's does, not on a line of the file
	inText := f != nil && (url || f.InArticle)
	if f != nil && !inText && f.Line >= 1 {
		prop("line", strconv.Itoa(f.Line))
		oneLine := f.EndLine == f.Line
		if oneLine && f.Column >= 1 {
			prop("col", strconv.Itoa(f.Column))
		}
		if f.EndLine >= f.Line {
			prop("endLine", strconv.Itoa(f.EndLine))
		}
		if oneLine && f.Column >= 1 && f.EndColumn >= f.Column {
			prop("endColumn", strconv.Itoa(f.EndColumn))
		}
	}
	prop("title", title)
	b.WriteString("::")
	if inText {
		msg = path + ":" + articleMark(f) + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column) + ": " + msg
	}
	ghEscape(b, msg, false)
	b.WriteByte('\n')
}

// ghLevel is the workflow command of a severity.
func ghLevel(sev rules.Severity) string {
	switch sev {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "notice"
}

// ghEscape appends s escaped as data of a workflow command or, with
// property set, as a property value.
func ghEscape(b *bytes.Buffer, s string, property bool) {
	for _, r := range s {
		switch {
		case r == '%':
			b.WriteString("%25")
		case r == '\r':
			b.WriteString("%0D")
		case r == '\n':
			b.WriteString("%0A")
		case property && r == ':':
			b.WriteString("%3A")
		case property && r == ',':
			b.WriteString("%2C")
		case unsafeRune(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r) // invalid UTF-8 was decoded as RuneError
		}
	}
}
