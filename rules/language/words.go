package language

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules/language/langid"
)

// The prefilter classifies every word by what it cheaply shows about its
// language: an English function word, a function word of another language,
// an accented letter, a letter of another script. Only where these show a
// run of words that may not be English is lingua asked.

// class is a set of facts about one word.
type class uint8

const (
	// cEnglish: an English function word or a very common English word
	// ("the", "said"), not also common in the source languages.
	cEnglish class = 1 << iota
	// cForeign: a function word of one of the source languages that is
	// not an English word ("les", "und", "que", "não"), a French or
	// Italian elision ("l'État", "qu'il", "dell'"), or a word with an
	// accented Latin letter ("ajouté", "años").
	cForeign
	// cUpper: the word starts with an upper-case letter.
	cUpper
	// cOtherScript: the word has letters of a script other than Latin
	// (Cyrillic, Greek, Han, Arabic...).
	cOtherScript
	// cParticle: a lower-case particle of names ("de", "von", "da",
	// "bin"), a name's part when a capitalised word follows.
	cParticle
	// cNeutral: a short word that English shares with the source
	// languages ("a", "in", "on", "as"): neither a mark of English nor of
	// another language, but at the end of a fragment it goes with the
	// English that follows.
	cNeutral
)

// englishWords are English function words and a few very common words of
// news prose that are not also function words of the source languages.
// Words that are both ("a", "in", "die", "was", "also", "on", "to") are in
// neither list, or only in the list of the language where they are
// commoner in news text.
const englishWords = `the of and to is are was were be been being has have had it its this that these those
he she they we you his her their our your my him them us which who whom whose what when where why how
not would could should shall can cannot said says told after before than then about into over there
if with from for by at or but more most all any some such may might must just only also very well
here now year years people last first new one two three four five six seven eight nine ten because while although though whether until
since during against between through without within upon off out up down again further once both each
few other own same too will would did does doing done get got make made being told according around
among across behind below above under due i'm it's don't didn't doesn't won't isn't aren't wasn't can't
i've we've they've you've he's she's that's there's we're they're you're what's let's`

// foreignWords are, for each default source language but Russian,
// Ukrainian, Chinese, Japanese and Arabic (which their script gives away),
// its function words and other very common short words that are not
// English words. Lower case; accents as written. A word may be in several
// languages; the lists also break ties between languages that lingua finds
// about as likely for a short fragment.
var foreignWords = map[string]string{
	"fr": `le la les de des du un une et est sont dans avec sur au aux ce cette ces qui que ne pas nous
vous ils elle elles il je leur leurs mais où été être fait comme tout tous très sans sous entre déjà
aussi sa ses mon ma mes notre nos votre vos lui eux ont avait était sera peut doit selon après avant
depuis pendant contre chez vers en se ni quand donc alors dont quoi lorsque puis ainsi toujours
jamais rien même bien y ou avons avez sommes êtes suis faire dit veut vont allons seront aurait avoir
deux trois quatre cinq cela ça voilà moins beaucoup peu ici aujourd'hui demain oui non merci`,
	"es": `el la los las de del al un una unos unas y que en es está están fue ser estar por para con sin
sobre pero más muy también ya se su sus lo nos este esta estos estas ese esa eso esto han
había sido desde hasta cuando donde porque aunque según tras bajo hacia mientras todo todos toda
todas otro otra mismo así sí yo tú él ella ellos usted mi mis tu tus nuestro o u ni no vamos tiene
tienen tengo hace hacer puede pueden dijo creo muchas muchos mucho gracias dos tres cuatro cinco
cien ahora hoy ayer nada siempre nunca`,
	"de": `der die das und ist sind nicht mit auf ein eine einen einem einer eines für von zu zum zur
im sich dem den des dass daß aber auch noch nach bei aus wie wenn oder als nur schon wird werden
wurde wurden haben hatte kann können muss müssen soll sollte wir ihr sie er es ich uns euch ihm ihn
ihnen sein seine ihre unser diese dieser dieses durch über unter zwischen gegen ohne um bis seit weil
damit doch jetzt hier mehr sehr immer alle keine kein gibt zwei drei vier fünf sechs zehn heute
gestern nichts etwas viel viele ganz geht gemacht machen sagen sagte gesagt nein danke bitte ob
dann wo wer warum weiter`,
	"it": `il lo la le gli i un una di da del della dei delle degli dello al alla ai alle nel nella nei
nelle sul sulla che e è non ma anche più sono hanno essere stato stata questo questa quello quella
suo sua loro noi voi lui lei ci si se tra fra ancora già molto tutto tutti perché ogni dopo senza
sempre per con come tre quattro cinque oggi ieri domani grazie niente qualcosa fatto detto può
siamo siete abbiamo`,
	"pt": `o os a as um uma umas uns de do dos da das no na nos nas em ao aos à às que e é não com por
para pelo pela pelos pelas mais mas como se seu sua seus suas ele ela eles elas foi são está estão
ser ter tem têm já muito onde quando isso isto esse essa este esta ainda depois até sem você nós
disse pode dois três quatro cinco hoje ontem amanhã obrigado fazer feito podem temos somos vamos`,
	"tr": `ve bir bu için ile çok daha olarak olan gibi ama değil var yok kadar sonra şey her ben sen
biz siz onlar diye`,
	"pl": `i w z na się nie że jest jak po co to tak za od już tylko jego jej ich przez przy dla czy są
był była było być ten ta te tym tego które który która jednak także może bardzo jeszcze gdy kiedy
tam oraz lub bez nad przed między o do`,
}

