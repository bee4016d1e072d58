package nodeslab

// Tags yaml.v3 gives the nodes both decoders build: scalars resolved as
// it resolves them, and collections.
const (
	StrTag   = "!!str"
	IntTag   = "!!int"
	FloatTag = "!!float"
	BoolTag  = "!!bool"
	NullTag  = "!!null"
	MapTag   = "!!map"
	SeqTag   = "!!seq"
)
