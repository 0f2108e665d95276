package packs

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// ImportReport says what an import took and what it left out.
type ImportReport struct {
	// Loaded is the number of entries the pack got.
	Loaded int
	// Stopped counts the entries left out because the stop-list says
	// they are ordinary English.
	Stopped int
	// Skipped lists the rows that could not be turned into an entry, with
	// why (a proximity query, a phrase that is empty once tokenised).
	Skipped []string
	// noStop keeps the stop-listed entries (LoadFileUnfiltered).
	noStop bool
}

// stopList holds phrases that spinning dictionaries list but that are
// ordinary English: an imported entry whose pattern is one of them is left
// out. It joins the hand-kept stoplist.txt, measured on the BBC dev corpus,
// and the Problematic Paper Screener phrases that tools/ppsgen left out of
// the built-in pack spinning-screener because they fire on clean text
// (the lines of spinning-screener-left-out.tsv whose reason says so).
//
//go:embed stoplist.txt
var stopListText string

//go:embed spinning-screener-left-out.tsv
var screenerLeftOut string

var stopList = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(stopListText, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			m[normPhrase(l)] = true
		}
	}
	for _, l := range strings.Split(screenerLeftOut, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if f := strings.Split(l, "\t"); len(f) == 4 && strings.HasPrefix(f[3], "fires on clean text") {
			m[normPhrase(f[0])] = true
		}
	}
	return m
}()

// normPhrase folds a phrase for the stop-list: lower case, single spaces.
func normPhrase(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// LoadFile reads an extra pack: YAML (.yaml, .yml) in the pack format, or an
// import of a phrase list — a two-column CSV (phrase, suggestion), the
// Problematic Paper Screener CSV of Dimensions queries (tortured_phrase,
// expected_phrase, num_papers) or its JSON {tortured, correct} list.
// Imported entries are spinning entries at warning severity in a pack named
// after the file; the report says what was left out.
func LoadFile(path string) (*Pack, *ImportReport, error) { return loadFile(path, false) }

// LoadFileUnfiltered is LoadFile keeping the entries that the stop-list
// would leave out: for tools that measure a whole dictionary.
func LoadFileUnfiltered(path string) (*Pack, *ImportReport, error) { return loadFile(path, true) }

func loadFile(path string, noStop bool) (*Pack, *ImportReport, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	name := importName(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		p, err := Parse(path, data)
		if err != nil {
			return nil, nil, err
		}
		return p, &ImportReport{Loaded: len(p.Entries)}, nil
	case ".csv":
		return importCSV(path, name, data, noStop)
	case ".json":
		return importJSON(path, name, data, noStop)
	}
	return nil, nil, fmt.Errorf("%s: unknown pack format (want .yaml, .yml, .csv or .json)", path)
}

// importName makes a kebab-case pack name from a file name.
func importName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	n := strings.Trim(b.String(), "-")
	if n == "" {
		n = "imported"
	}
	return n
}

func newImported(path, name, what string) *Pack {
	return &Pack{
		Name: name, Category: rules.Spinning, Severity: rules.Warning, Source: path,
		Doc: "phrases imported from " + filepath.Base(path),
		Explanation: "Entries imported from " + what + " (" + path + "). Each is a phrase that a synonym " +
			"spinner or a careless translation makes of an established term; the suggestion is the term.",
	}
}

// addPhrase adds an entry for phrase with suggestion, unless the stop-list
// or the tokenizer rules it out.
func addPhrase(p *Pack, rep *ImportReport, line int, phrase, suggestion string, requires, excludes []string) {
	phrase = strings.TrimSpace(phrase)
	if !rep.noStop && stopList[normPhrase(phrase)] {
		rep.Stopped++
		return
	}
	pattern, err := phrasePattern(phrase)
	if err != nil {
		rep.Skipped = append(rep.Skipped, fmt.Sprintf("line %d: %q: %v", line, phrase, err))
		return
	}
	e := &Entry{Pattern: pattern, Message: fmt.Sprintf("%q looks like a spun form of %q", phrase, suggestion),
		Requires: requires, Excludes: excludes, Line: line}
	if suggestion = strings.TrimSpace(suggestion); suggestion != "" {
		e.Suggest = []string{strings.ReplaceAll(suggestion, "{", "(")}
		e.Message = fmt.Sprintf("%q looks like a spun form of %q", phrase, suggestion)
	} else {
		e.Message = fmt.Sprintf("%q is listed as a spun phrase", phrase)
	}
	p.Entries = append(p.Entries, e)
	rep.Loaded++
}

