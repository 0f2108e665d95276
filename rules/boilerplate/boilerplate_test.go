package boilerplate

import (
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/rulestest"
)

// finding is an expected diagnostic: the rule and the exact flagged text.
type finding struct {
	rule, text string
}

// check runs the family over text and compares the findings, in order, with
// want.
func check(t *testing.T, text string, want []finding) {
	t.Helper()
	got := rulestest.Check(t, text, Rules...)
	var gs []finding
	for _, g := range got {
		gs = append(gs, finding{g.Rule.ID, g.Text})
		if len(g.Diag.Suggestions) != 1 || g.Diag.Suggestions[0] != "" {
			t.Errorf("%s on %q: suggestions %q, want deletion", g.Rule.ID, g.Text, g.Diag.Suggestions)
		}
		if g.Diag.Message == "" {
			t.Errorf("%s on %q: empty message", g.Rule.ID, g.Text)
		}
	}
	if len(gs) != len(want) {
		t.Errorf("text %q:\n got %q\nwant %q", text, gs, want)
		return
	}
	for i := range want {
		if gs[i] != want[i] {
			t.Errorf("text %q:\n got %q\nwant %q", text, gs, want)
			return
		}
	}
}

const (
	bc  = "boilerplate.breadcrumb"
	pc  = "boilerplate.photo-credit"
	cta = "boilerplate.call-to-action"
)

func TestBreadcrumb(t *testing.T) {
	const body = "\n\nRussian diplomat predicts week of difficult talks\n\nThe talks begin in Geneva on Monday, officials said.\n"
	tests := []struct {
		name string
		text string
		want []finding
	}{
		{"guillemets", "Home › World › Europe" + body, []finding{{bc, "Home › World › Europe"}}},
		{"greater than", "Home > News > UK" + body, []finding{{bc, "Home > News > UK"}}},
		{"slashes", "News / World / Europe" + body, []finding{{bc, "News / World / Europe"}}},
		{"pipes mid-article", "The talks begin on Monday.\n\nSport | Football | Premier League\n\nArsenal won.\n", []finding{{bc, "Sport | Football | Premier League"}}},
		{"no spaces around guillemets", "Home»News»Business" + body, []finding{{bc, "Home»News»Business"}}},
		{"headline after the trail", "Home › Business › Markets › Oil prices rise as Opec cuts output" + body, []finding{{bc, "Home › Business › Markets › "}}},
		{"glued, seed", "Home Somerset business Russian diplomat predicts week of ‘difficult’ talks with US over Ukraine" + body, []finding{{bc, "Home Somerset business "}}},
		{"glued, lower-case trail", "Home news world Ministers meet in Geneva" + body, []finding{{bc, "Home news world "}}},
		{"glued, second line", "Talks resume in Geneva\n\nHome UK politics Ministers agree deal on energy bills\n", []finding{{bc, "Home UK politics "}}},
		{"glued, whole line", "Home Somerset business" + body, []finding{{bc, "Home Somerset business"}}},
		{"glued, capitalised sections", "Home News World Russian diplomat predicts talks" + body, []finding{{bc, "Home News World "}}},
		{"you are here", "You are here: Home > News > UK" + body, []finding{{bc, "You are here: Home > News > UK"}}},
		{"glued, number after", "Home sport 10 things we learned from the weekend" + body, []finding{{bc, "Home sport "}}},

		{"Home Office", "Home Office business plan criticised by MPs" + body, nil},
		{"Home Secretary", "Clarke defends ID cards\n\nHome Secretary Charles Clarke said the cards would be ready by 2008.\n", nil},
		{"Home loan", "Home loan approvals rising again" + body, nil},
		{"Home News Service", "Home News Service Launches In Wales" + body, nil},
		{"Home and one section", "Home News Russian diplomat predicts talks" + body, nil},
		{"Home news lower-case after", "Home news sites see record traffic" + body, nil},
		{"glued form below the top", "Title\n\nFirst paragraph.\n\nSecond paragraph.\n\nHome Somerset business Russian diplomat predicts talks\n", nil},
		{"one separator", "Home › World" + body, nil},
		{"no section name", "Yes / No / Maybe" + body, nil},
		{"and/or", "Input/output and/or 24/7" + body, nil},
		{"final period", "Home > News > UK." + body, nil},
		{"numbers only", "1 > 2 > 3" + body, nil},
		{"prose with slashes", "The Labour / Tory / Lib Dem split deepened on Monday as talks failed" + body, nil},
		{"money", "Profits rose to $1.1bn / £600m / €700m" + body, nil},
		{"long parts below the top", "Intro.\n\nMore.\n\nEven more.\n\nNews › Business › Oil prices rise as Opec cuts output\n", nil},
		{"commas", "News, World and Europe" + body, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.text, tc.want) })
	}
}

