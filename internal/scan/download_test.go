package scan

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/modfetch"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/aws/s3"
)

// TestDownloadModules scans a root whose modules come from a registry on
// 127.0.0.1 (as example.com): they are downloaded, evaluated like terraform
// init's, findings inside them point at the call in the user's code, a
// registry module calling another is downloaded too, and a local call
// leaving its package is refused.
func TestDownloadModules(t *testing.T) {
	packages := map[string]map[string]string{
		"bucket": {
			"main.tf": `variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
module "versioning" {
  source  = "example.com/acme/versioning/aws"
  version = "1.0.0"
  bucket  = aws_s3_bucket.this.id
}
module "escape" {
  source = "../../../../../.."
}
`,
		},
		"versioning": {
			"main.tf": `variable "bucket" {}
resource "aws_s3_bucket_versioning" "this" {
  bucket = var.bucket
  versioning_configuration {
    status = "Suspended"
  }
}
`,
		},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/terraform.json", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"modules.v1": "/v1/modules/"}`))
	})
	for name := range packages {
		mux.HandleFunc("/v1/modules/acme/"+name+"/aws/versions", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"modules": [{"versions": [{"version": "1.0.0"}]}]}`))
		})
		mux.HandleFunc("/v1/modules/acme/"+name+"/aws/1.0.0/download", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Terraform-Get", "/files/"+name+".tar.gz")
			w.WriteHeader(http.StatusNoContent)
		})
		mux.HandleFunc("/files/"+name+".tar.gz", func(w http.ResponseWriter, r *http.Request) {
			w.Write(tarGz(t, packages[name]))
		})
	}
	srv := httptest.NewTLSServer(mux)
	defer srv.Close()
	tr := srv.Client().Transport.(*http.Transport).Clone()
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, srv.Listener.Addr().String())
	}
	fetcher, err := modfetch.New(context.Background(), modfetch.Options{
		CacheDir: t.TempDir(), Client: &http.Client{Transport: tr},
		Getenv: func(k string) string {
			if k == "HOME" {
				return t.TempDir()
			}
			return ""
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	root := writeTree(t, map[string][]byte{"main.tf": []byte(`module "logs" {
  source  = "example.com/acme/bucket/aws"
  version = "~> 1.0"
  name    = "acme-logs"
}
`)})
	opts := Options{Paths: []string{root}, Rules: []*rules.Rule{s3.VersioningDisabled}}

	offline, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(offline.Findings) != 0 || offline.ModulesNotDownloaded.Calls != 1 {
		t.Errorf("without downloads: findings %v, modules %+v", offline.Findings, offline.ModulesNotDownloaded)
	}

	opts.Modules = fetcher
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %v; diagnostics %v", res.Findings, res.Diagnostics)
	}
	f := res.Findings[0]
	if f.Loc.Range.File != filepath.Join(root, "main.tf") || f.Loc.Range.Start.Line != 1 {
		t.Errorf("finding at %v, want the module call in main.tf", f.Loc.Range)
	}
	if f.Loc.Resource.Address != "module.logs.module.versioning.aws_s3_bucket_versioning.this" {
		t.Errorf("finding about %s", f.Loc.Resource.Address)
	}
	inCache := false
	for _, r := range f.Related {
		if strings.HasPrefix(r.Loc.Range.File, fetcher.Root()) {
			inCache = true
		}
	}
	if !inCache {
		t.Errorf("no related location in the module's source: %v", f.Related)
	}
	if res.ModulesNotDownloaded.Calls != 0 {
		t.Errorf("modules not downloaded: %+v", res.ModulesNotDownloaded)
	}
	var codes []string
	for _, d := range res.Diagnostics {
		if d.Severity != graph.Debug {
			codes = append(codes, d.Code)
		}
	}
	if strings.Join(codes, " ") != graph.CodeModuleOutsidePackage {
		t.Errorf("diagnostics = %v, want only the refused local call", res.Diagnostics)
	}
}

func tarGz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, content := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(content)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(content))
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}
