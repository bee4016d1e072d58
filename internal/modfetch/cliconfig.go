package modfetch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
)

// cliConfig is what blindspot reads of Terraform's CLI configuration: the
// services of hosts that do not use service discovery, and credentials for
// private registries.
type cliConfig struct {
	// services maps a host to its service URLs ("modules.v1" -> URL).
	services map[string]map[string]string
	// tokens maps a host to its API token.
	tokens map[string]string
}

// cliSchema is the part of the CLI configuration blindspot reads.
var cliSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "host", LabelNames: []string{"hostname"}},
		{Type: "credentials", LabelNames: []string{"hostname"}},
	},
}

// loadCLIConfig reads the CLI configuration file (TF_CLI_CONFIG_FILE, or
// .terraformrc in the home directory, terraform.rc in %APPDATA% on
// Windows) and the credentials terraform login stores
// (~/.terraform.d/credentials.tfrc.json). Files that do not exist are
// skipped; files that cannot be read or parsed are errors.
func loadCLIConfig(getenv func(string) string) (*cliConfig, error) {
	c := &cliConfig{services: map[string]map[string]string{}, tokens: map[string]string{}}
	home := getenv("HOME")
	if runtime.GOOS == "windows" && home == "" {
		home = getenv("USERPROFILE")
	}
	file := getenv("TF_CLI_CONFIG_FILE")
	if file == "" {
		file = getenv("TERRAFORM_CONFIG")
	}
	if file == "" {
		switch {
		case runtime.GOOS == "windows" && getenv("APPDATA") != "":
			file = filepath.Join(getenv("APPDATA"), "terraform.rc")
		case home != "":
			file = filepath.Join(home, ".terraformrc")
		}
	}
	if file != "" {
		if err := c.readConfigFile(file); err != nil {
			return nil, err
		}
	}
	if home != "" {
		dir := filepath.Join(home, ".terraform.d")
		if runtime.GOOS == "windows" && getenv("APPDATA") != "" {
			dir = filepath.Join(getenv("APPDATA"), "terraform.d")
		}
		if err := c.readCredentialsFile(filepath.Join(dir, "credentials.tfrc.json")); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// readConfigFile reads host and credentials blocks of a CLI configuration
// file, in HCL or (named *.json) JSON. A file that does not exist is no
// configuration, even when TF_CLI_CONFIG_FILE names it (environments set it
// before any file is written); one that cannot be read or parsed is an
// error.
func (c *cliConfig) readConfigFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return fmt.Errorf("reading the Terraform CLI configuration: %w", err)
	}
	p := hclparse.NewParser()
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, diags = p.ParseJSON(data, path)
	} else {
		f, diags = p.ParseHCL(data, path)
	}
	if diags.HasErrors() {
		return fmt.Errorf("reading the Terraform CLI configuration: %s", diags.Error())
	}
	content, _, diags := f.Body.PartialContent(cliSchema)
	if diags.HasErrors() {
		return fmt.Errorf("reading the Terraform CLI configuration: %s", diags.Error())
	}
	for _, b := range content.Blocks {
		host := strings.ToLower(b.Labels[0])
		attrs, diags := b.Body.JustAttributes()
		if diags.HasErrors() {
			return fmt.Errorf("reading the Terraform CLI configuration: %s", diags.Error())
		}
		switch b.Type {
		case "host":
			a, ok := attrs["services"]
			if !ok {
				continue
			}
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
				return fmt.Errorf("%s: host %q: services must be a map of service names to URLs", a.Range, host)
			}
			services := map[string]string{}
			for it := v.ElementIterator(); it.Next(); {
				k, u := it.Element()
				if u.Type() != cty.String || u.IsNull() {
					return fmt.Errorf("%s: host %q: service %s must be a URL string", a.Range, host, k.AsString())
				}
				services[k.AsString()] = u.AsString()
			}
			c.services[host] = services
		case "credentials":
			a, ok := attrs["token"]
			if !ok {
				continue
			}
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() || v.Type() != cty.String || v.IsNull() {
				return fmt.Errorf("%s: credentials %q: token must be a string", a.Range, host)
			}
			c.tokens[host] = v.AsString()
		}
	}
	return nil
}

// readCredentialsFile reads credentials.tfrc.json, which terraform login
// writes; configuration blocks win over it.
func (c *cliConfig) readCredentialsFile(path string) error {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading Terraform credentials: %w", err)
	}
	var file struct {
		Credentials map[string]struct {
			Token string `json:"token"`
		} `json:"credentials"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		return fmt.Errorf("reading Terraform credentials %s: %w", path, err)
	}
	for host, cred := range file.Credentials {
		host = strings.ToLower(host)
		if _, ok := c.tokens[host]; !ok && cred.Token != "" {
			c.tokens[host] = cred.Token
		}
	}
	return nil
}

// token returns the API token for host: TF_TOKEN_<host> (dots written as
// underscores, hyphens as double underscores), then the CLI
// configuration's credentials.
func (c *cliConfig) token(host string, getenv func(string) string) string {
	name := strings.NewReplacer("-", "__", ".", "_").Replace(host)
	if t := getenv("TF_TOKEN_" + name); t != "" {
		return t
	}
	return c.tokens[strings.ToLower(host)]
}
