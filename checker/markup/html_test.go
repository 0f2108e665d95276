package markup

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// extractChecked runs the HTML extractor on raw and fails the test when the
// map breaks its contract: every text offset, the end included, maps into
// raw, the map never goes backwards, and every byte copied from the input
// maps back to that very byte.
func extractChecked(t testing.TB, raw []byte) *Extracted {
	t.Helper()
	type run struct{ text, start, end int }
	var runs []run
	ex := extractHTMLTrace(raw, func(text, start, end int) { runs = append(runs, run{text, start, end}) })
	checkMap(t, raw, ex)
	for _, r := range runs {
		for k := 0; k < r.end-r.start && r.text+k < len(ex.Text); k++ {
			i := r.text + k
			if got := ex.Map.ToRaw(i); got != r.start+k {
				t.Fatalf("copied text byte %d (%q) maps to raw %d, want %d", i, ex.Text[i], got, r.start+k)
			}
			if ex.Text[i] != raw[r.start+k] {
				t.Fatalf("copied text byte %d is %q, raw byte %d is %q", i, ex.Text[i], r.start+k, raw[r.start+k])
			}
		}
	}
	return ex
}

// checkMap checks that every offset of ex.Text, its end included, maps
// into src and that the map does not go backwards.
func checkMap(t testing.TB, src []byte, ex *Extracted) {
	t.Helper()
	prev := 0
	for i := 0; i <= len(ex.Text); i++ {
		r := ex.Map.ToRaw(i)
		if r < 0 || r > len(src) {
			t.Fatalf("text offset %d maps to %d, outside [0, %d]", i, r, len(src))
		}
		if r < prev {
			t.Fatalf("text offset %d maps to %d, before %d of the offset before it", i, r, prev)
		}
		prev = r
	}
	for _, s := range ex.Suppressions {
		if s.Start < 0 || s.End > len(src) || s.Start > s.End {
			t.Fatalf("suppression [%d, %d) outside [0, %d]", s.Start, s.End, len(src))
		}
	}
}

func TestExtractHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"paragraphs",
			"<p>Senior Russian diplomat predicted difficult talks.</p>\n<p>The dinner was the prelude to a larger discussion.</p>\n",
			"Senior Russian diplomat predicted difficult talks.\n\nThe dinner was the prelude to a larger discussion."},
		{"headings",
			"<h1>Russian diplomat predicts week of talks</h1>\n<h2>Dinner in Geneva</h2>\n<p>Officials met for more than two hours.</p>",
			"Russian diplomat predicts week of talks\n\nDinner in Geneva\n\nOfficials met for more than two hours."},
		{"inline elements inside a sentence",
			`<p>Senior <strong>Russian</strong> diplomat predicted <em>“difficult”</em> talks with the <a href="https://example.org/us?a=1&amp;b=2">United States</a> this <span class="x">week</span>.</p>`,
			"Senior Russian diplomat predicted “difficult” talks with the United States this week."},
		{"inline element with its spaces inside",
			"<p>Talks with<em> the United States </em>this week.</p>",
			"Talks with the United States this week."},
		{"br is a line break, two are a paragraph break",
			"<p>Sergei Ryabkov<br>Deputy Foreign Minister<br/>Moscow<br><br>\nThe talks begin on Monday.</p>",
			"Sergei Ryabkov\nDeputy Foreign Minister\nMoscow\n\nThe talks begin on Monday."},
		{"script, style, pre, code and friends skipped",
			"<p>Officials met in Geneva.</p><script>var s = \"the the\";</script><style>p::before{content:\"the the\"}</style>" +
				"<pre><code>the the , more early</code></pre><p>They used <code>the the</code> and <kbd>the the</kbd> keys.</p>" +
				"<template><p>the the</p></template><noscript>the the</noscript><textarea>the the</textarea>" +
				"<button>Share the the</button><select><option>the the</option></select><svg><text>the the</text></svg>" +
				"<p>Talks <del>the the</del>resume.</p>",
			"Officials met in Geneva.\n\nThey used and keys.\n\nTalks resume."},
		{"entities",
			"<p>AT&amp;T&#8217;s chief &eacute;lite &#x2019;s &#X201C;quoted&#x201d; 10&nbsp;km &copy 2024 &lt;b&gt; &#146;</p>",
			"AT&T’s chief élite ’s “quoted” 10\u00a0km © 2024 <b> ’"},
		{"malformed entities stay",
			"<p>AT&T &notarealentity; &#; &#x; &amp &ampx &notit; a & b &</p>",
			"AT&T &notarealentity; &#; &#x; & &ampx &notit; a & b &"},
		{"entities longer than their reference",
			"<p>a &nGt; b&nLt;</p><p>&nGt;</p>",
			"a \u226b\u20d2 b\u226a\u20d2\n\n\u226b\u20d2"},
		{"numeric entities out of range",
			"<p>x&#0;y&#xD800;z&#99999999999999999999;w&#1114112;v</p>",
			"x\uFFFDy\uFFFDz\uFFFDw\uFFFDv"},
		{"nbsp-only paragraphs vanish",
			"<p>First.</p><p>&nbsp;</p><p> &#160; </p><p>Second.</p>",
			"First.\n\nSecond."},
		{"newline inside a paragraph is a space, doubled spaces stay",
			"<p>\n    Senior Russian diplomat predicted\n    difficult talks  this week.\n</p>",
			"Senior Russian diplomat predicted difficult talks  this week."},
		{"blank line inside a paragraph does not split it",
			"<p>The talks are seen as a first step\n\n\ntowards resuming dialogue.</p>",
			"The talks are seen as a first step towards resuming dialogue."},
		{"CRLF",
			"<p>Line one\r\nand two.</p>\r\n<p>Next.</p>\r\n",
			"Line one and two.\n\nNext."},
		{"unclosed p and stray end tags",
			"<p>First paragraph.<p>Second paragraph.</p></p></span><p>Third.",
			"First paragraph.\n\nSecond paragraph.\n\nThird."},
		{"attribute with > inside quotes",
			`<p title="a > b" data-x='<p>the the</p>'>Blinken told ABC.</p>`,
			"Blinken told ABC."},
		{"unterminated comment swallows the rest",
			"<p>Before the comment.</p><!-- <p>the the</p>",
			"Before the comment."},
		{"unclosed code ends with its block",
			"<p>Run <code>the the</p><p>Ryabkov told reporters.</p>",
			"Run\n\nRyabkov told reporters."},
		{"unclosed pre ends with its parent",
			"<div><pre>the the</div><p>Talks resumed.</p>",
			"Talks resumed."},
		{"unclosed script swallows the rest",
			"<p>Before.</p><script>the the <p>nothing</p>",
			"Before."},
		{"tag cut off by the end",
			"<p>Talks resumed.</p><p class=\"x",
			"Talks resumed."},
		{"fragment without body",
			"Talks resumed on <b>Monday</b>.\n<ul><li>Geneva</li><li>Brussels</li><li>Vienna</ul>",
			"Talks resumed on Monday.\n\nGeneva\n\nBrussels\n\nVienna"},
		{"full page with head and title",
			"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>The the title</title>\n<link rel=stylesheet href=x.css>\n" +
				"<script>the the</script>\n</head>\n<body>\n<h1>Talks in Geneva</h1>\n<p>Ryabkov left the dinner.</p>\n</body>\n</html>\n",
			"Talks in Geneva\n\nRyabkov left the dinner."},
		{"head ended by a body element",
			"<head><title>The the</title><p>Text in the head.</p>",
			"Text in the head."},
		{"head ended by text",
			"<head><title>The the</title>\nStray text.",
			"Stray text."},
		{"late head is ignored",
			"<p>Body text.</p><head><p>More text.</p>",
			"Body text.\n\nMore text."},
		{"uppercase tags",
			"<P>Hello <EM>World</EM> again.</P><SCRIPT>the the</SCRIPT><Pre>the the</PRE><H2>Next</H2>",
			"Hello World again.\n\nNext"},
		{"table cells",
			"<table><tr><th>Country</th><th>Troops</th></tr><tr><td>Russia</td><td>100,000</td></tr></table>",
			"Country\n\nTroops\n\nRussia\n\n100,000"},
		{"image alt text",
			`<p><img src="a.jpg" alt="US Secretary of State Antony Blinken &amp; aides"> Blinken arrives.</p>` +
				`<p>Talks <img src="i.png" alt="icon"> resume.</p>` +
				`<figure><img src="b.jpg" alt="Blinken in Geneva"><figcaption>Blinken in Geneva (Chris J Ratcliffe / PA)</figcaption></figure>`,
			"US Secretary of State Antony Blinken & aides\n\nBlinken arrives.\n\nTalks resume.\n\nBlinken in Geneva (Chris J Ratcliffe / PA)"},
		{"self-closing elements are empty",
			"<p>Talks<span/> resumed<svg viewBox='0 0 1 1'/> on Monday.</p>",
			"Talks resumed on Monday."},
		{"comments are not prose",
			"<p>Talks<!-- the the --> resumed.</p>",
			"Talks resumed."},
		{"custom elements are inline",
			"<p>Talks <x-highlight>resumed</x-highlight> today.</p>",
			"Talks resumed today."},
		{"hr",
			"Before the rule.<hr>After the rule.",
			"Before the rule.\n\nAfter the rule."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := extractChecked(t, []byte(tt.in))
			if ex.Text != tt.want {
				t.Errorf("Text =\n%q\nwant\n%q", ex.Text, tt.want)
			}
		})
	}
}

