package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mtlint/mtlint/checker"
)

// BenchmarkCheckFile compares checking the seed article through a
// Dispatcher (a configuration with accept, severity, ignore and overrides)
// with checking it through one checker: the configuration costs a lookup a
// file.
func BenchmarkCheckFile(b *testing.B) {
	art, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mt-article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	root := b.TempDir()
	files := map[string]string{
		".mtlint.yml":    "root: true\nignore: [\"d9*/**\"]\naccept: [\"Walla Walla\", \"per se\"]\nseverity: {punctuation: info}\noverrides:\n  - files: \"d1*/**\"\n    disable: [quotes]\n",
		"d1/.mtlint.yml": "disable: [boilerplate]\n",
		"d1/a.txt":       string(art),
		"d2/a.txt":       string(art),
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	paths := []string{filepath.Join(root, "d1", "a.txt"), filepath.Join(root, "d2", "a.txt")}
	b.Run("dispatcher", func(b *testing.B) {
		d, err := New(Options{Dir: root})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(art)))
		for i := 0; b.Loop(); i++ {
			if _, err := d.CheckFile(paths[i%2]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("checker", func(b *testing.B) {
		c, err := checker.New(checker.Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(art)))
		for i := 0; b.Loop(); i++ {
			if _, err := c.CheckFile(paths[i%2]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
