package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/internal/corpora"
)

var seedDir = filepath.Join("..", "..", "..", "testdata")

func newChecker(t testing.TB) *checker.Checker {
	t.Helper()
	c, err := checker.New(checker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sameResult reports how got differs from want, the result of checking the
// same article as a file, or "".
func sameResult(got, want *checker.Result) string {
	switch {
	case len(want.Findings) != len(got.Findings):
		return "findings differ in number"
	case !reflect.DeepEqual(got.Findings, want.Findings):
		return "findings differ"
	case got.Score != want.Score || got.Language != want.Language || got.Words != want.Words:
		return "score, language or words differ"
	case !reflect.DeepEqual(got.SourceLanguageHint, want.SourceLanguageHint):
		return "source-language hints differ"
	}
	return ""
}

// The seed article as an HTML response in a WARC.gz file gives the findings
// of the seed's HTML file, with the record's URL.
func TestWARCSeedArticle(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(seedDir, "mt-article.html"))
	if err != nil {
		t.Fatal(err)
	}
	var data bytes.Buffer
	const url = "https://news.example.org/2024/talks.html"
	warcRecord(&data, true, "request", "urn:uuid:r", url, "application/http; msgtype=request", "GET /2024/talks.html HTTP/1.1\r\n\r\n")
	warcRecord(&data, true, "response", "urn:uuid:seed", url, httpMsg, httpResponse("200 OK", "Content-Type: text/html; charset=utf-8\r\n", string(page)))
	recs, rejected, _ := readWARC(t, data.Bytes(), Options{Source: "seed.warc.gz"})
	if len(recs) != 1 || len(rejected) != 0 {
		t.Fatalf("got %d records, %v rejected; want the response", len(recs), rejected)
	}
	c := newChecker(t)
	out := Check(c, recs[0], CheckOptions{})
	want, err := c.CheckFile(filepath.Join(seedDir, "mt-article.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Findings) < 5 {
		t.Fatalf("the seed page has %d findings; the test needs it to have its findings", len(want.Findings))
	}
	if d := sameResult(out.Result, want); d != "" {
		t.Fatalf("WARC record vs the seed page: %s\n got %v\nwant %v", d, out.Result.Findings, want.Findings)
	}
	line, err := out.AppendJSONL(nil)
	if err != nil {
		t.Fatal(err)
	}
	var obj struct {
		ID       string            `json:"id"`
		URL      string            `json:"url"`
		Score    int               `json:"score"`
		Findings []json.RawMessage `json:"findings"`
		Extra    map[string]any    `json:"extra"`
	}
	if err := json.Unmarshal(line, &obj); err != nil {
		t.Fatal(err)
	}
	if obj.ID != "urn:uuid:seed" || obj.URL != url || len(obj.Findings) != len(want.Findings) || obj.Score != want.Score || obj.Extra["http_status"] != 200.0 {
		t.Errorf("JSONL object %s: want id urn:uuid:seed, url %s, %d findings, score %d, http_status 200", line, url, len(want.Findings), want.Score)
	}
	if bytes.Count(line, []byte("\n")) != 1 || !bytes.HasSuffix(line, []byte("\n")) {
		t.Errorf("JSONL object is not one line: %q", line)
	}
}

// Articles read from a JSON Lines dump give, record for record, the findings
// that the same articles give as separate files.
func TestJSONLMatchesFiles(t *testing.T) {
	files := []struct{ path, field string }{
		{filepath.Join(seedDir, "mt-article.txt"), "text"},
		{filepath.Join(seedDir, "mt-article.md"), "markdown"},
		{filepath.Join(seedDir, "mt-article.html"), "html"},
	}
	tmp := t.TempDir()
	for i, text := range []string{
		"On Tuesday the minister said that the talks will be difficult , and that nobody should expect a breakthrough.",
		"The company announced it's results for the the third quarter.\n\nProfits rose by 12 % in comparison with last year.",
		"<p>He said: « we will see ». The <b>plan</b> was approved .</p>",
	} {
		ext, field := ".txt", "text"
		if strings.HasPrefix(text, "<") {
			ext, field = ".html", "html"
		}
		p := filepath.Join(tmp, "gen"+string(rune('a'+i))+ext)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, struct{ path, field string }{p, field})
	}
	compareDump(t, files)
}

// The BBC articles as a dump give the findings they give as files.
func TestJSONLMatchesFilesBBC(t *testing.T) {
	dir := corpora.Dir(t, "bbc-news-dev")
	paths, err := corpora.BBCArticles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		paths = paths[:100]
	}
	var files []struct{ path, field string }
	for _, p := range paths {
		files = append(files, struct{ path, field string }{p, "text"})
	}
	compareDump(t, files)
}

func compareDump(t *testing.T, files []struct{ path, field string }) {
	t.Helper()
	var dump bytes.Buffer
	var kept []string
	for _, f := range files {
		b, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) {
			continue // a JSON string holds UTF-8 only
		}
		line, err := json.Marshal(map[string]any{"id": f.path, f.field: string(b), "source": "test"})
		if err != nil {
			t.Fatal(err)
		}
		dump.Write(line)
		dump.WriteByte('\n')
		kept = append(kept, f.path)
	}
	c := newChecker(t)
	r := NewJSONLReader(&dump, Options{Source: "dump.jsonl"})
	n, withFindings := 0, 0
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("record %d: %v", n+1, err)
		}
		if rec.ID != kept[n] {
			t.Fatalf("record %d is %s, want %s", n+1, rec.ID, kept[n])
		}
		out := Check(c, rec, CheckOptions{})
		want, err := c.CheckFile(kept[n])
		if err != nil {
			t.Fatal(err)
		}
		if d := sameResult(out.Result, want); d != "" {
			t.Errorf("%s: record vs file: %s\n got %v\nwant %v", kept[n], d, out.Result.Findings, want.Findings)
		}
		if len(want.Findings) > 0 {
			withFindings++
		}
		n++
	}
	if n != len(kept) || withFindings == 0 {
		t.Fatalf("%d records of %d, %d with findings: want every article, some with findings", n, len(kept), withFindings)
	}
	t.Logf("%d records, %d with findings, equal to the files'", n, withFindings)
}

// The JSONL object has its keys in the documented order, the extra fields
// passed through, and no HTML escaping.
func TestOutputJSONL(t *testing.T) {
	rec, err := ParseJSONLine([]byte(`{"id":"k<1>","url":"https://example.org/x?a=1&b=2","text":"It was a , b.","author":{"name":"A & B"},"score":"kept"}`), 1, 0, "-")
	if err != nil {
		t.Fatal(err)
	}
	line, err := Check(newChecker(t), rec, CheckOptions{}).AppendJSONL(nil)
	if err != nil {
		t.Fatal(err)
	}
	s := string(line)
	var keys []string
	dec := json.NewDecoder(strings.NewReader(s))
	dec.Token()
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var v json.RawMessage
		dec.Decode(&v)
	}
	want := []string{"id", "url", "score", "source_language_hint", "language", "words", "findings", "extra"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	for _, sub := range []string{`"id":"k<1>"`, `"url":"https://example.org/x?a=1&b=2"`, `"extra":{"author":{"name":"A & B"},"score":"kept"}`, `"rule":"punctuation.space-before"`} {
		if !strings.Contains(s, sub) {
			t.Errorf("%s lacks %s", s, sub)
		}
	}
}
