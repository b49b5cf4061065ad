package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/internal/qdpx"
	"github.com/sirlearn/sirlearn/search"
)

func (a *app) taxonomyThemes() ([]corpus.ThemeID, error) {
	ex, err := a.extractor()
	if err != nil {
		return nil, err
	}
	return ex.Taxonomy().ThemeIDs(), nil
}

// writeAtomically writes a file through a temporary beside it, so that a
// failed export leaves no half file.
func writeAtomically(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}

func (a *app) exportCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "export", Short: "Export reviews for qualitative-analysis tools, or the case x theme dataset"}
	var (
		ff     filterFlags
		out    string
		format string
	)
	qd := &cobra.Command{
		Use:   "qdpx --out FILE [filters]",
		Short: "Write a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder",
		Long: `The taxonomy becomes the code book, each review a text source with its metadata
as variables, each evidence sentence a coded selection (the tagger's
suggestions coded by the user "sirlearn (suggestion)", inspectors' accepted and
added codes by them), and each case a case. Rejected suggestions are left out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fmt.Errorf("--out is required")
			}
			start := time.Now()
			var p *qdpx.Project
			err := a.inspect(cmd.Context(),
				func(ix *index.Index) error {
					themes, err := a.taxonomyThemes()
					if err != nil {
						return err
					}
					p, err = search.BuildProject(cmd.Context(), ix, ff.filter(), themes, time.Now())
					return err
				},
				func(c *apiClient) error {
					return writeAtomically(out, func(w io.Writer) error {
						return c.download(cmd.Context(), "/api/export.qdpx", filterValues(ff.filter()), w)
					})
				})
			if err != nil {
				return err
			}
			if p != nil {
				if err := writeAtomically(out, func(w io.Writer) error { return qdpx.Write(w, p) }); err != nil {
					return err
				}
				n := 0
				for _, s := range p.Sources {
					n += len(s.Selections)
				}
				fmt.Fprintf(a.stderr, "wrote %s: %d sources, %d coded selections, %d cases in %s\n", out, len(p.Sources), n, len(p.Cases), time.Since(start).Round(time.Millisecond))
			} else {
				fmt.Fprintf(a.stderr, "wrote %s (from the server) in %s\n", out, time.Since(start).Round(time.Millisecond))
			}
			return nil
		},
	}
	ff.add(qd, a)
	qd.Flags().StringVar(&out, "out", "", "the .qdpx file to write (required)")
	ds := &cobra.Command{
		Use:   "dataset [--format csv|jsonl] [--out FILE] [filters]",
		Short: "Write one row per case: metadata and a 0/1 column per theme, per theme's strength and per confirmed theme",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "csv" && format != "jsonl" {
				return fmt.Errorf("--format %q: want csv or jsonl", format)
			}
			write := func(w io.Writer) error {
				return a.query(cmd.Context(),
					func(ix *index.Index) error {
						themes, err := a.taxonomyThemes()
						if err != nil {
							return err
						}
						cases, err := ix.AllCases(cmd.Context(), ff.filter())
						if err != nil {
							return err
						}
						rows := search.Dataset(cases, themes, 0)
						if format == "jsonl" {
							return search.WriteDatasetJSONL(w, rows)
						}
						return search.WriteDatasetCSV(w, rows, themes)
					},
					func(c *apiClient) error {
						v := filterValues(ff.filter())
						v.Set("format", format)
						return c.download(cmd.Context(), "/api/dataset", v, w)
					})
			}
			if out == "" {
				return write(a.stdout)
			}
			return writeAtomically(out, write)
		},
	}
	ff.add(ds, a)
	ds.Flags().StringVar(&format, "format", "csv", "csv or jsonl")
	ds.Flags().StringVar(&out, "out", "", "file to write (default standard output)")
	var aformat string
	acts := &cobra.Command{
		Use:   "actions [--format csv|jsonl] [--out FILE] [filters]",
		Short: "Write every recommendation and action the reviews set, with owner, timescale and themes",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if aformat != "csv" && aformat != "jsonl" {
				return fmt.Errorf("--format %q: want csv or jsonl", aformat)
			}
			write := func(w io.Writer) error {
				return a.inspect(cmd.Context(),
					func(ix *index.Index) error {
						var rows []search.ActionRow
						if err := ix.EachReview(cmd.Context(), ff.filter(), func(r *corpus.Review) error {
							rows = append(rows, search.ActionRows(r)...)
							return nil
						}); err != nil {
							return err
						}
						if aformat == "jsonl" {
							return search.WriteActionsJSONL(w, rows)
						}
						return search.WriteActionsCSV(w, rows)
					},
					func(c *apiClient) error {
						v := filterValues(ff.filter())
						v.Set("format", aformat)
						return c.download(cmd.Context(), "/api/actions", v, w)
					})
			}
			if out == "" {
				return write(a.stdout)
			}
			return writeAtomically(out, write)
		},
	}
	ff.add(acts, a)
	acts.Flags().StringVar(&aformat, "format", "csv", "csv or jsonl")
	acts.Flags().StringVar(&out, "out", "", "file to write (default standard output)")
	for _, c := range []*cobra.Command{qd, ds, acts} {
		c.Flags().String("index", "", "index folder (default <data-dir>/index)")
		a.bind(c.Flags(), "index.path", "index")
		cmd.AddCommand(c)
	}
	return cmd
}

func (a *app) importCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "import", Short: "Import codings from qualitative-analysis tools"}
	var as string
	var dryRun bool
	qd := &cobra.Command{
		Use:   "qdpx FILE",
		Short: "Read the codings of a REFI-QDA project back as inspectors' decisions",
		Long: `Each text source is matched to an indexed review by its name (the review's
file) or by its text; each coding made by a person (not the user "sirlearn
(suggestion)") becomes a decision: an acceptance when the tagger suggested
that theme on that sentence, an addition otherwise. Codes are matched to
themes by id or label. A report says what matched and what did not.`,
		Args: withUsage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("import: %w", err)
			}
			p, err := qdpx.Read(data)
			if err != nil {
				return fmt.Errorf("import %s: %w", args[0], err)
			}
			themes, err := a.taxonomyThemes()
			if err != nil {
				return err
			}
			ix, err := a.openReadIndex(cmd.Context())
			if err != nil {
				return err
			}
			defer ix.Close()
			rep, err := importProject(cmd.Context(), ix, p, themes, whoAmI(as), dryRun)
			if err != nil {
				return err
			}
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(rep)
		},
	}
	qd.Flags().StringVar(&as, "as", "", "who the decisions are by when a coding names no user (default cli:<login name>)")
	qd.Flags().BoolVar(&dryRun, "dry-run", false, "report what would match without recording anything")
	qd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	a.bind(qd.Flags(), "index.path", "index")
	cmd.AddCommand(qd)
	return cmd
}

// importProject matches a project's sources to reviews and records its
// people's codings as decisions.
func importProject(ctx context.Context, ix *index.Index, p *qdpx.Project, themes []corpus.ThemeID, who string, dryRun bool) (*qdpx.ImportReport, error) {
	byName := map[string]*corpus.Review{}
	byBase := map[string]*corpus.Review{}
	byText := map[string]*corpus.Review{}
	err := ix.EachReview(ctx, corpus.Filter{}, func(r *corpus.Review) error {
		byName[r.Source] = r
		byBase[filepath.Base(r.Source)] = r
		t, _ := qdpx.PlainText(r)
		byText[corpus.SentenceKey(t)] = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	find := func(name, text string) *corpus.Review {
		if r := byName[name]; r != nil {
			return r
		}
		if r := byText[corpus.SentenceKey(text)]; r != nil {
			return r
		}
		return byBase[filepath.Base(name)]
	}
	ds, rep := qdpx.Decisions(p, find, themes, who)
	if dryRun {
		return rep, nil
	}
	if err := ix.DecideMany(ctx, ds); err != nil {
		return rep, fmt.Errorf("import: %w", err)
	}
	return rep, nil
}

// download streams a GET answer into w.
func (c *apiClient) download(ctx context.Context, path string, q url.Values, w io.Writer) error {
	req, err := http.NewRequestWithContext(ctx, "GET", c.base+path+"?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	res, err := c.roundTrip(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode >= 400 {
		b, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
		return fmt.Errorf("server %s: HTTP %d: %s", c.base, res.StatusCode, strings.TrimSpace(string(bytes.TrimSpace(b))))
	}
	_, err = io.Copy(w, res.Body)
	return err
}
