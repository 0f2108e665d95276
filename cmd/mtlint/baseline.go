package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/baseline"
	"github.com/mtlint/mtlint/checker/batch"
	"github.com/mtlint/mtlint/checker/changes"
)

// findingFilter narrows a check run to the findings that are new: not in a
// baseline (--baseline), on lines changed since a git commit (--diff-base)
// or in a diff (--diff). With --write-baseline it records every finding
// instead. The check command gives it each result, in report order, before
// counting and reporting it.
type findingFilter struct {
	stderr io.Writer

	writeTo string // --write-baseline
	rec     *baseline.Recorder

	baseFile string // --baseline
	match    *baseline.Matcher
	// relative: the baseline names files relative to its own folder
	// (version 2), not to the working folder (version 1)
	relative bool

	changesFrom string // "--diff-base REF" or "--diff FILE", for messages
	changes     *changes.Set
}

// readFindingFilter reads --write-baseline, --baseline, --diff-base and
// --diff: it reads the baseline, runs git or reads the diff, so that a
// mistake is an error (exit 2) before any input is checked. Writing a
// baseline accepts every finding: it sets o's --fail-on to none.
func (env *appEnv) readFindingFilter(c *cli.Context, o *checkOptions) (*findingFilter, error) {
	f := &findingFilter{stderr: env.stderr, writeTo: c.String("write-baseline"), baseFile: c.String("baseline")}
	diffBase, diffFile := c.String("diff-base"), c.String("diff")
	switch {
	case f.writeTo != "" && f.baseFile != "":
		return nil, usageErrorf(c, "--write-baseline and --baseline exclude each other: a baseline records every finding of today")
	case f.writeTo != "" && (diffBase != "" || diffFile != ""):
		return nil, usageErrorf(c, "--write-baseline records every finding: it does not go with --diff-base or --diff")
	case diffBase != "" && diffFile != "":
		return nil, usageErrorf(c, "--diff-base and --diff exclude each other: compare with a commit, or read a diff")
	case (diffBase != "" || diffFile != "") && o.config.Input.Article:
		return nil, usageErrorf(c, "--diff-base and --diff do not go with --extract: positions in an extracted article are not lines of the file")
	case diffFile == "-":
		return nil, usageErrorf(c, "--diff -: standard input is for articles; save the diff to a file")
	}
	if f.writeTo != "" {
		f.rec = new(baseline.Recorder)
		o.failOn = 0
	}
	if f.baseFile != "" {
		b, err := baseline.ReadFile(f.baseFile)
		if err != nil {
			return nil, &exitError{code: exitUsage, msg: "--baseline: " + err.Error()}
		}
		f.match = b.Matcher()
		f.relative = b.RelativeToFile()
	}
	var err error
	switch {
	case diffBase != "":
		f.changesFrom = "--diff-base " + diffBase
		f.changes, err = changes.Git(c.Context, ".", diffBase)
	case diffFile != "":
		f.changesFrom = "--diff " + diffFile
		// The paths of a diff are relative to the top of the repository
		// mtlint runs in, or to the working directory outside of one.
		root, terr := changes.Toplevel(c.Context, ".")
		if terr != nil || root == "" {
			root = "."
		}
		f.changes, err = changes.ReadDiff(diffFile, root)
	}
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: f.changesFrom + ": " + err.Error()}
	}
	return f, nil
}

// apply records or filters the findings of one result, in place. An input
// that --diff-base or --diff cannot place (standard input, a URL, a file
// outside the repository) becomes an input error: its findings are not
// reported and the run exits with 2.
func (f *findingFilter) apply(it batch.Item) {
	res := it.Result
	if res.Error != "" || res.Skipped {
		return
	}
	if f.rec != nil {
		f.rec.Add(baseline.PathFrom(f.writeTo, res.Path), res.Findings)
		return
	}
	if f.match != nil {
		path := res.Path
		if f.relative {
			path = baseline.PathFrom(f.baseFile, path)
		}
		res.Findings = f.match.Filter(path, res.Findings)
	}
	if f.changes == nil {
		return
	}
	var (
		lines *changes.Lines
		err   error
	)
	if file := it.Input.File(); file == "" {
		err = fmt.Errorf("no diff says which of its lines changed: %s applies to files only", f.changesFrom)
	} else if lines, err = f.changes.Lookup(file); err != nil {
		err = fmt.Errorf("%v (%s)", err, f.changesFrom)
	}
	if err != nil {
		res.Error = err.Error()
		res.Findings = nil
		fmt.Fprintf(f.stderr, "mtlint: %s: %s\n", res.Path, res.Error)
		return
	}
	kept := res.Findings[:0]
	for _, fd := range res.Findings {
		if lines.Intersects(fd.Line, lastLine(&fd)) {
			kept = append(kept, fd)
		}
	}
	res.Findings = kept
}

// lastLine returns the last line a finding covers: its end is exclusive, so
// a finding that ends with a line break ends on the line before.
func lastLine(f *checker.Finding) int {
	if f.EndLine > f.Line && f.EndColumn == 1 {
		return f.EndLine - 1
	}
	return max(f.EndLine, f.Line)
}

// finish writes the baseline, or says on stderr how much of the baseline
// did not occur in the files checked.
func (f *findingFilter) finish() error {
	if f.rec != nil {
		b := f.rec.Baseline()
		if err := b.WriteFile(f.writeTo); err != nil {
			return &exitError{code: exitUsage, msg: "--write-baseline: " + err.Error()}
		}
		fmt.Fprintf(f.stderr, "mtlint: wrote %s in %s to %s\n", countOf(b.Findings(), "finding", "findings"), countOf(len(b.Files), "file", "files"), f.writeTo)
	}
	if f.match != nil {
		if n := f.match.Unused(); n > 0 {
			fmt.Fprintf(f.stderr, "mtlint: %s of the baseline %s no longer %s in the files checked; rewrite it with --write-baseline\n",
				countOf(n, "finding", "findings"), f.baseFile, map[bool]string{true: "occurs", false: "occur"}[n == 1])
		}
	}
	return nil
}

// countOf returns "1 file" or "n files".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
