// Package typography holds the rules of the typography family: conventions
// of the source language that a translation carried over into English text.
// A decimal comma ("3,5 million"), thousands grouped with periods or spaces
// ("1.500 people", "100 000 troops"), French spacing before ; : ! ? and
// inside quotation marks, guillemets (« ») and low quotes („ “), 24-hour
// times in the French or German manner ("14h30", "14.30 Uhr"), a currency
// sign after the amount ("50 €"), Roman-numeral centuries ("the XXI
// century") and foreign ordinals ("1er", "the 3. round"); and large counts
// with no separator at all ("185000 geese"), as Chinese MT writes them.
//
// Translation engines and careless post-editors translate words, not
// typography: numbers, quotation marks and spacing come through as the
// source language wrote them. Each of these conventions is ordinary in
// French, German, Russian, Ukrainian, Spanish or Italian and foreign in
// English, so each is a cheap and precise sign of translated text.
//
// All rules work on tokens. One pass over the tokens of a window, shared
// by the family through Document.Memo, picks the few that any rule may care
// about (numbers, quotation marks, currency signs, ; : ! ? after white
// space, words that may be Roman numerals), and each rule then visits only
// those, so the family costs one cheap loop over the tokens whatever its
// size.
package typography

import (
	"encoding/binary"
	"iter"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// Rules lists the family's rules in their fixed run order.
var Rules = []*rules.Rule{
	DecimalComma, ThousandsSeparator, FrenchSpacing, Guillemets, LowQuotes,
	TimeFormat, CurrencyAfter, RomanCentury, Ordinal, CJKPunctuation, C1Control, UngroupedThousands,
}

// DecimalComma flags a continental decimal comma before a unit ("3,5
// million", "2,7%"), which English writes with a period.
var DecimalComma = &rules.Rule{
	ID:       "typography.decimal-comma",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "a decimal comma (\"3,5 million\", \"2,7%\") where English writes a decimal point",
	Explanation: `Most of continental Europe writes decimals with a comma: French, German, Spanish,
Italian, Russian and Ukrainian sources say "3,5 millions", "2,7 %" or "0,5 Punkte".
A translation engine translates the words and copies the number, so the English
text reads "3,5 million" or "1,2 billion euros". An English reader takes the comma
for a thousands separator, or for a list, and misreads the figure.

What to do: write the decimal with a period: "3,5 million" becomes "3.5 million",
"1.234,5 tonnes" becomes "1,234.5 tonnes".

Flagged only before a unit that makes the number a quantity (million, billion, bn,
m, %, per cent, points, a currency, km, kg, hours and the like), so that lists
("pages 2,5") are left alone. Never flagged: English thousands ("1,000", "3,500",
"10,000"), where three digits follow the comma; "2,3 times", where the two figures
are more likely a range.`,
	Flagged:   "The budget deficit narrowed to 3,5 million euros last year.",
	Unflagged: "Some 3,500 people and 10,000 fans were there as the deficit fell to 3.5 million euros.",
	SafeFix:   true,
	Run:       runDecimalComma,
}

// ThousandsSeparator flags thousands grouped with periods ("1.250.000",
// "1.500 people") or with spaces ("100 000 troops"), where English uses
// commas.
var ThousandsSeparator = &rules.Rule{
	ID:       "typography.thousands-separator",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "thousands grouped with periods (\"1.500 people\") or spaces (\"100 000 troops\") instead of commas",
	Explanation: `German, Spanish, Italian, Portuguese, Dutch and Turkish group the digits of large
numbers with a period ("1.250.000", "1.500 Menschen"); French, Russian, Ukrainian,
Polish and the Nordic languages with a space, often a no-break or narrow no-break
space ("100 000 soldats", "50 000 євро"). Translation copies the number as it is.
In English "1.500 people" reads as one and a half people, and "100 000 troops"
looks like two numbers.

What to do: group with commas: "1.250.000" becomes "1,250,000", "100 000 troops"
becomes "100,000 troops".

Flagged: two or more period-separated groups of three digits; a single group
("1.500") only before a count noun or a currency ("people", "troops", "euros"),
since "4.483 million" or "1.364 per euro" are decimals; groups of three digits
separated by single spaces. Not flagged: phone numbers and codes (a group that
starts with 0, a run that a dash, slash or further number continues), years and
dates ("2004 2005"), decimals ("3.5", "4.483 million").`,
	Flagged:   "Some 100 000 troops and 1.500 tanks are massed near the border.",
	Unflagged: "Some 100,000 troops, 4.483 million people and 1,500 tanks; call 020 7946 0000.",
	SafeFix:   true,
	Run:       runThousandsSeparator,
}

// FrenchSpacing flags the spaces of French typography that the punctuation
// family does not: a no-break or narrow no-break space before ; : ! ?, and
// spaces just inside « » and “ ”.
var FrenchSpacing = &rules.Rule{
	ID:       "typography.french-spacing",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "French spacing: a (no-break) space before ; : ! ? or just inside « » or “ ”",
	Explanation: `French typography puts a space, properly a narrow no-break space (U+202F) or a
no-break space (U+00A0), before ; : ! and ?, and inside guillemets: "Pourquoi ?",
« non ». Text translated from French, or typed by someone used to French, keeps
those spaces: "he said : « no »", "Why ?", "a crisis !". When the guillemets are
turned into English quotes the spaces often stay: “ They can't be easy ”.

What to do: delete the space. "Why ?" becomes "Why?", “ They can't be easy ”
becomes “They can't be easy”.

The flagged text is the space itself. An ordinary space before ; : ! ? after a
word is reported by punctuation.space-before, so this rule reports only the
no-break, narrow no-break and thin spaces there, and the ordinary spaces that
punctuation.space-before leaves alone: after a guillemet ("« non » !") and before
a mark glued to a guillemet, another mark or an ellipsis ("Quoi ?!", "non ?»").
Not flagged: times and ratios ("10 : 30", "3 : 1"), smileys (" :)"), and
straight quotes, whose direction cannot be told.`,
	Flagged:   "“ They can't be easy ”, he said\u00a0: it is a crisis\u202f!",
	Unflagged: "“They can't be easy”, he said: it is a crisis! It ended 10 : 30, 3\u00a0: 1 :)",
	SafeFix:   true,
	Run:       runFrenchSpacing,
}

// Guillemets flags the quotation marks « » ‹ › of French, Russian,
// Ukrainian, Spanish and Italian, and the reversed »…« of German.
var Guillemets = &rules.Rule{
	ID:       "typography.guillemets",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "guillemets « » or ‹ › (or German » «) where English uses “ ” or ‘ ’",
	Explanation: `Guillemets are the quotation marks of French, Russian, Ukrainian, Spanish, Italian,
Portuguese, Norwegian and Swiss German: « difficult » talks, «Нафтогаз». German and
Danish use them reversed: »Zeit«. Machine translation keeps the source's marks,
so translated news quotes people «like this». English uses “ ” (or ' and ", or
‘ ’ for a quotation inside a quotation).

What to do: replace the opening mark with “ and the closing one with ” (‹ › with
‘ ’), and delete the spaces French puts inside them (typography.french-spacing
reports those). Whether » opens (German) or closes (French) is read from the
marks before it in the paragraph and from the characters around it.

Not flagged: a lone » or › with spaces on both sides or at the edge of a line,
which web pages use as an arrow or a separator ("Home » News", "Next ›").`,
	Flagged:   "He called the talks «difficult» and the offer »fair«.",
	Unflagged: "He called the talks “difficult”. Home » News » Europe",
	SafeFix:   true,
	Run:       runGuillemets,
}

// LowQuotes flags the low opening quotes „ and ‚ of German, Polish, Czech,
// Romanian, Russian and Ukrainian.
var LowQuotes = &rules.Rule{
	ID:       "typography.low-quotes",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "low quotation marks „…“ or ‚…‘ where English uses “…” or ‘…’",
	Explanation: `German, Austrian, Czech, Slovak, Polish, Romanian, Hungarian, Bulgarian and
(for quotes within quotes) Russian and Ukrainian open a quotation with a low mark
on the baseline: „Wir schaffen das“, ‚so‘, „Solidarność”. A translation that keeps
the marks gives „We can do it“, which English never writes. German also closes
with “, which in English is the opening mark.

What to do: open with “ (or ‘) and close with ” (or ’): „We can do it“ becomes
“We can do it”. The rule flags the low mark and, when it finds one, the closing
“ or ‘ of the same quotation, each with its English replacement; a closing ”
(Polish, Romanian, Hungarian) is already right.

A single low mark ‚ is flagged only when it opens a quotation that a ‘ or ’
closes in the same paragraph, since the same mark may be a mistyped comma.`,
	Flagged:   "Merkel said: „We can do it“.",
	Unflagged: "Merkel said: “We can do it”, and ‘so’ it was.",
	SafeFix:   true,
	Run:       runLowQuotes,
}

// TimeFormat flags 24-hour times written the French or German way ("14h30",
// "14 h 30", "14.30 Uhr", "at 21.00 hours").
var TimeFormat = &rules.Rule{
	ID:       "typography.time-format",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "a time written the French or German way (\"14h30\", \"14.30 Uhr\", \"at 9:00 hours\")",
	Explanation: `French writes times with an "h" ("14h30", "14 h 30", "9h"), German with "Uhr"
("14.30 Uhr"), Spanish and Italian often add "horas" or "ore": translated, "at 9:00
hours" or "21.00 hours". Engines leave the French and German forms untouched and
turn the others into a word-for-word "hours" that English uses only in military
style with four digits ("0900 hours").

What to do: write the time as English does: "14:30" (or "2.30pm" in British
style), "at 9:00".

Not flagged: "14.30" or "2.30pm" alone, which is British style, "10:30 GMT",
military times ("0900 hours") and durations ("1.5 hours", "2h" without "at",
"from" or a like word before it).`,
	Flagged:   "The summit opens at 14h30 and the vote is at 21.00 hours.",
	Unflagged: "The summit opens at 14:30 (2.30pm BST) after a 2h flight; the vote is at 21.00 and lasts 1.5 hours.",
	SafeFix:   true,
	Run:       runTimeFormat,
}

// CurrencyAfter flags a currency sign written after the amount ("50 €",
// "3 million $").
var CurrencyAfter = &rules.Rule{
	ID:       "typography.currency-after",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "a currency sign after the amount (\"50 €\", \"3 million $\") where English puts it first",
	Explanation: `French, German, Spanish, Italian, Polish, Russian and Ukrainian write the currency
sign after the amount, usually after a space: "50 €", "3 millions $", "100 ₽",
"20 ₴". A translation that keeps the figure keeps the order. English puts the sign
first, with no space: "€50", "$3m", "£20".

What to do: move the sign before the amount: "50 €" becomes "€50", "3 million $"
becomes "$3 million". Or spell the currency out after it ("50 euros").

Not flagged: a sign that starts the next amount ("by 2008 £60bn", "rose 5 $10
bills"), "US$" and the like, and the cent sign, which English puts after the
amount ("50¢").`,
	Flagged:   "A loaf now costs 50 € and a flat 3 million $.",
	Unflagged: "A loaf now costs €50, a flat $3m and the plan £1.2bn by 2008 £60bn.",
	SafeFix:   true,
	Run:       runCurrencyAfter,
}

// RomanCentury flags a century written in Roman numerals ("the XXI
// century", "the XXth century").
var RomanCentury = &rules.Rule{
	ID:       "typography.roman-century",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "a century in Roman numerals (\"the XXI century\") where English writes \"the 21st century\"",
	Explanation: `French, Spanish, Italian, Portuguese, Polish, Russian and Ukrainian number
centuries in Roman numerals: "le XXIe siècle", "el siglo XXI", "XXI століття".
Translated word for word this gives "the XXI century" or "the XXth century". English
writes centuries with Arabic ordinals.

What to do: write "the 21st century" ("the 19th-20th centuries" for a range).

Only Roman numerals from I to XXI directly before "century" or "centuries" are
flagged, so regnal numbers and other Roman numerals (Henry VIII, World War II,
Super Bowl XXXIX) are not.`,
	Flagged:   "It is the biggest war of the XXI century.",
	Unflagged: "It is the biggest war of the 21st century, said Henry VIII fans of World War II.",
	SafeFix:   true,
	Run:       runRomanCentury,
}

// Ordinal flags ordinal numbers written with a foreign suffix ("1er",
// "2ème", "the 3º round") or with the German period ("the 3. round").
var Ordinal = &rules.Rule{
	ID:       "typography.ordinal",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "an ordinal with a foreign suffix (\"1er\", \"2ème\", \"the 3. round\") where English writes \"1st\", \"2nd\", \"3rd\"",
	Explanation: `French writes ordinals "1er", "1re", "2e", "2ème"; Spanish, Italian and Portuguese
"1º", "2ª"; German, Polish, Czech and the Nordic languages a period: "der 3. Runde",
"3. kolo". Translation keeps the figure, giving "the 1er round", "the 2ème time" or
"in the 89. minute".

What to do: write the English ordinal: "1st", "2nd", "the 3rd round", "the 89th
minute".

Flagged: a number with the suffix er, re, ère, ème, eme or ième; one with º or ª
after "the" (elsewhere º is often a degree sign: "45º"); "the" and a number with a
period before a lower-case word. Not flagged: "1er cru" (a wine term), list
numbers ("1. the first point"), a sentence ending in a number.`,
	Flagged:   "He scored in the 89. minute of the 2ème match.",
	Unflagged: "He scored in the 89th minute. 2. the second match was a 1er cru tasting at 45º.",
	SafeFix:   true,
	Run:       runOrdinal,
}

// CJKPunctuation flags the fullwidth and ideographic punctuation of
// Chinese and Japanese (， 。 ： ； ！ ？ （ ） 「 」 、) left in English text.
var CJKPunctuation = &rules.Rule{
	ID:       "typography.cjk-punctuation",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "Chinese or Japanese punctuation (\"，\" \"。\" \"？\" \"（）\" \"「」\") left in English text",
	Explanation: `Chinese and Japanese write their punctuation full width: the comma "，", the
ideographic full stop "。", the enumeration comma "、", "：", "；", "！", "？", the
parentheses "（ ）" and the corner brackets "「 」" and "『 』" that serve as quotation
marks. Translation engines copy marks they cannot align with a word, so English
output from Chinese or Japanese keeps them: "First，the price rose", "Is it new？",
"it stopped working。". Japanese writes an ellipsis as "。。" or "、、、", and a
mark is often doubled after the English one: "really?？", "great!！".

What to do: write the English mark and a space after it where a word follows:
"First，the price" becomes "First, the price", "（see below）" becomes "(see
below)", 「yes」 becomes “yes”; "、、、" and "。。" become "...", and a mark that
repeats the English one before it ("?？") is deleted.

Not flagged: a mark next to a Chinese, Japanese or Korean character, which belongs
to a quotation or a name in that script (“the slogan 「中国梦」”), and is the
business of language.untranslated; the lenticular brackets 【 】 and title marks
《 》 that web titles of Japanese and Chinese shops keep in human translations too.`,
	Flagged:   "First，the price rose（by a lot）and buyers asked 「why」？",
	Unflagged: "First, the price rose (by a lot); the sign read 「中国梦」 and the title was 【Sale】.",
	SafeFix:   true,
	Run:       runCJKPunctuation,
}

// C1Control flags the C1 control characters U+0080 to U+009F, which are
// the Windows-1252 punctuation (– — ‘ ’ “ ” …) of text that a pipeline
// decoded as Latin-1.
var C1Control = &rules.Rule{
	ID:       "typography.c1-control",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "an invisible C1 control character (U+0080 to U+009F) where Windows-1252 had a dash, a quotation mark or an ellipsis",
	Explanation: `Windows-1252, the old Western code page of Windows, puts the en dash, the em dash,
the curly quotation marks, the apostrophe, the ellipsis and the euro sign at bytes
0x80 to 0x9F. Latin-1 and Unicode put invisible control characters there. A
translation pipeline (or a scraper, or a database) that reads Windows-1252 text as
Latin-1 turns "1990–2000" into "1990\u00962000" and “yes” into
"\u0093yes\u0094": the marks vanish on screen, words run together, and search and
copy-paste break. No text has a use for these characters.

What to do: replace each with the Windows-1252 character it stands for: U+0096
with "–", U+0097 with "—", U+0091 and U+0092 with "‘" and "’", U+0093 and U+0094
with "“" and "”", U+0080 with "€"; better, fix the decoding step
and convert the whole text again.

Flagged: every C1 control character but U+0085, which readers take for a line
break; the five that Windows-1252 leaves undefined
(U+0081, U+008D, U+008F, U+0090, U+009D) with deletion as the suggestion.`,
	Flagged:   "Prices rose by 3\u00964% in the spring, she said.",
	Unflagged: "Prices rose by 3–4% in the spring — she said “yes”.",
	SafeFix:   true,
	Run:       runC1Control,
}

// ---- candidates ----

// The kinds of candidate token that the family's shared pass picks.
const (
	candNumber   uint8 = 1 << iota // a Number token
	candMark                       // ; : ! or ? after white space on its line
	candQuote                      // « » ‹ › „ ‚ “ ”
	candCurrency                   // a currency sign
	candRoman                      // a word starting with I, V or X, then a word of 7 or 9 bytes
	candCJK                        // a fullwidth or ideographic mark: ， 。 ： ？ （ 「 and the like
	candC1                         // a C1 control character, U+0080 to U+009F
)

// cand is one candidate token: its index in Document.Tokens, the index of its
// paragraph, its kind and, for a quotation mark, the mark.
type cand struct {
	tok, para int32
	q         rune
	kind      uint8
}

// found is what the shared pass finds in a window: the candidates and which
// kinds of them occur, so that a rule with nothing to look at returns at
// once.
type found struct {
	cands []cand
	kinds uint8 // the union of the candidates' kinds
	quote bool  // some guillemet or low quote occurs
}

// of yields the candidates of one kind, and nothing at once when the window
// has none of that kind.
func (f *found) of(kind uint8) iter.Seq[cand] {
	return func(yield func(cand) bool) {
		if f.kinds&kind == 0 {
			return
		}
		for _, c := range f.cands {
			if c.kind == kind && !yield(c) {
				return
			}
		}
	}
}

// byParagraph yields the candidates one paragraph at a time, in text
// order, each group with the tokens of its paragraph.
func (f *found) byParagraph(doc *document.Document) iter.Seq2[document.Range, []cand] {
	return func(yield func(document.Range, []cand) bool) {
		cs := f.cands
		for k := 0; k < len(cs); {
			e := k + 1
			for e < len(cs) && cs[e].para == cs[k].para {
				e++
			}
			if !yield(para(doc, cs[k]), cs[k:e]) {
				return
			}
			k = e
		}
	}
}

// memoKey keys the family's candidates in Document.Memo.
type memoKey struct{}

// scratchKey keys, in Document.Scratch, the candidate list that each window
// reuses.
type scratchKey struct{}

// candidates returns the candidate tokens of the current window of doc, in
// token order, computing them on the first call for the window.
func candidates(doc *document.Document) *found {
	return doc.Memo(memoKey{}, func() any { return collect(doc) }).(*found)
}

// interesting[kind][b] is 1 when a token of that kind whose first byte is b
// may be a candidate: any number; a word starting with I, V or X; ; : ! ? and
// non-ASCII punctuation; $ and non-ASCII symbols.
var interesting = func() (t [8][256]uint8) {
	for b := 0; b < 256; b++ {
		t[document.Number][b] = 1
		if b >= utf8.RuneSelf {
			t[document.Punct][b] = 1
			t[document.Symbol][b] = 1
		}
	}
	for _, b := range []byte("IVX") {
		t[document.Word][b] = 1
	}
	for _, b := range []byte(";:!?") {
		t[document.Punct][b] = 1
	}
	t[document.Symbol]['$'] = 1
	return t
}()

// collect walks every token of the window once and keeps the candidates.
// Most tokens are words that no rule wants, and a branch per token on its
// kind would be mispredicted often, so a first loop without branches marks,
// a chunk of tokens at a time, each token that interesting lets through; a
// second loop skips unmarked tokens eight at a time, and only the marked
// ones are looked at closely.
func collect(doc *document.Document) *found {
	text := doc.Text
	toks := doc.Tokens
	f := doc.Scratch(scratchKey{}, func() any { return new(found) }).(*found)
	*f = found{cands: f.cands[:0]}
	var mask [256]uint8
	for p := range doc.Paragraphs {
		r := doc.Paragraphs[p].Tokens
		for lo := r.First; lo < r.Last; lo += len(mask) {
			chunk := toks[lo:min(lo+len(mask), r.Last)]
			for k := range chunk {
				t := &chunk[k]
				mask[k&255] = interesting[t.Kind&7][text[t.Start]]
			}
			// past the chunk's end mask holds zeros
			clear(mask[len(chunk) : (len(chunk)+7)&^7])
			for k := 0; k < len(chunk); k += 8 {
				// the marked tokens of eight, one a step: each marked
				// byte is 1, so the lowest set bit of w is in the byte
				// of the next one
				for w := binary.LittleEndian.Uint64(mask[k : k+8]); w != 0; w &= w - 1 {
					j := k + bits.TrailingZeros64(w)>>3
					if c, ok := classify(doc, r, lo+j); ok {
						c.para = int32(p)
						f.cands = append(f.cands, c)
						f.kinds |= c.kind
						f.quote = f.quote || c.q != qLeftCurly && c.q != qRightCurly && c.q != qNone
					}
				}
			}
		}
	}
	return f
}

// classify decides whether token i of paragraph r, which interesting let
// through, is a candidate, and of which kind.
func classify(doc *document.Document, r document.Range, i int) (cand, bool) {
	text := doc.Text
	t := &doc.Tokens[i]
	c := cand{tok: int32(i)}
	switch t.Kind {
	case document.Number:
		c.kind = candNumber
	case document.Word:
		// a Roman numeral needs "century" or "centuries" after it
		n := i + 1
		if n >= r.Last || doc.Tokens[n].Flags&(document.SpaceBefore|document.LineBefore) != document.SpaceBefore {
			return c, false
		}
		if l := doc.Tokens[n].End - doc.Tokens[n].Start; l != 7 && l != 9 {
			return c, false
		}
		c.kind = candRoman
	case document.Punct:
		b := text[t.Start]
		if b >= utf8.RuneSelf {
			if c.q = quoteOf(text[t.Start:t.End]); c.q != qNone {
				c.kind = candQuote
			} else if cjkASCII(text[t.Start:t.End]) != "" {
				c.kind = candCJK
			} else {
				return c, false
			}
		} else if t.Flags&(document.SpaceBefore|document.LineBefore) == document.SpaceBefore {
			c.kind = candMark
		} else {
			return c, false
		}
	case document.Symbol:
		switch {
		case isCurrency(text[t.Start:t.End]):
			c.kind = candCurrency
		case text[t.Start] == 0xC2 && t.End-t.Start >= 2 && text[t.Start+1] < 0xA0:
			c.kind = candC1
		default:
			return c, false
		}
	default:
		return c, false
	}
	return c, true
}

// Quotation marks, as quoteOf returns them.
const (
	qNone       = 0
	qLeftGuill  = '«'
	qRightGuill = '»'
	qLeftSingle = '‹'
	qRightSngl  = '›'
	qLow        = '„'
	qLowSingle  = '‚'
	qLeftCurly  = '“'
	qRightCurly = '”'
)

// quoteOf returns the quotation mark that the token text s is, or qNone.
func quoteOf(s string) rune {
	switch s {
	case "«":
		return qLeftGuill
	case "»":
		return qRightGuill
	case "‹":
		return qLeftSingle
	case "›":
		return qRightSngl
	case "„":
		return qLow
	case "‚":
		return qLowSingle
	case "“":
		return qLeftCurly
	case "”":
		return qRightCurly
	}
	return qNone
}

// isCurrency reports whether s is a currency sign that English writes
// before the amount.
func isCurrency(s string) bool {
	if len(s) == 1 {
		return s[0] == '$'
	}
	switch s {
	case "€", "£", "¥", "₽", "₴", "₺", "₹", "₩", "₪", "₣", "₦", "₱", "₫", "₸", "₼", "₾", "₡", "₵":
		return true
	}
	return false
}

// ---- small helpers ----

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitsLen returns the length of the run of ASCII digits at s[i:].
func digitsLen(s string, i int) int {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	return j - i
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	return s != "" && digitsLen(s, 0) == len(s)
}

// atoi reads a short run of ASCII digits; it is only called on at most a
// few digits.
func atoi(s string) int {
	n := 0
	for k := 0; k < len(s); k++ {
		n = n*10 + int(s[k]-'0')
	}
	return n
}

// wordIn reports whether w, compared in ASCII lower case, is a key of set.
// It allocates nothing.
func wordIn(set map[string]bool, w string) bool {
	if len(w) > 16 {
		return false
	}
	var buf [16]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return set[string(buf[:len(w)])]
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// para returns the token range of candidate c's paragraph.
func para(doc *document.Document, c cand) document.Range {
	return doc.Paragraphs[c.para].Tokens
}

// nextOnLine returns the index of the token after i on i's line, or -1.
func nextOnLine(doc *document.Document, r document.Range, i int) int {
	if i+1 < r.Last && !doc.Tokens[i+1].Has(document.LineBefore) {
		return i + 1
	}
	return -1
}

// prevOnLine returns the index of the token before i on i's line, or -1.
func prevOnLine(doc *document.Document, r document.Range, i int) int {
	if i > r.First && !doc.Tokens[i].Has(document.LineBefore) {
		return i - 1
	}
	return -1
}

// spaced reports whether token i follows white space (on its line).
func spaced(doc *document.Document, i int) bool {
	return doc.Tokens[i].Has(document.SpaceBefore)
}

// wordAt reports whether token i is a word in set.
func wordAt(doc *document.Document, i int, set map[string]bool) bool {
	if i < 0 {
		return false
	}
	t := &doc.Tokens[i]
	return t.Kind == document.Word && wordIn(set, doc.Text[t.Start:t.End])
}

// tokenIs reports whether token i exists and its text is s.
func tokenIs(doc *document.Document, i int, s string) bool {
	if i < 0 {
		return false
	}
	t := &doc.Tokens[i]
	return int(t.End-t.Start) == len(s) && doc.Text[t.Start:t.End] == s
}

// ordinalSuffix returns the English suffix of the ordinal of n.
func ordinalSuffix(n int) string {
	if m := n % 100; m >= 11 && m <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

// ---- typography.decimal-comma ----

// unitWords make a number before them a quantity. Time units are kept apart:
// see timeUnits.
var unitWords = setOf(
	"million", "millions", "billion", "billions", "trillion", "trillions", "thousand", "thousands",
	"bn", "mn", "mln", "m", "tn", "k",
	"percent", "per", "percentage", "points", "point", "pts", "pp",
	"euro", "euros", "eur", "dollar", "dollars", "usd", "pound", "pounds", "hryvnia", "hryvnias",
	"hryvnas", "uah", "rouble", "roubles", "ruble", "rubles", "rub", "yen", "yuan", "franc", "francs",
	"crown", "crowns", "kroner", "kronor", "zloty", "zlotys", "lei", "lira", "liras", "forint", "forints",
	"km", "kilometres", "kilometers", "kg", "kilograms", "kilos", "tonnes", "tons", "metres", "meters",
	"cm", "mm", "litres", "liters", "hectares", "ha", "degrees", "kwh", "mw", "gw", "twh",
)

// timeUnits make a number a quantity too, but "2,3 times" or "2,3 days"
// is more often a range than a decimal; see consecutive.
var timeUnits = setOf("times", "hours", "hour", "h", "minutes", "seconds", "days", "weeks", "months", "years")

// unitSuffixes are the units written glued to a number ("3,5m", "2,5km").
var unitSuffixes = setOf("m", "bn", "mn", "mln", "k", "km", "kg", "cm", "mm", "t", "tn", "h", "ha", "mw", "gw")

// decimalCommaLen returns the length of the number with a decimal comma at
// the start of s ("3,5", "0,125", "1.234,5"), or 0 when s does not start with
// one: at most three digits, optional groups of three after periods, a comma
// and one or two digits (any number when the whole part is 0).
func decimalCommaLen(s string) int {
	n := digitsLen(s, 0)
	if n == 0 || n > 3 {
		return 0
	}
	i, dotted := n, false
	for i < len(s) && s[i] == '.' {
		if digitsLen(s, i+1) != 3 {
			return 0
		}
		i += 4
		dotted = true
	}
	if i >= len(s) || s[i] != ',' {
		return 0
	}
	f := digitsLen(s, i+1)
	if f == 0 || f > 2 && !(n == 1 && s[0] == '0' && !dotted) {
		return 0
	}
	j := i + 1 + f
	if j < len(s) {
		switch s[j] {
		case ',', '.', ':', '/', '-', '\'':
			return 0 // "1,5,7", "6,4-6": a list or a score
		}
	}
	return j
}

func runDecimalComma(pass *rules.Pass) {
	doc := pass.Doc
	for c := range candidates(doc).of(candNumber) {
		i := int(c.tok)
		t := &doc.Tokens[i]
		s := doc.Text[t.Start:t.End]
		n := decimalCommaLen(s)
		if n == 0 {
			continue
		}
		if suffix := s[n:]; suffix != "" {
			if !wordIn(unitSuffixes, suffix) {
				continue
			}
		} else if !unitFollows(doc, para(doc, c), i, s) {
			continue
		}
		num := s[:n]
		pass.Reportf(document.Span{Start: int(t.Start), End: int(t.Start) + n}, []string{swapSeparators(num)},
			"decimal comma in %q: English writes a decimal point", num)
	}
}

// unitFollows reports whether the token after number i (text s) is a unit
// that makes it a quantity.
func unitFollows(doc *document.Document, r document.Range, i int, s string) bool {
	j := nextOnLine(doc, r, i)
	if j < 0 {
		return false
	}
	t := &doc.Tokens[j]
	w := doc.Text[t.Start:t.End]
	switch t.Kind {
	case document.Symbol:
		return w == "%" || w == "‰" || w == "°" || isCurrency(w)
	case document.Word:
		if !spaced(doc, j) {
			return false
		}
		if wordIn(unitWords, w) {
			return true
		}
		return wordIn(timeUnits, w) && !consecutive(s)
	}
	return false
}

// consecutive reports whether the number s, "a,b", has b = a+1 ("2,3"): a
// range of two figures rather than a decimal.
func consecutive(s string) bool {
	a, b, ok := strings.Cut(s, ",")
	return ok && allDigits(a) && allDigits(b) && len(a) <= 2 && len(b) <= 2 && atoi(b) == atoi(a)+1
}

// swapSeparators turns continental "1.234,5" into English "1,234.5".
func swapSeparators(s string) string {
	b := []byte(s)
	for k, c := range b {
		switch c {
		case ',':
			b[k] = '.'
		case '.':
			b[k] = ','
		}
	}
	return string(b)
}

// ---- typography.thousands-separator ----

// countNouns are the plural nouns before which a number with one group of
// three decimals ("1.500 people") must be a count, not a decimal.
var countNouns = setOf(
	"people", "persons", "residents", "inhabitants", "citizens", "civilians", "troops", "soldiers",
	"servicemen", "fighters", "militants", "officers", "policemen", "police", "workers", "employees",
	"staff", "jobs", "victims", "casualties", "refugees", "migrants", "children", "students", "pupils",
	"patients", "doctors", "teachers", "voters", "votes", "members", "fans", "spectators", "visitors",
	"tourists", "households", "families", "homes", "houses", "apartments", "flats", "buildings",
	"vehicles", "cars", "tanks", "drones", "missiles", "shells", "rockets", "aircraft", "planes",
	"ships", "cases", "deaths", "infections", "copies", "signatures", "participants", "protesters",
	"demonstrators", "prisoners", "detainees", "hostages", "companies", "firms", "schools", "hospitals",
	"villages", "towns", "settlements", "objects", "units", "pieces", "items", "animals", "trees",
	"hectares", "tonnes", "tons", "barrels", "km", "kilometres", "kilometers", "metres", "meters",
)

// currencyWords are the currencies spelt out after an amount.
var currencyWords = setOf(
	"euros", "dollars", "hryvnias", "hryvnas", "hryvnia", "uah", "eur", "usd", "roubles", "rubles",
	"francs", "crowns", "kroner", "kronor", "zlotys", "zloty", "lei", "liras", "lire", "forints",
	"korunas", "pesos", "reais", "yen", "yuan", "rupees",
)

// rateWords after an amount in a currency make it an exchange rate
// ("1.364 euros per dollar"), which may well have three decimals.
var rateWords = setOf("per", "against", "to", "a", "an")

// isHSpace reports whether r is a space that may separate groups of digits:
// a space, a no-break space, a narrow no-break space or a thin space.
func isHSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// groupGap reports whether the text between two tokens is one space that
// may separate groups of digits, and whether it is not an ASCII space.
func groupGap(gap string) (ok, special bool) {
	if gap == " " {
		return true, false
	}
	r, size := utf8.DecodeRuneInString(gap)
	if size != len(gap) || !isHSpace(r) {
		return false, false
	}
	return true, true
}

func runThousandsSeparator(pass *rules.Pass) {
	doc := pass.Doc
	for c := range candidates(doc).of(candNumber) {
		i := int(c.tok)
		r := para(doc, c)
		t := &doc.Tokens[i]
		s := doc.Text[t.Start:t.End]
		if groups := dottedGroups(s); groups > 0 {
			if dottedThousands(doc, r, i, groups, s) {
				pass.Reportf(t.Span(), []string{swapSeparators(s)}, "%q: English groups thousands with commas", s)
			}
			continue
		}
		if end := spacedThousands(doc, r, i); end > i {
			span := document.Span{Start: int(t.Start), End: int(doc.Tokens[end].End)}
			pass.Reportf(span, []string{joinGroups(doc, i, end)}, "%q: English groups thousands with commas", doc.SpanText(span))
		}
	}
}

// dottedGroups returns the number of period-separated groups of three
// digits in s ("1.250.000" has 2), or 0 if s is not such a number.
func dottedGroups(s string) int {
	n := digitsLen(s, 0)
	if n == 0 || n > 3 || s[0] == '0' {
		return 0
	}
	groups := 0
	for i := n; i < len(s); i += 4 {
		if s[i] != '.' || digitsLen(s, i+1) != 3 {
			return 0
		}
		groups++
	}
	return groups
}

// dottedThousands decides whether number i (text s, with groups groups of
// three digits after periods) is grouped in the continental manner.
func dottedThousands(doc *document.Document, r document.Range, i, groups int, s string) bool {
	if p := prevOnLine(doc, r, i); p >= 0 && !spaced(doc, i) && doc.Tokens[p].Kind != document.Punct {
		return false // "v1.250.000", "$1.364"
	}
	if groups >= 2 {
		return true
	}
	j := nextOnLine(doc, r, i)
	if j < 0 || !spaced(doc, j) {
		return false
	}
	if wordAt(doc, j, countNouns) {
		return true
	}
	// "1.500 euros", but not "1.364 euros per dollar": amounts of money
	// are round, rates are not.
	return wordAt(doc, j, currencyWords) && s[len(s)-1] == '0' && !wordAt(doc, nextOnLine(doc, r, j), rateWords)
}

// spacedThousands returns the index of the last token of the
// space-separated number that starts at token i ("100 000", "1 250 000"),
// or i if there is none.
func spacedThousands(doc *document.Document, r document.Range, i int) int {
	toks := doc.Tokens
	text := doc.Text
	first := text[toks[i].Start:toks[i].End]
	if len(first) > 3 || !allDigits(first) || first[0] == '0' {
		return i
	}
	// The run must start here: not after a number, a sign or a dash that
	// makes it part of a phone number, a code or a score.
	if p := prevOnLine(doc, r, i); p >= 0 {
		pt := &toks[p]
		switch pt.Kind {
		case document.Number:
			return i
		case document.Punct, document.Symbol:
			switch text[pt.Start:pt.End] {
			case "+", "-", "–", "—", "/", ":", "(", "#", ".", ",":
				return i
			}
		}
	}
	end, special := i, false
	for {
		j := nextOnLine(doc, r, end)
		if j < 0 || toks[j].Kind != document.Number {
			break
		}
		w := text[toks[j].Start:toks[j].End]
		ok, sp := groupGap(text[toks[end].End:toks[j].Start])
		if !ok || len(w) != 3 || !allDigits(w) {
			if ok {
				return i // "123 456 7890", "2004 2005": a phone number or a list
			}
			break
		}
		special = special || sp
		end = j
	}
	if end == i {
		return i
	}
	// What follows must not continue a code or a phone number.
	if j := nextOnLine(doc, r, end); j >= 0 {
		nt := &toks[j]
		if nt.Kind == document.Number {
			return i
		}
		if !nt.Has(document.SpaceBefore) {
			switch text[nt.Start:nt.End] {
			case "-", "–", "/", ":", ".", ",":
				if j+1 < r.Last && toks[j+1].Kind == document.Number && !toks[j+1].Has(document.SpaceBefore) {
					return i
				}
			}
			if nt.Kind == document.Word && !special {
				return i // "100 000th"
			}
		}
	}
	return end
}

// joinGroups returns the digits of tokens i..end joined with commas.
func joinGroups(doc *document.Document, i, end int) string {
	var b strings.Builder
	for k := i; k <= end; k++ {
		if k > i {
			b.WriteByte(',')
		}
		b.WriteString(doc.TokenText(k))
	}
	return b.String()
}

// ---- typography.french-spacing ----

func runFrenchSpacing(pass *rules.Pass) {
	doc := pass.Doc
	f := candidates(doc)
	if f.kinds&(candMark|candQuote) == 0 {
		return
	}
	for r, pc := range f.byParagraph(doc) {
		for _, c := range pc {
			if c.kind == candMark {
				frenchMark(pass, r, int(c.tok))
			}
		}
		walkQuotes(doc, r, pc, func(i int, ro role) {
			switch ro {
			case openDouble, openSingle, openCurly:
				if j := nextOnLine(doc, r, i); j >= 0 && spaced(doc, j) && opensOnto(doc, j) {
					reportGap(pass, int(doc.Tokens[i].End), int(doc.Tokens[j].Start), "space after an opening quotation mark")
				}
			case closeDouble, closeSingle, closeCurly:
				if p := prevOnLine(doc, r, i); p >= 0 && spaced(doc, i) && closesAfter(doc, p) {
					reportGap(pass, int(doc.Tokens[p].End), int(doc.Tokens[i].Start), "space before a closing quotation mark")
				}
			}
		})
	}
}

// reportGap reports the white space text[start:end] with the suggestion to
// delete it.
func reportGap(pass *rules.Pass, start, end int, msg string) {
	if end > start {
		pass.Reportf(document.Span{Start: start, End: end}, rules.Delete, "%s", msg)
	}
}

// opensOnto reports whether token j can be the first of a quotation: a word,
// a number or an ellipsis.
func opensOnto(doc *document.Document, j int) bool {
	k := doc.Tokens[j].Kind
	return k == document.Word || k == document.Number || k == document.Ellipsis
}

// closesAfter reports whether token p can end a quotation: a word, a
// number, an ellipsis, a sentence mark or a closing bracket.
func closesAfter(doc *document.Document, p int) bool {
	t := &doc.Tokens[p]
	switch t.Kind {
	case document.Word, document.Number, document.Ellipsis:
		return true
	case document.Punct:
		switch doc.Text[t.Start:t.End] {
		case ".", ",", "!", "?", ";", ":", ")", "]":
			return true
		}
	case document.Symbol:
		return doc.Text[t.Start:t.End] == "%"
	}
	return false
}

// frenchMark checks the ; : ! or ? at token i, which follows white space.
func frenchMark(pass *rules.Pass, r document.Range, i int) {
	doc := pass.Doc
	toks := doc.Tokens
	p := prevOnLine(doc, r, i)
	if p < 0 {
		return
	}
	t := &toks[i]
	c := doc.Text[t.Start]
	gap := doc.Text[toks[p].End:t.Start]
	special := false
	for k := 0; k < len(gap); k++ {
		if gap[k] >= utf8.RuneSelf {
			special = true
			break
		}
	}
	afterGuill := guillemetAt(doc, p)
	// punctNext: what follows the mark lets punctuation.space-before
	// report the space (nothing, white space, or a closing bracket or
	// English quote after , . ! or ?).
	punctNext := true
	n := nextOnLine(doc, r, i)
	if n >= 0 && !spaced(doc, n) {
		nt := &toks[n]
		w := doc.Text[nt.Start:nt.End]
		switch w {
		case ")", "]", "”", "’", "\"", "'":
			punctNext = c != ':' && c != ';'
			if w == ")" || w == "]" || w == "'" {
				if c == ':' || c == ';' {
					return // ":)", ";]", ":'("
				}
			}
		case "»", "›":
			punctNext = false
		case "!", "?":
			if c != '!' && c != '?' || w[0] == c {
				return // " !!!", " ??": emphasis, not French spacing
			}
			punctNext = false // "Quoi ?!"
		default:
			if nt.Kind != document.Ellipsis || c == ':' || c == ';' {
				return // ":D", ";-)", "?x"
			}
			punctNext = false // "Vraiment ?…"
		}
	}
	// An ordinary space after a word, a number, an English closing quote
	// or bracket is reported by punctuation.space-before, unless the mark
	// is glued to something that makes it leave the space alone.
	if !special && !afterGuill && punctNext {
		return
	}
	if !afterGuill {
		pt := &toks[p]
		switch pt.Kind {
		case document.Word, document.Number:
		case document.Punct:
			switch doc.Text[pt.Start:pt.End] {
			case ")", "]", "”", "’", "\"", "'":
			default:
				if !pt.Has(document.AbbrevDot) {
					return
				}
			}
		case document.Symbol:
			if doc.Text[pt.Start:pt.End] != "%" {
				return
			}
		default:
			return
		}
	}
	if c == ':' && toks[p].Kind == document.Number && n >= 0 && toks[n].Kind == document.Number {
		return // "10 : 30", "3 : 1"
	}
	pass.Reportf(document.Span{Start: int(toks[p].End), End: int(t.Start)}, rules.Delete, "space before %q in the French manner", string(c))
}

// guillemetAt reports whether token i is a guillemet.
func guillemetAt(doc *document.Document, i int) bool {
	t := &doc.Tokens[i]
	if t.Kind != document.Punct || doc.Text[t.Start] < utf8.RuneSelf {
		return false
	}
	switch quoteOf(doc.Text[t.Start:t.End]) {
	case qLeftGuill, qRightGuill, qLeftSingle, qRightSngl:
		return true
	}
	return false
}

// ---- quotation marks ----

// role is what a quotation mark does where it stands.
type role uint8

const (
	skipMark    role = iota // an arrow or separator, not a quotation mark
	openDouble              // « in French, » in German
	closeDouble             // » in French, « in German
	openSingle              // ‹ in French, › in German
	closeSingle             // › in French, ‹ in German
	strayDouble             // a guillemet whose role cannot be told
	openCurly               // “ opening
	closeCurly              // ” closing (or “ after „)
	openLow                 // „
	closeLow                // “ closing a quotation opened with „
)

// walkQuotes calls fn with the role of each quotation mark among the
// candidates pc of paragraph r, in text order. Guillemets are paired in the
// manner of the first one seen: « opens in French, » opens in German when it
// stands before a word and after a space. Curly quotes are paired in the
// English manner, and „ opens a quotation that “ closes. A guillemet whose
// role is unclear is reported as strayDouble, a curly quote not at all.
func walkQuotes(doc *document.Document, r document.Range, pc []cand, fn func(i int, ro role)) {
	var dbl, sgl, curly rune // the mark that opened the open quotation, or 0
	// the index in pc of the last » and of the last ›, to tell at once
	// whether a mark may close a spaced « or ‹ later on
	lastDbl, lastSgl := -1, -1
	for k, c := range pc {
		switch c.q {
		case qRightGuill:
			lastDbl = k
		case qRightSngl:
			lastSgl = k
		}
	}
	for k, c := range pc {
		if c.kind != candQuote {
			continue
		}
		i := int(c.tok)
		q := c.q
		switch q {
		case qLeftGuill, qRightGuill:
			fn(i, guillemetRole(doc, r, i, q, '«', '»', lastDbl > k, &dbl, openDouble, closeDouble))
		case qLeftSingle, qRightSngl:
			fn(i, guillemetRole(doc, r, i, q, '‹', '›', lastSgl > k, &sgl, openSingle, closeSingle))
		case qLow:
			curly = qLow
			fn(i, openLow)
		case qLeftCurly:
			switch {
			case curly == qLow && (!opening(doc, r, i) || nextClosing(doc, r, i)):
				curly = 0
				fn(i, closeLow) // „…“
			case curly != qLeftCurly && opening(doc, r, i):
				curly = qLeftCurly // a „ left open is left to the quotes family
				fn(i, openCurly)
			default:
				curly = 0 // an opening mark where one closes: the quotes family's
			}
		case qRightCurly:
			if curly != 0 {
				curly = 0
				fn(i, closeCurly)
			}
		}
	}
}

// guillemetRole works out the role of the guillemet q at token i, where left
// and right are the two marks of its kind, rightLater says whether a right
// mark follows in the paragraph, and *open is the mark that opened the
// quotation now open.
func guillemetRole(doc *document.Document, r document.Range, i int, q, left, right rune, rightLater bool, open *rune, opens, closes role) role {
	if *open != 0 && q != *open {
		*open = 0
		return closes
	}
	p, n := prevOnLine(doc, r, i), nextOnLine(doc, r, i)
	gluedBefore := p >= 0 && !spaced(doc, i)
	gluedAfter := n >= 0 && !spaced(doc, n)
	if q == left {
		if !gluedBefore && !gluedAfter && !rightLater {
			return skipMark // "‹ Previous", an arrow
		}
		*open = left // French; a second « drops an unclosed one
		return opens
	}
	// » with no quotation open (or after an open »)
	switch {
	case gluedAfter && !gluedBefore && opensOnto(doc, n):
		*open = right // German »Zeit«
		return opens
	case gluedBefore && !gluedAfter:
		*open = 0
		return closes // a French closer whose opener is elsewhere: "coffee?»"
	case !gluedBefore && !gluedAfter:
		return skipMark // "Home » News", "Next ›"
	}
	return strayDouble
}

// opening reports whether the curly quote at token i stands where a
// quotation opens: at the start of its line, after white space or after an
// opening bracket or a dash.
func opening(doc *document.Document, r document.Range, i int) bool {
	p := prevOnLine(doc, r, i)
	if p < 0 || spaced(doc, i) {
		return true
	}
	switch doc.TokenText(p) {
	case "(", "[", "—", "–", "-", "/":
		return true
	}
	return false
}

var (
	suggestLeftDouble  = []string{"“"}
	suggestRightDouble = []string{"”"}
	suggestLeftSingle  = []string{"‘"}
	suggestRightSingle = []string{"’"}
)

func runGuillemets(pass *rules.Pass) {
	doc := pass.Doc
	f := candidates(doc)
	if !f.quote {
		return
	}
	for r, pc := range f.byParagraph(doc) {
		walkQuotes(doc, r, pc, func(i int, ro role) {
			w := doc.TokenText(i)
			switch ro {
			case openDouble:
				pass.Reportf(doc.Tokens[i].Span(), suggestLeftDouble, "guillemet %s opening a quotation: English uses “", w)
			case closeDouble:
				pass.Reportf(doc.Tokens[i].Span(), suggestRightDouble, "guillemet %s closing a quotation: English uses ”", w)
			case openSingle:
				pass.Reportf(doc.Tokens[i].Span(), suggestLeftSingle, "guillemet %s opening a quotation: English uses ‘", w)
			case closeSingle:
				pass.Reportf(doc.Tokens[i].Span(), suggestRightSingle, "guillemet %s closing a quotation: English uses ’", w)
			case strayDouble:
				pass.Reportf(doc.Tokens[i].Span(), nil, "guillemet %s: English uses “ ” or ‘ ’", w)
			}
		})
	}
}

// ---- typography.low-quotes ----

func runLowQuotes(pass *rules.Pass) {
	doc := pass.Doc
	f := candidates(doc)
	if !f.quote {
		return
	}
	for r, pc := range f.byParagraph(doc) {
		walkQuotes(doc, r, pc, func(i int, ro role) {
			switch ro {
			case openLow:
				pass.Reportf(doc.Tokens[i].Span(), suggestLeftDouble, "low quotation mark „: English opens a quotation with “")
			case closeLow:
				pass.Reportf(doc.Tokens[i].Span(), suggestRightDouble, "“ closing a quotation opened with „: English closes with ”")
			}
		})
		for _, c := range pc {
			if c.q == qLowSingle {
				lowSingle(pass, r, int(c.tok))
			}
		}
	}
}

// nextClosing reports whether the token after i is one that follows a
// closing quote: nothing, white space, or a sentence mark.
func nextClosing(doc *document.Document, r document.Range, i int) bool {
	n := nextOnLine(doc, r, i)
	if n < 0 || spaced(doc, n) {
		return true
	}
	switch doc.TokenText(n) {
	case ".", ",", ";", ":", "!", "?", ")":
		return true
	}
	return false
}

// lowSingle checks the single low mark ‚ at token i: it is flagged, with
// its closing ‘, when it opens a quotation (glued to the word after it)
// that a ‘ or ’ closes later in the paragraph.
func lowSingle(pass *rules.Pass, r document.Range, i int) {
	doc := pass.Doc
	n := nextOnLine(doc, r, i)
	if n < 0 || spaced(doc, n) || !opensOnto(doc, n) {
		return
	}
	if p := prevOnLine(doc, r, i); p >= 0 && !spaced(doc, i) && doc.Tokens[p].Kind != document.Punct {
		return // "word‚word": a mistyped comma
	}
	for j := n + 1; j < r.Last; j++ {
		t := &doc.Tokens[j]
		if t.Kind != document.Punct {
			continue
		}
		w := doc.Text[t.Start:t.End]
		if w == "‚" {
			return
		}
		if (w == "‘" || w == "’") && !spaced(doc, j) && nextClosing(doc, r, j) {
			pass.Reportf(doc.Tokens[i].Span(), suggestLeftSingle, "low quotation mark ‚: English opens a quotation with ‘")
			if w == "‘" {
				pass.Reportf(t.Span(), suggestRightSingle, "‘ closing a quotation opened with ‚: English closes with ’")
			}
			return
		}
	}
}

// ---- typography.time-format ----

// timePreps are the words after which a number with "h" or "hours" is a
// time of day rather than a duration.
var timePreps = setOf("at", "from", "until", "till", "til", "to", "by", "before", "after", "between", "since")

// timeJoins join two times ("between 8h and 10h", "13.25 and 15.30 hrs").
var timeJoins = setOf("and", "or")

// timeBefore reports whether the words before number i make it a time of
// day: a preposition such as "at" or "from", or "and" or "or" after another
// number.
func timeBefore(doc *document.Document, r document.Range, i int) bool {
	p := prevOnLine(doc, r, i)
	if wordAt(doc, p, timePreps) {
		return true
	}
	if !wordAt(doc, p, timeJoins) {
		return false
	}
	pp := prevOnLine(doc, r, p)
	return pp >= 0 && doc.Tokens[pp].Kind == document.Number
}

// hourWords follow a time of day in a translation from Spanish, Italian or
// French ("21.00 hours").
var hourWords = setOf("hours", "hrs", "hr", "h", "horas", "heures", "ore")

func runTimeFormat(pass *rules.Pass) {
	doc := pass.Doc
	for c := range candidates(doc).of(candNumber) {
		i := int(c.tok)
		r := para(doc, c)
		t := &doc.Tokens[i]
		s := doc.Text[t.Start:t.End]
		h := digitsLen(s, 0)
		if h == 0 || h > 2 || atoi(s[:h]) > 24 {
			continue
		}
		hour := s[:h]
		rest := s[h:]
		prep := timeBefore(doc, r, i)
		switch {
		case len(rest) > 0 && (rest[0] == 'h' || rest[0] == 'H'):
			// "14h30", "9h"
			m := rest[1:]
			if m == "" && prep || len(m) == 2 && allDigits(m) && atoi(m) < 60 {
				if m == "" {
					m = "00"
				}
				pass.Reportf(t.Span(), []string{hour + ":" + m}, "%q: a time in the French manner", s)
			}
		case rest == "":
			// "14 h 30", "14 Uhr"
			j := nextOnLine(doc, r, i)
			if j < 0 || !spaced(doc, j) {
				continue
			}
			if tokenIs(doc, j, "Uhr") {
				pass.Reportf(document.Span{Start: int(t.Start), End: int(doc.Tokens[j].End)}, []string{hour + ":00"}, "%q: a time in the German manner", doc.Text[t.Start:doc.Tokens[j].End])
				continue
			}
			if tokenIs(doc, j, "h") {
				m := nextOnLine(doc, r, j)
				if m >= 0 && spaced(doc, m) && doc.Tokens[m].Kind == document.Number {
					mm := doc.TokenText(m)
					if len(mm) == 2 && allDigits(mm) && atoi(mm) < 60 {
						span := document.Span{Start: int(t.Start), End: int(doc.Tokens[m].End)}
						pass.Reportf(span, []string{hour + ":" + mm}, "%q: a time in the French manner", doc.SpanText(span))
					}
				}
			}
		case len(rest) == 3 && (rest[0] == '.' || rest[0] == ':') && allDigits(rest[1:]) && atoi(rest[1:]) < 60:
			// "14.30 Uhr", "at 9:00 hours"
			j := nextOnLine(doc, r, i)
			if j < 0 || !spaced(doc, j) {
				continue
			}
			german := tokenIs(doc, j, "Uhr")
			if !german && !(prep && wordAt(doc, j, hourWords)) {
				continue
			}
			if m := nextOnLine(doc, r, j); m >= 0 && !spaced(doc, m) && doc.Tokens[m].Kind == document.Word {
				continue
			}
			span := document.Span{Start: int(t.Start), End: int(doc.Tokens[j].End)}
			if german {
				pass.Reportf(span, []string{hour + ":" + rest[1:]}, "%q: a time in the German manner", doc.SpanText(span))
			} else {
				pass.Reportf(span, []string{hour + ":" + rest[1:]}, "%q: a time of day with \"hours\" after it, translated word for word", doc.SpanText(span))
			}
		}
	}
}

// ---- typography.currency-after ----

// magnitudes may stand between an amount and a currency sign after it.
var magnitudes = setOf("million", "millions", "billion", "billions", "thousand", "trillion", "bn", "mn", "mln", "m", "k")

// amountOK reports whether the number s can be an amount of money: digits
// with , or . inside, and at most a glued m, bn or k.
func amountOK(s string) bool {
	i := 0
	for i < len(s) && (isDigit(s[i]) || s[i] == ',' || s[i] == '.') {
		i++
	}
	return i > 0 && (i == len(s) || wordIn(magnitudes, s[i:]))
}

func runCurrencyAfter(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	for c := range candidates(doc).of(candCurrency) {
		i := int(c.tok)
		r := para(doc, c)
		// The sign must not begin the next amount: "by 2008 £60bn", "5 $ 10".
		if n := nextOnLine(doc, r, i); n >= 0 && toks[n].Kind == document.Number {
			continue
		}
		p := prevOnLine(doc, r, i)
		if p < 0 {
			continue
		}
		first := p
		if toks[p].Kind == document.Word {
			if !spaced(doc, i) || !wordAt(doc, p, magnitudes) {
				continue
			}
			first = prevOnLine(doc, r, p)
			if first < 0 || !spaced(doc, p) {
				continue
			}
		}
		ft := &toks[first]
		if ft.Kind != document.Number || !amountOK(doc.Text[ft.Start:ft.End]) {
			continue
		}
		// A sign glued to the amount before it and to a word after it is
		// part of a code ("5$US") or a name; before it, a sign already
		// leads the amount ("$50 $").
		if pp := prevOnLine(doc, r, first); pp >= 0 && !spaced(doc, first) {
			continue
		}
		sign := doc.TokenText(i)
		amount := doc.Text[ft.Start:toks[p].End]
		span := document.Span{Start: int(ft.Start), End: int(toks[i].End)}
		pass.Reportf(span, []string{sign + amount}, "currency sign %s after the amount: English writes %s%s", sign, sign, amount)
	}
}

// ---- typography.roman-century ----

// centuryWords are the words after a Roman numeral that make it a century.
var centuryWords = setOf("century", "centuries")

// romanValue returns the value of the Roman numeral at the start of s (in
// capitals, I to XXXIX) and its length, or 0, 0.
func romanValue(s string) (int, int) {
	v, n := 0, 0
	for n < len(s) && s[n] == 'X' {
		v += 10
		n++
	}
	switch rest := s[n:]; {
	case strings.HasPrefix(rest, "IX"):
		v, n = v+9, n+2
	case strings.HasPrefix(rest, "IV"):
		v, n = v+4, n+2
	default:
		if n < len(s) && s[n] == 'V' {
			v, n = v+5, n+1
		}
		for k := 0; k < 3 && n < len(s) && s[n] == 'I'; k++ {
			v, n = v+1, n+1
		}
	}
	if n == 0 || v > 39 || n < len(s) && (s[n] == 'I' || s[n] == 'V' || s[n] == 'X' || s[n] == 'L' || s[n] == 'C') {
		return 0, 0
	}
	return v, n
}

// centurySuffixes may follow a Roman numeral, glued or after a hyphen.
var centurySuffixes = setOf("", "th", "st", "nd", "rd", "e", "er", "ème", "eme", "-th", "-st", "-nd", "-rd", "-e")

// romanCentury parses a token such as "XXI", "XXth", "XXe", "XXI-st" or
// "XIX-XX" and returns the century or centuries it names (b is 0 for one).
func romanCentury(s string) (a, b int, ok bool) {
	a, n := romanValue(s)
	if n == 0 {
		return 0, 0, false
	}
	rest := s[n:]
	if len(rest) > 1 && rest[0] == '-' {
		if v, m := romanValue(rest[1:]); m > 0 {
			b, rest = v, rest[1+m:]
		}
	}
	if !centurySuffixes[rest] || a < 1 || a > 21 || b > 21 || b != 0 && b <= a {
		return 0, 0, false
	}
	return a, b, true
}

func runRomanCentury(pass *rules.Pass) {
	doc := pass.Doc
	for c := range candidates(doc).of(candRoman) {
		i := int(c.tok)
		r := para(doc, c)
		j := nextOnLine(doc, r, i)
		if j < 0 || !spaced(doc, j) || !wordAt(doc, j, centuryWords) {
			continue
		}
		a, b, ok := romanCentury(doc.TokenText(i))
		if !ok {
			continue
		}
		sugg := itoa(a) + ordinalSuffix(a)
		if b != 0 {
			sugg += "-" + itoa(b) + ordinalSuffix(b)
		}
		sugg += " " + doc.TokenText(j)
		span := document.Span{Start: int(doc.Tokens[i].Start), End: int(doc.Tokens[j].End)}
		pass.Reportf(span, []string{sugg}, "century in Roman numerals: English writes %q", sugg)
	}
}

// itoa formats a small non-negative number.
func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// ---- typography.ordinal ----

// foreignOrdinal are the French suffixes of ordinals.
var foreignOrdinal = setOf("er", "re", "ère", "ème", "eme", "ième")

// ordinalNotAfter are words after which "1er" is not an ordinal to
// translate.
var ordinalNotAfter = setOf("cru", "crus")

var theWord = setOf("the")

func runOrdinal(pass *rules.Pass) {
	doc := pass.Doc
	for c := range candidates(doc).of(candNumber) {
		i := int(c.tok)
		r := para(doc, c)
		t := &doc.Tokens[i]
		s := doc.Text[t.Start:t.End]
		d := digitsLen(s, 0)
		if d == 0 || d > 3 || s[0] == '0' {
			continue
		}
		n := atoi(s[:d])
		suffix := s[d:]
		switch {
		case suffix == "":
			// "the 3. round"
			if !wordAt(doc, prevOnLine(doc, r, i), theWord) || !spaced(doc, i) {
				continue
			}
			dot := nextOnLine(doc, r, i)
			if dot < 0 || spaced(doc, dot) || !tokenIs(doc, dot, ".") {
				continue
			}
			w := nextOnLine(doc, r, dot)
			if w < 0 || !spaced(doc, w) || doc.Tokens[w].Kind != document.Word || doc.Tokens[w].Has(document.Abbrev) {
				continue
			}
			if f := doc.Text[doc.Tokens[w].Start]; f < 'a' || f > 'z' {
				continue
			}
			span := document.Span{Start: int(t.Start), End: int(doc.Tokens[dot].End)}
			pass.Reportf(span, []string{s + ordinalSuffix(n)}, "%q: an ordinal written with a period in the German manner", doc.SpanText(span))
		case suffix == "º" || suffix == "ª":
			if !wordAt(doc, prevOnLine(doc, r, i), theWord) {
				continue
			}
			pass.Reportf(t.Span(), []string{s[:d] + ordinalSuffix(n)}, "%q: an ordinal with a Spanish or Italian suffix", s)
		case foreignOrdinal[suffix]:
			// French writes "1er" (premier) and "1re" (première) only for
			// one: German "90er" is a decade ("the 90s").
			if (suffix == "er" || suffix == "re" || suffix == "ère") && n != 1 {
				continue
			}
			if wordAt(doc, nextOnLine(doc, r, i), ordinalNotAfter) {
				continue
			}
			pass.Reportf(t.Span(), []string{s[:d] + ordinalSuffix(n)}, "%q: an ordinal with a French suffix", s)
		}
	}
}

// ---- typography.cjk-punctuation ----

// cjkASCII returns the English mark for the fullwidth or ideographic mark
// s, or "" when s is not one that the rule flags.
func cjkASCII(s string) string {
	switch s {
	case "，", "、":
		return ","
	case "。":
		return "."
	case "：":
		return ":"
	case "；":
		return ";"
	case "！":
		return "!"
	case "？":
		return "?"
	case "（":
		return "("
	case "）":
		return ")"
	case "「":
		return "“"
	case "」":
		return "”"
	case "『":
		return "‘"
	case "』":
		return "’"
	}
	return ""
}

// isCJKLetter reports whether r is a letter of Chinese, Japanese or Korean
// (including the kana prolonged sound mark and the iteration marks).
func isCJKLetter(r rune) bool {
	return r >= 0x3005 && r <= 0x3007 || r >= 0x3040 && r <= 0x30FF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0x4E00 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7AF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xFF66 && r <= 0xFF9F || r >= 0x20000 && r <= 0x3FFFF
}

// isLetterOrDigit reports whether r is a letter or a digit.
func isLetterOrDigit(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func runCJKPunctuation(pass *rules.Pass) {
	doc := pass.Doc
	f := candidates(doc)
	if f.kinds&candCJK == 0 {
		return
	}
	toks := doc.Tokens
	text := doc.Text
	cs := f.cands
	for k := 0; k < len(cs); k++ {
		if cs[k].kind != candCJK {
			continue
		}
		// A run of marks glued together is one finding: "？？？", "。。".
		e := k + 1
		for e < len(cs) && cs[e].kind == candCJK && cs[e].tok == cs[e-1].tok+1 &&
			toks[cs[e].tok].Start == toks[cs[e-1].tok].End {
			e++
		}
		first, last := int(cs[k].tok), int(cs[e-1].tok)
		k = e - 1
		start, end := int(toks[first].Start), int(toks[last].End)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if isCJKLetter(before) || isCJKLetter(after) {
			continue // punctuation of text in that script
		}
		r := para(doc, cs[k])
		fix, marks := cjkFix(text, toks, first, last)
		// A mark that follows white space belongs to the word before it,
		// unless it opens: "the van? ？" deletes the space too.
		if p := prevOnLine(doc, r, first); p >= 0 && spaced(doc, first) && !opensCJK(doc.TokenText(first)) {
			start = int(toks[p].End)
			before, _ = utf8.DecodeLastRuneInString(text[:start])
		}
		switch {
		case fix != "" && fix != "..." && strings.Trim(fix, ".,;:!?") == "" && strings.ContainsRune(".,;:!?", before):
			fix = "" // the English mark is already there: "really?？", "reviews.，"
		case fix == "..." && strings.ContainsRune(".!?", before):
			fix = ""
		default:
			if opensCJK(doc.TokenText(first)) && start == int(toks[first].Start) && isLetterOrDigit(before) {
				fix = " " + fix
			}
			if isLetterOrDigit(after) && !opensCJK(doc.TokenText(last)) {
				fix += " "
			}
		}
		pass.Reportf(document.Span{Start: start, End: end}, []string{fix},
			"Chinese or Japanese punctuation %s in English text", marks)
	}
}

// opensCJK reports whether the mark s opens a bracket or quotation.
func opensCJK(s string) bool {
	return s == "（" || s == "「" || s == "『"
}

// cjkFix returns the English replacement of the glued run of marks at
// tokens first..last and the run's text: each mark's English one, and
// "..." for a run of two or more ideographic full stops or enumeration
// commas, which Japanese writes for an ellipsis.
func cjkFix(text string, toks []document.Token, first, last int) (fix, marks string) {
	marks = text[toks[first].Start:toks[last].End]
	if last > first && strings.Trim(marks, "。、") == "" {
		return "...", marks
	}
	var b strings.Builder
	for i := first; i <= last; i++ {
		b.WriteString(cjkASCII(text[toks[i].Start:toks[i].End]))
	}
	return b.String(), marks
}

// ---- typography.c1-control ----

// cp1252 holds, for each C1 control character U+0080+i, the character
// that Windows-1252 has at byte 0x80+i, or "" where it has none.
var cp1252 = [32]string{
	"€", "", "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", "", "Ž", "",
	"", "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", "", "ž", "Ÿ",
}

func runC1Control(pass *rules.Pass) {
	doc := pass.Doc
	for c := range candidates(doc).of(candC1) {
		t := &doc.Tokens[c.tok]
		// The tokenizer keeps a run of symbols together: report each
		// C1 character of the token on its own.
		for i := int(t.Start); i+1 < int(t.End); {
			r, n := utf8.DecodeRuneInString(doc.Text[i:])
			if r >= 0x80 && r <= 0x9F {
				fix := cp1252[r-0x80]
				if fix == "" {
					pass.Reportf(document.Span{Start: i, End: i + n}, rules.Delete,
						"invisible control character U+%04X (undefined in Windows-1252)", r)
				} else {
					pass.Reportf(document.Span{Start: i, End: i + n}, []string{fix},
						"invisible control character U+%04X: the Windows-1252 %q read as Latin-1", r, fix)
				}
			}
			i += n
		}
	}
}
