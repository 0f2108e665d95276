// Package checker is mtlint as a library: it turns an article's bytes into a
// document, runs the enabled rules over it in their fixed order and returns
// findings with exact positions in the input, ready for any report. A CMS
// plugin or a feed crawler written in Go uses it without the command line:
//
//	c, err := checker.New(checker.Config{Disable: []string{"boilerplate"}})
//	if err != nil { ... }
//	res := c.CheckBytes(article)
//	for _, f := range res.Findings { fmt.Println(f.Line, f.Column, f.Rule, f.Message) }
//
// A Checker is safe for concurrent use by several goroutines.
package checker

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/mtlint/mtlint/internal/mmap"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/score"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/internal/suggest"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/builtin"
	"github.com/mtlint/mtlint/rules/language"
)

// Document is the model of one article that rules read: raw bytes, text, an
// offset map and its segmentation.
type Document = document.Document

// Config chooses the rules of a Checker. The zero value runs every built-in
// rule that is on by default.
type Config struct {
	// Rules are the rules to choose from, in run order; nil means the
	// built-in rules (package builtin).
	Rules []*rules.Rule
	// Enable turns on rules, by ID or by category, that are off by default
	// or that Disable turned off: a rule ID wins over its category, so
	// Disable: punctuation with Enable: punctuation.doubled keeps that one.
	Enable []string
	// Disable turns off rules by ID or by category.
	Disable []string
	// MinSeverity drops findings below it; zero keeps every finding.
	MinSeverity rules.Severity
	// Window is the size in bytes of the windows a large text is checked
	// in; zero means document.DefaultWindow.
	Window int
	// Jobs is how many windows of one large input are checked at once, on
	// as many cores; 0 or 1 checks them one after the other. The findings
	// are the same either way, byte for byte: the windows' are merged in
	// text order, and what depends on the whole document (the spinning
	// evidence) is settled once every window is checked.
	Jobs int

	// Input says how inputs are read when the caller does not say
	// otherwise: CheckFile takes the format from the file's extension
	// unless Input.Format is set, and CheckBytes reads plain text unless it
	// is set.
	Input Input
	// Ignore are regular expressions (RE2 syntax) for spans of the text
	// never to flag: a finding that overlaps a match is dropped.
	Ignore []string
	// Accept are words and phrases never flagged (a configuration's
	// accept list): a finding that lies within an occurrence of one is
	// dropped. Occurrences are found without regard to case, at word
	// boundaries, any run of white space matching a space. A finding that
	// only overlaps one is kept, so that an accepted name inside a long
	// flagged passage does not hide the passage.
	Accept []string
	// Severity sets the severity of findings by rule ID or by category, an
	// ID winning over its category, so that a configuration can make
	// boilerplate an error or a rule it trusts less an info. It wins over
	// the severities that rules and pack entries give; MinSeverity applies
	// after it.
	Severity map[string]rules.Severity
	// NoContext leaves out each finding's Context, which only the text and
	// HTML reports and baselines read: a large input's findings then take
	// about half the memory.
	NoContext bool
	// KeepSource keeps a copy of each input's bytes in Result.Source, and
	// its word count in Result.Words, for reports that show the article
	// itself (HTML). It costs a copy of every input, so it is off by
	// default.
	KeepSource bool
	// NoScore skips the MT-likelihood score and the source-language hint
	// (Result.Score, Result.SourceLanguageHint), which cost a pass over
	// the findings after the check.
	NoScore bool
}

// Input says how to read one input's bytes.
type Input struct {
	// Format is the markup; nil means by extension for files and plain
	// text otherwise.
	Format *markup.Format
	// Encoding names the input's character encoding ("windows-1252");
	// empty means detect it (byte order mark, HTTP Content-Type and
	// <meta charset> for HTML) or else take UTF-8.
	Encoding string
	// ContentType is the HTTP Content-Type the input came with.
	ContentType string
	// Article extracts the main article of an HTML page (readability)
	// before checking, so that navigation and footers are not checked.
	Article bool
	// URL is where the input came from, if it came from the web.
	URL string
}

