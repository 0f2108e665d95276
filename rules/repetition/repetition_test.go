package repetition

import (
	"fmt"
	"hash/fnv"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/internal/nonword"
	"github.com/mtlint/mtlint/rules/rulestest"
)

// TestFamily checks the run order of the rules, that each is well formed,
// has its own ID and flags its Flagged example but not its Unflagged one.
func TestFamily(t *testing.T) {
	rulestest.Order(t, Rules, "repetition.doubled-word", "repetition.near-repeat", "repetition.repeated-paragraph", "repetition.loop")
	rulestest.Family(t, rules.Repetition, Rules)
}

func TestFixtures(t *testing.T) {
	rulestest.Run(t, "testdata", Rules...)
}

// finding is what a table test expects: the flagged text, the first
// suggestion, and a part of the message ("" to skip it).
type finding struct {
	text, suggestion, message string
}

type tableCase struct {
	name string
	text string
	want []finding
}

func runTable(t *testing.T, r *rules.Rule, cases []tableCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := rulestest.Check(t, c.text, r)
			if len(got) != len(c.want) {
				var texts []string
				for _, g := range got {
					texts = append(texts, g.Text)
				}
				t.Fatalf("%q: got %d findings %q, want %d", c.text, len(got), texts, len(c.want))
			}
			for i, w := range c.want {
				g := got[i]
				if g.Text != w.text {
					t.Errorf("finding %d: flagged %q, want %q", i, g.Text, w.text)
				}
				if len(g.Diag.Suggestions) == 0 || g.Diag.Suggestions[0] != w.suggestion {
					t.Errorf("finding %d on %q: suggestions %q, want first %q", i, g.Text, g.Diag.Suggestions, w.suggestion)
				}
				if !strings.Contains(g.Diag.Message, w.message) {
					t.Errorf("finding %d on %q: message %q, want it to contain %q", i, g.Text, g.Diag.Message, w.message)
				}
			}
		})
	}
}

func TestDoubledWord(t *testing.T) {
	runTable(t, DoubledWord, []tableCase{
		{"article", "The bank said the the cost of borrowing would stay high.",
			[]finding{{"the the", "the", `"the" is written twice`}}},
		{"sentence start keeps the capital", "The the board met on Tuesday.", []finding{{"The the", "The", ""}}},
		{"all capitals", "THE THE MARKETS FELL AGAIN", []finding{{"THE THE", "THE", ""}}},
		{"across a line break", "Ministers will publish the results of\nof the review.", []finding{{"of\nof", "of", ""}}},
		{"noun", "The minister's hostility hostility to the plan was clear.", []finding{{"hostility hostility", "hostility", ""}}},
		{"modal", "The panel could could decide to delay the ruling.", []finding{{"could could", "could", ""}}},
		{"preposition without a relative clause", "The adverts designed by by a London agency were withdrawn.", []finding{{"by by", "by", ""}}},
		{"that that before an article", "He argued that that the figures were wrong.", []finding{{"that that", "that", ""}}},
		{"is is without a cleft", "The plan is is a good one.", []finding{{"is is", "is", ""}}},
		{"nationality", "But British British airline staff voted to strike.", []finding{{"British British", "British", ""}}},
		{"pronoun I", "I I think we will win.", []finding{{"I I", "I", ""}}},
		{"non-ASCII word", "Le café café est fermé.", []finding{{"café café", "café", ""}}},
		{"curly apostrophe word", "The club’s club’s chairman resigned.", []finding{{"club’s club’s", "club’s", ""}}},
		{"two slips in a paragraph", "The the minister said it it was a mistake to to wait.",
			[]finding{{"The the", "The", ""}, {"it it", "it", ""}, {"to to", "to", ""}}},

		{"had had", "The two clubs had had talks before the deadline.", nil},
		{"that that before a noun", "Given the anger that that decision caused, she resigned.", nil},
		{"that that before a verb", "We believe that that is the right approach.", nil},
		{"this this", "On top of this this new tax will hit savers.", nil},
		{"pseudo-cleft", "What it is is a warning to the rest of the league.", nil},
		{"stranded preposition after a zero relative", "It was the chance she had been hoping for for months.", nil},
		{"stranded preposition after that", "It is a position that they have found themselves in in recent years.", nil},
		{"stranded to", "It is the shop they went to to buy their tickets.", nil},
		{"reduplicated place names", "Walla Walla, Bora Bora, Pago Pago and Wagga Wagga", nil},
		{"reduplicated person and band names", "Sirhan Sirhan and Duran Duran and Talk Talk and Bafana Bafana", nil},
		{"interjections", "bye bye, ha ha, no no, so so, chop chop, knock knock, hear hear", nil},
		{"intensifier in a quote", `"The fans were very very patient," he said.`, nil},
		{"numbers", "The scores were 10 10 after one round.", nil},
		{"punctuation between", "They played New York, New York at the end.", nil},
		{"hyphenated name", "Boutros Boutros-Ghali spoke first.", nil},
		{"title before a name", "The veteran judge Judge Patel retired on Friday.", nil},
		{"capitalised name", "Divers returned to Koh Phi Phi after the storm.", nil},
		{"month then a name", "In May May told MPs she would stay.", nil},
		{"three or more", "The thunder went rumble rumble rumble all night.", nil},
		{"reduplicated token", "The chant went la-la la-la for an hour.", nil},
		{"clause boundary without a comma", "When he saw it it looked like a prank.", nil},
		{"her her", "The coach gave her her first cap.", nil},
		{"emphatic do", "They do do a lot of good work.", nil},
		{"the can can", "The dancers performed the can can.", nil},
		{"not adjacent", "The the", []finding{{"The the", "The", ""}}},
		{"glued", "the-the and the/the", nil},
		{"invisible characters", "the values \u200b \u200b of humidity", nil},
	})
}

