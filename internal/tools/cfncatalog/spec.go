package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The CloudFormation specification the catalogue is generated from: the
// npm package the AWS CDK generates its L1 constructs from, updated weekly
// from the CloudFormation registry schemas. To move to a newer release,
// change the version and the integrity (`npm view
// @aws-cdk/aws-service-spec@VERSION dist.integrity`) and run
// go generate ./parser/cloudformation.
const (
	specPackage   = "@aws-cdk/aws-service-spec"
	specVersion   = "0.1.216"
	specIntegrity = "sha512-O3Lu6v6J6RnI+Eenklbw8237kV64cTpM94QEXmlcmsIAzhcKrdd+qApZhlTL+H3IDt1JP6Vphbd+OOmq6r8pqw=="
)

// specDatabase is the file inside the package tarball that holds the
// specification (gzipped JSON).
const specDatabase = "package/db.json.gz"

// maxDatabaseSize bounds the uncompressed specification (about 15 MB
// today) so that a corrupt tarball cannot exhaust memory.
const maxDatabaseSize = 256 << 20

// errNoNPM means npm is not installed.
var errNoNPM = errors.New("npm is not installed")

// fetchSpec runs npm pack for the pinned package into dir and returns the
// tarball's path. With offline set, npm may only use its cache, so nothing
// reaches the network.
func fetchSpec(ctx context.Context, dir string, offline bool) (string, error) {
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", errNoNPM
	}
	args := []string{"pack", "--json", "--no-update-notifier", "--logs-max=0", "--pack-destination", dir}
	if offline {
		args = append(args, "--offline")
	}
	args = append(args, specPackage+"@"+specVersion)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("npm pack %s@%s: %w: %s", specPackage, specVersion, err, npmError(stderr.String()))
	}
	var packed []struct {
		Filename string `json:"filename"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &packed); err != nil || len(packed) != 1 || packed[0].Filename == "" {
		return "", fmt.Errorf("npm pack %s@%s: unexpected output %q", specPackage, specVersion, stdout.String())
	}
	return filepath.Join(dir, filepath.Base(packed[0].Filename)), nil
}

// npmError picks the line of npm's error output that names the problem
// ("npm error code ENOTCACHED").
func npmError(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, l := range lines {
		if strings.Contains(l, "error code") {
			return strings.TrimSpace(l)
		}
	}
	return strings.TrimSpace(lines[0])
}

// specTypes reads the package tarball at path, checks it is the pinned
// release, and returns every resource type it specifies with its property
// names.
func specTypes(path string) (map[string][]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the specification package: %w", err)
	}
	sum := sha512.Sum512(data)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != specIntegrity {
		return nil, fmt.Errorf("%s is not %s@%s: integrity %s, want %s", path, specPackage, specVersion, got, specIntegrity)
	}
	db, err := extract(data, specDatabase)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return parseDatabase(db)
}

// extract returns the uncompressed content of the gzipped file name inside
// a gzipped tarball.
func extract(tgz []byte, name string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, fmt.Errorf("not a gzipped tarball: %w", err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("no %s in the package", name)
		}
		if err != nil {
			return nil, fmt.Errorf("reading the tarball: %w", err)
		}
		if h.Name != name {
			continue
		}
		inner, err := gzip.NewReader(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		data, err := io.ReadAll(io.LimitReader(inner, maxDatabaseSize+1))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(data) > maxDatabaseSize {
			return nil, fmt.Errorf("%s is larger than %d bytes", name, maxDatabaseSize)
		}
		return data, nil
	}
}

// database is the part of the specification database the catalogue needs:
// the resource entities, each with its CloudFormation type and properties.
type database struct {
	Schema struct {
		Resource struct {
			Entities []struct {
				CloudFormationType string                     `json:"cloudFormationType"`
				Properties         map[string]json.RawMessage `json:"properties"`
			} `json:"entities"`
		} `json:"resource"`
	} `json:"schema"`
}

func parseDatabase(data []byte) (map[string][]string, error) {
	var db database
	if err := json.Unmarshal(data, &db); err != nil {
		return nil, fmt.Errorf("reading the specification database: %w", err)
	}
	types := map[string][]string{}
	for _, e := range db.Schema.Resource.Entities {
		if !strings.Contains(e.CloudFormationType, "::") {
			return nil, fmt.Errorf("specification database: resource entity with type %q", e.CloudFormationType)
		}
		props := types[e.CloudFormationType]
		for p := range e.Properties {
			props = append(props, p)
		}
		types[e.CloudFormationType] = props
	}
	if len(types) == 0 {
		return nil, errors.New("specification database lists no resource types")
	}
	return types, nil
}
