package source

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"mime"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"
)

// DecodeOptions say how to turn an input's bytes into UTF-8.
type DecodeOptions struct {
	// Encoding names the encoding of the input (an IANA or WHATWG name such
	// as "windows-1252" or "iso-8859-1"); empty means detect: a byte order
	// mark, then ContentType, then for HTML <meta charset>, else UTF-8. A
	// byte order mark wins over Encoding, as in browsers.
	Encoding string
	// ContentType is the HTTP Content-Type the input came with, if any; its
	// charset parameter is honoured for every format.
	ContentType string
	// HTML says the input is HTML, whose <meta charset> is honoured and
	// which is read as windows-1252, as browsers do, when it declares no
	// charset and is clearly not UTF-8.
	HTML bool
}

// The ways Decode chooses an encoding, as Decoded.From names them.
const (
	// FromDefault is UTF-8 taken because nothing said otherwise.
	FromDefault = "default"
	// FromBOM is the encoding of a byte order mark at the start.
	FromBOM = "byte order mark"
	// FromOption is the encoding DecodeOptions.Encoding named.
	FromOption = "option"
	// FromContentType is the charset of DecodeOptions.ContentType.
	FromContentType = "Content-Type"
	// FromMeta is the charset of a <meta> element of an HTML input.
	FromMeta = "<meta charset>"
	// FromGuess is windows-1252 taken for HTML that declares no charset and
	// is not UTF-8, as browsers do.
	FromGuess = "guess"
	// FromLegacy is windows-1252 taken for other input that is not UTF-8
	// and that windows-1252 explains byte for byte (see legacy1252).
	FromLegacy = "legacy"
)

// Decoded is an input turned into UTF-8.
type Decoded struct {
	// Text is the input in UTF-8. It is raw itself (not a copy) when the
	// input was UTF-8 already, a UTF-8 byte order mark included; a UTF-16
	// byte order mark is dropped when the input is transcoded.
	Text []byte
	// Encoding is the canonical name of the encoding the input was read in
	// ("utf-8", "windows-1252", "shift_jis", "utf-16le").
	Encoding string
	// From says how Encoding was chosen: one of the From constants.
	From string
	// Transcoded says Text differs from the input: offsets in reports then
	// count bytes of Text, not of the file. Input in an ASCII-compatible
	// encoding that holds only ASCII is not transcoded: it is its own UTF-8.
	Transcoded bool
	// BOM is the length of a UTF-8 byte order mark left at the start of
	// Text (0 or 3): it is kept so that offsets stay those of the file.
	BOM int
	// Invalid counts the bytes of a transcoded input that are not valid in
	// Encoding; the decoder read each invalid sequence as U+FFFD. A U+FFFD
	// that the input encodes properly is not counted.
	Invalid int
	// InvalidOffset is the byte offset in the input of the first invalid
	// byte, and InvalidTextOffset that of the U+FFFD standing for it in
	// Text; both mean something only when Invalid > 0.
	InvalidOffset, InvalidTextOffset int
	// Remarks say what else a user should know about how the input was
	// read: a declared charset that is unknown, or that was not followed
	// because the input is valid UTF-8.
	Remarks []string
}

