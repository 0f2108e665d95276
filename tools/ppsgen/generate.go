package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/packs"
)

// mtArtifacts are dictionary phrases that fire in the MT outputs of the
// corpora and nowhere in clean human text, reviewed by reading the hits: each
// is a machine-translation error there, not ordinary English, so the entry
// stays. Every other phrase that fires in MT output is left out.
var mtArtifacts = map[string]string{
	"crown epidemic":         "WMT22 zh-en outputs render 新冠疫情 word by word; the references say COVID-19 epidemic",
	"united nations company": "an MLQE-PE ro-en output garbles the League of Nations; no English text says it",
}

// cand is one phrase of the dictionary.
type cand struct {
	phrase   string // the tortured phrase as the dictionary writes it
	pattern  string // its tokens, as a pack pattern
	suggest  string
	requires []string
	excludes []string
	source   string // where in the dictionary: "CSV line 12", "JSON item 3"
	tokens   int
	bbc, ref int // hits in the BBC articles and in human references and post-edits
	mt       int // hits in MT outputs
	// pairs are the folded neighbouring token pairs of the pattern;
	// attested says one of them occurs in the clean corpora.
	pairs    [][2]string
	attested bool
	// common says every word of a two-word phrase is frequent in clean
	// human text.
	common bool
	reason string
}

// readDictionary reads the two exports: the CSV's queries first (with their
// AND and NOT parts, proximity queries as plain phrases), then the JSON
// pairs that the CSV does not have.
func readDictionary(dir string) ([]*cand, []*cand, error) {
	var out []*cand
	seen := map[string]bool{}
	var left []*cand
	add := func(c *cand) {
		if c == nil {
			return
		}
		k := strings.ToLower(c.pattern)
		if c.pattern == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, c)
	}
	p, _, err := packs.LoadFileUnfiltered(filepath.Join(dir, ppsCSV))
	if err != nil {
		return nil, nil, err
	}
	for _, e := range p.Entries {
		add(fromEntry(e, fmt.Sprintf("CSV line %d", e.Line)))
	}
	// Proximity queries ("a b"~N) have no pattern in an import; the
	// adjacent phrase is their commonest form.
	raw, err := os.ReadFile(filepath.Join(dir, ppsCSV))
	if err != nil {
		return nil, nil, err
	}
	rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		return nil, nil, err
	}
	// A phrase with an abbreviation in brackets, "data technology (IT)",
	// has no pattern in an import either: the phrase without it is the
	// tortured part. Other queries with brackets are left out.
	prox := regexp.MustCompile(`^"([^"]+)"~[0-9]+$`)
	plain := regexp.MustCompile(`^"([^"]+)"$`)
	for i, r := range rows {
		if i == 0 || len(r) < 2 {
			continue
		}
		q, sugg, src := strings.TrimSpace(r[0]), strings.TrimSpace(r[1]), fmt.Sprintf("CSV line %d", i+1)
		if m := prox.FindStringSubmatch(q); m != nil {
			c := &cand{phrase: m[1], suggest: sugg, source: src + " (proximity query)"}
			c.pattern, c.tokens = tokens(m[1])
			add(c)
			continue
		}
		if !strings.ContainsAny(q, "()") {
			continue
		}
		if m := plain.FindStringSubmatch(q); m != nil {
			add(bracketed(m[1], sugg, src, &left))
		} else if m := andAny.FindStringSubmatch(q); m != nil {
			// "a" AND ("b" OR "c"): a document must hold b or c, which
			// is what requires says.
			c := bracketed(m[1], sugg, src, &left)
			if c != nil {
				for _, r := range quoted.FindAllStringSubmatch(m[2], -1) {
					c.requires = append(c.requires, r[1])
				}
				if m[3] != "" {
					c.requires = append(c.requires, m[3])
				}
			}
			add(c)
		} else {
			left = append(left, &cand{phrase: q, pattern: q, suggest: sugg, source: src, reason: "a query with brackets: no text pattern"})
		}
	}
	j, _, err := packs.LoadFileUnfiltered(filepath.Join(dir, ppsJSON))
	if err != nil {
		return nil, nil, err
	}
	for _, e := range j.Entries {
		add(fromEntry(e, fmt.Sprintf("JSON item %d", e.Line)))
	}
	var doc struct {
		Phrases []struct{ Tortured, Correct string } `json:"phrases"`
	}
	raw, err = os.ReadFile(filepath.Join(dir, ppsJSON))
	if err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, nil, err
	}
	for i, ph := range doc.Phrases {
		if strings.ContainsAny(ph.Tortured, "()") {
			add(bracketed(ph.Tortured, strings.TrimSpace(ph.Correct), fmt.Sprintf("JSON item %d", i+1), &left))
		}
	}
	return out, left, nil
}

