package language

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/language/langid"
)

// Fragment is a run of words in another language inside English text, as
// language.untranslated found it: the evidence for the source-language
// hint.
type Fragment struct {
	// Span is the fragment in bytes of Document.Text.
	Span document.Span
	// Language is the fragment's language.
	Language langid.Language
	// Confidence is lingua's confidence in Language for the fragment's
	// text, between 0 and 1 (1 where the script alone decides it).
	Confidence float64
	// Words is the number of words that count towards the fragment's
	// length: not names, not loanwords; a run of Chinese or Japanese
	// counts a word for every two characters.
	Words int
	// Reported is false for a fragment that was found but not flagged:
	// it is quoted and marked as foreign, a title, or a gloss. It is
	// still evidence of the language the writer knew.
	Reported bool
}

// fragmentsKey is the Document.Memo key of the current window's fragments.
type fragmentsKey struct{}

// Fragments returns the fragments that language.untranslated found in the
// current window of doc, in text order, or nil when the rule has not run
// on it. The checker collects them window by window for the
// source-language hint; they are computed once, by the rule.
func Fragments(doc *document.Document) []Fragment {
	v, _ := doc.Memo(fragmentsKey{}, func() any { return []Fragment(nil) }).([]Fragment)
	return v
}

// Tuning of the detector, calibrated on testdata/embedded.tsv and
// testdata/clean.tsv and on the BBC corpus (see the tests).
const (
	// window is the number of words of the sliding window that lingua
	// judges.
	window = 5
	// englishBelow is the English confidence below which a window (and
	// then a whole fragment) counts as not English, whatever else lingua
	// finds; englishUnder is the English confidence under which it counts
	// as not English when another language is likelier (lingua is asked
	// about English and two or three candidates only, so its confidences
	// are less spread than among the whole set).
	englishBelow = 0.2
	englishUnder = 0.5
	// minWords is the fewest words a fragment must count.
	minWords = 3
	// minQuotedWords is the fewest words of a quotation for a foreign
	// quotation that nothing marks as foreign to be flagged: a short one
	// is a slogan, a sign-off, a title.
	minQuotedWords = 5
)

// pword is one word of a paragraph as the detector sees it.
type pword struct {
	tok   int // index into Document.Tokens
	info  wordInfo
	flags pflag
}

type pflag uint8

const (
	fName  pflag = 1 << iota // part of a name (capitalised, or a particle of one)
	fLoan                    // part of a loanword phrase
	fStart                   // starts a sentence or a quotation
)

// counts reports whether the word counts towards a fragment's length.
func (w *pword) counts() bool { return w.flags&(fName|fLoan) == 0 }

// foreign reports whether the word is a mark of another language.
func (w *pword) foreign() bool { return w.info.class&cForeign != 0 && w.counts() }

// english reports whether the word is a mark of English.
func (w *pword) english() bool { return w.info.class&cEnglish != 0 && w.flags&fName == 0 }

// scratchKey keys the detector's per-document buffers.
type scratchKey struct{}

type scratch struct {
	words  []pword
	quotes []quote
}

// quote is a quotation of a paragraph: the tokens of its opening and
// closing marks (close is the paragraph's end when it is never closed).
type quote struct{ open, close int }

func runUntranslated(pass *rules.Pass) {
	doc := pass.Doc
	sc := doc.Scratch(scratchKey{}, func() any { return new(scratch) }).(*scratch)
	var found []Fragment
	for pi := range doc.Paragraphs {
		found = untranslatedIn(pass, sc, &doc.Paragraphs[pi], found)
	}
	doc.Memo(fragmentsKey{}, func() any { return found })
}