// Decode turns raw into UTF-8 as opt says. The encoding is, in order: that of
// a byte order mark (UTF-8, UTF-16LE or UTF-16BE; it wins over everything,
// as in browsers), opt.Encoding, the charset of opt.ContentType, for HTML a
// <meta charset> or <meta http-equiv="Content-Type"> in the first 1024
// bytes, and else UTF-8 — except that HTML declaring nothing that is not
// valid UTF-8 and holds more invalid bytes than multi-byte UTF-8 sequences is
// read as windows-1252, as browsers read it, and so is other input that is
// not valid UTF-8 and that windows-1252 explains byte for byte (legacy1252).
//
// A charset declared by ContentType or <meta> is not followed when the input
// is valid UTF-8 and the charset is ASCII-compatible: text in a legacy
// charset is practically never valid UTF-8, while pages mislabelled by their
// server or template are common. A remark says so.
//
// UTF-8 input is returned as it is, without a copy, a UTF-8 byte order mark
// included, and so is ASCII input in any ASCII-compatible encoding. Bytes
// not valid in the encoding become U+FFFD and are counted (Invalid); they
// are not an error. The error is for an encoding name that is unknown or
// not supported.
func Decode(raw []byte, opt DecodeOptions) (*Decoded, error) {
	var explicit encoding.Encoding
	var explicitName string
	if opt.Encoding != "" {
		e, name, err := lookup(opt.Encoding)
		if err != nil {
			return nil, err
		}
		explicit, explicitName = e, name
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return &Decoded{Text: raw, Encoding: "utf-8", From: FromBOM, BOM: 3}, nil
	case strings.HasPrefix(explicitName, "utf-32") && bytes.HasPrefix(raw, []byte{0xFF, 0xFE, 0, 0}):
		return transcode(raw, 4, utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le", FromBOM)
	case strings.HasPrefix(explicitName, "utf-32") && bytes.HasPrefix(raw, []byte{0, 0, 0xFE, 0xFF}):
		return transcode(raw, 4, utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be", FromBOM)
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return transcode(raw, 2, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", FromBOM)
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return transcode(raw, 2, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", FromBOM)
	}
	if explicit != nil {
		if explicitName == "utf-8" {
			return &Decoded{Text: raw, Encoding: "utf-8", From: FromOption}, nil
		}
		if asciiCompatible(explicit) && isASCII(raw) {
			return &Decoded{Text: raw, Encoding: explicitName, From: FromOption}, nil
		}
		return transcode(raw, 0, explicit, explicitName, FromOption)
	}

	var remarks []string
	declared := func(label, from string) (*Decoded, bool) {
		e, name, err := lookup(label)
		if err != nil {
			remarks = append(remarks, fmt.Sprintf("the %s names the charset %q, which cannot be read (%v); ignored", from, label, err))
			return nil, false
		}
		if name == "utf-8" {
			return &Decoded{Text: raw, Encoding: "utf-8", From: from, Remarks: remarks}, true
		}
		if asciiCompatible(e) {
			if valid, ascii := utf8Class(raw); valid {
				d := &Decoded{Text: raw, Encoding: name, From: from, Remarks: remarks}
				if !ascii {
					d.Encoding = "utf-8"
					d.Remarks = append(d.Remarks, fmt.Sprintf(
						"the %s declares %s but the input is valid UTF-8: read as UTF-8", from, strings.TrimSpace(label)))
				}
				return d, true
			}
		}
		d, err := transcode(raw, 0, e, name, from)
		if err != nil {
			remarks = append(remarks, fmt.Sprintf("the %s names the charset %q, which cannot be read (%v); ignored", from, label, err))
			return nil, false
		}
		d.Remarks = append(remarks, d.Remarks...)
		return d, true
	}
	if label := contentTypeCharset(opt.ContentType); label != "" {
		if d, ok := declared(label, FromContentType); ok {
			return d, nil
		}
	}
	if opt.HTML {
		if label := metaCharset(raw[:min(len(raw), 1024)]); label != "" {
			if d, ok := declared(label, FromMeta); ok {
				return d, nil
			}
		}
		if !utf8.Valid(raw) && !mostlyUTF8(raw) {
			d, err := transcode(raw, 0, windows1252(), "windows-1252", FromGuess)
			if err == nil {
				d.Remarks = append(remarks, d.Remarks...)
				return d, nil
			}
		}
	}
	if !opt.HTML && !utf8.Valid(raw) && !validHead(raw) && legacy1252(raw) {
		d, err := transcode(raw, 0, windows1252(), "windows-1252", FromLegacy)
		if err == nil {
			d.Remarks = append(remarks, d.Remarks...)
			return d, nil
		}
	}
	return &Decoded{Text: raw, Encoding: "utf-8", From: FromDefault, Remarks: remarks}, nil
}

// UTF8Head is how much of a long text decides that it is UTF-8: a text
// longer than that whose first UTF8Head bytes are valid UTF-8 is read as
// UTF-8 with a few bad bytes, never as windows-1252, so that a stream read
// window by window (which cannot wait for its end) and the same text in a
// file are read alike.
const UTF8Head = 1<<20 + 64<<10

// ReadAsUTF8 reports whether Decode, without options, reads every plain
// text that starts with head as UTF-8, whatever follows: head has no UTF-16
// or UTF-32 byte order mark, and is valid UTF-8 (but for a rune its end
// cuts) or holds what windows-1252 cannot explain (a valid multi-byte
// sequence beside an invalid byte, or a byte windows-1252 leaves undefined).
// A stream whose start says so can be read window by window.
func ReadAsUTF8(head []byte) bool {
	for _, bom := range [][]byte{{0xFF, 0xFE}, {0xFE, 0xFF}, {0, 0, 0xFE, 0xFF}} {
		if bytes.HasPrefix(head, bom) {
			return false
		}
	}
	return ValidPrefix(head) || !legacy1252(head)
}

// validHead reports whether raw is longer than UTF8Head and its first
// UTF8Head bytes are valid UTF-8.
func validHead(raw []byte) bool {
	return len(raw) > UTF8Head && ValidPrefix(raw[:UTF8Head])
}

// ValidPrefix reports whether b, the start of a text, is valid UTF-8 but
// for a rune that the end of b cuts.
func ValidPrefix(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
}

// LookupEncoding returns the canonical name of the encoding called name (a
// WHATWG label such as "latin1" or "sjis", or an IANA name such as "IBM437"),
// or an error that names it and lists a few known names. As in browsers,
// "iso-8859-1", "latin1" and "ascii" are windows-1252, which agrees with them
// on every printable character.
func LookupEncoding(name string) (string, error) {
	_, canonical, err := lookup(name)
	return canonical, err
}

// commonNames are listed in the error of an unknown encoding name.
const commonNames = "utf-8, utf-16le, utf-16be, windows-1252 (latin1), iso-8859-2, iso-8859-15, windows-1251, koi8-r, shift_jis, euc-jp, euc-kr, big5, gb18030"

// aliases are spellings people type that neither index knows.
var aliases = map[string]string{
	"utf16": "utf-16", "utf16le": "utf-16le", "utf16be": "utf-16be",
	"utf32": "utf-32", "utf32le": "utf-32le", "utf32be": "utf-32be",
	"latin-1": "latin1", "cp-1252": "cp1252", "win-1252": "windows-1252",
	"cp1251": "windows-1251", "cp1250": "windows-1250", "cp932": "shift_jis",
	"cp936": "gbk", "cp949": "euc-kr", "cp950": "big5",
}

// utf32s are the UTF-32 encodings, which neither index provides; a byte
// order mark is handled by Decode. Without one, "utf-32" is big-endian, as the
// Unicode standard says.
var utf32s = map[string]encoding.Encoding{
	"utf-32":   utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM),
	"utf-32be": utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM),
	"utf-32le": utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM),
}

// lookup returns the encoding called label and its canonical name: the
// WHATWG name when the WHATWG Encoding Standard knows the label, else the
// IANA name in lower case.
func lookup(label string) (encoding.Encoding, string, error) {
	l := strings.ToLower(strings.TrimSpace(label))
	if l == "" {
		return nil, "", fmt.Errorf("empty encoding name (known names include %s)", commonNames)
	}
	if a, ok := aliases[l]; ok {
		l = a
	}
	if e, ok := utf32s[l]; ok {
		return e, l, nil
	}
	for _, cand := range []string{l, strings.ReplaceAll(l, "_", "-")} {
		if e, err := htmlindex.Get(cand); err == nil {
			if e == encoding.Replacement {
				return nil, "", fmt.Errorf("encoding %q is not supported: the WHATWG Encoding Standard maps it to the replacement encoding, which reads no text", label)
			}
			name, err := htmlindex.Name(e)
			if err != nil {
				name = l
			}
			return e, name, nil
		}
		e, err := ianaindex.IANA.Encoding(cand)
		if err == nil && e == nil {
			return nil, "", fmt.Errorf("encoding %q is known but not supported (supported names include %s)", label, commonNames)
		}
		if err == nil {
			name, err := ianaindex.IANA.Name(e)
			if err != nil {
				name = l
			}
			return e, strings.ToLower(name), nil
		}
	}
	return nil, "", fmt.Errorf("unknown encoding %q (known names include %s)", label, commonNames)
}

// windows1252 returns the encoding undeclared non-UTF-8 HTML is read in.
func windows1252() encoding.Encoding {
	e, _ := htmlindex.Get("windows-1252")
	return e
}

// asciiBytes are the 128 ASCII characters, for asciiCompatible.
var asciiBytes = func() []byte {
	b := make([]byte, 128)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}()

// asciiCompatible reports whether e reads every ASCII byte as itself, so that
// ASCII input in e is its own UTF-8.
func asciiCompatible(e encoding.Encoding) bool {
	out, err := e.NewDecoder().Bytes(asciiBytes)
	return err == nil && bytes.Equal(out, asciiBytes)
}

// isASCII reports whether b holds only ASCII bytes.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if (uint64(b[0])|uint64(b[1])<<8|uint64(b[2])<<16|uint64(b[3])<<24|
			uint64(b[4])<<32|uint64(b[5])<<40|uint64(b[6])<<48|uint64(b[7])<<56)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// utf8Class reports whether b is valid UTF-8 and whether it is all ASCII.