func TestNearRepeat(t *testing.T) {
	runTable(t, NearRepeat, []tableCase{
		{"seed", "an opportunity to express mutual concerns mutual expectations, but",
			[]finding{{"mutual concerns mutual expectations", "mutual concerns and expectations", `"mutual" is repeated`}}},
		{"adjective", "The plan promises economic growth economic stability for the region.",
			[]finding{{"economic growth economic stability", "economic growth and stability", ""}}},
		{"across a line break", "They want national security\nnational interests protected.",
			[]finding{{"national security\nnational interests", "national security and interests", ""}}},
		{"doubled phrase", "Officials said the talks the talks would resume.",
			[]finding{{"the talks the talks", "the talks", `"the talks" is written twice`}}},
		{"doubled infinitive", "Inflation is forecast to drop to drop below 3% by the spring.",
			[]finding{{"to drop to drop", "to drop", ""}}},
		{"doubled noun phrase", "The suspect has short hair short hair and a beard.",
			[]finding{{"short hair short hair", "short hair", ""}}},

		{"step by step", "The sides made progress step by step over the weekend.", nil},
		{"day after day", "Day after day after day the queues grew.", nil},
		{"face to face", "They met face to face for the first time.", nil},
		{"bigger and bigger", "Prices got bigger and bigger and bigger.", nil},
		{"time after time", "He did it time after time after time.", nil},
		{"time and time again", "She has warned about this time and time and time again.", nil},
		{"more money more problems", "more money more problems, as the song says", nil},
		{"function words", "they say they are helping, and that anger that grew in the town", nil},
		{"short modifier", "a new car new house and new debts", nil},
		{"capitalised", "Mutual Concerns Mutual Expectations", nil},
		{"comma between", "mutual concerns, mutual expectations", nil},
		{"function word after", "people like people who work hard", nil},
		{"back to back", "She led the club to back to back league titles.", nil},
		{"subordinate clause", "When they arrived they arrived to find the doors locked.", nil},
		{"chant", "Fans chanted come back come back come back until the end.", nil},
		{"strength to strength", "The firm went from strength to strength.", nil},
		{"reduplication", "bye bye bye bye, said the children", nil},
		{"numbers between", "the 2004 budget 2004 report", nil},
		{"object and its complement", "It is the battery that makes a gadget a gadget, and she calls a spade a spade.", nil},
		{"tautologies", "A deal is a deal, boys will be boys and a win is a win.", nil},
		{"doubled after a verb that is not a complement verb", "He bought a gadget a gadget shop sold.",
			[]finding{{"a gadget a gadget", "a gadget", ""}}},
	})
}

