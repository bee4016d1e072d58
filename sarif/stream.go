package sarif

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

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
// uncompressed and could not be shown to fit compressed: only measuring
// its compressed size as Write does can tell whether it must be written
// with fewer results.
var errOverLimit = errors.New("log larger than the limit uncompressed")

// A log larger than the limit uncompressed is measured compressed before
// it may stand (Write's fastWithin). Stopping such a log at the limit and
// writing it again as Write does encodes it twice and measures it on one
// path after the encoding: 13 MB of log for the perf corpus with 50
// custom policies, some 75 ms of compression while the cores wait.
// Instead, once the pieces encoded so far pass measureFrom of the limit,
// each worker also compresses the pieces it encodes, apart, at gzip's
// fastest level. The sizes of pieces compressed apart add up to a little
// more than the log's compressed whole (each starts with no earlier text
// to refer back to), and a piece not measured counts at its size
// uncompressed plus deflate's overhead for stored blocks (storedBound),
// which bounds what compression can add: a log whose size so reckoned is
// within fastWithin's nine tenths of the limit passes fastWithin too, and
// stands as streamed. Any other is written again as before.
const measureFrom = 0.7

// storedBound is at least the size of n bytes compressed with gzip: data
// that does not compress is stored in blocks with a 5-byte header each
// (compress/flate cuts them at a few kilobytes at its default level, 64 KB
// at most), after gzip's header and before its trailer.
func storedBound(n int) int {
	return n + n>>10 + 64
}

// stream writes the log's pieces to w in order, escaped, encoded by
// workers goroutines into at most 2*workers buffers, which go back to
// them once written. A log larger than limit bytes stands only if its
// pieces measured compressed show it within fastWithin's bound; otherwise
// stream returns errOverLimit, as soon as the log passes the limit when
// no piece is measured.
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
	type encoded struct {
		piece []byte
		// compressed is the piece's size compressed on its own, or -1
		// when it was not measured.
		compressed int
	}
	ready := make([]chan encoded, n)
	for i := range ready {
		ready[i] = make(chan encoded, 1)
	}
	// done tells the workers the writer has stopped early.
	done := make(chan struct{})
	var (
		mu   sync.Mutex
		next int
		// encodedBytes is the size of the pieces encoded so far, in any
		// order: past measureFrom of the limit, pieces are measured.
		encodedBytes atomic.Int64
	)
	measureAt := int64(float64(limit) * measureFrom)
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
			var (
				e    pieceEncoder
				gz   *gzip.Writer
				size countingWriter
			)
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
				piece := p.piece(&e, i, buf[:0])
				compressed := -1
				if encodedBytes.Add(int64(len(piece))) > measureAt {
					size = 0
					if gz == nil {
						// Only an invalid level fails.
						gz, _ = gzip.NewWriterLevel(&size, gzip.BestSpeed)
					} else {
						gz.Reset(&size)
					}
					_, _ = gz.Write(piece)
					_ = gz.Close()
					compressed = int(size)
				}
				// Each piece's channel holds it: a worker never waits
				// for the writer.
				ready[i] <- encoded{escape(piece), compressed}
			}
		})
	}
	stop := func() {
		close(done)
		wg.Wait()
	}
	// written is the log's size so far, compressed a bound of its size
	// compressed, and measured whether any piece was measured.
	written, compressed, measured := 0, 0, false
	for i := range n {
		r := <-ready[i]
		written += len(r.piece)
		if r.compressed >= 0 {
			compressed += r.compressed
			measured = true
		} else {
			compressed += storedBound(len(r.piece))
		}
		if written > limit && !measured {
			stop()
			return errOverLimit
		}
		if _, err := w.Write(r.piece); err != nil {
			stop()
			return fmt.Errorf("writing SARIF: %w", err)
		}
		free <- r.piece
	}
	wg.Wait()
	if written > limit && len(p.selected) > 0 && compressed > limit-limit/10 {
		return errOverLimit
	}
	return nil
}
