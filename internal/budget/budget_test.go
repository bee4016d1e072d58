package budget

import (
	"context"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
)

func TestBudget(t *testing.T) {
	b := New(context.Background(), Limits{Values: 100, Bytes: 1000, Instances: 8})
	defer b.Stop()
	r := graph.Range{File: "main.tf", Start: graph.Pos{Line: 3, Column: 1}}
	if !b.Values(20, r) || !b.Bytes(250, r) || !b.Instances(2, r) {
		t.Fatal("small requests refused")
	}
	if _, _, _, spent := b.Exhausted(); spent {
		t.Fatal("exhausted before any refusal")
	}
	// One request may not take more than a quarter of a limit.
	if b.Values(26, r) {
		t.Error("a request over a quarter of the limit was granted")
	}
	why, at, n, spent := b.Exhausted()
	if !spent || at != r || n != 1 || why != "more than 100 values" {
		t.Errorf("Exhausted() = %q, %v, %d, %v", why, at, n, spent)
	}
	// A refused request takes nothing: small ones still fit.
	for i := 0; i < 3; i++ {
		if !b.Values(25, r) {
			t.Fatalf("request %d refused with room left", i)
		}
	}
	if b.Values(10, graph.Range{}) || !b.Values(5, r) {
		t.Error("the limit is not kept exactly")
	}
	if !b.Fits(0, 250) || b.Fits(0, 251) || b.Fits(1, 0) {
		t.Error("Fits is wrong")
	}
	var none *Budget
	if !none.Values(1<<60, r) || !none.Bytes(1<<60, r) || none.TimedOut() {
		t.Error("a nil budget refuses")
	}
}

func TestTimeout(t *testing.T) {
	b := New(context.Background(), Limits{Timeout: 10 * time.Millisecond})
	defer b.Stop()
	time.Sleep(20 * time.Millisecond)
	// The timer that ends the budget runs on its own goroutine, which a
	// loaded machine may not have scheduled yet: wait for it, a while.
	refused := false
	for deadline := time.Now().Add(10 * time.Second); !refused && time.Now().Before(deadline); {
		if refused = !b.Values(1, graph.Range{}); !refused {
			time.Sleep(time.Millisecond)
		}
	}
	if !refused {
		t.Fatal("time ran out but requests are granted")
	}
	if why, _, _, _ := b.Exhausted(); why != "the unit took longer than 10ms" {
		t.Errorf("why = %q", why)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	b := New(ctx, Limits{})
	defer b.Stop()
	cancel()
	for i := 0; i < 64; i++ {
		b.TimedOut()
	}
	if !b.TimedOut() {
		t.Error("a cancelled scan does not stop the unit")
	}
}
