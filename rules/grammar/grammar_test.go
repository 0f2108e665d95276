package grammar

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/rulestest"
)

// TestFamily checks the run order of the rules, that each is well formed,
// has its own ID and flags its Flagged example but not its Unflagged one.
func TestFamily(t *testing.T) {
	rulestest.Order(t, Rules, "grammar.present-since", "grammar.of-time", "grammar.calqued-construction")
	rulestest.Family(t, rules.Grammar, Rules)
}

func TestFixtures(t *testing.T) {
	rulestest.Run(t, "testdata", Rules...)
}

type tableCase struct {
	name, text string
	want       []rulestest.Want
}

func runTable(t *testing.T, r *rules.Rule, cases []tableCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rulestest.Expect(t, c.text, []*rules.Rule{r}, c.want...)
		})
	}
}

func TestPresentSince(t *testing.T) {
	const id = "grammar.present-since"
	w := func(text, sugg string) []rulestest.Want { return []rulestest.Want{{Rule: id, Text: text, Sugg: sugg}} }
	runTable(t, PresentSince, []tableCase{
		{"is with a year", "The museum is closed to visitors since 2021.", w("is", "has been")},
		{"sentence start keeps the capital", "Is the museum closed since 2021?", w("Is", "Has been")},
		{"are with a month", "The two firms are partners since April.", w("are", "have been")},
		{"I am", "I am a member of the club since 2004.", w("am", "have been")},
		{"third person with a participle", "The family owns the newspaper since 1952.", w("owns", "has owned")},
		{"irregular participle", "The coach leads the squad since last season.", w("leads", "has led")},
		{"base form after they", "They run the bakery since 1998.", w("run", "have run")},
		{"with a duration", "He heads the agency since three years.", w("heads", "has headed")},
		{"then", "The company is profitable since then, the report says.", w("is", "has been")},
		{"passive", "The stadium is owned by the city since 1970.", w("is", "has been")},
		{"never", "The border is never reopened since the war began in 1992.", nil},
		{"day name", "The road is blocked since Tuesday.", w("is", "has been")},
		{"yesterday", "The airport is closed since yesterday.", w("is", "has been")},
		{"the 1990s", "The party is in opposition since the 1990s.", w("is", "has been")},
		{"curly contraction", "They’re on strike since last week.", w("They’re", "They've been")},
		{"noun after a name", "Maria lives in Porto since 2016.", w("lives", "has lived")},
		{"noun form straight before since after a pronoun", "She works since 2010 at the town hall.", w("works", "has worked")},

		{"has an object", "The village has no power since Monday.", w("has", "has had")},
		{"have an object after they", "They have a flat in Paris since 2010.", w("have", "have had")},
		{"has a participle", "The village has lost power since Monday.", nil},
		{"has since", "He has since 2019 been the mayor.", nil},
		{"question", "Has anyone started playing since May?", nil},
		{"have after a noun", "Prices have a floor since 2019.", nil},
		{"present perfect", "The museum has been closed to visitors since 2021.", nil},
		{"past perfect", "The museum had been closed since 2021.", nil},
		{"since because", "The museum is closed since it is Sunday.", nil},
		{"since after a comma", "The museum reopened in May, and since then it is busy.", nil},
		{"superlative", "Inflation is at its highest since 1991.", nil},
		{"superlative in -iest", "It is the busiest month since 2019 for the airport.", nil},
		{"not a superlative in -est", "Interest is strong since 2019 in the bond.", []rulestest.Want{{Rule: id, Text: "is", Sugg: "has been"}}},
		{"first time", "The team is back for the first time since 2015.", nil},
		{"ordinal", "Rates are set to rise for the third time since May.", nil},
		{"percent", "Sales are up 12% since March.", nil},
		{"per cent", "Sales are up 12 per cent since March.", nil},
		{"years since", "It is ten years since the flood.", nil},
		{"cleft", "It is since March that the rule applies.", nil},
		{"relative clause with a perfect", "He is a man who has lived here since 1990.", nil},
		{"and starts a new clause", "The museum is open and has drawn crowds since 2019.", nil},
		{"to infinitive", "Prices are expected to rise since January.", nil},
		{"a noun lives", "The war cost many lives since 2014.", nil},
		{"noun after adjective suffix", "The flood took human lives since May.", nil},
		{"nine am", "Trading starts at 9 am since Monday.", nil},
		{"straight quotes", `"We are here since 2019," the farmers said.`, nil},
		{"curly quotes", "“We are here since 2019,” the farmers said.", nil},
		{"after a closed quote", "“We stay,” they said. The farmers are in the square since Monday.", w("are", "have been")},
		{"too far", "The museum is a very large and a very old and a very famous building since 1900.", nil},
		{"a time that is not after since", "The museum is closed since the fire.", nil},
		{"top scorer", "He is the club's top scorer since 2015.", nil},
		{"out of action is an error", "The striker is out of action since August.", w("is", "has been")},
		{"little changed", "The index is little changed since Friday.", nil},
		{"count", "He is one of three presidents since 2010 to lose a vote.", nil},
		{"number of", "That is the number of cases since March.", nil},
		{"than any time", "Growth is slower than at any time since 2009.", nil},
		{"perfect in a relative clause without since after it", "He is someone I have known since 2005.", nil},
		{"comparative is an error too", "The town is quieter since 2019, residents say.", w("is", "has been")},
		{"there is", "There is no word from the crew since Monday.", w("is", "has been")},
		{"may the verb", "The museum is closed since may be the answer.", nil},
	})
}

