package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/blindspot-iac/blindspot/internal/ruledocs"
	"github.com/blindspot-iac/blindspot/rules/builtin"
)

func newRulesCmd(stdout io.Writer) *cobra.Command {
	var format, outputDir string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			reg := builtin.Registry()
			switch format {
			case "text":
				tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
				for _, r := range reg.All() {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
				}
				return tw.Flush()
			case "json":
				type ruleJSON struct {
					ID          string   `json:"id"`
					Title       string   `json:"title"`
					Severity    string   `json:"severity"`
					Description string   `json:"description"`
					References  []string `json:"references"`
					Tags        []string `json:"tags"`
				}
				var out []ruleJSON
				for _, r := range reg.All() {
					out = append(out, ruleJSON{r.ID, r.Title, r.Severity.String(), r.Description, r.References, r.Tags})
				}
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			case "markdown":
				if err := ruledocs.Write(outputDir, reg.All()); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "wrote the reference of %d rules to %s\n", len(reg.All()), outputDir)
				return nil
			}
			return usageErr("unknown --format %q (want %s)", format, strings.Join([]string{"text", "json", "markdown"}, ", "))
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text, json, or markdown (writes the rule reference)")
	cmd.Flags().StringVar(&outputDir, "output-dir", "docs/rules", "directory the markdown reference is written to")
	return cmd
}
