// Package sariftest checks SARIF logs in tests against the OASIS SARIF
// 2.1.0 JSON schema, which it carries with it so that no test reaches the
// network.
package sariftest

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaJSON is the OASIS SARIF 2.1.0 schema (sarif-schema-2.1.0.json,
// errata 01), the same file as ../shared/sarif.
//
//go:embed testdata/sarif-schema-2.1.0.json
var schemaJSON []byte

// schemaID is the $id the schema declares; it is registered under this URL
// so that the compiler resolves it from the embedded bytes.
const schemaID = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"

// compiled is the schema, compiled once per test binary.
var compiled = sync.OnceValues(compileSchema)

func compileSchema() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, fmt.Errorf("reading the SARIF schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaID, doc); err != nil {
		return nil, fmt.Errorf("loading the SARIF schema: %w", err)
	}
	s, err := c.Compile(schemaID)
	if err != nil {
		return nil, fmt.Errorf("compiling the SARIF schema: %w", err)
	}
	return s, nil
}

// Check validates data against the SARIF 2.1.0 schema and returns an error
// listing every violation.
func Check(data []byte) error {
	s, err := compiled()
	if err != nil {
		return err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("SARIF log is not JSON: %w", err)
	}
	if err := s.Validate(doc); err != nil {
		return fmt.Errorf("SARIF log does not match the SARIF 2.1.0 schema: %w", err)
	}
	return nil
}

// Validate fails the test when data is not a valid SARIF 2.1.0 log.
func Validate(t testing.TB, data []byte) {
	t.Helper()
	if err := Check(data); err != nil {
		t.Errorf("%v", err)
	}
}
