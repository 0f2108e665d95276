package source_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
)

// enc returns s encoded in e, failing the test when e cannot encode it.
func enc(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}

// utf16With returns s in UTF-16 with a byte order mark, little- or
// big-endian.
func utf16With(s string, little bool) []byte {
	out := []byte{0xFE, 0xFF}
	if little {
		out = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if little {
			out = append(out, byte(u), byte(u>>8))
		} else {
			out = append(out, byte(u>>8), byte(u))
		}
	}
	return out
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func TestDecode(t *testing.T) {
	const (
		russian   = "Министр иностранных дел заявил в понедельник, что переговоры \"будут трудными\"."
		japanese_ = "東京で記者会見が開かれ、首相は「対話を続ける」と述べた。"
		french    = "L'été dernier, le ministre a déclaré « non » à Genève."
		quotes    = "The minister called it “a historic step” for café owners."
	)
	cp1252 := []byte("The minister called it \x93a historic step\x94 for caf\xe9 owners.")
	latin1 := []byte("L'\xe9t\xe9 dernier, le ministre a d\xe9clar\xe9 \xab non \xbb \xe0 Gen\xe8ve.")
	sjis := enc(t, japanese.ShiftJIS, japanese_)
	koi8 := enc(t, charmap.KOI8R, russian)
	cp1251 := enc(t, charmap.Windows1251, russian)
	html := func(head string, body []byte) []byte {
		return cat([]byte("<!DOCTYPE html>\n<html><head>"+head+"<title>News</title></head>\n<body><p>"), body, []byte("</p></body></html>\n"))
	}
	htmlText := func(head, body string) string {
		return "<!DOCTYPE html>\n<html><head>" + head + "<title>News</title></head>\n<body><p>" + body + "</p></body></html>\n"
	}
	const meta1252 = `<meta charset="windows-1252">`
	const metaLatin1 = `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`
	const meta1251 = `<meta charset=windows-1251>`

	tests := []struct {
		name       string
		raw        []byte
		opt        source.DecodeOptions
		text       string // "" means raw itself, not a copy
		encoding   string
		from       string
		transcoded bool
		bom        int
		remark     string // a substring of the one remark wanted
	}{
		{"plain utf-8", []byte(quotes), source.DecodeOptions{}, "", "utf-8", source.FromDefault, false, 0, ""},
		{"plain invalid utf-8 is left to the document", []byte("ok \xc3\x28 then café"), source.DecodeOptions{}, "", "utf-8", source.FromDefault, false, 0, ""},
		{"plain windows-1252 byte for byte", []byte("ok caf\xe9 \x93then\x94"), source.DecodeOptions{}, "ok café “then”", "windows-1252", source.FromLegacy, true, 0, ""},
		{"a windows-1252 hole is not windows-1252", []byte("ok caf\xe9 \x81"), source.DecodeOptions{}, "", "utf-8", source.FromDefault, false, 0, ""},
		{"utf-8 bom kept", cat([]byte("\xEF\xBB\xBF"), []byte(quotes)), source.DecodeOptions{}, "", "utf-8", source.FromBOM, false, 3, ""},
		{"windows-1252", cp1252, source.DecodeOptions{Encoding: "windows-1252"}, quotes, "windows-1252", source.FromOption, true, 0, ""},
		{"cp1252 alias", cp1252, source.DecodeOptions{Encoding: "CP1252"}, quotes, "windows-1252", source.FromOption, true, 0, ""},
		{"iso-8859-1", latin1, source.DecodeOptions{Encoding: "ISO-8859-1"}, french, "windows-1252", source.FromOption, true, 0, ""},
		{"koi8-r", koi8, source.DecodeOptions{Encoding: "koi8-r"}, russian, "koi8-r", source.FromOption, true, 0, ""},
		{"windows-1251", cp1251, source.DecodeOptions{Encoding: "cp1251"}, russian, "windows-1251", source.FromOption, true, 0, ""},
		{"shift_jis", sjis, source.DecodeOptions{Encoding: "Shift_JIS"}, japanese_, "shift_jis", source.FromOption, true, 0, ""},
		{"iso-2022-jp is 7-bit but not ascii", enc(t, japanese.ISO2022JP, japanese_), source.DecodeOptions{Encoding: "csISO2022JP"}, japanese_, "iso-2022-jp", source.FromOption, true, 0, ""},
		{"gb18030", enc(t, simplifiedchinese.GB18030, "外交部发言人周一表示"), source.DecodeOptions{Encoding: "gb18030"}, "外交部发言人周一表示", "gb18030", source.FromOption, true, 0, ""},
		{"ascii in a legacy encoding is its own utf-8", []byte("Talks resumed on Monday."), source.DecodeOptions{Encoding: "windows-1252"}, "", "windows-1252", source.FromOption, false, 0, ""},
		{"explicit utf-8 is not transcoded", []byte(quotes), source.DecodeOptions{Encoding: "UTF8"}, "", "utf-8", source.FromOption, false, 0, ""},
		{"utf-16le bom", utf16With(quotes, true), source.DecodeOptions{}, quotes, "utf-16le", source.FromBOM, true, 0, ""},
		{"utf-16be bom", utf16With(russian, false), source.DecodeOptions{}, russian, "utf-16be", source.FromBOM, true, 0, ""},
		{"utf-16le without bom needs the option", utf16With(quotes, true)[2:], source.DecodeOptions{Encoding: "utf-16le"}, quotes, "utf-16le", source.FromOption, true, 0, ""},
		{"bom wins over the option", utf16With(quotes, true), source.DecodeOptions{Encoding: "windows-1252"}, quotes, "utf-16le", source.FromBOM, true, 0, ""},
		{"utf-8 bom wins over the option", cat([]byte("\xEF\xBB\xBF"), []byte(quotes)), source.DecodeOptions{Encoding: "shift_jis"}, "", "utf-8", source.FromBOM, false, 3, ""},
		{"bom wins over content-type", utf16With(quotes, false), source.DecodeOptions{ContentType: "text/html; charset=windows-1252", HTML: true}, quotes, "utf-16be", source.FromBOM, true, 0, ""},

		{"html meta charset", html(meta1252, cp1252), source.DecodeOptions{HTML: true}, htmlText(meta1252, quotes), "windows-1252", source.FromMeta, true, 0, ""},
		{"html http-equiv", html(metaLatin1, latin1), source.DecodeOptions{HTML: true}, htmlText(metaLatin1, french), "windows-1252", source.FromMeta, true, 0, ""},
		{"content-type wins over meta", html(meta1251, koi8), source.DecodeOptions{ContentType: `text/html; charset="KOI8-R"`, HTML: true}, htmlText(meta1251, russian), "koi8-r", source.FromContentType, true, 0, ""},
		{"content-type for plain text", koi8, source.DecodeOptions{ContentType: "text/plain;charset=koi8-r"}, russian, "koi8-r", source.FromContentType, true, 0, ""},
		{"malformed content-type", koi8, source.DecodeOptions{ContentType: "text/plain; charset=koi8-r;;"}, russian, "koi8-r", source.FromContentType, true, 0, ""},
		{"meta is ignored for plain text", []byte(htmlText(meta1252, quotes)), source.DecodeOptions{}, "", "utf-8", source.FromDefault, false, 0, ""},
		{"unknown content-type charset falls back to meta", html(meta1252, cp1252), source.DecodeOptions{ContentType: "text/html; charset=klingon", HTML: true}, htmlText(meta1252, quotes), "windows-1252", source.FromMeta, true, 0, `the Content-Type names the charset "klingon", which cannot be read (unknown encoding`},
		{"meta utf-16 means utf-8", []byte(htmlText(`<meta charset="utf-16">`, quotes)), source.DecodeOptions{HTML: true}, "", "utf-8", source.FromMeta, false, 0, ""},
		{"meta after 1024 bytes is not seen", html("<!-- "+strings.Repeat("x", 1024)+" -->"+meta1252, []byte("Caf\xc3\xa9 owners")), source.DecodeOptions{HTML: true}, "", "utf-8", source.FromDefault, false, 0, ""},
		{"meta inside a comment is not a declaration", html("<!-- "+meta1251+" -->", []byte(quotes)), source.DecodeOptions{HTML: true}, "", "utf-8", source.FromDefault, false, 0, ""},
		{"declared legacy charset but valid utf-8", []byte(htmlText(metaLatin1, quotes)), source.DecodeOptions{HTML: true}, "", "utf-8", source.FromMeta, false, 0, "the <meta charset> declares iso-8859-1 but the input is valid UTF-8"},
		{"declared legacy charset, ascii only", []byte(htmlText(metaLatin1, "Talks resumed on Monday.")), source.DecodeOptions{HTML: true}, "", "windows-1252", source.FromMeta, false, 0, ""},
		{"html declaring nothing, utf-8", []byte(htmlText("", quotes)), source.DecodeOptions{HTML: true}, "", "utf-8", source.FromDefault, false, 0, ""},
		{"html declaring nothing, not utf-8", html("", cp1252), source.DecodeOptions{HTML: true}, htmlText("", quotes), "windows-1252", source.FromGuess, true, 0, ""},
		{"html declaring nothing, utf-8 with a stray byte", []byte(htmlText("", quotes+" \x96 and more")), source.DecodeOptions{HTML: true}, "", "utf-8", source.FromDefault, false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := source.Decode(tt.raw, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if tt.text == "" {
				if len(d.Text) != len(tt.raw) || len(d.Text) > 0 && &d.Text[0] != &tt.raw[0] {
					t.Errorf("Text is not raw itself: %q", d.Text)
				}
			} else if string(d.Text) != tt.text {
				t.Errorf("Text = %q\nwant   %q", d.Text, tt.text)
			}
			if d.Encoding != tt.encoding || d.From != tt.from || d.Transcoded != tt.transcoded || d.BOM != tt.bom {
				t.Errorf("got %s from %s, transcoded %v, bom %d; want %s from %s, %v, %d",
					d.Encoding, d.From, d.Transcoded, d.BOM, tt.encoding, tt.from, tt.transcoded, tt.bom)
			}
			if d.Invalid != 0 {
				t.Errorf("%d invalid bytes at %d, want none", d.Invalid, d.InvalidOffset)
			}
			switch {
			case tt.remark == "" && len(d.Remarks) > 0:
				t.Errorf("remarks %q", d.Remarks)
			case tt.remark != "" && (len(d.Remarks) != 1 || !strings.Contains(d.Remarks[0], tt.remark)):
				t.Errorf("remarks %q, want one with %q", d.Remarks, tt.remark)
			}
		})
	}
}

// TestDecodeInvalid checks that bytes not valid in the encoding are counted
// and the first is found, in the input and in the text.
func TestDecodeInvalid(t *testing.T) {
	sjis := func(s string) []byte { return enc(t, japanese.ShiftJIS, s) }
	head := sjis("東京で記者会見")
	u16 := utf16With("Talks \uFFFD resumed", true) // a U+FFFD the input really holds
	tests := []struct {
		name               string
		raw                []byte
		encoding           string
		text               string
		invalid, first, at int
	}{
		// 0xFF is no Shift_JIS byte; 0x81 0x20 is a lead byte with an
		// ASCII trail, read as U+FFFD and a space.
		{"shift_jis", cat(head, []byte("\xff"), sjis("が開かれた"), []byte("\x81 end")), "shift_jis",
			"東京で記者会見\uFFFDが開かれた\uFFFD end", 2, len(head), len("東京で記者会見")},
		{"shift_jis truncated at the end", cat(head, []byte("\x82")), "shift_jis", "東京で記者会見\uFFFD", 1, len(head), len("東京で記者会見")},
		{"windows-1252 unassigned", []byte("caf\xe9 \x81 and \x8d"), "windows-1252", "café \uFFFD and \uFFFD", 2, 5, 6},
		{"utf-16 lone surrogate, real U+FFFD kept", cat(u16, []byte{0x00, 0xD8, 'a', 0}), "", "Talks \uFFFD resumed\uFFFDa", 2, len(u16), len("Talks \uFFFD resumed")},
		{"utf-16 odd length", cat(utf16With("Talks", false), []byte{0x00}), "", "Talks\uFFFD", 1, 12, 5},
		{"gb18030 real U+FFFD is not invalid", cat(enc(t, simplifiedchinese.GB18030, "外交部\uFFFD"), []byte("\xff")), "gb18030", "外交部\uFFFD\uFFFD", 1, 10, len("外交部\uFFFD")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := source.Decode(tt.raw, source.DecodeOptions{Encoding: tt.encoding})
			if err != nil {
				t.Fatal(err)
			}
			if string(d.Text) != tt.text || !d.Transcoded {
				t.Errorf("Text = %q (transcoded %v), want %q", d.Text, d.Transcoded, tt.text)
			}
			if d.Invalid != tt.invalid || d.InvalidOffset != tt.first || d.InvalidTextOffset != tt.at {
				t.Errorf("invalid %d at %d (text %d), want %d at %d (text %d)",
					d.Invalid, d.InvalidOffset, d.InvalidTextOffset, tt.invalid, tt.first, tt.at)
			}
			if !bytes.HasPrefix(d.Text[d.InvalidTextOffset:], []byte("\uFFFD")) {
				t.Errorf("no U+FFFD at text offset %d", d.InvalidTextOffset)
			}
		})
	}
}