// Checker runs a fixed, ordered set of rules over documents.
type Checker struct {
	rules  []*rules.Rule
	all    []*rules.Rule // every rule known, enabled or not
	order  map[*rules.Rule]int
	minSev rules.Severity
	window int
	jobs   int
	input  Input
	ignore []*regexp.Regexp
	accept *acceptor // Config.Accept; nil when empty
	// severity is the severity that Config.Severity sets for each enabled
	// rule, by its place in the run order; 0 keeps the rule's own.
	severity []rules.Severity
	keep     bool // Config.KeepSource
	noCtx    bool // Config.NoContext
	noScore  bool // Config.NoScore
	// anyLanguage are the enabled rules that also run on a document that
	// is not English (language.AnyLanguage), in run order.
	anyLanguage []*rules.Rule
}

// New returns a Checker for cfg. It fails when a rule is malformed, two rules
// share an ID, or Enable or Disable names no rule or category.
func New(cfg Config) (*Checker, error) {
	all := cfg.Rules
	if all == nil {
		all = builtin.Rules()
	}
	byID := make(map[string]*rules.Rule, len(all))
	cats := make(map[rules.Category]bool)
	for _, r := range all {
		if err := r.Validate(); err != nil {
			return nil, err
		}
		if byID[r.ID] != nil {
			return nil, fmt.Errorf("two rules have the ID %q", r.ID)
		}
		byID[r.ID] = r
		cats[r.Category] = true
	}
	check := func(names []string, flag string) error {
		for _, n := range names {
			if byID[n] == nil && !cats[rules.Category(n)] && !rules.Category(n).Valid() {
				return fmt.Errorf("%s %q: no such rule or category (see 'mtlint rules')", flag, n)
			}
		}
		return nil
	}
	if err := check(cfg.Enable, "enable"); err != nil {
		return nil, err
	}
	if err := check(cfg.Disable, "disable"); err != nil {
		return nil, err
	}
	c := &Checker{all: all, order: make(map[*rules.Rule]int), minSev: cfg.MinSeverity, window: cfg.Window, jobs: cfg.Jobs, input: cfg.Input, keep: cfg.KeepSource, noCtx: cfg.NoContext, noScore: cfg.NoScore}
	for _, expr := range cfg.Ignore {
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("ignore pattern %q: %v", expr, err)
		}
		c.ignore = append(c.ignore, re)
	}
	for name, sev := range cfg.Severity {
		if byID[name] == nil && !cats[rules.Category(name)] && !rules.Category(name).Valid() {
			return nil, fmt.Errorf("severity %q: no such rule or category (see 'mtlint rules')", name)
		}
		if sev < rules.Info || sev > rules.Error {
			return nil, fmt.Errorf("severity %q: invalid severity %d", name, sev)
		}
	}
	var err error
	if c.accept, err = newAcceptor(cfg.Accept); err != nil {
		return nil, err
	}
	for _, r := range all {
		if enabled(r, cfg.Enable, cfg.Disable) {
			c.order[r] = len(c.rules)
			c.rules = append(c.rules, r)
			sev, ok := cfg.Severity[r.ID]
			if !ok {
				sev = cfg.Severity[string(r.Category)]
			}
			c.severity = append(c.severity, sev)
			if language.AnyLanguage(r) {
				c.anyLanguage = append(c.anyLanguage, r)
			}
		}
	}
	return c, nil
}

// enabled decides whether r runs: the most specific mention wins (ID over
// category over the rule's default); between equals, Disable wins.
func enabled(r *rules.Rule, enable, disable []string) bool {
	has := func(list []string, s string) bool { return slices.Contains(list, s) }
	switch {
	case has(disable, r.ID):
		return false
	case has(enable, r.ID):
		return true
	case has(disable, string(r.Category)):
		return false
	case has(enable, string(r.Category)):
		return true
	}
	return !r.Off
}

// Rules returns the enabled rules in run order.
func (c *Checker) Rules() []*rules.Rule { return slices.Clone(c.rules) }

