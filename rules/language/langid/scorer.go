package langid

// A port of the confidence computation of lingua-go v1.4.0
// (github.com/pemistahl/lingua-go, detector.go and constant.go: Copyright ©
// 2021-present Peter M. Stahl pemistahl@gmail.com, Licensed under the
// Apache License, Version 2.0, http://www.apache.org/licenses/LICENSE-2.0;
// distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
// KIND). It computes what languageDetector.ComputeLanguageConfidenceValues
// does for a detector built with FromLanguages (high-accuracy mode, no
// minimum distance), step by step and in the same floating-point and decimal
// arithmetic, but looks n-grams up in the flat tables of models.go, one
// goroutine and no string per n-gram. TestScorerMatchesLingua holds the two
// equal on thousands of texts. Where lingua's result depends on the order of
// a map's iteration (the sum of logarithms, ties between scripts) this port
// takes one fixed order.

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
	"github.com/shopspring/decimal"
)

// confidence is one language's confidence value.
type confidence struct {
	lang  lingua.Language
	value float64
}

// sortConfidences orders values as lingua's confidenceValueSlice does: the
// highest value first, ties by the language's order in lingua.
func sortConfidences(values []confidence) {
	sort.Slice(values, func(i, j int) bool {
		if values[i].value == values[j].value {
			return values[i].lang < values[j].lang
		}
		return values[i].value > values[j].value
	})
}

// computeConfidences returns lingua's ComputeLanguageConfidenceValues of
// text for a detector of languages (at least two, none Unknown, each once).
func computeConfidences(text string, languages []lingua.Language) []confidence {
	values := make([]confidence, len(languages))
	for i, l := range languages {
		values[i] = confidence{l, 0}
	}
	certain := func(l lingua.Language) []confidence {
		for i := range values {
			if values[i].lang == l {
				values[i].value = 1
				break
			}
		}
		sortConfidences(values)
		return values
	}
	words := splitWords(text)
	if len(words) == 0 {
		sortConfidences(values)
		return values
	}
	if l := detectWithRules(words, languages); l != lingua.Unknown {
		return certain(l)
	}
	filtered := filterByRules(words, languages)
	if len(filtered) == 1 {
		return certain(filtered[0])
	}
	chars := 0
	for _, w := range words {
		chars += utf8.RuneCountInString(w)
	}
	lengths := []int{1, 2, 3, 4, 5}
	if chars >= 120 {
		lengths = []int{3}
	}
	probMaps := make([]map[lingua.Language]float64, len(lengths))
	var unigramCounts map[lingua.Language]uint32
	for i, n := range lengths {
		ngrams := distinctNgrams(words, n)
		probs := map[lingua.Language]float64{}
		for _, l := range filtered {
			if sum := sumOfNgramProbabilities(l, ngrams); sum < 0 {
				probs[l] = sum
			}
		}
		probMaps[i] = probs
		if n == 1 {
			// lingua leaves the zero Language (Afrikaans) where a
			// language had no unigram, and counts for it
			intersected := make([]lingua.Language, len(filtered))
			if len(probs) > 0 {
				for i, l := range filtered {
					if _, ok := probs[l]; ok {
						intersected[i] = l
					}
				}
			} else {
				copy(intersected, filtered)
			}
			unigramCounts = countUnigrams(ngrams, intersected)
		}
	}
	summed := sumUpProbabilities(probMaps, unigramCounts, filtered)
	if len(summed) == 0 {
		sortConfidences(values)
		return values
	}
	return confidenceValues(values, probMaps, summed, filtered)
}

// splitWords is lingua's splitTextIntoWords: the matches of
// `\p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}|\p{L}+` in the text in lower
// case. A Chinese, Korean or Japanese character starts a word of its own,
// but a run of letters that began with another letter goes on through them.
func splitWords(text string) []string {
	text = strings.ToLower(text)
	var words []string
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana):
			words = append(words, text[i:i+n])
			i += n
		case unicode.IsLetter(r):
			j := i + n
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += n
			}
			words = append(words, text[i:j])
			i = j
		default:
			i += n
		}
	}
	return words
}

