package scan

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/blindspot-iac/blindspot/internal/parallel"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/parser/terraform"
)

// A scan evaluates a Terraform module directory that another scanned
// module calls as a local module only inside its caller (keptUnits):
// evaluating it on its own as well would be wasted, and in a repository of
// modules with examples that is a third of the roots. The schedule decides
// before evaluating, from the module blocks of the parsed files, which
// units are surely called, and skips them. It also parses each module
// directory once for the units that use it, holding the syntax trees only
// while they may be needed, and keeps every worker busy.
//
// Units are put in groups that cannot call each other: the connected
// components of the local module sources written in their files (a guess
// from the text, terraform.CandidateModuleDirs, checked when the files
// are parsed). In a group, the units whose directory no other directory
// names (examples, wrappers: leaves) are evaluated at once, while the
// directories others name are parsed and held; once all that is done, the
// group decides which of its named units to skip and evaluates the
// others. Groups follow one another in path order; a worker with nothing
// to do in one group moves on to the next, a few groups that hold trees
// ahead at most, so only the trees of the groups under way are in memory.
// Groups without named units (every template, most Terraform roots) hold
// none: they do not count, so that a long unit does not leave the other
// cores waiting once they have done the few units after it.
//
// What keptUnits decides after evaluation must not change. Evaluation
// records a call to every local module a root module's blocks name
// (whatever the call's count), so a unit named by another unit's own
// module block is surely called, and keptUnits drops every called unit
// unless units call each other in a cycle. A group skips the units named
// that way when its static call graph (every local source, through
// directories that are not units, and terraform init's manifests) has no
// cycle and every unit reached in it is named that way; otherwise it
// evaluates all its units and keptUnits decides as before. When the
// parsed files contradict the text guess (a call between groups, or into
// a unit taken for a leaf), or a -var-file lies in a module directory,
// the skipped units are evaluated at the end and keptUnits decides as
// before.
type schedule struct {
	c *checker
	// unitDir maps a Terraform module unit's directory (cleaned) to its
	// index.
	unitDir map[string]int
	// namedBy counts the other directories whose files name a directory
	// (the text guess).
	namedBy map[string]int
	groups  []*group
	groupOf []*group

	mu   sync.Mutex
	wake *sync.Cond
	// lo is the first group not finished, hi the end of the groups work
	// is handed out from; holding counts the groups in between that have
	// named units.
	lo, hi, holding int
	// running counts the jobs handed out and not finished.
	running int
	// noSkip is set when no unit may be skipped: a decision would depend
	// on something the schedule does not follow.
	noSkip bool
}

// maxGroupsAhead bounds the groups with named units under way at once.
const maxGroupsAhead = 4

// maxHeldSource bounds the size of the configuration files whose syntax
// trees a group holds while it is evaluated (trees take about thirteen
// times the size of their source); a group that would hold more holds
// none, and its units parse what the cache no longer has.
const maxHeldSource = 8 << 20

// group is a set of units that may call each other.
type group struct {
	// leaves are evaluated without waiting for the decision: units that
	// are not Terraform modules, and modules no other directory names.
	leaves []int
	// named are the Terraform modules other directories name, parsed
	// first (prepare) and evaluated once the group has decided.
	named []int
	// hold is set when the group keeps the trees of its named
	// directories until it is done.
	hold bool

	// ready are the jobs that may be handed out; pending counts the jobs
	// of the first phase (prepares, leaves) not finished, left those of
	// the second (named units) not finished.
	ready   []job
	pending int
	left    int
	decided bool

	// reach lists, for each unit, the named directories its files lead to
	// (the text guess), which it may need parsed; refs counts, for each
	// named directory held, the units that may still need it.
	reach map[int][]string

	// infos are what the module directories parsed for the group call,
	// by cleaned directory; held are the directories the group holds
	// until it is done.
	infosMu sync.Mutex
	infos   map[string]terraform.ModuleInfo
	refs    map[string]int
	held    []heldDir
	skip    map[int]bool
}

// heldDir is a module directory held, with the unit whose scan root it
// was read through.
type heldDir struct {
	dir  string
	unit int
}

// job is one piece of the scan's work.
type job struct {
	g    *group
	unit int
	kind jobKind
}

type jobKind uint8

const (
	// prepareJob parses a named unit's directory.
	prepareJob jobKind = iota
	// leafJob evaluates a leaf.
	leafJob
	// namedJob evaluates a named unit, unless it is skipped.
	namedJob
)