// untranslatedIn finds the fragments of one paragraph, reports them and
// appends them to found.
func untranslatedIn(pass *rules.Pass, sc *scratch, p *document.Paragraph, found []Fragment) []Fragment {
	doc := pass.Doc
	toks := doc.Tokens
	// Classify the words; most paragraphs stop here, at the first pass,
	// which keeps nothing and stops at the first word that is foreign or
	// of another script.
	suspect := false
	text, pre := doc.Text, doc.Prefixes[p.Tokens.First:p.Tokens.Last]
	for k, t := range toks[p.Tokens.First:p.Tokens.Last] {
		if t.Kind == document.Word && mayBeForeign(text[t.Start:t.End], pre[k]) {
			suspect = true
			break
		}
	}
	if !suspect {
		return found
	}
	words := sc.words[:0]
	for i := p.Tokens.First; i < p.Tokens.Last; i++ {
		if toks[i].Kind == document.Word {
			words = append(words, pword{tok: i, info: classifyDigest(doc.Text[toks[i].Start:toks[i].End], int(doc.Prefixes[i]))})
		}
	}
	sc.words = words
	sc.markWords(doc, p)
	words = sc.words
	quotes := sc.quotes

	// Runs of words in another script.
	for i := 0; i < len(words); {
		if words[i].info.class&cOtherScript == 0 {
			i++
			continue
		}
		j := i
		for j < len(words) && words[j].info.class&cOtherScript != 0 {
			j++
		}
		if f, ok := otherScriptRun(doc, words[i:j]); ok {
			found = report(pass, words, i, j, f, quotes, found)
		}
		i = j
	}

	// Latin text: windows of words that may not be English.
	for i := 0; i < len(words); {
		if words[i].info.class&cOtherScript != 0 {
			i++
			continue
		}
		j := i
		for j < len(words) && words[j].info.class&cOtherScript == 0 {
			j++
		}
		found = latinRun(pass, words, i, j, quotes, found)
		i = j
	}
	return found
}

// markWords marks names, loanwords and sentence starts in sc.words and
// finds the quotations of the paragraph.
func (sc *scratch) markWords(doc *document.Document, p *document.Paragraph) {
	toks := doc.Tokens
	words := sc.words
	for k := range words {
		t := toks[words[k].tok]
		lookUp(doc.Text[t.Start:t.End], &words[k].info)
	}
	// sentence starts: the first word of each sentence, and a word right
	// after an opening quote, bracket or colon
	for si := p.Sentences.First; si < p.Sentences.Last; si++ {
		first := doc.Sentences[si].Tokens.First
		for k := range words {
			if words[k].tok >= first {
				words[k].flags |= fStart
				break
			}
		}
	}
	sc.quotes = sc.quotes[:0]
	openAt := -1
	var opener string
	for i := p.Tokens.First; i < p.Tokens.Last; i++ {
		t := toks[i]
		if t.Kind != document.Punct {
			continue
		}
		s := doc.Text[t.Start:t.End]
		switch {
		case openAt < 0 && (s == "“" || s == "«" || s == "„" || s == "‘" || s == "\"" || s == "‹"):
			openAt, opener = i, s
		case openAt >= 0 && closes(opener, s):
			sc.quotes = append(sc.quotes, quote{openAt, i})
			openAt = -1
		}
	}
	if openAt >= 0 {
		sc.quotes = append(sc.quotes, quote{openAt, p.Tokens.Last})
	}
	for k := range words {
		t := words[k].tok
		if t > p.Tokens.First {
			prev := toks[t-1]
			if prev.Kind == document.Punct {
				switch doc.Text[prev.Start:prev.End] {
				case "“", "«", "„", "‘", "\"", "(", "[", ":", "‹", "—", "–":
					words[k].flags |= fStart
				}
			}
		}
	}
	// names: capitalised words, except a sentence's first word when the
	// next is in lower case; particles before a capitalised name
	for k := range words {
		w := &words[k]
		if w.info.class&cUpper == 0 {
			continue
		}
		if s := doc.Text[toks[w.tok].Start:toks[w.tok].End]; len(s) == 1 && s != "A" && s != "I" {
			w.flags |= fName // an initial: "R de Marigny", "C Stoica"
			continue
		}
		if w.flags&fStart != 0 && !nameFollows(doc, words, k) && !inDashList(doc, words, k) {
			// "Il a dit": look the word up in lower case instead
			s := doc.Text[toks[w.tok].Start:toks[w.tok].End]
			if s == "I" || s == "A" {
				continue // English, not Italian or Polish "i"
			}
			if allUpper(s) && utf8.RuneCountInString(s) > 1 {
				w.flags |= fName
				continue
			}
			lw := lowerFirst(s)
			if len(lw) <= maxLexicon+2 {
				e := lexicon[lw]
				w.info.class |= e.class &^ cParticle
				w.info.langs |= e.langs
			}
			if w.info.class&cForeign == 0 {
				if c := classify(lw); c.class&cForeign != 0 {
					w.info.class |= cForeign
					w.info.langs |= c.langs
				}
			}
			continue
		}
		w.flags |= fName
	}
	// particles between two parts of a name: Charles de Gaulle, Ursula
	// von der Leyen, Banco de España ("der" and "den" only after "von"
	// or "van": "die Entscheidung der Behörde" is German, not a name)
	for k := 1; k < len(words)-1; k++ {
		if words[k-1].flags&fName == 0 || !isParticle(doc, words, k) {
			continue
		}
		j := k + 1
		for j < len(words) && isParticle(doc, words, j) {
			j++
		}
		if j < len(words) && words[j].flags&fName != 0 && words[j-1].tok+1 == words[j].tok && words[k-1].tok+1 == words[k].tok {
			for i := k; i < j; i++ {
				words[i].flags |= fName
			}
		}
		k = j
	}
	// loanwords
	for k := 0; k < len(words); k++ {
		text := func(i int) string { t := toks[words[k+i].tok]; return doc.Text[t.Start:t.End] }
		if words[k].flags&fName != 0 {
			continue
		}
		n := loanwordAt(fold(text(0)), len(words)-k, text)
		for i := 0; i < n; i++ {
			words[k+i].flags |= fLoan
		}
		if n > 0 {
			k += n - 1
		}
	}
}

