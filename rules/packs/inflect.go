package packs

import (
	"slices"
	"strings"
	"sync"

	"github.com/mtlint/mtlint/checker/document"
)

// A pack entry whose pattern starts with the forms of a verb ("(make|makes|
// made|making) a walk") writes its suggestions in one form ("took a walk"),
// and "will make a walk" must not become "will took a walk". So a
// suggestion that starts with a verb of the lexicon below is inflected like
// the verb it replaces: base form after "will", "to" or a modal, -s, past,
// past participle after "have" or "be", or -ing, as matched.

// verbForm is one inflected form of an English verb.
type verbForm uint8

const (
	formBase verbForm = iota // take: after will, to, a modal, or a plural subject
	formS                    // takes
	formPast                 // took
	formPP                   // taken: after have or be
	formIng                  // taking
)

// irregularVerbs gives the past and past participle of the irregular verbs
// that pack patterns and suggestions use: "take took taken".
const irregularVerbs = `
become became become; begin began begun; bring brought brought; build built built; buy bought bought;
catch caught caught; choose chose chosen; come came come; cut cut cut; deal dealt dealt; do did done;
draw drew drawn; drive drove driven; eat ate eaten; fall fell fallen; feel felt felt; fight fought fought;
find found found; forget forgot forgotten; get got got; give gave given; go went gone; grow grew grown;
hang hung hung; have had had; hear heard heard; hit hit hit; hold held held; keep kept kept; know knew known;
lay laid laid; lead led led; leave left left; lend lent lent; let let let; lose lost lost; make made made;
mean meant meant; meet met met; pay paid paid; put put put; read read read; ride rode ridden; rise rose risen;
run ran run; say said said; see saw seen; seek sought sought; sell sold sold; send sent sent; set set set;
shake shook shaken; shoot shot shot; show showed shown; shut shut shut; sit sat sat; sleep slept slept;
speak spoke spoken; spend spent spent; stand stood stood; steal stole stolen; stick stuck stuck;
strike struck struck; swear swore sworn; take took taken; teach taught taught; tell told told;
think thought thought; throw threw thrown; understand understood understood; uphold upheld upheld;
wear wore worn; win won won; withdraw withdrew withdrawn; write wrote written; undertake undertook undertaken;
overcome overcame overcome; overdo overdid overdone; lie lay lain; bet bet bet; shed shed shed; spread spread spread; quit quit quit`

// regularVerbs are the regular verbs that pack suggestions start with, so
// that their lemma is known ("attended" is "attend", not "attende"). A
// final consonant that doubles is written twice: "plan+" doubles (planned,
// planning).
const regularVerbs = `attend answer apply ask assess carry charge check commit+ complete conduct
contest contribute count create deliver demonstrate encourage enforce ensure equalise equalize escape
exchange exercise exert face fear flood focus follow gain handle help implement improve incur+ investigate
issue kick launch learn pause place plan+ play present prevent protect protest provide push qualify raise
reach realise realize receive regulate report score scroll seal stay suffer switch test tighten travel+
tug+ turn update use want warn advance agree  open stop+ step+ submit+ admit+ refer+ prefer+
occur+ control+ patrol+ drop+ ban+ rob+ shop+ visit discuss mention express  offer cross
pass close reduce increase boost lift support back oppose accept decline refuse reject attack visit
name appoint elect sign join  resign retire return arrive depart move serve end start
finish wish hope claim call describe announce confirm deny insist urge welcome award direct emphasise
emphasize free hand heed highlight opt question release showcase stage study touch aim try fix rule
mince detain sentence order trend`

type verbEntry struct {
	base      string
	irregular bool
	doubles   bool
	past, pp  string
}

// verbOf maps each known form to its verb. It is made on the first need,
// when an entry with a verb suggestion fires, not at every start.
var verbOf = sync.OnceValue(func() map[string]*verbEntry {
	l := verbLexicon{byBase: map[string]*verbEntry{}, byForm: map[string]*verbEntry{}}
	l.parseIrregular(irregularVerbs)
	l.parseRegular(regularVerbs)
	return l.byForm
})

