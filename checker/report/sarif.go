package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/baseline"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/rules"
)

// InformationURI is where SARIF readers send people who want to know more
// about the tool.
const InformationURI = "https://github.com/mtlint/mtlint"

// SRCROOT is the uriBaseId of the relative paths in a SARIF log: the
// directory the paths were given relative to, which GitHub code scanning
// takes to be the root of the repository.
const SRCROOT = "%SRCROOT%"

// FingerprintKey is the key of mtlint's fingerprint in a SARIF result's
// partialFingerprints.
const FingerprintKey = "mtlintFingerprint/v1"

// SARIF writes a SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/)
// for code scanning, such as GitHub's: one run whose tool.driver describes
// every rule of Options.Rules, and a result a finding with its region (lines
// and columns, the byte offset and length, the flagged text as snippet), a
// fix a suggestion and a partial fingerprint that survives edits elsewhere in
// the file. Columns count Unicode code points (run.columnKind says so).
//
// A finding of a rule that Options.Rules does not hold (a pack that only
// some folder's configuration loads) has its ruleId and a ruleIndex of -1,
// SARIF's "none".
//
// Results are written as they come, like the JSON report; only the notes of
// the inputs (skipped, transcoded, unreadable), which SARIF keeps in
// run.invocations after the results, are held until Finish.
//
// Relative paths are relative URIs with uriBaseId %SRCROOT%, absolute paths
// file:// URIs, URLs stay as they are. The byte offsets of an input that was
// transcoded, or of an article extracted from a web page, do not count bytes
// of the artifact, so its regions have lines and columns only.
type SARIF struct {
	w     io.Writer
	opts  Options
	buf   bytes.Buffer
	enc   *json.Encoder
	index map[string]int // rule ID -> index in tool.driver.rules
	n     int            // results written
	notes []*sarif.Notification
	seen  map[string]int // fingerprints of the current file -> occurrences
}

// NewSARIF returns the SARIF reporter writing to w; opts.Rules and
// opts.Version describe the tool.
func NewSARIF(w io.Writer, opts Options) *SARIF {
	s := &SARIF{w: w, opts: opts, index: make(map[string]int, len(opts.Rules)), seen: make(map[string]int)}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	return s
}

// Start writes the log up to the first result: the tool with its rules.
func (s *SARIF) Start() error {
	drv := sarif.NewToolComponent().WithName("mtlint").WithInformationURI(InformationURI)
	if v := s.opts.Version; v != "" {
		drv.WithVersion(v)
		if sv := strings.TrimPrefix(v, "v"); isSemVer(sv) {
			drv.WithSemanticVersion(sv)
		}
	}
	for _, r := range s.opts.Rules {
		if _, dup := s.index[r.ID]; dup {
			continue
		}
		s.index[r.ID] = len(drv.Rules)
		drv.AddRule(ruleDescriptor(r))
	}
	tool := sarif.NewTool()
	tool.Driver = drv

	s.buf.Reset()
	s.buf.WriteString("{\n  \"$schema\": ")
	s.encode(sarif.NewReport().Schema, "")
	s.buf.WriteString(",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ")
	if err := s.encode(tool, "      "); err != nil {
		return err
	}
	s.buf.WriteString(",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
	_, err := s.w.Write(s.buf.Bytes())
	return err
}

// File writes a result for each finding of res and keeps its notes for
// Finish.
func (s *SARIF) File(res *checker.Result) error {
	loc := artifactLocation(res.Path)
	if res.Error != "" {
		s.notes = append(s.notes, notification(sarif.LevelError, "unreadable", res.Path+": "+res.Error, loc))
		return nil
	}
	exact := true
	for _, n := range res.Notes {
		level := sarif.LevelNote
		switch {
		case res.Skipped:
			level = sarif.LevelWarning
		case n.Kind == "internal-error":
			level = sarif.LevelError
		}
		s.notes = append(s.notes, notification(level, n.Kind, res.Path+": "+n.Message, loc))
		if n.Kind == "transcoded" || n.Message == markup.ArticleNote {
			exact = false
		}
	}
	if len(res.Findings) == 0 {
		return nil
	}
	clear(s.seen)
	s.buf.Reset()
	for i := range res.Findings {
		if s.n > 0 {
			s.buf.WriteByte(',')
		}
		s.n++
		s.buf.WriteString("\n        ")
		if err := s.encode(s.result(&res.Findings[i], loc, exact), "        "); err != nil {
			return err
		}
	}
	_, err := s.w.Write(s.buf.Bytes())
	return err
}

// Finish closes the results and writes the invocation with the notes.
func (s *SARIF) Finish(sum Summary) error {
	s.buf.Reset()
	if s.n > 0 {
		s.buf.WriteString("\n      ")
	}
	s.buf.WriteString("],\n      \"invocations\": [\n        ")
	inv := sarif.NewInvocation().WithExecutionSuccessful(sum.Unreadable == 0)
	inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, s.notes...)
	if err := s.encode(inv, "        "); err != nil {
		return err
	}
	s.buf.WriteString("\n      ]\n    }\n  ]\n}\n")
	_, err := s.w.Write(s.buf.Bytes())
	return err
}

