package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/rules"
)

// nativeRequest is the JSON body of POST /api/v1/check.
type nativeRequest struct {
	// Text is the article.
	Text *string `json:"text"`
	// Format is text, markdown or html; empty means text.
	Format string `json:"format"`
	// Path names the article in the report; empty means "<request>".
	Path string `json:"path"`
	// Enable and Disable are rule IDs or categories, as --enable and
	// --disable take them.
	Enable  []string `json:"enable"`
	Disable []string `json:"disable"`
}

// nativeError answers an error of mtlint's own API: the status and a JSON
// object {"error": message}.
func nativeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]string{"error": msg})
	_, _ = w.Write(append(b, '\n'))
}

// formatOf reads a format name (?format= or the JSON format) or else a
// Content-Type: Markdown and HTML by their media types, anything else
// plain text.
func formatOf(name, contentType string) (markup.Format, error) {
	if name != "" {
		return markup.ParseFormat(name)
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "text/markdown", "text/x-markdown":
		return markup.Markdown, nil
	case "text/html", "application/xhtml+xml":
		return markup.HTML, nil
	}
	return markup.Plain, nil
}

// nativeCheck answers POST /api/v1/check: the body is the article (plain
// text, Markdown or HTML by ?format= or Content-Type), or a JSON
// nativeRequest when the Content-Type is application/json. The answer is
// the JSON report of mtlint check --format json for one file.
func (s *Server) nativeCheck(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		nativeError(w, http.StatusMethodNotAllowed, "/api/v1/check needs to be called with POST, the article as the body")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBody))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			nativeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body exceeds the limit of %d bytes", s.opt.MaxBody))
			return
		}
		nativeError(w, http.StatusBadRequest, "could not read the body: "+err.Error())
		return
	}
	q := r.URL.Query()
	req := nativeRequest{Format: q.Get("format"), Path: q.Get("path")}
	for _, v := range q["enable"] {
		req.Enable = append(req.Enable, strings.Split(v, ",")...)
	}
	for _, v := range q["disable"] {
		req.Disable = append(req.Disable, strings.Split(v, ",")...)
	}
	ct := r.Header.Get("Content-Type")
	raw := body
	if mt, _, _ := mime.ParseMediaType(ct); mt == "application/json" {
		var jr nativeRequest
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&jr); err != nil {
			nativeError(w, http.StatusBadRequest, "the JSON body: "+err.Error()+` (want {"text": "…", "format": "markdown"})`)
			return
		}
		if jr.Text == nil {
			nativeError(w, http.StatusBadRequest, `the JSON body has no "text"`)
			return
		}
		raw = []byte(*jr.Text)
		if jr.Format != "" {
			req.Format = jr.Format
		}
		if jr.Path != "" {
			req.Path = jr.Path
		}
		req.Enable = append(req.Enable, jr.Enable...)
		req.Disable = append(req.Disable, jr.Disable...)
		ct = ""
	}
	format, err := formatOf(req.Format, ct)
	if err != nil {
		nativeError(w, http.StatusBadRequest, "format: "+err.Error())
		return
	}
	if n := document.UTF16Len(string(raw)); n > s.opt.MaxTextLength {
		nativeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the text has %d characters, more than the limit of %d", n, s.opt.MaxTextLength))
		return
	}
	var sel selection
	for _, list := range []struct {
		names []string
		into  *[]string
		flag  string
	}{{req.Enable, &sel.enable, "enable"}, {req.Disable, &sel.disable, "disable"}} {
		for _, n := range list.names {
			if n = strings.TrimSpace(n); n == "" {
				continue
			}
			if s.checkers.byID[n] == nil && !rules.Category(n).Valid() {
				nativeError(w, http.StatusBadRequest, fmt.Sprintf("%s %q: no such rule or category (see /api/v1/rules)", list.flag, n))
				return
			}
			*list.into = append(*list.into, n)
		}
	}
	chk, err := s.checkers.forSelection(sel)
	if err != nil {
		nativeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	path := req.Path
	if path == "" {
		path = "<request>"
	}
	var out bytes.Buffer
	err = s.run(r.Context(), func() {
		res := chk.CheckInput(raw, checker.Input{Format: &format, ContentType: ct})
		s.metrics.checked(len(raw), res)
		res.Path = path
		var sum report.Summary
		sum.Add(res)
		rep := report.NewJSON(&out)
		_ = rep.Start()
		_ = rep.File(res)
		_ = rep.Finish(sum)
	})
	if err != nil {
		switch {
		case errors.Is(err, errQueueFull):
			s.metrics.rejected.Inc()
			nativeError(w, http.StatusServiceUnavailable, "too many checks at once; try again later")
		case errors.Is(err, errTimeout):
			nativeError(w, http.StatusInternalServerError, fmt.Sprintf("the check took longer than %g seconds, this server's limit", s.opt.Timeout.Seconds()))
		default:
			nativeError(w, 499, "request cancelled")
		}
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(out.Bytes())
}

// nativeRules answers GET /api/v1/rules: every rule a request may enable,
// in run order, as mtlint rules --format json lists them.
func (s *Server) nativeRules(w http.ResponseWriter, r *http.Request) {
	out := struct {
		Version int               `json:"version"`
		Rules   []report.RuleInfo `json:"rules"`
	}{Version: report.Version, Rules: report.RuleInfos(s.checkers.all)}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}

// healthz answers GET /healthz: 200 "ok" while the server takes checks.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, "ok\n")
}
