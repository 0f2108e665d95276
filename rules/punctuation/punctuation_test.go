package punctuation

import (
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/rulestest"
)

// want is one expected finding of a table test: the rule, the flagged text
// and the first suggestion (see rulestest.Want).
type want rulestest.Want

// check runs the family over text and compares its findings, in order,
// with wants.
func check(t *testing.T, text string, wants []want) {
	t.Helper()
	ws := make([]rulestest.Want, len(wants))
	for i, w := range wants {
		ws[i] = rulestest.Want(w)
	}
	rulestest.Expect(t, text, Rules, ws...)
}

const (
	spaceBefore  = "punctuation.space-before"
	doubled      = "punctuation.doubled"
	strayPeriod  = "punctuation.stray-period"
	missingSpace = "punctuation.missing-space"
)

func TestSpaceBefore(t *testing.T) {
	for _, tc := range []struct {
		text  string
		wants []want
	}{
		{"Talks start this week , with relations at a low.", []want{{spaceBefore, " ,", ","}}},
		{"The consultancy PwC , the survey's author, disagreed.", []want{{spaceBefore, " ,", ","}}},
		{"He was released without charge . But the case goes on.", []want{{spaceBefore, " .", "."}}},
		{"It ended in March .", []want{{spaceBefore, " .", "."}}},
		{"The colonel said : \"Anyone at the top knew.\"", []want{{spaceBefore, " :", ":"}}},
		{"Who will pay ? Nobody knows.", []want{{spaceBefore, " ?", "?"}}},
		{"What a result ! The fans loved it.", []want{{spaceBefore, " !", "!"}}},
		{"Stocks fell ; bonds rose.", []want{{spaceBefore, " ;", ";"}}},
		{"Tabs too\t, she said.", []want{{spaceBefore, "\t,", ","}}},
		{"Double spaces  , too.", []want{{spaceBefore, "  ,", ","}}},
		{"The state owns a stake (15%) , with the rest in private hands.", []want{{spaceBefore, " ,", ","}}},
		{"Prices rose 11% , the survey found.", []want{{spaceBefore, " ,", ","}}},
		{"It was \"a good year\" . Next year looks worse.", []want{{spaceBefore, " .", "."}}},
		{"Profits fell this week ,with oil higher.", []want{{spaceBefore, " ,", ", "}}},
		{"The firm, Acme Inc. , said so.", []want{{spaceBefore, " ,", ","}}},
		{"Staff at the U.S. ; Japanese and EU missions left.", []want{{spaceBefore, " ;", ";"}}},
		{"A no-break space before a comma\u00a0, still wrong.", []want{{spaceBefore, "\u00a0,", ","}}},
		// negatives
		{"He paused ... and went on.", nil},
		{"He paused … and went on.", nil},
		{"He paused . . . and went on.", nil},
		{"The rate fell by .5 points to .25.", nil},
		{"Ends here\n, and a line starting with a comma is left alone.", nil},
		{", a paragraph that starts with a comma", nil},
		{"It was said. . Then more.", []want{{doubled, ". .", "."}}},
		{"It was in the U.S. . Then more.", []want{{doubled, ". .", "."}}},
		{"Quelle surprise\u00a0! Attention\u202f: danger\u00a0; vraiment\u202f?", nil},
		{"Built on the .NET framework.", nil},
		{"Great :) and thanks ;-) and :D and :( too.", nil},
		{"See www.bbc.co.uk/sport . More soon.", nil},
		{"Mail news@example.com , please.", nil},
		{"He said so... .", nil},
		{"Sales rose 2.5% to £1.13bn, a record.", nil},
	} {
		check(t, tc.text, tc.wants)
	}
}

