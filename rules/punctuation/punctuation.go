// Package punctuation holds the rules of the punctuation family: white space
// before a mark ("this week , with"), doubled marks ("said Ryabkov. ."), a
// period that splits a sentence ("Conference on Disarmament. which
// overlooks"), a missing space after a mark ("the talks.The next") and a
// hyphen that stands for a dash ("the price of steel-the highest").
//
// These are the commonest traces of machine translation done segment by
// segment and of scrapers that stitch the pieces back together: every
// segment gets its own final period, tokenized output is joined with a space
// before each mark, and the seams between HTML nodes lose or gain a space.
//
// All four rules walk the marks of each paragraph once and decide from token
// kinds and flags alone (Abbrev, AbbrevDot, SpaceBefore, LineBefore), so that
// numbers (3.5, 1,000), initialisms (U.S., a.m.), abbreviations (Mr., No.),
// ellipses, web addresses, domains, file names and e-mail addresses, which the
// tokenizer already keeps whole, never look like damaged punctuation. Every
// byte of every article goes through these loops, so they are kept cheap:
// SpaceBefore, Doubled and MissingSpace step through the index of the tokens
// that are not words or numbers (package nonword, shared with other
// families), about one token in eight, and test each with a single
// comparison of its kind and flags (kindFlags, pairKey); StrayPeriod, whose
// candidates are rarer still, finds the periods in the text and visits only
// the tokens of those that may be followed by a lower-case word.
package punctuation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/internal/nonword"
)

// Rules lists the family's rules in their fixed run order.
var Rules = []*rules.Rule{SpaceBefore, Doubled, StrayPeriod, MissingSpace, HyphenAsDash}

// SpaceBefore flags white space before a comma, period, semicolon, colon,
// exclamation mark or question mark ("this week , with"): the trace of a
// tokenized MT output joined back with a space between every token.
var SpaceBefore = &rules.Rule{
	ID:       "punctuation.space-before",
	Category: rules.Punctuation,
	Severity: rules.Error,
	Doc:      "white space before a comma, period, semicolon, colon, exclamation or question mark",
	Explanation: `In English a comma, period, semicolon, colon, exclamation mark or question mark
follows the word before it with no space. Translation engines split text into tokens,
each mark a token of its own, and a careless pipeline joins the tokens back with a
space between every one; a scraper that pastes together the text of separate HTML
elements does the same. The result is "this week , with" or "in Geneva ." Human
editors make this slip only rarely.

What to do: remove the space. "Talks begin this week , with ..." becomes "Talks begin
this week, with ...". A comma stuck to the next word instead ("this week ,with") is
moved: "this week, with".

Not flagged: a space before an ellipsis ("... and") or before a decimal written
" .5"; a mark at the start of a line; a mark after another mark (". ." is
punctuation.doubled's finding); smileys such as " :)". Before ; : ! and ? only an
ordinary space counts: the no-break space that French typography puts there is
reported by the typography rules.`,
	Flagged:   "The talks will continue this week , with bilateral relations at a low.",
	Unflagged: "The talks will continue this week, with bilateral relations at a low.",
	SafeFix:   true,
	Run:       runSpaceBefore,
}

// Doubled flags two sentence marks in a row (",,", ". .", ".,", ";;"), as a
// translated segment's own period meets the one the source sentence had.
var Doubled = &rules.Rule{
	ID:       "punctuation.doubled",
	Category: rules.Punctuation,
	Severity: rules.Error,
	Doc:      "doubled punctuation such as \". .\", \",,\" or \".,\"",
	Explanation: `Two marks in a row (".." ". ." ",," ".," ";;" "::") are a typical seam of
machine translation done segment by segment: each segment comes back with a final
period of its own while the text around it keeps the original one, so a quotation
ends "... our approaches," said Ryabkov. ." A scraper that joins pieces of text can
double a comma in the same way.

What to do: keep one mark. "said Ryabkov. ." becomes "said Ryabkov." When the two
marks differ (",." or ".,") the right one depends on the sentence, so both are
offered, the likelier first: the period when a capital follows, the other mark when
the sentence goes on in lower case. Two periods before a lower-case word ("a failed
minister..with") are more often an ellipsis one period short, so "..." comes first
there; "?.." and "!.." (a Russian and Ukrainian convention) become "?" or "!".

Not flagged: an ellipsis ("...", "…", ". . ."); "?!", "!?", "!!" and "??"; "::" that ends a
title line, a decoration of Russian social media ("How to vote::"); a mark
after a name ending in "!" or "?" ("Oklahoma!, the musical"); an abbreviation's own
period before a comma, semicolon or colon ("the U.S., the", "Acme Inc.;"). An
abbreviation's period followed by a second period ("the U.S..") is flagged: one
period serves both. A character reference left in the text by a scraper ("caf&#233;.",
"&amp;,") and the dot of a domain or file extension after a mark (", .com remains")
are not doubled marks either.`,
	Flagged:   "\"It is simply not possible to deviate from our approaches,\" said Ryabkov. .",
	Unflagged: "Officials in the U.S., the EU and Japan said so... and left?!",
	SafeFix:   true,
	Run:       runDoubled,
}

