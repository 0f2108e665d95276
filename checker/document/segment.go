package document

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultWindow is the size in bytes of the windows a document is segmented
// in. An article fits in one; a huge file is checked window by window so that
// memory stays bounded by the file plus a fixed overhead, and so that the
// tokens of a window stay in the processor's cache while every rule reads
// them (64 KB windows check 1 MB about 10% faster than 1 MB windows).
const DefaultWindow = 64 << 10

// unwrappedLine is the line length above which a block of lines is taken to
// be unwrapped text, one paragraph a line, rather than hard-wrapped prose.
const unwrappedLine = 120

// Windows segments the text window by window, each at most max bytes (0 means
// DefaultWindow) and ending at a paragraph boundary, and yields the index of
// each window after filling Paragraphs, Lines, Sentences and Tokens for it.
// Buffers are reused from one window to the next, so the segmentation of a
// window is valid only until the next one is yielded. A paragraph longer than
// max is cut at a line break or a space near the limit.
func (d *Document) Windows(max int) iter.Seq[int] {
	return func(yield func(int) bool) {
		pos := 0
		for n := 0; ; n++ {
			d.SegmentWindow(pos, WindowEnd(d.Text, pos, max))
			if !yield(n) || d.Window.End >= len(d.Text) || d.Window.End <= pos {
				return
			}
			pos = d.Window.End
		}
	}
}

// Segment segments the whole text as one window, however large. It suits
// tests and short texts; the checker uses Windows.
func (d *Document) Segment() {
	d.SegmentWindow(0, WindowEnd(d.Text, 0, len(d.Text)+1))
}

// windowSlack is how far past its nominal end a window may run to finish the
// paragraph it is in; a block longer than that is cut.
const windowSlack = 64 << 10

// Lookahead is how many bytes past a window's nominal end (from + max)
// WindowEnd may read to find where the window ends: a reader of a stream
// that holds that much beyond the nominal end, or the stream's end, cuts
// windows exactly where Windows cuts the whole text.
const Lookahead = windowSlack + runawaySlack + utf8.UTFMax

// WindowEnd returns the end of the window of text that starts at from, as
// Windows cuts it: the first paragraph boundary after from+max (max 0 means
// DefaultWindow), or a line break or space near from+max+windowSlack in a
// block that runs on. It reads lines only, not tokens, so that a checker can
// cut a text into windows ahead of checking them, on several cores.
func WindowEnd(text string, from, max int) int {
	if max <= 0 {
		max = DefaultWindow
	}
	limit := from + max
	if limit > len(text) || limit < from {
		limit = len(text)
	}
	cut := limit + windowSlack
	if cut > len(text) || cut < limit {
		cut = len(text)
	}
	open := false // a block of lines is open
	pos := from
	for pos < len(text) {
		lineEnd, next := lineBounds(text, pos, cut)
		s, e := trimSpace(text, pos, lineEnd)
		open = s != e
		pos = next
		if pos >= limit && (!open || pos >= cut) {
			break
		}
	}
	return pos
}

// SegmentWindow fills Paragraphs, Lines, Sentences and Tokens for the window
// [from, end) of the text, which WindowEnd gave (or the whole text), and
// sets Window to it.
func (d *Document) SegmentWindow(from, end int) {
	clear(d.memo)
	d.Paragraphs = d.Paragraphs[:0]
	d.Lines = d.Lines[:0]
	d.Sentences = d.Sentences[:0]
	d.Tokens = d.Tokens[:0]
	d.Prefixes = d.Prefixes[:0]
	d.marks = d.marks[:0]
	// Size the buffers for the window at once: growing them by appending
	// costs more than the tokenizer itself. News text has a token every
	// five or six bytes.
	if n := (end - from) / 5; cap(d.Tokens) < n {
		d.Tokens = make([]Token, 0, n)
		d.Prefixes = make([]uint16, 0, n)
	}
	// Lines are read in text[:end]: a line that WindowEnd cut runs to end.
	text := d.Text[:end]
	blockStart := -1 // index into d.Lines of the first line of the open block
	pos := from
	for pos < end {
		lineEnd, next := lineBounds(text, pos, end)
		if s, e := trimSpace(text, pos, lineEnd); s == e {
			if blockStart >= 0 {
				d.closeBlock(blockStart)
				blockStart = -1
			}
		} else {
			if blockStart < 0 {
				blockStart = len(d.Lines)
			}
			d.Lines = append(d.Lines, Line{Span: Span{s, e}})
		}
		pos = next
	}
	if blockStart >= 0 {
		d.closeBlock(blockStart)
	}
	d.Window = Span{from, end}
}

