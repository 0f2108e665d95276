//go:build linux

package langid

import (
	"os"
	"syscall"
)

// mapCached maps a cache file read-only into memory. Its pages are the
// page cache's, shared and clean: they count neither towards the Go heap
// (whose garbage collector would otherwise let the heap grow to twice the
// tables before collecting) nor, once dropped, towards the resident set.
// It returns the function that unmaps them.
func mapCached(f *os.File, size int) ([]byte, func(), bool) {
	b, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, false
	}
	return b, func() { _ = syscall.Munmap(b) }, true
}

// dropPages takes the pages of a mapping out of the resident set (they come
// back from the page cache on the next touch): after the checksum has read
// a whole table, only the slots that lookups probe stay resident.
func dropPages(b []byte) { _ = syscall.Madvise(b, syscall.MADV_DONTNEED) }

// mapWritable maps a new cache file read-write, for a table to be built
// straight into it.
func mapWritable(f *os.File, size int) ([]byte, func(), bool) {
	b, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, false
	}
	return b, func() { _ = syscall.Munmap(b) }, true
}
