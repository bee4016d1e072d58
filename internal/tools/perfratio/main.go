// Command perfratio measures a scan the way users run it against the
// floor of merely parsing the same files, as process wall times: for each
// directory it runs `blindspot scan DIR --format sarif --output FILE` and
// internal/tools/parsefloor (every file read and parsed on every core,
// nothing else) several times, in turn (floor, scan, baseline, ... in each
// round, so a change of the machine's load during the sitting falls on
// all of them alike), keeps the best wall time of each, and prints both,
// their ratio, the ratio to the parse time measured inside the floor's
// process, the ratio of processor times (user and system, the least of
// the runs: the figure a loaded machine disturbs least), and the peak
// resident memory of each.
//
// Usage:
//
//	go run ./internal/tools/perfratio [-n 3] [-jobs N] [-fast-json] [-bin BLINDSPOT] [-baseline BLINDSPOT] [-policy-dir DIR] DIR...
//
// It builds blindspot and the floor from this checkout into a temporary
// directory unless -bin names a blindspot binary. -baseline adds the same
// measurement of another build (an older version, for a before/after
// table). -fast-json makes the floor decode JSON templates with
// internal/jsonnode as the scan does, instead of yaml.v3 as issue 17
// defines it: the stricter floor. -policy-dir adds, in each round, the
// same scan with `--policy-dir DIR` and prints what the policies add
// (best and median wall and processor times, in percent): issue 19's
// benchmark. The machine's load shows in wall times: compare figures
// taken in one sitting on an otherwise idle machine.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

func main() {
	runs := flag.Int("n", 3, "runs of each command; the best is kept")
	jobs := flag.Int("jobs", 0, "pass --jobs `N` to the scans (0: their default)")
	bin := flag.String("bin", "", "blindspot `binary` to measure (default: build this checkout)")
	baseline := flag.String("baseline", "", "another blindspot `binary` to measure beside it")
	fastJSON := flag.Bool("fast-json", false, "the floor decodes JSON with internal/jsonnode, as the scan does")
	policyDir := flag.String("policy-dir", "", "also scan with --policy-dir `DIR` and report what the policies add")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: perfratio [-n 3] [-jobs N] [-fast-json] [-bin BLINDSPOT] [-baseline BLINDSPOT] [-policy-dir DIR] DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Args(), *runs, *jobs, *fastJSON, *bin, *baseline, *policyDir); err != nil {
		fmt.Fprintf(os.Stderr, "perfratio: %v\n", err)
		os.Exit(1)
	}
}

