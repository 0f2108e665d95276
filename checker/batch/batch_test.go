package batch_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/batch"
	"github.com/mtlint/mtlint/checker/source"
)

// slow checks an input by sleeping as many microseconds as the input says
// and counts how many checks run at once.
type slow struct {
	running, most atomic.Int32
}

func (s *slow) CheckFile(path string) (*checker.Result, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return s.check(raw), nil
}

func (s *slow) CheckReader(r io.Reader) (*checker.Result, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return s.check(raw), nil
}

func (s *slow) check(raw []byte) *checker.Result {
	n := s.running.Add(1)
	for {
		m := s.most.Load()
		if n <= m || s.most.CompareAndSwap(m, n) {
			break
		}
	}
	defer s.running.Add(-1)
	us, _ := strconv.Atoi(string(raw))
	time.Sleep(time.Duration(us) * time.Microsecond)
	return &checker.Result{Findings: []checker.Finding{}}
}

// files writes n files whose contents are sleeping times, the early ones
// slowest, and returns the folder.
func files(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		us := (n - i) * 50
		if i%7 == 0 {
			us = 3000
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%04d.txt", i)), []byte(strconv.Itoa(us)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestOrder(t *testing.T) {
	const n = 120
	dir := files(t, n)
	args := []string{dir, filepath.Join(dir, "missing.txt"), filepath.Join(dir, "f0003.txt")}
	for _, jobs := range []int{0, 1, 4, 16} {
		s := &slow{}
		var got []string
		err := batch.Run(context.Background(), s, source.Inputs(args, source.Options{}), jobs, func(it batch.Item) error {
			got = append(got, filepath.Base(it.Result.Path))
			if (it.Err != nil) != (it.Result.Error != "") {
				t.Errorf("%s: Err %v, Result.Error %q", it.Result.Path, it.Err, it.Result.Error)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n+2 {
			t.Fatalf("jobs %d: %d items, want %d", jobs, len(got), n+2)
		}
		for i := range n {
			if want := fmt.Sprintf("f%04d.txt", i); got[i] != want {
				t.Fatalf("jobs %d: item %d is %s, want %s", jobs, i, got[i], want)
			}
		}
		if got[n] != "missing.txt" || got[n+1] != "f0003.txt" {
			t.Errorf("jobs %d: last items %q", jobs, got[n:])
		}
		if m := int(s.most.Load()); m > max(jobs, 1) {
			t.Errorf("jobs %d: %d checks at once", jobs, m)
		}
		if jobs == 16 && s.most.Load() < 2 {
			t.Errorf("jobs 16: never more than one check at once")
		}
	}
}

// Results are emitted while later inputs are still being found: the run
// does not wait for the end of the inputs.
func TestStreams(t *testing.T) {
	release := make(chan struct{})
	inputs := func(yield func(source.Input) bool) {
		dir := files(t, 1)
		for in := range source.Inputs([]string{filepath.Join(dir, "f0000.txt")}, source.Options{}) {
			if !yield(in) {
				return
			}
		}
		<-release // the next input comes only after the first was emitted
		yield(source.Input{Path: "late", Err: errors.New("late")})
	}
	var got []string
	err := batch.Run(context.Background(), &slow{}, inputs, 2, func(it batch.Item) error {
		got = append(got, it.Input.Path)
		if len(got) == 1 {
			close(release)
		}
		return nil
	})
	if err != nil || len(got) != 2 {
		t.Fatalf("got %q, %v", got, err)
	}
}

// An error from emit stops the run and is returned; nothing leaks.
func TestEmitError(t *testing.T) {
	dir := files(t, 50)
	stop := errors.New("stop")
	n := 0
	err := batch.Run(context.Background(), &slow{}, source.Inputs([]string{dir}, source.Options{}), 4, func(batch.Item) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("err %v after %d items", err, n)
	}
}

func TestCancel(t *testing.T) {
	dir := files(t, 50)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := batch.Run(ctx, &slow{}, source.Inputs([]string{dir}, source.Options{}), 4, func(batch.Item) error {
		n++
		if n == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 2 {
		t.Errorf("err %v after %d items", err, n)
	}
}
