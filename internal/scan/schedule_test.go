package scan

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/aws/s3"
)

// bucket is a resource with a finding (versioning is not enabled), so
// that which unit reports it shows in the findings.
const bucket = `resource "aws_s3_bucket" "b" {
  bucket = "acme"
}
`

// TestScheduleSkipsOnlyWhatKeptUnitsLeavesOut scans small trees twice,
// with the schedule skipping the units it finds called and with every
// unit evaluated, and requires the same findings and diagnostics; it also
// checks which units were skipped, and that a tree the schedule cannot
// judge before evaluating makes it evaluate the units it skipped.
func TestScheduleSkipsOnlyWhatKeptUnitsLeavesOut(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		// paths are the paths scanned, relative to the tree ("." when
		// empty), root the scan root; varFiles are given as -var-file.
		paths    []string
		root     string
		varFiles []string
		// skipped are the unit directories skipped; fallback is set
		// when the schedule cannot judge the tree, and evaluates at the
		// end what it skipped.
		skipped  []string
		fallback bool
	}{
		{
			name: "module with examples",
			files: map[string]string{
				"main.tf":                bucket + "module \"sub\" {\n  source = \"./modules/sub\"\n}\n",
				"modules/sub/main.tf":    bucket,
				"examples/one/main.tf":   "module \"root\" {\n  source = \"../../\"\n}\n",
				"examples/two/main.tf":   "module \"root\" {\n  source = \"../..\"\n  count  = 2\n}\n",
				"wrappers/sub/main.tf":   "module \"wrapper\" {\n  source   = \"../../modules/sub\"\n  for_each = {a = 1}\n}\n",
				"unrelated/main.tf":      bucket,
				"unrelated/vars.tf.json": `{"variable": {"x": {}}}`,
			},
			skipped: []string{".", "modules/sub"},
		},
		{
			// examples/off calls the root with no instance, so the root's
			// own call to modules/sub is not evaluated there; the root,
			// evaluated on its own, still calls it.
			name: "call with no instance",
			files: map[string]string{
				"main.tf":              "module \"sub\" {\n  source = \"./modules/sub\"\n}\n",
				"modules/sub/main.tf":  bucket,
				"examples/off/main.tf": "module \"root\" {\n  source = \"../../\"\n  count  = 0\n}\n",
			},
			skipped: []string{".", "modules/sub"},
		},
		{
			name: "modules calling each other",
			files: map[string]string{
				"a/main.tf": bucket + "module \"b\" {\n  source = \"../b\"\n}\n",
				"b/main.tf": bucket + "module \"a\" {\n  source = \"../a\"\n}\n",
				"c/main.tf": "module \"a\" {\n  source = \"../a\"\n}\n",
			},
		},
		{
			// shared is not scanned but lies in the scan root, so
			// modules/m is called only through a directory that is not a
			// unit.
			name: "call through a directory not scanned",
			files: map[string]string{
				"examples/a/main.tf": "module \"shared\" {\n  source = \"../../shared\"\n}\n",
				"shared/main.tf":     "module \"m\" {\n  source = \"../modules/m\"\n}\n",
				"modules/m/main.tf":  bucket + "module \"n\" {\n  source = \"../n\"\n}\n",
				"modules/n/main.tf":  bucket,
			},
			paths: []string{"examples", "modules"},
			root:  ".",
		},
		{
			// Without a scan root, examples/a's is examples: shared is
			// not read, and modules/m is a root.
			name: "call out of the scan root",
			files: map[string]string{
				"examples/a/main.tf": "module \"shared\" {\n  source = \"../../shared\"\n}\n",
				"shared/main.tf":     "module \"m\" {\n  source = \"../modules/m\"\n}\n",
				"modules/m/main.tf":  bucket + "module \"n\" {\n  source = \"../n\"\n}\n",
				"modules/n/main.tf":  bucket,
			},
			paths:   []string{"examples", "modules"},
			skipped: []string{"modules/n"},
		},
		{
			name: "-var-file in a module directory",
			files: map[string]string{
				"main.tf":                       bucket + "module \"sub\" {\n  source = \"./modules/sub\"\n}\n",
				"modules/sub/main.tf":           bucket,
				"modules/sub/prod.tfvars":       "x = 1\n",
				"examples/one/main.tf":          "module \"root\" {\n  source = \"../../\"\n}\n",
				"examples/one/terraform.tfvars": "y = 2\n",
			},
			varFiles: []string{"modules/sub/prod.tfvars"},
			fallback: true,
		},
		{
			// The source is written with an escape the text guess does
			// not read, so the module looks like a root until parsed.
			name: "source the text does not show",
			files: map[string]string{
				"main.tf":             bucket + "module \"sub\" {\n  source = \"./modules/s\\u0075b\"\n}\n",
				"modules/sub/main.tf": bucket,
				"examples/a/main.tf":  "module \"root\" {\n  source = \"../../\"\n}\n",
			},
			skipped:  []string{"."},
			fallback: true,
		},
		{
			// "../other" is a path in a resource, not a module source.
			name: "named in text, never called",
			files: map[string]string{
				"app/main.tf":   "resource \"aws_s3_object\" \"o\" {\n  source = \"../other\"\n}\n",
				"other/main.tf": bucket,
			},
		},
		{
			name: "templates and a plan beside modules",
			files: map[string]string{
				"main.tf":            bucket + "module \"sub\" {\n  source = \"./sub\"\n}\n",
				"sub/main.tf":        bucket,
				"stack.yaml":         "Resources:\n  B:\n    Type: AWS::S3::Bucket\n",
				"plan/main.tf":       bucket,
				"plan/tfplan.json":   `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {"bucket": "acme"}}]}}}`,
				"examples/a/main.tf": "module \"root\" {\n  source = \"../../\"\n}\n",
			},
			skipped: []string{".", "sub"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string][]byte{}
			for name, content := range tt.files {
				files[name] = []byte(content)
			}
			root := writeTree(t, files)
			t.Chdir(root)
			opts := Options{Paths: tt.paths, Root: tt.root, Rules: []*rules.Rule{s3.VersioningDisabled}}
			for _, f := range tt.varFiles {
				opts.VarInputs = append(opts.VarInputs, VarInput{File: f})
			}

			skipped, fallback := scheduleOf(t, opts)
			if !slices.Equal(skipped, tt.skipped) || fallback != tt.fallback {
				t.Errorf("skipped %q (fallback %v), want %q (%v)", skipped, fallback, tt.skipped, tt.fallback)
			}

			all := opts
			all.evaluateAll = true
			want := render(t, all)
			for _, jobs := range []int{1, 2, 8} {
				opts.Jobs = jobs
				if got := render(t, opts); got != want {
					t.Errorf("jobs %d: the scan differs from one evaluating every unit:\n%s\nwant\n%s", jobs, got, want)
				}
			}
		})
	}
}