// nameFollows reports whether the capitalised words[k] is followed, right
// after it, by another capitalised word or by particles and one ("Jeremy de
// Souza"): then it is a name even at the start of a sentence.
func nameFollows(doc *document.Document, words []pword, k int) bool {
	j := k + 1
	for j < len(words) && words[j].tok == words[j-1].tok+1 && isParticle(doc, words, j) {
		j++
	}
	return j < len(words) && words[j].tok == words[j-1].tok+1 && words[j].info.class&cUpper != 0
}

// inDashList reports whether the capitalised words[k], right after a dash,
// is one item of a list of names joined by dashes, as a route or a
// line-up is written ("Ústí nad Labem – Mělník – Kolín"): the word before
// the dash is a name and a dash or another mark follows words[k] at once.
// A dash otherwise opens a clause, whose first word is looked up in lower
// case.
func inDashList(doc *document.Document, words []pword, k int) bool {
	t := words[k].tok
	if k == 0 || words[k-1].flags&fName == 0 || words[k-1].tok != t-2 || t+1 >= len(doc.Tokens) {
		return false
	}
	if d := doc.Tokens[t-1]; d.Kind != document.Punct || !isDash(doc.Text[d.Start:d.End]) {
		return false
	}
	next := doc.Tokens[t+1]
	return next.Kind == document.Punct && next.Start == doc.Tokens[t].End || next.Kind == document.Punct && isDash(doc.Text[next.Start:next.End])
}

func isDash(s string) bool { return s == "–" || s == "—" }

// isParticle reports whether words[k] is a particle of a name.
func isParticle(doc *document.Document, words []pword, k int) bool {
	w := words[k]
	if w.info.class&cParticle == 0 || w.info.class&cUpper != 0 {
		return false
	}
	if k > 0 && words[k-1].tok+1 == w.tok {
		t := doc.Tokens[w.tok]
		switch doc.Text[t.Start:t.End] {
		case "der", "den":
			p := doc.Tokens[words[k-1].tok]
			prev := doc.Text[p.Start:p.End]
			return prev == "von" || prev == "van"
		}
	}
	return true
}

// closes reports whether the mark s closes a quotation opened by opener.
func closes(opener, s string) bool {
	switch opener {
	case "“":
		return s == "”"
	case "«":
		return s == "»"
	case "„":
		return s == "“" || s == "”"
	case "‘":
		return s == "’"
	case "‹":
		return s == "›"
	}
	return s == opener
}

func allUpper(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= utf8.RuneSelf && scriptOf(r) != noScript && isLower(r) {
			return false
		}
	}
	return true
}