func TestRepeatedParagraph(t *testing.T) {
	const body = "Emergency services evacuated hundreds of residents overnight."
	runTable(t, RepeatedParagraph, []tableCase{
		{"seed headline glued to chrome",
			"Home Somerset business Russian diplomat predicts week of ‘difficult’ talks with US over Ukraine\n\n" +
				"Russian diplomat predicts week of ‘difficult’ talks with US over Ukraine\n\n" + body,
			[]finding{{"Russian diplomat predicts week of ‘difficult’ talks with US over Ukraine", "", "repeats the headline on line 1"}}},
		{"headline repeated exactly",
			"Flood defences fail in northern Italy\n\nFlood defences fail in northern Italy\n\n" + body,
			[]finding{{"Flood defences fail in northern Italy", "", "repeats the headline on line 1"}}},
		{"headline after blank lines, different quotes and case",
			"\n\nNews | Flood defences 'fail' in northern Italy\n\nflood defences “fail” in Northern Italy.\n\n" + body,
			[]finding{{"flood defences “fail” in Northern Italy.", "", "repeats the headline on line 3"}}},
		{"navigation on lines of its own",
			"Home\nNews\nFlood defences fail in northern Italy\n\nFlood defences fail in northern Italy\n\n" + body,
			[]finding{{"Flood defences fail in northern Italy", "", "repeats the headline on line 3"}}},
		{"paragraph repeated later",
			"Title of the story\n\nThe scheme will cost £4m and is expected to be completed by 2026, the council said.\n\n" + body +
				"\n\nThe scheme will cost £4M and is expected to be completed by 2026 - the council said",
			[]finding{{"The scheme will cost £4M and is expected to be completed by 2026 - the council said", "", "repeats the paragraph on line 3"}}},
		{"three copies",
			"A paragraph of text that is long enough here.\n\n" + body + "\n\nA paragraph of text that is long enough here.\n\nA paragraph of text that is long enough here.",
			[]finding{{"A paragraph of text that is long enough here.", "", "line 1"}, {"A paragraph of text that is long enough here.", "", "line 1"}}},
		{"unwrapped lines are paragraphs",
			strings.Repeat("This long line is one paragraph of an unwrapped block of text that a scraper produced from the page. ", 2) + "\n" +
				"A second line.\n" +
				strings.Repeat("This long line is one paragraph of an unwrapped block of text that a scraper produced from the page. ", 2),
			[]finding{{strings.TrimSpace(strings.Repeat("This long line is one paragraph of an unwrapped block of text that a scraper produced from the page. ", 2)), "", "line 1"}}},

		{"body starts with the title",
			"Council approves new cycle lanes\n\nCouncil approves new cycle lanes after a debate of four hours.", nil},
		{"headline of three words", "Home News Markets fall again\n\nMarkets fall again\n\n" + body, nil},
		{"suffix inside a word", "Homepage preview Xmarkets fall again today\n\nmarkets fall again today\n\n" + body, nil},
		{"short lines repeat", "Group A\n\nTop two go through\n\nGroup B\n\nTop two go through", nil},
		{"headline check only on the first two paragraphs",
			"Title\n\nHome News Markets fall again on Monday\n\nMarkets fall again on Monday", nil},
		{"different words", "The scheme will cost £4m and be completed by 2026.\n\nThe scheme will cost £5m and be completed by 2026.", nil},
		{"single paragraph", "Only one paragraph in this document here.", nil},
	})
}