// TestExtractHTMLOffsets checks where transformed text maps: entities,
// line breaks written as spaces, a byte order mark.
func TestExtractHTMLOffsets(t *testing.T) {
	tests := []struct {
		name, in string
		bom      bool
		// at maps a piece of the text to the piece of the input it must
		// start at.
		at map[string]string
	}{
		{"entities", "<p>Ryabkov&#8217;s &eacute;lite &#x201C;talks&#x201D; AT&amp;T.</p>", false,
			map[string]string{"’s": "&#8217;s", "élite": "&eacute;lite", "“talks": "&#x201C;talks", "” AT": "&#x201D; AT", "&T.": "&amp;T."}},
		{"line break", "<p>difficult\r\n   talks</p>", false,
			map[string]string{" talks": "\r\n   talks", "talks": "talks"}},
		{"byte order mark", "\xEF\xBB\xBF<p>Talks resumed.</p>", true,
			map[string]string{"Talks": "Talks resumed."}},
		{"alt text", `<img alt="Sergei &amp; Wendy"><p>x</p>`, false,
			map[string]string{"Sergei": "Sergei", "& Wendy": "&amp; Wendy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte(tt.in)
			ex := extractChecked(t, raw)
			if strings.HasPrefix(ex.Text, "\uFEFF") {
				t.Errorf("Text keeps the byte order mark: %q", ex.Text)
			}
			for text, src := range tt.at {
				i := strings.Index(ex.Text, text)
				if i < 0 {
					t.Fatalf("%q not in Text %q", text, ex.Text)
				}
				want := strings.Index(tt.in, src)
				if got := ex.Map.ToRaw(i); got != want {
					t.Errorf("%q at text %d maps to raw %d (%q), want %d", text, i, got, tt.in[got:], want)
				}
			}
		})
	}
}

