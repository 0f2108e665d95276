package checker

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/rules"
)

// phraseRule flags every occurrence of the words of phrase in a row, from the
// first word's start to the last one's end.
func phraseRule(id string, cat rules.Category, sev rules.Severity, phrase string) *rules.Rule {
	words := strings.Fields(phrase)
	return &rules.Rule{
		ID: id, Category: cat, Severity: sev, Doc: "flags " + phrase, Explanation: "test rule",
		Run: func(p *rules.Pass) {
			d := p.Doc
		next:
			for i := 0; i+len(words) <= len(d.Tokens); i++ {
				for j, w := range words {
					if !strings.EqualFold(d.TokenText(i+j), w) {
						continue next
					}
				}
				p.Reportf(document.Span{Start: int(d.Tokens[i].Start), End: int(d.Tokens[i+len(words)-1].End)}, nil, "found %q", phrase)
			}
		},
	}
}

func TestAccept(t *testing.T) {
	all := []*rules.Rule{
		phraseRule("repetition.walla", rules.Repetition, rules.Error, "Walla Walla"),
		phraseRule("language.per-se", rules.Language, rules.Warning, "per se"),
		phraseRule("language.latin", rules.Language, rules.Warning, "the rule per se applies"),
		phraseRule("idiom.zurich", rules.Idiom, rules.Info, "Zürich"),
		phraseRule("idiom.se", rules.Idiom, rules.Info, "se"),
	}
	tests := []struct {
		name   string
		accept []string
		text   string
		want   string // the flagged texts kept, joined by |
	}{
		{"no accept list", nil,
			"The Walla Walla council met.", "Walla Walla"},
		{"accepted phrase dropped", []string{"Walla Walla"},
			"The Walla Walla council met.", ""},
		{"any case, any white space", []string{"walla walla"},
			"The WALLA\n  Walla council met.", ""},
		{"finding longer than the phrase is kept", []string{"per se"},
			"He said the rule per se applies to all.", "the rule per se applies"},
		{"finding inside the phrase dropped, one overlapping kept", []string{"rule per se"},
			"He said the rule per se applies to all.", "the rule per se applies"},
		{"a shorter accepted word does not cover a longer finding", []string{"walla"},
			"The Walla Walla council met.", "Walla Walla"},
		{"regexp characters are literal", []string{"per.se", "(se)"},
			"He said per se (se) twice.", "per se|se"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Config{Rules: all, Accept: tt.accept})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range c.CheckString(tt.text).Findings {
				got = append(got, f.Text)
			}
			if s := strings.Join(got, "|"); s != tt.want {
				t.Errorf("kept %q, want %q", s, tt.want)
			}
		})
	}
}

// TestAcceptorSpans checks where accepted phrases are found: at word
// boundaries only, letters beyond ASCII included.
func TestAcceptorSpans(t *testing.T) {
	tests := []struct {
		accept []string
		text   string
		want   string // the texts found, joined by |
	}{
		{[]string{"se"}, "The base se rules, SE.", "se|SE"},
		{[]string{"Zürich"}, "In Zürich, not Zürichsee or Alt-zürich.", "Zürich|zürich"},
		{[]string{"walla"}, "Wallawalla and Walla Walla.", "Walla|Walla"},
		{[]string{"C++"}, "C++11 and C++ code", "C++|C++"},
		{[]string{"Walla", "Walla Walla"}, "Walla Walla Walla.", "Walla Walla|Walla"},
		{[]string{"per se"}, "super sensible, per\u00a0se", "per\u00a0se"},
		{nil, "anything", ""},
	}
	for _, tt := range tests {
		a, err := newAcceptor(tt.accept)
		if err != nil {
			t.Fatal(err)
		}
		doc := document.NewPlain([]byte(tt.text))
		doc.Segment()
		var got []string
		for _, s := range a.spans(doc) {
			got = append(got, doc.Text[s.Start:s.End])
		}
		if s := strings.Join(got, "|"); s != tt.want {
			t.Errorf("accept %q in %q: found %q, want %q", tt.accept, tt.text, s, tt.want)
		}
	}
}