// encode appends v to the buffer, indented by two spaces under prefix,
// without a final newline.
func (s *SARIF) encode(v any, prefix string) error {
	s.enc.SetIndent(prefix, "  ")
	if err := s.enc.Encode(v); err != nil {
		return err
	}
	s.buf.Truncate(s.buf.Len() - 1)
	return nil
}

// result is the SARIF result of f, found in the artifact at loc.
func (s *SARIF) result(f *checker.Finding, loc *sarif.ArtifactLocation, exact bool) *sarif.Result {
	r := sarif.NewRuleResult(f.Rule).
		WithLevel(level(f.Severity)).
		WithMessage(sarif.NewTextMessage(articleMessage(f, messageWithSuggestion(f))))
	if i, ok := s.index[f.Rule]; ok {
		r.WithRuleIndex(i)
	}
	reg := region(f, exact).WithSnippet(sarif.NewArtifactContent().WithText(f.Text))
	r.AddLocation(sarif.NewLocationWithPhysicalLocation(
		sarif.NewPhysicalLocation().WithArtifactLocation(loc).WithRegion(reg)))
	for _, sugg := range f.Suggestions {
		rep := sarif.NewReplacement().WithDeletedRegion(region(f, exact))
		desc := "Delete " + strconv.Quote(f.Text)
		if sugg != "" {
			rep.WithInsertedContent(sarif.NewArtifactContent().WithText(sugg))
			desc = "Replace " + strconv.Quote(f.Text) + " with " + strconv.Quote(sugg)
		}
		r.AddFixe(sarif.NewFix().
			WithDescription(sarif.NewTextMessage(desc)).
			WithArtifactChanges([]*sarif.ArtifactChange{
				sarif.NewArtifactChange().WithArtifactLocation(loc).AddReplacement(rep),
			}))
	}
	fp := fingerprint(f)
	s.seen[fp]++
	r.WithPartialFingerprints(map[string]string{FingerprintKey: fp + ":" + strconv.Itoa(s.seen[fp])})
	return r
}

// region is where f is: its lines and columns, which SARIF wants 1-based
// (a hand-built finding without them gets line 1), and, when the offsets
// are bytes of the artifact, its byte offset and length.
func region(f *checker.Finding, exact bool) *sarif.Region {
	reg := sarif.NewRegion().WithStartLine(max(f.Line, 1))
	if f.Column >= 1 {
		reg.WithStartColumn(f.Column)
	}
	if f.EndLine >= f.Line && f.EndLine >= 1 {
		reg.WithEndLine(f.EndLine)
		if f.EndColumn >= 1 && (f.EndLine > f.Line || f.EndColumn >= f.Column) {
			reg.WithEndColumn(f.EndColumn)
		}
	}
	if exact && f.Offset >= 0 && f.Length >= 0 {
		reg.WithByteOffset(f.Offset).WithByteLength(f.Length)
	}
	return reg
}

// level is the SARIF level of a severity.
func level(sev rules.Severity) string {
	switch sev {
	case rules.Error:
		return sarif.LevelError
	case rules.Warning:
		return sarif.LevelWarning
	}
	return sarif.LevelNote
}