var (
	brackets = regexp.MustCompile(`\s*\([^()]*\)`)
	quoted   = regexp.MustCompile(`"([^"]+)"`)
	// andAny is "a" AND ("b" OR "c" …), or "a (A)" AND "b".
	andAny = regexp.MustCompile(`^"([^"]+)" AND (?:\(((?:"[^"]+"(?: OR )?)+)\)|"([^"]+)")$`)
)

// bracketed returns the candidate for a phrase with a part in brackets, the
// part dropped ("data technology (IT)" is "data technology"), or nil,
// listing it in left, when that leaves no pattern.
func bracketed(phrase, sugg, src string, left *[]*cand) *cand {
	c := &cand{phrase: phrase, suggest: brackets.ReplaceAllString(sugg, ""), source: src + " (brackets dropped)"}
	c.pattern, c.tokens = tokens(strings.TrimSpace(brackets.ReplaceAllString(phrase, "")))
	if c.pattern == "" || c.tokens == 0 {
		*left = append(*left, &cand{phrase: phrase, pattern: phrase, suggest: sugg, source: src, reason: "brackets: no text pattern"})
		return nil
	}
	return c
}

func fromEntry(e *packs.Entry, source string) *cand {
	c := &cand{pattern: e.Pattern, requires: e.Requires, excludes: e.Excludes, source: source}
	c.phrase = e.Pattern
	if len(e.Suggest) > 0 {
		c.suggest = e.Suggest[0]
	}
	_, c.tokens = tokens(e.Pattern)
	return c
}

// tokens returns the tokens of phrase as a pattern and their number; "" for
// a phrase that cannot be one.
func tokens(phrase string) (string, int) {
	if strings.ContainsAny(phrase, "{}()|") {
		return "", 0
	}
	d := document.NewPlain([]byte(phrase))
	d.Segment()
	w := make([]string, len(d.Tokens))
	for i := range d.Tokens {
		w[i] = d.TokenText(i)
	}
	return strings.Join(w, " "), len(w)
}

// stats count what the generator did.
type stats struct {
	phrases, covered, oneWord, clean, mtOnly, examples, kept, warnings, info int
	noPattern                                                                int
	holdout, holdoutWarn, holdoutInfo                                        int
	coveredBy                                                                map[string]int
}

