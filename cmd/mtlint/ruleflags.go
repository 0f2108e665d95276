package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/language/langid"
)

// languagesFlag chooses the languages that language identification tells
// apart, for check and feed.
var languagesFlag = &cli.StringFlag{Name: "languages", Usage: "tell English from these `CODES` (ISO 639-1, comma-separated) when looking for untranslated fragments and the document's language (default: " + strings.Join(langid.DefaultLanguages[1:], ",") + ")"}

// minSeverityFlag and ignorePatternFlag are the same flag in check, feed
// and serve.
var (
	minSeverityFlag   = &cli.StringFlag{Name: "min-severity", Value: "info", Usage: "report only findings of this `SEVERITY` or higher: info, warning or error"}
	ignorePatternFlag = &cli.StringSliceFlag{Name: "ignore-pattern", Usage: "never flag text matching `REGEX` (RE2 syntax; repeatable)"}
)

// ruleConfig reads the flags that choose rules, shared by check, feed, fix
// and compare: --pack, then --enable and --disable (checked against the rules
// the packs add) and, where the command has it, --ignore-pattern. It also
// sets the languages of language identification: --languages, else
// languages (those of a configuration file), else the default set. It
// returns the checker configuration they make; callers add their own
// settings.
func (env *appEnv) ruleConfig(c *cli.Context, languages []string) (checker.Config, error) {
	// the set is the process's: set it on every run, to the default when
	// neither the flag nor the configuration says
	codes := langid.DefaultLanguages
	if languages != nil {
		codes = languages
	}
	if v := c.String("languages"); v != "" {
		codes = nil
		for code := range strings.SplitSeq(v, ",") {
			if code = strings.TrimSpace(code); code != "" {
				codes = append(codes, code)
			}
		}
	}
	if err := langid.Configure(codes); err != nil {
		return checker.Config{}, usageErrorf(c, "--languages %q: %v", c.String("languages"), err)
	}
	all := env.allRules()
	var err error
	if files := c.StringSlice("pack"); len(files) > 0 {
		if all, err = env.withPacks(all, files); err != nil {
			return checker.Config{}, err
		}
	}
	cfg := checker.Config{Rules: all, Ignore: c.StringSlice("ignore-pattern")}
	if cfg.Enable, err = ruleNames(all, "enable", c.StringSlice("enable")); err != nil {
		return checker.Config{}, err
	}
	if cfg.Disable, err = ruleNames(all, "disable", c.StringSlice("disable")); err != nil {
		return checker.Config{}, err
	}
	return cfg, nil
}

// readSeverities reads --fail-on (0 for none: never fail on findings) and
// --min-severity, shared by check and feed.
func readSeverities(c *cli.Context) (failOn, minSev rules.Severity, err error) {
	if f := c.String("fail-on"); !strings.EqualFold(strings.TrimSpace(f), "none") {
		if failOn, err = rules.ParseSeverity(f); err != nil {
			return 0, 0, usageErrorf(c, "--fail-on %q: want error, warning, info or none", f)
		}
	}
	if minSev, err = readMinSeverity(c); err != nil {
		return 0, 0, err
	}
	return failOn, minSev, nil
}

// readMinSeverity reads --min-severity (minSeverityFlag).
func readMinSeverity(c *cli.Context) (rules.Severity, error) {
	sev, err := rules.ParseSeverity(c.String("min-severity"))
	if err != nil {
		return 0, usageErrorf(c, "--min-severity %q: want info, warning or error", c.String("min-severity"))
	}
	return sev, nil
}
