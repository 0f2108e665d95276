// Package document is mtlint's model of one article: the raw bytes as given,
// the text that rules read, an offset map between the two, and the
// segmentation of that text into paragraphs, lines, sentences and tokens, each
// carrying byte spans so that no rule ever searches the text again to find a
// position.
package document

import (
	"fmt"
	"unicode/utf8"
	"unsafe"
)

// Span is a half-open byte range [Start, End) of Document.Text.
type Span struct {
	Start, End int
}

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// InvalidUTF8 describes a run of bytes that were not valid UTF-8 in the input.
// Such bytes are replaced one for one in Document.Text by U+001A (SUBSTITUTE),
// so that the text keeps the input's byte offsets.
type InvalidUTF8 struct {
	Offset int // byte offset of the first invalid byte in the raw input
	Count  int // how many invalid bytes the input holds in total
}

// Substitute is the byte that stands in Document.Text for each input byte that
// is not valid UTF-8; being one byte long it keeps every offset unchanged.
const Substitute = 0x1A

// Document is one article as rules see it. Text is what rules read; Map turns
// a text offset into an offset of Raw. Paragraphs, Lines, Sentences and Tokens
// cover the current window of the text (see Windows): for any article of
// ordinary size that is the whole text.
type Document struct {
	// Raw is the input as given, before decoding or markup extraction.
	Raw []byte
	// Text is the prose that rules read, always valid UTF-8.
	Text string
	// Map converts offsets of Text into offsets of Raw.
	Map OffsetMap
	// Invalid is set when the input held bytes that were not valid UTF-8.
	Invalid *InvalidUTF8

	// Base is the offset in the whole text of Text[0]: zero, unless the
	// document is a part of a stream read window by window, whose Text
	// holds the current window and what follows it in the reader's buffer.
	Base int
	// Window is the part of Text that is segmented now.
	Window Span
	// Paragraphs, Lines, Sentences and Tokens segment Window, in text order.
	Paragraphs []Paragraph
	Lines      []Line
	Sentences  []Sentence
	Tokens     []Token
	// Prefixes holds the PrefixDigest of each token, by token index: rules
	// that look tokens up in word lists filter on it before they read or
	// hash a token's text.
	Prefixes []uint16

	// marks indexes the tokens of the window that may end a sentence or
	// follow an abbreviation: those that are neither a Word nor a Number,
	// and the initialisms (Words that the tokenizer flagged Abbrev).
	// Sentence splitting visits them instead of every token.
	marks []int32
	// memo holds what rules computed for the current window and share.
	memo map[any]any
	// scratch holds the buffers rules keep from window to window and, as
	// documents are reused, from input to input.
	scratch map[any]any
}

// Marks returns the indexes into Tokens of the current window's marks, in
// increasing order: the tokens that are neither a Word nor a Number, and the
// initialisms (Words flagged Abbrev). The tokenizer lists them as it makes
// them, about one token in eight of news text, so that what looks only at
// punctuation and its neighbours steps through them instead of every token.
// The slice is valid until the next window is segmented and must not be
// changed.
func (d *Document) Marks() []int32 { return d.marks }

// FirstWindow reports whether the current window starts the text: rules
// that look at the top of a document (a headline, breadcrumbs) look there
// only.
func (d *Document) FirstWindow() bool { return d.Base+d.Window.Start == 0 }

// LastWindow reports whether no text follows the current window.
func (d *Document) LastWindow() bool { return d.Window.End >= len(d.Text) }

// Scratch returns the buffer kept under key, calling fresh the first time.
// Unlike a Memo value, it outlives the window and, when the document is
// reused for the next input (SetPlain keeps it), that input too: a rule
// that builds a slice per window reuses the last one's memory instead of
// allocating anew. What it holds must never be read in another window: the
// checker may check the windows of one text on several documents at once,
// so a rule whose findings depend on other windows says so through
// rules.Pass (Gather and Hold).
func (d *Document) Scratch(key any, fresh func() any) any {
	if v, ok := d.scratch[key]; ok {
		return v
	}
	if d.scratch == nil {
		d.scratch = make(map[any]any)
	}
	v := fresh()
	d.scratch[key] = v
	return v
}

// Memo returns the value computed for key in the current window, calling
// compute the first time. Rules that share work — every phrase pack reads
// the matches of one pass of the phrase matcher — meet here; the memo is
// emptied when the next window is segmented.
func (d *Document) Memo(key any, compute func() any) any {
	if v, ok := d.memo[key]; ok {
		return v
	}
	if d.memo == nil {
		d.memo = make(map[any]any)
	}
	v := compute()
	d.memo[key] = v
	return v
}

// Paragraph is a block of text separated from its neighbours by a blank line
// (or, in a block of long unwrapped lines, by a line break). Its span is
// trimmed of surrounding white space.
type Paragraph struct {
	Span
	// Tokens, Sentences and Lines index Document.Tokens,
	// Document.Sentences and Document.Lines.
	Tokens, Sentences, Lines Range
}

