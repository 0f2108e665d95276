// Package quotes holds mtlint's quotes family: double quotation marks left
// open or closed twice, curly quotes typed in the wrong direction, and
// parentheses or square brackets without their partner.
//
// Machine translation of scraped pages is the usual cause. A scraper sends a
// page to the engine node by node — a paragraph, a link, an <em>, a caption
// — so a quotation that spans two nodes is cut in two, each half translated
// on its own: the engine drops the mark it cannot pair, or re-creates it
// facing the wrong way (`approaches, “said Ryabkov`).
//
// Quotes are judged a paragraph at a time, the way English print sets them:
// a quotation that runs over several paragraphs leaves each but the last
// open, and the next paragraph reopens it with an opening quote. Straight
// quotes (") have no direction: whether one opens or closes is read from
// the characters around it and, when those do not tell, from whether a
// quotation is open. Single quotes are not checked at all, because the same
// marks are apostrophes (’90s, rock ’n’ roll, O’Brien, economists’) and no
// rule can tell them apart from a closing single quote with enough
// certainty.
package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/internal/nonword"
)

// Rules is the quotes family in its fixed run order.
var Rules = []*rules.Rule{Unbalanced, WrongDirection, UnbalancedBracket}

// Unbalanced flags a double quote that opens a quotation never closed in its
// paragraph (unless the next paragraph reopens it, by the multi-paragraph
// convention) or closes one that was never opened.
var Unbalanced = &rules.Rule{
	ID:       "quotes.unbalanced",
	Category: rules.Quotes,
	Severity: rules.Warning,
	Doc:      "a double quotation mark without its partner in the paragraph",
	Explanation: `A quotation that opens in a paragraph must close in it, unless it runs on into the next paragraph, which then reopens it with an opening quote (the usual convention for long quotations). An opening quote that is never closed, or a closing quote with nothing to close, is a typical trace of machine translation of a scraped web page: the page is translated node by node (each paragraph, link, emphasis or caption on its own), so a quotation cut by a node boundary loses one of its marks, and a partial quotation such as said the talks were “an opportunity to... is left hanging. In edited copy it is a plain slip worth fixing.

Every quotation left open is flagged. A quote that reopens after a sentence end is taken to continue the quotation (paragraphs joined into one), unless the sentence before it ends in an attribution (", said the minister."), which shows that the earlier quotation should have closed.

A partial quotation, one that begins mid-sentence on a lower-case word, never runs on into the next paragraph, so it is flagged even when that paragraph begins with a quote. Straight quotes (") have no direction: whether one opens or closes is read from the characters around it. Single quotes are not checked, because the same marks serve as apostrophes (’90s, O’Brien, economists’).

What to do: find where the quoted words end and close the quotation there, or delete the stray mark.

Example: When asked about a compromise, he replied: “The Americans should be prepared to reach a compromise.   (the quotation is never closed)`,
	Flagged:   "When asked about a compromise, he replied: “The Americans should be prepared to reach one.\n\nUS officials said they did not expect a breakthrough.",
	Unflagged: "He said: “The talks will be difficult.\n\n“But we will not waste our time tomorrow.”",
	Run:       runUnbalanced,
}

// WrongDirection flags a curly quote typed facing the wrong way: an opening
// “ where the quotation closes, or a closing ” where one opens.
var WrongDirection = &rules.Rule{
	ID:       "quotes.wrong-direction",
	Category: rules.Quotes,
	Severity: rules.Error,
	Doc:      "a curly quotation mark that faces the wrong way",
	Explanation: `An opening quote “ stands where the quotation closes (after the last quoted word, or before the attribution, as in approaches, “said Ryabkov), or a closing quote ” stands where one opens (as in a ”He said). Machine translation produces this when it translates a web page node by node: each segment is translated without the other half of the quotation, and the quote marks are re-created from straight quotes with their direction guessed wrongly. People make the slip mainly when a space lands on the wrong side of a quote and their software curls it by position. Only curly quotes have a direction, so straight quotes are never flagged here.

An opening quote between spaces after a comma inside a quotation (preconditions, “ the spokeswoman said) is flagged the same way.

What to do: turn the mark round (the suggestion gives the right one, and moves the space to the other side of it when the space is wrong too, as in approaches, “said) and check that the quotation is otherwise whole.

Example: ...it is simply not possible to deviate from our approaches, “said Ryabkov.   should read   approaches,” said Ryabkov.`,
	Flagged:   "“It is not possible to deviate from our approaches, “said Ryabkov.",
	Unflagged: "“It is not possible to deviate from our approaches,” said Ryabkov.",
	SafeFix:   true,
	Run:       runWrongDirection,
}

