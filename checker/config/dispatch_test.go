package config

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/internal/testrules"
	"github.com/mtlint/mtlint/rules"
)

// article has something for each test rule and for the house pack:
// a space before a comma (warning), a cliché of the pack (warning),
// "commercial" (info), a doubled word (error), "bosom peril" (off by
// default), and "Walla Walla", which the doubled-word rule flags too.
const article = "They met this week , with allies. At the end of the day they will be commercial. " +
	"The the talks went on. She survived bosom peril. The Walla Walla council met.\n"

const housePack = `pack: house
category: idiom
severity: warning
doc: "phrases the style guide bans"
explanation: "The style guide bans these."
entries:
  - pattern: "at the end of the day"
    message: "a cliché the style guide bans"
`

// writeTree writes files (slash paths relative to dir, and their text).
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// newsroom is a content repository inside a folder that has a
// configuration of its own, with nested configurations, overrides and a
// pack.
var newsroom = map[string]string{
	// Above the repository: its root: true keeps this out of it.
	".mtlint.yml": "disable: [repetition]\n",
	"other/e.txt": article,

	"repo/.mtlint.yml": `root: true
severity: {punctuation: error}
ignore: ["vendor/**", "*.min.html"]
accept: ["Walla Walla"]
packs: [packs/house.yaml]
fail-on: warning
format: json
overrides:
  - files: "news/drafts/**"
    disable: [punctuation]
`,
	"repo/packs/house.yaml":     housePack,
	"repo/news/a.txt":           article,
	"repo/news/a2.txt":          article,
	"repo/news/drafts/b.txt":    article,
	"repo/vendor/lib/y.txt":     article,
	"repo/world/vendor/x.txt":   article,
	"repo/world/page.min.html":  "<p>" + article + "</p>",
	"repo/world/c.txt":          article,
	"repo/world/d.md":           article,
	"repo/world/deep/er/f.txt":  article,
	"repo/isolated/.mtlint.yml": "root: true\n",
	"repo/isolated/g.txt":       article,
	"repo/world/.mtlint.yml": `# The world desk.
enable: [spinning.test-bosom-peril]
severity: {punctuation.test-space-comma: info, idiom: error}
disable: [idiom.house]
accept: [commercial]
overrides:
  - files: "*.md"
    enable: [idiom.house]
    disable: [repetition]
`,
	"repo/yaml/.mtlint.yaml": "disable: [idiom]\n",
	"repo/yaml/h.txt":        article,
}

// found checks path with d and returns its findings as rule:severity.
func found(t *testing.T, d *Dispatcher, path string) string {
	t.Helper()
	res, err := d.CheckFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return summary(res)
}

func summary(res *checker.Result) string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Rule+":"+f.Severity.String()+"@"+strings.TrimSpace(f.Text))
	}
	return strings.Join(out, " ")
}

