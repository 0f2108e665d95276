package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// posFiles are the parts of speech of the database's files, all of which are
// read: the collocations and glosses of every file count, though synonyms are
// taken only from the noun and adjective senses (see generator.options).
var posFiles = []string{"noun", "verb", "adj", "adv"}

// WordNet is the part of the WordNet database that spingen reads: for each
// lemma and part of speech its synsets in sense order, each synset's lemmas,
// the noun plurals that are irregular, every multi-word lemma (a collocation
// of ordinary English) and the glosses.
type WordNet struct {
	// senses maps pos + "\x00" + lemma to synset keys, most frequent first.
	senses map[string][]string
	// synsets maps a synset key (pos letter + offset) to its lemmas.
	synsets map[string]*synset
	// plurals maps a noun lemma to its irregular plural (noun.exc).
	plurals map[string]string
	// offensive holds words that have an offensive sense.
	offensive map[string]bool
	// bases maps an irregular plural to its lemma.
	bases map[string]string
	// collocations holds every multi-word lemma, words separated by a
	// space, lower case.
	collocations map[string]bool
	// glosses are the definitions and example sentences, one a line: an
	// English corpus of about 1.5 million words that spingen adds to the
	// clean news corpora.
	glosses []string
}

type synset struct {
	lemmas []string
	// offensive marks a synset whose gloss calls it a slur, offensive,
	// disparaging, vulgar or obscene: none of its words is ever used.
	offensive bool
}

// offensiveMarks are the words with which WordNet's glosses label slurs and
// vulgar senses.
var offensiveMarks = []string{"offensive", "slur", "disparaging", "derogatory", "vulgar", "obscene", "racist"}

