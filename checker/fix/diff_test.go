package fix

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// applyUnified applies a unified diff to a, checking every context and
// deleted line, as patch does without fuzz.
func applyUnified(t testing.TB, a, diff string) string {
	t.Helper()
	if diff == "" {
		return a
	}
	lines := splitLines(a)
	dl := splitLines(diff)
	if len(dl) < 2 || !strings.HasPrefix(dl[0], "--- ") || !strings.HasPrefix(dl[1], "+++ ") {
		t.Fatalf("no file headers:\n%s", diff)
	}
	var out []string
	at := 0 // next line of a
	for i := 2; i < len(dl); {
		h := dl[i]
		var a1, an, b1, bn int
		if !parseHunk(h, &a1, &an, &b1, &bn) {
			t.Fatalf("bad hunk header %q", h)
		}
		start := a1 - 1
		if an == 0 {
			start = a1
		}
		if start < at {
			t.Fatalf("hunks out of order at %q", h)
		}
		out = append(out, lines[at:start]...)
		at = start
		i++
		na, nb := 0, 0
		for i < len(dl) && !strings.HasPrefix(dl[i], "@@") {
			l := dl[i]
			body := l[1:]
			if i+1 < len(dl) && dl[i+1] == "\\ No newline at end of file\n" {
				body = strings.TrimSuffix(body, "\n")
			}
			switch l[0] {
			case ' ', '-':
				if at >= len(lines) || lines[at] != body {
					t.Fatalf("line %d: diff has %q, text has %q", at+1, body, lines[min(at, len(lines)-1)])
				}
				if l[0] == ' ' {
					out = append(out, body)
					nb++
				}
				at++
				na++
			case '+':
				out = append(out, body)
				nb++
			case '\\':
			default:
				t.Fatalf("bad diff line %q", l)
			}
			i++
		}
		if na != an || nb != bn {
			t.Fatalf("hunk %q counts %d,%d lines", h, na, nb)
		}
	}
	out = append(out, lines[at:]...)
	return strings.Join(out, "")
}

func parseHunk(h string, a1, an, b1, bn *int) bool {
	f := strings.Fields(h)
	if len(f) < 4 || f[0] != "@@" || f[3] != "@@" {
		return false
	}
	rng := func(s string, first, n *int) bool {
		s = s[1:]
		x, y, ok := strings.Cut(s, ",")
		var err error
		if *first, err = strconv.Atoi(x); err != nil {
			return false
		}
		*n = 1
		if ok {
			if *n, err = strconv.Atoi(y); err != nil {
				return false
			}
		}
		return true
	}
	return rng(f[1], a1, an) && rng(f[2], b1, bn)
}

func TestUnified(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line", "one\ntwo ,\nthree\n", "one\ntwo,\nthree\n",
			"--- a\n+++ b\n@@ -1,3 +1,3 @@\n one\n-two ,\n+two,\n three\n"},
		{"no newline at the end", "one\ntwo ,", "one\ntwo,",
			"--- a\n+++ b\n@@ -1,2 +1,2 @@\n one\n-two ,\n\\ No newline at end of file\n+two,\n\\ No newline at end of file\n"},
		{"insert into an empty file", "", "new\n", "--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1x\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12x\n",
			"--- a\n+++ b\n@@ -1,4 +1,4 @@\n-1\n+1x\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+12x\n"},
		{"merged hunks", "1\n2\n3\n4\n5\n6\n7\n8\n", "1x\n2\n3\n4\n5\n6\n7x\n8\n",
			"--- a\n+++ b\n@@ -1,8 +1,8 @@\n-1\n+1x\n 2\n 3\n 4\n 5\n 6\n-7\n+7x\n 8\n"},
		{"crlf", "one ,\r\ntwo\r\n", "one,\r\ntwo\r\n", "--- a\n+++ b\n@@ -1,2 +1,2 @@\n-one ,\r\n+one,\r\n two\r\n"},
		{"a line deleted", "a\nb\nc\n", "a\nc\n", "--- a\n+++ b\n@@ -1,3 +1,2 @@\n a\n-b\n c\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Unified("a", "b", []byte(tc.a), []byte(tc.b), DefaultContext)
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			if applied := applyUnified(t, tc.a, got); applied != tc.b {
				t.Errorf("applied: %q, want %q", applied, tc.b)
			}
		})
	}
}

// The diff of the seed article applies with patch, when there is one.
func TestPatchApplies(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("no patch program")
	}
	dir := t.TempDir()
	a := "The talks , held in Geneva, went on.\nA second line.\n\nThe the envoy left . .\nLast line without end ,"
	b := "The talks, held in Geneva, went on.\nA second line.\n\nThe envoy left.\nLast line without end,"
	if err := os.WriteFile(filepath.Join(dir, "article.txt"), []byte(a), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patch, "-p0", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(Unified("article.txt", "article.txt", []byte(a), []byte(b), DefaultContext))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "article.txt")); string(got) != b {
		t.Errorf("patched: %q", got)
	}
}

func FuzzUnified(f *testing.F) {
	f.Add("one\ntwo ,\nthree\n", "one\ntwo,\nthree\n", 3)
	f.Add("a\nb", "a\nb\n", 0)
	f.Add("", "x", 1)
	f.Add("x\r\ny\r\n", "x\r\nz\r\n", 2)
	f.Fuzz(func(t *testing.T, a, b string, context int) {
		context = context % 5
		d := Unified("a", "b", []byte(a), []byte(b), context)
		if (d == "") != (a == b) {
			t.Fatalf("empty diff for different texts, or the reverse")
		}
		if got := applyUnified(t, a, d); got != b {
			t.Fatalf("applied %q, want %q\n%s", got, b, d)
		}
	})
}

func FuzzTrim(f *testing.F) {
	f.Add("depend of", "depend on")
	f.Add(" ,", ",")
	f.Add("é,", "è,")
	f.Fuzz(func(t *testing.T, old, new string) {
		e := Edit{Offset: 5, Length: len(old), Old: old, New: new}
		tr := e.Trim()
		p := tr.Offset - e.Offset
		s := len(old) - p - tr.Length
		if p < 0 || s < 0 || old[:p] != new[:p] || old[len(old)-s:] != new[len(new)-s:] ||
			old[p:p+tr.Length] != tr.Old || new[p:len(new)-s] != tr.New {
			t.Fatalf("Trim(%q, %q) = %+v", old, new, tr)
		}
	})
}
