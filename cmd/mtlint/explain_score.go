package main

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/score"
)

// explainScoreCommand is `mtlint explain-score FILE`: the score of one file
// and the source-language hint, with what is behind each.
func explainScoreCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "explain-score",
		Usage:     "show the MT-likelihood score of a file and the source-language hint, with what is behind them",
		ArgsUsage: "FILE",
		UsageText: "mtlint explain-score FILE",
		Description: `Checks FILE ("-" for standard input) with the default rules and shows its
MT-likelihood score: for each rule that fired, its findings, their density per
1,000 words, the rule's weight (how much more often it fires on machine-
translated than on human text, calibrated by tools/calibrate) and its capped
contribution; the total and how it becomes a score from 0 to 100. Then the
source-language hint and the evidence that voted for each language.

Examples:
   mtlint explain-score article.md
   curl -s https://example.org/story | mtlint explain-score -`,
		Action: env.explainScore,
	}
}

func (env *appEnv) explainScore(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf(c, "want one FILE, got %d arguments", c.NArg())
	}
	ck, err := checker.New(checker.Config{Rules: env.allRules()})
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	path := c.Args().First()
	var res *checker.Result
	if path == "-" {
		res, err = ck.CheckReader(env.stdin)
		if err == nil {
			res.Path = "<stdin>"
		}
	} else {
		res, err = ck.CheckFile(path)
	}
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	var b bytes.Buffer
	writeScoreExplanation(&b, res)
	_, err = env.stdout.Write(b.Bytes())
	return err
}

// writeScoreExplanation writes the score and hint of res with their
// contributions and evidence.
func writeScoreExplanation(w io.Writer, res *checker.Result) {
	if res.Skipped {
		msg := "not checked"
		if len(res.Notes) > 0 {
			msg = res.Notes[0].Message
		}
		fmt.Fprintf(w, "%s: %s\n", res.Path, msg)
		return
	}
	b, hint := checker.ScoreDetail(res)
	fmt.Fprintf(w, "%s: score %d of 100\n", res.Path, b.Score)
	basis := fmt.Sprintf("%d words", b.Words)
	if b.Basis != b.Words {
		basis += fmt.Sprintf(", counted as %d (the minimum: a shorter text holds less evidence)", b.Basis)
	}
	fmt.Fprintf(w, "%s; density = findings per 1,000 words\n", basis)
	for _, n := range res.Notes {
		if n.Kind == "language" {
			fmt.Fprintf(w, "note: %s\n", n.Message)
		}
	}
	if len(b.Contributions) == 0 {
		fmt.Fprintf(w, "\nno findings: the score is 0\n")
	} else {
		fmt.Fprintf(w, "\n  %-34s %8s %8s %7s %13s\n", "rule", "findings", "density", "weight", "contribution")
		for _, c := range b.Contributions {
			capped := ""
			if c.Capped {
				capped = fmt.Sprintf(" (capped at %.2f)", c.Cap)
			}
			fmt.Fprintf(w, "  %-34s %8d %8.2f %7.3f %13.3f%s\n", c.Rule, c.Count, c.Density, c.Weight, c.Value, capped)
		}
		fmt.Fprintf(w, "  %-34s %8s %8s %7s %13.3f\n", "total", "", "", "", b.Total)
		fmt.Fprintf(w, "\nscore = round(100 × (1 − exp(−%.3f / %g))) = %d\n", b.Total, score.Table.Scale, b.Score)
		fmt.Fprintf(w, "contribution = min(weight × density, cap); weight = ln of how much more often the rule fires on\n")
		fmt.Fprintf(w, "machine-translated than on human news (per 1,000 words), calibrated by tools/calibrate\n")
	}
	fmt.Fprintf(w, "\nsource-language hint: %s\n", hint)
	var ev []score.Evidence
	if hint != nil {
		ev = hint.Evidence
	} else {
		// Say what there was, if anything, so that "none" is explained.
		ev = score.Collect(checker.ScoreInputs(res))
		if len(ev) == 0 {
			fmt.Fprintf(w, "  no evidence: no pack entry with a source language, no foreign typography, no untranslated fragment\n")
			return
		}
		fmt.Fprintf(w, "  the evidence is too thin to name a language (at least %.0f vote and confidence %.2f needed):\n", score.MinVotes, score.MinConfidence)
	}
	for _, e := range ev {
		what := e.What
		if len([]rune(what)) > 70 {
			what = string([]rune(what)[:69]) + "…"
		}
		fmt.Fprintf(w, "  %s ×%d: %s\n      votes: %s\n", e.Rule, e.Count, what, votes(e.Votes))
	}
}

// votes writes a vote map as "fr 1.50, es 0.20", most first.
func votes(m map[string]float64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %.2f", k, m[k])
	}
	return strings.Join(parts, ", ")
}