// otherScriptRun judges a run of words in a script other than Latin: a
// fragment unless it is short or all names.
func otherScriptRun(doc *document.Document, run []pword) (Fragment, bool) {
	n, names := 0, 0
	for _, w := range run {
		n += w.info.weight
		if w.info.class&cUpper != 0 {
			names++
		}
	}
	if n < minWords || names == len(run) {
		return Fragment{}, false
	}
	toks := doc.Tokens
	span := document.Span{Start: toks[run[0].tok].S(), End: toks[run[len(run)-1].tok].E()}
	f := Fragment{Span: span, Words: n, Confidence: 1}
	sc := run[0].info.script
	if g, ok := langid.Detect(doc.Text[span.Start:span.End]); ok && writtenIn(g.Top().Language.Code, sc) {
		f.Language, f.Confidence = g.Top().Language, g.Top().Value
	} else {
		f.Language = byScript(sc) // no configured language is written so
	}
	return f, true
}

// latinRun finds the fragments among words[from:to], which are all in Latin
// script (or without letters).
func latinRun(pass *rules.Pass, words []pword, from, to int, quotes []quote, found []Fragment) []Fragment {
	doc := pass.Doc
	toks := doc.Tokens
	n := to - from
	if n < minWords {
		return found
	}
	w := min(window, n)
	// flagged[i] is the language of a flagged window starting at from+i
	type flaggedWindow struct {
		start int
		lang  langid.Language
	}
	var flagged []flaggedWindow
	for s := from; s+w <= to; s++ {
		nf, ne, nc := 0, 0, 0
		var hits langHits
		for k := s; k < s+w; k++ {
			if words[k].foreign() {
				nf++
				hits.add(words[k].info.langs)
			}
			if words[k].english() {
				ne++
			}
			if words[k].counts() {
				nc++
			}
		}
		if nf < 2 || ne > 1 {
			continue
		}
		langs := hits.likely()
		text := doc.Text[toks[words[s].tok].S():toks[words[s+w-1].tok].E()]
		g, ok := langid.DetectAmong(text, langs.codes()...)
		debugf("window %q: %v", text, g.Scores[:min(3, len(g.Scores))])
		if !ok || !notEnglish(g) {
			continue
		}
		flagged = append(flagged, flaggedWindow{s, g.Foreign().Language})
	}
	for i := 0; i < len(flagged); {
		j := i + 1
		for j < len(flagged) && flagged[j].start <= flagged[j-1].start+w {
			j++
		}
		a, b := flagged[i].start, flagged[j-1].start+w
		lang := majority(flagged[i:j], func(f flaggedWindow) langid.Language { return f.lang })
		i = j
		debugf("windows %q in %s", doc.Text[toks[words[a].tok].S():toks[words[b-1].tok].E()], lang.Name)
		a, b = trim(doc, words, from, to, a, b, lang)
		a, b = clipToQuote(words, a, b, quotes)
		if b <= a {
			continue
		}
		count := 0
		for k := a; k < b; k++ {
			if words[k].counts() {
				count += words[k].info.weight
			}
		}
		if count < minWords || distinct(doc, words[a:b]) < minWords {
			continue // "la la la la la" is a song, not a fragment
		}
		span := document.Span{Start: toks[words[a].tok].S(), End: toks[words[b-1].tok].E()}
		var hits langHits
		for _, w := range words[a:b] {
			if w.foreign() {
				hits.add(w.info.langs)
			}
		}
		cands := hits.likely().codes()
		if !slices.Contains(cands, lang.Code) {
			cands = append(cands, lang.Code)
		}
		g, ok := langid.DetectAmong(doc.Text[span.Start:span.End], cands...)
		debugf("fragment %q: %v", doc.Text[span.Start:span.End], g.Scores[:min(3, len(g.Scores))])
		if !ok || !notEnglish(g) {
			continue
		}
		top := pickLanguage(doc, words[a:b], g)
		found = report(pass, words, a, b, Fragment{Span: span, Language: top.Language, Confidence: top.Value, Words: count}, quotes, found)
	}
	return found
}

