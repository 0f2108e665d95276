package report

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
)

// MarkdownMaxFindings is the most findings the Markdown report lists; the
// rest are counted. It keeps the report within a pull-request comment
// (65,536 characters on GitHub) whatever the findings hold.
const MarkdownMaxFindings = 100

// Markdown writes a summary in GitHub Flavored Markdown for a pull-request
// comment or $GITHUB_STEP_SUMMARY: the totals, a table of findings by
// category and severity, a table of the first MarkdownMaxFindings findings
// (where, severity, rule, message, flagged text, suggestion) followed by how
// many more there are, and the inputs that were not checked.
//
// Article text never breaks the tables or the page: flagged text and
// suggestions are code spans whose backtick fence is longer than any run of
// backticks inside, pipes are escaped, line breaks shown as "↵", control
// characters as U+FFFD, and long texts cut with "…"; messages have every
// character that Markdown or HTML would read escaped.
//
// The files with the highest MT-likelihood scores (at most MarkdownMaxScored)
// are listed after the totals, with the language each was probably
// translated from.
//
// The totals open the report, so what it lists is kept until Finish: at
// most MarkdownMaxFindings rows, whatever the number of files.
type Markdown struct {
	w        io.Writer
	rows     bytes.Buffer // the rows of the findings table
	listed   int
	counts   map[rules.Category]*[rules.Error + 1]int
	rejected bytes.Buffer // the list of inputs not checked
	scored   []scoredFile // the highest scores, highest first
}

// MarkdownMaxScored is how many files the Markdown report ranks by score.
const MarkdownMaxScored = 10

// scoredFile is one row of the Markdown report's ranking.
type scoredFile struct {
	path     string
	score    int
	findings int
	from     string // "French (fr, 0.7)", or ""
}

// NewMarkdown returns the Markdown reporter writing to w.
func NewMarkdown(w io.Writer) *Markdown {
	return &Markdown{w: w, counts: make(map[rules.Category]*[rules.Error + 1]int)}
}

// Start writes nothing: the totals come first.
func (m *Markdown) Start() error { return nil }

// File counts the findings of res and keeps the first ones.
func (m *Markdown) File(res *checker.Result) error {
	if why, unreadable, skipped := rejected(res); unreadable || skipped {
		m.rejected.WriteString("- ")
		m.rejected.WriteString(mdCode(res.Path, 200))
		if unreadable {
			m.rejected.WriteString(": could not be read: ")
		} else {
			m.rejected.WriteString(": ")
		}
		m.rejected.WriteString(mdEscape(why))
		m.rejected.WriteByte('\n')
		return nil
	}
	// Only files with findings to report are ranked: with a baseline, a file
	// whose findings are all baselined keeps the score they gave.
	if res.Score > 0 && len(res.Findings) > 0 {
		from := ""
		if h := res.SourceLanguageHint; h != nil {
			from = h.Language + " (" + strconv.FormatFloat(h.Confidence, 'f', 2, 64) + ")"
		}
		m.scored = append(m.scored, scoredFile{path: res.Path, score: res.Score, findings: len(res.Findings), from: from})
		slices.SortStableFunc(m.scored, func(a, b scoredFile) int { return b.score - a.score })
		m.scored = m.scored[:min(len(m.scored), MarkdownMaxScored)]
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		c := m.counts[f.Category]
		if c == nil {
			c = new([rules.Error + 1]int)
			m.counts[f.Category] = c
		}
		if f.Severity >= rules.Info && f.Severity <= rules.Error {
			c[f.Severity]++
		}
		if m.listed >= MarkdownMaxFindings {
			continue
		}
		m.listed++
		b := &m.rows
		b.WriteString("| ")
		b.WriteString(mdCode(res.Path+":"+articleMark(f)+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Column), 100))
		b.WriteString(" | ")
		b.WriteString(f.Severity.String())
		b.WriteString(" | ")
		b.WriteString(mdCode(f.Rule, 100))
		b.WriteString(" | ")
		b.WriteString(mdEscape(cut(f.Message, 160)))
		b.WriteString(" | ")
		b.WriteString(mdCode(f.Text, 60))
		b.WriteString(" | ")
		for i, s := range f.Suggestions {
			if i > 0 {
				b.WriteString(" or ")
			}
			if s == "" {
				b.WriteString("delete")
			} else {
				b.WriteString(mdCode(s, 60))
			}
		}
		b.WriteString(" |\n")
	}
	return nil
}