func TestExtractHTMLDirectives(t *testing.T) {
	in := "<p>Ryabkov said the talks would be difficult.</p>\n" +
		"<!-- mtlint-disable repetition punctuation.space-before -->\n" +
		"<p>It was the the first step , officials said.</p>\n" +
		"<!-- mtlint-enable -->\n" +
		"<!-- mtlint-disable-next-line idiom -->\n" +
		"<p>Tass reported it more early on Sunday.</p>\n" +
		"<p>Officials left the dinner.</p>\n" +
		"<pre><!-- mtlint-disable --></pre>\n<p>The end.</p>"
	ex := extractChecked(t, []byte(in))
	dis := strings.Index(in, "<!-- mtlint-disable repetition")
	en := strings.Index(in, "<!-- mtlint-enable -->") + len("<!-- mtlint-enable -->")
	next := strings.Index(in, "<!-- mtlint-disable-next-line")
	line := strings.Index(in, "<p>Tass")
	lineEnd := line + strings.IndexByte(in[line:], '\n')
	last := strings.Index(in, "<!-- mtlint-disable -->")
	want := []Suppression{
		{Start: dis, End: en, Rules: []string{"repetition", "punctuation.space-before"}},
		{Start: next, End: lineEnd, Rules: []string{"idiom"}},
		{Start: last, End: len(in)},
	}
	if len(ex.Suppressions) != len(want) {
		t.Fatalf("Suppressions = %+v\nwant %+v", ex.Suppressions, want)
	}
	for i, got := range ex.Suppressions {
		w := want[i]
		if got.Start != w.Start || got.End != w.End || strings.Join(got.Rules, " ") != strings.Join(w.Rules, " ") {
			t.Errorf("Suppressions[%d] = %+v, want %+v", i, got, w)
		}
	}
	// The suppressed text is still extracted: the checker drops findings.
	if !strings.Contains(ex.Text, "the the first step") {
		t.Errorf("Text lost the suppressed paragraph: %q", ex.Text)
	}
	// The covered range holds the raw position of the text it covers.
	i := strings.Index(ex.Text, "the the")
	if r := ex.Map.ToRaw(i); !want[0].Covers("repetition.doubled-word", "repetition", r) {
		t.Errorf("doubled word at raw %d is not covered by %+v", r, want[0])
	}
	i = strings.Index(ex.Text, "Officials left")
	if r := ex.Map.ToRaw(i); want[1].Covers("idiom.x", "idiom", r) {
		t.Errorf("the line after the next line (raw %d) is covered by %+v", r, want[1])
	}
}

func TestExtractHTMLInvalidUTF8(t *testing.T) {
	in := []byte("<p>caf\xe9 au lait \xff\xfe</p><p>\xc3</p>")
	ex := extractChecked(t, in)
	if want := "caf\xe9 au lait \xff\xfe\n\n\xc3"; ex.Text != want {
		t.Errorf("Text = %q, want %q", ex.Text, want)
	}
}

