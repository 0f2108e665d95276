package langid

import "unicode"

// Script is a writing system: the language rules judge words by it, and the
// detector which models a text may need.
type Script uint8

// The scripts told apart.
const (
	NoScript Script = iota // not a letter of a script: digits, marks, punctuation
	Latin
	Cyrillic
	Greek
	Han
	Kana
	Hangul
	Arabic
	Hebrew
	Devanagari
	Thai
	OtherScript
)

var scriptNames = [...]string{"", "Latin", "Cyrillic", "Greek", "Han", "Japanese kana", "Hangul", "Arabic", "Hebrew", "Devanagari", "Thai", "non-Latin"}

// String names the script ("Cyrillic").
func (s Script) String() string { return scriptNames[s] }

// ScriptOf returns the script of the letter r, or NoScript for a character
// that is not a letter of a script (digits, marks, punctuation, and the
// characters that Unicode counts as Common, such as the micro sign).
func ScriptOf(r rune) Script {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return Latin
		}
		return NoScript
	case r < 0x250:
		if unicode.IsLetter(r) && r != 'µ' && r != 'ª' && r != 'º' {
			return Latin
		}
		return NoScript
	case !unicode.IsLetter(r):
		return NoScript
	case unicode.Is(unicode.Latin, r):
		return Latin
	case unicode.Is(unicode.Cyrillic, r):
		return Cyrillic
	case unicode.Is(unicode.Greek, r):
		return Greek
	case unicode.Is(unicode.Han, r):
		return Han
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー':
		return Kana
	case unicode.Is(unicode.Hangul, r):
		return Hangul
	case unicode.Is(unicode.Arabic, r):
		return Arabic
	case unicode.Is(unicode.Hebrew, r):
		return Hebrew
	case unicode.Is(unicode.Devanagari, r):
		return Devanagari
	case unicode.Is(unicode.Thai, r):
		return Thai
	}
	return OtherScript
}

// ScriptOfLanguage returns the script the language with ISO 639-1 code is
// written in (Han for Japanese, whose kana go with it); Latin for every
// language not named here.
func ScriptOfLanguage(code string) Script {
	switch code {
	case "ru", "uk", "be", "bg", "kk", "mk", "mn", "sr":
		return Cyrillic
	case "zh", "ja":
		return Han
	case "ar", "fa", "ur":
		return Arabic
	case "he":
		return Hebrew
	case "el":
		return Greek
	case "ko":
		return Hangul
	case "hi", "mr":
		return Devanagari
	case "th":
		return Thai
	}
	return Latin
}
