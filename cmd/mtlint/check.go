package main

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/batch"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/checker/source/records"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/builtin"
	"github.com/mtlint/mtlint/rules/packs"
)

func checkCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check articles for machine-translation artifacts",
		ArgsUsage: "PATH|URL ...",
		UsageText: "mtlint check [options] PATH|URL ...\nmtlint check --input-format jsonl|warc [options] DUMP|- ...",
		Description: `Checks each argument: a file (always checked, whatever its extension), a
directory (walked recursively: files ending in .txt .md .markdown .html .htm,
or those of --ext; hidden files and folders, vendor and node_modules are
skipped), - for standard input (reported as <stdin>), or an http:// or
https:// URL. Inputs are checked concurrently and reported in a stable order:
the order of the arguments, then the lexical order of each walk. Flags may
come before or after the paths.

A URL is fetched with a User-Agent naming mtlint. Each try may take up to
--timeout, body included; a body over 20 MB, or more than 5 redirects, is an
error; a timeout, a refused or reset connection, or HTTP 429, 502, 503 or 504
is tried twice more, with backoff; at most 2 requests go to one host at once.
The Content-Type says whether the page is HTML, Markdown or plain text
(--input-format overrides it) and, with <meta charset>, its encoding
(--encoding overrides it). Only the main article of an HTML page is checked,
and positions refer to the page wherever its text can be traced back to it;
otherwise they refer to the extracted article and read path:(article)LINE:COL.
Findings are reported against the URL as given.

Examples:
   mtlint check article.md
   mtlint check https://example.org/news/2024/summit.html
   mtlint check --fail-on warning docs/ news/*.txt
   mtlint check --format json --min-severity warning docs/ > findings.json
   mtlint check --disable boilerplate --enable punctuation.space-before article.txt
   mtlint check --ext txt,rst -j 4 corpus/
   mtlint check --input-format markdown - < README
   mtlint check --encoding windows-1252 old-archive/
   mtlint check --extract saved-pages/*.html
   mtlint check --ignore-pattern 'Lorem ipsum.*' drafts/
   pbpaste | mtlint check -
   mtlint check --format sarif docs/ > mtlint.sarif
   mtlint check --format github --fail-on warning docs/
   mtlint check --write-baseline .mtlint-baseline.json docs/
   mtlint check --baseline .mtlint-baseline.json --diff-base origin/main docs/

Markdown (.md, .markdown) and HTML (.html, .htm) are read as markup: code,
front matter, URLs, scripts and styles are skipped, and positions point at
the bytes of the file. Inline, <!-- mtlint-disable RULE-OR-CATEGORY -->
... <!-- mtlint-enable --> and <!-- mtlint-disable-next-line RULE -->
keep findings out of a part of a Markdown or HTML file.

Only new findings: --write-baseline FILE records today's findings (exit 0)
and --baseline FILE then reports only those it does not hold; a finding is
known by its rule, its text and the words around it, not by its line, so
edits elsewhere keep it known; files are named relative to the baseline's
folder, so it works from any folder. --diff-base REF reports only findings on lines
changed since the git commit REF (files git does not track are new as a
whole); --diff FILE reads the changes from a unified diff instead. Each file
is checked whole, then its findings are filtered.

` + recordsHelp + `

` + configHelp + `

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 a usage or configuration error, or an input that could not be read or
fetched (a missing file, a network error, an HTTP error status: the other
inputs are still checked and reported), or a record of a dump that was
rejected (the other records are still checked and reported).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output `FORMAT`: " + strings.Join(report.Formats, ", ")},
			&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 when a reported finding has this `SEVERITY` or a higher one: error, warning, info or none"},
			minSeverityFlag,
			&cli.StringSliceFlag{Name: "enable", Usage: "turn on rules: `RULE` is a rule ID or a category (repeatable, comma-separated)"},
			&cli.StringSliceFlag{Name: "disable", Usage: "turn off rules: `RULE` is a rule ID or a category (repeatable, comma-separated); an ID wins over its category"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "text format: one line a finding, no source, suggestion, notes or summary"},
			&cli.BoolFlag{Name: "no-color", Usage: "never colour the text report (NO_COLOR does the same)"},
			&cli.BoolFlag{Name: "show-fixes", Usage: "text format: show each finding's fix as an inline diff of its line (\"fix:\" what mtlint fix applies, \"suggested fix:\" the first suggestion to review)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), DefaultText: "number of CPUs", Usage: "check (and fetch) up to `N` inputs at once; the windows of one large input use as many cores"},
			&cli.StringSliceFlag{Name: "pack", Usage: "load an extra phrase pack from `FILE`: pack YAML, a two-column CSV (phrase, suggestion), or a Problematic Paper Screener CSV or JSON export (repeatable)"},
			&cli.StringSliceFlag{Name: "ext", Usage: "`EXTENSIONS` of the files checked under a directory, comma-separated (default: txt,md,markdown,html,htm)"},
			&cli.StringFlag{Name: "input-format", Usage: "read every input as `FORMAT`: text, markdown or html (default: by extension; standard input is text); or jsonl or warc: each input is a dump of articles (see Dumps)"},
			&cli.StringFlag{Name: "rejected", Usage: "--input-format jsonl or warc: also write each rejected record to `FILE`, one JSON object a line (source, line, offset, id, reason)"},
			&cli.IntFlag{Name: "max-record-mb", Value: records.DefaultMaxRecordBytes >> 20, Usage: "--input-format jsonl or warc: reject a JSON line or a WARC payload over `MB` megabytes, unread"},
			&cli.StringFlag{Name: "encoding", Usage: "read inputs in character encoding `NAME` (windows-1252, iso-8859-1, utf-16…; default: a byte order mark, <meta charset> for HTML, else UTF-8)"},
			&cli.BoolFlag{Name: "extract", Usage: "HTML: check only the main article of each page (readability), not its navigation and footers; positions are in the page, or marked (article) when the article's text cannot be traced back to it"},
			&cli.BoolFlag{Name: unmatchedFlag, Usage: "exit 0, not 2, when a directory argument holds no file to check (no file with the extensions of --ext, or all ignored by the configuration)"},
			ignorePatternFlag,
			languagesFlag,
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "URLs: give up a try of a request after `DURATION` (body included)"},
			&cli.StringFlag{Name: "config", Usage: "use configuration `FILE` for every input instead of the .mtlint.yml files found above each (its patterns are then relative to the current folder)"},
			&cli.BoolFlag{Name: "no-config", Usage: "read no configuration file"},
			&cli.StringFlag{Name: "write-baseline", Usage: "record every finding in baseline `FILE` (JSON) and exit 0: the findings a repository accepts today"},
			&cli.StringFlag{Name: "baseline", Usage: "report only the findings that baseline `FILE` does not hold"},
			&cli.StringFlag{Name: "diff-base", Usage: "report only the findings on lines changed since git commit `REF` (git diff REF; files git does not track count as new)"},
			&cli.StringFlag{Name: "diff", Usage: "report only the findings on lines that the unified diff in `FILE` adds or changes"},
		},
		Action: env.check,
	}
}

// checkOptions are the check command's flags, read and validated.
type checkOptions struct {
	format  string
	failOn  rules.Severity // 0: never fail on findings
	config  checker.Config
	exts    []string
	jobs    int
	quiet   bool
	noColor bool
	timeout time.Duration
	// languages are those of the configuration, which --languages overrides
	languages []string
	// records is "jsonl" or "warc" when the inputs are dumps of records
	records string
}

func (env *appEnv) readCheckOptions(c *cli.Context) (*checkOptions, error) {
	o := &checkOptions{format: c.String("format"), jobs: c.Int("jobs"), quiet: c.Bool("quiet"), noColor: c.Bool("no-color"), timeout: c.Duration("timeout")}
	if !slices.Contains(report.Formats, o.format) {
		return nil, usageErrorf(c, "--format %q: unknown format (want %s)", o.format, strings.Join(report.Formats, ", "))
	}
	failOn, minSev, err := readSeverities(c)
	if err != nil {
		return nil, err
	}
	o.failOn = failOn
	if err := env.runConfig(c, o); err != nil { // --format and --fail-on of .mtlint.yml
		return nil, err
	}
	if o.jobs < 1 {
		return nil, usageErrorf(c, "--jobs %d: want at least 1", o.jobs)
	}
	if o.timeout <= 0 {
		return nil, usageErrorf(c, "--timeout %s: want a positive duration such as 30s", o.timeout)
	}
	if c.IsSet("ext") {
		if o.exts, err = source.ParseExtensions(c.StringSlice("ext")); err != nil {
			return nil, usageErrorf(c, "--ext: %v", err)
		}
	}
	if o.config, err = env.ruleConfig(c, o.languages); err != nil {
		return nil, err
	}
	o.config.MinSeverity = minSev
	o.config.Jobs = o.jobs                   // the windows of one large input, too
	o.config.KeepSource = o.format == "html" // the HTML report shows each article
	// only the text and HTML reports show a finding's line, and baselines
	// fingerprint it: the others spare its memory
	o.config.NoContext = o.format != "text" && o.format != "html" && c.String("baseline") == "" && c.String("write-baseline") == ""
	if name := c.String("input-format"); isRecordsFormat(name) {
		o.records = strings.ToLower(strings.TrimSpace(name))
	} else if name != "" {
		f, err := markup.ParseFormat(name)
		if err != nil { // ParseFormat does not know the formats of dumps
			return nil, usageErrorf(c, "--input-format: unknown input format %q (want text, markdown, html, jsonl or warc)", name)
		}
		o.config.Input.Format = &f
	}
	if name := c.String("encoding"); name != "" {
		if _, err := source.LookupEncoding(name); err != nil {
			return nil, usageErrorf(c, "--encoding: %v", err)
		}
		o.config.Input.Encoding = name
	}
	o.config.Input.Article = c.Bool("extract")
	return o, nil
}

// withPacks loads the packs named by --pack, says on stderr what each
// import took, and returns the rules with them.
func (env *appEnv) withPacks(all []*rules.Rule, files []string) ([]*rules.Rule, error) {
	var extra []*packs.Pack
	for _, f := range files {
		p, rep, err := packs.LoadFile(f)
		if err != nil {
			return nil, &exitError{code: exitUsage, msg: "--pack: " + err.Error()}
		}
		msg := fmt.Sprintf("mtlint: pack %s: %d entries as rule %s", f, rep.Loaded, p.ID())
		if rep.Stopped > 0 {
			msg += fmt.Sprintf("; %d ordinary-English phrases left out by the stop-list", rep.Stopped)
		}
		if len(rep.Skipped) > 0 {
			msg += fmt.Sprintf("; %d rows without a text pattern left out (first: %s)", len(rep.Skipped), rep.Skipped[0])
		}
		fmt.Fprintln(env.stderr, msg)
		extra = append(extra, p)
	}
	var (
		out []*rules.Rule
		err error
	)
	if env.rules == nil {
		out, err = builtin.WithPacks(extra)
	} else {
		var set *packs.Set
		if set, err = packs.Compile(extra); err == nil {
			out = append(slices.Clone(all), set.Rules()...)
		}
	}
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: "--pack: " + err.Error()}
	}
	return out, nil
}

// ruleNames splits the values of --enable or --disable and checks that each
// names a rule or a category.
func ruleNames(all []*rules.Rule, flag string, values []string) ([]string, error) {
	var names []string
	for _, v := range values {
		for n := range strings.SplitSeq(v, ",") {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			if findRule(all, n) == nil && !rules.Category(n).Valid() {
				msg := fmt.Sprintf("--%s %q: no such rule or category", flag, n)
				if close := closeNames(all, n); len(close) > 0 {
					msg += " (did you mean " + strings.Join(close, " or ") + "?)"
				}
				return nil, &exitError{code: exitUsage, msg: msg + "\nRun 'mtlint rules' for the list."}
			}
			names = append(names, n)
		}
	}
	return names, nil
}

func (env *appEnv) check(c *cli.Context) error {
	if !c.Args().Present() {
		return usageErrorf(c, "no PATH given: name files, directories, URLs, or - for standard input")
	}
	o, err := env.readCheckOptions(c)
	if err != nil {
		return err
	}
	if o.records != "" {
		return env.checkRecords(c, o)
	}
	filter, err := env.readFindingFilter(c, o)
	if err != nil {
		return err
	}
	chk, err := env.configure(c, o) // a checker for each .mtlint.yml
	if err != nil {
		return err
	}
	rep, err := report.New(o.format, env.stdout, report.Options{
		Color: o.format == "text" && env.useColor(o.noColor),
		Quiet: o.quiet,
		// --show-fixes: the text report tells the fixes mtlint fix applies by the rules.
		ShowFixes: c.Bool("show-fixes"),
		// SARIF describes the tool and every rule of the run.
		Rules:   chk.Rules(),
		Version: versionString(),
	})
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	args := env.unignored(chk, c.Args().Slice())
	dirs := newDirMatches(args)
	inputs := dirs.watch(chk.Filter(dirs.watch(source.Inputs(args, source.Options{Extensions: o.exts, Stdin: env.stdin}), dirs.listed), nil), dirs.passed)
	var sum report.Summary
	if err := rep.Start(); err != nil {
		return &exitError{code: exitUsage, msg: "writing the report: " + err.Error()}
	}
	opt := batch.Options{
		Jobs:     o.jobs,
		Fetcher:  &source.Fetcher{Timeout: o.timeout, UserAgent: source.UserAgentFor(versionString())},
		URLInput: checker.Input{Format: o.config.Input.Format, Encoding: o.config.Input.Encoding},
	}
	err = batch.RunWith(c.Context, chk, inputs, opt, func(it batch.Item) error {
		if it.Err != nil {
			fmt.Fprintf(env.stderr, "mtlint: %s: %s\n", it.Input.Path, source.Reason(it.Err))
		}
		filter.apply(it)
		sum.Add(it.Result)
		if err := rep.File(it.Result); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
		return nil
	})
	if err == nil {
		if err = rep.Finish(sum); err != nil {
			err = fmt.Errorf("writing the report: %w", err)
		}
	}
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	if err := filter.finish(); err != nil {
		return err
	}
	if !c.Bool(unmatchedFlag) {
		if err := dirs.err(o.exts); err != nil {
			return err
		}
	}
	if code := exitCode(sum, o.failOn); code != exitOK {
		return &exitError{code: code}
	}
	return nil
}

// exitCode is the policy of DESIGN.md: 2 when an input could not be read
// (it wins over findings), else 1 when a reported finding is at or above
// failOn (0 never fails), else 0. Skipped inputs (binary files) and notes do
// not count.
func exitCode(sum report.Summary, failOn rules.Severity) int {
	switch {
	case sum.Unreadable > 0:
		return exitUsage
	case failOn > 0 && sum.AtLeast(failOn) > 0:
		return exitFindings
	}
	return exitOK
}