func run(dirs []string, runs, jobs int, fastJSON bool, bin, baseline, policyDir string) error {
	tmp, err := os.MkdirTemp("", "perfratio")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	floor := filepath.Join(tmp, "parsefloor")
	if err := build(floor, "./internal/tools/parsefloor"); err != nil {
		return err
	}
	if bin == "" {
		bin = filepath.Join(tmp, "blindspot")
		if err := build(bin, "./cmd/blindspot"); err != nil {
			return err
		}
	}
	if policyDir != "" {
		if policyDir, err = filepath.Abs(policyDir); err != nil {
			return err
		}
	}
	scanArgs := []string{"scan", ".", "--format", "sarif", "--output", filepath.Join(tmp, "out.sarif")}
	if jobs > 0 {
		scanArgs = append(scanArgs, "--jobs", strconv.Itoa(jobs))
	}
	floorArgs := []string{"."}
	if fastJSON {
		floorArgs = []string{"-fast-json", "."}
	}
	// The commands measured in each directory, run in turn in every round
	// so that a change in the machine's load during the sitting falls on
	// all of them alike.
	type command struct {
		name  string
		bin   string
		args  []string
		floor bool
	}
	commands := []command{{name: "floor", bin: floor, args: floorArgs, floor: true}, {name: "this build", bin: bin, args: scanArgs}}
	if baseline != "" {
		commands = append(commands, command{name: "baseline", bin: baseline, args: scanArgs})
	}
	if policyDir != "" {
		withPolicies := append(slices.Clip(scanArgs), "--policy-dir", policyDir)
		commands = append(commands, command{name: "with policies", bin: bin, args: withPolicies})
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "directory\tbuild\tscan wall\tscan CPU\tscan RSS\tfloor wall\tfloor parse\tfloor CPU\tfloor RSS\tscan/floor wall\tscan/floor parse\tscan/floor CPU\t")
	var policyRows []string
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		results := make([]measurement, len(commands))
		for round := 0; round < runs; round++ {
			for i, c := range commands {
				if err := results[i].run(!c.floor, abs, c.bin, c.args...); err != nil {
					return fmt.Errorf("%s of %s: %w", c.name, dir, err)
				}
			}
		}
		fl := results[0]
		var parsed struct{ Seconds float64 }
		if err := json.Unmarshal(fl.stdout, &parsed); err != nil {
			return fmt.Errorf("parse floor of %s: %w", dir, err)
		}
		parse := time.Duration(parsed.Seconds * float64(time.Second))
		for i, c := range commands[1:] {
			sc := results[i+1]
			fmt.Fprintf(tw, "%s\t%s\t%.2fs\t%.2fs\t%d MB\t%.2fs\t%.2fs\t%.2fs\t%d MB\t%.2f×\t%.2f×\t%.2f×\t\n", dir, c.name,
				sc.best().Seconds(), sc.leastCPU().Seconds(), sc.rss>>20, fl.best().Seconds(), parse.Seconds(), fl.leastCPU().Seconds(), fl.rss>>20,
				sc.best().Seconds()/fl.best().Seconds(), sc.best().Seconds()/parse.Seconds(), sc.leastCPU().Seconds()/fl.leastCPU().Seconds())
		}
		if policyDir != "" {
			without, with := results[1], results[len(results)-1]
			policyRows = append(policyRows, fmt.Sprintf("%s\t%+.1f%%\t%+.1f%%\t%+.1f%%\t%+.1f%%\t", dir,
				percent(with.best(), without.best()), percent(with.median(), without.median()),
				percent(with.leastCPU(), without.leastCPU()), percent(with.medianCPU(), without.medianCPU())))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if policyDir == "" {
		return nil
	}
	fmt.Printf("\nwhat the policies of %s add to the scan (%d alternating rounds):\n", policyDir, runs)
	tw = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "directory\tbest wall\tmedian wall\tleast CPU\tmedian CPU\t")
	for _, row := range policyRows {
		fmt.Fprintln(tw, row)
	}
	return tw.Flush()
}

// percent is how much more a takes than b, in percent.
func percent(a, b time.Duration) float64 {
	return 100 * (a.Seconds()/b.Seconds() - 1)
}

// build compiles the package pkg of this module to out.
func build(out, pkg string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = moduleRoot()
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s: %w", pkg, err)
	}
	return nil
}

// moduleRoot is the directory of this module's go.mod.
func moduleRoot() string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "."
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// measurement is every run of one command.
type measurement struct {
	walls []time.Duration
	cpus  []time.Duration // processor time (user and system) of each run
	rss   int64           // highest peak resident memory in bytes; 0 where the system does not say
	// stdout is the output of the run with the least wall time.
	stdout []byte
}

// run runs the command once more in dir and records it. For a scan, exit
// status 1 (findings) and 2 (diagnostics about the input) are not failures
// of the measurement.
func (m *measurement) run(scan bool, dir, bin string, args ...string) error {
	var stdout bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Stdout = &stdout
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ee, ok := err.(*exec.ExitError); ok && scan && (ee.ExitCode() == 1 || ee.ExitCode() == 2) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", bin, strings.Join(args, " "), err)
	}
	if len(m.walls) == 0 || wall < m.best() {
		m.stdout = stdout.Bytes()
	}
	m.walls = append(m.walls, wall)
	m.cpus = append(m.cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	m.rss = max(m.rss, peakRSS(cmd.ProcessState))
	return nil
}

// best is the least wall time of the runs.
func (m *measurement) best() time.Duration { return slices.Min(m.walls) }

// leastCPU is the least processor time of the runs: unlike the wall time,
// it hardly depends on what else the machine runs, so it compares builds
// on a loaded machine.
func (m *measurement) leastCPU() time.Duration { return slices.Min(m.cpus) }

// median is the median wall time of the runs.
func (m *measurement) median() time.Duration { return median(m.walls) }

// medianCPU is the median processor time of the runs.
func (m *measurement) medianCPU() time.Duration { return median(m.cpus) }

// median is the middle of ds, or the mean of the two middle ones.
func median(ds []time.Duration) time.Duration {
	sorted := slices.Sorted(slices.Values(ds))
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}
