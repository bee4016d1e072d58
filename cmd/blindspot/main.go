// Command blindspot is a static security analyzer for AWS
// infrastructure-as-code: it reads Terraform and CloudFormation, evaluates
// them as their own tools would, and reports security problems as text,
// JSON, SARIF or GitHub workflow annotations.
//
// Usage:
//
//	blindspot scan [PATH...]     scan files and directories (default ".")
//	blindspot rules              list the rules
//	blindspot policy test DIR    run custom policies' fixtures
//	blindspot policy lint        check custom policy files
//	blindspot version            print the version (also --version)
//
// Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage error,
// a path given that does not exist or cannot be read, a directory given
// with nothing to scan, or, with --fail-on-incomplete, a scan that could not
// read everything (the report is still written).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

func main() {
	setGCDefault(os.Getenv)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// defaultGCPercent is the garbage collector's target (GOGC) unless the
// user sets GOGC or GOMEMLIMIT. A scan allocates about fourteen times its
// live heap (the syntax trees and values of each unit, dropped once the
// unit is checked), so at Go's default of 100 the collector runs all the
// time: it took about a quarter of a scan's CPU. 200 halves its work for
// about 30 MB more peak memory on the perf corpus.
const defaultGCPercent = 200

// defaultMemoryLimit is the soft memory limit (GOMEMLIMIT) set with it: up
// to there the collector works at defaultGCPercent, beyond it harder, so
// that the larger target does not double the peak memory of a large
// repository (ten copies of the perf corpus reached 600 MB at 200, 300 MB
// at 100).
const defaultMemoryLimit = 256 << 20

// setGCDefault sets the collector's target to defaultGCPercent and its
// soft memory limit to defaultMemoryLimit when the environment (read
// through getenv) leaves them to the program.
func setGCDefault(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(defaultGCPercent)
	debug.SetMemoryLimit(defaultMemoryLimit)
}

// exitError carries an exit code out of a command.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

// run executes the command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitClean
	}
	var ec *exitCodeError
	if errors.As(err, &ec) {
		if ec.err != nil {
			fmt.Fprintf(stderr, "blindspot: %v\n", ec.err)
		}
		return ec.code
	}
	fmt.Fprintf(stderr, "blindspot: %v\n", err)
	return exitError
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "blindspot",
		Short:         "Static security analysis for AWS Terraform and CloudFormation",
		Version:       readVersion().String(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// --version prints what the version command prints.
	root.SetVersionTemplate("blindspot {{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newScanCmd(stdout, stderr), newRulesCmd(stdout), newPolicyCmd(stdout, stderr), newVersionCmd(stdout))
	return root
}