// TestPresentSinceMessage checks that the message quotes the whole time
// phrase after "since".
func TestPresentSinceMessage(t *testing.T) {
	for text, want := range map[string]string{
		"He lives in Rome since two years.":               `"lives" with "since two years"`,
		"The road is closed since March 2013 at least.":   `"is" with "since March 2013"`,
		"The museum is open since 1 May 2022 on Sundays.": `"is" with "since 1 May 2022"`,
		"They are here since the beginning of May.":       `"are" with "since the beginning"`,
	} {
		got := rulestest.Check(t, text, PresentSince)
		if len(got) != 1 || !strings.HasPrefix(got[0].Diag.Message, want) {
			t.Errorf("%q: got %v, want one finding whose message starts %s", text, got, want)
		}
	}
}

func TestOfTime(t *testing.T) {
	const id = "grammar.of-time"
	w := func(text, sugg string) []rulestest.Want { return []rulestest.Want{{Rule: id, Text: text, Sugg: sugg}} }
	runTable(t, OfTime, []tableCase{
		{"yesterday evening", "The match of yesterday evening ended in a draw.", w("The match of yesterday evening", "Yesterday evening's match")},
		{"adjective kept", "Reporters asked about the extraordinary session of this morning.", w("the extraordinary session of this morning", "this morning's extraordinary session")},
		{"last night, any noun", "Police closed the road after the crash of last night.", w("the crash of last night", "last night's crash")},
		{"day name and part of day", "The speech of Tuesday evening was short.", w("The speech of Tuesday evening", "Tuesday evening's speech")},
		{"next week", "The budget sets the priorities of next week.", w("the priorities of next week", "next week's priorities")},
		{"a", "She spoke at a rally of last month in the capital.", w("a rally of last month", "last month's rally")},
		{"bare today after an event noun", "The game of today starts at noon.", w("The game of today", "Today's game")},

		{"this week after an event noun", "Ministers met at the summit of this week in Rome.", w("the summit of this week", "this week's summit")},
		{"this week after another noun", "The heavy rain of this week was an exception.", nil},
		{"end of last year", "Prices fell at the end of last year.", nil},
		{"first half", "Profits rose in the first half of this year.", nil},
		{"month of last year", "The factory shut in December of last year.", nil},
		{"possessive", "The outcome of Sunday's match was a surprise.", nil},
		{"events", "The events of last night shocked the town.", nil},
		{"era after a non-event noun", "The children of today spend hours online.", nil},
		{"bare day before a noun", "The results of Sunday elections were delayed.", nil},
		{"no determiner", "Results of last week show a rise.", nil},
		{"ranked", "It was the biggest match of this season.", nil},
		{"last among", "It was the last concert of this year.", nil},
		{"capitalised head", "The Battle of Britain began in 1940.", nil},
		{"number head", "The 12th of last month was a Monday.", nil},
		{"all the", "He played all the games of last season.", nil},
		{"time to time", "The night of Friday to Saturday was calm.", nil},
	})
}