// loadWordNet reads index.*, data.* and noun.exc from dir.
func loadWordNet(dir string) (*WordNet, error) {
	wn := &WordNet{
		senses:       map[string][]string{},
		synsets:      map[string]*synset{},
		plurals:      map[string]string{},
		bases:        map[string]string{},
		collocations: map[string]bool{},
	}
	for _, pos := range posFiles {
		if err := wn.readIndex(filepath.Join(dir, "index."+pos), pos); err != nil {
			return nil, err
		}
		if err := wn.readData(filepath.Join(dir, "data."+pos), pos); err != nil {
			return nil, err
		}
	}
	wn.markOffensive()
	if err := eachLine(filepath.Join(dir, "noun.exc"), func(line string) error {
		f := strings.Fields(line)
		if len(f) >= 2 {
			if _, dup := wn.plurals[f[1]]; !dup {
				wn.plurals[f[1]] = f[0]
			}
			wn.bases[f[0]] = f[1]
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return wn, nil
}

// markOffensive records the words that WordNet has in an offensive sense:
// a slur stays one in any context, so such a word is never offered.
func (wn *WordNet) markOffensive() {
	wn.offensive = map[string]bool{}
	for _, ss := range wn.synsets {
		if ss.offensive {
			for _, w := range ss.lemmas {
				wn.offensive[strings.ToLower(w)] = true
			}
		}
	}
}

// eachLine calls fn for each line of the file at path, skipping the licence
// header lines that start with two spaces.
func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %v", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// readIndex reads an index file: lemma pos synset_cnt p_cnt [ptr...]
// sense_cnt tagsense_cnt offset... (offsets in sense order).
func (wn *WordNet) readIndex(path, pos string) error {
	return eachLine(path, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 6 {
			return nil
		}
		pcnt, err := strconv.Atoi(f[3])
		if err != nil {
			return fmt.Errorf("pointer count %q", f[3])
		}
		first := 4 + pcnt + 2
		if first > len(f) {
			return fmt.Errorf("short line")
		}
		var keys []string
		for _, off := range f[first:] {
			keys = append(keys, pos[:1]+off)
		}
		wn.senses[pos+"\x00"+f[0]] = keys
		return nil
	})
}

// readData reads a data file: offset lex_filenum ss_type w_cnt(hex) word
// lex_id ... p_cnt ptr... | gloss.
func (wn *WordNet) readData(path, pos string) error {
	return eachLine(path, func(line string) error {
		body, gloss, _ := strings.Cut(line, " | ")
		f := strings.Fields(body)
		if len(f) < 4 {
			return nil
		}
		wcnt, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			return fmt.Errorf("word count %q", f[3])
		}
		ss := &synset{}
		i := 4
		for k := 0; k < int(wcnt) && i+1 < len(f); k++ {
			w := f[i]
			if j := strings.IndexByte(w, '('); j > 0 { // adjective markers: (a), (p), (ip)
				w = w[:j]
			}
			if strings.Contains(w, "_") {
				wn.collocations[strings.ToLower(strings.ReplaceAll(w, "_", " "))] = true
			}
			ss.lemmas = append(ss.lemmas, w)
			i += 2
		}
		lg := strings.ToLower(gloss)
		for _, m := range offensiveMarks {
			if strings.Contains(lg, m) {
				ss.offensive = true
			}
		}
		wn.synsets[pos[:1]+f[0]] = ss
		if gloss = strings.TrimSpace(gloss); gloss != "" {
			wn.glosses = append(wn.glosses, gloss)
		}
		return nil
	})
}

// Synonym is one single-word synonym of a word, with the rank of the first
// sense it came from (0 = the word's commonest sense).
type Synonym struct {
	Word string
	Rank int
}

// Synonyms returns the single-word synonyms of lemma in the first maxSenses
// senses of each part of speech in poss, best rank first; ties keep
// WordNet's order. Only the lemmas of a synset count: the looser similar-to
// links of adjectives make ordinary paraphrases ("public" -> "national").
// Words of offensive senses are left out everywhere.
func (wn *WordNet) Synonyms(lemma string, poss []string, maxSenses int) []Synonym {
	best := map[string]int{}
	var order []string
	add := func(ss *synset, rank int) {
		if ss == nil || ss.offensive {
			return
		}
		for _, w := range ss.lemmas {
			// Multi-word lemmas, abbreviations and proper names (USA,
			// Congress) are not what a thesaurus offers for a common word.
			if w == lemma || strings.ContainsAny(w, "_.") || strings.ToLower(w) != w || wn.offensive[w] {
				continue
			}
			if r, ok := best[w]; !ok || rank < r {
				if !ok {
					order = append(order, w)
				}
				best[w] = rank
			}
		}
	}
	for _, pos := range poss {
		for r, key := range wn.senses[pos+"\x00"+lemma] {
			if r == maxSenses {
				break
			}
			add(wn.synsets[key], r)
		}
	}
	out := make([]Synonym, 0, len(order))
	for _, w := range order {
		out = append(out, Synonym{w, best[w]})
	}
	return out
}

// Has reports whether lemma is a WordNet word of part of speech pos.
func (wn *WordNet) Has(pos, lemma string) bool { return len(wn.senses[pos+"\x00"+lemma]) > 0 }

// IsNoun reports whether lemma is a WordNet noun.
func (wn *WordNet) IsNoun(lemma string) bool { return wn.Has("noun", lemma) }

// Plural returns the plural of a noun lemma: WordNet's irregular form, or
// the regular one.
func (wn *WordNet) Plural(w string) string {
	if p, ok := wn.plurals[w]; ok {
		return p
	}
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case len(w) > 1 && strings.HasSuffix(w, "y") && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// Singular returns the lemma of w if w is the plural of a WordNet noun, and
// false if it is not a plural.
func (wn *WordNet) Singular(w string) (string, bool) {
	if b, ok := wn.bases[w]; ok && b != w {
		return b, true
	}
	for _, c := range []struct{ suf, rep string }{{"ies", "y"}, {"ches", "ch"}, {"shes", "sh"}, {"sses", "ss"}, {"xes", "x"}, {"s", ""}} {
		if strings.HasSuffix(w, c.suf) && len(w) > len(c.suf)+1 {
			b := w[:len(w)-len(c.suf)] + c.rep
			if wn.IsNoun(b) && wn.Plural(b) == w {
				return b, true
			}
		}
	}
	return w, false
}
