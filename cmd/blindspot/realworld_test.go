package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/builtin"
)

// corpusDirs are the repositories of ../shared/corpus/realworld, kept
// whole (not as the perf corpus's files) and scanned as a user would. The
// perf corpus's robustness is TestCorpusHasNoInternalErrors's.
func corpusDirs(t *testing.T) map[string]string {
	t.Helper()
	base := filepath.Join("..", "..", "..", "shared", "corpus", "realworld")
	dirs := map[string]string{}
	entries, _ := os.ReadDir(base)
	for _, e := range entries {
		if e.IsDir() {
			dirs[e.Name()] = filepath.Join(base, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Skip("no corpus under ../shared/corpus/realworld")
	}
	return dirs
}

// missingGuardrail are the organisation rules that report something
// missing, which code that was not read may have created.
var missingGuardrail = map[string]bool{
	"aws-org-leave-organization-allowed": true, "aws-org-security-services-unprotected": true,
	"aws-org-root-user-unrestricted": true, "aws-org-region-unrestricted": true, "aws-org-admin-roles-unprotected": true,
	"aws-org-ai-opt-out-missing": true, "aws-org-trail-not-organization-wide": true,
	"aws-org-security-admin-not-delegated": true, "aws-org-scp-unattached": true,
}

// moduleSource is the source a module diagnostic names.
var moduleSource = regexp.MustCompile(`^module (?:source )?(\S+) (?:has not been downloaded|could not be downloaded|does not exist|leaves)`)

// TestRealWorldCorpus scans public repositories the way a new user's CI
// would, and requires what makes blindspot usable and sound there on day
// one: exit status 0 or 1 (2 is for the user's mistakes, not the
// repository's), no error from a file that is not Terraform or
// CloudFormation, modules that were not downloaded said once per source
// with their call counts, and no organisation rule claiming a guardrail
// is missing in a unit whose unread modules could have created it.
func TestRealWorldCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the corpora; skipped with -short")
	}
	for name, dir := range corpusDirs(t) {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.json")
			code, _, stderr := runCLI(t, "scan", "--format", "json", "--output", out, dir)
			if code != exitClean && code != exitFindings {
				t.Fatalf("exit status %d, want 0 or 1; stderr:\n%s", code, stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var report struct {
				Diagnostics []struct {
					Severity, Code, Message, File string
					Count                         int
				}
				Summary struct {
					ModulesNotDownloaded, ModulesMissing struct{ Calls, Sources int }
				}
			}
			if err := json.Unmarshal(data, &report); err != nil {
				t.Fatal(err)
			}

			// Errors only in files that are Terraform or CloudFormation.
			abs, _ := filepath.Abs(dir)
			rel := func(file string) string {
				if !filepath.IsAbs(file) {
					file, _ = filepath.Abs(file)
				}
				r, _ := filepath.Rel(abs, file)
				return filepath.ToSlash(r)
			}
			units, _ := parser.Discover([]string{dir}, parser.Options{})
			templates := map[string]bool{}
			for _, u := range units {
				if u.Kind != parser.TerraformModule {
					templates[rel(u.Path)] = true
				}
			}
			for _, d := range report.Diagnostics {
				if d.Severity != "error" {
					continue
				}
				f := rel(d.File)
				terraform := strings.HasSuffix(f, ".tf") || strings.HasSuffix(f, ".tf.json") || strings.Contains(f, ".tfvars")
				if !terraform && !templates[f] {
					t.Errorf("error in %s, which is neither Terraform nor a template: %s", f, d.Message)
				}
			}

			// One diagnostic per module source, counting its calls.
			for code, want := range map[string]struct{ Calls, Sources int }{
				graph.CodeModuleNotDownloaded: report.Summary.ModulesNotDownloaded,
				graph.CodeModuleMissing:       report.Summary.ModulesMissing,
			} {
				sources := map[string]bool{}
				calls := 0
				for _, d := range report.Diagnostics {
					if d.Code != code {
						continue
					}
					m := moduleSource.FindStringSubmatch(d.Message)
					if m == nil {
						t.Errorf("%s diagnostic names no source: %s", code, d.Message)
						continue
					}
					if sources[m[1]] && code == graph.CodeModuleNotDownloaded {
						t.Errorf("module source %s said twice", m[1])
					}
					sources[m[1]] = true
					calls += max(d.Count, 1)
				}
				if calls != want.Calls || len(sources) > want.Sources {
					t.Errorf("%s: %d calls of %d sources in the diagnostics, summary says %+v", code, calls, len(sources), want)
				}
			}
			t.Logf("exit %d; modules not downloaded %+v, missing %+v", code, report.Summary.ModulesNotDownloaded, report.Summary.ModulesMissing)

			// The organisation rules that say something is missing (a
			// guardrail SCP, an opt-out policy, an organisation trail, a
			// delegated administrator, an attachment) cannot say so in a
			// unit with modules whose code was not read.
			res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Rules: builtin.Rules()})
			if err != nil {
				t.Fatal(err)
			}
			unread := map[string]bool{}
			for _, u := range res.Graph.UnreadModules {
				unread[u.Unit] = true
			}
			for _, f := range res.Findings {
				r := f.Loc.Resource
				if f.Status != rules.Failed || !strings.HasPrefix(f.RuleID, "aws-org-") || !missingGuardrail[f.RuleID] || r == nil {
					continue
				}
				if unread[r.Unit] {
					t.Errorf("%s: %s: %s, in a unit with modules that were not read", f.Loc.Range, f.RuleID, f.Message)
				}
			}
		})
	}
}