// UnbalancedBracket flags a parenthesis or square bracket without its
// partner in the paragraph.
var UnbalancedBracket = &rules.Rule{
	ID:       "quotes.unbalanced-bracket",
	Category: rules.Quotes,
	Severity: rules.Warning,
	Doc:      "a parenthesis or square bracket without its partner in the paragraph",
	Explanation: `An opening parenthesis or bracket that is never closed in its paragraph, or a closing one that was never opened. Scraped pages lose brackets when a caption or photo credit is cut from its element, as in (Chris J Ratcliffe / PA without its closing parenthesis, and machine translation drops or duplicates them when a parenthesis is split across segments. In edited copy it is a plain slip that is worth fixing.

List markers such as 1), a) or iii) at the start of a line or of an inline list, and smileys such as :), (^^) or the run of closing brackets that Russian and Ukrainian chat uses as one (we'll manage))) are not flagged.

What to do: close the bracket where the aside ends, or delete the stray one.

Example: Blinken said he did not expect a breakthrough (Chris J Ratcliffe / PA   (the parenthesis is never closed)`,
	Flagged:   "Blinken said he did not expect a breakthrough (Chris J Ratcliffe / PA",
	Unflagged: "Blinken said he did not expect a breakthrough (Chris J Ratcliffe / PA)",
	Run:       runBrackets,
}

func runUnbalanced(pass *rules.Pass) {
	doc := pass.Doc
	quoteEvents(doc, func(ev event, i int) {
		switch ev {
		case evUnclosed:
			pass.Reportf(doc.Tokens[i].Span(), nil, "opening quote not closed in its paragraph")
		case evUnclosedPartial:
			pass.Reportf(doc.Tokens[i].Span(), nil, "partial quotation not closed in its paragraph")
		case evStray:
			pass.Reportf(doc.Tokens[i].Span(), nil, "closing quote with no opening quote in its paragraph")
		}
	})
}

func runWrongDirection(pass *rules.Pass) {
	doc := pass.Doc
	quoteEvents(doc, func(ev event, i int) {
		switch ev {
		case evWrongOpen:
			// "approaches, “said": the space is on the wrong side too, so
			// the fix moves it: "approaches,” said".
			if t := doc.Tokens[i]; i > 0 && t.Has(document.SpaceBefore) && i+1 < len(doc.Tokens) &&
				!doc.Tokens[i+1].Has(document.SpaceBefore) && doc.Tokens[i+1].Kind == document.Word &&
				!doc.Tokens[i-1].Has(document.LineBefore) && !t.Has(document.LineBefore) {
				span := document.Span{Start: int(doc.Tokens[i-1].End), End: int(t.End)}
				if text := doc.SpanText(span); strings.TrimLeft(text, " ") == "“" && len(text) == len("“")+1 {
					pass.Reportf(span, closeMoveSuggestion, "opening quote where the quotation closes")
					return
				}
			}
			// "preconditions, “ the": the mark stands alone between two
			// spaces; the fix closes the quotation against the comma.
			if t := doc.Tokens[i]; i > 0 && i+1 < len(doc.Tokens) && t.Has(document.SpaceBefore) &&
				doc.Tokens[i+1].Has(document.SpaceBefore) && !t.Has(document.LineBefore) &&
				doc.Tokens[i-1].Kind == document.Punct {
				span := document.Span{Start: int(doc.Tokens[i-1].End), End: int(t.End)}
				if text := doc.SpanText(span); text == " “" {
					pass.Reportf(span, closeSuggestion, "opening quote where the quotation closes")
					return
				}
			}
			pass.Reportf(doc.Tokens[i].Span(), closeSuggestion, "opening quote where the quotation closes")
		case evWrongClose:
			pass.Reportf(doc.Tokens[i].Span(), openSuggestion, "closing quote where a quotation opens")
		}
	})
}

