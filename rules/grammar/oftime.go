package grammar

import (
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// OfTime flags a noun bound to a time phrase with "of" the way French,
// Spanish, Italian and Portuguese bind it ("the match of yesterday evening",
// "the meeting of last week", "the announcement of Monday"), where English
// puts the time first with a possessive: "yesterday evening's match".
var OfTime = &rules.Rule{
	ID:       "grammar.of-time",
	Category: rules.Grammar,
	Severity: rules.Warning,
	Doc:      `a noun tied to a time phrase with "of" ("the meeting of last week") where English says "last week's meeting"`,
	Explanation: `A noun is followed by "of" and a time phrase: "the match of yesterday evening", "the meeting of last week",
"the session of this morning", "the announcement of Monday".

Why it happens: French, Spanish, Italian and Portuguese tie a time to a noun with their "of" ("le match d'hier
soir", "la reunión de la semana pasada", "la sessione di stamattina"); a translation engine that keeps the
construction produces an "of" that English does not use with these times.

What to do: put the time before the noun with a possessive: "yesterday evening's match", "last week's
meeting", "this morning's session", "Monday's announcement", or move the time after the verb ("the meeting
last week").

Not flagged: a part of a time span ("the end of last year", "the first half of this year", "the start of next
season", "most of this year", "December of last year"), a time phrase that is itself possessive ("the
outcome of Sunday's match"), "the events of last night" and other uses of "events", which English writes
that way, a season ("the storms of last winter"), "this week", "this year" ("the
rain of this week") and "of today" and "of tomorrow" in the sense of an era ("the leaders of tomorrow", "the problems of
today"), which fire only after an event noun such as "match" or "meeting", and "of" without "the" or "a"
before the noun.

Example: "The match of yesterday evening was postponed" -> "Yesterday evening's match was postponed".`,
	Flagged:   "The match of yesterday evening was postponed because of the snow.",
	Unflagged: "The match was postponed at the end of last week because of the snow.",
	Run:       runOfTime,
}

// timeStarters holds the prefix digests of the words that start a time
// phrase after "of", so that the commonest "of the" costs one lookup.
var timeStarters = newPrefixSet(`yesterday today tomorrow last this next monday tuesday wednesday thursday friday
saturday sunday`)

// partsOfDay follow "yesterday", "this" or a day name.
var partsOfDay = set(`morning afternoon evening night`)

// seasons of the year, which English binds with "of" in narrative.
var seasons = set(`spring summer autumn winter`)

// afterLastThisNext are the words that make a time phrase after "last",
// "this" and "next".
var afterLastThisNext = set(`night morning afternoon evening week weekend month year season summer winter spring
autumn monday tuesday wednesday thursday friday saturday sunday`)

// eventHeads are nouns of events: a bare "of today", "of yesterday", "of
// tomorrow" or "of Monday" after them is a time, not an era.
var eventHeads = set(`game games match matches meeting meetings vote votes election elections session sessions attack
attacks raid raids summit summits speech speeches debate debates race races final finals derby strike strikes rally
rallies ballot hearing hearings explosion explosions shooting shootings interview interviews announcement
announcements decision decisions statement statements press conference conferences talks protest protests
demonstration demonstrations ceremony ceremonies concert concerts show broadcast edition editions issue episode
trial verdict ruling crash accident accidents blast bombing bombings
visit visits victory defeat win loss draw result results agreement deal report reports incident incidents
sitting plenary parade march funeral wedding premiere performance training match-up tie fixture clash
budget poll polls survey referendum`)

// notHeads are nouns that take a time phrase with "of" in English: parts of
// a span ("the end of last year"), times themselves ("the night of
// Sunday"), ranks ("the first of next month"), quantities ("most of this
// year"), and the nouns English binds to a past time as a whole ("the events
// of last night", "the lessons of last year", "memories of last summer").
var notHeads = set(`end ends start starts beginning beginnings middle eve rest remainder half halves quarter quarters
part parts most all majority minority bulk course whole balance lead-up run-up aftermath spring summer autumn
winter fall night nights day days week weeks weekend weekends month months year years season seasons morning
mornings afternoon evening evenings hour hours minute minutes date dates time times period periods stretch
january february march april may june july august september october november december
first second third fourth fifth sixth seventh eighth ninth tenth last final opening closing
one some any each none both either neither several few many much lot lots number total share proportion
percent cent per events event happenings memories memory lessons lesson`)

// runOfTime implements OfTime: from each "of" before a time word it reads
// the time phrase after it, then the head noun and up to two modifiers back
// to "the", "a" or "an".
func runOfTime(pass *rules.Pass) {
	doc := pass.Doc
	for _, c := range triggers(doc).of {
		p, i := doc.Paragraphs[c.para], int(c.tok)
		if i < p.Tokens.First+2 || !is(doc, i, "of") {
			continue
		}
		n, strong := timePhrase(doc, i+1, p.Tokens.Last)
		if n == 0 {
			continue
		}
		head := i - 1
		hw := word(doc, head)
		if !isLowerWord(doc, head) || in(notHeads, hw) || strings.ContainsAny(hw, "0123456789") || !strong && !in(eventHeads, hw) {
			continue
		}
		det := head - 1
		for det >= p.Tokens.First && det > head-4 && isLowerWord(doc, det) && !isDeterminer(word(doc, det)) {
			if in(rankWords, word(doc, det)) || breaksClause(word(doc, det)) {
				det = -1 // "the last meteor shower of this year": one of the year's
				break
			}
			det--
		}
		if det < p.Tokens.First || !isDeterminer(word(doc, det)) {
			continue
		}
		if det > p.Tokens.First && doc.Tokens[det-1].Kind == document.Word && in(ofTimeBlockBefore, word(doc, det-1)) {
			continue
		}
		reportOfTime(pass, det, head, i, n)
	}
}

// rankWords before the noun make "of this year" a set to pick from ("the
// last meteor shower of this year", "the biggest match of next season"),
// which English writes with "of"; superlatives in -est are caught too.
var rankWords = set(`first last final only next previous top`)

// isDeterminer reports whether w is "the", "a" or "an".
func isDeterminer(w string) bool {
	return strings.EqualFold(w, "the") || strings.EqualFold(w, "a") || strings.EqualFold(w, "an")
}

// ofTimeBlockBefore are words before the determiner that make the noun
// phrase part of a larger time expression ("at the time of", "since the
// start of" are caught by the head; "all" in "all the matches of this
// season" is a quantity).
var ofTimeBlockBefore = set(`all`)

// timePhrase returns the length of the time phrase at j, and whether it is
// strong: a phrase with "last" or "next", or with a part of the day, is a
// time whatever the noun; a bare "today", "yesterday", "tomorrow" or day
// name, a season, and "this week" or "this year" are one only after an
// event noun. A phrase followed by a
// possessive or a noun ("of last year's", "of this season's") is not one.
func timePhrase(doc *document.Document, j, end int) (n int, strong bool) {
	w := word(doc, j)
	if w == "" {
		return 0, false
	}
	switch {
	case strings.EqualFold(w, "yesterday"), strings.EqualFold(w, "today"), strings.EqualFold(w, "tomorrow"), in(days, w) && capitalized(w):
		if j+1 < end && in(partsOfDay, word(doc, j+1)) && !strings.EqualFold(w, "today") {
			n, strong = 2, true
		} else {
			n = 1
		}
	case strings.EqualFold(w, "last"), strings.EqualFold(w, "this"), strings.EqualFold(w, "next"):
		nw := word(doc, j+1)
		if j+1 >= end || !in(afterLastThisNext, nw) {
			return 0, false
		}
		if strings.EqualFold(nw, "night") && !strings.EqualFold(w, "last") {
			return 0, false
		}
		// "the storms of last winter", "the floods of last spring": a season
		// with "of" is a register of English, and "the rain of this week",
		// "the meteor shower of this year" are how human translators write
		// the current period (4 of the 4 hits on WMT references and MLQE-PE
		// post-edits had "this"): both fire after an event noun only. "This
		// morning" and the other parts of the day stay strong.
		n, strong = 2, !in(seasons, nw) && (!strings.EqualFold(w, "this") || in(partsOfDay, nw))
	default:
		return 0, false
	}
	// "of last week" must end the noun phrase: not "of last week's", not
	// "of this year budget"; a bare day or "yesterday" must not be a
	// modifier ("the results of Saturday elections"), so a word after it
	// must be one that starts a predicate or a new phrase.
	if k := j + n; k < end {
		if doc.Tokens[k].Kind == document.Word {
			kw := doc.TokenText(k)
			if strings.HasPrefix(kw, "'") || strings.HasPrefix(kw, "’") || in(afterTimeNouns, kw) {
				return 0, false
			}
			// "of Friday to Saturday", "of this week until Monday": a span.
			if in(spanWords, kw) && k+1 < end && (in(days, word(doc, k+1)) || in(months, word(doc, k+1)) ||
				in(afterLastThisNext, word(doc, k+1)) || doc.Tokens[k+1].Kind == document.Number || is(doc, k+1, "the")) {
				return 0, false
			}
			if !strong && !in(afterBareTime, kw) && !hasSuffixFold(kw, "ed") {
				return 0, false
			}
		}
	}
	return n, strong
}

// afterTimeNouns are words that, after the time phrase, show that it
// modifies a following noun or belongs to a longer expression.
var afterTimeNouns = set(`onwards onward budget budgets edition figures results`)

// spanWords join two times into a span.
var spanWords = set(`to until till through`)

// afterBareTime are the words that can follow a bare "of Monday" or "of
// yesterday" when it ends its noun phrase: verbs, prepositions and
// conjunctions.
var afterBareTime = set(`is was are were will would has had have could can may might should must did does
in on at and but or by for with to as after before when where which that who while because from
left showed shows ended ends took takes saw sees starts started begins began`)

// reportOfTime reports "the … of <time>" from the determiner det to the end
// of the time phrase, with the time moved before the noun as a possessive.
func reportOfTime(pass *rules.Pass, det, head, of, n int) {
	doc := pass.Doc
	span := document.Span{Start: doc.Tokens[det].S(), End: doc.Tokens[of+n].E()}
	timeText := doc.SpanText(document.Span{Start: doc.Tokens[of+1].S(), End: doc.Tokens[of+n].E()})
	if !in(days, word(doc, of+1)) {
		timeText = strings.ToLower(timeText)
	}
	noun := doc.SpanText(document.Span{Start: doc.Tokens[det+1].S(), End: doc.Tokens[head].E()})
	sugg := timeText + "'s " + noun
	if capitalized(doc.TokenText(det)) {
		sugg = upperFirst(sugg)
	}
	pass.Reportf(span, []string{sugg}, "%q ties the time to the noun with \"of\" as Romance languages do: English says %q",
		doc.SpanText(span), sugg)
}
