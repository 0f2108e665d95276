// Command ppsgen generates rules/packs/spinning-screener.yaml, the built-in
// pack that covers the tortured-phrase dictionary of the Problematic Paper
// Screener (Cabanac, Labbé & Magazinov; CC BY 4.0), and
// rules/packs/spinning-screener-left-out.tsv, the dictionary's phrases left
// out with the reason for each. It also prints the acceptance measure of the
// spinning rules (-measure).
//
// It reads the two exports in ../shared/corpora/tortured-phrases when they
// are present: the CSV of Dimensions queries (a plain phrase, "a" AND "b",
// "a" NOT "b", "a b"~N) and the JSON list of {tortured, correct} pairs. Each
// phrase becomes an entry unless
//   - a built-in pack already has an entry for it (a curated entry, with its
//     guards, wins over a generated one without);
//   - it fires on clean text: the BBC news dev set, the human references of
//     WMT22 and WMT23 and the MLQE-PE post-edits, or the MT outputs of those
//     folders (unless a hit there was reviewed as a machine-translation
//     artifact itself, see mtArtifacts);
//   - it is one word (a single word is too often innocent);
//   - its generated examples do not hold.
//
// A CSV query's AND and NOT parts become the entry's requires and excludes,
// as in an import; a proximity query "a b"~N becomes the phrase "a b", a
// group "a" AND ("b" OR "c") requires b or c, and a part in brackets
// ("data technology (IT)") is dropped.
// An entry is info, not a warning, where the phrase may be innocent in news:
// its query needs an expected term (AND: the Screener itself found the
// phrase alone ambiguous), two of its neighbouring words occur together in
// clean human text ("the taking after": "taking after" is English), it is
// two words both common in clean text ("data board": the pair is unseen
// only by chance), or it holds a number ("2nd request", "128 pieces"). The document evidence of the
// spinning rules promotes info entries when the document has a sure tortured
// phrase. The others are warnings.
//
// Run it from the repository root:
//
//	go run ./tools/ppsgen [-corpora ../shared/corpora]
//	go run ./tools/ppsgen -measure [-v]
//	go run ./tools/ppsgen -guards
//
// The output is sorted and depends only on the inputs.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mtlint/mtlint/rules/packs"
)

func main() {
	var o options
	flag.StringVar(&o.corpora, "corpora", "../shared/corpora", "directory of the corpora (tortured-phrases/, bbc-news-dev/, wmt22-dev/, wmt23-dev/, mlqe-pe-dev/)")
	flag.StringVar(&o.packs, "packs", "rules/packs", "directory of the built-in packs")
	flag.StringVar(&o.out, "out", "", "directory to write the pack and the list to (default: -packs)")
	doMeasure := flag.Bool("measure", false, "print the acceptance measure of the built-in spinning rules instead")
	doGuards := flag.Bool("guards", false, "print what the guards of the built-in spinning entries keep quiet in clean text instead")
	flag.BoolVar(&o.verbose, "v", false, "list details")
	flag.Parse()
	if *doGuards {
		all, err := packs.LoadFS(os.DirFS(o.packs), ".")
		if err == nil {
			err = guardReport(os.Stdout, o.corpora, all)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "ppsgen:", err)
			os.Exit(2)
		}
		return
	}
	if *doMeasure {
		// the packs as they are in -packs, which may be newer than the
		// compiled ones built into this binary (go generate ./rules/packs)
		all, err := packs.LoadFS(os.DirFS(o.packs), ".")
		var s *packs.Set
		if err == nil {
			s, err = packs.Compile(all)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "ppsgen:", err)
			os.Exit(2)
		}
		ok, err := measure(os.Stdout, o.corpora, filepath.Join(o.corpora, "tortured-phrases", ppsCSV), s, o.verbose)
		if err != nil {
			fmt.Fprintln(os.Stderr, "ppsgen:", err)
			os.Exit(2)
		}
		if !ok {
			os.Exit(1)
		}
		return
	}
	if o.out == "" {
		o.out = o.packs
	}
	if err := generate(o); err != nil {
		fmt.Fprintln(os.Stderr, "ppsgen:", err)
		os.Exit(1)
	}
}

const (
	ppsCSV  = "pps_tortured_hahuyhoang411.csv"
	ppsJSON = "pps_tortured_torturedcheck.json"
	outPack = "spinning-screener.yaml"
	outLeft = "spinning-screener-left-out.tsv"
)

type options struct {
	corpora, packs, out string
	verbose             bool
}
