package server

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/builtin"
)

// newServer returns a server with the built-in rules and opt's limits.
func newServer(t testing.TB, opt Options) *Server {
	t.Helper()
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// do sends one request to h and returns the status and body.
func do(t testing.TB, h http.Handler, method, target, contentType, body string) (int, string, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header()
}

// form encodes key-value pairs as a form body.
func form(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

const formType = "application/x-www-form-urlencoded"

// TestStatuses covers every status and error body of the LanguageTool API.
func TestStatuses(t *testing.T) {
	s := newServer(t, Options{MaxTextLength: 60, MaxBody: 400})
	long := strings.Repeat("word ", 13) // 65 characters
	tests := []struct {
		name, method, target, ctype, body string
		status                            int
		want                              string // the whole body, or its start when it ends in "…"
	}{
		{"missing language", "POST", "/v2/check", formType, form("text", "Hello there."), 400, "Error: Missing 'language' parameter"},
		{"empty language", "POST", "/v2/check", formType, form("text", "Hello there.", "language", ""), 400, "Error: Missing 'language' parameter"},
		{"text and data", "POST", "/v2/check", formType, form("text", "a", "data", `{"text":"a"}`, "language", "en-US"), 400, "Error: Set only 'text' or 'data' parameter, not both"},
		{"neither text nor data", "POST", "/v2/check", formType, form("language", "en-US"), 400, "Error: Missing 'text' or 'data' parameter"},
		{"unknown language", "POST", "/v2/check", formType, form("text", "Bonjour.", "language", "fr"), 400, "Error: 'fr' is not a language code known to LanguageTool. Supported language codes are: auto, en, en-AU, en-CA, en-GB, en-NZ, en-ZA, en-US. mtlint checks English only."},
		{"unknown path", "GET", "/v2/spellcheck", "", "", 404, "Error: Unsupported action: 'spellcheck'. …"},
		{"unknown root path", "GET", "/", "", "", 404, "Error: Unsupported action: ''. …"},
		{"text too long", "POST", "/v2/check", formType, form("text", long, "language", "en-US"), 413, "Error: Your text exceeds the limit of 60 characters (it's 65 characters). Please submit a shorter text."},
		{"data text too long", "POST", "/v2/check", formType, form("data", `{"text":"`+long+`"}`, "language", "en-US"), 413, "Error: Your text exceeds the limit of 60 characters (it's 65 characters). …"},
		{"body too large", "POST", "/v2/check", formType, form("text", strings.Repeat("x", 500), "language", "en-US"), 413, "Error: Your request body exceeds the limit of 400 bytes. Please submit a shorter text."},
		{"enabledOnly without enabled", "POST", "/v2/check", formType, form("text", "Hi.", "language", "en-US", "enabledOnly", "true"), 400, "Error: You must specify enabled rules or categories when using enabledOnly=true"},
		{"enabledOnly with disabled", "POST", "/v2/check", formType, form("text", "Hi.", "language", "en-US", "enabledOnly", "true", "enabledRules", "punctuation.space-before", "disabledCategories", "STYLE"), 400, "Error: You cannot specify disabled rules or categories using enabledOnly=true"},
		{"bad level", "POST", "/v2/check", formType, form("text", "Hi.", "language", "en-US", "level", "strict"), 400, "Error: If 'level' is set, it must be set to 'default' or 'picky'"},
		{"preferredVariants without auto", "POST", "/v2/check", formType, form("text", "Hi.", "language", "en-US", "preferredVariants", "en-GB"), 400, "Error: You specified 'preferredVariants' but you didn't specify 'language=auto'"},
		{"bad escape", "POST", "/v2/check", formType, "language=en-US&text=100%zz", 400, "Error: could not decode the value of parameter 'text': …"},
		{"data not JSON", "POST", "/v2/check", formType, form("data", "{text:", "language", "en-US"), 400, "Error: Could not parse JSON from 'data' parameter"},
		{"data text and annotation", "POST", "/v2/check", formType, form("data", `{"text":"a","annotation":[]}`, "language", "en-US"), 400, "Error: 'data' key in JSON requires either 'text' or 'annotation' key, not both"},
		{"data without either", "POST", "/v2/check", formType, form("data", `{"metaData":{}}`, "language", "en-US"), 400, "Error: 'data' key in JSON requires 'text' or 'annotation' key"},
		{"annotation text and markup", "POST", "/v2/check", formType, form("data", `{"annotation":[{"text":"a", "markup":"<b>"}]}`, "language", "en-US"), 400, `Error: Only either 'text' or 'markup' are supported in an object in 'annotation' list, not both: {"text":"a","markup":"<b>"}`},
		{"annotation text and interpretAs", "POST", "/v2/check", formType, form("data", `{"annotation":[{"text":"a","interpretAs":"b"}]}`, "language", "en-US"), 400, `Error: 'text' cannot be used with 'interpretAs' (only 'markup' can): {"text":"a","interpretAs":"b"}`},
		{"annotation item of neither", "POST", "/v2/check", formType, form("data", `{"annotation":[{"txt":"a"}]}`, "language", "en-US"), 400, `Error: Only 'text' and 'markup' are supported in 'annotation' list: {"txt":"a"}`},
		{"annotation item not an object", "POST", "/v2/check", formType, form("data", `{"annotation":["a"]}`, "language", "en-US"), 400, `Error: Only 'text' and 'markup' are supported in 'annotation' list: "a"`},
		{"languages by POST", "POST", "/v2/languages", "", "", 400, "Error: /v2/languages needs to be called with GET"},
		{"check by PUT", "PUT", "/v2/check", formType, form("text", "Hi.", "language", "en-US"), 400, "Error: /v2/check needs to be called with GET or POST"},
		{"healthcheck", "GET", "/v2/healthcheck", "", "", 200, "OK"},
		{"healthz", "GET", "/healthz", "", "", 200, "ok\n"},
		{"check by GET", "GET", "/v2/check?language=en-US&text=" + url.QueryEscape("Hello there."), "", "", 200, `{"software":{"name":"mtlint",…`},
		{"form under another content type", "POST", "/v2/check", "text/plain;charset=UTF-8", form("text", "Hello there.", "language", "en-GB"), 200, `{"software":…`},
		{"query wins over body", "POST", "/v2/check?language=en-US", formType, form("text", "Hello there.", "language", "xx"), 200, `{"software":…`},
		{"a raw semicolon stays in the text", "POST", "/v2/check", formType, "language=en-US&text=a;b", 200, `{"software":…`},
		{"extra data keys ignored", "POST", "/v2/check", formType, form("data", `{"text":"Hi.","metaData":{"EmailToAddress":"x"}}`, "language", "en-US"), 200, `{"software":…`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, h := do(t, s, tt.method, tt.target, tt.ctype, tt.body)
			if status != tt.status {
				t.Errorf("status %d, want %d (body %q)", status, tt.status, body)
			}
			if prefix, ok := strings.CutSuffix(tt.want, "…"); ok {
				if !strings.HasPrefix(body, prefix) {
					t.Errorf("body %q, want it to start with %q", body, prefix)
				}
			} else if body != tt.want {
				t.Errorf("body %q, want %q", body, tt.want)
			}
			if status >= 400 && !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
				t.Errorf("error Content-Type %q, want text/plain", h.Get("Content-Type"))
			}
		})
	}
}

