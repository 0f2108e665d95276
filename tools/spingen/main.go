// Command spingen generates rules/packs/spinning-generated.yaml: candidate
// tortured phrases made the way a synonym spinner makes them, by rewriting
// the words of common news and science terms ("interest rate", "press
// conference", "machine learning") with synonyms from WordNet and from a
// small table of swaps that spinners are known to make (terms.go).
//
// A WordNet synonym comes from the first senses of the word's role in the
// term (noun senses for the head, adjective senses for an adjective before
// it); it must be a common word of the corpora and not an everyday word that
// fits anywhere. A rewrite must change every word that has a synonym, and at
// least two. It is kept only if it is not ordinary English as far as the
// generator can tell: no pair of neighbouring words that a substitution
// touches occurs in the clean news corpora or in WordNet's glosses, the
// phrase is no WordNet collocation and not on the stop list, and the curated
// pack (spinning-tortured.yaml) does not already have it. Entries are info;
// a rewrite made only of attested swaps, one of them a telltale word of
// spinning ("bosom", "vitality"), is a warning.
//
// Run it from the repository root:
//
//	go run ./tools/spingen [-wordnet /usr/share/wordnet] [-corpora ../shared/corpora]
//
// With -recall it generates nothing and measures instead how many of the
// lines a synonym spinner damaged the spinning rules flag (recall.go):
//
//	go run ./tools/spingen -recall [-rate 0.3] [-half tune|held-out|both]
//
// WordNet comes from Debian's wordnet-base package (apt-get install
// wordnet-base); its licence is in LICENSE-WordNet.txt beside this file. The
// output is sorted and depends only on the inputs, so a rerun on the same
// data writes the same file.
package main

import (
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/packs"
)

