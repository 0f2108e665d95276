package score

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mtlint/mtlint/rules/packs"
)

// The source-language hint weighs three kinds of evidence, each item
// casting votes for the languages it betrays:
//
//   - a phrase-pack entry that fired casts one vote, shared equally among
//     the source languages the entry is tagged with (rules/packs: `lang`),
//     so "since three years" (fr, es, de, it, pt) gives each 0.2 and a
//     French-only calque gives French 1;
//   - a typography finding casts one vote shared as typographyVotes says:
//     French spacing and "14h30" are French, „…“ mostly German, a decimal
//     comma continental European at large;
//   - a run of another language that language.untranslated found (reported
//     or not: a quotation marked as foreign still shows what the writer
//     read) casts confidence × words/4 votes, at most 3, for its language,
//     half that when it was not reported.
//
// The language with the most votes v wins if it is strictly ahead, with
// confidence share × (1 − exp(−v)), where share is its part of all votes:
// the more and the more consistent the evidence, the surer. There is no
// hint when v < MinVotes or the confidence is under MinConfidence.
const (
	// MinVotes is the fewest votes a language needs to be hinted: about
	// one unambiguous finding.
	MinVotes = 1.0
	// MinConfidence is the lowest confidence a hint is given with.
	MinConfidence = 0.3
)

// Fragment is what the hint reads of a run of another language.
type Fragment struct {
	// Language is its ISO 639-1 code, empty when only the script is known.
	Language string
	// Confidence is the language identifier's, 0 to 1.
	Confidence float64
	// Words counts its words; Reported says language.untranslated
	// reported it.
	Words    int
	Reported bool
}

// Hint is the most likely language a document was translated from.
type Hint struct {
	// Language is an ISO 639-1 code ("fr").
	Language string `json:"language"`
	// Confidence is between 0 and 1, rounded to two decimals.
	Confidence float64 `json:"confidence"`
	// Evidence lists what voted, most votes first; it is for
	// explain-score, not the JSON contract.
	Evidence []Evidence `json:"-"`
}

// Evidence is one kind of item that voted in a hint: a pack entry, a
// typography rule with one message, or the fragments of one language.
type Evidence struct {
	// Rule is the rule that found it ("idiom.time", "typography.guillemets",
	// "language.untranslated").
	Rule string
	// What describes it: the finding's message, or "French fragments".
	What string
	// Count is how many such items there were.
	Count int
	// Votes maps languages to the votes the items cast in all.
	Votes map[string]float64
}

// finding text for a typography vote: the rule and a marker in the message
// or the flagged text choose the languages.
type typoVote struct {
	rule string
	// when, if set, must occur in the message (or, with text, be the
	// flagged text's first character).
	when string
	text bool
	// langs are the languages and their shares (summing to 1).
	langs map[string]float64
}

// typographyVotes says which languages each typography finding betrays;
// the first entry that applies wins. Shares follow the rules' explanations
// (rules/typography), weighted towards the common sources of syndicated
// news.
var typographyVotes = []typoVote{
	{rule: "typography.french-spacing", langs: map[string]float64{"fr": 1}},
	{rule: "typography.time-format", when: "French", langs: map[string]float64{"fr": 1}},
	{rule: "typography.time-format", when: "German", langs: map[string]float64{"de": 1}},
	{rule: "typography.time-format", langs: map[string]float64{"es": 0.5, "it": 0.5}},
	{rule: "typography.ordinal", when: "French", langs: map[string]float64{"fr": 1}},
	{rule: "typography.ordinal", when: "German", langs: map[string]float64{"de": 0.8, "pl": 0.2}},
	{rule: "typography.ordinal", langs: map[string]float64{"es": 0.4, "it": 0.4, "pt": 0.2}},
	{rule: "typography.low-quotes", langs: map[string]float64{"de": 0.6, "pl": 0.2, "ru": 0.1, "uk": 0.1}},
	// » opening a quotation is German's reversed guillemet.
	{rule: "typography.guillemets", when: "» opening", langs: map[string]float64{"de": 1}},
	{rule: "typography.guillemets", when: "« closing", langs: map[string]float64{"de": 1}},
	{rule: "typography.guillemets", langs: map[string]float64{"fr": 0.4, "ru": 0.25, "uk": 0.15, "es": 0.1, "it": 0.1}},
	{rule: "typography.thousands-separator", when: ".", text: true, langs: map[string]float64{"de": 0.4, "es": 0.2, "it": 0.2, "pt": 0.1, "tr": 0.1}},
	{rule: "typography.thousands-separator", langs: map[string]float64{"fr": 0.4, "ru": 0.25, "uk": 0.15, "pl": 0.2}},
	{rule: "typography.decimal-comma", langs: map[string]float64{"fr": 0.2, "de": 0.2, "es": 0.15, "it": 0.15, "ru": 0.1, "uk": 0.1, "pl": 0.1}},
	{rule: "typography.currency-after", langs: map[string]float64{"fr": 0.2, "de": 0.2, "es": 0.15, "it": 0.15, "ru": 0.1, "uk": 0.1, "pl": 0.1}},
	{rule: "typography.roman-century", langs: map[string]float64{"fr": 0.2, "es": 0.2, "it": 0.15, "pt": 0.1, "pl": 0.1, "ru": 0.15, "uk": 0.1}},
}

