// Command loadtest measures `mtlint serve` under load (issue 12, item 4):
// it sends POST /v2/check requests of 1 to 5 KB news paragraphs, cut at
// run time from the BBC articles of ../shared/corpora/bbc-news-dev, from
// concurrent clients, and reports throughput, latency, failures by status,
// the server's peak RSS, and its goroutines and heap before and after.
// Run it from the repository root:
//
//	go run ./tools/loadtest                       start a server and load it
//	go run ./tools/loadtest -sigterm -n 4000      SIGTERM it halfway through
//	go run ./tools/loadtest -addr 127.0.0.1:8081 -pid 1234   load a running one
//
// It sends traffic to the loopback interface only: -addr must be a
// loopback IP address or localhost, and the dialer refuses any other
// address. It stops by itself: after -n requests (20,000 by default) or
// -max-time, whichever comes first, each request bounded by -timeout.
//
// Without -addr it starts `mtlint serve --listen 127.0.0.1:PORT` on a free
// port (the binary of -bin, else one it builds from ./cmd/mtlint), with
// the server's log in a temporary file. It sends a warm-up (every text
// once, in order, from 4 clients: the checker loads a language model the
// first time a text needs one, and meanwhile every check waits), takes the
// baseline, then runs the load in -rounds rounds (4) of n/rounds requests
// from -c clients (32 by default) over keep-alive connections, and samples
// the server's RSS (VmRSS of /proc/PID/status) every 50 ms: a last round
// whose peak is above the earlier rounds' means memory that grows with
// the number of requests (the peak of one round varies by some 10% with
// when the garbage collector runs). Goroutines and heap come from the server's
// /metrics (go_goroutines, go_memstats_heap_alloc_bytes), read after the
// clients' idle connections are closed and after a garbage collection:
// forced through /debug/pprof/heap?gc=1 when the server serves it, else
// the runtime's own periodic one, waited for up to -gc-wait.
//
// With -sigterm the clients open a connection a request, and when half of
// the -n requests are answered the server gets SIGTERM. Then every request
// in flight at that moment (and every one before) must be answered 200; a
// request started after it may be answered 200 or refused, at connect or
// by a reset just after it (a connection the kernel completed as the
// listener closed), and nothing else; a probe that opens a connection
// every 2 ms must see none accepted once one is refused; and the server
// must exit with status 0 within -exit-wait.
//
// Latency is measured by the clients, from sending a request to reading
// the whole answer; when it started the server it also reads the server's
// own view from its access log (duration_ms of the text format): the gap
// between the two is the clients', the kernel's and the scheduler's share,
// large when other processes load the machine (the load average is
// printed at the start and the end).
//
// The exit status is 1 when a bar of the issue is missed: a failed request
// (any answer but 200, or a transport error), p99 latency of the 2 KB
// paragraphs (1,792 to 2,304 bytes) at or above -p99-bar, more goroutines
// after than before, a heap at rest (after a GC) more than 10% and 1 MiB
// above the baseline, a last round whose peak RSS is more than 10% above
// the earlier rounds', or in -sigterm mode any of its checks; 2 on a usage error
// or when the corpus is missing.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type options struct {
	addr      string
	pid       int
	bin       string
	serveArgs []string
	corpus    string
	n, c      int
	rounds    int
	warmup    int
	maxTime   time.Duration
	timeout   time.Duration
	language  string
	sigterm   bool
	gcWait    time.Duration
	exitWait  time.Duration
	p99Bar    time.Duration
	seed      uint64
	keepLog   bool
}

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, " ") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	var o options
	var serveArgs stringList
	flag.StringVar(&o.addr, "addr", "", "load a running server at this loopback `host:port` instead of starting one")
	flag.IntVar(&o.pid, "pid", 0, "with -addr: the server's process id, to read its RSS")
	flag.StringVar(&o.bin, "bin", "", "the mtlint binary to start (default: go build ./cmd/mtlint)")
	flag.Var(&serveArgs, "serve-arg", "an argument added to `mtlint serve` (repeatable), e.g. -serve-arg=--queue=64")
	flag.StringVar(&o.corpus, "corpus", filepath.Join("..", "shared", "corpora", "bbc-news-dev"), "the bbc-news-dev `folder`")
	flag.IntVar(&o.n, "n", 20000, "number of /v2/check requests")
	flag.IntVar(&o.c, "c", 32, "concurrent clients")
	flag.IntVar(&o.rounds, "rounds", 4, "rounds the -n requests are sent in, to compare the server's peak RSS round by round")
	flag.IntVar(&o.warmup, "warmup", -1, "requests sent before the baseline is taken (default: every text once)")
	flag.DurationVar(&o.maxTime, "max-time", 5*time.Minute, "stop sending after this long")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Second, "time limit of one request")
	flag.StringVar(&o.language, "language", "en-US", "the language parameter of the requests")
	flag.BoolVar(&o.sigterm, "sigterm", false, "send SIGTERM to the server halfway through and check its graceful shutdown")
	flag.DurationVar(&o.gcWait, "gc-wait", 130*time.Second, "how long to wait for the server's periodic GC when it cannot be forced")
	flag.DurationVar(&o.exitWait, "exit-wait", 30*time.Second, "with -sigterm: how long the server may take to exit")
	flag.DurationVar(&o.p99Bar, "p99-bar", 50*time.Millisecond, "the p99 latency the 2 KB paragraphs must stay under")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the chunk lengths and of the order of the texts")
	flag.BoolVar(&o.keepLog, "keep-log", false, "keep the started server's log file")
	flag.Parse()
	o.serveArgs = serveArgs
	if flag.NArg() > 0 || o.n < 1 || o.c < 1 || (o.sigterm && o.addr != "") || (o.pid != 0 && o.addr == "") || o.rounds < 2 || o.rounds > o.n {
		fmt.Fprintln(os.Stderr, "usage: loadtest [-addr 127.0.0.1:PORT [-pid PID] | -bin MTLINT] [-sigterm] [-n N] [-c C] (-sigterm starts its own server; see go doc ./tools/loadtest)")
		os.Exit(2)
	}
	if o.addr != "" {
		if err := checkLoopback(o.addr); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			os.Exit(2)
		}
	}
	chunks, err := loadChunks(o.corpus, o.seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	ok, err := run(o, chunks)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// checkLoopback refuses any address but a loopback IP address or
// localhost, with a port: the load test must never leave the machine.
func checkLoopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %v", addr, err)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("address %q: bad port", addr)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("address %q is not a loopback address (127.0.0.0/8, ::1 or localhost): the load test sends traffic to this machine only", addr)
	}
	return nil
}

