package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/internal/suggest"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/packs"
	"github.com/mtlint/mtlint/rules/rates"
)

func rulesCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "rules",
		Usage:     "list every rule",
		UsageText: "mtlint rules [--format text|json]",
		Description: `Lists every rule in run order: its ID (category.name), category, default
severity and what it flags. A rule marked "off" runs only when enabled by its
ID or category (mtlint check --enable ID).

Examples:
   mtlint rules
   mtlint rules | grep '^quotes\.'
   mtlint rules --format json | jq -r '.rules[] | select(.severity == "error") | .id'`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output `FORMAT`: text or json"},
		},
		Action: env.listRules,
	}
}

// ruleInfo is a rule as `mtlint rules --format json` shows it.
type ruleInfo = report.RuleInfo

func (env *appEnv) listRules(c *cli.Context) error {
	if c.Args().Present() {
		return usageErrorf(c, "rules takes no arguments (see 'mtlint explain RULE' for one rule)")
	}
	all := env.allRules()
	switch format := c.String("format"); format {
	case "json":
		out := struct {
			Version int              `json:"version"`
			Rules   []ruleInfo       `json:"rules"`
			Packs   []packs.PackInfo `json:"packs,omitempty"`
		}{Version: report.Version, Rules: report.RuleInfos(all)}
		if set := env.packSet(); set != nil {
			out.Packs, _ = set.Overview()
		}
		enc := json.NewEncoder(env.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "text":
		if err := writeRuleTable(env.stdout, all); err != nil {
			return err
		}
		if set := env.packSet(); set != nil {
			per, byLang := set.Overview()
			fmt.Fprintf(env.stdout, "\nPhrase packs: %d entries in %d packs (mtlint explain PACK-RULE lists them); by source language: %s.\n",
				set.Len(), len(per), packs.CountList(byLang))
		}
		return nil
	default:
		return usageErrorf(c, "--format %q: unknown format (want text or json)", format)
	}
}

// writeRuleTable lists rs as `mtlint rules` does: ID, category, default
// severity ("(off)" when the rule runs only when enabled) and what it flags.
func writeRuleTable(w io.Writer, rs []*rules.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCATEGORY\tSEVERITY\tDOC")
	for _, r := range rs {
		sev := r.Severity.String()
		if r.Off {
			sev += " (off)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Category, sev, r.Doc)
	}
	return tw.Flush()
}

// packSet returns the built-in phrase packs when the built-in rules are in
// use, for the counts `mtlint rules` shows.
func (env *appEnv) packSet() *packs.Set {
	if env.rules != nil {
		return nil
	}
	set, err := packs.BuiltinSet()
	if err != nil {
		return nil
	}
	return set
}

func explainCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "explain one rule, with its examples checked live",
		ArgsUsage: "RULE",
		UsageText: "mtlint explain [--no-color] RULE",
		Description: `Shows a rule's ID, category, default severity, what it flags, how often
it fired on clean news and on machine against human translation (measured,
see docs/rule-rates.md), why the artifact appears and what to do about it,
then an example it flags and a similar one it does not, each followed by
what mtlint reports on it now.
RULE is an ID (category.name), or just the name when no other rule has it.

Examples:
   mtlint explain punctuation.space-before
   mtlint explain space-before`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "no-color", Usage: "never colour the output (NO_COLOR does the same)"},
		},
		Action: env.explain,
	}
}

func (env *appEnv) explain(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf(c, "want one RULE, got %d arguments", c.NArg())
	}
	all := env.allRules()
	name := c.Args().First()
	r := findRule(all, name)
	if r == nil {
		if rules.Category(name).Valid() {
			// a category: list its rules, as `mtlint rules` does
			var rs []*rules.Rule
			for _, r := range all {
				if string(r.Category) == name {
					rs = append(rs, r)
				}
			}
			fmt.Fprintf(env.stdout, "Category %s: %d rules ('mtlint explain RULE' explains one; --enable and --disable take the category).\n\n", name, len(rs))
			return writeRuleTable(env.stdout, rs)
		}
		msg := fmt.Sprintf("no rule %q", name)
		if close := closeNames(all, name); len(close) > 0 {
			msg += " (did you mean " + strings.Join(close, " or ") + "?)"
		}
		return &exitError{code: exitUsage, msg: msg + "\nRun 'mtlint rules' for the list."}
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Doc)
	fmt.Fprintf(&b, "  category:  %s\n", r.Category)
	fmt.Fprintf(&b, "  severity:  %s\n", r.Severity)
	if r.Off {
		fmt.Fprintf(&b, "  default:   off (turn it on with --enable %s)\n", r.ID)
	} else {
		fmt.Fprintf(&b, "  default:   on\n")
	}
	fmt.Fprintf(&b, "  safe fix:  %s\n\n", map[bool]string{true: "yes", false: "no"}[r.SafeFix])
	if x := rates.Lookup(r.ID); x != nil {
		b.WriteString(rates.Words(x, "  "))
		b.WriteString("\n")
	}
	b.WriteString(strings.TrimRight(r.Explanation, "\n"))
	b.WriteString("\n")
	color := env.useColor(c.Bool("no-color"))
	for _, ex := range []struct {
		title, text string
		want        bool
	}{{"Flagged", r.Flagged, true}, {"Not flagged", r.Unflagged, false}} {
		if ex.text == "" {
			continue
		}
		fmt.Fprintf(&b, "\n%s:\n\n", ex.title)
		writeIndented(&b, ex.text, "    ")
		b.WriteString("\n")
		res, err := exampleResult(r, ex.text)
		if err != nil {
			return &exitError{code: exitUsage, msg: err.Error()}
		}
		if len(res.Findings) == 0 {
			b.WriteString("  mtlint reports nothing")
			if ex.want {
				b.WriteString(" (but should: this is a bug in the rule)")
			}
			b.WriteString(".\n")
			continue
		}
		b.WriteString("  mtlint reports:\n\n")
		var out bytes.Buffer
		rep := report.NewText(&out, report.Options{Color: color})
		_ = rep.File(res)
		writeIndented(&b, out.String(), "    ")
		if !ex.want {
			b.WriteString("  (it should not: this is a bug in the rule)\n")
		}
	}
	_, err := env.stdout.Write(b.Bytes())
	return err
}

// exampleResult checks text with r alone, enabled even when it is off by
// default.
func exampleResult(r *rules.Rule, text string) (*checker.Result, error) {
	chk, err := checker.New(checker.Config{Rules: []*rules.Rule{r}, Enable: []string{r.ID}})
	if err != nil {
		return nil, err
	}
	return chk.CheckString(text), nil
}

// writeIndented writes text with each line indented by prefix (empty lines
// stay empty) and a final line break.
func writeIndented(b *bytes.Buffer, text, prefix string) {
	for line := range strings.Lines(strings.TrimRight(text, "\n") + "\n") {
		if line != "\n" {
			b.WriteString(prefix)
		}
		b.WriteString(line)
	}
}

// findRule returns the rule with ID name, or else the only rule whose name
// (the ID without its category) is name, or nil.
func findRule(all []*rules.Rule, name string) *rules.Rule {
	var byName *rules.Rule
	n := 0
	for _, r := range all {
		if r.ID == name {
			return r
		}
		if r.Name() == name {
			byName = r
			n++
		}
	}
	if n == 1 {
		return byName
	}
	return nil
}

// closeNames returns up to three rule IDs or categories that look like
// name, closest first; the configuration file's errors suggest the same.
func closeNames(all []*rules.Rule, name string) []string { return suggest.Rules(all, name) }