func main() {
	var o options
	flag.StringVar(&o.wordnet, "wordnet", "/usr/share/wordnet", "directory of the WordNet 3.0 database (index.*, data.*, noun.exc)")
	flag.StringVar(&o.corpora, "corpora", "../shared/corpora", "directory holding bbc-news-dev/ and wmt23-dev/references/")
	flag.StringVar(&o.curated, "curated", "rules/packs/spinning-tortured.yaml,rules/packs/spinning-screener.yaml", "comma-separated packs whose phrases are not generated again (empty: none)")
	flag.StringVar(&o.out, "out", "rules/packs/spinning-generated.yaml", "file to write")
	flag.IntVar(&o.perTerm, "per-term", 14, "most candidates kept for one term")
	flag.IntVar(&o.synonyms, "synonyms", 8, "most synonyms tried for one word")
	flag.IntVar(&o.senses, "senses", 2, "senses of each part of speech whose synonyms are tried")
	flag.IntVar(&o.minFreq, "min-freq", 5, "a WordNet synonym must occur this often in the corpora and glosses")
	flag.BoolVar(&o.verbose, "v", false, "list rejected candidates on stderr")
	flag.IntVar(&o.collocMin, "colloc-min", 3, "a collocation of clean news is a term if it occurs this often (colloc.go)")
	flag.IntVar(&o.collocs, "collocs", 5000, "most collocations taken as terms (0: none)")
	flag.IntVar(&o.collocMinFreq, "colloc-min-freq", 1, "like -min-freq, for the synonyms in collocations: rare words are what make a one-word swap odd")
	flag.BoolVar(&o.adjSwap, "adj-swap", false, "allow a one-word rewrite of a collocation's adjective (off: \"novel ways\", \"extraordinary quality\" are ordinary English that MT outputs use)")
	flag.IntVar(&o.oddRatio, "odd-ratio", 4, "a one-word rewrite of a collocation needs a word this many times rarer than the one it replaces")
	var ro recallOptions
	recall := flag.Bool("recall", false, "do not generate: measure the spinning rules' recall on spun WMT references (see recall.go)")
	flag.Float64Var(&ro.rate, "rate", 0.3, "with -recall: share of content words the spinner replaces")
	flag.Uint64Var(&ro.seed, "seed", 1, "with -recall: the spinner's seed")
	flag.IntVar(&ro.blockLines, "block", 20, "with -recall: lines of a reference checked as one document")
	flag.StringVar(&ro.half, "half", "both", "with -recall: tune, held-out or both")
	flag.BoolVar(&ro.bbc, "bbc", true, "with -recall: also count spinning findings on the BBC articles")
	flag.IntVar(&ro.show, "show", 0, "with -recall: print this many spun lines on stderr, for review")
	flag.Parse()
	if *recall {
		ro.wordnet, ro.corpora = o.wordnet, o.corpora
		if _, err := measureRecall(ro, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "spingen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "spingen:", err)
		os.Exit(1)
	}
}

type options struct {
	wordnet, corpora, curated, out string
	perTerm, synonyms, senses      int
	minFreq                        int
	collocMin, collocs, oddRatio   int
	collocMinFreq                  int
	adjSwap                        bool
	verbose                        bool
}

// candidate is one generated spun form of a term.
type candidate struct {
	words    []string // the spun phrase, one token a word
	term     string   // the term it rewrites
	subs     int      // how many words were substituted
	content  int      // how many words of the term could be
	rank     int      // sum of the synonyms' sense ranks
	minFreq  int      // corpus frequency of the rarest substitute
	attested bool     // every substitution is a known spinner swap
}

func (c *candidate) phrase() string { return strings.Join(c.words, " ") }

// stats count what the generator did, for the file's header and stderr.
type stats struct {
	collocMin, terms, collocs, generated, partial, inCorpus, collocation, stop, curated, capped, kept, warnings int
}

func run(o options) error {
	wn, err := loadWordNet(o.wordnet)
	if err != nil {
		return fmt.Errorf("reading WordNet (apt-get install wordnet-base, or -wordnet DIR): %v", err)
	}
	corpus := newCorpus()
	if err := corpus.addDir(o.corpora, freqGlobs, false); err != nil {
		return err
	}
	corpus.addText([]byte(strings.Join(wn.glosses, "\n\n")))
	// The clean check reads more than the word counts: every corpus of
	// clean or fluent English there is (cleanGlobs), and the glosses.
	clean := newCorpus()
	if err := clean.addDir(o.corpora, cleanGlobs, true); err != nil {
		return err
	}
	newsFiles := clean.Files
	clean.addText([]byte(strings.Join(wn.glosses, "\n\n")))
	var curated *packs.Set
	if o.curated != "" {
		var ps []*packs.Pack
		for _, path := range strings.Split(o.curated, ",") {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			p, err := packs.Parse(path, data)
			if err != nil {
				return err
			}
			// A curated phrase is not generated again even where the
			// curated entry's guards or document conditions would keep it
			// quiet: the generated entry has none and would fire in
			// exactly the innocent uses.
			for _, e := range p.Entries {
				e.Guard, e.Requires, e.Excludes = packs.Guard{}, nil, nil
			}
			ps = append(ps, p)
		}
		var err error
		if curated, err = packs.Compile(ps); err != nil {
			return err
		}
	}
	g := &generator{o: o, wn: wn, corpus: corpus, clean: clean, curated: curated, termSet: map[string]bool{}, collocSet: map[string]bool{}}
	for _, t := range terms {
		g.termSet[fold(t)] = true
	}
	allTerms := slices.Clone(terms)
	if o.collocs > 0 {
		cs, err := collocations(wn, o.corpora, evalBlock, o.collocMin, o.collocs)
		if err != nil {
			return err
		}
		for _, t := range cs {
			if !g.termSet[t] {
				g.termSet[t] = true
				g.collocSet[t] = true
				allTerms = append(allTerms, t)
				g.st.collocs++
			}
		}
	}
	var all []*candidate
	seen := map[string]bool{}
	doneTerm := map[string]bool{}
	for _, t := range allTerms {
		if doneTerm[fold(t)] {
			continue
		}
		doneTerm[fold(t)] = true
		g.st.terms++
		for _, c := range g.forTerm(t) {
			k := fold(c.phrase())
			if seen[k] {
				continue
			}
			seen[k] = true
			all = append(all, c)
		}
	}
	slices.SortFunc(all, func(a, b *candidate) int {
		if c := strings.Compare(fold(a.phrase()), fold(b.phrase())); c != 0 {
			return c
		}
		return strings.Compare(a.term, b.term)
	})
	all = g.selfCheck(all)
	g.st.kept = len(all)
	g.st.collocMin = o.collocMin
	for _, c := range all {
		if c.attested {
			g.st.warnings++
		}
	}
	out, err := render(all, g.st, newsFiles)
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.out, []byte(out), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "spingen: %d terms, %d candidates: %d partial rewrites, %d in clean text, %d collocations, %d stop-listed, %d curated, %d over the per-term cap; wrote %d entries (%d warning) to %s\n",
		g.st.terms, g.st.generated, g.st.partial, g.st.inCorpus, g.st.collocation, g.st.stop, g.st.curated, g.st.capped, g.st.kept, g.st.warnings, o.out)
	return nil
}

