package lsp

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/fix"
	"github.com/mtlint/mtlint/checker/markup"
)

// fresh returns the check of the document's current text: the last one when
// it is current, else a check made now (which is then published, so that the
// editor shows what the actions are computed from). It returns nil for a
// document that is not checked.
func (s *server) fresh(ctx context.Context, uri string) (*snapshot, error) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return nil, &rpcError{Code: codeInvalidParams, Message: "document not open: " + uri}
	}
	if !d.checked {
		s.mu.Unlock()
		return nil, nil
	}
	if d.last != nil && d.last.gen == d.gen {
		snap := d.last
		s.mu.Unlock()
		return snap, nil
	}
	j := job{uri: d.uri, path: d.path, format: d.format, text: d.text, version: d.version, gen: d.gen}
	s.mu.Unlock()
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	snap := s.check(j)
	<-s.sem
	if snap == nil || ctx.Err() != nil {
		return nil, ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur := s.docs[uri]; cur == d && d.gen == j.gen && s.state == stateRunning {
		d.stop() // the pending check would find the same
		d.last = snap
		v := j.version
		s.publishLocked(uri, &v, snap.diags)
	}
	return snap, nil
}

// overlaps reports whether the finding's bytes [fs, fe) meet the range
// [start, end] that a client asked about; an empty range (a cursor) meets a
// finding it touches.
func overlaps(fs, fe, start, end int) bool {
	if start == end || fs == fe {
		return fs <= end && start <= fe
	}
	return fs < end && start < fe
}

