// Command packgen compiles the built-in phrase packs, the *.yaml files of
// rules/packs, and writes their compiled form to rules/packs/builtin.bin,
// which mtlint embeds so that it need not parse and compile them at every
// start. Run it through go generate after editing a pack:
//
//	go generate ./rules/packs
//
// It runs in the rules/packs folder, as go generate runs it, or in the
// folder that -dir names.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mtlint/mtlint/rules/packs"
)

func main() {
	dir := flag.String("dir", ".", "the folder of the packs, where builtin.bin is written")
	flag.Parse()
	data, err := packs.GenerateBuiltin(os.DirFS(*dir))
	if err != nil {
		fmt.Fprintln(os.Stderr, "packgen:", err)
		os.Exit(1)
	}
	out := filepath.Join(*dir, "builtin.bin")
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, data) {
		return // unchanged: leave the file's time alone
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "packgen:", err)
		os.Exit(1)
	}
}
