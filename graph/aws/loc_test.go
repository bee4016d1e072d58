package aws

import (
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

func TestKeyLoc(t *testing.T) {
	at := func(line, col int) graph.Range {
		return graph.Range{File: "t.yaml", Start: graph.Pos{Line: line, Column: col}, End: graph.Pos{Line: line, Column: col + 5}}
	}
	// PolicyDocument:          (line 5)
	//   Statement:             (line 6)
	//     - Principal:         (line 7)
	//         AWS: "*"         (line 8)
	principal := graph.Object([]graph.Field{{Key: "AWS", KeyRange: at(8, 11), Value: graph.String("*", at(8, 16))}}, at(8, 11))
	stmt := graph.Object([]graph.Field{{Key: "Principal", KeyRange: at(7, 9), Value: principal}}, at(7, 9))
	doc := graph.Object([]graph.Field{{Key: "Statement", KeyRange: at(6, 5), Value: graph.List([]graph.Value{stmt}, at(7, 7))}}, at(6, 5))
	r := &graph.Resource{Format: graph.CloudFormation, Address: "Policy", Exists: graph.True,
		Attrs: new(graph.Object([]graph.Field{{Key: "PolicyDocument", KeyRange: at(5, 5), Value: doc}}, at(5, 5)))}

	if got := KeyLoc(Attrs(r).Get("PolicyDocument")).Range.Start.Line; got != 5 {
		t.Errorf("PolicyDocument starts on line %d, want 5", got)
	}
	pol := PolicyOf(Attrs(r).Get("PolicyDocument"))
	if got := pol.Statements[0].Principal.At.Range.Start.Line; got != 7 {
		t.Errorf("Principal starts on line %d, want 7", got)
	}
	if got := KeyLoc(Attrs(r).Get("PolicyDocument").Get("Statement").Get("Principal").Get("AWS")).Range.Start.Line; got != 8 {
		t.Errorf("a scalar keeps its own range: line %d, want 8", got)
	}
	r.Format = graph.Terraform
	if got := KeyLoc(Attrs(r).Get("PolicyDocument")).Range.Start.Line; got != 6 {
		t.Errorf("Terraform values keep their range: line %d, want 6", got)
	}
}
