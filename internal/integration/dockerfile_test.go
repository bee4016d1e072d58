package integration

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd, args string
}

func parseDockerfile(t *testing.T, data string) []instruction {
	t.Helper()
	var out []instruction
	var cur strings.Builder
	for _, line := range strings.Split(data, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	return out
}

// TestDockerfile checks the properties the container image promises, as
// no Docker engine may be at hand to build it (.ci/run builds and runs it
// when one is): a multi-stage build of a static binary, a final stage on
// a minimal base, a non-root user, ENTRYPOINT ["blindspot"] and the
// working directory /src.
func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var stages [][]instruction
	for _, in := range parseDockerfile(t, string(data)) {
		if in.cmd == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) > 0 {
			stages[len(stages)-1] = append(stages[len(stages)-1], in)
		}
	}
	if len(stages) < 2 {
		t.Fatalf("%d stages, want a multi-stage build", len(stages))
	}
	build, final := stages[0], stages[len(stages)-1]
	static := false
	for _, in := range build {
		if in.cmd == "RUN" && strings.Contains(in.args, "CGO_ENABLED=0") && strings.Contains(in.args, "go build") && strings.Contains(in.args, "./cmd/blindspot") {
			static = true
		}
	}
	if !static {
		t.Errorf("the build stage does not build ./cmd/blindspot with CGO_ENABLED=0")
	}
	base := strings.Fields(final[0].args)[0]
	if !strings.HasPrefix(base, "gcr.io/distroless/static") && base != "scratch" {
		t.Errorf("final stage on %s, want a minimal base (distroless/static or scratch)", base)
	}
	got := map[string]string{}
	for _, in := range final {
		got[in.cmd] = in.args
	}
	if u := got["USER"]; u == "" || u == "root" || strings.HasPrefix(u, "0:") || u == "0" {
		t.Errorf("USER %q, want a non-root user", u)
	}
	if got["WORKDIR"] != "/src" {
		t.Errorf("WORKDIR %q, want /src", got["WORKDIR"])
	}
	var entry []string
	if err := json.Unmarshal([]byte(got["ENTRYPOINT"]), &entry); err != nil || len(entry) != 1 || entry[0] != "blindspot" {
		t.Errorf(`ENTRYPOINT %s, want ["blindspot"] (exec form)`, got["ENTRYPOINT"])
	}
	if !strings.Contains(got["COPY"], "--from=build") || !strings.Contains(got["COPY"], "/usr/local/bin/blindspot") {
		t.Errorf("the final stage does not copy the binary from the build stage: COPY %s", got["COPY"])
	}
	ignore, err := os.ReadFile(filepath.Join(repoRoot(t), ".dockerignore"))
	if err != nil || !strings.Contains(string(ignore), ".git") {
		t.Errorf(".dockerignore should keep .git out of the build context: %v", err)
	}
}
