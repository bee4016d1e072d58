package suppress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

const mainTF = `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

# Replicated to the archive account, which versions it.
# blindspot:ignore aws-s3-versioning-disabled -- replicated elsewhere
resource "aws_s3_bucket" "replica" {
  bucket = "replica"
}

resource "aws_kms_key" "k" {
  enable_key_rotation = false # blindspot:ignore aws-kms-rotation-disabled until=2020-01-01 -- migrating
}

// blindspot:ignore aws-ec2-open-ingress
resource "aws_security_group" "web" {
  ingress {
    cidr_blocks = ["0.0.0.0/0"] # blindspot:ignore aws-ec2-open-ingress, aws-s3-versioning-disabled -- public web tier
  }
}

# blindspot:ignore aws-org-management-account-workload -- nothing here matches it
# blindspot:ignore Not_A_Rule -- typo
`

func at(file string, line int) graph.Range {
	return graph.Range{File: file, Start: graph.Pos{Line: line, Column: 1}, End: graph.Pos{Line: line, Column: 2}}
}

// TestApply reads the file as Apply does itself, and as a scan gives it,
// scanned while it was read for parsing (Options.Scanned): the same.
func TestApply(t *testing.T) {
	for _, given := range []bool{false, true} {
		t.Run(fmt.Sprintf("scanned=%v", given), func(t *testing.T) { testApply(t, given) })
	}
}

func testApply(t *testing.T, scannedBefore bool) {
	res := func(addr string, line int) *graph.Resource {
		return &graph.Resource{Address: addr, Unit: ".", NameRange: at("main.tf", line), Exists: graph.True}
	}
	logs, replica, key, web := res("aws_s3_bucket.logs", 1), res("aws_s3_bucket.replica", 7), res("aws_kms_key.k", 11), res("aws_security_group.web", 16)
	fs := []rules.Finding{
		{RuleID: "aws-s3-versioning-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: logs, Range: at("main.tf", 1)}},
		{RuleID: "aws-s3-versioning-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: replica, Range: at("main.tf", 7)}},
		{RuleID: "aws-kms-rotation-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: key, Range: at("main.tf", 12)}},
		{RuleID: "aws-ec2-open-ingress", Status: rules.Failed, Loc: graph.Loc{Resource: web, Range: at("main.tf", 18)}},
	}
	g := &graph.Graph{Units: []*graph.Unit{{Path: ".", Files: []string{"main.tf"}}}, Resources: []*graph.Resource{logs, replica, key, web}}
	opts := Options{
		ReadFile: func(name string) ([]byte, error) {
			if name == "main.tf" {
				return []byte(mainTF), nil
			}
			return nil, fmt.Errorf("no file %s", name)
		},
		Today: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
	}
	if scannedBefore {
		main := opts.Scan("main.tf", []byte(mainTF))
		opts.ReadFile = func(name string) ([]byte, error) {
			t.Errorf("%s read again", name)
			return nil, fmt.Errorf("no file %s", name)
		}
		opts.Scanned = func(name string) *Scanned {
			if name == "main.tf" {
				return main
			}
			return nil
		}
	}
	diags := Apply(fs, g, opts)
	suppressed := map[string]string{}
	for _, f := range fs {
		if f.Suppressed != nil {
			suppressed[f.Loc.Resource.Address] = f.Suppressed.Justification
		}
	}
	want := map[string]string{
		"aws_s3_bucket.replica":  "replicated elsewhere",
		"aws_security_group.web": "public web tier",
	}
	if fmt.Sprint(suppressed) != fmt.Sprint(want) {
		t.Errorf("suppressed = %v, want %v", suppressed, want)
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d %s", d.Range.Start.Line, d.Code))
	}
	wantDiags := []string{
		"12 suppression-expired",
		"15 suppression-without-reason",
		"15 unused-suppression",
		"22 unused-suppression",
		"23 invalid-suppression",
	}
	if strings.Join(got, "; ") != strings.Join(wantDiags, "; ") {
		t.Errorf("diagnostics:\n got %v\nwant %v", got, wantDiags)
	}
}

func TestMetadataSuppression(t *testing.T) {
	r := &graph.Resource{Address: "Bucket", Unit: "t.json", NameRange: at("t.json", 3), Exists: graph.True,
		Metadata: new(graph.Object([]graph.Field{{Key: "blindspot", Value: graph.Object([]graph.Field{{Key: "ignore", Value: graph.List([]graph.Value{
			graph.Object([]graph.Field{
				{Key: "rule", Value: graph.String("aws-s3-versioning-disabled", at("t.json", 6))},
				{Key: "reason", Value: graph.String("scratch data", at("t.json", 7))},
			}, at("t.json", 5)),
			graph.String("aws-kms-rotation-disabled", at("t.json", 9)),
		}, at("t.json", 4))}}, at("t.json", 4))}}, at("t.json", 4)))}
	fs := []rules.Finding{{RuleID: "aws-s3-versioning-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: r, Range: at("t.json", 3)}}}
	g := &graph.Graph{Resources: []*graph.Resource{r}}
	diags := Apply(fs, g, Options{ReadFile: func(string) ([]byte, error) { return []byte("{}"), nil }})
	if fs[0].Suppressed == nil || fs[0].Suppressed.Justification != "scratch data" {
		t.Errorf("Metadata suppression not applied: %+v", fs[0].Suppressed)
	}
	if len(diags) != 2 || diags[0].Code != "suppression-without-reason" || diags[1].Code != "unused-suppression" {
		t.Errorf("diagnostics = %v", diags)
	}
}

func TestBaseline(t *testing.T) {
	r := &graph.Resource{Address: "aws_s3_bucket.logs", Unit: "."}
	mk := func(line int) rules.Finding {
		return rules.Finding{RuleID: "aws-s3-versioning-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: r, Path: "versioning", Range: at("main.tf", line)}}
	}
	var buf bytes.Buffer
	if err := NewBaseline([]rules.Finding{mk(3)}, "").Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"fingerprint"`) {
		t.Fatalf("baseline = %s", buf.String())
	}
	b := &Baseline{Version: 1}
	if err := json.Unmarshal(buf.Bytes(), b); err != nil {
		t.Fatal(err)
	}
	// The same finding, moved down by inserted lines, is still known.
	other := rules.Finding{RuleID: "aws-kms-rotation-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: r, Range: at("main.tf", 1)}}
	kept, dropped, unmatched := b.Apply([]rules.Finding{mk(40), other}, "")
	if len(dropped) != 1 || len(kept) != 1 || kept[0].RuleID != other.RuleID || kept[0].BaselineState != rules.BaselineNew || len(unmatched) != 0 {
		t.Errorf("Apply = %+v, dropped %d, unmatched %v", kept, len(dropped), unmatched)
	}
	// Once fixed, the entry matches nothing.
	kept, dropped, unmatched = b.Apply([]rules.Finding{other}, "")
	if len(kept) != 1 || len(dropped) != 0 || len(unmatched) != 1 || unmatched[0].RuleID != "aws-s3-versioning-disabled" || unmatched[0].Line != 3 {
		t.Errorf("after the fix: kept %d, dropped %d, unmatched %+v", len(kept), len(dropped), unmatched)
	}
}