var (
	closeSuggestion = []string{"”"}
	openSuggestion  = []string{"“"}
	// closeMoveSuggestion turns " “" round and puts the space after it.
	closeMoveSuggestion = []string{"” "}
)

// mark is a double quotation mark.
type mark uint8

const (
	noMark   mark = iota
	straight      // "
	left          // “ U+201C
	right         // ” U+201D
	low           // „ U+201E
)

// markAt returns the quotation mark that token i is, if any.
func markAt(doc *document.Document, i int) mark {
	t := doc.Tokens[i]
	if t.Kind != document.Punct {
		return noMark
	}
	switch t.End - t.Start {
	case 1:
		if doc.Text[t.Start] == '"' {
			return straight
		}
	case 3:
		s := doc.Text[t.Start:t.End]
		if s[0] == 0xE2 && s[1] == 0x80 {
			switch s[2] {
			case 0x9C:
				return left
			case 0x9D:
				return right
			case 0x9E:
				return low
			}
		}
	}
	return noMark
}

// quoteMarks are the double quotation marks, as markScanner needles.
var quoteMarks = []string{"\"", "“", "”", "„"}

// bracketMarks are the brackets that UnbalancedBracket pairs.
var bracketMarks = []string{"(", ")", "[", "]"}

// markScanner visits, in text order, the tokens of the current window that
// start with one of a few marks, paragraph by paragraph. It finds the marks
// in the text with strings.Index, which is fast, and steps to the token
// that starts at each through the index of the tokens that are not words or
// numbers (package nonword): a paragraph without any of the marks costs
// nothing, and the words before a mark nothing either. No needle may be a
// character that starts a word or a number (a letter, a digit, a period),
// since a token that starts with one is a mark, a symbol or an address,
// which the index holds. It remembers where it found each mark, so the text
// is searched once however many marks it holds. The caller still decides
// from the token whether it is the mark it wants: a needle may also be
// found inside a longer token.
type markScanner struct {
	doc  *document.Document
	text string // the text up to the end of the last paragraph
	// needles are the marks searched for; pos[k] is the offset in text of
	// the next needles[k] not yet visited, or len(text) when there is none.
	needles []string
	pos     [4]int
	idx     []int32 // nonword.Index of the window
	k       int     // the entry of idx to step from
}

// newMarkScanner returns a scanner over the paragraphs of doc's current
// window for the tokens that start with one of needles (one to four).
func newMarkScanner(doc *document.Document, needles []string) markScanner {
	s := markScanner{doc: doc, needles: needles, idx: nonword.Index(doc)}
	if len(doc.Paragraphs) == 0 {
		return s
	}
	start := doc.Paragraphs[0].Start
	s.text = doc.Text[:doc.Paragraphs[len(doc.Paragraphs)-1].End]
	for k := range needles {
		s.pos[k] = s.find(k, start)
	}
	return s
}

// find returns the offset of the first needles[k] at or after from, or
// len(s.text).
func (s *markScanner) find(k, from int) int {
	if j := strings.Index(s.text[from:], s.needles[k]); j >= 0 {
		return from + j
	}
	return len(s.text)
}

// next returns the index of the next token of paragraph p that starts with
// one of the needles, or p.Tokens.Last when there is none. The paragraphs
// must be visited in text order.
func (s *markScanner) next(p document.Paragraph) int {
	r := p.Tokens
	idx := s.idx
	for s.k < len(idx) && int(idx[s.k]) < r.First {
		s.k++
	}
	for {
		k := 0 // the needle found first
		for j := 1; j < len(s.needles); j++ {
			if s.pos[j] < s.pos[k] {
				k = j
			}
		}
		off := s.pos[k]
		if off >= p.End {
			return r.Last
		}
		s.pos[k] = s.find(k, off+1)
		if off < p.Start {
			continue // left over from an earlier paragraph
		}
		toks := s.doc.Tokens
		for s.k < len(idx) && int(idx[s.k]) < r.Last && int(toks[idx[s.k]].Start) < off {
			s.k++ // a tight loop that reads the marks in order: cheap
		}
		if s.k < len(idx) && int(idx[s.k]) < r.Last && int(toks[idx[s.k]].Start) == off {
			s.k++
			return int(idx[s.k-1])
		}
		// the mark is inside a longer token: go on
	}
}

