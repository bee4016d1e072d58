//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

// The hostile-input suite runs blindspot, as a separate process (this test
// binary re-executed), on inputs an attacker would put in a pull request,
// generated at test time. Each case must: exit within 15 s of CPU time
// (the process is killed after 60 s of wall time: the machine running the
// tests may be shared), with a peak RSS under 2 GiB (measured, not
// capped), without a panic; report the
// diagnostic the case expects; never show anything from outside the scan
// root in any output; keep every output free of control characters and
// workflow commands; and still report the real finding beside the hostile
// file.

const childEnv = "BLINDSPOT_HOSTILE_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// outsidePolicy is a custom policy outside the root that would match the
// security group beside every case.
const outsidePolicy = `id: acme-outside
title: ` + secretMarker + `
severity: high
description: read from outside the root
match: [aws_security_group]
condition: 'true'
`

// secretMarker is the content of files outside the root: no output may
// ever hold it.
const secretMarker = "TOPSECRET-7f3a9c"

// openGroup is the real finding each case keeps beside its hostile files.
const openGroup = `resource "aws_security_group" "open" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`

// hostileCase is one generated input.
type hostileCase struct {
	name string
	// setup writes the hostile files into repo (the scan root) and may
	// add arguments.
	setup func(t *testing.T, repo string) []string
	// want is a diagnostic code the scan must report ("" for none).
	want string
	// inRepo runs the scan from inside the repository (for a
	// configuration file found in the working directory).
	inRepo bool
}

