package typography

import (
	"testing"

	"github.com/mtlint/mtlint/rules/rulestest"
)

// TestUngroupedThousandsCorpora measures typography.ungrouped-thousands
// where it was never tuned: silent on the clean BBC articles, and more
// frequent (per line) in machine output than in the human translations of
// the same sources (WMT22, WMT23 references, MLQE-PE post-edits, each line
// a document), whose hits are logged for review (human translators slip
// here too):
//
//	go test ./rules/typography -run TestUngroupedThousandsCorpora -v
func TestUngroupedThousandsCorpora(t *testing.T) {
	c := rulestest.MeasureCorpora(t, UngroupedThousands)
	if c.BBC > 0 {
		t.Errorf("%d findings in %d clean BBC articles, want none", c.BBC, c.BBCArticles)
	}
	if mt, human := c.MTPerThousand(), c.HumanPerThousand(); c.MT == 0 || mt <= human {
		t.Errorf("MT %.3f per 1,000 lines against human %.3f: want MT above human", mt, human)
	}
}
