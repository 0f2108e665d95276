package markup

import (
	"bytes"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdPlaceholder stands in the prose for an inline span that is not prose (a
// code span, an autolink): the sentence around it keeps a token where the
// span was, so "set it to `true`." does not read as "set it to ." with a
// space before the period, and "the `the` flag" is no doubled word. U+FFFC
// OBJECT REPLACEMENT CHARACTER is a symbol that no rule reads as a word or
// a mark.
const mdPlaceholder = "\uFFFC"

// mdParser is the goldmark parser for every Markdown input: CommonMark with
// the GFM tables (whose cells are prose), strikethrough and task lists
// (whose check boxes are not). Linkify is left out: a bare URL stays text,
// which the tokenizer already knows is not prose. goldmark parsers keep no
// state between calls, so one serves all goroutines.
var mdParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(
		extension.Table, extension.Strikethrough, extension.TaskList,
	)).Parser()
})

// extractMarkdown returns the prose of a Markdown document: headings,
// paragraphs, list items, table cells, block quotes, link text and image
// alt text, with every byte mapped to its offset in raw. Code blocks, code
// spans, HTML, link and image destinations, autolinks, reference
// definitions and YAML or TOML front matter are left out; HTML comments
// are read for mtlint directives.
func extractMarkdown(raw []byte) *Extracted { return markdownProse(raw, nil) }

// markdownProse is extractMarkdown, handing every run of copied prose to
// trace when it is set (by a test).
func markdownProse(raw []byte, trace *[]mdRun) (ex *Extracted) {
	base := 0
	if bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		base = 3
	}
	base = mdFrontMatterEnd(raw, base)
	b := NewBuilder(raw)
	defer func() {
		// goldmark is fuzzed upstream and here; should it still fail on
		// some input, the file is checked as plain text rather than the
		// whole run dying.
		if r := recover(); r != nil {
			b = NewBuilder(raw)
			b.Copy(base, len(raw))
			if trace != nil {
				*trace = append((*trace)[:0], mdRun{Text: 0, Raw: base, N: len(raw) - base})
			}
			ex = b.Finish()
			ex.Notes = append(ex.Notes, fmt.Sprintf("the Markdown parser failed (%v); the file was checked as plain text", r))
		}
	}()
	if why := mdTooComplex(raw[base:]); why != "" {
		// goldmark's time (and memory) grows faster than the input on
		// such structures: read the file as the plain text it mostly is
		b.Copy(base, len(raw))
		if trace != nil {
			*trace = append((*trace)[:0], mdRun{Text: 0, Raw: base, N: len(raw) - base})
		}
		ex = b.Finish()
		ex.Notes = append(ex.Notes, "the Markdown "+why+", more than any article has; the file was checked as plain text")
		return ex
	}
	w := mdWalker{b: b, raw: raw, base: base, last: base, trace: trace}
	w.block(mdParser().Parse(text.NewReader(raw[base:])))
	return b.Finish()
}

// Limits past which mdTooComplex gives up on Markdown structure. No article
// comes near them; pathological input that does makes goldmark take
// seconds to minutes (200,000 nested block quotes: 11 s; 3,000 nested list
// levels: 26 s and 970 MB; 100,000 link reference definitions: 15 s).
const (
	mdMaxQuoteDepth = 100   // '>' markers opening one line
	mdMaxIndent     = 400   // columns of white space opening a line
	mdMaxRefDefs    = 10000 // lines that look like link reference definitions
)

// mdTooComplex says what in src, if anything, is past the limits above, in
// one pass over its lines.
func mdTooComplex(src []byte) string {
	refs := 0
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		depth, col, i := 0, 0, 0
		for ; i < len(line); i++ {
			switch line[i] {
			case '>':
				depth++
			case ' ':
				col++
			case '\t':
				col += 4
			default:
				goto done
			}
		}
	done:
		switch {
		case depth > mdMaxQuoteDepth:
			return fmt.Sprintf("nests block quotes %d deep", depth)
		case col > mdMaxIndent:
			return fmt.Sprintf("indents a line %d columns (lists nested that deep)", col)
		}
		if i < len(line) && line[i] == '[' && col <= 3 && depth == 0 && bytes.Contains(line[i:], []byte("]:")) {
			if refs++; refs > mdMaxRefDefs {
				return fmt.Sprintf("holds more than %d link reference definitions", mdMaxRefDefs)
			}
		}
	}
	return ""
}