func utf8Class(b []byte) (valid, ascii bool) {
	i := 0
	for i+8 <= len(b) && isASCII(b[i:i+8]) {
		i += 8
	}
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return true, true
	}
	return utf8.Valid(b[i:]), false
}

// legacy1252 reports whether b, which is not valid UTF-8, reads as text in
// windows-1252: no byte of it is part of a valid multi-byte UTF-8 sequence
// (UTF-8 with a corrupt byte would turn into mojibake), and every byte over
// 0x7F is a character windows-1252 defines, not one of the five holes that
// decode to C1 controls. Text in ISO 8859-1 and windows-1252, the usual
// legacy files of Western European writers, passes.
func legacy1252(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D {
			return false
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size != 1 {
			return false // a valid sequence: UTF-8 with corrupt bytes
		}
		i++
	}
	return true
}

// mostlyUTF8 reports whether b, which is not valid UTF-8, holds more valid
// multi-byte UTF-8 sequences than invalid bytes: UTF-8 with a few corrupt
// bytes rather than text in a legacy charset, where valid sequences occur
// only by chance.
func mostlyUTF8(b []byte) bool {
	seqs, invalid := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			seqs++
		}
		i += size
	}
	return seqs > invalid
}

// contentTypeCharset returns the charset parameter of an HTTP Content-Type,
// or "".
func contentTypeCharset(ct string) string {
	if ct == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(ct); err == nil {
		return strings.TrimSpace(params["charset"])
	}
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		return charsetFromContent(ct[i:]) // lenient with malformed headers
	}
	return ""
}

