package main

import (
	"bufio"
	"context"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
)

// TestMain runs every pipeline on Prism, Beam's in-process runner (not the
// deprecated direct runner, which accepts unregistered functions that
// fail on every other runner), with Beam's log at warnings.
func TestMain(m *testing.M) {
	beamlog.LogLevel = "warn"
	ptest.MainWithDefault(m, "prism")
}

// findingLine is what the tests read of a findings line.
type findingLine struct {
	ID       string `json:"id"`
	URL      string `json:"url"`
	Score    int    `json:"score"`
	Words    int    `json:"words"`
	Findings []struct {
		Rule     string `json:"rule"`
		Category string `json:"category"`
	} `json:"findings"`
	Extra map[string]any `json:"extra"`
}

// readShards returns the lines of the files DIR/PREFIX-*.jsonl, and the
// files' names.
func readShards(t *testing.T, dir, prefix string) (lines, files []string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, prefix+"-*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return lines, files
}

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// cli builds the mtlint command line of the main module, once a run.
func cli(t *testing.T) string {
	t.Helper()
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mtlint-pipeline-cli-")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "mtlint")
		cmd := exec.Command("go", "build", "-o", cliPath, "./cmd/mtlint")
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			cliErr = err
			cliPath = string(out)
		}
	})
	if cliErr != nil {
		t.Fatalf("building mtlint: %v\n%s", cliErr, cliPath)
	}
	return cliPath
}

// cliFindings runs mtlint check --input-format jsonl --format jsonl on
// files in folder dir ("" for the test's) and returns its lines.
func cliFindings(t *testing.T, dir string, args []string, files ...string) []string {
	t.Helper()
	return cliRun(t, dir, append([]string{"check", "--input-format", "jsonl", "--format", "jsonl"}, args...), files...)
}

// cliRun runs mtlint with args and files in folder dir and returns the
// lines it wrote; exit codes 1 (findings) and 2 (rejected records) are
// expected.
func cliRun(t *testing.T, dir string, args []string, files ...string) []string {
	t.Helper()
	cmd := exec.Command(cli(t), append(args, files...)...)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 2) {
		t.Fatalf("mtlint check: %v\n%s", err, stderr.String())
	}
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

// runPipeline runs the pipeline on Prism and returns its metrics.
func runPipeline(t *testing.T, opt Options) runMetrics {
	t.Helper()
	p, s := beam.NewPipelineWithRoot()
	Build(s, opt)
	res, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatalf("the pipeline failed: %v", err)
	}
	return readMetrics(res)
}