// alphabet is one of lingua's alphabets, in lingua's order.
type alphabet int

const (
	alArabic alphabet = iota
	alArmenian
	alBengali
	alCyrillic
	alDevanagari
	alGeorgian
	alGreek
	alGujarati
	alGurmukhi
	alHan
	alHangul
	alHebrew
	alHiragana
	alKatakana
	alLatin
	alTamil
	alTelugu
	alThai
	numAlphabets
)

var alphabetTables = [numAlphabets]*unicode.RangeTable{
	unicode.Arabic, unicode.Armenian, unicode.Bengali, unicode.Cyrillic, unicode.Devanagari,
	unicode.Georgian, unicode.Greek, unicode.Gujarati, unicode.Gurmukhi, unicode.Han,
	unicode.Hangul, unicode.Hebrew, unicode.Hiragana, unicode.Katakana, unicode.Latin,
	unicode.Tamil, unicode.Telugu, unicode.Thai,
}

// matchesWord says whether every letter of w is of alphabet a.
func (a alphabet) matchesWord(w string) bool {
	for _, r := range w {
		if !unicode.Is(alphabetTables[a], r) {
			return false
		}
	}
	return w != ""
}

// alphabetsOf is lingua's Language.alphabets.
func alphabetsOf(l lingua.Language) []alphabet {
	switch l {
	case lingua.Belarusian, lingua.Bulgarian, lingua.Kazakh, lingua.Macedonian,
		lingua.Mongolian, lingua.Russian, lingua.Serbian, lingua.Ukrainian:
		return []alphabet{alCyrillic}
	case lingua.Arabic, lingua.Persian, lingua.Urdu:
		return []alphabet{alArabic}
	case lingua.Hindi, lingua.Marathi:
		return []alphabet{alDevanagari}
	case lingua.Armenian:
		return []alphabet{alArmenian}
	case lingua.Bengali:
		return []alphabet{alBengali}
	case lingua.Chinese:
		return []alphabet{alHan}
	case lingua.Georgian:
		return []alphabet{alGeorgian}
	case lingua.Greek:
		return []alphabet{alGreek}
	case lingua.Gujarati:
		return []alphabet{alGujarati}
	case lingua.Hebrew:
		return []alphabet{alHebrew}
	case lingua.Japanese:
		return []alphabet{alHiragana, alKatakana, alHan}
	case lingua.Korean:
		return []alphabet{alHangul}
	case lingua.Punjabi:
		return []alphabet{alGurmukhi}
	case lingua.Tamil:
		return []alphabet{alTamil}
	case lingua.Telugu:
		return []alphabet{alTelugu}
	case lingua.Thai:
		return []alphabet{alThai}
	case lingua.Unknown:
		return nil
	}
	return []alphabet{alLatin}
}

// oneLanguageAlphabets are the alphabets that only one language of lingua's
// is written in (lingua's allAlphabetsSupportingSingleLanguage).
var oneLanguageAlphabets = map[alphabet]lingua.Language{
	alArmenian: lingua.Armenian, alBengali: lingua.Bengali, alGeorgian: lingua.Georgian,
	alGreek: lingua.Greek, alGujarati: lingua.Gujarati, alGurmukhi: lingua.Punjabi,
	alHangul: lingua.Korean, alHebrew: lingua.Hebrew, alHiragana: lingua.Japanese,
	alKatakana: lingua.Japanese, alTamil: lingua.Tamil, alTelugu: lingua.Telugu, alThai: lingua.Thai,
}

