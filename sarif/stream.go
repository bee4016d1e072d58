package sarif

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/parallel"
	"github.com/blindspot-iac/blindspot/rules"
)

// A log of thousands of results is megabytes. Written as Write writes it,
// all of it is encoded before the first byte goes out: the writing waits
// for the encoding, and the whole log is fresh memory, touched once.
// Stream writes each piece as soon as it and those before it are encoded,
// while the cores encode the next ones, in a few buffers used again.

// streamResultsPerPiece is how many results a piece of a streamed log
// holds: some 80 KB, small enough that the first is written soon and a
// few buffers of it hold what is in flight.
const streamResultsPerPiece = 64

// Stream writes the log Write writes to w, piece by piece as the pieces
// are encoded; escape, when not nil, is applied to each piece (it returns
// the piece itself or a new one; see cmd/blindspot's terminal-safe
// escaping). A log that turns out larger than the gzip limit uncompressed
// may have to be written again with fewer results: Stream then calls
// restart, which empties w, and writes the log as Write would have
// written it. Without restart (a destination that cannot be emptied) the
// log is encoded whole first, as Write does.
func Stream(w io.Writer, restart func() error, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options, escape func([]byte) []byte) error {
	return streamIn(w, restart, rs, fs, diags, opts, escape, streamResultsPerPiece, runtime.GOMAXPROCS(0))
}

// streamIn is Stream with perPiece results in a piece and workers
// encoding them.
func streamIn(w io.Writer, restart func() error, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options, escape func([]byte) []byte, perPiece, workers int) error {
	limit := opts.MaxGzipBytes
	if limit <= 0 {
		limit = GitHubMaxGzipBytes
	}
	if escape == nil {
		escape = func(b []byte) []byte { return b }
	}
	if restart != nil {
		d, err := newDraft(rs, fs, diags, opts)
		if err != nil {
			return err
		}
		p, err := d.plan(opts.MaxResults, perPiece)
		if err != nil {
			return err
		}
		err = p.stream(w, limit, workers, escape)
		if !errors.Is(err, errOverLimit) {
			return err
		}
		if err := restart(); err != nil {
			return fmt.Errorf("writing SARIF again with fewer results: %w", err)
		}
	}
	parts, err := marshalParts(rs, fs, diags, opts, limit, resultsPerPart)
	if err != nil {
		return err
	}
	// Escaping looks at every byte of a log: on all cores.
	parallel.For(len(parts), func(i int) { parts[i] = escape(parts[i]) })
	for _, part := range parts {
		if _, err := w.Write(part); err != nil {
			return fmt.Errorf("writing SARIF: %w", err)
		}
	}
	return nil
}

// errOverLimit stops a stream whose log grew larger than the gzip limit
// uncompressed: only measuring its compressed size can tell whether it
// must be written with fewer results.
var errOverLimit = errors.New("log larger than the limit uncompressed")

// stream writes the log's pieces to w in order, escaped, encoded by
// workers goroutines into at most 2*workers buffers, which go back to
// them once written. It stops with errOverLimit before writing a piece
// that would take the log beyond limit bytes.
func (p *plan) stream(w io.Writer, limit, workers int, escape func([]byte) []byte) error {
	n := p.pieces()
	workers = max(min(workers, n), 1)
	// free holds the buffers not in use: a worker takes one before it
	// takes the next piece, so the piece the writer waits for always has
	// one, and the writer gives it back once the piece is written.
	free := make(chan []byte, 2*workers)
	for range cap(free) {
		free <- nil
	}
	ready := make([]chan []byte, n)
	for i := range ready {
		ready[i] = make(chan []byte, 1)
	}
	// done tells the workers the writer has stopped early.
	done := make(chan struct{})
	var (
		mu   sync.Mutex
		next int
	)
	// take gives a worker the next piece to encode, or false once there
	// is none.
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next == n {
			return 0, false
		}
		next++
		return next - 1, true
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var e pieceEncoder
			for {
				select {
				case <-done:
					return
				default:
				}
				var buf []byte
				select {
				case buf = <-free:
				case <-done:
					return
				}
				i, ok := take()
				if !ok {
					return
				}
				// Each piece's channel holds it: a worker never waits
				// for the writer.
				ready[i] <- escape(p.piece(&e, i, buf[:0]))
			}
		})
	}
	stop := func() {
		close(done)
		wg.Wait()
	}
	written := 0
	for i := range n {
		piece := <-ready[i]
		if written += len(piece); written > limit {
			stop()
			return errOverLimit
		}
		if _, err := w.Write(piece); err != nil {
			stop()
			return fmt.Errorf("writing SARIF: %w", err)
		}
		free <- piece
	}
	wg.Wait()
	return nil
}
