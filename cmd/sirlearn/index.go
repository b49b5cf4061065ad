package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
	"github.com/sirlearn/sirlearn/search"
)

// indexPath is the configured index folder.
func (a *app) indexPath() string {
	if p := a.v.GetString("index.path"); p != "" {
		return p
	}
	return filepath.Join(a.v.GetString("data_dir"), "index")
}

// ledgerPath is the rejected-files ledger next to the index.
func ledgerPath(indexPath string) string {
	return filepath.Clean(indexPath) + ".rejected.jsonl"
}

// journalPath is the journal of files in progress beside the index.
func journalPath(indexPath string) string {
	return filepath.Clean(indexPath) + ".journal"
}

// openIndex opens the index for writing, explaining a held lock.
func (a *app) openIndex(ctx context.Context, holder index.LockInfo) (*index.Index, error) {
	// The logger reports the rebuild of an index of an earlier schema.
	ix, err := index.Open(ctx, a.indexPath(), index.Options{Holder: holder, Logger: a.log, BlevePhrases: a.v.GetBool("index.bleve_phrases"),
		SearchConcurrency: a.v.GetInt("serve.search_concurrency")})
	if err != nil {
		return nil, err
	}
	return ix, nil
}

func (a *app) indexCommand() *cobra.Command {
	var prune, reread bool
	cmd := &cobra.Command{
		Use:   "index [--index PATH] [--workers N] [--prune] [--reread] PATH...",
		Short: "Add review files and folders to the index, incrementally",
		Long: `Index walks the files and folders given, reads and extracts new or changed
files in parallel and adds them to the index in batches. Files are known by
the SHA-256 of their content: an unchanged file costs only its hash, a changed
file replaces its old version, and --prune removes reviews whose files have
gone. --reread reads unchanged files again, for a new version of the readers
(a review is otherwise re-tagged from the sections its first reading made).
Rejected files are listed with their reasons in INDEX.rejected.jsonl.

Exit status: 0 when every file went in, 2 when some were rejected and the
rest indexed, 1 on a fatal error. If a server holds the index, the command
says so and how to add files through it instead of waiting.`,
		Args: withUsage(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, paths []string) error {
			ctx := cmd.Context()
			ex, err := a.indexingExtractor()
			if err != nil {
				return err
			}
			files, skipped, err := ingest.Collect(paths)
			if err != nil {
				return err
			}
			ix, err := a.openIndex(ctx, index.LockInfo{Command: "sirlearn index"})
			if le, ok := isLocked(err); ok {
				if reread {
					return &exitError{code: 1, err: fmt.Errorf("%w; --reread needs the index itself: stop the server first", le)}
				}
				return a.indexViaServer(cmd.Context(), le, files, skipped, prune)
			}
			if err != nil {
				return err
			}
			defer ix.Close()
			if err := a.refreshStored(ctx, ix, ex); err != nil {
				return err
			}
			a.tuneGC()
			readers, err := a.readers(0)
			if err != nil {
				return err
			}
			defer readers.Close()
			journal, err := ingest.OpenJournal(journalPath(a.indexPath()))
			if err != nil {
				return err
			}
			opts := ingest.BatchOptions{
				Limits: a.limits(), Workers: a.batchWorkers(readers), BatchSize: a.v.GetInt("index.batch_size"),
				Prune: prune, Reread: reread, Log: a.log, Progress: a.progress(len(files), "indexing"),
				Reader: readers, Journal: journal,
			}
			sum, err := ingest.RunBatch(ctx, paths, ix, ex, opts)
			if err == nil {
				// Only a finished run clears the journal: after an error or
				// an interrupt its files in progress are known next time.
				if jerr := journal.Close(); jerr != nil {
					a.log.Error("journal", "err", jerr)
				}
			}
			if lerr := appendLedger(ledgerPath(a.indexPath()), sum.Rejects); lerr != nil {
				a.log.Error("ledger", "err", lerr)
			}
			if err != nil {
				return fmt.Errorf("index %s: %w (reviews indexed before the error are kept; re-run to continue)", a.indexPath(), err)
			}
			if err := a.compact(ctx, ix); err != nil {
				return err
			}
			n, _ := ix.Count(ctx)
			fmt.Fprintf(a.stderr, "\nindexed %d, unchanged %d, replaced %d, rejected %d, pruned %d, skipped %d non-review files; %d reviews in %s (%s)\n",
				sum.Indexed, sum.Unchanged, sum.Replaced, sum.Rejected, sum.Pruned, sum.Skipped, n, a.indexPath(), sum.Elapsed.Round(time.Millisecond))
			return a.reportRejects(sum)
		},
	}
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	cmd.Flags().Int("workers", 0, "parallel readers (default: number of CPUs)")
	cmd.Flags().BoolVar(&prune, "prune", false, "remove reviews whose files have gone")
	cmd.Flags().BoolVar(&reread, "reread", false, "read unchanged files again (after an upgrade of the readers)")
	cmd.Flags().Int("compact-above", index.CompactAbove, "at the end, merge the index's segments when it has more than this many (0: never)")
	a.bind(cmd.Flags(), "index.path", "index")
	a.bind(cmd.Flags(), "index.compact_above", "compact-above")
	a.bind(cmd.Flags(), "index.workers", "workers")
	return cmd
}