// newSchedule groups the units, reading the text of module directories
// jobs at a time.
func newSchedule(ctx context.Context, c *checker, jobs int) *schedule {
	s := &schedule{c: c, unitDir: map[string]int{}, namedBy: map[string]int{}, groupOf: make([]*group, len(c.units))}
	s.wake = sync.NewCond(&s.mu)
	s.noSkip = c.s.evaluateAll
	for i, u := range c.units {
		if u.Kind == parser.TerraformModule {
			s.unitDir[filepath.Clean(u.Path)] = i
		}
	}
	for _, in := range c.s.varInputs {
		// A unit reads every -var-file: each would call the module in
		// the file's directory.
		if _, ok := s.unitDir[filepath.Clean(filepath.Dir(in.File))]; ok && in.File != "" {
			s.noSkip = true
		}
	}
	// Read the candidate local sources of every module directory, and of
	// the directories they name in turn, and join what they connect.
	uf := unionFind{}
	named := map[string][]string{}
	size := map[string]int64{}
	// via is the unit whose scan root a directory is read through: its
	// own, or that of the unit that led to it.
	via := map[string]int{}
	var frontier []string
	for dir, i := range s.unitDir {
		frontier = append(frontier, dir)
		via[dir] = i
	}
	slices.Sort(frontier)
	for len(frontier) > 0 {
		found := make([][]string, len(frontier))
		sizes := make([]int64, len(frontier))
		_ = parallel.Do(ctx, jobs, len(frontier), func(k int) {
			dir := frontier[k]
			opts := c.moduleOptions(via[dir])
			// The files are read here first: the loaders take them.
			opts.Read = c.s.keep
			found[k], sizes[k] = terraform.CandidateModuleDirs(dir, opts)
			if _, unit := s.unitDir[dir]; unit {
				found[k] = append(found[k], terraform.ManifestDirs(dir, opts)...)
			}
		})
		var next []string
		for k, dir := range frontier {
			size[dir] = sizes[k]
			for _, d := range found[k] {
				d = filepath.Clean(d)
				uf.union(dir, d)
				if d != dir {
					s.namedBy[d]++
					named[dir] = append(named[dir], d)
				}
				if _, ok := via[d]; !ok {
					via[d] = via[dir]
					next = append(next, d)
				}
			}
		}
		slices.Sort(next)
		frontier = next
	}
	byRoot := map[string]*group{}
	for i, u := range c.units {
		if u.Kind != parser.TerraformModule {
			g := &group{leaves: []int{i}}
			s.groups = append(s.groups, g)
			s.groupOf[i] = g
			continue
		}
		dir := filepath.Clean(u.Path)
		root := uf.find(dir)
		g := byRoot[root]
		if g == nil {
			g = &group{}
			byRoot[root] = g
			s.groups = append(s.groups, g)
		}
		if s.namedBy[dir] > 0 {
			g.named = append(g.named, i)
		} else {
			g.leaves = append(g.leaves, i)
		}
		s.groupOf[i] = g
	}
	held := map[*group]int64{}
	for dir := range via {
		if g := byRoot[uf.find(dir)]; g != nil && s.namedBy[dir] > 0 {
			held[g] += size[dir]
		}
	}
	for _, g := range s.groups {
		g.hold = held[g] <= maxHeldSource
		g.infos = map[string]terraform.ModuleInfo{}
		g.refs = map[string]int{}
		g.reach = map[int][]string{}
		namedUnit := map[string]int{}
		for _, i := range g.named {
			namedUnit[filepath.Clean(c.units[i].Path)] = i
		}
		for _, i := range append(slices.Clone(g.leaves), g.named...) {
			if c.units[i].Kind != parser.TerraformModule {
				continue
			}
			for _, d := range reachable(filepath.Clean(c.units[i].Path), named) {
				if _, ok := namedUnit[d]; ok {
					g.reach[i] = append(g.reach[i], d)
					g.refs[d]++
				}
			}
		}
		// Each named directory is parsed just before the first leaf that
		// may call it, so that it is held from then until its last user
		// is done, not from the start of the group.
		prepared := map[int]bool{}
		prepare := func(i int) {
			if !prepared[i] {
				prepared[i] = true
				g.ready = append(g.ready, job{g: g, unit: i, kind: prepareJob})
			}
		}
		for _, i := range g.leaves {
			for _, d := range g.reach[i] {
				prepare(namedUnit[d])
			}
			g.ready = append(g.ready, job{g: g, unit: i, kind: leafJob})
		}
		for _, i := range g.named {
			prepare(i)
		}
		g.pending = len(g.ready)
		g.left = len(g.named)
	}
	return s
}

// reachable lists the directories reachable from dir in the graph next,
// dir left out, in the order a breadth-first walk meets them.
func reachable(dir string, next map[string][]string) []string {
	seen := map[string]bool{dir: true}
	var out []string
	for queue := []string{dir}; len(queue) > 0; queue = queue[1:] {
		for _, d := range next[queue[0]] {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
				queue = append(queue, d)
			}
		}
	}
	return out
}