// event is what the quote scan finds.
type event uint8

const (
	evUnclosed        event = iota + 1 // an opening quote never closed
	evUnclosedPartial                  // the same, for a quote opened on a lower-case word
	evStray                            // a closing quote with nothing to close
	evWrongOpen                        // a “ that should be ”
	evWrongClose                       // a ” that should be “
)

// maxDepth bounds the nesting of quotations the scan remembers; deeper ones
// are still counted.
const maxDepth = 8

// role is what a mark does where it stands.
type role uint8

const (
	opens role = iota + 1
	closes
	either // a straight quote whose neighbours do not tell
)

// quoteEvent is one event of scanQuotes at a token.
type quoteEvent struct {
	ev  event
	tok int32
}

// eventsKey keys the window's quote events in Document.Memo, eventsScratch
// the buffer that holds them in Document.Scratch.
type (
	eventsKey     struct{}
	eventsScratch struct{}
)

// quoteEvents calls found for each event of scanQuotes in the current window
// of doc, in the same order: the scan runs once per window, for the first of
// Unbalanced and WrongDirection, and the other reads what it found.
func quoteEvents(doc *document.Document, found func(event, int)) {
	evs := doc.Memo(eventsKey{}, func() any {
		buf := doc.Scratch(eventsScratch{}, func() any { return new([]quoteEvent) }).(*[]quoteEvent)
		*buf = (*buf)[:0]
		scanQuotes(doc, func(ev event, i int) { *buf = append(*buf, quoteEvent{ev: ev, tok: int32(i)}) })
		return buf
	}).(*[]quoteEvent)
	for _, e := range *evs {
		found(e.ev, int(e.tok))
	}
}

// scanQuotes walks the double quotation marks of every paragraph of the
// current window and calls found for each event, in text order within a
// paragraph.
func scanQuotes(doc *document.Document, found func(event, int)) {
	var stack [maxDepth]int // token indexes of the open quotes, innermost last
	depth := 0
	runOn := false   // the previous paragraph stopped mid-sentence inside a quotation
	carried := false // the previous paragraph left a quotation open and nothing reopened it
	sc := newMarkScanner(doc, quoteMarks)
	for pi := range doc.Paragraphs {
		r := doc.Paragraphs[pi].Tokens
		if !runOn {
			depth = 0
		}
		runOn = false
		seen := false // a mark has been seen in this paragraph
		for i := sc.next(doc.Paragraphs[pi]); i < r.Last; i = sc.next(doc.Paragraphs[pi]) {
			m := markAt(doc, i)
			if m == noMark {
				continue
			}
			first := !seen
			seen = true
			var top mark
			if depth > 0 && depth <= maxDepth {
				top = markAt(doc, stack[depth-1])
			}
			ro := classify(doc, r, i, m, depth, top)
			if ro == closes && m == left && top != low {
				found(evWrongOpen, i)
			} else if ro == opens && m == right {
				found(evWrongClose, i)
			}
			if ro == opens || ro == either && depth == 0 {
				if ro == either && afterNumber(doc, r, i) {
					continue // 6'2" : an inch mark
				}
				if depth > 0 && reopens(doc, r, i) {
					// a quotation running on after a sentence end: in a
					// paragraph joined from several, the reopening quote
					if depth <= maxDepth {
						if attributedBetween(doc, stack[depth-1], i) {
							// "“We are ready, said the minister. “But…":
							// the narrative shows that the first
							// quotation ended unclosed; a new one opens
							found(evUnclosed, stack[depth-1])
						}
						stack[depth-1] = i
					}
					continue
				}
				if depth < maxDepth {
					stack[depth] = i
				}
				depth++
				continue
			}
			if depth > 0 {
				depth--
				continue
			}
			if m != left && afterNumber(doc, r, i) {
				continue // 6'2" or 6’2” : an inch mark
			}
			if first && carried {
				continue // the previous paragraph's quotation, not reopened: reported there
			}
			found(evStray, i)
		}
		carried = false
		if depth == 0 {
			continue
		}
		if cutMidSentence(doc, pi) {
			runOn = true // the quotation goes on in the next paragraph
			continue
		}
		depth = min(depth, maxDepth)
		last := stack[depth-1]
		partial := opensPartial(doc, last)
		if !partial && nextReopens(doc, pi) {
			continue // a quotation running on into the next paragraph
		}
		carried = true
		for _, j := range stack[:depth] {
			ev := evUnclosed
			if j == last && partial {
				ev = evUnclosedPartial
			}
			found(ev, j)
		}
	}
}

