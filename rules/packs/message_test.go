package packs

import (
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules/rulestest"
)

// TestMessageQuotesMatch: a message quotes the words the text holds, not
// the pack's example of the pattern, and its advice is the suggestion for
// those words.
func TestMessageQuotesMatch(t *testing.T) {
	s, err := BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, want string
	}{
		{"The minister assisted at the ceremony on Friday.", `"assisted at the ceremony" calques`},
		{"Rates will rise in the next weeks, he said.", `"in the next weeks" calques French "dans les prochains jours" / Spanish "en los próximos días": say "in the coming weeks"`},
		{"Rates will rise in the next months, he said.", `"in the next months" calques French "dans les prochains jours" / Spanish "en los próximos días": say "in the coming months"`},
		// The quote is part of the pattern: it stays the part.
		{"Some 300 effectives were sent to the border.", `"effectives" calques`},
		// Context words around the pattern stay.
		{"The assistants to the summit were searched.", `"the assistants to the summit" calques`},
		// The pattern with other words inside the quote.
		{"Staff were vaccinated from measles last year.", `"vaccinated from measles" calques`},
		// A message that wrote a suggestion's template writes it out.
		{"They stressed team construction again.", `say "team building"`},
		// Line breaks between the matched words are one space.
		{"Rates will rise in the\nnext weeks, he said.", `"in the next weeks" calques`},
	}
	for _, tt := range tests {
		var msgs []string
		for _, f := range rulestest.Check(t, tt.text, s.Rules()...) {
			msgs = append(msgs, f.Diag.Message)
		}
		ok := false
		for _, m := range msgs {
			ok = ok || strings.Contains(m, tt.want)
		}
		if !ok {
			t.Errorf("%q: messages %q, want one containing %q", tt.text, msgs, tt.want)
		}
	}
}

// TestMessageTemplates checks every built-in entry: where its message
// quotes an instance of its pattern, the message of each flagged example
// quotes the example's matched words there; a quote that is the entry's
// suggestion (the Screener's "tortured phrase for "X"") is never replaced;
// and MessageLanguages finds the entry's languages from the message.
func TestMessageTemplates(t *testing.T) {
	s, err := BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	s.ensureAll() // the entries are read here, not through s.entry
	var ms messages
	quoting := 0
	for ci := range s.entries {
		c := &s.entries[ci]
		tp := messageTemplate(c.entry.Message, s.wordElems(int32(ci)), c.entry.Suggest)
		if tp.first == tp.last {
			if tp.head != c.entry.Message {
				t.Errorf("%s: a message with no quote of the pattern changed: %q", c.entry.Pattern, tp.head)
			}
			continue
		}
		quoting++
		for _, ex := range c.entry.Examples.Flagged {
			d := document.NewPlain([]byte(ex))
			d.Segment()
			for _, m := range s.Find(d) {
				if m.Entry != int32(ci) {
					continue
				}
				msg := s.messageFor(&ms, d, m)
				words := strings.Join(strings.Fields(d.Text[d.Tokens[m.First+tp.first].Start:d.Tokens[m.First+tp.last-1].End]), " ")
				if !strings.Contains(msg, `"`+tp.head[strings.LastIndexByte(tp.head, '"')+1:]+words) {
					t.Errorf("%s: %q: message %q does not quote %q", c.entry.Pattern, ex, msg, words)
				}
				// The hint of the source language still finds the
				// entry's languages from the message.
				langs := MessageLanguages(s.packs[c.pack].ID(), msg)
				for _, l := range c.entry.Lang {
					if !slices.Contains(langs, l) {
						t.Errorf("%s: MessageLanguages(%q) = %v, want %s among them", c.entry.Pattern, msg, langs, l)
					}
				}
				for _, sg := range c.entry.Suggest {
					if !strings.Contains(sg, "{") && strings.Contains(c.entry.Message, `"`+sg+`"`) && !strings.Contains(msg, `"`+sg+`"`) {
						t.Errorf("%s: message %q lost the suggestion %q", c.entry.Pattern, msg, sg)
					}
				}
			}
		}
	}
	if quoting < 1000 {
		t.Errorf("only %d entries' messages quote their pattern", quoting)
	}
}