// phrasePattern turns a plain phrase into a pattern of its tokens.
func phrasePattern(phrase string) (string, error) {
	if strings.ContainsAny(phrase, "{}()|") {
		return "", fmt.Errorf("braces, brackets and bars are not supported in imported phrases")
	}
	if _, err := phraseHashes(phrase); err != nil {
		return "", err
	}
	d := document.NewPlain([]byte(phrase))
	d.Segment()
	words := make([]string, len(d.Tokens))
	for i := range d.Tokens {
		words[i] = d.TokenText(i)
	}
	return strings.Join(words, " "), nil
}

// importJSON reads the {"phrases": [{"tortured", "correct"}]} list.
func importJSON(path, name string, data []byte, noStop bool) (*Pack, *ImportReport, error) {
	var doc struct {
		Phrases []struct {
			Tortured string `json:"tortured"`
			Correct  string `json:"correct"`
		} `json:"phrases"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	p := newImported(path, name, "a tortured-phrase list")
	rep := &ImportReport{noStop: noStop}
	for i, ph := range doc.Phrases {
		addPhrase(p, rep, i+1, ph.Tortured, ph.Correct, nil, nil)
	}
	if len(p.Entries) == 0 {
		return nil, rep, fmt.Errorf("%s: no phrases found (want {\"phrases\": [{\"tortured\": …, \"correct\": …}]})", path)
	}
	return p, rep, nil
}

// importCSV reads a two-column CSV (phrase, suggestion) or the Problematic
// Paper Screener's export of Dimensions queries with a header row
// tortured_phrase, expected_phrase, num_papers.
func importCSV(path, name string, data []byte, noStop bool) (*Pack, *ImportReport, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	pps := len(header) >= 2 && strings.EqualFold(strings.TrimSpace(header[0]), "tortured_phrase")
	what := "a two-column phrase list"
	if pps {
		what = "the Problematic Paper Screener's tortured-phrase queries (CC BY 4.0)"
	}
	p := newImported(path, name, what)
	rep := &ImportReport{noStop: noStop}
	line := 1
	handle := func(rec []string) {
		if len(rec) < 1 || strings.TrimSpace(rec[0]) == "" {
			return
		}
		sugg := ""
		if len(rec) > 1 {
			sugg = rec[1]
		}
		if !pps {
			addPhrase(p, rep, line, rec[0], sugg, nil, nil)
			return
		}
		phrases, requires, excludes, err := parseQuery(rec[0])
		if err != nil {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("line %d: %s: %v", line, rec[0], err))
			return
		}
		for _, ph := range phrases {
			addPhrase(p, rep, line, ph, sugg, requires, excludes)
		}
	}
	if !pps && !(len(header) >= 1 && strings.EqualFold(strings.TrimSpace(header[0]), "phrase")) {
		handle(header) // no header row: the first row is data
	}
	for {
		line++
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", path, err)
		}
		handle(rec)
	}
	if len(p.Entries) == 0 {
		return nil, rep, fmt.Errorf("%s: no phrases found", path)
	}
	return p, rep, nil
}

// parseQuery maps a Dimensions query to text patterns: "a" (or a) is a
// phrase, "a" OR "b" two phrases, AND "c" a phrase the document must also
// hold, NOT "d" one it must not. A proximity query "a b"~N has no text
// pattern and is reported.
func parseQuery(q string) (phrases, requires, excludes []string, err error) {
	op := "OR"
	for q = strings.TrimSpace(q); q != ""; q = strings.TrimSpace(q) {
		var term string
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				return nil, nil, nil, fmt.Errorf("unclosed quote")
			}
			term, q = q[1:1+end], q[end+2:]
			if strings.HasPrefix(q, "~") {
				return nil, nil, nil, fmt.Errorf("proximity search \"%s\"%s has no text pattern", term, strings.Fields(q)[0])
			}
		} else {
			end := len(q)
			for _, kw := range []string{" AND ", " OR ", " NOT "} {
				if i := strings.Index(q, kw); i >= 0 && i < end {
					end = i
				}
			}
			term, q = strings.TrimSpace(q[:end]), q[end:]
		}
		switch op {
		case "OR":
			phrases = append(phrases, term)
		case "AND":
			requires = append(requires, term)
		case "NOT":
			excludes = append(excludes, term)
		}
		q = strings.TrimSpace(q)
		if q == "" {
			break
		}
		next, rest, _ := strings.Cut(q, " ")
		switch next {
		case "AND", "OR", "NOT":
			op, q = next, rest
		default:
			return nil, nil, nil, fmt.Errorf("expected AND, OR or NOT before %q", q)
		}
	}
	if len(phrases) == 0 {
		return nil, nil, nil, fmt.Errorf("no phrase to look for")
	}
	return phrases, requires, excludes, nil
}
