package punctuation

import "testing"

const hyphenDash = "punctuation.hyphen-as-dash"

func TestHyphenAsDash(t *testing.T) {
	for _, tc := range []struct {
		text  string
		wants []want
	}{
		{"These are the towns of the north-the poorest on the right.", []want{{hyphenDash, "north-the", "north – the"}}},
		{"There are 20,000 kinds of orchids-a variety that amazes.", []want{{hyphenDash, "orchids-a", "orchids – a"}}},
		{"The bees are drawn by heat-this is a volatile chemical.", []want{{hyphenDash, "heat-this", "heat – this"}}},
		{"It sank in the next few years-they never found it.", []want{{hyphenDash, "years-they", "years – they"}}},
		{"Support Ukraine-the threat is shared.", []want{{hyphenDash, "Ukraine-the", "Ukraine – the"}}},
		{"We saw black holes-those that weigh millions of suns.", []want{{hyphenDash, "holes-those", "holes – those"}}},
		// negatives: lexical compounds, more than two parts, spaced and
		// long dashes, digits, short first parts
		{"A know-it-all sold a state-of-the-art, one-of-a-kind rent-a-car.", nil},
		{"She wrote a thank-you card, stuck a Post-it on it and said Thank-you.", nil},
		{"The universe - a series of images - and the universe – a record.", nil},
		{"The universe—a series of images—goes back to the start.", nil},
		{"The COVID-19 ward, the F-16 and the up-to-date so-so be-all.", nil},
		{"A knock-on effect, a built-in camera, a head-on crash and a hands-on boss.", nil},
		{"Mr Al-Hassan met Xi-a on Monday.", nil},
	} {
		check(t, tc.text, tc.wants)
	}
}