// ltAnswer decodes a /v2/check answer.
func ltAnswer(t testing.TB, body string) ltResponse {
	t.Helper()
	var r ltResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return r
}

// check posts text to /v2/check with the extra parameters and returns the
// answer.
func check(t testing.TB, h http.Handler, kv ...string) ltResponse {
	t.Helper()
	status, body, _ := do(t, h, "POST", "/v2/check", formType, form(kv...))
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	return ltAnswer(t, body)
}

// units returns the UTF-16 code units [off, off+n) of s as a string.
func units(s string, off, n int) string {
	u := utf16.Encode([]rune(s))
	if off < 0 || n < 0 || off+n > len(u) {
		return "<out of range>"
	}
	return string(utf16.Decode(u[off : off+n]))
}

// find returns the matches of rule.
func find(r ltResponse, rule string) []ltMatch {
	var out []ltMatch
	for _, m := range r.Matches {
		if m.Rule.ID == rule {
			out = append(out, m)
		}
	}
	return out
}

// TestUTF16Offsets checks that offset, length and the context count UTF-16
// code units, with characters outside the BMP (two units), CJK (one unit,
// three bytes) and accented letters (one unit, two bytes) before the match.
func TestUTF16Offsets(t *testing.T) {
	s := newServer(t, Options{})
	texts := []string{
		"Officials met on Monday , and the talks went on.",
		"😀😀 Officials met on Monday , and the talks went on.",
		"東京で会議 was held. Officials met on Monday , and the talks went on.",
		"Café résumé naïve 👩‍👩‍👧 flags 🇫🇷 arrived. Officials met on Monday , and the talks went on.",
		strings.Repeat("The 🎉 guests stayed late into the night and left well after midnight. ", 3) + "Officials met on Monday , and the talks went on. " + strings.Repeat("The hall (会场) was full. ", 3),
	}
	for _, text := range texts {
		r := check(t, s, "text", text, "language", "en-US")
		ms := find(r, "punctuation.space-before")
		if len(ms) != 1 {
			t.Fatalf("%q: %d matches of punctuation.space-before, want 1: %+v", text, len(ms), r.Matches)
		}
		m := ms[0]
		if got := units(text, m.Offset, m.Length); got != " ," {
			t.Errorf("%q: offset %d length %d cover %q, want \" ,\"", text, m.Offset, m.Length, got)
		}
		if got := units(m.Context.Text, m.Context.Offset, m.Context.Length); got != " ," {
			t.Errorf("%q: context %q offset %d length %d cover %q, want \" ,\"", text, m.Context.Text, m.Context.Offset, m.Context.Length, got)
		}
		ctxUnits := len(utf16.Encode([]rune(m.Context.Text)))
		if ctxUnits > 40+2+40+6 {
			t.Errorf("%q: context of %d units, want at most 40 each side and the dots", text, ctxUnits)
		}
		if !strings.Contains(m.Sentence, "Monday , and") {
			t.Errorf("%q: sentence %q does not hold the match", text, m.Sentence)
		}
		// the last sentence range ends at the end of the text
		total := len(utf16.Encode([]rune(text)))
		if n := len(r.SentenceRanges); n == 0 || r.SentenceRanges[n-1][1] > total {
			t.Errorf("%q: sentence ranges %v beyond the %d units of the text", text, r.SentenceRanges, total)
		}
	}
}