// trim narrows the fragment words[a:b] (the union of the windows that
// lingua flagged, in language lang) to its foreign words. Names and
// loanwords at either end go. Then, at the end, the longest tail of words
// without a foreign mark goes when lingua finds the window of words that
// starts with it, reaching into the text after the fragment, likelier
// English than lang ("... à une date ultérieure | due to the storm"); and
// the same at the start, with the window that ends with the head ("the
// finance minister said | la economía ...").
func trim(doc *document.Document, words []pword, from, to, a, b int, lang langid.Language) (int, int) {
	toks := doc.Tokens
	english := func(i, j int) bool {
		g, ok := langid.DetectAmong(doc.Text[toks[words[i].tok].S():toks[words[j-1].tok].E()], lang.Code)
		return ok && g.Of(langid.English.Code) > g.Of(lang.Code)
	}
	for a < b && words[a].flags&(fName|fLoan) != 0 {
		a++
	}
	for b > a && words[b-1].flags&(fName|fLoan) != 0 {
		b--
	}
	// conf is lingua's confidence that words[k] alone is in lang
	conf := func(k int) float64 {
		t := toks[words[k].tok]
		g, ok := langid.DetectAmong(doc.Text[t.Start:t.End], lang.Code)
		if !ok {
			return 0
		}
		return g.Of(lang.Code)
	}
	single := func(k int) bool { return conf(k) >= 0.5 }
	// strong reports whether words[k] is a word of four letters or more
	// that lingua finds, alone, clearly in lang
	strong := func(k int) bool {
		t := toks[words[k].tok]
		return utf8.RuneCountInString(doc.Text[t.Start:t.End]) >= 4 && conf(k) >= 0.75
	}
	// the longest tail, then head, without a foreign mark whose inner
	// word is English; at the tail a word that English shares ("in",
	// "as") counts as English too: English goes on with a preposition
	// ("... überlastet | in the east"), while at the head it is more
	// often the fragment's own ("said | no vamos a parar")
	tail := 0
	for k := 1; k < window && b-k > a && !words[b-k].foreign(); k++ {
		if words[b-k].english() || words[b-k].info.class&cNeutral != 0 || !single(b-k) && english(b-k, min(to, b-k+window)) {
			tail = k
		}
	}
	b -= tail
	head := 0
	for k := 1; k < window && a+k < b && !words[a+k-1].foreign(); k++ {
		if words[a+k-1].english() || !single(a+k-1) && english(max(from, a+k-window), a+k) {
			head = k
		}
	}
	a += head
	// extend: the windows end where foreign marks end, but the words
	// beyond them may be foreign too ("... ad accogliere i | turisti")
	for n := 0; head == 0 && n < window-1 && a > from && extends(words[a-1]) && strong(a-1); n++ {
		a--
	}
	for n := 0; tail == 0 && n < window-1 && b < to && b > a && extends(words[b]) && strong(b); n++ {
		b++
	}
	for a < b && words[a].flags&(fName|fLoan) != 0 {
		a++
	}
	for b > a && words[b-1].flags&(fName|fLoan) != 0 {
		b--
	}
	return a, b
}

// report reports the fragment words[a:b] unless it is marked as foreign, a
// title or a gloss, and appends it to found either way.
func report(pass *rules.Pass, words []pword, a, b int, f Fragment, quotes []quote, found []Fragment) []Fragment {
	f.Reported = !excused(pass.Doc, words, a, b, f, quotes)
	found = append(found, f)
	if !f.Reported {
		return found
	}
	name := f.Language.Name
	if name == "" {
		name = "Foreign"
	}
	pass.Report(rules.Diagnostic{Span: f.Span, Message: name + " fragment: \"" + excerpt(pass.Doc.Text[f.Span.Start:f.Span.End]) + "\""})
	return found
}

// distinct counts the different words (ignoring case) among those of
// words that count, stopping at minWords.
func distinct(doc *document.Document, words []pword) int {
	var seen []string
	for _, w := range words {
		if !w.counts() {
			continue
		}
		t := doc.Tokens[w.tok]
		s := doc.Text[t.Start:t.End]
		dup := false
		for _, x := range seen {
			if strings.EqualFold(x, s) {
				dup = true
				break
			}
		}
		if !dup {
			seen = append(seen, s)
			if len(seen) == minWords {
				break
			}
		}
	}
	return len(seen)
}

// extends reports whether a fragment may grow over w: a word that counts
// and is not an English word.
func extends(w pword) bool { return w.counts() && !w.english() }

