package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/extract"
)

func (a *app) taxonomyCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "taxonomy", Short: "Check or show the taxonomy of sections and themes"}
	cmd.AddCommand(&cobra.Command{
		Use:   "check FILE",
		Short: "Validate a taxonomy YAML file: keys, section kinds, theme ids, patterns",
		Args:  withUsage(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			t, err := extract.LoadTaxonomy(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%s: ok (%d section kinds, %d themes)\n", args[0], len(t.SectionKinds()), len(t.ThemeIDs()))
			return nil
		},
	}, &cobra.Command{
		Use:   "show",
		Short: "Print the embedded taxonomy, a starting point for your own",
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			_, err := a.stdout.Write(extract.DefaultTaxonomyYAML())
			return err
		},
	})
	return cmd
}
