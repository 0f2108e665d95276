package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/config"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/checker/source/records"
	"github.com/mtlint/mtlint/rules"
)

// The --input-format values that read dumps of records rather than one
// article an input.
const (
	recordsJSONL = "jsonl"
	recordsWARC  = "warc"
)

// recordsHelp is the part of check's help about dumps.
const recordsHelp = `Dumps: --input-format jsonl reads JSON Lines, one article a line:
{"id": …, "url": …, "title": …, "text" | "markdown" | "html": …} (text is
checked before markdown, markdown before html; id falls back to url, then to
the line number; other fields are passed through under "extra"); a .gz
stream is decompressed. --input-format warc reads WARC and WARC.gz files: the
HTTP responses with status 2xx holding HTML or text, resource records, and
the extracted-text conversion records of WET files; other records are
skipped. Each argument is a file, or - for standard input. Records are
streamed: memory is bounded by the largest record (--max-record-mb), not by
the dump. A malformed record (bad JSON, invalid UTF-8, no body, a line or
payload over the limit, an unparsable WARC record) is reported on stderr with
its line or byte offset, counted and skipped, and the exit code is then 2;
--rejected FILE also writes them there, one JSON object a line.
--format jsonl writes one object a record: id, url, title, score,
source_language_hint, language, words, findings, notes, extra; csv writes one
row a record ranked by score (held until the end: about 150 bytes a record);
markdown ranks the top records by score; the other formats name each record
by its id.

   mtlint check --input-format jsonl --format jsonl articles.jsonl > findings.jsonl
   mtlint check --input-format jsonl --format csv dump.jsonl.gz > ranked.csv
   xzcat dump.jsonl.xz | mtlint check --input-format jsonl --format jsonl - > findings.jsonl
   mtlint check --input-format warc --format markdown --rejected bad.jsonl crawl/*.warc.gz
   mtlint check --input-format warc --format jsonl CC-MAIN-*.warc.wet.gz`

// isRecordsFormat reports whether --input-format name reads records.
func isRecordsFormat(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	return n == recordsJSONL || n == recordsWARC
}

// recordJob is one record on its way through the run, in input order: a
// record to check, a rejected record, or an input that could not be read.
type recordJob struct {
	rec  *records.Record
	out  *records.Output
	done chan struct{} // closed when out is set
	// rejected is set for a record that could not be read
	rejected *records.Rejected
	// failed names an input that could not be opened or read further
	failed, reason string
}

// recordCounts are the totals of a run over dumps.
type recordCounts struct {
	checked, rejected, unreadable, skipped int
}