// lexLanguages are the languages of foreignWords, by bit in langBits.
var lexLanguages = []string{"fr", "es", "de", "it", "pt", "tr", "pl"}

// langBits is a set of lexLanguages.
type langBits uint8

// langsOf returns the set of lexLanguages with the given codes.
func langsOf(codes ...string) langBits {
	var b langBits
	for bit, code := range lexLanguages {
		for _, c := range codes {
			if c == code {
				b |= 1 << bit
			}
		}
	}
	return b
}

// codes returns the ISO 639-1 codes of the languages in b.
func (b langBits) codes() []string {
	var out []string
	for bit, code := range lexLanguages {
		if b&(1<<bit) != 0 {
			out = append(out, code)
		}
	}
	return out
}

// elision is the languages that write l', d', qu': French and Italian.
var elision = langsOf("fr", "it")

// letterLangs maps accented letters to the languages of lexLanguages that
// write them.
var letterLangs = func() map[rune]langBits {
	m := map[rune]langBits{}
	for letters, codes := range map[string][]string{
		"ßäÄ":              {"de"},
		"öÖüÜ":             {"de", "tr"},
		"ñÑ":               {"es"},
		"áÁíÍúÚ":           {"es", "pt"},
		"óÓ":               {"es", "pt", "pl"},
		"éÉ":               {"fr", "es", "pt", "it"},
		"èÈ":               {"fr", "it"},
		"àÀ":               {"fr", "it", "pt"},
		"ìÌòÒ":             {"it"},
		"ùÙ":               {"fr", "it"},
		"âÂêÊôÔ":           {"fr", "pt"},
		"îÎûÛëËïÏœŒæ":      {"fr"},
		"çÇ":               {"fr", "pt", "tr"},
		"ãÃõÕ":             {"pt"},
		"ąĄęĘłŁśŚźŹżŻńŃćĆ": {"pl"},
		"ğĞşŞıİ":           {"tr"},
	} {
		for _, r := range letters {
			m[r] |= langsOf(codes...)
		}
	}
	return m
}()

// lexEntry is what the lexicon knows of a word.
type lexEntry struct {
	class class
	langs langBits // the languages whose lists have the word
}

