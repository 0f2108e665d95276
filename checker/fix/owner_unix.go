//go:build unix

package fix

import (
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of the file st describes, where the
// system allows it (root may; others keep their own, which is theirs anyway).
func keepOwner(f *os.File, st os.FileInfo) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(s.Uid), int(s.Gid))
	}
}
