// Package nodecheck compares the node trees the exact decoders
// (internal/jsonnode, internal/yamlnode) build with the trees yaml.v3
// builds for the same text, for those decoders' tests.
package nodecheck

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/nesting"
)

// Decode decodes data as the template loader does with yaml.v3: one
// document, whose content is the root.
func Decode(data []byte) (root *yaml.Node, err error) {
	defer func() {
		// yaml.v3 panics on a few inputs; the loader's pre-scan and
		// recover keep them away from it.
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("yaml.v3 panicked: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, extra yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("not a single document: %v", err)
	}
	if len(doc.Content) != 1 {
		return nil, errors.New("empty document")
	}
	return doc.Content[0], nil
}

// Root is Decode with the comment fields cleared, which the exact
// decoders leave empty (nothing reads them).
func Root(data []byte) (*yaml.Node, error) {
	root, err := Decode(data)
	if err == nil {
		clearComments(root)
	}
	return root, err
}

func clearComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		clearComments(c)
	}
}

// Same checks that data, which a decoder accepted as root, passes the
// nesting pre-scan and decodes with yaml.v3 to the same tree.
func Same(t testing.TB, name string, data []byte, root *yaml.Node) {
	t.Helper()
	if err := nesting.YAML(data); err != nil {
		t.Errorf("%s: Parse accepted what the nesting pre-scan rejects: %v", name, err)
		return
	}
	want, err := Root(data)
	if err != nil {
		t.Errorf("%s: Parse accepted what yaml.v3 rejects: %v", name, err)
		return
	}
	if !reflect.DeepEqual(root, want) {
		t.Errorf("%s: trees differ: %s", name, firstDifference(root, want, "root"))
	}
}

// firstDifference describes where two trees first differ.
func firstDifference(got, want *yaml.Node, path string) string {
	g, w := *got, *want
	g.Content, w.Content = nil, nil
	if !reflect.DeepEqual(g, w) {
		return fmt.Sprintf("%s: got %+v, want %+v", path, g, w)
	}
	if len(got.Content) != len(want.Content) || (got.Content == nil) != (want.Content == nil) {
		return fmt.Sprintf("%s: %d children (nil %v), want %d (nil %v)", path, len(got.Content), got.Content == nil, len(want.Content), want.Content == nil)
	}
	for i := range got.Content {
		if d := firstDifference(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}