func newDispatcher(t *testing.T, opt Options) *Dispatcher {
	t.Helper()
	if opt.Base.Rules == nil {
		opt.Base.Rules = testrules.All
	}
	d, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDiscovery(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, newsroom)
	var log []string
	d := newDispatcher(t, Options{Dir: root, Log: func(m string) { log = append(log, m) }})
	const (
		comma      = "punctuation.test-space-comma:"
		house      = "idiom.house:"
		commercial = "idiom.test-commercial:"
		the        = "repetition.test-doubled:error@the"
		walla      = "repetition.test-doubled:error@Walla"
		bosom      = "spinning.test-bosom-peril:warning@bosom peril"
	)
	tests := []struct {
		name, path string
		want       []string
	}{
		{"no configuration in the folder: the one above applies",
			"other/e.txt", []string{comma + "warning@,", commercial + "info@commercial"}},
		{"root: severity, accept, pack; the folder above is not read",
			"repo/news/a.txt", []string{comma + "error@,", house + "warning@At the end of the day", commercial + "info@commercial", the}},
		{"an override of the root's",
			"repo/news/drafts/b.txt", []string{house + "warning@At the end of the day", commercial + "info@commercial", the}},
		{"nearer file: ID severity over the farther category's, its enable and disable, accept adds up",
			"repo/world/c.txt", []string{comma + "info@,", the, bosom}},
		{"the root's vendor/** is anchored at the root: world/vendor is checked",
			"repo/world/vendor/x.txt", []string{comma + "info@,", the, bosom}},
		{"a deeper folder without a file takes the nearest",
			"repo/world/deep/er/f.txt", []string{comma + "info@,", the, bosom}},
		{"an override of the nearer file: a name without a slash matches at any depth; idiom: error applies to the pack",
			"repo/world/d.md", []string{comma + "info@,", house + "error@At the end of the day", bosom}},
		{"root: true in a subfolder: nothing from above",
			"repo/isolated/g.txt", []string{comma + "warning@,", commercial + "info@commercial", the, walla}},
		{".mtlint.yaml is read too",
			"repo/yaml/h.txt", []string{comma + "error@,", the}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := found(t, d, filepath.Join(root, filepath.FromSlash(tt.path))); got != strings.Join(tt.want, " ") {
				t.Errorf("%s:\n got %s\nwant %s", tt.path, got, strings.Join(tt.want, " "))
			}
		})
	}
	if len(log) != 1 || !strings.Contains(log[0], "1 entries as rule idiom.house") || !strings.Contains(log[0], filepath.Join("repo", ".mtlint.yml")+":5:9") {
		t.Errorf("pack log %q", log)
	}

	// Relative paths are relative to Dir.
	rel, err := d.For(filepath.Join("repo", "news", "drafts", "b.txt"))
	if abs, _ := d.For(filepath.Join(root, "repo", "news", "drafts", "b.txt")); err != nil || rel != abs {
		t.Errorf("relative path: %p %p %v", rel, abs, err)
	}
	// One checker for each distinct configuration.
	a, _ := d.For(filepath.Join(root, "repo", "news", "a.txt"))
	a2, _ := d.For(filepath.Join(root, "repo", "news", "a2.txt"))
	b, _ := d.For(filepath.Join(root, "repo", "news", "drafts", "b.txt"))
	f1, _ := d.For(filepath.Join(root, "repo", "world", "c.txt"))
	f2, _ := d.For(filepath.Join(root, "repo", "world", "deep", "er", "f.txt"))
	if a == nil || a != a2 || a == b || f1 != f2 || f1 == a {
		t.Errorf("checkers not shared as they should be: %p %p %p %p %p", a, a2, b, f1, f2)
	}
}

func TestIgnore(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, newsroom)
	d := newDispatcher(t, Options{Dir: root})
	var skipped []string
	var got []string
	for in := range d.Filter(source.Inputs([]string{filepath.Join(root, "repo")}, source.Options{}), func(in source.Input, p *Pattern) {
		rel, _ := filepath.Rel(root, in.Path)
		skipped = append(skipped, filepath.ToSlash(rel)+" by "+p.Glob+" at "+p.Pos.String())
	}) {
		rel, _ := filepath.Rel(root, in.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"repo/isolated/g.txt", "repo/news/a.txt", "repo/news/a2.txt", "repo/news/drafts/b.txt",
		"repo/world/c.txt", "repo/world/d.md", "repo/world/deep/er/f.txt", "repo/yaml/h.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("checked %q\nwant    %q", got, want)
	}
	cfg := filepath.Join("repo", ".mtlint.yml")
	wantSkipped := []string{"repo/world/page.min.html by *.min.html at " + cfg + ":3:23"}
	// Folders named vendor are left out of walks by the walker already;
	// a file in one named explicitly is matched by the pattern.
	if !slices.Equal(skipped, wantSkipped) {
		t.Errorf("skipped %q\nwant    %q", skipped, wantSkipped)
	}
	p, err := d.Ignored(filepath.Join(root, "repo", "vendor", "lib", "y.txt"))
	if err != nil || p == nil || p.Glob != "vendor/**" {
		t.Errorf("vendor file: %+v %v", p, err)
	}
	if p, err := d.Ignored(filepath.Join(root, "repo", "isolated", "page.min.html")); err != nil || p != nil {
		t.Errorf("below a root: true folder the root's patterns do not apply: %+v %v", p, err)
	}
}

