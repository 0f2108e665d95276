package source_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/source"
)

// tree makes files (with their folders) under a new temporary folder and
// returns it.
func tree(t *testing.T, files ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// paths lists the inputs for args, relative to root, with "!" before the
// ones with an error.
func paths(t *testing.T, root string, args []string, opts source.Options) []string {
	t.Helper()
	var got []string
	for in := range source.Inputs(args, opts) {
		p := in.Path
		if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = filepath.ToSlash(rel)
		}
		if in.Err != nil {
			p = "!" + p
		}
		got = append(got, p)
	}
	return got
}

func TestInputs(t *testing.T) {
	root := tree(t,
		"b.md", "a.txt", "A.TXT", "c.go", "page.HTML", "notes.markdown", "x.htm",
		".hidden.txt", ".git/config.txt", ".foo/bar.md", "vendor/v.txt", "node_modules/m.md",
		"sub/z.txt", "sub/deeper/y.md", "sub/vendor/no.txt", "sub/.cache/no.txt",
		".explicit/inside.txt",
	)
	j := func(p string) string { return filepath.Join(root, p) }
	for _, tc := range []struct {
		name string
		args []string
		opts source.Options
		want []string
	}{
		{"walk", []string{root}, source.Options{},
			[]string{"A.TXT", "a.txt", "b.md", "notes.markdown", "page.HTML", "sub/deeper/y.md", "sub/z.txt", "x.htm"}},
		{"ext", []string{root}, source.Options{Extensions: []string{".go", ".md"}},
			[]string{"b.md", "c.go", "sub/deeper/y.md"}},
		{"explicit files whatever their extension, in argument order", []string{j("c.go"), j(".hidden.txt"), j("a.txt")}, source.Options{},
			[]string{"c.go", ".hidden.txt", "a.txt"}},
		{"an explicit hidden folder is walked", []string{j(".explicit")}, source.Options{},
			[]string{".explicit/inside.txt"}},
		{"explicit vendor folder", []string{j("vendor")}, source.Options{}, []string{"vendor/v.txt"}},
		{"missing among good ones", []string{j("a.txt"), j("nope.txt"), j("sub/deeper")}, source.Options{},
			[]string{"a.txt", "!nope.txt", "sub/deeper/y.md"}},
		{"own skip list", []string{j("sub")}, source.Options{SkipDirs: []string{"deeper"}},
			[]string{"sub/vendor/no.txt", "sub/z.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := paths(t, root, tc.args, tc.opts); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	var got []string
	for in := range source.Inputs([]string{"-", "-"}, source.Options{Stdin: strings.NewReader("text")}) {
		raw, err := in.Read()
		got = append(got, in.Path+"="+string(raw))
		if len(got) == 1 && (err != nil || !in.IsStdin()) {
			t.Errorf("first: %v, IsStdin %v", err, in.IsStdin())
		}
		if len(got) == 2 && err == nil {
			t.Error("standard input read twice")
		}
	}
	if want := []string{"<stdin>=text", "<stdin>="}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// URLs are inputs of their own, in argument order among the files, never
// looked up on disk, and fetched rather than read.
func TestURLInputs(t *testing.T) {
	root := tree(t, "a.txt", "sub/b.md")
	args := []string{
		"https://news.example.org/2024/03/08/summit-ends",
		filepath.Join(root, "a.txt"),
		"HTTP://Example.org/world?id=42#top",
		filepath.Join(root, "sub"),
		"http:/example.org/not-a-url",
	}
	type got struct {
		path, url, file string
		err             bool
	}
	var all []got
	for in := range source.Inputs(args, source.Options{}) {
		rel := func(p string) string {
			if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
				return filepath.ToSlash(r)
			}
			return p
		}
		all = append(all, got{rel(in.Path), in.URL(), rel(in.File()), in.Err != nil})
		if in.URL() != "" {
			if raw, err := in.Read(); err == nil || raw != nil {
				t.Errorf("%s: Read gave %q, %v; want an error", in.Path, raw, err)
			}
		}
	}
	want := []got{
		{"https://news.example.org/2024/03/08/summit-ends", "https://news.example.org/2024/03/08/summit-ends", "", false},
		{"a.txt", "", "a.txt", false},
		{"HTTP://Example.org/world?id=42#top", "HTTP://Example.org/world?id=42#top", "", false},
		{"sub/b.md", "", "sub/b.md", false},
		{"http:/example.org/not-a-url", "", "", true}, // a path, and missing
	}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("got  %+v\nwant %+v", all, want)
	}
}

func TestMissingReason(t *testing.T) {
	for in := range source.Inputs([]string{filepath.Join(t.TempDir(), "nope.txt")}, source.Options{}) {
		if !errors.Is(in.Err, fs.ErrNotExist) {
			t.Fatalf("err = %v", in.Err)
		}
		if got := source.Reason(in.Err); got != "no such file or directory" {
			t.Errorf("Reason = %q", got)
		}
		if _, err := in.Read(); err == nil {
			t.Error("Read of a missing input gave no error")
		}
	}
}

func TestSymlinks(t *testing.T) {
	root := tree(t, "real/a.txt", "other/b.txt")
	if err := os.Symlink(filepath.Join(root, "other/b.txt"), filepath.Join(root, "real/link.txt")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join(root, "other"), filepath.Join(root, "real/dirlink")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "top")); err != nil {
		t.Skip(err)
	}
	// A link to a file is followed, a link to a folder is not, except
	// when it is the folder named.
	got := paths(t, root, []string{filepath.Join(root, "top")}, source.Options{})
	if want := []string{"top/a.txt", "top/link.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStop(t *testing.T) {
	root := tree(t, "a.txt", "b.txt", "c.txt")
	n := 0
	for range source.Inputs([]string{root, root}, source.Options{}) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("n = %d", n)
	}
}

func TestParseExtensions(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want []string
		err  bool
	}{
		{[]string{"txt,md"}, []string{".txt", ".md"}, false},
		{[]string{".TXT", " md ", "txt"}, []string{".txt", ".md"}, false},
		{[]string{"txt,,md,"}, []string{".txt", ".md"}, false},
		{[]string{""}, nil, true},
		{[]string{"tar.gz"}, nil, true},
		{[]string{"*.md"}, nil, true},
		{[]string{"."}, nil, true},
	} {
		got, err := source.ParseExtensions(tc.in)
		if (err != nil) != tc.err || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseExtensions(%q) = %q, %v", tc.in, got, err)
		}
	}
}
