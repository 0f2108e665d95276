package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// contextSize is how many characters of text LanguageTool shows on each
// side of a match in its context.
const contextSize = 40

// ltResponse is the answer of /v2/check, in LanguageTool's shape.
type ltResponse struct {
	Software       ltSoftware `json:"software"`
	Warnings       ltWarnings `json:"warnings"`
	Language       ltLang     `json:"language"`
	Matches        []ltMatch  `json:"matches"`
	SentenceRanges [][2]int   `json:"sentenceRanges"`
}

type ltSoftware struct {
	Name        string `json:"name"`
	Version     string `json:"version"`
	BuildDate   string `json:"buildDate"`
	APIVersion  int    `json:"apiVersion"`
	Premium     bool   `json:"premium"`
	PremiumHint string `json:"premiumHint,omitempty"`
	Status      string `json:"status"`
}

type ltWarnings struct {
	IncompleteResults bool `json:"incompleteResults"`
}

type ltLang struct {
	Name             string     `json:"name"`
	Code             string     `json:"code"`
	DetectedLanguage ltDetected `json:"detectedLanguage"`
}

type ltDetected struct {
	Name       string  `json:"name"`
	Code       string  `json:"code"`
	Confidence float64 `json:"confidence"`
}

type ltMatch struct {
	Message                     string          `json:"message"`
	ShortMessage                string          `json:"shortMessage"`
	Replacements                []ltReplacement `json:"replacements"`
	Offset                      int             `json:"offset"`
	Length                      int             `json:"length"`
	Context                     ltContext       `json:"context"`
	Sentence                    string          `json:"sentence"`
	Type                        ltType          `json:"type"`
	Rule                        ltRule          `json:"rule"`
	IgnoreForIncompleteSentence bool            `json:"ignoreForIncompleteSentence"`
	ContextForSureMatch         int             `json:"contextForSureMatch"`
}

type ltReplacement struct {
	Value string `json:"value"`
}

