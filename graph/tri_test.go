package graph

import "testing"

func TestTriLogic(t *testing.T) {
	tests := []struct {
		a, b      Tri
		and, or   Tri
		notA      Tri
		aIsUnknow bool
	}{
		{True, True, True, True, False, false},
		{True, False, False, True, False, false},
		{True, Unknown, Unknown, True, False, false},
		{False, Unknown, False, Unknown, True, false},
		{Unknown, Unknown, Unknown, Unknown, Unknown, true},
		{False, False, False, False, True, false},
	}
	for _, tt := range tests {
		if got := tt.a.And(tt.b); got != tt.and {
			t.Errorf("%v AND %v = %v, want %v", tt.a, tt.b, got, tt.and)
		}
		if got := tt.b.And(tt.a); got != tt.and {
			t.Errorf("%v AND %v = %v, want %v", tt.b, tt.a, got, tt.and)
		}
		if got := tt.a.Or(tt.b); got != tt.or {
			t.Errorf("%v OR %v = %v, want %v", tt.a, tt.b, got, tt.or)
		}
		if got := tt.a.Not(); got != tt.notA {
			t.Errorf("NOT %v = %v, want %v", tt.a, got, tt.notA)
		}
	}
	var zero Tri
	if zero != Unknown {
		t.Errorf("zero Tri = %v, want unknown", zero)
	}
	if All() != True || Any() != False {
		t.Errorf("empty All/Any = %v/%v, want true/false", All(), Any())
	}
}
