package packs

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/rules/rulestest"
)

// TestBuiltinGenerated fails when builtin.bin is not what the YAML packs of
// this folder compile to: after editing a pack, run go generate
// ./rules/packs.
func TestBuiltinGenerated(t *testing.T) {
	want, err := GenerateBuiltin(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(builtinData), want) {
		t.Fatalf("builtin.bin (%d bytes) is not what the packs compile to (%d bytes): run go generate ./rules/packs", len(builtinData), len(want))
	}
}

// TestDecodedSet checks that the built-in set decoded from builtin.bin is the
// set that compiling the YAML packs gives, field by field, so that every
// match, message and listing is the same.
func TestDecodedSet(t *testing.T) {
	_, want := compileYAML(t)
	data, err := want.encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeSet(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.rules) != len(want.rules) {
		t.Fatalf("%d rules, want %d", len(got.rules), len(want.rules))
	}
	for i, r := range got.rules {
		if r.Run == nil {
			t.Errorf("rule %s: no Run", r.ID)
		}
		r, w := *r, *want.rules[i]
		r.Run, w.Run = nil, nil
		if !reflect.DeepEqual(r, w) {
			t.Errorf("rule %d: %+v, want %+v", i, r, w)
		}
	}
	got.rules, want.rules = nil, nil
	for _, x := range []*keyIndex{&got.pairs, &got.triples, &got.backs, &got.singles} {
		x.keys(func(k uint64, r listRun) {
			if int(r.off+r.n) > len(got.lists) || r.n == 0 {
				t.Errorf("key %#x: run %v out of the %d listed entries", k, r, len(got.lists))
			}
		})
	}
	got.ensureAll()
	got.lazy = nil
	for i := range want.packs {
		if !reflect.DeepEqual(got.packs[i], want.packs[i]) {
			t.Errorf("pack %s differs when decoded", want.packs[i].Source)
		}
	}
	for i := range want.entries {
		if !reflect.DeepEqual(got.entries[i], want.entries[i]) {
			t.Fatalf("compiled entry %d (%q) differs when decoded", i, want.entries[i].entry.Pattern)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the decoded set differs from the compiled one")
	}
}

// TestBuiltinEntries checks that Builtin gives the packs of the YAML files
// with all their entries, whose text is decoded lazily.
func TestBuiltinEntries(t *testing.T) {
	want, err := LoadFS(os.DirFS("."), ".")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d packs, want %d", len(got), len(want))
	}
	for i, p := range got {
		if !reflect.DeepEqual(p, want[i]) {
			t.Errorf("pack %s: %d entries, want %d, or they differ", want[i].Source, len(p.Entries), len(want[i].Entries))
		}
	}
}

// TestDecodeCorrupt checks that a damaged compiled set is an error, not a
// panic or a set that matches wrongly.
func TestDecodeCorrupt(t *testing.T) {
	data := builtinData
	for _, bad := range []string{"", data[:len(compiledMagic)], data[:len(data)/2], data[:len(data)-1], data + "x", "x" + data[1:]} {
		if _, err := decodeSet(bad); err == nil {
			t.Errorf("decoding %d bytes of %d: no error", len(bad), len(data))
		}
	}
}