func TestPhotoCredit(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []finding
	}{
		{"seed caption", "US Secretary of State Antony Blinken has said he doesn’t expect a breakthrough (Chris J Ratcliffe / PA)\n", []finding{{pc, " (Chris J Ratcliffe / PA)"}}},
		{"photo lead in brackets", "Pope Francis waves to the crowd in St Peter's Square (Photo: Luca Bruno / AP)\n", []finding{{pc, " (Photo: Luca Bruno / AP)"}}},
		{"agency alone at line end", "Police officers outside the embassy in London (PA Wire)\n", []finding{{pc, " (PA Wire)"}}},
		{"Getty in brackets", "Rescuers search the rubble in southern Turkey (Getty Images)\n", []finding{{pc, " (Getty Images)"}}},
		{"AP Photo order", "President Joe Biden speaks in the East Room of the White House (AP Photo/Evan Vucci)\n", []finding{{pc, " (AP Photo/Evan Vucci)"}}},
		{"hyphenated agency", "Firefighters tackle the blaze in Athens (EPA-EFE)\n", []finding{{pc, " (EPA-EFE)"}}},
		{"credit mid-line", "Blinken (Chris J Ratcliffe / PA) arrives for talks\n", []finding{{pc, " (Chris J Ratcliffe / PA)"}}},
		{"Photograph lead", "Photograph: Christopher Furlong/Getty Images\n", []finding{{pc, "Photograph: Christopher Furlong/Getty Images"}}},
		{"Photo lead after sentence", "The talks ended without agreement. Photo: AFP\n", []finding{{pc, " Photo: AFP"}}},
		{"Photo by", "Photo by Jane Doe/Reuters\n", []finding{{pc, "Photo by Jane Doe/Reuters"}}},
		{"Picture lead with period", "Picture: PA.\n", []finding{{pc, "Picture: PA."}}},
		{"via Getty, whole line", "AFP via Getty Images\n", []finding{{pc, "AFP via Getty Images"}}},
		{"photographer, agency and via", "Blinken in Geneva Fabrice Coffrini/AFP via Getty Images\n", []finding{{pc, " Fabrice Coffrini/AFP via Getty Images"}}},
		{"initialled photographer", "Blinken arrives in Geneva (Chris J. Ratcliffe / PA)\n", []finding{{pc, " (Chris J. Ratcliffe / PA)"}}},
		{"Reuters caption", "Sergei Ryabkov speaks to reporters in Geneva, January 9, 2022. REUTERS/Denis Balibouse\n", []finding{{pc, " REUTERS/Denis Balibouse"}}},
		{"via Getty, after caption", "Sergei Lavrov leaves the talks in Geneva AFP via Getty Images\n", []finding{{pc, " AFP via Getty Images"}}},
		{"name slash agency after caption", "Sergei Ryabkov leaves the dinner in Geneva Denis Balibouse/Reuters\n", []finding{{pc, " Denis Balibouse/Reuters"}}},
		{"name slash agency glued to names", "Prime Minister Boris Johnson Stefan Rousseau/PA\n", []finding{{pc, " Stefan Rousseau/PA"}}},
		{"whole-line name slash agency", "Chris J Ratcliffe/PA\n", []finding{{pc, "Chris J Ratcliffe/PA"}}},
		{"BBC image source", "Image source, Getty Images\n", []finding{{pc, "Image source, Getty Images"}}},
		{"BBC image caption", "Image caption, Sergei Ryabkov led the Russian delegation\n", []finding{{pc, "Image caption, Sergei Ryabkov led the Russian delegation"}}},
		{"caption label alone", "Photo caption,\n", []finding{{pc, "Photo caption,"}}},
		{"photo lead after a caption", "Antony Blinken arrives in Geneva Photo: AFP\n", []finding{{pc, " Photo: AFP"}}},
		{"photographer only", "Photo: John Smith\n", []finding{{pc, "Photo: John Smith"}}},
		{"copyright sign", "© Reuters\n", []finding{{pc, "© Reuters"}}},
		{"NYT credit", "Credit...Doug Mills/The New York Times\n", []finding{{pc, "Credit...Doug Mills/The New York Times"}}},
		{"agency then photographer after caption", "President Biden speaks in Washington REUTERS/Kevin Lamarque\n", []finding{{pc, " REUTERS/Kevin Lamarque"}}},
		{"agency slash agency", "A view of the damaged building Getty Images/iStockphoto\n", []finding{{pc, " Getty Images/iStockphoto"}}},
		{"copyright year", "Copyright 2022 Reuters\n", []finding{{pc, "Copyright 2022 Reuters"}}},
		{"copyright in brackets", "Valentine's Day chocolates go on sale in Fukui (© Getty)\n", []finding{{pc, " (© Getty)"}}},

		{"AFP in prose", "Riots also flared up near the border, Agence France-Presse (AFP) reported.\n", nil},
		{"PA as an abbreviation", "The Palestinian Authority (PA) was exerting a 100% effort, Mr Abbas said.\n", nil},
		{"PA before a final period", "The figures were given to the Press Association (PA).\n", nil},
		{"Reuters reported", "Reuters reported that the deal was close.\n", nil},
		{"AP dateline", "WASHINGTON (AP) — US officials said they were ready to talk.\n", nil},
		{"wire sign-off", "(Reporting by Jane Doe; Editing by John Smith)\n", nil},
		{"sign-off with agency", "(Additional reporting by Tom Brown/Reuters)\n", nil},
		{"sign-off unbracketed", "Reporting by Jane Doe/Reuters\n", nil},
		{"poll in brackets mid-line", "A poll (Ipsos/Reuters) found most voters backed the plan.\n", nil},
		{"agency named in a subhead", "Life after Reuters\n", nil},
		{"Bloomberg the man", "Michael Bloomberg\n", nil},
		{"headline ending in an agency", "Carlyle agrees to buy Getty Images\n", nil},
		{"headline with slash", "Deal agreed with Thomson/Reuters\n", nil},
		{"Image as a noun", "Image: the company's image suffered after the scandal.\n", nil},
		{"Picture this", "Picture this: a city without cars.\n", nil},
		{"Credit as a noun", "Credit: Moody's downgrade hit the markets hard.\n", nil},
		{"Photo list", "Photo, live broadcasts, interview.\n", nil},
		{"credit rating", "The bonds were downgraded again. Credit: Moody's Investors Service.\n", nil},
		{"Picture in a headline", "Scientists Picture: Black Hole Seen\n", nil},
		{"Source line", "Source: AFU General Staff\n", nil},
		{"agency mid-line at line end without brackets", "Shares in Reuters rose after the Bloomberg deal\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.text, tc.want) })
	}
}

