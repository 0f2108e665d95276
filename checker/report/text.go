package report

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fatih/color"
	"golang.org/x/text/width"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/fix"
	"github.com/mtlint/mtlint/checker/score"
	"github.com/mtlint/mtlint/rules"
)

// Text writes the report for people, like a compiler does:
//
//	article.txt:5:302: warning [punctuation.space-before] space before a comma
//	  … cities this week , with bilateral relations at a low …
//	                    ^^
//	  suggestion: ","
//
// A finding is its position, severity, rule and message, then the source line
// with the flagged text underlined by carets (each character takes its
// display width: two columns for CJK and other wide characters, none for a
// combining mark; tabs are kept so that the carets line up), then the suggestions: quoted replacements, or "delete" and the
// text when the suggestion is to delete it. Findings are separated by a blank
// line. A note is one line, "path: note: message". A file with findings
// ends with "path: MT-likelihood score N of 100", and the source-language
// hint when there is one. The report ends with a one-line Summary.
//
// Inputs that could not be read (Result.Error) are counted in the summary
// but not printed: the command line says so on standard error.
//
// With Options.Quiet only the first line of each finding is written: no
// source, suggestion, notes or summary, one finding a line for grep and
// editors.
type Text struct {
	w     io.Writer
	opts  Options
	buf   bytes.Buffer
	wrote bool // a block has been written, so the next one needs a blank line

	pos, rule, note, span, caret, sugg, summary *color.Color
	del, ins                                    *color.Color // --show-fixes
	policy                                      *fix.Policy  // which fixes mtlint fix applies
	sev                                         [rules.Error + 1]*color.Color
}

// NewText returns the text reporter writing to w.
func NewText(w io.Writer, opts Options) *Text {
	t := &Text{w: w, opts: opts}
	if t.opts.ContextWidth == 0 {
		t.opts.ContextWidth = DefaultContextWidth
	}
	t.pos = color.New(color.Bold)
	t.rule = color.New(color.Faint)
	t.note = color.New(color.FgCyan, color.Bold)
	t.caret = color.New(color.FgGreen, color.Bold)
	t.span = color.New(color.Bold, color.Underline)
	t.sugg = color.New(color.FgGreen)
	t.summary = color.New(color.Bold)
	t.del = color.New(color.FgRed)
	t.ins = color.New(color.FgGreen)
	t.sev[0] = color.New(color.FgBlue, color.Bold)
	t.sev[rules.Info] = color.New(color.FgBlue, color.Bold)
	t.sev[rules.Warning] = color.New(color.FgYellow, color.Bold)
	t.sev[rules.Error] = color.New(color.FgRed, color.Bold)
	// Each reporter decides for itself; fatih/color's global NoColor is
	// neither read nor written.
	for _, c := range append([]*color.Color{t.pos, t.rule, t.note, t.caret, t.span, t.sugg, t.summary, t.del, t.ins}, t.sev[:]...) {
		if opts.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return t
}

// Start writes nothing.
func (t *Text) Start() error { return nil }

// File writes the notes and findings of res.
func (t *Text) File(res *checker.Result) error {
	t.buf.Reset()
	if res.Error == "" {
		if !t.opts.Quiet {
			for _, n := range res.Notes {
				t.blank()
				if res.Path != "" {
					t.buf.WriteString(t.pos.Sprint(res.Path + ":"))
					t.buf.WriteByte(' ')
				}
				t.buf.WriteString(t.note.Sprint("note:"))
				t.buf.WriteByte(' ')
				t.buf.WriteString(sanitize(n.Message))
				t.buf.WriteByte('\n')
			}
		}
		for i := range res.Findings {
			t.finding(res.Path, &res.Findings[i])
		}
		if !t.opts.Quiet && len(res.Findings) > 0 && (res.Score > 0 || res.SourceLanguageHint != nil) {
			t.score(res)
		}
	}
	if t.buf.Len() == 0 {
		return nil
	}
	_, err := t.w.Write(t.buf.Bytes())
	return err
}

// score writes the line that ends the findings of a file: its
// MT-likelihood score and, when there is one, the source-language hint. A
// result that was not scored (Config.NoScore) has no such line.
func (t *Text) score(res *checker.Result) {
	t.blank()
	if res.Path != "" {
		t.buf.WriteString(t.pos.Sprint(sanitize(res.Path) + ":"))
		t.buf.WriteByte(' ')
	}
	line := "MT-likelihood score " + strconv.Itoa(res.Score) + " of 100"
	if h := res.SourceLanguageHint; h != nil {
		line += "; probably translated from " + sanitize(score.LanguageName(h.Language)) + " (" + sanitize(h.Language) + ", confidence " + strconv.FormatFloat(h.Confidence, 'f', 2, 64) + ")"
	}
	t.buf.WriteString(t.summary.Sprint(line))
	t.buf.WriteByte('\n')
}

// Finish writes the summary line, unless the report is quiet.
func (t *Text) Finish(sum Summary) error {
	if t.opts.Quiet {
		return nil
	}
	t.buf.Reset()
	t.blank()
	t.buf.WriteString(t.summary.Sprint(sum.String()))
	t.buf.WriteByte('\n')
	_, err := t.w.Write(t.buf.Bytes())
	return err
}

// blank separates the block about to be written from the previous one.
func (t *Text) blank() {
	if t.wrote && !t.opts.Quiet {
		t.buf.WriteByte('\n')
	}
	t.wrote = true
}

func (t *Text) finding(path string, f *checker.Finding) {
	t.blank()
	b := &t.buf
	loc := articleMark(f) + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column) + ":"
	if path != "" {
		loc = path + ":" + loc
	}
	b.WriteString(t.pos.Sprint(loc))
	b.WriteByte(' ')
	sev := f.Severity
	if sev < 0 || int(sev) >= len(t.sev) {
		sev = 0
	}
	b.WriteString(t.sev[sev].Sprint(f.Severity.String()))
	b.WriteByte(' ')
	b.WriteString(t.rule.Sprint("[" + f.Rule + "]"))
	b.WriteByte(' ')
	b.WriteString(sanitize(f.Message))
	b.WriteByte('\n')
	if t.opts.Quiet {
		return
	}
	t.context(f.Context)
	if len(f.Suggestions) > 0 {
		b.WriteString("  suggestion: ")
		for i, s := range f.Suggestions {
			if i > 0 {
				b.WriteString(" or ")
			}
			if s == "" {
				b.WriteString(t.sugg.Sprint("delete " + strconv.Quote(f.Text)))
			} else {
				b.WriteString(t.sugg.Sprint(strconv.Quote(s)))
			}
		}
		b.WriteByte('\n')
	}
	if t.opts.ShowFixes {
		t.fix(f)
	}
}

