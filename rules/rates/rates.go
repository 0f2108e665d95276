// Package rates holds how often each built-in rule fires on measured text:
// on 1,438 clean BBC articles (with the false alarms left after a hand
// review), and per 1,000 lines of machine translation beside the human
// translation of the same sources (WMT22, WMT23, MLQE-PE). The table is
// generated data (rates.json, written by tools/rates); this package looks
// it up and renders it for `mtlint explain`, `mtlint rules --format json`
// and docs/rule-rates.md.
package rates

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
)

//go:embed rates.json
var tableJSON []byte

// Table is the measured rates of every built-in rule.
type Table struct {
	// Command is the command that wrote the table.
	Command string `json:"command"`
	// CorporaDate is the date of the corpora measured on (the newest
	// modification time of the files read), as YYYY-MM-DD.
	CorporaDate string `json:"corpora_date"`
	// Layout says how the one-segment-a-line corpora were checked.
	Layout string `json:"layout"`
	// BBCArticles is the number of BBC articles checked.
	BBCArticles int `json:"bbc_articles"`
	// Pairs are the parallel corpora, in the order of each rule's Pairs.
	Pairs []Pair `json:"pairs"`
	// Rules are the rules, in run order.
	Rules []Rule `json:"rules"`
}

// Pair is one language pair of a parallel corpus: machine output (all
// systems) and human translation (all references, or post-edits) of the
// same sources.
type Pair struct {
	// Corpus is the corpus folder ("wmt22-dev"), Lang the pair ("cs-en").
	Corpus string `json:"corpus"`
	Lang   string `json:"lang"`
	// Systems and References count the texts; MTLines and RefLines their
	// lines, all systems (references) together.
	Systems    int `json:"systems"`
	References int `json:"references"`
	MTLines    int `json:"mt_lines"`
	RefLines   int `json:"ref_lines"`
}

// Name is the pair as tables show it: "wmt22 cs-en".
func (p Pair) Name() string {
	return strings.TrimSuffix(p.Corpus, "-dev") + " " + p.Lang
}

// Rule is what one rule raised on the corpora.
type Rule struct {
	ID string `json:"id"`
	// Default says that the rule is on by default; a rule that is off was
	// measured enabled, on its own.
	Default bool `json:"default"`
	// BBC counts the rule's findings on the BBC articles.
	BBC BBC `json:"bbc"`
	// Pairs count its findings (any severity) per language pair, in the
	// order of Table.Pairs.
	Pairs []Count `json:"pairs"`
}

// BBC counts a rule's findings on clean BBC news.
type BBC struct {
	// Loud are the warnings and errors, Infos the infos.
	Loud  int `json:"warnings_errors"`
	Infos int `json:"infos"`
	// FalseAlarms are the warnings and errors that the hand review
	// (checker/testdata/bbc-reviewed.tsv) does not mark as genuine slips.
	FalseAlarms int `json:"false_alarms"`
}

// Count is a rule's findings in the machine output and in the human
// translation of one pair.
type Count struct {
	MT  int `json:"mt"`
	Ref int `json:"ref"`
}

// Rates are a rule's figures as rates, for people and for JSON reports.
type Rates struct {
	// BBCArticles is the number of clean BBC articles measured on;
	// BBCWarningsErrors, BBCFalseAlarms and BBCInfos count the findings.
	BBCArticles       int `json:"bbc_articles"`
	BBCWarningsErrors int `json:"bbc_warnings_errors"`
	BBCFalseAlarms    int `json:"bbc_false_alarms"`
	BBCInfos          int `json:"bbc_infos"`
	// BBCPer1000 are warnings and errors per 1,000 BBC articles,
	// BBCFalseAlarmsPer1000 the false alarms among them and
	// BBCInfosPer1000 the infos.
	BBCPer1000            float64 `json:"bbc_per_1000_articles"`
	BBCFalseAlarmsPer1000 float64 `json:"bbc_false_alarms_per_1000_articles"`
	BBCInfosPer1000       float64 `json:"bbc_infos_per_1000_articles"`
	// MTPer1000Lines and RefPer1000Lines are findings per 1,000 lines of
	// machine output and of human translation, every pair together.
	MTPer1000Lines  float64 `json:"mt_per_1000_lines"`
	RefPer1000Lines float64 `json:"ref_per_1000_lines"`
	// Ratio is MTPer1000Lines / RefPer1000Lines, nil when the rule never
	// fired on human translation.
	Ratio *float64 `json:"mt_ref_ratio"`
	// Pairs are the same per language pair.
	Pairs []PairRates `json:"pairs"`
	// MTLines and RefLines are the lines measured on.
	MTLines  int `json:"mt_lines"`
	RefLines int `json:"ref_lines"`
	// CorporaDate is the date of the corpora.
	CorporaDate string `json:"corpora_date"`
}

