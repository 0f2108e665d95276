package compare

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/fatih/color"
)

// Formats are the output formats of a comparison, the default first.
var Formats = []string{"text", "json", "html"}

// TextOptions tune WriteText.
type TextOptions struct {
	// Color writes ANSI colours: deletions red and struck through,
	// insertions green, substitutions that match a pattern in bold
	// magenta. Without colour, deletions are written [-so-] and insertions
	// {+so+}, as git diff --word-diff does.
	Color bool
	// Summary leaves out the inline diff of the whole text.
	Summary bool
}

// WriteText writes the comparison for people: the two sides, the spin
// ratio and the counts, the suspect's text with the original's words in
// place (an inline diff), the substitutions, insertions and deletions with
// their positions, and the suspect's findings.
func WriteText(w io.Writer, r *Report, opt TextOptions) error {
	del := color.New(color.FgRed, color.CrossedOut)
	ins := color.New(color.FgGreen)
	pat := color.New(color.FgMagenta, color.Bold)
	bold := color.New(color.Bold)
	faint := color.New(color.Faint)
	for _, c := range []*color.Color{del, ins, pat, bold, faint} {
		if opt.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s, %s\n", bold.Sprint("original"), clean(r.Original.Path),
		plural(r.Original.Words, "word"), plural(r.Original.ContentWords, "content word"))
	fmt.Fprintf(&b, "%s  %s: %s, %s\n", bold.Sprint("suspect"), clean(r.Suspect.Path),
		plural(r.Suspect.Words, "word"), plural(r.Suspect.ContentWords, "content word"))
	fmt.Fprintf(&b, "%s %s: %d of %s replaced\n", bold.Sprint("spin ratio"), Percent(r.SpinRatio),
		r.Replaced, plural(r.Original.ContentWords, "content word"))
	fmt.Fprintf(&b, "%s (%d matching spinning or calque patterns), %s, %s\n",
		plural(r.Substitutions, "substitution"), r.Patterns, plural(r.Insertions, "insertion"), plural(r.Deletions, "deletion"))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", clean(n))
	}

	if !opt.Summary && len(r.Changes) > 0 {
		b.WriteByte('\n')
		segs := r.Segments
		if n := len(segs); n > 0 && segs[n-1].Op == ' ' {
			// the text's own last line break is written below
			last := segs[n-1]
			last.Text = strings.TrimRightFunc(last.Text, unicode.IsSpace)
			segs = append(segs[:n-1:n-1], last)
		}
		for _, s := range segs {
			text := cleanText(s.Text)
			switch s.Op {
			case '-':
				if opt.Color {
					b.WriteString(del.Sprint(text))
				} else {
					b.WriteString("[-" + text + "-]")
				}
			case '+':
				c := ins
				if k := r.Changes[s.Change].Class; k == ClassSpinning || k == ClassCalque {
					c = pat
				}
				if opt.Color {
					b.WriteString(c.Sprint(text))
				} else {
					b.WriteString("{+" + text + "+}")
				}
			default:
				b.WriteString(text)
			}
		}
		b.WriteByte('\n')
	}

	list := func(title, kind string) {
		first := true
		for _, c := range r.Changes {
			if c.Kind != kind {
				continue
			}
			if first {
				fmt.Fprintf(&b, "\n%s\n", bold.Sprint(title))
				first = false
			}
			switch kind {
			case Substitution:
				at := fmt.Sprintf("%s:%d:%d:", clean(r.Suspect.Path), c.SuspectAt.Line, c.SuspectAt.Column)
				line := fmt.Sprintf("  %s %s → %s", at, clean(c.Original), clean(c.Suspect))
				if len(c.Rules) > 0 {
					line += " " + pat.Sprint("["+c.Class+": "+strings.Join(c.Rules, ", ")+"]")
				} else if c.Class == ClassPunctuation {
					line += " " + faint.Sprint("[punctuation]")
				}
				b.WriteString(line + "\n")
			case Insertion:
				fmt.Fprintf(&b, "  %s:%d:%d: + %s\n", clean(r.Suspect.Path), c.SuspectAt.Line, c.SuspectAt.Column, strconv.Quote(c.Suspect))
			case Deletion:
				fmt.Fprintf(&b, "  %s:%d:%d: - %s\n", clean(r.Original.Path), c.OriginalAt.Line, c.OriginalAt.Column, strconv.Quote(c.Original))
			}
		}
	}
	list("substitutions:", Substitution)
	list("insertions:", Insertion)
	list("deletions:", Deletion)
	if len(r.Findings) > 0 {
		fmt.Fprintf(&b, "\n%s\n", bold.Sprint("findings in "+clean(r.Suspect.Path)+":"))
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "  %s:%d:%d: %s [%s] %s\n", clean(r.Suspect.Path), f.Line, f.Column, f.Severity, f.Rule, clean(f.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Percent writes a ratio as a percentage with one decimal: "18.8%".
func Percent(r float64) string { return strconv.FormatFloat(100*r, 'f', 1, 64) + "%" }

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// clean replaces the control characters of s by U+FFFD, so that an input
// cannot move the terminal's cursor; line breaks become spaces.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		if unsafeRune(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// cleanText is clean for a text that keeps its line breaks and tabs.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unsafeRune(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// jsonReport is the JSON document: the report with a version.
type jsonReport struct {
	Version int `json:"version"`
	*Report
}

// WriteJSON writes the comparison as one JSON object: version 1, the two
// sides, spin_ratio, replaced and the counts, the changes with their
// positions (byte offset and length, 1-based line and column) and class,
// the suspect's findings as mtlint check --format json writes them, and
// the inline diff as segments.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{Version: 1, Report: r})
}

// WriteHTML writes the comparison as one self-contained HTML page (no
// script, no outside resource): the figures, the suspect's text with
// deletions struck through and insertions underlined, substitutions that
// match a pattern marked and titled with their rules, then the tables of
// changes and findings. Everything from the inputs is escaped.
func WriteHTML(w io.Writer, r *Report) error {
	return htmlPage().Execute(w, r)
}

// htmlPage is the page's template, parsed on the first use: every start of
// mtlint paid for it at init.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("compare").Funcs(template.FuncMap{
		"percent": Percent,
		"plural":  plural,
		"class": func(r *Report, s Segment) string {
			if s.Change < 0 {
				return ""
			}
			switch r.Changes[s.Change].Class {
			case ClassSpinning, ClassCalque:
				return " pattern"
			}
			return ""
		},
		"title": func(r *Report, s Segment) string {
			if s.Change < 0 {
				return ""
			}
			c := r.Changes[s.Change]
			if len(c.Rules) > 0 {
				return c.Class + ": " + strings.Join(c.Rules, ", ")
			}
			return c.Kind
		},
	}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mtlint compare: {{.Suspect.Path}} against {{.Original.Path}}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.figures { display: flex; gap: 2rem; flex-wrap: wrap; }
