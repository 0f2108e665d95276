package changes

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// gitUnified0 is what git diff --unified=0 -M printed for a newsroom
// repository: a changed line and a line added at the end without a newline
// in a file whose name has a space (git ends such ---/+++ lines with a tab),
// a rename without changes, and a quoted non-ASCII name.
const gitUnified0 = "diff --git a/news/summit report.md b/news/summit report.md\n" +
	"index 4cb29ea..657b95b 100644\n" +
	"--- a/news/summit report.md\t\n" +
	"+++ b/news/summit report.md\t\n" +
	"@@ -2 +2 @@ The talks in Geneva\n" +
	"-The ministers met this week , with allies.\n" +
	"+The ministers met this week, with allies.\n" +
	"@@ -7,0 +8,2 @@ He declined to comment.\n" +
	"+Il a ajouté que les discussions continueront.\n" +
	"+The the delegation left on Friday.\n" +
	"\\ No newline at end of file\n" +
	"diff --git a/drafts/old.md b/news/moved.md\n" +
	"similarity index 100%\n" +
	"rename from drafts/old.md\n" +
	"rename to news/moved.md\n" +
	"diff --git \"a/news/caf\\303\\251 \\\"menu\\\".md\" \"b/news/caf\\303\\251 \\\"menu\\\".md\"\n" +
	"index 587be6b..975fbec 100644\n" +
	"--- \"a/news/caf\\303\\251 \\\"menu\\\".md\"\n" +
	"+++ \"b/news/caf\\303\\251 \\\"menu\\\".md\"\n" +
	"@@ -1 +1 @@\n" +
	"-Prices are 3,5 euros.\n" +
	"+Prices are 3.5 euros.\n"

