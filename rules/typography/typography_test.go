package typography

import (
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/punctuation"
	"github.com/mtlint/mtlint/rules/rulestest"
)

// want is one expected finding of a table test: the rule, the flagged text
// and the first suggestion (see rulestest.Want).
type want rulestest.Want

// check runs the family over text and compares its findings, in order,
// with wants.
func check(t *testing.T, text string, wants ...want) {
	t.Helper()
	ws := make([]rulestest.Want, len(wants))
	for i, w := range wants {
		ws[i] = rulestest.Want(w)
	}
	rulestest.Expect(t, text, Rules, ws...)
}

type tcase struct {
	text  string
	wants []want
}

func run(t *testing.T, cases []tcase) {
	t.Helper()
	for _, tc := range cases {
		check(t, tc.text, tc.wants...)
	}
}

const (
	decimalComma  = "typography.decimal-comma"
	thousands     = "typography.thousands-separator"
	frenchSpacing = "typography.french-spacing"
	guillemets    = "typography.guillemets"
	lowQuotes     = "typography.low-quotes"
	timeFormat    = "typography.time-format"
	currencyAfter = "typography.currency-after"
	romanCent     = "typography.roman-century"
	ordinal       = "typography.ordinal"
	cjk           = "typography.cjk-punctuation"
	c1            = "typography.c1-control"
)

func TestDecimalComma(t *testing.T) {
	run(t, []tcase{
		{"The economy grew by 3,5 million jobs.", []want{{decimalComma, "3,5", "3.5"}}},
		{"Kyiv will receive 1,2 billion euros in aid.", []want{{decimalComma, "1,2", "1.2"}}},
		{"Inflation slowed to 2,7% in May.", []want{{decimalComma, "2,7", "2.7"}}},
		{"Inflation slowed to 2,7 % in May.", []want{{decimalComma, "2,7", "2.7"}}},
		{"The index lost 0,5 points.", []want{{decimalComma, "0,5", "0.5"}}},
		{"Rates rose by 0,25 percentage points.", []want{{decimalComma, "0,25", "0.25"}}},
		{"Unemployment is 7,4 per cent.", []want{{decimalComma, "7,4", "7.4"}}},
		{"The deal is worth 3,5bn.", []want{{decimalComma, "3,5", "3.5"}}},
		{"The road is 2,5km long.", []want{{decimalComma, "2,5", "2.5"}}},
		{"A yield of 0,125% was offered.", []want{{decimalComma, "0,125", "0.125"}}},
		{"The budget is 1.234,5 million hryvnias.", []want{{decimalComma, "1.234,5", "1,234.5"}}},
		{"More than 6,4 thousand buildings were destroyed.", []want{{decimalComma, "6,4", "6.4"}}},
		{"The battery lasts 1,5 hours.", []want{{decimalComma, "1,5", "1.5"}}},
		{"Bread costs 2,50 €.", []want{{decimalComma, "2,50", "2.50"}, {currencyAfter, "2,50 €", "€2,50"}}},
		// negatives
		{"Some 1,000 people, 3,500 fans and 10,000 police attended.", nil},
		{"Profits rose 2.7% to $1.13bn, or 3.5 million more.", nil},
		{"See pages 2,5 and 7 of the report.", nil},
		{"He won 6,4-6 in the third set.", nil},
		{"We train 2,3 times a week and rest 2,3 days.", nil},
		{"In 2004,5 million people voted.", nil},
		{"It cost £135,00 for work on the house.", nil},
		{"Numbers 1,5,7 million.", nil},
	})
}

