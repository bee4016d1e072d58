package graph

import (
	"testing"
)

func TestValueAccessors(t *testing.T) {
	r := Range{File: "main.tf", Start: Pos{Line: 3, Column: 5}}
	obj := Object([]Field{
		{Key: "enabled", Value: String("true", r)},
		{Key: "port", Value: Number(22, r)},
		{Key: "cidr", Value: UnknownValue("var.cidr has no value", r).WithRefs(Ref{Address: "var.cidr"})},
	}, r)

	if b, ok := mustGet(t, obj, "enabled").AsBool(); !ok || !b {
		t.Errorf(`"true" AsBool = %v, %v`, b, ok)
	}
	if s, ok := mustGet(t, obj, "port").AsString(); !ok || s != "22" {
		t.Errorf("22 AsString = %q, %v", s, ok)
	}
	cidr := mustGet(t, obj, "cidr")
	if cidr.IsKnown() || cidr.Why() != "var.cidr has no value" {
		t.Errorf("cidr = %v (%q), want unknown with reason", cidr, cidr.Why())
	}
	if _, ok := obj.Get("missing"); ok {
		t.Error("Get(missing) reported present")
	}
	if got := obj.String(); got != `{enabled = "true", port = 22, cidr = (unknown)}` {
		t.Errorf("String() = %s", got)
	}
	if refs := obj.AllRefs(); len(refs) != 1 || refs[0].Address != "var.cidr" {
		t.Errorf("AllRefs = %v", refs)
	}
}

func TestOneOf(t *testing.T) {
	a := Object([]Field{{Key: "Status", Value: String("Enabled", Range{})}}, Range{})
	b := Object([]Field{{Key: "Status", Value: String("Suspended", Range{})}}, Range{})
	v := OneOf([]Value{a, b}, "condition IsProd is unknown", Range{})
	if v.IsKnown() {
		t.Fatal("OneOf of two values is known")
	}
	status, ok := v.Get("Status")
	if !ok || len(status.Alternatives()) != 2 {
		t.Fatalf("Get through alternatives = %v", status)
	}
	if got := status.String(); got != `(one of "Enabled" | "Suspended")` {
		t.Errorf("String() = %s", got)
	}
	if single := OneOf([]Value{a}, "x", Range{}); !single.IsKnown() {
		t.Error("OneOf with one alternative should be that value")
	}
	if open := OneOf([]Value{a, UnknownValue("why", Range{})}, "x", Range{}); len(open.Alternatives()) != 0 {
		t.Error("OneOf with an open alternative must be wholly unknown")
	}
	if !a.Equal(a) || a.Equal(b) || v.Equal(v) {
		t.Error("Equal is wrong")
	}
}

func TestSensitiveNeverPrinted(t *testing.T) {
	v := String("AKIAABCDEFGHIJKLMNOP", Range{}).WithSensitive(true)
	if got := v.String(); got != "(sensitive)" {
		t.Errorf("sensitive String() = %q", got)
	}
}

func mustGet(t *testing.T, v Value, key string) Value {
	t.Helper()
	f, ok := v.Get(key)
	if !ok {
		t.Fatalf("field %s missing", key)
	}
	return f
}

func TestLiteralAffixes(t *testing.T) {
	v := UnknownValue("partition", Range{}).WithLiteralText("arn::iam::aws:policy/X").WithLiteralAffixes("arn:", ":iam::aws:policy/X")
	if v.LiteralPrefix() != "arn:" || v.LiteralSuffix() != ":iam::aws:policy/X" {
		t.Errorf("affixes %q %q", v.LiteralPrefix(), v.LiteralSuffix())
	}
	if k := String("x", Range{}).WithLiteralAffixes("a", "b"); k.LiteralPrefix() != "" || k.LiteralSuffix() != "" {
		t.Errorf("a known value has no affixes")
	}
}
