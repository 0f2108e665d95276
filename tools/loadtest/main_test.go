package main

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestCheckLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:8081", true},
		{"127.3.4.5:80", true},
		{"[::1]:8081", true},
		{"localhost:8081", true},
		{"10.0.0.1:8081", false},
		{"192.168.1.2:8081", false},
		{"172.16.0.1:8081", false},
		{"8.8.8.8:53", false},
		{"0.0.0.0:8081", false},
		{"[::]:8081", false},
		{"example.com:80", false},
		{"127.0.0.1", false},
		{"127.0.0.1:http", false},
		{"127.0.0.1:70000", false},
	} {
		if err := checkLoopback(tc.addr); (err == nil) != tc.ok {
			t.Errorf("checkLoopback(%q) = %v, want ok %v", tc.addr, err, tc.ok)
		}
	}
}

// TestDialerRefusesOtherAddresses: the clients' dialer itself refuses a
// non-loopback address before any packet leaves, whatever the URL says.
func TestDialerRefusesOtherAddresses(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := loopbackDialer()(ctx, "tcp", "192.0.2.1:80"); err == nil || !strings.Contains(err.Error(), "not a loopback") {
		t.Errorf("dial 192.0.2.1:80: %v, want a refusal", err)
	}
}

func TestCutArticle(t *testing.T) {
	para := func(n int) string { return strings.Repeat("word ", n/5) }
	var article strings.Builder
	article.WriteString("Headline\n\n")
	for i := range 40 {
		article.WriteString(para(150 + 40*i))
		article.WriteString("\n\n")
	}
	article.WriteString(para(6000) + "\n\n" + para(300))
	rng := rand.New(rand.NewPCG(1, 2))
	chunks := cutArticle(nil, article.String(), rng)
	if len(chunks) < 5 {
		t.Fatalf("%d chunks from a 30 KB article, want several", len(chunks))
	}
	sizes := map[int]bool{}
	for _, c := range chunks {
		if len(c.text) < minChunk || len(c.text) > maxChunk {
			t.Errorf("chunk of %d bytes, outside %d-%d", len(c.text), minChunk, maxChunk)
		}
		if strings.HasPrefix(c.text, "\n") || strings.HasSuffix(c.text, "\n") {
			t.Errorf("chunk with a blank line at an end: %q...", c.text[:20])
		}
		sizes[len(c.text)/1024] = true
	}
	if len(sizes) < 2 {
		t.Errorf("all chunks in one KB class %v, want lengths spread over 1-5 KB", sizes)
	}
	if got := cutArticle(nil, "Headline\n\n"+para(500), rng); len(got) != 0 {
		t.Errorf("an article under 1 KB gave %d chunks", len(got))
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 200; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for _, tc := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 100 * time.Millisecond}, {0.99, 198 * time.Millisecond}, {1, 200 * time.Millisecond}} {
		if got := percentile(d, tc.q); got != tc.want {
			t.Errorf("percentile(%v) = %v, want %v", tc.q, got, tc.want)
		}
	}
}
