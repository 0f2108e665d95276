// Package language holds the rules of the language family: a fragment left
// in the source language inside English text (language.untranslated) and a
// word that mixes Latin letters with Cyrillic or Greek look-alikes
// (language.mixed-script). It also tells the language of a whole document
// (DetectDocument), so that the checker can say that a text is not English
// instead of running English rules over it.
//
// Language identification is lingua's (package langid), but lingua is slow
// and memory-hungry and, on a text of four words, often wrong: the rules
// ask it only about windows of words that a prefilter finds suspicious.
// The prefilter classifies each word with a lookup in a small lexicon:
// English function words ("the", "said"), function words of the source
// languages that are not English words ("les", "und", "que", "não"),
// French and Italian elisions ("l'État", "dell'"), accented letters and
// letters of other scripts. Names (capitalised words and their particles,
// "de Gaulle") and loanwords ("coup d'état", "per se", loanwords.txt) do
// not count. A paragraph without a foreign mark or another script is
// skipped at once; a window of five words goes to lingua only when it
// holds two foreign marks and at most one English function word. On the
// 1,438 clean BBC articles of the dev corpus lingua is asked about seven
// texts in all, most of them about a Spanish phrase that one article
// glosses, so an English article nearly never loads a model. Lingua is then asked only
// about English and the languages that the window's words point to, so
// that a French fragment loads the models of French, not of every
// language of the set.
//
// Flagged windows are merged into a fragment, which is trimmed of English
// words, names and loanwords at its ends, clipped at quotation marks,
// judged by lingua as a whole, and reported unless it is foreign on
// purpose (see Untranslated). Fragments in another script are runs of
// words in that script, named by lingua or by the script.
package language

import (
	"github.com/mtlint/mtlint/rules"
)

// Rules lists the family's rules in their fixed run order.
var Rules = []*rules.Rule{Untranslated, MixedScript, CJKCharacters}

// AnyLanguage reports whether r is a rule that means the same in a
// document of any language, and so runs on a document that is not
// English. Every other rule was written for English text: the phrase
// packs, the grammar and idiom rules and language.untranslated obviously;
// but also punctuation (French puts a space before "?" and ";", Russian
// writes "?.."), quotes (German opens with „ and closes with “),
// repetition ("nous nous", "die die" are correct) and typography, whose
// findings are the conventions of other languages. Of the built-in rules
// only language.mixed-script is independent of the language: a Latin
// letter inside a Cyrillic word is a slip in Russian text too.
func AnyLanguage(r *rules.Rule) bool { return r == MixedScript }

// Untranslated flags a run of at least three words in another language
// inside English text: a sentence or a clause the translator (or the
// engine) left as it was.
var Untranslated = &rules.Rule{
	ID:       "language.untranslated",
	Category: rules.Language,
	Severity: rules.Warning,
	Doc:      "a fragment of three or more words in another language inside English text",
	Explanation: `Machine translation leaves text untranslated when a segment was not sent to the
engine (a caption, a quotation, a list item), when the engine judged it to be a name,
or when a post-editor pasted the original back: "The minister said il n'y a pas de
solution miracle to the crisis." A fragment that no one translated is the plainest
sign of a careless translation, and it names the source language.

What to do: translate the fragment, or, if it is meant to stay in its language, mark
it as such: put it in quotation marks and say what language it is or what it means
("the slogan « On est chez nous » (We are at home)").

Not flagged: names, capitalised or with their particles (Emmanuel Macron, Charles de
Gaulle, Banco de España, Le Monde); loanwords and Latin tags that English uses as its
own (coup d'état, per se, Realpolitik, status quo, de facto, vis-à-vis, raison
d'être, fait accompli, bona fide, ad hoc, in situ, déjà vu, Zeitgeist, glasnost...);
fragments of fewer than three words; quotations marked as foreign by a language
name, a translation or a gloss, or introduced as a title, a slogan, a song, a sign
or a word ("the phrase", "known as", "meaning", "the film"), and short quotations
(fewer than five words). A fragment in another script is named by lingua among the
configured languages, or by its script.`,
	Flagged:   "The minister told reporters that il n'y a pas de solution miracle to the housing crisis.",
	Unflagged: "The coup d'état in Niger was condemned, per se, as Realpolitik by Emmanuel Macron and Le Monde.",
	Run:       runUntranslated,
}

// MixedScript flags a word that mixes Latin letters with Cyrillic or Greek
// ones, such as "Рutin" with a Cyrillic "Р": homoglyphs that spammers and
// spinners use to dodge filters, or the trace of a keyboard switched in the
// middle of a word.
var MixedScript = &rules.Rule{
	ID:       "language.mixed-script",
	Category: rules.Language,
	Severity: rules.Error,
	Doc:      "a word that mixes Latin letters with Cyrillic or Greek look-alikes",
	Explanation: `Some Cyrillic and Greek letters look exactly like Latin ones: Cyrillic "Р", "а",
"е", "о", "с", Greek "Ο", "Ρ", "ν". A word that mixes them ("Рutin", "Gаzprom") reads
normally but is a different string: search, spell-checking, text-to-speech and
translation all fail on it. Synonym spinners and spammers swap such letters in on
purpose to dodge duplicate and spam filters; a writer switching keyboard layouts in
the middle of a word does it by accident. Either way the word is wrong.

What to do: retype the word in one script. When every odd letter has a look-alike in
the word's main script, the replacement is suggested.

Not flagged: words wholly in one script (Путин, Athens), words whose parts are each in
one script ("β-blocker", "Путин's"), numbers with units ("5μm", "10kΩ"), and the Greek
letters that science writes inside Latin words ("TNFα", "PPARγ", "NF-κB", "ΔT"),
which do not look like Latin letters.`,
	Flagged:   "President Рutin met the head of Gаzprom on Monday.",
	Unflagged: "President Путин's spokesman said β-blocker sales of 5μm pills rose in Athens.",
	SafeFix:   true,
	Run:       runMixedScript,
}