func TestThousandsSeparator(t *testing.T) {
	run(t, []tcase{
		{"The state employs 1.250.000 workers.", []want{{thousands, "1.250.000", "1,250,000"}}},
		{"About 1.500 people were evacuated.", []want{{thousands, "1.500", "1,500"}}},
		{"The fine was 2.000 euros.", []want{{thousands, "2.000", "2,000"}}},
		{"Russia has 100 000 troops at the border.", []want{{thousands, "100 000", "100,000"}}},
		{"The fund holds 50\u00a0000 euros.", []want{{thousands, "50\u00a0000", "50,000"}}},
		{"A total of 1\u202f250\u202f000 votes were cast.", []want{{thousands, "1\u202f250\u202f000", "1,250,000"}}},
		{"The prize (about 5 500 - Ed.) was paid.", []want{{thousands, "5 500", "5,500"}}},
		{"Funding was put at 1 120 million.", []want{{thousands, "1 120", "1,120"}}},
		{"The value x 10 000) is used.", []want{{thousands, "10 000", "10,000"}}},
		// negatives
		{"Russia has 100,000 troops and 4.483 million people.", nil},
		{"The euro rose to $1.364, or 1.364 euros per dollar, or 1.300 euros to the pound.", nil},
		{"The rupee was at 43.305 per US dollar.", nil},
		{"Output was 12.011 trillion yen, or 3.997 billion barrels.", nil},
		{"The index closed at 3.817.69 points.", nil},
		{"Shares rose 1.500 after a 1.5 rise.", nil},
		{"Call 020 7946 0000 or 0800 123 456 or (050) 4664 - 171 100.", nil},
		{"Between 2004 2005 and 1997 borders.", nil},
		{"Dial 123 456 7890 or +44 207 946 or 171 100-200.", nil},
		{"It sold 10 737-800 planes.", nil},
		{"Version 1.250.000a and 12.03.2022 are dates.", nil},
		{"The score was 3 100 to the home side.", []want{{thousands, "3 100", "3,100"}}},
	})
}

func TestFrenchSpacing(t *testing.T) {
	run(t, []tcase{
		{"Why\u00a0? Nobody knows.", []want{{frenchSpacing, "\u00a0", ""}}},
		{"It is a crisis\u202f!", []want{{frenchSpacing, "\u202f", ""}}},
		{"He said\u00a0: it is over\u00a0; they left.", []want{{frenchSpacing, "\u00a0", ""}, {frenchSpacing, "\u00a0", ""}}},
		{"He said\u2009: over.", []want{{frenchSpacing, "\u2009", ""}}},
		{"He said: « no » !", []want{
			{frenchSpacing, " ", ""}, {frenchSpacing, " ", ""}, {frenchSpacing, " ", ""}, {guillemets, "«", "“"}, {guillemets, "»", "”"}}},
		{"“ They can't be easy ”, he said.", []want{{frenchSpacing, " ", ""}, {frenchSpacing, " ", ""}}},
		{"Is it «over ?»", []want{{frenchSpacing, " ", ""}, {guillemets, "«", "“"}, {guillemets, "»", "”"}}},
		{"They called it “ a disaster”.", []want{{frenchSpacing, " ", ""}}},
		{"Quoi ?! Vraiment ?… Really ?»", []want{{frenchSpacing, " ", ""}, {frenchSpacing, " ", ""}, {frenchSpacing, " ", ""}, {guillemets, "»", "”"}}},
		{"It said «Go :» and left.", []want{{frenchSpacing, " ", ""}, {guillemets, "«", "“"}, {guillemets, "»", "”"}}},
		// left to punctuation.space-before
		{"Why ? Nobody knows. He said : no ; then left ! (Why ?) “Why ?”", nil},
		// negatives
		{"The meeting starts at 10\u00a0:\u00a030 and the odds are 3\u00a0: 1.", nil},
		{"Great\u00a0:) and thanks\u00a0;-) and\u00a0:D.", nil},
		{"Not quite perfect !!! Will it rain ??", nil},
		{"“They can't be easy,” he said. “Yes.”", nil},
		{"It was over, “said Ryabkov. He said: “ ”", nil},
		{"\" They can't \" is straight.", nil},
		{"Line one\n: starts with a colon.", nil},
	})
}

func TestGuillemets(t *testing.T) {
	run(t, []tcase{
		{"He called the talks «difficult».", []want{{guillemets, "«", "“"}, {guillemets, "»", "”"}}},
		{"Das ist »Zeit« said the paper.", []want{{guillemets, "»", "“"}, {guillemets, "«", "”"}}},
		{"He said ‹no› twice.", []want{{guillemets, "‹", "‘"}, {guillemets, "›", "’"}}},
		{"Will he walk with them again?»", []want{{guillemets, "»", "”"}}},
		{"The firm «Naftogaz» and «Ukrenergo» said so.", []want{
			{guillemets, "«", "“"}, {guillemets, "»", "”"}, {guillemets, "«", "“"}, {guillemets, "»", "”"}}},
		{"A «B «C» D» E", []want{{guillemets, "«", "“"}, {guillemets, "«", "“"}, {guillemets, "»", "”"}, {guillemets, "»", "”"}}},
		// negatives
		{"Home » News » Europe", nil},
		{"Next › Previous ‹ page", nil},
		{"» Read more\n\nMore »", nil},
	})
}

