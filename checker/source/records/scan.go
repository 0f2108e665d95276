package records

import (
	"encoding/json"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// member is one key and value of a JSON object, the value as written.
type member struct {
	key string
	raw []byte
}

// scanObject splits a line that holds one JSON object into its members in a
// single pass, without encoding/json's per-byte state machine, which costs
// more than the check itself on article-sized strings. It returns false
// for anything it does not accept as valid JSON, or that it leaves to
// encoding/json (an escaped key); the caller then decodes the line with
// encoding/json, which also says what is wrong. It gives the members that
// encoding/json's Decoder gives (a fuzz test compares them).
func scanObject(line []byte, ms []member) ([]member, bool) {
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return nil, false
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		return ms, skipSpace(line, i+1) == len(line)
	}
	for {
		if i >= len(line) || line[i] != '"' {
			return nil, false
		}
		end, escaped, ok := scanString(line, i)
		if !ok || escaped {
			return nil, false
		}
		key := string(line[i+1 : end-1])
		i = skipSpace(line, end)
		if i >= len(line) || line[i] != ':' {
			return nil, false
		}
		i = skipSpace(line, i+1)
		if i >= len(line) {
			return nil, false
		}
		start := i
		if line[i] == '"' {
			if end, _, ok = scanString(line, i); !ok {
				return nil, false
			}
		} else {
			if end, ok = skipValue(line, i); !ok || !json.Valid(line[start:end]) {
				return nil, false
			}
		}
		ms = append(ms, member{key: key, raw: line[start:end]})
		i = skipSpace(line, end)
		if i >= len(line) {
			return nil, false
		}
		switch line[i] {
		case ',':
			i = skipSpace(line, i+1)
		case '}':
			return ms, skipSpace(line, i+1) == len(line)
		default:
			return nil, false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// scanString returns the end (after the closing quote) of the JSON string
// that starts at b[i], whether it holds escapes, and whether it is valid:
// no control character, only JSON's escapes.
func scanString(b []byte, i int) (end int, escaped, ok bool) {
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			return j + 1, escaped, true
		case c == '\\':
			escaped = true
			if j+1 >= len(b) {
				return 0, false, false
			}
			switch b[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j++
			case 'u':
				if j+5 >= len(b) || hex4(b[j+2:j+6]) < 0 {
					return 0, false, false
				}
				j += 5
			default:
				return 0, false, false
			}
		case c < 0x20:
			return 0, false, false
		}
	}
	return 0, false, false
}

// skipValue returns where the value (not a string) that starts at b[i]
// ends: at the comma or brace that closes it at the top level, white space
// trimmed. Strings inside are skipped whole; validity is checked by the
// caller.
func skipValue(b []byte, i int) (int, bool) {
	depth := 0
	j := i
	for ; j < len(b); j++ {
		switch b[j] {
		case '"':
			end, _, ok := scanString(b, j)
			if !ok {
				return 0, false
			}
			j = end - 1
		case '[', '{':
			depth++
		case ']':
			depth--
		case '}':
			if depth == 0 {
				return trimSpaceEnd(b, i, j), true
			}
			depth--
		case ',':
			if depth == 0 {
				return trimSpaceEnd(b, i, j), true
			}
		}
		if depth < 0 {
			return 0, false
		}
	}
	return trimSpaceEnd(b, i, j), true
}

func trimSpaceEnd(b []byte, start, end int) int {
	for end > start && (b[end-1] == ' ' || b[end-1] == '\t' || b[end-1] == '\n' || b[end-1] == '\r') {
		end--
	}
	return end
}

// hex4 reads four hexadecimal digits, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// unquote decodes the JSON string raw (quotes included, valid as
// scanString checks) as encoding/json does: a lone surrogate becomes
// U+FFFD. The input is valid UTF-8.
func unquote(raw []byte) string {
	s := raw[1 : len(raw)-1]
	for _, c := range s {
		if c == '\\' {
			return string(appendUnquoted(make([]byte, 0, len(s)), raw))
		}
	}
	return string(s)
}

// appendUnquoted appends the decoded JSON string raw to b (see unquote).
func appendUnquoted(b, raw []byte) []byte {
	s := raw[1 : len(raw)-1]
	i := 0
	for i < len(s) {
		c := s[i]
		if c != '\\' {
			j := i + 1
			for j < len(s) && s[j] != '\\' {
				j++
			}
			b = append(b, s[i:j]...)
			i = j
			continue
		}
		switch s[i+1] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := hex4(s[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if d := utf16.DecodeRune(r, hex4(s[i+2:])); d != unicode.ReplacementChar {
						b = utf8.AppendRune(b, d)
						i += 6
						continue
					}
				}
				r = unicode.ReplacementChar
			}
			b = utf8.AppendRune(b, r)
			continue
		default: // " \ /
			b = append(b, s[i+1])
		}
		i += 2
	}
	return b
}
