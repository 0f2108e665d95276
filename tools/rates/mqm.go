package main

import (
	"fmt"
	"sort"
	"strings"
)

// span is a byte range [Start, End) of a text.
type span struct{ Start, End int }

// mqmSegment is one system's translation of one segment of the MQM data,
// with the union of the error spans that the raters marked in it.
type mqmSegment struct {
	System, SegID string
	Target        string
	Spans         []span // sorted, merged
}

// parseMQM reads the MQM TSV (columns system, doc, doc_id, seg_id, rater,
// source, target, category, severity; no quoting; one error a row, its
// span marked <v>…</v> in target) and rebuilds each system's target text
// with the union of its error spans over every rater.
func parseMQM(data string) ([]*mqmSegment, error) {
	byKey := map[string]*mqmSegment{}
	var order []string
	col := map[string]int{}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if n == 0 {
			for i, h := range f {
				col[h] = i
			}
			for _, h := range []string{"system", "seg_id", "target"} {
				if _, ok := col[h]; !ok {
					return nil, fmt.Errorf("mqm: no column %q in the header", h)
				}
			}
			continue
		}
		if len(f) != len(col) {
			return nil, fmt.Errorf("mqm: line %d: %d columns, the header has %d", n+1, len(f), len(col))
		}
		text, sp, err := unmarkSpan(f[col["target"]])
		if err != nil {
			return nil, fmt.Errorf("mqm: line %d: %v", n+1, err)
		}
		key := f[col["system"]] + "\t" + f[col["seg_id"]]
		s := byKey[key]
		if s == nil {
			s = &mqmSegment{System: f[col["system"]], SegID: f[col["seg_id"]], Target: text}
			byKey[key] = s
			order = append(order, key)
		} else if s.Target != text {
			return nil, fmt.Errorf("mqm: line %d: system %s segment %s: the target differs from an earlier row's", n+1, s.System, s.SegID)
		}
		if sp != nil {
			s.Spans = append(s.Spans, *sp)
		}
	}
	segs := make([]*mqmSegment, 0, len(order))
	for _, k := range order {
		s := byKey[k]
		s.Spans = merge(s.Spans)
		segs = append(segs, s)
	}
	return segs, nil
}

// unmarkSpan removes the <v>…</v> marks from a target and returns the
// marked span, or nil when the row marks none. A <v> left open marks the
// rest of the target.
func unmarkSpan(t string) (string, *span, error) {
	i := strings.Index(t, "<v>")
	if i < 0 {
		if strings.Contains(t, "</v>") {
			return "", nil, fmt.Errorf("</v> without <v>")
		}
		return t, nil, nil
	}
	rest := t[i+len("<v>"):]
	j := strings.Index(rest, "</v>")
	text := ""
	if j < 0 {
		// one row of the WMT21 TED data opens a span it never closes: it
		// runs to the end of the target
		j, text = len(rest), t[:i]+rest
	} else {
		text = t[:i] + rest[:j] + rest[j+len("</v>"):]
	}
	if strings.Contains(text, "<v>") || strings.Contains(text, "</v>") {
		return "", nil, fmt.Errorf("more than one <v>…</v> span")
	}
	return text, &span{i, i + j}, nil
}

// merge sorts spans and joins those that overlap or touch.
func merge(s []span) []span {
	if len(s) == 0 {
		return nil
	}
	sort.Slice(s, func(i, j int) bool { return s[i].Start < s[j].Start || s[i].Start == s[j].Start && s[i].End < s[j].End })
	out := []span{s[0]}
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.Start <= last.End {
			last.End = max(last.End, x.End)
			continue
		}
		out = append(out, x)
	}
	return out
}

// overlaps reports whether the byte range [off, off+n) of a finding
// overlaps one of the spans; an empty finding or span counts when it
// touches the other.
func overlaps(spans []span, off, n int) bool {
	for _, s := range spans {
		if off < s.End && s.Start < off+n || (n == 0 || s.Start == s.End) && off <= s.End && s.Start <= off+n {
			return true
		}
	}
	return false
}

// humanSystem reports whether an MQM system is a human translation.
func humanSystem(name string) bool { return name == "ref" || name == "refB" }
