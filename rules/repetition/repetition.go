// Package repetition holds the rules that find text written twice: a doubled
// word ("the the"), a modifier repeated in a coordination whose conjunction
// was lost ("mutual concerns mutual expectations"), and a paragraph or
// headline that a scraper or an editor left in the article twice.
//
// Machine translation produces the first two when a decoder emits a token
// again or when the source language coordinates without "and"; scrapers
// produce the last when they join a page's title, standfirst and body.
// Legitimate repetition is common in English ("had had", "that that
// policy", "Walla Walla", "bye bye", "hoping for for months"), so each rule
// carries the exceptions that keep it quiet on clean, edited news.
package repetition

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/boilerplate"
	"github.com/mtlint/mtlint/rules/internal/nonword"
)

// Rules are the repetition rules in their run order.
var Rules = []*rules.Rule{DoubledWord, NearRepeat, RepeatedParagraph, Loop}

// DoubledWord flags a word written twice in a row ("the the", "The the",
// "of" at the end of one line and again at the start of the next), the most
// common slip of both machine translation and hurried editing.
var DoubledWord = &rules.Rule{
	ID:       "repetition.doubled-word",
	Category: rules.Repetition,
	Severity: rules.Error,
	Doc:      "a word written twice in a row, as in \"the the\"",
	Explanation: `The same word appears twice in a row, separated only by white space or a line break.

Why it happens: a translation engine sometimes emits a word again when it joins two segments, or when the source
repeats a particle that English does not; editors leave doubles behind when they rewrite a phrase and keep the
old word; a line break between the two copies hides them from the eye.

What to do: delete one copy. The first copy's capitals are kept in the suggestion ("The the" becomes "The").

Not flagged, because English repeats words on purpose: "had had" ("the pair had had a warning"), "that that" and
"this this" before a noun ("we know that that policy works"), a stranded preposition followed by a new phrase
("the chance she had been hoping for for months"), "is is" after a "what" clause ("what it is is a warning"),
"her her" ("gave her her first cap"), reduplications and intensifiers (bye bye, ha ha, no no, so so, chop chop,
very very), reduplicated names (Walla Walla, Bora Bora, Pago Pago, Wagga Wagga, Sirhan Sirhan, Duran Duran, Talk
Talk, Bafana Bafana), a title before a name ("the veteran judge Judge Patel"), numbers ("10 10"), and anything
with punctuation between ("New York, New York").

Example: "Sales rose in the the third quarter" -> "Sales rose in the third quarter".`,
	Flagged:   "Sales rose sharply in the the third quarter.",
	Unflagged: "The two ministers had had a difficult meeting.",
	SafeFix:   true,
	Run:       runDoubledWord,
}

// NearRepeat flags a modifier repeated over two coordinated words with the
// "and" lost between them ("mutual concerns mutual expectations"), and a
// two-word phrase written twice in a row ("the talks the talks"): both are
// typical of machine translation from languages that coordinate without a
// conjunction or that repeat the modifier.
var NearRepeat = &rules.Rule{
	ID:       "repetition.near-repeat",
	Category: rules.Repetition,
	Severity: rules.Warning,
	Doc:      "a modifier repeated in a coordination with the \"and\" missing, or a two-word phrase written twice",
	Explanation: `A word comes back two words later with nothing between the two phrases, as in "to express mutual concerns
mutual expectations", or a two-word phrase is written twice in a row, as in "the talks the talks will start".

Why it happens: many languages repeat the modifier in each coordinated phrase where English says it once and
uses "and" (French "des préoccupations mutuelles, des attentes mutuelles"); a translation engine that drops
the comma or the conjunction leaves the two phrases glued together. An engine that loses its place in a long
sentence, or a pipeline that re-joins overlapping segments, can also emit the same phrase twice.

What to do: join the phrases with "and" and, usually, say the modifier once: "mutual concerns and
expectations". For a doubled phrase, delete the second copy.

Not flagged: fixed expressions whose middle word is a preposition or conjunction ("step by step", "face to
face", "day after day", "bigger and bigger", "time and time again", "to back to back titles"), repetitions of
function words ("more money more problems", "they say they are"), a clause end repeated as the next clause's
start ("when they arrived they arrived to find"), chants ("come back come back come back"), capitalised names, and
phrases separated by a comma ("new jobs, new hopes").

Example: "an opportunity to express mutual concerns mutual expectations" -> "an opportunity to express mutual
concerns and expectations".`,
	Flagged:   "The meeting was a chance to air mutual concerns mutual expectations and little else.",
	Unflagged: "The two sides made progress step by step over the weekend.",
	Run:       runNearRepeat,
}