func hostileCases() []hostileCase {
	rep := strings.Repeat
	return []hostileCase{
		{name: "deep HCL brackets", want: "nesting-limit", setup: files(map[string]string{"deep/main.tf": "a = " + rep("[", 200000) + rep("]", 200000)})},
		{name: "deep HCL blocks", want: "nesting-limit", setup: files(map[string]string{"deep/main.tf": rep("a {\n", 100000) + rep("}\n", 100000)})},
		{name: "unary operator run", want: "nesting-limit", setup: files(map[string]string{"ops/main.tf": "locals {\n  a = " + rep("!", 900000) + "true\n}\n"})},
		{name: "deep JSON", want: "nesting-limit", setup: files(map[string]string{"deep/main.tf.json": rep(`{"a":`, 200000) + "1" + rep("}", 200000)})},
		{name: "deep YAML", want: "nesting-limit", setup: files(map[string]string{"stack.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: " + rep("[", 200000) + rep("]", 200000) + "\n"})},
		{name: "YAML alias bomb", want: "evaluation-budget", setup: files(map[string]string{"bomb.yaml": aliasBomb()})},
		{name: "binary .tf", want: "not-utf8", setup: files(map[string]string{"bin/main.tf": string(binary(1 << 16))})},
		{name: "NUL bytes", want: "not-utf8", setup: files(map[string]string{"nul/main.tf": "resource \"aws_s3_bucket\" \"b\" {\x00}\n"})},
		{name: "UTF-16 template", want: "not-utf8", setup: files(map[string]string{"wide.yaml": utf16LE("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  G:\n    Type: AWS::EC2::SecurityGroup\n")})},
		{name: "UTF-16 .tf", want: "not-utf8", setup: files(map[string]string{"wide/main.tf": utf16LE(openGroup)})},
		{name: "30 MB string in a .tf", want: "file-too-large", setup: files(map[string]string{"big/main.tf": "locals {\n  a = \"" + rep("x", 30<<20) + "\"\n}\n"})},
		{name: "30 MB template", want: "file-too-large", setup: files(map[string]string{"big.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nDescription: " + rep("x", 30<<20) + "\nResources: {}\n"})},
		{name: "huge number literal", want: "nesting-limit", setup: files(map[string]string{"num/main.tf": "locals {\n  a = 1e600000000\n}\noutput \"a\" { value = \"${local.a}\" }\n"})},
		{name: "setproduct explosion", want: "evaluation-budget", setup: files(map[string]string{"net/explode.tf": `locals { p = setproduct(range(1000), range(1000), range(1000)) }
resource "aws_s3_bucket" "b" { tags = { n = length(local.p) } }
`})},
		{name: "doubling locals", want: "evaluation-budget", setup: files(map[string]string{"net/double.tf": doublingLocals()})},
		{name: "nested for expressions", want: "evaluation-budget", setup: files(map[string]string{"net/for.tf": `locals { l = range(1000) }
resource "aws_s3_bucket" "b" { tags = { n = length([for a in local.l : [for b in local.l : [for c in local.l : c]]]) } }
`})},
		{name: "module fan-out", want: "evaluation-budget", setup: files(map[string]string{
			"net/fan.tf":    "module \"a\" {\n  source = \"./a\"\n  count  = 100\n}\n",
			"net/a/main.tf": "module \"b\" {\n  source = \"../b\"\n  count  = 100\n}\n",
			"net/b/main.tf": "module \"c\" {\n  source = \"../c\"\n  count  = 100\n}\n",
			"net/c/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  count = 100\n}\n",
		})},
		{name: "10,000 chained locals", setup: files(map[string]string{"chain/main.tf": chainedLocals(10000)})},
		{name: "nested stack fan-out", want: "evaluation-budget", setup: nestedStacks},
		{name: "symlink to /dev/zero", want: "symlink-outside-root", setup: symlinks(map[string]string{"zero.tf": "/dev/zero", "net/zero.tf": "/dev/zero"})},
		{name: "symlink to /etc", want: "symlink-outside-root", setup: symlinks(map[string]string{"etc": "/etc", "passwd.yaml": "/etc/passwd"})},
		{name: "symlink to the parent", want: "symlink-outside-root", setup: symlinks(map[string]string{"up": "..", "secret.tf": "../secret.txt"})},
		{name: "symlink loop", want: "broken-symlink", setup: symlinks(map[string]string{"loop.tf": "loop2.tf", "loop2.tf": "loop.tf", "dirloop": "."})},
		{name: "FIFO", want: "not-regular-file", setup: fifos("fifo.yaml", "net/fifo.tf", "mod/main.tf")},
		{name: "file() outside the root", want: "evaluation-error", setup: files(map[string]string{"net/read.tf": `resource "aws_s3_bucket" "b" {
  bucket = file("../../secret.txt")
  policy = templatefile("/etc/passwd", {})
  tags   = { n = length(fileset("${path.module}/../..", "**")), e = fileexists("../../secret.txt") ? "y" : "n" }
}
`})},
		{name: "module source outside the root", want: "outside-root", setup: files(map[string]string{"net/mod.tf": "module \"m\" {\n  source = \"../../outside\"\n}\n"})},
		{name: "module manifest outside the root", want: "outside-root", setup: files(map[string]string{
			"net/remote.tf":                       "module \"r\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n",
			"net/.terraform/modules/modules.json": `{"Modules": [{"Key": "r", "Source": "x", "Dir": "../../../outside"}]}`,
		})},
		{name: "tfvars symlink outside", want: "symlink-outside-root", setup: func(t *testing.T, repo string) []string {
			files(map[string]string{"vars/main.tf": "variable \"v\" {}\nresource \"aws_s3_bucket\" \"b\" { bucket = var.v }\n"})(t, repo)
			return symlinks(map[string]string{"vars/terraform.tfvars": "../../secret.txt"})(t, repo)
		}},
		{name: "nested stack outside the root", want: "outside-root", setup: files(map[string]string{"parent.yaml": `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../../outside/secret.yaml
`})},
		{name: "configuration inside the tree", want: "excluded-by-config", inRepo: true, setup: files(map[string]string{
			".blindspot.yaml":  "exclude: [\"hidden/**\"]\nterraform:\n  var_files: [../secret.txt]\n",
			"hidden/main.tf":   openGroup,
			"hidden/second.tf": "",
		})},
		{name: "custom policies outside the tree", want: "outside-root", inRepo: true, setup: func(t *testing.T, repo string) []string {
			// Were either policy read, its title (the secret) would be in
			// every finding on the security group.
			must(t, os.WriteFile(filepath.Join(filepath.Dir(repo), "outside", "policy.yaml"), []byte(outsidePolicy), 0o644))
			files(map[string]string{".blindspot.yaml": "policies: [../outside/policy.yaml]\n"})(t, repo)
			return symlinks(map[string]string{".blindspot/policies/evil.yaml": "../../../outside/policy.yaml"})(t, repo)
		}},
		{name: "control characters and workflow commands", setup: files(map[string]string{
			"::error::x/main.tf": "resource \"aws_s3_bucket\" \"\u202eevil\x1b[31m\" {\n  bucket = \"##vso[task.setvariable variable=x]1\"\n}\n",
			"ansi/main.tf":       "resource \"aws_security_group\" \"g\" {\n  description = \"\x1b]0;pwned\x07\u2066\"\n}\n",
		})},
		{name: "secret in the excerpt", setup: files(map[string]string{"keys/main.tf": `provider "aws" {
  region = "eu-west-1"
  access_key = "AKIAUJZDEGXDNCF32EPF" # the key itself must not be shown
}
`})},
	}
}

