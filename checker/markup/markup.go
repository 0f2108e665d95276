// Package markup turns marked-up input (Markdown, HTML, whole web pages) into
// the prose that rules read, with an offset map from every byte of that prose
// back to the bytes of the input, so that findings point at the exact bytes
// of the original file and no rule needs to know the format.
//
// Extractors write the prose through a Builder, which keeps the offset map
// and collects inline suppression directives (<!-- mtlint-disable … -->).
package markup

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
)

// Format is the markup of an input.
type Format int

// The formats mtlint reads.
const (
	// Plain text is checked as it is.
	Plain Format = iota
	// Markdown is read with goldmark; code, front matter and URLs are skipped.
	Markdown
	// HTML is read with golang.org/x/net/html; the body's prose is checked.
	HTML
)

var formatNames = [...]string{Plain: "text", Markdown: "markdown", HTML: "html"}

// String returns the name of the format as --input-format takes it.
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat reads a format name as a user gives it to --input-format.
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "text", "txt", "plain":
		return Plain, nil
	case "markdown", "md":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	}
	return Plain, fmt.Errorf("unknown input format %q (want text, markdown or html)", name)
}

// FormatOf returns the format that a file's extension implies: Markdown for
// .md and .markdown, HTML for .html, .htm and .xhtml, plain text otherwise.
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return Markdown
	case ".html", ".htm", ".xhtml":
		return HTML
	}
	return Plain
}

// Extracted is the prose of one marked-up input.
type Extracted struct {
	// Text is the prose, valid UTF-8, with a blank line between blocks
	// (paragraphs, headings, list items, table cells) and a line break
	// for <br>, so that the segmenter sees the input's structure.
	Text string
	// Map converts offsets of Text into offsets of the input, or of
	// Source when that is set.
	Map document.OffsetMap
	// Source, when set, is what positions refer to instead of the input:
	// article extraction sets it to the extracted article's HTML, since a
	// readability rewrite keeps no offsets into the page.
	Source []byte
	// Suppressions are the inline directives found in comments, resolved
	// to ranges of the input.
	Suppressions []Suppression
	// Notes say what the reader of a report should know about the
	// extraction (positions that refer to an extracted article, say).
	Notes []string
	// Page, when Source is set, holds the lines of Text that could be
	// traced back to the input after all: positions in them refer to the
	// input, those elsewhere to Source. Nil when no line could be.
	Page *PageTrace
}

// PageTrace says which lines of an extracted article stand in the page it
// came from, and where.
type PageTrace struct {
	// Spans are the traced lines, ranges of Extracted.Text in text order.
	Spans []document.Span
	// Map converts offsets of Extracted.Text inside Spans into offsets of
	// the input (the page).
	Map document.OffsetMap
	// Suppressions are the page's inline directives, which apply to the
	// findings in the traced lines.
	Suppressions []Suppression
}

// Covers reports whether the text range [start, end) lies within one traced
// line.
func (p *PageTrace) Covers(start, end int) bool {
	if p == nil {
		return false
	}
	i, _ := slices.BinarySearchFunc(p.Spans, start, func(s document.Span, off int) int {
		if s.End <= off {
			return -1
		}
		if s.Start > off {
			return 1
		}
		return 0
	})
	return i < len(p.Spans) && p.Spans[i].Start <= start && end <= p.Spans[i].End
}

// Suppression keeps findings of some rules out of a range of the input.
type Suppression struct {
	// Start and End delimit the input bytes [Start, End) covered.
	Start, End int
	// Rules are the rule IDs or categories suppressed; empty means all.
	Rules []string
}

// Covers reports whether the suppression keeps a finding of rule (in
// category) at input offset off out of the report.
func (s Suppression) Covers(rule, category string, off int) bool {
	if off < s.Start || off >= s.End {
		return false
	}
	if len(s.Rules) == 0 {
		return true
	}
	for _, r := range s.Rules {
		if r == rule || r == category {
			return true
		}
	}
	return false
}

// Builder accumulates the prose of an input and the map of its offsets.
// Extractors call Copy for text that stands in the input byte for byte,
// Replace for text that was transformed (an entity decoded), Break between
// blocks, and Comment for every comment, in input order.
type Builder struct {
	raw  []byte
	text []byte
	// anchors become the OffsetMap in Finish; Break pops the ones that
	// its trimming of trailing spaces leaves past the end of the text.
	anchors []document.Anchor
	delta   int  // raw offset minus text offset of the last anchor
	any     bool // an anchor has been added

	supp []Suppression
	open []openDisable
}

type openDisable struct {
	start int
	rules []string
}

// NewBuilder returns a builder for the prose of raw.
func NewBuilder(raw []byte) *Builder {
	return &Builder{raw: raw, text: make([]byte, 0, len(raw)/2+16)}
}

// Len returns the length of the prose written so far.
func (b *Builder) Len() int { return len(b.text) }

// anchor makes the next text byte stand at raw offset at.
func (b *Builder) anchor(at int) {
	if b.any && at-len(b.text) == b.delta {
		return
	}
	t := len(b.text)
	if n := len(b.anchors); n > 0 && b.anchors[n-1].Text == t {
		b.anchors[n-1].Raw = at
	} else {
		b.anchors = append(b.anchors, document.Anchor{Text: t, Raw: at})
	}
	b.delta = at - t
	b.any = true
}