// RepeatedParagraph flags a paragraph that appears a second time in the
// document, ignoring case, punctuation and white space, and a headline that
// a scraper left twice at the top of an article: once glued after the page's
// navigation on the first line and again as the next paragraph.
var RepeatedParagraph = &rules.Rule{
	ID:       "repetition.repeated-paragraph",
	Category: rules.Repetition,
	Severity: rules.Warning,
	Doc:      "a paragraph or headline that appears twice in the article",
	Explanation: `A paragraph (of at least six words) appears twice in the article, or the headline appears twice at its top:
once at the end of the first line, after page navigation such as "Home Somerset business", and again as the
next paragraph. Case, punctuation and spacing are ignored when comparing.

Why it happens: scrapers assemble an article from parts of a web page (title, standfirst, body, captions,
related links) and often take the same text from two parts; content spinners and translation pipelines that
re-join segments can paste a paragraph twice. Human-edited copy almost never repeats a whole paragraph.

What to do: delete the later copy (the suggestion); for a headline glued to page navigation, also remove the
navigation words from the first line.

Plain text with one paragraph a line and no blank lines between is read line by line, and a headline
that follows a breadcrumb line ("Home > News > World") is flagged wherever it appears again.

Not flagged: short lines that repeat on purpose, such as the rows of a fixture list ("Top two go
through"), results ("United 1-1 City"), "Advertisement" or "Thank you very much." in an interview; the
refrain of verse quoted in a block of short lines; a body whose first words repeat the title.

Example: a first line "Home Somerset business Russian diplomat predicts week of difficult talks" followed by the
paragraph "Russian diplomat predicts week of difficult talks": the second is flagged.`,
	Flagged:   "Ministers agree new deal on fishing quotas\n\nMinisters agree new deal on fishing quotas\n\nThe agreement was reached late on Friday.",
	Unflagged: "Ministers agree new deal on fishing quotas\n\nMinisters agree new deal on fishing quotas, officials said on Friday night.",
	Run:       runRepeatedParagraph,
}

// ---------------------------------------------------------------------------
// word lists, built once

// set builds a word list; a word with an apostrophe is entered with both
// the straight and the curly one.
func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
		if strings.Contains(w, "'") {
			m[strings.ReplaceAll(w, "'", "’")] = true
		}
	}
	return m
}

// functionWords are closed-class words (articles, determiners, pronouns,
// prepositions, conjunctions, auxiliaries, modals, wh-words) and the
// commonest degree and time adverbs. A repeated function word is grammar,
// not a lost conjunction ("more money more problems", "they say they are");
// a capitalised doubled word is a slip rather than a name when it is one.
var functionWords = set(`
a an the this that these those some any each every either neither no all both half few many much more most
less least several such what whatever which whichever who whom whose whoever where wherever when whenever why how
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers
herself it its itself they them their theirs themselves one ones oneself
aboard about above across after against along amid among amongst around as at before behind below beneath
beside besides between beyond but by despite down during except for from in inside into like near of off on
onto opposite out outside over past per since than through throughout till to toward towards under underneath
unlike until up upon versus via with within without
and or nor so yet if unless because although though while whereas whether once lest
be am is are was were been being have has had having do does did doing done
will would shall should can could may might must ought need dare
not never also just only even still again ever very too quite rather really almost already soon then there here
now well else instead perhaps maybe thus hence however therefore otherwise
two three four five six seven eight nine ten first second third last next other another same own
i'm i've i'd i'll we're we've we'd we'll you're you've you'd you'll he's he'd he'll she's she'd she'll it's it'd
it'll they're they've they'd they'll that's there's here's what's who's isn't aren't wasn't weren't don't doesn't
didn't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't mustn't
`)

// linkers are the prepositions and conjunctions that join a word to itself
// in reduplications ("back to back", "step by step", "time and time",
// "question after question", "bigger and bigger").
var linkers = set(`
about above across after against along among around as at before behind below beneath beside between beyond by
down during for from in inside into like near of off on onto out over past round since through throughout till to
toward towards under until up upon versus with within without and or nor but than then
`)

// toReduplicants are the nouns of "X to X" expressions, which make "to X to
// X" correct ("guided the side to back to back titles"); any other "to X to
// X" is a phrase written twice ("forecast to drop to drop below 3%").
var toReduplicants = set(`
back face head toe shoulder cheek heart door end hand mouth eye nose wall coast person peer side wire day bumper
house top town ear neck
`)

// legitDoubles are words that English doubles on purpose: interjections and
// reduplications (bye bye, ha ha, no no, so so, chop chop), intensifiers of
// speech (very very, many many), and reduplicated names that may also appear
// in lower case or at the start of a sentence (Walla Walla, Talk Talk,
// ylang ylang, beri beri).
var legitDoubles = set(`
bye ha hah haha ho hee no yes yeah so chop knock tut tsk tick hush pooh blah yada wink nudge hear well night boo
choo bling goody yo aye oh uh mm ooh wah la ta bam boom bang woof quack rah cha bon dum tom hip win murmur pom pee
dan paw
very really many much far long way too big
her had
walla bora pago wagga baden sirhan duran bafana mahi ylang beri
`)