// particles are the lower-case parts of names: "Charles de Gaulle",
// "Ursula von der Leyen", "Lula da Silva", "Mohammed bin Salman", and of
// Czech, Slovak and Polish place names on a river or under a hill ("Ústí
// nad Labem", "Rožmitál pod Třemšínem", "Frankfurt nad Odrą").
const particles = `de da das do dos del della dei degli di du des la le les van von der den ter ten zu y e
bin ibn al el af av st nad pod`

var lexicon = func() map[string]lexEntry {
	m := make(map[string]lexEntry, 1200)
	for _, w := range strings.Fields(englishWords) {
		e := m[w]
		e.class |= cEnglish
		m[w] = e
	}
	for bit, code := range lexLanguages {
		for _, w := range strings.Fields(foreignWords[code]) {
			e := m[w]
			e.langs |= 1 << bit
			if e.class&cEnglish == 0 {
				// listed as both: English wins, so that clean text stays
				// clean; the word still counts for its languages
				e.class |= cForeign
			}
			m[w] = e
		}
	}
	for _, w := range strings.Fields(particles) {
		e := m[w]
		e.class |= cParticle
		m[w] = e
	}
	// Words of the source languages that are also English words, common
	// enough in English news to make poor marks: they count for their
	// languages but are not foreign marks.
	for _, w := range strings.Fields(neutral) {
		e := m[w]
		e.class &^= cForeign
		e.class |= cNeutral
		m[w] = e
	}
	return m
}()

// neutral are words of the source languages' lists that English uses too.
const neutral = `a as no in on per con come do`

// maxLexicon is the length in bytes of the longest word of lexicon: longer
// words are not looked up.
var maxLexicon = func() int {
	n := 0
	for w := range lexicon {
		n = max(n, len(w))
	}
	return n
}()

// script is the writing system of a word's letters (package langid says
// which letter is in which).
type script = langid.Script

const (
	noScript    = langid.NoScript
	latin       = langid.Latin
	cyrillic    = langid.Cyrillic
	greek       = langid.Greek
	han         = langid.Han
	kana        = langid.Kana
	hangul      = langid.Hangul
	arabic      = langid.Arabic
	hebrew      = langid.Hebrew
	devanagari  = langid.Devanagari
	thai        = langid.Thai
	otherScript = langid.OtherScript
)

// scriptOf returns the script of the letter r (see langid.ScriptOf).
func scriptOf(r rune) script { return langid.ScriptOf(r) }

// wordInfo is what classify finds out about a word.
type wordInfo struct {
	class  class
	langs  langBits // the languages its spelling or the lexicon points to
	script script   // the main script of an other-script word
	weight int      // how many words it counts as (a run of Han is several)
}

// classify classifies the word s (a Word token's text).
func classify(s string) wordInfo { return classifyDigest(s, -1) }

// classifyDigest is classify for a token whose PrefixDigest is digest, or
// -1 when it is not known. With a digest, an ASCII word in lower case is
// looked up only when a foreign word has the same digest: such a word is
// then marked foreign or not, but cEnglish and cParticle are left unset
// (lookUp sets them, for the few paragraphs that need them). This is the
// prefilter's hot path: every word of every article goes through it.
func classifyDigest(s string, digest int) wordInfo {
	info := wordInfo{weight: 1}
	if s == "" {
		return info
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		return classifyRunes(s, info)
	}
	c := s[0]
	if 'A' <= c && c <= 'Z' {
		info.class |= cUpper
		// a capital at a sentence start hides a function word: the
		// caller looks the lower-cased word up when it needs to
		return info
	}
	if len(s) <= maxLexicon && (digest < 0 || foreignDigests[digest>>6]&(1<<(digest&63)) != 0) {
		e := lexicon[s]
		info.class |= e.class
		info.langs |= e.langs
	}
	if len(s) > 2 && s[1] == '\'' && strings.IndexByte("cdjlmnst", c) >= 0 || strings.HasPrefix(s, "qu'") {
		info.class |= cForeign // l'homme, qu'il, d'un, c'est
		info.langs |= elision
	}
	return info
}