func generate(o options) error {
	dir := filepath.Join(o.corpora, "tortured-phrases")
	if _, err := os.Stat(filepath.Join(dir, ppsCSV)); err != nil {
		return fmt.Errorf("the Problematic Paper Screener exports are not in %s: nothing to generate", dir)
	}
	cands, unusable, err := readDictionary(dir)
	if err != nil {
		return err
	}
	st := stats{phrases: len(cands), noPattern: len(unusable), coveredBy: map[string]int{}}

	// The other built-in packs, as on disk, without their guards: a phrase
	// that one of them has is covered already.
	others, err := otherPacks(o.packs)
	if err != nil {
		return err
	}
	bare, err := packs.Compile(stripped(others))
	if err != nil {
		return err
	}
	var todo []*cand
	left := unusable
	for _, c := range cands {
		if pack := coveredBy(bare, c); pack != "" {
			st.covered++
			st.coveredBy[pack]++
			continue
		}
		if bad := strings.ContainsAny(c.pattern+c.suggest+strings.Join(c.requires, "")+strings.Join(c.excludes, ""), "\t\n\r") ||
			slices.ContainsFunc(append(slices.Clip(c.requires), c.excludes...), func(s string) bool { return strings.Contains(s, " ; ") }); bad {
			c.reason = "a tab, line break or \" ; \" in a field: no table line"
			left = append(left, c)
			continue
		}
		if c.tokens < 2 {
			c.reason = "one word: too often innocent"
			st.oneWord++
			left = append(left, c)
			continue
		}
		todo = append(todo, c)
	}

	// Clean text: count each phrase's hits, without its AND and NOT parts.
	if err := countHits(o.corpora, todo); err != nil {
		return err
	}
	var kept []*cand
	for _, c := range todo {
		switch {
		case c.bbc > 0 || c.ref > 0:
			c.reason = fmt.Sprintf("fires on clean text: %d in BBC, %d in human references, %d in MT output", c.bbc, c.ref, c.mt)
			st.clean++
			left = append(left, c)
		case c.mt > 0 && mtArtifacts[strings.ToLower(c.pattern)] == "":
			c.reason = fmt.Sprintf("fires on clean text: %d in MT output", c.mt)
			st.mtOnly++
			left = append(left, c)
		default:
			kept = append(kept, c)
		}
		// Hold-out: had BBC alone decided, how many entries would fire in
		// the references and MT outputs, text the decision did not read?
		if c.bbc == 0 && c.ref > 0 {
			st.holdout++
			if severity(c) == rules.Warning {
				st.holdoutWarn += c.ref
			} else {
				st.holdoutInfo += c.ref
			}
		}
	}

	// The pack, checked: every entry's examples must hold among all the
	// built-in packs.
	// The entries keep the dictionary's order: the CSV's rows by the
	// number of papers they were found in, most first, then the JSON's
	// pairs; `mtlint explain` shows the first ones.
	pack := buildPack(kept)
	bad, err := selfCheck(others, pack)
	if err != nil {
		return err
	}
	var final []*cand
	for i, c := range kept {
		if bad[i] != "" {
			c.reason = "examples do not hold: " + bad[i]
			st.examples++
			left = append(left, c)
			continue
		}
		final = append(final, c)
		if severity(c) == rules.Warning {
			st.warnings++
		} else {
			st.info++
		}
	}
	st.kept = len(final)
	slices.SortFunc(left, func(a, b *cand) int { return strings.Compare(strings.ToLower(a.pattern), strings.ToLower(b.pattern)) })
	out, err := renderPack(final, st)
	if err != nil {
		return err
	}
	if p, err := packs.Parse(outPack, []byte(out)); err != nil || len(p.Entries) != len(final) {
		return fmt.Errorf("the generated pack does not read back: %v", err)
	}
	if err := os.WriteFile(filepath.Join(o.out, outPack), []byte(out), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.out, outLeft), []byte(renderLeft(left, st)), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "ppsgen: %d queries with brackets have no pattern\n", st.noPattern)
	fmt.Fprintf(os.Stderr, "ppsgen: %d phrases: %d covered by built-in packs (%v), %d one word, %d fire in BBC or human references, %d in MT output only, %d examples fail; wrote %d entries (%d warning, %d info) to %s, %d left out to %s\n",
		st.phrases, st.covered, st.coveredBy, st.oneWord, st.clean, st.mtOnly, st.examples, st.kept, st.warnings, st.info, outPack, len(left), outLeft)
	fmt.Fprintf(os.Stderr, "ppsgen: hold-out: of the phrases the BBC articles alone would keep, %d fire in the human references and post-edits: %d hits as warnings, %d as info\n", st.holdout, st.holdoutWarn, st.holdoutInfo)
	return nil
}

