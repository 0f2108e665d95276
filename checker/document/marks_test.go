package document

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// refMarkAbbreviations is markAbbreviations as it was before it visited the
// marks only: every token of the paragraph.
func (d *Document) refMarkAbbreviations(r Range) {
	toks := d.Tokens
	for i := r.First + 1; i < r.Last; i++ {
		t := &toks[i]
		if t.Kind != Punct || t.End-t.Start != 1 || d.Text[t.Start] != '.' || t.Has(SpaceBefore) {
			continue
		}
		w := &toks[i-1]
		if w.Kind != Word || w.Has(Abbrev) {
			continue
		}
		if Abbreviation(d.Text[w.Start:w.End]) != NotAbbrev {
			w.Flags |= Abbrev
			t.Flags |= AbbrevDot
		}
	}
}

// refSplitSentences is splitSentences as it was before it visited the marks
// only: every token of the paragraph.
func (d *Document) refSplitSentences(r Range) []Sentence {
	var out []Sentence
	toks := d.Tokens
	start := r.First
	for i := r.First; i < r.Last; i++ {
		if t := &toks[i]; t.Kind == Word && !t.Has(Abbrev) || t.Kind == Number {
			continue
		}
		end, ok := d.sentenceEnd(i, r.Last)
		if !ok {
			continue
		}
		out = append(out, Sentence{Span: Span{int(toks[start].Start), int(toks[end-1].End)}, Tokens: Range{start, end}})
		start = end
		i = end - 1
	}
	if start < r.Last {
		out = append(out, Sentence{Span: Span{int(toks[start].Start), int(toks[r.Last-1].End)}, Tokens: Range{start, r.Last}})
	}
	return out
}

// checkMarks checks the segmentation of text against the reference loops:
// the marks hold every token they must, the abbreviations are all marked
// (the reference, run again, marks nothing more) and the sentences are the
// reference's.
func checkMarks(t *testing.T, text string, window int) {
	t.Helper()
	d := NewPlain([]byte(text))
	for range d.Windows(window) {
		for i, tok := range d.Tokens {
			want := tok.Kind != Word && tok.Kind != Number || tok.Kind == Word && tok.Has(Abbrev) && d.Text[tok.End-1] == '.'
			if want && !slices.Contains(d.marks, int32(i)) {
				t.Fatalf("token %d %q (%v) is not a mark", i, d.TokenText(i), tok.Kind)
			}
		}
		toks := slices.Clone(d.Tokens)
		var sentences []Sentence
		for _, p := range d.Paragraphs {
			d.refMarkAbbreviations(p.Tokens)
			sentences = append(sentences, d.refSplitSentences(p.Tokens)...)
		}
		if !slices.Equal(toks, d.Tokens) {
			t.Fatalf("window %v: the reference marks more abbreviations", d.Window)
		}
		if !slices.Equal(sentences, d.Sentences) {
			t.Fatalf("window %v: sentences\n%v\nwant\n%v", d.Window, d.Sentences, sentences)
		}
	}
}

func TestMarksSentences(t *testing.T) {
	for _, text := range []string{
		"", "a", ".", "Mr. Smith went to Washington. He said “no.” Then he left!",
		"The U.S. economy grew. The U.K. did not... Or did it? Yes (it did.) \"Really.\" Dr. No. 10 was e.g. here.",
		"Prices rose 3.5% on Jan. 5. Sales in the U.S. rose. Inc. and Ltd. are J. K. Rowling's.",
		"Home › World\r\n\r\nA headline\nA line. another line.\n\n1. First. 2. Second.",
	} {
		checkMarks(t, text, 0)
	}
	for _, f := range []string{"../../testdata/mt-article.txt", "testdata/sentences.txt"} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkMarks(t, string(raw), 0)
		checkMarks(t, strings.Repeat(string(raw)+"\n\n", 20), 4096)
	}
}

// FuzzMarks checks the sentences and abbreviations of any text against the
// reference loops.
func FuzzMarks(f *testing.F) {
	for _, s := range []string{"Mr. Smith went to Washington. He said “no.”", "U.S.. e.g.. ...", "a.m. 5 p.m. Inc. (Ltd.) \"J.\" K."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) { checkMarks(t, text, 64) })
}
