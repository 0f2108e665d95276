package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

// lockedBuffer is a bytes.Buffer that a command writes while a test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServeInProcess runs mtlint serve in-process with args and returns its address
// and a channel that gets its exit code.
func startServeInProcess(t *testing.T, stderr *lockedBuffer, args ...string) (string, chan int) {
	t.Helper()
	code := make(chan int, 1)
	go func() {
		code <- run(append([]string{"mtlint", "serve", "--listen", "127.0.0.1:0"}, args...), &bytes.Buffer{}, stderr, strings.NewReader(""))
	}()
	re := regexp.MustCompile(`listening on http://(\S+)`)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], code
		}
		select {
		case c := <-code:
			t.Fatalf("mtlint serve exited %d: %s", c, stderr.String())
		default:
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("mtlint serve did not start: %s", stderr.String())
	return "", nil
}

// TestServeSameAsCheck checks that /v2/check of mtlint serve reports the
// findings of mtlint check --format json on the seed article, at the same
// places (bytes converted to UTF-16 code units) with the same suggestions;
// with emoji and CJK put before the article so that the two differ. Then
// SIGTERM ends the server with exit code 0.
func TestServeSameAsCheck(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/mt-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := "🎉 東京 — " + string(seed)
	path := t.TempDir() + "/article.txt"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"mtlint", "check", "--no-config", "--format", "json", path}, &out, &errOut, nil); code != exitFindings {
		t.Fatalf("check exited %d: %s", code, errOut.String())
	}
	var rep struct {
		Files []struct {
			Findings []struct {
				Rule           string
				Offset, Length int
				Suggestions    []string
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	toUnits := func(b int) int { return len(utf16.Encode([]rune(text[:b]))) }
	var want []string
	for _, f := range rep.Files[0].Findings {
		want = append(want, fmt.Sprintf("%s@%d+%d%q", f.Rule, toUnits(f.Offset), toUnits(f.Offset+f.Length)-toUnits(f.Offset), f.Suggestions))
	}
	if len(want) < 10 {
		t.Fatalf("only %d findings on the seed article", len(want))
	}

	var stderr lockedBuffer
	addr, code := startServeInProcess(t, &stderr, "--no-config")
	resp, err := http.PostForm("http://"+addr+"/v2/check", url.Values{"text": {text}, "language": {"en-US"}})
	if err != nil {
		t.Fatal(err)
	}
	var lt struct {
		Matches []struct {
			Offset, Length int
			Replacements   []struct{ Value string }
			Rule           struct{ ID string }
		}
	}
	err = json.NewDecoder(resp.Body).Decode(&lt)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	var got []string
	for _, m := range lt.Matches {
		sugg := []string{}
		for _, r := range m.Replacements {
			sugg = append(sugg, r.Value)
		}
		got = append(got, fmt.Sprintf("%s@%d+%d%q", m.Rule.ID, m.Offset, m.Length, sugg))
	}
	if !slices.Equal(got, want) {
		t.Errorf("/v2/check and mtlint check differ:\n got  %v\n want %v", got, want)
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit code %d after SIGTERM, want 0: %s", c, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("mtlint serve did not stop on SIGTERM")
	}
	if !strings.Contains(stderr.String(), "path=/v2/check status=200") {
		t.Errorf("no access log line for the check: %s", stderr.String())
	}
}

// TestServeFlags checks the flags and the serve: section of the
// configuration: a flag wins over the file, the file over the default.
func TestServeFlags(t *testing.T) {
	dir := t.TempDir()
	cfg := dir + "/serve.yml"
	if err := os.WriteFile(cfg, []byte("serve: {workers: 3, queue: 7, max-text-length: 20, allow-origin: '*'}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr lockedBuffer
	addr, code := startServeInProcess(t, &stderr, "--config", cfg, "--queue", "5", "--log-format", "json")
	if s := stderr.String(); !strings.Contains(s, "workers 3, queue 5,") {
		t.Errorf("settings: %s", s)
	}
	resp, err := http.PostForm("http://"+addr+"/v2/check", url.Values{"text": {strings.Repeat("word ", 5)}, "language": {"en-US"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("text over the file's max-text-length: %d, allow-origin %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if c := <-code; c != 0 {
		t.Errorf("exit code %d after SIGINT", c)
	}
	if !strings.Contains(stderr.String(), `"path":"/v2/check","status":413`) {
		t.Errorf("no JSON access log line: %s", stderr.String())
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--workers", "0"}, "--workers 0: want at least 1"},
		{[]string{"--queue", "-1"}, "--queue -1: want 0 or more"},
		{[]string{"--max-body", "big"}, `--max-body: "big" is not a size`},
		{[]string{"--listen", "8081"}, `--listen "8081": want HOST:PORT`},
		{[]string{"--log-format", "xml"}, `--log-format "xml": want text, json or none`},
		{[]string{"--disable", "nope"}, `--disable "nope": no such rule or category`},
		{[]string{"extra"}, "serve takes no arguments"},
	} {
		var out, errOut bytes.Buffer
		c := run(append([]string{"mtlint", "serve", "--no-config"}, tt.args...), &out, &errOut, nil)
		if c != exitUsage || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, %q, want 2 and %q", tt.args, c, errOut.String(), tt.want)
		}
	}
}
