package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// specEnv names a tarball of the pinned specification to check the
// catalogue against, for machines where npm's cache does not hold it.
const specEnv = "BLINDSPOT_CFN_SPEC"

// TestCatalogueInSync regenerates the catalogue from the pinned
// specification and compares it with the committed one. It needs the
// package locally (in npm's cache, or named by BLINDSPOT_CFN_SPEC) and
// skips otherwise: tests never reach the network.
func TestCatalogueInSync(t *testing.T) {
	path := os.Getenv(specEnv)
	if path == "" {
		var err error
		path, err = fetchSpec(context.Background(), t.TempDir(), true)
		if err != nil {
			t.Skipf("%s@%s is not available locally, so the committed catalogue is not checked: %v", specPackage, specVersion, err)
		}
	}
	got, err := generate(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "..", "parser", "cloudformation", "catalogue.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("parser/cloudformation/catalogue.go is not what %s@%s gives: run go generate ./parser/cloudformation", specPackage, specVersion)
	}
}

func TestGoformationVersion(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build information")
	}
	for _, m := range info.Deps {
		if m.Path == "github.com/awslabs/goformation/v7" {
			if m.Version != goformationVersion {
				t.Errorf("goformationVersion = %s, but go.mod requires %s", goformationVersion, m.Version)
			}
			return
		}
	}
	t.Error("goformation is not a dependency of the test binary")
}

// tarball builds a gzipped tarball holding files (gzipping db.json.gz).
func tarball(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, content := range files {
		data := []byte(content)
		if strings.HasSuffix(name, ".gz") {
			var inner bytes.Buffer
			iz := gzip.NewWriter(&inner)
			iz.Write(data)
			iz.Close()
			data = inner.Bytes()
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data))}); err != nil {
			t.Fatal(err)
		}
		tw.Write(data)
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

func TestReadDatabase(t *testing.T) {
	tgz := tarball(t, map[string]string{
		"package/README.md": "spec",
		specDatabase: `{"idCtr": 2, "schema": {"resource": {"type": "entities", "entities": [
			{"$id": "0", "cloudFormationType": "AWS::EC2::Instance", "properties": {"ImageId": {}, "MetadataOptions": {}}, "attributes": {"PublicIp": {}}},
			{"$id": "1", "cloudFormationType": "AWS::CloudFormation::WaitConditionHandle", "properties": {}}]}}}`,
	})
	db, err := extract(tgz, specDatabase)
	if err != nil {
		t.Fatal(err)
	}
	types, err := parseDatabase(db)
	if err != nil {
		t.Fatal(err)
	}
	src, err := render(types)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(src)), " ")
	for _, want := range []string{
		`"AWS::EC2::Instance": "ImageId MetadataOptions",`,
		`"AWS::CloudFormation::WaitConditionHandle": "",`,
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("catalogue lacks %s:\n%s", want, src)
		}
	}
	if strings.Contains(string(src), "PublicIp") {
		t.Error("an attribute was listed as a property")
	}
}

func TestBadSpec(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, want string
		data       []byte
	}{
		{"other release", "is not " + specPackage, tarball(t, map[string]string{specDatabase: `{}`})},
		{"not a tarball", "is not " + specPackage, []byte("hello")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "spec.tgz")
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := specTypes(path); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := extract(tarball(t, map[string]string{"package/README.md": "x"}), specDatabase); err == nil {
		t.Error("a package without the database was read")
	}
	if _, err := parseDatabase([]byte(`{"schema": {"resource": {"entities": []}}}`)); err == nil {
		t.Error("an empty database was read")
	}
	if _, err := extract([]byte("not gzip"), specDatabase); err == nil {
		t.Error("a file that is not gzipped was read")
	}
}

func TestNormalize(t *testing.T) {
	if got := strings.Join(normalize([]string{"B", "A", "B"}), " "); got != "A B" {
		t.Errorf("normalize = %q", got)
	}
	if got := strings.Join(normalize([]string{"A", "*"}), " "); got != "*" {
		t.Errorf("normalize with * = %q", got)
	}
}

func TestFetchWithoutNPM(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := fetchSpec(context.Background(), t.TempDir(), true); !errors.Is(err, errNoNPM) {
		t.Errorf("err = %v, want %v", err, errNoNPM)
	}
}