// metaCharset returns the charset that a <meta> element in head declares, as
// the WHATWG prescan finds it: <meta charset=X>, or <meta http-equiv=
// "Content-Type" content="...; charset=X">. The first element naming a known
// encoding wins; a declared UTF-16 means UTF-8 (the bytes read so far were
// ASCII) and x-user-defined means windows-1252, as the HTML standard says.
func metaCharset(head []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var charset, content string
			var hasCharset, hasContent, hasEquiv, pragma bool
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					if !hasCharset {
						hasCharset, charset = true, string(v)
					}
				case "content":
					if !hasContent {
						hasContent, content = true, string(v)
					}
				case "http-equiv":
					if !hasEquiv {
						hasEquiv, pragma = true, strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
					}
				}
			}
			label := ""
			switch {
			case hasCharset:
				label = charset
			case pragma && hasContent:
				label = charsetFromContent(content)
			}
			_, canonical, err := lookup(label)
			if label == "" || err != nil {
				continue
			}
			switch {
			case strings.HasPrefix(canonical, "utf-16"):
				return "utf-8"
			case canonical == "x-user-defined":
				return "windows-1252"
			}
			return strings.TrimSpace(label)
		}
	}
}

// charsetFromContent extracts the charset from the content attribute of a
// <meta http-equiv="Content-Type">, as the HTML standard says: the value
// after the first "charset", optional spaces and "=", quoted or up to a space
// or a semicolon.
func charsetFromContent(s string) string {
	for {
		i := strings.Index(strings.ToLower(s), "charset")
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(s, "=") {
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\n\f\r")
		if s == "" {
			return ""
		}
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return ""
			}
			return s[1 : 1+end]
		}
		if end := strings.IndexAny(s, "; \t\n\f\r"); end >= 0 {
			return s[:end]
		}
		return s
	}
}

// replacement is U+FFFD in UTF-8, which decoders write for invalid input.
var replacement = []byte(string(utf8.RuneError))

