package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/corpus/synth"
)

func (a *app) corpusCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "corpus", Short: "Work with the synthetic sample corpus"}
	var (
		out     string
		reviews int
		cases   int
		seed    uint64
		formats string
	)
	gen := &cobra.Command{
		Use:   "generate --out DIR [--reviews 300] [--cases 0] [--seed 1] [--formats pdf,docx,odt,txt,md]",
		Short: "Write a deterministic synthetic corpus with truth.jsonl",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fmt.Errorf("--out is required")
			}
			var fs []corpus.Format
			for _, f := range strings.Split(formats, ",") {
				if f = strings.TrimSpace(f); f != "" {
					fs = append(fs, corpus.Format(f))
				}
			}
			start := time.Now()
			opts := synth.Options{Out: out, Reviews: reviews, Cases: cases, Seed: seed, Formats: fs}
			opts.Progress = a.progress(reviews+cases, "generating")
			if err := synth.Generate(cmd.Context(), opts); err != nil {
				return err
			}
			el := time.Since(start)
			fmt.Fprintf(a.stderr, "\nwrote %d reviews, %d template cases and truth.jsonl to %s in %s\n", reviews, cases, out, el.Round(time.Millisecond))
			return nil
		},
	}
	gen.Flags().StringVar(&out, "out", "", "output folder (required)")
	gen.Flags().IntVar(&reviews, "reviews", 300, "number of single reviews (2018-21, before the 2022 templates)")
	gen.Flags().IntVar(&cases, "cases", 0, "number of incidents under the 2022 templates (2022 to March 2024): a notification each, most with Part One and Part Two reviews")
	gen.Flags().Uint64Var(&seed, "seed", 1, "random seed; the same seed gives the same corpus")
	gen.Flags().StringVar(&formats, "formats", "pdf,docx,odt,txt,md", "comma-separated formats to write")
	cmd.AddCommand(gen)
	return cmd
}

// progress returns a progress callback: a bar with rate and ETA on a
// terminal, a log line every 10% otherwise.
func (a *app) progress(total int, what string) func(done, total int) {
	if isTerminal(a.stderr) {
		bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(a.stderr), progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond))
		return func(done, _ int) { _ = bar.Set(done) }
	}
	step := total / 10
	if step < 1 {
		step = 1
	}
	start := time.Now()
	return func(done, total int) {
		if done%step == 0 || done == total {
			a.log.Info(what, "done", done, "total", total, "elapsed", time.Since(start).Round(time.Millisecond))
		}
	}
}
