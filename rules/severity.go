package rules

import (
	"fmt"
	"strings"
)

// Severity says how sure a rule is and so how a finding should be treated.
type Severity int

// The severities, in increasing order.
const (
	// Info is a weak signal that feeds the article's score.
	Info Severity = iota + 1
	// Warning is likely an artifact and needs a look.
	Warning
	// Error is near certain and fails CI by default.
	Error
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "info", "warning" or "error" (any case).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want info, warning or error)", s)
}

// MarshalText writes the severity's name, as JSON output needs.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// Category groups rules so that tools and people can filter on it. The set is
// fixed by the design.
type Category string

// The categories of DESIGN.md.
const (
	Punctuation Category = "punctuation"
	Quotes      Category = "quotes"
	Repetition  Category = "repetition"
	Idiom       Category = "idiom"
	Spinning    Category = "spinning"
	Typography  Category = "typography"
	Boilerplate Category = "boilerplate"
	Language    Category = "language"
	Grammar     Category = "grammar"
)

// Categories lists every category in the order of DESIGN.md.
var Categories = []Category{Punctuation, Quotes, Repetition, Idiom, Spinning, Typography, Boilerplate, Language, Grammar}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}