// Finding is one artifact found in one input, with its position in the input
// as given. Lines and columns are 1-based, columns count Unicode code points,
// End* are exclusive; Offset and Length are in bytes of the input.
type Finding struct {
	Rule        string         `json:"rule"`
	Category    rules.Category `json:"category"`
	Severity    rules.Severity `json:"severity"`
	Message     string         `json:"message"`
	Line        int            `json:"line"`
	Column      int            `json:"column"`
	EndLine     int            `json:"end_line"`
	EndColumn   int            `json:"end_column"`
	Offset      int            `json:"offset"`
	Length      int            `json:"length"`
	Text        string         `json:"text"`
	Suggestions []string       `json:"suggestions"`
	Explanation string         `json:"explanation"`
	// InArticle is set when the position refers to the article extracted
	// from a web page (Input.Article) as readability re-rendered it, not to
	// the page's bytes: its text could not be traced back to the page.
	// Reports mark such positions "(article)".
	InArticle bool `json:"in_article,omitempty"`
	// Context is the source line the finding starts on, for reports that
	// show it; it is not part of the JSON contract.
	Context Context `json:"-"`
	// ruleIndex is the rule's place in the run order, for sorting.
	ruleIndex int
	// held is the rule's diagnostic while it waits for the evidence of
	// the whole document (rules.Pass.Hold).
	held *rules.Held
	// textStart and textEnd are the span in the text (the whole text, for
	// a stream), for the ignore patterns; inPage says that Offset is in the page an article was
	// extracted from, not in the article's source (markupInfo).
	textStart, textEnd int
	inPage             bool
}

// Context is the line of the input on which a finding starts.
type Context struct {
	// Line is the source line without its line break, cut to at most
	// maxContext bytes around the finding when it is longer.
	Line string
	// Start and End are the flagged bytes within Line (End is clipped to
	// the line's end for findings that run over several lines).
	Start, End int
}

// Note is something worth saying about an input that is not a finding: it
// was binary and skipped, it held invalid UTF-8, a rule failed on it.
type Note struct {
	// Kind is "binary", "invalid-utf8", "unsupported-encoding", "language",
	// "transcoded", "invalid-encoding", "charset", "extraction",
	// "unknown-rule" (an inline suppression names no rule), "too-large" or
	// "internal-error".
	Kind string `json:"kind"`
	// Message says what happened, naming the byte offset where there is one.
	Message string `json:"message"`
	// Offset is the byte offset in the input the note refers to, or -1.
	Offset int `json:"offset"`
}

// Fragment is a run of text in another language inside an English text.
type Fragment struct {
	// Offset and Length are in bytes of the input, as a Finding's.
	Offset, Length int
	// Language is the fragment's ISO 639-1 code ("fr"), or empty when only
	// its script is known; LanguageName is its English name ("French",
	// "Cyrillic-script").
	Language, LanguageName string
	// Confidence is lingua's confidence in Language, between 0 and 1.
	Confidence float64
	// Words counts the fragment's words, not counting names and loanwords.
	Words int
	// Reported says whether language.untranslated reported it: it does not
	// when the fragment is a quotation marked as foreign, a title or a
	// gloss.
	Reported bool
}

// Result is what checking one input gave.
type Result struct {
	// Path names the input; the Check methods leave it empty for the caller
	// to fill.
	Path string `json:"path"`
	// Language is the ISO 639-1 code of the language the text is in ("en",
	// "fr"), or empty when it has too few words to tell. On a text that is
	// not English only the rules that do not depend on the language run,
	// and a note of kind "language" says so.
	Language string `json:"language,omitempty"`
	// Score is the MT-likelihood score, 0 to 100: findings per 1,000 words
	// weighted by how much more often each rule fires on machine-translated
	// than on human text, each rule's part capped (package score). 0 when
	// Config.NoScore is set. The JSON of a result that was not checked
	// (Error or Skipped) has no score.
	Score int `json:"score"`
	// SourceLanguageHint is the language the text was most likely
	// translated from, with a confidence, or nil when the evidence is thin
	// (package score). Its Evidence is not part of the JSON.
	SourceLanguageHint *score.Hint `json:"source_language_hint,omitempty"`
	// LanguageConfidence is how sure the detection of Language is, between
	// 0 and 1 (see language.Detection).
	LanguageConfidence float64 `json:"-"`
	// Fragments are the runs of text in another language that
	// language.untranslated found in an English text, reported or not
	// (a quotation marked as foreign is not reported but still shows
	// what language the writer knew), with input offsets, for the
	// source-language hint.
	Fragments []Fragment `json:"-"`
	// Findings are sorted by position, then by rule order.
	Findings []Finding `json:"findings"`
	// Notes say what else there is to know about the input.
	Notes []Note `json:"notes,omitempty"`
	// Skipped is set when the input was not checked (binary, say); Notes
	// say why.
	Skipped bool `json:"skipped,omitempty"`
	// Error is set by callers that could not read the input at all.
	Error string `json:"error,omitempty"`
	// Source holds, when Config.KeepSource is set, a copy of the bytes that
	// the findings' offsets refer to: the input decoded to UTF-8, or the
	// extracted article's source for a page read with Input.Article. It
	// may hold bytes that are not valid UTF-8 (a note then says so).
	Source []byte `json:"-"`
	// Words is the number of words of the text that was checked (its word
	// and number tokens), which the score divides by.
	Words int `json:"-"`
}