func TestCallToAction(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []finding
	}{
		{"read more with title", "Read more: Russia warns Nato over expansion\n", []finding{{cta, "Read more: Russia warns Nato over expansion"}}},
		{"READ MORE", "READ MORE\n", []finding{{cta, "READ MORE"}}},
		{"READ MORE with title", "READ MORE Russia warns Nato over expansion\n", []finding{{cta, "READ MORE Russia warns Nato over expansion"}}},
		{"read more alone", "Read more\n", []finding{{cta, "Read more"}}},
		{"also read", "Also read: Kremlin rejects invasion claims\n", []finding{{cta, "Also read: Kremlin rejects invasion claims"}}},
		{"READ ALSO", "READ ALSO: Kremlin rejects invasion claims\n", []finding{{cta, "READ ALSO: Kremlin rejects invasion claims"}}},
		{"To read also", "To read also: The Kremlin rejects the claims\n", []finding{{cta, "To read also: The Kremlin rejects the claims"}}},
		{"see also", "See also: Colorado's desert between the mountains\n", []finding{{cta, "See also: Colorado's desert between the mountains"}}},
		{"related", "Related:\n", []finding{{cta, "Related:"}}},
		{"related articles", "Related articles\n", []finding{{cta, "Related articles"}}},
		{"click here whole line", "Click here to read more.\n", []finding{{cta, "Click here to read more."}}},
		{"click here trailing", "The talks resume in Geneva on Monday. Click here to read more.\n", []finding{{cta, " Click here to read more."}}},
		{"click here after a quote", "\"We will not give up,\" he said. Click here for the latest updates\n", []finding{{cta, " Click here for the latest updates"}}},
		{"share this article", "Share this article\n", []finding{{cta, "Share this article"}}},
		{"share this", "Share this\n", []finding{{cta, "Share this"}}},
		{"follow us", "Follow us on Twitter, Facebook and Instagram\n", []finding{{cta, "Follow us on Twitter, Facebook and Instagram"}}},
		{"share via", "Share via Email\n", []finding{{cta, "Share via Email"}}},
		{"read more arrow", "Read more »\n", []finding{{cta, "Read more »"}}},
		{"follow us handle", "Follow us @BBCNews\n", []finding{{cta, "Follow us @BBCNews"}}},
		{"newsletter", "Sign up for our newsletter\n", []finding{{cta, "Sign up for our newsletter"}}},
		{"newsletter with adjectives", "Sign up for our free daily newsletter\n", []finding{{cta, "Sign up for our free daily newsletter"}}},
		{"subscribe newsletter", "Subscribe to our newsletter to get the latest news.\n", []finding{{cta, "Subscribe to our newsletter to get the latest news."}}},
		{"advertisement", "Advertisement\n", []finding{{cta, "Advertisement"}}},
		{"advertisement trailing", "The talks will resume on Monday. Advertisement\n", []finding{{cta, " Advertisement"}}},
		{"continue reading", "Continue reading\n", []finding{{cta, "Continue reading"}}},
		{"continue reading main story", "Continue reading the main story\n", []finding{{cta, "Continue reading the main story"}}},
		{"most read", "Most read\n", []finding{{cta, "Most read"}}},
		{"reading time", "Reading time: 3 min\n", []finding{{cta, "Reading time: 3 min"}}},
		{"copy link", "Copy link\n", []finding{{cta, "Copy link"}}},
		{"social line", "Facebook Twitter WhatsApp Email\n", []finding{{cta, "Facebook Twitter WhatsApp Email"}}},
		{"social line with separators", "Facebook | Twitter | Email | Print\n", []finding{{cta, "Facebook | Twitter | Email | Print"}}},
		{"show more", "Show more\n", []finding{{cta, "Show more"}}},
		{"more with colon", "More: Ukraine crisis explained\n", []finding{{cta, "More: Ukraine crisis explained"}}},
		{"all rights reserved trailing", "Copyright 2022 The Associated Press. All rights reserved.\n", []finding{{cta, " All rights reserved."}}},

		{"click here in prose", "The charity asked readers to click here and there on its site to read more about the appeal.\n", nil},
		{"click here in a quote", "\"Click here to vote,\" the message said, before the site went down.\n", nil},
		{"click here after a colon in a quote", "The e-mail read: \"Click here to claim your prize.\"\n", nil},
		{"read more books", "He urged people to read more books. Read more widely, he said.\n", nil},
		{"Most read it", "Most read it twice before signing, according to the survey.\n", nil},
		{"Related industries", "Related industries, such as shipping, also suffered.\n", nil},
		{"See also the report", "See also the report's appendix for the figures.\n", nil},
		{"Share prices", "Share prices fell 5% on Monday.\n", nil},
		{"Advertisement revenue", "Advertisement revenues rose 8% in the quarter.\n", nil},
		{"networks in prose", "Twitter and Facebook shares fell sharply.\n", nil},
		{"follow us in prose", "Follow us on this journey, the band told fans at the end.\n", nil},
		{"Recommended verdict", "I have only used it a little, but I am satisfied. Recommended\n", nil},
		{"More in prose", "More than 10,000 people were injured.\n", nil},
		{"Watch in prose", "Watch the video to see how it works.\n", nil},
		{"wrapped prose line start", "The company said it would print\nmore copies of the report than\nshare\nwith the press.\n", nil},
		{"sentence after an abbreviation", "The firm is based in the U.S. Click here, the sign says, to enter the site\n", nil},
		{"long tail", "Click here, the instructions said, and then wait for the page to load before you press any other button at all\n", nil},
		{"two sentences in the tail", "Like us on Facebook, Instagram, etc. Good for friends who like you.\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.text, tc.want) })
	}
}

