package fix

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
)

// Checker checks an input's bytes; *checker.Checker is one.
type Checker interface {
	CheckInput(raw []byte, in checker.Input) *checker.Result
}

// Answer is what Options.Confirm says of an edit.
type Answer int

// The answers to Options.Confirm.
const (
	// Yes applies the edit.
	Yes Answer = iota
	// No leaves the text as it is; the edit is not offered again.
	No
	// Quit applies the edits accepted so far and offers no more.
	Quit
)

// DefaultPasses is how many times File checks and fixes a text at most when
// Options.MaxPasses is zero. Fixes rarely need more than two: one that
// another overlapped waits for the second.
const DefaultPasses = 10

// Options say how File fixes an input.
type Options struct {
	// Policy chooses the findings to fix; nil fixes none.
	Policy *Policy
	// Format is the input's markup.
	Format markup.Format
	// Encoding names the input's character encoding; empty means detect
	// it as the checker does (byte order mark, <meta charset>, else UTF-8).
	Encoding string
	// Confirm, when set, is asked about each edit before it is applied,
	// with the text it applies to; its error stops File.
	Confirm func(text []byte, e Edit) (Answer, error)
	// MaxPasses bounds the passes; zero means DefaultPasses.
	MaxPasses int
}

// Result is what fixing one input gave.
type Result struct {
	// Original is the input as UTF-8 text, Fixed the same after the edits.
	Original, Fixed []byte
	// Applied are the edits made, pass after pass; the offsets of each
	// refer to the text of its pass.
	Applied []Edit
	// Skipped are the findings of the last pass that have a safe fix that
	// was not applied (markup inside, say), with the reason.
	Skipped []Skip
	// Notes are the checker's notes on the original input.
	Notes []checker.Note
	// Passes counts the checks made, restarts included; Settled says
	// the last found nothing more to fix (false when MaxPasses ran out
	// first, or rules kept disagreeing).
	Passes  int
	Settled bool
	// Encoding is the encoding the input was read in, Transcoded that it
	// was not UTF-8 (offsets then count bytes of Original, not of the
	// file).
	Encoding   string
	Transcoded bool

	raw []byte // the input as given
}

// Changed reports whether the fixes changed the text.
func (r *Result) Changed() bool { return !bytes.Equal(r.Original, r.Fixed) }

// maxRestarts bounds how often a run starts again from its text after
// rules disagreed, and maxRuns how many fresh runs File makes.
const (
	maxRestarts = 10
	maxRuns     = 5
)

// File fixes raw, an input's bytes, with chk: it decodes raw to UTF-8, checks
// it, applies the edits that opt.Policy plans, and checks and fixes the
// result again until there is nothing left to fix or opt.MaxPasses is
// reached. An input that the checker skips (binary, too large) is returned
// unchanged with its notes.
//
// Rules may disagree: one fix may lead another rule to undo it ("“said"
// made "”said", a rule of spacing then removing the space before it, and
// the quote rule turning it back). An edit of bytes that an earlier pass
// changed is taken for such a disagreement: File leaves that part of the
// text as it was, reports the findings there as skipped, and starts again.
// Since a part left so may look different to the rules once the text
// around it is fixed, File then fixes its result afresh, as a second run of
// mtlint fix would, until a run changes nothing: what it returns is a text
// that a second run leaves as it is (Settled), unless the budget of runs and
// passes ran out first. With Options.Confirm there is one run: a person
// answers for each change, and a second run may offer more.
func File(chk Checker, raw []byte, opt Options) (*Result, error) {
	if len(raw) > document.MaxText {
		return nil, fmt.Errorf("%d bytes is more than the %d mtlint checks in one file", len(raw), document.MaxText)
	}
	dec, err := source.Decode(raw, source.DecodeOptions{Encoding: opt.Encoding, HTML: opt.Format == markup.HTML})
	if err != nil {
		return nil, err
	}
	if opt.MaxPasses <= 0 {
		opt.MaxPasses = DefaultPasses
	}
	total := &Result{Original: dec.Text, Fixed: dec.Text, Encoding: dec.Encoding, Transcoded: dec.Transcoded, raw: raw}
	answers := map[answerKey]Answer{}
	for run := range maxRuns {
		f := &fixer{chk: chk, opt: opt, answers: answers}
		res, err := f.fix(total.Fixed)
		if err != nil {
			return nil, err
		}
		if run == 0 {
			total.Notes = res.Notes
		}
		total.Passes += res.Passes
		total.Applied = append(total.Applied, res.Applied...)
		total.Skipped = res.Skipped
		total.Fixed = res.Fixed
		total.Settled = res.Settled
		// A run that left no part aside ended on a check of the whole
		// text, which a fresh run would repeat.
		if !res.Settled || len(f.frozen) == 0 || !res.Changed() || opt.Confirm != nil {
			break
		}
		if run == maxRuns-1 {
			total.Settled = false
		}
	}
	return total, nil
}

