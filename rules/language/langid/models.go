package langid

// The n-gram models are lingua-go's own (github.com/pemistahl/lingua-go
// v1.4.0, Copyright © 2021-present Peter M. Stahl, Apache License 2.0,
// http://www.apache.org/licenses/LICENSE-2.0): its embedded zipped protocol
// buffers, read here into flat tables instead of lingua's map[string]float64
// of every n-gram. Lingua's loader unzips a model, decodes it with
// proto.Unmarshal into a slice of strings and copies those into a map: for
// English, French and Spanish that took about 0.45 s, 1.9 million
// allocations and 175 MB (BenchmarkLoadLingua), and left maps of strings
// that every garbage collection then walked. The tables below hold a 64-bit
// hash per n-gram and the index of its probability among the model's few
// distinct ones, no pointer at all, and are built straight from the
// decompressed bytes without a string per n-gram (BenchmarkLoadModels), or
// read back from the cache of cache.go (BenchmarkLoadModelsCached).

import (
	"archive/zip"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"strings"
	"sync"
	_ "unsafe" // for go:linkname

	"github.com/klauspost/compress/flate"
	"github.com/pemistahl/lingua-go"
)

// linguaModels is lingua's embedded directory of models,
// language-models/<iso 639-1>/<unigram…fivegram>s.pb.bin.zip. Lingua has no
// exported way to read them; go.mod pins the version this is written for,
// and TestModelsPresent fails if the variable comes up empty.
//
//go:linkname linguaModels github.com/pemistahl/lingua-go.languageModels
var linguaModels embed.FS

// maxNgram is the longest n-gram lingua models.
const maxNgram = 5

// model is one language's model of n-grams of one length: an open-addressed
// table of n-gram hashes, each slot with the index of its n-gram's
// probability in probs. A slot of hash 0 is empty. Key and index share the
// slot, so a probe costs one cache miss, not two.
type model struct {
	slots []slot
	probs []float64
}

// slot is one entry of a model: a 64-bit hash in two halves (12 bytes a
// slot, not 16) and a probability's index.
type slot struct {
	lo, hi, index uint32
}

// prob returns the probability of the n-gram whose hash is h, or 0 when the
// model does not have it. A nil model has nothing.
func (m *model) prob(h uint64) float64 {
	if m == nil || len(m.slots) == 0 {
		return 0
	}
	n := uint64(len(m.slots))
	lo, hi := uint32(h), uint32(h>>32)
	i, _ := bits.Mul64(h, n) // h scaled to [0, n)
	for {
		s := &m.slots[i]
		if s.lo == lo && s.hi == hi {
			return m.probs[s.index]
		}
		if s.lo == 0 && s.hi == 0 {
			return 0
		}
		if i++; i == n {
			i = 0
		}
	}
}

// insert adds the n-gram with hash h, unless it is there already.
func (m *model) insert(h uint64, p uint32) {
	n := uint64(len(m.slots))
	lo, hi := uint32(h), uint32(h>>32)
	i, _ := bits.Mul64(h, n)
	for {
		s := &m.slots[i]
		if s.lo == lo && s.hi == hi {
			return // two n-grams of one hash: TestModelsMatchLingua says it does not happen
		}
		if s.lo == 0 && s.hi == 0 {
			*s = slot{lo, hi, p}
			return
		}
		if i++; i == n {
			i = 0
		}
	}
}

// hashNgram hashes an n-gram (at most 5 runes, 20 bytes). Never 0. It is
// injective on each 8-byte chunk (with the length in the seed), and chunks
// are chained through a bijective mixer, so two n-grams of one hash would be
// a 64-bit accident; TestHashesDistinct checks that the models have none.
func hashNgram[T string | []byte](s T) uint64 {
	h := mix(uint64(len(s)) ^ 0x9e3779b97f4a7c15)
	for len(s) >= 8 {
		h = mix(h ^ (uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56))
		s = s[8:]
	}
	if len(s) > 0 {
		var t uint64
		for i := len(s) - 1; i >= 0; i-- {
			t = t<<8 | uint64(s[i])
		}
		h = mix(h ^ t)
	}
	if h == 0 {
		h = 1
	}
	return h
}

// mix is the finaliser of splitmix64, a bijection of uint64.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// the models loaded so far, by language and n-gram length (index n-1);
// a present nil is a model lingua does not have (Chinese has unigrams only)
var (
	modelsMu sync.Mutex
	models   = map[lingua.Language]*[maxNgram]*model{}
	tried    = map[lingua.Language]*[maxNgram]bool{}
	scratch  []byte // decompressed model, reused from one load to the next
)

