package main

import (
	"encoding/csv"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index"
)

func (a *app) showCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show an indexed review (any unique id prefix, such as the 12 digits search prints)",
		Args:  withUsage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			var r *corpus.Review
			err := a.inspect(cmd.Context(),
				func(ix *index.Index) error {
					id, err := ix.ResolveID(cmd.Context(), args[0])
					if err != nil {
						return err
					}
					r, err = ix.Review(cmd.Context(), id)
					return err
				},
				func(c *apiClient) error {
					r = &corpus.Review{}
					return c.get(cmd.Context(), "/api/reviews/"+url.PathEscape(args[0]), nil, r)
				})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSONOut(a, r)
			}
			printReviewText(a, r, nil)
			if r.Checked != nil {
				fmt.Fprintf(a.stdout, "coding checked by %s on %s\n", r.Checked.Who, r.Checked.When.Format("2006-01-02"))
			}
			for _, e := range r.Rejected {
				fmt.Fprintf(a.stdout, "rejected: %s by %s: %s\n", e.Theme, e.By, e.Text)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	a.bind(cmd.Flags(), "index.path", "index")
	return cmd
}

func (a *app) timelinessCommand() *cobra.Command {
	var (
		ff     filterFlags
		by     string
		format string
	)
	cmd := &cobra.Command{
		Use:   "timeliness [--by year|authority] [--format table|csv|json] [filters]",
		Short: "Notifications within five working days and reviews within three months, by case",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "csv" && format != "json" {
				return fmt.Errorf("--format %q: want table, csv or json", format)
			}
			var rows []corpus.TimelinessRow
			err := a.query(cmd.Context(),
				func(ix *index.Index) (err error) {
					rows, err = ix.Timeliness(cmd.Context(), ff.filter(), by)
					return err
				},
				func(c *apiClient) error {
					v := filterValues(ff.filter())
					v.Set("by", by)
					var out struct {
						Rows []struct {
							Key                 string   `json:"key"`
							Notifications       looseInt `json:"notifications"`
							Reviews             looseInt `json:"reviews"`
							NotificationsKnown  looseInt `json:"notifications_known"`
							NotificationsOnTime looseInt `json:"notifications_on_time"`
							ReviewsKnown        looseInt `json:"reviews_known"`
							ReviewsOnTime       looseInt `json:"reviews_on_time"`
						} `json:"rows"`
					}
					if err := c.get(cmd.Context(), "/api/stats/timeliness", v, &out); err != nil {
						return err
					}
					for _, r := range out.Rows {
						row := corpus.TimelinessRow{Key: r.Key, Notifications: int(r.Notifications), Reviews: int(r.Reviews),
							NotificationsKnown: int(r.NotificationsKnown), NotificationsOnTime: int(r.NotificationsOnTime),
							ReviewsKnown: int(r.ReviewsKnown), ReviewsOnTime: int(r.ReviewsOnTime)}
						if row.NotificationsKnown > 0 {
							row.NotificationShare = float64(row.NotificationsOnTime) / float64(row.NotificationsKnown)
						}
						if row.ReviewsKnown > 0 {
							row.ReviewShare = float64(row.ReviewsOnTime) / float64(row.ReviewsKnown)
						}
						rows = append(rows, row)
					}
					return nil
				})
			if err != nil {
				return err
			}
			switch format {
			case "json":
				return writeJSONOut(a, map[string]any{"by": by, "rows": rows})
			case "csv":
				w := csv.NewWriter(a.stdout)
				w.Write([]string{by, "notifications", "reviews", "notifications_known", "notifications_on_time", "notification_on_time_share", "reviews_known", "reviews_on_time", "review_on_time_share"})
				for _, r := range rows {
					w.Write([]string{r.Key, strconv.Itoa(r.Notifications), strconv.Itoa(r.Reviews), strconv.Itoa(r.NotificationsKnown), strconv.Itoa(r.NotificationsOnTime),
						strconv.FormatFloat(r.NotificationShare, 'f', 3, 64), strconv.Itoa(r.ReviewsKnown), strconv.Itoa(r.ReviewsOnTime), strconv.FormatFloat(r.ReviewShare, 'f', 3, 64)})
				}
				w.Flush()
				return w.Error()
			}
			fmt.Fprintf(a.stdout, "%-22s %6s %6s %22s %22s\n", by, "cases", "review", "notified in 5 days", "review in 3 months")
			for _, r := range rows {
				fmt.Fprintf(a.stdout, "%-22s %6d %6d %9d/%-4d (%3.0f%%) %9d/%-4d (%3.0f%%)\n", r.Key, r.Notifications, r.Reviews,
					r.NotificationsOnTime, r.NotificationsKnown, 100*r.NotificationShare, r.ReviewsOnTime, r.ReviewsKnown, 100*r.ReviewShare)
			}
			return nil
		},
	}
	ff.add(cmd, a)
	cmd.Flags().StringVar(&by, "by", "year", "year or authority")
	cmd.Flags().StringVar(&format, "format", "table", "table, csv or json")
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	a.bind(cmd.Flags(), "index.path", "index")
	return cmd
}

func (a *app) similarCommand() *cobra.Command {
	var (
		asJSON bool
		size   int
	)
	cmd := &cobra.Command{
		Use:   "similar ID",
		Short: "List the reviews most like a review (its most distinctive words), with the themes they share",
		Args:  withUsage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			var out []corpus.SimilarReview
			err := a.inspect(cmd.Context(),
				func(ix *index.Index) error {
					id, err := ix.ResolveID(cmd.Context(), args[0])
					if err != nil {
						return err
					}
					out, err = ix.Similar(cmd.Context(), id, size, false)
					return err
				},
				func(c *apiClient) error {
					var res struct {
						Similar []corpus.SimilarReview `json:"similar"`
					}
					err := c.get(cmd.Context(), "/api/reviews/"+url.PathEscape(args[0])+"/similar", url.Values{"size": {strconv.Itoa(size)}}, &res)
					out = res.Similar
					return err
				})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSONOut(a, out)
			}
			for i, s := range out {
				fmt.Fprintf(a.stdout, "%d. %s · %s · %s\n   review %s  %s\n   shared themes: %s\n", i+1, s.Title, s.Authority, orDash(s.IncidentDate),
					shortID(s.ReviewID), s.Source, orDash(strings.Join(s.SharedThemes, ", ")))
			}
			if len(out) == 0 {
				fmt.Fprintln(a.stdout, "no similar reviews")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&size, "size", 10, "how many")
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	a.bind(cmd.Flags(), "index.path", "index")
	return cmd
}
