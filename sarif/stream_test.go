package sarif_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/sarif"
)

// stream is write through Stream, with perPiece results a piece encoded by
// workers, to a buffer that restart empties.
func stream(t *testing.T, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts sarif.Options, perPiece, workers int) []byte {
	t.Helper()
	var buf bytes.Buffer
	restart := func() error { buf.Reset(); return nil }
	if err := sarif.StreamIn(&buf, restart, rs, fs, diags, opts, nil, perPiece, workers); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// randomTextFindings are n findings whose messages compression cannot
// shrink, a tenth of them critical.
func randomTextFindings(dir string, n int) []rules.Finding {
	r := rand.New(rand.NewSource(2))
	var fs []rules.Finding
	for i := range n {
		msg := make([]byte, 200)
		for j := range msg {
			msg[j] = 'a' + byte(r.Intn(26))
		}
		sev := rules.Low
		if i%10 == 0 {
			sev = rules.Critical
		}
		fs = append(fs, rules.Finding{
			RuleID: "aws-kms-rotation-disabled", Severity: sev, Status: rules.Failed, Message: string(msg),
			Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", i+1, 1, i+1, 5)},
		})
	}
	return fs
}

// TestStreamStartsAgainOverLimit: a streamed log that grows beyond the
// gzip limit uncompressed is emptied and written again as Write writes
// it, with fewer results when it must; one within the limit is written
// once.
func TestStreamStartsAgainOverLimit(t *testing.T) {
	dir := project(t)
	fs := randomTextFindings(dir, 2000)
	for _, tt := range []struct {
		limit    int
		restarts int
	}{
		{limit: 100 << 10, restarts: 1}, // too large even compressed
		{limit: 600 << 10, restarts: 1}, // too large only uncompressed
		{limit: 0, restarts: 0},
	} {
		t.Run(fmt.Sprint(tt.limit), func(t *testing.T) {
			opts := baseOptions(dir)
			opts.MaxGzipBytes = tt.limit
			want := write(t, findingtest.Rules(), fs, nil, opts)
			var buf bytes.Buffer
			restarts := 0
			restart := func() error {
				restarts++
				if buf.Len() == 0 {
					t.Error("restart before anything was written")
				}
				buf.Reset()
				return nil
			}
			if err := sarif.StreamIn(&buf, restart, findingtest.Rules(), fs, nil, opts, nil, 16, 2); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("the streamed log differs from Write's:\n%s", firstDifference(buf.Bytes(), want))
			}
			if restarts != tt.restarts {
				t.Errorf("%d restarts, want %d", restarts, tt.restarts)
			}
			// A destination that cannot be emptied gets the log whole.
			buf.Reset()
			if err := sarif.Stream(&buf, nil, findingtest.Rules(), fs, nil, opts, nil); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("without restart: the log differs from Write's:\n%s", firstDifference(buf.Bytes(), want))
			}
		})
	}
}

// TestStreamEscapesEachPiece: escape sees every piece, and what it
// returns is written.
func TestStreamEscapesEachPiece(t *testing.T) {
	dir := project(t)
	fs := randomTextFindings(dir, 300)
	opts := baseOptions(dir)
	want := bytes.ToUpper(write(t, findingtest.Rules(), fs, nil, opts))
	var buf bytes.Buffer
	if err := sarif.StreamIn(&buf, func() error { buf.Reset(); return nil }, findingtest.Rules(), fs, nil, opts, bytes.ToUpper, 7, 3); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("the escaped log differs:\n%s", firstDifference(buf.Bytes(), want))
	}
}

// failingWriter fails once it has taken n bytes.
type failingWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestStreamWriteError: a write that fails stops the stream with its
// error, wherever it happens, and a restart that fails stops it too.
func TestStreamWriteError(t *testing.T) {
	dir := project(t)
	fs := randomTextFindings(dir, 500)
	opts := baseOptions(dir)
	for _, n := range []int{0, 1 << 10, 300 << 10} {
		err := sarif.StreamIn(&failingWriter{n: n}, func() error { return nil }, findingtest.Rules(), fs, nil, opts, nil, 4, 2)
		if !errors.Is(err, errFull) {
			t.Errorf("after %d bytes: err = %v, want %v", n, err, errFull)
		}
	}
	opts.MaxGzipBytes = 50 << 10
	err := sarif.StreamIn(&failingWriter{n: 1 << 30}, func() error { return errFull }, findingtest.Rules(), fs, nil, opts, nil, 4, 2)
	if !errors.Is(err, errFull) || !strings.Contains(err.Error(), "again") {
		t.Errorf("restart failing: err = %v", err)
	}
}

// TestStreamMeasuresPastTheLimit: a log larger than the gzip limit
// uncompressed that compresses well is written once, streamed, its pieces
// measured compressed as they are encoded; the log is Write's.
func TestStreamMeasuresPastTheLimit(t *testing.T) {
	dir := project(t)
	var fs []rules.Finding
	for i := range 3000 {
		fs = append(fs, rules.Finding{
			RuleID: "aws-kms-rotation-disabled", Severity: rules.Low, Status: rules.Failed,
			Message: strings.Repeat("key rotation is disabled; ", 8),
			Loc:     graph.Loc{Range: findingtest.Range(dir+"/main.tf", i+1, 1, i+1, 5)},
		})
	}
	opts := baseOptions(dir)
	whole := write(t, findingtest.Rules(), fs, nil, opts)
	for _, limit := range []int{len(whole) * 9 / 10, len(whole) / 2} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			opts.MaxGzipBytes = limit
			want := write(t, findingtest.Rules(), fs, nil, opts)
			if !bytes.Equal(want, whole) {
				t.Fatal("Write cut the log: the test needs a log within the limit compressed")
			}
			var buf bytes.Buffer
			restarts := 0
			restart := func() error { restarts++; buf.Reset(); return nil }
			if err := sarif.StreamIn(&buf, restart, findingtest.Rules(), fs, nil, opts, nil, 16, 2); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("the streamed log differs from Write's:\n%s", firstDifference(buf.Bytes(), want))
			}
			if restarts != 0 {
				t.Errorf("%d restarts of a log that compresses within the limit, want 0", restarts)
			}
		})
	}
}