// gitContext is git diff with three lines of context: a new file, a
// deleted one, a renamed and edited one, and a hunk whose removed line
// starts with "-- " and whose added line starts with "++ " (so that they
// look like headers once the diff adds its marker).
const gitContext = "diff --git a/news/new.md b/news/new.md\n" +
	"new file mode 100644\n" +
	"index 0000000..e69de29\n" +
	"--- /dev/null\n" +
	"+++ b/news/new.md\n" +
	"@@ -0,0 +1,3 @@\n" +
	"+# Summit ends\n" +
	"+\n" +
	"+The leaders met in Geneva .\n" +
	"diff --git a/news/gone.md b/news/gone.md\n" +
	"deleted file mode 100644\n" +
	"index e69de29..0000000\n" +
	"--- a/news/gone.md\n" +
	"+++ /dev/null\n" +
	"@@ -1,2 +0,0 @@\n" +
	"-Old text.\n" +
	"-More old text.\n" +
	"diff --git a/news/a.md b/news/b.md\n" +
	"similarity index 80%\n" +
	"rename from news/a.md\n" +
	"rename to news/b.md\n" +
	"index 1111111..2222222 100644\n" +
	"--- a/news/a.md\n" +
	"+++ b/news/b.md\n" +
	"@@ -10,7 +10,7 @@ Talks\n" +
	" one\n" +
	" two\n" +
	" three\n" +
	"--- signed, the desk\n" +
	"+++ signed, the news desk\n" +
	" four\n" +
	"\n" + // a context line whose space an editor took off
	" six\n"

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		diff string
		want []File
	}{
		{"git unified=0", gitUnified0, []File{
			{Old: "news/summit report.md", New: "news/summit report.md", Added: []Range{{2, 2}, {8, 9}}},
			{Old: "drafts/old.md", New: "news/moved.md"},
			{Old: `news/café "menu".md`, New: `news/café "menu".md`, Added: []Range{{1, 1}}},
		}},
		{"git with context", gitContext, []File{
			{Old: "", New: "news/new.md", Added: []Range{{1, 3}}},
			{Old: "news/gone.md", New: ""},
			{Old: "news/a.md", New: "news/b.md", Added: []Range{{13, 13}}},
		}},
		{"git --no-prefix", "diff --git news/a b.md news/a b.md\n" +
			"index 4cb29ea..657b95b 100644\n" +
			"--- news/a b.md\t\n" +
			"+++ news/a b.md\t\n" +
			"@@ -1,3 +1,4 @@\n" +
			" one\n" +
			"-two\n" +
			"+TWO\n" +
			" three\n" +
			"+four\n", []File{
			{Old: "news/a b.md", New: "news/a b.md", Added: []Range{{2, 2}, {4, 4}}},
		}},
		{"git --no-prefix of a folder named a", "diff --git a/x.md a/x.md\n" +
			"--- a/x.md\n+++ a/x.md\n@@ -1 +1 @@\n-x\n+y\n", []File{
			{Old: "a/x.md", New: "a/x.md", Added: []Range{{1, 1}}},
		}},
		{"diff -u with dates", "--- old/article.txt\t2024-03-01 10:00:00.000000000 +0100\n" +
			"+++ new/article.txt\t2024-03-02 09:30:00.000000000 +0100\n" +
			"@@ -4,2 +4,3 @@\n" +
			" The minister said\n" +
			"-it will be commercial.\n" +
			"+it will be commercial .\n" +
			"+These last days were busy.\n", []File{
			{Old: "old/article.txt", New: "new/article.txt", Added: []Range{{5, 6}}},
		}},
		{"diff -ruN, two files", "diff -ruN a/one.md b/one.md\n" +
			"--- a/one.md\t2024-03-01\n+++ b/one.md\t2024-03-02\n@@ -1 +1 @@\n-x\n+y\n" +
			"diff -ruN a/two.md b/two.md\n" +
			"--- a/two.md\t2024-03-01\n+++ b/two.md\t2024-03-02\n@@ -3,0 +4 @@\n+z\n", []File{
			{Old: "one.md", New: "one.md", Added: []Range{{1, 1}}},
			{Old: "two.md", New: "two.md", Added: []Range{{4, 4}}},
		}},
		{"format-patch with message and signature", "From 1234 Mon Sep 17 00:00:00 2001\n" +
			"From: Desk <desk@example.org>\n" +
			"Subject: [PATCH] Fix the summit story\n" +
			"\n" +
			"@ mentions and --- rules in a message are text.\n" +
			"---\n" +
			" news/summit.md | 2 +-\n" +
			"\n" +
			"diff --git a/news/summit.md b/news/summit.md\n" +
			"--- a/news/summit.md\n+++ b/news/summit.md\n" +
			"@@ -5 +5 @@\n-old\n+new\n" +
			"-- \n2.39.5\n\n", []File{
			{Old: "news/summit.md", New: "news/summit.md", Added: []Range{{5, 5}}},
		}},
		{"CRLF", "diff --git a/w.md b/w.md\r\n--- a/w.md\r\n+++ b/w.md\r\n@@ -1,2 +1,2 @@\r\n-a\r\n+b\r\n \r\n", []File{
			{Old: "w.md", New: "w.md", Added: []Range{{1, 1}}},
		}},
		{"binary", "diff --git a/img.png b/img.png\nindex 1..2 100644\nBinary files a/img.png and b/img.png differ\n", []File{
			{},
		}},
		{"hunks out of order, overlapping", "--- a/x.md\n+++ b/x.md\n" +
			"@@ -20 +20,2 @@\n-t\n+u\n+v\n" +
			"@@ -3 +3 @@\n-c\n+C\n" +
			"@@ -21 +21 @@\n-w\n+W\n", []File{
			{Old: "x.md", New: "x.md", Added: []Range{{3, 3}, {20, 21}}},
		}},
		{"combined diff of a merge", "diff --cc news/m.md\n" +
			"index 1,2..3\n--- a/news/m.md\n+++ b/news/m.md\n" +
			"@@@ -1,3 -1,3 +1,3 @@@\n" +
			"  same\n" +
			"- from one\n" +
			" -from two\n" +
			"++merged\n" +
			"  end\n", []File{
			{Old: "news/m.md", New: "news/m.md", Added: []Range{{2, 2}}},
		}},
		{"count left out", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n", []File{
			{Old: "x", New: "x", Added: []Range{{1, 1}}},
		}},
		{"a line longer than the read buffer", "--- a/page.html\n+++ b/page.html\n@@ -1,2 +1,2 @@\n-<p>old</p>\n+" +
			strings.Repeat("<p>Minified page , one line.</p>", 5000) + "\n " + strings.Repeat("x", 100000), []File{
			{Old: "page.html", New: "page.html", Added: []Range{{1, 1}}},
		}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.diff))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, diff string
		line       int
		msg        string
	}{
		{"bad new range", "--- a/x\n+++ b/x\n@@ -1,2 +x @@\n", 3, "malformed new range"},
		{"no closing @@", "--- a/x\n+++ b/x\n@@ -1,2 +1,2\n", 3, "malformed hunk header"},
		{"hunk before file", "@@ -1 +1 @@\n-a\n+b\n", 1, "before any file header"},
		{"ends inside a hunk", "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n", 3, "ends inside the hunk"},
		{"next file inside a hunk", "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\ndiff --git a/y b/y\n", 5, "must start with"},
		{"too many new lines", "--- a/x\n+++ b/x\n@@ -1,2 +1,1 @@\n-a\n+b\n+c\n", 6, "more new lines"},
		{"too many old lines", "--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-a\n-b\n", 5, "more old lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.diff))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *SyntaxError", err)
			}
			if se.Line != tt.line || !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("got %q at line %d, want %q at line %d", se.Msg, se.Line, tt.msg, tt.line)
			}
		})
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{`plain.md`, `plain.md`, true},
		{`"a/caf\303\251.md"`, "a/café.md", true},
		{`"tab\there \"q\" back\\slash"`, "tab\there \"q\" back\\slash", true},
		{`"unterminated`, `"unterminated`, false},
		{`"bad\9xx"`, "bad9xx", true}, // an unknown escape stands for its letter
		{`"short\30"`, `"short\30"`, false},
	}
	for _, tt := range tests {
		got, ok := unquote(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("unquote(%s) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIntersects(t *testing.T) {
	l := &Lines{ranges: []Range{{2, 2}, {8, 9}, {20, 30}}}
	tests := []struct {
		first, last int
		want        bool
	}{
		{1, 1, false}, {2, 2, true}, {1, 2, true}, {3, 7, false}, {7, 8, true},
		{9, 9, true}, {10, 19, false}, {15, 40, true}, {31, 31, false}, {25, 24, true},
	}
	for _, tt := range tests {
		if got := l.Intersects(tt.first, tt.last); got != tt.want {
			t.Errorf("Intersects(%d, %d) = %v, want %v", tt.first, tt.last, got, tt.want)
		}
	}
	var none *Lines
	if none.Intersects(1, 100) || !Whole().Intersects(5000, 5000) {
		t.Error("a nil Lines must intersect nothing and Whole everything")
	}
}

// FuzzParse checks that Parse never panics and that what it returns is
// well formed: ranges 1-based, in order, apart and not empty.
func FuzzParse(f *testing.F) {
	f.Add(gitUnified0)
	f.Add(gitContext)
	f.Add("--- a/x\n+++ b/x\n@@@ -1,2 -1,2 +1,2 @@@\n  a\n++b\n")
	f.Add("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file\n")
	f.Add("diff --git \"a/\\303\" \"b/\\303\"\n--- \"a/\\3\n+++ \"b\n@@ -0,0 +1 @@\n+x")
	f.Fuzz(func(t *testing.T, diff string) {
		files, err := Parse(strings.NewReader(diff))
		if err != nil {
			return
		}
		for _, file := range files {
			for i, r := range file.Added {
				if r.First < 1 || r.Last < r.First || i > 0 && r.First <= file.Added[i-1].Last+1 {
					t.Fatalf("bad ranges %v for %q", file.Added, diff)
				}
			}
		}
	})
}