func TestFixtures(t *testing.T) {
	rulestest.Run(t, "testdata", Rules...)
}

// TestSeedArticle checks that the family finds exactly the breadcrumb and the
// photo credit of the machine-translated seed article.
func TestSeedArticle(t *testing.T) {
	src := rulestest.Seed(t)
	check(t, string(src), []finding{
		{bc, "Home Somerset business "},
		{pc, " (Chris J Ratcliffe / PA)"},
	})
}

// TestFamily checks that each rule is well formed, has its own ID, flags its
// Flagged example but not its Unflagged one, and says what to do.
func TestFamily(t *testing.T) {
	rulestest.Family(t, rules.Boilerplate, Rules)
	for _, r := range Rules {
		if !strings.Contains(r.Explanation, "Delete") {
			t.Errorf("%s: explanation does not say what to do", r.ID)
		}
	}
}

// TestWindowed checks that the glued breadcrumb is looked for only in the
// first window of a document: a later window's first lines are not the top of
// the article.
func TestWindowed(t *testing.T) {
	para := strings.Repeat("The talks resumed in Geneva on Monday after a working dinner. ", 10) + "\n\n"
	text := "Title of the article\n\n" + strings.Repeat(para, 20) + "Home Somerset business Russian diplomat predicts talks\n\n" + para
	doc := document.NewPlain([]byte(text))
	n := 0
	for range doc.Windows(len(para) * 10) {
		rules.Run(doc, Rules, func(r *rules.Rule, d rules.Diagnostic) {
			t.Errorf("%s on %q in window %d-%d", r.ID, doc.SpanText(d.Span), doc.Window.Start, doc.Window.End)
		})
		n++
	}
	if n < 2 {
		t.Fatalf("want several windows, got %d", n)
	}
}

