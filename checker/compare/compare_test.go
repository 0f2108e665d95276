package compare

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/internal/checkertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// builtin returns the checker with the built-in rules.
func builtin(t testing.TB) *checker.Checker { return checkertest.Builtin(t) }

// load reads the file at path as Load does, the suspect with the checker.
func load(t *testing.T, path string, check bool) *Doc {
	t.Helper()
	opt := LoadOptions{}
	if check {
		opt.Checker = builtin(t)
	}
	d, err := Load(context.Background(), path, opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The original wire story and a copy run through a synonym spinner, with a
// sentence added and a clause dropped, as written for this test.
const (
	wire = `Researchers at the university said on Tuesday that artificial intelligence could help doctors detect breast cancer earlier.

The study, published in a leading medical journal, examined thousands of scans from hospitals across the country. The team found that the software identified tumours that radiologists had missed, although it also raised a number of false alarms.

The authors said larger trials were needed before the tool could be used in clinics.
`
	spun = `Scientists at the college stated on Tuesday that counterfeit consciousness could assist specialists detect bosom peril earlier.

The investigation, distributed in a main clinical diary, inspected thousands of scans from hospitals across the nation. The group found that the product recognized tumours that radiologists had missed.

The authors said larger trials were needed before the tool could be used in clinics. Experts welcomed the findings.
`
)

func TestSpunCopy(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "wire.txt"), []byte(wire), 0o644)
	os.WriteFile(filepath.Join(dir, "copy.txt"), []byte(spun), 0o644)
	rep, err := Compare(load(t, filepath.Join(dir, "wire.txt"), false), load(t, filepath.Join(dir, "copy.txt"), true))
	if err != nil {
		t.Fatal(err)
	}
	type sub struct{ from, to, class string }
	want := []sub{
		{"Researchers", "Scientists", ClassWording},
		{"university said", "college stated", ClassWording},
		{"artificial intelligence", "counterfeit consciousness", ClassSpinning},
		{"help doctors", "assist specialists", ClassWording},
		{"breast cancer", "bosom peril", ClassSpinning},
		{"study", "investigation", ClassWording},
		{"published", "distributed", ClassWording},
		{"leading medical journal", "main clinical diary", ClassWording},
		{"examined", "inspected", ClassWording},
		{"country", "nation", ClassWording},
		{"team", "group", ClassWording},
		{"software identified", "product recognized", ClassWording},
	}
	var got []sub
	var ins, del []string
	for _, c := range rep.Changes {
		switch c.Kind {
		case Substitution:
			got = append(got, sub{c.Original, c.Suspect, c.Class})
		case Insertion:
			ins = append(ins, c.Suspect)
		case Deletion:
			del = append(del, c.Original)
		}
		// Positions point at the words in each file.
		if c.Suspect != "" && spun[c.SuspectAt.Offset:c.SuspectAt.Offset+c.SuspectAt.Length] != c.Suspect {
			t.Errorf("suspect position %+v does not hold %q", c.SuspectAt, c.Suspect)
		}
		if c.Original != "" && wire[c.OriginalAt.Offset:c.OriginalAt.Offset+c.OriginalAt.Length] != c.Original {
			t.Errorf("original position %+v does not hold %q", c.OriginalAt, c.Original)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("substitutions:\ngot  %q\nwant %q", got, want)
	}
	if !slices.Equal(ins, []string{"Experts welcomed the findings."}) || !slices.Equal(del, []string{", although it also raised a number of false alarms"}) {
		t.Errorf("insertions %q, deletions %q", ins, del)
	}
	// Counted by hand: 19 content words replaced (researchers, university,
	// said, artificial, intelligence, help, doctors, breast, cancer, study,
	// published, leading, medical, journal, examined, country, team,
	// software, identified) of the original's 41 content words (12 in the
	// first paragraph, 21 in the second, 8 in the third).
	const replaced, content = 19, 41
	if math.Abs(float64(rep.Replaced-replaced)) > 1 || math.Abs(float64(rep.Original.ContentWords-content)) > 1 {
		t.Errorf("replaced %d of %d content words, want %d of %d", rep.Replaced, rep.Original.ContentWords, replaced, content)
	}
	if want := float64(replaced) / content; math.Abs(rep.SpinRatio-want) > 1.0/content {
		t.Errorf("spin ratio %.3f, want %.3f within one word", rep.SpinRatio, want)
	}
	if rep.Substitutions != 12 || rep.Patterns != 2 || rep.Insertions != 1 || rep.Deletions != 1 {
		t.Errorf("counts: %d substitutions (%d patterns), %d insertions, %d deletions", rep.Substitutions, rep.Patterns, rep.Insertions, rep.Deletions)
	}
	if c := rep.Changes[2]; c.SuspectAt.Line != 1 || c.SuspectAt.Column != 50 || !slices.Contains(c.Rules, "spinning.tortured") {
		t.Errorf("counterfeit consciousness: %+v", c)
	}
	if c := rep.Changes[5]; c.SuspectAt.Line != 3 || c.SuspectAt.Column != 5 {
		t.Errorf("investigation at %d:%d, want 3:5", c.SuspectAt.Line, c.SuspectAt.Column)
	}
	if len(rep.Findings) < 2 {
		t.Errorf("findings of the suspect: %d", len(rep.Findings))
	}

	// The text report, pinned.
	var text bytes.Buffer
	if err := WriteText(&text, rep, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := strings.ReplaceAll(text.String(), dir+string(filepath.Separator), "")
	golden := filepath.Join("testdata", "spun.text.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(golden, []byte(out), 0o644)
	}
	wantText, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./checker/compare -update writes it)", err)
	}
	if out != string(wantText) {
		t.Errorf("text report differs from %s (-update rewrites it):\n%s", golden, out)
	}
}

