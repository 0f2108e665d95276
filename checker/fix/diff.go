package fix

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// DefaultContext is the number of unchanged lines around each change of a
// unified diff, as in diff -u.
const DefaultContext = 3

// Unified returns the unified diff (diff -u, git diff) that turns a, the file
// named aName, into b, named bName, with context unchanged lines around each
// change; "" when they are equal. Lines are aligned by go-diff in line
// mode. Lines keep their own ends, CRLF included, and a last line without
// one is followed by "\ No newline at end of file", so that patch and git
// apply take the diff back.
func Unified(aName, bName string, a, b []byte, context int) string {
	if string(a) == string(b) {
		return ""
	}
	if context < 0 {
		context = DefaultContext
	}
	ops := lineOps(string(a), string(b))
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", aName, bName)
	// Hunks: runs of changes with context lines around them, merged when
	// the context between two changes is at most twice context.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(0, i-context)
		end := i
		for {
			for end < len(ops) && ops[end].kind != ' ' {
				end++
			}
			// end is at an equal line or the end; look ahead for the next
			// change within 2*context equal lines.
			j := end
			for j < len(ops) && ops[j].kind == ' ' && j-end < 2*context+1 {
				j++
			}
			if j < len(ops) && ops[j].kind != ' ' && j-end <= 2*context {
				end = j
				continue
			}
			break
		}
		stop := min(len(ops), end+context)
		writeHunk(&out, ops, start, stop)
		i = stop
	}
	return out.String()
}

// op is one line of a diff: ' ' kept, '-' deleted, '+' inserted; aLine and
// bLine are the 1-based numbers of the line in a and b it stands at.
type op struct {
	kind         byte
	text         string
	aLine, bLine int
}

// lineOps aligns the lines of a and b. The lines the two share at their
// start and end are set aside first (fixes are local), and go-diff aligns
// the rest in line mode.
func lineOps(a, b string) []op {
	la, lb := splitLines(a), splitLines(b)
	p := 0
	for p < len(la) && p < len(lb) && la[p] == lb[p] {
		p++
	}
	s := 0
	for s < len(la)-p && s < len(lb)-p && la[len(la)-1-s] == lb[len(lb)-1-s] {
		s++
	}
	ops := make([]op, 0, len(la)+len(lb)-p-s)
	al, bl := 1, 1
	add := func(kind byte, line string) {
		ops = append(ops, op{kind, line, al, bl})
		if kind != '+' {
			al++
		}
		if kind != '-' {
			bl++
		}
	}
	for _, l := range la[:p] {
		add(' ', l)
	}
	ma, mb := la[p:len(la)-s], lb[p:len(lb)-s]
	if len(ma)+len(mb) < maxDiffLines {
		dmp := diffmatchpatch.New()
		dmp.DiffTimeout = 0 // deterministic: never a worse diff on a slow machine
		ra, rb, lines := dmp.DiffLinesToRunes(strings.Join(ma, ""), strings.Join(mb, ""))
		diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines)
		for _, d := range diffs {
			kind := byte(' ')
			switch d.Type {
			case diffmatchpatch.DiffDelete:
				kind = '-'
			case diffmatchpatch.DiffInsert:
				kind = '+'
			}
			for _, l := range splitLines(d.Text) {
				add(kind, l)
			}
		}
	} else {
		// More lines than go-diff can number: line by line, each
		// differing line replaced, the rest of the longer side added.
		for i := 0; i < max(len(ma), len(mb)); i++ {
			switch {
			case i < len(ma) && i < len(mb) && ma[i] == mb[i]:
				add(' ', ma[i])
			default:
				if i < len(ma) {
					add('-', ma[i])
				}
				if i < len(mb) {
					add('+', mb[i])
				}
			}
		}
	}
	for _, l := range la[len(la)-s:] {
		add(' ', l)
	}
	return ops
}

// maxDiffLines bounds the lines go-diff aligns: it numbers each distinct
// line with a code point.
const maxDiffLines = 1 << 20

// splitLines splits s after each line feed; a last line without one is kept.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	return lines
}

// writeHunk writes the hunk of ops[start:stop].
func writeHunk(out *strings.Builder, ops []op, start, stop int) {
	var na, nb int
	for _, o := range ops[start:stop] {
		if o.kind != '+' {
			na++
		}
		if o.kind != '-' {
			nb++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(ops[start].aLine, na), hunkRange(ops[start].bLine, nb))
	for _, o := range ops[start:stop] {
		out.WriteByte(o.kind)
		out.WriteString(o.text)
		if !strings.HasSuffix(o.text, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange writes a hunk's start and length as diff -u does: a range of
// one line is its number alone, an empty range is the line before it.
func hunkRange(first, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", first-1)
	case 1:
		return fmt.Sprint(first)
	}
	return fmt.Sprintf("%d,%d", first, n)
}
