package langid

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pemistahl/lingua-go"
)

// TestMain gives the package's tests a cache directory of their own, so
// that they neither read tables left in the user's cache by another build
// nor leave any there.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "langid-cache-")
	if err != nil {
		panic(err)
	}
	cacheDir = func() string { return dir }
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestCacheRoundTrip checks that a table comes back from the cache as it
// was built, and that a damaged, truncated or foreign file is ignored and
// replaced.
func TestCacheRoundTrip(t *testing.T) {
	dir := t.TempDir()
	saved := cacheDir
	cacheDir = func() string { return dir }
	defer func() { cacheDir = saved }()

	loaded, err := loadModel(lingua.French, 3)
	if err != nil {
		t.Fatal(err)
	}
	// a copy: the loaded table may be the file itself, mapped, which the
	// test then overwrites in place (as mtlint never does: it renames)
	built := &model{slots: slices.Clone(loaded.slots), probs: slices.Clone(loaded.probs)}
	f, _ := modelFile(lingua.French, 3)
	data, err := inflate(f, "fr trigrams")
	if err != nil {
		t.Fatal(err)
	}
	heap, err := buildModel(data)
	if err != nil || !slices.Equal(heap.slots, built.slots) || !slices.Equal(heap.probs, built.probs) {
		t.Fatalf("the table built into the cache file differs from the one built in the heap (%v)", err)
	}
	path := cachePath(lingua.French, 3, f.CRC32)
	if path == "" || filepath.Dir(path) != dir {
		t.Fatalf("cache path %q, want one in %s", path, dir)
	}
	cached := readCached(path, f.CRC32)
	if cached == nil || !slices.Equal(cached.probs, built.probs) || !slices.Equal(cached.slots, built.slots) {
		t.Fatal("the cached table differs from the built one")
	}
	if readCached(path, f.CRC32+1) != nil {
		t.Error("a table was read back for another model")
	}
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"flipped":   append(append([]byte(nil), good[:len(good)-5]...), good[len(good)-5]^1, good[len(good)-4], good[len(good)-3], good[len(good)-2], good[len(good)-1]),
		"truncated": good[:len(good)-12],
		"foreign":   append([]byte("not a table"), good[11:]...),
		"empty":     nil,
	} {
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if readCached(path, f.CRC32) != nil {
			t.Errorf("%s file read as a table", name)
		}
		m, err := loadModel(lingua.French, 3)
		if err != nil || !slices.Equal(m.slots, built.slots) || !slices.Equal(m.probs, built.probs) {
			t.Errorf("%s file: loadModel %v", name, err)
		}
		if again, _ := os.ReadFile(path); !slices.Equal(again, good) {
			t.Errorf("%s file not rewritten", name)
		}
	}
	cacheDir = func() string { return "" }
	if cachePath(lingua.French, 3, f.CRC32) != "" {
		t.Error("a cache path without a cache directory")
	}
}