// loopbackDialer dials only loopback addresses, whatever the URL says.
func loopbackDialer() func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 5 * time.Second}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if err := checkLoopback(addr); err != nil {
			return nil, err
		}
		return d.DialContext(ctx, network, addr)
	}
}

func newClient(c int, keepAlive bool, timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DialContext:         loopbackDialer(),
			MaxIdleConns:        c,
			MaxIdleConnsPerHost: c,
			MaxConnsPerHost:     c,
			DisableKeepAlives:   !keepAlive,
			DisableCompression:  true,
		},
	}
}

// server is the mtlint serve process the load test started.
type server struct {
	cmd     *exec.Cmd
	logPath string
	done    chan struct{}
	waitErr error
}

func startServer(o options) (*server, string, error) {
	bin := o.bin
	if bin == "" {
		dir, err := os.MkdirTemp("", "loadtest-bin")
		if err != nil {
			return nil, "", err
		}
		defer os.RemoveAll(dir) // the running process keeps its open file
		bin = filepath.Join(dir, "mtlint")
		out, err := exec.Command("go", "build", "-o", bin, "github.com/mtlint/mtlint/cmd/mtlint").CombinedOutput()
		if err != nil {
			return nil, "", fmt.Errorf("go build ./cmd/mtlint: %v\n%s", err, out)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	addr := l.Addr().String()
	l.Close()
	logf, err := os.CreateTemp("", "loadtest-serve-*.log")
	if err != nil {
		return nil, "", err
	}
	args := append([]string{"serve", "--listen", addr}, o.serveArgs...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, "", err
	}
	s := &server{cmd: cmd, logPath: logf.Name(), done: make(chan struct{})}
	go func() {
		s.waitErr = cmd.Wait()
		logf.Close()
		close(s.done)
	}()
	fmt.Printf("server: %s %s (pid %d, log %s)\n", bin, strings.Join(args, " "), cmd.Process.Pid, s.logPath)
	return s, addr, nil
}

func (s *server) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

func (s *server) tail() string {
	data, _ := os.ReadFile(s.logPath)
	if len(data) > 2000 {
		data = data[len(data)-2000:]
	}
	return string(data)
}

// waitReady polls the server until it answers or the deadline passes.
func waitReady(base string, s *server) error {
	client := newClient(1, false, 2*time.Second)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if s != nil {
			select {
			case <-s.done:
				return fmt.Errorf("the server exited before answering (%v):\n%s", s.waitErr, s.tail())
			default:
			}
		}
		resp, err := client.Get(base + "/v2/healthcheck")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("the server did not answer /v2/healthcheck within 20 s")
}

// result is one request's outcome.
type result struct {
	size       int
	start, end time.Time
	status     int    // 0 on a transport error
	err        string // the class of the transport error or of a bad body
	refused    bool   // the connection was refused at dial time
}

// load sends requests from c clients until n are sent, ctx ends, or
// stop says so; onDone runs after each answer.
// With seed 0 request i sends text i (mod the number of texts), in order.
func load(ctx context.Context, client *http.Client, endpoint string, bodies []string, sizes []int, n, c int, seed uint64, stopOnRefusal bool, onDone func(int64)) []result {
	results := make([]result, n)
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				k := int(i) % len(bodies)
				if seed != 0 {
					k = rng.IntN(len(bodies))
				}
				r := &results[i]
				r.size = sizes[k]
				r.start = time.Now()
				r.status, r.err, r.refused = post(ctx, client, endpoint, bodies[k])
				r.end = time.Now()
				if onDone != nil {
					onDone(done.Add(1))
				}
				if r.refused && stopOnRefusal {
					return
				}
			}
		}()
	}
	wg.Wait()
	// Drop the requests never sent (ctx ended or clients stopped).
	out := results[:0]
	for _, r := range results {
		if !r.start.IsZero() {
			out = append(out, r)
		}
	}
	return out
}

