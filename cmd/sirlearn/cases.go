package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/user"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/search"
)

// inspect runs an inspector's command on the index, or through the server
// holding it with an inspector's token.
func (a *app) inspect(ctx context.Context, local func(*index.Index) error, remote func(*apiClient) error) error {
	return a.withIndex(ctx, local, remote, search.RoleInspector)
}

// whoAmI names the person at the command line for the audit journal.
func whoAmI(as string) string {
	if as != "" {
		return as
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "cli:" + u.Username
	}
	return "cli:" + os.Getenv("USER")
}

func (a *app) casesCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cases",
		Short: "List the incidents (cases) and correct how documents are linked to them",
		Long: `A case joins the documents of one serious incident: its notification, its
Part One case review and its Part Two reflective learning review. Documents
are linked by the case reference they carry, else by authority, incident date
and the person's label ("Mr B"). Theme counts, timeliness and the heatmap
count cases. When a link is wrong, join, split or unlink documents by hand;
each change is recorded in the index's audit journal.`,
	}
	var (
		ff     filterFlags
		asJSON bool
		size   int
		as     string
	)
	list := &cobra.Command{
		Use:   "list [filters]",
		Short: "List cases with their documents",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var (
				total int
				cs    []corpus.Case
			)
			err := a.inspect(cmd.Context(),
				func(ix *index.Index) (err error) {
					total, cs, err = ix.Cases(cmd.Context(), ff.filter(), size, 0)
					return err
				},
				func(c *apiClient) error {
					v := filterValues(ff.filter())
					v.Set("size", fmt.Sprint(size))
					var out struct {
						Total int           `json:"total"`
						Cases []corpus.Case `json:"cases"`
					}
					err := c.get(cmd.Context(), "/api/cases", v, &out)
					total, cs = out.Total, out.Cases
					return err
				})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSONOut(a, map[string]any{"total": total, "cases": cs})
			}
			fmt.Fprintf(a.stdout, "%d cases", total)
			if len(cs) < total {
				fmt.Fprintf(a.stdout, " (the first %d; --size for more)", len(cs))
			}
			fmt.Fprintln(a.stdout)
			for _, c := range cs {
				printCase(a, &c)
			}
			return nil
		},
	}
	ff.add(list, a)
	list.Flags().IntVar(&size, "size", 50, "how many cases to list")
	show := &cobra.Command{
		Use:   "show REVIEW_ID",
		Short: "Show the case a document belongs to",
		Args:  withUsage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			var c *corpus.Case
			err := a.inspect(cmd.Context(),
				func(ix *index.Index) error {
					id, err := ix.ResolveID(cmd.Context(), args[0])
					if err != nil {
						return err
					}
					c, err = ix.CaseOf(cmd.Context(), id)
					return err
				},
				func(cl *apiClient) error {
					c = &corpus.Case{}
					return cl.get(cmd.Context(), "/api/reviews/"+url.PathEscape(args[0])+"/case", nil, c)
				})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSONOut(a, c)
			}
			printCase(a, c)
			return nil
		},
	}
	edit := func(action, use, short string, args cobra.PositionalArgs) *cobra.Command {
		return &cobra.Command{
			Use:   use,
			Short: short,
			Args:  withUsage(args),
			RunE: func(cmd *cobra.Command, ids []string) error {
				var c *corpus.Case
				err := a.inspect(cmd.Context(),
					func(ix *index.Index) (err error) {
						c, err = ix.EditCase(cmd.Context(), action, ids, whoAmI(as))
						return err
					},
					func(cl *apiClient) error {
						c = &corpus.Case{}
						return cl.send(cmd.Context(), "POST", "/api/cases/"+action, nil, map[string]any{"ids": ids}, c)
					})
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSONOut(a, c)
				}
				printCase(a, c)
				return nil
			},
		}
	}
	join := edit("join", "join REVIEW_ID REVIEW_ID...", "Put documents in one case by hand", cobra.MinimumNArgs(2))
	split := edit("split", "split REVIEW_ID", "Take a document out of its case into one of its own", cobra.ExactArgs(1))
	unlink := edit("unlink", "unlink REVIEW_ID...", "Return documents to automatic linking", cobra.MinimumNArgs(1))
	for _, c := range []*cobra.Command{list, show, join, split, unlink} {
		c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
		c.Flags().String("index", "", "index folder (default <data-dir>/index)")
		a.bind(c.Flags(), "index.path", "index")
		cmd.AddCommand(c)
	}
	for _, c := range []*cobra.Command{join, split, unlink} {
		c.Flags().StringVar(&as, "as", "", "who makes the change, for the audit journal (default cli:<login name>)")
	}
	return cmd
}

func (a *app) removeCommand() *cobra.Command {
	var reason, as string
	cmd := &cobra.Command{
		Use:   "remove REVIEW_ID [--reason TEXT]",
		Short: "Remove a wrongly uploaded document from the index (recorded in the audit journal)",
		Args:  withUsage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			var source string
			err := a.inspect(cmd.Context(),
				func(ix *index.Index) error {
					id, err := ix.ResolveID(cmd.Context(), args[0])
					if err != nil {
						return err
					}
					r, err := ix.Remove(cmd.Context(), id, whoAmI(as), reason)
					if r != nil {
						source = r.Source
					}
					return err
				},
				func(cl *apiClient) error {
					var out struct {
						Source string `json:"source"`
					}
					err := cl.send(cmd.Context(), "DELETE", "/api/reviews/"+url.PathEscape(args[0]), url.Values{"reason": {reason}}, nil, &out)
					source = out.Source
					return err
				})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "removed %s (%s)\n", args[0], source)
			return nil
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why, for the audit journal")
	cmd.Flags().StringVar(&as, "as", "", "who removes it, for the audit journal (default cli:<login name>)")
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	a.bind(cmd.Flags(), "index.path", "index")
	return cmd
}

func printCase(a *app, c *corpus.Case) {
	m := c.Metadata
	fmt.Fprintf(a.stdout, "%s  %s  incident %s  %s", c.ID, orDash(m.Authority), orDash(string(m.IncidentDate)), orDash(c.Subject))
	if c.Reference != "" {
		fmt.Fprintf(a.stdout, "  ref %s", c.Reference)
	}
	var kinds []string
	for _, k := range c.Kinds {
		kinds = append(kinds, string(k))
	}
	fmt.Fprintf(a.stdout, "  [%s]\n", strings.Join(kinds, ", "))
	for _, d := range c.Documents {
		fmt.Fprintf(a.stdout, "    %-16s %s  %s\n", d.Kind, d.ID, d.Source)
	}
}

func writeJSONOut(a *app, v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
