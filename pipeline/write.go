package main

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn2x0[string, func(int, string)](&shardFn{})
	register.Function1x2[int, int, string](emptyShard)
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeFn{})
	register.Emitter2[int, string]()
	register.Iter1[string]()
}

// writeShards writes lines to n files DIR/PREFIX-SSSSS-of-NNNNN.jsonl, one
// line an element. Each line goes to the shard its hash names, so a retried
// bundle rewrites the same file with the same lines; every shard is
// written, empty or not, so that a reader can tell "nothing" from "missing".
func writeShards(s beam.Scope, dir, prefix string, n int, lines beam.PCollection) {
	keyed := beam.ParDo(s, &shardFn{N: n}, lines)
	shards := make([]int, n)
	for i := range shards {
		shards[i] = i
	}
	empty := beam.ParDo(s, emptyShard, beam.CreateList(s, shards))
	grouped := beam.GroupByKey(s, beam.Flatten(s, keyed, empty))
	beam.ParDo0(s, &writeFn{Dir: dir, Prefix: prefix, N: n}, grouped)
}

// shardName is the name of shard i of n.
func shardName(dir, prefix string, i, n int) string {
	name := fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, n)
	if strings.Contains(dir, "://") {
		return strings.TrimSuffix(dir, "/") + "/" + name
	}
	return filepath.Join(dir, name)
}

// shardFn keys each line by its shard.
type shardFn struct {
	N int `json:"n"`
}

// ProcessElement keys line by the hash of its bytes.
func (f *shardFn) ProcessElement(line string, emit func(int, string)) {
	h := fnv.New32a()
	h.Write([]byte(line))
	emit(int(h.Sum32()%uint32(f.N)), line)
}

// emptyShard is the marker that makes shard i exist: an empty line, which
// no output has and writeFn does not write.
func emptyShard(i int) (int, string) { return i, "" }

// writeFn writes one shard.
type writeFn struct {
	Dir    string `json:"dir"`
	Prefix string `json:"prefix"`
	N      int    `json:"n"`
}

// ProcessElement writes the lines of shard i.
func (f *writeFn) ProcessElement(ctx context.Context, i int, lines func(*string) bool) error {
	name := shardName(f.Dir, f.Prefix, i, f.N)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	buf := bufio.NewWriterSize(w, 1<<20)
	var line string
	for lines(&line) {
		if line == "" {
			continue
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
	}
	if err := buf.Flush(); err != nil {
		w.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
