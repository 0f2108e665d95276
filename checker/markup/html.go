package markup

import (
	"bytes"
	"strconv"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mtlint/mtlint/checker/document"
)

// HTML extraction
//
// extractHTML reads the input once with golang.org/x/net/html's Tokenizer,
// not its tree builder, so that every token's raw bytes are known: the
// offset of a token is the sum of the lengths of the tokens before it. Text
// that stands in the input as it is goes to the Builder with Copy, so that
// it maps back byte for byte; decoded entities go with Replace.
//
// What is read, and what is not:
//
//   - The text of the body, and of fragments without <html> or <body>.
//     <head> (its <title> included) is skipped; like a browser, the head
//     also ends at <body>, at any element that cannot be in a head, and at
//     text that is not white space.
//   - Elements whose content is not prose are skipped with all they hold:
//     script, style, template, noscript, noembed, noframes, iframe, object,
//     svg, math, canvas, audio, video, textarea, select, title (raw text or
//     fallback content, never what a reader reads as the article); pre,
//     listing, xmp and plaintext (preformatted, usually code); code, kbd,
//     samp (code and its I/O); button, option, optgroup, datalist (form
//     controls: "Share", "Subscribe"); rt and rp (ruby annotations); del
//     (text an editor deleted).
//   - Block elements (p, div, headings, list items, table cells, blockquote,
//     section, figure, figcaption, …) end a paragraph at their start and end
//     tags, so that no sentence runs from one block into the next. Inline
//     elements (a, em, strong, span, b, i, q, sub, sup, time, …) and
//     elements mtlint does not know (custom elements) split nothing.
//   - <br> is a line break; two of them in a row are a paragraph break, as
//     pages without <p> tags use them.
//   - The alt text of an image that starts a block is checked as a
//     paragraph of its own: it is prose an editor wrote. Images inside a
//     sentence are left alone (their alt text would split it), and so are
//     images inside <figure>, whose <figcaption> is what readers see and
//     often repeats the alt text word for word (it would read as a
//     repeated paragraph).
//   - Comments are skipped and handed to Builder.Comment, so that
//     <!-- mtlint-disable … --> directives work.
//
// White space. Spaces and tabs inside a block are copied as they are, so
// that a doubled space in the input is a doubled space in the prose. A run
// of white space that holds a line break is written as one space: HTML
// source lines are not lines of the text, and the segmenter takes the lines
// of a block with a long line for paragraphs of their own, which would cut a
// sentence at a source line break. White space at the start and end of a
// block is dropped.
//
// Entities are decoded one by one: &amp; &eacute; &#8217; &#x2019; and the
// legacy ones without a semicolon (&amp &copy) that name a whole entity.
// &nbsp; becomes U+00A0, as it is in plain text: the typography rules read
// no-break spaces (French spacing before ; : ! ?, thousands groups), and the
// segmenter takes it for white space. Numeric references follow HTML:
// &#146; is windows-1252's ’, &#0; and out-of-range numbers are U+FFFD.
// Anything else with an ampersand stays as it is.
//
// Malformed HTML is read as a browser would, as far as a tokenizer can:
// unclosed elements end with the element that holds them, an end tag with
// no open element is a block boundary if it names a block and nothing
// otherwise, and a skipped inline element (code, button, …) left open ends
// with its block. A tag cut off by the end of the input is dropped.
//
// A leading UTF-8 byte order mark is skipped; offsets stay those of the
// input. Invalid UTF-8 is copied as it is (the document substitutes it).

// elemKind is what an element does to the prose.
type elemKind uint8

const (
	kInline     elemKind = iota // splits nothing (also unknown elements)
	kBlock                      // ends a paragraph at its start and end tags
	kVoid                       // has no content and no end tag
	kHR                         // a void block: a paragraph break
	kBR                         // a line break
	kImg                        // an image: its alt text
	kSkip                       // content skipped, ended by its end tag or its parent's
	kSkipBlock                  // content skipped, a block: pre, xmp, listing, plaintext
	kSkipInline                 // content skipped, also ended by the end of its block
	kHead                       // the document head, skipped
)

