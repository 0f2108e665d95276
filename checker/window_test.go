package checker

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/mtlint/mtlint/internal/corpora"
)

// sameResult reports how two results differ, or "" when they are the
// same in every field a report reads, the findings' contexts included.
func sameResult(want, got *Result) string {
	if len(want.Findings) != len(got.Findings) {
		return fmt.Sprintf("%d findings, want %d", len(got.Findings), len(want.Findings))
	}
	for i := range want.Findings {
		if !reflect.DeepEqual(want.Findings[i], got.Findings[i]) {
			return fmt.Sprintf("finding %d:\n got  %+v\n want %+v", i, got.Findings[i], want.Findings[i])
		}
	}
	w, g := *want, *got
	w.Findings, g.Findings = nil, nil
	// lingua-go sums its n-gram scores in the order its goroutines end:
	// the last bits of a confidence vary from run to run
	w.Fragments, g.Fragments = roundConfidence(w.Fragments), roundConfidence(g.Fragments)
	if !reflect.DeepEqual(w, g) {
		return fmt.Sprintf("\n got  %+v\n want %+v", g, w)
	}
	return ""
}

// roundConfidence returns frags with their confidence rounded to 1e-9.
func roundConfidence(frags []Fragment) []Fragment {
	out := slices.Clone(frags)
	for i := range out {
		out[i].Confidence = math.Round(out[i].Confidence*1e9) / 1e9
	}
	return out
}

