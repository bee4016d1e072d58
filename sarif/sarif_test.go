package sarif

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/sarif/sariftest"
)

func sampleRule() *rules.Rule {
	return &rules.Rule{
		ID: "aws-s3-versioning-disabled", Title: "S3 bucket versioning is not enabled", Severity: rules.Medium,
		Description: "Without versioning, overwritten or deleted objects cannot be recovered.",
		Remediation: rules.Remediation{Text: "Enable versioning.", Terraform: "versioning { enabled = true }", CloudFormation: "VersioningConfiguration:\n  Status: Enabled"},
		References:  []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"},
		Compliance:  []rules.Control{{Framework: rules.FrameworkSecurityHub, ID: "S3.14"}},
		Tags:        []string{"s3"}, Precision: "very-high",
	}
}

func rng(file string, line, col, endCol int) graph.Range {
	return graph.Range{File: file, Start: graph.Pos{Line: line, Column: col}, End: graph.Pos{Line: line, Column: endCol}}
}

func sampleFindings() []rules.Finding {
	bucket := &graph.Resource{Unit: "infra", Address: "module.logs.aws_s3_bucket.this", Type: "aws_s3_bucket",
		Calls: []graph.Call{{Address: "module.logs", Range: rng("infra/main.tf", 3, 1, 20)}}}
	return []rules.Finding{
		{RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed, Message: "versioning is Suspended",
			Loc:           graph.Loc{Resource: bucket, Path: "versioning.status", Range: rng("infra/modules/logs/main.tf", 7, 14, 25), Source: rng("infra/terraform.tfvars", 1, 12, 23)},
			Related:       []rules.Related{{Loc: graph.Loc{Range: rng("infra/providers.tf", 1, 1, 10)}, Message: "evidence"}},
			Fix:           &rules.Fix{Description: "Enable versioning", Edits: []rules.Edit{{Range: rng("infra/modules/logs/main.tf", 7, 14, 25), Text: `"Enabled"`}}},
			BaselineState: rules.BaselineNew},
		{RuleID: "aws-s3-versioning-disabled", Severity: rules.Critical, Status: rules.Undetermined, Message: "could not evaluate: var.enabled has no value",
			Loc: graph.Loc{Range: rng("stacks/app.yaml", 4, 3, 9)}},
		{RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed, Message: "suppressed one",
			Loc:        graph.Loc{Range: rng("stacks/app.yaml", 10, 3, 9)},
			Suppressed: &rules.Suppression{Justification: "archive bucket", Range: rng("stacks/app.yaml", 9, 3, 60), Until: "2027-01-01"}},
	}
}

func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func results(doc map[string]any) []any {
	return doc["runs"].([]any)[0].(map[string]any)["results"].([]any)
}