func BenchmarkRules(b *testing.B) {
	src := rulestest.Seed(b)
	text := strings.Repeat(string(src)+"\n\n", 50)
	doc := document.NewPlain([]byte(text))
	doc.Segment()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rules.Run(doc, Rules, func(*rules.Rule, rules.Diagnostic) {})
	}
}

func TestPhotoCreditForms(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []finding
	}{
		{"PA alone at line end", "Boris Johnson leaves Downing Street (PA)\n", []finding{{pc, " (PA)"}}},
		{"old BBC image copyright", "Image copyright Getty Images\n", []finding{{pc, "Image copyright Getty Images"}}},
		{"old BBC caption without comma", "Image caption The talks were held at the US ambassador's residence\n", []finding{{pc, "Image caption The talks were held at the US ambassador's residence"}}},
		{"weak agency alone", "Swimmers train at the leisure centre (Pool)\n", nil},
		{"BBC alone", "The prime minister during the interview (BBC)\n", nil},
		{"weak agency line", "Handout\n", nil},
		{"caption contest", "Caption contest winners were announced on Friday.\n", nil},
		// agencies with lower-case words, at the end of a long line: the
		// lead is looked for only before the words that may end a credit
		{"lower-case agency words", "Protesters gathered outside the parliament building in Berlin on Saturday. Photo: picture alliance/dpa\n",
			[]finding{{pc, " Photo: picture alliance/dpa"}}},
		{"credit of fourteen tokens after a lead", "Talks ended. Photo: Jean de Croix, Ana Silva and Li Wei/AFP via Getty Images\n",
			[]finding{{pc, " Photo: Jean de Croix, Ana Silva and Li Wei/AFP via Getty Images"}}},
		{"credit one token too long after a lead", "Talks ended. Photo: Jean de la Croix, Ana Silva and Li Wei/AFP via Getty Images\n",
			[]finding{{pc, " Ana Silva and Li Wei/AFP via Getty Images"}}}, // the tail credit, without the lead
		{"year at the end of a credit", "The summit opened in Geneva on Monday. © AP 2004\n", []finding{{pc, " © AP 2004"}}},
		{"Kelvin sign in an agency word", "The summit opened in Geneva. Photo: Kyodo Ne\u017fws\n", []finding{{pc, " Photo: Kyodo Ne\u017fws"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.text, tc.want) })
	}
}

