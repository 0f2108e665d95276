package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/mtlint/mtlint/internal/corpora"
)

// wordNetDir returns Debian's WordNet directory: the test fails in CI when
// it is missing (.ci/run installs wordnet-base) and skips elsewhere.
func wordNetDir(t *testing.T) string {
	t.Helper()
	const dir = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(dir, "index.noun")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("WordNet not found in %s (apt-get install wordnet-base); CI needs it", dir)
		}
		t.Skipf("WordNet not found in %s (apt-get install wordnet-base); skipping", dir)
	}
	return dir
}

// TestRecall runs the spinner recall evaluation on the held-out half of the
// WMT references: the spinning rules flag some of the lines the spinner
// damaged and none of the same lines unspun. The floor is below today's
// figure (32 of 4,367 damaged lines) so that it guards the measure and the
// generated pack against collapse, not against small changes.
func TestRecall(t *testing.T) {
	wn := wordNetDir(t)
	base := filepath.Dir(corpora.Dir(t, "wmt22-dev"))
	corpora.Dir(t, "wmt23-dev")
	counts, err := measureRecall(recallOptions{wordnet: wn, corpora: base, rate: 0.3, seed: 1, blockLines: evalBlock, half: "held-out"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	h := counts["held-out"]
	t.Logf("held-out: %v", h)
	if h.blocks < 300 || h.damaged < h.lines/2 {
		t.Errorf("held-out half: %d blocks, %d of %d lines damaged; want 300+ blocks and most lines damaged at rate 0.3", h.blocks, h.damaged, h.lines)
	}
	if h.flagged < 20 {
		t.Errorf("held-out half: %d damaged lines flagged, want at least 20", h.flagged)
	}
	if h.cleanFlagged != 0 {
		t.Errorf("held-out half: %d unspun lines flagged by a spinning rule, want 0", h.cleanFlagged)
	}
	if c := counts["tune"]; c.blocks != 0 {
		t.Errorf("-half held-out checked %d tuning blocks", c.blocks)
	}
}
