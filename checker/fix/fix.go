// Package fix turns findings into edits of the input and applies them: the
// engine of `mtlint fix` and of the fixes that `mtlint check --show-fixes`
// and the HTML report show.
//
// A finding is fixed automatically only when its fix is unambiguous: it has
// exactly one suggestion, its rule says that such a suggestion is safe
// (rules.Rule.SafeFix: spacing, doubled punctuation, doubled words,
// typography, and the calque packs marked safe_fix in their YAML), and
// the flagged bytes of the input are the text the rule read (no markup, no
// entity, valid UTF-8). Edits apply to the input's bytes at the findings'
// offsets, which the checker already mapped through the markup's offset map,
// so code, markup and front matter are never touched.
//
// Overlapping edits are resolved deterministically: the one that starts
// first wins, and at the same start the one whose rule runs first. The
// losers are not lost: File checks the fixed text again and applies what is
// still to fix, pass after pass, until nothing is left, so that running it a
// second time changes nothing.
package fix

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/rules"
)

// Edit replaces Length bytes of an input at Offset by New.
type Edit struct {
	// Offset and Length are the bytes replaced, in the input the edit was
	// computed for (its UTF-8 text when it was transcoded).
	Offset int `json:"offset"`
	Length int `json:"length"`
	// Old is the text replaced, New the text put in its place.
	Old string `json:"old"`
	New string `json:"new"`
	// Rule, Category and Message are those of the finding the edit fixes;
	// Line and Column are where it starts (1-based, columns in code
	// points).
	Rule     string         `json:"rule"`
	Category rules.Category `json:"category"`
	Message  string         `json:"message"`
	Line     int            `json:"line"`
	Column   int            `json:"column"`
}

// End returns the offset just after the bytes the edit replaces.
func (e Edit) End() int { return e.Offset + e.Length }

// Of returns the fix of f: its single suggestion in place of its text. It
// returns false when f has no suggestion or several, since then a person has
// to choose. Of says nothing of whether the fix is safe to apply without a
// look (see Policy.Safe): reports use it to show any finding's fix.
func Of(f *checker.Finding) (Edit, bool) {
	if len(f.Suggestions) != 1 {
		return Edit{}, false
	}
	return edit(f, f.Suggestions[0]), true
}

// Suggested returns the edit of f's first, best suggestion, or false when it
// has none: the fix a report can show for a finding whose suggestions a
// person must choose from.
func Suggested(f *checker.Finding) (Edit, bool) {
	if len(f.Suggestions) == 0 {
		return Edit{}, false
	}
	return edit(f, f.Suggestions[0]), true
}

func edit(f *checker.Finding, s string) Edit {
	return Edit{
		Offset: f.Offset, Length: f.Length, Old: f.Text, New: s,
		Rule: f.Rule, Category: f.Category, Message: f.Message, Line: f.Line, Column: f.Column,
	}
}

// Trim returns the edit narrowed to the part that changes: the words and
// marks that Old and New share at their start and at their end are left
// out, so that a report shows "week[- -], with" rather than replacing
// " ," by ",", and "depend [-of-]{+on+}" rather than the whole phrase. Whole
// words are kept whole: "depend of" to "depend on" keeps "of" and "on"
// rather than "f" and "n".
func (e Edit) Trim() Edit {
	p := commonPrefix(e.Old, e.New)
	s := commonSuffix(e.Old[p:], e.New[p:])
	e.Offset += p
	e.Length -= p + s
	e.Old = e.Old[p : len(e.Old)-s]
	e.New = e.New[p : len(e.New)-s]
	return e
}

// commonPrefix returns the length of the longest common prefix of a and b
// that ends on a word boundary of both.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && (n < len(a) && !utf8.RuneStart(a[n]) || n < len(b) && !utf8.RuneStart(b[n])) {
		n--
	}
	// Back off to a boundary: not between two word characters.
	for n > 0 && (inWord(a, n) || inWord(b, n)) {
		_, size := utf8.DecodeLastRuneInString(a[:n])
		n -= size
	}
	return n
}

// commonSuffix returns the length of the longest common suffix of a and b
// that starts on a word boundary of both.
func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	for n > 0 && (!utf8.RuneStart(a[len(a)-n]) || !utf8.RuneStart(b[len(b)-n])) {
		n--
	}
	for n > 0 && (inWord(a, len(a)-n) || inWord(b, len(b)-n)) {
		_, size := utf8.DecodeRuneInString(a[len(a)-n:])
		n -= size
	}
	return n
}

// inWord reports whether offset i of s falls between two word characters.
func inWord(s string, i int) bool {
	if i <= 0 || i >= len(s) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i:])
	return wordRune(before) && wordRune(after)
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
}

// Safe reports whether a single suggestion of rule r may be applied without
// a person looking at it: the rule says so (SafeFix; a phrase pack says it
// with safe_fix in its YAML, as the calque packs do whose English equivalent
// is mechanical: "more early" is "earlier", "since three years" "for three
// years"; support verbs, false friends, stock phrases and the spinning
// packs change tense or meaning too often to apply unread).
func Safe(r *rules.Rule) bool { return r != nil && r.SafeFix }

// Policy decides which findings are fixed.
type Policy struct {
	rules map[string]*rules.Rule
	only  []string
}

