package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/ingest"
)

func (a *app) benchCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "bench", Short: "Benchmarks that compare sirlearn with reference tools"}
	cmd.AddCommand(a.benchPDFCommand(), a.benchIndexCommand(), a.benchLoadCommand(), a.benchQueriesCommand())
	return cmd
}

func (a *app) benchPDFCommand() *cobra.Command {
	var runs int
	cmd := &cobra.Command{
		Use:   "pdf DIR",
		Short: "Compare sirlearn's PDF text with pdftotext, per producer (one sub-folder each)",
		Long: `For every PDF under DIR/<producer>/, read it with sirlearn and with pdftotext
(poppler) and report per producer: word-bigram agreement (the share of
sirlearn's bigrams that pdftotext also has, and the share of pdftotext's that
sirlearn has: lower where sirlearn drops running headers, footers and page
numbers); time per file as users meet it, a fresh "sirlearn extract" process
against a fresh pdftotext process (wall and CPU), and sirlearn's reader in
this process beside them (medians of --runs interleaved runs); and the peak
memory of each process, its own (read as it exits, not from rusage, which
counts the memory of the process that started it). scripts/bench-pdf.sh
makes the PDFs.`,
		Args: withUsage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := exec.LookPath("pdftotext"); err != nil {
				return fmt.Errorf("pdftotext not found (apt-get install poppler-utils): %w", err)
			}
			return a.benchPDF(cmd.Context(), args[0], runs)
		},
	}
	cmd.Flags().IntVar(&runs, "runs", 5, "interleaved timing runs per file (the median is kept)")
	return cmd
}

type pdfBenchRow struct {
	producer     string
	files, pages int
	prec, rec    float64
	inProc       time.Duration // sirlearn's reader in this process
	ours, ref    usage         // fresh processes: sirlearn extract, pdftotext (sums of medians; peak is the largest)
	worstFile    string
	worstPrec    float64
	oursErr      int
}