func TestExtractHTMLViaExtract(t *testing.T) {
	ex, err := Extract([]byte("<p>Talks <em>resumed</em>.</p>"), HTML, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Text != "Talks resumed." || ex.Source != nil || len(ex.Notes) != 0 {
		t.Errorf("Extract = %q, Source %q, Notes %q", ex.Text, ex.Source, ex.Notes)
	}
}

// TestSeedArticleHTML checks the HTML copy of the seed article: every
// paragraph of the text version is in its prose, and nothing of its script
// or code block is.
func TestSeedArticleHTML(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/mt-article.html")
	if err != nil {
		t.Fatal(err)
	}
	txt, err := os.ReadFile("../../testdata/mt-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	ex := extractChecked(t, raw)
	for _, para := range strings.Split(string(txt), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		// The page writes "Vladimir&nbsp;Putin": a no-break space in the
		// prose, where the text version has a plain one.
		para = strings.ReplaceAll(para, "Vladimir Putin", "Vladimir\u00a0Putin")
		i := strings.Index(ex.Text, para)
		if i < 0 {
			t.Errorf("paragraph missing from the prose:\n%q", para)
			continue
		}
		// The paragraph's first words map to their bytes in the page.
		head := para[:strings.IndexByte(para, ' ')]
		if r := ex.Map.ToRaw(i); !bytes.HasPrefix(raw[r:], []byte(head)) {
			t.Errorf("paragraph %q maps to %q", head, raw[r:min(len(raw), r+len(head))])
		}
	}
	for _, bad := range []string{"the the", "more early than", "window.", "Somerset Live", "pull quote", "speaks to reporters", "raw feed"} {
		if strings.Contains(ex.Text, bad) {
			t.Errorf("prose holds %q from skipped markup", bad)
		}
	}
	if !utf8.ValidString(ex.Text) {
		t.Error("prose is not valid UTF-8")
	}
}

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"",
		"<p>Senior Russian diplomat predicted “difficult” talks , said Ryabkov. .</p>",
		"<html><head><title>t</title></head><body><h1>H</h1><p>a<em>b</em>c &amp; &#8217; &nbsp;</p></body></html>",
		"<p>x<br>y<br><br>z</p><!-- mtlint-disable-next-line idiom -->\n<p>w</p>",
		"<pre><code>the the</code></pre><script>if (a < b) {}</script><style>p{}</style>",
		"<img alt='a &amp b'><figure><img alt=x><figcaption>c</figcaption></figure>",
		"<p title=\"a > b\">x</p></p><!-- open",
		"\xEF\xBB\xBF<P>CRLF\r\nline</P>\r\n&#x; &#0; &notit; &#99999999;",
		"<head>text<select><option>o</select><textarea>t",
		"<div><code>a<p>b</div>c<svg/>d<span/>e",
		"<img Alt=0>00&nGt;",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		extractChecked(t, raw)
	})
}

// BenchmarkHTML measures extraction of a 1 MB news page, and for scale
// the x/net/html tokenizer alone on the same page: the floor of a
// tokenizer-based extractor.
func BenchmarkHTML(b *testing.B) {
	raw := benchPage(1 << 20)
	b.Run("extract", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			extractHTML(raw)
		}
	})
	b.Run("tokenizer-only", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			z := html.NewTokenizer(bytes.NewReader(raw))
			for z.Next() != html.ErrorToken {
			}
		}
	})
}

// benchPage returns a news page of about size bytes: head, navigation, and
// paragraphs with inline markup and entities.
func benchPage(size int) []byte {
	var buf bytes.Buffer
	buf.WriteString("<!DOCTYPE html><html><head><meta charset=utf-8><title>Russian diplomat predicts week of talks</title>" +
		"<script>window.dataLayer=[];</script><style>body{margin:0}</style></head><body>\n" +
		"<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>\n<article>\n")
	paras := []string{
		"<p>Senior Russian diplomat predicted &#8220;difficult&#8221; talks with the <a href=\"https://example.org/us\">United States</a> this week after attending a working dinner with American officials in Geneva on Sunday.</p>\n",
		"<p>Russian Deputy Foreign Minister <strong>Sergei Ryabkov</strong> and other Russian officials met for more than two hours with US Deputy Secretary of State Wendy Sherman, head of the US delegation, and her team.</p>\n",
		"<p>\n  The dinner was the prelude to a larger discussion between the two teams at the U.S. mission in Geneva\n  starting on Monday &ndash; culminating a series of meetings.\n</p>\n",
		"<p>&#8220;We have dug into the depths of the issues ahead, but the talks are going to be <em>difficult</em>,&#8221; Ryabkov told reporters as he left the dinner.</p>\n",
		"<figure><img src=\"blinken.jpg\" alt=\"Antony Blinken\"><figcaption>US Secretary of State Antony Blinken (Chris J Ratcliffe&nbsp;/ PA)</figcaption></figure>\n",
		"<p>AT&amp;T&#x2019;s shares rose 3% &mdash; the <span class=\"hl\">biggest</span> gain since 1997.<br>Markets closed higher.</p>\n<!-- ad slot -->\n",
	}
	for i := 0; buf.Len() < size; i++ {
		buf.WriteString(paras[i%len(paras)])
	}
	buf.WriteString("</article><footer><p>&copy; 2024 Example News</p></footer></body></html>\n")
	return buf.Bytes()
}