// StrayPeriod flags a period followed by a lower-case word ("Conference on
// Disarmament. which overlooks"): a sentence split where a translated segment
// ended mid-sentence.
var StrayPeriod = &rules.Rule{
	ID:       "punctuation.stray-period",
	Category: rules.Punctuation,
	Severity: rules.Error,
	Doc:      "a period inside a sentence, followed by a lower-case word",
	Explanation: `A period followed by a word in lower case splits one sentence in two: "the
ambassador to the Conference on Disarmament. which overlooks Lake Geneva". Scrapers
often translate a web page node by node, so a link, an emphasised phrase or a line
break becomes a separate segment; the engine ends every segment with a period, and
when the pieces are stitched back together those periods sit in the middle of the
sentence. It is the most reliable cheap sign that a page was machine-translated.

What to do: delete the period ("the Conference on Disarmament which overlooks Lake
Geneva"), and add a comma if the sentence needs one ("Disarmament, which overlooks").
If a new sentence really begins there, capitalise its first word instead.

Not flagged: the periods of abbreviations and initials (Mr. Smith, No. 10, e.g.,
a.m., J. K. Rowling, approx., et al.), list numbers and letters ("1. the first
point"), web addresses, e-mail addresses and file names, and names that are written
with a lower-case first letter (iPod, eBay, i-mode).`,
	Flagged:   "She dined with the ambassador to the Conference on Disarmament. which overlooks Lake Geneva.",
	Unflagged: "She met Mr. Smith at 9 a.m. on Monday. iPods were on sale at No. 10 e.g. at the door.",
	SafeFix:   false,
	Run:       runStrayPeriod,
}

// MissingSpace flags sentence punctuation glued to the next word ("the
// talks.The next", "said,and"), where the space between two joined
// segments was lost.
var MissingSpace = &rules.Rule{
	ID:       "punctuation.missing-space",
	Category: rules.Punctuation,
	Severity: rules.Warning,
	Doc:      "no space after a comma, period, semicolon, colon, exclamation or question mark",
	Explanation: `A mark glued to the next word ("the talks.The next round", "he said,and", "on
Sunday;the") usually means that two pieces of text were joined without the space
between them: a scraper concatenated the text of separate HTML elements (a paragraph
and the next, a caption and the story), or a translated segment was pasted back
against its neighbour.

What to do: add the space. "the talks.The next round" becomes "the talks. The next
round". Check names first: a few products are written with a dot and a capital.

Not flagged: numbers (3.5, 1,000, 10:30), web addresses, domains and file names
(bbc.co.uk, Amazon.com, report.pdf), e-mail addresses, initialisms and abbreviations
(U.S., e.g., Ph.D., Mr.Smith, No.1), names such as ASP.NET and Yahoo!Mail, smileys,
ellipses and "tl;dr". After a capitalised word, a period only counts before a word
that opens sentences ("said Smith.The next"): names with an inner period (Gazeta.Ru,
Diia.Business, Worm.B) are left alone, and so are short names with a colon (Web:TV). After a period, "!" or "?" only a capitalised word counts, since a
lower-case one is more often part of a name (a file or a site the tokenizer does not
know).`,
	Flagged:   "Ryabkov left the dinner early.The talks resume on Monday,and may last all week.",
	Unflagged: "Shares rose 3.5% to $1.13bn, Amazon.com said, as ASP.NET and Yahoo! work resumed in the U.S.",
	SafeFix:   false,
	Run:       runMissingSpace,
}

// sentence marks and their suggestions, built once: reporting allocates
// nothing for the common cases.
var (
	single    [128][]string // single['.'] = {"."}
	spaced    [128][]string // spaced[','] = {", "}
	markNames [128]string
)

