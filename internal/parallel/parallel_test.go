package parallel

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestDo(t *testing.T) {
	for _, jobs := range []int{0, 1, 3} {
		done := make([]bool, 100)
		if err := Do(context.Background(), jobs, len(done), func(i int) { done[i] = true }); err != nil {
			t.Fatal(err)
		}
		for i, d := range done {
			if !d {
				t.Fatalf("jobs=%d: f(%d) not called", jobs, i)
			}
		}
	}
}

func TestDoStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int64
	err := Do(ctx, 1, 1000, func(i int) {
		if calls.Add(1) == 3 {
			cancel()
		}
	})
	if err == nil || calls.Load() >= 1000 {
		t.Errorf("err = %v after %d calls, want cancellation before the end", err, calls.Load())
	}
}

func TestFor(t *testing.T) {
	for _, n := range []int{0, 1, 2, 100} {
		var calls atomic.Int64
		done := make([]bool, n)
		For(n, func(i int) { done[i] = true; calls.Add(1) })
		if int(calls.Load()) != n {
			t.Errorf("n=%d: %d calls", n, calls.Load())
		}
		for i, d := range done {
			if !d {
				t.Errorf("n=%d: f(%d) not called", n, i)
			}
		}
	}
}
