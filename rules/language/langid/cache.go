package langid

// A cache on disk of the tables that models.go builds. Inflating lingua's
// zipped models and hashing their n-grams takes about 60 ms a language
// (English, French and Spanish, which a Spanish quotation in an English
// article needs, about 0.2 s), every run; a table read back from the user's
// cache directory takes a few milliseconds. The cache is an optimisation
// only: a file that is missing, unreadable, of another format or damaged is
// ignored (and rewritten), and a directory that cannot be written leaves
// every run to build its tables as if there were no cache.
//
// The directory is $MTLINT_CACHE_DIR when set ("off" turns the cache off),
// else mtlint/langid under os.UserCacheDir (~/.cache on Linux). A file is
// named by the language, the n-gram length and the CRC-32 of lingua's model,
// and carries a format version and a CRC-32C of its contents.

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unsafe"

	"github.com/mtlint/mtlint/internal/mmap"

	"github.com/pemistahl/lingua-go"
)

// cacheVersion changes whenever the table's layout or hashNgram does.
const cacheVersion = 1

var cacheMagic = [8]byte{'m', 't', 'l', 'i', 'n', 't', 'L', 'M'}

// cacheHeader is the fixed start of a cache file, little-endian.
type cacheHeader struct {
	Magic    [8]byte
	Version  uint32
	ModelCRC uint32 // the CRC-32 of lingua's decompressed model
	Probs    uint32 // number of probabilities
	Slots    uint32 // number of slots
	Sum      uint32 // CRC-32C of the probabilities and slots as stored
	_        uint32
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// cacheDir is the directory of the cache, or "" when there is none.
var cacheDir = sync.OnceValue(func() string {
	if dir, ok := os.LookupEnv("MTLINT_CACHE_DIR"); ok {
		if dir == "off" {
			return ""
		}
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "mtlint", "langid")
})

// littleEndian: the cache stores tables as they lie in memory, which is its
// format only on a little-endian machine; a big-endian one goes without.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// cachePath is the file of the table of lingua's model of n-grams of
// length n of l whose CRC-32 is crc, or "" when there is no cache.
func cachePath(l lingua.Language, n int, crc uint32) string {
	dir := cacheDir()
	if dir == "" || !littleEndian {
		return ""
	}
	return filepath.Join(dir, strings.ToLower(l.IsoCode639_1().String())+"-"+ngramNames[n-1]+"-"+hex32(crc)+".bin")
}

func hex32(x uint32) string {
	const digits = "0123456789abcdef"
	var b [8]byte
	for i := 7; i >= 0; i-- {
		b[i] = digits[x&15]
		x >>= 4
	}
	return string(b[:])
}

// bytesOf returns the memory of s as bytes.
func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0])))
}

// readCached returns the table stored at path for a model of CRC-32 crc,
// or nil when there is none or it is not sound. On Unix the table is the
// file mapped into memory, else a copy in the heap.
func readCached(path string, crc uint32) *model {
	if path == "" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var h cacheHeader
	if binary.Read(f, binary.LittleEndian, &h) != nil || h.Magic != cacheMagic || h.Version != cacheVersion || h.ModelCRC != crc {
		return nil
	}
	const headerSize = int(unsafe.Sizeof(h))
	probsSize, slotsSize := int(h.Probs)*8, int(h.Slots)*int(unsafe.Sizeof(slot{}))
	st, err := f.Stat()
	if err != nil || st.Size() != int64(headerSize+probsSize+slotsSize) || h.Probs == 0 || h.Slots == 0 {
		return nil
	}
	var probs, slots []byte // the stored tables, little-endian as in memory
	var m *model
	if b, unmap, err := mmap.Map(f, int(st.Size()), false); err == nil {
		probs, slots = b[headerSize:headerSize+probsSize], b[headerSize+probsSize:]
		m = &model{
			probs: unsafe.Slice((*float64)(unsafe.Pointer(&probs[0])), h.Probs),
			slots: unsafe.Slice((*slot)(unsafe.Pointer(&slots[0])), h.Slots),
		}
		defer func() {
			if m == nil {
				unmap()
			} else {
				mmap.DropPages(b) // after the checksum read it all
			}
		}()
	} else {
		m = &model{probs: make([]float64, h.Probs), slots: make([]slot, h.Slots)}
		probs, slots = bytesOf(m.probs), bytesOf(m.slots)
		if _, err := io.ReadFull(f, probs); err != nil {
			return nil
		}
		if _, err := io.ReadFull(f, slots); err != nil {
			return nil
		}
	}
	if crc32.Update(crc32.Checksum(probs, castagnoli), castagnoli, slots) != h.Sum {
		m = nil
		return nil
	}
	for _, s := range m.slots {
		if s.index >= h.Probs && (s.lo != 0 || s.hi != 0) {
			m = nil // cannot be: the checksum matched a file we did not write
			return nil
		}
	}
	return m
}