// TestMatchShape checks the fields of a match that clients read.
func TestMatchShape(t *testing.T) {
	s := newServer(t, Options{RuleURL: "https://docs.example.org/rules#{rule}", Version: "v9.9"})
	status, body, h := do(t, s, "POST", "/v2/check", formType, form("text", "Officials met on Monday , and it was the the end.", "language", "en-US"))
	if status != 200 || h.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %s", status, body)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"software", "warnings", "language", "matches", "sentenceRanges"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q in the answer", k)
		}
	}
	m := raw["matches"].([]any)[0].(map[string]any)
	for _, k := range []string{"message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "type", "rule", "ignoreForIncompleteSentence", "contextForSureMatch"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no %q in a match", k)
		}
	}
	r := ltAnswer(t, body)
	sb := find(r, "punctuation.space-before")[0]
	if sb.Rule.IssueType != "typographical" || sb.Rule.Category.ID != "punctuation" || sb.Rule.Description == "" ||
		len(sb.Rule.URLs) != 1 || sb.Rule.URLs[0].Value != "https://docs.example.org/rules#punctuation.space-before" ||
		len(sb.Replacements) != 1 || sb.Replacements[0].Value != "," || sb.Type.TypeName != "Other" {
		t.Errorf("space-before match %+v", sb)
	}
	if dw := find(r, "repetition.doubled-word"); len(dw) != 1 || dw[0].Rule.IssueType != "duplication" {
		t.Errorf("doubled-word %+v", dw)
	}
	if r.Software.Name != "mtlint" || r.Software.Version != "v9.9" || r.Software.APIVersion != 1 {
		t.Errorf("software %+v", r.Software)
	}
}

// TestContextCut checks the dots of a context cut on either side, and a
// line break shown as a space.
func TestContextCut(t *testing.T) {
	s := newServer(t, Options{})
	text := strings.Repeat("The committee met again on Tuesday.\n", 3) + "Officials met on Monday , and the talks went on for many long hours after that."
	m := find(check(t, s, "text", text, "language", "en-US"), "punctuation.space-before")
	if len(m) != 1 {
		t.Fatalf("%d matches, want 1", len(m))
	}
	c := m[0].Context
	if !strings.HasPrefix(c.Text, "...") || !strings.HasSuffix(c.Text, "...") {
		t.Errorf("context %q: want dots at both ends", c.Text)
	}
	if strings.Contains(c.Text, "\n") {
		t.Errorf("context %q holds a line break", c.Text)
	}
	if want := 3 + 40; c.Offset != want {
		t.Errorf("context offset %d, want %d (dots and 40 characters)", c.Offset, want)
	}
	if got := units(c.Text, c.Offset, c.Length); got != " ," {
		t.Errorf("context covers %q", got)
	}
}