// transcode decodes raw[skip:] (skip is the length of a byte order mark) from
// e into UTF-8 and counts the bytes that are not valid in e.
func transcode(raw []byte, skip int, e encoding.Encoding, name, from string) (*Decoded, error) {
	src := raw[skip:]
	dec := e.NewDecoder()
	out := make([]byte, 0, estimate(e, src))
	for s := src; ; {
		nDst, nSrc, err := dec.Transform(out[len(out):cap(out)], s, true)
		out = out[:len(out)+nDst]
		s = s[nSrc:]
		if err == nil {
			break
		}
		if !errors.Is(err, transform.ErrShortDst) {
			return nil, fmt.Errorf("decoding %s at byte offset %d: %v", name, skip+len(src)-len(s), err)
		}
		// Room for the rest at the ratio seen so far, and some.
		done := len(src) - len(s)
		ratio := float64(len(out)+16) / float64(done+1)
		out = slices.Grow(out, int(math.Min(ratio*float64(len(s))*1.05, 4*float64(len(s))))+64)
	}
	d := &Decoded{Text: out, Encoding: name, From: from, Transcoded: true}
	if bytes.Contains(out, replacement) {
		d.Invalid, d.InvalidOffset, d.InvalidTextOffset = locateInvalid(e, src, out)
		d.InvalidOffset += skip
	}
	return d, nil
}

// estimate returns the size of the UTF-8 text that src in e decodes to, from
// a sample of its start, so that large inputs are decoded without copying
// the output as it grows.
func estimate(e encoding.Encoding, src []byte) int {
	const sampleSize = 16 << 10
	if len(src) <= sampleSize {
		return 3*len(src) + 16
	}
	var buf [3*sampleSize + 16]byte
	nDst, nSrc, _ := e.NewDecoder().Transform(buf[:], src[:sampleSize], false)
	if nSrc == 0 {
		return len(src) + 64
	}
	ratio := float64(nDst) / float64(nSrc)
	return int(math.Min(ratio*1.05+0.01, 4)*float64(len(src))) + 1024
}

// locateInvalid finds the bytes of src that e could not decode: it decodes
// src again, stopping at each U+FFFD of out (the text src decoded to), and
// compares the bytes that gave it with e's encoding of U+FFFD. It returns
// their count, the offset in src of the first and that of its U+FFFD in out.
func locateInvalid(e encoding.Encoding, src, out []byte) (count, first, firstText int) {
	first, firstText = -1, -1
	legit, err := e.NewEncoder().Bytes(replacement)
	if err != nil {
		legit = nil // e cannot encode U+FFFD, so each one stands for an error
	}
	// rest counts the U+FFFDs from outPos on, when the decoder does not
	// behave as expected, so that what is reported stays true if vague.
	rest := func(srcPos, outPos int) (int, int, int) {
		n := bytes.Count(out[outPos:], replacement)
		if count == 0 && n > 0 {
			first, firstText = srcPos, outPos+bytes.Index(out[outPos:], replacement)
		}
		return count + n, first, firstText
	}
	dec := e.NewDecoder()
	var scratch [32 << 10]byte
	srcPos, outPos := 0, 0
	for {
		i := bytes.Index(out[outPos:], replacement)
		if i < 0 {
			return count, first, firstText
		}
		x := outPos + i
		// Decode up to the U+FFFD: the decoder writes a rune only when it
		// fits, so it stops right before it, at the bytes that gave it.
		for outPos < x {
			nDst, nSrc, _ := dec.Transform(scratch[:min(len(scratch), x-outPos)], src[srcPos:], true)
			if nDst == 0 && nSrc == 0 || !bytes.Equal(scratch[:nDst], out[outPos:outPos+nDst]) {
				return rest(srcPos, outPos)
			}
			outPos += nDst
			srcPos += nSrc
		}
		nDst, nSrc, _ := dec.Transform(scratch[:len(replacement)], src[srcPos:], true)
		if nDst != len(replacement) || nSrc == 0 {
			return rest(srcPos, outPos)
		}
		if legit == nil || !bytes.Equal(src[srcPos:srcPos+nSrc], legit) {
			if count == 0 {
				first, firstText = srcPos, x
			}
			count += nSrc
		}
		outPos += nDst
		srcPos += nSrc
	}
}
