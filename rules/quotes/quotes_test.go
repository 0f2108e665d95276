package quotes

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/rulestest"
)

func TestFixtures(t *testing.T) {
	rulestest.Run(t, "testdata", Rules...)
}

// TestFamily checks that each rule is well formed, has its own ID and flags
// its Flagged example but not its Unflagged one.
func TestFamily(t *testing.T) {
	rulestest.Family(t, rules.Quotes, Rules)
}

// want is one expected finding: the rule, the flagged text, the text that
// follows it (to tell one quote mark from another) and the first suggestion
// ("" for none).
type want struct {
	rule, text, after, fix string
}

func TestTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want []want
	}{
		// positives
		{"unclosed at paragraph end, next paragraph plain",
			"He replied: “The Americans should be prepared to reach a compromise.\n\nUS officials disagreed.",
			[]want{{"quotes.unbalanced", "“", "The Americans", ""}}},
		{"partial quote before a reopening paragraph",
			"He said the talks were “an opportunity to express concerns.\n\n“What we are seeing is posturing,” he added.",
			[]want{{"quotes.unbalanced", "“", "an opportunity", ""}}},
		{"partial straight quote at the end of an article",
			`She said that bus fares were "only part of the problem.`,
			[]want{{"quotes.unbalanced", `"`, "only part", ""}}},
		{"stray curly closer",
			"The minister said the plan was fair.” Officials disagreed.",
			[]want{{"quotes.unbalanced", "”", " Officials", ""}}},
		{"stray straight closer after a full stop",
			`"We have been clear about this from the start," the coach said after training."`,
			[]want{{"quotes.unbalanced", `"`, "", ""}}},
		{"two quotations, the first left open",
			`The keeper said: "I made a mistake and I hope the fans forgive me. "Of course we will learn from it. The manager is expected to name the same side. He said: "Nobody is dropped."`,
			[]want{{"quotes.unbalanced", `"`, "Of course", ""}}},
		{"a quotation running on over joined paragraphs: one finding",
			"“The first. “The second. “The third.",
			[]want{{"quotes.unbalanced", "“", "The third", ""}}},
		{"reopened and closed: nothing left open",
			"“The first. “The second. “The third.”", nil},
		{"each quotation before an attribution left open",
			"“We are ready for talks, said the minister. “But the other side must move first, he added. “We will wait.",
			[]want{{"quotes.unbalanced", "“", "We are ready", ""}, {"quotes.unbalanced", "“", "But the other", ""}, {"quotes.unbalanced", "“", "We will wait", ""}}},
		{"a quotation left open before an attribution, the next one closed",
			"“We are ready for talks, said the minister. “But the other side must move first,” he added.",
			[]want{{"quotes.unbalanced", "“", "We are ready", ""}}},
		{"padded opening quote after a comma, inside a quotation",
			"“We agreed the preconditions, “ the spokeswoman said.",
			[]want{{"quotes.wrong-direction", " “", " the spokeswoman", "”"}}},
		{"padded opening quote after a comma, no quotation open",
			"The terms were final, “ a senior official told reporters.",
			[]want{{"quotes.unbalanced", "“", " a senior", ""}}},
		{"opening quote where the quotation closes, before said",
			"“It is not possible to deviate from our approaches, “said Ryabkov. .",
			[]want{{"quotes.wrong-direction", " “", "said", "” "}}},
		{"opening quote where the quotation closes, before a pronoun and verb",
			"“We are ready for a compromise! “she told reporters.",
			[]want{{"quotes.wrong-direction", " “", "she", "” "}}},
		{"opening quote glued to the last word",
			"“We will not waste our time tomorrow“ he said.",
			[]want{{"quotes.wrong-direction", "“", " he", "”"}}},
		{"closing quote where a quotation opens",
			"He was blunt. ”We will not give up,” he said.",
			[]want{{"quotes.wrong-direction", "”", "We will", "“"}}},
		{"wrong closer at the end with no opener is also unbalanced",
			"Nobody knew what to expect tomorrow.“",
			[]want{{"quotes.unbalanced", "“", "", ""}, {"quotes.wrong-direction", "“", "", "”"}}},
		{"unclosed parenthesis",
			"Blinken said he does not expect a breakthrough (Chris J Ratcliffe / PA",
			[]want{{"quotes.unbalanced-bracket", "(", "Chris", ""}}},
		{"stray parenthesis",
			"S Quinn Connacht), K Lyons (Ulster).",
			[]want{{"quotes.unbalanced-bracket", ")", ", K Lyons", ""}}},
		{"stray square bracket",
			"The figure was 20%] higher than a year ago.",
			[]want{{"quotes.unbalanced-bracket", "]", " higher", ""}}},

		// negatives
		{"multi-paragraph curly quotation", "“We have dug into the issues.\n\n“They will be businesslike. We will not waste time.\n\n“Tomorrow is another day,” he said.", nil},
		{"multi-paragraph straight quotation", "\"The outlook is weak.\n\n\"Rates will stay on hold,\" she said.", nil},
		{"paragraphs joined into one", `He added: "The outlook is uncertain. "It is accepted that prices could fall." Others agreed.`, nil},
		{"reopening after a closing single quote", `He said: "They told me, 'We are done.' "That was the end of it."`, nil},
		{"nested single inside double", "“He told me ‘never again’, and he meant it,” she said.", nil},
		{"nested straight double", `He said: "The review called it "a disaster" for the town," and left.`, nil},
		{"apostrophes and single quotes", "Rock ’n’ roll in the ’90s: O’Brien backs economists’ ‘difficult’ forecasts and the players' 'big day'.", nil},
		{"inch marks", `The 6'2" striker and the 5' 11" lock started; the 6’2” winger did not.`, nil},
		{"quoted number", `He put the chances at "50/50" and the cost at "£20m".`, nil},
		{"titles and scare quotes", `She starred in "Harbour Lights" and read “War and Peace”, a so-called "classic".`, nil},
		{"quote closing after the attribution in the next sentence", "“The talks will be hard,” Ryabkov said. “But we are ready, and so is our team.”", nil},
		{"interrupted quotation", "“The plan,” she said, “says nothing about taxes.”", nil},
		{"quoted verb", "He used the word “said” twice and the word \"says\" once.", nil},
		{"space-padded curly quotes", "He told reporters “ They can’t be easy ” before leaving.", nil},
		{"spaced straight quote inside a quotation", `"The committee needs more time to read the evidence. " The report followed.`, nil},
		{"German low-9 quotes", "The slogan „Wir schaffen das“ was quoted.", nil},
		{"quote continued over a paragraph cut mid-sentence", "She said: \"The board acted like a\n\nbenevolent dictator\n\nand never asked anyone,\" she said.", nil},
		{"carried quotation not reopened is reported once", "He said: “We will go on.\n\nWe will never surrender,” he said.",
			[]want{{"quotes.unbalanced", "“", "We will go on", ""}}},
		{"brackets balanced", "Ferrer won 7-6 (7-2) and asked: \"Does [the minister] think (as he says) nobody noticed?\"", nil},
		{"quotation over the lines of a hard-wrapped paragraph", "“The talks are going to be difficult,\nbut we will not waste our time,” he\nsaid. “Tomorrow we start again.”", nil},
		{"quotation closed after two sentences and the attribution", "“The talks will be hard. They will also be long,” Ryabkov said, “and nobody should expect a breakthrough.”", nil},
		{"Polish low-9 quotes", "The slogan „Solidarność” was everywhere.", nil},
		{"parenthesis over a paragraph cut mid-sentence", "He said the plan (which\n\nnobody\n\nliked) was dead.", nil},
		{"caption without a full stop still flagged", "Blinken said no breakthrough was expected (Chris J Ratcliffe / PA\n\nThe talks begin on Monday.",
			[]want{{"quotes.unbalanced-bracket", "(", "Chris", ""}}},
		{"sad smiley and a bracket after a colon", "Fans were sad :( after the match. Note:(see below) it was late.", nil},
		{"list markers and smileys", "Two options:\n1) raise rates;\nb) wait.\nAnd inline: i) cheaper, ii) safer :) ;-)", nil},
		{"a mark with a combining accent is no quote", "He wrote “\u0301 and left.\n\nShe wrote ”\u0301 (\u0301 and ]\u0301 too.", nil},
		{"quotation left open over paragraphs without marks",
			"He said: “We will go on.\n\nNobody answered.\n\nThe talks ended (on Monday.",
			[]want{{"quotes.unbalanced", "“", "We will", ""}, {"quotes.unbalanced-bracket", "(", "on Monday", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := rulestest.Check(t, tc.text, Rules...)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d findings, want %d:%s", len(got), len(tc.want), describe(tc.text, got))
			}
			for i, w := range tc.want {
				g := got[i]
				after := tc.text[g.Diag.Span.End:]
				if g.Rule.ID != w.rule || g.Text != w.text || !strings.HasPrefix(after, w.after) {
					t.Errorf("finding %d: got %s %q before %.20q, want %s %q before %q", i, g.Rule.ID, g.Text, after, w.rule, w.text, w.after)
				}
				fix := ""
				if len(g.Diag.Suggestions) > 0 {
					fix = g.Diag.Suggestions[0]
				}
				if fix != w.fix {
					t.Errorf("finding %d (%s): suggestion %q, want %q", i, w.rule, fix, w.fix)
				}
			}
		})
	}
}