type ltContext struct {
	Text   string `json:"text"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

type ltType struct {
	TypeName string `json:"typeName"`
}

type ltRule struct {
	ID          string     `json:"id"`
	Description string     `json:"description"`
	IssueType   string     `json:"issueType"`
	URLs        []ltURL    `json:"urls,omitempty"`
	Category    ltCategory `json:"category"`
}

type ltURL struct {
	Value string `json:"value"`
}

type ltCategory struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// software is the software section of the answers.
func (s *Server) software() ltSoftware {
	date, _ := buildStamp()
	return ltSoftware{Name: "mtlint", Version: s.opt.Version, BuildDate: date, APIVersion: 1}
}

// badRequest is a request that LanguageTool would refuse with 400.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

// tooLarge is a text or body over the limit: 413.
type tooLarge struct{ msg string }

func (e *tooLarge) Error() string { return e.msg }

// ltParams reads the parameters of a /v2/check request: the body as a form
// whatever its Content-Type, then the query, which wins.
func (s *Server) ltParams(w http.ResponseWriter, r *http.Request) (map[string]string, error) {
	params := map[string]string{}
	if r.Method == http.MethodPost {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBody))
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return nil, &tooLarge{fmt.Sprintf("Your request body exceeds the limit of %d bytes. Please submit a shorter text.", s.opt.MaxBody)}
			}
			return nil, &badRequest{"could not read the request body: " + err.Error()}
		}
		if err := parseForm(string(body), params); err != nil {
			return nil, &badRequest{err.Error()}
		}
	}
	if err := parseForm(r.URL.RawQuery, params); err != nil {
		return nil, &badRequest{err.Error()}
	}
	return params, nil
}

// ltRequest is a /v2/check request, read and validated.
type ltRequest struct {
	text     *annotated
	auto     bool       // language=auto
	language ltLanguage // the language asked for, unless auto
	variant  ltLanguage // auto: the English variant of preferredVariants
	sel      selection
}

// readLT validates the parameters of /v2/check in LanguageTool's order and
// with its messages.
func (s *Server) readLT(params map[string]string) (*ltRequest, error) {
	req := &ltRequest{}
	text, hasText := params["text"]
	data, hasData := params["data"]
	switch {
	case hasText && hasData:
		return nil, &badRequest{"Set only 'text' or 'data' parameter, not both"}
	case hasText:
		req.text = plainText(strings.ToValidUTF8(text, "\uFFFD"))
	case hasData:
		a, err := parseData(strings.ToValidUTF8(data, "\uFFFD"))
		if err != nil {
			return nil, &badRequest{err.Error()}
		}
		req.text = a
	default:
		return nil, &badRequest{"Missing 'text' or 'data' parameter"}
	}
	if n := document.UTF16Len(req.text.plain); n > s.opt.MaxTextLength {
		return nil, &tooLarge{fmt.Sprintf("Your text exceeds the limit of %d characters (it's %d characters). Please submit a shorter text.", s.opt.MaxTextLength, n)}
	}
	lang, ok := params["language"]
	switch {
	case !ok || strings.TrimSpace(lang) == "":
		return nil, &badRequest{"Missing 'language' parameter"}
	case strings.EqualFold(strings.TrimSpace(lang), "auto"):
		req.auto = true
	default:
		l, ok := lookupLanguage(lang)
		if !ok {
			return nil, &badRequest{fmt.Sprintf("'%s' is not a language code known to LanguageTool. Supported language codes are: %s. mtlint checks English only.", clip(lang, 40), supportedCodes())}
		}
		req.language = l
	}
	if pv, ok := params["preferredVariants"]; ok {
		if !req.auto {
			return nil, &badRequest{"You specified 'preferredVariants' but you didn't specify 'language=auto'"}
		}
		for v := range strings.SplitSeq(pv, ",") {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			if !strings.Contains(v, "-") {
				return nil, &badRequest{fmt.Sprintf("Invalid format for 'preferredVariants', expected a dash as in 'en-GB': '%s'", clip(v, 40))}
			}
			if l, ok := lookupLanguage(v); ok && req.variant.LongCode == "" {
				req.variant = l // the English variant to report for English
			}
		}
	}
	if _, ok := params["noopLanguages"]; ok && !req.auto {
		return nil, &badRequest{"You can specify 'noopLanguages' only when also using 'language=auto'"}
	}
	list := func(name string) []string {
		var out []string
		for v := range strings.SplitSeq(params[name], ",") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	enabledRules, disabledRules := list("enabledRules"), list("disabledRules")
	enabledCats, disabledCats := list("enabledCategories"), list("disabledCategories")
	only := params["enabledOnly"] == "true" || params["enabledOnly"] == "yes"
	if only && (len(disabledRules) > 0 || len(disabledCats) > 0) {
		return nil, &badRequest{"You cannot specify disabled rules or categories using enabledOnly=true"}
	}
	if only && len(enabledRules) == 0 && len(enabledCats) == 0 {
		return nil, &badRequest{"You must specify enabled rules or categories when using enabledOnly=true"}
	}
	switch level, ok := params["level"]; {
	case !ok || level == "default":
	case level == "picky":
		req.sel.picky = true
	default:
		return nil, &badRequest{"If 'level' is set, it must be set to 'default' or 'picky'"}
	}
	req.sel.only = only
	req.sel.enable = append(s.checkers.ruleIDs(enabledRules), categoryIDs(enabledCats)...)
	req.sel.disable = append(s.checkers.ruleIDs(disabledRules), categoryIDs(disabledCats)...)
	if only && len(req.sel.enable) == 0 {
		// every name was unknown: nothing runs, as in LanguageTool
		req.sel.enable = nil
		req.sel.disable = nil
		for _, c := range rules.Categories {
			req.sel.disable = append(req.sel.disable, string(c))
		}
		req.sel.only = false
	}
	return req, nil
}

// writeErr answers for an error of reading a request.
func writeErr(w http.ResponseWriter, err error) {
	var br *badRequest
	var tl *tooLarge
	switch {
	case errors.As(err, &br):
		ltError(w, http.StatusBadRequest, br.msg)
	case errors.As(err, &tl):
		ltError(w, http.StatusRequestEntityTooLarge, tl.msg)
	default:
		ltError(w, http.StatusInternalServerError, "Internal Error: "+err.Error())
	}
}

// ltCheck answers /v2/check.
func (s *Server) ltCheck(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		ltError(w, http.StatusBadRequest, "/v2/check needs to be called with GET or POST")
		return
	}
	params, err := s.ltParams(w, r)
	if err != nil {
		writeErr(w, err)
		return
	}
	req, err := s.readLT(params)
	if err != nil {
		writeErr(w, err)
		return
	}
	chk, err := s.checkers.forSelection(req.sel)
	if err != nil {
		ltError(w, http.StatusInternalServerError, "Internal Error: "+err.Error())
		return
	}
	var resp *ltResponse
	err = s.run(r.Context(), func() {
		resp = s.checkLT(chk, req)
	})
	if err != nil {
		s.runError(w, err)
		return
	}
	writeJSON(w, resp)
}

// checkLT checks the text of req with chk and builds the answer.
func (s *Server) checkLT(chk *checker.Checker, req *ltRequest) *ltResponse {
	a := req.text
	raw := []byte(a.plain)
	res := chk.CheckInput(raw, checker.Input{Encoding: "utf-8"})
	s.metrics.checked(len(raw), res)
	sents := sentences(raw)

	resp := &ltResponse{Software: s.software(), Matches: make([]ltMatch, 0, len(res.Findings)), SentenceRanges: make([][2]int, 0, len(sents))}
	det := detected(res.Language)
	if req.variant.LongCode != "" && det.Code == "en" {
		det = req.variant
	}
	conf := res.LanguageConfidence
	if res.Language == "" {
		conf = 0
	}
	resp.Language.DetectedLanguage = ltDetected{Name: det.Name, Code: det.LongCode, Confidence: conf}
	if req.auto {
		resp.Language.Name, resp.Language.Code = det.Name, det.LongCode
	} else {
		resp.Language.Name, resp.Language.Code = req.language.Name, req.language.LongCode
	}

	orig := unitCounter{s: a.original}
	// LanguageTool cuts the context from the text with its markup
	// (AnnotatedText.getTextWithMarkup), where the offsets point.
	ctxUnits := unitCounter{s: a.original}
	origUnits := document.UTF16Len(a.original)
	for i := range res.Findings {
		f := &res.Findings[i]
		start, end := f.Offset, f.Offset+f.Length
		os, oe := a.startIn(start), a.endIn(end)
		oe = max(oe, os)
		us := orig.at(os)
		ue := orig.at(oe)
		m := ltMatch{
			Message:      f.Message,
			ShortMessage: categoryName(f.Category),
			Replacements: make([]ltReplacement, len(f.Suggestions)),
			Offset:       us,
			Length:       ue - us,
			Context:      matchContext(a.original, os, oe, &ctxUnits, origUnits),
			Type:         ltType{TypeName: "Other"},
			Rule: ltRule{
				ID: f.Rule, IssueType: issueType(f.Rule, f.Category),
				Category: ltCategory{ID: string(f.Category), Name: categoryName(f.Category)},
			},
		}
		if f.Severity == rules.Info {
			m.Type.TypeName = "Hint"
		}
		for j, sg := range f.Suggestions {
			m.Replacements[j].Value = sg
		}
		if r := s.checkers.byID[f.Rule]; r != nil {
			m.Rule.Description = r.Doc
		}
		if s.opt.RuleURL != "" {
			m.Rule.URLs = []ltURL{{Value: strings.ReplaceAll(s.opt.RuleURL, "{rule}", f.Rule)}}
		}
		if k := sentenceAt(sents, start); k >= 0 {
			m.Sentence = a.plain[sents[k].Start:sents[k].End]
		}
		resp.Matches = append(resp.Matches, m)
	}
	orig = unitCounter{s: a.original}
	for _, sp := range sents {
		os, oe := a.startIn(sp.Start), a.endIn(sp.End)
		resp.SentenceRanges = append(resp.SentenceRanges, [2]int{orig.at(os), orig.at(max(os, oe))})
	}
	return resp
}

// sentences returns the byte spans of the sentences of text, as the
// checker's segmentation finds them.
func sentences(text []byte) []document.Span {
	doc := document.NewPlain(text)
	defer doc.Release()
	var out []document.Span
	for range doc.Windows(0) {
		for _, s := range doc.Sentences {
			out = append(out, s.Span)
		}
	}
	return out
}

// sentenceAt returns the index of the sentence of sents that holds byte
// offset off, or of the last one before it; -1 when none does.
func sentenceAt(sents []document.Span, off int) int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i].End > off })
	if i < len(sents) && sents[i].Start <= off {
		return i
	}
	return -1
}

// matchContext returns LanguageTool's context of the match at bytes
// [start, end) of text: up to contextSize characters (UTF-16 code units) on
// each side, "..." where the text was cut, line breaks as spaces, with the
// match's offset and length inside it in UTF-16 code units. u counts the
// units of text, total of them.
func matchContext(text string, start, end int, u *unitCounter, total int) ltContext {
	us, ue := u.at(start), u.at(end)
	// the cut points, in units, then back to bytes at character boundaries
	cs, ce := max(0, us-contextSize), min(total, ue+contextSize)
	bs, be := byteAtUnit(text, start, us, cs, false), byteAtUnit(text, end, ue, ce, true)
	var b strings.Builder
	prefix := ""
	if bs > 0 {
		prefix = "..."
	}
	b.WriteString(prefix)
	for _, c := range text[bs:be] {
		if c == '\n' || c == '\r' {
			c = ' '
		}
		b.WriteRune(c)
	}
	if be < len(text) {
		b.WriteString("...")
	}
	ctxUnits := unitCounter{s: text[bs:be]}
	off := ctxUnits.at(start - bs)
	return ltContext{Text: b.String(), Offset: len(prefix) + off, Length: ctxUnits.at(end-bs) - off}
}

// byteAtUnit walks from byte offset from (at UTF-16 offset fromUnits) of
// text to the character boundary nearest UTF-16 offset want: backwards when
// forward is false, forwards when true, never splitting a character.
func byteAtUnit(text string, from, fromUnits, want int, forward bool) int {
	b, u := from, fromUnits
	if forward {
		for b < len(text) {
			r, size := utf8.DecodeRuneInString(text[b:])
			n := 1
			if r >= 0x10000 {
				n = 2
			}
			if u+n > want {
				break
			}
			b, u = b+size, u+n
		}
		return b
	}
	for b > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:b])
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if u-n < want {
			break
		}
		b, u = b-size, u-n
	}
	return b
}

// writeJSON answers 200 with v as JSON.
func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		ltError(w, http.StatusInternalServerError, "Internal Error: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

// ltLanguages answers /v2/languages.
func (s *Server) ltLanguages(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, languages)
}

// ltInfo answers /v2/info.
func (s *Server) ltInfo(w http.ResponseWriter, r *http.Request) {
	sw := s.software()
	_, commit := buildStamp()
	writeJSON(w, map[string]any{"software": map[string]any{
		"name": sw.Name, "version": sw.Version, "buildDate": sw.BuildDate, "commit": commit, "premium": false,
	}})
}

// ltHealth answers /v2/healthcheck: OK, or 503 when the work queue is full,
// as LanguageTool answers.
func (s *Server) ltHealth(w http.ResponseWriter, r *http.Request) {
	if s.opt.Queue > 0 && s.pool.waiting() >= s.opt.Queue {
		ltError(w, http.StatusServiceUnavailable, "Healthcheck failed: There are currently too many parallel requests.")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, "OK")
}
