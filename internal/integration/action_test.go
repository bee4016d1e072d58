package integration

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// runnerEnv is the environment a GitHub runner gives an action's step,
// under dir: RUNNER_* and the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
func runnerEnv(t *testing.T, dir string) (env []string, output, summary string) {
	t.Helper()
	output, summary = filepath.Join(dir, "output"), filepath.Join(dir, "summary.md")
	temp := filepath.Join(dir, "runner-temp")
	if err := os.MkdirAll(temp, 0o755); err != nil {
		t.Fatal(err)
	}
	arch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
	env = []string{
		"RUNNER_OS=Linux", "RUNNER_ARCH=" + arch, "RUNNER_TEMP=" + temp,
		"GITHUB_OUTPUT=" + output, "GITHUB_STEP_SUMMARY=" + summary,
		"GITHUB_WORKFLOW=ci", "GITHUB_JOB=scan",
	}
	return env, output, summary
}

// outputs reads the name=value lines an action step wrote.
func outputs(t *testing.T, file string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	return out
}

func runScript(t *testing.T, dir string, env []string, script string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(repoRoot(t), "action", script))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// fakeRelease serves a release of tag: an archive for this system holding
// a stand-in blindspot, and checksums.txt (tampered with when asked).
func fakeRelease(t *testing.T, tag string, tamper bool) *httptest.Server {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct {
		name, body string
	}{
		{"blindspot", "#!/bin/sh\necho \"blindspot " + tag + " (stand-in)\"\n"},
		{"LICENSE", "Apache-2.0\n"},
	} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o755, Size: int64(len(f.body))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(f.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	archive := fmt.Sprintf("blindspot_%s_linux_%s.tar.gz", strings.TrimPrefix(tag, "v"), runtime.GOARCH)
	sum := sha256.Sum256(buf.Bytes())
	digest := hex.EncodeToString(sum[:])
	if tamper {
		digest = strings.Repeat("0", 64)
	}
	checksums := fmt.Sprintf("%s  blindspot_%s_windows_amd64.zip\n%s  %s\n", strings.Repeat("1", 64), strings.TrimPrefix(tag, "v"), digest, archive)
	mux := http.NewServeMux()
	mux.HandleFunc("/"+tag+"/"+archive, func(w http.ResponseWriter, r *http.Request) { w.Write(buf.Bytes()) })
	mux.HandleFunc("/"+tag+"/checksums.txt", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(checksums)) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestActionInstallsTheRelease runs the action's install step at a
// release tag against a release served on 127.0.0.1: the archive is
// downloaded and installed when its checksum matches, and refused when
// it does not.
func TestActionInstallsTheRelease(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the test serves a Linux release")
	}
	for _, tamper := range []bool{false, true} {
		t.Run(fmt.Sprintf("tampered=%v", tamper), func(t *testing.T) {
			srv := fakeRelease(t, "v9.8.7", tamper)
			dir := t.TempDir()
			env, output, _ := runnerEnv(t, dir)
			env = append(env, "ACTION_REF=v9.8.7", "ACTION_PATH="+repoRoot(t), "BLINDSPOT_RELEASES="+srv.URL)
			out, err := runScript(t, dir, env, "install.sh")
			if tamper {
				if err == nil || !strings.Contains(out, "checksum mismatch") {
					t.Fatalf("a tampered archive was installed: %v\n%s", err, out)
				}
				return
			}
			if err != nil {
				t.Fatalf("install.sh: %v\n%s", err, out)
			}
			if !strings.Contains(out, "Checksum verified") || !strings.Contains(out, "blindspot v9.8.7 (stand-in)") {
				t.Errorf("install.sh output:\n%s", out)
			}
			bin := outputs(t, output)["path"]
			if v, err := exec.Command(bin).Output(); err != nil || !strings.Contains(string(v), "v9.8.7") {
				t.Errorf("installed %s: %v %s", bin, err, v)
			}
		})
	}
}

// TestActionBuildsFromSource runs the install step at a branch and at a
// commit: it builds the action's source with the go on the PATH, under a
// pinned toolchain, without changing PATH. A stand-in go records how it
// was called (the real build runs in the self-test workflow).
func TestActionBuildsFromSource(t *testing.T) {
	for _, ref := range []string{"main", "0123456789abcdef0123456789abcdef01234567", ""} {
		t.Run("ref="+ref, func(t *testing.T) {
			dir := t.TempDir()
			env, output, _ := runnerEnv(t, dir)
			bin := filepath.Join(dir, "fakebin")
			if err := os.Mkdir(bin, 0o755); err != nil {
				t.Fatal(err)
			}
			log := filepath.Join(dir, "go.log")
			fakeGo := `#!/bin/sh
echo "GOTOOLCHAIN=$GOTOOLCHAIN CGO_ENABLED=$CGO_ENABLED $*" >> "` + log + `"
while [ $# -gt 0 ]; do
  if [ "$1" = -o ]; then printf '#!/bin/sh\necho blindspot devel\n' > "$2"; chmod +x "$2"; fi
  shift
done
`
			if err := os.WriteFile(filepath.Join(bin, "go"), []byte(fakeGo), 0o755); err != nil {
				t.Fatal(err)
			}
			env = append(env, "ACTION_REF="+ref, "ACTION_PATH="+repoRoot(t), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			out, err := runScript(t, dir, env, "install.sh")
			if err != nil {
				t.Fatalf("install.sh: %v\n%s", err, out)
			}
			calls, _ := os.ReadFile(log)
			want := "GOTOOLCHAIN=go1."
			if !strings.Contains(string(calls), want) || !strings.Contains(string(calls), "CGO_ENABLED=0 build -trimpath") || !strings.Contains(string(calls), "./cmd/blindspot") {
				t.Errorf("go was called as:\n%s", calls)
			}
			if len(ref) == 40 && !strings.Contains(string(calls), "-X main.commit="+ref) {
				t.Errorf("a build at a commit does not record it:\n%s", calls)
			}
			if outputs(t, output)["path"] == "" {
				t.Errorf("no path output")
			}
		})
	}
}

var (
	buildOnce sync.Once
	built     string
	buildErr  error
)

// blindspotBinary builds blindspot from this checkout once per test run.
func blindspotBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp(shared, "bin")
		if err != nil {
			buildErr = err
			return
		}
		built = filepath.Join(dir, "blindspot")
		cmd := exec.Command("go", "build", "-o", built, "./cmd/blindspot")
		cmd.Dir = repoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built
}

// TestActionScan runs the action's scan step on a repository with the
// examples: paths one per line (spaces kept), arguments one per line, a
// working directory; one scan writes the SARIF file, the annotations
// (errors first) and the job summary, and the outputs agree with them.
func TestActionScan(t *testing.T) {
	bin := blindspotBinary(t)
	repo := t.TempDir()
	mustRun(t, repo, nil, "git", "init", "-q")
	for _, c := range [][2]string{{"examples/terraform/app", "infra/app with spaces"}, {"examples/cloudformation", "infra/stacks"}} {
		mustRun(t, repoRoot(t), nil, "mkdir", "-p", filepath.Join(repo, c[1]))
		mustRun(t, repoRoot(t), nil, "cp", "-R", c[0]+"/.", filepath.Join(repo, c[1]))
	}
	scan := func(t *testing.T, extra ...string) (string, map[string]string, string) {
		t.Helper()
		dir := t.TempDir()
		env, output, summary := runnerEnv(t, dir)
		env = append(env, "BLINDSPOT="+bin, "WORKING_DIRECTORY=infra", "FAIL_ON=none", "SARIF_FILE=out/results.sarif",
			"PATHS=app with spaces\r\n\nstacks\n", "ARGS=--exclude=network.json\n--var=environment=prod")
		env = append(env, extra...)
		if err := os.MkdirAll(filepath.Join(repo, "infra", "out"), 0o755); err != nil {
			t.Fatal(err)
		}
		out, err := runScript(t, repo, env, "scan.sh")
		if err != nil {
			t.Fatalf("scan.sh: %v\n%s", err, out)
		}
		s, _ := os.ReadFile(summary)
		return out, outputs(t, output), string(s)
	}

	t.Run("annotations", func(t *testing.T) {
		out, o, summary := scan(t)
		if o["exit-code"] != "0" || o["sarif-file"] != filepath.Join(repo, "infra", "out", "results.sarif") {
			t.Errorf("outputs %v", o)
		}
		data, err := os.ReadFile(o["sarif-file"])
		if err != nil {
			t.Fatal(err)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
						}
					}
				}
			}
		}
		if err := json.Unmarshal(data, &log); err != nil {
			t.Fatal(err)
		}
		failed := 0
		for _, r := range log.Runs[0].Results {
			failed++
			uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
			if !strings.HasPrefix(uri, "infra/app%20with%20spaces/") && !strings.HasPrefix(uri, "infra/stacks/") {
				t.Errorf("SARIF location %s is not relative to the repository root", uri)
			}
			if strings.Contains(uri, "network.json") {
				t.Errorf("--exclude=network.json from args was not applied: %s", uri)
			}
		}
		if fmt.Sprint(failed) != o["findings"] || failed == 0 {
			t.Errorf("findings output %s; SARIF has %d results", o["findings"], failed)
		}
		var annotations []string
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "::") {
				annotations = append(annotations, line)
			}
		}
		if len(annotations) == 0 || !strings.HasPrefix(annotations[0], "::error ") {
			t.Errorf("annotations do not start with errors:\n%s", strings.Join(annotations, "\n"))
		}
		if !strings.Contains(summary, "## blindspot") || !strings.Contains(summary, "### Most severe findings") {
			t.Errorf("job summary:\n%s", summary)
		}
		if !strings.HasPrefix(o["category"], "blindspot/ci/scan/") {
			t.Errorf("category %q", o["category"])
		}
		_, other, _ := scan(t, "ARGS=--var=environment=prod")
		if other["category"] == o["category"] {
			t.Errorf("two scans with different arguments share the category %s", o["category"])
		}
		_, named, _ := scan(t, "CATEGORY=mine")
		if named["category"] != "mine" {
			t.Errorf("category input ignored: %q", named["category"])
		}
	})

	t.Run("no annotations, failing", func(t *testing.T) {
		out, o, _ := scan(t, "ANNOTATIONS=false", "FAIL_ON=high")
		if strings.Contains(out, "\n::") || strings.HasPrefix(out, "::") {
			t.Errorf("annotations written with annotations: false:\n%s", out)
		}
		if !strings.Contains(out, "findings") || o["exit-code"] != "1" {
			t.Errorf("exit-code %s, log:\n%s", o["exit-code"], out)
		}
	})
}

// TestActionMetadata checks action.yml against the scripts it runs: every
// input is passed to a step, every output comes from the scan step.
func TestActionMetadata(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, input := range []string{"paths", "args", "working-directory", "category", "fail-on", "fail-on-incomplete", "upload", "annotations", "sarif-file"} {
		if !strings.Contains(text, "inputs."+input+" ") && !strings.Contains(text, "inputs."+input+"}") {
			t.Errorf("input %s is not used by any step", input)
		}
	}
	for _, output := range []string{"sarif-file", "findings", "exit-code"} {
		if !strings.Contains(text, "steps.scan.outputs."+output+" }}") {
			t.Errorf("output %s does not come from the scan step", output)
		}
	}
}

// TestActionScriptsShellcheck lints the action's scripts with shellcheck
// (Debian package shellcheck); it skips when shellcheck is not installed.
func TestActionScriptsShellcheck(t *testing.T) {
	sc, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not installed")
	}
	scripts, _ := filepath.Glob(filepath.Join(repoRoot(t), "action", "*.sh"))
	if out, err := exec.Command(sc, scripts...).CombinedOutput(); err != nil {
		t.Errorf("shellcheck: %v\n%s", err, out)
	}
}