func TestWriteShapes(t *testing.T) {
	diags := []graph.Diagnostic{
		graph.Errorf(rng("broken.tf", 3, 5, 6), "parse-error", "unexpected token"),
		graph.Notef(graph.Range{}, "macro", "no position"),
		graph.Debugf(rng("x.tf", 1, 1, 2), "unsupported-function", "left out"),
	}
	tests := []struct {
		name        string
		opts        Options
		wantResults int
		check       func(t *testing.T, doc map[string]any)
	}{
		{"default", Options{}, 1, func(t *testing.T, doc map[string]any) {
			r := results(doc)[0].(map[string]any)
			loc := r["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
			if uri := loc["artifactLocation"].(map[string]any)["uri"]; uri != "infra/modules/logs/main.tf" {
				t.Errorf("uri = %v", uri)
			}
			reg := loc["region"].(map[string]any)
			if reg["startLine"].(float64) != 7 || reg["startColumn"].(float64) != 14 || reg["endColumn"].(float64) != 25 {
				t.Errorf("region = %v", reg)
			}
			if n := len(r["relatedLocations"].([]any)); n != 1 {
				t.Errorf("%d related locations, want the evidence", n)
			}
			if r["baselineState"] != "new" || r["fixes"] == nil || r["partialFingerprints"] == nil {
				t.Errorf("result = %v", r)
			}
		}},
		{"unknowns", Options{ShowUnknown: true}, 2, func(t *testing.T, doc map[string]any) {
			r := results(doc)[1].(map[string]any)
			if r["kind"] != "open" || r["level"] != "none" {
				t.Errorf("undetermined result kind=%v level=%v", r["kind"], r["level"])
			}
		}},
		{"suppressed", Options{IncludeSuppressed: true}, 2, func(t *testing.T, doc map[string]any) {
			r := results(doc)[1].(map[string]any)
			s := r["suppressions"].([]any)[0].(map[string]any)
			if s["kind"] != "inSource" || !strings.Contains(s["justification"].(string), "archive bucket") {
				t.Errorf("suppression = %v", s)
			}
		}},
		{"truncated", Options{ShowUnknown: true, IncludeSuppressed: true, MaxResults: 1}, 1, func(t *testing.T, doc map[string]any) {
			inv := doc["runs"].([]any)[0].(map[string]any)["invocations"].([]any)[0].(map[string]any)
			notes := inv["toolExecutionNotifications"].([]any)
			last := notes[len(notes)-1].(map[string]any)
			if !strings.Contains(last["message"].(map[string]any)["text"].(string), "2 results were left out") {
				t.Errorf("no truncation notification: %v", last)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.ToolVersion = "v0.1.0"
			tt.opts.InformationURI = "https://github.com/blindspot-iac/blindspot"
			tt.opts.BaseDir = "."
			tt.opts.HelpURI = func(id string) string { return "https://example.com/" + id }
			var buf bytes.Buffer
			if err := Write(&buf, []*rules.Rule{sampleRule()}, sampleFindings(), diags, tt.opts); err != nil {
				t.Fatal(err)
			}
			sariftest.Validate(t, buf.Bytes())
			doc := decode(t, buf.Bytes())
			if n := len(results(doc)); n != tt.wantResults {
				t.Fatalf("%d results, want %d", n, tt.wantResults)
			}
			tt.check(t, doc)
		})
	}
}

func TestEmptyRunHasEmptyResults(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, []*rules.Rule{sampleRule()}, nil, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, buf.Bytes())
	if !strings.Contains(buf.String(), `"results": []`) {
		t.Errorf("a clean scan must write an empty results array:\n%s", buf.String())
	}
}

func TestRuleMetadata(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, []*rules.Rule{sampleRule()}, nil, nil, Options{HelpURI: func(id string) string { return "https://h/" + id }}); err != nil {
		t.Fatal(err)
	}
	doc := decode(t, buf.Bytes())
	rule := doc["runs"].([]any)[0].(map[string]any)["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)[0].(map[string]any)
	props := rule["properties"].(map[string]any)
	if props["security-severity"] != "5.5" || rule["helpUri"] != "https://h/aws-s3-versioning-disabled" || rule["name"] != "AwsS3VersioningDisabled" {
		t.Errorf("rule = %v", rule)
	}
	if md := rule["help"].(map[string]any)["markdown"].(string); !strings.Contains(md, "```hcl") || !strings.Contains(md, "```yaml") {
		t.Errorf("help markdown lacks snippets: %s", md)
	}
}

func TestWriteStaysUnderCompressedSizeLimit(t *testing.T) {
	var fs []rules.Finding
	for i := 0; i < 400; i++ {
		f := sampleFindings()[0]
		f.Message = fmt.Sprintf("finding %d with a message long enough to be worth compressing: %x", i, sha256.Sum256([]byte{byte(i), byte(i >> 8)}))
		f.Loc.Range.Start.Line = i + 1
		fs = append(fs, f)
	}
	var buf bytes.Buffer
	const limit = 16 << 10
	if err := write(&buf, []*rules.Rule{sampleRule()}, fs, nil, Options{}, limit); err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, buf.Bytes())
	if size := gzipSize([][]byte{buf.Bytes()}, gzip.DefaultCompression); size > limit {
		t.Errorf("compressed size %d exceeds %d", size, limit)
	}
	doc := decode(t, buf.Bytes())
	kept := len(results(doc))
	if kept == 0 || kept == len(fs) {
		t.Fatalf("kept %d of %d results", kept, len(fs))
	}
	if !strings.Contains(buf.String(), "results were left out") {
		t.Error("no notification of the truncation")
	}
}

// TestFastestLevelIsNoSmaller: fastWithin trusts gzip's fastest level to
// compress a log no better than the default level, by which the size
// limit is measured, but for far less than its tenth of margin (on random
// letters the default level gives a few bytes more per thousand), nor
// pieces of a log compressed apart better than the whole; logs of
// repetitive text, random letters and random bytes.
func TestFastestLevelIsNoSmaller(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, size := range []int{100, 10 << 10, 1 << 20} {
		random := make([]byte, size)
		r.Read(random)
		letters := make([]byte, size)
		for i := range letters {
			letters[i] = 'a' + byte(r.Intn(26))
		}
		log := bytes.Repeat([]byte(`{"ruleId": "aws-s3-versioning-disabled", "startLine": 12},`+"\n"), size/60+1)
		for _, data := range [][]byte{random, letters, log} {
			whole := [][]byte{data}
			fast, def := gzipSize(whole, gzip.BestSpeed), gzipSize(whole, gzip.DefaultCompression)
			if def > fast+fast/100 {
				t.Errorf("%d bytes: fastest level %d bytes, default %d", len(data), fast, def)
			}
			// fastWithin compresses runs of a log's parts apart: that
			// takes no fewer bytes than compressing it whole.
			for _, runs := range []int{2, 3} {
				apart := 0
				for i := range runs {
					apart += gzipSize([][]byte{data[len(data)*i/runs : len(data)*(i+1)/runs]}, gzip.BestSpeed)
				}
				if apart < fast {
					t.Errorf("%d bytes in %d runs: %d bytes compressed apart, %d whole", len(data), runs, apart, fast)
				}
			}
		}
	}
}