func init() {
	for _, c := range []byte(",.;:!?") {
		single[c] = []string{string(c)}
		spaced[c] = []string{string(c) + " "}
	}
	markNames[','] = "a comma"
	markNames['.'] = "a period"
	markNames[';'] = "a semicolon"
	markNames[':'] = "a colon"
	markNames['!'] = "an exclamation mark"
	markNames['?'] = "a question mark"
}

// markBytes maps each sentence mark (, . ; : ! ?) to itself and every other
// byte to 0.
var markBytes = func() (m [256]byte) {
	for _, c := range []byte(",.;:!?") {
		m[c] = c
	}
	return m
}()

// mark returns the sentence mark (one of , . ; : ! ?) that token i is, or 0.
func mark(doc *document.Document, i int) byte {
	return tokenMark(doc.Text, &doc.Tokens[i])
}

// tokenMark returns the sentence mark that t, a token of text, is, or 0. It
// looks at the token's kind before its text, so that the words that make up
// most of a document cost one comparison.
func tokenMark(text string, t *document.Token) byte {
	if t.Kind != document.Punct || t.End-t.Start != 1 {
		return 0
	}
	return markBytes[text[t.Start]]
}

// isCloser reports whether token i is a closing bracket or a quote that can
// close a quotation.
func isCloser(doc *document.Document, i int) bool {
	t := &doc.Tokens[i]
	if t.Kind != document.Punct {
		return false
	}
	switch doc.Text[t.Start:t.End] {
	case ")", "]", "”", "’", "\"", "'":
		return true
	}
	return false
}