// attributedBetween reports whether the sentence just before a quote at
// token i that reopens the quotation opened at token open ends in an
// attribution after a comma (", said the minister.", ", he added.", ", the
// coach said."): the attribution is narrative, so the quotation opened at
// open should have closed before it, and the quote at i opens another one.
// Without one, the text between is taken to be quoted, running on over
// sentences joined from several paragraphs.
func attributedBetween(doc *document.Document, open, i int) bool {
	end := i - 1 // the sentence's final mark
	if end <= open || !doc.IsTerminal(end) {
		return false
	}
	comma := end - 1
	for comma > open && comma >= end-maxAttribution-1 && doc.Tokens[comma].Kind == document.Word {
		comma--
	}
	if comma <= open || doc.TokenText(comma) != "," || end-comma < 2 {
		return false
	}
	words := end - comma - 1 // the words of the clause after the comma
	first := doc.TokenText(comma + 1)
	switch {
	case attributionVerbs[first]:
		return true // ", said the minister", ", added Smith"
	case words == 2 && attributionVerbs[doc.TokenText(comma+2)]:
		return attributionSubjects[first] || !startsLower(doc, comma+1) // ", he added", ", Smith said"
	case words >= 3 && attributionVerbs[doc.TokenText(end-1)]:
		return first == "the" || first == "a" || !startsLower(doc, comma+1) // ", the coach said", ", Mr Smith said"
	}
	return false
}

// maxAttribution is the most words an attribution clause may have.
const maxAttribution = 5

// cutMidSentence reports whether paragraph pi is a piece of a sentence that
// the next paragraph goes on with, as when a scraper sets an <em> or a link
// on a line of its own: the paragraph does not end with sentence
// punctuation and the next one begins with a lower-case word.
func cutMidSentence(doc *document.Document, pi int) bool {
	if pi+1 >= len(doc.Paragraphs) {
		return false
	}
	next := doc.Paragraphs[pi+1].Tokens
	if next.Len() == 0 || !startsLower(doc, next.First) {
		return false
	}
	r := doc.Paragraphs[pi].Tokens
	j := r.Last - 1
	for n := 0; n < 3 && j > r.First && isCloserMark(doc, j); n++ {
		j--
	}
	t := doc.Tokens[j]
	if doc.IsTerminal(j) || t.Kind == document.Punct && doc.Text[t.Start] == '.' {
		return false
	}
	return !(t.Kind == document.Word && t.Has(document.Abbrev) && doc.Text[t.End-1] == '.')
}

// startsLower reports whether token i is a word that begins with a
// lower-case letter.
func startsLower(doc *document.Document, i int) bool {
	t := doc.Tokens[i]
	if t.Kind != document.Word {
		return false
	}
	c, _ := utf8.DecodeRuneInString(doc.Text[t.Start:])
	return unicode.IsLower(c)
}

// isCloserMark reports whether token i is a mark that may follow the end of
// a sentence: a closing quote or bracket, double or single.
func isCloserMark(doc *document.Document, i int) bool {
	t := doc.Tokens[i]
	if t.Kind != document.Punct {
		return false
	}
	switch doc.Text[t.Start:t.End] {
	case "\"", "”", "“", "'", "’", ")", "]":
		return true
	}
	return false
}

// classify says whether mark m at token i opens or closes a quotation, from
// its neighbours and the marks still open (depth of them, the innermost
// being top).
func classify(doc *document.Document, r document.Range, i int, m mark, depth int, top mark) role {
	lo := openSide(doc, r, i)
	rc := closeSide(doc, r, i)
	switch m {
	case straight:
		switch {
		case lo && !rc:
			return opens
		case !lo && rc:
			return closes
		}
		return either
	case left:
		if !lo && rc {
			// glued to the word before and followed by a space: a closer,
			// legitimately so after a German „
			return closes
		}
		if depth > 0 && lo && attribution(doc, r, i) {
			return closes
		}
		if lo && rc && paddedCloser(doc, r, i, depth) {
			return closes
		}
		return opens
	case right:
		if lo && !rc { // !rc: a token follows, glued
			if k := doc.Tokens[i+1].Kind; k == document.Word || k == document.Number {
				return opens
			}
		}
		return closes
	}
	return opens // „
}

