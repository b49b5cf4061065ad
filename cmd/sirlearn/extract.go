package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/ingest"
)

// extracted is one line of `sirlearn extract --format json`.
type extracted struct {
	*corpus.Review
	Warnings []string       `json:"warnings,omitempty"`
	Blocks   []corpus.Block `json:"blocks"`
}

func (a *app) extractCommand() *cobra.Command {
	var format string
	var withBlocks bool
	cmd := &cobra.Command{
		Use:   "extract [--format json|text] FILE...",
		Short: "Read review files and print their sections, metadata and themes",
		Long: `Extract reads each FILE (PDF, DOCX, ODT, HTML, text or Markdown, detected from
its bytes) and prints one JSON object per line (--format json) or a readable
report (--format text). A file that fails prints an error naming it to stderr;
the others are still processed and the command then exits 1.`,
		Args: withUsage(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			if format != "json" && format != "text" {
				return fmt.Errorf("--format %q: want json or text", format)
			}
			// Loading allocates much that lives on (models, patterns): the
			// indexing setting spares collections while it does.
			a.tuneGC()
			// The reader worker starts while the extractor loads.
			readers, err := a.readers(1)
			if err != nil {
				return err
			}
			defer readers.Close()
			ex, err := a.extractor()
			if err != nil {
				return err
			}
			enc := json.NewEncoder(a.stdout)
			enc.SetEscapeHTML(false)
			failed := 0
			for _, f := range files {
				var doc *corpus.Document
				data, err := ingest.LoadFile(f, a.limits())
				if err == nil {
					doc, err = readers.Read(cmd.Context(), f, data, a.limits())
				}
				if err != nil {
					failed++
					fmt.Fprintln(a.stderr, "error:", ingest.Quote(err.Error()))
					continue
				}
				rev := ex.Extract(doc)
				for _, w := range doc.Warnings {
					fmt.Fprintf(a.stderr, "warning: %s: %s\n", f, w)
				}
				out := extracted{Review: rev, Warnings: doc.Warnings}
				if withBlocks || format == "json" {
					out.Blocks = doc.Blocks
				}
				if format == "json" {
					if err := enc.Encode(out); err != nil {
						return fmt.Errorf("write: %w", err)
					}
					continue
				}
				if !withBlocks {
					doc = nil
				}
				printReviewText(a, rev, doc)
			}
			if failed > 0 {
				return &exitError{code: 1, err: fmt.Errorf("%d of %d files failed", failed, len(files))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json (JSON Lines) or text")
	cmd.Flags().BoolVar(&withBlocks, "blocks", false, "with --format text, also print the text blocks")
	return cmd
}

func printReviewText(a *app, r *corpus.Review, doc *corpus.Document) {
	w := a.stdout
	fmt.Fprintf(w, "== %s\n", r.Source)
	fmt.Fprintf(w, "id:        %s\nformat:    %s  pages: %d\ntitle:     %s\n", r.ID, r.Format, r.Pages, r.Title)
	fmt.Fprintf(w, "kind:      %s (%s)\ncase:      reference %s, subject %s\n", r.DocumentKind, r.KindReason, orDash(r.CaseReference), orDash(r.Subject))
	fmt.Fprintf(w, "authority: %s\nincident:  %s (%s)\nnotified:  %s\nsubmitted: %s\norder:     %s\n",
		orDash(r.Authority), orDash(string(r.IncidentDate)), orDash(r.IncidentType), orDash(string(r.NotificationDate)),
		orDash(string(r.SubmittedDate)), orDash(r.Order))
	if r.MAPPA != nil {
		fmt.Fprintf(w, "mappa:     category %d, level %d\n", r.MAPPA.Category, r.MAPPA.Level)
	}
	if r.NotificationWorkingDays != nil {
		fmt.Fprintf(w, "notification: %d working days (on time: %t)\n", *r.NotificationWorkingDays, *r.NotificationOnTime)
	}
	if r.ReviewOnTime != nil {
		fmt.Fprintf(w, "review within three months: %t\n", *r.ReviewOnTime)
	}
	fmt.Fprintln(w, "sections:")
	for _, s := range r.Sections {
		page := ""
		if s.Page > 0 {
			page = fmt.Sprintf(", p. %d", s.Page)
		}
		fmt.Fprintf(w, "  %-26s %s (%d chars%s)\n", s.Kind, orDash(s.Heading), len(s.Text), page)
	}
	fmt.Fprintln(w, "themes:")
	for _, t := range r.Themes {
		fmt.Fprintf(w, "  %-24s %.2f\n", t.ID, t.Score)
		for _, e := range t.Evidence {
			fmt.Fprintf(w, "      [%s/%s] %s\n", e.Section, e.Polarity, e.Text)
		}
	}
	if doc != nil && len(doc.Blocks) > 0 {
		fmt.Fprintln(w, "blocks:")
		for _, b := range doc.Blocks {
			fmt.Fprintf(w, "  p%-3d %-10s %s\n", b.Page, b.Type, truncate(b.Text, 100))
		}
	}
	fmt.Fprintln(w)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
