package modfetch

import "testing"

func TestParseSource(t *testing.T) {
	tests := []struct {
		raw  string
		want source
	}{
		{"terraform-aws-modules/vpc/aws", source{kind: registrySource, host: defaultRegistry, namespace: "terraform-aws-modules", name: "vpc", provider: "aws"}},
		{"cloudposse/stack-config/yaml//modules/remote-state", source{kind: registrySource, host: defaultRegistry, namespace: "cloudposse", name: "stack-config", provider: "yaml", subdir: "modules/remote-state"}},
		{"App.Example.com:8443/acme/vpc/aws", source{kind: registrySource, host: "app.example.com:8443", namespace: "acme", name: "vpc", provider: "aws"}},
		{"git::https://example.com/vpc.git?ref=v1.2.0", source{kind: gitSource, url: "https://example.com/vpc.git", ref: "v1.2.0"}},
		{"git::https://github.com/cloudposse/terraform-aws-kms-key.git?ref=tags/0.1.3", source{kind: gitSource, url: "https://github.com/cloudposse/terraform-aws-kms-key.git", ref: "tags/0.1.3"}},
		{"git::https://example.com/network.git//modules/vpc?ref=v1&depth=1", source{kind: gitSource, url: "https://example.com/network.git", ref: "v1", subdir: "modules/vpc"}},
		{"git::ssh://git@example.com/network.git", source{kind: gitSource, url: "ssh://git@example.com/network.git"}},
		{"git::git@github.com:acme/network.git//vpc?ref=v2", source{kind: gitSource, url: "ssh://git@github.com/acme/network.git", ref: "v2", subdir: "vpc"}},
		{"git@github.com:acme/network.git", source{kind: gitSource, url: "ssh://git@github.com/acme/network.git"}},
		{"github.com/hashicorp/example", source{kind: gitSource, url: "https://github.com/hashicorp/example.git"}},
		{"github.com/hashicorp/example//sub?ref=v1", source{kind: gitSource, url: "https://github.com/hashicorp/example.git", ref: "v1", subdir: "sub"}},
		{"bitbucket.org/acme/vpc.git", source{kind: gitSource, url: "https://bitbucket.org/acme/vpc.git"}},
		{"https://example.com/vpc-module.zip", source{kind: httpSource, url: "https://example.com/vpc-module.zip", archive: "zip"}},
		{"https://example.com/vpc.tgz//modules/vpc", source{kind: httpSource, url: "https://example.com/vpc.tgz", archive: "tar.gz", subdir: "modules/vpc"}},
		{"https://api.github.com/repos/hashicorp/terraform-aws-consul/tarball/v0.0.1//*?archive=tar.gz", source{kind: httpSource, url: "https://api.github.com/repos/hashicorp/terraform-aws-consul/tarball/v0.0.1", archive: "tar.gz", subdir: "*"}},
		{"https://example.com/modules/vpc", source{kind: httpSource, url: "https://example.com/modules/vpc"}},
	}
	for _, tt := range tests {
		got, err := parseSource(tt.raw)
		if err != nil || got != tt.want {
			t.Errorf("parseSource(%q) = %+v, %v; want %+v", tt.raw, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "./local", "../up", "stage", "s3::https://s3.amazonaws.com/bucket/vpc.zip", "hg::http://example.com/vpc",
		"gcs::https://www.googleapis.com/storage/v1/bucket/vpc", "github.com/only-owner", "https://example.com/vpc.tar.xz", "git::https://example.com/x.git?ref=--upload-pack=evil",
		"git::https://example.com/x.git?sshkey=abc", "ftp://example.com/vpc.zip"} {
		if s, err := parseSource(bad); err == nil {
			t.Errorf("parseSource(%q) = %+v, want an error", bad, s)
		}
	}
}
