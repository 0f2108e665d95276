package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source/records"
)

// Options are what the pipeline reads, how it checks, and where it writes.
type Options struct {
	// Inputs are the globs of the dumps (local paths, gs://, s3://).
	Inputs []string
	// InputFormat is "jsonl", "warc", or "" to tell each file by its name
	// (see formatOf).
	InputFormat string
	// Output is the folder of the output files.
	Output string
	// Config is the configuration every record is checked with.
	Config configBundle
	// Check says how records are read by the checker (--extract,
	// --encoding).
	Check records.CheckOptions
	// Shards is the number of files of each output; at least 1.
	Shards int
	// MaxRecord is the largest record read, in bytes; zero means
	// records.DefaultMaxRecordBytes.
	MaxRecord int
	// Reshuffle redistributes the records of each file before they are
	// checked, so that one large dump is checked by every worker rather
	// than by the one that reads it.
	Reshuffle bool
}

// The pipeline's metrics, in namespace "mtlint".
var (
	recordsRead     = beam.NewCounter(metricsNamespace, "records_read")
	recordsRejected = beam.NewCounter(metricsNamespace, "records_rejected")
	recordsSkipped  = beam.NewCounter(metricsNamespace, "records_skipped")
	bytesChecked    = beam.NewCounter(metricsNamespace, "bytes_checked")
	recordsChecked  = beam.NewCounter(metricsNamespace, "records_checked")
)

// metricsNamespace is the namespace of the pipeline's metrics; findings are
// counted by category as findings_CATEGORY.
const metricsNamespace = "mtlint"

func init() {
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(recordElem), func(string), error](&readFn{})
	register.DoFn4x1[context.Context, recordElem, func(string), func(string, docStat), error](&checkFn{})
	register.Emitter1[recordElem]()
	register.Emitter1[string]()
	register.Emitter2[string, docStat]()
	beam.RegisterType(reflectTypeOf[recordElem]())
	beam.RegisterType(reflectTypeOf[docStat]())
}

// recordElem is a record on its way from the reader to the checker: a
// records.Record in a form Beam encodes.
type recordElem struct {
	ID, URL, Title string
	Body           []byte
	Format         int
	ContentType    string
	Extra          []byte
	Source         string
	Line           int
	Offset         int64
}

func toElem(r *records.Record) recordElem {
	return recordElem{ID: r.ID, URL: r.URL, Title: r.Title, Body: r.Body, Format: int(r.Format),
		ContentType: r.ContentType, Extra: r.Extra, Source: r.Source, Line: r.Line, Offset: r.Offset}
}

func (e *recordElem) record() *records.Record {
	return &records.Record{ID: e.ID, URL: e.URL, Title: e.Title, Body: e.Body, Format: markup.Format(e.Format),
		ContentType: e.ContentType, Extra: e.Extra, Source: e.Source, Line: e.Line, Offset: e.Offset}
}

// Build adds the pipeline to s: read every file that the globs match,
// check each record, and write the findings, the domains' aggregates and
// the rejected records to opt.Output.
func Build(s beam.Scope, opt Options) {
	var files []beam.PCollection
	for i, glob := range opt.Inputs {
		sc := s.Scope(fmt.Sprintf("Match%d", i))
		// A glob that matches nothing fails the job on the workers too,
		// not only at launch (see checkInputs).
		matched := fileio.MatchFiles(sc, glob, fileio.MatchEmptyDisallow())
		files = append(files, fileio.ReadMatches(sc, matched, fileio.ReadUncompressed(), fileio.ReadDirectorySkip()))
	}
	all := files[0]
	if len(files) > 1 {
		all = beam.Flatten(s, files...)
	}
	recs, rejected := beam.ParDo2(s.Scope("Read"), &readFn{Format: opt.InputFormat, MaxRecord: opt.MaxRecord}, all)
	if opt.Reshuffle {
		recs = beam.Reshuffle(s, recs)
	}
	findings, stats := beam.ParDo2(s.Scope("Check"), &checkFn{Config: opt.Config, Extract: opt.Check.Extract, Encoding: opt.Check.Encoding}, recs)
	domains := aggregateDomains(s.Scope("Domains"), stats)

	writeShards(s.Scope("WriteFindings"), opt.Output, "findings", opt.Shards, findings)
	writeShards(s.Scope("WriteDomains"), opt.Output, "domains", 1, domains)
	writeShards(s.Scope("WriteRejected"), opt.Output, "rejected", 1, rejected)
}

// formatOf tells a dump's format by its name: WARC for .warc, .wet and
// .arc files (compressed or not), JSON Lines for every other.
func formatOf(name string) string {
	n := strings.ToLower(path.Base(name))
	n = strings.TrimSuffix(n, ".gz")
	for _, ext := range []string{".warc", ".wet", ".wat", ".arc"} {
		if strings.HasSuffix(n, ext) {
			return "warc"
		}
	}
	return "jsonl"
}