// strandable are prepositions that can end a relative clause and be
// followed at once by a new phrase with the same preposition: "the chance I
// had been hoping for for months", "a position the club has found itself in
// in recent years".
var strandable = set(`
about across after against around at by for from in into of off on onto out over through to under up upon with
without
`)

// particleVerbs are, by preposition, the verb forms that leave it stranded
// in a passive or a progressive ("was shot at", "got yelled at", "is going
// on", "was operated on", "were sworn in"), so that the same preposition may
// follow at once to start a phrase of its own: "shot at at close range",
// "going on on the border", "sworn in in January", "paid for for years",
// "called off off the coast".
var particleVerbs = map[string]map[string]bool{
	"at": set(`shot shooting laughed laughing yelled yelling shouted shouting screamed screaming stared staring
		looked looking pointed pointing aimed aiming jeered jeering sneered sneering glanced swore sworn thrown hurled
		spat fired grabbed snapped barked waved`),
	"on": set(`going goes gone went carried carrying operated relied relying counted counting waited waiting
		voted voting decided agreed commented commenting spat walked trampled`),
	"for": set(`paid asked waited waiting looked looking cared caring voted called hoped longed`),
	"in":  set(`sworn phased brought moved handed checked kicked pencilled penciled factored locked`),
	"off": set(`called sealed cordoned fenced cut switched turned laid sold written ruled shut blocked cleared
		set taken kicked wiped sent fended fought seen`),
}

// relativeMarkers open a relative clause or a question whose preposition can
// be stranded before a doubled one.
var relativeMarkers = set(`that which who whom whose what whatever where wherever`)

// subjectPronouns, directly after a noun, open a relative clause without
// "that" ("the chance I had been hoping for").
var subjectPronouns = set(`i we you they he she it`)

// clauseVerbs take a clause as their object, so that a pronoun after them
// starts that clause rather than a relative one: "she said it was a
// mistake", unlike "the chance I've been hoping for".
var clauseVerbs = set(`
say says said tell tells told think thinks thought know knows knew believe believes hope hopes feel feels felt
mean means meant see sees saw hear hears heard wish wishes guess reckon reckons suppose show shows shown find
finds found realise realize realises realizes understand understands understood insist insists admit admits
warn warns add adds claim claims argue argues suggest suggests expect expects fear fears doubt doubts
`)

// cleftOpeners begin a pseudo-cleft subject that ends in "is", so that "is
// is" is correct: "what it is is a warning", "all he wants is is a draw".
var cleftOpeners = set(`what whatever all where how why who`)

// subordinators open a leading clause whose last word may be repeated as
// the first of the main clause when the comma is left out: "when he saw it
// it looked", "when they arrived they arrived to find".
var subordinators = set(`when whenever if once as after before because since while until unless although though`)

// articles after "that that" or "this this" show a slip: "that that the
// deal" (a noun after it shows a demonstrative: "that that policy").
var articles = set(`the a an`)

// lower returns w in lower case, without allocating when it is already.
// It runs only on candidates (two equal words), never on every token.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
	}
	return w
}

// isLowerWord reports whether w has no capital letter and starts with a
// lower-case letter.
func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if r < utf8.RuneSelf {
		if r < 'a' || r > 'z' {
			return false
		}
	} else if !unicode.IsLower(r) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// shape is the capitalisation of a word.
type shape uint8

const (
	lowerShape shape = iota // the, iPhone
	titleShape              // The, I, McDonald
	upperShape              // THE, US
)

func shapeOf(w string) shape {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) && !unicode.IsTitle(r) {
		return lowerShape
	}
	rest := w[size:]
	if rest == "" {
		return titleShape
	}
	for _, r := range rest {
		if unicode.IsLower(r) {
			return titleShape
		}
	}
	return upperShape
}

// looksDemonym reports whether a capitalised word is shaped like a
// nationality adjective (British, Japanese, Russian, European), which is
// not a reduplicated name when doubled.
func looksDemonym(lw string) bool {
	return len(lw) >= 5 && (strings.HasSuffix(lw, "ish") || strings.HasSuffix(lw, "ese") ||
		strings.HasSuffix(lw, "ian") || strings.HasSuffix(lw, "ean"))
}

// ---------------------------------------------------------------------------
// repetition.doubled-word