// skips reports whether the content of an element of kind k is skipped.
func (k elemKind) skips() bool { return k >= kSkip }

// kindOf returns what element a does to the prose.
func kindOf(a atom.Atom) elemKind {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption,
		atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.Frameset,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup,
		atom.Html, atom.Legend, atom.Li, atom.Main, atom.Marquee, atom.Menu, atom.Nav, atom.Ol,
		atom.P, atom.Search, atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td,
		atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul:
		return kBlock
	case atom.Area, atom.Base, atom.Basefont, atom.Bgsound, atom.Col, atom.Embed, atom.Frame,
		atom.Input, atom.Keygen, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track,
		atom.Wbr:
		return kVoid
	case atom.Hr:
		return kHR
	case atom.Br:
		return kBR
	case atom.Img, atom.Image:
		return kImg
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Noembed, atom.Noframes,
		atom.Iframe, atom.Object, atom.Applet, atom.Svg, atom.Math, atom.Canvas, atom.Audio,
		atom.Video, atom.Textarea, atom.Select, atom.Title:
		return kSkip
	case atom.Pre, atom.Listing, atom.Xmp, atom.Plaintext:
		return kSkipBlock
	case atom.Code, atom.Kbd, atom.Samp, atom.Button, atom.Option, atom.Optgroup,
		atom.Datalist, atom.Rt, atom.Rp, atom.Del:
		return kSkipInline
	case atom.Head:
		return kHead
	}
	return kInline
}

// rawText reports whether the tokenizer reads the content of a as raw text
// (up to its end tag, tags and all), which it does even for <script/>.
func rawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Iframe, atom.Noembed,
		atom.Noframes, atom.Noscript, atom.Xmp, atom.Plaintext:
		return true
	}
	return false
}

// inHead reports whether a may stand inside the document head; any other
// start tag ends it.
func inHead(a atom.Atom) bool {
	switch a {
	case atom.Title, atom.Meta, atom.Link, atom.Base, atom.Basefont, atom.Bgsound,
		atom.Style, atom.Script, atom.Noscript, atom.Template, atom.Head, atom.Html:
		return true
	}
	return false
}

// openElem is an element on the stack of open elements.
type openElem struct {
	a atom.Atom
	k elemKind
}

// wsSeg is white space waiting for the next word: bytes to copy, or a
// replacement (a space for a line break, a decoded &nbsp;).
type wsSeg struct {
	start, end int
	rep        string
}

// Limits that keep pathological input linear.
const (
	// maxScan is how deep below the top of the stack an end tag looks for
	// its element; deeper ones are left open.
	maxScan = 256
	// maxEntityName is the longest entity name HTML has
	// (CounterClockwiseContourIntegral) and then some.
	maxEntityName = 40
	// maxEntityCache bounds the decoded entities kept per document.
	maxEntityCache = 512
)

var utf8BOM = []byte("\xEF\xBB\xBF")

// htmlExtractor is the state of one extraction; extractors are pooled so
// that their buffers are reused.
type htmlExtractor struct {
	raw     []byte
	b       *Builder
	stack   []openElem
	skip    int  // skipping elements on the stack
	figures int  // <figure> elements on the stack
	head    int  // index of the open <head> on the stack, or -1
	fresh   bool // nothing written since the last block boundary
	brk     int  // the last thing written: 0 prose, 1 a line break, 2 a paragraph break
	pend    []wsSeg
	ents    map[string]string // decoded entities; "" for a name that is none
	name    [16]byte          // lower-cased tag name
	copied  func(text, start, end int)
}

var extractorPool = sync.Pool{New: func() any {
	return &htmlExtractor{ents: make(map[string]string)}
}}

// extractHTML returns the prose of an HTML document or fragment (see the
// comment at the top of this file for what is read).
func extractHTML(raw []byte) *Extracted { return extractHTMLTrace(raw, nil) }