func TestDoubled(t *testing.T) {
	for _, tc := range []struct {
		text  string
		wants []want
	}{
		{"\"We cannot deviate from our approaches,\" said Ryabkov. .", []want{{doubled, ". .", "."}}},
		{"Talks ended on Sunday.. Then came Monday.", []want{{doubled, "..", "."}}},
		{"It ended on Sunday..", []want{{doubled, "..", "."}}},
		{"Exports fell,, and imports rose.", []want{{doubled, ",,", ","}}},
		{"Exports fell, , and imports rose.", []want{{doubled, ", ,", ","}}},
		{"He left;; she stayed.", []want{{doubled, ";;", ";"}}},
		{"There were two options:: stay or go.", []want{{doubled, "::", ":"}}},
		{"He left;, she stayed.", []want{{doubled, ";,", ";"}}},
		{"He declined to comment., officials said.", []want{{doubled, ".,", ","}}},
		{"He declined to comment.,Officials said so.", []want{{doubled, ".,", "."}}},
		{"The deal was approved,. Shares rose.", []want{{doubled, ",.", "."}}},
		{"What did he mean,? Nobody knew.", []want{{doubled, ",?", "?"}}},
		{"Stocks rose in the US. .", []want{{doubled, ". .", "."}}},
		{"The move was welcomed in the U.S.. Europe was cautious.", []want{{doubled, "..", "."}}},
		{"The move was welcomed in the U.S. . Europe was cautious.", []want{{doubled, ". .", "."}}},
		{"The shares are held by Acme Inc.. Its rival holds the rest.", []want{{doubled, "..", "."}}},
		{"The shares are held by Acme Inc. . Its rival holds the rest.", []want{{doubled, ". .", "."}}},
		{"Mail news@example.com.. Then wait.", []want{{doubled, "..", "."}}},
		{"A failed minister..with a failed policy.", []want{{doubled, "..", "..."}}},
		{"Would they attack?.. Nobody knew.", []want{{doubled, "?..", "?"}}},
		{"It was over!.. Or was it?", []want{{doubled, "!..", "!"}}},
		{"Nobody knows this. :", []want{{doubled, ". :", "."}}},
		// negatives
		{"He left... and came back.", nil},
		{"He left.... And came back.", nil},
		{"He left . . . and came back.", nil},
		{"He left… and came back. …. Then.", nil},
		{"What?! Why?? No!! Really!? Yes.", nil},
		{"Officials in the U.S., the EU and Japan.", nil},
		{"Acme Inc.; Widgets Ltd.: and Gadgets Corp., all three.", nil},
		{"At 9 a.m., or 5 p.m.; either way.", nil},
		{"Smith Jnr., his father and Jones Snr.; all of them.", nil},
		{"The musical Oklahoma!, the film Airplane! and Millionaire?, all.", nil},
		{"The C++ type std::string is used.", nil},
		{"Worst purchase ever. :( Never again. ;) Fine. :-) ok.", nil},
		{"Sales rose 1,000,000 to 3.5.", nil},
		{"It ended.\n. Next line starts with a period.", nil},
		// a literal character reference, then a mark
		{"The caf&#233;. It was shut, said the owner of Smith &amp;, and of &quot;. too.", nil},
		// the dot of a domain or a file extension after a mark
		{"After the crash, .com remains a strong brand; .exe files were blocked.", nil},
		{"Exports fell, . and imports rose.", []want{{doubled, ", .", ","}}},
		// a double colon closing a title line is its decoration
		{"How to vote in the elections::\nThe guide explains it.", nil},
		{"There were two options:: stay or go.", []want{{doubled, "::", ":"}}},
	} {
		check(t, tc.text, tc.wants)
	}
}

