package document

// AbbrevClass says how an abbreviation followed by a period behaves at a
// possible sentence end.
type AbbrevClass uint8

const (
	// NotAbbrev: the word is not a known abbreviation.
	NotAbbrev AbbrevClass = iota
	// Title abbreviations (Mr., Dr., St., Gen.) and initials (J.) come before
	// a name and never end a sentence before a capital.
	Title
	// BeforeNumber abbreviations (No., Nos., Fig., Vol., p., pp., Art.) come
	// before a number; before a capital they end the sentence.
	BeforeNumber
	// Month abbreviations (Jan.–Dec.) come before a day number or a year;
	// before a capital they end the sentence.
	Month
	// Trailing abbreviations (Inc., Ltd., Co., etc., Jr.) can end a sentence:
	// they do so when the next word is one that typically starts one.
	Trailing
)

var abbreviations = map[string]AbbrevClass{}

func init() {
	for _, w := range []string{
		"Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Profs", "Rev", "Revd", "Hon",
		"St", "Ste", "Mt", "Ft", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Gen", "Lt", "Col",
		"Maj", "Capt", "Cpt", "Cmdr", "Cdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Supt", "Insp",
		"Det", "Pres", "Amb", "Fr", "Atty", "Gov't", "Cllr", "Sr", "Sra", "Mme", "Mlle", "Msgr",
		"Bros", "Rt", "Hons", "Sgts", "Cmdt",
	} {
		abbreviations[w] = Title
	}
	for _, w := range []string{
		"No", "Nos", "no", "nos", "Fig", "fig", "Figs", "Vol", "vol", "Vols", "p", "pp", "Art", "art",
		"Ch", "ch", "Sec", "sec", "Sect", "Para", "para", "Ex", "Op", "op", "Rd", "Ave", "Blvd",
		"Tel", "tel", "Ref", "ref", "Pt", "pt", "Rm", "Apt",
	} {
		abbreviations[w] = BeforeNumber
	}
	for _, w := range []string{
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	} {
		abbreviations[w] = Month
	}
	for _, w := range []string{
		"Inc", "Ltd", "Co", "Corp", "Plc", "PLC", "plc", "LLC", "LLP", "Cos", "Jr", "Esq", "etc",
		"vs", "v", "cf", "al", "approx", "est", "ca", "c", "viz", "Dept", "dept", "Univ", "Assn",
		"Intl", "Govt", "govt", "min", "mins", "hr", "hrs", "yr", "yrs", "wk", "wks", "mo", "mos",
		"ft", "sq", "lb", "lbs", "oz", "km", "cm", "mm", "kg", "mg", "mph", "approx", "incl",
		"excl", "esp", "misc", "nr", "abt", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs",
		"Fri", "Sat", "Sun", "Ave", "Av", "Mass", "Calif", "Penn", "Conn", "Fla", "Ill", "Wash",
		"Ariz", "Colo", "Mich", "Minn", "Tenn", "Okla", "Ore", "Wis", "Va", "Ga", "Ky", "La", "Md",
		"Pa", "Ala", "Ark", "Del", "Kan", "Neb", "Nev", "Wyo", "Miss", "Mo", "Mont", "Vt",
		"Ph", "Bhd", "Pty", "AG", "SA", "Cie", "GmbH", "Ave", "ibid", "op", "cit",
	} {
		if _, ok := abbreviations[w]; !ok {
			abbreviations[w] = Trailing
		}
	}
}

// Abbreviation returns the class of word when it is followed by a period:
// a known abbreviation, or a single capital letter, which is an initial.
func Abbreviation(word string) AbbrevClass {
	if len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
		return Title
	}
	return abbreviations[word]
}

// sentenceStarters are capitalised words that, after an abbreviation that can
// end a sentence, show that a new sentence has begun.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "You": true, "But": true, "And": true, "This": true, "That": true,
	"These": true, "Those": true, "In": true, "On": true, "At": true, "However": true,
	"Its": true, "His": true, "Her": true, "Their": true, "Our": true, "There": true,
	"Meanwhile": true, "Last": true, "Earlier": true, "Now": true, "So": true, "If": true,
	"When": true, "While": true, "After": true, "Before": true, "As": true, "Since": true,
	"Shares": true, "Analysts": true, "Some": true, "Many": true, "Most": true, "Both": true,
	"Officials": true, "Police": true, "Mr": true, "Mrs": true, "Ms": true, "Dr": true,
	"What": true, "Why": true, "How": true, "Who": true, "Where": true, "Yet": true, "Still": true,
	"Also": true, "Such": true, "For": true, "From": true, "With": true, "Under": true, "By": true,
}

// IsSentenceStarter reports whether a capitalised word typically begins a
// sentence (The, He, However, …), which settles whether an abbreviation
// before it ended the previous one.
func IsSentenceStarter(word string) bool { return sentenceStarters[word] }
