package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/blindspot-iac/blindspot/graph"
)

// readProviders records the module's own provider configurations.
func (s *scope) readProviders() {
	for _, b := range s.mod.providers {
		name := b.Labels[0]
		attrs := s.bodyValue(b.Body, toRange(b.DefRange), s.context(), nil, 0)
		alias := ""
		if a, ok := attrs.Get("alias"); ok {
			alias, _ = a.AsString()
		}
		local := name
		if alias != "" {
			local = name + "." + alias
		}
		p := &graph.Provider{Unit: s.l.unit.Path, Name: name, Alias: alias, Address: s.prefix + local, Attrs: attrs, Range: toRange(b.DefRange)}
		s.l.g.Providers = append(s.l.g.Providers, p)
		s.providers[local] = p
	}
}

// providerRef is the provider configuration a resource asks for: its
// provider argument, or the default configuration of the provider its type
// belongs to.
func providerRef(body hcl.Body, typ string) string {
	if a, ok := metaAttribute(body, "provider"); ok {
		if t, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() {
			return describeTraversal(t)
		}
		v, _ := a.Expr.Value(nil)
		if v.IsKnown() && v.Type() == cty.String {
			return v.AsString()
		}
	}
	local, _, _ := strings.Cut(typ, "_")
	return local
}