// firstRune returns the first rune of token i.
func firstRune(doc *document.Document, i int) rune {
	t := &doc.Tokens[i]
	c := doc.Text[t.Start]
	if c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(doc.Text[t.Start:t.End])
	return r
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z'
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'A' && r <= 'Z'
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// endsWithPeriod reports whether token i is an initialism that carries its
// own final period (U.S., e.g., Ph.D.).
func endsWithPeriod(doc *document.Document, i int) bool {
	t := &doc.Tokens[i]
	return t.Kind == document.Word && t.Has(document.Abbrev) && doc.Text[t.End-1] == '.'
}

// runSpaceBefore implements SpaceBefore.
func runSpaceBefore(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	cur := nonword.NewCursor(nonword.Index(doc))
	for _, p := range doc.Paragraphs {
		for _, j := range cur.In(document.Range{First: p.Tokens.First + 1, Last: p.Tokens.Last}) {
			i := int(j)
			t := &toks[i]
			if kindFlags(t, document.SpaceBefore|document.LineBefore) != spacedPunct {
				continue
			}
			c := tokenMark(doc.Text, t)
			if c == 0 || !canPrecedeSpaceBefore(doc, i-1, c) {
				continue
			}
			// The gap: ordinary spaces only before ; : ! ? (French
			// typography's no-break spaces are the typography rules' job),
			// any horizontal space before , and .
			gap := doc.Text[toks[i-1].End:t.Start]
			ascii := true
			for k := 0; k < len(gap); k++ {
				if b := gap[k]; b != ' ' && b != '\t' {
					ascii = false
					break
				}
			}
			if !ascii && c != ',' && c != '.' {
				continue
			}
			sugg := single[c]
			if i+1 < p.Tokens.Last && !toks[i+1].Has(document.SpaceBefore) {
				// The mark is glued to what follows.
				switch {
				case c == ':' || c == ';':
					continue // emoticons: " :)", " ;-)", " :D"
				case c == ',' && toks[i+1].Kind == document.Word && isLetter(firstRune(doc, i+1)):
					sugg = spaced[c] // "week ,with" -> "week, with"
				case isCloser(doc, i+1):
				default:
					continue // ".NET", " ,000"
				}
			}
			pass.Reportf(document.Span{Start: int(toks[i-1].End), End: int(t.End)}, sugg, "white space before %s", markNames[c])
		}
	}
}

// canPrecedeSpaceBefore reports whether token j, followed by white space and
// the mark c, makes that space a slip: a word, a number, a closing quote or
// bracket, a per cent sign, or an abbreviation's period before , ; : ! ?.
func canPrecedeSpaceBefore(doc *document.Document, j int, c byte) bool {
	t := &doc.Tokens[j]
	switch t.Kind {
	case document.Word:
		// "U.S. ." is doubled punctuation: deleting the space would
		// make it worse.
		return c != '.' || !endsWithPeriod(doc, j)
	case document.Number:
		return true
	case document.Symbol:
		return doc.Text[t.Start:t.End] == "%"
	case document.Punct:
		if t.Has(document.AbbrevDot) {
			return c != '.' // "Inc. ," -> "Inc.,"; "Inc. ." is doubled
		}
		return isCloser(doc, j)
	}
	return false // ellipsis, URL, e-mail, other symbols
}

// runDoubled implements Doubled.
func runDoubled(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	cur := nonword.NewCursor(nonword.Index(doc))
	for _, p := range doc.Paragraphs {
		// n, a mark, is a token of the index; i is the token before it
		for _, j := range cur.In(document.Range{First: p.Tokens.First + 1, Last: p.Tokens.Last}) {
			i := int(j) - 1
			n := &toks[i+1]
			// a mark after a mark or after an initialism (U.S.,)
			if k := pairKey(&toks[i], document.Abbrev, n, document.LineBefore); k != markAfterMark && k != markAfterInitials {
				continue
			}
			b := tokenMark(doc.Text, n)
			if b == 0 {
				continue
			}
			var a byte
			start := toks[i].Start
			abbrev := false
			switch {
			case endsWithPeriod(doc, i):
				a, start, abbrev = '.', toks[i].End-1, true
			default:
				a = mark(doc, i)
				abbrev = a == '.' && toks[i].Has(document.AbbrevDot)
			}
			if a == 0 || a == '!' || a == '?' {
				continue // "?!", "!!", "Yahoo!,"
			}
			if b == '.' && n.Has(document.SpaceBefore) && i+2 < p.Tokens.Last && leadingDot(&toks[i+2]) {
				continue // ", .com remains", "; .exe files": the dot of a suffix
			}
			if a == ';' && !toks[i].Has(document.SpaceBefore) && endsEntity(doc, p, i) {
				continue // "caf&#233;.", "&amp;,": a character reference left in the text
			}
			if b != '.' && (abbrev || a == '.' && i > p.Tokens.First &&
				!toks[i].Has(document.SpaceBefore) && looksAbbrev(doc, i-1)) {
				continue // "U.S., the", "Inc.;", "Tex.,"
			}
			if isEmoticon(doc, p, i+1) {
				continue // "from me. :("
			}
			if a == ':' && b == ':' && (i+2 >= p.Tokens.Last || toks[i+2].Has(document.LineBefore)) {
				continue // "How to vote::" ending a line: a title's decoration in Russian social media
			}
			if a == ':' && b == ':' && !n.Has(document.SpaceBefore) && i+2 < p.Tokens.Last &&
				!toks[i+2].Has(document.SpaceBefore) && !toks[i].Has(document.SpaceBefore) {
				continue // "std::string", a name not prose
			}
			var sugg []string
			msg := "doubled punctuation %q"
			switch {
			case a == '.' && b == '.' && !abbrev && !n.Has(document.SpaceBefore) &&
				i > p.Tokens.First && !toks[i].Has(document.SpaceBefore) && isBang(doc, i-1):
				// "?.." is the Slavic "?…": keep the "?" or write "?...".
				q := doc.TokenText(i - 1)
				start = toks[i-1].Start
				sugg = []string{q, q + "..."}
				msg = "%q: a question or exclamation mark with two periods"
			case a == '.' && b == '.' && !abbrev && !n.Has(document.SpaceBefore) &&
				i+2 < p.Tokens.Last && toks[i+2].Kind == document.Word && isLower(firstRune(doc, i+2)):
				// "a failed minister..with": an ellipsis one period short.
				sugg = twoDots
				msg = "%q: a period or an ellipsis?"
			case a == b || abbrev:
				sugg = single[b]
			case b == '!' || b == '?':
				sugg = single[b] // ",?" -> "?"
			case a == '.' || b == '.':
				other := a
				if other == '.' {
					other = b
				}
				// A lower-case word next says the sentence goes on.
				if i+2 < p.Tokens.Last && toks[i+2].Kind == document.Word && isLower(firstRune(doc, i+2)) {
					sugg = []string{string(other), "."}
				} else {
					sugg = []string{".", string(other)}
				}
			default:
				sugg = []string{string(a), string(b)}
			}
			span := document.Span{Start: int(start), End: int(n.End)}
			pass.Reportf(span, sugg, msg, doc.SpanText(span))
		}
	}
}

// The loops of the rules visit every token, and most tokens are words that
// no rule cares about. Testing a token's kind, then its flags, then its
// neighbour's, takes branches that go one way or the other at random from
// token to token, and their mispredictions cost more than the rest of the
// loop. So the loops pack the kind and the flags they need of a token
// (kindFlags), or of a token and the next (pairKey), into one number and
// compare it with a constant: one branch, which is rarely taken.

// kindFlags packs t's kind and those of its flags that are in mask into one
// number.
func kindFlags(t *document.Token, mask document.Flag) uint16 {
	return uint16(t.Kind)<<8 | uint16(t.Flags&mask)
}

// pairKey packs kindFlags(a, amask) and kindFlags(b, bmask) of two
// neighbouring tokens into one number.
func pairKey(a *document.Token, amask document.Flag, b *document.Token, bmask document.Flag) uint32 {
	return uint32(kindFlags(a, amask))<<16 | uint32(kindFlags(b, bmask))
}

// Values of kindFlags and pairKey that the rules look for.
const (
	kfPunct    = uint16(document.Punct) << 8
	kfWord     = uint16(document.Word) << 8
	kfInitials = kfWord | uint16(document.Abbrev) // Abbrev is only ever set on words
	kfSpace    = uint16(document.SpaceBefore)

	// spacedPunct: a punctuation token after white space on its line
	// (mask SpaceBefore|LineBefore).
	spacedPunct = kfPunct | kfSpace
	// markAfterMark, markAfterInitials: a punctuation token on the line of
	// a punctuation token or of an initialism (masks Abbrev, LineBefore).
	markAfterMark     = uint32(kfPunct)<<16 | uint32(kfPunct)
	markAfterInitials = uint32(kfInitials)<<16 | uint32(kfPunct)
	// periodBeforeWord: a punctuation token glued to the token before it
	// that is not an abbreviation's period, then white space and a word
	// that is not an initialism (masks SpaceBefore|AbbrevDot,
	// SpaceBefore|Abbrev).
	periodBeforeWord = uint32(kfPunct)<<16 | uint32(kfWord|kfSpace)
	// markGluedToWord: the same punctuation token with a word glued to it
	// (masks SpaceBefore|AbbrevDot, SpaceBefore).
	markGluedToWord = uint32(kfPunct)<<16 | uint32(kfWord)
)

// mayPrecedeLower reports whether the period at text[o] may be followed by
// white space and a word that starts in lower case, as far as the bytes
// tell: one or more bytes that may be white space (a space or a control
// character, or any multi-byte character), then one that may begin a
// lower-case letter. Printable ASCII characters are never skipped between
// tokens, so a period glued to one ("3.5", "U.S", "end.\"") or followed by
// white space and one that is not a lower-case letter ("end. The") is not
// followed by such a word.
func mayPrecedeLower(text string, o int) bool {
	j := o + 1
	for j < len(text) && text[j] <= ' ' {
		j++
	}
	if j == len(text) || j == o+1 && text[j] < utf8.RuneSelf {
		return false
	}
	c := text[j]
	return c >= 'a' && c <= 'z' || c >= utf8.RuneSelf
}

// twoDots are the suggestions for ".." before a lower-case word.
var twoDots = []string{"...", "."}

// looksAbbrev reports whether token j, before a period glued to it, may
// be an abbreviation the document package does not know: one in
// lowerAbbrevs, a single letter, or a capitalised word of up to three letters
// (Sgt., Ala.) that is not all capitals ("US." is a slip, not an
// abbreviation).
func looksAbbrev(doc *document.Document, j int) bool {
	t := &doc.Tokens[j]
	if t.Kind != document.Word {
		return false
	}
	w := doc.Text[t.Start:t.End]
	if len(w) == 1 || isLowerAbbrev(w) {
		return true
	}
	if len(w) > 3 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for k := 1; k < len(w); k++ {
		if w[k] < 'a' || w[k] > 'z' {
			return false
		}
	}
	return true
}

// isBang reports whether token i is "!" or "?".
func isBang(doc *document.Document, i int) bool {
	c := mark(doc, i)
	return c == '!' || c == '?'
}

// isEmoticon reports whether token j, a colon or semicolon, starts a
// smiley such as ":)", ";-)", ":(" or ":D" rather than being punctuation.
func isEmoticon(doc *document.Document, p document.Paragraph, j int) bool {
	if c := mark(doc, j); c != ':' && c != ';' {
		return false
	}
	if j+1 >= p.Tokens.Last || doc.Tokens[j+1].Has(document.SpaceBefore) {
		return false
	}
	n := &doc.Tokens[j+1]
	if n.End-n.Start != 1 {
		return false
	}
	switch doc.Text[n.Start] {
	case ')', '(', '-', '/', '\\', '|', '[', ']', '*', '\'', 'D', 'P', 'p', 'O', 'o', 'S', '3':
		return true
	}
	return false
}

// lowerAbbrevs are abbreviations written in lower case (or usually so) that
// the document package does not know and that a lower-case word may follow
// ("ed. by", "b. 1950"). Keys are lower case.
var lowerAbbrevs = map[string]bool{
	"ed": true, "eds": true, "trans": true, "fl": true, "ie": true, "eg": true, "inc": true,
	"ltd": true, "co": true, "corp": true, "aka": true, "approx": true, "jr": true, "sr": true,
	"dr": true, "mr": true, "mrs": true, "ms": true, "st": true, "vol": true, "no": true,
	"ft": true, "in": true, "oz": true, "lb": true, "ext": true, "tel": true, "fax": true,
	"dept": true, "govt": true, "est": true, "max": true, "min": true, "avg": true, "vs": true,
	"viz": true, "ibid": true, "op": true, "cit": true, "pp": true, "ch": true, "sec": true,
	"para": true, "fig": true, "cf": true, "et": true, "al": true, "etc": true, "esp": true,
	"incl": true, "excl": true, "nb": true, "ps": true, "abbr": true, "hr": true, "hrs": true,
	"mins": true, "secs": true, "yr": true, "yrs": true, "wk": true, "mo": true, "mos": true,
	"gen": true, "sgt": true, "lt": true, "col": true, "capt": true, "prof": true, "rev": true,
	"mt": true, "rd": true, "ave": true, "pl": true, "sq": true, "cu": true, "cal": true,
	"kcal": true, "km": true, "cm": true, "mm": true, "kg": true, "mg": true, "ml": true,
	"mph": true, "bn": true, "m": true, "tn": true, "pt": true, "pts": true, "var": true,
	"ca": true, "c": true, "v": true, "seq": true, "sic": true, "repr": true, "orig": true,
	"jnr": true, "snr": true, "cont": true, "contd": true, "tbc": true, "qv": true, "tex": true,
	"ind": true, "ont": true, "misc": true, "bros": true, "assoc": true, "intl": true,
}

// isLowerAbbrev reports whether word, compared without regard to case, is in
// lowerAbbrevs. It allocates nothing.
func isLowerAbbrev(word string) bool {
	if len(word) > 8 {
		return false
	}
	var buf [8]byte
	for k := 0; k < len(word); k++ {
		c := word[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return lowerAbbrevs[string(buf[:len(word)])]
}

// runStrayPeriod implements StrayPeriod.
//
// Periods followed by a lower-case word are rare, so it does not visit the
// tokens one by one: it finds the periods in the text, skips those that
// the bytes after them rule out (mayPrecedeLower), and steps to the token
// of each of the others.
func runStrayPeriod(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	for _, p := range doc.Paragraphs {
		text := doc.Text[:p.End]
		i := p.Tokens.First + 1
		for off := p.Start; ; off++ {
			k := strings.IndexByte(text[off:], '.')
			if k < 0 {
				break
			}
			off += k
			if !mayPrecedeLower(text, off) {
				continue
			}
			for i < p.Tokens.Last && int(toks[i].Start) < off {
				i++
			}
			if i+1 >= p.Tokens.Last {
				break
			}
			t := &toks[i]
			n := &toks[i+1]
			if int(t.Start) != off ||
				pairKey(t, document.SpaceBefore|document.AbbrevDot, n, document.SpaceBefore|document.Abbrev) != periodBeforeWord ||
				tokenMark(doc.Text, t) != '.' {
				continue
			}
			if !isLower(firstRune(doc, i+1)) || isBrand(doc.Text[n.Start:n.End]) {
				continue
			}
			if !strayAfter(doc, p, i-1) {
				continue
			}
			pass.Reportf(t.Span(), rules.Delete, "period inside a sentence, before the lower-case %q", doc.TokenText(i+1))
		}
	}
}

// strayAfter reports whether token j, glued to a following period, is one
// after which a period and a lower-case word show a split sentence: a word
// that is not an abbreviation or an initial, or a number inside running text
// (not a list marker such as "1.").
func strayAfter(doc *document.Document, p document.Paragraph, j int) bool {
	t := &doc.Tokens[j]
	switch t.Kind {
	case document.Word:
		w := doc.Text[t.Start:t.End]
		if t.Has(document.Abbrev) || utf8.RuneCountInString(w) == 1 {
			return false // initials and list letters: "J.", "a."
		}
		return document.Abbreviation(w) == document.NotAbbrev && !isLowerAbbrev(w)
	case document.Number:
		// A number that starts its line is a list marker ("1. the first
		// point"), and so is a short one inside a line ("apples 2.
		// pears"); a year or an amount after a word is running text.
		if j == p.Tokens.First || t.Has(document.LineBefore) || t.End-t.Start < 3 {
			return false
		}
		return doc.Tokens[j-1].Kind == document.Word && isLower(firstRune(doc, j-1))
	}
	return false
}

// isBrand reports whether a word that starts in lower case is a name written
// that way, with a capital inside (iPod, eBay, iTunes, easyJet) or a single
// letter and a hyphen (i-mode, e-mail), which may start a sentence as it is.
func isBrand(w string) bool {
	if len(w) > 2 && w[1] == '-' {
		return true
	}
	for k := 1; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			return true
		}
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(w[k:])
			if isUpper(r) {
				return true
			}
		}
	}
	return false
}