func runDoubledWord(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	pre := doc.Prefixes
	text := doc.Text
	for _, p := range doc.Paragraphs {
		for i := p.Tokens.First; i+1 < p.Tokens.Last; i++ {
			// The quickest test, on the prefix digests, which lower-case
			// ASCII: two words equal but for case have the same digest
			// unless one has a non-ASCII byte among its first four (digest
			// NoPrefix, the only even one), so two different odd digests
			// rule a pair out. Four pairs are tested at once while none
			// passes.
			for i+4 < p.Tokens.Last {
				x, y := digests4(pre, i), digests4(pre, i+1)
				if anyLaneZero(x^y) || x&y&lanes1 != lanes1 {
					break
				}
				i += 4
			}
			if i+1 >= p.Tokens.Last {
				break
			}
			if da, db := pre[i], pre[i+1]; da != db && da&db&1 != 0 {
				continue
			}
			a, b := &toks[i], &toks[i+1]
			if a.End-a.Start != b.End-b.Start || a.Kind != document.Word || b.Kind != document.Word ||
				b.Flags&(document.SpaceBefore|document.LineBefore) == 0 || text[a.End-1]|0x20 != text[b.End-1]|0x20 {
				continue // a quick test first: the last bytes differ even ignoring ASCII case
			}
			w1, w2 := text[a.Start:a.End], text[b.Start:b.End]
			if !strings.EqualFold(w1, w2) {
				continue
			}
			// Three or more in a row are deliberate: "rumble rumble
			// rumble", "no no no".
			run := i + 2
			for run < p.Tokens.Last && toks[run].Kind == document.Word && toks[run].Flags&document.SpaceBefore != 0 &&
				strings.EqualFold(doc.TokenText(run), w1) {
				run++
			}
			if run > i+2 {
				i = run - 1
				continue
			}
			if !doubledSlip(doc, p.Tokens, i, w1, w2) {
				continue
			}
			pass.Reportf(document.Span{Start: int(a.Start), End: int(b.End)}, []string{w1}, "%q is written twice", w1)
			i++
		}
	}
}

// doubledSlip decides whether the equal words w1 w2 at tokens i, i+1 of the
// paragraph's tokens r are a slip rather than a legitimate repetition.
func doubledSlip(doc *document.Document, r document.Range, i int, w1, w2 string) bool {
	if c, _ := utf8.DecodeRuneInString(w1); !unicode.IsLetter(c) {
		return false // not a word: marks or invisible characters only
	}
	if a, b, ok := strings.Cut(w1, "-"); ok && strings.EqualFold(a, strings.SplitN(b, "-", 2)[0]) {
		return false // itself a reduplication: "la-la-la la-la-la", "bye-bye"
	}
	lw := lower(w1)
	s1, s2 := shapeOf(w1), shapeOf(w2)
	switch {
	case s2 != lowerShape && s1 == lowerShape:
		return false // a title before a name: "the judge Judge Patel"
	case s1 != lowerShape && s2 != lowerShape:
		// Both capitalised: a reduplicated name (Walla Walla, Talk Talk,
		// Sirhan Sirhan) unless it is a function word or a nationality.
		if !functionWords[lw] && !looksDemonym(lw) || lw == "may" || lw == "will" {
			return false // "In May May said", "Will Will Smith"
		}
	case s1 == titleShape && s2 == lowerShape && tautonym(lw):
		return false // "Rupicapra rupicapra", "Vulpes vulpes": a species named after its genus
	case s1 == titleShape && s2 == lowerShape && i > r.First && doc.Tokens[i-1].Kind == document.Word && !articles[lw]:
		// Capitalised inside a clause, right after a word, the first copy
		// is a name or the end of one, and the second the common word it
		// spells: "Georg and Are are informed", "the Scorpion Winter
		// winter tyre". A sentence's first word ("Prices prices rose")
		// has no word before it, and an article is no name ("said that
		// The the plan").
		return false
	}
	if legitDoubles[lw] {
		return false
	}
	switch lw {
	case "that", "this":
		// "know that that policy", "on top of this this tax": a
		// demonstrative follows; before an article it is a slip.
		return i+2 < r.Last && doc.Tokens[i+2].Kind == document.Word && articles[lower(doc.TokenText(i+2))]
	case "is", "was":
		return !lookBack(doc, r, i, func(w string, _ int) bool { return cleftOpeners[w] })
	case "do":
		// "they do do a lot", "the clubs do do well": emphatic after a
		// subject; after "to" or at the start it is a slip.
		if i == r.First || doc.Tokens[i-1].Kind != document.Word {
			return true
		}
		prev := lower(doc.TokenText(i - 1))
		return !subjectPronouns[prev] && functionWords[prev]
	case "can":
		// "the can can", the dance.
		if i > r.First {
			prev := lower(doc.TokenText(i - 1))
			return prev != "the" && prev != "a"
		}
		return true
	case "it", "you":
		// The object of a leading clause, then the subject of the main
		// one, with the comma left out: "when he saw it it looked odd".
		return !lookBack(doc, r, i, func(w string, _ int) bool { return subordinators[w] })
	}
	if strandable[lw] {
		if i > r.First && doc.Tokens[i-1].Kind == document.Word && particleVerbs[lw][lower(doc.TokenText(i-1))] {
			return false // "was shot at at close range", "what is going on on the border"
		}
		return !lookBack(doc, r, i, func(w string, j int) bool { return relativeBefore(doc, r, w, j) })
	}
	if !functionWords[lw] && afterComplementVerb(doc, r, i) {
		return false // "call rubbish rubbish", "call the rubbish rubbish"
	}
	return true
}

