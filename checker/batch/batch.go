// Package batch checks many inputs at once and hands their results over in
// input order, as soon as each is next in line. A run over a folder of ten
// thousand articles thus keeps every core busy, prints the first results
// right away, shows them in a stable order whatever the timing, and holds at
// most a few results beyond the ones being checked: a small reorder buffer,
// not the whole run.
package batch

import (
	"context"
	"io"
	"iter"
	"sync"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/source"
)

// Checker checks a file or a reader; *checker.Checker is one. Files go to
// CheckFile, which may map a large file rather than read it onto the heap.
type Checker interface {
	CheckFile(path string) (*checker.Result, error)
	CheckReader(r io.Reader) (*checker.Result, error)
}

// Item is the outcome of one input.
type Item struct {
	Input source.Input
	// Result is never nil. Its Path is the input's; for an input that could
	// not be found or read, it has no findings and Error says why.
	Result *checker.Result
	// Err is the error that made the input unreadable, or nil.
	Err error
}

// Run checks the inputs on up to jobs goroutines (at least one) and calls
// emit, from the calling goroutine, with each item in input order. At most
// 2×jobs inputs are taken from inputs ahead of the next one to emit, so that
// memory stays bounded however many there are. When emit returns an error,
// or ctx is done, Run stops taking inputs, waits for the checks under way and
// returns that error.
func Run(ctx context.Context, c Checker, inputs iter.Seq[source.Input], jobs int, emit func(Item) error) error {
	jobs = max(jobs, 1)
	window := 2 * jobs
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		n  int
		in source.Input
	}
	type done struct {
		n    int
		item Item
	}
	todo := make(chan job)
	results := make(chan done, window)
	// slots holds a token for each input taken and not yet emitted.
	slots := make(chan struct{}, window)

	complete := false // all inputs were taken; read after results is closed
	go func() {
		defer close(todo)
		n := 0
		for in := range inputs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case todo <- job{n, in}:
			case <-ctx.Done():
				return
			}
			n++
		}
		complete = true
	}()
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for j := range todo {
				item := checkOne(c, j.in)
				select {
				case results <- done{j.n, item}:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var err error
	pending := make(map[int]Item, window)
	next := 0
	for d := range results {
		if err != nil {
			continue // draining after a failure
		}
		pending[d.n] = d.item
		for {
			item, ok := pending[next]
			if !ok {
				break
			}
			if err = ctx.Err(); err != nil {
				break // the caller's cancellation
			}
			delete(pending, next)
			next++
			<-slots
			if err = emit(item); err != nil {
				cancel()
				break
			}
		}
	}
	if err == nil && !complete {
		err = ctx.Err()
	}
	return err
}

// checkOne reads and checks one input.
func checkOne(c Checker, in source.Input) Item {
	var res *checker.Result
	err := in.Err
	if err == nil {
		if in.IsStdin() {
			res, err = c.CheckReader(in.Stdin())
		} else {
			res, err = c.CheckFile(in.File())
		}
	}
	if err != nil {
		return Item{Input: in, Err: err, Result: &checker.Result{
			Path: in.Path, Findings: []checker.Finding{}, Error: source.Reason(err),
		}}
	}
	res.Path = in.Path
	return Item{Input: in, Result: res}
}