// run does every job, jobs at a time, calling evaluate for each unit
// that is not skipped and skip for the others. It returns early, with
// ctx's error, when ctx is cancelled.
func (s *schedule) run(ctx context.Context, jobs int, evaluate, skip func(i int)) error {
	stop := context.AfterFunc(ctx, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.wake.Broadcast()
	})
	defer stop()
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	return parallel.Do(ctx, jobs, jobs, func(int) {
		for {
			j, ok := s.next(ctx)
			if !ok {
				return
			}
			s.do(j, evaluate, skip)
			s.finish(j)
		}
	})
}

// next waits for a job that may be done and hands it out; ok is false
// when there is no more work (or ctx is cancelled).
func (s *schedule) next(ctx context.Context) (j job, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if ctx.Err() != nil {
			return job{}, false
		}
		for k := s.lo; k < s.hi; k++ {
			if g := s.groups[k]; len(g.ready) > 0 {
				j, g.ready = g.ready[0], g.ready[1:]
				s.running++
				return j, true
			}
		}
		if s.hi < len(s.groups) {
			if len(s.groups[s.hi].named) == 0 {
				s.hi++
				continue
			}
			if s.holding < maxGroupsAhead {
				s.holding++
				s.hi++
				continue
			}
		}
		if s.lo == len(s.groups) {
			return job{}, false
		}
		s.wake.Wait()
	}
}

// do does one job.
func (s *schedule) do(j job, evaluate, skip func(i int)) {
	g, dir := j.g, s.c.units[j.unit].Path
	opts := s.c.moduleOptions(j.unit)
	switch j.kind {
	case prepareJob:
		info := s.c.cache.Hold(dir, opts)
		s.record(g, dir, info)
		g.infosMu.Lock()
		keep := g.hold && g.refs[filepath.Clean(dir)] > 0
		if !keep {
			delete(g.refs, filepath.Clean(dir))
		}
		g.infosMu.Unlock()
		if !keep {
			s.c.cache.Release(dir, opts)
		}
		return
	case leafJob:
		if s.c.units[j.unit].Kind != parser.TerraformModule {
			evaluate(j.unit)
			break
		}
		// The leaf's own directory is parsed here, for its calls, and
		// used at once by its evaluation.
		s.record(g, dir, s.c.cache.Hold(dir, opts))
		evaluate(j.unit)
		s.c.cache.Release(dir, opts)
	case namedJob:
		if g.skip[j.unit] {
			skip(j.unit)
		} else {
			evaluate(j.unit)
		}
	}
	// The unit no longer needs the named directories it may call.
	var release []string
	g.infosMu.Lock()
	for _, d := range g.reach[j.unit] {
		if n, ok := g.refs[d]; ok {
			if n == 1 {
				delete(g.refs, d)
				release = append(release, d)
			} else {
				g.refs[d] = n - 1
			}
		}
	}
	g.infosMu.Unlock()
	for _, d := range release {
		s.c.cache.Release(d, s.c.moduleOptions(s.unitDir[d]))
	}
}