// modelOf returns the model of n-grams of length n of language l, loading
// it on first use.
func modelOf(l lingua.Language, n int) *model {
	modelsMu.Lock()
	defer modelsMu.Unlock()
	ms, ts := models[l], tried[l]
	if ms == nil {
		ms, ts = new([maxNgram]*model), new([maxNgram]bool)
		models[l], tried[l] = ms, ts
	}
	if !ts[n-1] {
		ts[n-1] = true
		m, err := loadModel(l, n)
		if err != nil && !errors.Is(err, errNoModel) {
			panic(err) // lingua's embedded data is broken: nothing to recover
		}
		ms[n-1] = m
	}
	return ms[n-1]
}

var errNoModel = errors.New("no such model")

var ngramNames = [maxNgram]string{"unigram", "bigram", "trigram", "quadrigram", "fivegram"}

// modelPath is the path of lingua's model of n-grams of length n of l.
func modelPath(l lingua.Language, n int) string {
	return fmt.Sprintf("language-models/%s/%ss.pb.bin.zip", strings.ToLower(l.IsoCode639_1().String()), ngramNames[n-1])
}

// loadModel returns the table of lingua's model of n-grams of length n of
// l: from the cache when it has it, else built (and then cached). It
// returns errNoModel when lingua has none.
func loadModel(l lingua.Language, n int) (*model, error) {
	f, err := modelFile(l, n)
	if err != nil {
		return nil, err
	}
	path := cachePath(l, n, f.CRC32)
	if m := readCached(path, f.CRC32); m != nil {
		return m, nil
	}
	data, err := inflate(f, modelPath(l, n))
	if err != nil {
		return nil, err
	}
	total, sets, err := measureModel(data)
	if err != nil {
		return nil, fmt.Errorf("langid: %s: %w", modelPath(l, n), err)
	}
	// build the table straight into a new cache file where the cache can
	// map one, else in the heap (and then store it)
	m, commit := createCached(path, f.CRC32, sets, tableSize(total))
	if m == nil {
		m = &model{slots: make([]slot, tableSize(total)), probs: make([]float64, sets)}
	}
	err = fillModel(m, data, total)
	switch {
	case commit != nil:
		commit(err == nil)
	case err == nil:
		writeCached(path, f.CRC32, m)
	}
	if err != nil {
		return nil, fmt.Errorf("langid: %s: %w", modelPath(l, n), err)
	}
	return m, nil
}

// modelFile returns the zipped file of lingua's model of n-grams of length
// n of l, or errNoModel.
func modelFile(l lingua.Language, n int) (*zip.File, error) {
	f, err := linguaModels.Open(modelPath(l, n))
	if err != nil {
		return nil, errNoModel
	}
	// an embedded file reads in place (ReadFile would copy it whole)
	ra, ok := f.(io.ReaderAt)
	st, err := f.Stat()
	if !ok || err != nil {
		return nil, fmt.Errorf("langid: cannot read %s in place", modelPath(l, n))
	}
	z, err := zip.NewReader(ra, st.Size())
	if err != nil || len(z.File) != 1 || z.File[0].Method != zip.Deflate {
		return nil, fmt.Errorf("langid: %s is not a zip of one deflated file", modelPath(l, n))
	}
	return z.File[0], nil
}

// inflate returns the decompressed protocol buffer in f, in scratch (valid
// until the next call).
func inflate(f *zip.File, name string) ([]byte, error) {
	r, err := f.OpenRaw()
	if err != nil {
		return nil, err
	}
	size := int(f.UncompressedSize64)
	if cap(scratch) < size {
		scratch = make([]byte, size)
	}
	scratch = scratch[:size]
	if _, err := io.ReadFull(flate.NewReader(r), scratch); err != nil {
		return nil, fmt.Errorf("langid: inflating %s: %w", name, err)
	}
	return scratch, nil
}

// buildModel builds a table in the heap from a SerializableLanguageModel.
func buildModel(data []byte) (*model, error) {
	total, sets, err := measureModel(data)
	if err != nil {
		return nil, err
	}
	m := &model{slots: make([]slot, tableSize(total)), probs: make([]float64, sets)}
	return m, fillModel(m, data, total)
}

// tableSize is the number of slots of a table of n n-grams: a load factor
// of 3/4.
func tableSize(n int) int { return n + n/3 + 1 }

