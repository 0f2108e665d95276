package checker

import (
	"strings"
	"testing"
)

// The transcoding note says in words when the encoding asked for was read
// as another: iso-8859-1 as its superset windows-1252, as browsers do.
func TestTranscodedNoteNamesLabel(t *testing.T) {
	raw := []byte("Le caf\xe9 est ferm\xe9 today.\n")
	for _, tc := range []struct {
		asked        string
		want, unwant string
	}{
		{"iso-8859-1", "read as windows-1252 (asked for iso-8859-1: as browsers do, mtlint reads that name as windows-1252, a superset", "(as asked)"},
		{"Latin1", "asked for Latin1: as browsers do", "(as asked)"},
		{"windows-1252", "read as windows-1252 (as asked)", "asked for"},
		{"cp1252", "(asked for cp1252, another name of it)", "superset"},
	} {
		c, err := New(Config{Rules: testRules(), Input: Input{Encoding: tc.asked}})
		if err != nil {
			t.Fatal(err)
		}
		res := c.CheckBytes(raw)
		var msg string
		for _, n := range res.Notes {
			if n.Kind == "transcoded" {
				msg = n.Message
			}
		}
		if !strings.Contains(msg, tc.want) || strings.Contains(msg, tc.unwant) {
			t.Errorf("%s: note %q, want %q and not %q", tc.asked, msg, tc.want, tc.unwant)
		}
	}
}
