//go:build !unix

package mmap

import (
	"errors"
	"os"
)

func mapFile(*os.File, int, bool) ([]byte, func(), error) { return nil, nil, errors.ErrUnsupported }