// typographyLangs returns the votes of a typography finding, or nil.
func typographyLangs(f Finding) map[string]float64 {
	for _, v := range typographyVotes {
		if v.rule != f.Rule {
			continue
		}
		switch {
		case v.when == "":
		case v.text && strings.Contains(f.Text, v.when):
		case !v.text && strings.Contains(f.Message, v.when):
		default:
			continue
		}
		return v.langs
	}
	return nil
}

// packLangs returns the source languages of the built-in pack entry that
// rule reports with message, or nil.
func packLangs(rule, message string) []string { return packs.MessageLanguages(rule, message) }

// languageNames names the languages of the hint's messages.
var languageNames = map[string]string{
	"fr": "French", "es": "Spanish", "de": "German", "it": "Italian", "pt": "Portuguese",
	"ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese", "ar": "Arabic",
	"tr": "Turkish", "pl": "Polish", "nl": "Dutch", "en": "English",
}

// LanguageName returns the English name of an ISO 639-1 code, or the code.
func LanguageName(code string) string {
	if n, ok := languageNames[code]; ok {
		return n
	}
	return code
}

// SourceLanguage weighs the evidence of a document's findings and
// fragments (see the constants above) and returns the most likely source
// language, or nil when the evidence is thin.
func SourceLanguage(findings []Finding, fragments []Fragment) *Hint {
	ev := Collect(findings, fragments)
	if len(ev) == 0 {
		return nil
	}
	total := map[string]float64{}
	sum := 0.0
	for _, e := range ev {
		for l, v := range e.Votes {
			total[l] += v
			sum += v
		}
	}
	langs := make([]string, 0, len(total))
	for l := range total {
		langs = append(langs, l)
	}
	slices.SortFunc(langs, func(a, b string) int {
		if c := cmp.Compare(total[b], total[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	best := langs[0]
	v := total[best]
	if v < MinVotes || len(langs) > 1 && total[langs[1]] >= v-1e-9 {
		return nil
	}
	conf := v / sum * (1 - math.Exp(-v))
	conf = math.Round(conf*100) / 100
	if conf < MinConfidence {
		return nil
	}
	slices.SortStableFunc(ev, func(a, b Evidence) int { return cmp.Compare(b.Votes[best], a.Votes[best]) })
	return &Hint{Language: best, Confidence: conf, Evidence: ev}
}

// Collect returns the evidence for a source language in a document's
// findings and fragments, in the order first seen, whether or not it is
// enough for a hint.
func Collect(findings []Finding, fragments []Fragment) []Evidence {
	var ev []Evidence
	idx := map[string]int{}
	add := func(rule, what string, votes map[string]float64) {
		k := rule + "\x00" + what
		i, ok := idx[k]
		if !ok {
			i = len(ev)
			idx[k] = i
			ev = append(ev, Evidence{Rule: rule, What: what, Votes: map[string]float64{}})
		}
		ev[i].Count++
		for l, v := range votes {
			ev[i].Votes[l] += v
		}
	}
	for _, f := range findings {
		if langs := packLangs(f.Rule, f.Message); len(langs) > 0 {
			votes := make(map[string]float64, len(langs))
			for _, l := range langs {
				votes[l] = 1 / float64(len(langs))
			}
			add(f.Rule, f.Message, votes)
		} else if votes := typographyLangs(f); votes != nil {
			add(f.Rule, f.Message, votes)
		}
	}
	for _, fr := range fragments {
		if fr.Language == "" || fr.Language == "en" || fr.Words <= 0 {
			continue
		}
		v := math.Min(fr.Confidence*float64(fr.Words)/4, 3)
		what := LanguageName(fr.Language) + " fragments"
		if !fr.Reported {
			v /= 2
			what = LanguageName(fr.Language) + " fragments not reported (quotations, titles)"
		}
		add("language.untranslated", what, map[string]float64{fr.Language: v})
	}
	return ev
}

// String writes the hint as "fr (French), confidence 0.70".
func (h *Hint) String() string {
	if h == nil {
		return "none"
	}
	return fmt.Sprintf("%s (%s), confidence %.2f", h.Language, LanguageName(h.Language), h.Confidence)
}
