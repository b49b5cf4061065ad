package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/extract"
	"github.com/sirlearn/sirlearn/internal/report"
	"github.com/sirlearn/sirlearn/search"
)

// accuracySentence states the tagger's agreement with the inspectors.
func accuracySentence(h *extract.HumanReport) string {
	if h.Pairs == 0 {
		return ""
	}
	return fmt.Sprintf("over %d reviews coded by inspectors (%d checked), micro-F1 %.2f (precision %.2f, recall %.2f), Cohen's kappa %.2f",
		h.Reviews, h.Checked, h.Micro.F1(), h.Micro.Precision(), h.Micro.Recall(), h.Kappa)
}

func (a *app) reportCommand() *cobra.Command {
	var (
		opts   report.Options
		format string
		out    string
	)
	cmd := &cobra.Command{
		Use:   "report [--from DATE] [--to DATE] [--compare-from DATE --compare-to DATE] --format html|pdf|md --out FILE",
		Short: "Write the national report: notifications, timeliness, theme prevalence with intervals, change, quality assurance",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fmt.Errorf("--out is required")
			}
			if format != "html" && format != "md" && format != "pdf" {
				return fmt.Errorf("--format %q: want html, pdf or md", format)
			}
			for _, d := range []struct{ flag, v string }{{"from", opts.From}, {"to", opts.To}, {"compare-from", opts.CompareFrom}, {"compare-to", opts.CompareTo}} {
				if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
					return fmt.Errorf("--%s %q: want YYYY-MM-DD", d.flag, d.v)
				}
			}
			start := time.Now()
			themes, err := a.taxonomyThemes()
			if err != nil {
				return err
			}
			opts.Themes, opts.Generated = themes, time.Now()
			var rep *report.Report
			ix, err := a.openReadIndex(cmd.Context())
			if err != nil {
				return err
			}
			m, h, err := ix.CodedReviews(cmd.Context())
			if err == nil && len(m) > 0 {
				opts.Accuracy = accuracySentence(extract.EvaluateHuman(m, h))
			}
			rep, err = search.BuildReport(cmd.Context(), ix, opts)
			ix.Close()
			if err != nil {
				return err
			}
			switch format {
			case "md":
				err = writeAtomically(out, rep.WriteMarkdown)
			case "html":
				err = writeAtomically(out, rep.WriteHTML)
			case "pdf":
				err = printPDF(cmd.Context(), rep, out)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "wrote %s (%d cases, %d reviewed) in %s\n", out, rep.Period.Notifications, rep.Period.Reviewed, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "incidents on or after YYYY-MM-DD")
	cmd.Flags().StringVar(&opts.To, "to", "", "incidents on or before YYYY-MM-DD")
	cmd.Flags().StringVar(&opts.CompareFrom, "compare-from", "", "comparison period start")
	cmd.Flags().StringVar(&opts.CompareTo, "compare-to", "", "comparison period end")
	cmd.Flags().IntVar(&opts.K, "k", 3, "a theme recurs when raised in at least this many authorities")
	cmd.Flags().StringVar(&format, "format", "html", "html, pdf or md")
	cmd.Flags().StringVar(&out, "out", "", "file to write (required)")
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	a.bind(cmd.Flags(), "index.path", "index")
	return cmd
}

// chromiumPath finds Debian's headless Chromium, which prints the PDF.
func chromiumPath() (string, error) {
	for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(p); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("the PDF is printed by headless Chromium, which is not installed (apt-get install chromium); --format html writes the same report")
}

// printPDF renders the HTML report and prints it to A4 PDF with headless
// Chromium.
func printPDF(ctx context.Context, rep *report.Report, out string) error {
	chrome, err := chromiumPath()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "sirlearn-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	html := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	if err := rep.WriteHTML(&b); err != nil {
		return err
	}
	if err := os.WriteFile(html, b.Bytes(), 0o600); err != nil {
		return err
	}
	pdf := filepath.Join(dir, "report.pdf")
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--print-to-pdf="+pdf, "file://"+html)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Run(); err != nil {
		return fmt.Errorf("printing the report with Chromium: %w: %s", err, lastLine(stderr.String()))
	}
	return writeAtomically(out, func(w io.Writer) error {
		f, err := os.Open(pdf)
		if err != nil {
			return fmt.Errorf("no PDF from Chromium: %w", err)
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	})
}

func lastLine(s string) string {
	lines := bytes.Split(bytes.TrimSpace([]byte(s)), []byte("\n"))
	return string(lines[len(lines)-1])
}
