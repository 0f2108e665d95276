package checker

import (
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/language"
)

// A text is checked window by window (document.Windows): serially, on
// several cores (Config.Jobs), or as it is read from a stream (CheckReader).
// The three give the same findings byte for byte, because they share every
// step: the windows are cut by document.WindowEnd, each is checked alone by
// checkWindow, and a merge takes the windows' results in text order,
// locates their findings and, once every window is in, settles what depends
// on the whole document (the rules' held diagnostics, rules.Evidence).

// parallelWindows is the fewest windows a text must fill for them to be
// checked on several cores: below that, starting the workers costs more
// than they save.
const parallelWindows = 4

// detectBytes bounds the text from which a document's language is told: a
// stream is read that far before checking starts, and a file is told by
// the same first megabyte, so that the two agree.
const detectBytes = 1 << 20

// detectPrefix returns the first detectBytes of text, cut at a rune start.
func detectPrefix(text string) string {
	if len(text) <= detectBytes {
		return text
	}
	n := detectBytes
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// windowOut is what checking one window gave.
type windowOut struct {
	// found are the window's findings in input offsets, sorted by
	// position then rule order, not yet located (no line, column, text).
	found     []Finding
	fragments []Fragment
	words     int
	evidence  map[any]rules.Evidence
	errs      []error
}

// severityOf returns the severity of rule r's diagnostic d: the Config's
// for r, else d's own, else r's default.
func (c *Checker) severityOf(r *rules.Rule, d rules.Diagnostic) rules.Severity {
	if s := c.severity[c.order[r]]; s != 0 {
		return s
	}
	if d.Severity != 0 {
		return d.Severity
	}
	return r.Severity
}

// checkWindow runs the rules run over the current window of doc, which is
// segmented, and returns its findings in input offsets: rawBase is the
// input offset of doc.Raw[0]; mk, for marked-up input, what its extraction
// told. w is the rules' scratch for the window.
func (c *Checker) checkWindow(doc *Document, rawBase int, run []*rules.Rule, mk *markupInfo, w *rules.Window) windowOut {
	// the words and numbers: every token but the marks that are not words
	out := windowOut{words: len(doc.Tokens)}
	for _, i := range doc.Marks() {
		if k := doc.Tokens[i].Kind; k != document.Word && k != document.Number {
			out.words--
		}
	}
	extracted := !doc.Map.Identity() // markup: entities may stand for text
	var page *markup.PageTrace
	if mk != nil {
		page = mk.page
	}
	finding := func(r *rules.Rule, d rules.Diagnostic, sev rules.Severity) Finding {
		raw, m := doc.Raw, doc.Map
		inPage := page.Covers(d.Span.Start, d.Span.End) // then positions are the page's
		if inPage {
			raw, m = mk.pageRaw, page.Map
		}
		start := m.ToRaw(d.Span.Start)
		end := start
		if d.Span.End > d.Span.Start {
			last := m.ToRaw(d.Span.End - 1)
			end = last + 1
			if extracted {
				end = max(end, referenceEnd(raw, m, doc.Text, last, d.Span.End))
			}
			if end < start {
				end = start
			}
			for end < len(raw) && end > 0 && !isRuneStart(raw[end]) {
				end++ // the last rune of the span is longer than one byte
			}
		}
		// Copy what the rule gave: a substring of the text would keep
		// the whole input alive, or point into a file no longer mapped.
		sugg := make([]string, len(d.Suggestions))
		for i, s := range d.Suggestions {
			sugg[i] = strings.Clone(s)
		}
		return Finding{
			Rule: r.ID, Category: r.Category, Severity: sev, Message: strings.Clone(d.Message),
			Offset: rawBase + start, Length: end - start, Suggestions: sugg,
			Explanation: r.Explanation, ruleIndex: c.order[r],
			textStart: doc.Base + d.Span.Start, textEnd: doc.Base + d.Span.End, inPage: inPage,
			InArticle: mk != nil && mk.article && !inPage,
		}
	}
	out.errs = rules.RunWindow(doc, run, func(r *rules.Rule, d rules.Diagnostic) {
		if sev := c.severityOf(r, d); sev >= c.minSev {
			out.found = append(out.found, finding(r, d, sev))
		}
	}, w)
	for _, h := range w.Held {
		f := finding(h.Rule, h.Diagnostic, c.severityOf(h.Rule, h.Diagnostic))
		h.Message = f.Message // the clone
		f.held = &h
		out.found = append(out.found, f)
	}
	out.evidence = maps.Clone(w.Evidence)
	for _, f := range language.Fragments(doc) {
		start := doc.Map.ToRaw(f.Span.Start)
		end := max(start, doc.Map.ToRaw(f.Span.End-1)+1)
		for end < len(doc.Raw) && !isRuneStart(doc.Raw[end]) {
			end++
		}
		out.fragments = append(out.fragments, Fragment{
			Offset: rawBase + start, Length: end - start, Language: f.Language.Code, LanguageName: f.Language.Name,
			Confidence: f.Confidence, Words: f.Words, Reported: f.Reported,
		})
	}
	out.found = c.drop(doc, out.found, mk)
	slices.SortStableFunc(out.found, func(a, b Finding) int {
		if page != nil && a.textStart != b.textStart {
			// offsets in two buffers: the text orders them
			return a.textStart - b.textStart
		}
		if a.Offset != b.Offset {
			return a.Offset - b.Offset
		}
		return a.ruleIndex - b.ruleIndex
	})
	return out
}

// merge gathers the results of a text's windows, in text order, into its
// Result.
type merge struct {
	c        *Checker
	res      *Result
	langNote *Note
	errs     []Note
	evidence map[any]rules.Evidence
	held     int // findings held for the evidence
	loc      locator
	// pageView and pageLoc locate the findings of an extracted article
	// that lie in lines traced back to the page (markupInfo).
	pageView rawView
	pageLoc  locator
	// invalidAt and invalidCount say where the text held its first byte
	// that is not valid UTF-8 and how many it held; invalidAt is -1 when
	// none.
	invalidAt, invalidCount int
}

// begin tells the language of a text from its start (detectPrefix) and
// returns the merge of its windows and the rules to run on them: all, or
// those that do not depend on the language when it is not English.
func (c *Checker) begin(start string) (*merge, []*rules.Rule) {
	lang := language.DetectDocument(detectPrefix(start))
	run := c.rules
	if !lang.English() {
		run = c.anyLanguage
	}
	return c.newMerge(lang, run), run
}

// windowSize is the size of the windows a text is checked in.
func (c *Checker) windowSize() int {
	if c.window <= 0 {
		return document.DefaultWindow
	}
	return c.window
}

// newMerge starts the merge of the windows of a text in language lang,
// which the rules run check.
func (c *Checker) newMerge(lang language.Detection, run []*rules.Rule) *merge {
	m := &merge{c: c, res: &Result{Findings: []Finding{}}, invalidAt: -1}
	m.loc.noContext, m.pageLoc.noContext = c.noCtx, c.noCtx
	m.res.Language, m.res.LanguageConfidence = lang.Language.Code, lang.Confidence
	if !lang.English() {
		n := languageNote(lang, run)
		m.langNote = &n
	}
	return m
}

// add takes the result of the next window, j, of a text whose windows
// without a part of their own (j.raw) share the document shared: it locates
// its findings, in the input bytes that j.view gives, and counts them in.
func (m *merge) add(out windowOut, j *windowJob, shared *Document) {
	view := j.view(shared)
	for i := range out.found {
		f := &out.found[i]
		if f.inPage {
			m.pageLoc.locate(m.pageView, f)
		} else {
			m.loc.locate(view, f)
		}
		if f.held != nil {
			m.held++
		}
	}
	if j.rawEnd >= 0 {
		m.loc.at.advance(view, j.rawEnd) // the part is dropped after this
		m.loc.at.crKnown = false         // the next part reads further
	}
	if j.invalid > 0 {
		m.invalid(j.invalidAt, j.invalid)
	}
	m.res.Findings = append(m.res.Findings, out.found...)
	m.res.Fragments = append(m.res.Fragments, out.fragments...)
	m.res.Words += out.words
	for _, err := range out.errs {
		m.errs = append(m.errs, Note{Kind: "internal-error", Offset: -1, Message: err.Error()})
	}
	m.evidence = rules.MergeEvidence(m.evidence, out.evidence)
}

// invalid records that the text held count bytes that are not valid UTF-8
// from input offset at on.
func (m *merge) invalid(at, count int) {
	if m.invalidAt < 0 {
		m.invalidAt = at
	}
	m.invalidCount += count
}

// finish settles the held findings with the evidence of the whole text,
// adds the notes and scores the result.
func (m *merge) finish() *Result {
	c, res := m.c, m.res
	if m.held > 0 {
		kept := res.Findings[:0]
		for _, f := range res.Findings {
			if h := f.held; h != nil {
				d := rules.Settle(m.evidence, *h)
				sev := c.severityOf(h.Rule, d)
				if sev < c.minSev {
					continue
				}
				f.Severity, f.held = sev, nil
				if d.Message != h.Message {
					f.Message = strings.Clone(d.Message)
				}
			}
			kept = append(kept, f)
		}
		res.Findings = kept
	}
	if m.invalidAt >= 0 {
		res.Notes = append(res.Notes, Note{
			Kind: "invalid-utf8", Offset: m.invalidAt,
			Message: fmt.Sprintf("invalid UTF-8 at byte offset %d (%s in all); each was read as U+001A, as a letter, and the rest was checked; if the file is in another encoding, name it with --encoding (windows-1252, iso-8859-15, windows-1251…)",
				m.invalidAt, plural(m.invalidCount, "invalid byte")),
		})
	}
	if m.langNote != nil {
		res.Notes = append(res.Notes, *m.langNote)
	}
	res.Notes = append(res.Notes, m.errs...)
	if !c.noScore {
		res.Score, res.SourceLanguageHint = Score(res)
	}
	return res
}

// windowJob is one window to check: of a shared document (raw nil), or of
// a stream, whose part raw holds it.
type windowJob struct {
	// raw is the stream's part, from text offset base, that holds the
	// window and what follows it; nil for a window of a shared document.
	raw  []byte
	base int
	// from and end delimit the window in the document's text (in raw's
	// text for a stream's part).
	from, end int
	// rawBase is the input offset of the document's Raw[0].
	rawBase int
	// rawEnd is the input offset where the window ends, for a stream's
	// part; -1 for a shared document.
	rawEnd int
	// invalidAt and invalid say where the window holds its first byte
	// that is not valid UTF-8, in input offsets, and how many it holds.
	invalidAt, invalid int
}

// prepare makes d the document of the window and segments it.
func (j *windowJob) prepare(d, shared *Document) {
	if j.raw != nil {
		d.SetPart(j.raw, j.base)
	} else if d != shared {
		d.ShareText(shared)
	}
	d.SegmentWindow(j.from, j.end)
}

// view returns the input bytes the findings of the window point into.
func (j *windowJob) view(shared *Document) rawView {
	if j.raw != nil {
		return rawView{b: j.raw, base: j.rawBase}
	}
	return rawView{b: shared.Raw}
}

// runWindows checks the windows that jobs yields, in the calling goroutine
// when the Config asks for one job or parallel is false, else on c.jobs
// workers, and adds their results to m in text order. shared is the
// document of the windows without raw; a window's document is shared
// itself when the windows are checked serially.
func (c *Checker) runWindows(jobs func(yield func(windowJob) bool), shared *Document, parallel bool, run []*rules.Rule, mk *markupInfo, m *merge) {
	if c.jobs <= 1 || !parallel {
		d := shared
		if d == nil {
			d = docPool.Get().(*Document)
			defer func() {
				d.Release()
				docPool.Put(d)
			}()
		}
		var w rules.Window
		for j := range jobs {
			j.prepare(d, shared)
			m.add(c.checkWindow(d, j.rawBase, run, mk, &w), &j, shared)
		}
		return
	}
	type task struct {
		i int
		j windowJob
	}
	type done struct {
		i   int
		j   windowJob
		out windowOut
	}
	tasks := make(chan task)
	results := make(chan done)
	// slots bounds the windows taken ahead of the next one to merge, so
	// that a stream's memory stays bounded by a few windows.
	slots := make(chan struct{}, 2*c.jobs)
	var faultMu sync.Mutex
	var fault any // a panic of a worker (a memory fault), raised again here
	setFault := func(p any) {
		faultMu.Lock()
		defer faultMu.Unlock()
		if fault == nil {
			fault = p
		}
	}
	faulted := func() bool {
		faultMu.Lock()
		defer faultMu.Unlock()
		return fault != nil
	}
	var wg sync.WaitGroup
	for range c.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := docPool.Get().(*Document)
			defer func() {
				d.Release()
				docPool.Put(d)
			}()
			// A mapped file that shrinks faults on access: the fault is
			// raised again in the caller, whose CheckFile reports it.
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			var w rules.Window
			for t := range tasks {
				out, ok := func() (out windowOut, ok bool) {
					defer func() {
						if p := recover(); p != nil {
							setFault(p)
						}
					}()
					t.j.prepare(d, shared)
					return c.checkWindow(d, t.j.rawBase, run, mk, &w), true
				}()
				if !ok {
					out = windowOut{}
				}
				results <- done{i: t.i, j: t.j, out: out}
			}
		}()
	}
	go func() {
		defer func() {
			close(tasks)
			wg.Wait()
			close(results)
		}()
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if p := recover(); p != nil {
				setFault(p) // cutting the windows reads the text too
			}
		}()
		i := 0
		for j := range jobs {
			slots <- struct{}{}
			tasks <- task{i: i, j: j}
			i++
		}
	}()
	pending := make(map[int]done)
	next := 0
	for r := range results {
		pending[r.i] = r
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			if !faulted() {
				func() {
					// locating reads the text: a fault here too waits
					// until the workers are done
					defer func() {
						if p := recover(); p != nil {
							setFault(p)
						}
					}()
					m.add(d.out, &d.j, shared)
				}()
			}
		}
	}
	if faulted() {
		panic(fault)
	}
}

// fileWindows yields the windows of doc's text as document.Windows cuts
// them.
func (c *Checker) fileWindows(doc *Document) func(yield func(windowJob) bool) {
	return func(yield func(windowJob) bool) {
		pos := 0
		for {
			end := document.WindowEnd(doc.Text, pos, c.window)
			if !yield(windowJob{from: pos, end: end, rawEnd: -1}) || end >= len(doc.Text) || end <= pos {
				return
			}
			pos = end
		}
	}
}

// rawView is a stretch of the input: b holds its bytes from input offset
// base on. A file's view is the whole file; a stream's, the part of it that
// holds one window.
type rawView struct {
	b    []byte
	base int
}

// at returns the input byte at offset i.
func (v rawView) at(i int) byte { return v.b[i-v.base] }

// end returns the input offset just past the view.
func (v rawView) end() int { return v.base + len(v.b) }

// slice returns the input bytes [from, to).
func (v rawView) slice(from, to int) []byte { return v.b[from-v.base : to-v.base] }

// locator fills the line, column, text and context of findings, walking
// the input once from start to end, view by view.
type locator struct {
	at                 position
	lineStart, lineEnd int // the line of the last context, found once per line
	known              bool
	prev               contextSpan
	noContext          bool // Config.NoContext
}

// locate locates finding f, within view and after those located before.
func (l *locator) locate(v rawView, f *Finding) {
	l.at.advance(v, f.Offset)
	f.Line, f.Column = l.at.line, l.at.col
	end := l.at
	end.advance(v, f.Offset+f.Length)
	f.EndLine, f.EndColumn = end.line, end.col
	f.Text = validString(v.slice(f.Offset, f.Offset+f.Length))
	if l.noContext {
		return
	}
	if !l.known || l.at.lineStart != l.lineStart {
		l.lineStart, l.lineEnd, l.known = l.at.lineStart, lineEndAt(v, max(l.at.lineStart, v.base)), true
	}
	f.Context = sourceContext(v, max(l.lineStart, v.base), l.lineEnd, f.Offset, f.Offset+f.Length, &l.prev)
}
