package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// warcRecord appends one gzip member holding a WARC record, as crawlers
// write .warc.gz files.
func warcRecord(t *testing.T, w *bytes.Buffer, typ, id, uri, contentType, block string) {
	t.Helper()
	var rec bytes.Buffer
	fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Date: 2026-03-01T12:00:00Z\r\nWARC-Record-ID: <%s>\r\n", typ, id)
	if uri != "" {
		fmt.Fprintf(&rec, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&rec, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", contentType, len(block), block)
	zw := gzip.NewWriter(w)
	zw.Write(rec.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestWARC runs the pipeline on a WARC.gz file holding the seed page as an
// HTTP response among records that are no article: the seed's findings,
// as mtlint check --input-format warc gives them, with the record's URL.
func TestWARC(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "testdata", "mt-article.html"))
	if err != nil {
		t.Fatal(err)
	}
	in, out := t.TempDir(), t.TempDir()
	const seedURL = "https://mt.example.com/world/talks.html"
	var w bytes.Buffer
	warcRecord(t, &w, "request", "urn:uuid:1", seedURL, "application/http; msgtype=request", "GET /world/talks.html HTTP/1.1\r\nHost: mt.example.com\r\n\r\n")
	warcRecord(t, &w, "response", "urn:uuid:2", seedURL, "application/http; msgtype=response",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"+string(page))
	warcRecord(t, &w, "response", "urn:uuid:3", "https://mt.example.com/logo.png", "application/http; msgtype=response",
		"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n")
	name := filepath.Join(in, "crawl-00001.warc.gz")
	if err := os.WriteFile(name, w.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	m := runPipeline(t, Options{Inputs: []string{filepath.Join(in, "*.warc.gz")}, Output: out, Shards: 1})
	got, _ := readShards(t, out, "findings")
	cmd := []string{"--no-config"}
	want := cliWARC(t, cmd, name)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("findings differ from mtlint check --input-format warc's:\n%.600s\n%.600s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(got) != 1 {
		t.Fatalf("%d records, want the seed page alone", len(got))
	}
	var f findingLine
	if err := json.Unmarshal([]byte(got[0]), &f); err != nil {
		t.Fatal(err)
	}
	if f.URL != seedURL || f.ID != "urn:uuid:2" || len(f.Findings) < 10 || f.Score < 60 {
		t.Errorf("the seed page: id %s, url %s, %d findings, score %d", f.ID, f.URL, len(f.Findings), f.Score)
	}
	if m.Counters["records_checked"] != 1 || m.Counters["records_skipped"] != 2 || m.Counters["records_rejected"] != 0 {
		t.Errorf("metrics %v: want 1 checked, 2 skipped, none rejected", m.Counters)
	}
	dom, _ := readShards(t, out, "domains")
	if len(dom) != 1 || !strings.Contains(dom[0], `"domain":"mt.example.com","documents":1,`) {
		t.Errorf("domains: %v", dom)
	}
}

// cliWARC runs mtlint check --input-format warc --format jsonl.
func cliWARC(t *testing.T, args []string, files ...string) []string {
	t.Helper()
	return cliRun(t, "", append([]string{"check", "--input-format", "warc", "--format", "jsonl"}, args...), files...)
}
