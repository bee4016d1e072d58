package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "rewrite docs/images/html-report.png from the HTML report of examples/organization/terraform/without-guardrails")

// chromium returns the headless browser the HTML report is checked in, or
// skips the test when none is installed (Debian: apt-get install chromium).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed (apt-get install -y chromium); the HTML report is not checked in a browser")
	return ""
}

// runChromium runs the headless browser on a local file with every
// network feature it can turn off, and returns what it wrote to stdout
// and stderr.
func runChromium(t *testing.T, browser, file string, args ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, browser, append(append(base, args...), "file://"+file)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// artefactDir is where browser tests keep what they render for people to
// look at: $BLINDSPOT_TEST_ARTIFACTS, or a directory under the system's
// temporary directory that outlives the test.
func artefactDir(t *testing.T) string {
	dir := os.Getenv("BLINDSPOT_TEST_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "blindspot-test-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestHTMLReportInBrowser renders the HTML report of examples/organization
// in headless Chromium: the page runs without a console message (a script
// error, a load the Content-Security-Policy refused), its self-check
// passes, and the organisation tree shows the OUs and accounts of the
// example with the guardrail cells the rules' judgement gives each. A
// screenshot is kept as a test artefact.
func TestHTMLReportInBrowser(t *testing.T) {
	browser := chromium(t)
	inRepoRoot(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	code, _, stderr := runCLI(t, "scan", "--format", "html="+page, "--show-unknown", "examples/organization")
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}

	// One run dumps the page after its script ran and keeps a screenshot.
	shot := filepath.Join(artefactDir(t), "html-report.png")
	dom, log := runChromium(t, browser, page, "--dump-dom", "--window-size=1280,2000", "--screenshot="+shot)
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Refused to") || strings.Contains(line, "Uncaught") {
			t.Errorf("browser console: %s", line)
		}
	}
	if !strings.Contains(dom, `id="selfcheck" data-status="ok"`) {
		m := regexp.MustCompile(`<div id="selfcheck"[^>]*>[^<]*</div>`).FindString(dom)
		t.Errorf("the page's self-check did not pass: %s", m)
	}
	// The filter counts what the page lists: the findings the scan
	// reports and, with --show-unknown, its undetermined results.
	_, out, _ := runCLI(t, "scan", "--format", "json", "--show-unknown", "examples/organization")
	var report struct{ Findings, Unknowns []json.RawMessage }
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatal(err)
	}
	if shown := fmt.Sprintf("of %d shown", len(report.Findings)+len(report.Unknowns)); !strings.Contains(dom, shown) {
		t.Errorf("the findings filter did not run (no %q)", shown)
	}

	// Each organisation's matrix, as rows of "kind name: cells", one
	// letter per guardrail (H held, N not held, U unknown).
	orgs := regexp.MustCompile(`(?s)<div class="org" data-org="([^"]*)">(.*?)</table>`).FindAllStringSubmatch(dom, -1)
	rowRE := regexp.MustCompile(`(?s)<tr class="(root|ou|account)" data-place="([^"]*)".*?</tr>`)
	cellRE := regexp.MustCompile(`<td class="cell (held|not-held|unknown)"`)
	var got []string
	for _, o := range orgs {
		var rows []string
		for _, r := range rowRE.FindAllStringSubmatch(o[2], -1) {
			var cells strings.Builder
			for _, c := range cellRE.FindAllStringSubmatch(r[0], -1) {
				cells.WriteByte(map[string]byte{"held": 'H', "not-held": 'N', "unknown": 'U'}[c[1]])
			}
			rows = append(rows, fmt.Sprintf("%s %s: %s", r[1], r[2], cells.String()))
		}
		got = append(got, strings.Join(rows, "\n"))
	}
	// The guardrails are, in order: leave the organisation, root user,
	// regions, security services, admin roles. Without guardrails, one SCP
	// on the Workloads OU denies leaving the organisation; the SCP on the
	// root names a Principal, which AWS rejects.
	without := strings.Join([]string{
		"root Root: NNNNN",
		"ou Security: NNNNN",
		"account log-archive: NNNNN",
		"account security-tooling: NNNNN",
		"ou Workloads: HNNNN",
		"account app-prod: HNNNN",
	}, "\n")
	with := strings.ReplaceAll(strings.ReplaceAll(without, "NNNNN", "HHHHH"), "HNNNN", "HHHHH")
	// The example holds both variants in both formats, in path order:
	// cloudformation/with-, cloudformation/without-, terraform/with-,
	// terraform/without-guardrails.
	want := []string{with, without, with, without}
	if strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("organisation matrices:\n%s\n\nwant:\n%s", strings.Join(got, "\n--\n"), strings.Join(want, "\n--\n"))
	}

	if info, err := os.Stat(shot); err != nil || info.Size() == 0 {
		t.Errorf("no screenshot: %v", err)
	}
	t.Logf("screenshot of the report: %s", shot)

	if *updateScreenshot {
		readme := filepath.Join(dir, "readme.html")
		if code, _, stderr := runCLI(t, "scan", "--format", "html="+readme, "examples/organization/terraform/without-guardrails"); code != exitFindings {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		target, err := filepath.Abs(filepath.Join("docs", "images", "html-report.png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		runChromium(t, browser, readme, "--window-size=1200,1010", "--hide-scrollbars", "--screenshot="+target)
	}
}
