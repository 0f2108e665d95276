package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/compare"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
)

func compareCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "compare",
		Usage:     "compare an article with a copy of it: substitutions, spin ratio, spun and calqued phrases",
		ArgsUsage: "ORIGINAL SUSPECT",
		UsageText: "mtlint compare [options] ORIGINAL SUSPECT",
		Description: `Aligns SUSPECT, a copy of ORIGINAL (a syndicated or republished version of a
wire story, say), with it word by word and reports how the copy differs:

  - the substitutions: runs of the original's words replaced by others
    (said → stated, artificial intelligence → counterfeit consciousness);
  - the insertions and deletions;
  - the spin ratio: the share of the original's content words (not articles,
    pronouns, prepositions, conjunctions or auxiliaries) that the copy
    replaced; a faithful copy has 0%, a spun one often 20% or more;
  - the substitutions that match spinning or calque patterns: those that
    mtlint's spinning, idiom or grammar rules flag in the copy;
  - the copy's own findings, as mtlint check reports them.

Words are compared without regard to case or to curly and straight
apostrophes; punctuation counts but is not a content word.

Each of ORIGINAL and SUSPECT is a file, - for standard input, or an http://
or https:// URL, read as mtlint check reads it: Markdown and HTML have their
prose extracted (code, markup and front matter skipped), a web page its main
article. Positions are those of the file (of the extracted article for a web
page), lines and columns 1-based.

Output: --format text (the default) shows the copy's text with the
original's words in place, deletions [-struck-] and insertions {+added+}
(coloured on a terminal), then the lists; json gives the same as one object;
html a self-contained page.

Examples:
   mtlint compare wire/story.txt site/story.html
   mtlint compare --summary https://example.org/original https://example.net/copy
   mtlint compare --format html original.md copy.md > compare.html
   mtlint compare --format json a.txt b.txt | jq .spin_ratio
   mtlint compare --fail-over 20% original.txt copy.txt

Exit codes: 0 compared (and, with --fail-over, a spin ratio below it); 1 a
spin ratio at or over --fail-over; 2 a usage error, or an input that could
not be read or fetched.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output `FORMAT`: " + strings.Join(compare.Formats, ", ")},
			&cli.BoolFlag{Name: "summary", Usage: "text format: leave out the inline diff of the whole text"},
			&cli.BoolFlag{Name: "no-color", Usage: "never colour the text output (NO_COLOR does the same)"},
			&cli.StringFlag{Name: "fail-over", Usage: "exit 1 when the spin ratio is `RATIO` or more: a share such as 0.2 or 20%"},
			&cli.StringSliceFlag{Name: "enable", Usage: "turn on rules for the suspect's findings: `RULE` is a rule ID or a category (repeatable, comma-separated)"},
			&cli.StringSliceFlag{Name: "disable", Usage: "turn off rules: `RULE` is a rule ID or a category (repeatable, comma-separated)"},
			&cli.StringSliceFlag{Name: "pack", Usage: "load an extra phrase pack from `FILE` (as mtlint check --pack; repeatable)"},
			&cli.StringFlag{Name: "input-format", Usage: "read both inputs as `FORMAT`: text, markdown or html (default: by extension or Content-Type; standard input is text)"},
			&cli.StringFlag{Name: "encoding", Usage: "read both inputs in character encoding `NAME` (default: a byte order mark, Content-Type or <meta charset>, else UTF-8)"},
			&cli.BoolFlag{Name: "extract", Usage: "HTML files: compare only the main article of each page (web pages always have theirs extracted)"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "URLs: give up a try of a request after `DURATION` (body included)"},
		},
		Action: env.compare,
	}
}

func (env *appEnv) compare(c *cli.Context) error {
	if c.NArg() != 2 {
		return usageErrorf(c, "want two inputs, ORIGINAL and SUSPECT; got %d", c.NArg())
	}
	format := c.String("format")
	if !slices.Contains(compare.Formats, format) {
		return usageErrorf(c, "--format %q: unknown format (want %s)", format, strings.Join(compare.Formats, ", "))
	}
	failOver := -1.0
	if s := c.String("fail-over"); s != "" {
		v, err := parseRatio(s)
		if err != nil {
			return usageErrorf(c, "--fail-over %q: %v", s, err)
		}
		failOver = v
	}
	cfg, err := env.ruleConfig(c, nil)
	if err != nil {
		return err
	}
	chk, err := checker.New(cfg)
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	opt := compare.LoadOptions{
		Encoding: c.String("encoding"),
		Article:  c.Bool("extract"),
		Fetcher:  &source.Fetcher{Timeout: c.Duration("timeout"), UserAgent: source.UserAgentFor(versionString())},
		Stdin:    env.stdin,
		Checker:  chk,
	}
	if name := c.String("input-format"); name != "" {
		f, err := markup.ParseFormat(name)
		if err != nil {
			return usageErrorf(c, "--input-format: %v", err)
		}
		opt.Format = &f
	}
	if opt.Encoding != "" {
		if _, err := source.LookupEncoding(opt.Encoding); err != nil {
			return usageErrorf(c, "--encoding: %v", err)
		}
	}
	if c.Args().Get(0) == source.StdinArg && c.Args().Get(1) == source.StdinArg {
		return usageErrorf(c, "standard input (-) can be only one of the two inputs")
	}
	var docs [2]*compare.Doc
	for i, arg := range c.Args().Slice() {
		o := opt
		if i == 0 {
			o.Checker = nil // only the suspect's findings are reported
		}
		if docs[i], err = compare.Load(c.Context, arg, o); err != nil {
			return &exitError{code: exitUsage, msg: err.Error()}
		}
	}
	rep, err := compare.Compare(docs[0], docs[1])
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	switch format {
	case "json":
		err = compare.WriteJSON(env.stdout, rep)
	case "html":
		err = compare.WriteHTML(env.stdout, rep)
	default:
		err = compare.WriteText(env.stdout, rep, compare.TextOptions{Color: env.useColor(c.Bool("no-color")), Summary: c.Bool("summary")})
	}
	if err != nil {
		return &exitError{code: exitUsage, msg: "writing the report: " + err.Error()}
	}
	if failOver >= 0 && rep.SpinRatio >= failOver {
		return &exitError{code: exitFindings}
	}
	return nil
}

// parseRatio reads a share: 0.2, or 20%.
func parseRatio(s string) (float64, error) {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil {
		return 0, fmt.Errorf("want a share such as 0.2 or 20%%")
	}
	if pct {
		v /= 100
	}
	if v < 0 || v > 1 {
		return 0, fmt.Errorf("want a share between 0 and 1 (or 0%% and 100%%)")
	}
	return v, nil
}
