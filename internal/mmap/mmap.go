// Package mmap maps files into memory, where the system allows: the checker
// maps a large input instead of reading it onto the heap, and the language
// identifier maps its cached tables. Mapped pages are the page cache's,
// shared and clean: they do not count towards the Go heap, whose collector
// would let the heap grow to twice what is live.
package mmap

import "os"

// Map maps size bytes of f into memory, read-only or read-write (the file
// must then be open for writing, and what is written goes to it), and
// returns them with the function that unmaps them. On a system without
// mmap it returns errors.ErrUnsupported.
func Map(f *os.File, size int, writable bool) ([]byte, func(), error) {
	return mapFile(f, size, writable)
}

// DropPages takes the pages of a mapping out of the resident set where the
// system allows (they come back from the page cache on the next touch).
func DropPages(b []byte) { dropPages(b) }