func TestIdentical(t *testing.T) {
	for _, text := range []string{wire, "", "Just one word", "“Quoted,” he said — twice; twice."} {
		a := &Doc{Path: "a", Text: text, Source: []byte(text)}
		b := &Doc{Path: "b", Text: text, Source: []byte(text)}
		rep, err := Compare(a, b)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Changes) != 0 || rep.SpinRatio != 0 || rep.Replaced != 0 {
			t.Errorf("%q: %d changes, ratio %v", text, len(rep.Changes), rep.SpinRatio)
		}
		var joined strings.Builder
		for _, s := range rep.Segments {
			joined.WriteString(s.Text)
		}
		if joined.String() != text {
			t.Errorf("segments %q do not make the text", joined.String())
		}
	}
	// Case and apostrophes do not count as changes.
	rep, _ := Compare(&Doc{Text: "The minister’s plan."}, &Doc{Text: "the Minister's plan."})
	if len(rep.Changes) != 0 {
		t.Errorf("changes: %+v", rep.Changes)
	}
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // words with a * when content words
	}{
		{"The minister's in-person visit, on 14:30.", []string{"The", "minister's*", "in-person*", "visit*", ",", "on", "14:30", "."}},
		{"It cost 3.5 million — or 100,000 each.", []string{"It", "cost*", "3.5", "million*", "—", "or", "100,000", "each", "."}},
		{"« Oui », dit-il.", []string{"«", "Oui*", "»", ",", "dit-il*", "."}},
		{"don’t -- well-known 'quoted'", []string{"don’t", "-", "-", "well-known*", "'", "quoted*", "'"}},
		{"naïve café", []string{"naïve*", "café*"}},
		{"", nil},
	} {
		var got []string
		for _, tok := range Tokens(tc.text) {
			s := tc.text[tok.Start:tok.End]
			if tok.Content {
				s += "*"
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q:\ngot  %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// Markdown and HTML inputs are compared on their prose, and positions point
// into the files.
func TestMarkup(t *testing.T) {
	dir := t.TempDir()
	md := "---\ntitle: Summit\n---\n# Talks in Geneva\n\nThe minister **said** the talks were useful.\n\n```\ncode said here\n```\n"
	html := "<html><body><h1>Talks in Geneva</h1><p>The minister <b>stated</b> the talks were&nbsp;helpful &amp; long.</p><script>var said;</script></body></html>"
	os.WriteFile(filepath.Join(dir, "a.md"), []byte(md), 0o644)
	os.WriteFile(filepath.Join(dir, "b.html"), []byte(html), 0o644)
	rep, err := Compare(load(t, filepath.Join(dir, "a.md"), false), load(t, filepath.Join(dir, "b.html"), true))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range rep.Changes {
		got = append(got, c.Kind+": "+c.Original+" → "+c.Suspect)
		if c.Suspect == "stated" && html[c.SuspectAt.Offset:c.SuspectAt.Offset+c.SuspectAt.Length] != "stated" {
			t.Errorf("stated at %+v", c.SuspectAt)
		}
		if c.Original == "said" && md[c.OriginalAt.Offset:c.OriginalAt.Offset+c.OriginalAt.Length] != "said" {
			t.Errorf("said at %+v", c.OriginalAt)
		}
	}
	want := []string{"substitution: said → stated", "substitution: useful → helpful & long"}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\ngot  %q\nwant %q", got, want)
	}
}

// A web page is fetched and its article compared, as mtlint check reads it.
func TestURL(t *testing.T) {
	page := "<html><head><title>Talks</title></head><body><nav>Home › World</nav><article><h1>Talks in Geneva</h1>" +
		strings.Repeat("<p>The minister stated that the talks in Geneva were helpful, and that both delegations would meet again next month to discuss the remaining questions.</p>", 4) +
		"</article><footer>Copyright</footer></body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	orig := strings.Repeat("The minister said that the talks in Geneva were useful, and that both delegations would meet again next month to discuss the remaining questions.\n\n", 4)
	d, err := Load(context.Background(), srv.URL+"/news", LoadOptions{Checker: builtin(t)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Text, "Copyright") || !strings.Contains(d.Text, "stated") {
		t.Errorf("article text: %q", d.Text)
	}
	rep, err := Compare(&Doc{Path: "wire.txt", Text: orig, Source: []byte(orig)}, d)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Substitutions < 8 {
		t.Errorf("%d substitutions: %+v", rep.Substitutions, rep.Changes)
	}
	if _, err := Load(context.Background(), srv.URL+"/x", LoadOptions{Fetcher: nil, Format: nil}); err != nil {
		t.Errorf("second fetch: %v", err)
	}
	if _, err := Load(context.Background(), filepath.Join(t.TempDir(), "missing.txt"), LoadOptions{}); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file: %v", err)
	}
}

func TestOutputs(t *testing.T) {
	a := &Doc{Path: "a.txt", Text: "The talks were useful, the minister said.", Source: []byte("The talks were useful, the minister said.")}
	b := &Doc{Path: "b<1>.txt", Text: "The talks were <script>alert(1)</script>, the minister said.", Source: []byte("The talks were <script>alert(1)</script>, the minister said.")}
	rep, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	var h bytes.Buffer
	if err := WriteHTML(&h, rep); err != nil {
		t.Fatal(err)
	}
	page := h.String()
	if strings.Contains(page, "<script>") || !strings.Contains(page, "&lt;script&gt;") || !strings.Contains(page, "b&lt;1&gt;.txt") {
		t.Errorf("HTML not escaped:\n%s", page)
	}
	if !strings.Contains(page, "<del") || !strings.Contains(page, "<ins") || strings.Contains(page, "http") && strings.Contains(page, "src=") {
		t.Errorf("HTML lacks the inline diff, or loads something")
	}
	var j bytes.Buffer
	if err := WriteJSON(&j, rep); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version   int     `json:"version"`
		SpinRatio float64 `json:"spin_ratio"`
		Changes   []struct {
			Kind, Original, Suspect string
		} `json:"changes"`
		Findings []any `json:"findings"`
		Segments []struct{ Kind, Text string }
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || len(doc.Changes) != 1 || doc.Changes[0].Original != "useful" || doc.Findings == nil || len(doc.Segments) < 3 {
		t.Errorf("JSON: %s", j.String())
	}
	var txt bytes.Buffer
	WriteText(&txt, rep, TextOptions{Color: true})
	if !strings.Contains(txt.String(), "\x1b[") {
		t.Errorf("no colour with Color")
	}
	txt.Reset()
	WriteText(&txt, rep, TextOptions{Summary: true})
	if strings.Contains(txt.String(), "[-useful-]") || !strings.Contains(txt.String(), "useful → <script>alert(1)</script>") {
		t.Errorf("summary:\n%s", txt.String())
	}
}

func FuzzCompare(f *testing.F) {
	f.Add(wire, spun)
	f.Add("a b c", "a x c")
	f.Add("", "new words")
	f.Add("old words", "")
	f.Add("It’s 3.5% — «oui»", "it's 3,5 % -- \"oui\"")
	f.Fuzz(func(t *testing.T, a, b string) {
		rep, err := Compare(&Doc{Path: "a", Text: a, Source: []byte(a)}, &Doc{Path: "b", Text: b, Source: []byte(b)})
		if err != nil {
			t.Fatal(err)
		}
		if rep.SpinRatio < 0 || rep.SpinRatio > 1 || rep.Replaced > rep.Original.ContentWords {
			t.Fatalf("ratio %v, %d of %d", rep.SpinRatio, rep.Replaced, rep.Original.ContentWords)
		}
		if rep.Substitutions+rep.Insertions+rep.Deletions != len(rep.Changes) {
			t.Fatalf("counts do not add up")
		}
		// The equal and inserted segments hold the suspect's words, the
		// equal and deleted ones as many tokens as the original.
		var sus, org strings.Builder
		for _, s := range rep.Segments {
			if s.Op != '-' {
				sus.WriteString(s.Text)
			}
			if s.Op != '+' {
				org.WriteString(s.Text + " ")
			}
		}
		if sus.String() != b {
			t.Fatalf("suspect segments %q, text %q", sus.String(), b)
		}
		if len(Tokens(org.String())) != len(Tokens(a)) && utf8Valid(a) {
			t.Fatalf("original segments %q: %d tokens, text %q: %d", org.String(), len(Tokens(org.String())), a, len(Tokens(a)))
		}
		if a == b && len(rep.Changes) != 0 {
			t.Fatalf("changes between equal texts")
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