type generator struct {
	o       options
	wn      *WordNet
	corpus  *Corpus // word counts
	clean   *Corpus // the clean check
	curated *packs.Set
	termSet map[string]bool
	// collocSet holds the terms taken from frequent collocations
	// (colloc.go): a rewrite of one of their two words is enough.
	collocSet map[string]bool
	st        stats
}

// option is one word that may stand at a position of a term.
type option struct {
	word     string
	rank     int
	freq     int
	sub      bool
	attested bool
}

// noPlural are words ending in s that are not plurals of another noun.
var noPlural = map[string]bool{
	"species": true, "series": true, "news": true, "means": true, "politics": true, "physics": true,
	"economics": true, "mathematics": true, "headquarters": true, "arms": true, "gas": true, "bus": true,
	"crisis": true, "analysis": true, "process": true, "press": true, "business": true, "status": true,
	"virus": true, "campus": true, "bonus": true, "consensus": true, "census": true, "atlas": true,
	"glass": true, "class": true, "loss": true, "access": true, "stress": true, "address": true,
	"congress": true, "progress": true, "success": true, "fitness": true, "illness": true, "witness": true,
	"wellness": true, "christmas": true, "chess": true, "commons": true,
}

// lastContent returns the index of the last word of words that is not a
// function word.
func lastContent(words []string) int {
	for i := len(words) - 1; i >= 0; i-- {
		if !functionWords[fold(words[i])] {
			return i
		}
	}
	return -1
}

// options returns what may stand at position i of term words: the word
// itself first, then its synonyms.
func (g *generator) options(words []string, i int) []option {
	w := words[i]
	lw := fold(w)
	keep := []option{{word: w}}
	if functionWords[lw] {
		return keep
	}
	base, plural := lw, false
	if !noPlural[lw] {
		base, plural = g.wn.Singular(lw)
	}
	capital := startsUpper(w)
	var opts []option
	have := map[string]bool{}
	addOpt := func(s string, rank int, isAttested bool) {
		form := s
		if _, already := g.wn.Singular(s); plural && !isAttested && !already {
			form = g.wn.Plural(s)
		}
		lf := fold(form)
		if have[lf] || lf == lw || stopWords[fold(s)] || !plainWord(form) || sameStem(fold(s), base) {
			return
		}
		freq := max(g.corpus.Freq(fold(s)), g.corpus.Freq(lf))
		if !isAttested {
			// A WordNet synonym must be a common word, not an everyday
			// one that fits anywhere, and in the term's number: a plural
			// the corpora never show is a made-up form ("earningses").
			minFreq := g.o.minFreq
			if g.collocSet[fold(strings.Join(words, " "))] {
				minFreq = g.o.collocMinFreq
			}
			if freq < minFreq || utf8.RuneCountInString(s) < 3 || generic[lf] || generic[fold(s)] {
				return
			}
			if plural && g.corpus.Freq(lf) == 0 {
				return
			}
		}
		have[lf] = true
		if capital {
			form = upperFirst(form)
		}
		opts = append(opts, option{word: form, rank: rank, freq: freq, sub: true, attested: isAttested})
	}
	for _, s := range attested[lw] {
		addOpt(s, 0, true)
	}
	// A term's last word is its head noun: its noun senses are tried. A
	// word before it is a modifier: its adjective senses if it is an
	// adjective, else its noun senses ("police" in "police officer").
	poss := []string{"noun"}
	if i < lastContent(words) && !plural && g.wn.Has("adj", base) {
		poss = []string{"adj"}
	}
	var syns []option
	for _, s := range g.wn.Synonyms(base, poss, g.o.senses) {
		syns = append(syns, option{word: s.Word, rank: s.Rank, freq: g.corpus.Freq(fold(s.Word))})
	}
	slices.SortStableFunc(syns, func(a, b option) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		if a.freq != b.freq {
			return b.freq - a.freq
		}
		return strings.Compare(a.word, b.word)
	})
	for _, s := range syns {
		if len(opts) >= g.o.synonyms {
			break
		}
		isAtt := slices.Contains(attested[lw], s.word)
		addOpt(s.word, s.rank, isAtt)
	}
	return append(keep, opts...)
}

