package server

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// annotated is a text as a LanguageTool client sends it: the plain text
// that is checked, the original text (with its markup) that positions
// refer to, and the parts that map one onto the other.
type annotated struct {
	// plain is what is checked: the text parts, and each markup part's
	// interpretAs in its place.
	plain string
	// original is the text as the client has it, markup included.
	original string
	// parts are the parts of plain that are not empty, in order; nil when
	// plain is original (the text parameter, or data without markup).
	parts []part
}

// part is one annotation with its place in the plain and the original text.
type part struct {
	plainStart, plainEnd int
	origStart, origEnd   int
	markup               bool // a markup part: its plain text is interpretAs
}

// plainText returns the annotated text of a plain text.
func plainText(s string) *annotated { return &annotated{plain: s, original: s} }

// startIn returns the byte offset in original of byte offset p of plain,
// where a finding starts: inside a text part it is the same character;
// inside the interpretAs of markup it is the markup's start. At the boundary
// of two parts it is the later part's start, so that a finding after markup
// starts after it.
func (a *annotated) startIn(p int) int {
	if a.parts == nil {
		return p
	}
	i := sort.Search(len(a.parts), func(i int) bool { return a.parts[i].plainEnd > p })
	if i == len(a.parts) {
		return len(a.original)
	}
	pt := a.parts[i]
	if pt.markup || p < pt.plainStart {
		return pt.origStart
	}
	return pt.origStart + p - pt.plainStart
}

// endIn returns the byte offset in original of the exclusive end offset p
// of plain: inside interpretAs it is the markup's end; at the boundary of two
// parts it is the earlier part's end, so that a finding before markup ends
// before it.
func (a *annotated) endIn(p int) int {
	if a.parts == nil {
		return p
	}
	i := sort.Search(len(a.parts), func(i int) bool { return a.parts[i].plainEnd >= p })
	if i == len(a.parts) {
		return len(a.original)
	}
	pt := a.parts[i]
	if p <= pt.plainStart {
		if i == 0 {
			return 0
		}
		return a.parts[i-1].origEnd
	}
	if pt.markup {
		return pt.origEnd
	}
	return pt.origStart + p - pt.plainStart
}

// dataError is a data parameter that LanguageTool would refuse, with its
// message.
type dataError struct{ msg string }

func (e *dataError) Error() string { return e.msg }

// parseData reads the data parameter of /v2/check: a JSON object with
// either "text" or "annotation", a list of {"text": …} and
// {"markup": …, "interpretAs": …} objects. Other keys are ignored. The
// malformed shapes that LanguageTool refuses are errors with LanguageTool's
// messages; the values that it reads leniently (a number as text) are read
// as it reads them.
func parseData(data string) (*annotated, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(data), &obj); err != nil {
		var probe any
		if json.Unmarshal([]byte(data), &probe) == nil {
			// valid JSON but not an object: it has neither key
			return nil, &dataError{"'data' key in JSON requires 'text' or 'annotation' key"}
		}
		return nil, &dataError{"Could not parse JSON from 'data' parameter"}
	}
	text, hasText := obj["text"]
	ann, hasAnn := obj["annotation"]
	switch {
	case hasText && hasAnn:
		return nil, &dataError{"'data' key in JSON requires either 'text' or 'annotation' key, not both"}
	case hasText:
		return plainText(asText(text)), nil
	case !hasAnn:
		return nil, &dataError{"'data' key in JSON requires 'text' or 'annotation' key"}
	}
	var items []json.RawMessage
	if err := json.Unmarshal(ann, &items); err != nil {
		if bytes.Equal(bytes.TrimSpace(ann), []byte("null")) {
			return plainText(""), nil
		}
		return nil, &dataError{"'annotation' in 'data' must be a list of {\"text\": …} and {\"markup\": …, \"interpretAs\": …} objects"}
	}
	var plain, orig strings.Builder
	a := &annotated{}
	anyMarkup := false
	for _, it := range items {
		var node map[string]json.RawMessage
		if err := json.Unmarshal(it, &node); err != nil {
			return nil, &dataError{"Only 'text' and 'markup' are supported in 'annotation' list: " + compact(it)}
		}
		t, isText := node["text"]
		m, isMarkup := node["markup"]
		as, hasAs := node["interpretAs"]
		var pt part
		pt.plainStart, pt.origStart = plain.Len(), orig.Len()
		switch {
		case isText && isMarkup:
			return nil, &dataError{"Only either 'text' or 'markup' are supported in an object in 'annotation' list, not both: " + compact(it)}
		case isText && hasAs:
			return nil, &dataError{"'text' cannot be used with 'interpretAs' (only 'markup' can): " + compact(it)}
		case isText:
			s := asText(t)
			plain.WriteString(s)
			orig.WriteString(s)
		case isMarkup:
			anyMarkup = true
			pt.markup = true
			orig.WriteString(asText(m))
			if hasAs {
				plain.WriteString(asText(as))
			}
		default:
			return nil, &dataError{"Only 'text' and 'markup' are supported in 'annotation' list: " + compact(it)}
		}
		pt.plainEnd, pt.origEnd = plain.Len(), orig.Len()
		if pt.plainEnd > pt.plainStart {
			a.parts = append(a.parts, pt)
		}
	}
	a.plain, a.original = plain.String(), orig.String()
	if !anyMarkup {
		a.parts = nil
	} else if a.parts == nil {
		a.parts = []part{} // markup only: every position maps to the end
	}
	return a, nil
}

// asText reads a JSON value as Jackson's asText does: a string's
// characters, a number's or a boolean's literal, "null" for null, and
// nothing for an object or a list.
func asText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	t := bytes.TrimSpace(raw)
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return ""
	}
	return string(t)
}

// compact is raw without insignificant white space, for messages.
func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return clip(string(raw), 200)
	}
	return clip(b.String(), 200)
}