func TestRunWide(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, newsroom)
	tests := []struct {
		dir    string
		failOn rules.Severity
		set    bool
		format string
	}{
		{"repo/news/drafts", rules.Warning, true, "json"},
		{"repo", rules.Warning, true, "json"},
		{"other", 0, false, ""},
	}
	for _, tt := range tests {
		d := newDispatcher(t, Options{Dir: filepath.Join(root, filepath.FromSlash(tt.dir))})
		sev, set := d.FailOn()
		if sev != tt.failOn || set != tt.set || d.Format() != tt.format {
			t.Errorf("%s: fail-on %v %v format %q", tt.dir, sev, set, d.Format())
		}
	}
	writeTree(t, root, map[string]string{"repo/news/.mtlint.yml": "fail-on: none\n"})
	d := newDispatcher(t, Options{Dir: filepath.Join(root, "repo", "news")})
	if sev, set := d.FailOn(); sev != 0 || !set || d.Format() != "json" {
		t.Errorf("nearer fail-on none: %v %v %q", sev, set, d.Format())
	}
	if got := strings.Join(d.Files(), " "); got != filepath.Join("..", ".mtlint.yml")+" .mtlint.yml" && got != filepath.Join(root, "repo", ".mtlint.yml")+" .mtlint.yml" {
		t.Errorf("files %q", got)
	}
}

func TestStdin(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, newsroom)
	// Standard input in world/ takes world's configuration, without the
	// overrides (it has no name to match).
	d := newDispatcher(t, Options{Dir: filepath.Join(root, "repo", "world")})
	res, err := d.CheckReader(strings.NewReader(article))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := summary(res), "punctuation.test-space-comma:info@, repetition.test-doubled:error@the spinning.test-bosom-peril:warning@bosom peril"; got != want {
		t.Errorf("stdin:\n got %s\nwant %s", got, want)
	}
	if got := summary(d.CheckInput([]byte(article), checker.Input{URL: "https://example.org/"})); got != summary(res) {
		t.Errorf("URL input: %s", got)
	}
}

func TestFlagsWin(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, newsroom)
	tests := []struct {
		name             string
		enable, disable  []string
		severity         map[string]rules.Severity
		path, want, miss string
	}{
		{"--enable a category an override disabled", []string{"punctuation"}, nil, nil,
			"repo/news/drafts/b.txt", "punctuation.test-space-comma:error@,", ""},
		{"--enable a category wins over a file's disabled rule of it", []string{"idiom"}, nil, nil,
			"repo/world/c.txt", "idiom.house:error", ""},
		{"--disable a rule the file enables", nil, []string{"spinning.test-bosom-peril"}, nil,
			"repo/world/c.txt", "", "bosom"},
		{"--disable a category", nil, []string{"punctuation"}, nil,
			"repo/news/a.txt", "", "punctuation"},
		{"a base severity wins over the file's", nil, nil, map[string]rules.Severity{"punctuation.test-space-comma": rules.Warning},
			"repo/world/c.txt", "punctuation.test-space-comma:warning@,", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDispatcher(t, Options{Dir: root, Base: checker.Config{Enable: tt.enable, Disable: tt.disable, Severity: tt.severity}})
			got := found(t, d, filepath.Join(root, filepath.FromSlash(tt.path)))
			if !strings.Contains(got, tt.want) || tt.miss != "" && strings.Contains(got, tt.miss) {
				t.Errorf("got %s\nwant %q and not %q", got, tt.want, tt.miss)
			}
		})
	}
}

