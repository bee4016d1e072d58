// Package graph holds the format-neutral resource graph that every parser
// produces and every rule reads: resources with their native type, address
// and evaluated attributes, source ranges, three-valued logic for answers
// that may depend on values unknown before deployment, and the diagnostics
// raised while building it.
//
// graph imports nothing else from blindspot. Parsers (parser/...) build a
// Graph; graph/aws turns it into typed AWS structs; rules read those.
package graph
