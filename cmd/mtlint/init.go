package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker/config"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/rules"
)

func initCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a commented starter .mtlint.yml",
		ArgsUsage: "[DIR]",
		UsageText: "mtlint init [--force] [DIR]",
		Description: `Writes .mtlint.yml in DIR (default: the current folder): every key that
mtlint reads, each with a comment and an example, commented out, and the
categories that rules belong to. Uncomment what you need. It refuses to
overwrite a configuration file that is already there, unless --force.

Examples:
   mtlint init
   mtlint init --force docs/`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing configuration file"},
		},
		Action: env.init,
	}
}

func (env *appEnv) init(c *cli.Context) error {
	if c.NArg() > 1 {
		return usageErrorf(c, "want at most one DIR, got %d arguments", c.NArg())
	}
	dir := "."
	if c.NArg() == 1 {
		dir = c.Args().First()
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("%s: not a folder", dir)}
	}
	path := filepath.Join(dir, config.Names[0])
	if !c.Bool("force") {
		for _, name := range config.Names {
			p := filepath.Join(dir, name)
			if _, err := os.Lstat(p); err == nil {
				return &exitError{code: exitUsage, msg: fmt.Sprintf("%s already exists; use --force to overwrite it", p)}
			} else if !errors.Is(err, fs.ErrNotExist) {
				return &exitError{code: exitUsage, msg: err.Error()}
			}
		}
	}
	if err := os.WriteFile(path, []byte(starter(false)), 0o644); err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	fmt.Fprintf(env.stdout, "Wrote %s: uncomment the settings you need ('mtlint rules' lists the rules).\n", path)
	return nil
}

// categoryDocs say in a few words what each category covers, as DESIGN.md
// does.
var categoryDocs = map[rules.Category]string{
	rules.Punctuation: "stray, doubled or misplaced punctuation",
	rules.Quotes:      "unbalanced or wrong-direction quotes and brackets",
	rules.Repetition:  "doubled words, near repeats, duplicated paragraphs",
	rules.Idiom:       "calques, garbled idioms, false friends",
	rules.Spinning:    "tortured phrases from synonym spinners",
	rules.Typography:  "the source language's conventions: 3,5 million, « », 14h30",
	rules.Boilerplate: "page chrome a scraper kept: breadcrumbs, photo credits",
	rules.Language:    "untranslated fragments, mixed scripts",
	rules.Grammar:     "grammar slips typical of machine translation",
}

// starterKeys are the keys of the starter file in order, each with its
// comment and its example. The examples name real rules and load without
// error once uncommented (with a house-phrases.yaml next to the file), as a
// test checks.
var starterKeys = []struct{ comment, example string }{
	{"Look for no configuration files in the folders above this one.",
		"root: true"},
	{"Turn rules off, by rule ID or by category.",
		"disable: [boilerplate, repetition.near-repeat]"},
	{"Turn rules on again, by rule ID or by category: those a configuration file above turned off.",
		"enable: [spinning.generated]"},
	{"Change the severity (error, warning or info) of a rule or of a whole category; a rule ID wins over its category.",
		"severity: {boilerplate: error, idiom.false-friends: info}"},
	{"Paths never checked, even when named on the command line, relative to this folder and written as in .gitignore: a pattern without a slash matches at any depth, ** spans folders.",
		`ignore: ["vendor/**", "*.min.html"]`},
	{"Extra phrase packs, relative to this file: pack YAML, a two-column CSV (phrase, suggestion) or a Problematic Paper Screener export.",
		"packs: [house-phrases.yaml]"},
	{"Words and phrases never flagged: names, quotations, terms of art. A finding that lies within one (any case, whole words) is dropped.",
		`accept: ["Walla Walla", "per se"]`},
	{"Exit with status 1 when a finding has this severity or a higher one: error, warning, info or none. --fail-on on the command line wins.",
		"fail-on: warning"},
	{"The report's format, one of " + strings.Join(report.Formats, ", ") + ". --format on the command line wins.",
		"format: text"},
	{"The languages told apart from English when looking for untranslated fragments and the document's language (ISO 639-1 codes; fewer load fewer models). --languages on the command line wins.",
		"languages: [fr, es, de, it, pt, ru, uk, zh, ja, ar, tr, pl]"},
	{"Settings for some paths only (relative to this folder, as for ignore), applied after those above and in order, so that later entries win. An entry takes files and any of disable, enable, severity, accept and packs.",
		"overrides:\n  - files: \"drafts/**\"\n    disable: [quotes]\n  - files: [\"wire/**\", \"*.agency.md\"]\n    accept: [Reuters, AFP]\n    severity: {typography: info}"},
}

// starter returns the text of the starter file; with uncomment, the
// examples are not commented out (for the test that loads them).
func starter(uncomment bool) string {
	var b strings.Builder
	b.WriteString(`# mtlint configuration, written by 'mtlint init'.
#
# mtlint reads this file for every file it checks in this folder and below.
# A subfolder may have its own .mtlint.yml: its settings win over these, key
# by key, and "root: true" stops the search for files further up. Every key
# is optional: uncomment what you need. The command line wins over the file
# (--enable, --disable, --fail-on, --format); --no-config ignores it.
#
# Rules are named by ID ('mtlint rules' lists them, 'mtlint explain ID'
# shows one) or by category:
`)
	width := 0
	for _, c := range rules.Categories {
		width = max(width, len(c))
	}
	for _, c := range rules.Categories {
		fmt.Fprintf(&b, "#   %-*s  %s\n", width, c, categoryDocs[c])
	}
	for _, k := range starterKeys {
		b.WriteString("\n")
		writeComment(&b, k.comment, 76)
		for line := range strings.SplitSeq(k.example, "\n") {
			if !uncomment {
				b.WriteString("# ")
			}
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// writeComment writes text as YAML comment lines of at most width bytes
// (a longer word stands alone).
func writeComment(b *strings.Builder, text string, width int) {
	line := "#"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > width && line != "#" {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
}
