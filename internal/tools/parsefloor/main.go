// Command parsefloor walks the given directories and reads and parses
// every Terraform and CloudFormation file in them, on every core, and
// nothing else (see internal/parsefloor): the floor a scan is measured
// against. It prints what it parsed and how long the parse took inside the
// process, as one JSON object; the wall time of the whole process is the
// floor for a scan's process.
//
// Usage:
//
//	go run ./internal/tools/parsefloor [-jobs N] [-fast-json] DIR...
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/blindspot-iac/blindspot/internal/parsefloor"
)

func main() {
	jobs := flag.Int("jobs", 0, "parse `N` files at once (default: GOMAXPROCS)")
	fastJSON := flag.Bool("fast-json", false, "decode JSON documents with internal/jsonnode, as the scan does, instead of yaml.v3")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: parsefloor [-jobs N] [-fast-json] DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	st, err := parsefloor.ParseWith(flag.Args(), parsefloor.Options{Jobs: *jobs, FastJSON: *fastJSON})
	if err != nil {
		fmt.Fprintf(os.Stderr, "parsefloor: %v\n", err)
		os.Exit(1)
	}
	out := struct {
		Files   int     `json:"files"`
		Bytes   int64   `json:"bytes"`
		Errors  int     `json:"errors"`
		Seconds float64 `json:"seconds"`
	}{st.Files, st.Bytes, st.Errors, time.Since(start).Seconds()}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintf(os.Stderr, "parsefloor: %v\n", err)
		os.Exit(1)
	}
}
