package lsp

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLatency types into a 5,000-word article, one edit at a time, and logs
// how long diagnostics take to arrive after the debounce: the time from the
// change to its publication, less the debounce. It asserts that each edit is
// published, not how fast (the machine is shared).
func TestLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var b strings.Builder
	base := seed(t)
	for i := 0; strings.Count(b.String(), " ") < 5000; i++ {
		fmt.Fprintf(&b, "Part %d.\n\n%s\n\n", i+1, base)
	}
	text := b.String()
	words := len(strings.Fields(text))
	const debounce = 50 * time.Millisecond
	uri := "file:///tmp/long.txt"
	c := startServer(t, Options{NoConfig: true, Debounce: debounce}, nil)
	c.open(uri, "plaintext", text, 1)
	c.diagnostics(uri, nil)
	var lat []time.Duration
	for v := 2; v <= 101; v++ {
		text += " more"
		start := time.Now()
		c.change(uri, text, v)
		c.diagnostics(uri, func(p *PublishDiagnosticsParams) bool { return *p.Version == v })
		lat = append(lat, time.Since(start)-debounce)
	}
	slices.Sort(lat)
	t.Logf("%d words, %d edits: diagnostics after the %v debounce: p50 %v, p95 %v, max %v",
		words, len(lat), debounce, lat[len(lat)/2].Round(100*time.Microsecond), lat[len(lat)*95/100-1].Round(100*time.Microsecond), lat[len(lat)-1].Round(100*time.Microsecond))
}