// BenchmarkBuiltinDecode measures what a start of mtlint pays for the
// built-in packs: decoding the set that go generate compiled, with its
// rules. Compare BenchmarkBuiltinCompile, the cost without it.
func BenchmarkBuiltinDecode(b *testing.B) {
	b.SetBytes(int64(len(builtinData)))
	for b.Loop() {
		if _, err := decodeSet(builtinData); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuiltinCompile measures parsing the YAML packs and compiling
// them, what every start paid before they were compiled at build time.
func BenchmarkBuiltinCompile(b *testing.B) {
	fsys := os.DirFS(".")
	for b.Loop() {
		ps, err := LoadFS(fsys, ".")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Compile(ps); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodedFindings runs the rules of a freshly decoded built-in set,
// whose entries are decoded pack by pack as they first match, and those of
// the set compiled from the YAML packs over the flagged and unflagged
// examples of every entry, and compares every finding.
func TestDecodedFindings(t *testing.T) {
	ps, want := compileYAML(t)
	got, err := decodeSet(builtinData)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range ps {
		for _, e := range p.Entries {
			for _, ex := range append(slices.Clip(e.Examples.Flagged), e.Examples.Unflagged...) {
				b.WriteString(ex)
				b.WriteString("\n\n")
			}
		}
	}
	text := b.String()
	// in pieces, so that the spinning evidence of one does not reach all
	n := 0
	for len(text) > 0 {
		cut := min(len(text), 20000)
		if i := strings.Index(text[cut:], "\n\n"); i >= 0 {
			cut += i + 2
		} else {
			cut = len(text)
		}
		g, w := rulestest.Check(t, text[:cut], got.Rules()...), rulestest.Check(t, text[:cut], want.Rules()...)
		if len(g) != len(w) {
			t.Fatalf("%d findings, want %d", len(g), len(w))
		}
		for i := range g {
			if g[i].Rule.ID != w[i].Rule.ID || g[i].Line != w[i].Line || !reflect.DeepEqual(g[i].Diag, w[i].Diag) {
				t.Errorf("finding %d: %s %+v, want %s %+v", i, g[i].Rule.ID, g[i].Diag, w[i].Rule.ID, w[i].Diag)
			}
		}
		n += len(g)
		text = text[cut:]
	}
	if n < 10000 {
		t.Errorf("%d findings on the examples: want more than 10,000", n)
	}
}

// TestKeyIndex checks the key tables against a map: every key put is found
// with its run, keys not put are not, 0 included.
func TestKeyIndex(t *testing.T) {
	for _, n := range []int{0, 1, 5, 1000} {
		want := map[uint64]listRun{}
		b := newKeyIndexBuilder(n)
		for i := range n {
			k := mix(uint64(i), 7)
			if i == 3 {
				k = 0
			}
			r := listRun{off: uint32(i * 3), n: uint32(i%5 + 1)}
			want[k] = r
			b.put(k, r)
		}
		x := b.index()
		if x.n != n || len(x.slots)/keySlot*3 < 4*n {
			t.Errorf("%d keys: %d keys, %d slots", n, x.n, len(x.slots)/keySlot)
		}
		for k, r := range want {
			if got, ok := x.get(k); !ok || got != r {
				t.Errorf("%d keys: get(%#x) = %v, %v, want %v", n, k, got, ok, r)
			}
		}
		seen := 0
		x.keys(func(k uint64, r listRun) {
			seen++
			if want[k] != r {
				t.Errorf("%d keys: keys gives %#x %v, want %v", n, k, r, want[k])
			}
		})
		if seen != n {
			t.Errorf("%d keys: keys gives %d", n, seen)
		}
		for i := range 2000 {
			k := mix(uint64(i), 8)
			if _, ok := want[k]; ok {
				continue
			}
			if _, ok := x.get(k); ok {
				t.Errorf("%d keys: get(%#x) found a key never put", n, k)
			}
		}
		if _, ok := x.get(0); ok != (n > 3) {
			t.Errorf("%d keys: get(0) = %v", n, ok)
		}
	}
}

// TestWith checks that adding packs to the decoded built-in set gives the
// set that compiling them all together gives, and refuses a pack whose ID
// is taken.
func TestWith(t *testing.T) {
	base, err := decodeSet(builtinData)
	if err != nil {
		t.Fatal(err)
	}
	extra, _, err := LoadFile("testdata/test-pack.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := base.With([]*Pack{extra})
	if err != nil {
		t.Fatal(err)
	}
	all, err := LoadFS(os.DirFS("."), ".")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Compile(append(all, extra))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.rules) != len(want.rules) {
		t.Fatalf("%d rules, want %d", len(got.rules), len(want.rules))
	}
	for i, r := range got.rules {
		r, w := *r, *want.rules[i]
		r.Run, w.Run = nil, nil
		if !reflect.DeepEqual(r, w) {
			t.Errorf("rule %d: %+v, want %+v", i, r, w)
		}
	}
	got.rules, want.rules = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Error("the set with the extra pack differs from the one compiled whole")
	}
	if base.Len() != want.Len()-len(extra.Entries) || len(base.packs) != len(all) {
		t.Errorf("With changed its set: %d entries", base.Len())
	}
	if _, err := base.With([]*Pack{base.packs[0]}); err == nil {
		t.Error("a pack whose ID is taken: no error")
	}
}

// TestDecodedConcurrent runs the rules of a freshly decoded built-in set
// from several goroutines at once, as parallel windows do, while the packs'
// entries are decoded on first need: every goroutine must find what a
// serial run finds (go test -race checks the decoding's synchronisation).
func TestDecodedConcurrent(t *testing.T) {
	ps, err := LoadFS(os.DirFS("."), ".")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range ps {
		var b strings.Builder
		for i, e := range p.Entries {
			if i%7 == 0 && len(e.Examples.Flagged) > 0 {
				b.WriteString(e.Examples.Flagged[0] + "\n\n")
			}
		}
		texts = append(texts, b.String())
	}
	want, err := Compile(ps)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeSet(builtinData)
	if err != nil {
		t.Fatal(err)
	}
	counts := make([]int, len(texts))
	done := make(chan int)
	for i, text := range texts {
		go func() {
			defer func() { done <- i }()
			counts[i] = len(rulestest.Check(t, text, got.Rules()...))
		}()
	}
	for range texts {
		<-done
	}
	for i, text := range texts {
		if w := len(rulestest.Check(t, text, want.Rules()...)); counts[i] != w || w == 0 {
			t.Errorf("text %d: %d findings, want %d (not 0)", i, counts[i], w)
		}
	}
}

// compileYAML loads and compiles the YAML packs of this folder, as go
// generate does.
func compileYAML(t testing.TB) ([]*Pack, *Set) {
	t.Helper()
	ps, err := LoadFS(os.DirFS("."), ".")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(ps)
	if err != nil {
		t.Fatal(err)
	}
	return ps, s
}
