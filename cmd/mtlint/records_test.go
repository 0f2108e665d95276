package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// recordLine is a JSONL line of mtlint check --input-format … --format jsonl.
type recordLine struct {
	ID       string            `json:"id"`
	URL      string            `json:"url"`
	Score    int               `json:"score"`
	Language string            `json:"language"`
	Findings []json.RawMessage `json:"findings"`
	Extra    json.RawMessage   `json:"extra"`
}

func decodeRecords(t *testing.T, out string) []recordLine {
	t.Helper()
	var recs []recordLine
	for line := range strings.SplitSeq(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var r recordLine
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v in %s", err, line)
		}
		recs = append(recs, r)
	}
	return recs
}

// fileFindings returns the findings that check --format jsonl gives for the
// file at path, as raw JSON.
func fileFindings(t *testing.T, path string, builtin bool) []json.RawMessage {
	t.Helper()
	var r cliRun
	if builtin {
		r = runWith(t, nil, "", nil, false, "check", "--no-config", "--format", "jsonl", "--fail-on", "none", path)
	} else {
		r = mtlint(t, "check", "--no-config", "--format", "jsonl", "--fail-on", "none", path)
	}
	if r.code != 0 {
		t.Fatalf("check %s: exit %d: %s", path, r.code, r.stderr)
	}
	var res struct {
		Findings []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// A JSON Lines dump gives, record for record, the findings of the same
// articles as files; a malformed line is reported with its line number and
// skipped, and the run exits 2.
func TestRecordsJSONL(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	articles := []string{
		"Hello , world.\n",
		"A clean line.\n",
		"Twice the the word, and a stray , comma.\n\nSecond paragraph , again.\n",
	}
	var dump strings.Builder
	for i, a := range articles {
		write(t, dir, fmt.Sprintf("a%d.txt", i), a)
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("a%d", i), "url": fmt.Sprintf("https://example.org/%d", i), "text": a, "section": "world"})
		dump.Write(line)
		dump.WriteString("\n")
		if i == 0 {
			dump.WriteString("{\"id\": \"broken\", \"text\": \n") // line 2
		}
	}
	write(t, dir, "dump.jsonl", dump.String())
	for _, args := range [][]string{{"dump.jsonl"}, {"-j", "1", "dump.jsonl"}} {
		r := mtlint(t, append([]string{"check", "--no-config", "--input-format", "jsonl", "--format", "jsonl"}, args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, "dump.jsonl:2: invalid JSON") || !strings.Contains(r.stderr, "3 records checked, 1 rejected") {
			t.Fatalf("%v: exit %d, stderr %q: want 2 and line 2 rejected", args, r.code, r.stderr)
		}
		recs := decodeRecords(t, r.stdout)
		if len(recs) != len(articles) {
			t.Fatalf("%d records, want %d:\n%s", len(recs), len(articles), r.stdout)
		}
		withFindings := 0
		for i, rec := range recs {
			want := fileFindings(t, fmt.Sprintf("a%d.txt", i), false)
			if rec.ID != fmt.Sprintf("a%d", i) || rec.URL != fmt.Sprintf("https://example.org/%d", i) || string(rec.Extra) != `{"section":"world"}` {
				t.Errorf("record %d: id %q url %q extra %s", i, rec.ID, rec.URL, rec.Extra)
			}
			if !reflect.DeepEqual(rec.Findings, want) {
				t.Errorf("record %d: findings\n%s\nwant those of the file\n%s", i, rec.Findings, want)
			}
			if len(want) > 0 {
				withFindings++
			}
		}
		if withFindings < 2 {
			t.Fatalf("only %d articles with findings: the test rules should flag two", withFindings)
		}
	}
	// --rejected writes the dead letters.
	r := mtlint(t, "check", "--no-config", "--input-format", "jsonl", "--format", "jsonl", "--rejected", "bad.jsonl", "dump.jsonl")
	bad, err := os.ReadFile(filepath.Join(dir, "bad.jsonl"))
	var rej struct {
		Source string `json:"source"`
		Line   int    `json:"line"`
		Offset int64  `json:"offset"`
		Reason string `json:"reason"`
	}
	if err != nil || json.Unmarshal(bad, &rej) != nil || r.code != 2 || rej.Source != "dump.jsonl" || rej.Line != 2 || rej.Offset != int64(strings.Index(dump.String(), "{\"id\": \"broken\"")) || !strings.HasPrefix(rej.Reason, "invalid JSON") {
		t.Errorf("--rejected: exit %d, %v, file %q", r.code, err, bad)
	}
	// Standard input, without the broken line: exit 1 (errors at --fail-on error), not 2.
	clean := strings.Replace(dump.String(), "{\"id\": \"broken\", \"text\": \n", "", 1)
	r = runWith(t, nil, clean, nil, false, "check", "--no-config", "--input-format", "jsonl", "--format", "jsonl", "-")
	if r.code != 1 || r.stderr != "" || len(decodeRecords(t, r.stdout)) != 3 {
		t.Fatalf("stdin: exit %d, stderr %q, stdout %s", r.code, r.stderr, r.stdout)
	}
}

// The seed article as an HTML response in a WARC.gz file gives the findings
// of the seed page, under the record's URL.
func TestRecordsWARCSeed(t *testing.T) {
	page, err := os.ReadFile("../../testdata/mt-article.html")
	if err != nil {
		t.Fatal(err)
	}
	want := fileFindings(t, "../../testdata/mt-article.html", true)
	if len(want) < 5 {
		t.Fatalf("the seed page has %d findings", len(want))
	}
	const url = "https://news.example.org/2024/talks.html"
	block := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + string(page)
	var rec bytes.Buffer
	fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:seed>\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-03-01T12:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", url, len(block), block)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(rec.Bytes())
	zw.Close()
	dir := t.TempDir()
	p := write(t, dir, "seed.warc.gz", gz.String())
	r := runWith(t, nil, "", nil, false, "check", "--no-config", "--input-format", "warc", "--format", "jsonl", p)
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs := decodeRecords(t, r.stdout)
	if len(recs) != 1 || recs[0].URL != url || recs[0].ID != "urn:uuid:seed" || recs[0].Score < 60 {
		t.Fatalf("got %s", r.stdout)
	}
	if !reflect.DeepEqual(recs[0].Findings, want) {
		t.Errorf("WARC record findings\n%s\nwant the seed page's\n%s", recs[0].Findings, want)
	}
	// From standard input, which cannot be sought.
	in := runWith(t, nil, gz.String(), nil, false, "check", "--no-config", "--input-format", "warc", "--format", "jsonl", "-")
	if in.code != 1 || in.stdout != r.stdout {
		t.Errorf("stdin: exit %d, %s\nwant the output of the file", in.code, in.stderr)
	}
}

// csv ranks records by score; markdown lists the top ones; text names each
// record by its id; and the order of the output is the dump's whatever -j.
func TestRecordsReports(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var dump strings.Builder
	texts := []string{"A clean line.", "One , two , three , four.", "Hello , world and more words here."}
	for i := range 60 {
		fmt.Fprintf(&dump, "{\"id\":\"r%02d\",\"text\":%q}\n", i, texts[i%3])
	}
	write(t, dir, "d.jsonl", dump.String())
	r := mtlint(t, "check", "--no-config", "--input-format", "jsonl", "--format", "csv", "d.jsonl")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 61 || rows[0][0] != "rank" || rows[0][1] != "id" || rows[0][3] != "score" {
		t.Fatalf("csv: %v, %d rows:\n%s", err, len(rows), r.stdout)
	}
	prev := 101
	for i, row := range rows[1:] {
		score, _ := strconv.Atoi(row[3])
		if row[0] != strconv.Itoa(i+1) || score > prev {
			t.Fatalf("row %d %v: not ranked by score", i+1, row)
		}
		prev = score
	}
	if rows[1][1] != "r01" || rows[60][1] != "r57" {
		t.Errorf("first %v, last %v: want the highest score first, input order among equals", rows[1], rows[60])
	}
	md := mtlint(t, "check", "--no-config", "--input-format", "jsonl", "--format", "markdown", "d.jsonl")
	if !strings.Contains(md.stdout, "MT-likelihood score") || !strings.Contains(md.stdout, "| `r01` |") {
		t.Errorf("markdown lacks the ranking:\n%s", md.stdout)
	}
	text := mtlint(t, "check", "--no-config", "--no-color", "--input-format", "jsonl", "-q", "d.jsonl")
	if !strings.HasPrefix(text.stdout, "r01:1:4:") {
		t.Errorf("text report does not name records by id:\n%s", text.stdout)
	}
	for _, j := range []string{"1", "3", "8"} {
		out := mtlint(t, "check", "--no-config", "--input-format", "jsonl", "--format", "jsonl", "-j", j, "d.jsonl")
		recs := decodeRecords(t, out.stdout)
		for i, rec := range recs {
			if rec.ID != fmt.Sprintf("r%02d", i) {
				t.Fatalf("-j %s: record %d is %s: out of order", j, i, rec.ID)
			}
		}
		if len(recs) != 60 {
			t.Fatalf("-j %s: %d records", j, len(recs))
		}
	}
}

func TestRecordsUsage(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, "d.jsonl", "{\"text\":\"x\"}\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--baseline", "b.json", "d.jsonl"}, "--baseline does not go with --input-format jsonl"},
		{[]string{"--max-record-mb", "0", "d.jsonl"}, "--max-record-mb 0"},
		{[]string{"."}, ".: is a directory"},
		{[]string{"missing.jsonl", "d.jsonl"}, "missing.jsonl: no such file"},
		{[]string{"-", "-"}, "named more than once"},
		{[]string{"--input-format", "ndjson", "d.jsonl"}, `unknown input format "ndjson" (want text, markdown, html, jsonl or warc)`},
	} {
		r := mtlint(t, append([]string{"check", "--no-config", "--input-format", "jsonl", "--format", "jsonl"}, tc.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	// The good dump is still checked when another input is missing.
	r := mtlint(t, "check", "--no-config", "--input-format", "jsonl", "--format", "jsonl", "missing.jsonl", "d.jsonl")
	if len(decodeRecords(t, r.stdout)) != 1 {
		t.Errorf("the readable dump was not checked: %s", r.stdout)
	}
	h := mtlint(t, "check", "--help")
	for _, want := range []string{"--input-format jsonl", "--max-record-mb", "WARC.gz"} {
		if !strings.Contains(h.stdout, want) {
			t.Errorf("check --help lacks %q", want)
		}
	}
}
