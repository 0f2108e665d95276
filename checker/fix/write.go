package fix

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrReadOnly is the error of WriteFile for a file without write permission.
var ErrReadOnly = errors.New("the file is read-only")

// Hooks for the tests: an interrupted write is a rename that fails.
var (
	rename    = os.Rename
	syncFile  = (*os.File).Sync
	afterTemp func(tmp string) // called once the temporary file is written
)

// WriteFile replaces the file at path by data atomically: data goes to a
// temporary file in the same folder, which is synced and renamed over the
// file, so that a crash or a failure leaves either the old file or the new
// one, never a mix. The new file keeps the old one's permissions and, where
// the system allows, its owner and group. A symbolic link is followed: the
// file it points to is replaced and the link stays. A file without write
// permission for its owner is left alone (ErrReadOnly), even for root, who
// could rename over it: a read-only file says "do not edit me". Hard links
// to the file keep the old content, as with any editor that saves by
// renaming.
func WriteFile(path string, data []byte) (err error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err // *PathError names the file
	}
	st, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return &os.PathError{Op: "write", Path: path, Err: errors.New("not a regular file")}
	}
	if st.Mode().Perm()&0o200 == 0 {
		return &os.PathError{Op: "write", Path: path, Err: ErrReadOnly}
	}
	if f, err := os.OpenFile(target, os.O_WRONLY, 0); err != nil {
		return err // not writable by us: permission denied, named
	} else {
		f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".mtlint-*")
	if err != nil {
		return &os.PathError{Op: "write", Path: path, Err: fmt.Errorf("creating a temporary file beside it: %w", unwrapPath(err))}
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return &os.PathError{Op: "write", Path: path, Err: unwrapPath(err)}
	}
	if err = tmp.Chmod(st.Mode().Perm() | st.Mode()&(os.ModeSetuid|os.ModeSetgid|os.ModeSticky)); err != nil {
		return &os.PathError{Op: "write", Path: path, Err: unwrapPath(err)}
	}
	keepOwner(tmp, st)
	if err = syncFile(tmp); err != nil {
		return &os.PathError{Op: "write", Path: path, Err: unwrapPath(err)}
	}
	if err = tmp.Close(); err != nil {
		return &os.PathError{Op: "write", Path: path, Err: unwrapPath(err)}
	}
	if afterTemp != nil {
		afterTemp(tmp.Name())
	}
	if err = rename(tmp.Name(), target); err != nil {
		return &os.PathError{Op: "write", Path: path, Err: fmt.Errorf("replacing it: %w", unwrapPath(err))}
	}
	syncDir(filepath.Dir(target))
	return nil
}

// unwrapPath returns the error inside a *PathError, whose path would name
// the temporary file.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// syncDir syncs a folder so that a rename in it survives a crash; it is
// best-effort, since not every system can open a folder for that.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
