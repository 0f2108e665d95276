// Command pipeline runs mtlint's check over article dumps on Apache Beam,
// for audits past one machine: the same records, the same checker and the
// same .mtlint.yml as
//
//	mtlint check --input-format jsonl|warc --format jsonl
//
// but sharded, retried and scaled by a Beam runner: Google Cloud Dataflow,
// Apache Flink or Apache Spark (through Beam's portable runner), or Prism,
// Beam's in-process runner, by default.
//
// Usage:
//
//	go run . --input=GLOB [--input=GLOB…] --output=DIR [--config=.mtlint.yml] [--runner=prism] [flags]
//
// It reads JSON Lines (.jsonl, .jsonl.gz: one article an object, as mtlint
// check --input-format jsonl reads them) and WARC files (.warc, .warc.gz,
// .wet, .wet.gz: HTML responses and extracted-text records) through Beam's
// file systems (local paths, gs://, s3://), and writes to DIR:
//
//	findings-SSSSS-of-NNNNN.jsonl  one object a record, exactly the line mtlint check writes for it
//	domains-00000-of-00001.jsonl   one object a domain (the URL's host): documents, words, mean and
//	                               p90 score, share scoring 60 or more, commonest rules and
//	                               source-language hints
//	rejected-00000-of-00001.jsonl  every record that could not be read, with its file, line or
//	                               offset, and the reason (a dead-letter output)
//
// Its own flags:
//
//	--input GLOB        a dump or a glob of dumps; repeatable. A glob that matches nothing is an error.
//	--output DIR        the folder (local, gs://, s3://) of the output files
//	--config FILE       the .mtlint.yml to check with, as mtlint check --config; without it the
//	                    built-in defaults apply (mtlint check --no-config). Packs it names must lie
//	                    in its folder or below: they are shipped to the workers with it.
//	--input_format F    jsonl or warc for every input; by default each file's name tells
//	--extract           check only the main article of HTML records (mtlint check --extract)
//	--encoding NAME     the character encoding of HTML records (mtlint check --encoding)
//	--max_record_mb N   the largest record read (default 32); a larger one is rejected, as by
//	                    mtlint check --max-record-mb
//	--shards N          the number of findings files (default 4); raise it with the data
//	--reshuffle         spread each file's records over the workers before checking, for a few
//	                    large dumps on a cluster; by default each file is checked where it is
//	                    read, which suits many files (a crawl) and costs no shuffle of the bodies
//	--log_level LEVEL   Beam's and the runner's log: debug, info, warn (default) or error
//
// and Beam's, among them --runner (prism, dataflow, flink, spark, universal),
// --endpoint, --environment_type, --project, --region, --temp_location,
// --staging_location and --worker_machine_type: see the README's section
// on running at scale.
//
// When the run ends it prints its metrics on standard error: records read,
// checked, rejected and skipped (WARC records that are no article), bytes
// checked, and findings by category. It exits 0 when every record was read,
// 2 when some were rejected (as mtlint check does; they are in rejected-*)
// or, before any job, when a flag is wrong (a glob that matches no file is
// named), and 1 when the job failed.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	// The file systems of --input and --output.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"

	"github.com/mtlint/mtlint/checker/source/records"
)

// globList is a repeatable flag.
type globList []string

func (g *globList) String() string { return strings.Join(*g, ",") }

func (g *globList) Set(v string) error {
	*g = append(*g, v)
	return nil
}

var (
	inputs      globList
	output      = flag.String("output", "", "the folder (local, gs://, s3://) of the output files (required)")
	configPath  = flag.String("config", "", "the .mtlint.yml to check with, as mtlint check --config; none: the built-in defaults")
	inputFormat = flag.String("input_format", "", "jsonl or warc for every input; default: by each file's name (.warc, .wet, .warc.gz… are WARC)")
	extract     = flag.Bool("extract", false, "check only the main article of HTML records (mtlint check --extract)")
	encoding    = flag.String("encoding", "", "the character encoding of HTML records (mtlint check --encoding); default: detect it")
	shards      = flag.Int("shards", 4, "the number of findings files")
	maxRecordMB = flag.Int("max_record_mb", records.DefaultMaxRecordBytes>>20, "the largest record read, in MB (mtlint check --max-record-mb); a larger one is rejected")
	reshuffle   = flag.Bool("reshuffle", false, "spread each file's records over the workers before checking: for a few large dumps on a cluster (costs a shuffle of every record)")
	logLevel    = flag.String("log_level", "warn", "Beam's and the runner's log level: debug, info, warn or error")
)