func post(ctx context.Context, client *http.Client, endpoint, body string) (status int, class string, refused bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(body))
	if err != nil {
		return 0, err.Error(), false
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	if err != nil {
		class, refused := errClass(err)
		return 0, class, refused
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		class, _ := errClass(err)
		return resp.StatusCode, "reading the body: " + class, false
	}
	if resp.StatusCode == http.StatusOK && !bytes.Contains(data, []byte(`"matches"`)) {
		return resp.StatusCode, "200 without matches", false
	}
	return resp.StatusCode, "", false
}

func errClass(err error) (string, bool) {
	var op *net.OpError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused", errors.As(err, &op) && op.Op == "dial"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset", false
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed (EOF)", false
	case errors.Is(err, context.DeadlineExceeded), os.IsTimeout(err):
		return "timeout", false
	}
	s := err.Error()
	if len(s) > 80 {
		s = s[:80]
	}
	return s, false
}

// metrics reads the server's /metrics and returns the value of each
// metric without labels.
func metrics(base string) (map[string]float64, error) {
	client := newClient(1, false, 10*time.Second)
	resp, err := client.Get(base + "/metrics")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("/metrics: %s", resp.Status)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	m := map[string]float64{}
	for line := range strings.SplitSeq(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(line, "#") || strings.Contains(f[0], "{") {
			continue
		}
		if v, err := strconv.ParseFloat(f[1], 64); err == nil {
			m[f[0]] = v
		}
	}
	return m, nil
}

// snapshot is the server's state at rest.
type snapshot struct {
	goroutines, heap float64
	ok               bool
	gc               string // how the garbage collection before it came about
	gcSeen           bool   // whether one did
	err              error
}

