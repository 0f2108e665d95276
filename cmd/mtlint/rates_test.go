package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/rules/builtin"
	"github.com/mtlint/mtlint/rules/rates"
)

// TestExplainRates: explain shows a built-in rule's measured rates in
// words, with the figures of the embedded table, and nothing for a rule
// that was not measured.
func TestExplainRates(t *testing.T) {
	for _, id := range []string{"punctuation.stray-period", "idiom.officialese", "spinning.generated"} {
		x := rates.Lookup(id)
		if x == nil {
			t.Fatalf("no rates for built-in rule %s", id)
		}
		r := runWith(t, nil, "", nil, false, "explain", id)
		if r.code != 0 {
			t.Fatalf("explain %s: exit %d\n%s", id, r.code, r.stderr)
		}
		for _, want := range []string{
			"  safe fix:  ",
			"\n\n  Measured on the corpora of " + x.CorporaDate + " (docs/rule-rates.md):\n",
			"    on " + rates.Thousands(x.BBCArticles) + " clean BBC articles: " + rates.Rate(x.BBCFalseAlarmsPer1000) + " false alarms per 1,000 articles",
			"    in MT output: " + rates.Rate(x.MTPer1000Lines) + " per 1,000 lines vs " + rates.Rate(x.RefPer1000Lines) + " in human translation",
			rates.Words(x, "  ") + "\n",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("explain %s lacks %q:\n%s", id, want, r.stdout)
			}
		}
	}
	if r := mtlint(t, "explain", "punctuation.test-space-comma"); strings.Contains(r.stdout, "Measured") {
		t.Errorf("explain shows rates for a rule that was not measured:\n%s", r.stdout)
	}
}

// TestRulesJSONRates: every built-in rule carries its rates in
// `mtlint rules --format json`.
func TestRulesJSONRates(t *testing.T) {
	r := runWith(t, nil, "", nil, false, "rules", "--format", "json")
	var out struct{ Rules []ruleInfo }
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Rules) != len(builtin.Rules()) {
		t.Fatalf("%d rules listed, %d built in", len(out.Rules), len(builtin.Rules()))
	}
	for _, ri := range out.Rules {
		if ri.Rates == nil || ri.Rates.BBCArticles == 0 || len(ri.Rates.Pairs) == 0 {
			t.Errorf("rule %s: rates %+v", ri.ID, ri.Rates)
			continue
		}
		if want := rates.Lookup(ri.ID); !reflect.DeepEqual(ri.Rates, want) {
			t.Errorf("rule %s: rates %+v, the table has %+v", ri.ID, ri.Rates, want)
		}
	}
	if !strings.Contains(r.stdout, `"bbc_false_alarms_per_1000_articles": `) || !strings.Contains(r.stdout, `"mt_ref_ratio": `) {
		t.Errorf("the JSON lacks the rate fields:\n%.2000s", r.stdout)
	}
}