// readFn streams the records of one file: the records to check, and a JSON
// object for each record that cannot be read (the dead letters).
type readFn struct {
	// Format is "jsonl", "warc", or "" to tell by the file's name.
	Format string `json:"format,omitempty"`
	// MaxRecord is records.Options.MaxRecordBytes.
	MaxRecord int `json:"max_record,omitempty"`
}

// recordReader is a JSONLReader or a WARCReader.
type recordReader interface {
	Next() (*records.Record, error)
}

// ProcessElement reads file to its end. A malformed record is emitted as a
// rejected object and the file goes on; a file that cannot be read on is
// rejected from where it broke.
func (f *readFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(recordElem), reject func(string)) error {
	name := file.Metadata.Path
	rc, err := file.Open(ctx)
	if err != nil {
		return fmt.Errorf("opening %s: %w", name, err)
	}
	defer rc.Close()
	format := f.Format
	if format == "" {
		format = formatOf(name)
	}
	opt := records.Options{Source: name, MaxRecordBytes: f.MaxRecord}
	var r recordReader
	var skipped func() int
	if format == "warc" {
		w, err := records.NewWARCReader(rc, opt)
		if err != nil {
			return rejectFile(ctx, reject, name, 0, err)
		}
		defer w.Close()
		r, skipped = w, func() int { return w.Skipped }
	} else {
		j := records.NewJSONLReader(rc, opt)
		r, skipped = j, func() int { return j.Skipped }
	}
	defer func() { recordsSkipped.Inc(ctx, int64(skipped())) }()
	var offset int64
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		var rej *records.Rejected
		if errors.As(err, &rej) {
			recordsRead.Inc(ctx, 1)
			recordsRejected.Inc(ctx, 1)
			b, jerr := json.Marshal(rej)
			if jerr != nil {
				return jerr
			}
			reject(string(b))
			continue
		}
		if err != nil {
			return rejectFile(ctx, reject, name, offset, err)
		}
		recordsRead.Inc(ctx, 1)
		offset = rec.Offset
		emit(toElem(rec))
	}
}

// rejectFile emits the dead letter of a file that could not be read on
// from offset (the last record read), and ends the file.
func rejectFile(ctx context.Context, reject func(string), name string, offset int64, err error) error {
	recordsRejected.Inc(ctx, 1)
	b, jerr := json.Marshal(&records.Rejected{Source: name, Offset: offset, Reason: "the rest of the file could not be read: " + err.Error()})
	if jerr != nil {
		return jerr
	}
	reject(string(b))
	return nil
}

// docStat is what one record adds to its domain's aggregate.
type docStat struct {
	Words int
	Score int
	// Rules are the IDs of the rules that fired, once a finding.
	Rules []string
	// Hint is the source-language hint's language, or empty.
	Hint string
}

// checkFn checks records with the configuration it carries and emits each
// record's findings object (the line of mtlint check --input-format jsonl
// --format jsonl) and its contribution to its domain's aggregate.
type checkFn struct {
	Config   configBundle `json:"config"`
	Extract  bool         `json:"extract,omitempty"`
	Encoding string       `json:"encoding,omitempty"`

	checker  records.InputChecker
	counters map[string]beam.Counter
	buf      []byte
}

// Setup builds the checker of the configuration, once a worker process.
func (f *checkFn) Setup() error {
	d, err := f.Config.dispatcher()
	if err != nil {
		return fmt.Errorf("the configuration: %w", err)
	}
	f.checker = d
	f.counters = map[string]beam.Counter{}
	return nil
}

// ProcessElement checks one record.
func (f *checkFn) ProcessElement(ctx context.Context, e recordElem, emit func(string), stat func(string, docStat)) error {
	out := records.Check(f.checker, e.record(), records.CheckOptions{Extract: f.Extract, Encoding: f.Encoding})
	var err error
	f.buf, err = out.AppendJSONL(f.buf[:0])
	if err != nil {
		return fmt.Errorf("%s: record %s: %w", e.Source, e.ID, err)
	}
	emit(string(f.buf[:len(f.buf)-1]))
	recordsChecked.Inc(ctx, 1)
	bytesChecked.Inc(ctx, int64(len(e.Body)))
	res := out.Result
	st := docStat{Words: res.Words, Score: res.Score}
	if res.SourceLanguageHint != nil {
		st.Hint = res.SourceLanguageHint.Language
	}
	for i := range res.Findings {
		fd := &res.Findings[i]
		st.Rules = append(st.Rules, fd.Rule)
		cat := string(fd.Category)
		c, ok := f.counters[cat]
		if !ok {
			c = beam.NewCounter(metricsNamespace, "findings_"+cat)
			f.counters[cat] = c
		}
		c.Inc(ctx, 1)
	}
	slices.Sort(st.Rules)
	stat(domainOf(e.URL), st)
	return nil
}

// domainOf is the host of a record's URL, lower-cased and without a
// leading "www.", or "(no url)".
func domainOf(raw string) string {
	if raw == "" {
		return noDomain
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return noDomain
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// noDomain is the domain of records without a URL that has a host.
const noDomain = "(no url)"