// mdFrontMatterEnd returns the offset just after the YAML (---) or TOML
// (+++) front matter that starts at offset at of raw, or at when there is
// none. Front matter opens with a line holding only the delimiter and
// closes with the next such line (or "..." for YAML); without a closing
// line there is no front matter, and a "---" is Markdown's own.
func mdFrontMatterEnd(raw []byte, at int) int {
	rest := raw[at:]
	if len(rest) < 3 || (!bytes.HasPrefix(rest, []byte("---")) && !bytes.HasPrefix(rest, []byte("+++"))) {
		return at
	}
	delim := rest[:3]
	line, next := mdLineAt(raw, at)
	if !bytes.Equal(line, delim) || next == len(raw) {
		return at
	}
	for pos := next; pos < len(raw); {
		line, next := mdLineAt(raw, pos)
		if bytes.Equal(line, delim) || (delim[0] == '-' && bytes.Equal(line, []byte("..."))) {
			return next
		}
		pos = next
	}
	return at
}

// mdLineAt returns the line of raw that starts at pos, less trailing white
// space and its line break, and the offset of the next line.
func mdLineAt(raw []byte, pos int) (line []byte, next int) {
	end := bytes.IndexByte(raw[pos:], '\n')
	if end < 0 {
		next = len(raw)
		end = len(raw)
	} else {
		end += pos
		next = end + 1
	}
	line = raw[pos:end]
	for len(line) > 0 && (line[len(line)-1] == ' ' || line[len(line)-1] == '\t' || line[len(line)-1] == '\r') {
		line = line[:len(line)-1]
	}
	return line, next
}

// mdWalker writes the prose of a goldmark AST through a Builder. goldmark
// parsed raw[base:], so its offsets are base bytes short of raw's.
type mdWalker struct {
	b    *Builder
	raw  []byte
	base int
	last int // raw offset just past the last prose written
	// trace, when set by a test, receives every run of prose that Copy
	// wrote, so that the test can check it stands in raw byte for byte.
	trace *[]mdRun
}

// mdRun is a run of prose copied from the input: Text[Text:Text+N] ==
// raw[Raw:Raw+N].
type mdRun struct{ Text, Raw, N int }

// copy writes raw[start:end] as it is.
func (w *mdWalker) copy(start, end int) {
	if end <= start {
		return
	}
	if w.trace != nil {
		*w.trace = append(*w.trace, mdRun{Text: w.b.Len(), Raw: start, N: end - start})
	}
	w.b.Copy(start, end)
	w.last = end
}

// replace writes s, which the input bytes raw[start:end] stand for. The
// first byte of s maps to start and the last to end-1, so that a finding
// on s covers the whole of raw[start:end]; no byte maps past end-1 even
// when s is longer than its source (a few entities decode so).
func (w *mdWalker) replace(s string, start, end int) {
	n, span := len(s), end-start
	switch {
	case n == 0 || span <= 0:
		return
	case n == 1 || span == 1:
		w.b.Replace(s[:1], start)
		for i := 1; i < n; i++ {
			w.b.Replace(s[i:i+1], start+min(i, span-1))
		}
	case n <= span:
		w.b.Replace(s[:n-1], start)
		w.b.Replace(s[n-1:], end-1)
	default:
		w.b.Replace(s[:span-1], start)
		for i := span - 1; i < n; i++ {
			w.b.Replace(s[i:i+1], end-1)
		}
	}
	w.last = end
}

// blockBreak ends a block of prose with a paragraph break.
func (w *mdWalker) blockBreak() {
	if w.trace != nil {
		w.clipTrace()
	}
	// the second byte of "\n\n" maps one past at: keep it inside raw
	w.b.Break(true, min(w.last, len(w.raw)-1))
}