func TestLowQuotes(t *testing.T) {
	run(t, []tcase{
		{"Merkel said: „We can do it“.", []want{{lowQuotes, "„", "“"}, {lowQuotes, "“", "”"}}},
		{"Wałęsa said „Solidarity” lives.", []want{{lowQuotes, "„", "“"}}},
		{"He called it ‚nice‘ and left.", []want{{lowQuotes, "‚", "‘"}, {lowQuotes, "‘", "’"}}},
		{"He called it ‚nice’ and left.", []want{{lowQuotes, "‚", "‘"}}},
		{"An unclosed „quote and “another” one.", []want{{lowQuotes, "„", "“"}}},
		// negatives
		{"A mistyped comma‚ here and ‘there’.", nil},
		{"“We can do it,” she said.", nil},
	})
}

func TestTimeFormat(t *testing.T) {
	run(t, []tcase{
		{"The summit opens at 14h30 in Paris.", []want{{timeFormat, "14h30", "14:30"}}},
		{"The summit opens at 14 h 30 in Paris.", []want{{timeFormat, "14 h 30", "14:30"}}},
		{"Shops open from 9h to 19h.", []want{{timeFormat, "9h", "9:00"}, {timeFormat, "19h", "19:00"}}},
		{"Kick-off is at 14.30 Uhr.", []want{{timeFormat, "14.30 Uhr", "14:30"}}},
		{"Kick-off is at 20 Uhr.", []want{{timeFormat, "20 Uhr", "20:00"}}},
		{"The auction begins at 21.00 hours.", []want{{timeFormat, "21.00 hours", "21:00"}}},
		{"We meet at 9:00 hours.", []want{{timeFormat, "9:00 hours", "9:00"}}},
		{"Live between 13.25 and 15.30 hrs on ZDF.", []want{{timeFormat, "15.30 hrs", "15:30"}}},
		// negatives
		{"The match starts at 14.30 and ends at 2.30pm, 10:30 GMT.", nil},
		{"The flight lasts 2h and the battery 1.5 hours; the raid began at 0900 hours.", nil},
		{"He ran it in 2h05 hmm and 25h30 is no time.", []want{{timeFormat, "2h05", "2:05"}}},
		{"It lasted 2.30 hours and 9h long.", nil},
		{"Open between 8h and 10h or 9.30 and 10.30 hours.", []want{{timeFormat, "8h", "8:00"}, {timeFormat, "10h", "10:00"}, {timeFormat, "10.30 hours", "10:30"}}},
		{"Open 24h a day.", nil},
	})
}

func TestCurrencyAfter(t *testing.T) {
	run(t, []tcase{
		{"A loaf costs 50 € now.", []want{{currencyAfter, "50 €", "€50"}}},
		{"It was sold for 15€.", []want{{currencyAfter, "15€", "€15"}}},
		{"The flat costs 3 million $.", []want{{currencyAfter, "3 million $", "$3 million"}}},
		{"A pension of 100 ₽ and 20 £ and 1500 ₴.", []want{{currencyAfter, "100 ₽", "₽100"}, {currencyAfter, "20 £", "£20"}, {currencyAfter, "1500 ₴", "₴1500"}}},
		{"Not worth more than 10€...", []want{{currencyAfter, "10€", "€10"}}},
		// negatives
		{"It cost $50, £3m and €1.2bn.", nil},
		{"Labour will spend by 2008 £60bn more.", nil},
		{"He paid 5 $ 10 notes and 50¢ and US$5 and 5 US$.", nil},
		{"It was $50 $ more.", nil},
	})
}

func TestRomanCentury(t *testing.T) {
	run(t, []tcase{
		{"The biggest war of the XXI century.", []want{{romanCent, "XXI century", "21st century"}}},
		{"Art of the XXth century.", []want{{romanCent, "XXth century", "20th century"}}},
		{"Art of the XIXe century.", []want{{romanCent, "XIXe century", "19th century"}}},
		{"Churches of the XII-XIII centuries.", []want{{romanCent, "XII-XIII centuries", "12th-13th centuries"}}},
		{"In the V century BC.", []want{{romanCent, "V century", "5th century"}}},
		{"In the XXI-st century.", []want{{romanCent, "XXI-st century", "21st century"}}},
		// negatives
		{"Henry VIII and World War II shaped the 20th century.", nil},
		{"Super Bowl XXXIX century? The XXX century. The IIII century. The IC century.", nil},
		{"I century-old traditions.", nil},
	})
}

