package cloudformation

// The resource catalogue is generated from the pinned release of
// @aws-cdk/aws-service-spec (see internal/tools/cfncatalog): go generate
// fetches it with npm pack, from npm's cache when it is there. Pass
// -spec FILE to the generator to use a tarball downloaded otherwise.
//go:generate go run ../../internal/tools/cfncatalog catalogue.go