func TestStrayPeriod(t *testing.T) {
	for _, tc := range []struct {
		text  string
		wants []want
	}{
		{"The ambassador to the Conference on Disarmament. which overlooks Lake Geneva.", []want{{strayPeriod, ".", ""}}},
		{"They have no infrastructure. outside its 1997 borders.", []want{{strayPeriod, ".", ""}}},
		{"The Cooperation Organization. and Security in Europe.", []want{{strayPeriod, ".", ""}}},
		{"Products manufactured abroad. subject to US jurisdiction.", []want{{strayPeriod, ".", ""}}},
		{"Laws would be introduced. unless firms acted.", []want{{strayPeriod, ".", ""}}},
		{"Prices peaked in 1997. the year of the crash.", []want{{strayPeriod, ".", ""}}},
		{"Support in the US. and Europe grew.", []want{{strayPeriod, ".", ""}}},
		{"Hard-wrapped text splits here.\nwhich is still damage.", []want{{strayPeriod, ".", ""}}},
		{"A période. éventuellement in French.", []want{{strayPeriod, ".", ""}}},
		// any white space between the period and the word: runStrayPeriod
		// reads the bytes after each period before it looks at tokens
		{"They met in Geneva.\u00a0which was calm.", []want{{strayPeriod, ".", ""}}},
		{"They met in Geneva.\u202fwhich was calm.", []want{{strayPeriod, ".", ""}}},
		{"They met in Geneva.\t which was calm.", []want{{strayPeriod, ".", ""}}},
		{"They met in Geneva.  \u2009 which was calm.", []want{{strayPeriod, ".", ""}}},
		{"Talks ended. which pleased Geneva. whose mayor. who spoke.", []want{{strayPeriod, ".", ""}, {strayPeriod, ".", ""}, {strayPeriod, ".", ""}}},
		// negatives
		{"US officials met Mr. Smith and Dr. Jones at No. 10 on Monday.", nil},
		{"It began at 9 a.m. and ended at 5 p.m. with a vote.", nil},
		{"Some firms, e.g. banks, and others, i.e. miners, lost.", nil},
		{"J. K. Rowling met J. R. R. Tolkien fans.", nil},
		{"He bought an iPod. iTunes sales rose. Then eBay. eBay fell. easyJet. easyJet rose.", nil},
		{"Its service is called i-mode. i-mode has 40 million users.", nil},
		{"Profits rose 3.5% to $1.13bn.", nil},
		{"See www.bbc.co.uk. the page has more.", nil},
		{"Write to news@example.com. the newsroom replies.", nil},
		{"Read report.pdf. it has the figures.", nil},
		{"He paused... and went on. He paused . . . and went on.", nil},
		{"It was approx. the same, said Smith et al. in a paper, ed. by Jones.", nil},
		{"It ended 52 vs. 48, with Acme Inc. and Widgets Ltd. in the lead.", nil},
		{"1. the first point\n2. the second point", nil},
		{"The list: 1. apples 2. pears", nil},
		{"Options: a. stay b. go", nil},
		{"Plan B. and then plan C.", nil},
		{"It went on: and on. And on.", nil},
		{"He said \"no.\" and left.", nil},
		{"The meeting (in Geneva). and then", nil},
		{"It was due on Jan. the fifth, or Sept. the first.", nil},
		{"Jones Jnr. was there.", nil},
		{"It ended.\u00a0The talks go on.\u2009Nobody knows. 3 left.\u00a0\"who\" asked.", nil},
		{"Version 2.5.the file.", nil},
		{"It ended.\x01the end", nil},
		{"Geneva.", nil},
		{". which began the paragraph", nil},
	} {
		check(t, tc.text, tc.wants)
	}
}

func TestMissingSpace(t *testing.T) {
	for _, tc := range []struct {
		text  string
		wants []want
	}{
		{"Ryabkov left early.The talks resume on Monday.", []want{{missingSpace, ".", ". "}}},
		{"He said,and the room fell silent.", []want{{missingSpace, ",", ", "}}},
		{"They met on Sunday;the talks lasted two hours.", []want{{missingSpace, ";", "; "}}},
		{"One thing was clear:nobody wanted to leave.", []want{{missingSpace, ":", ": "}}},
		{"Was it worth it?The minister thinks so.", []want{{missingSpace, "?", "? "}}},
		{"What a win!The fans cheered.", []want{{missingSpace, "!", "! "}}},
		{"It was a setback (for example).This country agreed.", []want{{missingSpace, ".", ". "}}},
		{"The team: Harrison, White,Mackie, Scott.", []want{{missingSpace, ",", ", "}}},
		{"It happened in 2004.The next year was worse.", []want{{missingSpace, ".", ". "}}},
		{"The firm, e.g.,the bank, agreed.", []want{{missingSpace, ",", ", "}}},
		{"Plein élan.Über alles.", []want{{missingSpace, ".", ". "}}},
		// a capitalised word before the mark: only a word that opens
		// sentences after it shows a lost boundary
		{"The deal was signed by Smith.The next day it collapsed.", []want{{missingSpace, ".", ". "}}},
		{"Note:The office is closed.", []want{{missingSpace, ":", ": "}}},
		// the tokenizer reads "is.It" as an initialism; the rule still
		// finds the period
		{"He said it is.It was over.", []want{{missingSpace, ".", ". "}}},
		{"We go.To the shop.", []want{{missingSpace, ".", ". "}}},
		// negatives
		{"Profits rose 3.5% to 1,000 jobs at 10:30 on 2.30pm trading.", nil},
		{"Visit bbc.co.uk, Amazon.com or lastminute.com and read report.pdf now.", nil},
		{"Developers use ASP.NET, REPORT.PDF and Plus.Net or Monster.Com.", nil},
		{"Yahoo!Mail and Yahoo! staff, and Jeopardy!The show.", nil},
		{"The U.S.-led team had a Ph.D. student, Mr.Smith and St.Helens fans.", nil},
		{"He played No.1 for J.Smith, with the Co.Op.", nil},
		{"The singer F&#244;n and Smith &amp;Co.", nil},
		{"Mail press.office@example.com or see www.example.org/news,today.", nil},
		{"It used 2001:db8 addresses.", nil},
		{"Great stuff:D thanks;) bye:P", nil},
		{"The site.example had a page.", nil},
		{"He wrote will.i.am and e.g.the.", nil},
		{"He said,\"We won.\" Then,(quietly) left.", nil},
		{"C:Windows was the folder.", nil},
		{"Gazeta.Ru, Yandex.Direct, the Diia.Business centre and the Worm.B and Worm.A viruses.", nil},
		{"He watched Web:TV on Tel.Net, Law & Order:SVU and Re:Invent.", nil},
		{"It ended.\nThe next line is fine.", nil},
		{"End of a paragraph.\n\nThe next paragraph.", nil},
	} {
		check(t, tc.text, tc.wants)
	}
}