// writeCached stores m at path, through a temporary file renamed into
// place so that a concurrent reader sees the whole file or none. Errors are
// ignored: the cache only saves time.
func writeCached(path string, crc uint32, m *model) {
	if path == "" {
		return
	}
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	defer os.Remove(f.Name()) // after a successful rename, a no-op
	h := cacheHeader{Magic: cacheMagic, Version: cacheVersion, ModelCRC: crc, Probs: uint32(len(m.probs)), Slots: uint32(len(m.slots))}
	h.Sum = crc32.Update(crc32.Checksum(bytesOf(m.probs), castagnoli), castagnoli, bytesOf(m.slots))
	err = binary.Write(f, binary.LittleEndian, &h)
	if err == nil {
		_, err = f.Write(bytesOf(m.probs))
	}
	if err == nil {
		_, err = f.Write(bytesOf(m.slots))
	}
	if cerr := f.Close(); err == nil && cerr == nil {
		_ = os.Rename(f.Name(), path)
	}
}

// createCached creates a cache file at path for a table of the given
// numbers of probabilities and slots, empty, and returns the table mapped
// from it, for the caller to fill, with the function that finishes the
// file: with ok, it writes the checksum and the header and renames the file
// into place (the table stays mapped even if that fails); without, it
// unmaps the table and removes the file. It returns nil when the cache
// cannot map a file (then the caller builds in the heap and calls
// writeCached).
func createCached(path string, crc uint32, probs, slots int) (*model, func(ok bool)) {
	if path == "" || os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return nil, nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return nil, nil
	}
	defer f.Close() // the mapping outlives the descriptor
	const headerSize = int(unsafe.Sizeof(cacheHeader{}))
	probsSize, slotsSize := probs*8, slots*int(unsafe.Sizeof(slot{}))
	size := headerSize + probsSize + slotsSize
	var b []byte
	var unmap func()
	err = f.Truncate(int64(size))
	if err == nil {
		b, unmap, err = mmap.Map(f, size, true)
	}
	if err != nil {
		os.Remove(f.Name())
		return nil, nil
	}
	m := &model{
		probs: unsafe.Slice((*float64)(unsafe.Pointer(&b[headerSize])), probs),
		slots: unsafe.Slice((*slot)(unsafe.Pointer(&b[headerSize+probsSize])), slots),
	}
	name := f.Name()
	return m, func(ok bool) {
		if !ok {
			unmap()
			os.Remove(name)
			return
		}
		h := cacheHeader{Magic: cacheMagic, Version: cacheVersion, ModelCRC: crc, Probs: uint32(probs), Slots: uint32(slots)}
		h.Sum = crc32.Update(crc32.Checksum(b[headerSize:headerSize+probsSize], castagnoli), castagnoli, b[headerSize+probsSize:])
		var hb bytes.Buffer
		_ = binary.Write(&hb, binary.LittleEndian, &h)
		copy(b, hb.Bytes())
		if os.Rename(name, path) != nil {
			os.Remove(name)
		}
		mmap.DropPages(b)
	}
}
