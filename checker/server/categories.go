package server

import (
	"strings"

	"github.com/mtlint/mtlint/rules"
)

// ltCategories maps the category IDs of LanguageTool that clients send in
// enabledCategories and disabledCategories onto mtlint's categories, where
// one fits. An ID in neither this table nor mtlint's categories is ignored,
// as LanguageTool ignores a category it does not know. docs/serve.md shows
// this table.
//
//	LanguageTool ID       mtlint categories
//	PUNCTUATION           punctuation
//	TYPOGRAPHY            typography, quotes
//	GRAMMAR               grammar
//	STYLE                 idiom, spinning
//	REDUNDANCY            repetition
//	REPETITIONS           repetition
//	REPETITIONS_STYLE     repetition
//	CONFUSED_WORDS        idiom
//	FALSE_FRIENDS         idiom          (idiom.false-friends and kin)
//	COLLOCATIONS          idiom
//	NONSTANDARD_PHRASES   idiom          (calques, garbled idioms)
//	PLAIN_ENGLISH         spinning
//	MISC                  boilerplate, language
//	TYPOS                 (none: mtlint has no spelling check)
//	CASING, COMPOUNDING, COLLOQUIALISMS, REGIONALISMS, SEMANTICS,
//	GENDER_NEUTRALITY, WIKIPEDIA, ...   (none: ignored)
//
// mtlint's own category IDs (punctuation, quotes, …) are accepted too, in
// any case.
var ltCategories = map[string][]rules.Category{
	"PUNCTUATION":         {rules.Punctuation},
	"TYPOGRAPHY":          {rules.Typography, rules.Quotes},
	"GRAMMAR":             {rules.Grammar},
	"STYLE":               {rules.Idiom, rules.Spinning},
	"REDUNDANCY":          {rules.Repetition},
	"REPETITIONS":         {rules.Repetition},
	"REPETITIONS_STYLE":   {rules.Repetition},
	"CONFUSED_WORDS":      {rules.Idiom},
	"FALSE_FRIENDS":       {rules.Idiom},
	"COLLOCATIONS":        {rules.Idiom},
	"NONSTANDARD_PHRASES": {rules.Idiom},
	"PLAIN_ENGLISH":       {rules.Spinning},
	"MISC":                {rules.Boilerplate, rules.Language},
	"TYPOS":               nil,
}

// categoriesFor returns the mtlint categories that a category ID of a
// request stands for: LanguageTool's by the table, mtlint's own by name.
func categoriesFor(id string) []rules.Category {
	id = strings.TrimSpace(id)
	if cats, ok := ltCategories[strings.ToUpper(id)]; ok {
		// an mtlint category that is also an LT ID (PUNCTUATION, GRAMMAR)
		// maps to itself through the table
		return cats
	}
	if c := rules.Category(strings.ToLower(id)); c.Valid() {
		return []rules.Category{c}
	}
	return nil
}

// issueType is the ITS 2.0 localization quality issue type
// (https://www.w3.org/TR/its20/#lqissue-typevalues) that LanguageTool
// clients read from rule.issueType, for a finding of rule id in category
// cat: clients colour and group matches by it.
//
//	punctuation, quotes     typographical
//	typography              locale-violation (conventions of the source language)
//	repetition              duplication
//	idiom, spinning         style
//	grammar                 grammar
//	boilerplate             non-conformance
//	language.untranslated   untranslated
//	language (other)        characters (mixed scripts)
func issueType(id string, cat rules.Category) string {
	switch cat {
	case rules.Punctuation, rules.Quotes:
		return "typographical"
	case rules.Typography:
		return "locale-violation"
	case rules.Repetition:
		return "duplication"
	case rules.Idiom, rules.Spinning:
		return "style"
	case rules.Grammar:
		return "grammar"
	case rules.Boilerplate:
		return "non-conformance"
	case rules.Language:
		if id == "language.untranslated" {
			return "untranslated"
		}
		return "characters"
	}
	return "uncategorized"
}

// categoryNames are the names shown for mtlint's categories in
// rule.category.name.
var categoryNames = map[rules.Category]string{
	rules.Punctuation: "Punctuation",
	rules.Quotes:      "Quotes and brackets",
	rules.Repetition:  "Repetition",
	rules.Idiom:       "Calques and unnatural phrasing",
	rules.Spinning:    "Spun text (tortured phrases)",
	rules.Typography:  "Source-language typography",
	rules.Boilerplate: "Scraped page chrome",
	rules.Language:    "Untranslated text",
	rules.Grammar:     "Grammar",
}

// categoryName is the name of cat for clients.
func categoryName(cat rules.Category) string {
	if n, ok := categoryNames[cat]; ok {
		return n
	}
	return string(cat)
}