// TestFixtures runs the want-annotated fixtures in testdata.
func TestFixtures(t *testing.T) {
	rulestest.Run(t, "testdata", Rules...)
}

// TestFamily checks that each rule is well formed, has its own ID and flags
// its Flagged example but not its Unflagged one.
func TestFamily(t *testing.T) {
	rulestest.Family(t, rules.Punctuation, Rules)
}

// TestSeed checks the seed article: exactly one space before a comma, one
// doubled period and four stray periods, and nothing else from this family.
func TestSeed(t *testing.T) {
	src := rulestest.Seed(t)
	text := string(src)
	found := rulestest.Check(t, text, Rules...)
	wants := []struct {
		rule, text, before, sugg string
	}{
		{spaceBefore, " ,", "three European cities this week", ","},
		{doubled, ". .", "our approaches, “said Ryabkov", "."},
		{strayPeriod, ".", "to the Conference on Disarmament", ""},
		{strayPeriod, ".", "Council and the Cooperation Organization", ""},
		{strayPeriod, ".", "intelligence operations or infrastructure", ""},
		{strayPeriod, ".", "products potentially manufactured abroad", ""},
	}
	if len(found) != len(wants) {
		for _, f := range found {
			t.Logf("found %s %q at line %d", f.Rule.ID, f.Text, f.Line)
		}
		t.Fatalf("%d findings on the seed, want %d", len(found), len(wants))
	}
	for i, w := range wants {
		f := found[i]
		if f.Rule.ID != w.rule || f.Text != w.text || !strings.HasSuffix(text[:f.Diag.Span.Start], w.before) {
			t.Errorf("finding %d: %s %q after %q, want %s %q after %q", i, f.Rule.ID, f.Text,
				text[max(0, f.Diag.Span.Start-40):f.Diag.Span.Start], w.rule, w.text, w.before)
		}
		if len(f.Diag.Suggestions) != 1 || f.Diag.Suggestions[0] != w.sugg {
			t.Errorf("finding %d: suggestions %q, want [%q]", i, f.Diag.Suggestions, w.sugg)
		}
	}
}

// BenchmarkRules measures the family alone over an already segmented
// document; it reports ns per byte of text.
func BenchmarkRules(b *testing.B) {
	src := rulestest.Seed(b)
	text := strings.Repeat(string(src)+"\n\n", 200)
	doc := document.NewPlain([]byte(text))
	doc.Segment()
	report := func(*rules.Rule, rules.Diagnostic) {}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		rules.Run(doc, Rules, report)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/byte")
}

// FuzzRules checks that no input makes a rule panic or report a span that
// is out of the text or splits a character.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"said Ryabkov. .", "week , with", "Disarmament. which", "talks.The", "U.S.. Inc.. ?.. :( ;)",
		"F&#244;n;n", "a..b", " . . . .", "\u00a0; x\u202f?", "1. a\n2. b", ",,\n,,", "e.g.,the",
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
