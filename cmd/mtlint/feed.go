package main

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/audit"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/rules"
)

func feedCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "feed",
		Usage:     "audit syndicated feeds: check every item and rank them by score",
		ArgsUsage: "SOURCE ...",
		UsageText: "mtlint feed [options] SOURCE ...",
		Description: `Audits RSS, Atom and JSON Feed feeds. Each SOURCE is a feed's URL, a feed
file (possibly gzipped), or a file listing feeds: one URL (or path, relative
to the list) a line, with # comments and blank lines. Which one it is shows in
its content, not its name. Every item of every feed is checked, concurrently,
and the items are ranked by score, highest first. An item that more than one
feed gives (the same link, compared without tracking parameters and
fragment, or the same GUID), or a feed file and the same feed on the web,
is checked and counted once, as the feed read first gave it; its record
names the other feeds (also_in).

What is checked of an item is its content in the feed, as HTML: RSS
content:encoded, else description; Atom content, else summary; JSON Feed
content_html, else content_text (as plain text). With --fetch-articles, the
page that the item links to is fetched instead and its main article is
extracted and checked. Finding positions refer to the item's content as the
feed gives it (UTF-8, after XML unescaping), or to the page or the extracted
article.

The score is the MT-likelihood score that 'mtlint check' reports, 0 to 100:
each rule's findings per 1,000 words of the checked text, weighted by how much
more often the rule fires on machine-translated than on human news, capped
per rule (see 'mtlint explain-score').

Fetching is polite: at most --per-host requests to one host at once, at most
--fetch-jobs in all, each bounded by --timeout, transient failures (timeouts,
refused connections, HTTP 429/502/503/504) retried --retries times with
backoff. A progress bar is drawn on standard error when it is a terminal.

Examples:
   mtlint feed https://example.org/rss.xml
   mtlint feed --fetch-articles --limit 20 https://example.org/rss.xml
   mtlint feed --since 2024-05-01 --format csv feeds.txt > audit.csv
   mtlint feed --format jsonl --per-host 1 --timeout 10s feeds.txt | jq -r 'select(.score > 50) | .link'
   mtlint feed --fail-on warning saved/feed.xml saved/atom.xml.gz

Output: a table of the checked items (score, findings, language, findings by
category, title, link), then the notes on them (such as a text not in English,
which only the rules that do not depend on the language read), then the feeds
and items that failed and why, then a summary.
--format json, jsonl and csv give one record per item: kind ("item", or
"feed" for a feed that failed), feed, feed title, item title, link,
published date (RFC 3339), what was checked, its language, score, words,
counts by severity and category, the findings (as in 'mtlint check --format
json', without the rules' explanations, which 'mtlint explain RULE' gives),
the error of a failed item and the notes; failures are then also named on
standard error.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 a usage or configuration error, or a feed or item that failed (the others
are still checked and reported).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table, json, jsonl or csv"},
			&cli.BoolFlag{Name: "fetch-articles", Usage: "fetch each item's link and check the article of the page, not the feed's content"},
			&cli.IntFlag{Name: "limit", Usage: "check at most `N` items of each feed, in the feed's order (newest first in most feeds); 0 means all"},
			&cli.StringFlag{Name: "since", Usage: "skip items published before `DATE` (RFC 3339, or YYYY-MM-DD for midnight UTC); items without a date are kept"},
			&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 when a finding has this `SEVERITY` or a higher one: error, warning, info or none"},
			minSeverityFlag,
			&cli.StringSliceFlag{Name: "enable", Usage: "turn on rules: `RULE` is a rule ID or a category (repeatable, comma-separated)"},
			&cli.StringSliceFlag{Name: "disable", Usage: "turn off rules: `RULE` is a rule ID or a category (repeatable, comma-separated); an ID wins over its category"},
			&cli.StringSliceFlag{Name: "pack", Usage: "load an extra phrase pack from `FILE` (as mtlint check --pack; repeatable)"},
			ignorePatternFlag,
			languagesFlag,
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), DefaultText: "number of CPUs", Usage: "check up to `N` items at once"},
			&cli.IntFlag{Name: "fetch-jobs", Value: audit.DefaultFetchJobs, Usage: "fetch up to `N` feeds and pages at once, all hosts together"},
			&cli.IntFlag{Name: "per-host", Value: 2, Usage: "send at most `N` requests at once to one host"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "give up a request (body included) after `DURATION` (such as 10s or 1m)"},
			&cli.IntFlag{Name: "retries", Value: 2, Usage: "try a request that failed for a transient reason `N` more times, with backoff; 0 never"},
			&cli.BoolFlag{Name: "no-progress", Usage: "draw no progress bar, even on a terminal"},
		},
		Action: env.feed,
	}
}

// feedOptions are the feed command's flags, read and validated.
type feedOptions struct {
	format     string
	failOn     rules.Severity // 0: never fail on findings
	config     checker.Config
	audit      audit.Options
	noProgress bool
}

func (env *appEnv) readFeedOptions(c *cli.Context) (*feedOptions, error) {
	o := &feedOptions{format: c.String("format"), noProgress: c.Bool("no-progress")}
	if o.format == "text" {
		o.format = "table"
	}
	if !slices.Contains(audit.Formats, o.format) {
		return nil, usageErrorf(c, "--format %q: unknown format (want %s)", o.format, strings.Join(audit.Formats, ", "))
	}
	failOn, minSev, err := readSeverities(c)
	if err != nil {
		return nil, err
	}
	o.failOn = failOn
	for _, n := range []string{"jobs", "fetch-jobs", "per-host"} {
		if c.Int(n) < 1 {
			return nil, usageErrorf(c, "--%s %d: want at least 1", n, c.Int(n))
		}
	}
	if c.Int("limit") < 0 {
		return nil, usageErrorf(c, "--limit %d: want 0 (all) or more", c.Int("limit"))
	}
	if c.Int("retries") < 0 {
		return nil, usageErrorf(c, "--retries %d: want 0 or more", c.Int("retries"))
	}
	if c.Duration("timeout") <= 0 {
		return nil, usageErrorf(c, "--timeout %s: want a positive duration such as 30s", c.Duration("timeout"))
	}
	fetcher := &source.Fetcher{Timeout: c.Duration("timeout"), PerHost: c.Int("per-host"), Retries: c.Int("retries")}
	if fetcher.Retries == 0 {
		fetcher.Retries = -1 // the Fetcher reads 0 as its default
	}
	o.audit = audit.Options{
		Fetcher: fetcher, Jobs: c.Int("jobs"), FetchJobs: c.Int("fetch-jobs"),
		FetchArticles: c.Bool("fetch-articles"), Limit: c.Int("limit"),
	}
	if s := c.String("since"); s != "" {
		if o.audit.Since, err = parseSince(s); err != nil {
			return nil, usageErrorf(c, "--since %q: want a date such as 2024-05-01 or 2024-05-01T08:00:00Z", s)
		}
	}
	if o.config, err = env.ruleConfig(c, nil); err != nil {
		return nil, err
	}
	o.config.MinSeverity = minSev
	return o, nil
}

// parseSince reads --since: RFC 3339, or a date, which means its midnight
// UTC.
func parseSince(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

func (env *appEnv) feed(c *cli.Context) error {
	if !c.Args().Present() {
		return usageErrorf(c, "no SOURCE given: name feed URLs, feed files or files listing feed URLs")
	}
	o, err := env.readFeedOptions(c)
	if err != nil {
		return err
	}
	if o.audit.Checker, err = checker.New(o.config); err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	var bar *progressbar.ProgressBar
	if !o.noProgress && env.getenv("TERM") != "dumb" && env.isTerminal(env.stderr) {
		bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(env.stderr),
			progressbar.OptionSetDescription("feeds 0/0"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		o.audit.Progress = func(p audit.Progress) {
			if p.Items > 0 && bar.GetMax() != p.Items {
				bar.ChangeMax(p.Items)
			}
			bar.Describe(fmt.Sprintf("feeds %d/%d, items", p.FeedsDone, p.Feeds))
			_ = bar.Set(p.ItemsDone)
		}
	}
	rep, err := audit.Run(c.Context, c.Args().Slice(), o.audit)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	if o.format != "table" {
		for _, r := range rep.Records {
			if r.Error != "" {
				fmt.Fprintf(env.stderr, "mtlint: %s\n", audit.FailureLine(r))
			}
		}
	}
	if err := audit.Write(o.format, env.stdout, rep); err != nil {
		return &exitError{code: exitUsage, msg: "writing the report: " + err.Error()}
	}
	switch {
	case rep.Summary.Failed() > 0:
		return &exitError{code: exitUsage}
	case o.failOn > 0 && rep.Summary.AtLeast(o.failOn) > 0:
		return &exitError{code: exitFindings}
	}
	return nil
}