// Line is one line of a paragraph, trimmed of surrounding white space.
type Line struct {
	Span
	Tokens Range
}

// Sentence is a run of tokens ended by sentence punctuation or by the end of
// its paragraph.
type Sentence struct {
	Span
	Tokens Range
}

// Range is a half-open range [First, Last) of indexes into one of the
// Document's slices.
type Range struct {
	First, Last int
}

// Len returns the number of elements in the range.
func (r Range) Len() int { return r.Last - r.First }

// NewPlain returns the document for plain UTF-8 text. A UTF-8 byte order mark
// is left out of Text (the offset map accounts for it). Bytes that are not
// valid UTF-8 are replaced one for one by Substitute, so offsets in Text stay
// offsets in raw, and Invalid records where the first one was. Nothing is
// segmented until Windows or Segment is called.
func NewPlain(raw []byte) *Document {
	d := &Document{}
	d.SetPlain(raw)
	return d
}

// SetPlain makes d the document for plain UTF-8 text raw, as NewPlain does,
// keeping d's segmentation buffers for reuse: a checker that checks many
// files reuses documents instead of growing new buffers for each.
func (d *Document) SetPlain(raw []byte) {
	clear(d.memo)
	*d = Document{
		memo:       d.memo,
		scratch:    d.scratch,
		Raw:        raw,
		Paragraphs: d.Paragraphs[:0],
		Lines:      d.Lines[:0],
		Sentences:  d.Sentences[:0],
		Tokens:     d.Tokens[:0],
		Prefixes:   d.Prefixes[:0],
		marks:      d.marks[:0],
	}
	body := raw
	if len(raw) >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF {
		body = raw[3:]
		d.Map.Add(0, 3)
	}
	d.setText(body)
}

// SetPart makes d the document for a part of a plain UTF-8 text read as a
// stream: raw holds the text from offset base on (base > 0: a byte order
// mark is then text like any other), and Base is set to base. Offsets of
// Text and Raw count from raw[0]; Invalid.Offset too.
func (d *Document) SetPart(raw []byte, base int) {
	if base == 0 {
		d.SetPlain(raw)
		return
	}
	d.SetPlain(nil)
	d.Raw, d.Base = raw, base
	d.setText(raw)
}

// ShareText makes d a document for the same text as src, to check other
// windows of it at the same time: Raw, Text, Map, Invalid and Base are
// shared, and d keeps its own segmentation buffers.
func (d *Document) ShareText(src *Document) {
	d.SetPlain(nil)
	d.Raw, d.Text, d.Map, d.Invalid, d.Base = src.Raw, src.Text, src.Map, src.Invalid, src.Base
}

// SetExtracted makes d the document for prose extracted from marked-up
// input raw (Markdown, HTML): text is what rules read and m maps its offsets
// into raw. Bytes of text that are not valid UTF-8 are replaced one for one
// by Substitute, as SetPlain does. Segmentation buffers are kept for reuse.
func (d *Document) SetExtracted(raw []byte, text string, m OffsetMap) {
	d.SetPlain(nil)
	d.Raw = raw
	d.Map = m
	d.setText(unsafe.Slice(unsafe.StringData(text), len(text)))
}

// setText sets Text to body, substituting invalid UTF-8, with d.Map set.
func (d *Document) setText(body []byte) {
	if utf8.Valid(body) {
		d.Text = bytesToString(body)
		return
	}
	clean := make([]byte, len(body))
	copy(clean, body)
	first, count := -1, 0
	for i := 0; i < len(clean); {
		r, size := utf8.DecodeRune(clean[i:])
		if r == utf8.RuneError && size == 1 {
			if first < 0 {
				first = i
			}
			count++
			clean[i] = Substitute
		}
		i += size
	}
	d.Text = bytesToString(clean)
	d.Invalid = &InvalidUTF8{Offset: d.Map.ToRaw(first), Count: count}
}

// Release drops d's references to its input so that a pooled document does
// not keep a large file alive; the segmentation buffers stay for reuse.
func (d *Document) Release() {
	d.SetPlain(nil)
}

// bytesToString shares b's memory as a string: documents can be hundreds of
// megabytes, and neither slice is written after this point.
func bytesToString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// TokenText returns the text of token i.
func (d *Document) TokenText(i int) string {
	t := d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// SpanText returns the text under s.
func (d *Document) SpanText(s Span) string { return d.Text[s.Start:s.End] }

// String describes the document briefly, for debugging.
func (d *Document) String() string {
	return fmt.Sprintf("document(%d bytes, window %d-%d, %d paragraphs, %d sentences, %d tokens)",
		len(d.Text), d.Window.Start, d.Window.End, len(d.Paragraphs), len(d.Sentences), len(d.Tokens))
}
