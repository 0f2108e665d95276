package checker_test

import (
	"os"
	"testing"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/source"
)

// FuzzCheck runs every built-in rule over arbitrary input, in windows of
// arbitrary size: no rule may panic or report a span outside the input, and
// every finding's text must be the input's bytes at its offset.
//
//	go test ./checker -run '^$' -fuzz FuzzCheck -fuzztime 60s
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"", "the the", "Home › World › Europe\n\nText", "said Ryabkov. .", "“open\n\n“again",
		"(PA Wire)", "a .. b ,, c", "Mr. Smith. which", "\xff\xfe", "U.S.. e.g., “said",
	} {
		f.Add([]byte(s), 0)
	}
	if seed, err := os.ReadFile("../testdata/mt-article.txt"); err == nil {
		f.Add(seed, 700)
	}
	f.Fuzz(func(t *testing.T, raw []byte, window int) {
		c, err := checker.New(checker.Config{Window: window % 2048})
		if err != nil {
			t.Fatal(err)
		}
		res := c.CheckBytes(raw)
		for _, n := range res.Notes {
			if n.Kind == "internal-error" {
				t.Fatalf("%s", n.Message)
			}
		}
		// Offsets count bytes of the UTF-8 text: of the input, unless it was
		// transcoded (windows-1252 that is not UTF-8), as a note says.
		text := raw
		for _, n := range res.Notes {
			if n.Kind == "transcoded" {
				dec, err := source.Decode(raw, source.DecodeOptions{})
				if err != nil {
					t.Fatal(err)
				}
				text = dec.Text
			}
		}
		prev := 0
		for _, fd := range res.Findings {
			if fd.Offset < prev || fd.Offset < 0 || fd.Length < 0 || fd.Offset+fd.Length > len(text) {
				t.Fatalf("finding %+v outside the text (%d bytes) or out of order", fd, len(text))
			}
			prev = fd.Offset
			if utf8.Valid(text) && fd.Text != string(text[fd.Offset:fd.Offset+fd.Length]) {
				t.Fatalf("finding text %q is not the input at its offset", fd.Text)
			}
			if fd.Line < 1 || fd.Column < 1 || fd.EndLine < fd.Line || (fd.EndLine == fd.Line && fd.EndColumn < fd.Column) {
				t.Fatalf("bad position %+v", fd)
			}
		}
	})
}