// settle lets the server come to rest (the load client's idle connections
// closed, a garbage collection run) and reads its goroutines and heap.
func settle(base string, client *http.Client, gcWait time.Duration) snapshot {
	client.CloseIdleConnections()
	time.Sleep(500 * time.Millisecond)
	var s snapshot
	gcClient := newClient(1, false, 30*time.Second)
	resp, err := gcClient.Get(base + "/debug/pprof/heap?gc=1")
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if err == nil && resp.StatusCode == http.StatusOK {
		s.gc, s.gcSeen = "forced through /debug/pprof/heap?gc=1", true
	} else {
		m, err := metrics(base)
		if err != nil {
			return snapshot{err: err}
		}
		last := m["go_memstats_last_gc_time_seconds"]
		deadline := time.Now().Add(gcWait)
		s.gc = fmt.Sprintf("no GC seen within %v (heap includes garbage)", gcWait)
		for time.Now().Before(deadline) {
			time.Sleep(2 * time.Second)
			m, err := metrics(base)
			if err == nil && m["go_memstats_last_gc_time_seconds"] > last {
				s.gc, s.gcSeen = "the runtime's periodic GC, waited for", true
				break
			}
		}
	}
	m, err := metrics(base)
	if err != nil {
		return snapshot{err: err}
	}
	g, okG := m["go_goroutines"]
	h, okH := m["go_memstats_heap_alloc_bytes"]
	// Goroutines: the fewest of five readings 200 ms apart, as a
	// connection's goroutine (the last scrape's among them) takes a moment
	// to end; one that leaked stays in every reading.
	for range 4 {
		time.Sleep(200 * time.Millisecond)
		if m, err := metrics(base); err == nil && m["go_goroutines"] < g {
			g = m["go_goroutines"]
		}
	}
	s.goroutines, s.heap, s.ok = g, h, okG && okH
	if !s.ok {
		s.err = errors.New("/metrics has no go_goroutines or go_memstats_heap_alloc_bytes")
	}
	return s
}

var durationField = regexp.MustCompile(`path=/v2/check .*duration_ms=([0-9.]+)`)

// serverDurations reads the durations of the /v2/check requests that the
// server's access log (text format) holds from byte offset from on,
// sorted.
func serverDurations(path string, from int64) ([]time.Duration, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var d []time.Duration
	for line := range strings.SplitSeq(string(data[min(from, int64(len(data))):]), "\n") {
		if m := durationField.FindStringSubmatch(line); m != nil {
			if v, err := strconv.ParseFloat(m[1], 64); err == nil {
				d = append(d, time.Duration(v*float64(time.Millisecond)))
			}
		}
	}
	slices.Sort(d)
	return d, nil
}

// sampleRSS reads the VmRSS of process pid every 50 ms until stop is
// closed and returns the largest (0 without a pid).
func sampleRSS(pid int, stop <-chan struct{}) int64 {
	if pid == 0 {
		return 0
	}
	var peak int64
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if rss, _, err := procStatus(pid); err == nil {
			peak = max(peak, rss)
		}
		select {
		case <-stop:
			return peak
		case <-t.C:
		}
	}
}

// procStatus returns VmRSS and VmHWM of a process in bytes.
func procStatus(pid int) (rss, hwm int64, err error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = v * 1024
		case "VmHWM:":
			hwm = v * 1024
		}
	}
	return rss, hwm, nil
}