// extractHTMLTrace is extractHTML calling copied, when it is not nil, for
// every run of input bytes [start, end) copied to text offset text: tests
// check that those bytes map back byte for byte.
func extractHTMLTrace(raw []byte, copied func(text, start, end int)) *Extracted {
	x := extractorPool.Get().(*htmlExtractor)
	defer func() {
		x.raw, x.b, x.copied = nil, nil, nil
		x.stack, x.pend = x.stack[:0], x.pend[:0]
		if cap(x.stack) > 1<<12 || cap(x.pend) > 1<<12 {
			x.stack, x.pend = nil, nil // a pathological page's buffers
		}
		if len(x.ents) > maxEntityCache/4 {
			x.ents = make(map[string]string)
		}
		extractorPool.Put(x)
	}()
	x.raw, x.b, x.copied = raw, NewBuilder(raw), copied
	x.b.text = make([]byte, 0, len(raw))
	x.b.anchors = make([]document.Anchor, 0, len(raw)/32)
	x.skip, x.figures, x.head, x.fresh, x.brk = 0, 0, -1, true, 2

	off := 0
	if bytes.HasPrefix(raw, utf8BOM) {
		off = len(utf8BOM)
	}
	z := html.NewTokenizer(bytes.NewReader(raw[off:]))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Raw()
		start, end := off, off+len(tok)
		if end > len(raw) { // cannot happen: tokens partition the input
			break
		}
		off = end
		switch tt {
		case html.TextToken:
			x.text(start, end)
		case html.StartTagToken, html.SelfClosingTagToken:
			x.startTag(tok, start, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			x.endTag(tok, start)
		case html.CommentToken:
			if bytes.HasPrefix(tok, []byte("<!--")) && bytes.Contains(tok, []byte("mtlint-")) {
				x.b.Comment(string(z.Text()), start, end)
			}
		}
	}
	return x.b.Finish()
}

