package report

import (
	"bufio"
	"crypto/sha256"
	_ "embed" // the page's style sheet and script
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
)

// The page's style sheet and script, written inline into every report.
var (
	//go:embed html/report.css
	htmlCSS string
	//go:embed html/report.js
	htmlJS string
)

// htmlCSP is the page's Content-Security-Policy: nothing is loaded from
// anywhere, and the only script that may run is mtlint's own, named by its
// hash. Escaping keeps article text from becoming markup; should it ever
// fail, the browser still runs no injected script or event handler.
var htmlCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; script-src 'sha256-" +
	func() string { h := sha256.Sum256([]byte(htmlJS)); return base64.StdEncoding.EncodeToString(h[:]) }() + "'"

// MaxHighlighted is how many bytes of an article's text the HTML report
// shows with its findings highlighted; the rest of a longer text is left
// out (a note says so), so that a huge input does not make a page no
// browser can open. Its findings are still counted.
const MaxHighlighted = 2 << 20

// HTML writes one self-contained web page for people: each article with its
// findings highlighted in place and colored by category, the message,
// suggestions and explanation on hover and in a panel on click, a side list
// of the article's findings, its counts and score; and, when several inputs
// are reported, an index of them ranked by score, with a chart of findings
// by category. The page loads nothing (inline style sheet, script and SVG)
// and works as a plain document without its script.
//
// It streams: each article's section is written by File, and Finish writes
// the index, which the style sheet shows at the top. Only a row of figures a
// file is kept for the index. Every byte of article text, file names,
// messages and suggestions is escaped, and the page's Content-Security-Policy
// lets no script run but its own.
//
// The article text comes from Result.Source (checker.Config.KeepSource);
// without it, each finding is shown on its source line.
type HTML struct {
	w    *bufio.Writer
	rows []htmlRow
	cats [len(htmlCategories) + 1]int // findings of the run by category; last: other
	// per article, reused
	expl  map[string]string
	order []int
}

// htmlRow is what the index needs of one input.
type htmlRow struct {
	id, name                         string
	score                            int
	findings, errors, warnings, info int
	words                            int
	status                           string // "", "skipped" or "unreadable"
	notes                            string // the kinds of the input's notes
}

// htmlNoteKinds returns the distinct kinds of notes, joined by commas.
func htmlNoteKinds(notes []checker.Note) string {
	var kinds []string
	for _, n := range notes {
		if !slices.Contains(kinds, n.Kind) {
			kinds = append(kinds, n.Kind)
		}
	}
	return strings.Join(kinds, ", ")
}

// htmlCategories are the categories the page has colors for (DESIGN.md's
// fixed set), in legend order; any other category is shown as "other".
var htmlCategories = [...]rules.Category{rules.Punctuation, rules.Quotes, rules.Repetition, rules.Idiom,
	rules.Spinning, rules.Typography, rules.Boilerplate, rules.Language, rules.Grammar}

// NewHTML returns the HTML reporter writing to w.
func NewHTML(w io.Writer) *HTML {
	return &HTML{w: bufio.NewWriterSize(w, 64<<10), expl: make(map[string]string)}
}

// Start writes the page's head, its header and the category legend.
func (h *HTML) Start() error {
	w := h.w
	w.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	w.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"")
	w.WriteString(htmlCSP)
	w.WriteString("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	w.WriteString("<meta name=\"generator\" content=\"mtlint\">\n<title>mtlint report</title>\n<style>\n")
	w.WriteString(htmlCSS)
	w.WriteString("</style>\n<script>") // no newline: the hash is of htmlJS alone
	w.WriteString(htmlJS)
	w.WriteString("</script>\n</head>\n<body>\n<header>\n<h1>mtlint report</h1>\n<ul class=\"legend\" aria-label=\"categories\">\n")
	for _, c := range htmlCategories {
		fmt.Fprintf(w, "<li><span class=\"swatch c-%s\"></span>%s</li>\n", c, c)
	}
	w.WriteString("</ul>\n<p class=\"sevkey\">Underlined: <span class=\"sev s-error\">error</span> thick, <span class=\"sev s-warning\">warning</span> solid, <span class=\"sev s-info\">info</span> dotted. Click a highlighted passage for details.</p>\n</header>\n<main>\n")
	return h.flush()
}