// mayBeForeign says whether classifyDigest(s, int(digest)) marks the word
// foreign or of another script, in fewer steps: the untranslated rule asks
// it of every word of every paragraph. A digest says that the word's first
// four bytes (or fewer) are ASCII; a word with other bytes is classified in
// full. TestMayBeForeign holds it equal to classifyDigest.
func mayBeForeign(s string, digest uint16) bool {
	if digest == document.NoPrefix || len(s) > 4 && !isASCII(s[4:]) {
		return classifyDigest(s, int(digest)).class&(cForeign|cOtherScript) != 0
	}
	c := s[0]
	if 'A' <= c && c <= 'Z' {
		return false // classifyDigest marks it upper case, nothing more
	}
	if len(s) <= maxLexicon && foreignDigests[digest>>6]&(1<<(digest&63)) != 0 && lexicon[s].class&(cForeign|cOtherScript) != 0 {
		return true
	}
	return len(s) > 2 && s[1] == '\'' && strings.IndexByte("cdjlmnst", c) >= 0 || strings.HasPrefix(s, "qu'")
}

// isASCII says whether s has only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lookUp sets the classes of the lexicon on an ASCII word in lower case
// that classifyDigest may have left unlooked-up.
func lookUp(s string, info *wordInfo) {
	if len(s) <= maxLexicon && s != "" && 'a' <= s[0] && s[0] <= 'z' {
		e := lexicon[s]
		info.class |= e.class
		info.langs |= e.langs
	}
}

// foreignDigests is the set of the PrefixDigests of the foreign words of
// the lexicon, a bit for each digest.
var foreignDigests = func() *[1 << 10]uint64 {
	var set [1 << 10]uint64
	for w, e := range lexicon {
		if e.class&cForeign != 0 {
			d := document.PrefixDigest(w, 0, len(w))
			set[d>>6] |= 1 << (d & 63)
		}
	}
	return &set
}()

// classifyRunes is classify for a word with letters beyond ASCII.
func classifyRunes(s string, info wordInfo) wordInfo {
	var counts [otherScript + 1]int
	first := true
	accented := false
	for _, r := range s {
		sc := scriptOf(r)
		if sc == noScript {
			continue
		}
		if first {
			first = false
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				info.class |= cUpper
			}
		}
		counts[sc]++
		if sc == latin && r >= utf8.RuneSelf {
			accented = true
		}
	}
	main, most := latin, counts[latin]
	for sc := cyrillic; sc <= otherScript; sc++ {
		if counts[sc] > most {
			main, most = sc, counts[sc]
		}
	}
	if main != latin {
		info.class |= cOtherScript
		info.script = main
		if main == han || main == kana {
			// no spaces between words: about two characters a word
			info.weight = max(1, (counts[han]+counts[kana]+1)/2)
		}
		return info
	}
	if info.class&cUpper != 0 {
		return info
	}
	lower := s
	if strings.Contains(s, "’") {
		lower = strings.ReplaceAll(s, "’", "'")
	}
	if len(lower) <= maxLexicon+2 {
		e := lexicon[lower]
		info.class |= e.class
		info.langs |= e.langs
	}
	if accented && info.class&cEnglish == 0 {
		info.class |= cForeign
		for _, r := range s {
			info.langs |= letterLangs[r]
		}
	}
	if len(lower) > 2 && lower[1] == '\'' && strings.IndexByte("cdjlmnst", lower[0]) >= 0 || strings.HasPrefix(lower, "qu'") {
		info.class |= cForeign
		info.langs |= elision
	}
	return info
}

// lowerFirst returns s with its first letter in lower case, for looking up
// a word that starts a sentence.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	l := unicode.ToLower(r)
	if l == r {
		return s
	}
	return string(l) + s[size:]
}
