package server

import (
	"strings"

	"github.com/mtlint/mtlint/rules/language/langid"
)

// ltLanguage is a language as LanguageTool names it.
type ltLanguage struct {
	Name     string `json:"name"`
	Code     string `json:"code"`
	LongCode string `json:"longCode"`
}

// languages are the codes that /v2/check takes in language (besides auto)
// and /v2/languages lists: English and its variants, which mtlint checks
// alike. The names are LanguageTool's.
var languages = []ltLanguage{
	{"English", "en", "en"},
	{"English (Australian)", "en", "en-AU"},
	{"English (Canadian)", "en", "en-CA"},
	{"English (GB)", "en", "en-GB"},
	{"English (New Zealand)", "en", "en-NZ"},
	{"English (South African)", "en", "en-ZA"},
	{"English (US)", "en", "en-US"},
}

// supportedCodes lists the language codes for the message of an unknown
// one.
func supportedCodes() string {
	codes := []string{"auto"}
	for _, l := range languages {
		codes = append(codes, l.LongCode)
	}
	return strings.Join(codes, ", ")
}

// lookupLanguage returns the language of code (case ignored, '_' read as
// '-'), or false.
func lookupLanguage(code string) (ltLanguage, bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), "_", "-")
	for _, l := range languages {
		if strings.EqualFold(l.LongCode, code) {
			return l, true
		}
	}
	return ltLanguage{}, false
}

// detected is the language that the checker found a text to be in, as
// LanguageTool reports it: English as its default variant, en-US; another
// language by its ISO 639-1 code and English name; a text too short to
// tell as English, the language mtlint checks.
func detected(code string) ltLanguage {
	if code == "" || code == "en" {
		l, _ := lookupLanguage("en-US")
		return l
	}
	name := code
	if l, ok := langid.Lookup(code); ok {
		name = l.Name
	}
	return ltLanguage{Name: name, Code: code, LongCode: code}
}
