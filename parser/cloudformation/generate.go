package cloudformation

//go:generate go run ../../internal/tools/cfncatalog catalogue.go