func TestLookupEncoding(t *testing.T) {
	for name, want := range map[string]string{
		"windows-1252": "windows-1252", "cp1252": "windows-1252", "latin1": "windows-1252",
		"ISO-8859-1": "windows-1252", "iso_8859-1": "windows-1252", " us-ascii ": "windows-1252",
		"koi8-r": "koi8-r", "KOI8-U": "koi8-u", "windows-1251": "windows-1251", "cp1251": "windows-1251",
		"shift_jis": "shift_jis", "sjis": "shift_jis", "ms932": "shift_jis", "euc-jp": "euc-jp",
		"gb18030": "gb18030", "gb2312": "gbk", "euc-kr": "euc-kr", "big5": "big5",
		"utf-16": "utf-16le", "utf-16le": "utf-16le", "UTF-16BE": "utf-16be", "utf16le": "utf-16le",
		"utf-8": "utf-8", "utf8": "utf-8", "iso-8859-15": "iso-8859-15", "latin2": "iso-8859-2",
		"ibm437": "ibm437", "utf-32": "utf-32",
	} {
		got, err := source.LookupEncoding(name)
		if err != nil || got != want {
			t.Errorf("LookupEncoding(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	for name, wantErr := range map[string]string{
		"klingon":     `unknown encoding "klingon" (known names include utf-8`,
		"utf-9":       `unknown encoding "utf-9"`,
		"iso-2022-kr": "replacement encoding",
	} {
		_, err := source.LookupEncoding(name)
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("LookupEncoding(%q): error %v, want one with %q", name, err, wantErr)
		}
		if _, err := source.Decode([]byte("text"), source.DecodeOptions{Encoding: name}); err == nil {
			t.Errorf("Decode with encoding %q: no error", name)
		}
	}
	if _, err := source.LookupEncoding(""); err == nil || !strings.Contains(err.Error(), "empty encoding name") {
		t.Errorf("LookupEncoding(\"\"): %v", err)
	}
	if _, err := source.LookupEncoding("klingon"); err == nil || !strings.Contains(err.Error(), "windows-1252") {
		t.Errorf("the error should list common names: %v", err)
	}
}

// TestDecodeUTF32 checks that a UTF-32 byte order mark is honoured when the
// option says UTF-32, although it starts like a UTF-16LE one.
func TestDecodeUTF32(t *testing.T) {
	raw := []byte{0xFF, 0xFE, 0, 0, 'O', 0, 0, 0, 'K', 0, 0, 0}
	d, err := source.Decode(raw, source.DecodeOptions{Encoding: "utf-32"})
	if err != nil || string(d.Text) != "OK" || d.Encoding != "utf-32le" {
		t.Errorf("got %+v, %v", d, err)
	}
}

// TestDecodeLarge checks that a large windows-1252 input decodes whole, with
// text sized close to what it needs.
func TestDecodeLarge(t *testing.T) {
	line := "The minister called it \x93a historic step\x94 for caf\xe9 owners in Z\xfcrich.\n"
	raw := bytes.Repeat([]byte(line), (4<<20)/len(line))
	d, err := source.Decode(raw, source.DecodeOptions{Encoding: "windows-1252"})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Repeat("The minister called it “a historic step” for café owners in Zürich.\n", (4<<20)/len(line))
	if string(d.Text) != want || d.Invalid != 0 {
		t.Fatalf("text differs (%d bytes, want %d), %d invalid", len(d.Text), len(want), d.Invalid)
	}
	if cap(d.Text) > len(d.Text)*11/10+4096 {
		t.Errorf("text holds %d bytes for %d", cap(d.Text), len(d.Text))
	}
}

// TestDecodeUTF8Head checks that a long text whose first megabyte is valid
// UTF-8 stays UTF-8 with a bad byte far down, as a stream must read it,
// while the same bytes near the start make it windows-1252.
func TestDecodeUTF8Head(t *testing.T) {
	line := []byte("Café owners in Zürich met on Monday.\n")
	clean := bytes.Repeat(line, source.UTF8Head/len(line)+1)
	late := append(append([]byte{}, clean...), "caf\xe9\n"...)
	d, err := source.Decode(late, source.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Transcoded || d.Encoding != "utf-8" {
		t.Errorf("a bad byte past the head: read as %s, transcoded %v; want utf-8", d.Encoding, d.Transcoded)
	}
	early := append([]byte("caf\xe9\n"), bytes.ReplaceAll(clean, []byte("é"), []byte("e"))...)
	early = bytes.ReplaceAll(early, []byte("ü"), []byte("u"))
	if d, err = source.Decode(early, source.DecodeOptions{}); err != nil || d.Encoding != "windows-1252" {
		t.Errorf("a bad byte at the start: read as %s (%v); want windows-1252", d.Encoding, err)
	}
	for _, tt := range []struct {
		b    string
		want bool
	}{{"abc", true}, {"ab\xc3", true}, {"ab\xc3\xa9", true}, {"ab\xe2\x80", true}, {"a\xffb", false}, {"ab\xff", false}} {
		if got := source.ValidPrefix([]byte(tt.b)); got != tt.want {
			t.Errorf("ValidPrefix(%q) = %v, want %v", tt.b, got, tt.want)
		}
	}
	for _, tt := range []struct {
		b    string
		want bool
	}{
		{"plain", true}, {"caf\xc3\xa9", true},
		{"caf\xe9 in Z\xc3\xbcrich", true}, // corrupt UTF-8
		{"caf\xe9 \x81", true},             // a byte windows-1252 leaves undefined
		{"caf\xe9 na\xefve", false},        // windows-1252 so far
		{"\xff\xfeh\x00i\x00", false},      // UTF-16
		{"\xfe\xff\x00h\x00i", false},
	} {
		if got := source.ReadAsUTF8([]byte(tt.b)); got != tt.want {
			t.Errorf("ReadAsUTF8(%q) = %v, want %v", tt.b, got, tt.want)
		}
	}
}

// TestCheckTranscoded checks a windows-1252 file through the checker: the
// findings land on the file's lines and columns, their offsets count bytes of
// the UTF-8 text, and a note says so.
func TestCheckTranscoded(t *testing.T) {
	text := "“Peace talks” resumed in Genève on Monday.\r\n" +
		"Café owners said the the talks , they hoped, would go on.\r\n"
	raw := enc(t, charmap.Windows1252, text)
	path := filepath.Join(t.TempDir(), "article.txt")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := checker.New(checker.Config{Input: checker.Input{Encoding: "cp1252"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CheckFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || res.Notes[0].Kind != "transcoded" || !strings.Contains(res.Notes[0].Message, "read as windows-1252") {
		t.Errorf("notes %+v, want one saying it was read as windows-1252", res.Notes)
	}
	type pos struct{ line, col, endLine, endCol int }
	want := map[string]pos{"the the": {2, 18, 2, 25}, " ,": {2, 31, 2, 33}}
	found := 0
	for _, f := range res.Findings {
		p, ok := want[f.Text]
		if !ok {
			continue
		}
		found++
		if got := (pos{f.Line, f.Column, f.EndLine, f.EndColumn}); got != p {
			t.Errorf("%s %q at %+v, want %+v", f.Rule, f.Text, got, p)
		}
		if text[f.Offset:f.Offset+f.Length] != f.Text {
			t.Errorf("%s: offset %d+%d is %q in the UTF-8 text, want %q", f.Rule, f.Offset, f.Length, text[f.Offset:f.Offset+f.Length], f.Text)
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d artifacts: %+v", found, len(want), res.Findings)
	}

	// Bytes not valid in the encoding are a note with their place, not a
	// failure.
	bad := cat(enc(t, japanese.ShiftJIS, "東京で会見。\n記者は"), []byte("\xff"), enc(t, japanese.ShiftJIS, "質問した。\n"))
	c, _ = checker.New(checker.Config{})
	res = c.CheckInput(bad, checker.Input{Encoding: "shift_jis"})
	kinds := []string{}
	for _, n := range res.Notes {
		kinds = append(kinds, n.Kind)
	}
	if res.Skipped || !slices.Equal(kinds, []string{"transcoded", "invalid-encoding"}) {
		t.Fatalf("notes %+v", res.Notes)
	}
	n := res.Notes[1]
	if n.Offset != len("東京で会見。\n記者は") || !strings.Contains(n.Message, "not valid shift_jis at byte offset 19 of the file (line 2, column 4; 1 invalid byte in all)") {
		t.Errorf("note %+v", n)
	}

	// An HTML page declaring its charset.
	page := enc(t, charmap.Windows1252, `<html><head><meta charset="windows-1252"></head><body><p>Café owners said the the talks went well.</p></body></html>`)
	html := markup.HTML
	res = c.CheckInput(page, checker.Input{Format: &html})
	if len(res.Notes) == 0 || res.Notes[0].Kind != "transcoded" || !strings.Contains(res.Notes[0].Message, "from <meta charset>") {
		t.Errorf("html notes %+v", res.Notes)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("plain text"), "", "", false)
	f.Add([]byte("caf\xe9 \x93quoted\x94"), "windows-1252", "", false)
	f.Add([]byte("\xff\xfeT\x00a\x00\x00\xd8"), "", "", false)
	f.Add([]byte("\xfe\xff\x00T\x00"), "utf-16le", "", true)
	f.Add([]byte("\xef\xbb\xbfhi"), "shift_jis", "", false)
	f.Add([]byte(`<meta charset="koi8-r"><p>`+"\xf0\xd2\xc9"), "", "", true)
	f.Add([]byte(`<meta http-equiv=content-type content="text/html;charset='x-user-defined'">`+"\x80"), "", "", true)
	f.Add([]byte("\x82\xa0\x82\xa2\xff\x81"), "", "text/plain; charset=sjis", false)
	f.Add([]byte("\x1b$B0l\x1b(B"), "iso-2022-jp", "", false)
	f.Add([]byte("\xff\xfe\x00\x00a\x00\x00\x00"), "utf-32", "", false)
	f.Add([]byte("\x84\x31\xa4\x37\xff"), "gb18030", "", false)
	f.Fuzz(func(t *testing.T, raw []byte, name, contentType string, html bool) {
		d, err := source.Decode(raw, source.DecodeOptions{Encoding: name, ContentType: contentType, HTML: html})
		if err != nil {
			if name == "" {
				t.Fatalf("error without an encoding name: %v", err)
			}
			return
		}
		if d.Transcoded && !utf8.Valid(d.Text) {
			t.Fatalf("transcoded text is not valid UTF-8: %q", d.Text)
		}
		if !d.Transcoded && !bytes.Equal(d.Text, raw) {
			t.Fatalf("text differs from the input but Transcoded is false")
		}
		if d.Invalid > 0 {
			if d.InvalidOffset < 0 || d.InvalidOffset >= len(raw) || d.InvalidTextOffset < 0 ||
				!bytes.HasPrefix(d.Text[d.InvalidTextOffset:], []byte("\uFFFD")) {
				t.Fatalf("invalid %d at %d (text %d) of %d bytes", d.Invalid, d.InvalidOffset, d.InvalidTextOffset, len(raw))
			}
		}
		if d.Invalid > len(raw) {
			t.Fatalf("%d invalid bytes in %d", d.Invalid, len(raw))
		}
	})
}

// BenchmarkDecode measures transcoding of news text: windows-1252 (mostly
// ASCII), windows-1251 (every letter two bytes of UTF-8) and Shift_JIS.
func BenchmarkDecode(b *testing.B) {
	for _, bc := range []struct {
		name string
		e    encoding.Encoding
		line string
	}{
		{"windows-1252", charmap.Windows1252, "The minister called it “a historic step” for café owners in Zürich, officials said.\n"},
		{"windows-1251", charmap.Windows1251, "Министр иностранных дел заявил в понедельник, что переговоры «будут трудными».\n"},
		{"shift_jis", japanese.ShiftJIS, "東京で記者会見が開かれ、首相は「対話を続ける」と述べた。\n"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			raw := bytes.Repeat(enc(b, bc.e, bc.line), (8<<20)/len(bc.line))
			name, _ := source.LookupEncoding(bc.name)
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, err := source.Decode(raw, source.DecodeOptions{Encoding: name}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
