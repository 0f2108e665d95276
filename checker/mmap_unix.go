//go:build unix

package checker

import (
	"os"
	"syscall"
)

// mapFile maps size bytes of f read-only into memory and returns them with
// the function that unmaps them.
func mapFile(f *os.File, size int64) ([]byte, func(), error) {
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return b, func() { _ = syscall.Munmap(b) }, nil
}