// fix fixes text in passes, starting again with the parts where rules
// disagree left aside, at most maxRestarts times.
func (f *fixer) fix(text []byte) (*Result, error) {
	passes := 0
	for range maxRestarts + 1 {
		res, restart, err := f.run(text)
		if err != nil {
			return nil, err
		}
		passes += res.Passes
		if !restart {
			res.Passes = passes
			return res, nil
		}
	}
	// Rules still disagree somewhere new: change nothing rather than
	// half of a chain of fixes.
	return &Result{Original: text, Fixed: text, Passes: passes}, nil
}

// span is a half-open byte range.
type span struct{ start, end int }

// overlaps reports whether a and b share a byte, or one is empty and lies
// strictly inside the other, or both are the same empty span.
func (a span) overlaps(b span) bool {
	switch {
	case a == b:
		return true
	case a.start == a.end:
		return b.start < a.start && a.start < b.end
	case b.start == b.end:
		return a.start < b.start && b.start < a.end
	}
	return a.start < b.end && b.start < a.end
}

// spans is a set of spans sorted by start that never overlap one another.
type spans []span

// hits reports whether s overlaps a span of the set.
func (set spans) hits(s span) bool {
	i := sort.Search(len(set), func(i int) bool { return set[i].end >= s.start })
	for ; i < len(set) && set[i].start <= s.end; i++ {
		if set[i].overlaps(s) {
			return true
		}
	}
	return false
}

// add returns the set with s in it, merged with the spans it overlaps or
// meets.
func (set spans) add(s span) spans {
	i := sort.Search(len(set), func(i int) bool { return set[i].end >= s.start })
	j := i
	for j < len(set) && set[j].start <= s.end {
		s = span{min(s.start, set[j].start), max(s.end, set[j].end)}
		j++
	}
	return slices.Replace(set, i, j, s)
}

// pass is the edits of one pass, with where each stands in the text after
// it, for mapping offsets both ways in O(log n).
type pass struct {
	edits []Edit
	// newEnd[i] is the end of edits[i]'s new text in the text after the
	// pass; delta[i] is the growth of the text by the edits before i.
	newEnd, delta []int
}

func newPass(edits []Edit) *pass {
	p := &pass{edits: edits, newEnd: make([]int, len(edits)), delta: make([]int, len(edits)+1)}
	for i, e := range edits {
		p.newEnd[i] = e.Offset + p.delta[i] + len(e.New)
		p.delta[i+1] = p.delta[i] + len(e.New) - e.Length
	}
	return p
}

// back returns the offset before the pass of offset at after it; isEnd
// says at ends a span rather than starts one. An offset inside an edit's
// new text maps to the start (or, for an end, the end) of what it
// replaced; a start where bytes were deleted maps after them, an end before
// them.
func (p *pass) back(at int, isEnd bool) int {
	// The first edit that is not wholly before at: for a start, one whose
	// new text ends after at; for an end, at or after it.
	i := sort.Search(len(p.edits), func(i int) bool {
		return p.newEnd[i] > at || isEnd && p.newEnd[i] == at
	})
	if i < len(p.edits) {
		if e := p.edits[i]; e.Offset+p.delta[i] < at {
			if isEnd {
				return e.End()
			}
			return e.Offset
		}
	}
	return at - p.delta[i]
}