// runMissingSpace implements MissingSpace.
func runMissingSpace(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	cur := nonword.NewCursor(nonword.Index(doc))
	for _, p := range doc.Paragraphs {
		for _, j := range cur.In(document.Range{First: p.Tokens.First + 1, Last: p.Tokens.Last - 1}) {
			i := int(j)
			t := &toks[i]
			if pairKey(t, document.SpaceBefore|document.AbbrevDot, &toks[i+1], document.SpaceBefore) != markGluedToWord {
				continue
			}
			c := tokenMark(doc.Text, t)
			if c == 0 {
				continue
			}
			if !missingSpaceBetween(doc, p, i, c) {
				continue
			}
			pass.Reportf(t.Span(), spaced[c], "no space after %s", markNames[c])
		}
	}
}

// missingSpaceBetween decides whether mark c at token i, glued to the word
// before it and the word after it, lacks the space after it.
func missingSpaceBetween(doc *document.Document, p document.Paragraph, i int, c byte) bool {
	prev, next := &doc.Tokens[i-1], &doc.Tokens[i+1]
	pw := doc.Text[prev.Start:prev.End]
	nw := doc.Text[next.Start:next.End]
	switch prev.Kind {
	case document.Word:
		if utf8.RuneCountInString(pw) == 1 {
			return false // "C:Windows", "A.Smith"
		}
		if prev.Has(document.Abbrev) && c == '.' {
			return false
		}
	case document.Number:
		if c == ':' {
			return false // "2001:db8", "0800:"
		}
	case document.Punct:
		if !isCloser(doc, i-1) || doc.Text[prev.Start] == '\'' || doc.Text[prev.Start] == '"' {
			return false // straight quotes may open as well as close
		}
	default:
		return false
	}
	first := firstRune(doc, i+1)
	if !isLetter(first) || isEmoticon(doc, p, i) {
		return false
	}
	switch c {
	case '.', '!', '?':
		// Only a capitalised word that is not all capitals (ASP.NET,
		// REPORT.PDF) nor a web suffix (Plus.Net, Monster.Com).
		if !isUpper(first) || next.Has(document.Abbrev) || allCaps(nw) {
			return false
		}
		if isWebSuffix(nw) {
			return false
		}
		if c != '.' && prev.Kind == document.Word && !isLower(firstRune(doc, i-1)) {
			return false // "Yahoo!Mail", "Jeopardy!The"
		}
		if c == '.' && prev.Kind == document.Word && isUpper(firstRune(doc, i-1)) && !startsSentence(nw) {
			return false // "Gazeta.Ru", "Worm.B", "Diia.Business": a name
		}
	case ':':
		// "Web:TV", "Re:Invent", "Law & Order:SVU": a short name or an
		// acronym on either side; "Recommendation:Swiss-made" is a lost space.
		if prev.Kind == document.Word && isUpper(firstRune(doc, i-1)) && isUpper(first) &&
			(allCaps(nw) || utf8.RuneCountInString(pw) <= 3) && !startsSentence(nw) {
			return false
		}
	case ';':
		if endsEntity(doc, p, i) {
			return false // "F&#244;n", "&amp;c"
		}
		if strings.EqualFold(pw, "tl") && strings.EqualFold(nw, "dr") {
			return false // "tl;dr", "TL;DR": too long, didn't read
		}
	}
	return true
}