// severity is an entry's severity: info where the phrase may be innocent
// (see the package comment), warning otherwise and for the phrases whose
// hits in MT output were read (mtArtifacts).
func severity(c *cand) rules.Severity {
	if mtArtifacts[strings.ToLower(c.pattern)] != "" {
		return rules.Warning // read in context: not English
	}
	if len(c.requires) > 0 || c.attested || c.common || hasDigit(c.pattern) {
		return rules.Info
	}
	return rules.Warning
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// otherPacks reads the built-in packs of dir but the generated one.
func otherPacks(dir string) ([]*packs.Pack, error) {
	all, err := packs.LoadFS(os.DirFS(dir), ".")
	if err != nil {
		return nil, err
	}
	var out []*packs.Pack
	for _, p := range all {
		if p.Source != outPack {
			out = append(out, p)
		}
	}
	return out, nil
}

// stripped copies packs without guards and document conditions.
func stripped(ps []*packs.Pack) []*packs.Pack {
	var out []*packs.Pack
	for _, p := range ps {
		q := *p
		q.Entries = nil
		for _, e := range p.Entries {
			f := *e
			f.Guard, f.Requires, f.Excludes = packs.Guard{}, nil, nil
			q.Entries = append(q.Entries, &f)
		}
		out = append(out, &q)
	}
	return out
}

// coveredBy returns the pack of set whose entry matches the whole phrase, or
// "".
func coveredBy(s *packs.Set, c *cand) string {
	d := document.NewPlain([]byte(c.pattern))
	d.Segment()
	for _, m := range s.Find(d) {
		if m.First == 0 && m.Last == len(d.Tokens) {
			return packOf(s, m.Entry).Name
		}
	}
	return ""
}

// packOf returns the pack of entry index i of s.
func packOf(s *packs.Set, i int32) *packs.Pack {
	for _, p := range s.Packs() {
		if int(i) < len(p.Entries) {
			return p
		}
		i -= int32(len(p.Entries))
	}
	return nil
}

// countHits counts each candidate's hits in the clean corpora.
func countHits(corpora string, cs []*cand) error {
	p := &packs.Pack{Name: "candidates", Category: rules.Spinning, Severity: rules.Warning, Doc: "d", Explanation: "e", Source: "candidates"}
	for _, c := range cs {
		p.Entries = append(p.Entries, &packs.Entry{Pattern: c.pattern, Message: "m"})
	}
	s, err := packs.Compile([]*packs.Pack{p})
	if err != nil {
		return err
	}
	// The candidates' neighbouring pairs, to be found in the corpora.
	pairs := map[[2]string][]*cand{}
	for _, c := range cs {
		w := strings.Fields(strings.ToLower(c.pattern))
		for i := 0; i+1 < len(w); i++ {
			k := [2]string{w[i], w[i+1]}
			c.pairs = append(c.pairs, k)
			pairs[k] = append(pairs[k], c)
		}
	}
	// Pairs count as attested in human text only: MT output is where
	// some dictionary phrases are produced afresh.
	words := map[string]int{}
	for _, c := range cs {
		for _, w := range strings.Fields(strings.ToLower(c.pattern)) {
			words[w] = 0
		}
	}
	seenPairs := func(d *document.Document) {
		for i := range d.Tokens {
			w := strings.ToLower(d.TokenText(i))
			if n, ok := words[w]; ok {
				words[w] = n + 1
			}
		}
		for _, para := range d.Paragraphs {
			for i := para.Tokens.First; i+1 < para.Tokens.Last; i++ {
				k := [2]string{strings.ToLower(d.TokenText(i)), strings.ToLower(d.TokenText(i + 1))}
				for _, c := range pairs[k] {
					c.attested = true
				}
			}
		}
	}
	classes, err := cleanText(corpora)
	if err != nil {
		return err
	}
	// Hits are counted by class; only human text (BBC, references and
	// post-edits) attests pairs.
	for ci, count := range [...]func(*cand){
		classBBC:   func(c *cand) { c.bbc++ },
		classHuman: func(c *cand) { c.ref++ },
		classMT:    func(c *cand) { c.mt++ },
	} {
		if err := eachWindow(classes[ci].files, func(d *document.Document) {
			for _, m := range s.Find(d) {
				count(cs[m.Entry])
			}
			if ci != classMT {
				seenPairs(d)
			}
		}); err != nil {
			return err
		}
	}
	for _, c := range cs {
		w := strings.Fields(strings.ToLower(c.pattern))
		c.common = len(w) == 2 && words[w[0]] >= commonFreq && words[w[1]] >= commonFreq
	}
	return nil
}

// commonFreq is how often a word must occur in the clean human text (1.2
// million words) to be a common one: about 40 times a million words.
const commonFreq = 50

// example sentences: the phrase in a neutral frame, and the expected term in
// the same frame.
func flaggedExample(c *cand) string {
	if len(c.requires) > 0 {
		return fmt.Sprintf("The report discussed %s and %s at length.", c.pattern, c.requires[0])
	}
	return fmt.Sprintf("The report discussed %s at length.", c.pattern)
}

func unflaggedExample(c *cand) string {
	s := c.suggest
	if s == "" || strings.Contains(strings.ToLower(s), strings.ToLower(c.pattern)) {
		s = "the results"
	}
	return fmt.Sprintf("The report discussed %s at length.", s)
}

func message(c *cand) string {
	if c.suggest == "" {
		return "tortured phrase listed by the Problematic Paper Screener"
	}
	return fmt.Sprintf("tortured phrase for %q (Problematic Paper Screener)", c.suggest)
}

// buildPack makes the pack of the kept candidates.
func buildPack(cs []*cand) *packs.Pack {
	p := &packs.Pack{Name: "spinning-screener", Category: rules.Spinning, Severity: rules.Warning, Doc: "d", Explanation: "e", Source: outPack}
	for _, c := range cs {
		e := &packs.Entry{Pattern: c.pattern, Message: message(c), Requires: c.requires, Excludes: c.excludes,
			Examples: packs.Examples{Flagged: []string{flaggedExample(c)}, Unflagged: []string{unflaggedExample(c)}}}
		if c.suggest != "" {
			e.Suggest = []string{c.suggest}
		}
		if sev := severity(c); sev != rules.Warning {
			e.Severity = sev
		}
		p.Entries = append(p.Entries, e)
	}
	return p
}

// selfCheck runs the examples of pack's entries among all the packs, as the
// pack tests do, and returns, by entry, what fails ("" for none).
func selfCheck(others []*packs.Pack, pack *packs.Pack) ([]string, error) {
	all := append(slices.Clone(others), pack)
	slices.SortFunc(all, func(a, b *packs.Pack) int { return strings.Compare(a.Source, b.Source) })
	s, err := packs.Compile(all)
	if err != nil {
		return nil, err
	}
	base := int32(0)
	for _, p := range s.Packs() {
		if p == pack {
			break
		}
		base += int32(len(p.Entries))
	}
	fires := func(i int, text string) bool {
		d := document.NewPlain([]byte(text))
		d.Segment()
		for _, m := range s.Find(d) {
			if m.Entry == base+int32(i) {
				return true
			}
		}
		return false
	}
	bad := make([]string, len(pack.Entries))
	for i, e := range pack.Entries {
		switch {
		case !fires(i, e.Examples.Flagged[0]):
			bad[i] = "the flagged example is not flagged by the entry"
		case fires(i, e.Examples.Unflagged[0]):
			bad[i] = "the unflagged example is flagged"
		}
	}
	return bad, nil
}