// forward returns where s, which no edit of the pass overlaps, stands after
// the pass. An insertion where s starts goes before it.
func (p *pass) forward(s span) span {
	// the edits that end at or before an offset
	before := func(at int) int {
		return sort.Search(len(p.edits), func(i int) bool { return p.edits[i].End() > at })
	}
	ds := p.delta[before(s.start)]
	k := before(s.end)
	if s.start < s.end {
		// an insertion at s.end goes after s
		for k > 0 && p.edits[k-1].Length == 0 && p.edits[k-1].Offset == s.end {
			k--
		}
	}
	return span{s.start + ds, max(s.start+ds, s.end+p.delta[k])}
}

// mapBack returns the span of the original text that s, a span of the text
// after passes, stands for: edits that s starts or ends inside widen it to
// the whole of what they replaced.
func mapBack(passes []*pass, s span) span {
	for k := len(passes) - 1; k >= 0; k-- {
		s = span{passes[k].back(s.start, false), passes[k].back(s.end, true)}
		if s.end < s.start {
			s.end = s.start
		}
	}
	return s
}

// written is a part of the text that an edit of an earlier pass changed:
// now in the current text, orig in the original one.
type written struct {
	now, orig span
}

// answerKey identifies an edit across passes and restarts by the bytes of
// the original text it replaces.
type answerKey struct {
	orig      span
	rule, new string
}

// fixer is the state of File across its restarts.
type fixer struct {
	chk     Checker
	opt     Options
	frozen  spans // of the original text: rules disagree there
	answers map[answerKey]Answer
	quit    bool
}

// run fixes text pass after pass. It returns restart when a pass would edit
// what an earlier one changed, after adding every such place to f.frozen.
func (f *fixer) run(text []byte) (res *Result, restart bool, err error) {
	res = &Result{Original: text, Fixed: text}
	in := checker.Input{Format: &f.opt.Format, Encoding: "utf-8"}
	var (
		passes []*pass
		// wrote holds what earlier passes changed, sorted by now.start;
		// the now spans never overlap (an overlap is a disagreement).
		wrote  []written
		frozen = slices.Clone(f.frozen) // in the current text
	)
	for res.Passes < f.opt.MaxPasses {
		cr := f.chk.CheckInput(text, in)
		res.Passes++
		if res.Passes == 1 {
			res.Notes = cr.Notes
		}
		if cr.Skipped || f.opt.Policy == nil {
			res.Settled = true
			break
		}
		findings, held := hold(cr.Findings, frozen, f.opt.Policy)
		edits, skipped := f.opt.Policy.Plan(text, f.opt.Format, findings)
		res.Skipped = append(held, skipped...)
		if len(wrote) > 0 {
			now := make(spans, len(wrote))
			for i, w := range wrote {
				now[i] = w.now
			}
			for _, e := range edits {
				t := e.Trim()
				es := span{t.Offset, t.End()}
				i := sort.Search(len(now), func(i int) bool { return now[i].end >= es.start })
				for ; i < len(now) && now[i].start <= es.end; i++ {
					if now[i].overlaps(es) {
						o := mapBack(passes, es)
						f.frozen = f.frozen.add(span{min(o.start, wrote[i].orig.start), max(o.end, wrote[i].orig.end)})
						restart = true
					}
				}
			}
			if restart {
				return res, true, nil
			}
		}
		if f.opt.Confirm != nil {
			kept := edits[:0]
			for _, e := range edits {
				a, err := f.ask(text, e, mapBack(passes, span{e.Offset, e.End()}))
				if err != nil {
					return nil, false, err
				}
				if a == Yes {
					kept = append(kept, e)
				}
			}
			edits = kept
		}
		if len(edits) == 0 {
			res.Settled = true
			break
		}
		p := newPass(edits)
		for i := range wrote {
			wrote[i].now = p.forward(wrote[i].now)
		}
		for i := range frozen {
			frozen[i] = p.forward(frozen[i])
		}
		for i, e := range edits {
			// What the edit changed, not the words it keeps around that.
			t := e.Trim()
			ns := t.Offset + p.delta[i]
			wrote = append(wrote, written{now: span{ns, ns + len(t.New)}, orig: mapBack(passes, span{t.Offset, t.End()})})
		}
		slices.SortFunc(wrote, func(a, b written) int { return a.now.start - b.now.start })
		passes = append(passes, p)
		text = Apply(text, edits)
		res.Applied = append(res.Applied, edits...)
		res.Fixed = text
	}
	return res, false, nil
}

