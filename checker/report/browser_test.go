package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
)

// The HTML report in a real browser: headless Chromium loads the page with
// the fragment #mtlint-selftest, on which the page's own script clicks the
// first finding of the side list and writes down what it then shows, and
// whether any dialog opened or the Content-Security-Policy blocked anything,
// into an element that --dump-dom prints. No driver is needed.

// chromium returns the browser to test with: $MTLINT_CHROMIUM, else
// chromium on the PATH. When there is none the test fails if CI=true is
// set (.ci/run installs Debian's chromium) and is skipped otherwise.
func browserPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	for _, name := range []string{os.Getenv("MTLINT_CHROMIUM"), "chromium", "chromium-browser"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found (apt-get install chromium, or set MTLINT_CHROMIUM); CI needs it")
	}
	t.Skip("chromium not found; skipping the browser test (apt-get install chromium, or set MTLINT_CHROMIUM)")
	return ""
}

// runChromium runs the browser headless on the page file with a fresh
// profile and no network activity of its own, with args added, and returns
// what it wrote on standard output.
func runBrowser(t *testing.T, bin, file, fragment string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	all := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--disable-quic", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-extensions",
		"--user-data-dir=" + t.TempDir(),
		"--virtual-time-budget=10000",
	}, args...)
	all = append(all, "file://"+filepath.ToSlash(file)+"#"+fragment)
	cmd := exec.CommandContext(ctx, bin, all...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, browserLastLines(stderr.String(), 20))
	}
	return stdout.Bytes()
}

func browserLastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// selftest is what the page reports of itself after the click.
type browserSelftest struct {
	Articles    int      `json:"articles"`
	Highlighted int      `json:"highlighted"` // findings with a mark (first pieces)
	Fragments   int      `json:"fragments"`   // marks in all
	Listed      int      `json:"listed"`
	Clicked     string   `json:"clicked"`
	Open        []string `json:"open"` // ids of the details shown
	Message     string   `json:"message"`
	Active      int      `json:"active"`
	Dialogs     int      `json:"dialogs"`
	Violations  int      `json:"violations"`
	Scripts     int      `json:"scripts"`
	ByName      []string `json:"byName"` // the index's names after a click on its File heading
}

// load writes the page into a temporary file, runs its self-test in the
// browser and returns the result and the page's DOM as the browser left it.
func browserLoad(t *testing.T, bin string, out []byte) (browserSelftest, htmlPage) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	dom := runBrowser(t, bin, file, "mtlint-selftest", "--dump-dom")
	p := parseHTMLPage(t, dom)
	found := p.all(func(n *html.Node) bool { v, _ := hAttr(n, "id"); return v == "mtlint-selftest-result" })
	if len(found) != 1 {
		t.Fatalf("the page's self-test wrote no result (did its script run?); the DOM was %d bytes:\n%.2000s", len(dom), dom)
	}
	var st browserSelftest
	if err := json.Unmarshal([]byte(hText(found[0])), &st); err != nil {
		t.Fatalf("self-test result %q: %v", hText(found[0]), err)
	}
	return st, p
}