// verbLexicon holds the verbs by their base and by each of their forms.
type verbLexicon struct {
	byBase, byForm map[string]*verbEntry
}

func (l *verbLexicon) parseIrregular(s string) {
	for _, item := range strings.Split(s, ";") {
		f := strings.Fields(item)
		if len(f) != 3 {
			continue
		}
		l.addVerb(&verbEntry{base: f[0], irregular: true, past: f[1], pp: f[2]})
	}
}

func (l *verbLexicon) parseRegular(s string) {
	for _, w := range strings.Fields(s) {
		v := &verbEntry{base: strings.TrimSuffix(w, "+"), doubles: strings.HasSuffix(w, "+")}
		if _, ok := l.byBase[v.base]; ok {
			continue
		}
		v.past = v.regularPast()
		v.pp = v.past
		l.addVerb(v)
	}
}

func (l *verbLexicon) addVerb(v *verbEntry) {
	l.byBase[v.base] = v
	for _, f := range []verbForm{formBase, formS, formPast, formPP, formIng} {
		w := v.form(f)
		if _, ok := l.byForm[w]; !ok {
			l.byForm[w] = v
		}
	}
}

// form returns the verb in form f.
func (v *verbEntry) form(f verbForm) string {
	b := v.base
	switch f {
	case formS:
		switch {
		case b == "have":
			return "has"
		case strings.HasSuffix(b, "y") && len(b) > 1 && !isVowel(b[len(b)-2]):
			return b[:len(b)-1] + "ies"
		case strings.HasSuffix(b, "s"), strings.HasSuffix(b, "x"), strings.HasSuffix(b, "z"),
			strings.HasSuffix(b, "ch"), strings.HasSuffix(b, "sh"), b == "go", b == "do":
			return b + "es"
		}
		return b + "s"
	case formPast:
		return v.past
	case formPP:
		return v.pp
	case formIng:
		switch {
		case strings.HasSuffix(b, "ie"):
			return b[:len(b)-2] + "ying"
		case v.doubles:
			return b + b[len(b)-1:] + "ing"
		case strings.HasSuffix(b, "e") && !strings.HasSuffix(b, "ee") && len(b) > 2:
			return b[:len(b)-1] + "ing"
		}
		return b + "ing"
	}
	return b
}