func (a *app) benchPDF(ctx context.Context, dir string, runs int) error {
	producers, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var rows []pdfBenchRow
	for _, p := range producers {
		if !p.IsDir() {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, p.Name(), "*.pdf"))
		if len(files) == 0 {
			continue
		}
		row := pdfBenchRow{producer: p.Name(), worstPrec: 2}
		var inter, ours, ref int
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			// The three ways, interleaved run by run; medians per file.
			var inProc []time.Duration
			var oursU, refU []usage
			var text, refText string
			failed := false
			for i := 0; i < runs && !failed; i++ {
				start := time.Now()
				doc, err := ingest.Read(ctx, f, data, a.limits())
				if err != nil {
					row.oursErr++
					fmt.Fprintln(a.stderr, "error:", err)
					failed = true
					break
				}
				inProc = append(inProc, time.Since(start))
				text = doc.Text()
				if i == 0 {
					row.pages += doc.Pages
				}
				u, _, err := measured(ctx, nil, self, "extract", "--format", "json", "--log-level", "error", f)
				if err != nil {
					return fmt.Errorf("sirlearn extract %s: %w", f, err)
				}
				oursU = append(oursU, u)
				u, out, err := measured(ctx, nil, "pdftotext", "-enc", "UTF-8", f, "-")
				if err != nil {
					return fmt.Errorf("pdftotext %s: %w", f, err)
				}
				refU, refText = append(refU, u), out
			}
			if failed || text == "" {
				continue
			}
			row.files++
			row.inProc += median(inProc)
			row.ours = addUsage(row.ours, medianUsage(oursU))
			row.ref = addUsage(row.ref, medianUsage(refU))
			i, o, r := bigramOverlap(bigrams(text), bigrams(refText))
			inter += i
			ours += o
			ref += r
			if prec := ratioOr1(i, o); prec < row.worstPrec {
				row.worstPrec, row.worstFile = prec, filepath.Base(f)
			}
		}
		row.prec, row.rec = ratioOr1(inter, ours), ratioOr1(inter, ref)
		rows = append(rows, row)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].producer < rows[j].producer })
	w := a.stdout
	fmt.Fprintf(w, "Text agreement, and time per file (medians of %d interleaved runs, summed per producer)\n", runs)
	fmt.Fprintf(w, "%-14s %5s %6s %9s %7s  %10s %10s %6s  %10s %6s  %s\n", "producer", "files", "pages", "agreement", "recall",
		"pdftotext", "sirlearn", "ratio", "in-process", "ratio", "worst file")
	var tot pdfBenchRow
	for _, r := range rows {
		fmt.Fprintf(w, "%-14s %5d %6d %9.4f %7.4f  %10s %10s %6.2f  %10s %6.2f  %s (%.4f)\n", r.producer, r.files, r.pages, r.prec, r.rec,
			r.ref.Wall.Round(time.Microsecond), r.ours.Wall.Round(time.Microsecond), ratio(r.ours.Wall, r.ref.Wall),
			r.inProc.Round(time.Microsecond), ratio(r.inProc, r.ref.Wall), r.worstFile, r.worstPrec)
		tot.files += r.files
		tot.inProc += r.inProc
		tot.ours, tot.ref = addUsage(tot.ours, r.ours), addUsage(tot.ref, r.ref)
	}
	if tot.files > 0 {
		n := time.Duration(tot.files)
		fmt.Fprintf(w, "\nper file, fresh processes: pdftotext %s wall, %s CPU; sirlearn extract %s wall (%.2fx), %s CPU (%.2fx)\n",
			(tot.ref.Wall / n).Round(time.Microsecond), ((tot.ref.User + tot.ref.Sys) / n).Round(time.Microsecond),
			(tot.ours.Wall / n).Round(time.Microsecond), ratio(tot.ours.Wall, tot.ref.Wall),
			((tot.ours.User + tot.ours.Sys) / n).Round(time.Microsecond), ratio(tot.ours.User+tot.ours.Sys, tot.ref.User+tot.ref.Sys))
		fmt.Fprintf(w, "per file, sirlearn's reader in process: %s (%.2fx pdftotext's process)\n",
			(tot.inProc / n).Round(time.Microsecond), ratio(tot.inProc, tot.ref.Wall))
		fmt.Fprintf(w, "peak memory, each process's own: pdftotext %d MiB, sirlearn extract %d MiB (without its reader worker)\n",
			tot.ref.MaxRSSKiB>>10, tot.ours.MaxRSSKiB>>10)
	}
	return nil
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// medianUsage is the run of median wall time, with the largest peak.
func medianUsage(us []usage) usage {
	if len(us) == 0 {
		return usage{}
	}
	s := slices.Clone(us)
	slices.SortFunc(s, func(a, b usage) int { return int(a.Wall - b.Wall) })
	m := s[len(s)/2]
	for _, u := range us {
		m.MaxRSSKiB = max(m.MaxRSSKiB, u.MaxRSSKiB)
	}
	return m
}

// addUsage sums times and keeps the larger peak.
func addUsage(a, b usage) usage {
	return usage{MaxRSSKiB: max(a.MaxRSSKiB, b.MaxRSSKiB), User: a.User + b.User, Sys: a.Sys + b.Sys, Wall: a.Wall + b.Wall}
}

func ratioOr1(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// bigrams counts word bigrams: words are runs of letters and digits,
// lower-cased, so punctuation and line breaks do not count.
func bigrams(s string) map[string]int {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	m := make(map[string]int, len(words))
	for i := 1; i < len(words); i++ {
		m[words[i-1]+" "+words[i]]++
	}
	return m
}

// bigramOverlap returns the multiset intersection and the two totals.
func bigramOverlap(a, b map[string]int) (inter, na, nb int) {
	for k, n := range a {
		na += n
		inter += min(n, b[k])
	}
	for _, n := range b {
		nb += n
	}
	return inter, na, nb
}
