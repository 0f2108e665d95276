//go:build !linux

package langid

import "os"

// mapCached is mmap_linux.go's; elsewhere the cache is read into the heap.
func mapCached(*os.File, int) ([]byte, func(), bool) { return nil, nil, false }

func dropPages([]byte) {}

func mapWritable(*os.File, int) ([]byte, func(), bool) { return nil, nil, false }