func (v *verbEntry) regularPast() string {
	b := v.base
	switch {
	case strings.HasSuffix(b, "e"):
		return b + "d"
	case strings.HasSuffix(b, "y") && len(b) > 1 && !isVowel(b[len(b)-2]):
		return b[:len(b)-1] + "ied"
	case v.doubles:
		return b + b[len(b)-1:] + "ed"
	}
	return b + "ed"
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// haveBe are the words after which a past form is a participle ("has
// made", "was held"), and baseAfter those after which a verb is in its
// base form ("will make", "to make").
var (
	haveBe    = wordSet(`have has had having 've 'd 's is are was were be been being am get gets got getting`)
	baseAfter = wordSet(`will would can could may might must shall should to do does did don't doesn't didn't won't can't cannot couldn't wouldn't shouldn't`)
)

// beForm holds the forms of "be" that inflectLead rewrites.
var beForm = wordSet(`be is are was were`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// matchedForm returns the form of the matched verb word w, one of the
// alternatives alts of its pattern element, with prev the word before it
// (folded), or ok false when w is not a verb form the lexicon or the
// alternatives tell.
func matchedForm(w string, alts []string, prev string) (verbForm, bool) {
	v, ok := verbOf()[w]
	if !ok {
		// A verb the lexicon lacks: its forms are among the alternatives
		// ("(assist|assists|assisted|assisting)"), the base the shortest
		// word whose regular forms hold w.
		for _, a := range alts {
			c := &verbEntry{base: a}
			c.past = c.regularPast()
			c.pp = c.past
			for _, f := range []verbForm{formBase, formS, formPast, formIng} {
				if c.form(f) == w {
					v, ok = c, true
				}
			}
			if !ok {
				c.doubles = true
				c.past = c.regularPast()
				c.pp = c.past
				if c.form(formPast) == w || c.form(formIng) == w {
					v, ok = c, true
				}
			}
			if ok {
				break
			}
		}
		if !ok {
			return 0, false
		}
	}
	// The element must hold two forms of the verb, one of them past or
	// -ing: "(people|person)" and "(card|cards)" are no verbs.
	forms, tensed := 0, false
	for _, a := range alts {
		is := false
		for _, f := range []verbForm{formBase, formS, formPast, formPP, formIng} {
			if v.form(f) == a {
				is = true
				tensed = tensed || f >= formPast
			}
		}
		if is {
			forms++
		}
	}
	if forms < 2 || !tensed {
		return 0, false
	}
	switch w {
	case v.base:
		return formBase, true
	case v.form(formS):
		return formS, true
	case v.form(formIng):
		return formIng, true
	}
	if w == v.past && w == v.pp {
		if haveBe[prev] {
			return formPP, true
		}
		return formPast, true
	}
	if w == v.pp {
		return formPP, true
	}
	if w == v.past {
		return formPast, true
	}
	return 0, false
}

// inflectLead rewrites the first word of suggestion sg, when it is a verb
// of the lexicon, in form f; bare says the base form follows "will", "to"
// or a modal rather than a plural subject, which matters for "be" alone.
// The past of "be" is left as written (was or were depends on the subject).
func inflectLead(sg string, f verbForm, bare bool) string {
	i := strings.IndexByte(sg, ' ')
	if i < 0 {
		i = len(sg)
	}
	w := sg[:i]
	if beForm[w] {
		var nw string
		switch f {
		case formBase:
			nw = "are"
			if bare {
				nw = "be"
			}
		case formS:
			nw = "is"
		case formPP:
			nw = "been"
		case formIng:
			nw = "being"
		default:
			return sg
		}
		return nw + sg[i:]
	}
	v, ok := verbOf()[w]
	if !ok {
		return sg
	}
	return v.form(f) + sg[i:]
}

// inflectSuggestions inflects the suggestions of match m, which begin
// where it does, like the verb its first element matched, and drops those
// that become the same.
func (s *Set) inflectSuggestions(doc *document.Document, m Match, sugg []string) []string {
	e := s.entry(m.Entry)
	// Most entries' suggestions start with no verb: pass them over before
	// the matched words are read.
	any := false
	for _, sg := range e.Suggest {
		lead, _, _ := strings.Cut(sg, " ")
		if _, ok := verbOf()[strings.ToLower(lead)]; ok || beForm[lead] {
			any = true
			break
		}
	}
	if !any {
		return sugg
	}
	_, f, bare, ok := s.matchedVerb(doc, m)
	if !ok {
		return sugg
	}
	out := sugg[:0]
	for k, sg := range sugg {
		if sg == "" || strings.HasPrefix(e.Suggest[k], "{") {
			out = append(out, sg) // the matched word itself
			continue
		}
		lower := strings.ToLower(sg[:1]) == sg[:1]
		x := sg
		if !lower {
			x = strings.ToLower(sg[:1]) + sg[1:]
		}
		x = inflectLead(x, f, bare)
		if !lower {
			x = capitalize(x, true)
		}
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// matchedVerb returns the form of the verb that match m starts with — its
// first element, or its second after an adverb ("fully deepened") — and
// whether a base form follows "will", "to" or a modal (bare); vi is the
// verb's element.
func (s *Set) matchedVerb(doc *document.Document, m Match) (vi int, f verbForm, bare, ok bool) {
	elems := s.wordElems(m.Entry)
	for vi = 0; vi < 2 && vi < len(elems); vi++ {
		e := elems[vi]
		w := fold(doc.TokenText(m.First + vi))
		if e.kind == elemWords && len(e.words) >= 2 {
			prev := ""
			if m.First+vi > 0 {
				prev = fold(doc.TokenText(m.First + vi - 1))
			}
			if vi == 1 && m.First > 0 {
				// After an adverb, the word before the adverb decides:
				// "will fully deepen".
				prev = fold(doc.TokenText(m.First - 1))
			}
			if f, ok := matchedForm(w, e.words, prev); ok {
				return vi, f, baseAfter[prev], true
			}
		}
		if !strings.HasSuffix(w, "ly") {
			break
		}
	}
	return 0, 0, false, false
}
