package main

import (
	"cmp"
	"encoding/json"
	"math"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.Combiner3[domainAcc, docStat, domainAcc](&domainCombine{})
	register.Function2x2[string, domainAcc, string, error](formatDomain)
	beam.RegisterCoder(reflectTypeOf[domainAcc](), encodeAcc, decodeAcc)
}

// highScore is the score from which a document counts as likely machine
// translated in a domain's aggregate.
const highScore = 60

// topRules and topHints are how many rules and source languages a domain's
// object lists.
const (
	topRules = 10
	topHints = 5
)

// domainAcc is a domain's aggregate while it is being built. Scores are
// kept as a histogram (0 to 100), so that the p90 is exact and the
// accumulator small whatever the number of documents.
type domainAcc struct {
	Documents int64            `json:"d"`
	Words     int64            `json:"w"`
	ScoreSum  int64            `json:"s"`
	Scores    []int64          `json:"h,omitempty"` // Scores[score] = documents
	Rules     map[string]int64 `json:"r,omitempty"` // findings by rule
	Hints     map[string]int64 `json:"l,omitempty"` // documents by hinted source language
}

func encodeAcc(a domainAcc) ([]byte, error) { return json.Marshal(a) }

func decodeAcc(b []byte) (domainAcc, error) {
	var a domainAcc
	err := json.Unmarshal(b, &a)
	return a, err
}

// domainCombine adds up the documents of a domain.
type domainCombine struct{}

// CreateAccumulator returns an empty aggregate.
func (domainCombine) CreateAccumulator() domainAcc { return domainAcc{} }

// AddInput adds one document.
func (domainCombine) AddInput(a domainAcc, d docStat) domainAcc {
	a.Documents++
	a.Words += int64(d.Words)
	a.ScoreSum += int64(d.Score)
	if a.Scores == nil {
		a.Scores = make([]int64, 101)
	}
	a.Scores[min(max(d.Score, 0), 100)]++
	for _, r := range d.Rules {
		if a.Rules == nil {
			a.Rules = map[string]int64{}
		}
		a.Rules[r]++
	}
	if d.Hint != "" {
		if a.Hints == nil {
			a.Hints = map[string]int64{}
		}
		a.Hints[d.Hint]++
	}
	return a
}

// MergeAccumulators adds b to a.
func (domainCombine) MergeAccumulators(a, b domainAcc) domainAcc {
	a.Documents += b.Documents
	a.Words += b.Words
	a.ScoreSum += b.ScoreSum
	if len(b.Scores) > 0 {
		if a.Scores == nil {
			a.Scores = make([]int64, 101)
		}
		for i, n := range b.Scores {
			a.Scores[i] += n
		}
	}
	a.Rules = addCounts(a.Rules, b.Rules)
	a.Hints = addCounts(a.Hints, b.Hints)
	return a
}

// ExtractOutput returns the aggregate as it is.
func (domainCombine) ExtractOutput(a domainAcc) domainAcc { return a }

func addCounts(a, b map[string]int64) map[string]int64 {
	if len(b) > 0 && a == nil {
		a = make(map[string]int64, len(b))
	}
	for k, n := range b {
		a[k] += n
	}
	return a
}

// domainJSON is the object of a line of domains-*.jsonl.
type domainJSON struct {
	Domain    string  `json:"domain"`
	Documents int64   `json:"documents"`
	Words     int64   `json:"words"`
	MeanScore float64 `json:"mean_score"`
	P90Score  int     `json:"p90_score"`
	// ShareHigh is the share of documents scoring highScore or more.
	ShareHigh float64     `json:"share_score_60_or_more"`
	TopRules  []ruleCount `json:"top_rules"`
	Hints     []hintCount `json:"source_language_hints"`
}

type ruleCount struct {
	Rule     string `json:"rule"`
	Findings int64  `json:"findings"`
}

type hintCount struct {
	Language  string `json:"language"`
	Documents int64  `json:"documents"`
}

// formatDomain writes a domain's aggregate as its JSON line.
func formatDomain(domain string, a domainAcc) (string, error) {
	v := domainJSON{Domain: domain, Documents: a.Documents, Words: a.Words,
		TopRules: []ruleCount{}, Hints: []hintCount{}}
	if a.Documents > 0 {
		v.MeanScore = round2(float64(a.ScoreSum) / float64(a.Documents))
		v.P90Score = percentile(a.Scores, a.Documents, 0.9)
		var high int64
		for s := highScore; s < len(a.Scores); s++ {
			high += a.Scores[s]
		}
		v.ShareHigh = round4(float64(high) / float64(a.Documents))
	}
	for r, n := range a.Rules {
		v.TopRules = append(v.TopRules, ruleCount{r, n})
	}
	slices.SortFunc(v.TopRules, func(x, y ruleCount) int {
		return cmp.Or(cmp.Compare(y.Findings, x.Findings), cmp.Compare(x.Rule, y.Rule))
	})
	v.TopRules = v.TopRules[:min(len(v.TopRules), topRules)]
	for l, n := range a.Hints {
		v.Hints = append(v.Hints, hintCount{l, n})
	}
	slices.SortFunc(v.Hints, func(x, y hintCount) int {
		return cmp.Or(cmp.Compare(y.Documents, x.Documents), cmp.Compare(x.Language, y.Language))
	})
	v.Hints = v.Hints[:min(len(v.Hints), topHints)]
	b, err := json.Marshal(v)
	return string(b), err
}

// percentile is the nearest-rank percentile q of n scores given as a
// histogram: the smallest score at or below which at least q·n scores lie.
func percentile(hist []int64, n int64, q float64) int {
	rank := int64(math.Ceil(q * float64(n)))
	var seen int64
	for s, c := range hist {
		seen += c
		if seen >= rank {
			return s
		}
	}
	return len(hist) - 1
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
func round4(x float64) float64 { return math.Round(x*10000) / 10000 }

// aggregateDomains turns each record's contribution into one JSON line a
// domain.
func aggregateDomains(s beam.Scope, stats beam.PCollection) beam.PCollection {
	acc := beam.CombinePerKey(s, &domainCombine{}, stats)
	return beam.ParDo(s, formatDomain, acc)
}

// reflectTypeOf is reflect.TypeOf for a type, not a value.
func reflectTypeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }
