// Command perfratio measures a scan the way users run it against the
// floor of merely parsing the same files, as process wall times: for each
// directory it runs `blindspot scan DIR --format sarif --output FILE` and
// internal/tools/parsefloor (every file read and parsed on every core,
// nothing else) several times, keeps the best wall time of each, and
// prints both, their ratio, the ratio to the parse time measured inside
// the floor's process, the ratio of processor times (user and system,
// the least of the runs: the figure a loaded machine disturbs least), and
// the peak resident memory of each.
//
// Usage:
//
//	go run ./internal/tools/perfratio [-n 3] [-jobs N] [-fast-json] [-bin BLINDSPOT] [-baseline BLINDSPOT] DIR...
//
// It builds blindspot and the floor from this checkout into a temporary
// directory unless -bin names a blindspot binary. -baseline adds the same
// measurement of another build (an older version, for a before/after
// table). -fast-json makes the floor decode JSON templates with
// internal/jsonnode as the scan does, instead of yaml.v3 as issue 17
// defines it: the stricter floor. The machine's load shows in wall times: compare figures taken
// in one sitting on an otherwise idle machine.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: perfratio [-n 3] [-jobs N] [-fast-json] [-bin BLINDSPOT] [-baseline BLINDSPOT] DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Args(), *runs, *jobs, *fastJSON, *bin, *baseline); err != nil {
		fmt.Fprintf(os.Stderr, "perfratio: %v\n", err)
		os.Exit(1)
	}
}

func run(dirs []string, runs, jobs int, fastJSON bool, bin, baseline string) error {
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
	builds := []struct{ name, bin string }{{"this build", bin}}
	if baseline != "" {
		builds = append(builds, struct{ name, bin string }{"baseline", baseline})
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "directory\tbuild\tscan wall\tscan CPU\tscan RSS\tfloor wall\tfloor parse\tfloor CPU\tfloor RSS\tscan/floor wall\tscan/floor parse\tscan/floor CPU\t")
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		floorArgs := []string{"."}
		if fastJSON {
			floorArgs = []string{"-fast-json", "."}
		}
		fl, err := best(runs, false, abs, floor, floorArgs...)
		if err != nil {
			return fmt.Errorf("parse floor of %s: %w", dir, err)
		}
		var parsed struct{ Seconds float64 }
		if err := json.Unmarshal(fl.stdout, &parsed); err != nil {
			return fmt.Errorf("parse floor of %s: %w", dir, err)
		}
		parse := time.Duration(parsed.Seconds * float64(time.Second))
		for _, b := range builds {
			args := []string{"scan", ".", "--format", "sarif", "--output", filepath.Join(tmp, "out.sarif")}
			if jobs > 0 {
				args = append(args, "--jobs", strconv.Itoa(jobs))
			}
			sc, err := best(runs, true, abs, b.bin, args...)
			if err != nil {
				return fmt.Errorf("scan of %s: %w", dir, err)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.2fs\t%.2fs\t%d MB\t%.2fs\t%.2fs\t%.2fs\t%d MB\t%.2f×\t%.2f×\t%.2f×\t\n", dir, b.name,
				sc.wall.Seconds(), sc.cpu.Seconds(), sc.rss>>20, fl.wall.Seconds(), parse.Seconds(), fl.cpu.Seconds(), fl.rss>>20,
				sc.wall.Seconds()/fl.wall.Seconds(), sc.wall.Seconds()/parse.Seconds(), sc.cpu.Seconds()/fl.cpu.Seconds())
		}
	}
	return tw.Flush()
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

// measurement is one run of a command.
type measurement struct {
	wall time.Duration
	rss  int64 // peak resident memory in bytes; 0 where the system does not say
	// cpu is the least processor time (user and system) of the runs:
	// unlike the wall time, it hardly depends on what else the machine
	// runs, so it compares builds on a loaded machine.
	cpu    time.Duration
	stdout []byte
}

// best runs the command n times in dir and returns the run with the least
// wall time, with the highest peak memory seen across runs. For a scan,
// exit status 1 (findings) and 2 (diagnostics about the input) are not
// failures of the measurement.
func best(n int, scan bool, dir, bin string, args ...string) (measurement, error) {
	var out measurement
	for i := 0; i < n; i++ {
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
			return out, fmt.Errorf("%s %s: %w", bin, strings.Join(args, " "), err)
		}
		if i == 0 || wall < out.wall {
			out.wall, out.stdout = wall, stdout.Bytes()
		}
		out.rss = max(out.rss, peakRSS(cmd.ProcessState))
		if cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(); i == 0 || cpu < out.cpu {
			out.cpu = cpu
		}
	}
	return out, nil
}