// leadingDot reports whether t, the token after a period that has white
// space before it, is glued to that period as the rest of a domain or a file
// extension (".com", ".exe", ".NET"): the period is not sentence
// punctuation.
func leadingDot(t *document.Token) bool {
	return !t.Has(document.SpaceBefore) && (t.Kind == document.Word || t.Kind == document.Number)
}

// endsEntity reports whether the semicolon at token i closes a literal HTML
// character reference ("caf&#233;", "&amp;", "&quot;") that a scraper left
// in the text: the "&" is at most three tokens back, with no space between.
func endsEntity(doc *document.Document, p document.Paragraph, i int) bool {
	for k := i - 1; k >= p.Tokens.First && k > i-4; k-- {
		if doc.Text[doc.Tokens[k].Start] == '&' {
			return true
		}
		if doc.Tokens[k].Has(document.SpaceBefore) {
			break
		}
	}
	return false
}

// startsSentence reports whether a capitalised word glued after a
// capitalised word and a period or colon shows a lost boundary between two
// sentences ("said Smith.The next day", "Oshu City.Approximately 50",
// "Note:The") rather than the inside of a name (Gazeta.Ru, Diia.Business,
// Worm.B, Web:TV): only a word that typically opens a sentence does, "I"
// the only one of one letter ("Worm.A" is a name).
func startsSentence(w string) bool {
	if w == "I" {
		return true
	}
	if len(w) < 2 {
		return false
	}
	if document.IsSentenceStarter(w) || sentenceOpeners[w] {
		return true
	}
	// a sentence adverb: "Approximately", "Unfortunately", "Finally"
	return len(w) >= 6 && strings.HasSuffix(w, "ly")
}

