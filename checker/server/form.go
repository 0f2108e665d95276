package server

import (
	"fmt"
	"net/url"
	"strings"
)

// parseForm reads an application/x-www-form-urlencoded body (or a query
// string) into values, the last of a repeated key winning, as
// LanguageTool's server reads it. Unlike net/url.ParseQuery it splits only
// at '&', so that a raw ';' in a text that a client did not escape stays
// part of the text. A malformed percent escape is an error.
func parseForm(s string, into map[string]string) error {
	for s != "" {
		var pair string
		pair, s, _ = strings.Cut(s, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return fmt.Errorf("could not decode parameter name %q: %v", clip(k, 40), err)
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return fmt.Errorf("could not decode the value of parameter '%s': %v", clip(key, 40), err)
		}
		into[key] = val
	}
	return nil
}

// clip cuts s to at most n bytes for a message, at a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
