package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/search"
)

// filterFlags are the filters search and themes share.
type filterFlags struct {
	themes, authorities, sections []string
	incidentType, from, to        string
	confirmed                     bool
	// checked is the filter with its values checked and normalised, set
	// before the command runs.
	checked *corpus.Filter
}

// add registers the filter flags; before the command runs, their values
// are checked against the taxonomy and the authorities, so that a
// misspelt value is an error naming the nearest valid ones, not a silent 0.
func (f *filterFlags) add(cmd *cobra.Command, a *app) {
	cmd.PreRunE = func(*cobra.Command, []string) error {
		themes, err := a.taxonomyThemes()
		if err != nil {
			return err
		}
		c, err := corpus.CheckFilter(f.raw(), themes)
		if err != nil {
			return err
		}
		f.checked = &c
		return nil
	}
	cmd.Flags().StringArrayVar(&f.themes, "theme", nil, "only reviews raising this theme (repeatable)")
	cmd.Flags().StringArrayVar(&f.authorities, "authority", nil, "only this authority (repeatable; any name variant)")
	cmd.Flags().StringArrayVar(&f.sections, "section", nil, "only this section kind (repeatable)")
	cmd.Flags().StringVar(&f.incidentType, "incident-type", "", "serious_violence, sexual_offence, death or other")
	cmd.Flags().StringVar(&f.from, "from", "", "incidents on or after YYYY-MM-DD")
	cmd.Flags().StringVar(&f.to, "to", "", "incidents on or before YYYY-MM-DD")
	cmd.Flags().BoolVar(&f.confirmed, "confirmed", false, "count and filter by the themes inspectors confirmed only")
}

func (f *filterFlags) filter() corpus.Filter {
	if f.checked != nil {
		return *f.checked
	}
	return f.raw()
}

func (f *filterFlags) raw() corpus.Filter {
	out := corpus.Filter{Themes: f.themes, Sections: f.sections, From: f.from, To: f.to, Confirmed: f.confirmed}
	for _, a := range f.authorities {
		out.Authorities = append(out.Authorities, canonicalOr(a))
	}
	if f.incidentType != "" {
		out.IncidentTypes = []string{f.incidentType}
	}
	return out
}

var markRE = regexp.MustCompile(`</?mark>`)

func (a *app) searchCommand() *cobra.Command {
	var (
		ff     filterFlags
		size   int
		asJSON bool
		group  string
	)
	cmd := &cobra.Command{
		Use:   "search [--theme ID]... [--authority NAME]... [--section KIND]... [--incident-type T] [--from DATE] [--to DATE] [--size N] [--group review|section] [--json] [QUERY]",
		Short: "Search review sections with facets and highlighted snippets",
		Long: `Search finds sections whose text matches QUERY and prints the matching
reviews (title, authority, incident date, and the best sections with
highlighted snippets), or with --group section each matching section, then
facet counts by authority, year, theme, section and incident type (reviews,
or sections with --group section).

Query syntax: words (all must match; -word must not), "exact phrases",
OR between alternatives and parentheses to group them ("home visit" OR
(contact -telephone)), field:value with fields ` + strings.Join(index.QueryFields(), ", ") + `.
Words may end with * (not start). A field value that names nothing (a
misspelt authority, section or order) is an error naming the nearest ones.
Put -- before a query that starts with -, so the shell's words are not
read as flags: sirlearn search -- -telephone contact`,
		RunE: func(cmd *cobra.Command, args []string) error {
			q := corpus.Query{Text: strings.Join(args, " "), Filter: ff.filter(), Size: size, Highlight: true, Group: group}
			var res *corpus.SearchResult
			err := a.query(cmd.Context(),
				func(ix *index.Index) (err error) { res, err = ix.Search(cmd.Context(), q); return err },
				func(c *apiClient) (err error) { res, err = c.search(cmd.Context(), q); return err })
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetEscapeHTML(false)
				return enc.Encode(res)
			}
			w := a.stdout
			snippet := func(indent, s string) {
				if s == "" {
					return
				}
				snip := markRE.ReplaceAllStringFunc(s, func(m string) string {
					if isTerminal(a.stdout) {
						if m == "<mark>" {
							return "\x1b[1;33m"
						}
						return "\x1b[0m"
					}
					if m == "<mark>" {
						return "«"
					}
					return "»"
				})
				fmt.Fprintf(w, "%s%s\n", indent, html.UnescapeString(snip))
			}
			if res.Group == corpus.GroupReview {
				fmt.Fprintf(w, "%d matching reviews, %d sections (%s)\n\n", res.Total, res.TotalSections, res.Took.Round(1000))
				for i, r := range res.Reviews {
					fmt.Fprintf(w, "%d. %s · %s · %s · %s\n", i+1, orDash(r.Title), orDash(r.Authority), orDash(r.IncidentDate), orDash(r.IncidentType))
					fmt.Fprintf(w, "   review %s  %s\n", shortID(r.ReviewID), r.Source)
					for _, h := range r.Sections {
						fmt.Fprintf(w, "   - %s · %s\n", orDash(h.Section), orDash(h.Heading))
						snippet("     ", h.Snippet)
					}
					if r.Matches > len(r.Sections) {
						fmt.Fprintf(w, "   (%d matching sections; --group section lists them all)\n", r.Matches)
					}
					fmt.Fprintln(w)
				}
			} else {
				fmt.Fprintf(w, "%d matching sections (%s)\n\n", res.Total, res.Took.Round(1000))
				for i, h := range res.Hits {
					fmt.Fprintf(w, "%d. %s · %s · %s · %s\n", i+1, orDash(h.Authority), orDash(h.IncidentDate), orDash(h.Section), orDash(h.Heading))
					fmt.Fprintf(w, "   review %s  %s\n", shortID(h.ReviewID), h.Source)
					snippet("   ", h.Snippet)
					fmt.Fprintln(w)
				}
			}
			for _, name := range []string{"authority", "year", "theme", "section", "incident_type"} {
				vals := res.Facets[name]
				if len(vals) == 0 {
					continue
				}
				parts := make([]string, 0, len(vals))
				for _, v := range vals {
					parts = append(parts, fmt.Sprintf("%s %s", v.Value, countText(v.Count)))
				}
				fmt.Fprintf(w, "%-14s %s\n", name+":", strings.Join(parts, ", "))
			}
			return nil
		},
	}
	ff.add(cmd, a)
	cmd.Flags().IntVar(&size, "size", 10, "reviews or sections to show (at most 100)")
	cmd.Flags().StringVar(&group, "group", corpus.GroupReview, "review: matching reviews with their best sections; section: every matching section")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	a.bind(cmd.Flags(), "index.path", "index")
	return cmd
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func (a *app) themesCommand() *cobra.Command {
	var (
		ff     filterFlags
		by     string
		format string
	)
	cmd := &cobra.Command{
		Use:   "themes [--by authority|year|section|incident_type] [--format table|csv|json] [filters]",
		Short: "Count the reviews raising each theme, and in how many authorities",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "csv" && format != "json" {
				return fmt.Errorf("--format %q: want table, csv or json", format)
			}
			var tab *corpus.ThemeTable
			err := a.query(cmd.Context(),
				func(ix *index.Index) (err error) { tab, err = ix.Themes(cmd.Context(), ff.filter(), by); return err },
				func(c *apiClient) (err error) { tab, err = c.themes(cmd.Context(), ff.filter(), by); return err })
			if err != nil {
				return err
			}
			return writeThemes(a, tab, format)
		},
	}
	ff.add(cmd, a)
	cmd.Flags().StringVar(&by, "by", "", "break down by authority, year, section or incident_type")
	cmd.Flags().StringVar(&format, "format", "table", "table, csv or json")
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	a.bind(cmd.Flags(), "index.path", "index")
	return cmd
}