func TestBrowserSeed(t *testing.T) {
	bin := browserPath(t)
	res := htmlSeed(t)
	out := render(t, "html", report.Options{}, []*checker.Result{res})
	st, dom := browserLoad(t, bin, out)
	t.Logf("seed article: page of %d bytes, %d findings, %d highlighted in %d marks, panel shows %v",
		len(out), len(res.Findings), st.Highlighted, st.Fragments, st.Open)
	if st.Highlighted != len(res.Findings) || st.Listed != len(res.Findings) {
		t.Errorf("%d findings highlighted and %d listed, want %d each", st.Highlighted, st.Listed, len(res.Findings))
	}
	if st.Clicked != "a1-f1" || len(st.Open) != 1 || st.Open[0] != "a1-f1-d" {
		t.Errorf("clicked %q, details shown %v; want a1-f1 and its detail", st.Clicked, st.Open)
	}
	if st.Message != res.Findings[0].Message {
		t.Errorf("the panel shows %q, want the message %q", st.Message, res.Findings[0].Message)
	}
	if st.Active == 0 {
		t.Error("the clicked finding's text is not highlighted as active")
	}
	if st.Dialogs != 0 || st.Violations != 0 || st.Scripts != 1 {
		t.Errorf("%d dialogs, %d policy violations, %d scripts", st.Dialogs, st.Violations, st.Scripts)
	}
	// The DOM the browser left agrees: the list item is active, the detail
	// and its rule's explanation are shown.
	for _, id := range []string{"a1-f1-l", "a1-f1-d", "a1-x1"} {
		el := dom.all(func(n *html.Node) bool { v, _ := hAttr(n, "id"); return v == id })
		switch {
		case len(el) != 1:
			t.Errorf("no element #%s", id)
		case hHasAttr(el[0], "hidden"):
			t.Errorf("#%s is hidden after the click", id)
		case id == "a1-f1-l" && !hHasClass(el[0], "active"):
			t.Errorf("#%s is not marked active", id)
		}
	}

	// The screenshot, of the page as the click left it.
	shot := filepath.Join(t.TempDir(), "mt-article.png")
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	runBrowser(t, bin, file, "mtlint-selftest", "--hide-scrollbars", "--window-size=1280,1400", "--screenshot="+shot)
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	// Not a blank page: the highlight colors are there.
	colors := map[uint32]bool{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 3 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 3 {
			r, g, b, _ := img.At(x, y).RGBA()
			colors[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	// #fde68a, the punctuation highlight; #e7e5e4, the boilerplate one.
	for _, c := range []uint32{0xfde68a, 0xe7e5e4} {
		if !colors[c] {
			t.Errorf("the screenshot has no pixel of #%06x: %d colors", c, len(colors))
		}
	}
	t.Logf("screenshot %dx%d, %d bytes, %d colors: %s", bounds.Dx(), bounds.Dy(), len(b), len(colors), shot)
	if dir := os.Getenv("MTLINT_SCREENSHOT_DIR"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "mt-article.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "mt-article.html"), out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Several inputs: every article is there, the first finding of the first is
// chosen, and the index sorts by name when its heading is clicked.
func TestBrowserIndex(t *testing.T) {
	bin := browserPath(t)
	results := htmlKept(t)
	st, _ := browserLoad(t, bin, render(t, "html", report.Options{}, results))
	var names []string
	want := 0
	for _, r := range results {
		names = append(names, r.Path)
		if r.Error == "" && !r.Skipped {
			want += len(r.Findings)
		}
	}
	slices.Sort(names)
	if st.Articles != len(results) || st.Highlighted != want || len(st.Open) != 1 {
		t.Errorf("%d articles, %d findings highlighted, details %v; want %d, %d and one", st.Articles, st.Highlighted, st.Open, len(results), want)
	}
	if !slices.Equal(st.ByName, names) {
		t.Errorf("sorted by name: %q, want %q", st.ByName, names)
	}
}

// withoutCSP returns the page without its Content-Security-Policy element,
// to show that the escaping alone keeps the page inert.
func browserWithoutCSP(t *testing.T, out []byte) []byte {
	t.Helper()
	start := bytes.Index(out, []byte(`<meta http-equiv="Content-Security-Policy"`))
	if start < 0 {
		t.Fatal("the page has no Content-Security-Policy")
	}
	end := bytes.IndexByte(out[start:], '>')
	return append(append([]byte{}, out[:start]...), out[start+end+1:]...)
}

// Markup in articles, names, messages, suggestions and notes opens no
// dialog, with the page's Content-Security-Policy and without it (the
// escaping alone), and the policy never has to block anything. Pages with
// a handler injected on purpose show that the test would see one.
func TestBrowserHostile(t *testing.T) {
	bin := browserPath(t)
	results := append(hHostileResults(t), htmlSeed(t))
	out := render(t, "html", report.Options{}, results)
	injected := bytes.Replace(out, []byte("</main>"), []byte(`<img src="x" onerror="alert('injected')"></main>`), 1)
	for _, tc := range []struct {
		name                string
		page                []byte
		dialogs, violations bool // whether some are expected
	}{
		{"hostile", out, false, false},
		{"hostile without CSP", browserWithoutCSP(t, out), false, false},
		{"injected", injected, false, true},
		{"injected without CSP", browserWithoutCSP(t, injected), true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st, _ := browserLoad(t, bin, tc.page)
			if st.Articles != len(results) || st.Scripts != 1 {
				t.Errorf("%d articles and %d scripts, want %d and 1", st.Articles, st.Scripts, len(results))
			}
			if (st.Dialogs > 0) != tc.dialogs || (st.Violations > 0) != tc.violations {
				t.Errorf("%d dialogs and %d policy violations; want some dialogs: %v, some violations: %v",
					st.Dialogs, st.Violations, tc.dialogs, tc.violations)
			}
		})
	}
}