// lineBounds returns the end of the line starting at pos (before its line
// break: "\n", "\r\n" or a lone "\r") and the start of the next line. A
// runaway line that reaches cut is cut at the next space, or a little later
// at a rune boundary, so that no line outgrows a window.
func lineBounds(text string, pos, cut int) (end, next int) {
	end, next = len(text), len(text)
	if n := strings.IndexByte(text[pos:], '\n'); n >= 0 {
		end, next = pos+n, pos+n+1
	}
	if r := strings.IndexByte(text[pos:end], '\r'); r >= 0 {
		i := pos + r
		if i+1 == end && next > end {
			end = i // CRLF
		} else {
			end, next = i, i+1 // a lone CR
		}
	}
	if from := max(cut, pos+1); end > from {
		if sp := strings.IndexByte(text[from:end], ' '); sp >= 0 && sp < runawaySlack {
			return from + sp, from + sp + 1
		}
		if i := from + runawaySlack; end > i {
			for !utf8.RuneStart(text[i]) {
				i++
			}
			return i, i
		}
	}
	return end, next
}

// runawaySlack is how far past its cut a line without spaces may run.
const runawaySlack = 4096

// trimSpace returns the span of text[s:e] without leading and trailing white
// space.
func trimSpace(text string, s, e int) (int, int) {
	for s < e {
		r, size := runeAt(text, s)
		if !IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// closeBlock turns the lines from d.Lines[first:] into paragraphs: one
// paragraph for hard-wrapped prose, one a line when any line is long or when
// the lines read as paragraphs of their own (see lineParagraphs).
func (d *Document) closeBlock(first int) {
	unwrapped := false
	for _, l := range d.Lines[first:] {
		if l.Len() > unwrappedLine {
			unwrapped = true
			break
		}
	}
	if unwrapped || d.lineParagraphs(d.Lines[first:]) {
		for i := first; i < len(d.Lines); i++ {
			d.addParagraph(i, i+1)
		}
		return
	}
	d.addParagraph(first, len(d.Lines))
}

// Short lines are read as paragraphs of their own, as scrapers write plain
// text with one paragraph a line and no blank line between, when:
//   - no line starts with a lower-case letter (hard-wrapped prose goes on
//     in lower case from line to line);
//   - after the leading lines without a final mark (a breadcrumb, a
//     headline, a byline), at least two lines, and at least a third of
//     them, end a sentence (the others: captions, results, page furniture);
//   - those lines are prose-long, minParagraphLine bytes on average (verse,
//     whose lines may also start with capitals and end with a period, has
//     shorter lines).
const minParagraphLine = 60

// lineParagraphs reports whether the lines of a block of short lines are
// paragraphs of their own.
func (d *Document) lineParagraphs(lines []Line) bool {
	if len(lines) < 3 {
		return false
	}
	ends, endBytes, body := 0, 0, 0
	for _, l := range lines {
		r, _ := runeAt(d.Text, l.Start)
		if unicode.IsLower(r) {
			return false
		}
		if endsSentence(d.Text[l.Start:l.End]) {
			ends++
			endBytes += l.Len()
		}
		if ends > 0 {
			body++ // the lines from the first that ends a sentence on
		}
	}
	return ends >= 2 && 3*ends >= body && endBytes >= minParagraphLine*ends
}

// endsSentence reports whether a line ends with a period, a question or
// exclamation mark or an ellipsis, before any closing quotes and brackets.
func endsSentence(line string) bool {
	for line != "" {
		r, size := utf8.DecodeLastRuneInString(line)
		switch r {
		case '"', '\'', '”', '’', ')', ']', '»':
			line = line[:len(line)-size]
			continue
		case '.', '!', '?', '…':
			return true
		}
		return false
	}
	return false
}

// addParagraph tokenizes lines [first, last) as one paragraph and splits it
// into sentences.
func (d *Document) addParagraph(first, last int) {
	p := Paragraph{
		Span:   Span{d.Lines[first].Start, d.Lines[last-1].End},
		Lines:  Range{first, last},
		Tokens: Range{First: len(d.Tokens)},
	}
	marks := len(d.marks)
	for i := first; i < last; i++ {
		l := &d.Lines[i]
		l.Tokens.First = len(d.Tokens)
		from := len(d.Tokens)
		d.Tokens = tokenizeLine(d.Text, l.Start, l.End, d.Tokens, &d.marks)
		d.Prefixes = appendPrefixes(d.Prefixes, d.Text, d.Tokens[from:])
		l.Tokens.Last = len(d.Tokens)
		if i > first && l.Tokens.Len() > 0 {
			d.Tokens[l.Tokens.First].Flags |= LineBefore
		}
	}
	p.Tokens.Last = len(d.Tokens)
	if p.Tokens.Len() > 0 {
		// the first token of a paragraph has nothing before it
		d.Tokens[p.Tokens.First].Flags &^= SpaceBefore | LineBefore
	}
	d.markAbbreviations(p.Tokens, d.marks[marks:])
	p.Sentences.First = len(d.Sentences)
	d.splitSentences(p.Tokens, d.marks[marks:])
	p.Sentences.Last = len(d.Sentences)
	d.Paragraphs = append(d.Paragraphs, p)
}

// markAbbreviations sets Abbrev and AbbrevDot where a period directly follows
// a known abbreviation or an initial, in the paragraph's tokens r, whose
// marks (d.marks) are marks.
func (d *Document) markAbbreviations(r Range, marks []int32) {
	toks := d.Tokens
	for _, m := range marks {
		i := int(m)
		if i <= r.First {
			continue
		}
		t := &toks[i]
		if t.Kind != Punct || t.End-t.Start != 1 || d.Text[t.Start] != '.' || t.Has(SpaceBefore) {
			continue
		}
		w := &toks[i-1]
		if w.Kind != Word || w.Has(Abbrev) {
			continue
		}
		if Abbreviation(d.Text[w.Start:w.End]) != NotAbbrev {
			w.Flags |= Abbrev
			t.Flags |= AbbrevDot
		}
	}
}

// IsTerminal reports whether token i ends a sentence by its own text: a
// period that is not an abbreviation's, "!", "?" or an ellipsis.
func (d *Document) IsTerminal(i int) bool {
	t := d.Tokens[i]
	switch t.Kind {
	case Ellipsis:
		return true
	case Punct:
		if t.End-t.Start != 1 {
			return false
		}
		switch d.Text[t.Start] {
		case '.':
			return !t.Has(AbbrevDot)
		case '!', '?':
			return true
		}
	}
	return false
}

// isCloser reports whether token i closes a quotation or bracket.
func (d *Document) isCloser(i int) bool {
	t := d.Tokens[i]
	if t.Kind != Punct {
		return false
	}
	switch d.Text[t.Start:t.End] {
	case "”", "’", ")", "]", "\"", "'", "»":
		return true
	}
	return false
}

// isOpener reports whether token i opens a quotation or bracket.
func (d *Document) isOpener(i int) bool {
	t := d.Tokens[i]
	if t.Kind != Punct {
		return false
	}
	switch d.Text[t.Start:t.End] {
	case "“", "‘", "(", "[", "\"", "'", "«", "„":
		return true
	}
	return false
}

// startsUpper reports whether token i begins with an upper-case letter.
func (d *Document) startsUpper(i int) bool {
	t := d.Tokens[i]
	r, _ := runeAt(d.Text, int(t.Start))
	if r < utf8.RuneSelf {
		return asciiClass[r] == cUpper
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// splitSentences appends the sentences of the paragraph's tokens r, whose
// marks (d.marks) are marks.
func (d *Document) splitSentences(r Range, marks []int32) {
	toks := d.Tokens
	start := r.First
	// Only punctuation, an ellipsis or an abbreviation can end a sentence:
	// the marks, which leave out the words (but initialisms) and numbers
	// that are most tokens. A word that markAbbreviations made an
	// abbreviation (Mr) is not among them, and needs not be: the period
	// after it is.
	for _, m := range marks {
		i := int(m)
		if i < start {
			continue // inside the sentence just ended
		}
		end, ok := d.sentenceEnd(i, r.Last)
		if !ok {
			continue
		}
		d.Sentences = append(d.Sentences, Sentence{
			Span:   Span{int(toks[start].Start), int(toks[end-1].End)},
			Tokens: Range{start, end},
		})
		start = end
	}
	if start < r.Last {
		d.Sentences = append(d.Sentences, Sentence{
			Span:   Span{int(toks[start].Start), int(toks[r.Last-1].End)},
			Tokens: Range{start, r.Last},
		})
	}
}

// sentenceEnd reports whether a sentence ends at token i and, if so, the
// index after its last token (closing quotes and brackets and repeated
// sentence punctuation belong to the sentence they close).
func (d *Document) sentenceEnd(i, last int) (int, bool) {
	toks := d.Tokens
	t := toks[i]
	trailing := NotAbbrev
	switch {
	case d.IsTerminal(i):
	case t.Kind == Punct && t.Has(AbbrevDot):
		trailing = Abbreviation(d.TokenText(i - 1))
	case t.Kind == Word && t.Has(Abbrev) && d.Text[t.End-1] == '.':
		trailing = Trailing // U.S., e.g.
	default:
		return 0, false
	}
	j := i + 1
	for j < last {
		if d.IsTerminal(j) && (trailing == NotAbbrev || !toks[j].Has(SpaceBefore)) {
			trailing = NotAbbrev
			j++
			continue
		}
		if !toks[j].Has(SpaceBefore) && d.isCloser(j) {
			j++
			continue
		}
		break
	}
	if j >= last {
		return last, true
	}
	n := toks[j]
	if !n.Has(SpaceBefore) {
		return 0, false
	}
	// what follows must look like a sentence start
	k := j
	for k < last-1 && d.isOpener(k) {
		k++
	}
	startsSentence := false
	switch toks[k].Kind {
	case Word:
		startsSentence = d.startsUpper(k)
	case Number:
		startsSentence = trailing == NotAbbrev || trailing == Trailing
	default:
		startsSentence = k > j // an opening quote or bracket before something else
	}
	if !startsSentence {
		return 0, false
	}
	switch trailing {
	case Title:
		return 0, false
	case BeforeNumber, Month, Trailing:
		if toks[k].Kind != Word {
			return 0, false
		}
		if trailing == Trailing && !IsSentenceStarter(d.TokenText(k)) {
			return 0, false
		}
	}
	return j, true
}
