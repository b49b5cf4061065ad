package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// Indexer is what the batch runner needs from an index; *index.Index
// implements it. Apply must add the reviews and delete the ids atomically.
type Indexer interface {
	Has(id string) (bool, error)
	Sources(ctx context.Context) (map[string]string, error)
	Apply(ctx context.Context, put []*corpus.Review, del []string) error
}

// Extractor turns a document into a review; *extract.Extractor implements it.
type Extractor interface {
	Extract(doc *corpus.Document) *corpus.Review
}

// BatchOptions control RunBatch.
type BatchOptions struct {
	Limits
	// Workers read and extract in parallel (default: number of CPUs).
	Workers int
	// BatchSize is the number of reviews per index batch (default 100).
	BatchSize int
	// Prune deletes indexed reviews whose files no longer exist.
	Prune bool
	// Reread reads again the files already indexed from the same path with
	// the same content, as after an upgrade of the readers: a review's
	// stored sections are otherwise what the reader of its first indexing
	// made of it.
	Reread bool
	// Progress, when set, is called as files are processed.
	Progress func(done, total int)
	// Reader reads each file (default InProcess; use a Sandbox for files
	// from outside).
	Reader DocReader
	// Journal, when set, records the files in progress. A file an earlier
	// run died on is read again after all the others; one that two runs in
	// a row died on is rejected (see Journal).
	Journal *Journal
	Log     *slog.Logger
}

// Reject is a file that could not be indexed and why.
type Reject struct {
	File   Path   `json:"file"`
	Reason string `json:"reason"`
}

// Summary reports what a batch did.
type Summary struct {
	Files     int           `json:"files"`
	Indexed   int           `json:"indexed"`
	Unchanged int           `json:"unchanged"`
	Replaced  int           `json:"replaced"`
	Rejected  int           `json:"rejected"`
	Pruned    int           `json:"pruned"`
	Skipped   int           `json:"skipped"` // files in folders that are not review formats
	Rejects   []Reject      `json:"rejects,omitempty"`
	Elapsed   time.Duration `json:"elapsed"`
}

// reviewExts are the file endings picked up when walking a folder; a file
// named on the command line is always tried.
var reviewExts = map[string]bool{".pdf": true, ".docx": true, ".odt": true, ".txt": true, ".md": true,
	".markdown": true, ".html": true, ".htm": true}

// Collect lists the files under paths: files as given, folders walked
// (hidden entries skipped; links to files followed, links to folders not). It returns the files and how many folder
// entries were skipped as not review formats.
func Collect(paths []string) (files []string, skipped int, err error) {
	seen := map[string]bool{}
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err == nil && !seen[abs] {
			seen[abs] = true
			files = append(files, abs)
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", p, err)
		}
		if !fi.IsDir() {
			add(p)
			continue
		}
		// A folder named through a symbolic link is walked where it
		// points: WalkDir does not follow its root.
		root, err := filepath.EvalSymlinks(p)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", p, err)
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() {
				// A link to a file is the file; links to folders (which
				// could loop), devices and pipes are counted as skipped.
				if fi, err := os.Stat(path); d.Type()&fs.ModeSymlink == 0 || err != nil || !fi.Mode().IsRegular() {
					skipped++
					return nil
				}
			}
			if !reviewExts[strings.ToLower(filepath.Ext(path))] {
				skipped++
				return nil
			}
			add(path)
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
	}
	sort.Strings(files)
	return files, skipped, nil
}

type job struct {
	path  string
	data  []byte
	id    string
	oldID string // the id this path had before, when replaced
}

type writeBatch struct {
	put []*corpus.Review
	del []string
}

type result struct {
	job
	review *corpus.Review
	err    error
}

