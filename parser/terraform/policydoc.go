package terraform

import (
	"cmp"

	"github.com/blindspot-iac/blindspot/graph"
)

// policyDocument turns the arguments of an aws_iam_policy_document into
// the IAM JSON document it produces, as a graph value whose unknown parts
// stay unknown (so the known statements can still be checked). As the AWS
// provider does, the document is merged from, in order: source_json,
// source_policy_documents, the data source's own statements,
// override_policy_documents and override_json; a statement with a Sid
// replaces an earlier statement with the same Sid, a statement without one
// is added.
func (s *scope) policyDocument(body graph.Value, r graph.Range) graph.Value {
	doc := &mergedPolicy{version: graph.String("2012-10-17", r)}
	s.mergeSources(doc, body, "source_json", false)
	s.mergeSources(doc, body, "source_policy_documents", true)
	own := policyDoc{version: &doc.version}
	if v, ok := body.Get("version"); ok && !v.IsNull() {
		own.version = &v
	}
	if v, ok := body.Get("policy_id"); ok && !v.IsNull() {
		own.id = &v
	}
	stmts, ok := body.Get("statement")
	switch {
	case ok && !stmts.IsKnown():
		own.unknown = &stmts
	default:
		for _, st := range stmts.Elems() {
			own.statements = append(own.statements, policyStatement(st))
		}
		s.checkUniqueSids(own.statements, "statement")
	}
	doc.merge(own)
	s.mergeSources(doc, body, "override_policy_documents", true)
	s.mergeSources(doc, body, "override_json", false)
	return doc.value(r, stmts.Range)
}

// policyDoc is a policy document to merge: its version and Id (nil when
// absent) and statements, or unknown statements.
type policyDoc struct {
	version, id *graph.Value
	statements  []graph.Value
	// unknown, when set, stands for statements that are not known.
	unknown *graph.Value
}

// mergedPolicy is the document an aws_iam_policy_document builds.
type mergedPolicy struct {
	version graph.Value
	id      *graph.Value
	// statements may hold unknown elements: statements not known, or
	// known statements an unknown document may have replaced.
	statements []graph.Value
}

// mergeSources merges the documents of the argument name: one document, or
// a list of them.
func (s *scope) mergeSources(doc *mergedPolicy, body graph.Value, name string, list bool) {
	v, ok := body.Get(name)
	if !ok || v.IsNull() {
		return
	}
	sources := []graph.Value{v}
	if list {
		if !v.IsKnown() {
			doc.merge(policyDoc{unknown: &v})
			return
		}
		sources = v.Elems()
	}
	var sourceStatements []graph.Value
	for _, src := range sources {
		d := s.sourceDocument(src, name)
		if name == "source_policy_documents" {
			sourceStatements = append(sourceStatements, d.statements...)
		}
		doc.merge(d)
	}
	s.checkUniqueSids(sourceStatements, name)
}

// sourceDocument reads a policy document given as a source or override:
// JSON text, or the structure of a document (another policy document or
// jsonencode() with unknown parts).
func (s *scope) sourceDocument(v graph.Value, arg string) policyDoc {
	if v.IsNull() {
		return policyDoc{}
	}
	if !v.IsKnown() {
		return policyDoc{unknown: &v}
	}
	if text, ok := v.AsString(); ok && v.Kind() == graph.KindString {
		decoded, err := decodeJSON(text, v.Range)
		if err != nil {
			s.l.diag(graph.Warningf(v.Range, "invalid-policy-document", "%s: a document is not valid JSON (Terraform rejects it): %v", arg, err))
			u := graph.UnknownValue(arg+" holds a document that is not valid JSON", v.Range)
			return policyDoc{unknown: &u}
		}
		v = decoded
	}
	if v.Kind() != graph.KindObject {
		s.l.diag(graph.Warningf(v.Range, "invalid-policy-document", "%s: a document is not a JSON object (Terraform rejects it)", arg))
		u := graph.UnknownValue(arg+" holds a document that is not a JSON object", v.Range)
		return policyDoc{unknown: &u}
	}
	d := policyDoc{}
	if version, ok := v.Get("Version"); ok && !version.IsNull() {
		d.version = &version
	}
	if id, ok := v.Get("Id"); ok && !id.IsNull() {
		d.id = &id
	}
	stmts, ok := v.Get("Statement")
	switch {
	case !ok || stmts.IsNull():
	case !stmts.IsKnown():
		d.unknown = &stmts
	case stmts.Kind() == graph.KindList:
		d.statements = stmts.Elems()
	default:
		d.statements = []graph.Value{stmts}
	}
	return d
}

