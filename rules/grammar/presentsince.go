package grammar

import (
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// PresentSince flags a verb in the simple present whose clause carries
// "since" with a point or a length of time ("governs the country since 2019",
// "lives in Rome since two years", "is president since March"): English
// needs the present perfect there ("has governed", "has lived", "has been").
var PresentSince = &rules.Rule{
	ID:       "grammar.present-since",
	Category: rules.Grammar,
	Severity: rules.Warning,
	Doc:      `the simple present with "since" and a time ("is president since 2019") where English needs the present perfect`,
	Explanation: `A verb in the simple present ("is", "lives", "governs") is followed, in the same clause, by "since" and a point
or a length of time: "She governs the country since 2019", "He lives in Rome since two years", "The road is
closed since Monday".

Why it happens: French, Spanish, Italian, German and Russian put a state that began in the past and still holds
in the present tense ("elle gouverne le pays depuis 2019", "vive a Roma da due anni", "er ist seit März
Präsident"); a translation engine or a writer thinking in those languages keeps the tense. English uses the
present perfect for a state that runs from a point in the past up to now.

What to do: use the present perfect: "has governed" (or "has been governing"), "has lived", "has been
closed", "has had" ("The village has had no power since Monday"). The suggestion gives the form for the
verb's person ("has" after a singular subject, "have" after "are", "I", "we", "you", "they"). A length of
time also takes "for", not "since": "has lived in Rome for two years".

Not flagged: the present perfect and the past ("has governed since", "had lived since"); a clause that
starts after "since" ("Since then, he is"); a superlative, a first or a record before "since" ("the highest
level since 2008", "the first time since 2019", "its best run since March"); changes measured from a date
("prices are up 5% since January", "down 20% since the announcement", "little changed since Friday", "the
number of cases since March", as news English writes them); a count ("one of three presidents since 2010");
"It is 25 years since"; "since" meaning "because" ("is closed since it is Sunday"); a verb in another clause (a
comma, "and", "who", "which", "that" or an auxiliary between the verb and "since"); and quoted speech.

Example: "The general governs the country since 2019" -> "The general has governed the country since 2019".`,
	Flagged:   "The general governs the country since 2019 with the support of the army.",
	Unflagged: "The general has governed the country since 2019 with the support of the army.",
	Run:       runPresentSince,
}

// verbForm is a verb in the simple present with what its present perfect
// needs: the auxiliary ("has" or "have") and the participle.
type verbForm struct {
	aux, participle string
	// base: a plural or first-person form ("live"), a verb only after a
	// subject pronoun.
	base bool
	// noun: the form is also a common plural noun ("lives", "works",
	// "remains"), so the word before it must not introduce a noun.
	noun bool
	// possession: "has" or "have" as a full verb, which it is only before
	// its object ("has a shop since 2010"); before a participle it is the
	// perfect already.
	possession bool
}

// presentVerbs are the present-tense forms, each with its perfect. The
// verbs are those that describe a state or a role that lasts (live, work,
// govern, lead, know, own), which a writer puts in the present with
// "since" when the source language does, and "has" or "have" before an
// object; an event verb in the present with "since" ("arrives since") is
// rarer and less sure.
var presentVerbs = func() map[string]verbForm {
	m := map[string]verbForm{
		"is": {aux: "has", participle: "been"}, "are": {aux: "have", participle: "been"}, "am": {aux: "have", participle: "been"},
		"they're": {aux: "they've", participle: "been"}, "we're": {aux: "we've", participle: "been"},
		"you're": {aux: "you've", participle: "been"}, "i'm": {aux: "I've", participle: "been"},
		"has": {aux: "has", participle: "had", possession: true}, "have": {aux: "have", participle: "had", possession: true, base: true},
	}
	// third person singular, participle; a * marks a form that is also a
	// plural noun.
	for _, e := range strings.Fields(`lives:lived* works:worked* governs:governed leads:led* heads:headed* runs:run*
knows:known exists:existed remains:remained* holds:held* serves:served owns:owned teaches:taught studies:studied*
lasts:lasted plays:played* belongs:belonged stays:stayed* resides:resided reigns:reigned* rules:ruled*
controls:controlled* occupies:occupied manages:managed chairs:chaired* coaches:coached* represents:represented
dominates:dominated directs:directed hosts:hosted* employs:employed operates:operated presides:presided
suffers:suffered continues:continued persists:persisted keeps:kept sits:sat stands:stood* waits:waited*
lacks:lacked* trains:trained* edits:edited* hides:hidden* lies:lain* depends:depended`) {
		form, pp, _ := strings.Cut(e, ":")
		noun := strings.HasSuffix(pp, "*")
		pp = strings.TrimSuffix(pp, "*")
		m[form] = verbForm{aux: "has", participle: pp, noun: noun}
		base := strings.TrimSuffix(form, "s")
		switch {
		case strings.HasSuffix(form, "ies"):
			base = strings.TrimSuffix(form, "ies") + "y"
		case strings.HasSuffix(form, "ches"), strings.HasSuffix(form, "shes"), strings.HasSuffix(form, "sses"):
			base = strings.TrimSuffix(form, "es")
		}
		if _, taken := m[base]; !taken && base != "lie" && base != "lack" {
			m[base] = verbForm{aux: "have", participle: pp, base: true}
		}
	}
	return m
}()

// subjectPronouns are the pronouns after which a base form ("live") is a
// verb in the present.
var subjectPronouns = set(`i we you they`)

// possessed are the words that open the object of "has" as a full verb:
// "has a flat in Paris since 2010", "has no power since Monday".
var possessed = set(`a an the his her its their our my your no this that these those some any much`)

// pronounSubjects are the pronouns that make the next word a verb.
var pronounSubjects = set(`he she it who which that one everyone someone nobody`)

// nounStarters are the words after which a form such as "lives" or "works"
// is a noun: determiners, possessives, quantifiers, numbers in words,
// prepositions ("saved many lives since", "the works since"), and the
// adjectives and nouns that most often make a compound with those plurals
// ("civilian lives", "human remains", "road works", "gas works").
var nounStarters = set(`a an the this that these those my your his her its our their whose some any no every each
all both many several few more most fewer less such other own human civilian innocent public road building
art arts field gas water steel iron engine
of in on at for from with by into about against over under between among without during per
one two three four five six seven eight nine ten hundred hundreds thousand thousands million millions dozens`)

// clauseBreakers are the words that, between the verb and "since", show
// that "since" belongs to another clause or that the time is measured in a
// way English says with the present: conjunctions, relative and
// interrogative words, auxiliaries and modals (the perfect is already there,
// or another verb heads the clause), subject pronouns (a new clause),
// superlatives and ordinals ("the highest since", "the first time since"),
// words of change and counts ("up 5% since", "little changed since", "the
// number of deaths since"), numbers ("one of three presidents since 2010")
// and units of time ("It is 25 years since").
var clauseBreakers = set(`and or but nor yet so because as if unless although though while whereas whether than
which who whom whose that what when where why how whatever whoever
after before until till since ago later earlier previously
has have had having been was were did does do will would shall should can could may might must
i you he she it we they there
first last only ever never best worst most least next latest highest lowest biggest largest smallest longest
record high low peak same top leading
second third fourth fifth sixth seventh eighth ninth tenth
up down higher lower above below better worse more less fewer further cent percent per changed unchanged
number total tally toll count rise fall increase decrease drop jump gain loss growth
one two three four five six seven eight nine ten dozen dozens hundreds thousands
time times moment occasion
seconds minute minutes hour hours day days week weeks month months year years decade decades century centuries`)

// notSuperlatives are words in -est that are not superlatives.
var notSuperlatives = set(`interest forest protest request test west honest modest arrest suggest contest harvest
guest rest chest quest invest digest manifest conquest earnest nest priest pest vest crest unrest attest
detest infest inquest behest bequest midwest southwest northwest congest ingest divest molest`)

// breaksClause reports whether word, between a verb and "since", shows
// that the two do not form one present-tense clause with a time.
func breaksClause(word string) bool {
	if in(clauseBreakers, word) {
		return true
	}
	// a superlative in -est or -iest: "the strongest since"
	if len(word) > 4 && hasSuffixFold(word, "est") && !in(notSuperlatives, word) {
		return true
	}
	return false
}

// pointWords are the words after "last" or "this" that make a point in
// time ("since last week", "since this morning").
var pointWords = set(`night morning afternoon evening week weekend month year season summer winter spring autumn
fall term decade century monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december time election`)

// theStarts are the nouns that, after "since the", make a point in time.
var theStarts = set(`beginning start end turn age middle spring summer autumn winter`)

// timeAfterSince returns the number of tokens of the point or length of
// time at j, after "since", or 0: a year or decade, a month (with its year),
// a date ("1 May 2020"), a day, "yesterday", "then", "last week", "early
// 2019", "mid-2020", "the beginning", "the 1990s", a number and a unit of
// time, or a bare plural unit ("years").
func timeAfterSince(doc *document.Document, j, end int) int {
	if j >= end {
		return 0
	}
	if isYear(doc, j) {
		return 1
	}
	t := &doc.Tokens[j]
	w := doc.TokenText(j)
	if t.Kind == document.Number {
		// "since 2 years" is a length, "since 1 May" a date
		if j+1 < end && (in(units, word(doc, j+1)) || in(months, word(doc, j+1)) && capitalized(word(doc, j+1))) {
			if j+2 < end && isYear(doc, j+2) {
				return 3
			}
			return 2
		}
		return 0
	}
	if t.Kind != document.Word {
		return 0
	}
	two := func(ok bool) int {
		if ok && j+1 < end {
			return 2
		}
		return 0
	}
	switch {
	case in(months, w) && !(strings.EqualFold(w, "may") && !capitalized(w)):
		if j+1 < end && isYear(doc, j+1) {
			return 2
		}
		return 1
	case in(days, w), strings.EqualFold(w, "yesterday"), strings.EqualFold(w, "then"), strings.EqualFold(w, "childhood"):
		return 1
	case strings.EqualFold(w, "last"), strings.EqualFold(w, "this"):
		return two(in(pointWords, word(doc, j+1)))
	case strings.EqualFold(w, "early"), strings.EqualFold(w, "late"), strings.EqualFold(w, "mid"):
		return two(isYear(doc, j+1) || in(months, word(doc, j+1)) && capitalized(word(doc, j+1)))
	case len(w) == 8 && strings.EqualFold(w[:4], "mid-") && w[4] >= '0' && w[4] <= '9':
		return 1
	case strings.EqualFold(w, "the"):
		return two(in(theStarts, word(doc, j+1)) || isYear(doc, j+1) && strings.HasSuffix(doc.TokenText(j+1), "s"))
	case in(numberWords, w):
		return two(in(units, word(doc, j+1)))
	case strings.EqualFold(w, "years"), strings.EqualFold(w, "months"), strings.EqualFold(w, "weeks"), strings.EqualFold(w, "decades"):
		return 1
	}
	return 0
}

// objectStarters begin a noun phrase after the preposition "to".
var objectStarters = set(`the a an this that these those my your his her its our their all most many some
both every each no him them us me`)

// startsNounPhrase reports whether token k, after "to", starts a noun
// phrase ("closed to visitors", "open to the public", "loyal to Rome")
// rather than an infinitive ("expected to rise"): a determiner or an
// object pronoun, a capitalised word, a number or a plural in -s.
func startsNounPhrase(doc *document.Document, k, since int) bool {
	if k >= since {
		return false
	}
	if doc.Tokens[k].Kind == document.Number {
		return true
	}
	w := word(doc, k)
	if w == "" {
		return false
	}
	return in(objectStarters, w) || capitalized(w) || hasSuffixFold(w, "s") && !hasSuffixFold(w, "ss")
}

// sinceSet holds the prefix digest of "since", the rule's trigger.
var sinceSet = newPrefixSet("since")

// maxGap is the most tokens allowed between the verb and "since".
const maxGap = 8

// runPresentSince implements PresentSince: from each "since" followed by a
// time it walks back through its clause to a present-tense verb.
func runPresentSince(pass *rules.Pass) {
	doc := pass.Doc
	for _, c := range triggers(doc).since {
		p, i := doc.Paragraphs[c.para], int(c.tok)
		if i == p.Tokens.First || !is(doc, i, "since") {
			continue
		}
		n := timeAfterSince(doc, i+1, p.Tokens.Last)
		if n == 0 {
			continue
		}
		v := presentBefore(doc, p, i)
		if v < 0 || inQuotation(doc, p, i) {
			continue
		}
		reportPresent(pass, v, i, i+n)
	}
}

// presentBefore returns the index of the present-tense verb whose clause
// holds "since" at token i, or -1.
func presentBefore(doc *document.Document, p document.Paragraph, i int) int {
	for j := i - 1; j >= p.Tokens.First && j >= i-1-maxGap; j-- {
		t := &doc.Tokens[j]
		if t.Kind != document.Word {
			return -1 // punctuation, a number, a symbol: another phrase
		}
		w := doc.TokenText(j)
		if f, ok := lookup(presentVerbs, w); ok && isPresent(doc, p, j, f) {
			if j == i-1 && isCleft(doc, p, j) {
				return -1
			}
			return j
		}
		if is(doc, j, "to") && !startsNounPhrase(doc, j+1, i) {
			return -1 // an infinitive: "is expected to rise since"
		}
		if breaksClause(w) {
			return -1
		}
	}
	return -1
}

// isPresent reports whether token j, a form of presentVerbs, is used as a
// finite verb: a base form only after a subject pronoun, a form that is
// also a noun only when the word before it does not introduce a noun, "am"
// not after a number ("9 am").
func isPresent(doc *document.Document, p document.Paragraph, j int, f verbForm) bool {
	if f.possession && !in(possessed, word(doc, j+1)) {
		return false // "has lived", "has since", "have been": the perfect
	}
	prev := j - 1
	if prev < p.Tokens.First {
		return !f.base && !f.noun
	}
	pt := &doc.Tokens[prev]
	pw := doc.TokenText(prev)
	switch {
	case f.base:
		return pt.Kind == document.Word && in(subjectPronouns, pw)
	case f.noun:
		if pt.Kind != document.Word || in(nounStarters, pw) {
			return false
		}
		// "Czech language studies since May" is a noun phrase: straight
		// before "since" the form is a verb only after a pronoun or a name.
		if is(doc, j+1, "since") && !in(pronounSubjects, pw) && !(capitalized(pw) && prev > p.Tokens.First) {
			return false
		}
		return !hasSuffixFold(pw, "ed") && !hasSuffixFold(pw, "ing") && !hasSuffixFold(pw, "'s") && !hasSuffixFold(pw, "’s")
	case strings.EqualFold(doc.TokenText(j), "am"):
		return pt.Kind == document.Word && strings.EqualFold(pw, "i")
	}
	return true
}

// isCleft reports whether the verb at j opens a cleft sentence, "It is since
// 2019 that …", "This is since March": "it", "this" or "that" before it.
func isCleft(doc *document.Document, p document.Paragraph, j int) bool {
	prev := j - 1
	if prev < p.Tokens.First {
		return false
	}
	return in(cleftSubjects, word(doc, prev))
}

// cleftSubjects open a cleft sentence before "is since".
var cleftSubjects = set(`it this that which what`)

// reportPresent reports the verb at v ("is", "lives"), with a "not" after
// "is"/"are" taken into the span so that the suggestion reads
// "has not been"; the message quotes "since" and the time phrase, which
// ends at token last.
func reportPresent(pass *rules.Pass, v, since, last int) {
	doc := pass.Doc
	f, _ := lookup(presentVerbs, doc.TokenText(v))
	span := doc.Tokens[v].Span()
	verb := doc.TokenText(v)
	aux := f.aux
	neg := ""
	if f.participle == "been" && v+1 < since && is(doc, v+1, "not") {
		neg = " " + doc.TokenText(v+1)
		span.End = doc.Tokens[v+1].E()
	}
	sugg := aux + neg + " " + f.participle
	if capitalized(verb) {
		sugg = upperFirst(sugg)
	}
	timeText := doc.SpanText(document.Span{Start: doc.Tokens[since].S(), End: doc.Tokens[last].E()})
	pass.Reportf(span, []string{sugg}, "%q with %q: English uses the present perfect (%q) for a state that lasts up to now",
		doc.SpanText(span), timeText, sugg)
}