// clipTrace drops from the trace the trailing spaces that Break trims.
func (w *mdWalker) clipTrace() {
	t := w.b.text
	n := len(t)
	for n > 0 && (t[n-1] == ' ' || t[n-1] == '\t') {
		n--
	}
	tr := *w.trace
	for len(tr) > 0 && tr[len(tr)-1].Text+tr[len(tr)-1].N > n {
		r := &tr[len(tr)-1]
		if r.Text >= n {
			tr = tr[:len(tr)-1]
			continue
		}
		r.N = n - r.Text
	}
	*w.trace = tr
}

// block writes the prose of a block node and its children.
func (w *mdWalker) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell:
		w.inlines(n)
		w.blockBreak()
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.ThematicBreak:
		// not prose
	case *ast.HTMLBlock:
		w.htmlBlock(n)
	default:
		// Document, Blockquote, List, ListItem, Table, TableHeader,
		// TableRow, and whatever an extension adds
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeInline {
				w.inline(c)
				continue
			}
			w.block(c)
		}
	}
}

// inlines writes the inline children of n.
func (w *mdWalker) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c)
	}
}

// inline writes the prose of an inline node. Emphasis, links and images
// write their text in the flow of the sentence.
func (w *mdWalker) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		start, end := n.Segment.Start+w.base, n.Segment.Stop+w.base
		w.text(start, end)
		if n.SoftLineBreak() || n.HardLineBreak() {
			w.lineBreak(end)
		}
	case *ast.String:
		// made up by an extension, with no place in the input
	case *ast.CodeSpan:
		w.codeSpan(n)
	case *ast.AutoLink:
		// <label>
		start := w.pos(n)
		end := min(start+len(n.Label(w.raw[w.base:]))+2, len(w.raw))
		w.replace(mdPlaceholder, start, end)
	case *ast.RawHTML:
		w.rawHTML(n)
	case *east.TaskCheckBox:
		// a check box is no prose
	default:
		// Emphasis, Link, Image (its alt text), Strikethrough
		w.inlines(n)
	}
}

// pos returns the raw offset where inline node n starts, or the end of the
// last prose when goldmark did not record it.
func (w *mdWalker) pos(n ast.Node) int {
	if p := n.Pos(); p >= 0 && p+w.base < len(w.raw) {
		return p + w.base
	}
	return min(w.last, max(len(w.raw)-1, 0))
}

// text writes the text raw[start:end] of a Text node, decoding backslash
// escapes and entity and numeric character references, as CommonMark
// does in text. An escaped mark is copied without its backslash, so that
// it maps to itself; a reference is replaced by what it stands for.
func (w *mdWalker) text(start, end int) {
	raw := w.raw
	run := start
	for i := start; i < end; {
		switch raw[i] {
		case '\\':
			if i+1 < end && mdEscapable(raw[i+1]) {
				w.copy(run, i)
				run = i + 1
				i += 2
				continue
			}
		case '&':
			if s, n := mdEntity(raw[i:end]); n > 0 {
				w.copy(run, i)
				w.replace(s, i, i+n)
				i += n
				run = i
				continue
			}
		}
		i++
	}
	w.copy(run, end)
}

// lineBreak writes the line break that ends a line of a paragraph whose
// text ends at end: the input's own "\n", past any trailing spaces, a
// carriage return or a hard break's backslash.
func (w *mdWalker) lineBreak(end int) {
	j := end
	for j < len(w.raw) && (w.raw[j] == ' ' || w.raw[j] == '\t' || w.raw[j] == '\r' || w.raw[j] == '\\') {
		j++
	}
	if j < len(w.raw) && w.raw[j] == '\n' {
		w.copy(j, j+1)
		return
	}
	w.b.Space(min(end, len(w.raw)-1))
}