// sentenceOpeners are capitalised words that open sentences, beyond those
// document.IsSentenceStarter knows: auxiliaries of questions, imperatives of
// instructions and notices, and linking adverbs.
var sentenceOpeners = map[string]bool{
	"Is": true, "Are": true, "Was": true, "Were": true, "Do": true, "Does": true, "Did": true,
	"Will": true, "Can": true, "Could": true, "Would": true, "Should": true, "May": true, "Must": true,
	"Please": true, "Let": true, "Find": true, "Click": true, "See": true, "Read": true, "Call": true,
	"Contact": true, "Visit": true, "Get": true, "Buy": true, "Follow": true, "Thank": true, "Thanks": true,
	"Then": true, "Here": true, "Thus": true, "Therefore": true, "Moreover": true, "Furthermore": true,
	"Besides": true, "Although": true, "Because": true, "During": true, "Despite": true, "According": true,
	"Today": true, "Yesterday": true, "Tomorrow": true, "Every": true, "Each": true, "All": true,
	"No": true, "Not": true, "Only": true, "One": true, "Yes": true, "Note": true, "Even": true, "Just": true,
	"Until": true, "Unless": true, "Once": true, "Instead": true, "Otherwise": true, "Nevertheless": true,
	"My": true, "Your": true, "His": true, "Her": true, "Him": true, "Them": true, "Me": true, "Us": true,
}

// allCaps reports whether w has no lower-case ASCII letter and at least two
// bytes.
func allCaps(w string) bool {
	if len(w) < 2 {
		return false
	}
	for k := 0; k < len(w); k++ {
		if c := w[k]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

// webSuffixes are the top-level domains that, capitalised, still make
// "Name.Suffix" a site name (Plus.Net, Monster.Com) rather than two sentences.
var webSuffixes = []string{"com", "net", "org", "co", "uk", "gov", "edu", "info", "biz", "tv"}

// isWebSuffix reports whether w is one of webSuffixes in any case.
func isWebSuffix(w string) bool {
	if len(w) > 4 {
		return false
	}
	for _, s := range webSuffixes {
		if len(s) == len(w) && strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}