// ruleDescriptor describes r for tool.driver.rules: its ID (also its name,
// as CodeQL does), its doc line, the first paragraph of its explanation,
// help with the whole explanation and its examples in text and Markdown,
// its default level (and whether it is on by default), and properties that
// GitHub reads: the category as a tag, precision and problem.severity from
// the severity.
func ruleDescriptor(r *rules.Rule) *sarif.ReportingDescriptor {
	paras := paragraphs(r.Explanation)
	full := r.Doc
	if len(paras) > 0 {
		full = paras[0]
	}
	var text, md strings.Builder
	text.WriteString(r.Doc)
	md.WriteString("**" + mdEscape(r.Doc) + "**")
	for _, p := range paras {
		text.WriteString("\n\n" + p)
		md.WriteString("\n\n" + mdEscape(p))
	}
	if r.Flagged != "" {
		text.WriteString("\n\nFlagged: " + r.Flagged)
		md.WriteString("\n\nFlagged:\n\n> " + mdEscape(r.Flagged))
	}
	if r.Unflagged != "" {
		text.WriteString("\n\nNot flagged: " + r.Unflagged)
		md.WriteString("\n\nNot flagged:\n\n> " + mdEscape(r.Unflagged))
	}
	text.WriteString("\n\nmtlint explain " + r.ID + " shows this with the examples checked live.")
	md.WriteString("\n\n`mtlint explain " + r.ID + "` shows this with the examples checked live.")

	precision, problem := "medium", "recommendation"
	switch r.Severity {
	case rules.Error:
		precision, problem = "very-high", "error"
	case rules.Warning:
		precision, problem = "high", "warning"
	}
	props := sarif.NewPropertyBag().
		Add("precision", precision).
		Add("problem.severity", problem).
		AddTag(string(r.Category))
	return sarif.NewRule(r.ID).
		WithName(r.ID).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Doc)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(full)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(text.String()).WithMarkdown(md.String())).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(r.Severity)).WithEnabled(!r.Off)).
		WithProperties(props)
}

// notification is a toolExecutionNotification about an input: kind goes
// into its properties so that programs can tell a binary file from a
// transcoded one.
func notification(level, kind, msg string, loc *sarif.ArtifactLocation) *sarif.Notification {
	n := sarif.NewNotification().WithLevel(level).WithMessage(sarif.NewTextMessage(msg))
	n.AddLocation(sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().WithArtifactLocation(loc)))
	return n.WithProperties(sarif.NewPropertyBag().Add("kind", kind))
}

// artifactLocation is the SARIF location of the input named path: a URL
// as it is, an absolute path as a file:// URI, and a relative path (with
// forward slashes) as a relative URI under %SRCROOT%, which is what GitHub
// code scanning matches against the files of the repository.
func artifactLocation(path string) *sarif.ArtifactLocation {
	if isURL(path) {
		if u, err := url.Parse(path); err == nil {
			return sarif.NewSimpleArtifactLocation(u.String())
		}
		return sarif.NewSimpleArtifactLocation(path)
	}
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x
		}
		return sarif.NewSimpleArtifactLocation((&url.URL{Scheme: "file", Path: p}).String())
	}
	return sarif.NewSimpleArtifactLocation((&url.URL{Path: p}).String()).WithURIBaseID(SRCROOT)
}

// fingerprint identifies a finding across edits of the file elsewhere: a
// hash of its baseline fingerprint (package baseline: the rule, the flagged
// text and up to two words on each side of it, not its position), so that
// code scanning and --baseline agree on which findings are the same. Equal
// ones in a file are told apart by the caller, by their order.
func fingerprint(f *checker.Finding) string {
	fp := baseline.Of(f)
	h := sha256.New()
	for _, part := range []string{fp.Rule, fp.Text, fp.Before, fp.After} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// isSemVer reports whether v looks like MAJOR.MINOR.PATCH with an optional
// pre-release or build suffix, as toolComponent.semanticVersion wants.
func isSemVer(v string) bool {
	core, _, _ := strings.Cut(v, "+")
	core, _, _ = strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}
