package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/checker/score"
	"github.com/mtlint/mtlint/rules"
)

// RuleDocs is where a diagnostic's codeDescription sends people: the table of
// the rules in docs/rules.md, which `mtlint explain RULE` details.
const RuleDocs = report.InformationURI + "/blob/main/docs/rules.md#rules"

// ScoreDocs is where the score diagnostic's codeDescription sends people.
const ScoreDocs = report.InformationURI + "/blob/main/docs/score.md"

// ScoreCode is the code of the document-level diagnostic that shows the
// MT-likelihood score.
const ScoreCode = "mtlint.score"

// snapshot is one check of one version of a document.
type snapshot struct {
	gen     uint64
	version int
	text    string
	format  markup.Format
	idx     *document.LineIndex
	unit    document.Unit
	chk     *checker.Checker
	res     *checker.Result
	// diags are the diagnostics published: one per finding of res, in
	// order, then the score's, if any.
	diags []Diagnostic
	// fixAll is the edit of "fix all safe findings", computed once, when
	// first asked for: editors ask for code actions at every move of the
	// cursor.
	fixAllOnce sync.Once
	fixAll     *fixAllEdit
}

// job is what a check needs, copied from the document when it is scheduled.
type job struct {
	uri, path string
	format    markup.Format
	text      string
	version   int
	gen       uint64
}

func (s *server) didOpen(item *TextDocumentItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.docs[item.URI]; old != nil {
		old.stop()
	}
	d := &doc{uri: item.URI, path: s.pathFor(item.URI), langID: item.LanguageID, text: item.Text, version: item.Version}
	d.format, d.checked = s.settings.formatOf(item.LanguageID)
	s.docs[item.URI] = d
	if d.checked {
		s.scheduleLocked(d, 0)
	}
}

// pathFor returns the file path of the document uri, or one in the root
// folder for a document that is not a file, so that it takes the root's
// configuration.
func (s *server) pathFor(uri string) string {
	if p := pathOf(uri); p != "" {
		return p
	}
	return filepath.Join(s.root, "untitled")
}

func (s *server) didChange(p *didChangeParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return fmt.Errorf("change of %s, which is not open", p.TextDocument.URI)
	}
	if p.TextDocument.Version != nil && *p.TextDocument.Version < d.version {
		return fmt.Errorf("change of %s to version %d, older than %d: ignored", d.uri, *p.TextDocument.Version, d.version)
	}
	text := d.text
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			text = c.Text
			continue
		}
		// a client that sends ranges although the server asked for
		// full sync still gets its edit applied
		idx := document.NewLineIndex(text)
		start := idx.Offset(c.Range.Start.Line, c.Range.Start.Character, s.unit)
		end := max(start, idx.Offset(c.Range.End.Line, c.Range.End.Character, s.unit))
		text = text[:start] + c.Text + text[end:]
	}
	d.text = text
	if p.TextDocument.Version != nil {
		d.version = *p.TextDocument.Version
	}
	d.gen++
	if d.checked {
		s.scheduleLocked(d, s.settings.debounce())
	}
	return nil
}

func (s *server) didSave(p *didSaveParams) {
	if isConfigName(pathOf(p.TextDocument.URI)) {
		s.reloadAndRecheck()
		return
	}
	s.mu.Lock()
	watched := s.watchDynamic
	s.mu.Unlock()
	if !watched {
		// a client that does not watch the configuration files (Neovim
		// before 0.9, say) gets them read again at each save, which
		// costs well under a millisecond once the packs are compiled
		s.reload()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil || !d.checked {
		return
	}
	if p.Text != nil {
		d.text = *p.Text
	}
	d.gen++
	s.scheduleLocked(d, 0)
}

func (s *server) didClose(uri string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil {
		return
	}
	d.stop()
	delete(s.docs, uri)
	if d.checked {
		s.publishLocked(uri, nil, []Diagnostic{})
	}
}

// scheduleLocked checks d after delay, cancelling the check it had pending or
// running. s.mu is held.
func (s *server) scheduleLocked(d *doc, delay time.Duration) {
	d.stop()
	ctx, cancel := context.WithCancel(s.ctx)
	d.cancel = cancel
	j := job{uri: d.uri, path: d.path, format: d.format, text: d.text, version: d.version, gen: d.gen}
	if delay <= 0 {
		d.timer = nil
		go s.run(ctx, j)
		return
	}
	d.timer = time.AfterFunc(delay, func() { s.run(ctx, j) })
}

// run checks j when a slot is free, unless it was superseded meanwhile, and
// publishes the diagnostics if the document is still at j's generation.
func (s *server) run(ctx context.Context, j job) {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return
	}
	defer func() { <-s.sem }()
	if ctx.Err() != nil {
		return
	}
	snap := s.check(j)
	if snap == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[j.uri]
	if ctx.Err() != nil || d == nil || d.gen != j.gen || s.state != stateRunning {
		return
	}
	d.last = snap
	v := j.version
	s.publishLocked(j.uri, &v, snap.diags)
}