func TestOrdinal(t *testing.T) {
	run(t, []tcase{
		{"He scored in the 89. minute.", []want{{ordinal, "89.", "89th"}}},
		{"It was the 2ème match and the 1er round.", []want{{ordinal, "2ème", "2nd"}, {ordinal, "1er", "1st"}}},
		{"She came the 3º time.", []want{{ordinal, "3º", "3rd"}}},
		{"The 11. round.", []want{{ordinal, "11.", "11th"}}},
		// negatives
		{"1. the first point\n2. the second point", nil},
		{"It was the 1990s. the end. The 3. He left.", nil},
		{"A 1er cru wine at 45º and the 3rd round.", nil},
		{"Music of the 90er years, the 2er team and the 3ère.", nil},
		{"The 1re étape and the 3ième stage.", []want{{ordinal, "1re", "1st"}, {ordinal, "3ième", "3rd"}}},
		{"They bought the 3. U.S. firms.", nil},
	})
}

func TestCJKPunctuation(t *testing.T) {
	run(t, []tcase{
		{"Second，the tariff goes up.", []want{{cjk, "，", ", "}}},
		{"Prices went up（a little）in May.", []want{{cjk, "（", " ("}, {cjk, "）", ") "}}},
		{"Where is my parcel？", []want{{cjk, "？", "?"}}},
		{"Where is my parcel?？？", []want{{cjk, "？？", ""}}},
		{"Where is my parcel? ？", []want{{cjk, " ？", ""}}},
		{"It arrived broken。。", []want{{cjk, "。。", "..."}}},
		{"It arrived broken.。", []want{{cjk, "。", ""}}},
		{"The voice of the actor、、、", []want{{cjk, "、、、", "..."}}},
		{"Tea, cakes、and coffee.", []want{{cjk, "、", ", "}}},
		{"The parts are as follows：", []want{{cjk, "：", ":"}}},
		{"He said 「no way」 and left.", []want{{cjk, "「", "“"}, {cjk, "」", "”"}}},
		{"The book 『Snow』 sold well；it was reprinted.", []want{{cjk, "『", "‘"}, {cjk, "』", "’"}, {cjk, "；", "; "}}},
		// negatives: marks of text in the script itself, and the marks
		// that human translations keep too
		{"The slogan 「中国梦」 was everywhere.", nil},
		{"She wrote 東京，大阪 on the card.", nil},
		{"The shop calls it ありがとう。 Thanks.", nil},
		{"【Official】 Spring sale of 《Three Kingdoms》 editions.", nil},
		{"Prices went up (a little); where is it? It broke...", nil},
	})
}

func TestC1Control(t *testing.T) {
	run(t, []tcase{
		{"The war of 1914\u00961918 ended.", []want{{c1, "\u0096", "–"}}},
		{"She said \u0093no\u0094 and left \u0097 quickly.", []want{{c1, "\u0093", "“"}, {c1, "\u0094", "”"}, {c1, "\u0097", "—"}}},
		{"It\u0092s done.", []want{{c1, "\u0092", "’"}}},
		{"A price of \u0080 5 and \u0081 a code.", []want{{c1, "\u0080", "€"}, {c1, "\u0081", ""}}},
		// negatives: the characters themselves, and Latin-1 signs just
		// above the control range
		{"The war of 1914–1918 ended — she said “no” and it’s done… for €5.", nil},
		{"A fee of £5 (§ 3, ¶ 2) at 20°C, ©2005, ± 1 and ¡hola!", nil},
	})
}

// TestNoDoubleReport checks that typography.french-spacing and
// punctuation.space-before never report the same space, and that between
// them they report every French space in these texts.
func TestNoDoubleReport(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"Why ? Why\u00a0? Why\u202f? Why\u2009?", 4},
		{"He said : no ; he said\u00a0: no\u00a0; then\u202f!", 5},
		{"Quoi ?! Vraiment ?… Really ?» (Why ?) “Why ?” \"Why ?\"", 6},
		{"« Non » ! « Non »\u00a0! «Non» ; «Non» :", 8}, // 4 marks, 4 inner spaces
		{"Inc. ; U.S. ! 15% ? 10\u00a0: 30 :) ;-)", 3},
	} {
		found := rulestest.Check(t, tc.text, punctuation.SpaceBefore, FrenchSpacing)
		for a := range found {
			for b := range a {
				x, y := found[a].Diag.Span, found[b].Diag.Span
				if x.Start < y.End && y.Start < x.End {
					t.Errorf("%q: %s %q and %s %q overlap", tc.text, found[a].Rule.ID, found[a].Text, found[b].Rule.ID, found[b].Text)
				}
			}
		}
		if len(found) != tc.want {
			for _, f := range found {
				t.Logf("%s %q at %d", f.Rule.ID, f.Text, f.Diag.Span.Start)
			}
			t.Errorf("%q: %d findings, want %d", tc.text, len(found), tc.want)
		}
	}
}