// PairRates are a rule's rates on one language pair.
type PairRates struct {
	Pair            string   `json:"pair"`
	MTPer1000Lines  float64  `json:"mt_per_1000_lines"`
	RefPer1000Lines float64  `json:"ref_per_1000_lines"`
	Ratio           *float64 `json:"mt_ref_ratio"`
}

var (
	loadOnce sync.Once
	builtin  *Table
	loadErr  error
)

// Builtin returns the embedded table.
func Builtin() (*Table, error) {
	loadOnce.Do(func() { builtin, loadErr = Parse(tableJSON) })
	return builtin, loadErr
}

// Parse reads a table written by tools/rates.
func Parse(data []byte) (*Table, error) {
	var t Table
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("rates: %v", err)
	}
	for _, r := range t.Rules {
		if len(r.Pairs) != len(t.Pairs) {
			return nil, fmt.Errorf("rates: rule %s has %d pairs, the table %d", r.ID, len(r.Pairs), len(t.Pairs))
		}
	}
	return &t, nil
}

// Lookup returns the measured rates of the built-in rule id, or nil when
// the table has no row for it (a rule added since the table was made, or
// a rule of an imported pack).
func Lookup(id string) *Rates {
	t, err := Builtin()
	if err != nil {
		return nil
	}
	return t.Lookup(id)
}

// Lookup returns the rates of rule id in t, or nil.
func (t *Table) Lookup(id string) *Rates {
	for i := range t.Rules {
		if t.Rules[i].ID == id {
			return t.rates(&t.Rules[i])
		}
	}
	return nil
}

func (t *Table) rates(r *Rule) *Rates {
	x := &Rates{
		BBCArticles:           t.BBCArticles,
		BBCWarningsErrors:     r.BBC.Loud,
		BBCFalseAlarms:        r.BBC.FalseAlarms,
		BBCInfos:              r.BBC.Infos,
		BBCPer1000:            per1000(r.BBC.Loud, t.BBCArticles),
		BBCFalseAlarmsPer1000: per1000(r.BBC.FalseAlarms, t.BBCArticles),
		BBCInfosPer1000:       per1000(r.BBC.Infos, t.BBCArticles),
		CorporaDate:           t.CorporaDate,
		Pairs:                 []PairRates{},
	}
	var mt, ref, mtLines, refLines int
	for i, p := range t.Pairs {
		c := r.Pairs[i]
		mt, ref, mtLines, refLines = mt+c.MT, ref+c.Ref, mtLines+p.MTLines, refLines+p.RefLines
		x.Pairs = append(x.Pairs, PairRates{Pair: p.Name(), MTPer1000Lines: per1000(c.MT, p.MTLines),
			RefPer1000Lines: per1000(c.Ref, p.RefLines), Ratio: ratio(c.MT, p.MTLines, c.Ref, p.RefLines)})
	}
	x.MTLines, x.RefLines = mtLines, refLines
	x.MTPer1000Lines, x.RefPer1000Lines = per1000(mt, mtLines), per1000(ref, refLines)
	x.Ratio = ratio(mt, mtLines, ref, refLines)
	return x
}

// per1000 is n per 1,000 of d, rounded to 3 decimals.
func per1000(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return round(float64(n)*1000/float64(d), 1000)
}

// ratio is (a/an) / (b/bn) to 2 decimals, nil when b is 0.
func ratio(a, an, b, bn int) *float64 {
	if b == 0 || an == 0 || bn == 0 {
		return nil
	}
	r := round(float64(a)/float64(an)/(float64(b)/float64(bn)), 100)
	return &r
}

func round(x, by float64) float64 { return math.Round(x*by) / by }