func describe(text string, got []rulestest.Found) string {
	var b strings.Builder
	for _, g := range got {
		b.WriteString("\n\t" + g.Rule.ID + " " + g.Text + " before " + text[g.Diag.Span.End:min(len(text), g.Diag.Span.End+20)])
	}
	return b.String()
}

// TestSeed checks the family on the seed article: the three quotations left
// open, the quote turned the wrong way, and nothing else (the photo credit's
// parentheses are balanced).
func TestSeed(t *testing.T) {
	b := rulestest.Seed(t)
	text := string(b)
	got := rulestest.Check(t, text, Rules...)
	wants := []struct {
		rule, text, after, fix string
	}{
		{"quotes.wrong-direction", " “", "said Ryabkov. .", "” "},
		{"quotes.unbalanced", "“", "They can’t be easy.", ""},
		{"quotes.unbalanced", "“", "The Americans should be prepared to reach a compromise.", ""},
		{"quotes.unbalanced", "“", "an opportunity to express mutual concerns", ""},
	}
	if len(got) != len(wants) {
		t.Fatalf("got %d findings, want %d:%s", len(got), len(wants), describe(text, got))
	}
	for _, w := range wants {
		found := false
		for _, g := range got {
			if g.Rule.ID == w.rule && g.Text == w.text && strings.HasPrefix(text[g.Diag.Span.End:], w.after) {
				found = true
				if w.fix != "" && (len(g.Diag.Suggestions) == 0 || g.Diag.Suggestions[0] != w.fix) {
					t.Errorf("%s before %q: suggestions %q, want %q", w.rule, w.after, g.Diag.Suggestions, w.fix)
				}
			}
		}
		if !found {
			t.Errorf("seed: want %s on %q before %q, not reported%s", w.rule, w.text, w.after, describe(text, got))
		}
	}
}