// finish records that a job is done: the group decides after its first
// phase, and releases its trees after its last job.
func (s *schedule) finish(j job) {
	g := j.g
	s.mu.Lock()
	s.running--
	if j.kind == namedJob {
		g.left--
	} else {
		g.pending--
	}
	decide := j.kind != namedJob && g.pending == 0
	s.mu.Unlock()
	if decide {
		skip := s.decide(g)
		s.mu.Lock()
		g.skip, g.decided = skip, true
		for _, i := range g.named {
			g.ready = append(g.ready, job{g: g, unit: i, kind: namedJob})
		}
		s.mu.Unlock()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if g.decided && g.left == 0 && g.held != nil {
		for _, h := range g.held {
			s.c.cache.Release(h.dir, s.c.moduleOptions(h.unit))
		}
		g.held = nil
	}
	for s.lo < s.hi && s.done(s.groups[s.lo]) {
		if len(s.groups[s.lo].named) > 0 {
			s.holding--
		}
		s.lo++
	}
	s.wake.Broadcast()
}

// done reports whether every job of g is finished; s.mu must be held.
func (s *schedule) done(g *group) bool {
	return g.decided && g.left == 0
}

// record notes what the module directory dir calls.
func (s *schedule) record(g *group, dir string, info terraform.ModuleInfo) {
	g.infosMu.Lock()
	defer g.infosMu.Unlock()
	g.infos[filepath.Clean(dir)] = info
}

// hold parses the module directory dir for the group, through the scan
// root of unit, and records its calls. When keep is set and the group
// holds its trees, the tree is kept until the group is done; otherwise it
// stays among the cache's recently used.
func (s *schedule) hold(g *group, dir string, unit int, keep bool) terraform.ModuleInfo {
	opts := s.c.moduleOptions(unit)
	info := s.c.cache.Hold(dir, opts)
	if keep && g.hold {
		g.infosMu.Lock()
		g.held = append(g.held, heldDir{dir, unit})
		g.infosMu.Unlock()
	} else {
		s.c.cache.Release(dir, opts)
	}
	s.record(g, dir, info)
	return info
}

// decide returns the named units of g that need not be evaluated: see
// schedule.
func (s *schedule) decide(g *group) map[int]bool {
	s.mu.Lock()
	noSkip := s.noSkip
	s.mu.Unlock()
	if len(g.named) == 0 || noSkip {
		return nil
	}
	// info is what dir calls, read through unit's scan root when the
	// group has not read it yet.
	var unit int
	info := func(dir string) terraform.ModuleInfo {
		g.infosMu.Lock()
		in, ok := g.infos[filepath.Clean(dir)]
		g.infosMu.Unlock()
		if ok {
			return in
		}
		return s.hold(g, dir, unit, true)
	}
	contradicted := func() {
		s.mu.Lock()
		s.noSkip = true
		s.mu.Unlock()
	}
	modules := append(slices.Clone(g.leaves), g.named...)
	// called: units a unit's own module blocks name, surely called.
	// reach: the units each unit reaches through directories that are
	// not units.
	called := map[int]bool{}
	reach := map[int][]int{}
	for _, u := range modules {
		if s.c.units[u].Kind != parser.TerraformModule {
			continue
		}
		unit = u
		dir := s.c.units[u].Path
		for _, call := range info(dir).Calls {
			if call.Dir == "" {
				continue
			}
			callee := info(call.Dir)
			if j, ok := s.unitDir[filepath.Clean(callee.Dir)]; ok && j != u && callee.Files > 0 {
				called[j] = true
				if s.groupOf[j] != g || s.namedBy[filepath.Clean(s.c.units[j].Path)] == 0 {
					// Evaluated already as a leaf, or in another group:
					// the text guess missed this call.
					contradicted()
				}
			}
		}
		// Every local source is followed, whatever its count, and every
		// directory terraform init downloaded a module of the unit to:
		// evaluation follows no more than that.
		visited := map[string]bool{filepath.Clean(dir): true}
		var queue []string
		visit := func(d string) {
			callee := info(d)
			key := filepath.Clean(d)
			if callee.Dir != "" {
				key = filepath.Clean(callee.Dir)
			}
			if visited[key] {
				return
			}
			visited[key] = true
			if j, ok := s.unitDir[key]; ok {
				if s.groupOf[j] != g {
					contradicted()
				}
				reach[u] = append(reach[u], j)
				return
			}
			queue = append(queue, d)
		}
		for _, m := range terraform.ManifestDirs(dir, s.c.moduleOptions(u)) {
			visit(m)
		}
		for _, call := range info(dir).Calls {
			if call.Dir != "" {
				visit(call.Dir)
			}
		}
		for len(queue) > 0 {
			d := queue[0]
			queue = queue[1:]
			for _, call := range info(d).Calls {
				if call.Dir != "" {
					visit(call.Dir)
				}
			}
		}
	}
	for _, js := range reach {
		for _, j := range js {
			if !called[j] {
				return nil
			}
		}
	}
	if cyclic(modules, reach) {
		return nil
	}
	return called
}

// cyclic reports whether the graph of units and the units each reaches has
// a cycle.
func cyclic(units []int, reach map[int][]int) bool {
	const (
		unvisited = iota
		onPath
		finished
	)
	state := map[int]int{}
	var visit func(u int) bool
	visit = func(u int) bool {
		state[u] = onPath
		for _, j := range reach[u] {
			switch state[j] {
			case onPath:
				return true
			case unvisited:
				if visit(j) {
					return true
				}
			}
		}
		state[u] = finished
		return false
	}
	for _, u := range units {
		if state[u] == unvisited && visit(u) {
			return true
		}
	}
	return false
}

// unionFind joins strings into sets.
type unionFind map[string]string

func (uf unionFind) find(x string) string {
	root := x
	for {
		p, ok := uf[root]
		if !ok || p == root {
			break
		}
		root = p
	}
	for x != root {
		next := uf[x]
		uf[x] = root
		x = next
	}
	return root
}

func (uf unionFind) union(a, b string) {
	ra, rb := uf.find(a), uf.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	uf[rb] = ra
}