// forTerm returns the candidates kept for one term, best first.
func (g *generator) forTerm(term string) []*candidate {
	words := strings.Fields(term)
	opts := make([][]option, len(words))
	content := 0
	for i := range words {
		opts[i] = g.options(words, i)
		if len(opts[i]) > 1 {
			content++
		}
	}
	var out []*candidate
	idx := make([]int, len(words))
	for {
		// Advance the odometer; the all-zero start is the term itself.
		k := len(idx) - 1
		for k >= 0 {
			idx[k]++
			if idx[k] < len(opts[k]) {
				break
			}
			idx[k] = 0
			k--
		}
		if k < 0 {
			break
		}
		c := &candidate{term: term, content: content, minFreq: 1 << 30, attested: true}
		subAt := make([]bool, len(words))
		for i, j := range idx {
			op := opts[i][j]
			c.words = append(c.words, op.word)
			if op.sub {
				subAt[i] = true
				c.subs++
				c.rank += op.rank
				c.minFreq = min(c.minFreq, op.freq)
				c.attested = c.attested && op.attested
			}
		}
		// Only the hand-written terms give warnings: a frequent pair was
		// not read ("worldwide destitution" for "global poverty" is a
		// writer's choice too).
		c.attested = c.attested && c.subs == content && content >= 2 && hasSignature(c.words, idx) && !g.collocSet[fold(term)]
		g.st.generated++
		// A spinner rewrites every word it has a synonym for, and a phrase
		// with one word changed is too often still ordinary English
		// ("breast disease", "good diet", "fiscal crisis"): keep rewrites
		// of every rewritable word, and at least two of them.
		// A frequent collocation is different: it is so common in clean
		// news that a rewrite of one of its words, absent from all the
		// clean text, is already a sign ("unsmooth patch") if the new word
		// is an odd one: much rarer than the word it replaces, and not an
		// adjective (see oddSwap). A swap between common words
		// ("important step", "important measure") is ordinary paraphrase,
		// and a number word is never a synonym.
		if g.collocSet[term] && c.subs == 1 && content == 2 {
			if !g.oddSwap(words, c.words) {
				g.st.partial++
				continue
			}
		} else if c.subs < content || c.subs < 2 {
			g.st.partial++
			continue
		}
		if reason := g.reject(c, subAt); reason != "" {
			if g.o.verbose {
				fmt.Fprintf(os.Stderr, "reject\t%s\t%s\t%s\n", reason, term, c.phrase())
			}
			continue
		}
		out = append(out, c)
	}
	// Attested rewrites first, then those from the commonest senses and
	// words.
	slices.SortStableFunc(out, func(a, b *candidate) int {
		if a.subs != b.subs {
			return b.subs - a.subs
		}
		if a.attested != b.attested {
			if a.attested {
				return -1
			}
			return 1
		}
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		if a.minFreq != b.minFreq {
			return b.minFreq - a.minFreq
		}
		return strings.Compare(a.phrase(), b.phrase())
	})
	if len(out) > g.o.perTerm {
		g.st.capped += len(out) - g.o.perTerm
		out = out[:g.o.perTerm]
	}
	return out
}

// oddSwap reports whether the one word that spun differs from term is
// at most 1/oddRatio as frequent in the corpora as the word it replaces,
// not a number word and, unless -adj-swap, not in place of an adjective: a
// rarer adjective is too often a writer's own choice ("novel ways" for "new
// ways", "extraordinary quality"), as the held-out WMT system outputs
// showed.
func (g *generator) oddSwap(term, spun []string) bool {
	for i := range term {
		a, b := fold(term[i]), fold(spun[i])
		if a == b {
			continue
		}
		if numberWords[b] {
			return false
		}
		if i == 0 && !g.o.adjSwap && g.wn.Has("adj", a) {
			return false
		}
		return g.corpus.Freq(b)*g.o.oddRatio <= g.corpus.Freq(a)
	}
	return false
}

