//go:build !linux

package mmap

func dropPages([]byte) {}