// uniqueCharacters is lingua's Language.uniqueCharacters.
var uniqueCharacters = map[lingua.Language]string{
	lingua.Azerbaijani: "Əə",
	lingua.Catalan:     "Ïï",
	lingua.Czech:       "ĚěŘřŮů",
	lingua.Esperanto:   "ĈĉĜĝĤĥĴĵŜŝŬŭ",
	lingua.German:      "ß",
	lingua.Hungarian:   "ŐőŰű",
	lingua.Kazakh:      "ӘәҒғҚқҢңҰұ",
	lingua.Latvian:     "ĢģĶķĻļŅņ",
	lingua.Lithuanian:  "ĖėĮįŲų",
	lingua.Macedonian:  "ЃѓЅѕЌќЏџ",
	lingua.Marathi:     "ळ",
	lingua.Mongolian:   "ӨөҮү",
	lingua.Polish:      "ŁłŃńŚśŹź",
	lingua.Romanian:    "Țţ",
	lingua.Serbian:     "ЂђЋћ",
	lingua.Slovak:      "ĹĺĽľŔŕ",
	lingua.Spanish:     "¿¡",
	lingua.Ukrainian:   "ҐґЄєЇї",
	lingua.Vietnamese:  "ẰằẦầẲẳẨẩẴẵẪẫẮắẤấẠạẶặẬậỀềẺẻỂểẼẽỄễẾếỆệỈỉĨĩỊịƠơỒồỜờỎỏỔổỞởỖỗỠỡỐốỚớỘộỢợƯưỪừỦủỬửŨũỮữỨứỤụỰựỲỳỶỷỸỹỴỵ",
	lingua.Yoruba:      "ŌōṢṣ",
}