// scheduleOf runs the schedule of a scan and returns the unit directories
// it skipped and whether it fell back to evaluating them.
func scheduleOf(t *testing.T, opts Options) (skipped []string, fallback bool) {
	t.Helper()
	s, err := settle(opts)
	if err != nil {
		t.Fatal(err)
	}
	units, _ := parser.Discover(s.paths, parser.Options{})
	c := newChecker(context.Background(), units, s)
	defer c.close()
	sch := newSchedule(context.Background(), c, 0)
	var mu sync.Mutex
	err = sch.run(context.Background(), 0, func(int) {}, func(i int) {
		mu.Lock()
		defer mu.Unlock()
		skipped = append(skipped, filepath.ToSlash(units[i].Path))
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(skipped)
	return skipped, sch.noSkip
}

// render is what a scan reports, as text.
func render(t *testing.T, opts Options) string {
	t.Helper()
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range res.Findings {
		addr := ""
		if f.Loc.Resource != nil {
			addr = f.Loc.Resource.Address
		}
		fmt.Fprintf(&b, "%s %s %s %s\n", f.RuleID, f.Loc.Range, addr, f.Message)
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintln(&b, d.String())
	}
	return b.String()
}

// TestScheduleDoesNotWaitBehindALongUnit: while one worker evaluates the
// first unit, another goes on through every group that holds no trees
// (templates, roots no other directory names), and through at most
// maxGroupsAhead of those that do.
func TestScheduleDoesNotWaitBehindALongUnit(t *testing.T) {
	s := &schedule{}
	s.wake = sync.NewCond(&s.mu)
	const light, holding = 10, maxGroupsAhead + 2
	for i := range 1 + light + holding {
		g := &group{leaves: []int{i}, pending: 1}
		kind := leafJob
		if i > light {
			g.leaves, g.named, kind = nil, []int{i}, prepareJob
		}
		g.ready = []job{{g: g, unit: i, kind: kind}}
		s.groups = append(s.groups, g)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	long, ok := s.next(ctx)
	if !ok || long.unit != 0 {
		t.Fatalf("first job %+v, %v", long, ok)
	}
	got := make(chan int)
	go func() {
		defer close(got)
		for {
			j, ok := s.next(ctx)
			if !ok {
				return
			}
			got <- j.unit
			if j.kind == leafJob {
				s.finish(j)
			}
		}
	}()
	for want := 1; want <= light+maxGroupsAhead; want++ {
		select {
		case unit := <-got:
			if unit != want {
				t.Fatalf("unit %d handed out, want %d", unit, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the second worker waits for the first after %d units", want-1)
		}
	}
	select {
	case unit := <-got:
		t.Fatalf("unit %d handed out: more than %d groups holding trees under way", unit, maxGroupsAhead)
	case <-time.After(100 * time.Millisecond):
	}
	cancel()
	s.mu.Lock()
	s.wake.Broadcast()
	s.mu.Unlock()
	for range got {
	}
}