// openSide reports whether what stands before token i is what stands before
// an opening quote: the start of the paragraph, a space, an opening bracket,
// a dash, a colon or another opening quote.
func openSide(doc *document.Document, r document.Range, i int) bool {
	t := doc.Tokens[i]
	if i == r.First || t.Has(document.SpaceBefore) {
		return true
	}
	p := doc.Tokens[i-1]
	if p.Kind != document.Punct {
		return false
	}
	switch doc.Text[p.Start:p.End] {
	case "(", "[", "{", "-", "–", "—", ":", "“", "„", "‘", "\"":
		return true
	}
	return false
}

// closeSide reports whether what follows token i is what follows a closing
// quote: the end of the paragraph, a space, or punctuation that ends a
// phrase.
func closeSide(doc *document.Document, r document.Range, i int) bool {
	if i+1 >= r.Last {
		return true
	}
	n := doc.Tokens[i+1]
	if n.Has(document.SpaceBefore) || n.Kind == document.Ellipsis {
		return true
	}
	if n.Kind != document.Punct {
		return false
	}
	switch doc.Text[n.Start:n.End] {
	case ",", ".", ";", ":", "!", "?", ")", "]", "}", "”", "’", "'", "\"", "–", "—":
		return true
	}
	return false
}

// afterNumber reports whether token i is glued to a number before it, as an
// inch or seconds mark is (6'2", 5' 11").
func afterNumber(doc *document.Document, r document.Range, i int) bool {
	return i > r.First && !doc.Tokens[i].Has(document.SpaceBefore) && doc.Tokens[i-1].Kind == document.Number
}

// reopens reports whether the opening quote at token i follows a sentence end
// and a space, as the quote that reopens a quotation running on does.
func reopens(doc *document.Document, r document.Range, i int) bool {
	if i == r.First || !doc.Tokens[i].Has(document.SpaceBefore) {
		return false
	}
	j := i - 1
	// a closing single quote or bracket may end the sentence: .') or ?'
	for n := 0; n < 2 && j > r.First && isCloserMark(doc, j); n++ {
		j--
	}
	t := doc.Tokens[j]
	if doc.IsTerminal(j) || t.Kind == document.Punct && doc.Text[t.Start] == '.' {
		return true // a period after an abbreviation (Mr P.) ends a sentence here too
	}
	return t.Kind == document.Word && t.Has(document.Abbrev) && doc.Text[t.End-1] == '.'
}

// opensPartial reports whether the quotation opened at token i begins with a
// lower-case word: a partial quotation, which never runs on over a
// paragraph. The quote may stand in an earlier paragraph than the current
// one, so the word must follow it directly or after one space.
func opensPartial(doc *document.Document, i int) bool {
	if i+1 >= len(doc.Tokens) {
		return false
	}
	q, n := doc.Tokens[i], doc.Tokens[i+1]
	if n.Start-q.End > 1 || n.Start > q.End && doc.Text[q.End] != ' ' {
		return false
	}
	return startsLower(doc, i+1)
}

// nextReopens reports whether the paragraph after paragraph pi begins with
// an opening quote, continuing a quotation left open. When the window ends
// before the text does, the next paragraph is unknown and taken to reopen.
func nextReopens(doc *document.Document, pi int) bool {
	if pi+1 >= len(doc.Paragraphs) {
		return !doc.LastWindow()
	}
	r := doc.Paragraphs[pi+1].Tokens
	if r.Len() == 0 {
		return false
	}
	m := markAt(doc, r.First)
	if m == noMark {
		return false
	}
	return classify(doc, r, r.First, m, 0, noMark) != closes
}