func init() {
	flag.Var(&inputs, "input", "a dump (JSON Lines or WARC, gzipped or not) or a glob of dumps; repeatable (required)")
}

func main() {
	flag.Parse()
	beamlog.LogLevel = *logLevel // read by beam.Init
	beam.Init()                  // a worker process runs its harness here and never returns
	ctx := context.Background()
	opt, err := options(ctx)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pipeline: %v\n", err)
		os.Exit(2)
	}
	os.Exit(run(ctx, opt, os.Stderr))
}

// options reads the flags into Options, and checks that every glob
// matches a file.
func options(ctx context.Context) (Options, error) {
	if len(inputs) == 0 {
		return Options{}, fmt.Errorf("--input: no dump given (want --input=GLOB)")
	}
	if *output == "" {
		return Options{}, fmt.Errorf("--output: no folder given (want --output=DIR)")
	}
	switch *inputFormat {
	case "", "jsonl", "warc":
	default:
		return Options{}, fmt.Errorf("--input_format %q: want jsonl or warc", *inputFormat)
	}
	if *maxRecordMB < 1 {
		return Options{}, fmt.Errorf("--max_record_mb %d: want at least 1", *maxRecordMB)
	}
	if *shards < 1 {
		return Options{}, fmt.Errorf("--shards %d: want at least 1", *shards)
	}
	if err := checkInputs(ctx, inputs); err != nil {
		return Options{}, err
	}
	cfg, err := loadConfigBundle(*configPath)
	if err != nil {
		return Options{}, fmt.Errorf("--config: %w", err)
	}
	// Build the checker once here too: a mistake in the configuration is
	// reported now, not by every worker.
	if _, err := cfg.dispatcher(); err != nil {
		return Options{}, fmt.Errorf("--config: %w", err)
	}
	return Options{
		Inputs:      inputs,
		InputFormat: *inputFormat,
		Output:      *output,
		Config:      cfg,
		Check:       records.CheckOptions{Extract: *extract, Encoding: *encoding},
		Shards:      *shards,
		Reshuffle:   *reshuffle,
		MaxRecord:   *maxRecordMB << 20,
	}, nil
}

// checkInputs fails for the first glob that matches no file: Beam's text
// source would read nothing and succeed.
func checkInputs(ctx context.Context, globs []string) error {
	for _, g := range globs {
		fs, err := filesystem.New(ctx, g)
		if err != nil {
			return fmt.Errorf("--input %q: %w", g, err)
		}
		files, err := fs.List(ctx, g)
		fs.Close()
		if err != nil {
			return fmt.Errorf("--input %q: %w", g, err)
		}
		if len(files) == 0 {
			return fmt.Errorf("--input %q: no file matches", g)
		}
	}
	return nil
}

// run builds the pipeline, runs it on --runner (prism by default), and
// prints its metrics on w. It returns the exit code.
func run(ctx context.Context, opt Options, w io.Writer) int {
	p, s := beam.NewPipelineWithRoot()
	Build(s, opt)
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		fmt.Fprintf(w, "pipeline: %v\n", err)
		return 1
	}
	if res == nil { // --async, or a runner that reports no metrics
		return 0
	}
	m := readMetrics(res)
	m.print(w)
	if m.Counters["records_rejected"] > 0 {
		fmt.Fprintf(w, "pipeline: %d records could not be read: see %s\n", m.Counters["records_rejected"], shardName(opt.Output, "rejected", 0, 1))
		return 2
	}
	return 0
}
