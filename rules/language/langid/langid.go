// Package langid identifies the language of short texts as
// github.com/pemistahl/lingua-go v1.4.0 does, used with care: a restricted
// set of languages (by default English and the common source languages of
// syndicated news), high-accuracy mode, and models loaded only when a text
// first needs them.
//
// The confidences are lingua's, to the last few bits: scorer.go ports
// lingua's ComputeLanguageConfidenceValues and models.go reads lingua's own
// embedded models, but into flat tables of n-gram hashes instead of lingua's
// maps of strings, which took 0.6 s and 175 MB of allocations to load
// English, French and Spanish, and whose pointers every garbage collection
// walked. Lingua stays the source of the models and the reference the tests
// hold the port to. All 75 languages would still flag a third of short
// English fragments as foreign, so callers ask only about texts that a cheap
// prefilter (package language) has found suspicious; a clean English
// article never reaches Detect, and then no model is ever loaded. The
// detector is safe for concurrent use: calls are serialised, which costs
// nothing measurable since they are rare, and keeps two goroutines from
// loading the same model at once.
package langid

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/pemistahl/lingua-go"
)

// Language is one language that the detector knows.
type Language struct {
	// Code is the ISO 639-1 code in lower case: "en", "fr".
	Code string
	// Name is the English name: "English", "French".
	Name string
}

// String returns the language's name.
func (l Language) String() string { return l.Name }

// English is the language every text is checked against.
var English = Language{Code: "en", Name: "English"}

// DefaultLanguages are the ISO 639-1 codes of the default set: English and
// the common source languages of syndicated news. A larger set costs time
// and memory (every Latin-script language adds about 6 MB of tables once a
// Latin text is judged among them) and precision (more languages for a short English text to be
// mistaken for).
var DefaultLanguages = []string{"en", "fr", "es", "de", "it", "pt", "ru", "uk", "zh", "ja", "ar", "tr", "pl"}

// Score is the confidence, between 0 and 1, that a text is in Language.
type Score struct {
	Language Language
	Value    float64
}

// Guess is what Detect found: every language of the set with its
// confidence, the likeliest first. The confidences sum to 1.
type Guess struct {
	Scores []Score
}

// Top returns the likeliest language and its confidence.
func (g Guess) Top() Score {
	if len(g.Scores) == 0 {
		return Score{}
	}
	return g.Scores[0]
}

// Of returns the confidence of the language with ISO 639-1 code.
func (g Guess) Of(code string) float64 {
	for _, s := range g.Scores {
		if s.Language.Code == code {
			return s.Value
		}
	}
	return 0
}

// Foreign returns the likeliest language other than English and its
// confidence.
func (g Guess) Foreign() Score {
	for _, s := range g.Scores {
		if s.Language.Code != English.Code {
			return s
		}
	}
	return Score{}
}

// the process-wide detector and its configuration
var (
	mu         sync.Mutex // guards configured, languages, built and calls into lingua
	configured = DefaultLanguages
	languages  []lingua.Language // the configured set, English first
	built      bool
	calls      atomic.Int64 // texts handed to lingua
)

// Configure sets the languages of the process-wide detector by their ISO
// 639-1 codes; English is always added. The next Detect uses the new set
// (models already loaded stay loaded). An unknown code is an error naming
// it, and leaves the set as it was.
func Configure(codes []string) error {
	ls, err := resolve(codes)
	if err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	built = false
	configured = nil
	for _, l := range ls {
		configured = append(configured, strings.ToLower(l.IsoCode639_1().String()))
	}
	return nil
}

// Languages returns the languages of the configured set, English first.
func Languages() []Language {
	mu.Lock()
	codes := slices.Clone(configured)
	mu.Unlock()
	ls, _ := resolve(codes)
	out := make([]Language, len(ls))
	for i, l := range ls {
		out[i] = convert(l)
	}
	return out
}

// Lookup returns the language with ISO 639-1 code among all languages
// lingua knows, whether configured or not.
func Lookup(code string) (Language, bool) {
	l := byCode(code)
	if l == lingua.Unknown {
		return Language{}, false
	}
	return convert(l), true
}