func TestConstruction(t *testing.T) {
	const id = "grammar.calqued-construction"
	w := func(text, sugg string) []rulestest.Want { return []rulestest.Want{{Rule: id, Text: text, Sugg: sugg}} }
	runTable(t, Construction, []tableCase{
		{"occupies", "The city occupies the second place in the ranking.", w("occupies the second place", "is second")},
		{"occupying", "The party, occupying the fourth place, gained seats.", w("occupying the fourth place", "in fourth place")},
		{"occupied at the start", "Occupied the 21st place, the runner gave up.", w("Occupied the 21st place", "Was 21st")},
		{"takes at the end", "The club takes the last place.", w("takes the last place", "takes last place")},
		{"won with a score", "In 1938 she won the first place with 514 points.", w("won the first place", "won first place")},
		{"secured at the end", "The club has already secured the first place.", w("secured the first place", "secured first place")},
		{"on the place", "The team is on the second place after the first round.", w("on the second place", "in second place")},
		{"about of", "It is about of a political decision, not a legal one.", w("about of", "about")},
		{"the fact of being", "The fact of being a woman made it harder.", w("The fact of ", "")},
		{"assist to an event", "The king assists to the ceremony every year.", w("assists to the ceremony", "attends the ceremony")},
		{"assisting to a", "She was seen assisting to a concert in Madrid.", w("assisting to a concert", "attending a concert")},
		{"assist to a non-event", "Doctors assist to the recovery of patients.", w("assist to the recovery", rulestest.NoSuggestion)},

		{"in the first place", "They should not have gone in the first place.", nil},
		{"first place", "The team is in first place.", nil},
		{"qualifying spot", "The Swiss pair won the last place in the final.", nil},
		{"play-off", "They won the third place play-off on Saturday.", nil},
		{"took a seat", "She took the last place on the train.", nil},
		{"no ordinal", "The party occupies the political centre.", nil},
		{"passive assist", "The rider was assisted to the ambulance.", nil},
		{"passive with adverb", "The rider was quickly assisted to the ambulance.", nil},
		{"fact of a noun", "The fact of the matter is simple.", nil},
		{"fact of a -thing noun", "The fact of nothing happening surprised us.", nil},
		{"round about", "The bus goes round about of the square.", nil},
		{"of course", "They were worried about of course the cost.", nil},
	})
}

// cleanText is news copy with "since", "of" before times, "place", "fact"
// and "about" used the English way, for the allocation test and the
// benchmark.
var cleanText = strings.Repeat(`The general has governed the country since 2019, and prices are up 5% since January.
It is the first time since 2008 that the bank has cut rates at the end of last year.

Police are still piecing together the events of last night; the outcome of Sunday's match was a surprise.
The team is in first place, and the fact that it took first place in the first place is about luck.

`, 20)

func TestNoAllocations(t *testing.T) {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" && s.Value == "true" {
				t.Skip("the race detector changes allocation counts")
			}
		}
	}
	doc := document.NewPlain([]byte(cleanText))
	doc.Segment()
	for _, r := range Rules {
		pass := &rules.Pass{Rule: r, Doc: doc, Report: func(d rules.Diagnostic) { t.Errorf("%s reported %q on clean text", r.ID, doc.SpanText(d.Span)) }}
		if n := testing.AllocsPerRun(20, func() { r.Run(pass) }); n > 0 {
			t.Errorf("%s: %v allocations a run on clean text, want 0", r.ID, n)
		}
	}
}

// TestSeedArticle checks that the family raises nothing on the seed article,
// whose artifacts are of other kinds.
func TestSeedArticle(t *testing.T) {
	for _, f := range rulestest.Check(t, string(rulestest.Seed(t)), Rules...) {
		t.Errorf("%s on line %d: %q", f.Rule.ID, f.Line, f.Text)
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
	for b.Loop() {
		for i, r := range Rules {
			r.Run(passes[i])
		}
	}
}

// TestEdges runs the family over triggers at the very start and end of a
// paragraph, where the rules read tokens on either side: they must neither
// panic nor report a span outside the text.
func TestEdges(t *testing.T) {
	for _, text := range []string{
		"since", "since 2019", "is since", "Is since 2019", "of", "of last", "the match of", "the match of last",
		"of Monday", "the fact", "the fact of", "fact of having", "assist to", "assisted to the", "place",
		"the third place", "occupies the third place", "about of", "about", "“is here since 2019",
		"the meeting of last week’s", "The match of yesterday\n\nevening", "lives since\n\n2019",
	} {
		rulestest.Check(t, text, Rules...) // fails the test on a panic or a bad span
	}
}
