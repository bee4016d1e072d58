package terraform

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/blindspot-iac/blindspot/graph"
)

// dataSource evaluates a data block. Data sources are read from the cloud
// when Terraform plans, so their values are unknown, except those computed
// from the configuration alone: aws_iam_policy_document, and the caller
// identity, region and partition when the provider configuration says.
func (s *scope) dataSource(b *hcl.Block) {
	typ, name := b.Labels[0], b.Labels[1]
	if s.data[typ] == nil {
		s.data[typ] = map[string]named{}
	}
	r := toRange(b.DefRange)
	readAtPlan := "data." + typ + "." + name + " is read when Terraform plans"
	attrs := s.attributes(b.Body)
	if _, ok := attrs["count"]; ok {
		s.data[typ][name] = s.namedOf(cty.DynamicVal, r, readAtPlan, nil)
		return
	}
	if _, ok := attrs["for_each"]; ok {
		s.data[typ][name] = s.namedOf(cty.DynamicVal, r, readAtPlan, nil)
		return
	}
	ctx := s.context()
	switch typ {
	case "aws_iam_policy_document":
		body := s.bodyValue(b.Body, r, ctx, metaArguments, 0)
		doc := policyDocument(body, r)
		s.policyDocs[name] = doc
		js := cty.UnknownVal(cty.String)
		if !doc.ContainsUnknown() {
			if data, err := json.Marshal(doc.Interface()); err == nil {
				js = cty.StringVal(string(data))
			}
		}
		val := cty.ObjectVal(map[string]cty.Value{"json": js, "minified_json": js, "id": cty.UnknownVal(cty.String)})
		s.data[typ][name] = s.namedOf(val, r, firstNonEmpty(whyOf(doc), readAtPlan), doc.AllRefs())
	case "aws_caller_identity":
		p := s.providers[providerRef(b.Body, typ)]
		account := cty.UnknownVal(cty.String)
		if id, ok := providerAccount(p); ok {
			account = cty.StringVal(id)
		}
		val := cty.ObjectVal(map[string]cty.Value{
			"account_id": account, "arn": cty.UnknownVal(cty.String), "user_id": cty.UnknownVal(cty.String), "id": account,
		})
		s.data[typ][name] = s.namedOf(val, r, "data.aws_caller_identity."+name+" is the account Terraform runs in", nil)
	case "aws_region", "aws_partition":
		p := s.providers[providerRef(b.Body, typ)]
		region, ok := providerRegion(p)
		if !ok {
			s.data[typ][name] = s.namedOf(cty.DynamicVal, r, readAtPlan, nil)
			return
		}
		partition, suffix := "aws", "amazonaws.com"
		switch {
		case strings.HasPrefix(region, "cn-"):
			partition, suffix = "aws-cn", "amazonaws.com.cn"
		case strings.HasPrefix(region, "us-gov-"):
			partition = "aws-us-gov"
		}
		val := cty.ObjectVal(map[string]cty.Value{
			"name": cty.StringVal(region), "id": cty.StringVal(region), "region": cty.StringVal(region),
			"partition": cty.StringVal(partition), "dns_suffix": cty.StringVal(suffix),
		})
		s.data[typ][name] = s.namedOf(val, r, readAtPlan, nil)
	default:
		s.data[typ][name] = s.namedOf(cty.DynamicVal, r, readAtPlan, nil)
	}
}

// providerAccount is the account a provider configuration's credentials
// are in, when the configuration says: the only account
// allowed_account_ids allows (Terraform refuses any other), or the
// account of the role it assumes.
func providerAccount(p *graph.Provider) (string, bool) {
	if p == nil {
		return "", false
	}
	if ids, ok := p.Attrs.Get("allowed_account_ids"); ok && len(ids.Elems()) == 1 {
		return ids.Elems()[0].AsString()
	}
	if ar, ok := p.Attrs.Get("assume_role"); ok {
		if ar.Kind() == graph.KindList && len(ar.Elems()) == 1 {
			ar = ar.Elems()[0]
		}
		if arn, ok := ar.Get("role_arn"); ok {
			if s, ok := arn.AsString(); ok {
				if m := roleARNAccount.FindStringSubmatch(s); m != nil {
					return m[1], true
				}
			}
		}
	}
	return "", false
}

