package punctuation

import "testing"

const hyphenDash = "punctuation.hyphen-as-dash"

func TestHyphenAsDash(t *testing.T) {
	for _, tc := range []struct {
		text  string
		wants []want
	}{
		{"Rents rose fastest in the capital-the dearest city in the survey.", []want{{hyphenDash, "capital-the", "capital – the"}}},
		{"The club signed two strikers-a gamble that paid off.", []want{{hyphenDash, "strikers-a", "strikers – a"}}},
		{"Prices fell after the harvest-this was the third fall in a row.", []want{{hyphenDash, "harvest-this", "harvest – this"}}},
		{"The ferry ran for decades-they scrapped it in 2004.", []want{{hyphenDash, "decades-they", "decades – they"}}},
		{"Visit Portugal-the beaches are empty in May.", []want{{hyphenDash, "Portugal-the", "Portugal – the"}}},
		{"We met the growers-those who still pick by hand.", []want{{hyphenDash, "growers-those", "growers – those"}}},
		{"The NATO-which was founded in 1949-met in Brussels.", []want{{hyphenDash, "NATO-which", "NATO – which"}}},
		// negatives: lexical compounds, more than two parts, spaced and
		// long dashes, digits, short first parts
		{"A know-it-all sold a state-of-the-art, one-of-a-kind rent-a-car.", nil},
		{"She wrote a thank-you card, stuck a Post-it on it and said Thank-you.", nil},
		{"Rents rose in the capital - the dearest city - and in the capital – the hub.", nil},
		{"Rents rose in the capital—the dearest city—and then fell.", nil},
		{"The COVID-19 ward, the F-16 and the up-to-date so-so be-all.", nil},
		{"A knock-on effect, a built-in camera, a head-on crash and a hands-on boss.", nil},
		{"Mr Al-Hassan met Xi-a on Monday.", nil},
		{"The train to Yan-an left; Yoon-a sang; he was a fix-it man.", nil},
		{"The old depot-an eyesore for years-was sold.", []want{{hyphenDash, "depot-an", "depot – an"}}},
	} {
		check(t, tc.text, tc.wants)
	}
}