// Copy appends the input bytes raw[start:end], which stand in the prose as
// they are.
func (b *Builder) Copy(start, end int) {
	if end <= start {
		return
	}
	b.anchor(start)
	b.text = append(b.text, b.raw[start:end]...)
}

// Replace appends s, the prose that the input bytes from start on stand
// for (a decoded entity, say). Offsets inside s map to start and the bytes
// after it, as far as the input allows.
func (b *Builder) Replace(s string, start int) {
	if s == "" {
		return
	}
	b.anchor(start)
	b.text = append(b.text, s...)
	b.any = false // the next Copy must anchor, even at the same delta
}

// Break ends the current block: a paragraph break ("\n\n") when para is
// set, a line break otherwise. Breaks do not pile up and none is written at
// the start of the prose. at is the input offset the break stands for.
func (b *Builder) Break(para bool, at int) {
	if len(b.text) == 0 {
		return
	}
	want := "\n"
	if para {
		want = "\n\n"
	}
	// trim trailing spaces and tabs so that a block ends at its last word
	n := len(b.text)
	for n > 0 && (b.text[n-1] == ' ' || b.text[n-1] == '\t') {
		n--
	}
	if n < len(b.text) {
		b.text = b.text[:n]
		// anchors inside the trimmed spaces (an entity decoded to a
		// space, say) would leave the map out of order
		k := len(b.anchors)
		for k > 0 && b.anchors[k-1].Text > n {
			k--
		}
		b.anchors = b.anchors[:k]
		b.any = false
	}
	have := 0
	for have < len(b.text) && have < 2 && b.text[len(b.text)-1-have] == '\n' {
		have++
	}
	if have >= len(want) {
		return
	}
	b.Replace(want[have:], min(max(at, 0), len(b.raw)))
}

// Space appends a single space standing for input offset at, unless the
// prose already ends in white space: inline elements that separate words
// (a table cell's border, say) use it.
func (b *Builder) Space(at int) {
	if n := len(b.text); n == 0 || b.text[n-1] == ' ' || b.text[n-1] == '\n' {
		return
	}
	b.Replace(" ", min(max(at, 0), len(b.raw)))
}

// Comment reads a comment's body for mtlint directives. start and end are
// the input offsets of the whole comment.
//
//	<!-- mtlint-disable [RULE-OR-CATEGORY ...] -->  until mtlint-enable or the end
//	<!-- mtlint-enable [RULE-OR-CATEGORY ...] -->   ends the matching disables
//	<!-- mtlint-disable-next-line [RULE ...] -->    the next line of the input
func (b *Builder) Comment(body string, start, end int) {
	fields := strings.Fields(body)
	if len(fields) == 0 {
		return
	}
	rules := fields[1:]
	for i, r := range rules {
		rules[i] = strings.TrimSuffix(r, ",")
	}
	switch fields[0] {
	case "mtlint-disable":
		b.open = append(b.open, openDisable{start: start, rules: rules})
	case "mtlint-enable":
		kept := b.open[:0]
		for _, o := range b.open {
			if len(rules) == 0 || sameRules(o.rules, rules) {
				b.supp = append(b.supp, Suppression{Start: o.start, End: end, Rules: o.rules})
				continue
			}
			kept = append(kept, o)
		}
		b.open = kept
	case "mtlint-disable-next-line":
		// The next line starts after the line break that follows the comment.
		from := end
		for from < len(b.raw) && b.raw[from] != '\n' {
			from++
		}
		if from < len(b.raw) {
			from++
		}
		to := from
		for to < len(b.raw) && b.raw[to] != '\n' {
			to++
		}
		b.supp = append(b.supp, Suppression{Start: start, End: to, Rules: rules})
	}
}

func sameRules(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Finish returns what was built. Disables never enabled again run to the
// end of the input.
func (b *Builder) Finish() *Extracted {
	for _, o := range b.open {
		b.supp = append(b.supp, Suppression{Start: o.start, End: len(b.raw), Rules: o.rules})
	}
	b.open = nil
	// trim the trailing breaks
	n := len(b.text)
	for n > 0 && (b.text[n-1] == '\n' || b.text[n-1] == ' ') {
		n--
	}
	var m document.OffsetMap
	for _, a := range b.anchors {
		m.Add(a.Text, a.Raw)
	}
	return &Extracted{Text: string(b.text[:n]), Map: m, Suppressions: b.supp}
}

// Options say how to extract the prose of an input.
type Options struct {
	// Article runs article extraction (readability) on HTML, so that a
	// whole web page's navigation, footers and sidebars are not checked;
	// positions then refer to the extracted text, which a Note says.
	Article bool
	// URL is the page's address, which article extraction uses to judge
	// links; it may be empty.
	URL string
}

// Extract returns the prose of raw, valid UTF-8 input in format f. Plain
// text is returned as it is, with an identity map.
func Extract(raw []byte, f Format, opt Options) (*Extracted, error) {
	switch f {
	case Markdown:
		return extractMarkdown(raw), nil
	case HTML:
		if opt.Article {
			return extractArticle(raw, opt.URL)
		}
		return extractHTML(raw), nil
	}
	return &Extracted{Text: string(raw)}, nil
}