// roleARNAccount matches an IAM role ARN and captures its account.
var roleARNAccount = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}):role/`)

func providerRegion(p *graph.Provider) (string, bool) {
	if p == nil {
		return "", false
	}
	if r, ok := p.Attrs.Get("region"); ok {
		return r.AsString()
	}
	return "", false
}

// policyDocument turns the arguments of an aws_iam_policy_document into
// the IAM JSON document it produces, as a graph value whose unknown parts
// stay unknown (so the known statements can still be checked).
func policyDocument(body graph.Value, r graph.Range) graph.Value {
	version := graph.String("2012-10-17", r)
	if v, ok := body.Get("version"); ok {
		version = v
	}
	fields := []graph.Field{{Key: "Version", Value: version}}
	if v, ok := body.Get("policy_id"); ok {
		fields = append(fields, graph.Field{Key: "Id", Value: v})
	}
	stmts, ok := body.Get("statement")
	var out []graph.Value
	if ok && !stmts.IsKnown() {
		fields = append(fields, graph.Field{Key: "Statement", Value: stmts})
		return graph.Object(fields, r)
	}
	for _, st := range stmts.Elems() {
		out = append(out, policyStatement(st))
	}
	fields = append(fields, graph.Field{Key: "Statement", Value: graph.List(out, stmts.Range)})
	return graph.Object(fields, r)
}

func policyStatement(st graph.Value) graph.Value {
	var fields []graph.Field
	copyAs := func(from, to string) {
		if v, ok := st.Get(from); ok && !v.IsNull() {
			fields = append(fields, graph.Field{Key: to, KeyRange: v.Range, Value: v})
		}
	}
	copyAs("sid", "Sid")
	if v, ok := st.Get("effect"); ok {
		fields = append(fields, graph.Field{Key: "Effect", KeyRange: v.Range, Value: v})
	} else {
		fields = append(fields, graph.Field{Key: "Effect", Value: graph.String("Allow", st.Range)})
	}
	copyAs("actions", "Action")
	copyAs("not_actions", "NotAction")
	copyAs("resources", "Resource")
	copyAs("not_resources", "NotResource")
	for _, p := range []struct{ from, to string }{{"principals", "Principal"}, {"not_principals", "NotPrincipal"}} {
		blocks, ok := st.Get(p.from)
		if !ok {
			continue
		}
		if !blocks.IsKnown() {
			fields = append(fields, graph.Field{Key: p.to, Value: blocks})
			continue
		}
		var pf []graph.Field
		for _, b := range blocks.Elems() {
			typ, _ := b.Get("type")
			ids, _ := b.Get("identifiers")
			key, ok := typ.AsString()
			if !ok {
				pf = nil
				fields = append(fields, graph.Field{Key: p.to, Value: graph.UnknownValue(typ.Why(), b.Range)})
				break
			}
			// "*" as the only AWS principal is written as the bare "*".
			if key == "*" {
				fields = append(fields, graph.Field{Key: p.to, KeyRange: b.Range, Value: graph.String("*", ids.Range)})
				pf = nil
				break
			}
			pf = append(pf, graph.Field{Key: key, KeyRange: b.Range, Value: ids})
		}
		if pf != nil {
			fields = append(fields, graph.Field{Key: p.to, KeyRange: blocks.Range, Value: graph.Object(pf, blocks.Range)})
		}
	}
	if conds, ok := st.Get("condition"); ok {
		if !conds.IsKnown() {
			fields = append(fields, graph.Field{Key: "Condition", Value: conds})
		} else {
			var byOp []graph.Field
			for _, c := range conds.Elems() {
				test, _ := c.Get("test")
				variable, _ := c.Get("variable")
				values, _ := c.Get("values")
				op, ok1 := test.AsString()
				key, ok2 := variable.AsString()
				if !ok1 || !ok2 {
					byOp = append(byOp, graph.Field{Key: "(unknown)", Value: graph.UnknownValue(firstNonEmpty(test.Why(), variable.Why()), c.Range)})
					continue
				}
				added := false
				for i, f := range byOp {
					if f.Key == op {
						byOp[i].Value = graph.Object(append(append([]graph.Field{}, f.Value.Fields()...), graph.Field{Key: key, KeyRange: c.Range, Value: values}), f.Value.Range)
						added = true
					}
				}
				if !added {
					byOp = append(byOp, graph.Field{Key: op, KeyRange: c.Range, Value: graph.Object([]graph.Field{{Key: key, KeyRange: c.Range, Value: values}}, c.Range)})
				}
			}
			fields = append(fields, graph.Field{Key: "Condition", KeyRange: conds.Range, Value: graph.Object(byOp, conds.Range)})
		}
	}
	return graph.Object(fields, st.Range)
}
