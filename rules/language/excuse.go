package language

import (
	"strings"
	"unicode"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules/language/langid"
)

// languageNames are the names of languages that, written next to a foreign
// phrase ("in French", "the German word"), mark it as foreign on purpose.
var languageNames = setOf(`french spanish german italian portuguese russian ukrainian chinese mandarin
cantonese japanese arabic turkish polish latin greek dutch catalan basque hebrew hindi urdu persian farsi
korean swahili creole gaelic welsh irish afrikaans swedish norwegian danish finnish hungarian czech slovak
romanian serbian croatian bulgarian vietnamese thai indonesian malay tagalog yiddish occitan breton
corsican quechua guarani castilian galician flemish belarusian kazakh georgian armenian`)

// afterLanguageName are the words that make a language name a mark:
// "French for", "the Spanish phrase", "its German title".
var afterLanguageName = setOf(`for phrase phrases word words term terms expression expressions saying
sayings slogan slogans motto title titles name names original version text lyrics proverb idiom
equivalent translation`)

// cues mark a phrase as quoted on purpose, quoted or not: "meaning",
// "known as", "the so-called".
var cues = setOf(`means meaning meant translates translated translation translating literally roughly
loosely known called dubbed so-called nicknamed motto slogan slogans phrase term expression proverb
title titled entitled catchphrase hashtag`)

// quoteCues mark a quotation as a title, a slogan, a sign or a song rather
// than speech that was left untranslated.
var quoteCues = setOf(`chant chants chanted chanting sang sing singing sung anthem song songs hymn film
films movie documentary book novel memoir album single play opera poem series show programme headline
headlined newspaper magazine banner banners placard placards sign signs graffiti inscription inscribed
reading reads read painted written lyrics tweet tweeted captioned caption words word`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// excused reports whether the fragment words[a:b] is foreign on purpose: a
// quotation that is marked as foreign (by a language name, a translation,
// a gloss) or that is a title, a slogan or a short phrase; a phrase that
// the text introduces as foreign; a gloss in brackets after a name.
func excused(doc *document.Document, words []pword, a, b int, f Fragment, quotes []quote) bool {
	toks := doc.Tokens
	first, last := words[a].tok, words[b-1].tok
	for _, q := range quotes {
		if q.open < first && last < q.close {
			n := 0
			for k := q.open + 1; k < q.close; k++ {
				if toks[k].Kind == document.Word {
					n++
				}
			}
			if n < minQuotedWords {
				return true
			}
			return marked(doc, q.open, 8, true) || glossAfter(doc, q.close)
		}
	}
	// the lower-case tail of a name: "the Centre national de la
	// recherche scientifique", "the Banco de la Nación Argentina"
	if k := nameBefore(doc, words, a); k >= 0 {
		if t := toks[words[k].tok]; strings.EqualFold(doc.Text[t.Start:t.End], "the") {
			return true
		}
	}
	// a gloss: "the People's Republic of China (中华人民共和国)"
	if first > 1 && last+1 < len(toks) && punct(doc, first-1) == "(" && punct(doc, last+1) == ")" {
		if t := toks[first-2]; t.Kind == document.Word && startsUpper(doc.Text[t.Start:t.End]) {
			return true
		}
	}
	// a gloss may follow the names that end the phrase: "se volvió loco
	// en el Bernabéu (Wayne Rooney went crazy in the Bernabeu)"
	for k := b; k < len(words) && words[k].flags&fName != 0 && words[k].tok == words[k-1].tok+1; k++ {
		last = words[k].tok
	}
	return marked(doc, first, 4, false) || glossAfter(doc, last)
}

// nameBefore returns the index of the word before the name that
// words[a] continues (at most two words in lower case after a run of
// capitalised ones, all adjacent), or -1.
func nameBefore(doc *document.Document, words []pword, a int) int {
	k := a - 1
	for n := 0; k >= 0 && n < 2 && words[k].flags&fName == 0 && words[k].tok+1 == words[k+1].tok; n++ {
		k--
	}
	names := 0
	for k >= 0 && words[k].flags&fName != 0 && words[k].tok+1 == words[k+1].tok {
		k--
		names++
	}
	if names == 0 || k < 0 || words[k].tok+1 != words[k+1].tok {
		return -1
	}
	return k
}

// marked reports whether one of the n words before token at marks what
// follows as foreign; quoted widens the cues to titles, songs and signs.
func marked(doc *document.Document, at, n int, quoted bool) bool {
	toks := doc.Tokens
	var seen []string // the words before at, nearest first
	for k := at - 1; k >= 0 && len(seen) < n; k-- {
		t := toks[k]
		if t.Kind == document.Word {
			seen = append(seen, strings.ToLower(doc.Text[t.Start:t.End]))
		}
		if k > 0 && t.Has(document.LineBefore) && toks[k-1].Kind == document.Punct && doc.IsTerminal(k-1) {
			break
		}
	}
	for i, w := range seen {
		if cues[w] || quoted && quoteCues[w] {
			return true
		}
		if languageNames[w] {
			if i+1 < len(seen) && seen[i+1] == "in" || i > 0 && afterLanguageName[seen[i-1]] {
				return true
			}
		}
	}
	return false
}

// glossAfter reports whether a translation or an explanation follows token
// at: "(We are at home)", ", meaning", "or", "- French for", ", which
// means".
func glossAfter(doc *document.Document, at int) bool {
	toks := doc.Tokens
	k := at + 1
	for k < len(toks) && toks[k].Kind == document.Punct {
		switch punct(doc, k) {
		case "(", "[":
			return true
		}
		k++
		if k > at+3 {
			return false
		}
	}
	var next [2]string
	for n := 0; k < len(toks) && n < 2 && toks[k].Kind == document.Word; k++ {
		next[n] = strings.ToLower(doc.Text[toks[k].Start:toks[k].End])
		n++
	}
	switch {
	case next[0] == "or" || glosses[next[0]]:
		return true
	case languageNames[next[0]] && next[1] == "for":
		return true
	case (next[0] == "which" || next[0] == "that") && glosses[next[1]]:
		return true
	}
	return false
}

// glosses are the words that introduce a translation after a phrase.
var glosses = setOf(`meaning means meant translated translates translating literally roughly loosely`)

func punct(doc *document.Document, k int) string {
	t := doc.Tokens[k]
	if t.Kind != document.Punct {
		return ""
	}
	return doc.Text[t.Start:t.End]
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

func isLower(r rune) bool { return unicode.IsLower(r) }

// writtenIn reports whether the language with ISO 639-1 code is written in
// script sc.
func writtenIn(code string, sc script) bool {
	return langid.ScriptOfLanguage(code) == sc || code == "ja" && sc == kana
}

// byScript names the language of a text in a script that no configured
// language is written in.
func byScript(sc script) langid.Language {
	switch sc {
	case greek:
		return langid.Language{Code: "el", Name: "Greek"}
	case hangul:
		return langid.Language{Code: "ko", Name: "Korean"}
	case hebrew:
		return langid.Language{Code: "he", Name: "Hebrew"}
	case thai:
		return langid.Language{Code: "th", Name: "Thai"}
	case kana:
		return langid.Language{Code: "ja", Name: "Japanese"}
	case han:
		return langid.Language{Code: "zh", Name: "Chinese"}
	case arabic:
		return langid.Language{Code: "ar", Name: "Arabic"}
	case devanagari:
		return langid.Language{Code: "hi", Name: "Hindi"}
	}
	return langid.Language{Name: sc.String() + "-script"}
}
