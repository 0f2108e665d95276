package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// The pages of a small news site, served on loopback: good ones with
// artifacts, and broken ones.

// page wraps paragraphs in a news page with navigation and a footer.
func page(charset, title string, paras ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"%s\"><title>%s</title></head>\n<body>\n", charset, title)
	b.WriteString("<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a></nav>\n")
	fmt.Fprintf(&b, "<article>\n<h1>%s</h1>\n", title)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</article>\n<footer>&copy; 2024 The Daily Example. All rights reserved.</footer>\n</body></html>\n")
	return b.String()
}

var (
	summitPage = page("utf-8", "Summit ends without a deal on grain exports",
		"The two-day summit in Geneva ended on Friday without an agreement on grain exports, leaving shipping companies uncertain about the coming months.",
		"Delegates said the talks had been constructive , but that several questions remained open about inspections and insurance for the vessels.",
		"A spokesman for the ministry said the the negotiators would meet again in the spring, once the harvest figures were known.",
		"Prices of wheat rose slightly on the news, traders in Chicago said, before falling back by the close of the market.")
	portPage = page("utf-8", "Port workers end their strike",
		"Workers at the country's largest container port returned to work on Monday after a week-long strike over pay and night shifts.",
		"The union said its members will be commercial with the new management, and that an agreement on overtime had been reached.",
		"Shipping lines had diverted more than forty vessels to other ports during the strike, according to figures published by the port authority.")
	// cafePage is in windows-1252: é is 0xE9, the quotes 0x93 and 0x94.
	cafePage = page("windows-1252", "A caf\xe9 reopens in the old town",
		"The owners of the \x93Caf\xe9 du Port\x94 reopened its doors on Saturday after two years of renovation works on the building.",
		"Regulars said the caf\xe9 caf\xe9 had kept its old tiles and its zinc counter, which were restored by craftsmen from the region.",
		"The town council contributed to the cost of the works, which came to more than three hundred thousand euros in all.")
)

// newsSite serves the pages and records the User-Agent of each request.
type newsSite struct {
	mu         sync.Mutex
	userAgents []string
}

func (s *newsSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.userAgents = append(s.userAgents, r.Header.Get("User-Agent"))
	s.mu.Unlock()
	switch r.URL.Path {
	case "/world/summit":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, summitPage)
	case "/business/port":
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "this test wants gzip asked for", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, portPage)
		zw.Close()
	case "/local/cafe":
		w.Header().Set("Content-Type", "text/html") // the charset is in <meta>
		fmt.Fprint(w, cafePage)
	case "/loop":
		http.Redirect(w, r, "/loop", http.StatusFound)
	case "/stall":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", fmt.Sprint(len(summitPage)))
		fmt.Fprint(w, summitPage[:200])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	case "/huge":
		// 50 MB of paragraphs. The Content-Length is enough for mtlint
		// to give up (the source package tests a body streamed without
		// one): on loopback with the race detector, reading 20 MB could
		// take longer than the short timeout of this test.
		chunk := bytes.Repeat([]byte("<p>The talks went on late into the night.</p>\n"), 1<<10)
		const size = 50 << 20
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", fmt.Sprint(size-size%len(chunk)))
		for sent := 0; sent+len(chunk) <= size; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client gave up, as it should
			}
		}
	default:
		http.NotFound(w, r)
	}
}

// mtlint check URL ... reports the findings of the good pages against their
// URLs, one clear error for each bad one on stderr and in the report, goes
// on after each failure, and exits 2. The timeout is short so that a hang
// would fail by the test's own timeout.
func TestCheckURLs(t *testing.T) {
	site := &newsSite{}
	srv := httptest.NewServer(site)
	defer srv.Close()
	u := func(p string) string { return srv.URL + p }
	type file struct {
		path     string
		err      string   // the report's error
		findings []string // rule and quoted text of each finding
	}
	want := []file{
		{path: u("/world/summit"), findings: []string{`punctuation.test-space-comma " ,"`, `repetition.test-doubled " the"`}},
		{path: u("/news/missing"), err: "HTTP 404 Not Found"},
		{path: u("/business/port"), findings: []string{`idiom.test-commercial "commercial"`}},
		{path: u("/loop"), err: "more than 5 redirects"},
		{path: u("/local/cafe"), findings: []string{`repetition.test-doubled " café"`}}, // decoded from windows-1252
		{path: u("/stall"), err: "timed out after 500ms reading the body"},
		{path: u("/huge"), err: "body larger than 20 MB"},
	}
	args := []string{"check", "--format", "json", "--timeout", "500ms", "--fail-on", "none"}
	for _, f := range want {
		args = append(args, f.path)
	}
	r := mtlint(t, args...)
	if r.code != exitUsage {
		t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, exitUsage, r.stderr)
	}
	doc := decode(t, r.stdout)
	if len(doc.Files) != len(want) {
		t.Fatalf("%d files in the report, want %d:\n%s", len(doc.Files), len(want), r.stdout)
	}
	for i, w := range want {
		res := doc.Files[i]
		var got []string
		for _, f := range res.Findings {
			got = append(got, fmt.Sprintf("%s %q", f.Rule, f.Text))
		}
		if res.Path != w.path || res.Error != w.err || strings.Join(got, "; ") != strings.Join(w.findings, "; ") {
			t.Errorf("file %d: path %s, error %q, findings %q\nwant   path %s, error %q, findings %q",
				i, res.Path, res.Error, got, w.path, w.err, w.findings)
		}
		if w.err != "" && !strings.Contains(r.stderr, "mtlint: "+w.path+": "+w.err+"\n") {
			t.Errorf("stderr does not say %q:\n%s", w.path+": "+w.err, r.stderr)
		}
	}
	if doc.Summary.Files != len(want) || doc.Summary.Findings != 4 {
		t.Errorf("summary %+v", doc.Summary)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if len(site.userAgents) == 0 {
		t.Fatal("no request reached the server")
	}
	for _, ua := range site.userAgents {
		if !strings.HasPrefix(ua, "mtlint/"+versionString()+" ") {
			t.Errorf("User-Agent %q does not name mtlint and its version", ua)
			break
		}
	}
}

// In the text report, findings of a page are shown against its URL, and a
// page that could not be fetched fails the run even with findings elsewhere.
func TestCheckURLText(t *testing.T) {
	srv := httptest.NewServer(&newsSite{})
	defer srv.Close()
	r := mtlint(t, "check", "--quiet", srv.URL+"/world/summit", srv.URL+"/gone")
	if r.code != exitUsage {
		t.Errorf("exit code %d, want %d", r.code, exitUsage)
	}
	if !strings.Contains(r.stdout, srv.URL+"/world/summit:") || !strings.Contains(r.stdout, "test-doubled") {
		t.Errorf("stdout does not show the finding against the URL:\n%s", r.stdout)
	}
	if want := "mtlint: " + srv.URL + "/gone: HTTP 404 Not Found\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	// Only good pages: findings decide the code as for files.
	if r := mtlint(t, "check", "--quiet", srv.URL+"/world/summit"); r.code != exitFindings {
		t.Errorf("one good page with an error finding: exit code %d, want %d", r.code, exitFindings)
	}
	if r := mtlint(t, "check", "--timeout", "0s", srv.URL+"/world/summit"); r.code != exitUsage || !strings.Contains(r.stderr, "--timeout 0s") {
		t.Errorf("--timeout 0s: exit code %d, stderr %q", r.code, r.stderr)
	}
}
