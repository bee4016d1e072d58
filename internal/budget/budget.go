// Package budget bounds the evaluation of one unit of a scan (a Terraform
// root with its modules, a CloudFormation template with its nested
// stacks): the values it may create, the bytes of the strings it may
// build, the module and nested-stack instances it may expand, and its wall
// time. Front ends ask before they allocate; a request that does not fit
// is refused, the value it was for becomes unknown, and the unit is
// reported as not completely scanned. Cheap work (a value written
// literally in a file) is not charged, so a budget spent in one place does
// not silence a finding about a literal elsewhere.
package budget

import (
	"context"
	"fmt"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
)

// Limits are the sizes of a budget. A zero field takes its default.
type Limits struct {
	// Values bounds the values evaluation creates: elements of computed
	// collections, loop iterations, resource instances, values converted
	// into the graph.
	Values int64
	// Bytes bounds the bytes of the strings evaluation builds.
	Bytes int64
	// Instances bounds module instances and nested stacks.
	Instances int64
	// Timeout bounds the wall time of the unit.
	Timeout time.Duration
}

// Defaults.
const (
	DefaultValues    = 250_000
	DefaultBytes     = 64 << 20
	DefaultInstances = 2_000
	DefaultTimeout   = 10 * time.Second
)

// WithDefaults fills the zero fields of l.
func (l Limits) WithDefaults() Limits {
	if l.Values <= 0 {
		l.Values = DefaultValues
	}
	if l.Bytes <= 0 {
		l.Bytes = DefaultBytes
	}
	if l.Instances <= 0 {
		l.Instances = DefaultInstances
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	return l
}

// Budget is the budget of one unit. It is used by the goroutine that
// evaluates the unit; a nil *Budget allows everything.
type Budget struct {
	limits                   Limits
	values, bytes, instances int64
	ctx                      context.Context
	cancel                   context.CancelFunc
	// spent is what was refused first, and where.
	spent      string
	spentAt    graph.Range
	refusals   int
	timeChecks int
}

// New starts a budget whose time runs from now, ending when ctx does.
// Call Stop when the unit is done.
func New(ctx context.Context, l Limits) *Budget {
	l = l.WithDefaults()
	ctx, cancel := context.WithTimeout(ctx, l.Timeout)
	return &Budget{limits: l, ctx: ctx, cancel: cancel}
}

// Stop releases the budget's timer.
func (b *Budget) Stop() {
	if b != nil {
		b.cancel()
	}
}

// Limits returns the budget's limits.
func (b *Budget) Limits() Limits {
	if b == nil {
		return Limits{}.WithDefaults()
	}
	return b.limits
}

// Values asks for n new values at r; false refuses them.
func (b *Budget) Values(n int64, r graph.Range) bool {
	if b == nil {
		return true
	}
	return b.take(&b.values, n, b.limits.Values, "values", r)
}

// Bytes asks for n bytes of strings at r; false refuses them.
func (b *Budget) Bytes(n int64, r graph.Range) bool {
	if b == nil {
		return true
	}
	return b.take(&b.bytes, n, b.limits.Bytes, "bytes of strings", r)
}

// Instances asks for n module instances or nested stacks at r; false
// refuses them.
func (b *Budget) Instances(n int64, r graph.Range) bool {
	if b == nil {
		return true
	}
	return b.take(&b.instances, n, b.limits.Instances, "module and nested stack instances", r)
}

// Fits reports whether n values and m bytes could be taken at once,
// without taking them: for a size known before the work that needs it.
func (b *Budget) Fits(values, bytes int64) bool {
	if b == nil {
		return true
	}
	return values >= 0 && bytes >= 0 && b.values+values <= b.limits.Values && values <= b.limits.Values/4 &&
		b.bytes+bytes <= b.limits.Bytes && bytes <= b.limits.Bytes/4
}

// take charges n against used, within limit. One request may not take
// more than a quarter of the limit, so that a value doubled until it is
// refused leaves most of the budget for the rest of the unit.
func (b *Budget) take(used *int64, n, limit int64, what string, r graph.Range) bool {
	if n < 0 {
		n = 0
	}
	if b.TimedOut() {
		b.refuse(fmt.Sprintf("the unit took longer than %s", b.limits.Timeout), r)
		return false
	}
	if n > limit/4 || *used+n > limit {
		b.refuse(fmt.Sprintf("more than %d %s", limit, what), r)
		return false
	}
	*used += n
	return true
}

// Refuse records a refusal the front end decided itself (a number too
// large to print): the unit is then not completely scanned.
func (b *Budget) Refuse(why string, r graph.Range) {
	if b != nil {
		b.refuse(why, r)
	}
}

// Refusals counts the refusals so far.
func (b *Budget) Refusals() int {
	if b == nil {
		return 0
	}
	return b.refusals
}

func (b *Budget) refuse(why string, r graph.Range) {
	b.refusals++
	if b.spent == "" {
		b.spent, b.spentAt = why, r
	}
}

// TimedOut reports whether the unit's time is up (or the scan was
// cancelled). It reads the clock at most every 64 calls.
func (b *Budget) TimedOut() bool {
	if b == nil {
		return false
	}
	b.timeChecks++
	if b.timeChecks&63 != 0 && b.spent == "" {
		return false
	}
	if b.ctx.Err() != nil {
		if b.spent == "" {
			b.spent = fmt.Sprintf("the unit took longer than %s", b.limits.Timeout)
		}
		return true
	}
	return false
}

// Exhausted reports whether anything was refused: the first refusal, where
// it happened, and how many there were.
func (b *Budget) Exhausted() (why string, at graph.Range, refusals int, ok bool) {
	if b == nil || b.spent == "" {
		return "", graph.Range{}, 0, false
	}
	return b.spent, b.spentAt, b.refusals, true
}

// Reason is the reason given to a value left unknown because the budget
// refused it.
func Reason(what string) string {
	return "not evaluated: " + what + " is beyond the evaluation budget of its unit"
}