// TestAnnotations checks that offsets of data annotations point into the
// original text, markup included, and that interpretAs is checked in the
// markup's place.
func TestAnnotations(t *testing.T) {
	s := newServer(t, Options{})
	data := `{"annotation":[
		{"markup":"<p class=\"lead\">"},
		{"text":"🎉 Officials met on Monday"},
		{"markup":"<br/>","interpretAs":" "},
		{"text":", and the talks went on."},
		{"markup":"</p>","interpretAs":"\n\n"},
		{"text":"It was the the end."}]}`
	original := `<p class="lead">🎉 Officials met on Monday<br/>, and the talks went on.</p>It was the the end.`
	r := check(t, s, "data", data, "language", "en-US")
	sb := find(r, "punctuation.space-before")
	if len(sb) != 1 {
		t.Fatalf("space-before: %d matches, want 1: %+v", len(sb), r.Matches)
	}
	// the flagged " ," has the interpreted space: the match covers the
	// markup and the comma
	if got := units(original, sb[0].Offset, sb[0].Length); got != "<br/>," {
		t.Errorf("space-before covers %q of the original, want \"<br/>,\"", got)
	}
	dw := find(r, "repetition.doubled-word")
	if len(dw) != 1 {
		t.Fatalf("doubled-word: %d matches, want 1: %+v", len(dw), r.Matches)
	}
	if got := units(original, dw[0].Offset, dw[0].Length); got != "the the" {
		t.Errorf("doubled word covers %q of the original", got)
	}
}