// attribution reports whether the quote at token i is followed by an
// attribution (said Ryabkov, he told) and preceded by punctuation or a word,
// which makes it the end of the quotation rather than its start; a verb
// quoted on its own (the word “said”) does not count.
func attribution(doc *document.Document, r document.Range, i int) bool {
	if i == r.First || i+1 >= r.Last {
		return false
	}
	switch doc.Tokens[i-1].Kind {
	case document.Word, document.Number, document.Ellipsis:
	case document.Punct:
		switch doc.TokenText(i - 1) {
		case ",", ".", "!", "?", "-", "–", "—":
		default:
			return false
		}
	default:
		return false
	}
	j := i + 1
	if doc.Tokens[j].Kind != document.Word {
		return false
	}
	w := doc.TokenText(j)
	if attributionSubjects[w] && j+1 < r.Last && doc.Tokens[j+1].Kind == document.Word {
		j++
		w = doc.TokenText(j)
	}
	if !attributionVerbs[w] {
		return false
	}
	return j+1 >= r.Last || markAt(doc, j+1) == noMark
}

// paddedCloser reports whether the “ at token i, with a space on both sides,
// stands where a quotation closes: after a comma and before a lower-case
// word, while a quotation is open ("“We agreed the preconditions, “ the
// spokeswoman said"). An opening quote there would start a quotation inside
// the open one with a space before its first word.
func paddedCloser(doc *document.Document, r document.Range, i, depth int) bool {
	if i == r.First || i+1 >= r.Last || !doc.Tokens[i].Has(document.SpaceBefore) ||
		doc.Tokens[i+1].Has(document.LineBefore) || !doc.Tokens[i+1].Has(document.SpaceBefore) ||
		doc.TokenText(i-1) != "," || !startsLower(doc, i+1) {
		return false
	}
	return depth > 0
}

// attributionVerbs are the verbs, in lower case, that follow a quotation to
// say who spoke.
var attributionVerbs = map[string]bool{}

// attributionSubjects are the pronouns that may stand before such a verb.
var attributionSubjects = map[string]bool{"he": true, "she": true, "they": true, "we": true, "it": true}

func init() {
	for _, w := range []string{
		"said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "replied", "replies",
		"explained", "explains", "insisted", "insists", "continued", "continues", "noted", "notes",
		"stressed", "stresses", "warned", "warns", "argued", "argues", "wrote", "writes", "declared",
		"declares", "stated", "states", "remarked", "remarks", "concluded", "concludes", "admitted",
		"admits", "claimed", "claims", "recalled", "recalls", "suggested", "suggests", "commented",
		"comments", "acknowledged", "acknowledges", "answered", "answers", "responded", "responds",
		"emphasised", "emphasized", "emphasises", "emphasizes", "observed", "observes", "according",
		"announced", "announces", "predicted", "predicts", "urged", "urges", "cautioned", "cautions",
		"complained", "complains", "confirmed", "confirms", "conceded", "concedes", "maintained",
		"maintains", "underlined", "underlines", "pointed", "points", "reiterated", "reiterates",
	} {
		attributionVerbs[w] = true
	}
}

func runBrackets(pass *rules.Pass) {
	doc := pass.Doc
	var round, square brackets
	sc := newMarkScanner(doc, bracketMarks)
	for pi := range doc.Paragraphs {
		r := doc.Paragraphs[pi].Tokens
		for i := sc.next(doc.Paragraphs[pi]); i < r.Last; i = sc.next(doc.Paragraphs[pi]) {
			t := doc.Tokens[i]
			if t.Kind != document.Punct || t.End-t.Start != 1 {
				continue
			}
			var b *brackets
			closing := false
			switch doc.Text[t.Start] {
			case '(':
				b = &round
			case ')':
				b, closing = &round, true
			case '[':
				b = &square
			case ']':
				b, closing = &square, true
			default:
				continue
			}
			if !closing {
				if kaomoji(doc, i) {
					continue // "(^^)": the face's own ")" is skipped the same way
				}
				if !smiley(doc, r, i) || !closeSide(doc, r, i) {
					b.push(i)
				}
				continue
			}
			if b.depth > 0 {
				b.depth--
				continue
			}
			if listMarker(doc, r, i) || smiley(doc, r, i) || kaomoji(doc, i) {
				continue
			}
			if n := parenRun(doc, r, i); n > 1 {
				// "we'll manage)))": the bracket smiley of Slavic chat, a
				// run of closing brackets; the scanner steps over the run
				for k := 1; k < n; k++ {
					sc.next(doc.Paragraphs[pi])
				}
				continue
			}
			pass.Reportf(t.Span(), nil, "closing %s with no opening one in its paragraph", bracketName(doc.Text[t.Start]))
		}
		if round.depth == 0 && square.depth == 0 {
			continue
		}
		if cutMidSentence(doc, pi) {
			continue // the aside goes on in the next paragraph
		}
		for _, b := range [2]*brackets{&round, &square} {
			for _, j := range b.open[:min(b.depth, len(b.open))] {
				t := doc.Tokens[j]
				pass.Reportf(t.Span(), nil, "opening %s not closed in its paragraph", bracketName(doc.Text[t.Start]))
			}
			b.depth = 0
		}
	}
}