// codeActions returns the actions for the findings of the server's own last
// check that overlap the range: a quick fix per suggestion, "ignore this rule
// here" in Markdown and HTML, and fixing every safe finding of the file.
func (s *server) codeActions(ctx context.Context, p *codeActionParams) (any, error) {
	snap, err := s.fresh(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	actions := []CodeAction{}
	if snap == nil || snap.res == nil {
		return actions, nil
	}
	allow := func(kind string) bool {
		if len(p.Context.Only) == 0 {
			return true
		}
		for _, o := range p.Context.Only {
			if kind == o || strings.HasPrefix(kind, o+".") {
				return true
			}
		}
		return false
	}
	uri, text := p.TextDocument.URI, snap.text
	start := snap.idx.Offset(p.Range.Start.Line, p.Range.Start.Character, snap.unit)
	end := snap.idx.Offset(p.Range.End.Line, p.Range.End.Character, snap.unit)
	if end < start {
		start, end = end, start
	}
	edit := func(off, length int, newText string) *WorkspaceEdit {
		return &WorkspaceEdit{Changes: map[string][]TextEdit{uri: {{Range: snap.rangeOf(off, length), NewText: newText}}}}
	}
	var policy *fix.Policy
	safe := false
	for i := range snap.res.Findings {
		f := &snap.res.Findings[i]
		if policy == nil {
			policy = fix.NewPolicy(snap.chk.Rules(), nil)
		}
		safe = safe || policy.Safe(f)
		fs, fe := f.Offset, f.Offset+f.Length
		if fe > len(text) || !overlaps(fs, fe, start, end) {
			continue
		}
		diag := snap.diags[i]
		if allow(kindQuickFix) {
			for k, sug := range f.Suggestions {
				e := fix.Edit{Offset: fs, Length: f.Length, Old: text[fs:fe], New: sug}.Trim()
				title := fmt.Sprintf("Replace “%s” with “%s”", f.Text, sug)
				if sug == "" {
					title = fmt.Sprintf("Delete “%s”", f.Text)
				}
				actions = append(actions, CodeAction{
					Title: title, Kind: kindQuickFix, Diagnostics: []Diagnostic{diag},
					IsPreferred: k == 0, Edit: edit(e.Offset, e.Length, e.New),
				})
			}
			if off, ins, ok := ignoreEdit(text, snap.format, f); ok {
				actions = append(actions, CodeAction{
					Title: "Ignore " + f.Rule + " here", Kind: kindQuickFix,
					Diagnostics: []Diagnostic{diag}, Edit: edit(off, 0, ins),
				})
			}
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	if safe && allow(kindFixAll) {
		if a, ok := fixAll(snap, uri); ok {
			actions = append(actions, a)
		}
	}
	return actions, nil
}

// fixAllEdit is the one edit that applies every safe fix of a text.
type fixAllEdit struct {
	off, length int
	newText     string
	applied     int
}

// fixAll is the action that applies every safe fix of the document, as
// `mtlint fix` does, as one edit of the part of the text that changes.
func fixAll(snap *snapshot, uri string) (CodeAction, bool) {
	snap.fixAllOnce.Do(func() { snap.fixAll = planFixAll(snap) })
	e := snap.fixAll
	if e == nil {
		return CodeAction{}, false
	}
	return CodeAction{
		Title: fmt.Sprintf("Fix all safe mtlint findings in this file (%d)", e.applied),
		Kind:  kindFixAll,
		Edit: &WorkspaceEdit{Changes: map[string][]TextEdit{uri: {{
			Range: snap.rangeOf(e.off, e.length), NewText: e.newText,
		}}}},
	}, true
}

// planFixAll fixes the snapshot's text and returns the edit from the first
// byte that changes to the last, or nil when nothing changes.
func planFixAll(snap *snapshot) *fixAllEdit {
	res, err := fix.File(snap.chk, []byte(snap.text), fix.Options{
		Policy: fix.NewPolicy(snap.chk.Rules(), nil), Format: snap.format, Encoding: "utf-8",
	})
	if err != nil || !res.Changed() {
		return nil
	}
	off, length, newText := changedSpan(snap.text, string(res.Fixed))
	return &fixAllEdit{off: off, length: length, newText: newText, applied: len(res.Applied)}
}

// changedSpan returns the one replacement that turns old into fixed: the
// bytes [off, off+length) of old that differ, from the first to the last,
// widened to whole characters, and what replaces them.
func changedSpan(old, fixed string) (off, length int, newText string) {
	p := 0
	for p < len(old) && p < len(fixed) && old[p] == fixed[p] {
		p++
	}
	for p > 0 && (p < len(old) && !utf8.RuneStart(old[p]) || p < len(fixed) && !utf8.RuneStart(fixed[p])) {
		p--
	}
	q := 0 // common suffix, not reaching into the prefix
	for q < len(old)-p && q < len(fixed)-p && old[len(old)-1-q] == fixed[len(fixed)-1-q] {
		q++
	}
	for q > 0 && (!utf8.RuneStart(old[len(old)-q]) || !utf8.RuneStart(fixed[len(fixed)-q])) {
		q--
	}
	return p, len(old) - q - p, fixed[p : len(fixed)-q]
}

// ignoreEdit returns the insertion that makes the checker ignore f's rule on
// f's line: an mtlint-disable-next-line comment, which Markdown and HTML
// understand, on the line before. In Markdown the comment goes at the end of
// the line before when that line is prose, since a comment on a line of its
// own would split a paragraph in two; otherwise, and in HTML, it goes on a new
// line of its own. Plain text has no comments: false.
func ignoreEdit(text string, format markup.Format, f *checker.Finding) (off int, insert string, ok bool) {
	if format != markup.Markdown && format != markup.HTML {
		return 0, "", false
	}
	comment := "<!-- mtlint-disable-next-line " + f.Rule + " -->"
	lineStart := f.Offset
	for lineStart > 0 && text[lineStart-1] != '\n' && text[lineStart-1] != '\r' {
		lineStart--
	}
	own := func() (int, string, bool) {
		indent := ""
		if format == markup.HTML {
			i := lineStart
			for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
				i++
			}
			indent = text[lineStart:i]
		}
		return lineStart, indent + comment + "\n", true
	}
	if format == markup.HTML || lineStart == 0 {
		return own()
	}
	prevEnd := lineStart - 1
	if prevEnd > 0 && text[prevEnd] == '\n' && text[prevEnd-1] == '\r' {
		prevEnd--
	}
	prevStart := prevEnd
	for prevStart > 0 && text[prevStart-1] != '\n' && text[prevStart-1] != '\r' {
		prevStart--
	}
	prev := strings.TrimSpace(text[prevStart:prevEnd])
	switch {
	case prev == "":
		return prevEnd, comment, true
	case isMarkdownProse(prev):
		return prevEnd, " " + comment, true
	}
	return own()
}

// isMarkdownProse reports whether a trimmed Markdown line is one an inline
// comment may end without changing what it is: not a fence, a thematic break
// or front matter delimiter, a table row, or a line whose end matters (a hard
// break).
func isMarkdownProse(line string) bool {
	for _, p := range []string{"```", "~~~", "---", "***", "___", "+++", "|", "==="} {
		if strings.HasPrefix(line, p) {
			return false
		}
	}
	return !strings.HasSuffix(line, "|") && !strings.HasSuffix(line, "\\")
}

// hover shows the findings under the cursor: message, explanation and
// suggestions.
func (s *server) hover(ctx context.Context, p *positionParams) (any, error) {
	snap, err := s.fresh(ctx, p.TextDocument.URI)
	if err != nil || snap == nil || snap.res == nil {
		return nil, err
	}
	s.mu.Lock()
	md := s.hoverMD
	s.mu.Unlock()
	off := snap.idx.Offset(p.Position.Line, p.Position.Character, snap.unit)
	var b strings.Builder
	var rng *Range
	for i := range snap.res.Findings {
		f := &snap.res.Findings[i]
		fs, fe := f.Offset, f.Offset+f.Length
		if !(fs <= off && off < fe || fs == fe && off == fs) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n---\n\n")
		}
		if rng == nil {
			r := snap.rangeOf(fs, f.Length)
			rng = &r
		}
		writeHover(&b, f, md)
	}
	if b.Len() == 0 {
		return nil, nil
	}
	kind := "plaintext"
	if md {
		kind = "markdown"
	}
	return Hover{Contents: MarkupContent{Kind: kind, Value: b.String()}, Range: rng}, nil
}

func writeHover(b *strings.Builder, f *checker.Finding, md bool) {
	if md {
		fmt.Fprintf(b, "**%s** `%s` (%s, %s)\n\n", escapeMD(f.Message), f.Rule, f.Severity, f.Category)
	} else {
		fmt.Fprintf(b, "%s — %s (%s, %s)\n\n", f.Message, f.Rule, f.Severity, f.Category)
	}
	if f.Explanation != "" {
		b.WriteString(strings.TrimSpace(f.Explanation))
		b.WriteString("\n\n")
	}
	if len(f.Suggestions) > 0 {
		b.WriteString("Suggestions: ")
		for i, sug := range f.Suggestions {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("“" + sug + "”")
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(b, "mtlint explain %s", f.Rule)
}

// escapeMD escapes the characters that Markdown would read as emphasis or
// code in a message that quotes the text.
func escapeMD(s string) string {
	r := strings.NewReplacer("*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "<", `\<`)
	return r.Replace(s)
}
