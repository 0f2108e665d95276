package grammar

import (
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// Construction flags stock constructions of Romance and Slavic languages
// that take any noun or number and so cannot be listed phrase by phrase:
// "occupies the third place" (French "occupe la troisième place", Russian
// "занимает третье место"), "on the second place" (German "auf dem zweiten
// Platz"), "it is about of" (Spanish "se trata de"), "the fact of having"
// (French "le fait d'avoir") and "assisted to the ceremony" (Spanish
// "asistió a la ceremonia").
var Construction = &rules.Rule{
	ID:       "grammar.calqued-construction",
	Category: rules.Grammar,
	Severity: rules.Warning,
	Doc:      `a Romance or Slavic construction over any noun: "occupies the third place", "the fact of having", "assisted to the ceremony"`,
	Explanation: `A construction of the source language is carried into English with whatever noun or number it held:
- "occupies the third place", "occupied the 8th place in the world", "took the first place in the ranking",
  "won the first place with 514 points"
  (French "occuper la troisième place", Spanish "ocupar el tercer lugar", Russian "занимать третье место"):
  English says "is third", "ranks eighth", "came first", "took first place";
- "on the second place" (German "auf dem zweiten Platz", Russian "на втором месте"): English says "in second
  place";
- "it is about of" (Spanish "se trata de", Portuguese "trata-se de"): English says "it is about";
- "the fact of having", "the fact of being" (French "le fait d'avoir", Spanish "el hecho de tener", Russian
  "сам факт"): English uses the -ing form alone ("having", "being") or "the fact that …";
- "assisted to the ceremony", "assists to the meeting" (Spanish "asistir a", French "assister à", Italian
  "assistere a"): English says "attended the ceremony"; to help is "assist in" or "assist with".

Why it happens: each is a fixed frame of the source language in which only the noun or number changes, so
a phrase list would need one entry per noun; a translation engine keeps the frame because every word of it
is a correct dictionary translation.

What to do: use the English construction the suggestion gives.

Not flagged: "in the first place" (the English idiom), "took the last place on the bus" (a seat), "won the
last place in the final" (a qualifying spot), "won the third place play-off", "was
assisted to his feet" and other passives of "assist" (helped to move), "the fact of the matter", "the fact that", "about of course".

Example: "The team occupies the third place in the table" -> "The team is third in the table".`,
	Flagged:   "After the defeat the team occupies the third place in the table.",
	Unflagged: "After the defeat the team is third in the table, in the first place because of injuries.",
	Run:       runConstruction,
}

var (
	occupyForms = map[string][2]string{
		"occupy": {"are", "rank"}, "occupies": {"is", "ranks"}, "occupied": {"was", "came"}, "occupying": {"ranking", "in"},
	}
	takeForms = set(`take takes took taken taking`)
	// winForms rank like "take" ("won the first place"), but "won the last
	// place in the final" is a qualifying spot, so "last" is left alone.
	winForms = set(`win wins won winning secure secures secured securing claim claims claimed claiming`)
	// beForms make a passive before "assisted to": "was assisted to his
	// feet" is English.
	beForms = set(`be is are am was were been being get gets got getting 's ’s`)
	// possessives and determiners that start the object of "assist to".
	assistObjects = set(`the a an this that these those his her its their our my your`)
	assistForms   = set(`assist assists assisted assisting`)
	// ingNouns are words in -ing that are nouns, not gerunds, after "the
	// fact of".
	ingNouns = set(`thing things nothing something anything everything king kings spring string ring morning evening
building buildings meeting meetings wedding ceiling darling sibling pudding`)
)

// constructionSet holds the prefix digests of the rule's trigger words.
var constructionSet = newPrefixSet(`place places assist assists assisted assisting about fact`)

// runConstruction implements Construction: each trigger word ("place",
// "assist", "about", "fact") is checked against the frame it belongs to.
func runConstruction(pass *rules.Pass) {
	doc := pass.Doc
	for _, c := range triggers(doc).construction {
		p, i := doc.Paragraphs[c.para], int(c.tok)
		first, last := p.Tokens.First, p.Tokens.Last
		t := &doc.Tokens[i]
		if t.Kind != document.Word {
			continue
		}
		w := doc.Text[t.Start:t.End]
		switch len(w) {
		case 5, 6: // place, places, assist
			if (is(doc, i, "place") || is(doc, i, "places")) && i-3 >= first {
				checkPlace(pass, i, last)
			} else if is(doc, i, "assist") {
				checkAssist(pass, p, i)
			}
		case 7, 8, 9: // assists, assisted, assisting
			if strings.EqualFold(w[:6], "assist") && in(assistForms, w) {
				checkAssist(pass, p, i)
			}
		}
		if len(w) == 5 && i > first && i+2 < last && is(doc, i, "about") && is(doc, i+1, "of") {
			checkAboutOf(pass, i)
		}
		if len(w) == 4 && i > first && i+2 < last && is(doc, i, "fact") && is(doc, i-1, "the") && is(doc, i+1, "of") {
			checkFactOf(pass, i)
		}
	}
}

// checkPlace reports "occupies the third place", "took the first place in"
// and "on the second place" with "place" at i.
func checkPlace(pass *rules.Pass, i, last int) {
	doc := pass.Doc
	ord, the, verb := i-1, i-2, i-3
	if !isOrdinal(doc, ord) || !is(doc, the, "the") {
		return
	}
	vw := word(doc, verb)
	if vw == "" {
		return
	}
	ordText := doc.TokenText(ord)
	span := document.Span{Start: doc.Tokens[verb].S(), End: doc.Tokens[i].E()}
	var sugg []string
	f, occupy := lookup(occupyForms, vw)
	switch {
	case occupy:
		if f[1] == "in" {
			sugg = []string{"in " + ordText + " place"}
		} else {
			sugg = []string{f[0] + " " + ordText, f[1] + " " + ordText}
		}
	case in(takeForms, vw) || in(winForms, vw) && !is(doc, ord, "last"):
		// "took the last place on the bus" is a seat: only a ranking, "in"
		// the table or the poll, "with" a score, or the end of the clause.
		next := i + 1
		if next < last && !is(doc, next, "in") && !is(doc, next, "among") && !is(doc, next, "with") &&
			doc.Tokens[next].Kind != document.Punct {
			return
		}
		sugg = []string{vw + " " + ordText + " " + doc.TokenText(i)}
	case is(doc, verb, "on"):
		sugg = []string{"in " + ordText + " " + doc.TokenText(i)}
	default:
		return
	}
	if capitalized(vw) {
		sugg[0] = upperFirst(sugg[0])
	}
	pass.Reportf(span, sugg, "%q calques French \"occuper la place\" / Russian \"занимать место\": English ranks without \"the … place\"",
		doc.SpanText(span))
}

// checkAboutOf reports "about of" with "about" at i: Spanish "se trata de"
// and "hablar de" carried over with both prepositions. English has no
// "about of"; "round about" and "out and about" end before "of".
func checkAboutOf(pass *rules.Pass, i int) {
	doc := pass.Doc
	if is(doc, i-1, "round") || is(doc, i-1, "and") || is(doc, i+2, "course") {
		return // "round about of", "talking about of course the cost"
	}
	span := document.Span{Start: doc.Tokens[i].S(), End: doc.Tokens[i+1].E()}
	pass.Reportf(span, []string{doc.TokenText(i)}, "%q doubles the preposition, as Spanish \"se trata de\" does: English says %q",
		doc.SpanText(span), doc.TokenText(i))
}

// checkFactOf reports "the fact of" before a gerund ("the fact of having"),
// with "fact" at i, suggesting the gerund alone.
func checkFactOf(pass *rules.Pass, i int) {
	doc := pass.Doc
	g := i + 2
	gw := word(doc, g)
	if len(gw) < 5 || !strings.HasSuffix(gw, "ing") || !isLowerWord(doc, g) || in(ingNouns, gw) {
		return
	}
	span := document.Span{Start: doc.Tokens[i-1].S(), End: doc.Tokens[g].S()}
	pass.Reportf(span, rules.Delete, "\"the fact of %s\" calques French \"le fait de\" / Spanish \"el hecho de\": English uses %q alone or \"the fact that\"",
		gw, gw)
}

// checkAssist reports "assisted to the ceremony" with the form of "assist"
// at i: "assist to" before a determiner and a noun, in the active voice.
func checkAssist(pass *rules.Pass, p document.Paragraph, i int) {
	doc := pass.Doc
	if !is(doc, i+1, "to") || i+3 >= p.Tokens.Last || !in(assistObjects, word(doc, i+2)) || !isLowerWord(doc, i+3) {
		return
	}
	if i-1 >= p.Tokens.First && in(beForms, word(doc, i-1)) {
		return
	}
	if i-2 >= p.Tokens.First && in(beForms, word(doc, i-2)) && hasSuffixFold(word(doc, i-1), "ly") {
		return // "was quickly assisted to"
	}
	noun := i + 3
	span := document.Span{Start: doc.Tokens[i].S(), End: doc.Tokens[noun].E()}
	var sugg []string
	if in(eventHeads, word(doc, noun)) {
		attend := "attend"
		switch strings.ToLower(doc.TokenText(i)) {
		case "assists":
			attend = "attends"
		case "assisted":
			attend = "attended"
		case "assisting":
			attend = "attending"
		}
		if capitalized(doc.TokenText(i)) {
			attend = upperFirst(attend)
		}
		sugg = []string{attend + " " + doc.SpanText(document.Span{Start: doc.Tokens[i+2].S(), End: doc.Tokens[noun].E()})}
	}
	pass.Report(rules.Diagnostic{Span: span, Suggestions: sugg,
		Message: `"assist to" calques Spanish "asistir a" / French "assister à": English says "attend" (to be present) or "assist in/with" (to help)`})
}
