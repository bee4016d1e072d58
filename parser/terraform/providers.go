package terraform

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/blindspot-iac/blindspot/graph"
)

// declareProviders creates the module's own provider configurations,
// whose arguments are evaluated later, in dependency order (readProvider):
// module calls and resources may hold them before.
func (s *scope) declareProviders() {
	s.ownProviders = make([]*graph.Provider, len(s.mod.providers))
	for i, b := range s.mod.providers {
		local := providerLocalName(b)
		name, alias, _ := strings.Cut(local, ".")
		p := &graph.Provider{Unit: s.l.unit.Path, Name: name, Alias: alias, Address: s.prefix + local, Range: toRange(b.DefRange)}
		s.ownProviders[i] = p
		s.providers[local] = p
	}
}

// readProvider evaluates the arguments of the module's provider block at
// position pos of its provider blocks.
func (s *scope) readProvider(b *hcl.Block, pos int) {
	s.ownProviders[pos].Attrs = s.bodyValue(b.Body, toRange(b.DefRange), s.context(), nil, 0)
}

// recordProviders adds the module's own provider configurations to the
// graph at index at, where they stand before those of the modules it
// calls.
func (s *scope) recordProviders(at int) {
	s.l.g.Providers = slices.Insert(s.l.g.Providers, at, s.ownProviders...)
}

// providerLocalName is the name a module gives a provider block: the
// provider's name, with its alias when it has one.
func providerLocalName(b *hcl.Block) string {
	if expr, ok := metaExpr(b.Body, "alias"); ok {
		if v, diags := expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			return b.Labels[0] + "." + v.AsString()
		}
	}
	return b.Labels[0]
}

// passedProviders lists the caller's provider configurations a module
// call passes in its providers argument, as dependencies
// ("provider.aws.member").
func passedProviders(body hcl.Body) []string {
	expr, ok := metaExpr(body, "providers")
	if !ok {
		return nil
	}
	pairs, diags := hcl.ExprMap(expr)
	if diags.HasErrors() {
		return nil
	}
	var out []string
	for _, kv := range pairs {
		if vt, diags := hcl.AbsTraversalForExpr(kv.Value); !diags.HasErrors() {
			out = append(out, "provider."+describeTraversal(vt))
		}
	}
	return out
}

// providerRef is the provider configuration a resource asks for: its
// provider argument, or the default configuration of the provider its type
// belongs to.
func providerRef(body hcl.Body, typ string) string {
	if expr, ok := metaExpr(body, "provider"); ok {
		if t, diags := hcl.AbsTraversalForExpr(expr); !diags.HasErrors() {
			return describeTraversal(t)
		}
		v, _ := expr.Value(nil)
		if v.IsKnown() && v.Type() == cty.String {
			return v.AsString()
		}
	}
	local, _, _ := strings.Cut(typ, "_")
	return local
}