// Finish writes the report.
func (m *Markdown) Finish(sum Summary) error {
	var b bytes.Buffer
	b.WriteString("## mtlint\n\n**")
	b.WriteString(sum.String())
	b.WriteString("**\n")
	if sum.Findings > 0 {
		b.WriteString("\n| category | errors | warnings | infos | total |\n|:--|--:|--:|--:|--:|\n")
		cats := slices.Clone(rules.Categories)
		var extra []rules.Category
		for c := range m.counts {
			if !slices.Contains(cats, c) {
				extra = append(extra, c)
			}
		}
		slices.Sort(extra)
		var total [rules.Error + 1]int
		for _, c := range append(cats, extra...) {
			n := m.counts[c]
			if n == nil {
				continue
			}
			b.WriteString("| " + mdEscape(string(c)))
			for _, sev := range []rules.Severity{rules.Error, rules.Warning, rules.Info} {
				b.WriteString(" | " + strconv.Itoa(n[sev]))
				total[sev] += n[sev]
			}
			b.WriteString(" | " + strconv.Itoa(n[rules.Error]+n[rules.Warning]+n[rules.Info]) + " |\n")
		}
		b.WriteString("| **all**")
		for _, sev := range []rules.Severity{rules.Error, rules.Warning, rules.Info} {
			b.WriteString(" | **" + strconv.Itoa(total[sev]) + "**")
		}
		b.WriteString(" | **" + strconv.Itoa(total[rules.Error]+total[rules.Warning]+total[rules.Info]) + "** |\n")

		if len(m.scored) > 0 {
			b.WriteString("\n| file | MT-likelihood score | findings | probably translated from |\n|:--|--:|--:|:--|\n")
			for _, s := range m.scored {
				b.WriteString("| " + mdCode(s.path, 100) + " | " + strconv.Itoa(s.score) + " | " + strconv.Itoa(s.findings) + " | " + mdEscape(s.from) + " |\n")
			}
		}

		b.WriteString("\n| where | severity | rule | message | text | suggestion |\n|:--|:--|:--|:--|:--|:--|\n")
		b.Write(m.rows.Bytes())
		if more := sum.Findings - m.listed; more > 0 {
			b.WriteString("\n… and " + plural(more, "more finding", "more findings") + ", not listed here: the JSON and SARIF reports have them all.\n")
		}
	}
	if m.rejected.Len() > 0 {
		b.WriteString("\nNot checked:\n\n")
		b.Write(m.rejected.Bytes())
	}
	_, err := m.w.Write(b.Bytes())
	return err
}

// cut returns s cut to at most n code points, "…" marking the cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, k := 0, 0
	for k < n-1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		k++
	}
	return s[:i] + "…"
}

// mdCode returns s, cut to n code points, as a code span that is safe in a
// table cell: line breaks are shown as "↵", control characters as U+FFFD,
// pipes are escaped (GFM reads "\|" as a pipe inside a cell, code spans
// included), a backslash before a pipe becomes U+29F5 so that it cannot
// swallow the escape, and the fence is one backtick longer than the longest
// run inside, with spaces when the text starts or ends with a backtick or
// with spaces at both ends. An empty text is "(empty)".
func mdCode(s string, n int) string {
	if s == "" {
		return "(empty)"
	}
	s = strings.NewReplacer("\r\n", "↵", "\n", "↵", "\r", "↵").Replace(s)
	s = sanitize(cut(s, n))
	s = strings.ReplaceAll(s, `\|`, "⧵|")
	s = strings.ReplaceAll(s, "|", `\|`)
	run, longest := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	pad := s[0] == '`' || s[len(s)-1] == '`' ||
		s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != ""
	if pad {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// mdEscape returns s as Markdown text that shows as s in one table cell or
// paragraph: the characters that Markdown, GFM or HTML read inline
// (\ ` * _ [ ] < > | & ~ $) are backslash-escaped, and so are those that
// would start a heading, list or quote at the start; line breaks become
// spaces and control characters U+FFFD.
func mdEscape(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	s = sanitize(s)
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte("\\`*_[]<>|&~$", c) >= 0 ||
			i == 0 && strings.IndexByte("#+-=", c) >= 0 ||
			i == digits && digits > 0 && (c == '.' || c == ')') {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}
