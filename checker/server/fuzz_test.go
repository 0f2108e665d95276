package server

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
)

// FuzzData fuzzes the parser of the data parameter: it never panics, and
// the positions it maps stay within the original text, in order, with the
// characters of text parts unchanged.
func FuzzData(f *testing.F) {
	for _, seed := range []string{
		`{"text": "Hello , world."}`,
		`{"annotation": [{"markup": "<p>"}, {"text": "Hi 😀 there"}, {"markup": "<br/>", "interpretAs": "\n"}, {"text": "again"}]}`,
		`{"annotation": [{"text": "a", "markup": "b"}]}`,
		`{"annotation": [{"text": "a", "interpretAs": "b"}]}`,
		`{"annotation": [{"markup": "<x>", "interpretAs": "東京"}]}`,
		`{"annotation": [1, "a", null, {}]}`,
		`{"annotation": {"text": "a"}}`,
		`{"text": null}`, `{"text": 1e400}`, `[]`, `"x"`, `{`, ``, `null`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		a, err := parseData(data)
		if err != nil {
			if _, ok := err.(*dataError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		last := 0
		for p := 0; p <= len(a.plain); p++ {
			s, e := a.startIn(p), a.endIn(p)
			if s < 0 || s > len(a.original) || e < 0 || e > len(a.original) {
				t.Fatalf("plain %d maps to [%d, %d], outside the %d bytes of the original", p, s, e, len(a.original))
			}
			if s < last {
				t.Fatalf("startIn(%d) = %d goes back before %d", p, s, last)
			}
			last = s
		}
		for _, pt := range a.parts {
			if pt.plainStart < 0 || pt.plainEnd > len(a.plain) || pt.origEnd > len(a.original) || pt.plainStart >= pt.plainEnd {
				t.Fatalf("part %+v out of bounds (plain %d, original %d)", pt, len(a.plain), len(a.original))
			}
			if !pt.markup && a.plain[pt.plainStart:pt.plainEnd] != a.original[pt.origStart:pt.origEnd] {
				t.Fatalf("text part %+v differs between plain and original", pt)
			}
		}
		if a.parts == nil && a.plain != a.original {
			t.Fatalf("no parts but plain %q != original %q", a.plain, a.original)
		}
	})
}

var (
	fuzzOnce   sync.Once
	fuzzServer *Server
)

// FuzzForm fuzzes the form parser and the /v2/check handler with any body:
// no panic, only the statuses of a request's own making (200, 400, 413),
// and on 200 every match within the original text, in UTF-16 code units.
func FuzzForm(f *testing.F) {
	for _, seed := range []string{
		"language=en-US&text=Hello+%2C+world.",
		"language=auto&text=%F0%9F%98%80+It+is+the+the+end.",
		"language=en-GB&data=%7B%22annotation%22%3A%5B%7B%22markup%22%3A%22%3Cb%3E%22%7D%2C%7B%22text%22%3A%22the+the%22%7D%5D%7D",
		"language=en-US&text=a;b&enabledOnly=true&enabledCategories=PUNCTUATION",
		"language=en-US&text=%zz", "text=&language=", "&&&=&=", "language=en-US&text=%00%00",
		"language=en-US&text=%FF%FE%41%00", "language=en-US&level=picky&text=x&disabledRules=a,b,,",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		params := map[string]string{}
		perr := parseForm(body, params)
		for k, v := range params {
			if strings.Contains(k, "&") && perr == nil {
				t.Fatalf("key %q holds a separator", k)
			}
			_ = v
		}
		fuzzOnce.Do(func() {
			var err error
			fuzzServer, err = New(Options{MaxTextLength: 5000, MaxBody: 1 << 16, Workers: 1, Queue: 4})
			if err != nil {
				t.Fatal(err)
			}
		})
		status, resp, _ := do(t, fuzzServer, "POST", "/v2/check", formType, body)
		switch status {
		case 400, 413:
			if !strings.HasPrefix(resp, "Error: ") {
				t.Fatalf("%d without LanguageTool's error form: %q", status, resp)
			}
			return
		case 200:
		default:
			t.Fatalf("status %d for body %q: %s", status, body, resp)
		}
		if perr != nil {
			t.Fatalf("200 for a body the parser refused (%v)", perr)
		}
		var original string
		if text, ok := params["text"]; ok {
			original = strings.ToValidUTF8(text, "\uFFFD")
		} else {
			a, err := parseData(strings.ToValidUTF8(params["data"], "\uFFFD"))
			if err != nil {
				t.Fatalf("200 for data the parser refused: %v", err)
			}
			original = a.original
		}
		n := document.UTF16Len(original)
		var r ltResponse
		if err := json.Unmarshal([]byte(resp), &r); err != nil {
			t.Fatalf("answer is not JSON: %v", err)
		}
		for _, m := range r.Matches {
			if m.Offset < 0 || m.Length < 0 || m.Offset+m.Length > n {
				t.Fatalf("match %s at %d+%d outside the %d units of the text", m.Rule.ID, m.Offset, m.Length, n)
			}
			if m.Context.Offset+m.Context.Length > document.UTF16Len(m.Context.Text) || !utf8.ValidString(m.Context.Text) {
				t.Fatalf("context %+v", m.Context)
			}
		}
		for _, sr := range r.SentenceRanges {
			if sr[0] < 0 || sr[0] > sr[1] || sr[1] > n {
				t.Fatalf("sentence range %v outside the %d units of the text", sr, n)
			}
		}
	})
}
