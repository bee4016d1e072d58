// Package parallel runs independent pieces of work on a bounded number of
// goroutines.
package parallel

import (
	"context"
	"runtime"
	"sync"
)

// Do calls f(0) ... f(n-1), jobs at a time (GOMAXPROCS when jobs is not
// positive), and stops handing out work when ctx is cancelled, returning
// its error once the calls under way have returned.
func Do(ctx context.Context, jobs, n int, f func(int)) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	var err error
feed:
	for i := 0; i < n; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	return err
}

// For calls f(0) ... f(n-1) on GOMAXPROCS goroutines, or on this
// goroutine when there is at most one call to make, and returns when they
// have all returned.
func For(n int, f func(int)) {
	if n <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	// Nothing cancels it: Do's error is the context's.
	_ = Do(context.Background(), 0, n, f)
}
