// Package langid identifies the language of short texts with
// github.com/pemistahl/lingua-go, used with care: a restricted set of
// languages (by default English and the common source languages of
// syndicated news), high-accuracy mode, and models loaded only when a text
// first needs them.
//
// Lingua is costly: all 75 languages take 1.5 GB and flag a third of short
// English fragments as foreign, and even the default 13 languages take about
// 150 MB once the models of the Latin-script ones are loaded. So callers ask
// lingua only about texts that a cheap prefilter (package language) has
// found suspicious; a clean English article never reaches Detect, and then
// no model is ever loaded. The detector is built once per process, on the
// first call of Detect, and is safe for concurrent use: calls into lingua
// are serialised, which costs nothing measurable since they are rare, and
// keeps two goroutines from loading the same models at once (lingua loads
// a model per call that misses it, and two loads of the same model would
// double the peak memory).
package langid

import (
	"errors"
	"fmt"
	"runtime/debug"
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
// the common source languages of syndicated news. A larger set costs memory
// (every Latin-script language adds about 20 MB of models once a Latin text
// is detected) and precision (more languages for a short English text to be
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
	languages  []lingua.Language                  // the configured set, English first
	detectors  map[string]lingua.LanguageDetector // by set of candidates
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
	built, detectors = false, nil
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
// written in it. The first call builds the detector; the models of a
// language are loaded the first time a text may be in it: lingua narrows
// the languages by script first, so Cyrillic text needs only the Cyrillic
// languages. ok is false when lingua could not judge the text (no
// letters).
func Detect(text string) (Guess, bool) { return DetectAmong(text) }

// DetectAmong is Detect with the candidates narrowed to English and the
// languages of the configured set with the given ISO 639-1 codes (all of
// them when none is given). A caller that has evidence of the languages a
// text may be in (its function words, its accented letters) saves the
// memory of the models of the others: every Latin-script language costs
// about 20 MB once loaded. ok is false when no configured language but
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
	key := fmt.Sprint(set)
	d, ok := detectors[key]
	if !ok {
		d = lingua.NewLanguageDetectorBuilder().FromLanguages(set...).Build()
		detectors[key] = d
	}
	calls.Add(1)
	preload(text, set)
	defer func() {
		if p := recover(); p != nil {
			g, ok = Guess{}, false // lingua panics on some inputs it cannot split
		}
	}()
	vals := d.ComputeLanguageConfidenceValues(text)
	if len(vals) == 0 || vals[0].Value() == 0 {
		return Guess{}, false
	}
	g.Scores = make([]Score, 0, len(vals))
	for _, v := range vals {
		g.Scores = append(g.Scores, Score{Language: convert(v.Language()), Value: v.Value()})
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

// build builds the detectors on first use. Called with mu held.
func build() {
	if !built {
		languages, _ = resolve(configured)
		detectors = map[string]lingua.LanguageDetector{}
		built = true
	}
}

// loaded records the languages whose models preload has loaded.
var loaded = map[lingua.Language]bool{}

// preload loads, before lingua judges text, the models of the configured
// languages that lingua may need for it (those written in the script of
// text), one language at a time with a garbage collection after each.
// Left to itself, lingua loads the models that a text needs all at once,
// five n-gram sizes in parallel, and the garbage of decompressing and
// decoding them (two to three times the size of the models) piles up: the
// eight Latin-script languages of the default set, 150 MB once loaded,
// took the process to 290 MB. Loaded one by one, the peak stays near the
// models' own size. Only the languages of set are loaded. Called with mu
// held.
func preload(text string, set []lingua.Language) {
	sc := scriptOfText(text)
	var todo []lingua.Language
	same := 0
	for _, l := range set {
		if scriptOf(l) == sc {
			same++
			if !loaded[l] {
				todo = append(todo, l)
			}
		}
	}
	if len(todo) == 0 || same < 2 {
		return // lingua tells a language alone in its script by the script
	}
	for _, l := range todo {
		// lingua preloads only through a detector of two languages at
		// least: pair l with one already loaded, if any
		other := lingua.Unknown
		for _, x := range set {
			if x != l && (other == lingua.Unknown || loaded[x]) {
				other = x
			}
		}
		if other == lingua.Unknown {
			continue // a one-language set: nothing to tell apart
		}
		func() {
			defer func() { _ = recover() }() // a model that fails to load is lingua's problem, not ours
			lingua.NewLanguageDetectorBuilder().FromLanguages(l, other).WithPreloadedLanguageModels().Build()
		}()
		loaded[l], loaded[other] = true, true
		debug.FreeOSMemory()
	}
	if testHookPreloaded != nil {
		testHookPreloaded(todo)
	}
}

// testHookPreloaded, when a test sets it, is called with the languages
// whose models preload loaded.
var testHookPreloaded func([]lingua.Language)

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

// scriptOf returns the script a language is written in.
func scriptOf(l lingua.Language) Script {
	return ScriptOfLanguage(strings.ToLower(l.IsoCode639_1().String()))
}

// Stats says how much lingua has been used in this process: how many texts
// were handed to it and whether the detector was built at all. Tests use it
// to check that clean English never reaches lingua (and so loads no model).
func Stats() (texts int64, built bool) {
	mu.Lock()
	defer mu.Unlock()
	return calls.Load(), built
}