// TestRepeatedParagraphWindows checks that repeats are found within a window
// only, and that the headline check runs on the first window only.
func TestRepeatedParagraphWindows(t *testing.T) {
	long := "First window body " + strings.Repeat("filler words ", 20) + "end."  // 284 bytes
	short := "Second window body " + strings.Repeat("filler words ", 5) + "end." // 88 bytes
	text := strings.Join([]string{
		"Home News Ministers agree new deal on fishing quotas",
		"Ministers agree new deal on fishing quotas",
		long, // the first window ends here, past 300 bytes
		"Home News Markets fall for a third day running",
		"Markets fall for a third day running",
		short,
		short,
		long, // repeats a paragraph of another window: not flagged
	}, "\n\n")
	doc := document.NewPlain([]byte(text))
	var got, starts []string
	for range doc.Windows(300) {
		starts = append(starts, doc.SpanText(doc.Paragraphs[0].Span)[:17])
		errs := rules.Run(doc, []*rules.Rule{RepeatedParagraph}, func(_ *rules.Rule, d rules.Diagnostic) {
			got = append(got, doc.SpanText(d.Span)[:20]+" | "+d.Message)
		})
		for _, err := range errs {
			t.Error(err)
		}
	}
	if strings.Join(starts, "|") != "Home News Ministe|Home News Markets" {
		t.Fatalf("windows start with %q: the test needs two windows, each opening with a glued headline", starts)
	}
	want := []string{
		"Ministers agree new  | repeats the headline on line 1",
		`Second window body f | repeats the paragraph starting "Second window body filler words filler words filler…"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSeedArticle checks the family's findings on the seed article: exactly
// the near repeat and the repeated headline.
func TestSeedArticle(t *testing.T) {
	src := rulestest.Seed(t)
	got := rulestest.Check(t, string(src), Rules...)
	want := []struct {
		rule, text, suggestion, message string
		line                            int
	}{
		{"repetition.repeated-paragraph", "Russian diplomat predicts week of ‘difficult’ talks with US over Ukraine", "",
			"repeats the headline on line 1", 3},
		{"repetition.near-repeat", "mutual concerns mutual expectations", "mutual concerns and expectations",
			`"mutual" is repeated without "and" between the two phrases`, 42},
	}
	// rulestest.Check reports rule by rule; order the findings by position.
	if len(got) == 2 && got[0].Diag.Span.Start > got[1].Diag.Span.Start {
		got[0], got[1] = got[1], got[0]
	}
	if len(got) != len(want) {
		for _, g := range got {
			t.Logf("%s %q", g.Rule.ID, g.Text)
		}
		t.Fatalf("%d findings, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Rule.ID != w.rule || g.Text != w.text || g.Diag.Suggestions[0] != w.suggestion || g.Diag.Message != w.message || g.Line != w.line {
			t.Errorf("finding %d: %s line %d %q => %q (%s), want %s line %d %q => %q (%s)", i,
				g.Rule.ID, g.Line, g.Text, g.Diag.Suggestions[0], g.Diag.Message, w.rule, w.line, w.text, w.suggestion, w.message)
		}
	}
}

// cleanText is realistic news copy with no repetition artifacts (each copy
// of the article numbered, so that no paragraph repeats), for the allocation
// test and the benchmark.
var cleanText = func() string {
	var b strings.Builder
	for i := range 20 {
		fmt.Fprintf(&b, `Council approves %d new cycle lanes for city centre

The city council has approved plans for %d new cycle lanes in the city centre, despite objections from local
traders who say that the lanes will take away parking spaces that their customers rely on.

"We have listened to every concern, and we have made changes step by step," the council leader said on day %d.
"The pair had had a difficult year, and that that service matters is clear to everyone."

The scheme will cost £%dm and is expected to be completed by 2026. Prices are getting bigger and bigger, and
the contractors met face to face with residents day after day during the consultation.

`, i, i, i, i)
	}
	return b.String()
}()

func TestNoAllocations(t *testing.T) {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" && s.Value == "true" {
				t.Skip("the race detector makes sync.Pool drop items at random")
			}
		}
	}
	doc := document.NewPlain([]byte(cleanText))
	doc.Segment()
	for _, r := range Rules {
		pass := &rules.Pass{Rule: r, Doc: doc, Report: func(rules.Diagnostic) { t.Errorf("%s reported on clean text", r.ID) }}
		r.Run(pass) // warm the pool
		if n := testing.AllocsPerRun(20, func() { r.Run(pass) }); n > 0 {
			t.Errorf("%s: %v allocations a run on clean text, want 0", r.ID, n)
		}
	}
}

func BenchmarkRules(b *testing.B) {
	doc := document.NewPlain([]byte(cleanText))
	doc.Segment()
	passes := make([]*rules.Pass, len(Rules))
	for i, r := range Rules {
		passes[i] = &rules.Pass{Rule: r, Doc: doc, Report: func(rules.Diagnostic) {}}
	}
	b.SetBytes(int64(len(cleanText)))
	b.ResetTimer()
	for b.Loop() {
		for i, r := range Rules {
			r.Run(passes[i])
		}
	}
}

// TestRepeatedParagraphRawLines checks that messages name lines of the input,
// not of the extracted text: front matter or markup above the article shifts
// them.
func TestRepeatedParagraphRawLines(t *testing.T) {
	const front = "---\ntitle: a draft\nauthor: desk\n---\n\n" // four lines before the prose
	prose := "Home World Ministers meet in Geneva for talks on the deal\n\n" +
		"Ministers meet in Geneva for talks on the deal\n\n" +
		"The talks opened on Monday and went on late into the night.\n\n" +
		"The talks opened on Monday and went on late into the night.\n"
	raw := []byte(front + prose)
	var m document.OffsetMap
	m.Add(0, len(front))
	doc := &document.Document{}
	doc.SetExtracted(raw, prose, m)
	var msgs []string
	for range doc.Windows(0) {
		rules.Run(doc, []*rules.Rule{RepeatedParagraph}, func(_ *rules.Rule, d rules.Diagnostic) {
			msgs = append(msgs, d.Message)
		})
	}
	want := []string{"repeats the headline on line 6", "repeats the paragraph on line 10"}
	if strings.Join(msgs, "|") != strings.Join(want, "|") {
		t.Errorf("messages %q, want %q", msgs, want)
	}
}

// TestHashNormalized checks the hash that runRepeatedParagraph keys
// paragraphs by against its definition: FNV-1a of the first hashWords words
// of appendNormalized's text, and the number of words in all.
func TestHashNormalized(t *testing.T) {
	for _, text := range []string{
		"",
		"One.",
		"The U.S. government-backed plan, said Mr. Smith, costs $3.5bn.",
		"Le café, l’été: ÉCOLE Straße naïve — 12 words and more, more and more words follow after the twelfth word here.",
		"see www.bbc.co.uk or mail news@bbc.co.uk at 10:30 on 3 May, then go home to the Wagga Wagga office again",
	} {
		doc := document.NewPlain([]byte(text))
		doc.Segment()
		r := document.Range{Last: len(doc.Tokens)}
		norm, words := appendNormalized(nil, doc, r)
		first := strings.Split(string(norm), " ")
		if len(first) > hashWords {
			first = first[:hashWords]
		}
		want := fnv.New64a()
		want.Write([]byte(strings.Join(first, " ")))
		h, n := hashNormalized(doc, r, nonword.Index(doc))
		if n != words {
			t.Errorf("%q: %d words, want %d", text, n, words)
		}
		if h != want.Sum64() {
			t.Errorf("%q: hash %x, want %x (text %q)", text, h, want.Sum64(), strings.Join(first, " "))
		}
	}
}

func TestAnyLaneZero(t *testing.T) {
	for _, tc := range []struct {
		v    uint64
		want bool
	}{
		{0x0001000100010001, false},
		{0xFFFF800080008000, false},
		{0x7FFF7FFF7FFF7FFF, false},
		{0x0000000100010001, true},
		{0x0001000100010000, true},
		{0x0001000000010001, true},
		{0x8000000080008000, true},
		{0, true},
	} {
		if got := anyLaneZero(tc.v); got != tc.want {
			t.Errorf("anyLaneZero(%#x) = %v, want %v", tc.v, got, tc.want)
		}
	}
	if got := digests4([]uint16{1, 2, 3, 4, 5}, 1); got != 0x0005000400030002 {
		t.Errorf("digests4 = %#x", got)
	}
}