func TestExplicitFile(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, newsroom)
	writeTree(t, root, map[string]string{
		"ci/mtlint.yml": `root: false
disable: [idiom.test-commercial]
packs: [../repo/packs/house.yaml]
ignore: ["repo/vendor/**"]
fail-on: info
overrides:
  - files: "repo/world/**"
    disable: [punctuation]
`,
	})
	d := newDispatcher(t, Options{Dir: root, File: filepath.Join(root, "ci", "mtlint.yml")})
	// Every input takes the file, none of the .mtlint.yml files; its
	// patterns are relative to the current folder, its packs to itself.
	if got, want := found(t, d, filepath.Join(root, "repo", "news", "a.txt")),
		"punctuation.test-space-comma:warning@, idiom.house:warning@At the end of the day repetition.test-doubled:error@the repetition.test-doubled:error@Walla"; got != want {
		t.Errorf("a.txt:\n got %s\nwant %s", got, want)
	}
	if got := found(t, d, filepath.Join(root, "repo", "world", "c.txt")); strings.Contains(got, "punctuation") {
		t.Errorf("override relative to the current folder: %s", got)
	}
	if p, _ := d.Ignored(filepath.Join(root, "repo", "vendor", "lib", "y.txt")); p == nil {
		t.Error("repo/vendor/** relative to the current folder does not match")
	}
	if p, _ := d.Ignored(filepath.Join(root, "repo", "world", "page.min.html")); p != nil {
		t.Errorf("the repository's ignore applies with --config: %+v", p)
	}
	if sev, set := d.FailOn(); sev != rules.Info || !set {
		t.Errorf("fail-on %v %v", sev, set)
	}
}

func TestNoConfig(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, newsroom)
	d := newDispatcher(t, Options{Dir: filepath.Join(root, "repo"), NoConfig: true})
	if got, want := found(t, d, filepath.Join(root, "repo", "news", "a.txt")),
		"punctuation.test-space-comma:warning@, idiom.test-commercial:info@commercial repetition.test-doubled:error@the repetition.test-doubled:error@Walla"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if p, _ := d.Ignored(filepath.Join(root, "repo", "vendor", "lib", "y.txt")); p != nil {
		t.Errorf("ignored without configuration: %+v", p)
	}
	if _, set := d.FailOn(); set || d.Format() != "" {
		t.Error("fail-on or format without configuration")
	}
}

func TestDispatchErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // the error for repo/sub/a.txt
	}{
		{"unknown rule in a nested file",
			map[string]string{"repo/sub/.mtlint.yml": "disable: [quots]\n"},
			`repo/sub/.mtlint.yml:1:11: disable: no rule or category "quots" (did you mean quotes?)`},
		{"misspelt rule ID",
			map[string]string{"repo/sub/.mtlint.yml": "enable: [spinning.test-bosom-peri]\n"},
			`repo/sub/.mtlint.yml:1:10: enable: no rule or category "spinning.test-bosom-peri" (did you mean spinning.test-bosom-peril?)`},
		{"unknown rule in an override",
			map[string]string{"repo/sub/.mtlint.yml": "overrides:\n  - files: x/**\n    severity: {idiom.test-comercial: error}\n"},
			`repo/sub/.mtlint.yml:3:16: severity: no rule or category "idiom.test-comercial" (did you mean idiom.test-commercial?)`},
		{"a pack's rule suggested",
			map[string]string{"repo/sub/.mtlint.yml": "disable: [idiom.hose]\n"},
			`repo/sub/.mtlint.yml:1:11: disable: no rule or category "idiom.hose" (did you mean idiom.house?)`},
		{"unknown key in a nested file",
			map[string]string{"repo/sub/.mtlint.yml": "# desk\n\nacept: [Reuters]\n"},
			`repo/sub/.mtlint.yml:3:1: unknown key "acept" (did you mean accept?)`},
		{"missing pack",
			map[string]string{"repo/sub/.mtlint.yml": "packs: [house.yaml]\n"},
			`repo/sub/.mtlint.yml:1:9: pack house.yaml: no such file or directory`},
		{"broken pack",
			map[string]string{"repo/sub/.mtlint.yml": "packs: [bad.yaml]\n", "repo/sub/bad.yaml": "pack: bad\ncategory: idiom\n"},
			`repo/sub/.mtlint.yml:1:9: pack bad.yaml: ` + filepath.Join("repo", "sub", "bad.yaml") + `: severity missing: want info, warning or error`},
		{"pack named as a rule",
			map[string]string{"repo/sub/.mtlint.yml": "packs: [p.yaml]\n", "repo/sub/p.yaml": strings.Replace(housePack, "pack: house", "pack: test-commercial", 1)},
			`repo/sub/.mtlint.yml:1:9: pack p.yaml: its rule idiom.test-commercial is already a rule (give the pack another name (pack: key))`},
		{"two packs, one rule",
			map[string]string{"repo/sub/.mtlint.yml": "packs: [house.yaml]\n", "repo/sub/house.yaml": housePack},
			`repo/sub/.mtlint.yml:1:9: pack house.yaml: its rule idiom.house is also the rule of ` + filepath.Join("repo", "packs", "house.yaml") + ` (give one of the packs another name (pack: key))`},
		{"two files in one folder",
			map[string]string{"repo/sub/.mtlint.yml": "", "repo/sub/.mtlint.yaml": ""},
			`repo/sub/.mtlint.yaml: two configuration files in one folder (keep .mtlint.yml or .mtlint.yaml, not both)`},
		{"a broken file above",
			map[string]string{"repo/.mtlint.yml": "root: true\nfail-on: sometimes\n", "repo/sub/.mtlint.yml": "disable: [quotes]\n"},
			`repo/.mtlint.yml:2:10: fail-on: "sometimes" is not a severity (want error, warning, info or none)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, root, map[string]string{
				"repo/.mtlint.yml": "root: true\npacks: [packs/house.yaml]\n", "repo/packs/house.yaml": housePack,
				"repo/sub/a.txt": article, "repo/b.txt": article,
			})
			writeTree(t, root, tt.files)
			d := newDispatcher(t, Options{Dir: root})
			_, err := d.CheckFile(filepath.Join(root, "repo", "sub", "a.txt"))
			if err == nil || err.Error() != filepath.FromSlash(tt.want) && err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
			// The same error again, from the cache, and for Ignored.
			if _, err2 := d.For(filepath.Join(root, "repo", "sub", "a.txt")); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("second time: %v", err2)
			}
			if _, err2 := d.Ignored(filepath.Join(root, "repo", "sub", "a.txt")); err2 == nil {
				t.Error("Ignored: no error")
			}
			// A file elsewhere is still checked, unless the mistake is in
			// its configuration too.
			_, err = d.CheckFile(filepath.Join(root, "repo", "b.txt"))
			if broken := strings.HasPrefix(tt.want, "repo/.mtlint.yml"); (err != nil) != broken {
				t.Errorf("repo/b.txt: %v", err)
			}
			// Started in the folder, the mistake stops New.
			if _, err := New(Options{Dir: filepath.Join(root, "repo", "sub"), Base: checker.Config{Rules: testrules.All}}); err == nil {
				t.Error("New in the folder: no error")
			}
		})
	}
	if _, err := New(Options{File: filepath.Join(t.TempDir(), "nope.yml")}); err == nil || !strings.Contains(err.Error(), "nope.yml: cannot read the configuration: no such file or directory") {
		t.Errorf("missing --config: %v", err)
	}
}

// TestConcurrent checks files of many folders from many goroutines at once
// (run with -race).
func TestConcurrent(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, newsroom)
	d := newDispatcher(t, Options{Dir: root})
	paths := []string{"repo/news/a.txt", "repo/news/drafts/b.txt", "repo/world/c.txt", "repo/world/d.md", "repo/isolated/g.txt", "other/e.txt"}
	want := map[string]string{}
	for _, p := range paths {
		want[p] = found(t, d, filepath.Join(root, filepath.FromSlash(p)))
	}
	fresh := newDispatcher(t, Options{Dir: root})
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() {
			p := paths[i%len(paths)]
			res, err := fresh.CheckFile(filepath.Join(root, filepath.FromSlash(p)))
			if err != nil {
				t.Error(err)
				return
			}
			if got := summary(res); got != want[p] {
				t.Errorf("%s: %s, want %s", p, got, want[p])
			}
		})
	}
	wg.Wait()
}

// TestPacksTogether checks packs named by two files of a chain, compiled
// together once, and a CSV import beside a YAML pack.
func TestPacksTogether(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		".mtlint.yml":          "root: true\npacks: [house.yaml]\n",
		"house.yaml":           housePack,
		"desk/.mtlint.yml":     "packs: [spun.csv, ../house.yaml]\n",
		"desk/spun.csv":        "phrase,suggestion\nbosom peril,breast cancer\n",
		"desk/a.txt":           article,
		"desk/b.txt":           article,
		"desk/sub/.mtlint.yml": "severity: {spinning.spun: error}\n",
		"desk/sub/c.txt":       article,
	})
	d := newDispatcher(t, Options{Dir: root})
	want := "punctuation.test-space-comma:warning@, idiom.house:warning@At the end of the day idiom.test-commercial:info@commercial " +
		"repetition.test-doubled:error@the spinning.spun:warning@bosom peril repetition.test-doubled:error@Walla"
	if got := found(t, d, filepath.Join(root, "desk", "a.txt")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := found(t, d, filepath.Join(root, "desk", "sub", "c.txt")); !strings.Contains(got, "spinning.spun:error@bosom peril") {
		t.Errorf("severity of a pack's rule from a nearer file: %s", got)
	}
	if len(d.sets) != 2 { // house alone (the current folder's), house with spun
		keys := slices.Collect(maps.Keys(d.sets))
		t.Errorf("pack sets compiled: %q", keys)
	}
}

func TestCurrent(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, newsroom)
	files, err := Current(filepath.Join(root, "repo", "world", "deep"), "")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.ToSlash(f.Path))
	}
	want := []string{filepath.ToSlash(filepath.Join(root, "repo", ".mtlint.yml")), filepath.ToSlash(filepath.Join(root, "repo", "world", ".mtlint.yml"))}
	if !slices.Equal(paths, want) {
		t.Errorf("files %q, want %q", paths, want)
	}
	if sev, ok := FailOn(files); sev != rules.Warning || !ok || Format(files) != "json" {
		t.Errorf("fail-on %v %v format %q", sev, ok, Format(files))
	}
	// Below the folder, names are relative; a root: true stops the walk.
	files, err = Current(filepath.Join(root, "repo", "isolated"), "")
	if err != nil || len(files) != 1 || files[0].Path != ".mtlint.yml" {
		t.Errorf("isolated: %+v %v", files, err)
	}
	if files, err := Current(root, filepath.Join(root, "repo", "world", ".mtlint.yml")); err != nil || len(files) != 1 || files[0].Format != "" {
		t.Errorf("--config: %+v %v", files, err)
	}
	writeTree(t, root, map[string]string{"repo/world/.mtlint.yaml": "", "repo/news/.mtlint.yml": "format: [x]\n"})
	if _, err := Current(filepath.Join(root, "repo", "world"), ""); err == nil || !strings.Contains(err.Error(), ".mtlint.yaml: two configuration files in one folder") {
		t.Errorf("two files: %v", err)
	}
	if _, err := Current(filepath.Join(root, "repo", "news", "drafts"), ""); err == nil || !strings.Contains(filepath.ToSlash(err.Error()), "/repo/news/.mtlint.yml:1:9: format: want one value") {
		t.Errorf("a broken file above: %v", err)
	}
}