// codeSpan writes a placeholder for a code span, mapped to the whole span
// from its opening to its closing backticks.
func (w *mdWalker) codeSpan(n *ast.CodeSpan) {
	start := w.pos(n)
	ticks := 0
	for start+ticks < len(w.raw) && w.raw[start+ticks] == '`' {
		ticks++
	}
	end := start + ticks
	if t, ok := n.LastChild().(*ast.Text); ok {
		end = max(end, t.Segment.Stop+w.base)
	}
	for end < len(w.raw) && w.raw[end] != '`' {
		end++
	}
	for k := 0; k < ticks && end < len(w.raw) && w.raw[end] == '`'; k++ {
		end++
	}
	w.replace(mdPlaceholder, start, end)
}

// rawHTML reads inline HTML: a comment for directives, <br> as a line
// break; other tags are dropped, since inline tags do not separate words.
func (w *mdWalker) rawHTML(n *ast.RawHTML) {
	segs := n.Segments
	if segs == nil || segs.Len() == 0 {
		return
	}
	start, end := segs.At(0).Start+w.base, segs.At(segs.Len()-1).Stop+w.base
	if start < 0 || end > len(w.raw) || start >= end {
		return
	}
	tag := w.raw[start:end]
	switch {
	case bytes.HasPrefix(tag, []byte("<!--")):
		w.comments(start, end)
	case len(tag) >= 4 && (tag[1] == 'b' || tag[1] == 'B') && (tag[2] == 'r' || tag[2] == 'R') &&
		(tag[3] == '>' || tag[3] == '/' || tag[3] == ' ' || tag[3] == '\t' || tag[3] == '\n' || tag[3] == '\r'):
		w.b.Break(false, start)
	}
}

// htmlBlock reads an HTML block for the comments in it; its text is not
// prose.
func (w *mdWalker) htmlBlock(n *ast.HTMLBlock) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if n.HasClosure() {
		end = max(end, n.ClosureLine.Stop)
	}
	start, end = start+w.base, min(end+w.base, len(w.raw))
	if start < end {
		w.comments(start, end)
	}
	w.blockBreak()
}

// comments hands every complete <!-- … --> in raw[start:end] to the
// Builder, which reads mtlint directives in them.
func (w *mdWalker) comments(start, end int) {
	open, closing := []byte("<!--"), []byte("-->")
	for start < end {
		i := bytes.Index(w.raw[start:end], open)
		if i < 0 {
			return
		}
		i += start
		j := bytes.Index(w.raw[i+len(open):end], closing)
		if j < 0 {
			return
		}
		j += i + len(open)
		w.b.Comment(string(w.raw[i+len(open):j]), i, j+len(closing))
		start = j + len(closing)
	}
}

// mdEscapable reports whether a backslash escapes c in CommonMark.
func mdEscapable(c byte) bool {
	return c < utf8.RuneSelf && util.IsPunct(c)
}

// mdEntity decodes the entity or numeric character reference at the
// start of b (&amp; &eacute; &#8217; &#x2019;) and returns what it stands
// for and its length in b, or 0 when b starts with none. As CommonMark
// says, a numeric reference to 0, a surrogate or past U+10FFFF is U+FFFD.
func mdEntity(b []byte) (string, int) {
	if len(b) < 3 || b[0] != '&' {
		return "", 0
	}
	if b[1] == '#' {
		i, v, digits, base := 2, 0, 0, 10
		if b[i] == 'x' || b[i] == 'X' {
			base = 16
			i++
		}
		for ; i < len(b) && digits < 8; i, digits = i+1, digits+1 {
			d := mdHexDigit(b[i])
			if d >= base {
				break
			}
			v = v*base + d
		}
		if digits == 0 || i >= len(b) || b[i] != ';' || (base == 16 && digits > 6) || (base == 10 && digits > 7) {
			return "", 0
		}
		r := rune(v)
		if v == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), i + 1
	}
	i := 1
	for i < len(b) && i <= 48 && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z' || b[i] >= '0' && b[i] <= '9') {
		i++
	}
	if i == 1 || i >= len(b) || b[i] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(util.BytesToReadOnlyString(b[1:i]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), i + 1
}

// mdHexDigit returns the value of the hexadecimal digit c, or 16 when c is
// none.
func mdHexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return int(c|0x20-'a') + 10
	}
	return 16
}
