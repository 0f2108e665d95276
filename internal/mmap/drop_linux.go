//go:build linux

package mmap

import "syscall"

func dropPages(b []byte) { _ = syscall.Madvise(b, syscall.MADV_DONTNEED) }
