package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The sample the tests run on: the seed article, generated English news
// text on a few domains (some of it with a stray space before a comma, an
// artifact of machine translation), a record without a URL, and malformed
// lines, over a plain and a gzipped JSON Lines file.

// sampleRecord is a line of the sample that is a record.
type sampleRecord struct {
	ID, URL, Text string
}

// sample is what the tests wrote and expect back.
type sample struct {
	Records   []sampleRecord
	Malformed map[string][]int // file name -> 1-based line numbers of malformed lines
	Files     []string
}

var (
	subjects = []string{"The council", "A spokesperson for the company", "The minister", "Local residents",
		"The chief executive", "Union leaders", "The regional bank", "Organisers of the festival"}
	verbs  = []string{"said", "confirmed", "announced", "warned", "suggested", "argued"}
	claims = []string{"the new library would open in March", "prices had risen faster than expected",
		"the talks would continue next week", "the bridge repairs were nearly finished",
		"more staff would be hired before the summer", "the plan had been delayed by the weather",
		"ticket sales were higher than last year", "the factory would stay open"}
	follows = []string{"It is the first such change in a decade.", "Critics said the decision came too late.",
		"Further details are expected on Friday.", "The figures will be reviewed in the autumn.",
		"Shares closed slightly higher after the news.", "Several hundred people attended the meeting."}
	domains = []string{"https://www.example-news.com/", "https://daily.example.org/", "https://example.net/"}
)

// generatedText is a clean article of n paragraphs; with artifact, one
// sentence carries a space before a comma.
func generatedText(r *rand.Rand, n int, artifact bool) string {
	var sb strings.Builder
	for p := range n {
		for range 3 {
			fmt.Fprintf(&sb, "%s %s that %s. ", subjects[r.IntN(len(subjects))], verbs[r.IntN(len(verbs))], claims[r.IntN(len(claims))])
		}
		if artifact && p == 0 {
			fmt.Fprintf(&sb, "%s , %s %s. ", strings.TrimSuffix(follows[r.IntN(len(follows))], "."), "officials", verbs[r.IntN(len(verbs))])
		}
		sb.WriteString(follows[r.IntN(len(follows))])
		sb.WriteString("\n\n")
	}
	return sb.String()
}

// writeSample writes the sample into dir and returns what it wrote.
func writeSample(t testing.TB, dir string, generated int) sample {
	t.Helper()
	seed, err := os.ReadFile(filepath.Join("..", "testdata", "mt-article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(14, 1))
	s := sample{Malformed: map[string][]int{}}
	var plain, zipped bytes.Buffer
	lines := map[*bytes.Buffer]int{}
	name := map[*bytes.Buffer]string{&plain: filepath.Join(dir, "a.jsonl"), &zipped: filepath.Join(dir, "b.jsonl.gz")}
	add := func(w *bytes.Buffer, rec sampleRecord, extra map[string]any) {
		obj := map[string]any{"id": rec.ID, "text": rec.Text}
		if rec.URL != "" {
			obj["url"] = rec.URL
		}
		for k, v := range extra {
			obj[k] = v
		}
		b, err := json.Marshal(obj)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
		w.WriteByte('\n')
		lines[w]++
		s.Records = append(s.Records, rec)
	}
	bad := func(w *bytes.Buffer, line string) {
		w.WriteString(line + "\n")
		lines[w]++
		s.Malformed[name[w]] = append(s.Malformed[name[w]], lines[w])
	}
	add(&plain, sampleRecord{ID: "seed", URL: "https://mt.example.com/world/talks", Text: string(seed)}, map[string]any{"section": "world"})
	for i := range generated {
		w := &plain
		if i%2 == 1 {
			w = &zipped
		}
		rec := sampleRecord{ID: fmt.Sprintf("gen-%03d", i), URL: fmt.Sprintf("%sstory/%d", domains[i%len(domains)], i),
			Text: generatedText(r, 2+r.IntN(4), i%5 == 0)}
		add(w, rec, nil)
		switch i {
		case 3:
			bad(w, `{"id": "broken", "text": "an unterminated string}`)
		case 8:
			bad(w, `{"id": "no-body", "url": "https://example.net/x"}`)
		case 12:
			bad(w, `["not", "an", "object"]`)
		case 17:
			plain.WriteString("\n") // a blank line is skipped, not rejected
			lines[&plain]++
		}
	}
	add(&plain, sampleRecord{ID: "no-url", Text: generatedText(r, 3, false)}, nil)

	if err := os.WriteFile(name[&plain], plain.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(zipped.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name[&zipped], gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Files = []string{name[&plain], name[&zipped]}
	return s
}