func writeThemes(a *app, tab *corpus.ThemeTable, format string) error {
	sort.SliceStable(tab.Rows, func(i, j int) bool { return tab.Rows[i].Reviews > tab.Rows[j].Reviews })
	switch format {
	case "json":
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(tab)
	case "csv":
		w := csv.NewWriter(a.stdout)
		head := append([]string{"theme", "reviews", "authorities"}, tab.Columns...)
		if err := w.Write(head); err != nil {
			return err
		}
		for _, r := range tab.Rows {
			rec := []string{r.Theme, countText(r.Reviews), fmt.Sprint(r.Authorities)}
			for _, c := range tab.Columns {
				rec = append(rec, countText(r.By[c]))
			}
			if err := w.Write(rec); err != nil {
				return err
			}
		}
		w.Flush()
		return w.Error()
	}
	w := a.stdout
	if tab.Unit == "case" {
		fmt.Fprintf(w, "%d cases with a review, of %d notified (a case counts once, whatever its documents)\n", tab.TotalReviews, tab.TotalNotifications)
	} else {
		fmt.Fprintf(w, "%d reviews\n", tab.TotalReviews)
	}
	fmt.Fprintf(w, "%-24s %7s %11s", "theme", "reviews", "authorities")
	for _, c := range tab.Columns {
		fmt.Fprintf(w, " %*s", max(len(c), 4), c)
	}
	fmt.Fprintln(w)
	for _, r := range tab.Rows {
		fmt.Fprintf(w, "%-24s %7s %11d", r.Theme, countText(r.Reviews), r.Authorities)
		for _, c := range tab.Columns {
			fmt.Fprintf(w, " %*s", max(len(c), 4), countText(r.By[c]))
		}
		fmt.Fprintln(w)
	}
	return nil
}

// query runs local against the index, or remote against the server that
// holds it.
func (a *app) query(ctx context.Context, local func(*index.Index) error, remote func(*apiClient) error) error {
	return a.withIndex(ctx, local, remote, search.RoleInspector, search.RoleResearcher)
}

// withIndex runs local against the index, or, while a server holds it,
// remote against that server with a token of one of the roles.
func (a *app) withIndex(ctx context.Context, local func(*index.Index) error, remote func(*apiClient) error, roles ...search.Role) error {
	ix, err := a.openReadIndex(ctx)
	if le, ok := isLocked(err); ok {
		c, err := a.serverClient(le, roles...)
		if err != nil {
			return err
		}
		return remote(c)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	return local(ix)
}