// resolve turns codes into lingua languages, English first and each once.
func resolve(codes []string) ([]lingua.Language, error) {
	out := []lingua.Language{lingua.English}
	for _, c := range codes {
		l := byCode(c)
		if l == lingua.Unknown {
			return nil, fmt.Errorf("unknown language code %q (want an ISO 639-1 code such as fr or de)", c)
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	if len(out) < 2 {
		return nil, errors.New("the language set needs at least one language besides English")
	}
	return out, nil
}

func byCode(code string) lingua.Language {
	code = strings.ToUpper(strings.TrimSpace(code))
	for _, l := range lingua.AllLanguages() {
		if l.IsoCode639_1().String() == code {
			return l
		}
	}
	return lingua.Unknown
}

func convert(l lingua.Language) Language {
	return Language{Code: strings.ToLower(l.IsoCode639_1().String()), Name: l.String()}
}

// Detect returns the confidence of each language of the set that text is
// written in it. The models of a language are loaded the first time a text
// may be in it: lingua's rules narrow the languages by script first, so
// Cyrillic text needs only the Cyrillic languages, and a text of 120 letters
// or more needs only trigrams. ok is false when the text cannot be judged
// (no letters).
func Detect(text string) (Guess, bool) { return DetectAmong(text) }

// DetectAmong is Detect with the candidates narrowed to English and the
// languages of the configured set with the given ISO 639-1 codes (all of
// them when none is given). A caller that has evidence of the languages a
// text may be in (its function words, its accented letters) saves the
// time and memory of the models of the others: every Latin-script language
// costs about 60 ms and 6 MB the first time it is needed. ok is false when no configured language but
// English is among codes.
func DetectAmong(text string, codes ...string) (g Guess, ok bool) {
	mu.Lock()
	defer mu.Unlock()
	build()
	set := languages
	if len(codes) > 0 {
		set = []lingua.Language{lingua.English}
		for _, l := range languages[1:] {
			if slices.Contains(codes, strings.ToLower(l.IsoCode639_1().String())) {
				set = append(set, l)
			}
		}
		if len(set) < 2 {
			return Guess{}, false
		}
	}
	if g, ok := byLetters(text, set); ok {
		return g, true
	}
	calls.Add(1)
	vals := computeConfidences(text, set)
	if len(vals) == 0 || vals[0].value == 0 {
		return Guess{}, false
	}
	g.Scores = make([]Score, 0, len(vals))
	for _, v := range vals {
		g.Scores = append(g.Scores, Score{Language: convert(v.lang), Value: v.value})
	}
	return g, true
}

// byLetters decides the language of a text written mostly in Cyrillic or
// in Chinese characters from letters that only one language of set uses,
// without lingua: kana make it Japanese, Chinese characters alone Chinese; і,
// ї, є or ґ without ы, э, ъ or ё make it Ukrainian, and the reverse Russian.
// lingua's models for these four languages take about 125 MB, which the
// letters spare for all but the rare text that has none of them (or both).
func byLetters(text string, set []lingua.Language) (Guess, bool) {
	var pick lingua.Language
	switch scriptOfText(text) {
	case Han:
		kana := false
		for _, r := range text {
			if unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) {
				kana = true
				break
			}
		}
		pick = lingua.Chinese
		if kana {
			pick = lingua.Japanese
		}
	case Cyrillic:
		uk, ru := 0, 0
		for _, r := range text {
			switch unicode.ToLower(r) {
			case 'і', 'ї', 'є', 'ґ':
				uk++
			case 'ы', 'э', 'ъ', 'ё':
				ru++
			}
		}
		switch {
		case uk > 0 && ru == 0:
			pick = lingua.Ukrainian
		case ru > 0 && uk == 0:
			pick = lingua.Russian
		default:
			return Guess{}, false
		}
	default:
		return Guess{}, false
	}
	if !slices.Contains(set, pick) {
		return Guess{}, false
	}
	calls.Add(1)
	return Guess{Scores: []Score{{Language: convert(pick), Value: 1}, {Language: English, Value: 0}}}, true
}

// build resolves the configured set on first use. Called with mu held.
func build() {
	if !built {
		languages, _ = resolve(configured)
		built = true
	}
}

// scriptOfText returns the script of most of the letters of text, kana
// counted with Han as the models go.
func scriptOfText(text string) Script {
	var n [OtherScript + 1]int
	for _, r := range text {
		sc := ScriptOf(r)
		if sc == Kana {
			sc = Han
		}
		n[sc]++
	}
	best := Latin
	for sc := Latin; sc <= OtherScript; sc++ {
		if n[sc] > n[best] {
			best = sc
		}
	}
	return best
}

// Stats says how much lingua has been used in this process: how many texts
// were handed to it and whether the detector was built at all. Tests use it
// to check that clean English never reaches lingua (and so loads no model).
func Stats() (texts int64, built bool) {
	mu.Lock()
	defer mu.Unlock()
	return calls.Load(), built
}