// TestLinear runs the family over long paragraphs of what its rules look
// at most closely. It asserts no time (the machine may be busy): quadratic
// work on 200 KB of candidates takes hours and fails by the test timeout.
func TestLinear(t *testing.T) {
	for _, unit := range []string{"« ", "» ", "‹ x ", "„x ", "‚x ", "“ x ", "1 ", "100 ", "1.500 ", "3,5 ", "\u00a0? ", "50 € ", "XX century ", "x？", "。", "\u0096 ", "\u0093\u0094"} {
		text := strings.Repeat(unit, 200_000/len(unit))
		rulestest.Check(t, text, Rules...)
	}
}

// TestFixtures runs the want-annotated fixtures in testdata.
func TestFixtures(t *testing.T) {
	rulestest.Run(t, "testdata", Rules...)
}

// TestFamily checks that each rule is well formed, has its own ID and flags
// its Flagged example but not its Unflagged one.
func TestFamily(t *testing.T) {
	rulestest.Family(t, rules.Typography, Rules)
}

// TestSeed checks that the seed article, which has no typography artifact,
// raises nothing: "100,000 troops" and "1997 borders" are English.
func TestSeed(t *testing.T) {
	src := rulestest.Seed(t)
	if !strings.Contains(string(src), "100,000 troops") || !strings.Contains(string(src), "1997 borders") {
		t.Fatal("seed article changed")
	}
	for _, f := range rulestest.Check(t, string(src), Rules...) {
		t.Errorf("line %d: unexpected %s on %q", f.Line, f.Rule.ID, f.Text)
	}
}

// TestNoAllocs checks that the rules allocate nothing per token: running
// the family over a long article without findings allocates only the
// shared candidate list and the bookkeeping of rules.Run.
func TestNoAllocs(t *testing.T) {
	src := rulestest.Seed(t)
	doc := document.NewPlain([]byte(strings.Repeat(string(src)+"\n\n", 50)))
	doc.Segment()
	report := func(*rules.Rule, rules.Diagnostic) {}
	allocs := testing.AllocsPerRun(10, func() {
		doc.Segment() // empties the memo
		rules.Run(doc, Rules, report)
	})
	if allocs > 40 {
		t.Errorf("%v allocations per run, want at most 40", allocs)
	}
}

// BenchmarkRules measures the family alone over an already segmented
// document, the seed article repeated 200 times (about 1 MB); it reports ns
// per byte of text.
func BenchmarkRules(b *testing.B) { benchRules(b, 200) }

// BenchmarkRulesArticle measures the family over the seed article alone,
// whose tokens stay in the cache as they do when a checker has just
// segmented an article.
func BenchmarkRulesArticle(b *testing.B) { benchRules(b, 1) }

func benchRules(b *testing.B, copies int) {
	src := rulestest.Seed(b)
	text := strings.Repeat(string(src)+"\n\n", copies)
	doc := document.NewPlain([]byte(text))
	doc.Segment()
	report := func(*rules.Rule, rules.Diagnostic) {}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		// The candidates are memoised for the window after the first run;
		// collect them again so that each iteration pays the whole cost.
		collect(doc)
		rules.Run(doc, Rules, report)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/byte")
}

// FuzzRules checks that no input makes a rule panic or report an empty span
// or one out of the text or inside a character (rulestest.Check fails on
// those).
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"3,5 million", "1.250.000 people", "100\u00a0000 troops", "Why\u00a0?", "« non »", "»Zeit«",
		"„Wir“", "‚so‘", "14h30", "14 h 30", "14.30 Uhr", "at 9:00 hours", "50 €", "3 million $",
		"the XXI century", "XII-XIII centuries", "the 3. round", "1er", "“ a ”", "1.234,5bn", "0,125%",
		"« «» »\u202f!", "5 500 -", "‹›", "the 2ème", "\u00a0:\u00a0", "9h",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, g := range rulestest.Check(t, s, Rules...) {
			if g.Diag.Span.Len() == 0 {
				t.Errorf("%s: empty span at %d", g.Rule.ID, g.Diag.Span.Start)
			}
		}
	})
}
