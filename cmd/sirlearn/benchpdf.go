package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
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
numbers), the time ratio sirlearn / pdftotext (best of --runs, sirlearn in
process, pdftotext as the command line tool), and peak memory of both as
processes on the largest file. scripts/bench-pdf.sh makes the PDFs.`,
		Args: withUsage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := exec.LookPath("pdftotext"); err != nil {
				return fmt.Errorf("pdftotext not found (apt-get install poppler-utils): %w", err)
			}
			return a.benchPDF(cmd.Context(), args[0], runs)
		},
	}
	cmd.Flags().IntVar(&runs, "runs", 3, "timing runs per file (best is kept)")
	return cmd
}

type pdfBenchRow struct {
	producer     string
	files, pages int
	prec, rec    float64
	ours, ref    time.Duration
	worstFile    string
	worstPrec    float64
	oursErr      int
}

func (a *app) benchPDF(ctx context.Context, dir string, runs int) error {
	producers, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var rows []pdfBenchRow
	largest, largestSize := "", int64(0)
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
			if fi, err := os.Stat(f); err == nil && fi.Size() > largestSize {
				largest, largestSize = f, fi.Size()
			}
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			var text string
			best := time.Duration(1 << 62)
			for i := 0; i < runs; i++ {
				start := time.Now()
				doc, err := ingest.Read(ctx, f, data, a.limits())
				el := time.Since(start)
				if err != nil {
					row.oursErr++
					fmt.Fprintln(a.stderr, "error:", err)
					break
				}
				best = min(best, el)
				text = doc.Text()
				if i == 0 {
					row.pages += doc.Pages
				}
			}
			if text == "" {
				continue
			}
			refBest := time.Duration(1 << 62)
			var refText []byte
			for i := 0; i < runs; i++ {
				start := time.Now()
				out, err := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", f, "-").Output()
				el := time.Since(start)
				if err != nil {
					return fmt.Errorf("pdftotext %s: %w", f, err)
				}
				refBest = min(refBest, el)
				refText = out
			}
			row.files++
			row.ours += best
			row.ref += refBest
			i, o, r := bigramOverlap(bigrams(text), bigrams(string(refText)))
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
	fmt.Fprintf(w, "%-14s %5s %6s %10s %10s %11s %11s %8s  %s\n", "producer", "files", "pages", "agreement", "recall", "sirlearn", "pdftotext", "ratio", "worst file")
	for _, r := range rows {
		fmt.Fprintf(w, "%-14s %5d %6d %10.4f %10.4f %11s %11s %8.2f  %s (%.4f)\n", r.producer, r.files, r.pages, r.prec, r.rec,
			r.ours.Round(time.Microsecond), r.ref.Round(time.Microsecond), float64(r.ours)/float64(r.ref), r.worstFile, r.worstPrec)
	}
	if largest != "" {
		self, err := os.Executable()
		if err != nil {
			return err
		}
		ourRSS, ourT, err := peakRSS(ctx, self, "extract", "--format", "json", largest)
		if err != nil {
			return err
		}
		refRSS, refT, err := peakRSS(ctx, "pdftotext", largest, os.DevNull)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nlargest file %s (%d KiB): peak RSS sirlearn extract %d MiB in %s, pdftotext %d MiB in %s\n",
			filepath.Base(largest), largestSize>>10, ourRSS>>10, ourT.Round(time.Millisecond), refRSS>>10, refT.Round(time.Millisecond))
	}
	return nil
}

// peakRSS runs a command and returns its peak resident set in KiB.
func peakRSS(ctx context.Context, name string, args ...string) (int64, time.Duration, error) {
	rss, el, _, err := peakRSSOutput(ctx, name, args...)
	return rss, el, err
}

// peakRSSOutput runs a command and returns its peak memory (KiB), its wall
// time and what it printed.
func peakRSSOutput(ctx context.Context, name string, args ...string) (int64, time.Duration, string, error) {
	c := exec.CommandContext(ctx, name, args...)
	var out bytes.Buffer
	c.Stdout = &out
	start := time.Now()
	if err := c.Run(); err != nil {
		return 0, 0, "", fmt.Errorf("%s: %w", name, err)
	}
	el := time.Since(start)
	ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, "", fmt.Errorf("%s: no rusage", name)
	}
	return ru.Maxrss, el, out.String(), nil
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