// File writes the section of one input: its header with counts and score,
// its notes, and its text with the findings highlighted beside their list.
func (h *HTML) File(res *checker.Result) error {
	w := h.w
	row := htmlRow{id: "a" + strconv.Itoa(len(h.rows)+1), name: res.Path, words: res.Words}
	if row.name == "" {
		row.name = "(unnamed input)"
	}
	var cats [len(htmlCategories) + 1]int
	for i := range res.Findings {
		f := &res.Findings[i]
		switch f.Severity {
		case rules.Error:
			row.errors++
		case rules.Warning:
			row.warnings++
		default:
			row.info++
		}
		cats[htmlCategoryIndex(f.Category)]++
	}
	row.findings = len(res.Findings)
	row.score = res.Score
	switch {
	case res.Error != "":
		row.status = "unreadable"
	case res.Skipped:
		row.status = "skipped"
	}
	row.notes = htmlNoteKinds(res.Notes)
	for i, n := range cats {
		h.cats[i] += n
	}

	fmt.Fprintf(w, "<section class=\"article\" id=\"%s\" data-score=\"%d\">\n<h2><span class=\"path\">", row.id, row.score)
	htmlEscape(w, row.name)
	fmt.Fprintf(w, "</span><a class=\"self\" href=\"#%s\" title=\"link to this article\">#</a></h2>\n", row.id)
	if res.Error != "" {
		w.WriteString("<p class=\"error-line\">Could not be read: ")
		htmlEscape(w, res.Error)
		w.WriteString("</p>\n")
	}
	if row.status == "" {
		w.WriteString("<div class=\"stats\">\n")
		fmt.Fprintf(w, "<span class=\"score\" title=\"MT-likelihood from 0 to 100: findings per 1,000 words weighted by how much more often each rule fires on machine-translated text (mtlint explain-score shows the parts)\">score <strong>%d</strong></span>\n", row.score)
		if h := res.SourceLanguageHint; h != nil {
			fmt.Fprintf(w, "<span class=\"source-hint\" title=\"the language the text was most likely translated from, and how sure\">from <strong>")
			htmlEscape(w, h.Language)
			fmt.Fprintf(w, "</strong>? %.2f</span>\n", h.Confidence)
		}
		if res.Words > 0 {
			fmt.Fprintf(w, "<span class=\"words\">%s</span>\n", plural(res.Words, "word", "words"))
		}
		fmt.Fprintf(w, "<span class=\"sev s-error\">%s</span>\n<span class=\"sev s-warning\">%s</span>\n<span class=\"sev s-info\">%s</span>\n",
			plural(row.errors, "error", "errors"), plural(row.warnings, "warning", "warnings"), plural(row.info, "info", "infos"))
		htmlChart(w, cats[:], "findings of this article by category")
		w.WriteString("</div>\n")
	}
	text, clipped := res.Source, false
	if len(text) > MaxHighlighted {
		n := MaxHighlighted
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text, clipped = text[:n], true
	}
	// The findings shown: those that start within the text shown.
	h.order = h.order[:0]
	for i := range res.Findings {
		if f := &res.Findings[i]; res.Source == nil || f.Offset >= 0 && (f.Offset < len(text) || f.Offset == len(text) && !clipped) {
			h.order = append(h.order, i)
		}
	}
	notes := len(res.Notes) > 0 || clipped || res.Source == nil && len(res.Findings) > 0
	if notes {
		w.WriteString("<ul class=\"notes\">\n")
		for _, n := range res.Notes {
			fmt.Fprintf(w, "<li class=\"note n-%s\"><span class=\"note-kind\">", htmlClassName(n.Kind))
			htmlEscape(w, n.Kind)
			w.WriteString(":</span> ")
			htmlEscape(w, n.Message)
			w.WriteString("</li>\n")
		}
		if clipped {
			fmt.Fprintf(w, "<li class=\"note n-cut\"><span class=\"note-kind\">cut:</span> only the first %s of the text (%s) are shown; %s after it are counted but not shown.</li>\n",
				plural(len(text), "byte", "bytes"), plural(len(res.Source), "byte", "bytes"), plural(len(res.Findings)-len(h.order), "finding", "findings"))
		}
		if res.Source == nil && len(res.Findings) > 0 {
			w.WriteString("<li class=\"note n-source\"><span class=\"note-kind\">source:</span> the article's text was not kept (checker.Config.KeepSource); each finding is shown on its line.</li>\n")
		}
		w.WriteString("</ul>\n")
	}
	if row.status == "" {
		w.WriteString("<div class=\"body\">\n<div class=\"text-wrap\">\n")
		if res.Source != nil {
			// The newline after <pre> is dropped by every HTML parser, so
			// that a text beginning with one keeps it.
			w.WriteString("<pre class=\"text\">\n")
			h.highlight(row.id, text, res.Findings)
			w.WriteString("</pre>\n")
		} else {
			h.contexts(row.id, res.Findings)
		}
		w.WriteString("</div>\n")
		h.side(row.id, res.Findings)
		w.WriteString("</div>\n")
	}
	w.WriteString("</section>\n")
	row.name = strings.Clone(row.name)
	h.rows = append(h.rows, row)
	return h.flush()
}