.figures div { border: 1px solid #ddd; border-radius: .4rem; padding: .5rem 1rem; }
.figures b { display: block; font-size: 1.6rem; }
.text { white-space: pre-wrap; border: 1px solid #ddd; border-radius: .4rem; padding: 1rem; background: #fcfcfc; }
del { background: #fdd; color: #900; }
ins { background: #dfd; color: #060; text-decoration: none; }
ins.pattern { background: #f6d; color: #503; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #eee; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.muted { color: #777; }
</style>
</head>
<body>
<h1>{{.Suspect.Path}} compared with {{.Original.Path}}</h1>
<div class="figures">
<div><b>{{percent .SpinRatio}}</b>spin ratio ({{.Replaced}} of {{plural .Original.ContentWords "content word"}} replaced)</div>
<div><b>{{.Substitutions}}</b>substitutions ({{.Patterns}} matching spinning or calque patterns)</div>
<div><b>{{.Insertions}}</b>insertions</div>
<div><b>{{.Deletions}}</b>deletions</div>
<div><b>{{len .Findings}}</b>findings in the suspect</div>
</div>
{{range .Notes}}<p class="muted">Note: {{.}}</p>
{{end}}
<h2>Text of the suspect, with the original's words struck through</h2>
<div class="text">{{$r := .}}{{range .Segments}}{{if eq .Kind "delete"}}<del title="{{title $r .}}">{{.Text}}</del>{{else if eq .Kind "insert"}}<ins class="{{class $r .}}" title="{{title $r .}}">{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}</div>
{{if .Changes}}<h2>Changes</h2>
<table>
<tr><th>where (suspect)</th><th>kind</th><th>original</th><th>suspect</th><th>patterns</th></tr>
{{range .Changes}}<tr><td>{{.SuspectAt.Line}}:{{.SuspectAt.Column}}</td><td>{{.Kind}}{{if .Class}} ({{.Class}}){{end}}</td><td><del>{{.Original}}</del></td><td><ins>{{.Suspect}}</ins></td><td>{{range $i, $id := .Rules}}{{if $i}}, {{end}}{{$id}}{{end}}</td></tr>
{{end}}</table>
{{end}}{{if .Findings}}<h2>Findings in the suspect</h2>
<table>
<tr><th>where</th><th>severity</th><th>rule</th><th>message</th><th>text</th></tr>
{{range .Findings}}<tr><td>{{.Line}}:{{.Column}}</td><td>{{.Severity}}</td><td>{{.Rule}}</td><td>{{.Message}}</td><td>{{.Text}}</td></tr>
{{end}}</table>
{{end}}<p class="muted">Written by mtlint compare. Spin ratio: the share of the original's content words (not articles, pronouns, prepositions or auxiliaries) that the suspect replaced.</p>
</body>
</html>
`))
})