// NewPolicy returns the policy that fixes the findings of the rules rs that
// are Safe; when only is not empty, just those of the rules it names, by ID
// or by category.
func NewPolicy(rs []*rules.Rule, only []string) *Policy {
	p := &Policy{rules: make(map[string]*rules.Rule, len(rs)), only: only}
	for _, r := range rs {
		p.rules[r.ID] = r
	}
	return p
}

// Safe reports whether f's fix is applied: it has exactly one suggestion,
// its rule is Safe and, when the policy names rules, one of them.
func (p *Policy) Safe(f *checker.Finding) bool {
	if len(f.Suggestions) != 1 {
		return false
	}
	if len(p.only) > 0 && !slices.Contains(p.only, f.Rule) && !slices.Contains(p.only, string(f.Category)) {
		return false
	}
	return Safe(p.rules[f.Rule])
}

// Skip is a finding with a safe fix that was left alone, and why.
type Skip struct {
	Finding checker.Finding `json:"finding"`
	Reason  string          `json:"reason"`
}

// Plan returns the edits that fix findings in text, the input the findings
// were found in (of markup format, UTF-8), sorted by offset and never
// overlapping, and the findings with a safe fix that it left alone, with the
// reason. findings must be sorted by offset, then by rule order, as the
// checker returns them. Edits that another one overlaps are left for the
// next pass and are not reported.
func (p *Policy) Plan(text []byte, format markup.Format, findings []checker.Finding) (edits []Edit, skipped []Skip) {
	end, insertAt := -1, -1
	for i := range findings {
		f := &findings[i]
		if !p.Safe(f) {
			continue
		}
		e, _ := Of(f)
		if e.Offset < 0 || e.End() > len(text) {
			skipped = append(skipped, Skip{*f, "its position lies outside the input"})
			continue
		}
		old := text[e.Offset:e.End()]
		if why := unsafeSpan(old, e.New, format); why != "" {
			skipped = append(skipped, Skip{*f, why})
			continue
		}
		e.Old = string(old)
		if e.Old == e.New {
			continue // nothing to change
		}
		if why := p.caseMismatch(f, e); why != "" {
			skipped = append(skipped, Skip{*f, why})
			continue
		}
		if format == markup.HTML {
			e.New = escapeHTML(e.New)
		}
		// Overlaps: the first edit wins; an insertion where the previous
		// edit inserted would make their order matter, so it waits too.
		if e.Offset < end || e.Length == 0 && e.Offset == insertAt {
			continue
		}
		if n := len(edits); n > 0 && edits[n-1].Length == 0 && edits[n-1].Offset == e.Offset && e.Length > 0 {
			// an insertion just before a replacement of the same spot:
			// order is again ambiguous
			continue
		}
		edits = append(edits, e)
		end = e.End()
		if e.Length == 0 {
			insertAt = e.Offset
		}
	}
	return edits, skipped
}

// unsafeSpan says why the bytes old of an input in format may not be
// replaced by s, or returns "".
func unsafeSpan(old []byte, s string, format markup.Format) string {
	if !utf8.Valid(old) {
		return "the flagged bytes are not valid UTF-8"
	}
	switch format {
	case markup.HTML:
		// An entity or a tag inside: the text the rule read is not these
		// bytes, and replacing them would change the markup.
		if i := strings.IndexAny(string(old), "<>&"); i >= 0 {
			return "the flagged text holds markup or an entity (" + string(old[i]) + "); fix it by hand"
		}
	case markup.Markdown:
		if i := strings.IndexAny(string(old), mdSpecial); i >= 0 {
			return "the flagged text holds Markdown markup (" + string(old[i]) + "); fix it by hand"
		}
		if strings.ContainsRune(string(old), '\n') {
			return "the flagged text runs over a line break, where Markdown marks blocks; fix it by hand"
		}
		if strings.ContainsAny(s, mdSpecial) {
			return "the suggestion holds characters that Markdown reads as markup; fix it by hand"
		}
	}
	return ""
}

// mdSpecial are the bytes that make markup in Markdown prose: emphasis,
// code, links, HTML, entities, escapes, tables, strikethrough.
const mdSpecial = "*_`[]<>&\\|~"

// caseMismatch says why a suggestion would change the capitalisation of the
// text, or returns "". Packs capitalise a suggestion whose match starts with
// a capital; a suggestion that starts with a capital where the text does not
// (a pack entry written for the start of a sentence) is not applied
// mid-sentence.
func (p *Policy) caseMismatch(f *checker.Finding, e Edit) string {
	a, _ := utf8.DecodeRuneInString(e.Old)
	b, _ := utf8.DecodeRuneInString(e.New)
	if unicode.IsLower(a) && unicode.IsUpper(b) {
		return "the suggestion starts with a capital where the text does not; fix it by hand"
	}
	return ""
}

// escapeHTML escapes the characters that would make markup of text put into
// HTML; quotes need no escaping outside attributes.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "<>&") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Apply returns text with the edits applied. The edits must be sorted by
// offset and must not overlap, as Plan returns them.
func Apply(text []byte, edits []Edit) []byte {
	grow := 0
	for _, e := range edits {
		grow += len(e.New) - e.Length
	}
	out := make([]byte, 0, len(text)+max(grow, 0))
	at := 0
	for _, e := range edits {
		if e.Offset < at || e.End() > len(text) {
			continue // not sorted or out of range: never corrupt the text
		}
		out = append(out, text[at:e.Offset]...)
		out = append(out, e.New...)
		at = e.End()
	}
	return append(out, text[at:]...)
}
