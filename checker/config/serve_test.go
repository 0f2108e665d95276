package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mtlint/mtlint/checker"
)

func TestServeSection(t *testing.T) {
	f, err := Parse(".mtlint.yml", []byte(`serve:
  listen: 0.0.0.0:9000
  max-text-length: 5000
  max-body: 512KB
  workers: 3
  queue: 0
  timeout: 2s
  allow-origin: "https://cms.example.org"
`))
	if err != nil {
		t.Fatal(err)
	}
	s := f.Serve
	if s == nil || s.Listen != "0.0.0.0:9000" || *s.MaxTextLength != 5000 || *s.MaxBody != 512<<10 ||
		*s.Workers != 3 || *s.Queue != 0 || *s.Timeout != 2*time.Second || *s.AllowOrigin != "https://cms.example.org" {
		t.Fatalf("serve section %+v", s)
	}
}

func TestServeNearestWins(t *testing.T) {
	far, err := Parse("a/.mtlint.yml", []byte("serve: {listen: 127.0.0.1:1, workers: 2, timeout: 5s}\n"))
	if err != nil {
		t.Fatal(err)
	}
	near, err := Parse("a/b/.mtlint.yml", []byte("serve: {workers: 4}\n"))
	if err != nil {
		t.Fatal(err)
	}
	none, err := Parse("a/b/c/.mtlint.yml", []byte("disable: [quotes]\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := ServeSettings([]*File{far, near, none})
	if s.Listen != "127.0.0.1:1" || *s.Workers != 4 || *s.Timeout != 5*time.Second || s.Queue != nil {
		t.Errorf("merged %+v", s)
	}
	if s := ServeSettings(nil); s.Listen != "" || s.Workers != nil {
		t.Errorf("no files: %+v", s)
	}
}

func TestServeErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"serve: [a]\n", `.mtlint.yml:1:8: serve: want a mapping of settings, got a list (serve: {listen: 127.0.0.1:8081, workers: 2})`},
		{"serve: {listn: x}\n", `.mtlint.yml:1:9: serve: unknown key "listn" (did you mean listen?)`},
		{"serve: {listen: 8081}\n", `.mtlint.yml:1:17: serve: listen: "8081" is not host:port (such as 127.0.0.1:8081 or :8081)`},
		{"serve: {workers: 0}\n", `.mtlint.yml:1:18: serve: workers: "0" is not a number of at least 1 (want a whole number of at least 1)`},
		{"serve: {queue: -1}\n", `.mtlint.yml:1:16: serve: queue: "-1" is not a number of at least 0 (want a whole number of at least 0)`},
		{"serve: {max-body: lots}\n", `.mtlint.yml:1:19: serve: max-body: "lots" is not a size such as 1MB or 65536 (such as 1MB, 512KB or 1048576)`},
		{"serve: {timeout: 10}\n", `.mtlint.yml:1:18: serve: timeout: "10" is not a positive duration (such as 10s or 1m)`},
		{"serve: {workers: 1, workers: 2}\n", `.mtlint.yml:1:21: serve: workers given twice (first on line 1)`},
		{"serve: {listen: [a]}\n", `.mtlint.yml:1:17: serve: listen: want one value, got a list`},
	}
	for _, tt := range tests {
		_, err := Parse(".mtlint.yml", []byte(tt.yaml))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q:\n got  %v\n want %s", tt.yaml, err, tt.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1MB": 1 << 20, "512kb": 512 << 10, "65536": 65536, "2 M": 2 << 20, "1GB": 1 << 30, "10B": 10} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1MB", "MB", "1.5MB", "2TB", "99999999999GB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q): no error", in)
		}
	}
}

func TestDispatcherConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".mtlint.yml"), []byte("root: true\ndisable: [punctuation]\naccept: [Walla Walla]\nserve: {workers: 3}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := New(Options{Dir: dir, Base: checker.Config{Enable: []string{"punctuation.space-before"}}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := d.Config()
	if !slices.Contains(cfg.Disable, "punctuation") || !slices.Contains(cfg.Enable, "punctuation.space-before") || !slices.Contains(cfg.Accept, "Walla Walla") || cfg.Rules == nil {
		t.Errorf("config %+v", cfg)
	}
	// the configuration is what the dispatcher checks standard input with
	c, err := checker.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := d.CheckReader(strings.NewReader("Officials met on Monday , and it was a big day ; they agreed."))
	got := c.CheckString("Officials met on Monday , and it was a big day ; they agreed.")
	if len(got.Findings) != len(want.Findings) || len(got.Findings) == 0 {
		t.Errorf("%d findings from Config, %d from the dispatcher", len(got.Findings), len(want.Findings))
	}
	if s := d.Serve(); s.Workers == nil || *s.Workers != 3 {
		t.Errorf("Serve() = %+v", s)
	}
}