// clipToQuote keeps a fragment words[a:b] that runs into or out of a
// quotation on one side of the quotation mark: the side with more words
// that count. A quotation is one voice and what surrounds it another.
func clipToQuote(words []pword, a, b int, quotes []quote) (int, int) {
	for _, q := range quotes {
		for _, mark := range [2]int{q.open, q.close} {
			if !(words[a].tok < mark && mark < words[b-1].tok) {
				continue
			}
			m := a
			for m < b && words[m].tok < mark {
				m++
			}
			before, after := 0, 0
			for k := a; k < b; k++ {
				if words[k].counts() {
					if k < m {
						before++
					} else {
						after++
					}
				}
			}
			if before > after {
				b = m
			} else {
				a = m
			}
		}
	}
	return a, b
}

// pickLanguage returns the fragment's language: lingua's likeliest one
// other than English, unless another that lingua finds at least half as
// likely has more of the fragment's words in its list of common words (a
// short French fragment can look Spanish to lingua, but "il", "n'y" and
// "pas" are French).
func pickLanguage(doc *document.Document, words []pword, g langid.Guess) langid.Score {
	var hits [8]int
	for _, w := range words {
		if !w.counts() {
			continue
		}
		t := doc.Tokens[w.tok]
		s := doc.Text[t.Start:t.End]
		e, ok := lexicon[s]
		if !ok && w.flags&fStart != 0 {
			e = lexicon[lowerFirst(s)]
		}
		for bit := range lexLanguages {
			if e.langs&(1<<bit) != 0 {
				hits[bit]++
			}
		}
	}
	top := g.Foreign()
	best, bestHits := top, -1
	for _, sc := range g.Scores {
		if sc.Language.Code == langid.English.Code || sc.Value < top.Value/2 {
			continue
		}
		n := 0
		for bit, code := range lexLanguages {
			if code == sc.Language.Code {
				n = hits[bit]
			}
		}
		if n > bestHits {
			best, bestHits = sc, n
		}
	}
	return best
}

// notEnglish reports whether lingua's guess says a window or a fragment
// is not English.
func notEnglish(g langid.Guess) bool {
	en := g.Of(langid.English.Code)
	return en < englishBelow || en < englishUnder && g.Top().Language.Code != langid.English.Code
}

// langHits scores, for each of lexLanguages, the words that point to it:
// a word that several languages share gives each a share of its point, so
// that "nous" (French only) weighs more than "la" (French, Spanish,
// Italian).
type langHits [8]float64

func (h *langHits) add(b langBits) {
	n := bits.OnesCount8(uint8(b))
	for bit := range lexLanguages {
		if b&(1<<bit) != 0 {
			h[bit] += 1 / float64(n)
		}
	}
}

// likely returns the languages whose score is at least 75% of the best
// one: the candidates that lingua is asked to choose among (with
// English). Asking about fewer languages loads fewer models, at about
// 20 MB each: a window with "il", "n'y", "pas" and "de" is French, and the
// Spanish, Portuguese and Turkish that "de" could also be need not be
// loaded for it.
func (h *langHits) likely() langBits {
	most := 0.0
	for _, n := range h {
		most = max(most, n)
	}
	var b langBits
	for bit, n := range h {
		if n > 0 && n >= 0.75*most {
			b |= 1 << bit
		}
	}
	return b
}

// majority returns the commonest language of xs, the first on a tie.
func majority[T any](xs []T, lang func(T) langid.Language) langid.Language {
	var best langid.Language
	most := 0
	for i, x := range xs {
		n := 0
		for _, y := range xs[i:] {
			if lang(y) == lang(x) {
				n++
			}
		}
		if n > most {
			best, most = lang(x), n
		}
	}
	return best
}

// debugf, when a test sets it, traces the detector's decisions.
var debugf = func(format string, args ...any) {}

// excerpt shortens a fragment's text for a message.
func excerpt(s string) string {
	const maxRunes = 60
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxRunes {
			cut := strings.LastIndexByte(s[:i], ' ')
			if cut < i/2 {
				cut = i
			}
			return strings.TrimRight(s[:cut], " ,;:") + "…"
		}
		n++
	}
	return s
}