// charsToLanguages is lingua's charsToLanguagesMapping: letters and the few
// languages that use them.
var charsToLanguages = []struct {
	chars string
	langs []lingua.Language
}{
	{"Ãã", []lingua.Language{lingua.Portuguese, lingua.Vietnamese}},
	{"ĄąĘę", []lingua.Language{lingua.Lithuanian, lingua.Polish}},
	{"Żż", []lingua.Language{lingua.Polish, lingua.Romanian}},
	{"Îî", []lingua.Language{lingua.French, lingua.Romanian}},
	{"Ññ", []lingua.Language{lingua.Basque, lingua.Spanish}},
	{"ŇňŤť", []lingua.Language{lingua.Czech, lingua.Slovak}},
	{"Ăă", []lingua.Language{lingua.Romanian, lingua.Vietnamese}},
	{"İıĞğ", []lingua.Language{lingua.Azerbaijani, lingua.Turkish}},
	{"ЈјЉљЊњ", []lingua.Language{lingua.Macedonian, lingua.Serbian}},
	{"ẸẹỌọ", []lingua.Language{lingua.Vietnamese, lingua.Yoruba}},
	{"ÐðÞþ", []lingua.Language{lingua.Icelandic, lingua.Turkish}},
	{"Ûû", []lingua.Language{lingua.French, lingua.Hungarian}},
	{"Ōō", []lingua.Language{lingua.Maori, lingua.Yoruba}},

	{"ĀāĒēĪī", []lingua.Language{lingua.Latvian, lingua.Maori, lingua.Yoruba}},
	{"Şş", []lingua.Language{lingua.Azerbaijani, lingua.Romanian, lingua.Turkish}},
	{"Ďď", []lingua.Language{lingua.Czech, lingua.Romanian, lingua.Slovak}},
	{"Ćć", []lingua.Language{lingua.Bosnian, lingua.Croatian, lingua.Polish}},
	{"Đđ", []lingua.Language{lingua.Bosnian, lingua.Croatian, lingua.Vietnamese}},
	{"Іі", []lingua.Language{lingua.Belarusian, lingua.Kazakh, lingua.Ukrainian}},
	{"Ìì", []lingua.Language{lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Øø", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Nynorsk}},

	{"Ūū", []lingua.Language{lingua.Latvian, lingua.Lithuanian, lingua.Maori, lingua.Yoruba}},
	{"Ëë", []lingua.Language{lingua.Afrikaans, lingua.Albanian, lingua.Dutch, lingua.French}},
	{"ÈèÙù", []lingua.Language{lingua.French, lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Êê", []lingua.Language{lingua.Afrikaans, lingua.French, lingua.Portuguese, lingua.Vietnamese}},
	{"Õõ", []lingua.Language{lingua.Estonian, lingua.Hungarian, lingua.Portuguese, lingua.Vietnamese}},
	{"Ôô", []lingua.Language{lingua.French, lingua.Portuguese, lingua.Slovak, lingua.Vietnamese}},
	{"ЁёЫыЭэ", []lingua.Language{lingua.Belarusian, lingua.Kazakh, lingua.Mongolian, lingua.Russian}},
	{"ЩщЪъ", []lingua.Language{lingua.Bulgarian, lingua.Kazakh, lingua.Mongolian, lingua.Russian}},
	{"Òò", []lingua.Language{lingua.Catalan, lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Ææ", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Icelandic, lingua.Nynorsk}},
	{"Åå", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Nynorsk, lingua.Swedish}},

	{"Ýý", []lingua.Language{lingua.Czech, lingua.Icelandic, lingua.Slovak, lingua.Turkish, lingua.Vietnamese}},
	{"Ää", []lingua.Language{lingua.Estonian, lingua.Finnish, lingua.German, lingua.Slovak, lingua.Swedish}},
	{"Àà", []lingua.Language{lingua.Catalan, lingua.French, lingua.Italian, lingua.Portuguese, lingua.Vietnamese}},
	{"Ââ", []lingua.Language{lingua.French, lingua.Portuguese, lingua.Romanian, lingua.Turkish, lingua.Vietnamese}},

	{"Üü", []lingua.Language{lingua.Azerbaijani, lingua.Catalan, lingua.Estonian, lingua.German, lingua.Hungarian, lingua.Spanish, lingua.Turkish}},
	{"ČčŠšŽž", []lingua.Language{lingua.Bosnian, lingua.Czech, lingua.Croatian, lingua.Latvian, lingua.Lithuanian, lingua.Slovak, lingua.Slovene}},
	{"Çç", []lingua.Language{lingua.Albanian, lingua.Azerbaijani, lingua.Basque, lingua.Catalan, lingua.French, lingua.Portuguese, lingua.Turkish}},

	{"Öö", []lingua.Language{lingua.Azerbaijani, lingua.Estonian, lingua.Finnish, lingua.German, lingua.Hungarian, lingua.Icelandic, lingua.Swedish, lingua.Turkish}},

	{"Óó", []lingua.Language{lingua.Catalan, lingua.Hungarian, lingua.Icelandic, lingua.Irish, lingua.Polish, lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},
	{"ÁáÍíÚú", []lingua.Language{lingua.Catalan, lingua.Czech, lingua.Icelandic, lingua.Irish, lingua.Hungarian, lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},

	{"Éé", []lingua.Language{lingua.Catalan, lingua.Czech, lingua.French, lingua.Hungarian, lingua.Icelandic, lingua.Irish, lingua.Italian, lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},
}

// detectWithRules is lingua's detectLanguageWithRules: the language that
// most words are in by letters of one language's alphabet or letters only
// one language uses, or Unknown.
func detectWithRules(words []string, languages []lingua.Language) lingua.Language {
	total := map[lingua.Language]uint32{}
	half := float64(len(words)) * 0.5
	for _, w := range words {
		counts := map[lingua.Language]uint32{}
		for _, r := range w {
			if l, ok := oneLanguageLetter(r, languages); ok {
				counts[l]++
				continue
			}
			switch {
			case unicode.Is(unicode.Han, r):
				counts[lingua.Chinese]++
			case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han):
				counts[lingua.Japanese]++
			case unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Devanagari):
				for _, l := range languages {
					if strings.ContainsRune(uniqueCharacters[l], r) {
						counts[l]++
					}
				}
			}
		}
		switch len(counts) {
		case 0:
			total[lingua.Unknown]++
		case 1:
			for l := range counts {
				if slices.Contains(languages, l) {
					total[l]++
				} else {
					total[lingua.Unknown]++
				}
			}
		default:
			_, zh := counts[lingua.Chinese]
			_, ja := counts[lingua.Japanese]
			if zh && ja {
				total[lingua.Japanese]++
				break
			}
			top, first, second := mostFrequent(counts)
			if first > second && slices.Contains(languages, top) {
				total[top]++
			} else {
				total[lingua.Unknown]++
			}
		}
	}
	if float64(total[lingua.Unknown]) < half {
		delete(total, lingua.Unknown)
	}
	switch len(total) {
	case 0:
		return lingua.Unknown
	case 1:
		for l := range total {
			return l
		}
	case 2:
		_, zh := total[lingua.Chinese]
		_, ja := total[lingua.Japanese]
		if zh && ja {
			return lingua.Japanese
		}
	}
	top, first, second := mostFrequent(total)
	if first == second {
		return lingua.Unknown
	}
	return top
}

// oneLanguageLetter returns the language of languages that alone writes
// in the alphabet of r, if any.
func oneLanguageLetter(r rune, languages []lingua.Language) (lingua.Language, bool) {
	for a, l := range oneLanguageAlphabets {
		if unicode.Is(alphabetTables[a], r) {
			return l, slices.Contains(languages, l)
		}
	}
	return lingua.Unknown, false
}

// mostFrequent returns the key of counts (at least two) with the highest
// count, that count and the second highest. Which of two tied keys comes
// back is of no matter: callers only use it when the counts differ.
func mostFrequent(counts map[lingua.Language]uint32) (top lingua.Language, first, second uint32) {
	found := false
	for l, c := range counts {
		if !found || c > first || c == first && l < top {
			if found {
				second = max(second, first)
			}
			top, first, found = l, c, true
		} else {
			second = max(second, c)
		}
	}
	return top, first, second
}

// filterByRules is lingua's filterLanguagesByRules: the languages written
// in the alphabet of most words, narrowed to those that use letters found
// in at least half of the words.
func filterByRules(words []string, languages []lingua.Language) []lingua.Language {
	var detected [numAlphabets]uint32
	found := 0
	for _, w := range words {
		for a := range numAlphabets {
			if a.matchesWord(w) {
				if detected[a] == 0 {
					found++
				}
				detected[a]++
				break
			}
		}
	}
	if found == 0 {
		return languages
	}
	best := alphabet(-1)
	distinct := map[uint32]bool{}
	for a := range numAlphabets {
		if c := detected[a]; c > 0 {
			distinct[c] = true
			if best < 0 || c > detected[best] {
				best = a // the first of tied alphabets; lingua takes one at random
			}
		}
	}
	if found > 1 && len(distinct) == 1 {
		return languages
	}
	var filtered []lingua.Language
	for _, l := range languages {
		if slices.Contains(alphabetsOf(l), best) {
			filtered = append(filtered, l)
		}
	}
	counts := map[lingua.Language]uint32{}
	for _, e := range charsToLanguages {
		var relevant []lingua.Language
		for _, l := range e.langs {
			if slices.Contains(filtered, l) {
				relevant = append(relevant, l)
			}
		}
		for _, w := range words {
			for _, c := range e.chars {
				if strings.ContainsRune(w, c) {
					for _, l := range relevant {
						counts[l]++
					}
				}
			}
		}
	}
	half := float64(len(words)) * 0.5
	var subset []lingua.Language
	for _, l := range filtered { // lingua: in a map's order, of no matter
		if c, ok := counts[l]; ok && float64(c) >= half {
			subset = append(subset, l)
		}
	}
	if len(subset) > 0 {
		return subset
	}
	return filtered
}

// distinctNgrams returns the distinct n-grams of n letters of words, in
// the order they first occur (lingua's newTestDataLanguageModel, which
// keeps them in a map).
func distinctNgrams(words []string, n int) []string {
	seen := map[string]bool{}
	var out []string
	var starts []int
	for _, w := range words {
		starts = starts[:0]
		for i := range w {
			starts = append(starts, i)
		}
		starts = append(starts, len(w))
		for i := 0; i+n < len(starts); i++ {
			if g := w[starts[i]:starts[i+n]]; !seen[g] {
				seen[g] = true
				out = append(out, g)
			}
		}
	}
	return out
}

// sumOfNgramProbabilities is lingua's computeSumOfNgramProbabilities: the
// sum of the logarithms of the probabilities of the n-grams in l, each
// backing off to its longest prefix that the models of l know.
func sumOfNgramProbabilities(l lingua.Language, ngrams []string) float64 {
	sum := 0.0
	for _, g := range ngrams {
		for k := utf8.RuneCountInString(g); k > 0; k-- {
			if p := modelOf(l, k).prob(hashNgram(g)); p > 0 {
				sum += math.Log(p)
				break
			}
			_, size := utf8.DecodeLastRuneInString(g)
			g = g[:len(g)-size]
		}
	}
	return sum
}

// countUnigrams is lingua's countUnigrams: for each language of languages
// (which may hold one twice), how many of the unigrams it knows.
func countUnigrams(unigrams []string, languages []lingua.Language) map[lingua.Language]uint32 {
	counts := map[lingua.Language]uint32{}
	for _, l := range languages {
		m := modelOf(l, 1)
		for _, g := range unigrams {
			if m.prob(hashNgram(g)) > 0 {
				counts[l]++
			}
		}
	}
	return counts
}

// sumUpProbabilities is lingua's: per language, the exponent of the sum of
// its log probabilities over the n-gram lengths, divided by its unigram
// count when there is one.
func sumUpProbabilities(probMaps []map[lingua.Language]float64, unigramCounts map[lingua.Language]uint32, languages []lingua.Language) map[lingua.Language]decimal.Decimal {
	out := map[lingua.Language]decimal.Decimal{}
	for _, l := range languages {
		sum := 0.0
		for _, probs := range probMaps {
			if p, ok := probs[l]; ok {
				sum += p
			}
		}
		if unigramCounts != nil {
			if c, ok := unigramCounts[l]; ok {
				sum /= float64(c)
			}
		}
		if sum != 0 {
			out[l] = computeExponent(sum)
		}
	}
	return out
}

// computeExponent is lingua's: exp(value) as a decimal, computed as
// exp(value/1000)^1000 where the float underflows.
func computeExponent(value float64) decimal.Decimal {
	if e := math.Exp(value); e > 0 {
		return decimal.NewFromFloat(e)
	}
	d := decimal.NewFromFloat(value / 1000)
	e, _ := d.ExpTaylor(25)
	return e.Pow(decimal.NewFromInt(1000))
}

// confidenceValues is lingua's computeConfidenceValues: the softmax of the
// summed probabilities, or, when their sum is too small for a decimal, 1
// for the language whose first n-gram length scored highest.
func confidenceValues(values []confidence, probMaps []map[lingua.Language]float64, summed map[lingua.Language]decimal.Decimal, languages []lingua.Language) []confidence {
	denominator := decimal.Zero
	for _, l := range languages {
		if p, ok := summed[l]; ok {
			denominator = denominator.Add(p)
		}
	}
	if denominator.IsZero() {
		probs := probMaps[0]
		best, found := lingua.Unknown, false
		for _, l := range languages {
			if p, ok := probs[l]; ok && (!found || p > probs[best]) {
				best, found = l, true
			}
		}
		for i := range values {
			if values[i].lang == best {
				values[i].value = 1
				break
			}
		}
	} else {
		for i := range values {
			if p, ok := summed[values[i].lang]; ok {
				values[i].value, _ = p.Div(denominator).Float64()
			}
		}
	}
	sortConfidences(values)
	return values
}