func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs blindspot as a process per case")
	}
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runHostile(t, c)
		})
	}
}

// runHostile lays out a case and checks what the scan did with it.
func runHostile(t *testing.T, c hostileCase) {
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	must(t, os.MkdirAll(filepath.Join(repo, "net"), 0o755))
	must(t, os.WriteFile(filepath.Join(base, "secret.txt"), []byte(secretMarker+"\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(base, "outside"), 0o755))
	must(t, os.WriteFile(filepath.Join(base, "outside", "main.tf"), []byte("# "+secretMarker+"\n"+openGroup), 0o644))
	must(t, os.WriteFile(filepath.Join(base, "outside", "secret.yaml"), []byte("# "+secretMarker+"\nResources:\n  X:\n    Type: AWS::S3::Bucket\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(repo, "net", "sg.tf"), []byte(openGroup), 0o644))
	extra := c.setup(t, repo)

	out := filepath.Join(base, "out")
	must(t, os.MkdirAll(out, 0o755))
	args := append([]string{"scan", "--fail-on-incomplete",
		"--format", "text", "--format", "json=" + filepath.Join(out, "r.json"),
		"--format", "sarif=" + filepath.Join(out, "r.sarif"), "--format", "github=" + filepath.Join(out, "r.github")}, extra...)
	dir := base
	if c.inRepo {
		dir = repo
		args = append(args, ".")
	} else {
		args = append(args, "repo")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	must(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("did not exit within 60 s")
	}
	elapsed := time.Since(start)
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	rss := int64(0)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	t.Logf("%s: exit %d in %v (%v of CPU), peak RSS %d MB", c.name, cmd.ProcessState.ExitCode(), elapsed.Round(time.Millisecond), cpu.Round(time.Millisecond), rss>>20)
	if cpu > 15*time.Second {
		t.Errorf("took %v of CPU time, over 15 s", cpu)
	}
	if rss > 2<<30 {
		t.Errorf("peak RSS %d MB, over 2 GiB", rss>>20)
	}
	code := cmd.ProcessState.ExitCode()
	if code != 1 && code != 2 {
		t.Errorf("exit code %d, want 1 (findings) or 2 (incomplete)", code)
	}
	if bytes.Contains(stderr.Bytes(), []byte("panic")) || bytes.Contains(stderr.Bytes(), []byte("internal-error")) {
		t.Errorf("crashed:\n%s", stderr.Bytes())
	}
	outputs := map[string][]byte{"stdout": stdout.Bytes(), "stderr": stderr.Bytes()}
	for _, f := range []string{"r.json", "r.sarif", "r.github"} {
		data, err := os.ReadFile(filepath.Join(out, f))
		must(t, err)
		outputs[f] = data
	}
	for name, data := range outputs {
		if bytes.Contains(data, []byte(secretMarker)) || bytes.Contains(data, []byte("root:x:0:0")) {
			t.Errorf("%s shows content from outside the root", name)
		}
		if bytes.Contains(data, []byte("AKIAUJZDEGXDNCF32EPF")) {
			t.Errorf("%s shows the secret key", name)
		}
		if bytes.ContainsAny(data, "\x1b\x07\u202e\u2066") {
			t.Errorf("%s holds raw control or bidi characters", name)
		}
		if bytes.Contains(data, []byte("##vso[")) {
			t.Errorf("%s holds an Azure logging command", name)
		}
		if name == "r.github" {
			continue // workflow commands are that format's purpose
		}
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") {
				t.Errorf("%s has a line that is a workflow command: %q", name, line)
			}
		}
	}
	if c.want != "" && !bytes.Contains(outputs["r.json"], []byte(`"code": "`+c.want+`"`)) {
		t.Errorf("no %s diagnostic; stderr:\n%.3000s", c.want, stderr.Bytes())
	}
	if !bytes.Contains(stdout.Bytes(), []byte("aws-ec2-open-ingress")) {
		t.Errorf("the open security group beside the hostile files is not reported; stderr:\n%.3000s", stderr.Bytes())
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// files writes files under the repository.
func files(m map[string]string) func(*testing.T, string) []string {
	return func(t *testing.T, repo string) []string {
		for name, content := range m {
			p := filepath.Join(repo, filepath.FromSlash(name))
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			must(t, os.WriteFile(p, []byte(content), 0o644))
		}
		return nil
	}
}

// symlinks makes symbolic links (name -> target) in the repository.
func symlinks(m map[string]string) func(*testing.T, string) []string {
	return func(t *testing.T, repo string) []string {
		for name, target := range m {
			p := filepath.Join(repo, filepath.FromSlash(name))
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			must(t, os.Symlink(target, p))
		}
		return nil
	}
}

// fifos makes FIFOs named like code.
func fifos(names ...string) func(*testing.T, string) []string {
	return func(t *testing.T, repo string) []string {
		for _, name := range names {
			p := filepath.Join(repo, filepath.FromSlash(name))
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("no FIFOs: %v", err)
			}
		}
		return nil
	}
}

// nestedStacks is a DAG of nested stacks, each level using the next one
// ten times, the last reached again through a symbolic link.
func nestedStacks(t *testing.T, repo string) []string {
	const levels = 6
	for i := 0; i < levels; i++ {
		var b strings.Builder
		b.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n")
		if i < levels-1 {
			for j := 0; j < 10; j++ {
				loc := fmt.Sprintf("l%d.yaml", i+1)
				if j%2 == 1 {
					loc = fmt.Sprintf("link/l%d.yaml", i+1)
				}
				fmt.Fprintf(&b, "  S%d:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: %s\n", j, loc)
			}
		} else {
			b.WriteString("  Q:\n    Type: AWS::SQS::Queue\n")
		}
		must(t, os.MkdirAll(filepath.Join(repo, "stacks"), 0o755))
		must(t, os.WriteFile(filepath.Join(repo, "stacks", fmt.Sprintf("l%d.yaml", i)), []byte(b.String()), 0o644))
	}
	must(t, os.Symlink(".", filepath.Join(repo, "stacks", "link")))
	return nil
}

func aliasBomb() string {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nMappings:\n  M:\n    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "    a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *a11\n")
	return b.String()
}

func doublingLocals() string {
	var b strings.Builder
	b.WriteString("locals {\n  s0 = \"" + strings.Repeat("x", 1024) + "\"\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  s%d = \"${local.s%d}${local.s%d}\"\n", i, i-1, i-1)
	}
	b.WriteString("}\nresource \"aws_s3_bucket\" \"b\" { bucket = local.s40 }\n")
	return b.String()
}

func chainedLocals(n int) string {
	var b strings.Builder
	b.WriteString("locals {\n  l0 = 1\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  l%d = local.l%d + 1\n", i, i-1)
	}
	b.WriteString("}\nresource \"aws_s3_bucket\" \"b\" { tags = { n = local.l" + fmt.Sprint(n-1) + " } }\n")
	return b.String()
}

func binary(n int) []byte {
	out := make([]byte, n)
	x := uint32(2463534242)
	for i := range out {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		out[i] = byte(x)
	}
	return out
}

func utf16LE(s string) string {
	out := []byte{0xff, 0xfe}
	for _, r := range utf16.Encode([]rune(s)) {
		out = append(out, byte(r), byte(r>>8))
	}
	return string(out)
}
