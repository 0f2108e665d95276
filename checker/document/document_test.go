package document

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokens renders the tokens of text as "kind:text" with a flag marker:
// ^ for AbbrevDot, + for Abbrev.
func tokens(text string) []string {
	d := NewPlain([]byte(text))
	d.Segment()
	var out []string
	for i, t := range d.Tokens {
		s := t.Kind.String() + ":" + d.TokenText(i)
		if t.Has(Abbrev) {
			s += "+"
		}
		if t.Has(AbbrevDot) {
			s += "^"
		}
		out = append(out, s)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"this week , with", "word:this word:week punct:, word:with"},
		{"said Ryabkov. .", "word:said word:Ryabkov punct:. punct:."},
		{"the U.S. mission", "word:the word:U.S.+ word:mission"},
		{"at 9 a.m. today", "word:at number:9 word:a.m.+ word:today"},
		{"e.g. this, i.e. that", "word:e.g.+ word:this punct:, word:i.e.+ word:that"},
		{"Mr. Smith", "word:Mr+ punct:.^ word:Smith"},
		{"George W. Bush", "word:George word:W+ punct:.^ word:Bush"},
		{"Acme Inc. rose", "word:Acme word:Inc+ punct:.^ word:rose"},
		{"rose 3.5% to $1.13bn", "word:rose number:3.5 symbol:% word:to symbol:$ number:1.13bn"},
		{"100,000 troops at 10:30", "number:100,000 word:troops word:at number:10:30"},
		{"Russia’s O'Brien can't", "word:Russia’s word:O'Brien word:can't"},
		{"economists’ view of ’90s rock ’n’ roll", "word:economists punct:’ word:view word:of punct:’ number:90s word:rock punct:’ word:n punct:’ word:roll"},
		{"see www.bbc.co.uk/news.", "word:see url:www.bbc.co.uk/news punct:."},
		{"go to https://example.org/a_(b) now", "word:go word:to url:https://example.org/a_(b) word:now"},
		{"(see https://example.org).", "punct:( word:see url:https://example.org punct:) punct:."},
		{"mail jane.doe@example.co.uk.", "word:mail email:jane.doe@example.co.uk punct:."},
		{"read report.pdf and Amazon.com", "word:read url:report.pdf word:and url:Amazon.com"},
		{"the talks.The next", "word:the word:talks punct:. word:The word:next"},
		{"it is.It was", "word:it word:is punct:. word:It word:was"},
		{"we go.To the", "word:we word:go punct:. word:To word:the"},
		{"a Ph.D student", "word:a word:Ph.D+ word:student"},
		{"U.S", "word:U.S+"},
		{"wait... and … then . . . end", "word:wait ellipsis:... word:and ellipsis:… word:then ellipsis:. . . word:end"},
		{"a .5 share", "word:a number:.5 word:share"},
		{"AT&T and Baden-Baden", "word:AT&T word:and word:Baden-Baden"},
		{"“difficult” talks", "punct:“ word:difficult punct:” word:talks"},
		{"Ph.D. student", "word:Ph.D.+ word:student"},
		{"Ukr\u200baine", "word:Ukr\u200baine"},
		{"values \u200b of", "word:values symbol:\u200b word:of"},
		{"love ❤\ufe0f it", "word:love symbol:❤\ufe0f word:it"},
		{"a \u0301 b", "word:a symbol:\u0301 word:b"},
		{"1997 borders", "number:1997 word:borders"},
		// the fast loop of tokenizeLine takes a word before a period,
		// comma or colon and a space or the line's end, and leaves the
		// rest (an initial, a number going on, a name) to scanWord
		{"J. Smith said. In 2019, 5. Note: 3,5 and 3.5.", "word:J+ punct:.^ word:Smith word:said punct:. word:In number:2019 punct:, number:5 punct:. word:Note punct:: number:3,5 word:and number:3.5 punct:."},
		{"he said.", "word:he word:said punct:."},
		{"at A.", "word:at word:A+ punct:.^"},
		{"ok, fine:", "word:ok punct:, word:fine punct::"},
		{"2019,	then x.y", "number:2019 punct:, word:then word:x.y+"},
	}
	for _, tt := range tests {
		got := strings.Join(tokens(tt.in), " ")
		if got != tt.want {
			t.Errorf("tokens(%q)\n got  %s\n want %s", tt.in, got, tt.want)
		}
	}
}

