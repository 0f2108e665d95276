//go:build !unix

package checker

import (
	"errors"
	"os"
)

// mapFile is not available here: large files are read into memory.
func mapFile(*os.File, int64) ([]byte, func(), error) {
	return nil, nil, errors.ErrUnsupported
}