// numberWords are never synonyms in a spun phrase ("past ten" for "past
// decade" reads as a time of day).
var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "twenty": true,
	"hundred": true, "thousand": true, "million": true, "billion": true, "dozen": true,
}

// hasSignature reports whether one of the words chosen by idx (a
// substitute, not a word of the term) is a signature word.
func hasSignature(words []string, idx []int) bool {
	for i, j := range idx {
		if j > 0 && signature[fold(words[i])] {
			return true
		}
	}
	return false
}

// reject says why c is not kept, or returns "".
func (g *generator) reject(c *candidate, subAt []bool) string {
	lw := make([]string, len(c.words))
	for i, w := range c.words {
		lw[i] = fold(w)
	}
	for i := range lw {
		for j := i + 1; j < len(lw); j++ {
			if lw[i] == lw[j] && !functionWords[lw[i]] {
				return "repeated word"
			}
		}
	}
	phrase := strings.Join(lw, " ")
	if stopPhrases[phrase] || g.termSet[phrase] {
		g.st.stop++
		return "stop list"
	}
	if g.wn.collocations[phrase] {
		g.st.collocation++
		return "WordNet collocation"
	}
	// Each pair of neighbouring content words, with the function words
	// between them, must be new to the corpora if a substitution touches it.
	prev := -1
	for i := range lw {
		if functionWords[lw[i]] {
			continue
		}
		if prev >= 0 && (subAt[prev] || subAt[i]) {
			span := lw[prev : i+1]
			if g.wn.collocations[strings.Join(span, " ")] {
				g.st.collocation++
				return "WordNet collocation: " + strings.Join(span, " ")
			}
			if g.clean.HasSeq(span) {
				g.st.inCorpus++
				return "in clean text: " + strings.Join(span, " ")
			}
		}
		prev = i
	}
	if g.curated != nil && fires(g.curated, flaggedExample(c)) {
		g.st.curated++
		return "in the curated pack"
	}
	return ""
}

// selfCheck compiles the generated entries and drops any whose flagged
// example it does not flag or whose unflagged example it flags (a rewrite
// of one term can be part of another term).
func (g *generator) selfCheck(cs []*candidate) []*candidate {
	p := &packs.Pack{Name: "spinning-generated", Category: rules.Spinning, Severity: rules.Info, Doc: "d", Explanation: "e", Source: "generated"}
	for _, c := range cs {
		p.Entries = append(p.Entries, &packs.Entry{Pattern: c.phrase(), Message: "m"})
	}
	set, err := packs.Compile([]*packs.Pack{p})
	if err != nil {
		panic(err)
	}
	var out []*candidate
	for _, c := range cs {
		if fires(set, flaggedExample(c)) && !fires(set, unflaggedExample(c)) {
			out = append(out, c)
		} else if g.o.verbose {
			fmt.Fprintf(os.Stderr, "reject\tself-check\t%s\t%s\n", c.term, c.phrase())
		}
	}
	return out
}

func fires(s *packs.Set, text string) bool {
	d := document.NewPlain([]byte(text))
	d.Segment()
	return len(s.Find(d)) > 0
}

func flaggedExample(c *candidate) string {
	return "The report discussed " + c.phrase() + " at length."
}

func unflaggedExample(c *candidate) string {
	return "The report discussed " + c.term + " at length."
}

// HasSeq reports whether the words of seq (two or three) occur in a row.
func (c *Corpus) HasSeq(seq []string) bool {
	if len(seq) == 2 {
		return c.HasPair(seq[0], seq[1])
	}
	return c.seqs[seqHash(seq)]
}

func seqHash(seq []string) uint64 {
	h := fnv.New64a()
	for _, w := range seq {
		h.Write([]byte(w))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// plainWord reports whether w is one token of letters, with inner hyphens
// or apostrophes: something a pattern can hold as one element.
func plainWord(w string) bool {
	if w == "" {
		return false
	}
	for i, r := range w {
		switch {
		case unicode.IsLetter(r):
		case (r == '-' || r == '\'') && i > 0 && i < len(w)-1:
		default:
			return false
		}
	}
	return true
}

// sameStem reports whether a and b are forms of one word ("economic",
// "economical"), which a reader would not see as a rewrite.
func sameStem(a, b string) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n >= 5 || n == len(a) || n == len(b)
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func upperFirst(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}
