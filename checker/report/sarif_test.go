package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/internal/testrules"
	"github.com/mtlint/mtlint/rules"
)

// sarifSchema compiles the OASIS SARIF 2.1.0 schema in testdata, with format
// assertions (uri, uri-reference, date-time) on.
func sarifSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// validateSARIF checks out against the schema.
func validateSARIF(t testing.TB, sch *jsonschema.Schema, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v", err)
	}
}

// parseSARIF reads a log with go-sarif.
func parseSARIF(t testing.TB, out []byte) *sarif.Report {
	t.Helper()
	log, err := sarif.FromBytes(out)
	if err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIFSchema(t *testing.T) {
	sch := sarifSchema(t)
	seedOpts, seed := ciSeed(t)
	multiOpts, multi := ciMulti(t)
	for _, tc := range []struct {
		name string
		opts report.Options
		res  []*checker.Result
	}{
		{"seed", seedOpts, seed},
		{"multi", multiOpts, multi},
		{"hostile", report.Options{}, ciHostile()},
		{"no files", seedOpts, nil},
		{"no rules, no version", report.Options{}, seed},
		{"test rules", report.Options{Version: "dev"}, results(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			validateSARIF(t, sch, render(t, "sarif", tc.opts, tc.res))
		})
	}
	// The schema is not a pushover.
	good := render(t, "sarif", seedOpts, seed)
	for _, bad := range [][2]string{
		{`"level": "error"`, `"level": "fatal"`},
		{`"uri": "testdata/mt-article.txt"`, `"uri": "testdata\\mt-article.txt"`},
		{`"startLine": 1` + "\n", `"startLine": 0` + "\n"},
	} {
		out := bytes.Replace(good, []byte(bad[0]), []byte(bad[1]), 1)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if bytes.Equal(out, good) || sch.Validate(inst) == nil {
			t.Errorf("%q passed the schema", bad[1])
		}
	}
}

// What GitHub code scanning needs beyond the schema
// (docs.github.com, "SARIF support for code scanning").
func TestSARIFGitHubConstraints(t *testing.T) {
	multiOpts, multi := ciMulti(t)
	log := parseSARIF(t, render(t, "sarif", multiOpts, multi))
	r := log.Runs[0]
	drv := r.Tool.Driver
	if *drv.Name != "mtlint" || *drv.Version != "v1.2.3" || *drv.SemanticVersion != "1.2.3" || *drv.InformationURI != report.InformationURI {
		t.Errorf("driver %s %s %s %s", *drv.Name, *drv.Version, *drv.SemanticVersion, *drv.InformationURI)
	}
	if len(drv.Rules) != len(multiOpts.Rules) {
		t.Errorf("%d rules in the driver, %d in the run", len(drv.Rules), len(multiOpts.Rules))
	}
	for i, rd := range drv.Rules {
		rule := multiOpts.Rules[i]
		if *rd.ID != rule.ID || *rd.Name != rule.ID || *rd.ShortDescription.Text != rule.Doc {
			t.Errorf("rule %d: %s %s %s", i, *rd.ID, *rd.Name, *rd.ShortDescription.Text)
		}
		if rd.FullDescription == nil || *rd.FullDescription.Text == "" || rd.Help == nil || rd.Help.Markdown == nil {
			t.Errorf("%s: no full description or help", rule.ID)
			continue
		}
		if !strings.Contains(*rd.Help.Text, rule.Flagged) || !strings.Contains(*rd.Help.Text, rule.Unflagged) {
			t.Errorf("%s: help text without the examples:\n%s", rule.ID, *rd.Help.Text)
		}
		if want := map[string]string{"error": "error", "warning": "warning", "info": "note"}[rule.Severity.String()]; rd.DefaultConfiguration.Level != want {
			t.Errorf("%s: default level %s, want %s", rule.ID, rd.DefaultConfiguration.Level, want)
		}
		if !slices.Contains(rd.Properties.Tags, string(rule.Category)) {
			t.Errorf("%s: tags %v", rule.ID, rd.Properties.Tags)
		}
	}
	if r.ColumnKind == nil || *r.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %v", r.ColumnKind)
	}

	var sum report.Summary
	for _, res := range multi {
		sum.Add(res)
	}
	if len(r.Results) != sum.Findings {
		t.Errorf("%d results for %d findings", len(r.Results), sum.Findings)
	}
	fps := map[string]bool{}
	for _, res := range r.Results {
		if *drv.Rules[res.RuleIndex].ID != *res.RuleID {
			t.Errorf("ruleIndex %d is %s, ruleId %s", res.RuleIndex, *drv.Rules[res.RuleIndex].ID, *res.RuleID)
		}
		if res.Level != "error" && res.Level != "warning" && res.Level != "note" {
			t.Errorf("level %q", res.Level)
		}
		if res.Message == nil || res.Message.Text == nil || *res.Message.Text == "" {
			t.Error("a result without a message")
		}
		if len(res.Locations) != 1 {
			t.Fatalf("%d locations", len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		uri := *pl.ArtifactLocation.URI
		if strings.HasPrefix(uri, "http") {
			if pl.ArtifactLocation.URIBaseID != nil {
				t.Errorf("%s: a URL with a uriBaseId", uri)
			}
		} else if strings.Contains(uri, ":") || strings.HasPrefix(uri, "/") || pl.ArtifactLocation.URIBaseID == nil || *pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("local file %q (base %v): want a relative URI under %%SRCROOT%%", uri, pl.ArtifactLocation.URIBaseID)
		}
		if reg := pl.Region; reg == nil || reg.StartLine == nil || *reg.StartLine < 1 || *reg.StartColumn < 1 || *reg.EndLine < *reg.StartLine {
			t.Errorf("%s: bad region %+v", uri, reg)
		}
		fp := res.PartialFingerprints[report.FingerprintKey]
		if fp == "" || fps[uri+fp] {
			t.Errorf("%s: fingerprint %q missing or repeated", uri, fp)
		}
		fps[uri+fp] = true
	}
	for _, want := range []string{"archive/old%20edition.txt", "news/summit.md", "https://example.org/news/summit.html?id=1&lang=en"} {
		found := false
		for _, res := range r.Results {
			found = found || *res.Locations[0].PhysicalLocation.ArtifactLocation.URI == want
		}
		if !found {
			t.Errorf("no result in %s", want)
		}
	}

	inv := r.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful == nil || *inv[0].ExecutionSuccessful {
		t.Fatalf("invocations %+v: want one, not successful (an input was unreadable)", inv)
	}
	levels := map[string]string{}
	for _, n := range inv[0].ToolExecutionNotifications {
		levels[*n.Locations[0].PhysicalLocation.ArtifactLocation.URI+" "+n.Properties.Properties["kind"].(string)] = n.Level
	}
	for k, want := range map[string]string{
		"news/missing.txt unreadable":          "error",
		"news/photo.gif binary":                "warning",
		"archive/old%20edition.txt transcoded": "note",
	} {
		if levels[k] != want {
			t.Errorf("notification %s: level %q, want %q (all: %v)", k, levels[k], want, levels)
		}
	}
}

// Regions are exact: the bytes at byteOffset are the snippet, and the
// fixes replace exactly them. A transcoded input has no byte offsets,
// which would not count bytes of the file.
func TestSARIFRegions(t *testing.T) {
	opts, seed := ciSeed(t)
	raw := ciSeedRaw(t)
	log := parseSARIF(t, render(t, "sarif", opts, seed))
	fixes := 0
	for _, res := range log.Runs[0].Results {
		reg := res.Locations[0].PhysicalLocation.Region
		if reg.ByteLength == nil || reg.ByteOffset < 0 {
			t.Fatalf("%s: no byte offset", *res.RuleID)
		}
		got := string(raw[reg.ByteOffset : reg.ByteOffset+*reg.ByteLength])
		if got != *reg.Snippet.Text {
			t.Errorf("%s: bytes %q at the offset, snippet %q", *res.RuleID, got, *reg.Snippet.Text)
		}
		for _, fix := range res.Fixes {
			fixes++
			rep := fix.ArtifactChanges[0].Replacements[0]
			del := rep.DeletedRegion
			if del.ByteOffset != reg.ByteOffset || *del.ByteLength != *reg.ByteLength || *del.StartLine != *reg.StartLine || *del.EndColumn != *reg.EndColumn {
				t.Errorf("%s: fix region %+v, result region %+v", *res.RuleID, del, reg)
			}
			fixed := string(raw[:del.ByteOffset])
			if rep.InsertedContent != nil {
				fixed += *rep.InsertedContent.Text
			}
			fixed += string(raw[del.ByteOffset+*del.ByteLength:])
			if len(fixed) >= len(raw)+100 || fixed == string(raw) {
				t.Errorf("%s: the fix changes nothing", *res.RuleID)
			}
		}
	}
	if fixes == 0 {
		t.Error("no fixes")
	}

	opts, multi := ciMulti(t)
	log = parseSARIF(t, render(t, "sarif", opts, multi))
	for _, res := range log.Runs[0].Results {
		pl := res.Locations[0].PhysicalLocation
		transcoded := *pl.ArtifactLocation.URI == "archive/old%20edition.txt"
		if hasBytes := pl.Region.ByteLength != nil; hasBytes == transcoded {
			t.Errorf("%s: byte offsets %v", *pl.ArtifactLocation.URI, hasBytes)
		}
	}
}

// Fingerprints follow the text, not the line: a paragraph added above a
// finding keeps its fingerprint; two equal findings in a file differ by
// their order.
func TestSARIFFingerprints(t *testing.T) {
	c := ciChecker(t)
	fps := func(text string) []string {
		res := c.CheckString(text)
		res.Path = "a.txt"
		log := parseSARIF(t, render(t, "sarif", ciOptions(c), []*checker.Result{res}))
		var out []string
		for _, r := range log.Runs[0].Results {
			out = append(out, *r.RuleID+" "+r.PartialFingerprints[report.FingerprintKey])
		}
		return out
	}
	body := "The envoys met this week , with allies in Geneva.\n"
	before := fps(body)
	after := fps("A new paragraph opens the story.\n\nAnd another one, longer, sits above it.\n\n" + body)
	if len(before) != 1 || !slices.Equal(before, after) {
		t.Errorf("fingerprints changed with an edit above:\n%v\n%v", before, after)
	}
	moved := fps("The envoys met this week , with friends in Geneva.\n")
	if slices.Equal(before, moved) {
		t.Error("a change next to the finding kept its fingerprint")
	}
	twice := fps(body + "\nLater the envoys met this week , with allies in Geneva again.\n")
	if len(twice) != 2 || twice[0] == twice[1] || !strings.HasSuffix(twice[0], ":1") || !strings.HasSuffix(twice[1], ":2") {
		t.Errorf("two equal findings: %v", twice)
	}
}

// The log streams like the JSON report: the results of a file are written
// when File returns; only the notes wait for Finish.
func TestSARIFStreams(t *testing.T) {
	opts, seed := ciSeed(t)
	var buf bytes.Buffer
	r := report.NewSARIF(&buf, opts)
	if err := r.Start(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"punctuation.space-before"`)) {
		t.Error("Start did not write the rules")
	}
	n := buf.Len()
	if err := r.File(seed[0]); err != nil {
		t.Fatal(err)
	}
	if c := bytes.Count(buf.Bytes()[n:], []byte(`"ruleId"`)); c != len(seed[0].Findings) {
		t.Errorf("%d results written after File, want %d", c, len(seed[0].Findings))
	}
	if err := r.Finish(report.Summary{}); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Error("not JSON")
	}
}

// A path is a URI reference that GitHub resolves against the repository.
func TestSARIFURIs(t *testing.T) {
	for _, tc := range []struct{ path, uri, base string }{
		{"testdata/mt-article.txt", "testdata/mt-article.txt", "%SRCROOT%"},
		{"./docs/a b#c?.md", "./docs/a%20b%23c%3F.md", "%SRCROOT%"},
		{"100%.txt", "100%25.txt", "%SRCROOT%"},
		{"c:colon.txt", "./c:colon.txt", "%SRCROOT%"},
		{"/srv/repo/news/a.md", "file:///srv/repo/news/a.md", ""},
		{"https://example.org/a b", "https://example.org/a%20b", ""},
		{"<stdin>", "%3Cstdin%3E", "%SRCROOT%"},
	} {
		res := []*checker.Result{{Path: tc.path, Findings: ciHostile()[0].Findings}}
		log := parseSARIF(t, render(t, "sarif", report.Options{}, res))
		al := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
		base := ""
		if al.URIBaseID != nil {
			base = *al.URIBaseID
		}
		if *al.URI != tc.uri || base != tc.base {
			t.Errorf("%q: uri %q base %q, want %q %q", tc.path, *al.URI, base, tc.uri, tc.base)
		}
	}
}

// A rule that is off by default is described as such; a finding of a rule
// the options do not hold keeps its ruleId and has no ruleIndex.
func TestSARIFRuleIndex(t *testing.T) {
	res := results(t)
	res = append(res, &checker.Result{Path: "x.txt", Findings: []checker.Finding{{Rule: "idiom.house-pack", Severity: rules.Info, Line: 1, Column: 1, EndLine: 1, EndColumn: 2}}})
	log := parseSARIF(t, render(t, "sarif", report.Options{Rules: testrules.All}, res))
	drv := log.Runs[0].Tool.Driver
	for i, r := range testrules.All {
		if *drv.Rules[i].ID != r.ID || drv.Rules[i].DefaultConfiguration.Enabled == r.Off {
			t.Errorf("rule %d: %s enabled=%v, want %s off=%v", i, *drv.Rules[i].ID, drv.Rules[i].DefaultConfiguration.Enabled, r.ID, r.Off)
		}
	}
	seen := map[string]bool{}
	for _, r := range log.Runs[0].Results {
		seen[*r.RuleID] = true
		want := slices.IndexFunc(testrules.All, func(x *rules.Rule) bool { return x.ID == *r.RuleID })
		if r.RuleIndex != want {
			t.Errorf("%s: ruleIndex %d, want %d", *r.RuleID, r.RuleIndex, want)
		}
	}
	if !seen["idiom.house-pack"] || !seen["spinning.test-bosom-peril"] {
		t.Errorf("results of %v", seen)
	}
}