// Finish writes the index of the run, with its summary and chart, and ends
// the page.
func (h *HTML) Finish(sum Summary) error {
	w := h.w
	w.WriteString("</main>\n<section id=\"index\" aria-label=\"index\">\n")
	if len(h.rows) > 1 {
		w.WriteString("<h2>Index</h2>\n")
	}
	w.WriteString("<p class=\"summary\">")
	htmlEscape(w, sum.String())
	w.WriteString("</p>\n")
	if len(h.rows) > 1 {
		w.WriteString("<div class=\"charts\">\n")
		h.index()
		htmlChart(w, h.cats[:], "findings of the run by category")
		w.WriteString("</div>\n")
	}
	w.WriteString("</section>\n<footer>Made by mtlint. Offsets count bytes of each input as read (UTF-8); the score is explained by mtlint explain-score.</footer>\n</body>\n</html>\n")
	return h.flush()
}

// index writes the table of inputs, ranked by score (ties in input order).
func (h *HTML) index() {
	w := h.w
	ranked := make([]int, len(h.rows))
	for i := range ranked {
		ranked[i] = i
	}
	slices.SortStableFunc(ranked, func(a, b int) int {
		ra, rb := &h.rows[a], &h.rows[b]
		if ra.score != rb.score {
			if ra.score > rb.score {
				return -1
			}
			return 1
		}
		return rb.findings - ra.findings
	})
	w.WriteString("<table class=\"files\">\n<thead><tr><th class=\"name\"><button type=\"button\" data-sort=\"name\">File</button></th>")
	w.WriteString("<th aria-sort=\"descending\"><button type=\"button\" data-sort=\"score\">Score</button></th>")
	w.WriteString("<th><button type=\"button\" data-sort=\"findings\">Findings</button></th><th>Errors</th><th>Warnings</th><th>Infos</th><th>Words</th><th class=\"status\">Notes</th></tr></thead>\n<tbody>\n")
	for _, i := range ranked {
		r := &h.rows[i]
		score, words := strconv.Itoa(r.score), strconv.Itoa(r.words)
		if r.status != "" {
			score, words = "–", "–" // not checked
		}
		fmt.Fprintf(w, "<tr data-n=\"%d\" data-score=\"%d\" data-findings=\"%d\" data-name=\"", i+1, r.score, r.findings)
		htmlEscape(w, r.name)
		fmt.Fprintf(w, "\"><td class=\"name\"><a href=\"#%s\">", r.id)
		htmlEscape(w, r.name)
		fmt.Fprintf(w, "</a></td><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%s</td><td class=\"status\">",
			score, r.findings, r.errors, r.warnings, r.info, words)
		status := r.status
		if r.notes != "" && status != "" {
			status += ": "
		}
		htmlEscape(w, status+r.notes)
		w.WriteString("</td></tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n")
}

// highlight writes text with each shown finding wrapped in <mark> elements
// over its exact bytes: findings that overlap are nested, and where an inner
// one outlasts an outer one it is closed and opened again, so that the
// elements nest; only the first piece of a finding carries its id.
func (h *HTML) highlight(id string, text []byte, all []checker.Finding) {
	w := h.w
	type span struct{ s, e, i int }
	spans := make([]span, 0, len(h.order))
	for _, i := range h.order {
		f := &all[i]
		s, e := htmlClip(text, f.Offset, f.Length)
		spans = append(spans, span{s, e, i})
	}
	// Longer spans open first, around the shorter ones that start with them.
	slices.SortStableFunc(spans, func(a, b span) int {
		if a.s != b.s {
			return a.s - b.s
		}
		return b.e - a.e
	})
	var stack, rest []span // open marks, outermost first
	opened := make([]bool, len(all))
	open := func(sp span, empty bool) {
		f := &all[sp.i]
		fid := id + "-f" + strconv.Itoa(sp.i+1)
		fmt.Fprintf(w, "<mark class=\"hl c-%s s-%s", htmlCategoryClass(f.Category), htmlSeverity(f.Severity))
		if empty {
			w.WriteString(" empty")
		}
		w.WriteString("\"")
		if !opened[sp.i] {
			opened[sp.i] = true
			fmt.Fprintf(w, " id=\"%s\"", fid)
		}
		fmt.Fprintf(w, " data-f=\"%s\" title=\"", fid)
		htmlTooltip(w, f)
		w.WriteString("\">")
	}
	pos, k := 0, 0
	for {
		next := math.MaxInt
		if k < len(spans) {
			next = spans[k].s
		}
		for _, sp := range stack {
			next = min(next, sp.e)
		}
		if next == math.MaxInt {
			break
		}
		htmlEscapeBytes(w, text[pos:next])
		pos = next
		// Close the marks that end here, and those opened inside them.
		for j, sp := range stack {
			if sp.e != pos {
				continue
			}
			for range stack[j:] {
				w.WriteString("</mark>")
			}
			rest = append(rest[:0], stack[j+1:]...)
			stack = stack[:j]
			for _, r := range rest {
				if r.e != pos {
					open(r, false)
					stack = append(stack, r)
				}
			}
			break
		}
		for ; k < len(spans) && spans[k].s == pos; k++ {
			if sp := spans[k]; sp.e == sp.s {
				open(sp, true)
				w.WriteString("</mark>")
			} else {
				open(sp, false)
				stack = append(stack, sp)
			}
		}
	}
	htmlEscapeBytes(w, text[pos:])
}

// htmlClip returns the span [offset, offset+length) within text, widened to
// whole characters: a span that ends or starts inside a UTF-8 sequence,
// which no finding of the checker does, would otherwise cut it in two.
func htmlClip(text []byte, offset, length int) (start, end int) {
	start = min(max(offset, 0), len(text))
	end = min(max(offset+max(length, 0), start), len(text))
	for i := 0; i < utf8.UTFMax-1 && start > 0 && start < len(text) && !utf8.RuneStart(text[start]); i++ {
		start--
	}
	for i := 0; i < utf8.UTFMax-1 && end < len(text) && !utf8.RuneStart(text[end]); i++ {
		end++
	}
	return start, end
}

// contexts writes, for an input whose text was not kept, each shown finding
// on its source line.
func (h *HTML) contexts(id string, all []checker.Finding) {
	w := h.w
	for _, i := range h.order {
		f := &all[i]
		c := f.Context
		s := min(max(c.Start, 0), len(c.Line))
		e := min(max(c.End, s), len(c.Line))
		fid := id + "-f" + strconv.Itoa(i+1)
		fmt.Fprintf(w, "<pre class=\"text ctx\">\n<span class=\"where\">%sline %d</span>", htmlArticle(f), f.Line)
		htmlEscape(w, c.Line[:s])
		fmt.Fprintf(w, "<mark class=\"hl c-%s s-%s", htmlCategoryClass(f.Category), htmlSeverity(f.Severity))
		if e == s {
			w.WriteString(" empty")
		}
		fmt.Fprintf(w, "\" id=\"%s\" data-f=\"%s\" title=\"", fid, fid)
		htmlTooltip(w, f)
		w.WriteString("\">")
		htmlEscape(w, c.Line[s:e])
		w.WriteString("</mark>")
		htmlEscape(w, c.Line[e:])
		w.WriteString("</pre>\n")
	}
}

// side writes the panel of details, hidden until a finding is chosen, and
// the list of the shown findings, each linking to its highlighted text.
func (h *HTML) side(id string, all []checker.Finding) {
	w := h.w
	clear(h.expl)
	w.WriteString("<aside class=\"side\">\n<div class=\"panel\" aria-live=\"polite\">\n")
	if len(h.order) == 0 {
		w.WriteString("<p class=\"hint\">No findings.</p>\n")
	} else {
		w.WriteString("<p class=\"hint\">Click a highlighted passage or a finding below for its details.</p>\n")
	}
	var expls []string
	for _, i := range h.order {
		f := &all[i]
		fid := id + "-f" + strconv.Itoa(i+1)
		fmt.Fprintf(w, "<div class=\"detail c-%s\" id=\"%s-d\"", htmlCategoryClass(f.Category), fid)
		if f.Explanation != "" {
			x, ok := h.expl[f.Explanation]
			if !ok {
				x = id + "-x" + strconv.Itoa(len(expls)+1)
				h.expl[f.Explanation] = x
				expls = append(expls, f.Explanation)
			}
			fmt.Fprintf(w, " data-x=\"%s\"", x)
		}
		fmt.Fprintf(w, " hidden>\n<p><span class=\"sev s-%s\">%s</span> <code>", htmlSeverity(f.Severity), htmlSeverity(f.Severity))
		htmlEscape(w, f.Rule)
		fmt.Fprintf(w, "</code> %sline %d, column %d</p>\n<p class=\"msg\">", htmlArticle(f), f.Line, f.Column)
		htmlEscape(w, f.Message)
		w.WriteString("</p>\n<p class=\"flagged\">Flagged: ")
		htmlEscape(w, htmlQuote(f.Text, htmlMaxQuoted))
		w.WriteString("</p>\n")
		if len(f.Suggestions) > 0 {
			w.WriteString("<p class=\"sugg\">Suggestion: ")
			htmlSuggestions(w, f, -1)
			w.WriteString("</p>\n")
		}
		w.WriteString("</div>\n")
	}
	for n, x := range expls {
		fmt.Fprintf(w, "<div class=\"expl\" id=\"%s-x%d\" hidden>\n", id, n+1)
		for p := range strings.SplitSeq(strings.TrimSpace(x), "\n\n") {
			w.WriteString("<p>")
			htmlEscape(w, strings.TrimSpace(p))
			w.WriteString("</p>\n")
		}
		w.WriteString("</div>\n")
	}
	w.WriteString("</div>\n")
	if len(h.order) > 0 {
		w.WriteString("<ol class=\"list\">\n")
		for _, i := range h.order {
			f := &all[i]
			fid := id + "-f" + strconv.Itoa(i+1)
			fmt.Fprintf(w, "<li><a href=\"#%s\" id=\"%s-l\" data-f=\"%s\" class=\"c-%s s-%s\"><span class=\"where\">%s%d:%d</span> ",
				fid, fid, fid, htmlCategoryClass(f.Category), htmlSeverity(f.Severity), htmlArticle(f), f.Line, f.Column)
			htmlEscape(w, f.Message)
			w.WriteString("<span class=\"rule\">")
			htmlEscape(w, htmlSeverity(f.Severity)+" · "+f.Rule)
			w.WriteString("</span></a></li>\n")
		}
		w.WriteString("</ol>\n")
	}
	w.WriteString("</aside>\n")
}

// htmlSuggestions writes the suggestions of f, quoted, joined by "or"; an
// empty one is the suggestion to delete the flagged text, quoted too unless
// limit is negative (in a detail, which quotes it above). Suggestions longer
// than limit bytes are cut (a negative limit cuts nothing).
func htmlSuggestions(w *bufio.Writer, f *checker.Finding, limit int) {
	for i, s := range f.Suggestions {
		if i > 0 {
			w.WriteString(" or ")
		}
		switch {
		case s == "" && limit < 0:
			w.WriteString("delete the flagged text")
		case s == "":
			htmlEscape(w, "delete "+htmlQuote(f.Text, htmlMaxQuoted))
		default:
			htmlEscape(w, htmlQuote(s, limit))
		}
	}
}

// htmlMaxQuoted bounds the flagged text quoted in a tooltip or a detail, and a
// suggestion in a tooltip: a repeated paragraph is flagged whole.
const htmlMaxQuoted = 160

// htmlQuote returns s quoted as Go quotes strings (so that spaces and line
// breaks show), cut to at most limit bytes with "…" when it is longer and
// limit is not negative.
func htmlQuote(s string, limit int) string {
	if limit >= 0 && len(s) > limit {
		return strconv.Quote(htmlCut(s, limit)) + "…"
	}
	return strconv.Quote(s)
}

// htmlCut returns the longest prefix of s of at most n bytes that does not end
// inside a UTF-8 sequence.
func htmlCut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// htmlMaxTooltipExplanation bounds the part of an explanation in a tooltip; the
// panel shows it all.
const htmlMaxTooltipExplanation = 200

// htmlTooltip writes the title of a highlighted finding, escaped for an
// attribute: severity and rule, message, suggestions, and the first
// sentence of the explanation.
func htmlTooltip(w *bufio.Writer, f *checker.Finding) {
	htmlEscape(w, htmlSeverity(f.Severity)+" · "+f.Rule+"\n"+f.Message)
	if len(f.Suggestions) > 0 {
		w.WriteString("\nSuggestion: ")
		htmlSuggestions(w, f, htmlMaxQuoted)
	}
	if x := strings.Join(strings.Fields(f.Explanation), " "); x != "" {
		if i := strings.Index(x, ". "); i >= 0 {
			x = x[:i+1]
		}
		if len(x) > htmlMaxTooltipExplanation {
			x = htmlCut(x, htmlMaxTooltipExplanation) + "…"
		}
		w.WriteString("\n\n")
		htmlEscape(w, x)
	}
}

// htmlChart writes a horizontal bar chart, in SVG, of the non-zero counts by
// category (the last count is "other").
func htmlChart(w *bufio.Writer, counts []int, label string) {
	const (
		labelW, barW, rowH, pad = 96, 180, 18, 4
	)
	top, rows := 0, 0
	for _, n := range counts {
		top = max(top, n)
		if n > 0 {
			rows++
		}
	}
	if rows == 0 {
		return
	}
	height := rows*rowH + pad
	fmt.Fprintf(w, "<svg class=\"chart\" role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n<title>%s</title>\n",
		label, labelW+barW+40, height, labelW+barW+40, height, label)
	y := pad / 2
	for i, n := range counts {
		if n == 0 {
			continue
		}
		name := "other"
		if i < len(htmlCategories) {
			name = string(htmlCategories[i])
		}
		bw := max(1, n*barW/top)
		fmt.Fprintf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text><rect class=\"c-%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"2\"></rect><text class=\"n\" x=\"%d\" y=\"%d\">%d</text>\n",
			labelW-6, y+13, name, name, labelW, y+2, bw, rowH-4, labelW+bw+4, y+13, n)
		y += rowH
	}
	w.WriteString("</svg>\n")
}

