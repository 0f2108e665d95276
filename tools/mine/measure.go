package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/rules/packs"
)

// hit is one match of an entry in a text: where, for review.
type hit struct {
	where, context string
}

// entryCounts are one entry's matches on every corpus.
type entryCounts struct {
	bbc       []hit
	mt, human map[string]int // by corpus ("wmt22 cs-en")
	humanHits []hit
}

// measure counts the matches of the entries of the pack file at path (those
// at or after line fromLine) on BBC articles, on every MT system output and
// on the human side of every pair of corpora.Parallel, and writes a table:
// BBC articles matched, and per corpus matches per 1,000 lines of MT (all
// systems pooled) and of human text. Up to show human and BBC matches are
// printed under each entry for review (they are corpus text: do not commit
// them).
func measure(w io.Writer, dir, path string, fromLine, show int) error {
	p, _, err := packs.LoadFile(path)
	if err != nil {
		return err
	}
	set, err := packs.Compile([]*packs.Pack{p})
	if err != nil {
		return err
	}
	counts := make([]*entryCounts, len(p.Entries))
	for i := range counts {
		counts[i] = &entryCounts{mt: map[string]int{}, human: map[string]int{}}
	}
	// BBC: one document per article.
	articles, err := corpora.BBCArticles(filepath.Join(dir, "bbc-news-dev"))
	if err != nil {
		return err
	}
	for _, a := range articles {
		data, err := os.ReadFile(a)
		if err != nil {
			return err
		}
		name := filepath.Base(filepath.Dir(a)) + "/" + filepath.Base(a)
		eachMatch(set, string(data), func(entry int, text string, start, end int) {
			counts[entry].bbc = append(counts[entry].bbc, hit{name, around(text, start, end)})
		})
	}
	pairs, err := corpora.Parallel(dir)
	if err != nil {
		return err
	}
	var names []string
	mtLines, hLines := map[string]int{}, map[string]int{} // lines checked by corpus, for the rates
	for _, pr := range pairs {
		c, err := readCorpus(pr)
		if err != nil {
			return err
		}
		name := setName(pr.Corpus) + " " + pr.Lang
		names = append(names, name)
		side := func(lines []string, f func(entry int, line int, ctx string)) {
			var sb strings.Builder
			starts := make([]int, len(lines))
			for i, l := range lines {
				starts[i] = sb.Len()
				sb.WriteString(strings.ReplaceAll(l, "\n", " "))
				sb.WriteString("\n\n")
			}
			eachMatch(set, sb.String(), func(entry int, text string, start, end int) {
				line := sort.SearchInts(starts, start+1) - 1
				f(entry, line, around(text, start, end))
			})
		}
		for s := range c.mt {
			side(c.mt[s], func(entry, _ int, _ string) { counts[entry].mt[name]++ })
		}
		for r := range c.human {
			side(c.human[r], func(entry, line int, ctx string) {
				counts[entry].human[name]++
				counts[entry].humanHits = append(counts[entry].humanHits, hit{name + " " + c.humans[r] + " #" + c.segmentIDs[line], ctx})
			})
		}
		mtLines[name] = len(c.mt) * c.segments()
		hLines[name] = len(c.human) * c.segments()
	}
	fmt.Fprintf(w, "# %s: %d BBC articles; per corpus: matches per 1,000 lines MT / human (raw MT, human)\n", path, len(articles))
	for i, e := range p.Entries {
		if e.Line < fromLine {
			continue
		}
		ec := counts[i]
		var mtTotal, hTotal int
		var cells []string
		for _, n := range names {
			mtTotal += ec.mt[n]
			hTotal += ec.human[n]
			if ec.mt[n]+ec.human[n] == 0 {
				continue
			}
			cells = append(cells, fmt.Sprintf("%s %.2f/%.2f (%d,%d)", n, 1000*float64(ec.mt[n])/float64(mtLines[n]),
				1000*float64(ec.human[n])/float64(hLines[n]), ec.mt[n], ec.human[n]))
		}
		fmt.Fprintf(w, "line %d\t%s\tBBC %d\tMT %d\thuman %d\t%s\n", e.Line, e.Pattern, len(ec.bbc), mtTotal, hTotal, strings.Join(cells, "; "))
		for j, h := range ec.bbc {
			if j >= show {
				break
			}
			fmt.Fprintf(w, "\tBBC %s: %s\n", h.where, h.context)
		}
		for j, h := range ec.humanHits {
			if j >= show {
				break
			}
			fmt.Fprintf(w, "\tHUMAN %s: %s\n", h.where, h.context)
		}
	}
	return nil
}

// eachMatch calls f with every match of set in text.
func eachMatch(set *packs.Set, text string, f func(entry int, text string, start, end int)) {
	d := document.NewPlain([]byte(text))
	for range d.Windows(0) {
		for _, m := range set.Find(d) {
			f(int(m.Entry), d.Text, d.Tokens[m.First].S(), d.Tokens[m.Last-1].E())
		}
	}
}

// around returns the match in text with 60 bytes of context either side.
func around(text string, start, end int) string {
	a, b := max(0, start-60), min(len(text), end+60)
	for a > 0 && text[a]&0xC0 == 0x80 {
		a--
	}
	for b < len(text) && text[b]&0xC0 == 0x80 {
		b++
	}
	return strings.ReplaceAll(text[a:start]+"[["+text[start:end]+"]]"+text[end:b], "\n", " ")
}