// measureModel returns the number of n-grams and of n-gram sets of a
// SerializableLanguageModel (lingua's serialization/model.proto): field 3
// is the number of n-grams, field 4 holds the n-gram sets.
func measureModel(data []byte) (ngrams, sets int, err error) {
	err = eachField(data, func(num, wire int, v uint64, _ []byte) error {
		switch {
		case num == 3 && wire == 0:
			ngrams = int(v)
		case num == 4 && wire == 2:
			sets++
		}
		return nil
	})
	if err == nil && (ngrams == 0 || ngrams > len(data) || sets == 0) {
		err = errProto
	}
	return ngrams, sets, err
}

// fillModel fills m, of tableSize(total) empty slots and a probability for
// each set, from a SerializableLanguageModel: each n-gram set (field 4) is
// a probability (field 1, a double) and its n-grams (field 2, strings),
// which are hashed where they lie in data.
func fillModel(m *model, data []byte, total int) error {
	count, sets := 0, 0
	return eachField(data, func(num, wire int, _ uint64, set []byte) error {
		if num != 4 || wire != 2 {
			return nil
		}
		p, err := setProbability(set)
		if err != nil {
			return err
		}
		if sets >= len(m.probs) {
			return errProto
		}
		i := uint32(sets)
		m.probs[sets] = p
		sets++
		// the n-grams, field 2, one byte of tag (2<<3|2) and a length each
		for len(set) > 0 {
			if set[0] != 2<<3|2 {
				_, rest, err := nextField(set)
				if err != nil {
					return err
				}
				set = rest
				continue
			}
			if len(set) < 2 || set[1] >= 0x80 || int(set[1]) > len(set)-2 {
				return errProto // an n-gram of 128 bytes or more, or cut short
			}
			if count++; count > total {
				return errProto
			}
			l := int(set[1])
			m.insert(hashNgram(set[2:2+l]), i)
			set = set[2+l:]
		}
		return nil
	})
}

// setProbability returns the probability of a serialized n-gram set: its
// first field, as lingua writes it, else found among the n-grams.
func setProbability(set []byte) (float64, error) {
	p := math.NaN()
	if len(set) >= 9 && set[0] == 1<<3|1 {
		p = math.Float64frombits(binary.LittleEndian.Uint64(set[1:9]))
	} else if err := eachField(set, func(num, wire int, v uint64, _ []byte) error {
		if num == 1 && wire == 1 {
			p = math.Float64frombits(v)
		}
		return nil
	}); err != nil {
		return 0, err
	}
	if !(p > 0) {
		return 0, errProto
	}
	return p, nil
}

var errProto = errors.New("langid: malformed language model")

// field is one field of a protocol buffer message: its number, its wire
// type, the value of a varint or fixed-size field, the bytes of a
// length-delimited one.
type field struct {
	num, wire int
	v         uint64
	b         []byte
}

// eachField calls f with each field of a protocol buffer message.
func eachField(data []byte, f func(num, wire int, v uint64, b []byte) error) error {
	for len(data) > 0 {
		fd, rest, err := nextField(data)
		if err != nil {
			return err
		}
		if err := f(fd.num, fd.wire, fd.v, fd.b); err != nil {
			return err
		}
		data = rest
	}
	return nil
}

// nextField decodes the first field of data and returns it with the rest.
func nextField(data []byte) (fd field, rest []byte, err error) {
	tag, n := binary.Uvarint(data)
	if n <= 0 {
		return fd, nil, errProto
	}
	data = data[n:]
	fd.num, fd.wire = int(tag>>3), int(tag&7)
	switch fd.wire {
	case 0:
		fd.v, n = binary.Uvarint(data)
		if n <= 0 {
			return fd, nil, errProto
		}
		data = data[n:]
	case 1:
		if len(data) < 8 {
			return fd, nil, errProto
		}
		fd.v, data = binary.LittleEndian.Uint64(data), data[8:]
	case 2:
		l, n := binary.Uvarint(data)
		if n <= 0 || l > uint64(len(data)-n) {
			return fd, nil, errProto
		}
		fd.b, data = data[n:n+int(l)], data[n+int(l):]
	case 5:
		if len(data) < 4 {
			return fd, nil, errProto
		}
		fd.v, data = uint64(binary.LittleEndian.Uint32(data)), data[4:]
	default:
		return fd, nil, errProto
	}
	return fd, data, nil
}
