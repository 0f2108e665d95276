// Package compare aligns an article with a copy of it word by word and says
// how the copy differs: which words it substituted (said → stated,
// artificial intelligence → counterfeit consciousness), inserted and
// deleted, what share of the original's content words it replaced (the spin
// ratio), and which substitutions match the spinning and calque patterns
// that mtlint's rules flag. It is the engine of `mtlint compare`, for
// auditors asking how a syndicated copy differs from the wire story.
//
// Alignment uses go-diff on words: each distinct word becomes one code point
// (the trick of go-diff's DiffLinesToRunes, at word level), the two strings
// of code points are diffed, and the diff is mapped back to the words and
// their byte positions.
package compare

import (
	"bytes"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// Doc is one of the two texts compared.
type Doc struct {
	// Path names it in reports: the argument as given.
	Path string
	// Text is its prose, as the checker reads it (markup extracted).
	Text string
	// Map turns offsets of Text into offsets of Source.
	Map document.OffsetMap
	// Source holds the bytes that positions refer to: the input decoded to
	// UTF-8, or the extracted article's source for a web page.
	Source []byte
	// Findings are the checker's findings on it, in offsets of Source.
	Findings []checker.Finding
	// Notes say how it was read (transcoded, article extracted...).
	Notes []checker.Note
}

// Kinds of Change.
const (
	Substitution = "substitution"
	Insertion    = "insertion"
	Deletion     = "deletion"
)

// Classes of a substitution.
const (
	// ClassSpinning is a substitution that a spinning rule flags in the
	// suspect: a tortured phrase.
	ClassSpinning = "spinning"
	// ClassCalque is one that an idiom or grammar rule flags: a calque, a
	// garbled idiom, a false friend.
	ClassCalque = "calque"
	// ClassPunctuation changes punctuation only.
	ClassPunctuation = "punctuation"
	// ClassWording is any other: a synonym, a rewording.
	ClassWording = "wording"
)

// Change is one difference between the original and the suspect: a run of
// the original's words replaced by a run of the suspect's (a substitution),
// or a run only one of them has.
type Change struct {
	// Kind is Substitution, Insertion or Deletion.
	Kind string `json:"kind"`
	// Original and Suspect are the words of each side, as written (empty
	// for an insertion and a deletion respectively).
	Original string `json:"original"`
	Suspect  string `json:"suspect"`
	// OriginalAt and SuspectAt say where each side is.
	OriginalAt Position `json:"original_at"`
	SuspectAt  Position `json:"suspect_at"`
	// ContentWords counts the content words of the original that the
	// change replaces or deletes.
	ContentWords int `json:"content_words"`
	// Class says what kind of substitution it is: ClassSpinning,
	// ClassCalque, ClassPunctuation or ClassWording; empty for insertions
	// and deletions.
	Class string `json:"class,omitempty"`
	// Rules are the spinning, idiom and grammar rules whose findings in
	// the suspect overlap the change's words there.
	Rules []string `json:"rules,omitempty"`
}

// Position is a place in one side's Source: byte offset and length, and the
// 1-based line and column (in code points) where it starts.
type Position struct {
	Offset int `json:"offset"`
	Length int `json:"length"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Side sums up one side of a comparison.
type Side struct {
	Path         string `json:"path"`
	Words        int    `json:"words"`
	ContentWords int    `json:"content_words"`
}

// Segment is a piece of the inline diff: text both sides share, text only
// the original has (deleted), or text only the suspect has (inserted).
type Segment struct {
	// Op is ' ', '-' or '+'.
	Op byte `json:"-"`
	// Kind is "equal", "delete" or "insert", for JSON.
	Kind string `json:"kind"`
	Text string `json:"text"`
	// Change indexes Report.Changes for a deleted or inserted segment,
	// -1 for an equal one.
	Change int `json:"change"`
}

// Report is the comparison of an original with a suspect copy.
type Report struct {
	Original Side `json:"original"`
	Suspect  Side `json:"suspect"`
	// SpinRatio is the share of the original's content words that the
	// suspect replaced (Replaced / Original.ContentWords): 0 for a copy, 1
	// for a text whose every content word was swapped.
	SpinRatio float64 `json:"spin_ratio"`
	// Replaced counts the original's content words in substitutions.
	Replaced int `json:"replaced"`
	// Substitutions, Insertions and Deletions count the changes of each
	// kind; Patterns counts the substitutions of class spinning or calque.
	Substitutions int `json:"substitutions"`
	Insertions    int `json:"insertions"`
	Deletions     int `json:"deletions"`
	Patterns      int `json:"patterns"`
	// Changes are the differences, in the suspect's order.
	Changes []Change `json:"changes"`
	// Findings are the checker's findings on the suspect.
	Findings []checker.Finding `json:"findings"`
	// Segments are the suspect's text with the original's deleted words
	// in place: the inline diff.
	Segments []Segment `json:"segments"`
	// Notes say how the two were read.
	Notes []string `json:"notes,omitempty"`
}

// exactLimit is the number of tokens up to which the alignment is exact
// (no deadline, so the same on every machine); longer texts get a deadline
// of deadline, after which go-diff settles for a coarser alignment.
const (
	exactLimit = 50000
	deadline   = 10 * time.Second
)

// Compare aligns suspect with original and reports how it differs.
func Compare(original, suspect *Doc) (*Report, error) {
	ot, st := Tokens(original.Text), Tokens(suspect.Text)
	ra, rb, err := runes(original.Text, ot, suspect.Text, st)
	if err != nil {
		return nil, err
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	if len(ot)+len(st) > exactLimit {
		dmp.DiffTimeout = deadline
	}
	diffs := dmp.DiffMainRunes(ra, rb, false)

	rep := &Report{
		Original: side(original, ot), Suspect: side(suspect, st),
		Changes: []Change{}, Findings: suspect.Findings, Segments: []Segment{},
	}
	// JSON shows empty lists as [], as mtlint check --format json does.
	rep.Findings = slices.Clone(suspect.Findings)
	if rep.Findings == nil {
		rep.Findings = []checker.Finding{}
	}
	for i := range rep.Findings {
		if rep.Findings[i].Suggestions == nil {
			rep.Findings[i].Suggestions = []string{}
		}
	}
	for _, n := range original.Notes {
		rep.Notes = append(rep.Notes, original.Path+": "+n.Message)
	}
	for _, n := range suspect.Notes {
		rep.Notes = append(rep.Notes, suspect.Path+": "+n.Message)
	}
	olines, slines := lineStarts(original.Source), lineStarts(suspect.Source)
	seg := segmenter{rep: rep, suspect: suspect.Text}
	i, j := 0, 0 // next token of each side
	for k := 0; k < len(diffs); {
		if diffs[k].Type == diffmatchpatch.DiffEqual {
			n := utf8.RuneCountInString(diffs[k].Text)
			seg.equal(st[j+n-1].End)
			i, j = i+n, j+n
			k++
			continue
		}
		// A run of deletions and insertions between two equalities is one
		// change.
		di, dj := 0, 0
		for ; k < len(diffs) && diffs[k].Type != diffmatchpatch.DiffEqual; k++ {
			n := utf8.RuneCountInString(diffs[k].Text)
			if diffs[k].Type == diffmatchpatch.DiffDelete {
				di += n
			} else {
				dj += n
			}
		}
		c := Change{Kind: Substitution}
		switch {
		case dj == 0:
			c.Kind = Deletion
		case di == 0:
			c.Kind = Insertion
		}
		if di > 0 {
			from, to := ot[i].Start, ot[i+di-1].End
			c.Original = original.Text[from:to]
			c.OriginalAt = position(original, olines, from, to)
			for _, t := range ot[i : i+di] {
				if t.Content {
					c.ContentWords++
				}
			}
		} else {
			c.OriginalAt = position(original, olines, endOf(ot, i), endOf(ot, i))
		}
		if dj > 0 {
			from, to := st[j].Start, st[j+dj-1].End
			c.Suspect = suspect.Text[from:to]
			c.SuspectAt = position(suspect, slines, from, to)
		} else {
			c.SuspectAt = position(suspect, slines, endOf(st, j), endOf(st, j))
		}
		if c.Kind == Substitution {
			c.Class, c.Rules = classify(ot[i:i+di], st[j:j+dj], c.SuspectAt, suspect.Findings)
		}
		rep.count(c)
		seg.change(len(rep.Changes), c, ot, i, di, st, j, dj, original.Text)
		rep.Changes = append(rep.Changes, c)
		i, j = i+di, j+dj
	}
	seg.rest()
	if rep.Original.ContentWords > 0 {
		rep.SpinRatio = float64(rep.Replaced) / float64(rep.Original.ContentWords)
	}
	return rep, nil
}

// runes maps each distinct word of the two texts to one code point, as
// go-diff's DiffLinesToRunes does for lines, and returns each text as the
// string of its words' code points.
func runes(a string, at []Token, b string, bt []Token) ([]rune, []rune, error) {
	ids := make(map[string]rune, len(at)/2+len(bt)/2+16)
	conv := func(text string, toks []Token) ([]rune, error) {
		out := make([]rune, len(toks))
		for i, t := range toks {
			k := key(text[t.Start:t.End])
			r, ok := ids[k]
			if !ok {
				r = rune(len(ids) + 1)
				if r >= 0xD800 {
					r += 0x800 // surrogates are not code points
				}
				if r > utf8.MaxRune {
					return nil, fmt.Errorf("more than %d distinct words: too many to align", len(ids))
				}
				ids[k] = r
			}
			out[i] = r
		}
		return out, nil
	}
	ra, err := conv(a, at)
	if err != nil {
		return nil, nil, err
	}
	rb, err := conv(b, bt)
	return ra, rb, err
}

func side(d *Doc, toks []Token) Side {
	s := Side{Path: d.Path}
	for _, t := range toks {
		if t.Word {
			s.Words++
		}
		if t.Content {
			s.ContentWords++
		}
	}
	return s
}

// endOf returns the end of the token before toks[i], where a change with
// nothing on that side stands.
func endOf(toks []Token, i int) int {
	if i == 0 {
		return 0
	}
	return toks[i-1].End
}

func (r *Report) count(c Change) {
	switch c.Kind {
	case Substitution:
		r.Substitutions++
		r.Replaced += c.ContentWords
		if c.Class == ClassSpinning || c.Class == ClassCalque {
			r.Patterns++
		}
	case Insertion:
		r.Insertions++
	case Deletion:
		r.Deletions++
	}
}

// classify says what kind of substitution replaces the words a by b, at sat
// in the suspect: the rules of the suspect's findings it overlaps decide
// between spinning and calque.
func classify(a, b []Token, sat Position, findings []checker.Finding) (string, []string) {
	var ids []string
	spinning := false
	for _, f := range findings {
		if f.Category != rules.Spinning && f.Category != rules.Idiom && f.Category != rules.Grammar {
			continue
		}
		if f.Offset < sat.Offset+sat.Length && sat.Offset < f.Offset+max(f.Length, 1) {
			if !slices.Contains(ids, f.Rule) {
				ids = append(ids, f.Rule)
			}
			spinning = spinning || f.Category == rules.Spinning
		}
	}
	switch {
	case spinning:
		return ClassSpinning, ids
	case len(ids) > 0:
		return ClassCalque, ids
	}
	words := false
	for _, t := range append(slices.Clip(a), b...) {
		words = words || t.Word
	}
	if !words {
		return ClassPunctuation, nil
	}
	return ClassWording, nil
}

// lineStarts returns the offsets at which the lines of src start.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i := 0; i < len(src); {
		j := bytes.IndexAny(src[i:], "\r\n")
		if j < 0 {
			break
		}
		i += j
		if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			i++
		}
		i++
		starts = append(starts, i)
	}
	return starts
}

// position returns where the text bytes [from, to) of d stand in d.Source.
func position(d *Doc, lines []int, from, to int) Position {
	start := d.Map.ToRaw(from)
	end := start
	if to > from {
		end = d.Map.ToRaw(to-1) + 1
		for end < len(d.Source) && end > 0 && !utf8.RuneStart(d.Source[end]) {
			end++
		}
	}
	start = min(max(start, 0), len(d.Source))
	end = min(max(end, start), len(d.Source))
	l, _ := slices.BinarySearch(lines, start+1)
	line := max(l, 1)
	return Position{Offset: start, Length: end - start, Line: line, Column: utf8.RuneCount(d.Source[lines[line-1]:start]) + 1}
}

// segmenter builds the inline diff: the suspect's text, with the original's
// deleted words put in before the words that replace them.
type segmenter struct {
	rep     *Report
	suspect string
	at      int // bytes of the suspect written
}

func (s *segmenter) add(op byte, text string, change int) {
	if text == "" {
		return
	}
	kind := map[byte]string{' ': "equal", '-': "delete", '+': "insert"}[op]
	if n := len(s.rep.Segments); n > 0 && op == ' ' && s.rep.Segments[n-1].Op == ' ' {
		s.rep.Segments[n-1].Text += text
		return
	}
	s.rep.Segments = append(s.rep.Segments, Segment{Op: op, Kind: kind, Text: text, Change: change})
}

// equal writes the suspect's text up to end.
func (s *segmenter) equal(end int) {
	s.add(' ', s.suspect[s.at:end], -1)
	s.at = end
}

// change writes change number n. The words of a deletion take the white
// space of the original with them ("the[- big-] dog"), so that the equal
// and inserted segments together are the suspect's text exactly.
func (s *segmenter) change(n int, c Change, ot []Token, i, di int, st []Token, j, dj int, original string) {
	if dj > 0 {
		s.equal(st[j].Start) // the space before
	}
	if di > 0 {
		from, to := ot[i].Start, ot[i+di-1].End
		switch {
		case dj > 0:
		case i > 0:
			from = ot[i-1].End
		case i+di < len(ot):
			to = ot[i+di].Start
		}
		s.add('-', original[from:to], n)
	}
	if dj > 0 {
		s.add('+', s.suspect[st[j].Start:st[j+dj-1].End], n)
		s.at = st[j+dj-1].End
	}
}

// rest writes the suspect's text after the last word.
func (s *segmenter) rest() { s.equal(len(s.suspect)) }