// TestAnnotatedMapping checks startIn and endIn at the edges of parts.
func TestAnnotatedMapping(t *testing.T) {
	a, err := parseData(`{"annotation":[{"markup":"<b>"},{"text":"ab"},{"markup":"<i>","interpretAs":"X"},{"text":"cd"},{"markup":"</i>"}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if a.plain != "abXcd" || a.original != "<b>ab<i>cd</i>" {
		t.Fatalf("plain %q original %q", a.plain, a.original)
	}
	tests := []struct{ plainStart, plainEnd, origStart, origEnd int }{
		{0, 2, 3, 5},   // "ab" after the markup
		{1, 3, 4, 8},   // "bX": into the interpreted markup
		{2, 3, 5, 8},   // "X" is the markup "<i>"
		{3, 5, 8, 10},  // "cd" ends before "</i>"
		{0, 5, 3, 10},  // all of it
		{5, 5, 14, 10}, // the end: start after the markup, end before it
	}
	for _, tt := range tests {
		if got := a.startIn(tt.plainStart); got != tt.origStart {
			t.Errorf("startIn(%d) = %d, want %d", tt.plainStart, got, tt.origStart)
		}
		if got := a.endIn(tt.plainEnd); got != tt.origEnd {
			t.Errorf("endIn(%d) = %d, want %d", tt.plainEnd, got, tt.origEnd)
		}
	}
}

// TestDataLenient checks the shapes of data that LanguageTool accepts and
// reads leniently.
func TestDataLenient(t *testing.T) {
	tests := []struct{ data, plain string }{
		{`{"text": "Hi."}`, "Hi."},
		{`{"text": 42}`, "42"},
		{`{"text": ""}`, ""},
		{`{"annotation": []}`, ""},
		{`{"annotation": null}`, ""},
		{`{"annotation": [{"markup": "<x/>"}]}`, ""},
		{`{"annotation": [{"text": "a", "extra": 1}, {"markup": "<b>", "interpretAs": "", "x": true}]}`, "a"},
		{`{"text": "a", "metaData": {"k": "v"}}`, "a"},
	}
	for _, tt := range tests {
		a, err := parseData(tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.data, err)
			continue
		}
		if a.plain != tt.plain {
			t.Errorf("%s: plain %q, want %q", tt.data, a.plain, tt.plain)
		}
	}
}

// TestLanguages checks the language parameter, variants and auto.
func TestLanguages(t *testing.T) {
	s := newServer(t, Options{})
	text := "The minister said on Monday that the talks would go on, and officials agreed to meet again next week."
	for _, code := range []string{"en", "en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA", "en_gb", "EN-us"} {
		r := check(t, s, "text", text, "language", code)
		want, _ := lookupLanguage(code)
		if r.Language.Code != want.LongCode || r.Language.Name != want.Name {
			t.Errorf("%s: language %+v, want %s", code, r.Language, want.LongCode)
		}
	}
	r := check(t, s, "text", text, "language", "auto")
	if r.Language.Code != "en-US" || r.Language.DetectedLanguage.Code != "en-US" || r.Language.DetectedLanguage.Confidence <= 0.5 {
		t.Errorf("auto on English: %+v", r.Language)
	}
	r = check(t, s, "text", text, "language", "auto", "preferredVariants", "de-DE,en-GB")
	if r.Language.Code != "en-GB" || r.Language.DetectedLanguage.Code != "en-GB" {
		t.Errorf("auto with preferredVariants en-GB: %+v", r.Language)
	}
	if status, body, _ := do(t, s, "POST", "/v2/check", formType, form("text", text, "language", "auto", "preferredVariants", "en")); status != 400 || body != "Error: Invalid format for 'preferredVariants', expected a dash as in 'en-GB': 'en'" {
		t.Errorf("preferredVariants=en: %d %q", status, body)
	}
	fr := "Le ministre a déclaré lundi que les discussions se poursuivraient et que les responsables se réuniraient de nouveau la semaine prochaine."
	r = check(t, s, "text", fr, "language", "auto")
	if r.Language.Code != "fr" || r.Language.DetectedLanguage.Name != "French" {
		t.Errorf("auto on French: %+v", r.Language)
	}
	status, body, h := do(t, s, "GET", "/v2/languages", "", "")
	var langs []ltLanguage
	if status != 200 || json.Unmarshal([]byte(body), &langs) != nil || len(langs) != len(languages) || h.Get("Content-Type") != "application/json" {
		t.Errorf("/v2/languages: %d %s", status, body)
	}
	status, body, _ = do(t, s, "GET", "/v2/info", "", "")
	if status != 200 || !strings.Contains(body, `"software":{`) || !strings.Contains(body, `"name":"mtlint"`) {
		t.Errorf("/v2/info: %d %s", status, body)
	}
}

// TestRuleSelection checks enabledRules, disabledRules, the categories
// (LanguageTool's, mapped, and mtlint's), enabledOnly and level.
func TestRuleSelection(t *testing.T) {
	s := newServer(t, Options{})
	text := "Officials met on Monday , and it was the the end. They will be commercial."
	rulesOf := func(kv ...string) map[string]bool {
		r := check(t, s, append([]string{"text", text, "language", "en-US"}, kv...)...)
		out := map[string]bool{}
		for _, m := range r.Matches {
			out[m.Rule.ID] = true
		}
		return out
	}
	all := rulesOf()
	for _, id := range []string{"punctuation.space-before", "repetition.doubled-word", "idiom.stock-phrases"} {
		if !all[id] {
			t.Fatalf("the text does not raise %s: %v", id, all)
		}
	}
	tests := []struct {
		name    string
		kv      []string
		want    []string // present
		notWant []string // absent
	}{
		{"disabledRules", []string{"disabledRules", "punctuation.space-before"}, []string{"repetition.doubled-word"}, []string{"punctuation.space-before"}},
		{"unknown rule ignored", []string{"disabledRules", "MORFOLOGIK_RULE_EN_US,punctuation.space-before"}, []string{"idiom.stock-phrases"}, []string{"punctuation.space-before"}},
		{"LT PUNCTUATION", []string{"disabledCategories", "PUNCTUATION"}, []string{"repetition.doubled-word"}, []string{"punctuation.space-before"}},
		{"LT REDUNDANCY", []string{"disabledCategories", "REDUNDANCY"}, []string{"punctuation.space-before"}, []string{"repetition.doubled-word"}},
		{"LT STYLE", []string{"disabledCategories", "STYLE"}, []string{"punctuation.space-before"}, []string{"idiom.stock-phrases"}},
		{"mtlint category", []string{"disabledCategories", "idiom"}, []string{"punctuation.space-before"}, []string{"idiom.stock-phrases"}},
		{"TYPOS maps to nothing", []string{"disabledCategories", "TYPOS"}, []string{"punctuation.space-before", "repetition.doubled-word", "idiom.stock-phrases"}, nil},
		{"enabledOnly rule", []string{"enabledOnly", "true", "enabledRules", "repetition.doubled-word"}, []string{"repetition.doubled-word"}, []string{"punctuation.space-before", "idiom.stock-phrases"}},
		{"enabledOnly category", []string{"enabledOnly", "true", "enabledCategories", "PUNCTUATION"}, []string{"punctuation.space-before"}, []string{"repetition.doubled-word", "idiom.stock-phrases"}},
		{"enabledOnly unknown", []string{"enabledOnly", "true", "enabledRules", "NOT_A_RULE"}, nil, []string{"punctuation.space-before", "repetition.doubled-word", "idiom.stock-phrases"}},
		{"picky keeps the defaults", []string{"level", "picky"}, []string{"punctuation.space-before", "repetition.doubled-word", "idiom.stock-phrases"}, nil},
	}
	for _, tt := range tests {
		got := rulesOf(tt.kv...)
		for _, id := range tt.want {
			if !got[id] {
				t.Errorf("%s: no %s in %v", tt.name, id, got)
			}
		}
		for _, id := range tt.notWant {
			if got[id] {
				t.Errorf("%s: %s should be off: %v", tt.name, id, got)
			}
		}
	}
}

// TestPickyEnablesOffRules checks that level=picky runs the rules that are
// off by default.
func TestPickyEnablesOffRules(t *testing.T) {
	var off *rules.Rule
	for _, r := range builtin.Rules() {
		if r.Off && r.Flagged != "" {
			off = r
			break
		}
	}
	if off == nil {
		t.Skip("no built-in rule is off by default")
	}
	s := newServer(t, Options{})
	has := func(kv ...string) bool {
		r := check(t, s, append([]string{"text", off.Flagged, "language", "en-US"}, kv...)...)
		return len(find(r, off.ID)) > 0
	}
	if has() {
		t.Errorf("%s ran at the default level", off.ID)
	}
	if !has("level", "picky") {
		t.Errorf("%s did not run at level=picky on its example %q", off.ID, off.Flagged)
	}
	if !has("enabledRules", off.ID) {
		t.Errorf("%s did not run when enabled by ID", off.ID)
	}
}

// TestCategoryTable checks the mapping of LanguageTool's category IDs.
func TestCategoryTable(t *testing.T) {
	tests := map[string][]rules.Category{
		"PUNCTUATION":   {rules.Punctuation},
		"punctuation":   {rules.Punctuation},
		"TYPOGRAPHY":    {rules.Typography, rules.Quotes},
		"STYLE":         {rules.Idiom, rules.Spinning},
		"REDUNDANCY":    {rules.Repetition},
		"GRAMMAR":       {rules.Grammar},
		"Spinning":      {rules.Spinning},
		"QUOTES":        {rules.Quotes},
		"TYPOS":         nil,
		"FALSE_FRIENDS": {rules.Idiom},
		"CASING":        nil,
		"":              nil,
	}
	for id, want := range tests {
		got := categoriesFor(id)
		if len(got) != len(want) {
			t.Errorf("%q: %v, want %v", id, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: %v, want %v", id, got, want)
			}
		}
	}
	for _, c := range rules.Categories {
		if issueType(string(c)+".x", c) == "uncategorized" {
			t.Errorf("category %s has no ITS issue type", c)
		}
	}
	if issueType("language.untranslated", rules.Language) != "untranslated" || issueType("repetition.doubled-word", rules.Repetition) != "duplication" {
		t.Error("issue types of untranslated and repetition")
	}
}

// blocking returns a rule that waits, on every document, until release is
// closed, and counts its runs in started.
func blocking(release chan struct{}, started chan struct{}) *rules.Rule {
	return &rules.Rule{
		ID: "punctuation.test-block", Category: rules.Punctuation, Severity: rules.Warning,
		Doc: "blocks", Explanation: "for tests",
		Run: func(p *rules.Pass) {
			select {
			case started <- struct{}{}:
			default:
			}
			<-release
		},
	}
}

// TestQueueFull checks that a request beyond the workers and the queue
// gets 503 at once, and that the healthcheck says so.
func TestQueueFull(t *testing.T) {
	release, started := make(chan struct{}), make(chan struct{}, 4)
	s := newServer(t, Options{Config: checker.Config{Rules: []*rules.Rule{blocking(release, started)}}, Workers: 1, Queue: 1, Timeout: time.Minute})
	body := form("text", "Hello there.", "language", "en-US")
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], _, _ = do(t, s, "POST", "/v2/check", formType, body)
		}()
		if i == 0 {
			<-started // the worker is busy
		}
	}
	// the second waits in the queue
	deadline := time.Now().Add(5 * time.Second)
	for s.pool.waiting() < 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	status, msg, _ := do(t, s, "POST", "/v2/check", formType, body)
	if status != 503 || msg != "Error: There are currently too many parallel requests. Please try again later." {
		t.Errorf("third request: %d %q, want 503", status, msg)
	}
	status, msg, _ = do(t, s, "GET", "/v2/healthcheck", "", "")
	if status != 503 || !strings.HasPrefix(msg, "Error: Healthcheck failed") {
		t.Errorf("healthcheck with a full queue: %d %q", status, msg)
	}
	status, _, _ = do(t, s, "POST", "/api/v1/check", "text/plain", "Hello there.")
	if status != 503 {
		t.Errorf("native check with a full queue: %d, want 503", status)
	}
	close(release)
	wg.Wait()
	if statuses[0] != 200 || statuses[1] != 200 {
		t.Errorf("the running and the queued request: %v, want 200 200", statuses)
	}
	_, metrics, _ := do(t, s, "GET", "/metrics", "", "")
	if !strings.Contains(metrics, "mtlint_rejected_requests_total 2") {
		t.Errorf("metrics do not count the 2 rejected checks:\n%s", metrics)
	}
}

// TestTimeout checks the 500 of a check past the deadline.
func TestTimeout(t *testing.T) {
	release, started := make(chan struct{}), make(chan struct{}, 1)
	defer close(release)
	s := newServer(t, Options{Config: checker.Config{Rules: []*rules.Rule{blocking(release, started)}}, Workers: 1, Queue: 1, Timeout: 50 * time.Millisecond})
	status, msg, _ := do(t, s, "POST", "/v2/check", formType, form("text", "Hello there.", "language", "en-US"))
	if status != 500 || msg != "Error: Checking took longer than 0.05 seconds, which is this server's limit. Please make sure you have selected the proper language or consider submitting a shorter text." {
		t.Errorf("%d %q, want 500 and LanguageTool's message", status, msg)
	}
}

// TestCORS checks that CORS is off by default and on with AllowOrigin.
func TestCORS(t *testing.T) {
	off := newServer(t, Options{})
	req := httptest.NewRequest("GET", "/v2/languages", nil)
	req.Header.Set("Origin", "https://cms.example.org")
	rec := httptest.NewRecorder()
	off.ServeHTTP(rec, req)
	if v := rec.Header().Get("Access-Control-Allow-Origin"); v != "" {
		t.Errorf("CORS header %q by default", v)
	}
	on := newServer(t, Options{AllowOrigin: "https://cms.example.org, https://other.example"})
	for origin, want := range map[string]string{"https://cms.example.org": "https://cms.example.org", "https://evil.example": ""} {
		req := httptest.NewRequest("OPTIONS", "/v2/check", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		rec := httptest.NewRecorder()
		on.ServeHTTP(rec, req)
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != want || rec.Code != 204 {
			t.Errorf("preflight from %s: %d, allow-origin %q, want %q", origin, rec.Code, got, want)
		}
	}
	star := newServer(t, Options{AllowOrigin: "*"})
	_, _, h := do(t, star, "GET", "/v2/languages", "", "")
	if h.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("allow-origin *: %q", h.Get("Access-Control-Allow-Origin"))
	}
}

// TestShutdown checks that Run, when its context ends, finishes the
// request in flight, refuses new connections and returns nil.
func TestShutdown(t *testing.T) {
	release, started := make(chan struct{}), make(chan struct{}, 1)
	s := newServer(t, Options{Config: checker.Config{Rules: []*rules.Rule{blocking(release, started)}}, Workers: 1, Queue: 4, Timeout: 30 * time.Second})
	addr, cancel, runErr := runOnLoopback(t, s)
	type answer struct {
		status int
		err    error
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.PostForm("http://"+addr+"/v2/check", url.Values{"text": {"Hello there."}, "language": {"en-US"}})
		if err != nil {
			got <- answer{err: err}
			return
		}
		resp.Body.Close()
		got <- answer{status: resp.StatusCode}
	}()
	<-started // the request is in flight
	cancel()
	// new connections are refused once the listener is closed
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections after the shutdown began")
		}
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-runErr:
		t.Fatalf("Run returned %v before the request in flight finished", err)
	default:
	}
	close(release)
	a := <-got
	if a.err != nil || a.status != 200 {
		t.Errorf("the request in flight: %d %v, want 200", a.status, a.err)
	}
	select {
	case err := <-runErr:
		if err != nil {
			t.Errorf("Run: %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
}

// TestNative checks mtlint's own API.
func TestNative(t *testing.T) {
	s := newServer(t, Options{MaxBody: 1 << 16})
	type report struct {
		Version int
		Files   []struct {
			Path     string
			Score    int
			Findings []struct {
				Rule           string
				Offset, Length int
				Text           string
			}
		}
		Summary struct{ Files, Findings int }
	}
	decode := func(body string) report {
		var r report
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		return r
	}
	md := "# Talks\n\nOfficials met on Monday , and the talks went on.\n\n```\ncode , here\n```\n"
	tests := []struct {
		name, target, ctype, body string
		offset                    int // of the one finding, in bytes of the body
	}{
		{"markdown by content type", "/api/v1/check", "text/markdown; charset=utf-8", md, strings.Index(md, " ,")},
		{"markdown by format", "/api/v1/check?format=markdown", "text/plain", md, strings.Index(md, " ,")},
		{"json", "/api/v1/check", "application/json", `{"text": "😀 Officials met on Monday , and the talks went on.", "path": "a.txt"}`, len("😀 Officials met on Monday")},
	}
	for _, tt := range tests {
		status, body, _ := do(t, s, "POST", tt.target, tt.ctype, tt.body)
		if status != 200 {
			t.Fatalf("%s: %d %s", tt.name, status, body)
		}
		r := decode(body)
		if r.Version != 1 || len(r.Files) != 1 || r.Summary.Files != 1 {
			t.Fatalf("%s: %s", tt.name, body)
		}
		fs := r.Files[0].Findings
		if len(fs) != 1 || fs[0].Rule != "punctuation.space-before" || fs[0].Offset != tt.offset || fs[0].Text != " ," {
			t.Errorf("%s: findings %+v, want one space-before at byte %d", tt.name, fs, tt.offset)
		}
	}
	for _, tt := range []struct {
		name, method, target, ctype, body string
		status                            int
	}{
		{"GET check", "GET", "/api/v1/check", "", "", 405},
		{"bad format", "POST", "/api/v1/check?format=docx", "text/plain", "Hi.", 400},
		{"unknown rule", "POST", "/api/v1/check?disable=nope.rule", "text/plain", "Hi.", 400},
		{"json without text", "POST", "/api/v1/check", "application/json", `{"format": "markdown"}`, 400},
		{"json unknown key", "POST", "/api/v1/check", "application/json", `{"txt": "Hi."}`, 400},
		{"body too large", "POST", "/api/v1/check", "text/plain", strings.Repeat("x", 1<<17), 413},
	} {
		status, body, h := do(t, s, tt.method, tt.target, tt.ctype, tt.body)
		if status != tt.status || h.Get("Content-Type") != "application/json" || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s, want %d and a JSON error", tt.name, status, body, tt.status)
		}
	}
	status, body, _ := do(t, s, "POST", "/api/v1/check?disable=punctuation", "text/plain", "Officials met on Monday , and the talks went on.")
	if status != 200 || len(decode(body).Files[0].Findings) != 0 {
		t.Errorf("disable=punctuation: %d %s", status, body)
	}
	status, body, _ = do(t, s, "GET", "/api/v1/rules", "", "")
	var rs struct {
		Rules []struct{ ID string }
	}
	if status != 200 || json.Unmarshal([]byte(body), &rs) != nil || len(rs.Rules) != len(builtin.Rules()) {
		t.Errorf("/api/v1/rules: %d, %d rules, want %d", status, len(rs.Rules), len(builtin.Rules()))
	}
	status, body, _ = do(t, s, "GET", "/metrics", "", "")
	for _, want := range []string{
		`mtlint_http_requests_total{code="200",handler="/api/v1/check"}`,
		`mtlint_http_request_duration_seconds_bucket{handler="/api/v1/check"`,
		`mtlint_checked_bytes_total`,
		`mtlint_findings_total{rule="punctuation.space-before"} 3`,
		`mtlint_queue_depth 0`,
		`go_goroutines `,
		`process_resident_memory_bytes `,
	} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestOwnRegistry checks that the metrics are not registered globally, so
// that two servers live in one process.
func TestOwnRegistry(t *testing.T) {
	a := newServer(t, Options{})
	b := newServer(t, Options{})
	check(t, a, "text", "Officials met on Monday , and the talks went on.", "language", "en-US")
	_, body, _ := do(t, b, "GET", "/metrics", "", "")
	if strings.Contains(body, `mtlint_findings_total{rule="punctuation.space-before"}`) {
		t.Error("server b counts server a's findings")
	}
}

// runOnLoopback runs s on a free loopback port until cancel is called and
// returns the address, the cancel function and a channel that gets Run's
// result.
func runOnLoopback(t *testing.T, s *Server) (addr string, cancel context.CancelFunc, runErr chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	runErr = make(chan error, 1)
	go func() { runErr <- s.Run(ctx, ln) }()
	return ln.Addr().String(), cancel, runErr
}
