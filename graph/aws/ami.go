package aws

import (
	"cmp"
	"slices"

	"github.com/blindspot-iac/blindspot/graph"
)

// AMI holds the searches for machine images the code makes.
type AMI struct {
	// Lookups are the Terraform aws_ami data sources
	// (graph.Graph.DataSources). CloudFormation has no image search; its
	// templates take an image ID, or an SSM parameter type that resolves
	// one AWS publishes.
	Lookups []*AMILookup
}

// AMILookup is a search for the image an instance or launch template
// will run.
type AMILookup struct {
	Resource *graph.Resource
	// Owners is the owners argument: account IDs, "self", or aliases such
	// as "amazon" (empty when absent: every account's public images match).
	Owners Attr[[]string]
	// OwnerFilter is True when a filter pins the owner or the image
	// itself (owner-id, owner-alias, image-id), Unknown when the filters
	// are not known.
	OwnerFilter graph.Tri
	// FilterWhy says why OwnerFilter is Unknown.
	FilterWhy string
	// MostRecent is whether the newest of several matching images is
	// taken (off by default: several matches are an error).
	MostRecent Bool
}

// ownerFilters are the aws_ami filter names that limit a search to one
// owner or one image.
var ownerFilters = []string{"owner-id", "owner-alias", "image-id"}

func buildAMI(m *Model) {
	for _, r := range m.Graph.DataSources {
		if r.Type != "aws_ami" || schema(r.Format) != graph.Terraform {
			continue
		}
		a := Attrs(r)
		l := &AMILookup{Resource: r,
			Owners:     StringsOf(a.Get("owners")),
			MostRecent: BoolOf(a.Get("most_recent"), Ptr(false)),
		}
		l.OwnerFilter, l.FilterWhy = pinsOwner(a.Get("filter"))
		m.AMI.Lookups = append(m.AMI.Lookups, l)
	}
}

// pinsOwner reports whether one of an aws_ami's filter blocks limits the
// search to an owner or an image, and why that is not known.
func pinsOwner(filters Field) (graph.Tri, string) {
	blocks, ok := filters.Blocks()
	if !ok {
		return graph.Unknown, cmp.Or(filters.Value.Why(), "the filters are not known")
	}
	result, why := graph.False, ""
	for _, b := range blocks {
		name := StringOf(b.Get("name"), nil)
		pins := name.Test(func(n string) bool { return slices.Contains(ownerFilters, n) })
		if pins == graph.Unknown && why == "" {
			why = name.UnknownReason()
		}
		result = result.Or(pins)
	}
	if result != graph.Unknown {
		why = ""
	}
	return result, why
}
