package sarif_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// multitool finds Microsoft's SARIF multitool (npm package
// @microsoft/sarif-multitool, 5.7.0 in CI): $SARIF_MULTITOOL, or the
// native executable beside the npm package's launcher on PATH. The
// launcher itself is not used: it passes its arguments through a shell,
// which splits "Gh;Sarif" at the semicolon.
func multitool() (string, bool) {
	if p := os.Getenv("SARIF_MULTITOOL"); p != "" {
		return p, true
	}
	launcher, err := exec.LookPath("sarif-multitool")
	if err != nil {
		return "", false
	}
	real, err := filepath.EvalSymlinks(launcher)
	if err != nil {
		return "", false
	}
	native := filepath.Join(filepath.Dir(real), "node_modules", "@microsoft", "sarif-multitool-"+runtime.GOOS, "Sarif.Multitool")
	if _, err := os.Stat(native); err != nil {
		return "", false
	}
	return native, true
}

// TestMultitool runs `sarif-multitool validate --rule-kind "Gh;Sarif"`
// (the SARIF spec's rules and GitHub code scanning's ingestion rules) over
// logs of every shape and fails on any error or warning. It is skipped when
// the tool is not installed (npm install -g @microsoft/sarif-multitool@5.7.0)
// and with -short.
func TestMultitool(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs an external tool")
	}
	tool, ok := multitool()
	if !ok {
		t.Skip("sarif-multitool not installed (npm install -g @microsoft/sarif-multitool@5.7.0, or set SARIF_MULTITOOL)")
	}
	dir := project(t)
	tmp := t.TempDir()
	var files []string
	names := map[string]string{}
	for _, s := range shapes(dir) {
		name := filepath.Join(tmp, strings.ReplaceAll(s.name, " ", "-")+".sarif")
		if err := os.WriteFile(name, s.write(t, dir), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
		names[filepath.Base(name)] = s.name
	}
	out := filepath.Join(tmp, "validation.sarif")
	args := append([]string{"validate", "--rule-kind", "Gh;Sarif", "--output", out}, files...)
	cmd := exec.Command(tool, args...)
	cmd.Dir = tmp
	stdout, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("multitool wrote no output: %v\n%s", err, stdout)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text      string   `json:"text"`
					Arguments []string `json:"arguments"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("reading the multitool's output: %v", err)
	}
	if len(log.Runs) == 0 {
		t.Fatalf("multitool output has no run:\n%s", stdout)
	}
	for _, r := range log.Runs[0].Results {
		// A result without a level is a warning (SARIF's default).
		if r.Level != "" && r.Level != "error" && r.Level != "warning" {
			continue
		}
		where := ""
		if len(r.Locations) > 0 {
			where = names[filepath.Base(r.Locations[0].PhysicalLocation.ArtifactLocation.URI)]
		}
		t.Errorf("%s: %s %s: %s %q", where, r.Level, r.RuleID, r.Message.Text, r.Message.Arguments)
	}
}
