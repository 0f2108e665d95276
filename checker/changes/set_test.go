package changes

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// gitRepo makes a git repository in a temporary folder, isolated from the
// user's and the system's git configuration, and returns a function that
// runs git in it.
func gitRepo(t *testing.T) (dir string, run func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "News Desk")
	t.Setenv("GIT_AUTHOR_EMAIL", "desk@example.org")
	t.Setenv("GIT_COMMITTER_NAME", "News Desk")
	t.Setenv("GIT_COMMITTER_EMAIL", "desk@example.org")
	dir = t.TempDir()
	run = func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("init", "-q", "-b", "main")
	return dir, run
}

func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const summit = `Summit ends without a deal

The ministers met in Geneva this week.
They discussed trade and security.
Il a ajouté que les discussions continueront.
The delegation left on Friday.
`

func TestGit(t *testing.T) {
	dir, git := gitRepo(t)
	writeFile(t, dir, "news/summit.md", summit)
	writeFile(t, dir, "news/markets.md", "Markets rose.\nBonds fell.\n")
	writeFile(t, dir, "drafts/interview.md", "Line one.\nLine two.\nLine three.\n")
	writeFile(t, dir, "news/gone.md", "Old news.\n")
	writeFile(t, dir, "news/café \"menu\".md", "Prices\nare 3.5 euros.\n")
	git("add", ".")
	git("commit", "-q", "-m", "first edition")

	// The working tree: one changed line and one added, a renamed file
	// with one line changed, a deleted file, a new file not yet added.
	writeFile(t, dir, "news/summit.md", strings.Replace(summit, "this week.", "this week , with allies.", 1)+"More talks are planned.\n")
	git("mv", "drafts/interview.md", "news/interview.md")
	writeFile(t, dir, "news/interview.md", "Line one.\nLine 2.\nLine three.\n")
	git("rm", "-q", "news/gone.md")
	writeFile(t, dir, "news/breaking.md", "A new story.\n")
	writeFile(t, dir, "news/café \"menu\".md", "Prices\nare 3,5 euros.\n") // git quotes this name

	t.Chdir(filepath.Join(dir, "news")) // paths relative to a folder below the root
	set, err := Git(context.Background(), ".", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path  string
		want  []Range
		whole bool
	}{
		{"summit.md", []Range{{3, 3}, {7, 7}}, false},
		{filepath.Join(dir, "news", "summit.md"), []Range{{3, 3}, {7, 7}}, false},
		{"../news/./summit.md", []Range{{3, 3}, {7, 7}}, false},
		{"interview.md", []Range{{2, 2}}, false}, // renamed: only its changed line
		{"markets.md", nil, false},
		{"breaking.md", nil, true}, // untracked: new as a whole
		{`café "menu".md`, []Range{{2, 2}}, false},
	}
	for _, tt := range tests {
		l, err := set.Lookup(tt.path)
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if !reflect.DeepEqual(l.Ranges(), tt.want) || l.IsWhole() != tt.whole {
			t.Errorf("%s: got %v (whole %v), want %v (whole %v)", tt.path, l.Ranges(), l.IsWhole(), tt.want, tt.whole)
		}
	}
	var oe *OutsideError
	if _, err := set.Lookup(filepath.Join(t.TempDir(), "elsewhere.md")); !errors.As(err, &oe) {
		t.Errorf("a file outside the repository: got %v, want an *OutsideError", err)
	}
}

func TestGitErrors(t *testing.T) {
	dir, git := gitRepo(t)
	writeFile(t, dir, "a.md", "Text.\n")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	ctx := context.Background()

	var re *RefError
	for _, ref := range []string{"no-such-branch", "--output=/tmp/x", ""} {
		if _, err := Git(ctx, dir, ref); !errors.As(err, &re) || !strings.Contains(err.Error(), "names no commit") {
			t.Errorf("ref %q: got %v, want a *RefError", ref, err)
		}
	}
	outside := t.TempDir()
	if _, err := Git(ctx, outside, "HEAD"); err == nil || !strings.Contains(err.Error(), "is not inside a git repository") {
		t.Errorf("outside a repository: got %v", err)
	}
	if root, err := Toplevel(ctx, outside); root != "" || err != nil {
		t.Errorf("Toplevel outside a repository = %q, %v; want \"\", nil", root, err)
	}
}

func TestReadDiff(t *testing.T) {
	root := t.TempDir()
	patch := filepath.Join(root, "fix.patch")
	writeFile(t, root, "fix.patch", gitUnified0)
	set, err := ReadDiff(patch, root)
	if err != nil {
		t.Fatal(err)
	}
	if set.Files() != 3 {
		t.Errorf("Files() = %d, want 3", set.Files())
	}
	l, err := set.Lookup(filepath.Join(root, "news", "summit report.md"))
	if err != nil || !l.Intersects(9, 9) || l.Intersects(3, 7) {
		t.Errorf("summit report.md: %v, %v", l.Ranges(), err)
	}
	// A file the diff does not name is unchanged; there is no git to say
	// it is untracked.
	if l, err := set.Lookup(filepath.Join(root, "news", "other.md")); l != nil || err != nil {
		t.Errorf("other.md: %v, %v; want nil, nil", l, err)
	}

	writeFile(t, root, "bad.patch", "--- a/x\n+++ b/x\n@@ -1 +one @@\n")
	_, err = ReadDiff(filepath.Join(root, "bad.patch"), root)
	if err == nil || !strings.Contains(err.Error(), "bad.patch: line 3: malformed new range") {
		t.Errorf("got %v", err)
	}
	if _, err := ReadDiff(filepath.Join(root, "missing.patch"), root); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want a not-exist error", err)
	}
}
