package report

import (
	"strings"
	"unicode/utf8"
)

// xmlHeader starts the XML documents that JUnit and checkstyle write.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// xmlComment makes s the body of an XML comment: encoding/xml escapes
// attributes and character data itself (the characters that XML 1.0
// forbids become U+FFFD), but writes comments as they are and refuses "--"
// in them. Here forbidden characters and invalid UTF-8 become U+FFFD, "--"
// is spaced out and a final "-" gets a space after it.
func xmlComment(s string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		if !xmlChar(r) {
			r = utf8.RuneError
		}
		if r == '-' && prev == '-' {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	if prev == '-' {
		b.WriteByte(' ')
	}
	return b.String()
}

// xmlChar reports whether XML 1.0 allows r in a document (its Char
// production).
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// xmlText escapes s as XML character data that keeps its line breaks
// readable: encoding/xml writes "\n" as "&#xA;", which is correct but makes
// a multi-line body one long line. "&", "<" and ">" are escaped, "\r" is
// written as "&#xD;" (a parser would turn a raw one into "\n"), and what
// XML 1.0 forbids, and invalid UTF-8, becomes U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case !xmlChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