// fix writes f's fix as an inline diff of its source line: the words
// deleted in [-brackets-], those inserted in {+braces+}.
func (t *Text) fix(f *checker.Finding) {
	e, ok := fix.Suggested(f)
	if !ok {
		return
	}
	if t.policy == nil {
		t.policy = fix.NewPolicy(t.opts.Rules, nil)
	}
	label := "  suggested fix: "
	if t.policy.Safe(f) {
		label = "  fix: "
	}
	tr := e.Trim()
	c := f.Context
	var before, after []rune
	if c.Start >= 0 && c.End <= len(c.Line) && c.Start <= c.End && c.Line[c.Start:c.End] == f.Text {
		a := c.Start + tr.Offset - e.Offset
		before = []rune(sanitize(c.Line[:a]))
		after = []rune(sanitize(c.Line[a+len(tr.Old):]))
	}
	w := t.opts.ContextWidth
	b := &t.buf
	b.WriteString(label)
	if w > 0 && len(before) > w/3 {
		b.WriteString("…")
		before = before[len(before)-w/3:]
	}
	b.WriteString(string(before))
	if tr.Old != "" {
		b.WriteString(t.del.Sprint("[-" + sanitize(tr.Old) + "-]"))
	}
	if tr.New != "" {
		b.WriteString(t.ins.Sprint("{+" + sanitize(tr.New) + "+}"))
	}
	if w > 0 && len(after) > w/3 {
		b.WriteString(string(after[:w/3]))
		b.WriteString("…")
	} else {
		b.WriteString(string(after))
	}
	b.WriteByte('\n')
}

// context writes the source line, cut to the context width around the
// flagged text, and the carets under that text.
func (t *Text) context(c checker.Context) {
	start := min(max(c.Start, 0), len(c.Line))
	end := min(max(c.End, start), len(c.Line))
	line := []rune(sanitize(c.Line))
	s := utf8.RuneCountInString(c.Line[:start])
	e := s + utf8.RuneCountInString(c.Line[start:end])
	from, to := 0, len(line)
	if w := t.opts.ContextWidth; w > 0 && len(line) > w {
		from = max(0, s-w/3)
		to = from + w
		if to > len(line) {
			to = len(line)
			from = min(s, max(0, to-w))
		}
	}
	e = min(e, to)

	b := &t.buf
	b.WriteString("  ")
	if from > 0 {
		b.WriteString("…")
	}
	b.WriteString(string(line[from:s]))
	b.WriteString(t.span.Sprint(string(line[s:e])))
	b.WriteString(string(line[e:to]))
	if to < len(line) {
		b.WriteString("…")
	}
	b.WriteByte('\n')

	b.WriteString("  ")
	if from > 0 {
		b.WriteByte(' ')
	}
	for _, r := range line[from:s] {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			for range runeWidth(r) {
				b.WriteByte(' ')
			}
		}
	}
	carets := 0
	for _, r := range line[s:e] {
		carets += runeWidth(r)
	}
	b.WriteString(t.caret.Sprint(strings.Repeat("^", max(1, carets))))
	b.WriteByte('\n')
}

// runeWidth is the number of terminal columns r takes: 2 for the wide and
// fullwidth characters of East Asian Width (CJK, most emoji), 0 for
// combining marks and zero-width characters, else 1 (ambiguous ones too, as
// terminals outside East Asian locales show them).
func runeWidth(r rune) int {
	if r < 0x300 {
		return 1
	}
	if unicode.In(r, unicode.Mn, unicode.Me) || r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// sanitize replaces the control characters of s other than tab, and the
// bidirectional formatting characters, by U+FFFD, one for one, so that input
// text can neither move the terminal's cursor nor misalign the carets.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unsafeRune(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

func unsafeRune(r rune) bool {
	if r < 0x80 {
		return r < 0x20 && r != '\t' || r == 0x7F
	}
	return unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}
