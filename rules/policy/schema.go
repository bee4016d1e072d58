package policy

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Docs supplies the descriptions of the typed model's structs and fields
// (their Go doc comments), which the schema repeats. Either function may
// return "".
type Docs struct {
	Type  func(goType string) string
	Field func(goType, goField string) string
}

// WriteSchema writes, in Markdown, everything a policy can read: the
// generic resource, the typed collections and the object types they hold,
// with every field's CEL type. docs/policies.md holds its output; a test
// keeps the two the same, so the documentation cannot drift from the code.
func (e *Env) WriteSchema(w io.Writer, docs Docs) error {
	var b strings.Builder
	b.WriteString("### The generic resource\n\n")
	b.WriteString("Every policy sees `resource`, of type `" + e.resourceType.name + "`. " + e.resourceType.doc + "\n\n")
	writeFields(&b, e.resourceType, func(f *objField) string { return f.doc })
	b.WriteString("`resource.account` is a `" + e.accountType.name + "`. " + e.accountType.doc + "\n\n")
	writeFields(&b, e.accountType, func(f *objField) string { return f.doc })

	b.WriteString("### Helper functions\n\n")
	b.WriteString("Besides CEL's standard functions and macros (`size`, `has`, `in`, `matches`, `startsWith`, `endsWith`, `contains`, `exists`, `all`, `exists_one`, `map`, `filter`), its string extensions (`lowerAscii`, `upperAscii`, `split`, `join`, `replace`, `trim`, `indexOf`, `substring`, `format`, ...) and optional values (`.?field`, `orValue`), policies may call:\n\n")
	b.WriteString("| function | what it does | example |\n|---|---|---|\n")
	for _, h := range Helpers() {
		fmt.Fprintf(&b, "| `%s` | %s | `%s` |\n", h.Signature, strings.ReplaceAll(h.Doc, "|", "\\|"), strings.ReplaceAll(h.Example, "|", "\\|"))
	}
	b.WriteString("\n")

	b.WriteString("### Typed collections\n\n")
	b.WriteString("A policy that matches a collection is evaluated on each of its elements, bound to the variable named here; `resource` is then the element's resource.\n\n")
	b.WriteString("| match | variable | type |\n|---|---|---|\n")
	for _, name := range e.Collections() {
		c := e.collections[name]
		fmt.Fprintf(&b, "| `%s` | `%s` | [`%s`](#%s) |\n", c.name, c.variable, c.elem.obj.name, anchor(c.elem.obj.name))
	}
	b.WriteString("\n")

	var infos []*structInfo
	for _, info := range e.typed.structs {
		infos = append(infos, info)
	}
	sort.Slice(infos, func(i, j int) bool { return infos[i].obj.name < infos[j].obj.name })
	b.WriteString("### Object types\n\n")
	for _, info := range infos {
		fmt.Fprintf(&b, "#### %s\n\n", info.obj.name)
		if docs.Type != nil {
			if d := oneLine(docs.Type(info.goType.Name())); d != "" {
				b.WriteString(d + "\n\n")
			}
		}
		writeFields(&b, info.obj, func(f *objField) string {
			if docs.Field == nil {
				return ""
			}
			return describe(f.goName, oneLine(docs.Field(info.goType.Name(), f.goName)))
		})
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFields(b *strings.Builder, t *objType, doc func(*objField) string) {
	b.WriteString("| field | type | description |\n|---|---|---|\n")
	for _, f := range t.fields {
		fmt.Fprintf(b, "| `%s` | `%s` | %s |\n", f.name, typeName(f), strings.ReplaceAll(doc(f), "|", "\\|"))
	}
	b.WriteString("\n")
}

// typeName is how CEL writes a field's type.
func typeName(f *objField) string { return f.typ.String() }

// anchor is the Markdown heading anchor of an object type's section.
func anchor(name string) string {
	return strings.ToLower(strings.ReplaceAll(name, ".", ""))
}

// describe turns a Go field comment ("Versioning is the bucket's
// versioning status...") into a description of the policy field ("The
// bucket's versioning status...").
func describe(goName, doc string) string {
	for _, verb := range []string{" is ", " are "} {
		if rest, ok := strings.CutPrefix(doc, goName+verb); ok && rest != "" {
			return strings.ToUpper(rest[:1]) + rest[1:]
		}
	}
	return doc
}

// oneLine joins a doc comment's lines.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
