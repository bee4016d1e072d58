package rulesref

import (
	"strings"
	"testing"
)

func TestOutOfScopeControlsParse(t *testing.T) {
	rows, err := OutOfScopeControls()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("out-of-scope.tsv has no rows")
	}
}

func TestParseOutOfScope(t *testing.T) {
	const header = "reference\treason\n"
	for _, tt := range []struct {
		name, text, wantErr string
		want                int
	}{
		{"rows and comments", "# note\n" + header + "aws-a\tWhy a.\naws-b\tWhy b.\n", "", 2},
		{"no header", "aws-a\tWhy.\n", "header must be", 0},
		{"empty table", "# only a comment\n", "no header", 0},
		{"missing reason", header + "aws-a\t\n", "a reference ID and a reason are required", 0},
		{"extra cell", header + "aws-a\tWhy.\textra\n", "3 cells, want 2", 0},
		{"out of order", header + "aws-b\tWhy.\naws-a\tWhy.\n", "aws-a is out of order or repeated", 0},
		{"repeated", header + "aws-a\tWhy.\naws-a\tWhy.\n", "aws-a is out of order or repeated", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ParseOutOfScope(tt.text)
			switch {
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			case tt.wantErr == "" && err != nil:
				t.Errorf("err = %v", err)
			case tt.wantErr == "" && len(rows) != tt.want:
				t.Errorf("%d rows, want %d", len(rows), tt.want)
			}
		})
	}
}