func TestFlags(t *testing.T) {
	d := NewPlain([]byte("one ,two\nthree"))
	d.Segment()
	want := []Flag{0, SpaceBefore, 0, SpaceBefore | LineBefore}
	if len(d.Tokens) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(d.Tokens), len(want))
	}
	for i, f := range want {
		if d.Tokens[i].Flags != f {
			t.Errorf("token %d %q: flags %b, want %b", i, d.TokenText(i), d.Tokens[i].Flags, f)
		}
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"blank lines", "Title\n\nFirst para\ncontinues.\n\n\nSecond.", []string{"Title", "First para\ncontinues.", "Second."}},
		{"crlf", "One.\r\n\r\nTwo.\r\n", []string{"One.", "Two."}},
		{"lone cr", "One.\r\rTwo.", []string{"One.", "Two."}},
		{"spaces only line", "One.\n \t \nTwo.", []string{"One.", "Two."}},
		{"unwrapped block", "Headline here\n" + strings.Repeat("word ", 30) + "end.\nNext line.", []string{"Headline here", strings.Repeat("word ", 30) + "end.", "Next line."}},
		{"one paragraph a line", "Home > News\nCouncil approves new cycle lanes\nThe scheme will cost four million pounds, the council said on Monday.\nTraders say the lanes will take away the parking their customers need.",
			[]string{"Home > News", "Council approves new cycle lanes", "The scheme will cost four million pounds, the council said on Monday.", "Traders say the lanes will take away the parking their customers need."}},
		{"hard-wrapped prose goes on in lower case", "The council met on Tuesday. It approved the\nscheme after a long debate. Traders were\nangry. They said so.",
			[]string{"The council met on Tuesday. It approved the\nscheme after a long debate. Traders were\nangry. They said so."}},
		{"verse lines are short", "We sang the song again.\nThe night was long and cold.\nWe sang the song again.",
			[]string{"We sang the song again.\nThe night was long and cold.\nWe sang the song again."}},
		{"a list of short lines", "Group A\nTop two go through\nGroup B\nTop two go through",
			[]string{"Group A\nTop two go through\nGroup B\nTop two go through"}},
		{"empty", "", nil},
		{"no final newline", "Just text", []string{"Just text"}},
	}
	for _, tt := range tests {
		d := NewPlain([]byte(tt.in))
		d.Segment()
		var got []string
		for _, p := range d.Paragraphs {
			got = append(got, d.SpanText(p.Span))
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: paragraphs %q, want %q", tt.name, got, tt.want)
		}
	}
}

// readGold reads testdata/sentences.txt into paragraphs of sentences.
func readGold(t *testing.T) [][]string {
	f, err := os.Open("testdata/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var paras [][]string
	var cur []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "#"):
		case strings.TrimSpace(l) == "":
			if cur != nil {
				paras = append(paras, cur)
				cur = nil
			}
		default:
			cur = append(cur, l)
		}
	}
	if cur != nil {
		paras = append(paras, cur)
	}
	return paras
}

// TestSentenceSplitting measures the splitter against hand-marked gold
// boundaries and requires every boundary right: the splitter decides what a
// stray period is, so its mistakes become false alarms.
func TestSentenceSplitting(t *testing.T) {
	paras := readGold(t)
	var tp, fp, fn int
	for _, p := range paras {
		text := strings.Join(p, " ")
		want := map[int]bool{}
		off := 0
		for _, s := range p[:len(p)-1] {
			off += len(s) + 1
			want[off] = true
		}
		d := NewPlain([]byte(text))
		d.Segment()
		got := map[int]bool{}
		for i, s := range d.Sentences {
			if i > 0 {
				got[s.Start] = true
			}
		}
		for b := range got {
			if want[b] {
				tp++
			} else {
				fp++
				t.Errorf("false boundary before %q in %q", text[b:min(len(text), b+20)], text)
			}
		}
		for b := range want {
			if !got[b] {
				fn++
				t.Errorf("missed boundary before %q in %q", text[b:min(len(text), b+20)], text)
			}
		}
	}
	t.Logf("sentence boundaries: %d right, %d false, %d missed (precision %.3f, recall %.3f) over %d paragraphs",
		tp, fp, fn, float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn)), len(paras))
	if tp < 30 {
		t.Errorf("gold file too small: %d boundaries", tp)
	}
}