// tagAtom returns the atom of the tag whose raw bytes are tok ("<p …>" or
// "</p>"), or 0 for an element HTML does not define.
func (x *htmlExtractor) tagAtom(tok []byte) atom.Atom {
	i := 1
	if len(tok) > 1 && tok[1] == '/' {
		i = 2
	}
	n := 0
	for ; i < len(tok); i++ {
		c := tok[i]
		if c == '/' || c == '>' || isHTMLSpace(c) {
			break
		}
		if n == len(x.name) {
			return 0
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		x.name[n] = c
		n++
	}
	return atom.Lookup(x.name[:n])
}

// startTag handles a start tag whose raw bytes tok begin at input offset
// start.
func (x *htmlExtractor) startTag(tok []byte, start int, selfClosing bool) {
	a := x.tagAtom(tok)
	k := kindOf(a)
	switch {
	case a == atom.Head:
		// A second <head>, or one after the body began, is ignored.
		if x.head >= 0 || x.b.Len() > 0 {
			return
		}
	case x.head >= 0 && !inHead(a):
		x.popTo(x.head)
	}
	switch k {
	case kBlock, kSkipBlock, kHR:
		x.closeInlineSkips()
		if x.skip == 0 {
			x.breakAt(true, start)
		}
		if n := len(x.stack); k == kBlock && n > 0 && x.stack[n-1].a == atom.P {
			x.popTo(n - 1) // a block start tag closes an open <p>
		}
	case kBR:
		if x.skip == 0 {
			x.breakAt(x.brk == 1, start)
		}
	case kImg:
		if x.skip == 0 && x.fresh && x.figures == 0 {
			x.alt(tok, start)
		}
	}
	switch {
	case a == 0, k == kVoid, k == kHR, k == kBR, k == kImg:
		return
	case selfClosing && !rawText(a):
		// <span/>, <svg …/>: an empty element, as XHTML writes it.
		return
	}
	if k == kHead {
		x.head = len(x.stack)
	}
	x.stack = append(x.stack, openElem{a: a, k: k})
	if k.skips() {
		x.skip++
	}
	if a == atom.Figure {
		x.figures++
	}
}

// endTag handles an end tag whose raw bytes tok begin at input offset
// start.
func (x *htmlExtractor) endTag(tok []byte, start int) {
	a := x.tagAtom(tok)
	if a == 0 {
		return
	}
	k := kindOf(a)
	switch k {
	case kBR: // </br> is read as <br>, as browsers do
		if x.skip == 0 {
			x.breakAt(x.brk == 1, start)
		}
		return
	case kBlock, kSkipBlock:
		x.closeInlineSkips()
	}
	for i, n := len(x.stack)-1, 0; i >= 0 && n < maxScan; i, n = i-1, n+1 {
		if x.stack[i].a == a {
			x.popTo(i)
			break
		}
	}
	if (k == kBlock || k == kSkipBlock) && x.skip == 0 {
		x.breakAt(true, start)
	}
}

// popTo closes the elements from the stack's index i up.
func (x *htmlExtractor) popTo(i int) {
	for j := len(x.stack) - 1; j >= i; j-- {
		if x.stack[j].k.skips() {
			x.skip--
		}
		if x.stack[j].a == atom.Figure {
			x.figures--
		}
	}
	x.stack = x.stack[:i]
	if x.head >= i {
		x.head = -1
	}
}

// closeInlineSkips closes the skipped inline elements (code, button, …)
// that the block being ended or started left open, with the inline
// elements inside them.
func (x *htmlExtractor) closeInlineSkips() {
	cut := -1
	for i, n := len(x.stack)-1, 0; i >= 0 && n < maxScan; i, n = i-1, n+1 {
		k := x.stack[i].k
		if k == kSkipInline {
			cut = i
		} else if k != kInline {
			break
		}
	}
	if cut >= 0 {
		x.popTo(cut)
	}
}

// breakAt ends the current line (para false) or paragraph at input offset
// at; white space waiting for a word is dropped.
func (x *htmlExtractor) breakAt(para bool, at int) {
	x.pend = x.pend[:0]
	x.b.Break(para, at)
	x.fresh = true
	if para {
		x.brk = 2
	} else if x.brk == 0 {
		x.brk = 1
	}
}

// text handles a text token at input offsets [start, end).
func (x *htmlExtractor) text(start, end int) {
	if x.skip > 0 {
		// Text that is not white space ends the head, as in a browser.
		if x.head < 0 || x.head != len(x.stack)-1 || !hasNonSpace(x.raw[start:end]) {
			return
		}
		x.popTo(x.head)
	}
	x.prose(start, end, false)
}

// prose writes the input bytes [start, end) of a text token or of an
// attribute value (attr set), decoding entities and holding back white
// space until a word follows it. Words and the spaces between them on one
// source line are copied in one piece.
func (x *htmlExtractor) prose(start, end int, attr bool) {
	raw := x.raw[:end]
	for i := start; i < end; {
		c := raw[i]
		if isHTMLSpace(c) {
			j := i + 1
			for j < end && isHTMLSpace(raw[j]) {
				j++
			}
			x.space(i, j)
			i = j
			continue
		}
		j := i
		if c == '&' {
			if n, s := x.entity(raw[i:], attr); n > 0 {
				x.decoded(s, i, n)
				i += n
				continue
			}
			j++ // an ampersand that starts no reference is text
		}
		// Text up to the next ampersand or line break; white space at
		// its end is left to the next round.
		last := j
		for ; j < end; j++ {
			k := byteClass[raw[j]]
			if k == classStop {
				break
			}
			if k == classText {
				last = j + 1
			}
		}
		x.flush()
		x.copy(i, max(last, i+1))
		i = max(last, i+1)
	}
}

// space holds back the white space at input offsets [start, end): a run
// with a line break stands for one space, other runs for themselves. A run
// that follows another with only tags or skipped content between them is
// dropped, as a browser collapses them: "used <code>x</code> and" reads
// "used and", with one space.
func (x *htmlExtractor) space(start, end int) {
	if n := len(x.pend); n > 0 && x.pend[n-1].start < x.pend[n-1].end {
		return
	}
	if bytes.IndexByte(x.raw[start:end], '\n') >= 0 || bytes.IndexByte(x.raw[start:end], '\r') >= 0 {
		x.pend = append(x.pend, wsSeg{start: start, end: end, rep: " "})
		return
	}
	x.pend = append(x.pend, wsSeg{start: start, end: end})
}

// decoded writes s, the decoding of the n-byte entity at input offset at;
// an entity that decodes to white space (&nbsp;) is held back like white
// space.
func (x *htmlExtractor) decoded(s string, at, n int) {
	if isAllSpace(s) {
		x.pend = append(x.pend, wsSeg{start: at, end: at, rep: s})
		return
	}
	x.flush()
	if len(s) <= n {
		x.b.Replace(s, at)
		return
	}
	// Two entities (&nGt; and &nLt;) decode to more bytes than they take;
	// their runes are placed so that the map stays inside the entity and
	// does not go backwards.
	for o, r := range s {
		w := utf8.RuneLen(r)
		if w < 0 {
			w = len(s) - o
		}
		x.b.Replace(s[o:o+w], max(at, min(at+o, at+n-(len(s)-o))))
	}
}

// flush writes the white space held back, unless the block has no prose
// yet, and marks the block as having some.
func (x *htmlExtractor) flush() {
	if !x.fresh {
		for _, w := range x.pend {
			if w.rep != "" {
				x.b.Replace(w.rep, w.start)
			} else {
				x.copy(w.start, w.end)
			}
		}
	}
	x.pend = x.pend[:0]
	x.fresh = false
	x.brk = 0
}

// copy writes the input bytes [start, end) as they are.
func (x *htmlExtractor) copy(start, end int) {
	if x.copied != nil {
		x.copied(x.b.Len(), start, end)
	}
	x.b.Copy(start, end)
}

// alt writes the alt text of the image tag tok at input offset start as a
// paragraph of its own.
func (x *htmlExtractor) alt(tok []byte, start int) {
	vs, ve, ok := attrValue(tok, "alt")
	if !ok || !hasNonSpace(tok[vs:ve]) {
		return
	}
	x.prose(start+vs, start+ve, true)
	// The break stands for the tag's '>', so that the map does not run
	// past the text that follows.
	x.breakAt(true, start+len(tok)-1)
}

// attrValue returns the offsets in the start tag tok of the value of its
// first attribute called name (lower case), read as the tokenizer reads
// attributes.
func attrValue(tok []byte, name string) (vs, ve int, ok bool) {
	i := 1
	for i < len(tok) && tok[i] != '/' && tok[i] != '>' && !isHTMLSpace(tok[i]) {
		i++
	}
	for i < len(tok) {
		c := tok[i]
		if c == '>' {
			break
		}
		if c == '/' || isHTMLSpace(c) {
			i++
			continue
		}
		ks := i
		i++ // a leading '=' belongs to the name
		for i < len(tok) && tok[i] != '=' && tok[i] != '/' && tok[i] != '>' && !isHTMLSpace(tok[i]) {
			i++
		}
		ke := i
		for i < len(tok) && isHTMLSpace(tok[i]) {
			i++
		}
		vs, ve = i, i
		if i < len(tok) && tok[i] == '=' {
			i++
			for i < len(tok) && isHTMLSpace(tok[i]) {
				i++
			}
			switch {
			case i < len(tok) && (tok[i] == '"' || tok[i] == '\''):
				q := tok[i]
				i++
				vs = i
				for i < len(tok) && tok[i] != q {
					i++
				}
				ve = i
				if i < len(tok) {
					i++
				}
			default:
				vs = i
				for i < len(tok) && tok[i] != '>' && !isHTMLSpace(tok[i]) {
					i++
				}
				ve = i
			}
		}
		if asciiEqualFold(tok[ks:ke], name) {
			return vs, ve, true
		}
	}
	return 0, 0, false
}

// entity returns the length of the character reference at the start of b
// and its decoding, or 0 when b does not start with one. In an attribute
// value (attr), a legacy reference without a semicolon followed by '=' is
// not one, as HTML says.
func (x *htmlExtractor) entity(b []byte, attr bool) (int, string) {
	if len(b) < 2 {
		return 0, ""
	}
	n := 0
	if b[1] == '#' {
		i := 2
		hex := i < len(b) && b[i]|0x20 == 'x'
		if hex {
			i++
		}
		ds := i
		for i < len(b) && (isDigit(b[i]) || hex && isHexLetter(b[i])) {
			i++
		}
		if i == ds {
			return 0, ""
		}
		if i < len(b) && b[i] == ';' {
			i++
		}
		n = i
	} else {
		i := 1
		for i < len(b) && i <= maxEntityName && isAlnum(b[i]) {
			i++
		}
		if i == 1 || i > maxEntityName {
			return 0, ""
		}
		switch {
		case i < len(b) && b[i] == ';':
			i++
		case attr && i < len(b) && b[i] == '=':
			return 0, ""
		}
		n = i
	}
	ref := b[:n]
	if len(ref) > maxEntityName+4 { // a long run of digits: not cached
		s := decodeRef(string(ref))
		return n, s
	}
	s, ok := x.ents[string(ref)]
	if !ok {
		s = decodeRef(string(ref))
		if len(x.ents) < maxEntityCache {
			x.ents[string(ref)] = s
		}
	}
	if s == "" {
		return 0, ""
	}
	return n, s
}

// decodeRef returns the decoding of a character reference ("&amp;",
// "&#8217;", "&copy"), or "" when it is none.
func decodeRef(ref string) string {
	if ref[1] == '#' {
		digits, base := ref[2:], 10
		if digits != "" && digits[0]|0x20 == 'x' {
			digits, base = digits[1:], 16
		}
		if digits != "" && digits[len(digits)-1] == ';' {
			digits = digits[:len(digits)-1]
		}
		r := 0
		for i := 0; i < len(digits); i++ {
			d := digits[i]
			if d <= '9' {
				d -= '0'
			} else {
				d = (d | 0x20) - 'a' + 10
			}
			r = r*base + int(d)
			if r > utf8.MaxRune {
				r = utf8.MaxRune + 1 // saturate
			}
		}
		switch {
		case 0x80 <= r && r <= 0x9F:
			// windows-1252, as HTML reads these references
			return html.UnescapeString("&#" + strconv.Itoa(r) + ";")
		case r == 0 || r > utf8.MaxRune || 0xD800 <= r && r <= 0xDFFF:
			return "\uFFFD"
		}
		return string(rune(r))
	}
	s := html.UnescapeString(ref)
	if s == ref {
		return ""
	}
	// UnescapeString also decodes a legacy entity that is only a prefix of
	// the name ("&notit;" as "¬it;"); such a reference is left as it is. The
	// undecoded rest of the name ends the result: a letter or digit, then
	// the semicolon if there was one. No entity decodes to that, bar fj.
	n := len(s)
	if ref[len(ref)-1] == ';' {
		if n < 2 || s[n-1] != ';' {
			return s
		}
		n--
	}
	if isAlnum(s[n-1]) {
		return ""
	}
	return s
}

// Classes of bytes in running text.
const (
	classText  = iota // part of a word
	classSpace        // a space, tab or form feed: copied along
	classStop         // an ampersand or line break: ends a copied piece
)

// byteClass is the class of every byte value.
var byteClass = [256]uint8{' ': classSpace, '\t': classSpace, '\f': classSpace, '&': classStop, '\n': classStop, '\r': classStop}

// isHTMLSpace reports whether c is white space in HTML.
func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

// hasNonSpace reports whether b holds something other than HTML white
// space.
func hasNonSpace(b []byte) bool {
	for _, c := range b {
		if !isHTMLSpace(c) {
			return true
		}
	}
	return false
}

// isAllSpace reports whether s, a decoded entity, is all white space.
func isAllSpace(s string) bool {
	for _, r := range s {
		if !document.IsSpace(r) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isHexLetter(c byte) bool { c |= 0x20; return 'a' <= c && c <= 'f' }
func isAlnum(c byte) bool {
	return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// asciiEqualFold reports whether b equals the lower-case ASCII name,
// ignoring case.
func asciiEqualFold(b []byte, name string) bool {
	if len(b) != len(name) {
		return false
	}
	for i := range b {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}
