package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// runMetrics are the pipeline's counters after a run, added up over the
// steps that report them.
type runMetrics struct {
	Counters map[string]int64
}

// readMetrics collects the counters of namespace "mtlint" from a run.
func readMetrics(res beam.PipelineResult) runMetrics {
	m := runMetrics{Counters: map[string]int64{}}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Namespace() == metricsNamespace {
			m.Counters[c.Name()] += c.Result()
		}
	}
	return m
}

// print writes the counters, records first, then findings by category.
func (m runMetrics) print(w io.Writer) {
	fmt.Fprintf(w, "records read %d, checked %d, rejected %d, skipped (blank lines, WARC records that are no article) %d; bytes checked %d\n",
		m.Counters["records_read"], m.Counters["records_checked"], m.Counters["records_rejected"],
		m.Counters["records_skipped"], m.Counters["bytes_checked"])
	var cats []string
	var total int64
	for name, n := range m.Counters {
		if cat, ok := strings.CutPrefix(name, "findings_"); ok {
			cats = append(cats, fmt.Sprintf("%s %d", cat, n))
			total += n
		}
	}
	slices.Sort(cats)
	fmt.Fprintf(w, "findings %d", total)
	if len(cats) > 0 {
		fmt.Fprintf(w, ": %s", strings.Join(cats, ", "))
	}
	fmt.Fprintln(w)
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