// check checks the text of j with the checker of its configuration. It
// returns nil when the checker failed (the log says why).
func (s *server) check(j job) (snap *snapshot) {
	defer func() {
		if r := recover(); r != nil {
			s.logf("internal error checking %s: %v\n%s", j.uri, r, debug.Stack())
			snap = nil
		}
	}()
	s.mu.Lock()
	disp, unit, threshold := s.disp, s.unit, s.settings.scoreThreshold()
	s.mu.Unlock()
	snap = &snapshot{gen: j.gen, version: j.version, text: j.text, format: j.format, unit: unit, idx: document.NewLineIndex(j.text)}
	if disp == nil {
		return snap
	}
	if p, err := disp.Ignored(j.path); err == nil && p != nil {
		return snap // the configuration says not to check this file
	}
	chk, err := disp.For(j.path)
	if err != nil {
		snap.diags = []Diagnostic{{Severity: severityError, Source: "mtlint", Code: "mtlint.config", Message: "configuration: " + err.Error()}}
		return snap
	}
	format := j.format
	snap.chk = chk
	snap.res = chk.CheckInput([]byte(j.text), checker.Input{Format: &format, Encoding: "utf-8"})
	snap.diags = make([]Diagnostic, 0, len(snap.res.Findings)+1)
	for i := range snap.res.Findings {
		snap.diags = append(snap.diags, snap.diagnostic(&snap.res.Findings[i]))
	}
	if d, ok := snap.scoreDiagnostic(threshold); ok {
		snap.diags = append(snap.diags, d)
	}
	return snap
}

// rangeOf converts a span of bytes of the text into a range in the client's
// unit.
func (snap *snapshot) rangeOf(off, length int) Range {
	sl, sc := snap.idx.Position(off, snap.unit)
	el, ec := snap.idx.Position(off+length, snap.unit)
	return Range{Start: Position{sl, sc}, End: Position{el, ec}}
}

func (snap *snapshot) diagnostic(f *checker.Finding) Diagnostic {
	return Diagnostic{
		Range:           snap.rangeOf(f.Offset, f.Length),
		Severity:        severityOf(f.Severity),
		Code:            f.Rule,
		CodeDescription: &CodeDescription{Href: RuleDocs},
		Source:          "mtlint",
		Message:         f.Message,
		Data: &DiagnosticData{
			Category: string(f.Category), Severity: f.Severity.String(),
			Offset: f.Offset, Length: f.Length, Text: f.Text, Suggestions: f.Suggestions,
		},
	}
}

func severityOf(s rules.Severity) int {
	switch s {
	case rules.Error:
		return severityError
	case rules.Warning:
		return severityWarning
	}
	return severityInformation
}

// scoreDiagnostic is the document-level diagnostic of a score at or above
// threshold, on the document's first line.
func (snap *snapshot) scoreDiagnostic(threshold int) (Diagnostic, bool) {
	res := snap.res
	if res == nil || threshold > 100 || res.Score < threshold {
		return Diagnostic{}, false
	}
	msg := "MT-likelihood score " + strconv.Itoa(res.Score) + " of 100"
	data := &DiagnosticData{Score: res.Score}
	if h := res.SourceLanguageHint; h != nil {
		msg += "; probably translated from " + score.LanguageName(h.Language) + " (" + h.Language + ", confidence " + strconv.FormatFloat(h.Confidence, 'f', 2, 64) + ")"
		data.SourceLanguage, data.Confidence = h.Language, h.Confidence
	}
	_, endCol := snap.idx.Position(lineEndOffset(snap.text), snap.unit)
	return Diagnostic{
		Range:    Range{End: Position{0, endCol}},
		Severity: severityInformation, Code: ScoreCode, Source: "mtlint",
		CodeDescription: &CodeDescription{Href: ScoreDocs},
		Message:         msg, Data: data,
	}, true
}

// lineEndOffset returns the offset of the end of the text's first line.
func lineEndOffset(text string) int {
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' || text[i] == '\r' {
			return i
		}
	}
	return len(text)
}

// publishLocked sends the diagnostics of uri. s.mu is held, so that
// publications leave in the order the document's versions came.
func (s *server) publishLocked(uri string, version *int, diags []Diagnostic) {
	if diags == nil {
		diags = []Diagnostic{}
	}
	s.out.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags})
}
