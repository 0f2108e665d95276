package changes

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Set holds the changed lines of the files of one tree, by path relative to
// its root, and answers for paths as a user gives them: relative to the
// working directory (which may be below the root) or absolute.
type Set struct {
	// Root is the absolute directory that the paths of the diff are
	// relative to: the top of the git repository, or the working directory
	// for a diff read outside of one.
	Root string
	// realRoot is Root with its symbolic links resolved.
	realRoot string
	files    map[string]*Lines
	// tracked holds the files git tracks; a file under Root that is
	// neither in the diff nor tracked is new as a whole. Nil when the set
	// comes from a diff file: files not in the diff are unchanged.
	tracked map[string]bool
}

// NewSet returns the set of the files of a diff, whose paths are relative to
// root; files not in the diff have no changed lines.
func NewSet(root string, files []File) (*Set, error) {
	s := &Set{files: make(map[string]*Lines, len(files))}
	if err := s.setRoot(root); err != nil {
		return nil, err
	}
	for i := range files {
		f := &files[i]
		if f.New == "" {
			continue // deleted
		}
		p := cleanRel(f.New)
		if l := s.files[p]; l != nil {
			// The same file twice (patches one after the other): the
			// union of what each changed.
			merged := File{Added: append(append([]Range(nil), l.ranges...), f.Added...)}
			pp := parser{cur: &merged}
			pp.finishFile()
			s.files[p] = merged.Lines()
			continue
		}
		s.files[p] = f.Lines()
	}
	return s, nil
}

func (s *Set) setRoot(root string) error {
	abs, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return err
	}
	s.Root, s.realRoot = abs, real
	return nil
}

// cleanRel makes a path of a diff comparable with the relative paths Lookup
// computes.
func cleanRel(p string) string { return filepath.ToSlash(filepath.Clean(filepath.FromSlash(p))) }

// OutsideError is the error of Lookup for a path that is not under the
// set's root: nothing says which of its lines changed.
type OutsideError struct {
	Path, Root string
}

// Error names the path and the root it is not under.
func (e *OutsideError) Error() string {
	return fmt.Sprintf("%s is not inside %s, so no diff says which of its lines changed", e.Path, e.Root)
}

// Lookup returns the changed lines of the file at path (relative to the
// working directory, or absolute): those the diff lists, every line of a
// file git does not track, and none (nil) for any other file. A path
// outside the root is an *OutsideError.
func (s *Set) Lookup(path string) (*Lines, error) {
	rel, err := s.rel(path)
	if err != nil {
		return nil, err
	}
	if l, ok := s.files[rel]; ok {
		return l, nil
	}
	if s.tracked != nil && !s.tracked[rel] {
		return Whole(), nil
	}
	return nil, nil
}

// rel returns path relative to the root, with forward slashes. The
// directory's symbolic links are resolved (git's root is a real path), the
// file's own name is not: git tracks a link as a link.
func (s *Set) rel(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		abs = filepath.Join(real, base)
	}
	rel, err := filepath.Rel(s.realRoot, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", &OutsideError{Path: path, Root: s.Root}
	}
	return filepath.ToSlash(rel), nil
}

// Files returns the number of files the set has changed lines for.
func (s *Set) Files() int { return len(s.files) }

// ReadDiff reads the unified diff in the file named name (see Parse), whose
// paths are relative to root. Errors name the file.
func ReadDiff(name, root string) (*Set, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	files, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return NewSet(root, files)
}

// Toplevel returns the top directory of the git repository that holds dir,
// or "" and no error when dir is in none. It fails when git cannot be run.
func Toplevel(ctx context.Context, dir string) (string, error) {
	out, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		if errors.Is(err, errNotRepo) {
			return "", nil
		}
		return "", err
	}
	return filepath.FromSlash(strings.TrimRight(string(out), "\r\n")), nil
}

// errNotRepo is the error of git outside of a repository.
var errNotRepo = errors.New("not inside a git repository")

// GitError is a git command that failed, with what it said.
type GitError struct {
	Args   []string
	Stderr string
	Err    error
}

// Error is the git command and what it said on standard error.
func (e *GitError) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" {
		msg = e.Err.Error()
	}
	return "git " + strings.Join(e.Args, " ") + ": " + msg
}

// Unwrap returns the error of running the command.
func (e *GitError) Unwrap() error { return e.Err }

// git runs git in dir and returns its standard output.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, gitFailure(args, stderr.String(), err)
	}
	return out, nil
}

// gitEnv is the environment git runs in: the user's, with messages in
// English (they are matched) and no pager.
func gitEnv() []string {
	return append(os.Environ(), "LC_ALL=C", "LANGUAGE=C", "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0")
}

// gitFailure makes the error of a git command.
func gitFailure(args []string, stderr string, err error) error {
	if errors.Is(err, exec.ErrNotFound) {
		return errors.New("git is not installed or not on PATH")
	}
	if strings.Contains(stderr, "not a git repository") {
		return errNotRepo
	}
	return &GitError{Args: args, Stderr: stderr, Err: err}
}

// RefError is a ref that names no commit of the repository.
type RefError struct {
	Ref, Root string
}

// Error names the ref and the repository, with the likely cause.
func (e *RefError) Error() string {
	return fmt.Sprintf("%q names no commit in the git repository at %s (a shallow clone may lack it: fetch it, or check out with fetch-depth: 0)", e.Ref, e.Root)
}

// Git returns the lines changed in the working tree of the git repository
// that holds dir since the commit ref: git diff ref, with rename detection,
// plus every line of the files git does not track (new files not yet
// added). It fails with a clear error when dir is in no repository, git is
// missing, or ref names no commit (*RefError).
func Git(ctx context.Context, dir, ref string) (*Set, error) {
	root, err := Toplevel(ctx, dir)
	if err != nil {
		return nil, err
	}
	if root == "" {
		abs, _ := filepath.Abs(dir)
		return nil, fmt.Errorf("%s is not inside a git repository", abs)
	}
	if ref == "" || strings.HasPrefix(ref, "-") {
		return nil, &RefError{Ref: ref, Root: root}
	}
	if _, err := git(ctx, root, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		var ge *GitError
		if errors.As(err, &ge) {
			return nil, &RefError{Ref: ref, Root: root}
		}
		return nil, err
	}
	// The options make the output the same whatever the user's
	// configuration: prefixes, quoting, external diff and text conversion
	// drivers, colour, relative paths and rename detection all fixed.
	args := []string{"-c", "core.quotePath=true", "-c", "diff.relative=false",
		"diff", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0", "--find-renames",
		"--src-prefix=a/", "--dst-prefix=b/", ref, "--"}
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = root
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, gitFailure(args, "", err)
	}
	files, perr := Parse(stdout)
	if perr != nil {
		_, _ = io.Copy(io.Discard, stdout)
	}
	if err := cmd.Wait(); err != nil {
		return nil, gitFailure(args, stderr.String(), err)
	}
	if perr != nil {
		return nil, fmt.Errorf("reading git diff %s: %w", ref, perr)
	}
	s, err := NewSet(root, files)
	if err != nil {
		return nil, err
	}
	out, err := git(ctx, root, "ls-files", "-z")
	if err != nil {
		return nil, err
	}
	s.tracked = make(map[string]bool)
	for _, name := range bytes.Split(out, []byte{0}) {
		if len(name) > 0 {
			s.tracked[string(name)] = true
		}
	}
	return s, nil
}