// TestFilters checks that the quick tests that turn words away before a
// lexicon is consulted let every word of the lexicons through, in any case.
func TestFilters(t *testing.T) {
	variants := func(w string) []string {
		return []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]}
	}
	for name, set := range map[string]*foldSet{
		"sections": sections, "notAfterHome": notAfterHome, "weakAgencies": weakAgencies, "leads": leads,
		"leadSecond": leadSecond, "photoLeads": photoLeads, "captionFirst": captionFirst, "signOffs": signOffs,
		"nameParticles": nameParticles, "socialNames": socialNames, "strongSocial": strongSocial, "agencyWords": agencyWords,
	} {
		for w := range set.words {
			for _, v := range variants(w) {
				if !set.has(v) {
					t.Errorf("%s: %q not found", name, v)
				}
			}
		}
	}
	for w := range ctaIndex {
		for _, v := range variants(w) {
			if len(ctaCandidates(v)) == 0 {
				t.Errorf("ctaIndex: no phrases for %q", v)
			}
		}
	}
	for w := range agencyEnds {
		if !isAgencyEnd(w) {
			t.Errorf("agencyEnds: %q not found", w)
		}
	}
	for _, a := range agencyList {
		for _, w := range strings.Fields(a) {
			doc := document.NewPlain([]byte(w))
			doc.Segment()
			for k := range doc.Tokens {
				if !mayBeCredit(doc, k) {
					t.Errorf("agency %q: token %q of %q may not be part of a credit", a, doc.TokenText(k), w)
				}
			}
		}
	}
}

// FuzzRules checks that no input makes a rule panic or report a span that
// is not a clean piece of the text; rules.Run reports both as errors.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"", "(", ")", "()", "( )", "Home", "HOME", "Home ›", "Home › ›", "› › ›", "/ / /", "Photo:", "Photo by",
		"©", "© ", "Image caption", "Read", "Read more:", "(PA", "PA)", "Click here", "Follow us on",
		"Sign up for our", "Facebook", "Facebook Twitter", "Jane Doe/", "/Reuters", "via Getty Images",
		"Home Somerset", "Home Somerset business", "Credit...", "(Photo: )", "(Reporting by)",
		"Home › World › Europe\n\nTitle (Chris J Ratcliffe / PA)\n\nRead more: x. Click here.\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, g := range rulestest.Check(t, s, Rules...) {
			if g.Text == "" || strings.TrimSpace(g.Text) == "" {
				t.Errorf("%s: blank finding %q", g.Rule.ID, g.Text)
			}
		}
	})
}
