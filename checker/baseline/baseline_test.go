package baseline

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/internal/testrules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// summit is an article with three findings of the test rules: a space
// before a comma, "commercial" and a doubled "the".
const summit = `Summit ends without a deal

The ministers met in Geneva this week , with allies from the region.
They will be commercial in their approach, a spokesman said.
The the delegation left on Friday.
`

func check(t *testing.T, text string) []checker.Finding {
	t.Helper()
	c, err := checker.New(checker.Config{Rules: testrules.All})
	if err != nil {
		t.Fatal(err)
	}
	return c.CheckString(text).Findings
}

func rulesOf(fs []checker.Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Rule+" "+f.Text)
	}
	return ids
}

// roundTrip encodes b and decodes it again, as a later run reads it.
func roundTrip(t *testing.T, b *Baseline) *Baseline {
	t.Helper()
	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(&buf, "baseline.json")
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	return got
}

func TestMatcher(t *testing.T) {
	var rec Recorder
	rec.Add("./news//summit.md", check(t, summit))
	base := roundTrip(t, rec.Baseline())
	if n := base.Findings(); n != 3 {
		t.Fatalf("recorded %d findings, want 3", n)
	}
	tests := []struct {
		name, path, text string
		want             []string // rule and text of the findings reported
		unused           int
	}{
		{"unchanged", "news/summit.md", summit, nil, 0},
		{"lines added above", "news/summit.md",
			"Updated at 18:00\n\nGENEVA (Reuters) - Talks went on late.\n\n" + summit, nil, 0},
		{"an edit elsewhere on the line", "news/summit.md",
			strings.Replace(summit, "from the region", "from across the wider region", 1), nil, 0},
		{"white space inside the flagged text", "news/summit.md",
			strings.Replace(summit, "week , with", "week   , with", 1), nil, 0},
		{"paragraph rewrapped around the finding", "news/summit.md",
			strings.Replace(summit, "met in Geneva", "met in\nGeneva", 1), nil, 0},
		{"the flagged text edited", "news/summit.md",
			strings.Replace(summit, "be commercial", "be Commercial", 1),
			[]string{"idiom.test-commercial Commercial"}, 1},
		{"the word before edited", "news/summit.md",
			strings.Replace(summit, "They will be", "They would be", 1),
			[]string{"idiom.test-commercial commercial"}, 1},
		{"a second copy", "news/summit.md",
			summit + "\nThey will be commercial in their approach, he added.\n",
			[]string{"idiom.test-commercial commercial"}, 0},
		{"a finding fixed", "news/summit.md",
			strings.Replace(summit, "The the", "The", 1), nil, 1},
		{"the file renamed", "news/2024/summit.md", summit,
			[]string{"punctuation.test-space-comma  ,", "idiom.test-commercial commercial", "repetition.test-doubled  the"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base.Matcher()
			got := rulesOf(m.Filter(tt.path, check(t, tt.text)))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("reported %q, want %q", got, tt.want)
			}
			if u := m.Unused(); u != tt.unused {
				t.Errorf("Unused() = %d, want %d", u, tt.unused)
			}
		})
	}
}

func TestSecondCopyReportedAfterTheFirst(t *testing.T) {
	var rec Recorder
	rec.Add("a.md", check(t, summit))
	m := rec.Baseline().Matcher()
	text := summit + "\nThey will be commercial in their approach, he added.\n"
	got := m.Filter("a.md", check(t, text))
	if len(got) != 1 || got[0].Line != 7 {
		t.Fatalf("got %+v, want the copy on line 7", got)
	}
}

