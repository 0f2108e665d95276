package language

import (
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
)

// CJKCharacters flags Chinese, Japanese or Korean characters left in
// English text, in runs too short for language.untranslated ("the
// seller's #ORDER收到了", "a 减20 discount").
var CJKCharacters = &rules.Rule{
	ID:       "language.cjk-characters",
	Category: rules.Language,
	Severity: rules.Warning,
	Doc:      "Chinese, Japanese or Korean characters left in English text, too few for language.untranslated",
	Explanation: `When a translation engine meets a word it cannot align, a product code glued to a
word, a placeholder or a name it does not know, it may copy the characters of the
source as they are: "I got it #ORDER收到了", "enjoy a减20 discount", "Cheap hotels
- 公式サイト". A run of one to five characters is below the three words that
language.untranslated needs, so this rule reports the short ones. English news has
no use for them outside a gloss: a name or a slogan given in its own script after
its English form, in brackets or quotation marks ("Xi Jinping (习近平)", the
slogan "中国梦").

What to do: translate the characters, or delete them when the English already
says what they say.

Not flagged: a run alone between brackets or quotation marks (a gloss or a
quoted name), a single kana that is an emoticon's arm ("(^o^)ノ"), and any run that
language.untranslated reports or judges to be foreign on purpose.`,
	Flagged:   "The parcel came a day late, the courier said 收到了 and left.",
	Unflagged: "The slogan of the campaign, “中国梦” (the Chinese dream), is everywhere; Xi Jinping (习近平) spoke.",
	Run:       runCJKCharacters,
}

// cjkScript returns the script of r when it is a letter of Chinese,
// Japanese or Korean, and noScript otherwise.
func cjkScript(r rune) script {
	if r < 0x3040 || r == '丨' { // 丨 is a separator in Chinese headlines
		return noScript
	}
	switch sc := scriptOf(r); sc {
	case han, kana, hangul:
		return sc
	}
	return noScript
}

// cjkIn returns the byte offsets in s of its first CJK letter and of the
// end of its last one, the script of the first, and whether there is one.
func cjkIn(s string) (from, to int, sc script, ok bool) {
	from = -1
	for i, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if c := cjkScript(r); c != noScript {
			if from < 0 {
				from, sc = i, c
			}
			to = i + utf8.RuneLen(r)
		}
	}
	return from, to, sc, from >= 0
}

// noNoPrefix reports whether none of the digests pre[i:i+4] is NoPrefix
// (0): read as the 16-bit lanes of one number (the compiler makes it one
// load), a zero lane borrows in the subtraction and leaves its top bit set
// where the lane's own is clear, and a lane above a zero one may show so
// too, but no lane does when none is zero.
func noNoPrefix(pre []uint16, i int) bool {
	const (
		lanes1   = 0x0001000100010001
		lanesTop = 0x8000800080008000
	)
	q := pre[i : i+4]
	v := uint64(q[0]) | uint64(q[1])<<16 | uint64(q[2])<<32 | uint64(q[3])<<48
	return (v-lanes1)&^v&lanesTop == 0
}

func runCJKCharacters(pass *rules.Pass) {
	doc := pass.Doc
	toks := doc.Tokens
	pre := doc.Prefixes
	var frags []Fragment
	fragsRead := false
	for _, p := range doc.Paragraphs {
		r := p.Tokens
		for i := r.First; i < r.Last; i++ {
			// A token that starts with four ASCII bytes has its digest;
			// a CJK letter within them leaves it without one. Four
			// tokens are tested at once while all have their digests.
			for i+4 <= r.Last && noNoPrefix(pre, i) {
				i += 4
			}
			if i >= r.Last {
				break
			}
			if pre[i] != document.NoPrefix || toks[i].Kind != document.Word && toks[i].Kind != document.Number {
				continue
			}
			from, to, sc, ok := cjkIn(doc.TokenText(i))
			if !ok {
				continue
			}
			// Merge the following tokens that hold CJK letters or are
			// punctuation between them.
			last, end := i, int(toks[i].Start)+to
			for j := i + 1; j < r.Last && to == int(toks[i].End-toks[i].Start); j++ {
				t := &toks[j]
				if t.Kind == document.Word || t.Kind == document.Number {
					if t.Flags&document.LineBefore != 0 {
						break
					}
					a, b, _, ok := cjkIn(doc.TokenText(j))
					if !ok || a != 0 {
						break
					}
					last, end = j, int(t.Start)+b
					if b != int(t.End-t.Start) {
						break
					}
					continue
				}
				if t.Kind != document.Punct || doc.Text[t.Start] < utf8.RuneSelf {
					break
				}
			}
			start := int(toks[i].Start) + from
			span := document.Span{Start: start, End: end}
			first := i
			i = last
			if !fragsRead {
				frags, fragsRead = Fragments(doc), true
			}
			if glossed(doc, r, first, last, from, end) || overlaps(frags, span) {
				continue
			}
			if sc == kana && utf8.RuneCountInString(doc.Text[start:end]) == 1 && emoticonArm(doc.Text, start, end) {
				continue // "(^o^)ノ"
			}
			pass.Report(rules.Diagnostic{Span: span,
				Message: cjkName(sc) + " characters left in English text: \"" + excerpt(doc.Text[start:end]) + "\""})
		}
	}
}

// glossed reports whether the run of tokens first..last (the run starts
// from bytes into the first and ends at byte end) stands alone between an
// opening and a closing bracket or quotation mark.
func glossed(doc *document.Document, r document.Range, first, last, from, end int) bool {
	toks := doc.Tokens
	if from != 0 || end != int(toks[last].End) || first == r.First || last+1 >= r.Last {
		return false
	}
	a, b := doc.TokenText(first-1), doc.TokenText(last+1)
	return opener(a) && closer(b)
}

func opener(s string) bool {
	switch s {
	case "(", "[", "\"", "“", "‘", "'", "「", "『", "【", "《", "（", "«":
		return true
	}
	return false
}

func closer(s string) bool {
	switch s {
	case ")", "]", "\"", "”", "’", "'", "」", "』", "】", "》", "）", "»":
		return true
	}
	return false
}

// emoticonArm reports whether the character at text[start:end] touches
// the parenthesis of an emoticon, directly or across one space.
func emoticonArm(text string, start, end int) bool {
	for i := start - 1; i >= 0 && i >= start-2; i-- {
		if c := text[i]; c == ')' || c == '(' {
			return true
		} else if c != ' ' {
			break
		}
	}
	return end < len(text) && text[end] == '('
}

// overlaps reports whether span overlaps one of the fragments.
func overlaps(frags []Fragment, span document.Span) bool {
	for _, f := range frags {
		if f.Span.Start < span.End && span.Start < f.Span.End {
			return true
		}
	}
	return false
}

// cjkName names the script sc for a message.
func cjkName(sc script) string {
	switch sc {
	case kana:
		return "Japanese"
	case hangul:
		return "Korean"
	}
	return "Chinese or Japanese"
}