func TestInvalidUTF8KeepsOffsets(t *testing.T) {
	raw := []byte("Good text.\n\nBad \xff\xfe bytes here. More")
	d := NewPlain(raw)
	if d.Invalid == nil || d.Invalid.Offset != 16 || d.Invalid.Count != 2 {
		t.Fatalf("Invalid = %+v, want offset 16 count 2", d.Invalid)
	}
	if len(d.Text) != len(raw) || !utf8.ValidString(d.Text) {
		t.Fatalf("text must keep the input's length and be valid UTF-8")
	}
	d.Segment()
	last := d.Tokens[len(d.Tokens)-1]
	if got := string(raw[last.Start:last.End]); got != "More" {
		t.Errorf("last token in raw = %q, want More", got)
	}
}

func TestBOM(t *testing.T) {
	raw := []byte("\xEF\xBB\xBFHome page")
	d := NewPlain(raw)
	if d.Text != "Home page" {
		t.Fatalf("Text = %q", d.Text)
	}
	d.Segment()
	if got := d.Map.ToRaw(d.Tokens[1].S()); got != 8 {
		t.Errorf("raw offset of 'page' = %d, want 8", got)
	}
}

func TestOffsetMap(t *testing.T) {
	var m OffsetMap
	if m.ToRaw(7) != 7 || !m.Identity() {
		t.Fatal("zero map must be the identity")
	}
	// text "a & b" from raw "a &amp; b": the entity is 5 raw bytes, 1 text byte
	m.Add(2, 2)
	m.Add(3, 7)
	for text, raw := range map[int]int{0: 0, 1: 1, 2: 2, 3: 7, 4: 8} {
		if got := m.ToRaw(text); got != raw {
			t.Errorf("ToRaw(%d) = %d, want %d", text, got, raw)
		}
	}
	if m.Identity() {
		t.Error("map with a shift is not the identity")
	}
}

// TestWindows checks that a large text is segmented in bounded windows that
// together cover every paragraph exactly once.
func TestWindows(t *testing.T) {
	para := "The talks were difficult, officials said. They will resume on Monday.\n\n"
	text := strings.Repeat(para, 5000) // about 360 KB
	d := NewPlain([]byte(text))
	var paras, windows, maxTokens int
	prevEnd := 0
	for range d.Windows(64 << 10) {
		windows++
		if d.Window.Start != prevEnd {
			t.Fatalf("window %d starts at %d, previous ended at %d", windows, d.Window.Start, prevEnd)
		}
		prevEnd = d.Window.End
		for _, p := range d.Paragraphs {
			if got := d.SpanText(p.Span); got+"\n\n" != para {
				t.Fatalf("paragraph %q cut by a window", got)
			}
		}
		paras += len(d.Paragraphs)
		maxTokens = max(maxTokens, cap(d.Tokens))
	}
	if paras != 5000 {
		t.Errorf("saw %d paragraphs, want 5000", paras)
	}
	if windows < 5 {
		t.Errorf("only %d windows for 360 KB in 64 KB windows", windows)
	}
	if prevEnd != len(text) {
		t.Errorf("windows end at %d, text has %d bytes", prevEnd, len(text))
	}
	if maxTokens > 40000 {
		t.Errorf("token buffer grew to %d: windows do not bound memory", maxTokens)
	}
}

// TestRunawayLine checks that one enormous line is still cut into windows.
func TestRunawayLine(t *testing.T) {
	text := strings.Repeat("word ", 200000) // 1 MB, no line break
	d := NewPlain([]byte(text))
	windows, tokens := 0, 0
	for range d.Windows(100 << 10) {
		windows++
		tokens += len(d.Tokens)
	}
	if windows < 5 || tokens != 200000 {
		t.Errorf("windows = %d, tokens = %d; want several windows and 200000 tokens", windows, tokens)
	}
}

