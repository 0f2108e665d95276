package typography

import (
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// UngroupedThousands flags a count of five to seven digits written with no
// thousands separator before a word ("185000 geese", "12500 years"),
// where English groups the digits with commas.
var UngroupedThousands = &rules.Rule{
	ID:       "typography.ungrouped-thousands",
	Category: rules.Typography,
	Severity: rules.Warning,
	Doc:      "a count of five to seven digits with no thousands separator (\"185000 geese\") where English writes \"185,000\"",
	Explanation: `Chinese and Japanese count large numbers in units of ten thousand (万, 萬), so
"25万" is "25 ten-thousands"; a translation engine that turns it into digits writes
"250000", and one that copies a figure from a Chinese source keeps it as it was:
"home to 185000 geese", "more than 15000 nurses", "84000 yuan a year". English
groups the digits of a number of five figures or more with commas ("250,000"), and
a reader has to count the zeros of "250000" to read it. Human translators slip
here too, but far less often than MT output.

What to do: group the digits with commas: "185000 geese" becomes "185,000
geese"; for round figures "250,000" or "a quarter of a million" both read well.

Flagged only before a word in lower case, where the number counts something
("12500 years", "34000 square metres", "731000 in March"). Not flagged: codes and
identifiers, which are written ungrouped (a number after "No.", "item", "code",
"room", "flight", "ISBN", "tel" and the like, after a short word in capitals
such as a state code, or glued to a letter, slash, colon or hash); a number that
ends the sentence or stands in brackets ("order 9907311.", "(39217)"); a number
that starts with 0; numbers of four digits ("1000 people", which some house styles
write without a comma) and of eight or more (phone and account numbers); and
technical units that are written ungrouped ("10000 mAh", "7200 rpm").`,
	Flagged:   "Ornithologists counted 185000 geese on the lake and 27000 ducks.",
	Unflagged: "Ornithologists counted 185,000 geese; order part No. 558812 or call 020 7946 0000.",
	SafeFix:   true,
	Run:       runUngroupedThousands,
}

// codeWords before a number make it a code or an identifier, which English
// writes without separators.
var codeWords = setOf(
	"no", "nos", "number", "num", "code", "codes", "zip", "postcode", "room", "rooms", "flight", "page", "pages",
	"p", "pp", "tel", "phone", "fax", "mobile", "model", "version", "art", "article", "item", "items", "sku",
	"isbn", "issn", "id", "ref", "reference", "case", "file", "account", "order", "patent", "route", "bus",
	"train", "catalogue", "catalog", "cat", "serial", "lot", "vol", "volume", "issue", "invoice", "box", "po",
	"suite", "platform", "gate", "ticket", "pin", "password", "extension", "ext", "line", "chapter", "verse",
	"opus", "op", "kb", "bwv", "hwv", "d", "rv", "batch", "type", "class", "series", "unit", "block", "lane",
	"street", "st", "road", "rd", "avenue", "ave", "building", "apartment", "flat", "floor", "dept", "station",
)

// ungroupedUnits after a number are units that technical writing gives
// without separators ("10000 mAh", "7200 rpm").
var ungroupedUnits = setOf(
	"mah", "rpm", "dpi", "ppi", "bps", "kbps", "mbps", "gbps", "ppm", "ppb", "px", "hz", "khz", "mhz", "lux",
	"lm", "x", "k", "bc", "ad", "bce", "ce",
)

// currencyBefore reports whether s is a currency sign, which may be glued
// before a count ("$460000 in cash").
func currencyBefore(s string) bool {
	switch s {
	case "$", "£", "€", "¥", "￥":
		return true
	}
	return false
}

func runUngroupedThousands(pass *rules.Pass) {
	doc := pass.Doc
	for c := range candidates(doc).of(candNumber) {
		i := int(c.tok)
		t := &doc.Tokens[i]
		s := doc.Text[t.Start:t.End]
		if len(s) < 5 || len(s) > 7 || s[0] == '0' || !allDigits(s) {
			continue
		}
		r := para(doc, c)
		if !ungroupedCount(doc, r, i) {
			continue
		}
		pass.Reportf(t.Span(), []string{groupThousands(s)}, "%q: English groups the digits of a large number with commas", s)
	}
}

// ungroupedCount decides whether number i of paragraph r, five to seven
// digits, counts something: a lower-case word follows it after a space, and
// nothing before it makes it a code.
func ungroupedCount(doc *document.Document, r document.Range, i int) bool {
	n := nextOnLine(doc, r, i)
	if n < 0 || !spaced(doc, n) {
		return false
	}
	nt := &doc.Tokens[n]
	if nt.Kind != document.Word {
		return false
	}
	if b := doc.Text[nt.Start]; b < 'a' || b > 'z' || wordIn(ungroupedUnits, doc.Text[nt.Start:nt.End]) {
		return false
	}
	p := prevOnLine(doc, r, i)
	if p < 0 {
		return true
	}
	pt := &doc.Tokens[p]
	ps := doc.Text[pt.Start:pt.End]
	if !spaced(doc, i) {
		// glued: only a currency sign may come first ("$250000 in")
		if pt.Kind != document.Symbol || !currencyBefore(ps) {
			return false
		}
		if p = prevOnLine(doc, r, p); p < 0 {
			return true
		}
		pt = &doc.Tokens[p]
		ps = doc.Text[pt.Start:pt.End]
	}
	switch pt.Kind {
	case document.Number:
		return false // "1 250000", a list of figures or a code
	case document.Word:
		if len(ps) >= 2 && len(ps) <= 4 && allUpper(ps) {
			return false // "CA 90210", "SKU 12345"
		}
	case document.Symbol, document.Punct:
		if ps == "#" || ps == "№" {
			return false
		}
	}
	// a code word up to three tokens back: "item 558812", "No. 12345",
	// "the ZIP code is 90210"
	for k := 0; k < 3 && p >= 0; k++ {
		if wordAt(doc, p, codeWords) {
			return false
		}
		p = prevOnLine(doc, r, p)
	}
	return true
}

// groupThousands writes a run of digits with a comma every three digits
// from the right: "250000" becomes "250,000".
func groupThousands(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/3)
	for k := 0; k < len(s); k++ {
		if k > 0 && (len(s)-k)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[k])
	}
	return b.String()
}

// allUpper reports whether s is made of ASCII capital letters only.
func allUpper(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] < 'A' || s[k] > 'Z' {
			return false
		}
	}
	return s != ""
}