// complementVerbs take an object and then a complement that may repeat it
// word for word, on purpose: "call a spade a spade", "what makes a gadget a
// gadget", "call the rubbish rubbish".
var complementVerbs = set(`
	make makes made making call calls called calling name names named naming
	consider considers considered considering deem deems deemed keep keeps kept keeping`)

// determiners may stand between a complement verb and its object.
var determiners = set(`the a an this that these those his her its their our my your`)

// afterComplementVerb reports whether the phrase at token i is the object of
// a complement verb: the verb just before it, or the verb and a determiner.
func afterComplementVerb(doc *document.Document, r document.Range, i int) bool {
	j := i - 1
	if j >= r.First && doc.Tokens[j].Kind == document.Word && determiners[lower(doc.TokenText(j))] {
		j--
	}
	return j >= r.First && doc.Tokens[j].Kind == document.Word && complementVerbs[lower(doc.TokenText(j))]
}

// tautonym reports whether w, written first with a capital and then in lower
// case, may be a Latin binomial whose species repeats the genus ("Rattus
// rattus", "Rupicapra rupicapra"): a word of four letters or more, not a
// function word, with a Latin ending other than "-es" and "-o", which
// English plurals and nouns share ("Prices prices" is a slip).
func tautonym(w string) bool {
	if len(w) < 4 || functionWords[w] {
		return false
	}
	for _, end := range []string{"a", "us", "um", "is", "ix", "ex"} {
		if strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// lookBackWords is how many tokens before a doubled word lookBack inspects.
const lookBackWords = 8

// lookBack reports whether any of the words before token i in its clause
// (up to lookBackWords tokens, stopping at punctuation other than an
// apostrophe or quotation mark) satisfies f, given in lower case with its
// token index.
func lookBack(doc *document.Document, r document.Range, i int, f func(w string, j int) bool) bool {
	for j := i - 1; j >= r.First && j >= i-lookBackWords; j-- {
		t := doc.Tokens[j]
		if t.Kind != document.Word {
			if t.Kind == document.Punct && isQuote(doc.TokenText(j)) {
				continue
			}
			return false
		}
		if f(lower(doc.TokenText(j)), j) {
			return true
		}
	}
	return false
}

func isQuote(s string) bool {
	switch s {
	case "\"", "'", "“", "”", "‘", "’":
		return true
	}
	return false
}

// relativeBefore reports whether the word w at token j opens a relative
// clause: a relative pronoun, or a subject pronoun right after a lower-case
// noun ("the chance I've been hoping for").
func relativeBefore(doc *document.Document, r document.Range, w string, j int) bool {
	if relativeMarkers[w] {
		return true
	}
	if k := strings.IndexAny(w, "'’"); k > 0 {
		w = w[:k] // I've, we've
	}
	if !subjectPronouns[w] || j-1 < r.First || doc.Tokens[j-1].Kind != document.Word {
		return false
	}
	prev := doc.TokenText(j - 1)
	return isLowerWord(prev) && !functionWords[prev] && !clauseVerbs[prev] && !strings.HasSuffix(prev, "ed")
}

// ---------------------------------------------------------------------------
// repetition.near-repeat

func runNearRepeat(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	pre := doc.Prefixes
	text := doc.Text
	for _, p := range doc.Paragraphs {
		for i := p.Tokens.First; i+3 < p.Tokens.Last; i++ {
			// The quickest test: equal words have equal prefix digests.
			// Four tokens are tested at once while none passes.
			for i+5 < p.Tokens.Last && !anyLaneZero(digests4(pre, i)^digests4(pre, i+2)) {
				i += 4
			}
			if i+3 >= p.Tokens.Last {
				break
			}
			if pre[i] != pre[i+2] {
				continue
			}
			t0, t2 := toks[i], toks[i+2]
			if t0.Kind != document.Word || t2.Kind != document.Word || t0.End-t0.Start != t2.End-t2.Start {
				continue
			}
			t1, t3 := toks[i+1], toks[i+3]
			if t1.Kind != document.Word || t3.Kind != document.Word {
				continue
			}
			w := text[t0.Start:t0.End]
			if text[t2.Start:t2.End] != w || !isLowerWord(w) {
				continue
			}
			x, y := text[t1.Start:t1.End], text[t3.Start:t3.End]
			if x == w || !isLowerWord(x) || functionWords[x] {
				continue
			}
			span := document.Span{Start: int(t0.Start), End: int(t3.End)}
			first := text[t0.Start:t1.End] // "mutual concerns"
			if x == y {
				// "the talks the talks": a phrase written twice. After a
				// preposition or conjunction the last three words may be
				// a reduplication ("and time and time again", "the club
				// to back to back wins"); after a subordinator, the end
				// of a clause and the start of the next ("when they
				// arrived they arrived"); three times or more, a chant
				// ("come back come back come back").
				if last := chantEnd(doc, p.Tokens, i); last > i+2 || samePair(doc, p.Tokens, i-2, i) {
					i = last // skip the whole chant
					continue
				}
				if utf8.RuneCountInString(x) < 3 || linkers[w] && (w != "to" || toReduplicants[x]) ||
					legitDoubles[w] || legitDoubles[x] || afterComplementVerb(doc, p.Tokens, i) ||
					lookBack(doc, p.Tokens, i, func(w string, _ int) bool { return subordinators[w] }) {
					continue
				}
				pass.Reportf(span, []string{first}, "%q is written twice", first)
				i += 3
				continue
			}
			if !isLowerWord(y) || functionWords[y] || y == w || functionWords[w] || utf8.RuneCountInString(w) < 4 {
				continue
			}
			if pastTense(x) {
				continue // "photos added photos worth": a subject, its verb and the object, not a coordination
			}
			pass.Reportf(span, []string{first + " and " + y, first + " and " + text[t2.Start:t3.End]},
				"%q is repeated without \"and\" between the two phrases", w)
			i += 3
		}
	}
}

// digests4 returns the prefix digests pre[i:i+4] as the four 16-bit lanes of
// one number (the compiler makes it one load).
func digests4(pre []uint16, i int) uint64 {
	q := pre[i : i+4]
	return uint64(q[0]) | uint64(q[1])<<16 | uint64(q[2])<<32 | uint64(q[3])<<48
}

// lanes1 has the low bit of each 16-bit lane set, lanesTop the top one.
const (
	lanes1   = 0x0001000100010001
	lanesTop = 0x8000800080008000
)

// anyLaneZero reports whether a 16-bit lane of v is 0. The subtraction
// borrows through a lane only from a zero lane below it, so a lane above
// one may be reported too, but never when no lane is 0.
func anyLaneZero(v uint64) bool { return (v-lanes1)&^v&lanesTop != 0 }

// pastTense reports whether w looks like a regular past tense ("added",
// "showed"): at least five letters ending in "ed" after a letter other
// than "e" (need, speed and breed are nouns).
func pastTense(w string) bool {
	n := len(w)
	return n >= 5 && w[n-2:] == "ed" && w[n-3] != 'e'
}

// samePair reports whether the two words at tokens a, a+1 of the paragraph
// tokens r are those at b, b+1.
func samePair(doc *document.Document, r document.Range, a, b int) bool {
	return a >= r.First && a+1 < r.Last && doc.Tokens[a].Kind == document.Word && doc.Tokens[a+1].Kind == document.Word &&
		doc.TokenText(a) == doc.TokenText(b) && doc.TokenText(a+1) == doc.TokenText(b+1)
}

// chantEnd returns the index of the first word of the last copy of the
// two-word phrase at i that is repeated back to back from i on.
func chantEnd(doc *document.Document, r document.Range, i int) int {
	last := i
	for samePair(doc, r, last+2, i) {
		last += 2
	}
	return last
}

// ---------------------------------------------------------------------------
// repetition.repeated-paragraph

const (
	// minRepeatWords is the shortest paragraph, in words, whose second
	// copy is flagged: shorter lines repeat on purpose (fixture lists,
	// "Thank you very much." in a transcript).
	minRepeatWords = 6
	// minHeadlineWords is the shortest headline whose copy on the second
	// paragraph is flagged.
	minHeadlineWords = 4
	// snippetTokens is how many tokens of the earlier copy a message quotes
	// when it cannot give its line.
	snippetTokens = 8
)

// paraKey is one paragraph's word count and the hash of its normalised text.
type paraKey struct {
	hash  uint64
	para  int32
	words int32
}

// scratch holds the buffers of one run, reused through a pool so that a run
// allocates nothing once warm.
type scratch struct {
	a, b  []byte    // normalised texts of two paragraphs being compared
	keys  []paraKey // one a paragraph, by index
	table []int32   // open addressing: paragraph index+1, 0 for empty
	hits  []hit
}

// hit is a later copy (para) of an earlier paragraph (orig).
type hit struct{ para, orig int32 }

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func runRepeatedParagraph(pass *rules.Pass) {
	doc := pass.Doc
	if len(doc.Paragraphs) < 2 {
		return
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.keys, s.hits = s.keys[:0], s.hits[:0]

	// One pass over the words of each paragraph gives its word count and
	// the hash of its normalised text; texts are built only to confirm a
	// match.
	long := 0
	cur := nonword.NewCursor(nonword.Index(doc))
	for pi, p := range doc.Paragraphs {
		h, words := hashNormalized(doc, p.Tokens, cur.In(p.Tokens))
		s.keys = append(s.keys, paraKey{para: int32(pi), words: int32(words), hash: h})
		if words >= minRepeatWords {
			long++
		}
	}

	// A headline glued to page chrome on the first line and repeated as
	// the next paragraph.
	headline := int32(-1)
	if k0, k1 := s.keys[0], s.keys[1]; doc.FirstWindow() && k1.words >= minHeadlineWords && k0.words >= k1.words {
		s.a, _ = appendNormalized(s.a[:0], doc, doc.Paragraphs[0].Tokens)
		s.b, _ = appendNormalized(s.b[:0], doc, doc.Paragraphs[1].Tokens)
		if a, b := s.a, s.b; bytes.HasSuffix(a, b) && (len(a) == len(b) || a[len(a)-len(b)-1] == ' ') {
			headline = 1
			// The headline is on the first paragraph's last line (page
			// navigation may take lines of its own before it).
			p0 := doc.Paragraphs[0]
			line := 1 + rawLines(doc, 0, doc.Map.ToRaw(doc.Lines[p0.Lines.Last-1].Start))
			pass.Reportf(doc.Paragraphs[1].Span, rules.Delete, "repeats the headline on line %d", line)
		}
	}
	// A headline after a breadcrumb line, repeated further down: a
	// headline too short for the paragraph check below.
	if h := headlineAfterCrumbs(doc, s.keys); headline < 0 && h >= 0 {
		hk := s.keys[h]
		for pi := h + 1; pi < len(s.keys); pi++ {
			if k := s.keys[pi]; k.hash == hk.hash && k.words == hk.words && s.sameText(doc, int32(h), int32(pi)) {
				line := 1 + rawLines(doc, 0, doc.Map.ToRaw(doc.Paragraphs[h].Start))
				pass.Reportf(doc.Paragraphs[pi].Span, rules.Delete, "repeats the headline on line %d", line)
				headline = int32(pi) // not again as a paragraph
				break
			}
		}
	}
	if long < 2 {
		return
	}

	// Exact repeats: hash the long paragraphs into an open-addressing
	// table, in text order, so that each later copy meets the first one;
	// equal hashes and word counts are confirmed by comparing the texts.
	size := 8
	for size < 2*long {
		size *= 2
	}
	s.table = slices.Grow(s.table[:0], size)[:size]
	clear(s.table)
	mask := uint64(size - 1)
	for pi := range s.keys {
		k := &s.keys[pi]
		if k.words < minRepeatWords {
			continue
		}
		for slot := k.hash & mask; ; slot = (slot + 1) & mask {
			v := s.table[slot]
			if v == 0 {
				s.table[slot] = int32(pi) + 1
				break
			}
			if o := &s.keys[v-1]; o.hash == k.hash && o.words == k.words && s.sameText(doc, o.para, k.para) {
				if int32(pi) != headline {
					s.hits = append(s.hits, hit{para: int32(pi), orig: o.para})
				}
				break
			}
		}
	}
	if len(s.hits) == 0 {
		return
	}

	// Name the earlier copy by its line, counted once through the window,
	// or, past the first window (whose line numbers are not known here), by
	// its first words.
	slices.SortFunc(s.hits, func(a, b hit) int { return int(a.orig - b.orig) })
	line, pos := 1, 0 // pos: a raw offset
	for _, h := range s.hits {
		orig := doc.Paragraphs[h.orig]
		where := ""
		if doc.FirstWindow() {
			to := doc.Map.ToRaw(orig.Start)
			line += rawLines(doc, pos, to)
			pos = max(pos, to)
			where = "on line " + strconv.Itoa(line)
		} else {
			where = "starting " + strconv.Quote(snippet(doc, orig))
		}
		pass.Reportf(doc.Paragraphs[h.para].Span, rules.Delete, "repeats the paragraph %s", where)
	}
}

// headlineAfterCrumbs returns the index of the headline paragraph that
// follows a breadcrumb line at the top of the document ("Home > News >
// World", then the headline), or -1. The headline has at least
// minHeadlineWords words and no final period.
func headlineAfterCrumbs(doc *document.Document, keys []paraKey) int {
	if !doc.FirstWindow() || len(doc.Paragraphs) < 3 || doc.Paragraphs[0].Lines.Len() != 1 ||
		!boilerplate.BreadcrumbLine(doc, doc.Lines[doc.Paragraphs[0].Lines.First]) {
		return -1
	}
	h := doc.Paragraphs[1]
	if keys[1].words < minHeadlineWords || h.Lines.Len() != 1 || doc.TokenText(h.Tokens.Last-1) == "." {
		return -1
	}
	return 1
}

// rawLines counts the line breaks of the input between the raw offsets a
// and b: for Markdown or HTML the extracted text has other lines than the
// file, and a message names the file's line.
func rawLines(doc *document.Document, a, b int) int {
	a, b = min(max(a, 0), len(doc.Raw)), min(max(b, 0), len(doc.Raw))
	if a >= b {
		return 0
	}
	return bytes.Count(doc.Raw[a:b], []byte{'\n'})
}

// sameText reports whether paragraphs i and j normalise to the same text.
func (s *scratch) sameText(doc *document.Document, i, j int32) bool {
	s.a, _ = appendNormalized(s.a[:0], doc, doc.Paragraphs[i].Tokens)
	s.b, _ = appendNormalized(s.b[:0], doc, doc.Paragraphs[j].Tokens)
	return bytes.Equal(s.a, s.b)
}

// hashWords is how many words of a paragraph go into its hash: enough to
// tell paragraphs apart (the word count goes into the key too, and a match is
// confirmed on the whole text), few enough that hashing stays cheap.
const hashWords = 12

// hashNormalized returns the FNV-1a hash of the first hashWords words of the
// text appendNormalized would write for the tokens r (with the spaces between
// them), and the number of words in all. An ASCII word is hashed as it is
// read; a word with other bytes is normalised into a buffer on the stack by
// appendWord, the function that appendNormalized uses, and hashed from
// there. The words are counted without a visit to each: the tokens of r that
// are not words are among marks, the index entries of r (package nonword).
func hashNormalized(doc *document.Document, r document.Range, marks []int32) (uint64, int) {
	const (
		offset64 = 14695981039346656037
		prime64  = 1099511628211
	)
	h := uint64(offset64)
	words := 0
	var buf [64]byte
	toks := doc.Tokens[r.First:r.Last]
	text := doc.Text
	for k := 0; k < len(toks) && words < hashWords; k++ {
		t := toks[k]
		if !isNormWord(t) {
			continue
		}
		if words > 0 {
			h = (h ^ ' ') * prime64
		}
		words++
		h0 := h
		for j := int(t.Start); j < int(t.End); j++ {
			m := normByte[text[j]]
			if m == nonASCII {
				h = h0
				for _, c := range appendWord(buf[:0], text, t) {
					h = (h ^ uint64(c)) * prime64
				}
				break
			}
			if m != 0 {
				h = (h ^ uint64(m)) * prime64
			}
		}
	}
	words = len(toks)
	for _, i := range marks {
		words -= 1 - normWordKind[doc.Tokens[i].Kind&7]
	}
	return h, words
}

// normWordKind[k] is 1 for the kinds isNormWord accepts.
var normWordKind = func() (t [8]int) {
	for k := range t {
		if isNormWord(document.Token{Kind: document.Kind(k)}) {
			t[k] = 1
		}
	}
	return t
}()

// isNormWord reports whether a token counts as a word of a normalised
// paragraph.
func isNormWord(t document.Token) bool {
	switch t.Kind {
	case document.Word, document.Number, document.URL, document.Email:
		return true
	}
	return false
}

// appendWord appends the normalised text of token t: its letters and digits
// in lower case, without the punctuation inside it.
func appendWord(buf []byte, text string, t document.Token) []byte {
	for i := int(t.Start); i < int(t.End); {
		switch m := normByte[text[i]]; m {
		case 0: // punctuation inside a word
			i++
			continue
		case nonASCII:
		default:
			buf = append(buf, m)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:t.End])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		i += size
	}
	return buf
}

// nonASCII marks in normByte the bytes that start or continue a multi-byte
// rune.
const nonASCII = 0xFF

// normByte maps an ASCII letter or digit to its normalised form (lower case)
// and other ASCII bytes to 0 (dropped).
var normByte = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			t[c] = byte(c)
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		case c >= utf8.RuneSelf:
			t[c] = nonASCII
		}
	}
	return t
}()

// appendNormalized appends the words of the tokens r to buf, in lower case,
// one space apart, without punctuation (inside words too: "U.S." becomes
// "us", "government-backed" "governmentbacked"), and returns buf and the
// number of words.
func appendNormalized(buf []byte, doc *document.Document, r document.Range) ([]byte, int) {
	words := 0
	for _, t := range doc.Tokens[r.First:r.Last] {
		if !isNormWord(t) {
			continue
		}
		if words > 0 {
			buf = append(buf, ' ')
		}
		words++
		buf = appendWord(buf, doc.Text, t)
	}
	return buf, words
}

// snippet returns the first words of paragraph p, for a message.
func snippet(doc *document.Document, p document.Paragraph) string {
	last := p.Tokens.Last
	more := false
	if last-p.Tokens.First > snippetTokens {
		last, more = p.Tokens.First+snippetTokens, true
	}
	s := doc.Text[doc.Tokens[p.Tokens.First].Start:doc.Tokens[last-1].End]
	if more {
		s += "…"
	}
	return s
}
