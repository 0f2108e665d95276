package packs

import (
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
)

// An entry's message quotes one instance of its pattern ("assist at the
// funeral" calques …). A match of another instance — "assisted at the
// ceremony" — must not be reported with the pack's example words, so the
// message quotes the words that were matched instead: messageTemplate finds
// the quoted phrase that instantiates the pattern, and messageFor writes the
// matched tokens in its place.

// msgTemplate is an entry's message cut around its quoted instance of the
// pattern: head, then the matched tokens of elements [first, last), then
// tail. A message with no such quote has first == last and is reported as
// it is.
//
// The advice that follows often quotes the entry's suggestion for the
// pack's example ("say "in the coming days""): when a later quote
// instantiates a suggestion that takes matched words ({N}), the tail is cut
// around it too, and the suggestion for the match goes in its place.
type msgTemplate struct {
	head, tail  string
	first, last int
	// advice, when set, is the suggestion written in the tail between
	// tail[:adviceAt] and tail[adviceEnd:].
	advice              string
	adviceAt, adviceEnd int
}

// messageTemplate finds, in message, the first quoted phrase whose tokens
// instantiate a run of the pattern's elements: the whole pattern with words
// of context around it ("the assistants to the concert" for "assistants to
// the (concert|…)"), or the whole quote as a part of the pattern
// ("effectives" for "{number} effectives").
//
// A quote that is one of the entry's suggestions is the correction, not
// the matched phrase ("tortured phrase for "error rate"" with the pattern
// "false error rate"), and is left as it is.
func messageTemplate(message string, elems []elem, suggest []string) msgTemplate {
	for i, j := range quotedSpans(message, 0) {
		if t, ok := quoteTemplate(message[i+1:j], elems); ok && !isSuggestion(message[i+1:j], suggest) {
			t.head = message[:i+1] + t.head
			t.tail += message[j:]
			t.findAdvice(suggest)
			return t
		}
	}
	return msgTemplate{head: message}
}

// quotedSpans yields the offsets of the opening and closing straight quotes
// of each quotation of s from offset from on.
func quotedSpans(s string, from int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for pos := from; ; {
			i := strings.IndexByte(s[pos:], '"')
			if i < 0 {
				return
			}
			i += pos
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return
			}
			j += i + 1
			if !yield(i, j) {
				return
			}
			pos = j + 1
		}
	}
}

// quoteTemplate matches the tokens of quote against a run of elems.
func quoteTemplate(quote string, elems []elem) (msgTemplate, bool) {
	d := document.NewPlain([]byte(quote))
	d.Segment()
	n := len(d.Tokens)
	if n == 0 {
		return msgTemplate{}, false
	}
	fits := func(q, a, k int) bool {
		for x := range k {
			if !quoteTokenIs(d, q+x, elems[a+x]) {
				return false
			}
		}
		return true
	}
	cut := func(q, a, k int) msgTemplate {
		return msgTemplate{
			head:  quote[:d.Tokens[q].Start],
			tail:  quote[d.Tokens[q+k-1].End:],
			first: a, last: a + k,
		}
	}
	// The whole pattern, with context around it.
	for q := 0; q+len(elems) <= n; q++ {
		if fits(q, 0, len(elems)) {
			return cut(q, 0, len(elems)), true
		}
	}
	// The whole pattern with other words inside ("vaccinated from the flu"
	// for "vaccinated from (flu|…)"): the first and the last token fit.
	if n > len(elems) && quoteTokenIs(d, 0, elems[0]) && quoteTokenIs(d, n-1, elems[len(elems)-1]) {
		return msgTemplate{head: quote[:d.Tokens[0].Start], tail: quote[d.Tokens[n-1].End:], last: len(elems)}, true
	}
	// The whole quote, as a run of the pattern.
	for a := 0; a+n <= len(elems); a++ {
		if fits(0, a, n) {
			return cut(0, a, n), true
		}
	}
	return msgTemplate{}, false
}

// findAdvice looks in the tail for the first quote that instantiates a
// suggestion that takes matched words.
func (t *msgTemplate) findAdvice(suggest []string) {
	tail := t.tail
	// The tail starts with the closing quote of the matched phrase.
	for i, j := range quotedSpans(tail, 1) {
		for _, sg := range suggest {
			if !strings.Contains(sg, "{") && fold(sg) == fold(tail[i+1:j]) {
				return // the advice is a suggestion as it stands
			}
		}
		for _, sg := range suggest {
			if strings.Contains(sg, "{") && instantiates(tail[i+1:j], sg) {
				t.advice, t.adviceAt, t.adviceEnd = sg, i+1, j
				return
			}
		}
	}
}

// instantiates reports whether quote is suggestion sg with each {N} one
// word.
func instantiates(quote, sg string) bool {
	for sg != "" {
		i := strings.IndexByte(sg, '{')
		if i < 0 {
			return strings.EqualFold(quote, sg)
		}
		if len(quote) < i || !strings.EqualFold(quote[:i], sg[:i]) {
			return false
		}
		quote = quote[i:]
		j := strings.IndexByte(sg[i:], '}')
		if j < 0 {
			return false
		}
		sg = sg[i+j+1:]
		w := strings.IndexAny(quote, " ,.;:")
		if w < 0 {
			w = len(quote)
		}
		if w == 0 {
			return false
		}
		quote = quote[w:]
	}
	return quote == ""
}

// isSuggestion reports whether quote is one of the suggestions.
func isSuggestion(quote string, suggest []string) bool {
	for _, sg := range suggest {
		if fold(sg) == fold(quote) {
			return true
		}
	}
	return false
}