// checkRecords is mtlint check --input-format jsonl|warc.
func (env *appEnv) checkRecords(c *cli.Context, o *checkOptions) error {
	for _, flag := range []string{"write-baseline", "baseline", "diff-base", "diff"} {
		if c.IsSet(flag) {
			return usageErrorf(c, "--%s does not go with --input-format %s: records have no lines in a repository", flag, o.records)
		}
	}
	mb := c.Int("max-record-mb")
	if mb < 1 {
		return usageErrorf(c, "--max-record-mb %d: want at least 1", mb)
	}
	d, err := env.configure(c, o) // the current folder's .mtlint.yml, or --config
	if err != nil {
		return err
	}
	args := c.Args().Slice()
	copt := records.CheckOptions{Extract: o.config.Input.Article, Encoding: o.config.Input.Encoding}
	ctx, cancel := context.WithCancel(c.Context)
	defer cancel()

	queue := make(chan *recordJob, 2*o.jobs)
	work := make(chan *recordJob, o.jobs)
	var skipped int
	go func() { // the reader: records in input order
		defer close(queue)
		defer close(work)
		send := func(j *recordJob) bool {
			select {
			case queue <- j:
			case <-ctx.Done():
				return false
			}
			if j.rec != nil {
				select {
				case work <- j:
				case <-ctx.Done():
					return false
				}
			}
			return true
		}
		stdinSeen := false
		for _, arg := range args {
			n, ok := env.readDump(arg, o.records, mb<<20, &stdinSeen, send)
			skipped += n
			if !ok {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range o.jobs {
		wg.Go(func() {
			for j := range work {
				j.out = records.Check(d, j.rec, copt)
				close(j.done)
			}
		})
	}

	var rejw *bufio.Writer
	if name := c.String("rejected"); name != "" {
		f, ferr := os.Create(name)
		if ferr != nil {
			err = &exitError{code: exitUsage, msg: "--rejected: " + ferr.Error()}
		} else {
			defer f.Close()
			rejw = bufio.NewWriter(f)
		}
	}
	w := bufio.NewWriterSize(env.stdout, 64<<10)
	var emit func(*recordJob, *checker.Result, *[]byte) error
	var finish func(report.Summary) error
	if err == nil {
		emit, finish, err = env.recordsReporter(c, w, o, d)
	}
	if err != nil {
		cancel()
		for range queue {
		}
		wg.Wait()
		return err
	}
	var n recordCounts
	var sum report.Summary
	var werr error
	var line []byte
	for j := range queue {
		if werr != nil {
			continue // drain
		}
		var res *checker.Result
		switch {
		case j.failed != "":
			n.unreadable++
			fmt.Fprintf(env.stderr, "mtlint: %s: %s\n", j.failed, j.reason)
			res = &checker.Result{Path: j.failed, Error: j.reason}
		case j.rejected != nil:
			n.rejected++
			fmt.Fprintf(env.stderr, "mtlint: %s\n", j.rejected.Error())
			if rejw != nil {
				b, _ := json.Marshal(j.rejected)
				rejw.Write(b)
				if werr = rejw.WriteByte('\n'); werr != nil {
					cancel()
					continue
				}
			}
			res = &checker.Result{Path: rejectedPath(j.rejected), Error: j.rejected.Reason}
		default:
			<-j.done
			n.checked++
			res = j.out.Result
		}
		sum.Add(res)
		if werr = emit(j, res, &line); werr != nil {
			cancel()
		}
	}
	wg.Wait()
	n.skipped = skipped
	if werr == nil {
		werr = finish(sum)
	}
	if werr == nil {
		werr = w.Flush()
	}
	if werr == nil && rejw != nil {
		werr = rejw.Flush()
	}
	if werr != nil {
		return &exitError{code: exitUsage, msg: "writing the report: " + werr.Error()}
	}
	if n.rejected > 0 || n.skipped > 0 || n.unreadable > 0 {
		fmt.Fprintf(env.stderr, "mtlint: %d records checked, %d rejected, %d not articles (skipped)", n.checked, n.rejected, n.skipped)
		if n.unreadable > 0 {
			fmt.Fprintf(env.stderr, ", %d inputs unreadable", n.unreadable)
		}
		fmt.Fprintln(env.stderr)
	}
	if n.rejected > 0 || n.unreadable > 0 {
		return &exitError{code: exitUsage}
	}
	if code := exitCode(sum, o.failOn); code != exitOK {
		return &exitError{code: code}
	}
	return nil
}

// rejectedPath names a rejected record in reports: its id when it has one,
// else where it is.
func rejectedPath(r *records.Rejected) string {
	where := strings.TrimSuffix(r.Error(), ": "+r.Reason)
	if r.ID != "" {
		return r.ID + " (" + where + ")"
	}
	return where
}

// readDump sends the records of the dump that arg names, in order; it
// returns how many records were not articles, and false when send asked to
// stop.
func (env *appEnv) readDump(arg, kind string, max int, stdinSeen *bool, send func(*recordJob) bool) (int, bool) {
	name := arg
	var in io.Reader
	if arg == source.StdinArg {
		name = source.StdinPath
		if *stdinSeen {
			return 0, send(&recordJob{failed: name, reason: `standard input ("-") named more than once`})
		}
		*stdinSeen = true
		in = env.stdin
	} else {
		if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
			return 0, send(&recordJob{failed: name, reason: "is a directory: name the dump files (a shell glob such as dir/*.jsonl)"})
		}
		f, err := os.Open(arg)
		if err != nil {
			return 0, send(&recordJob{failed: name, reason: source.Reason(err)})
		}
		defer f.Close()
		in = f
	}
	opt := records.Options{Source: name, MaxRecordBytes: max}
	var next func() (*records.Record, error)
	var skipped func() int
	if kind == recordsWARC {
		r, err := records.NewWARCReader(in, opt)
		if err != nil {
			return 0, send(&recordJob{failed: name, reason: err.Error()})
		}
		defer r.Close()
		next, skipped = r.Next, func() int { return r.Skipped }
	} else {
		r := records.NewJSONLReader(in, opt)
		next, skipped = r.Next, func() int { return 0 }
	}
	for {
		rec, err := next()
		var rej *records.Rejected
		switch {
		case err == io.EOF:
			return skipped(), true
		case errors.As(err, &rej):
			if !send(&recordJob{rejected: rej}) {
				return skipped(), false
			}
		case err != nil:
			return skipped(), send(&recordJob{failed: name, reason: "reading stopped: " + err.Error()})
		default:
			if !send(&recordJob{rec: rec, done: make(chan struct{})}) {
				return skipped(), false
			}
		}
	}
}

// recordsReporter returns how each record is written and how the report
// ends, for --format: jsonl writes records.Output objects, csv ranks records
// by score, and every other format is the one of files, each record named by
// its id.
func (env *appEnv) recordsReporter(c *cli.Context, w io.Writer, o *checkOptions, d *config.Dispatcher) (emit func(*recordJob, *checker.Result, *[]byte) error, finish func(report.Summary) error, err error) {
	switch o.format {
	case "jsonl":
		emit = func(j *recordJob, _ *checker.Result, buf *[]byte) error {
			if j.out == nil {
				return nil // rejected: on stderr, not among the findings
			}
			b, err := j.out.AppendJSONL((*buf)[:0])
			*buf = b
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		}
		return emit, func(report.Summary) error { return nil }, nil
	case "csv":
		var rows []rankedRecord
		emit = func(j *recordJob, res *checker.Result, _ *[]byte) error {
			if j.out != nil {
				rows = append(rows, newRankedRecord(j.out))
			}
			return nil
		}
		finish = func(report.Summary) error { return writeRanked(w, rows) }
		return emit, finish, nil
	}
	rep, err := report.New(o.format, w, report.Options{
		Color: o.format == "text" && env.useColor(o.noColor),
		Quiet: o.quiet, ShowFixes: c.Bool("show-fixes"),
		Rules: d.Rules(), Version: versionString(),
	})
	if err != nil {
		return nil, nil, &exitError{code: exitUsage, msg: err.Error()}
	}
	if err := rep.Start(); err != nil {
		return nil, nil, &exitError{code: exitUsage, msg: "writing the report: " + err.Error()}
	}
	emit = func(_ *recordJob, res *checker.Result, _ *[]byte) error { return rep.File(res) }
	return emit, rep.Finish, nil
}

// recordsCSVHeader is the header of the CSV of records ranked by score.
var recordsCSVHeader = []string{"rank", "id", "url", "score", "language", "source_language", "source_language_confidence",
	"words", "findings", "errors", "warnings", "infos", "top_rules"}

// rankedRecord is one row of the CSV of records.
type rankedRecord struct {
	row   []string
	score int
}

func newRankedRecord(out *records.Output) rankedRecord {
	res := out.Result
	var sev [rules.Error + 1]int
	count := map[string]int{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Severity >= rules.Info && f.Severity <= rules.Error {
			sev[f.Severity]++
		}
		count[f.Rule]++
	}
	ruleIDs := make([]string, 0, len(count))
	for r := range count {
		ruleIDs = append(ruleIDs, r)
	}
	slices.SortFunc(ruleIDs, func(a, b string) int { return cmp.Or(count[b]-count[a], strings.Compare(a, b)) })
	top := ruleIDs[:min(len(ruleIDs), 3)]
	for i, r := range top {
		top[i] = r + "×" + strconv.Itoa(count[r])
	}
	srcLang, srcConf := "", ""
	if h := res.SourceLanguageHint; h != nil {
		srcLang, srcConf = h.Language, strconv.FormatFloat(h.Confidence, 'f', 2, 64)
	}
	return rankedRecord{score: res.Score, row: []string{"", cell(out.ID), cell(out.URL), strconv.Itoa(res.Score), res.Language, srcLang, srcConf,
		strconv.Itoa(res.Words), strconv.Itoa(len(res.Findings)), strconv.Itoa(sev[rules.Error]), strconv.Itoa(sev[rules.Warning]), strconv.Itoa(sev[rules.Info]), strings.Join(top, " ")}}
}

// writeRanked writes the rows highest score first, input order among equals.
func writeRanked(w io.Writer, rows []rankedRecord) error {
	slices.SortStableFunc(rows, func(a, b rankedRecord) int { return b.score - a.score })
	cw := csv.NewWriter(w)
	if err := cw.Write(recordsCSVHeader); err != nil {
		return err
	}
	for i, r := range rows {
		r.row[0] = strconv.Itoa(i + 1)
		if err := cw.Write(r.row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell makes a field safe for a spreadsheet, as the CSV report does: invalid
// UTF-8 as U+FFFD, and a "'" before what would be read as a formula.
func cell(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
