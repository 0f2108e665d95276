package repetition

import (
	"strings"
	"testing"

	"github.com/mtlint/mtlint/rules/rulestest"
)

func TestLoop(t *testing.T) {
	runTable(t, Loop, []tableCase{
		{"word", "The kit ships with a spare filter filter filter for the pump.",
			[]finding{{"filter filter filter", "filter", "3 times"}}},
		{"phrase", "Most pupils do not seek advice at all at all at all at all, and fail.",
			[]finding{{"at all at all at all at all", "at all", "4 times"}}},
		{"commas", "It was a very thin, very thin, very thin, very thin phone by any standard.",
			[]finding{{"very thin, very thin, very thin, very thin", "very thin", "4 times"}}},
		{"long unit", "He met the head of the council the head of the council the head of the council in May.",
			[]finding{{"the head of the council the head of the council the head of the council", "the head of the council", "3 times"}}},
		{"whole line", "Logo Logo Logo Logo Logo Logo Logo Logo Logo",
			[]finding{{"Logo Logo Logo Logo Logo Logo Logo Logo Logo", "Logo", "9 times"}}},
		{"one a sentence", "The pump pump pump and the hose hose hose were both faulty in the end.",
			[]finding{{"pump pump pump", "pump", "3 times"}}},
		{"emphatic flood", "And then: " + strings.Repeat("go, ", 20) + "go.",
			[]finding{{strings.Repeat("go, ", 20) + "go", "go", "21 times"}}},
		// negatives
		{"two copies", "Prices rose and rose again in the spring of that year.", nil},
		{"intensifier", "It was a very, very, very tight race in the end, he said.", nil},
		{"tricolon", "The three rules of the trade are \"price, price, price\", he said on Monday.", nil},
		{"stammer", "Well, I can't, I can't, I can't say that to the board today.", nil},
		{"chant", "We go in, we go in, we go in.", nil},
		{"song", "La la la la la la la la la", nil},
		{"sound", "Rumble rumble rumble rumble rumble rumble rumble.", nil},
		{"numbers", "The code is 4 4 4 4 and the pin is 1, 1, 1 for all the staff members.", nil},
		{"across sentences", "Stop. Stop. Stop. The police shouted at the driver twice.", nil},
		{"on and on", "They talked on and on and on about the budget for hours.", nil},
	})
}

// TestLoopLinear runs the rule over long runs of what it compares most:
// equal words and units of every length up to the longest.
func TestLoopLinear(t *testing.T) {
	for _, unit := range []string{"word ", "a b ", "x, ", "the head of the old council, ", "a b c d e f g h i j k l m "} {
		rulestest.Check(t, strings.Repeat(unit, 100_000/len(unit)), Loop)
	}
}
