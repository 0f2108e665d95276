package punctuation

import (
	"testing"

	"github.com/mtlint/mtlint/rules/rulestest"
)

// TestHyphenAsDashCorpora measures punctuation.hyphen-as-dash where it was
// never tuned: it must stay silent on the clean BBC articles and fire on
// machine output more than three times as often (per line) as on the human
// translations of the same sources (WMT22, WMT23 references, MLQE-PE
// post-edits, each line a document):
//
//	go test ./rules/punctuation -run TestHyphenAsDashCorpora -v
func TestHyphenAsDashCorpora(t *testing.T) {
	c := rulestest.MeasureCorpora(t, HyphenAsDash)
	if c.BBC > 0 {
		t.Errorf("%d findings in %d clean BBC articles, want none", c.BBC, c.BBCArticles)
	}
	if mt, human := c.MTPerThousand(), c.HumanPerThousand(); c.MT == 0 || mt < 3*human {
		t.Errorf("MT %.3f per 1,000 lines against human %.3f: want MT at least 3 times human, and above 0", mt, human)
	}
}