// TestAcceptMarkup checks that accepted phrases are found in the extracted
// text and dropped at their raw positions: entities and emphasis in between.
func TestAcceptMarkup(t *testing.T) {
	all := []*rules.Rule{phraseRule("repetition.walla", rules.Repetition, rules.Error, "Walla Walla")}
	html := markup.HTML
	for _, tc := range []struct {
		accept []string
		want   int
	}{{nil, 1}, {[]string{"Walla Walla"}, 0}} {
		c, err := New(Config{Rules: all, Accept: tc.accept, Input: Input{Format: &html}})
		if err != nil {
			t.Fatal(err)
		}
		res := c.CheckBytes([]byte("<p>The <b>Walla</b>&nbsp;Walla council met.</p>"))
		if len(res.Findings) != tc.want {
			t.Errorf("accept %v: %d findings, want %d: %+v", tc.accept, len(res.Findings), tc.want, res.Findings)
		}
	}
}

func TestAcceptErrors(t *testing.T) {
	for _, accept := range [][]string{{""}, {"  \t"}, {"ok", " "}} {
		if _, err := New(Config{Rules: testRules(), Accept: accept}); err == nil || !strings.Contains(err.Error(), "empty phrase") {
			t.Errorf("accept %q: err %v, want an empty-phrase error", accept, err)
		}
	}
}

func TestSeverityOverride(t *testing.T) {
	packLike := wordRule("idiom.pack", rules.Idiom, rules.Warning, "zap")
	run := packLike.Run
	packLike.Run = func(p *rules.Pass) {
		// A pack entry with its own severity, as pack rules report.
		for i, tok := range p.Doc.Tokens {
			if strings.EqualFold(p.Doc.TokenText(i), "zip") {
				p.Report(rules.Diagnostic{Span: tok.Span(), Message: "zip", Severity: rules.Error})
			}
		}
		run(p)
	}
	all := append(testRules(), packLike)
	text := "foo baz qux zap zip"
	tests := []struct {
		sev    map[string]rules.Severity
		minSev rules.Severity
		want   string
	}{
		{nil, 0, "punctuation.foo:error quotes.baz:warning quotes.qux:info idiom.pack:warning idiom.pack:error"},
		{map[string]rules.Severity{"quotes": rules.Error}, 0,
			"punctuation.foo:error quotes.baz:error quotes.qux:error idiom.pack:warning idiom.pack:error"},
		{map[string]rules.Severity{"quotes": rules.Error, "quotes.qux": rules.Info}, 0,
			"punctuation.foo:error quotes.baz:error quotes.qux:info idiom.pack:warning idiom.pack:error"},
		{map[string]rules.Severity{"idiom.pack": rules.Info}, 0,
			"punctuation.foo:error quotes.baz:warning quotes.qux:info idiom.pack:info idiom.pack:info"},
		{map[string]rules.Severity{"punctuation": rules.Info, "quotes.qux": rules.Warning}, rules.Warning,
			"quotes.baz:warning quotes.qux:warning idiom.pack:warning idiom.pack:error"},
		{map[string]rules.Severity{"spinning": rules.Error}, 0, // a category without rules here
			"punctuation.foo:error quotes.baz:warning quotes.qux:info idiom.pack:warning idiom.pack:error"},
	}
	for _, tt := range tests {
		c, err := New(Config{Rules: all, Severity: tt.sev, MinSeverity: tt.minSev})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range c.CheckString(text).Findings {
			got = append(got, fmt.Sprintf("%s:%s", f.Rule, f.Severity))
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("severity %v min %v:\n got %s\nwant %s", tt.sev, tt.minSev, s, tt.want)
		}
	}
	for _, bad := range []map[string]rules.Severity{
		{"quotes.nope": rules.Error},
		{"punct": rules.Error},
		{"quotes": 0},
		{"quotes": rules.Error + 1},
	} {
		if _, err := New(Config{Rules: all, Severity: bad}); err == nil || !strings.Contains(err.Error(), "severity") {
			t.Errorf("severity %v: err %v, want a severity error", bad, err)
		}
	}
}

// FuzzAccept checks that no phrase or text makes the acceptor panic and that
// every occurrence it finds lies within the text.
func FuzzAccept(f *testing.F) {
	f.Add("Walla Walla", "The Walla Walla council met.")
	f.Add("per se", "per\u00a0se, super sensible")
	f.Add("é", "\xff\xfeé")
	f.Fuzz(func(t *testing.T, phrase, text string) {
		a, err := newAcceptor([]string{phrase})
		if err != nil {
			return
		}
		doc := document.NewPlain([]byte(text))
		doc.Segment()
		for _, s := range a.spans(doc) {
			if s.Start < 0 || s.End > len(doc.Text) || s.Start >= s.End {
				t.Fatalf("span %+v of %q in %q", s, phrase, text)
			}
		}
	})
}