// htmlCategoryIndex returns the place of c in htmlCategories, or the place of
// "other" after them.
func htmlCategoryIndex(c rules.Category) int {
	if i := slices.Index(htmlCategories[:], c); i >= 0 {
		return i
	}
	return len(htmlCategories)
}

// htmlCategoryClass returns the class-name part for c: the category's name when
// the page has a color for it, else "other".
func htmlCategoryClass(c rules.Category) string {
	if i := htmlCategoryIndex(c); i < len(htmlCategories) {
		return string(c)
	}
	return "other"
}

// htmlSeverity returns "error", "warning" or "info" (for any other value).
func htmlSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "info"
}

// htmlClassName returns s when it is a safe class-name part (lower-case letters,
// digits and hyphens), else "other".
func htmlClassName(s string) string {
	if s == "" {
		return "other"
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return "other"
		}
	}
	return s
}

// htmlEscapeBytes is escape for bytes.
func htmlEscapeBytes(w *bufio.Writer, b []byte) {
	htmlEscape(w, unsafe.String(unsafe.SliceData(b), len(b)))
}

// htmlEscape writes s so that it is text in HTML, in element content and in
// quoted attribute values alike: & < > " ' become character references, and
// so does a carriage return, which HTML parsers would otherwise turn into a
// line feed; bytes that are not valid UTF-8, NUL and the other control
// characters but tab and line feed, and the bidirectional overrides and
// isolates (which could make text read other than it is) become U+FFFD, one
// for each.
func htmlEscape(w *bufio.Writer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		size := 1
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				rep = "&amp;"
			case c == '<':
				rep = "&lt;"
			case c == '>':
				rep = "&gt;"
			case c == '"':
				rep = "&#34;"
			case c == '\'':
				rep = "&#39;"
			case c == '\r':
				// A reference: a literal one would be read as a line feed.
				rep = "&#13;"
			case c < 0x20 && c != '\t' && c != '\n' || c == 0x7F:
				rep = "\uFFFD"
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || unicode.Is(unicode.Cc, r) ||
				r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
				rep = "\uFFFD"
			}
		}
		if rep != "" {
			w.WriteString(s[last:i])
			w.WriteString(rep)
			last = i + size
		}
		i += size
	}
	w.WriteString(s[last:])
}

// flush writes what is buffered to the underlying writer.
func (h *HTML) flush() error { return h.w.Flush() }

// htmlArticle returns "article " for a finding positioned in an extracted
// article, not in the page, and "" for any other.
func htmlArticle(f *checker.Finding) string {
	if f.InArticle {
		return "article "
	}
	return ""
}