// checkWays checks raw serially (the reference), on jobs cores, and as a
// stream read in small pieces, with windows of window bytes, and fails
// unless all give the same result. It returns the reference and how many
// times the stream path ran.
func checkWays(t testing.TB, raw []byte, window int) (ref *Result, streamed int) {
	t.Helper()
	serial, err := New(Config{Window: window})
	if err != nil {
		t.Fatal(err)
	}
	ref = serial.CheckBytes(raw)
	for _, jobs := range []int{2, 5} {
		c, err := New(Config{Window: window, Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		if diff := sameResult(ref, c.CheckBytes(raw)); diff != "" {
			t.Fatalf("%d jobs differ from one: %s", jobs, diff)
		}
		testHookStreamed = func() { streamed++ }
		res, err := c.CheckReader(iotest.HalfReader(bytes.NewReader(raw)))
		testHookStreamed = nil
		if err != nil {
			t.Fatal(err)
		}
		if diff := sameResult(ref, res); diff != "" {
			t.Fatalf("the stream (%d jobs) differs from the bytes: %s", jobs, diff)
		}
	}
	return ref, streamed
}

// longText repeats paragraphs of parts until the text is longer than a
// stream's head, so that CheckReader checks it as a stream.
func longText(parts ...string) []byte {
	var b bytes.Buffer
	for b.Len() <= streamHead {
		for _, p := range parts {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	return b.Bytes()
}

// The seed article and tortured phrases spread over windows checked
// serially, in parallel and as a stream, in windows small enough that
// phrases, quotes and repeats fall in different windows.
func TestWindowsSameEverywhere(t *testing.T) {
	seed, err := os.ReadFile("../testdata/mt-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	const (
		amb1   = "The model relies on profound learning to rank the pages."
		amb2   = "Each irregular woodland votes on the label."
		amb3   = "Reporters left the squeeze gathering early."
		filler = "Officials met on Tuesday to discuss the budget for the coming year, and they said so."
	)
	tests := []struct {
		name   string
		raw    []byte
		window int
	}{
		{"seed, 512-byte windows", seed, 512},
		{"seed, 2 KB windows", seed, 2048},
		{"seed long", longText(string(seed)), 0},
		// ambiguous phrases only in the first copies: the density that
		// promotes them is reached in a later window
		{"spinning density across windows", append(longText(filler, amb1, filler, filler), []byte(amb2+"\n\n"+filler+"\n\n"+amb3+"\n")...), 4096},
		// invalid bytes past the head: a stream cannot wait to see them
		{"CRLF, a BOM and invalid bytes", append(append([]byte("\xef\xbb\xbf"), longText("Line one said Ryabkov. .\r\nthe the end.\r", filler)...), "A bad \xff byte.\r\nsaid he. .\xc3"...), 1024},
		// a valid "ü" beside a bad byte: UTF-8 with a corrupt byte, not
		// windows-1252, which the start alone tells
		{"corrupt UTF-8 at the start", longText("Caf\xe9 owners in Zürich said Ryabkov. .", filler), 4096},
		{"a runaway line", longText(strings.Repeat("wordswithoutspaces", 20000), filler, "It was said Ryabkov. . and the the end."), 4096},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref, streamed := checkWays(t, tt.raw, tt.window)
			if len(ref.Findings) == 0 {
				t.Fatal("no findings: the comparison shows nothing")
			}
			if len(tt.raw) > streamHead && streamed != 2 {
				t.Errorf("the stream path ran %d times, want 2", streamed)
			}
		})
	}
}

// TestBBCWindowsSameEverywhere checks the BBC articles, all in one text
// of several megabytes, serially, in parallel and as a stream.
func TestBBCWindowsSameEverywhere(t *testing.T) {
	paths, err := corpora.BBCArticles(corpora.Dir(t, "bbc-news-dev"))
	if err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		raw = append(append(raw, b...), "\n\n"...)
	}
	ref, streamed := checkWays(t, raw, 0)
	if len(ref.Findings) < 50 || streamed != 2 {
		t.Fatalf("%d findings, %d streams: the test checks too little", len(ref.Findings), streamed)
	}
}

// FuzzWindows puts arbitrary text between stretches of news text, cut in
// small windows, and checks that the serial and parallel checks (and
// CheckReader) agree. The stream path needs a megabyte of input, too slow
// to fuzz: TestWindowsSameEverywhere gives it the hard cases.
//
//	go test ./checker -run '^$' -fuzz FuzzWindows -fuzztime 60s
func FuzzWindows(f *testing.F) {
	for _, s := range []string{
		"", "the the", "“open\n\n“again", "\xff\xfe\x00", "a\rb\r\nc\n", "profound learning. counterfeit consciousness",
		strings.Repeat("x", 70000), "said Ryabkov. .\n\nsaid Ryabkov. .",
	} {
		f.Add(s, 3000)
	}
	seed, err := os.ReadFile("../testdata/mt-article.txt")
	if err != nil {
		f.Fatal(err)
	}
	pad := longText(string(seed))[:16<<10]
	f.Fuzz(func(t *testing.T, text string, window int) {
		raw := append(append(append([]byte{}, pad...), text...), pad...)
		raw = append(raw, text...)
		checkWays(t, raw, 256+window%4096)
	})
}

// A stream that fails part way is an error, not a result.
func TestStreamReadError(t *testing.T) {
	c, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	r := io.MultiReader(bytes.NewReader(longText("Some plain words here.")), iotest.ErrReader(boom))
	if res, err := c.CheckReader(r); !errors.Is(err, boom) {
		t.Fatalf("CheckReader = %v, %v; want the read error", res, err)
	}
}

// A large plain text file is read as a stream, with the findings of the
// same bytes checked at once; one in another encoding is not.
func TestCheckFileStreamed(t *testing.T) {
	defer func(n int64) { streamFileMin = n }(streamFileMin)
	streamFileMin = streamHead
	raw := longText("It was said Ryabkov. . and the the end.", "Officials met on Tuesday, and they said so.")
	dir := t.TempDir()
	path := dir + "/big.txt"
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	streamed := 0
	testHookStreamed = func() { streamed++ }
	defer func() { testHookStreamed = nil }()
	got, err := c.CheckFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := c.CheckBytes(raw)
	want.Path = path
	if diff := sameResult(want, got); diff != "" || streamed != 1 || len(want.Findings) == 0 {
		t.Fatalf("streamed %d times, %d findings: %s", streamed, len(want.Findings), diff)
	}
	latin := append([]byte("caf\xe9\n"), raw...)
	if err := os.WriteFile(path, latin, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := c.CheckFile(path)
	if err != nil || streamed != 1 || len(res.Notes) == 0 || res.Notes[0].Kind != "transcoded" {
		t.Fatalf("windows-1252: streamed %d times, %v, notes %+v; want it read whole and transcoded", streamed, err, res.Notes)
	}
}

// NoContext leaves each finding's context out and changes nothing else.
func TestNoContext(t *testing.T) {
	seed, err := os.ReadFile("../testdata/mt-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	with, _ := New(Config{})
	without, _ := New(Config{NoContext: true})
	want, got := with.CheckBytes(seed), without.CheckBytes(seed)
	if len(want.Findings) == 0 || want.Findings[0].Context.Line == "" {
		t.Fatal("no findings with a context: the test tests nothing")
	}
	for i := range want.Findings {
		if got.Findings[i].Context != (Context{}) {
			t.Fatalf("finding %d has a context: %+v", i, got.Findings[i].Context)
		}
		want.Findings[i].Context = Context{}
	}
	if diff := sameResult(want, got); diff != "" {
		t.Fatal(diff)
	}
}