// merge merges a document into m as the AWS provider does: its Id
// replaces m's, a later version replaces m's, and each statement replaces
// the statement with the same Sid or is added.
func (m *mergedPolicy) merge(d policyDoc) {
	if d.id != nil {
		if id, ok := d.id.AsString(); !ok || id != "" {
			m.id = d.id
		}
	}
	if d.version != nil {
		v, ok := d.version.AsString()
		cur, curOK := m.version.AsString()
		if !ok || curOK && v > cur {
			m.version = *d.version
		}
	}
	if d.unknown != nil {
		// Statements that are not known may replace any statement with a
		// Sid.
		m.mayBeReplaced(*d.unknown)
		m.statements = append(m.statements, *d.unknown)
	}
	for _, st := range d.statements {
		sid, known := statementSid(st)
		switch {
		case known && sid == "":
			m.statements = append(m.statements, st)
		case known:
			replaced := false
			for i, old := range m.statements {
				if oldSid, ok := statementSid(old); ok && oldSid == sid {
					m.statements[i] = st
					replaced = true
					break
				}
			}
			if !replaced {
				m.statements = append(m.statements, st)
			}
		default:
			m.mayBeReplaced(graph.UnknownValue("a statement whose Sid is not known may replace it", st.Range).WithRefs(st.AllRefs()...))
			m.statements = append(m.statements, st)
		}
	}
}

// mayBeReplaced makes unknown the statements with a Sid (or one that is
// not known), which a statement of unknown Sid may replace.
func (m *mergedPolicy) mayBeReplaced(by graph.Value) {
	for i, st := range m.statements {
		if !st.IsKnown() {
			continue
		}
		if sid, known := statementSid(st); !known || sid != "" {
			why := cmp.Or(by.Why(), "a statement that is not known may replace it")
			m.statements[i] = graph.UnknownValue("a statement with a Sid may be replaced: "+why, st.Range).WithRefs(by.AllRefs()...)
		}
	}
}

// statementSid is a statement's Sid ("" when it has none); known is false
// when the Sid, or the statement, is not known.
func statementSid(st graph.Value) (sid string, known bool) {
	if !st.IsKnown() {
		return "", false
	}
	v, ok := st.Get("Sid")
	if !ok || v.IsNull() {
		return "", true
	}
	return v.AsString()
}

// checkUniqueSids reports Sids used twice among statements that must have
// unique ones (Terraform rejects them).
func (s *scope) checkUniqueSids(stmts []graph.Value, arg string) {
	seen := map[string]bool{}
	for _, st := range stmts {
		if sid, ok := statementSid(st); ok && sid != "" {
			if seen[sid] {
				s.l.diag(graph.Warningf(st.Range, "invalid-policy-document", "%s: Sid %q is used twice (Terraform rejects it)", arg, sid))
			}
			seen[sid] = true
		}
	}
}

// value is the merged document.
func (m *mergedPolicy) value(r, stmtsRange graph.Range) graph.Value {
	fields := []graph.Field{{Key: "Version", Value: m.version}}
	if m.id != nil {
		fields = append(fields, graph.Field{Key: "Id", Value: *m.id})
	}
	if stmtsRange.IsZero() && len(m.statements) > 0 {
		stmtsRange = r
	}
	stmts := m.statements
	if stmts == nil {
		stmts = []graph.Value{}
	}
	fields = append(fields, graph.Field{Key: "Statement", Value: graph.List(stmts, stmtsRange)})
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
					byOp = append(byOp, graph.Field{Key: "(unknown)", Value: graph.UnknownValue(cmp.Or(test.Why(), variable.Why()), c.Range)})
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