// FuzzSegment checks that segmentation never panics and every span lies
// inside the text on rune boundaries, in order.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"", "a", "Mr. Smith went to Washington. He said “no.”", "U.S.. e.g.. ...", "\xff\xfe\x00",
		"http://x.y/(a)). www.a", "a@b.c.", "Home › World\r\n\r\nText", ". . . .", "’90s ’n’",
	} {
		f.Add(s, 64)
	}
	seed, err := os.ReadFile("../../testdata/mt-article.txt")
	if err == nil {
		f.Add(string(seed), 512)
	}
	f.Fuzz(func(t *testing.T, text string, window int) {
		d := NewPlain([]byte(text))
		covered := 0
		for range d.Windows(window%4096 + 1) {
			if d.Window.Start != covered || d.Window.End < d.Window.Start || d.Window.End > len(d.Text) {
				t.Fatalf("bad window %+v after %d", d.Window, covered)
			}
			covered = d.Window.End
			if len(d.Prefixes) != len(d.Tokens) {
				t.Fatalf("%d prefixes for %d tokens", len(d.Prefixes), len(d.Tokens))
			}
			for i, tok := range d.Tokens {
				if d.Prefixes[i] != PrefixDigest(d.Text, tok.S(), tok.E()) {
					t.Fatalf("token %d: prefix %x, want %x", i, d.Prefixes[i], PrefixDigest(d.Text, tok.S(), tok.E()))
				}
			}
			last := d.Window.Start
			for i, tok := range d.Tokens {
				if tok.S() < last || tok.End <= tok.Start || tok.E() > d.Window.End {
					t.Fatalf("token %d %+v out of order or outside window %+v", i, tok, d.Window)
				}
				if !utf8.ValidString(d.Text[tok.Start:tok.End]) && !strings.ContainsRune(d.Text[tok.Start:tok.End], utf8.RuneError) {
					t.Fatalf("token %d splits a rune", i)
				}
				last = tok.E()
			}
			for _, s := range d.Sentences {
				if s.Tokens.Len() == 0 || s.Start != d.Tokens[s.Tokens.First].S() || s.End != d.Tokens[s.Tokens.Last-1].E() {
					t.Fatalf("sentence %+v does not match its tokens", s)
				}
			}
			for _, p := range d.Paragraphs {
				if p.Start < d.Window.Start || p.End > d.Window.End || p.Start >= p.End {
					t.Fatalf("paragraph %+v outside window %+v", p, d.Window)
				}
			}
		}
		if covered != len(d.Text) {
			t.Fatalf("windows cover %d of %d bytes", covered, len(d.Text))
		}
	})
}

func TestPrefixDigest(t *testing.T) {
	same := [][2]string{{"The", "the"}, {"GOVERNMENT", "government"}, {"Gove", "govern"}, {"a", "A"}}
	for _, p := range same {
		if PrefixDigest(p[0], 0, len(p[0])) != PrefixDigest(p[1], 0, len(p[1])) {
			t.Errorf("PrefixDigest(%q) != PrefixDigest(%q)", p[0], p[1])
		}
	}
	differ := [][2]string{{"the", "them"}, {"a", "an"}, {"of", "on"}}
	for _, p := range differ {
		if PrefixDigest(p[0], 0, len(p[0])) == PrefixDigest(p[1], 0, len(p[1])) {
			t.Errorf("PrefixDigest(%q) == PrefixDigest(%q)", p[0], p[1])
		}
	}
	if PrefixDigest("’90s", 0, len("’90s")) != NoPrefix || PrefixDigest("x", 0, 1) == NoPrefix {
		t.Error("non-ASCII text must give NoPrefix and ASCII text never")
	}
	// in a longer text, the bytes after the token do not count
	text := "the them"
	if PrefixDigest(text, 0, 3) != PrefixDigest("the", 0, 3) {
		t.Error("bytes after the token changed its digest")
	}
}