// RunBatch indexes the files under paths incrementally by content hash: an
// unchanged file is skipped, a changed one replaces its old version, a new
// one is added; with Prune, reviews whose files have gone are deleted. Files
// are read and extracted in parallel and written in batches, each review
// with its sections in one batch. One bad file never stops the batch: it is
// returned in Summary.Rejects with its reason.
func RunBatch(ctx context.Context, paths []string, ix Indexer, ex Extractor, opts BatchOptions) (Summary, error) {
	start := time.Now()
	var sum Summary
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = 100
	}
	reader := opts.Reader
	if reader == nil {
		reader = InProcess{}
	}
	files, skipped, err := Collect(paths)
	if err != nil {
		return sum, err
	}
	sum.Files, sum.Skipped = len(files), skipped
	sources, err := ix.Sources(ctx)
	if err != nil {
		return sum, err
	}

	// Jobs travel in groups: small files several at a time when the reader
	// can take them so (a worker round trip each costs more than reading a
	// text file), every other file alone.
	br, batching := reader.(BatchReader)
	jobs := make(chan []job)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for group := range jobs {
				for _, j := range group {
					if err := opts.Journal.Start(j.id, j.path); err != nil {
						log.Error("journal", "err", err)
					}
				}
				var read []BatchResult
				if len(group) > 1 && batching {
					items := make([]BatchItem, len(group))
					for i, j := range group {
						items[i] = BatchItem{Name: j.path, Data: j.data}
					}
					read = br.ReadBatch(ctx, items, opts.Limits)
				} else {
					read = make([]BatchResult, len(group))
					for i, j := range group {
						read[i].Doc, read[i].Err = reader.Read(ctx, j.path, j.data, opts.Limits)
					}
				}
				for i, j := range group {
					doc, err := read[i].Doc, read[i].Err
					r := result{job: j, err: err}
					if err == nil {
						for _, w := range doc.Warnings {
							log.Warn("partly read", "file", Quote(j.path), "warning", w)
						}
						r.review = ex.Extract(doc)
						if err := Refusal(j.path, r.review); err != nil {
							r.review, r.err = nil, err
						}
					}
					// The process lived through this file, whatever came of it.
					if err := opts.Journal.Done(j.id); err != nil {
						log.Error("journal", "err", err)
					}
					r.data = nil
					select {
					case results <- r:
					case <-ctx.Done():
						return
					}
				}
			}
		}()
	}
	// Feed: hash every file; only new content goes to the workers.
	var feedErr error
	var staleIDs []string
	var mu sync.Mutex
	reject := func(path string, err error) {
		mu.Lock()
		defer mu.Unlock()
		sum.Rejected++
		reason := err.Error()
		reason = strings.TrimPrefix(reason, path+": ")
		sum.Rejects = append(sum.Rejects, Reject{File: Path(path), Reason: reason})
		log.Warn("rejected", "file", Quote(path), "reason", Quote(reason))
	}
	done := 0
	progress := func() {
		done++
		if opts.Progress != nil {
			opts.Progress(done, len(files))
		}
	}
	go func() {
		defer close(jobs)
		// Files an earlier run died on go last, one at a time, so that if
		// one of them takes this run down too, everything else is in.
		var last []job
		var small []job // small files waiting to fill a group
		sendGroup := func(g []job) bool {
			select {
			case jobs <- g:
				return true
			case <-ctx.Done():
				return false
			}
		}
		send := func(j job) bool {
			if !batching {
				return sendGroup([]job{j})
			}
			if len(j.data) > batchFileBytes {
				return sendGroup([]job{j})
			}
			small = append(small, j)
			if len(small) < batchFiles {
				return true
			}
			g := small
			small = nil
			return sendGroup(g)
		}
		defer func() {
			if len(small) > 0 && !sendGroup(small) {
				return
			}
			for _, j := range last {
				if !sendGroup([]job{j}) {
					return
				}
			}
		}()
		for _, f := range files {
			if ctx.Err() != nil {
				return
			}
			data, err := LoadFile(f, opts.Limits)
			if err != nil {
				reject(f, err)
				mu.Lock()
				progress()
				mu.Unlock()
				continue
			}
			id := HashBytes(data)
			has, err := ix.Has(id)
			if err != nil {
				mu.Lock()
				feedErr = err
				mu.Unlock()
				return
			}
			old := sources[f]
			if has && old == id && !opts.Reread {
				mu.Lock()
				sum.Unchanged++
				progress()
				mu.Unlock()
				continue
			}
			if has && old != id {
				// The same content is already indexed from another path.
				mu.Lock()
				sum.Unchanged++
				if old != "" {
					staleIDs = append(staleIDs, old) // this path held other content before
					sum.Replaced++
				}
				progress()
				mu.Unlock()
				continue
			}
			j := job{path: f, data: data, id: id, oldID: old}
			switch strikes := opts.Journal.Strikes(id); {
			case strikes >= MaxStrikes:
				reject(f, fmt.Errorf("%s: %w: crashed the reader last time: sirlearn stopped while reading it in each of the last %d runs; not read in this run, the next run tries it again", f, corpus.ErrMalformed, strikes))
				_ = opts.Journal.Done(id)
				mu.Lock()
				progress()
				mu.Unlock()
				continue
			case strikes > 0:
				log.Warn("reading last: sirlearn stopped while reading this file last time", "file", Quote(f))
				last = append(last, j)
				continue
			}
			if !send(j) {
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	// Two writers: bleve builds each batch's segment in the caller, so a
	// second writer keeps both cores busy.
	batches := make(chan writeBatch)
	var writeErr error
	var wmu sync.Mutex
	var wwg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for wb := range batches {
				if err := ix.Apply(ctx, wb.put, wb.del); err != nil {
					wmu.Lock()
					if writeErr == nil {
						writeErr = err
					}
					wmu.Unlock()
				}
			}
		}()
	}
	var put []*corpus.Review
	var del []string
	flush := func() {
		if len(put) > 0 || len(del) > 0 {
			batches <- writeBatch{put, del}
			put, del = nil, nil
		}
	}
	for r := range results {
		mu.Lock()
		progress()
		mu.Unlock()
		if r.err != nil {
			reject(r.path, r.err)
			continue
		}
		put = append(put, r.review)
		if r.oldID != "" && r.oldID != r.id {
			del = append(del, r.oldID)
			sum.Replaced++
		} else {
			sum.Indexed++
		}
		if len(put) >= batchSize {
			flush()
		}
	}
	mu.Lock()
	del = append(del, staleIDs...)
	mu.Unlock()
	flush()
	close(batches)
	wwg.Wait()
	if writeErr != nil {
		return sum, writeErr
	}
	if feedErr != nil {
		return sum, feedErr
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if opts.Prune {
		var gone []string
		for src, id := range sources {
			if !filepath.IsAbs(src) {
				continue // uploads and inbox files have labels, not paths
			}
			if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
				gone = append(gone, id)
			}
		}
		if len(gone) > 0 {
			if err := ix.Apply(ctx, nil, gone); err != nil {
				return sum, err
			}
			sum.Pruned = len(gone)
		}
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// Refusal returns the error that refuses a document that is not a
// notification or a review, nil for one that is.
func Refusal(name string, r *corpus.Review) error {
	if r.DocumentKind != corpus.KindNotAReview {
		return nil
	}
	return fmt.Errorf("%s: %w: %s", name, corpus.ErrNotAReview, r.KindReason)
}

// One reads, extracts and indexes a single submitted file, as an upload or
// an inbox file. The review's source is label (not a path on disk, so
// --prune never removes it). created is false when the same content was
// already indexed; the file then changes nothing.
func One(ctx context.Context, rd DocReader, label string, data []byte, ix Indexer, ex Extractor, lim Limits) (*corpus.Review, bool, error) {
	if rd == nil {
		rd = InProcess{}
	}
	doc, err := rd.Read(ctx, label, data, lim)
	if err != nil {
		return nil, false, err
	}
	has, err := ix.Has(doc.ID)
	if err != nil {
		return nil, false, err
	}
	rev := ex.Extract(doc)
	if err := Refusal(label, rev); err != nil {
		return nil, false, err
	}
	if has {
		return rev, false, nil
	}
	if err := ix.Apply(ctx, []*corpus.Review{rev}, nil); err != nil {
		return nil, false, err
	}
	return rev, true, nil
}
