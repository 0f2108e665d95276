package source

import "unicode/utf8"

// DecodeOptions say how to turn an input's bytes into UTF-8.
type DecodeOptions struct {
	// Encoding names the encoding of the input (an IANA or WHATWG name such
	// as "windows-1252" or "iso-8859-1"); empty means detect: a byte order
	// mark, then for HTML ContentType and <meta charset>, else UTF-8.
	Encoding string
	// ContentType is the HTTP Content-Type the input came with, if any.
	ContentType string
	// HTML says the input is HTML, whose <meta charset> is honoured.
	HTML bool
}

// Decoded is an input turned into UTF-8.
type Decoded struct {
	// Text is the input in UTF-8, without a byte order mark. It is raw
	// itself (not a copy) when the input was UTF-8 already.
	Text []byte
	// Encoding is the name of the encoding the input was read in ("utf-8"
	// when it was not transcoded).
	Encoding string
	// Transcoded says Text differs from the input: offsets in reports then
	// count bytes of Text, not of the file.
	Transcoded bool
	// BOM is the length of a UTF-8 byte order mark left at the start of
	// Text (0 or 3): it is kept so that offsets stay those of the file.
	BOM int
}

// Decode turns raw into UTF-8 as opt says. TEMPORARY placeholder: the
// charset decoder replaces this.
func Decode(raw []byte, opt DecodeOptions) (*Decoded, error) {
	_ = utf8.Valid
	return &Decoded{Text: raw, Encoding: "utf-8"}, nil
}

// LookupEncoding returns the canonical name of the encoding called name, or
// an error that lists a few known names. TEMPORARY placeholder.
func LookupEncoding(name string) (string, error) { return name, nil }