// CheckString checks a text given as a string.
func (c *Checker) CheckString(text string) *Result { return c.CheckBytes([]byte(text)) }

// mapThreshold is the size from which CheckFile maps a file into memory
// instead of reading it onto the heap: the garbage collector sizes the heap
// at twice what is live, so a 200 MB file read onto the heap would let it
// grow to 400 MB, while a mapped one leaves the heap small.
const mapThreshold = 16 << 20

// errChanged is the error of a mapped file that shrank while it was checked.
var errChanged = errors.New("the file was truncated while it was being checked")

// testHookMapped, when set by a test, runs after a file is mapped.
var testHookMapped func(path string)

// faultIn reports whether the panic value p is a memory fault at an address
// inside b, as debug.SetPanicOnFault documents it.
func faultIn(p any, b []byte) bool {
	f, ok := p.(interface{ Addr() uintptr })
	if !ok || len(b) == 0 {
		return false
	}
	start := uintptr(unsafe.Pointer(&b[0]))
	return f.Addr() >= start && f.Addr() < start+uintptr(len(b))
}

// CheckFile reads the file at path and checks it; the error names the file.
// A plain UTF-8 text file of 64 MB or more is read window by window as a
// stream is (CheckReader), so that memory stays bounded by a few windows and
// the findings, however large the file; other files of 16 MB or more are
// mapped into memory where the system allows, so that memory stays bounded
// by the file plus a fixed overhead.
func (c *Checker) CheckFile(path string) (res *Result, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *PathError names the file
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Mode().IsRegular() && st.Size() >= streamFileMin {
		if res, ok, err := c.streamFile(f, path); ok || err != nil {
			return res, err
		}
	}
	if st.Mode().IsRegular() && st.Size() >= mapThreshold && int64(int(st.Size())) == st.Size() {
		if raw, unmap, mapErr := mmap.Map(f, int(st.Size()), false); mapErr == nil {
			defer unmap()
			// A file truncated while mapped faults on access; make that a
			// panic of this goroutine and report it as an error.
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			defer func() {
				if p := recover(); p != nil {
					if !faultIn(p, raw) {
						panic(p)
					}
					res, err = nil, &os.PathError{Op: "read", Path: path, Err: errChanged}
				}
			}()
			if testHookMapped != nil {
				testHookMapped(path)
			}
			res = c.CheckInput(raw, c.inputFor(path))
			res.Path = path
			return res, nil
		}
	}
	raw := make([]byte, 0, st.Size()+512)
	for {
		n, err := f.Read(raw[len(raw):cap(raw)])
		raw = raw[:len(raw)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if len(raw) == cap(raw) {
			raw = append(raw, 0)[:len(raw)] // the file grew: make room
		}
	}
	res = c.CheckInput(raw, c.inputFor(path))
	res.Path = path
	return res, nil
}

// binarySniff is how much of an input is searched for a NUL byte, as git does.
const binarySniff = 8000

// CheckBytes checks raw as the Config's Input says: plain UTF-8 text unless
// it names a format or an encoding. Binary input (a NUL byte near the start)
// is skipped with a note; invalid UTF-8 is noted and the rest of the text is
// checked with offsets unchanged.
func (c *Checker) CheckBytes(raw []byte) *Result { return c.CheckInput(raw, c.input) }

// inputFor returns how to read the file at path: the Config's Input, with
// the format of the file's extension unless the Config names one.
func (c *Checker) inputFor(path string) Input {
	in := c.input
	if in.Format == nil {
		f := markup.FormatOf(path)
		in.Format = &f
	}
	return in
}

// CheckInput checks raw as in says: it decodes raw into UTF-8, extracts the
// prose of Markdown or HTML, checks it, and drops the findings that inline
// suppressions and the Config's ignore patterns cover. Offsets are those of
// raw, or of its UTF-8 transcoding when it was in another encoding (a note
// says so).
func (c *Checker) CheckInput(raw []byte, in Input) *Result {
	if len(raw) > document.MaxText {
		return skipped("too-large", -1, fmt.Sprintf("%d bytes is more than the %d mtlint checks in one file; skipped", len(raw), document.MaxText))
	}
	format := markup.Plain
	if in.Format != nil {
		format = *in.Format
	}
	dec, err := source.Decode(raw, source.DecodeOptions{Encoding: in.Encoding, ContentType: in.ContentType, HTML: format == markup.HTML})
	if err != nil {
		return skipped("unsupported-encoding", 0, err.Error()+"; skipped")
	}
	notes := decodeNotes(dec, in.Encoding)
	raw = dec.Text
	if i := bytes.IndexByte(raw[:min(len(raw), binarySniff)], 0); i >= 0 {
		return skipped("binary", i, fmt.Sprintf("binary file (NUL byte at offset %d); skipped", i))
	}
	doc := docPool.Get().(*document.Document)
	defer func() {
		doc.Release()
		docPool.Put(doc)
	}()
	var mk *markupInfo
	if format == markup.Plain {
		doc.SetPlain(raw)
	} else {
		ex, err := markup.Extract(raw, format, markup.Options{Article: in.Article, URL: in.URL})
		if err != nil && in.Article {
			notes = append(notes, Note{Kind: "extraction", Offset: -1, Message: fmt.Sprintf("no article could be extracted (%v); the whole page was checked", err)})
			ex, err = markup.Extract(raw, format, markup.Options{URL: in.URL})
		}
		if err != nil {
			return skipped("extraction", -1, err.Error()+"; skipped")
		}
		for _, n := range ex.Notes {
			notes = append(notes, Note{Kind: "extraction", Offset: -1, Message: n})
		}
		mk = &markupInfo{supp: ex.Suppressions}
		if ex.Page != nil {
			notes = append(notes, c.unknownSuppressed(raw, ex.Page.Suppressions)...)
		} else {
			notes = append(notes, c.unknownSuppressed(raw, mk.supp)...)
		}
		if ex.Source != nil {
			if !c.keep && ex.Page != nil {
				// the lines traced back to the page keep its positions;
				// the report that keeps the source shows the article
				mk.page, mk.pageRaw = ex.Page, raw
			}
			raw = ex.Source
			mk.article = in.Article
		}
		doc.SetExtracted(raw, ex.Text, ex.Map)
	}
	res := c.check(doc, mk)
	res.Notes = append(notes, res.Notes...)
	return res
}

// unknownSuppressed notes each rule or category that an inline
// suppression of raw names and that does not exist, with its line and the
// closest names: a misspelt ID would otherwise silently suppress nothing.
func (c *Checker) unknownSuppressed(raw []byte, supp []markup.Suppression) []Note {
	var notes []Note
	var at position
	seen := make(map[string]bool)
	for _, s := range supp {
		for _, name := range s.Rules {
			if c.known(name) || seen[fmt.Sprint(s.Start, name)] {
				continue
			}
			seen[fmt.Sprint(s.Start, name)] = true
			if s.Start < at.off {
				at = position{} // suppressions come in the order they end
			}
			at.advance(rawView{b: raw}, s.Start)
			msg := fmt.Sprintf("line %d: the inline suppression names %q, which is no rule or category, so it suppresses nothing for it", at.line, name)
			if close := suggest.Rules(c.all, name); len(close) > 0 {
				msg += " (did you mean " + suggest.Join(close) + "?)"
			}
			notes = append(notes, Note{Kind: "unknown-rule", Offset: s.Start, Message: msg + "; 'mtlint rules' lists them"})
		}
	}
	return notes
}

// known reports whether name is the ID of a rule of the checker's or a
// category.
func (c *Checker) known(name string) bool {
	if rules.Category(name).Valid() {
		return true
	}
	for _, r := range c.all {
		if r.ID == name || string(r.Category) == name {
			return true
		}
	}
	return false
}

// latin1Labels are the WHATWG labels of windows-1252 that name another,
// smaller encoding: ISO 8859-1 and ASCII.
var latin1Labels = map[string]bool{
	"iso-8859-1": true, "iso8859-1": true, "iso88591": true, "iso_8859-1": true, "iso_8859-1:1987": true,
	"latin1": true, "l1": true, "csisolatin1": true, "iso-ir-100": true, "cp819": true, "ibm819": true,
	"ascii": true, "us-ascii": true, "ansi_x3.4-1968": true,
}

// decodeNotes says how an input was decoded, when there is something to say:
// it was transcoded (offsets then count bytes of the UTF-8 text), it held
// bytes not valid in its encoding, or a declared charset was not followed.
// asked is the encoding the user named, if any.
func decodeNotes(dec *source.Decoded, asked string) []Note {
	var notes []Note
	if dec.Transcoded {
		why := ""
		switch dec.From {
		case source.FromBOM:
			why = " (byte order mark)"
		case source.FromOption:
			why = " (as asked)"
			if label := strings.ToLower(strings.TrimSpace(asked)); label != "" && label != dec.Encoding {
				why = fmt.Sprintf(" (asked for %s, another name of it)", asked)
				if latin1Labels[label] {
					why = fmt.Sprintf(" (asked for %s: as browsers do, mtlint reads that name as windows-1252, a superset that reads every letter of %s the same and adds curly quotes, dashes and the euro sign)", asked, asked)
				}
			}
		case source.FromContentType:
			why = " (from the HTTP Content-Type)"
		case source.FromMeta:
			why = " (from <meta charset>)"
		case source.FromGuess:
			why = " (no charset declared and not UTF-8; browsers read such pages so; if it is in another encoding, say which with --encoding)"
		case source.FromLegacy:
			why = " (not valid UTF-8, but every byte is a character of windows-1252, which includes ISO 8859-1, the usual legacy encoding of Western European text; if the file is in another encoding, name it with --encoding, such as --encoding iso-8859-15 or windows-1250)"
		}
		notes = append(notes, Note{Kind: "transcoded", Offset: -1, Message: fmt.Sprintf(
			"read as %s%s and converted to UTF-8: offsets count bytes of the UTF-8 text; lines and columns are the file's", dec.Encoding, why)})
	}
	if dec.Transcoded && dec.Invalid > 0 {
		var at position
		at.advance(rawView{b: dec.Text}, dec.InvalidTextOffset)
		notes = append(notes, Note{Kind: "invalid-encoding", Offset: dec.InvalidTextOffset, Message: fmt.Sprintf(
			"not valid %s at byte offset %d of the file (line %d, column %d; %s in all); each invalid sequence was read as U+FFFD and the rest was checked; if the file is in another encoding, name it with --encoding",
			dec.Encoding, dec.InvalidOffset, at.line, at.col, plural(dec.Invalid, "invalid byte"))})
	}
	for _, r := range dec.Remarks {
		notes = append(notes, Note{Kind: "charset", Offset: -1, Message: r})
	}
	return notes
}

// skipped returns the result of an input that was not checked.
func skipped(kind string, offset int, msg string) *Result {
	return &Result{Findings: []Finding{}, Skipped: true, Notes: []Note{{Kind: kind, Offset: offset, Message: msg}}}
}

// docPool keeps documents, with their segmentation buffers, for reuse.
var docPool = sync.Pool{New: func() any { return new(document.Document) }}

// Check runs the enabled rules over doc, window by window, and returns the
// findings in input positions.
func (c *Checker) Check(doc *Document) *Result { return c.check(doc, nil) }

// markupInfo is what the extraction of marked-up input tells the check
// besides the text: inline suppressions, and for an extracted article whose
// positions refer to its own source, the lines that can be placed in the
// page after all.
type markupInfo struct {
	supp    []markup.Suppression
	page    *markup.PageTrace
	pageRaw []byte // the page
	// article says that positions outside page refer to the article
	// extracted from the page (Finding.InArticle).
	article bool
}

// check is Check, dropping the findings that the markup's suppressions or
// the ignore patterns cover; mk is nil for plain text.
func (c *Checker) check(doc *Document, mk *markupInfo) *Result {
	m, run := c.begin(doc.Text)
	if mk != nil && mk.page != nil {
		m.pageView = rawView{b: mk.pageRaw}
	}
	c.runWindows(c.fileWindows(doc), doc, len(doc.Text) >= parallelWindows*c.windowSize(), run, mk, m)
	if doc.Invalid != nil {
		m.invalid(doc.Invalid.Offset, doc.Invalid.Count)
	}
	res := m.finish()
	if c.keep {
		// A copy: the input may be a mapped file, unmapped after the check.
		res.Source = bytes.Clone(doc.Raw)
		if res.Source == nil {
			res.Source = []byte{}
		}
	}
	return res
}

// Score computes the MT-likelihood score and the source-language hint of a
// result from its findings, fragments and word count (package score).
func Score(res *Result) (int, *score.Hint) {
	b, h := ScoreDetail(res)
	return b.Score, h
}

// ScoreDetail is Score with the contributions behind the score, for
// `mtlint explain-score`.
func ScoreDetail(res *Result) (score.Breakdown, *score.Hint) {
	fs, frags := ScoreInputs(res)
	return score.Compute(fs, res.Words), score.SourceLanguage(fs, frags)
}

// ScoreInputs returns res's findings and fragments as package score reads
// them.
func ScoreInputs(res *Result) ([]score.Finding, []score.Fragment) {
	fs := make([]score.Finding, len(res.Findings))
	for i := range res.Findings {
		f := &res.Findings[i]
		fs[i] = score.Finding{Rule: f.Rule, Category: string(f.Category), Message: f.Message, Text: f.Text}
	}
	var frags []score.Fragment
	for _, f := range res.Fragments {
		frags = append(frags, score.Fragment{Language: f.Language, Confidence: f.Confidence, Words: f.Words, Reported: f.Reported})
	}
	return fs, frags
}

// drop removes the findings of the current window of doc that a
// suppression of the markup or an ignore or accept pattern covers. Ignore
// and accept patterns are matched in the window's text: a window ends at a
// paragraph boundary, so only a pattern that spans paragraphs of a text of
// more than one window (64 KB) could miss. The findings carry their spans
// in the window's text, with which the patterns' matches are compared.
func (c *Checker) drop(doc *Document, found []Finding, mk *markupInfo) []Finding {
	if mk == nil && len(c.ignore) == 0 && c.accept == nil || len(found) == 0 {
		return found
	}
	var supp []markup.Suppression
	var ignored []document.Span // text ranges
	w := doc.Window
	for _, re := range c.ignore {
		for _, m := range re.FindAllStringIndex(doc.Text[w.Start:w.End], -1) {
			if m[1] > m[0] {
				ignored = append(ignored, document.Span{Start: w.Start + m[0], End: w.Start + m[1]})
			}
		}
	}
	accepted := c.accept.spans(doc) // text ranges
	kept := found[:0]
next:
	for _, f := range found {
		if f.inPage { // the page's directives, in the page's offsets
			supp = mk.page.Suppressions
		} else if mk != nil {
			supp = mk.supp
		}
		for _, s := range supp {
			if s.Covers(f.Rule, string(f.Category), f.Offset) {
				continue next
			}
		}
		start, end := f.textStart-doc.Base, max(f.textEnd, f.textStart+1)-doc.Base
		for _, s := range ignored {
			if start < s.End && s.Start < end {
				continue next
			}
		}
		for _, s := range accepted {
			if s.Start <= start && end <= s.End {
				continue next
			}
		}
		kept = append(kept, f)
	}
	return kept
}

// languageNote says that a document is not in English and which rules ran
// on it instead of all.
func languageNote(lang language.Detection, ran []*rules.Rule) Note {
	ids := make([]string, len(ran))
	for i, r := range ran {
		ids[i] = r.ID
	}
	which := "no rule was run"
	switch len(ids) {
	case 0:
	case 1:
		which = "only " + ids[0] + ", which does not depend on the language, was run"
	default:
		which = "only the rules that do not depend on the language were run (" + strings.Join(ids, ", ") + ")"
	}
	return Note{Kind: "language", Offset: -1, Message: fmt.Sprintf(
		"the text is in %s (confidence %.2f), not English: mtlint's rules are written for English text, so %s",
		lang.Language.Name, lang.Confidence, which)}
}

// referenceEnd returns the end of the character reference (an HTML or
// Markdown entity such as "&amp;" or "&#8217;") that holds raw offset last,
// where the text byte before textEnd came from, when the reference was
// decoded into the text: a finding that ends on a decoded "&quot;" covers
// all of it, not its "&" alone. It returns 0 when there is none.
func referenceEnd(raw []byte, m document.OffsetMap, text string, last, textEnd int) int {
	for q := last; q >= 0 && q > last-maxReference; q-- {
		if raw[q] != '&' {
			continue
		}
		e := q + 1
		for e < len(raw) && e-q < maxReference && (raw[e] == '#' || raw[e] >= '0' && raw[e] <= '9' ||
			raw[e]|0x20 >= 'a' && raw[e]|0x20 <= 'z') {
			e++
		}
		if e >= len(raw) || raw[e] != ';' || e == q+1 || e < last {
			return 0
		}
		e++ // the ';'
		// decoded: the text after the span starts past the reference
		if textEnd >= len(text) || m.ToRaw(textEnd) >= e {
			return e
		}
		return 0
	}
	return 0
}

// maxReference bounds the length of a character reference, "&" to ";".
const maxReference = 34

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func isRuneStart(b byte) bool { return b < 0x80 || b >= 0xC0 }

// maxContext bounds the source line kept with a finding.
const maxContext = 400

// lineEndAt returns the offset of the line break that ends the line starting
// at lineStart, or the end of the view.
func lineEndAt(v rawView, lineStart int) int {
	if i := bytes.IndexAny(v.b[lineStart-v.base:], "\r\n"); i >= 0 {
		return lineStart + i
	}
	return v.end()
}

// position is a place in the raw input with its line and column.
type position struct {
	off, line, col, lineStart int
	// cr is the offset of the next carriage return at or after off, or
	// the end of the view when there is none; crKnown says it has been
	// looked for.
	cr      int
	crKnown bool
}

// advance moves p forward to offset to, within v, counting lines ("\n",
// "\r\n" or a lone "\r") and code points. It jumps from line break to line
// break with bytes.IndexByte, so locating every finding of a file reads it
// once.
func (p *position) advance(v rawView, to int) {
	if p.line == 0 {
		p.line, p.col = 1, 1
		if v.base == 0 && len(v.b) >= 3 && v.b[0] == 0xEF && v.b[1] == 0xBB && v.b[2] == 0xBF && to >= 3 {
			p.off = 3 // a byte order mark takes no column
		}
	}
	for p.off < to {
		if !p.crKnown || p.cr < p.off {
			p.cr = v.end()
			if i := bytes.IndexByte(v.b[p.off-v.base:], '\r'); i >= 0 {
				p.cr = p.off + i
			}
			p.crKnown = true
		}
		brk := v.end()
		if i := bytes.IndexByte(v.slice(p.off, to), '\n'); i >= 0 {
			brk = p.off + i
		}
		brk = min(brk, p.cr)
		if brk >= to {
			p.col += utf8.RuneCount(v.slice(p.off, to))
			p.off = to
			return
		}
		if v.at(brk) == '\r' && brk+1 < v.end() && v.at(brk+1) == '\n' {
			// CRLF: the line ends at the LF
			p.col += utf8.RuneCount(v.slice(p.off, brk)) + 1
			p.off = brk + 1
			continue
		}
		p.line++
		p.col = 1
		p.off = brk + 1
		p.lineStart = p.off
	}
}

// sourceContext returns the line [lineStart, lineEnd) of v around
// [start, end). prev is the context of the finding before: when it shows
// the same bytes, its Line is shared, so that the findings of one line hold
// one copy of it.
func sourceContext(v rawView, lineStart, lineEnd, start, end int, prev *contextSpan) Context {
	from, to := lineStart, lineEnd
	if to-from > maxContext {
		from = max(lineStart, start-maxContext/2)
		for from > lineStart && !isRuneStart(v.at(from)) {
			from--
		}
		to = min(lineEnd, from+maxContext)
		for to < lineEnd && !isRuneStart(v.at(to)) {
			to++
		}
	}
	start = min(max(start, from), to)
	end = min(max(end, start), to)
	s := validLen(v.slice(from, start))
	if prev.from != from || prev.to != to || prev.line == "" && to > from {
		*prev = contextSpan{from: from, to: to, line: validString(v.slice(from, to))}
	}
	return Context{
		Line:  prev.line,
		Start: s,
		End:   s + validLen(v.slice(start, end)),
	}
}

// validLen returns the length of validString(b) without making it.
func validLen(b []byte) int {
	if utf8.Valid(b) {
		return len(b)
	}
	return len(validString(b))
}

// contextSpan is the last context line made, by its input offsets.
type contextSpan struct {
	from, to int
	line     string
}

// validString returns b as a string with each byte that is not valid UTF-8
// replaced by U+FFFD, so that every report can print it.
func validString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String()
}