// compact merges the index's segments at the end of a run when there are
// more than index.compact_above: every search opens every segment, so a
// freshly loaded index of many segments searches slower than it need.
// Only an interrupt fails the command: the index stays whole either way.
func (a *app) compact(ctx context.Context, ix *index.Index) error {
	limit := a.v.GetInt("index.compact_above")
	if limit <= 0 {
		return nil
	}
	n, err := ix.Segments()
	if err != nil {
		a.log.Warn("not compacting the index", "err", err)
		return nil
	}
	a.log.Debug("index segments", "segments", n, "compact_above", limit)
	if n <= limit {
		return nil
	}
	fmt.Fprintf(a.stderr, "\ncompacting the index, %d segments (searches are faster after; up to about 40 s at 100,000 reviews) ...", n)
	start := time.Now()
	_, after, err := ix.Compact(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr)
		if ctx.Err() != nil {
			return fmt.Errorf("index %s: compacting stopped, the index is whole and searchable as it was: %w", a.indexPath(), err)
		}
		a.log.Warn("compacting the index failed; it is whole and searchable as it was", "err", err)
		return nil
	}
	fmt.Fprintf(a.stderr, " %d now (%s)\n", after, time.Since(start).Round(time.Millisecond))
	return nil
}

// tuneGC sets the garbage collector's target for bulk indexing
// (index.gc_percent; Go's default is 100). Indexing allocates short-lived
// analysis results at a high rate: measured, 400 loads about 20% faster
// for about 1.5 times the peak memory.
func (a *app) tuneGC() {
	if p := a.v.GetInt("index.gc_percent"); p > 0 {
		debug.SetGCPercent(p)
	}
}

// appendLedger appends the rejected files to the ledger, one JSON line each.
func appendLedger(path string, rejects []ingest.Reject) error {
	if len(rejects) == 0 {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	now := time.Now().UTC().Format(time.RFC3339)
	for _, r := range rejects {
		if err := enc.Encode(struct {
			Time string `json:"time"`
			ingest.Reject
		}{now, r}); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// openReadIndex opens the index for a query command.
func (a *app) openReadIndex(ctx context.Context) (*index.Index, error) {
	path := a.indexPath()
	if _, err := os.Stat(filepath.Join(path, "bleve")); err != nil {
		return nil, fmt.Errorf("no index at %s (run sirlearn index or sirlearn demo first): %w", path, corpus.ErrNotFound)
	}
	return a.openIndex(ctx, index.LockInfo{Command: "sirlearn query"})
}

// reportRejects prints the rejected files and sets exit status 2 if any.
func (a *app) reportRejects(sum ingest.Summary) error {
	for _, r := range sum.Rejects {
		fmt.Fprintf(a.stderr, "rejected: %s: %s\n", ingest.Quote(string(r.File)), ingest.Quote(r.Reason))
	}
	if sum.Rejected > 0 {
		return &exitError{code: 2, err: fmt.Errorf("%d file(s) rejected; see %s", sum.Rejected, ledgerPath(a.indexPath()))}
	}
	return nil
}

// indexViaServer adds files through the server that holds the index;
// skipped is how many folder entries were not review formats.
func (a *app) indexViaServer(ctx context.Context, le *index.LockedError, files []string, skipped int, prune bool) error {
	if prune {
		return &exitError{code: 1, err: fmt.Errorf("%w; --prune needs the index itself: stop the server, or leave out --prune to upload through it", le)}
	}
	c, err := a.serverClient(le, search.RoleIntake, search.RoleInspector)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	fmt.Fprintf(a.stderr, "the index is held by %s at %s: uploading %d files through its API\n", le.Holder.Command, le.Holder.Addr, len(files))
	sum, err := c.upload(ctx, files, a.limits(), a.progress(len(files), "uploading"))
	if lerr := appendLedger(ledgerPath(a.indexPath()), sum.Rejects); lerr != nil {
		a.log.Error("ledger", "err", lerr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "\nindexed %d, unchanged %d, rejected %d, skipped %d non-review files through %s (%s)\n", sum.Indexed, sum.Unchanged, sum.Rejected, skipped, le.Holder.Addr, sum.Elapsed.Round(time.Millisecond))
	return a.reportRejects(sum)
}