// cpuTime returns the CPU time (user and system) a process has used, from
// /proc/PID/stat, in clock ticks of 10 ms (Linux's USER_HZ).
func cpuTime(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// the fields after the command name, which is in parentheses
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: too few fields", pid)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

func mib(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

// percentile returns the q-quantile (nearest rank) of sorted durations.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*q+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// The 2 KB class: paragraphs within 256 bytes of 2,048.
const (
	twoKBLow  = 1792
	twoKBHigh = 2304
)

type stats struct {
	n                  int
	p50, p90, p99, max time.Duration
}

func latency(rs []result, keep func(result) bool) stats {
	var d []time.Duration
	for _, r := range rs {
		if r.status == http.StatusOK && r.err == "" && keep(r) {
			d = append(d, r.end.Sub(r.start))
		}
	}
	slices.Sort(d)
	if len(d) == 0 {
		return stats{}
	}
	return stats{n: len(d), p50: percentile(d, 0.50), p90: percentile(d, 0.90), p99: percentile(d, 0.99), max: d[len(d)-1]}
}

func (s stats) String() string {
	if s.n == 0 {
		return "no answers"
	}
	return fmt.Sprintf("n %d, p50 %s, p90 %s, p99 %s, max %s", s.n, ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max))
}

// failures counts the failed requests by status or error.
func failures(rs []result) (map[string]int, int) {
	m := map[string]int{}
	total := 0
	for _, r := range rs {
		if r.status == http.StatusOK && r.err == "" {
			continue
		}
		key := r.err
		if r.status != 0 {
			key = strconv.Itoa(r.status) + " " + http.StatusText(r.status)
			if r.err != "" {
				key += " (" + r.err + ")"
			}
		}
		m[key]++
		total++
	}
	return m, total
}

func printFailures(rs []result) int {
	m, total := failures(rs)
	if total == 0 {
		fmt.Println("failures: none")
		return 0
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	fmt.Printf("failures: %d:", total)
	for _, k := range keys {
		fmt.Printf(" %s x %d;", k, m[k])
	}
	fmt.Println()
	return total
}

func run(o options, chunks []chunk) (bool, error) {
	bodies := make([]string, len(chunks))
	sizes := make([]int, len(chunks))
	total2KB, totalBytes := 0, 0
	for i, c := range chunks {
		bodies[i] = url.Values{"language": {o.language}, "text": {c.text}}.Encode()
		sizes[i] = len(c.text)
		totalBytes += len(c.text)
		if sizes[i] >= twoKBLow && sizes[i] <= twoKBHigh {
			total2KB++
		}
	}
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("machine: %d CPUs, load average %s", runtime.NumCPU(), la)
		defer func() {
			la, _ := os.ReadFile("/proc/loadavg")
			fmt.Printf("load average at the end: %s", la)
		}()
	}
	fmt.Printf("texts: %d paragraphs of 1-5 KB cut from %s (mean %d bytes; %d of %d-%d bytes, the 2 KB class)\n",
		len(chunks), o.corpus, totalBytes/len(chunks), total2KB, twoKBLow, twoKBHigh)

	addr, pid := o.addr, o.pid
	var srv *server
	if addr == "" {
		var err error
		srv, addr, err = startServer(o)
		if err != nil {
			return false, err
		}
		pid = srv.cmd.Process.Pid
		defer func() {
			srv.stop()
			if !o.keepLog {
				os.Remove(srv.logPath)
			}
		}()
	}
	base := "http://" + addr
	if err := waitReady(base, srv); err != nil {
		return false, err
	}
	if o.sigterm {
		return runSigterm(o, srv, addr, base, bodies, sizes)
	}

	client := newClient(o.c, true, o.timeout)
	endpoint := base + "/v2/check"
	ctx, cancel := context.WithTimeout(context.Background(), o.maxTime)
	defer cancel()

	if _, err := warmUp(ctx, o, client, endpoint, bodies, sizes); err != nil {
		return false, err
	}
	before := settle(base, client, o.gcWait)
	var rssBefore int64
	if pid != 0 {
		rssBefore, _, _ = procStatus(pid)
	}

	ok := true
	var all []result
	peaks := make([]int64, o.rounds)
	var elapsed time.Duration
	var cpu0 time.Duration
	if pid != 0 {
		cpu0, _ = cpuTime(pid)
	}
	var logFrom int64
	if srv != nil {
		if st, err := os.Stat(srv.logPath); err == nil {
			logFrom = st.Size()
		}
	}
	for round := range o.rounds {
		n := o.n / o.rounds
		if round < o.n%o.rounds {
			n++
		}
		stop := make(chan struct{})
		sampled := make(chan int64, 1)
		go func() { sampled <- sampleRSS(pid, stop) }()
		t0 := time.Now()
		rs := load(ctx, client, endpoint, bodies, sizes, n, o.c, o.seed+1+uint64(round), false, nil)
		d := time.Since(t0)
		close(stop)
		peaks[round] = <-sampled
		elapsed += d
		all = append(all, rs...)
		fmt.Printf("round %d: %d requests in %.2f s: %.0f requests/s; latency %v; server's peak RSS in the round %s\n",
			round+1, len(rs), d.Seconds(), float64(len(rs))/d.Seconds(), latency(rs, func(result) bool { return true }), mib(float64(peaks[round])))
	}
	if pid != 0 {
		if cpu1, err := cpuTime(pid); err == nil {
			fmt.Printf("server CPU: %.1f s over %.1f s of load (%.0f%% of one core), %.2f ms a request\n",
				(cpu1 - cpu0).Seconds(), elapsed.Seconds(), 100*(cpu1-cpu0).Seconds()/elapsed.Seconds(), float64(cpu1-cpu0)/float64(time.Millisecond)/float64(len(all)))
		}
	}
	bytesSent := 0
	for _, r := range all {
		bytesSent += r.size
	}
	if srv != nil {
		if d, err := serverDurations(srv.logPath, logFrom); err == nil && len(d) > 0 {
			fmt.Printf("latency in the server (its access log: from reading the request to the answer, queue included): n %d, p50 %s, p90 %s, p99 %s, max %s\n",
				len(d), ms(percentile(d, 0.5)), ms(percentile(d, 0.9)), ms(percentile(d, 0.99)), ms(d[len(d)-1]))
		}
	}
	fmt.Printf("total: %d POST /v2/check from %d clients in %.2f s: %.0f requests/s, %.2f MB/s of text\n",
		len(all), o.c, elapsed.Seconds(), float64(len(all))/elapsed.Seconds(), float64(bytesSent)/1e6/elapsed.Seconds())
	if len(all) < o.n {
		fmt.Printf("FAIL: only %d of %d requests sent within -max-time %v\n", len(all), o.n, o.maxTime)
		ok = false
	}
	fmt.Println("latency, all:", latency(all, func(result) bool { return true }))
	two := latency(all, func(r result) bool { return r.size >= twoKBLow && r.size <= twoKBHigh })
	fmt.Printf("latency, 2 KB (%d-%d bytes): %v\n", twoKBLow, twoKBHigh, two)
	for kb := 1; kb < 5; kb++ {
		fmt.Printf("latency, %d-%d KB: %v\n", kb, kb+1, latency(all, func(r result) bool { return r.size >= kb*1024 && r.size < (kb+1)*1024 }))
	}
	if printFailures(all) > 0 {
		ok = false
	}
	if two.n == 0 || two.p99 >= o.p99Bar {
		fmt.Printf("FAIL: p99 of the 2 KB paragraphs %s, the bar is under %s\n", ms(two.p99), ms(o.p99Bar))
		ok = false
	}

	after := settle(base, client, o.gcWait)
	if pid != 0 {
		rssAfter, hwmAfter, _ := procStatus(pid)
		earlier := slices.Max(peaks[:len(peaks)-1])
		last := peaks[len(peaks)-1]
		fmt.Printf("server RSS: %s after the warm-up; peak %s (VmHWM); last round's peak %s, the earlier rounds' %s; %s at rest after the run\n",
			mib(float64(rssBefore)), mib(float64(hwmAfter)), mib(float64(last)), mib(float64(earlier)), mib(float64(rssAfter)))
		if float64(last) > 1.10*float64(earlier) {
			fmt.Println("FAIL: the last round's peak RSS is more than 10% above the earlier rounds'")
			ok = false
		}
	} else {
		fmt.Println("server RSS: unknown (give -pid with -addr)")
	}
	if before.err != nil || after.err != nil {
		fmt.Printf("goroutines and heap: unknown (/metrics: %v / %v)\n", before.err, after.err)
	} else {
		fmt.Printf("goroutines at rest: %.0f before, %.0f after\n", before.goroutines, after.goroutines)
		fmt.Printf("heap allocated at rest: %s before (GC %s), %s after (GC %s)\n", mib(before.heap), before.gc, mib(after.heap), after.gc)
		if after.goroutines > before.goroutines {
			fmt.Println("FAIL: more goroutines after the run than before")
			ok = false
		}
		if after.gcSeen && before.gcSeen && after.heap > 1.10*before.heap+(1<<20) {
			fmt.Println("FAIL: the heap at rest grew by more than 10% (and 1 MiB)")
			ok = false
		}
	}
	return ok, nil
}

// warmUp sends every text once, in order, unless -warmup says otherwise:
// the checker loads a language model the first time a text needs it, and
// meanwhile every check waits.
func warmUp(ctx context.Context, o options, client *http.Client, endpoint string, bodies []string, sizes []int) ([]result, error) {
	n := o.warmup
	if n < 0 {
		n = len(bodies)
	}
	warm := load(ctx, client, endpoint, bodies, sizes, n, 4, 0, false, nil)
	fmt.Printf("warm-up: %d requests, latency %v\n", len(warm), latency(warm, func(result) bool { return true }))
	if _, bad := failures(warm); bad > 0 {
		printFailures(warm)
		return warm, errors.New("the warm-up requests failed")
	}
	return warm, nil
}

// runSigterm loads the server over a connection a request, sends it
// SIGTERM when half the requests are answered, and checks the shutdown.
func runSigterm(o options, srv *server, addr, base string, bodies []string, sizes []int) (bool, error) {
	client := newClient(o.c, false, o.timeout)
	endpoint := base + "/v2/check"
	ctx, cancel := context.WithTimeout(context.Background(), o.maxTime)
	defer cancel()
	if _, err := warmUp(ctx, o, client, endpoint, bodies, sizes); err != nil {
		return false, err
	}

	var sigOnce sync.Once
	var sigAt atomic.Int64
	var probes probeResult
	var probeWG sync.WaitGroup
	signal := func() {
		sigAt.Store(time.Now().UnixNano())
		srv.cmd.Process.Signal(syscall.SIGTERM)
		probeWG.Add(1)
		go func() {
			defer probeWG.Done()
			probes = probe(addr, srv.done, o.exitWait)
		}()
	}
	half := int64(o.n / 2)
	rs := load(ctx, client, endpoint, bodies, sizes, o.n, o.c, o.seed+1, true, func(done int64) {
		if done == half {
			sigOnce.Do(signal)
		}
	})
	if sigAt.Load() == 0 {
		return false, errors.New("fewer than half the requests were answered: no SIGTERM sent")
	}
	exitCode := -1
	select {
	case <-srv.done:
		exitCode = srv.cmd.ProcessState.ExitCode()
	case <-time.After(o.exitWait):
	}
	exited := time.Now()
	probeWG.Wait()
	sig := time.Unix(0, sigAt.Load())

	ok := true
	var inflight, inflightOK, afterOK, afterRefused, afterReset int
	var bad []result
	for _, r := range rs {
		good := r.status == http.StatusOK && r.err == ""
		switch {
		case r.start.Before(sig) && r.end.After(sig):
			inflight++
			if good {
				inflightOK++
			} else {
				bad = append(bad, r)
			}
		case !r.start.Before(sig):
			switch {
			case good:
				afterOK++
			case r.refused:
				afterRefused++
			case r.status == 0 && r.err == "connection reset":
				// a connection the kernel completed in the instant
				// between the server's last accept and its close:
				// refused too, with a reset instead of at connect
				afterReset++
			default:
				bad = append(bad, r)
			}
		case !good:
			bad = append(bad, r)
		}
	}
	fmt.Printf("SIGTERM after %d of %d answers; %d requests sent in all over a connection each, from %d clients\n", half, o.n, len(rs), o.c)
	fmt.Printf("in flight at SIGTERM: %d, answered 200: %d\n", inflight, inflightOK)
	fmt.Printf("started after SIGTERM: %d answered 200, %d refused at connect, %d reset after connecting (queued in the kernel as the listener closed)\n", afterOK, afterRefused, afterReset)
	fmt.Printf("connection probes after SIGTERM: %d accepted, %d refused; first refusal %s after SIGTERM; %d accepted after the first refusal\n",
		probes.accepted, probes.refused, ms(probes.firstRefused), probes.acceptedAfterRefusal)
	if exitCode >= 0 {
		fmt.Printf("server exit status %d, %s after SIGTERM\n", exitCode, ms(exited.Sub(sig)))
	} else {
		fmt.Printf("FAIL: the server had not exited %v after SIGTERM\n", o.exitWait)
		ok = false
	}
	if len(bad) > 0 {
		m, _ := failures(bad)
		fmt.Printf("FAIL: %d requests failed other than by a refusal after SIGTERM: %v\n", len(bad), m)
		ok = false
	}
	if inflight == 0 {
		fmt.Println("FAIL: no request was in flight at SIGTERM, nothing was tested")
		ok = false
	}
	if probes.refused == 0 && exitCode != 0 {
		fmt.Println("FAIL: no new connection was refused after SIGTERM")
		ok = false
	}
	if probes.acceptedAfterRefusal > 0 {
		fmt.Println("FAIL: connections were accepted after the listener was closed")
		ok = false
	}
	if exitCode > 0 {
		fmt.Printf("FAIL: exit status %d, not 0:\n%s\n", exitCode, srv.tail())
		ok = false
	}
	return ok, nil
}

type probeResult struct {
	accepted, refused, acceptedAfterRefusal int
	firstRefused                            time.Duration
}

// probe opens a new connection every 2 ms from SIGTERM until the server
// exits or wait passes, and counts those accepted and refused.
func probe(addr string, done <-chan struct{}, wait time.Duration) probeResult {
	var p probeResult
	start := time.Now()
	dial := loopbackDialer()
	for time.Since(start) < wait {
		select {
		case <-done:
			return p
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		conn, err := dial(ctx, "tcp", addr)
		cancel()
		switch {
		case err == nil:
			conn.Close()
			p.accepted++
			if p.refused > 0 {
				p.acceptedAfterRefusal++
			}
		case errors.Is(err, syscall.ECONNREFUSED):
			if p.refused == 0 {
				p.firstRefused = time.Since(start)
			}
			p.refused++
		}
		time.Sleep(2 * time.Millisecond)
	}
	return p
}