// quoteTokenIs reports whether token i of a quote is an instance of e.
func quoteTokenIs(d *document.Document, i int, e elem) bool {
	w := d.TokenText(i)
	switch e.kind {
	case elemWords:
		f := fold(w)
		for _, x := range e.words {
			if fold(x) == f {
				return true
			}
		}
		return false
	case elemNumber:
		return isCardinal(d, i) || numberWordSet[foldHash(w)]
	case elemCap:
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	case elemWord:
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsLetter(r)
	}
	return false
}

// messages holds the message templates of a set's entries, made as each
// entry first reports: most entries never do, and tokenizing every message
// would cost at every start.
type messages struct {
	mu sync.Mutex
	m  map[int32]msgTemplate
}

// messageFor returns the message of match m: the entry's message quoting
// the words matched rather than the pack's example of them. ms keeps the
// templates made so far.
func (s *Set) messageFor(ms *messages, doc *document.Document, m Match) string {
	ms.mu.Lock()
	t, ok := ms.m[m.Entry]
	if !ok {
		e := s.entry(m.Entry)
		t = messageTemplate(e.Message, s.wordElems(m.Entry), e.Suggest)
		if ms.m == nil {
			ms.m = map[int32]msgTemplate{}
		}
		ms.m[m.Entry] = t
	}
	ms.mu.Unlock()
	if t.first == t.last {
		return t.head
	}
	text := doc.Text[doc.Tokens[m.First+t.first].Start:doc.Tokens[m.First+t.last-1].End]
	var b strings.Builder
	b.Grow(len(t.head) + len(text) + len(t.tail) + len(t.advice))
	b.WriteString(t.head)
	// The matched words as written, a line break or a run of spaces
	// between them as one space (the text starts and ends with a token).
	space := false
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case ' ', '\t', '\n', '\r':
			space = true
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
		}
	}
	if t.advice == "" {
		b.WriteString(t.tail)
		return b.String()
	}
	b.WriteString(t.tail[:t.adviceAt])
	b.WriteString(expandSuggestion(doc, m, t.advice))
	b.WriteString(t.tail[t.adviceEnd:])
	return b.String()
}

// expandSuggestion writes suggestion sg for match m: {N} becomes the text
// of the Nth matched token.
func expandSuggestion(doc *document.Document, m Match, sg string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(sg, '{')
		if i < 0 {
			b.WriteString(sg)
			break
		}
		j := strings.IndexByte(sg[i:], '}')
		if j < 0 {
			b.WriteString(sg)
			break
		}
		k, _ := strconv.Atoi(sg[i+1 : i+j])
		b.WriteString(sg[:i])
		if k >= 1 && m.First+k-1 < m.Last {
			b.WriteString(doc.TokenText(m.First + k - 1))
		}
		sg = sg[i+j+1:]
	}
	return b.String()
}

// messageLangs is the index of MessageLanguages.
type messageLangs struct {
	exact map[string][]string // rule ID + "\x00" + an entry's message → languages
	// cut lists by rule ID the entries whose messages quote the match.
	cut map[string][]cutMessage
}

type cutMessage struct {
	t     msgTemplate
	langs []string
}

var (
	msgLangsOnce sync.Once
	msgLangs     messageLangs
)

// MessageLanguages returns the source languages of the built-in entries of
// rule that report message, or nil: the languages a finding betrays. The
// message may quote the matched words in place of the entry's example
// (messageFor); entries of one pack that share a message share their
// languages.
func MessageLanguages(rule, message string) []string {
	msgLangsOnce.Do(func() {
		msgLangs = messageLangs{exact: map[string][]string{}, cut: map[string][]cutMessage{}}
		s, err := BuiltinSet()
		if err != nil {
			return
		}
		for i, c := range s.entries {
			if !s.mayHaveLangs(int(c.pack)) {
				continue // the spinning packs: their entries are not decoded for this
			}
			e := s.entry(int32(i))
			if len(e.Lang) == 0 {
				continue
			}
			id := s.packs[c.pack].ID()
			k := id + "\x00" + e.Message
			for _, l := range e.Lang {
				if !slices.Contains(msgLangs.exact[k], l) {
					msgLangs.exact[k] = append(msgLangs.exact[k], l)
				}
			}
			if t := messageTemplate(e.Message, s.wordElems(int32(i)), e.Suggest); t.first < t.last {
				msgLangs.cut[id] = append(msgLangs.cut[id], cutMessage{t, e.Lang})
			}
		}
	})
	if langs, ok := msgLangs.exact[rule+"\x00"+message]; ok {
		return langs
	}
	var out []string
	for _, cm := range msgLangs.cut[rule] {
		if cm.t.fits(message) {
			for _, l := range cm.langs {
				if !slices.Contains(out, l) {
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// fits reports whether message is what t writes for some match.
func (t *msgTemplate) fits(message string) bool {
	if !strings.HasPrefix(message, t.head) {
		return false
	}
	rest := message[len(t.head):]
	if t.advice == "" {
		return strings.HasSuffix(rest, t.tail) && len(rest) > len(t.tail)
	}
	pre, post := t.tail[:t.adviceAt], t.tail[t.adviceEnd:]
	if !strings.HasSuffix(rest, post) {
		return false
	}
	rest = rest[:len(rest)-len(post)]
	i := strings.Index(rest, pre)
	return i > 0 && !strings.Contains(rest[:i], `"`) && !strings.Contains(rest[i+len(pre):], `"`)
}