// ask asks Options.Confirm about e, once for each edit of the original
// text: an answer holds across passes and restarts, and after Quit every
// edit is declined.
func (f *fixer) ask(text []byte, e Edit, orig span) (Answer, error) {
	if f.quit {
		return No, nil
	}
	k := answerKey{orig, e.Rule, e.New}
	if a, ok := f.answers[k]; ok {
		return a, nil
	}
	a, err := f.opt.Confirm(text, e)
	if err != nil {
		return No, err
	}
	if a == Quit {
		f.quit = true
		a = No
	}
	f.answers[k] = a
	return a, nil
}

// hold takes out of findings those with a safe fix in a frozen span,
// reporting them as skipped.
func hold(findings []checker.Finding, frozen spans, p *Policy) (kept []checker.Finding, held []Skip) {
	if len(frozen) == 0 {
		return findings, nil
	}
	kept = make([]checker.Finding, 0, len(findings))
	for _, f := range findings {
		if p.Safe(&f) && frozen.hits(span{f.Offset, f.Offset + f.Length}) {
			held = append(held, Skip{f, "the fixes of several rules disagree here; fix it by hand"})
			continue
		}
		kept = append(kept, f)
	}
	return kept, held
}

// ErrNotEncodable is the error of Encode for a fixed text that cannot be
// written back in the input's encoding.
var ErrNotEncodable = errors.New("cannot be written back in its encoding")

// Encode returns the fixed text as the bytes to write in place of the
// input: the text itself for UTF-8 input; for input in another encoding, the
// text encoded back into it, byte order mark included. Encode fails, rather
// than change bytes the fixes did not touch, unless encoding the original
// text gives back exactly the input's bytes (it does not where the input
// held bytes invalid in its encoding) and every character the fixes put in
// exists in the encoding.
func (r *Result) Encode() ([]byte, error) {
	if !r.Transcoded {
		return r.Fixed, nil
	}
	enc, err := encodingOf(r.Encoding)
	if err != nil {
		return nil, fmt.Errorf("read as %s, which mtlint cannot write: %w", r.Encoding, ErrNotEncodable)
	}
	orig, err := enc.NewEncoder().Bytes(r.Original)
	if err != nil || !bytes.HasSuffix(r.raw, orig) || !isBOM(r.raw[:len(r.raw)-len(orig)]) {
		return nil, fmt.Errorf("read as %s, but its bytes do not survive being read and written again (bytes invalid in %s?): %w", r.Encoding, r.Encoding, ErrNotEncodable)
	}
	fixed, err := enc.NewEncoder().Bytes(r.Fixed)
	if err != nil {
		return nil, fmt.Errorf("a fix puts in a character that %s lacks: %w", r.Encoding, ErrNotEncodable)
	}
	prefix := r.raw[:len(r.raw)-len(orig)]
	return append(prefix[:len(prefix):len(prefix)], fixed...), nil
}

// isBOM reports whether b is empty or a byte order mark.
func isBOM(b []byte) bool {
	switch string(b) {
	case "", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF", "\x00\x00\xFE\xFF", "\xFF\xFE\x00\x00":
		return true
	}
	return false
}

// encodingOf returns the encoding that source.Decode calls name.
func encodingOf(name string) (encoding.Encoding, error) {
	if e, err := htmlindex.Get(name); err == nil && e != encoding.Replacement {
		return e, nil
	}
	e, err := ianaindex.IANA.Encoding(name)
	if err != nil || e == nil {
		return nil, fmt.Errorf("unknown encoding %q", name)
	}
	return e, nil
}