// TestWindowEnd checks that a quotation open in the last paragraph of a
// window that is not the end of the text is not reported: the next
// paragraph is unknown.
func TestWindowEnd(t *testing.T) {
	text := "“We will go on.\n\n“And we will win,” he said.\n"
	doc := document.NewPlain([]byte(text))
	windows := 0
	for range doc.Windows(10) {
		windows++
		rules.Run(doc, Rules, func(r *rules.Rule, d rules.Diagnostic) {
			t.Errorf("%s on %q at %d", r.ID, text[d.Span.Start:d.Span.End], d.Span.Start)
		})
	}
	if windows != 2 {
		t.Fatalf("%d windows, want one a paragraph", windows)
	}
}

// TestMarkScanner checks that markScanner visits exactly the tokens that
// start with one of its needles, paragraph by paragraph, in order, in a
// document segmented whole and window by window.
func TestMarkScanner(t *testing.T) {
	text := "“Quotes” and \"straight\" ones (in brackets) [and squares].\n\n" +
		"No marks at all here.\n\n" +
		"Marks inside words: a\"b, 6'2\", x“\u0301y and http://example.com/(a).\n\n" +
		"„Low” (nested (deep)) ]] [[ \"\"\n" +
		"on a second line “ ” „ \"."
	for _, window := range []int{0, 40} {
		doc := document.NewPlain([]byte(text))
		for range doc.Windows(window) {
			for _, needles := range [][]string{quoteMarks, bracketMarks} {
				sc := newMarkScanner(doc, needles)
				for _, p := range doc.Paragraphs {
					var got, want []int
					for i := sc.next(p); i < p.Tokens.Last; i = sc.next(p) {
						got = append(got, i)
					}
					for i := p.Tokens.First; i < p.Tokens.Last; i++ {
						for _, n := range needles {
							if strings.HasPrefix(doc.TokenText(i), n) {
								want = append(want, i)
								break
							}
						}
					}
					if !slices.Equal(got, want) {
						t.Errorf("window %d, paragraph %q, needles %q: visited %v, want %v", window, doc.SpanText(p.Span), needles, got, want)
					}
				}
			}
		}
	}
}

// FuzzRules checks that no input makes a rule panic or report a span that
// is out of the text or splits a character, whether the text is segmented
// whole or window by window.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"“It is simply not possible,“said Ryabkov. .", "He said: \"No.\n\n\"Yes,\" she said.",
		"(a [b) c] “\u0301 ”x „y“ 6'2\"", "1) a\nii) b :) ;-) (", "\"\"\"\n\n“\n\n”",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rulestest.Check(t, s, Rules...)
		doc := document.NewPlain([]byte(s))
		for range doc.Windows(16) {
			for _, err := range rules.Run(doc, Rules, func(*rules.Rule, rules.Diagnostic) {}) {
				t.Error(err)
			}
		}
	})
}

// BenchmarkRules measures the family over the seed article and the quotes
// fixture, repeated to about a megabyte, segmented once beforehand.
func BenchmarkRules(b *testing.B) {
	for _, file := range []string{"../../testdata/mt-article.txt", "testdata/quotes.txt"} {
		b.Run(file[strings.LastIndexByte(file, '/')+1:], func(b *testing.B) {
			src, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			text := strings.Repeat(string(src)+"\n\n", 1<<20/(len(src)+2))
			doc := document.NewPlain([]byte(text))
			doc.Segment()
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				rules.Run(doc, Rules, func(*rules.Rule, rules.Diagnostic) {})
			}
		})
	}
}