func TestEndToEnd(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	smp := writeSample(t, in, 120)
	const shards = 3
	m := runPipeline(t, Options{Inputs: []string{filepath.Join(in, "*.jsonl*")}, Output: out,
		Config: configBundle{}, Shards: shards, Reshuffle: true})

	// findings-*: one line a record, exactly the command line's lines for
	// the same records (in another order: the pipeline's is the runner's).
	lines, files := readShards(t, out, "findings")
	if len(files) != shards {
		t.Errorf("findings files: %v, want %d", files, shards)
	}
	if len(lines) != len(smp.Records) {
		t.Fatalf("findings lines: %d, want one a record: %d", len(lines), len(smp.Records))
	}
	want := cliFindings(t, "", []string{"--no-config"}, smp.Files...)
	slices.Sort(lines)
	slices.Sort(want)
	if !slices.Equal(lines, want) {
		for i := range min(len(lines), len(want)) {
			if lines[i] != want[i] {
				t.Fatalf("findings differ from mtlint check's (%d vs %d lines); first difference:\npipeline: %.400s\nmtlint:   %.400s", len(lines), len(want), lines[i], want[i])
			}
		}
		t.Fatalf("findings: %d lines, mtlint check: %d", len(lines), len(want))
	}

	// The seed article tops the ranking; every record is there once.
	var top findingLine
	byID := map[string]findingLine{}
	byCategory := map[string]int64{}
	var words int64
	for i, l := range lines {
		var f findingLine
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if _, dup := byID[f.ID]; dup {
			t.Errorf("record %s twice", f.ID)
		}
		byID[f.ID] = f
		words += int64(f.Words)
		for _, fd := range f.Findings {
			byCategory[fd.Category]++
		}
		if f.ID != "seed" && f.Score >= top.Score {
			top = f
		}
	}
	seed := byID["seed"]
	if seed.Score <= top.Score {
		t.Errorf("the seed scores %d; %s scores %d: the seed should top the ranking", seed.Score, top.ID, top.Score)
	}
	if seed.URL != "https://mt.example.com/world/talks" || seed.Extra["section"] != "world" || len(seed.Findings) < 10 {
		t.Errorf("the seed's record: url %q, extra %v, %d findings", seed.URL, seed.Extra, len(seed.Findings))
	}
	if byCategory["punctuation"] == 0 {
		t.Errorf("no punctuation finding in the sample: %v", byCategory)
	}

	// domains-*: the documents add up to the records, domain by domain.
	dlines, dfiles := readShards(t, out, "domains")
	if len(dfiles) != 1 {
		t.Errorf("domains files: %v", dfiles)
	}
	wantDocs := map[string]int64{}
	for _, r := range smp.Records {
		wantDocs[domainOf(r.URL)]++
	}
	gotDocs := map[string]int64{}
	var docs, dwords int64
	for _, l := range dlines {
		var d domainJSON
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		gotDocs[d.Domain] = d.Documents
		docs += d.Documents
		dwords += d.Words
		if len(d.TopRules) > topRules {
			t.Errorf("%s: %d top rules", d.Domain, len(d.TopRules))
		}
		if d.Domain == "mt.example.com" && (d.Documents != 1 || d.ShareHigh != 1 || d.MeanScore != float64(seed.Score) || len(d.TopRules) == 0) {
			t.Errorf("the seed's domain: %s", l)
		}
	}
	if !maps.Equal(gotDocs, wantDocs) {
		t.Errorf("documents by domain: %v, want %v", gotDocs, wantDocs)
	}
	if docs != int64(len(smp.Records)) || dwords != words {
		t.Errorf("domains add up to %d documents and %d words; findings have %d and %d", docs, dwords, len(smp.Records), words)
	}
	if _, ok := gotDocs["example-news.com"]; !ok {
		t.Errorf("www. not dropped from the domain: %v", gotDocs)
	}

	// rejected-*: every malformed line, with its file and line.
	rlines, rfiles := readShards(t, out, "rejected")
	if len(rfiles) != 1 {
		t.Errorf("rejected files: %v", rfiles)
	}
	gotBad := map[string][]int{}
	for _, l := range rlines {
		var r struct {
			Source string `json:"source"`
			Line   int    `json:"line"`
			Reason string `json:"reason"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if r.Reason == "" {
			t.Errorf("no reason: %s", l)
		}
		gotBad[r.Source] = append(gotBad[r.Source], r.Line)
	}
	for _, v := range gotBad {
		slices.Sort(v)
	}
	if !maps.EqualFunc(gotBad, smp.Malformed, slices.Equal) {
		t.Errorf("rejected lines: %v, want %v", gotBad, smp.Malformed)
	}
	// ... the same objects as mtlint check --rejected writes.
	deadLetters := filepath.Join(t.TempDir(), "rejected.jsonl")
	cliFindings(t, "", []string{"--no-config", "--rejected", deadLetters}, smp.Files...)
	cliBad, err := os.ReadFile(deadLetters)
	if err != nil {
		t.Fatal(err)
	}
	wantBad := strings.Split(strings.TrimSuffix(string(cliBad), "\n"), "\n")
	slices.Sort(wantBad)
	slices.Sort(rlines)
	if !slices.Equal(rlines, wantBad) {
		t.Errorf("rejected-*:\n%s\nmtlint check --rejected:\n%s", strings.Join(rlines, "\n"), strings.Join(wantBad, "\n"))
	}

	// The metrics count what the files hold.
	bad := 0
	for _, v := range smp.Malformed {
		bad += len(v)
	}
	var body int64
	for _, r := range smp.Records {
		body += int64(len(r.Text))
	}
	for name, want := range map[string]int64{"records_read": int64(len(smp.Records) + bad), "records_checked": int64(len(smp.Records)),
		"records_rejected": int64(bad), "bytes_checked": body} {
		if m.Counters[name] != want {
			t.Errorf("metric %s = %d, want %d", name, m.Counters[name], want)
		}
	}
	for cat, n := range byCategory {
		if m.Counters["findings_"+cat] != n {
			t.Errorf("metric findings_%s = %d, want %d", cat, m.Counters["findings_"+cat], n)
		}
	}
}

func TestEmptyGlobFails(t *testing.T) {
	dir := t.TempDir()
	glob := filepath.Join(dir, "nothing-*.jsonl")
	err := checkInputs(context.Background(), []string{glob})
	if err == nil || !strings.Contains(err.Error(), glob) {
		t.Fatalf("checkInputs(%q) = %v, want an error naming the glob", glob, err)
	}
	// The job itself fails too, for a runner that gets the glob another way.
	p, s := beam.NewPipelineWithRoot()
	Build(s, Options{Inputs: []string{glob}, Output: t.TempDir(), Shards: 1})
	if err := ptest.Run(p); err == nil || !strings.Contains(err.Error(), "nothing-*.jsonl") {
		t.Fatalf("the pipeline on an empty glob: %v, want a failure naming the glob", err)
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]string{
		"a.jsonl": "jsonl", "a.jsonl.gz": "jsonl", "gs://b/x/a.json": "jsonl",
		"CC-MAIN-1.warc.gz": "warc", "a.WARC": "warc", "s3://b/a.wet.gz": "warc", "a.arc.gz": "warc",
	} {
		if got := formatOf(name); got != want {
			t.Errorf("formatOf(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestDomainOf(t *testing.T) {
	for raw, want := range map[string]string{
		"https://www.Example.com/a?b": "example.com", "http://news.example.org:8080/x": "news.example.org",
		"": noDomain, "not a url": noDomain, "/relative/path": noDomain,
	} {
		if got := domainOf(raw); got != want {
			t.Errorf("domainOf(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestDomainAggregate(t *testing.T) {
	var c domainCombine
	// Two partial aggregates merged, as a runner combines them.
	a, b := c.CreateAccumulator(), c.CreateAccumulator()
	for i, sc := range []int{0, 10, 20, 30, 40, 50, 60, 70, 80, 90} {
		d := docStat{Words: 100, Score: sc, Rules: []string{"punctuation.space-before"}}
		if sc >= 80 {
			d.Rules = append(d.Rules, "idiom.calques", "idiom.calques")
			d.Hint = "fr"
		}
		if sc == 70 {
			d.Hint = "de"
		}
		if i%2 == 0 {
			a = c.AddInput(a, d)
		} else {
			b = c.AddInput(b, d)
		}
	}
	enc, err := encodeAcc(c.MergeAccumulators(a, b))
	if err != nil {
		t.Fatal(err)
	}
	acc, err := decodeAcc(enc)
	if err != nil {
		t.Fatal(err)
	}
	line, err := formatDomain("example.com", c.ExtractOutput(acc))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"domain":"example.com","documents":10,"words":1000,"mean_score":45,"p90_score":80,"share_score_60_or_more":0.4,` +
		`"top_rules":[{"rule":"punctuation.space-before","findings":10},{"rule":"idiom.calques","findings":4}],` +
		`"source_language_hints":[{"language":"fr","documents":2},{"language":"de","documents":1}]}`
	if line != want {
		t.Errorf("got  %s\nwant %s", line, want)
	}
	if got := percentile(make([]int64, 101), 0, 0.9); got != 0 {
		t.Errorf("p90 of nothing: %d", got)
	}
}

func TestConfigBundle(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "cfg", "packs"), 0o755)
	os.WriteFile(filepath.Join(dir, "cfg", "packs", "p.yaml"), []byte("pack: idiom-p\ncategory: idiom\nseverity: info\ndoc: d\nexplanation: e\nentries:\n  - pattern: ticket sales\n    message: m\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "cfg", "ok.yml"), []byte("disable: [quotes]\npacks: [packs/p.yaml]\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "out.yaml"), []byte("pack: idiom-out\ncategory: idiom\nseverity: info\ndoc: d\nexplanation: e\nentries:\n  - pattern: ticket sales\n    message: m\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "cfg", "bad.yml"), []byte("packs: [../out.yaml]\n"), 0o644)

	// Outside the current folder, paths are kept from the configuration's.
	b, err := loadConfigBundle(filepath.Join(dir, "cfg", "ok.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "ok.yml" || len(b.Files) != 2 || b.Files["packs/p.yaml"] == "" {
		t.Errorf("bundle %q with %v", b.Name, slices.Sorted(maps.Keys(b.Files)))
	}
	if _, err := b.dispatcher(); err != nil {
		t.Errorf("the bundle's checker: %v", err)
	}
	// A pack above the configuration's folder cannot be shipped: said, with
	// where the file names it.
	if _, err := loadConfigBundle(filepath.Join(dir, "cfg", "bad.yml")); err == nil || !strings.Contains(err.Error(), "../out.yaml") || !strings.Contains(err.Error(), "bad.yml") {
		t.Errorf("a pack outside the folder: %v", err)
	}
	// A mistake in the file is the configuration's message.
	os.WriteFile(filepath.Join(dir, "cfg", "typo.yml"), []byte("disabel: [quotes]\n"), 0o644)
	if _, err := loadConfigBundle(filepath.Join(dir, "cfg", "typo.yml")); err == nil || !strings.Contains(err.Error(), "disabel") {
		t.Errorf("a typo: %v", err)
	}
}

// TestMaxRecord rejects a record over --max_record_mb unread, as mtlint
// check --max-record-mb does, and checks the others.
func TestMaxRecord(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	smp := writeSample(t, in, 4)
	m := runPipeline(t, Options{Inputs: []string{filepath.Join(in, "a.jsonl")}, Output: out, Shards: 1, MaxRecord: 4096})
	rej, _ := readShards(t, out, "rejected")
	var seedRejected bool
	for _, l := range rej {
		seedRejected = seedRejected || (strings.Contains(l, `"line":1,`) && strings.Contains(l, "4096"))
	}
	if !seedRejected {
		t.Errorf("the seed article (%d bytes) over a 4,096-byte limit is not rejected with the limit named: %v", len(smp.Records[0].Text), rej)
	}
	got, _ := readShards(t, out, "findings")
	if int64(len(got)) != m.Counters["records_checked"] || len(got) == 0 || strings.Contains(strings.Join(got, "\n"), `"id":"seed"`) {
		t.Errorf("%d findings lines, %d checked; the seed must not be among them", len(got), m.Counters["records_checked"])
	}
}