// brackets is the stack of the open brackets of one kind in a paragraph.
type brackets struct {
	open  [maxDepth]int
	depth int
}

func (b *brackets) push(i int) {
	if b.depth < len(b.open) {
		b.open[b.depth] = i
	}
	b.depth++
}

func bracketName(c byte) string {
	if c == '(' || c == ')' {
		return "parenthesis"
	}
	return "bracket"
}

// listMarker reports whether the closing bracket at token i ends a list
// marker — 1), a), iii) — at the start of a line, or inline after
// punctuation (options: a) raise taxes; b) cut spending).
func listMarker(doc *document.Document, r document.Range, i int) bool {
	j := i - 1
	if j < r.First || doc.Tokens[i].Has(document.SpaceBefore) {
		return false
	}
	t := doc.Tokens[j]
	w := doc.Text[t.Start:t.End]
	switch t.Kind {
	case document.Number:
		if len(w) > 2 {
			return false
		}
	case document.Word:
		if len(w) != 1 && !romanNumerals[w] {
			return false
		}
	default:
		return false
	}
	if j == r.First || t.Has(document.LineBefore) {
		return true
	}
	if !t.Has(document.SpaceBefore) {
		return false
	}
	return doc.Tokens[j-1].Kind == document.Punct || doc.Tokens[j-1].Kind == document.Ellipsis
}

// romanNumerals are the lower-case Roman numerals that number list items.
var romanNumerals = map[string]bool{
	"i": true, "ii": true, "iii": true, "iv": true, "v": true, "vi": true, "vii": true,
	"viii": true, "ix": true, "x": true, "xi": true, "xii": true,
}

// parenRun returns how many ")" stand glued together from token i on.
func parenRun(doc *document.Document, r document.Range, i int) int {
	n := 1
	for i+n < r.Last && !doc.Tokens[i+n].Has(document.SpaceBefore) && doc.TokenText(i+n) == ")" {
		n++
	}
	return n
}

// kaomoji reports whether the bracket at token i is part of a face written
// with carets, as in Japanese chat: "^)", "(^^)", "(^_^)", with zero-width
// joiners between the marks or not.
func kaomoji(doc *document.Document, i int) bool {
	t := doc.Tokens[i]
	text := doc.Text
	if text[t.Start] == ')' {
		k := int(t.Start)
		for k > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:k])
			if !zeroWidth(r) {
				return r == '^'
			}
			k -= size
		}
		return false
	}
	for k := int(t.End); k < len(text); {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !zeroWidth(r) {
			return r == '^'
		}
		k += size
	}
	return false
}

// zeroWidth reports whether r is an invisible joiner that chat text puts
// between the marks of a face.
func zeroWidth(r rune) bool {
	return r == '\u2060' || r == '\u200b' || r == '\u200c' || r == '\u200d'
}

// smiley reports whether the bracket at token i is the mouth of an
// emoticon, glued to its eyes: :) ;) :-) :(
func smiley(doc *document.Document, r document.Range, i int) bool {
	j := i - 1
	if j < r.First || doc.Tokens[i].Has(document.SpaceBefore) {
		return false
	}
	if doc.TokenText(j) == "-" && j > r.First && !doc.Tokens[j].Has(document.SpaceBefore) {
		j--
	}
	s := doc.TokenText(j)
	return s == ":" || s == ";"
}
