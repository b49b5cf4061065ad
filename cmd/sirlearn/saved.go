package main

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index"
)

func (a *app) searchesCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "searches", Short: "Save searches by name; new reviews that match them show as alerts"}
	var (
		ff filterFlags
		as string
	)
	save := &cobra.Command{
		Use:   "save NAME [filters] [QUERY]",
		Short: "Save a search; reviews indexed from now on that match it become its alerts",
		Args:  withUsage(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			s := corpus.SavedSearch{Name: args[0], Query: strings.Join(args[1:], " "), Filter: ff.filter(), Owner: whoAmI(as)}
			return a.inspect(cmd.Context(),
				func(ix *index.Index) error { return ix.SaveSearch(cmd.Context(), s) },
				func(c *apiClient) error {
					return c.send(cmd.Context(), "POST", "/api/searches", nil, map[string]any{"name": s.Name, "q": s.Query, "filter": s.Filter}, nil)
				})
		},
	}
	ff.add(save, a)
	save.Flags().StringVar(&as, "as", "", "owner of the search (default cli:<login name>)")
	del := &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a saved search",
		Args:  withUsage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.inspect(cmd.Context(),
				func(ix *index.Index) error { return ix.DeleteSearch(cmd.Context(), args[0]) },
				func(c *apiClient) error {
					return c.send(cmd.Context(), "DELETE", "/api/searches/"+url.PathEscape(args[0]), nil, nil, nil)
				})
		},
	}
	for _, c := range []*cobra.Command{save, del} {
		c.Flags().String("index", "", "index folder (default <data-dir>/index)")
		a.bind(c.Flags(), "index.path", "index")
		cmd.AddCommand(c)
	}
	return cmd
}

func (a *app) alertsCommand() *cobra.Command {
	var seen bool
	cmd := &cobra.Command{
		Use:   "alerts [--seen]",
		Short: "Print the reviews indexed since each saved search was last seen that match it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var ss []corpus.SavedSearch
			err := a.inspect(cmd.Context(),
				func(ix *index.Index) error {
					var err error
					if ss, err = ix.SavedSearches(cmd.Context()); err != nil || !seen {
						return err
					}
					for _, s := range ss {
						if err := ix.SeenAlerts(cmd.Context(), s.Name); err != nil {
							return err
						}
					}
					return nil
				},
				func(c *apiClient) error {
					var out struct {
						Searches []corpus.SavedSearch `json:"searches"`
					}
					if err := c.get(cmd.Context(), "/api/searches", nil, &out); err != nil {
						return err
					}
					ss = out.Searches
					if seen {
						for _, s := range ss {
							if err := c.send(cmd.Context(), "POST", "/api/searches/"+url.PathEscape(s.Name)+"/seen", nil, nil, nil); err != nil {
								return err
							}
						}
					}
					return nil
				})
			if err != nil {
				return err
			}
			if len(ss) == 0 {
				fmt.Fprintln(a.stdout, "no saved searches (sirlearn searches save NAME QUERY)")
				return nil
			}
			for _, s := range ss {
				fmt.Fprintf(a.stdout, "%s (%q): %d new\n", s.Name, s.Query, len(s.New))
				for _, al := range s.New {
					fmt.Fprintf(a.stdout, "   %s  %s · %s  %s\n", al.When.Format("2006-01-02 15:04"), shortID(al.ReviewID), al.Authority, al.Title)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&seen, "seen", false, "mark the alerts seen after printing them")
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	a.bind(cmd.Flags(), "index.path", "index")
	return cmd
}