func TestFingerprint(t *testing.T) {
	long := strings.Repeat("The committee heard evidence from witnesses. ", 12)
	tests := []struct {
		name string
		f    checker.Finding
		want Fingerprint
	}{
		{"words on both sides", checker.Finding{Rule: "r", Text: " ,",
			Context: checker.Context{Line: "They met this week , with allies.", Start: 18, End: 20}},
			Fingerprint{Rule: "r", Text: " ,", Before: "this week", After: "with allies."}},
		{"at the start of a line", checker.Finding{Rule: "r", Text: "The the",
			Context: checker.Context{Line: "The the delegation left.", Start: 0, End: 7}},
			Fingerprint{Rule: "r", Text: "The the", Before: "", After: "delegation left."}},
		{"a word cut by the 60-byte window is left out", checker.Finding{Rule: "r", Text: "x",
			Context: checker.Context{Line: strings.Repeat("a", 70) + " b x c " + strings.Repeat("d", 70), Start: 73, End: 74}},
			Fingerprint{Rule: "r", Text: "x", Before: "b", After: "c"}},
		{"white space collapsed", checker.Finding{Rule: "r", Text: "the\n\tthe",
			Context: checker.Context{Line: "of the", Start: 3, End: 6}},
			Fingerprint{Rule: "r", Text: "the the", Before: "of", After: ""}},
		{"a long text is cut and hashed", checker.Finding{Rule: "repetition.paragraph", Text: long},
			Fingerprint{Rule: "repetition.paragraph", Text: long[:60] + "…sha256:" + "PLACEHOLDER"}},
		{"a context out of range is ignored", checker.Finding{Rule: "r", Text: "x",
			Context: checker.Context{Line: "short", Start: 3, End: 9}},
			Fingerprint{Rule: "r", Text: "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Of(&tt.f)
			if strings.HasSuffix(tt.want.Text, "PLACEHOLDER") {
				prefix := strings.TrimSuffix(tt.want.Text, "PLACEHOLDER")
				if !strings.HasPrefix(got.Text, prefix) || len(got.Text) != len(prefix)+16 {
					t.Errorf("Text = %q, want %q and 16 hex digits", got.Text, prefix)
				}
				other := tt.f
				other.Text = strings.Replace(long, "evidence", "evidenc3", 5)
				if Of(&other).Text == got.Text {
					t.Error("two long texts that differ late got the same fingerprint")
				}
				return
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestFingerprintLongLine checks that a finding has the same fingerprint on
// a line of 60 bytes and on a line of 2,000, of which checker keeps only
// 400 bytes around the finding.
func TestFingerprintLongLine(t *testing.T) {
	sentence := "The ministers met in Geneva this week , with allies from the region. "
	short := check(t, sentence)
	filler := strings.Repeat("Talks resumed after a pause and went on into the night. ", 18)
	for _, text := range []string{filler + sentence + filler, sentence + filler + filler, filler + filler + sentence} {
		long := check(t, text)
		if len(short) != 1 || len(long) != 1 {
			t.Fatalf("want one finding each, got %d and %d", len(short), len(long))
		}
		if a, b := Of(&short[0]), Of(&long[0]); a != b {
			t.Errorf("short line: %+v\nlong line:  %+v", a, b)
		}
	}
}

func TestEncodeGolden(t *testing.T) {
	var rec Recorder
	rec.Add("news/summit.md", check(t, summit))
	rec.Add("news/summit.md", check(t, "They will be commercial in their approach.\n")) // the same file twice
	rec.Add(`news/quotes "and" <tags>.md`, check(t, "It is \"commercial\" & <b>bold</b> , they said.\n"))
	rec.Add("news/clean.md", nil)
	var buf bytes.Buffer
	if err := rec.Baseline().Encode(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "baseline.json.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("got\n%s\nwant\n%s", buf.Bytes(), want)
	}
	var empty bytes.Buffer
	if err := (&Recorder{}).Baseline().Encode(&empty); err != nil || empty.String() != "{\n  \"version\": 2,\n  \"files\": []\n}\n" {
		t.Errorf("empty baseline: %q, %v", empty.String(), err)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", "baseline.json: not a valid mtlint baseline: the file is empty"},
		{"syntax", "{\n  \"version\": 1,\n  \"files\": [\n    {\"path\": \"a.md\",}\n  ]\n}\n", "baseline.json:4: not a valid mtlint baseline: invalid character '}'"},
		{"truncated", "{\"version\": 1, \"files\": [", "the file ends too early"},
		{"wrong type", "{\"version\": \"1\"}", "baseline.json:1: not a valid mtlint baseline: json: cannot unmarshal string"},
		{"unknown key", "{\"version\": 1, \"file\": []}", `unknown field "file"`},
		{"version", "{\"version\": 3, \"files\": []}", "version 3; this mtlint reads versions 1 to 2"},
		{"no version", "{\"files\": []}", "version 0; this mtlint reads versions 1 to 2"},
		{"no rule", "{\"version\": 1, \"files\": [{\"path\": \"a.md\", \"findings\": [{\"text\": \"x\"}]}]}", "a finding of a.md without a rule"},
		{"no path", "{\"version\": 1, \"files\": [{\"findings\": []}]}", "a file without a path"},
		{"negative count", "{\"version\": 1, \"files\": [{\"path\": \"a.md\", \"findings\": [{\"rule\": \"r\", \"count\": -2}]}]}", "count of -2"},
		{"two objects", "{\"version\": 1, \"files\": []}\n{}", "baseline.json:2: not a valid mtlint baseline: text after the end"},
		{"not JSON", "version: 1\nfiles: []\n", "baseline.json:1: not a valid mtlint baseline: invalid character 'v'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.text), "baseline.json")
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v, want a *FormatError", err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasSuffix(err.Error(), "(write it anew with mtlint check --write-baseline)") {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestWriteAndReadFile(t *testing.T) {
	dir := t.TempDir()
	var rec Recorder
	rec.Add("news/summit.md", check(t, summit))
	name := filepath.Join(dir, ".mtlint-baseline.json")
	if err := rec.Baseline().WriteFile(name); err != nil {
		t.Fatal(err)
	}
	b, err := ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b, roundTrip(t, rec.Baseline())) {
		t.Errorf("read back %+v", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the baseline alone", len(entries))
	}
	err = rec.Baseline().WriteFile(filepath.Join(dir, "no-such-dir", "b.json"))
	if err == nil || !strings.Contains(err.Error(), "writing "+filepath.Join(dir, "no-such-dir", "b.json")+": ") {
		t.Errorf("got %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v", err)
	}
}

func TestNormPath(t *testing.T) {
	for in, want := range map[string]string{
		"./news//a.md":                 "news/a.md",
		"news/../news/a.md":            "news/a.md",
		"<stdin>":                      "<stdin>",
		"https://example.org/a//b.htm": "https://example.org/a//b.htm",
	} {
		if got := NormPath(in); got != want {
			t.Errorf("NormPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzFingerprint checks that Of never panics, whatever the context, and
// that a baseline of the fingerprint matches it after a round trip through
// the file.
func FuzzFingerprint(f *testing.F) {
	f.Add("They met this week , with allies.", " ,", 18, 20)
	f.Add("a\u00a0b\tc  d", "b\tc", 2, 6)
	f.Add(strings.Repeat("é", 100), strings.Repeat("é", 70), 3, 143)
	f.Add("x", "", -1, 5)
	f.Fuzz(func(t *testing.T, line, text string, start, end int) {
		fd := checker.Finding{Rule: "punctuation.space-before", Text: text, Context: checker.Context{Line: line, Start: start, End: end}}
		var rec Recorder
		rec.Add("a.md", []checker.Finding{fd})
		var buf bytes.Buffer
		if err := rec.Baseline().Encode(&buf); err != nil {
			t.Fatal(err)
		}
		b, err := Decode(&buf, "b.json")
		if err != nil {
			t.Fatalf("%v\n%s", err, buf.String())
		}
		if left := b.Matcher().Filter("a.md", []checker.Finding{fd}); len(left) != 0 {
			t.Fatalf("the finding is not matched after a round trip: %+v\n%s", Of(&fd), buf.String())
		}
	})
}

// A baseline names files relative to its own folder, whatever the working
// folder; URLs and standard input as they are.
func TestPathFrom(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct{ base, path, want string }{
		{"b.json", "news/a.md", "news/a.md"},
		{"../b.json", "a.md", filepath.Base(mustGetwd(t)) + "/a.md"},
		{"ci/b.json", "news/./a.md", "../news/a.md"},
		{filepath.Join(mustGetwd(t), "b.json"), "news/a.md", "news/a.md"},
		{"b.json", filepath.Join(mustGetwd(t), "news", "a.md"), "news/a.md"},
		{"ci/b.json", "https://example.org/a.html", "https://example.org/a.html"},
		{"ci/b.json", "<stdin>", "<stdin>"},
	} {
		if got := PathFrom(tc.base, tc.path); got != tc.want {
			t.Errorf("PathFrom(%q, %q) = %q, want %q", tc.base, tc.path, got, tc.want)
		}
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// Version 1 baselines, whose paths are relative to the working folder, are
// still read, and say so.
func TestDecodeVersion1(t *testing.T) {
	b, err := Decode(strings.NewReader(`{"version": 1, "files": [{"path": "a.md", "findings": [{"rule": "r", "text": "x"}]}]}`), "old.json")
	if err != nil || b.RelativeToFile() || b.Findings() != 1 {
		t.Fatalf("%+v, %v", b, err)
	}
	if b := (&Recorder{}).Baseline(); !b.RelativeToFile() {
		t.Error("a new baseline is not relative to its file")
	}
}
