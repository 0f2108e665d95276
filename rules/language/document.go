package language

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/rules/language/langid"
)

// Detection is the language of a whole document, as DetectDocument found
// it.
type Detection struct {
	// Language is the document's language: English, another language, or
	// the zero Language when the text has too few words to tell.
	Language langid.Language
	// Confidence is how sure the detection is, between 0 and 1: lingua's
	// confidence for a document that is not English, the share of the
	// sampled windows that look English for an English one.
	Confidence float64
	// Sampled is the number of windows of text that were sampled, and
	// Foreign how many of them looked like another language.
	Sampled, Foreign int
}

// English reports whether the document is taken to be English: it is, or
// it is too short to tell.
func (d Detection) English() bool {
	return d.Language.Code == "" || d.Language.Code == langid.English.Code
}

// How DetectDocument samples a document.
const (
	// samples is the number of places of the text sampled.
	samples = 9
	// sampleWords is the number of words read at each place.
	sampleWords = 24
	// sampleBytes bounds the bytes read at each place, so that a text
	// without spaces costs no more than one with them.
	sampleBytes = 400
	// minSampleWords is the fewest words a sample needs to count.
	minSampleWords = 8
	// linguaBytes bounds the text of the foreign samples given to lingua.
	linguaBytes = 1200
)

// DetectDocument tells the language of text cheaply: it samples a few
// windows of words spread over the text and classifies each with the
// prefilter's lexicon, as English (English function words make up a good
// share of any English prose), foreign (few English function words and
// foreign function words or letters of another script instead), or
// unclear (lists, tables, names). Only when foreign windows outnumber
// English ones is lingua asked, about the text of the foreign windows; an
// English document never reaches it.
func DetectDocument(text string) Detection {
	var d Detection
	english := 0
	var foreign strings.Builder
	var langs langBits // the languages the foreign samples point to
	other := 0         // foreign samples in another script
	pos := 0
	for i := 0; i < samples; i++ {
		at := max(pos, len(text)/samples*i)
		if at >= len(text) {
			break
		}
		s := sample(text, at)
		pos = s.end
		if s.words < minSampleWords {
			continue
		}
		d.Sampled++
		switch {
		case s.other*2 >= s.words || s.english*20 <= s.words && s.foreign*10 >= s.words:
			d.Foreign++
			langs |= s.langs
			if s.other*2 >= s.words {
				other++
			}
			if foreign.Len() < linguaBytes {
				foreign.WriteString(text[s.start:s.end])
				foreign.WriteString("\n")
			}
		case s.english*100 >= s.words*15:
			english++
		}
	}
	switch {
	case d.Sampled == 0:
		return d
	case d.Foreign <= english:
		d.Language = langid.English
		d.Confidence = float64(english) / float64(english+d.Foreign)
		if english == 0 {
			d.Language, d.Confidence = langid.Language{}, 0 // nothing but unclear samples
		}
		return d
	}
	var codes []string
	if other*2 < d.Foreign && langs != 0 {
		codes = langs.codes() // Latin text: only the languages it points to
	}
	g, ok := langid.DetectAmong(foreign.String(), codes...)
	if !ok {
		return d
	}
	top := g.Top()
	d.Language, d.Confidence = top.Language, top.Value
	return d
}

// sampled is what sample counted in one window of text.
type sampled struct {
	start, end                     int // the bytes read
	words, english, foreign, other int
	langs                          langBits
}

// sample reads up to sampleWords words of text from the first word
// boundary at or after at and counts them by class. Capitalised words are
// counted but not looked up: names say nothing about the language.
func sample(text string, at int) sampled {
	// start at a word boundary
	for at < len(text) && at > 0 && !utf8.RuneStart(text[at]) {
		at++
	}
	for at > 0 && at < len(text) {
		r, size := utf8.DecodeRuneInString(text[at:])
		if !isWordRune(r) {
			break
		}
		at += size
	}
	s := sampled{start: at, end: at}
	limit := min(len(text), at+sampleBytes)
	i := at
	for i < limit && s.words < sampleWords {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) || r == '\'' || r == '’' || r == '-' {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		w := strings.TrimRight(text[i:j], "'’-")
		i = j
		if r >= '0' && r <= '9' {
			continue
		}
		info := classify(w)
		s.words += info.weight
		switch {
		case info.class&cOtherScript != 0:
			s.other += info.weight
		case info.class&cEnglish != 0:
			s.english++
		case info.class&cForeign != 0:
			s.foreign++
			s.langs |= info.langs
		}
	}
	s.end = i
	return s
}

// isWordRune reports whether r belongs to a word: a letter, a digit, a
// mark, or an apostrophe or hyphen inside one.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '\'' || r == '-'
	}
	return r == '’' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
