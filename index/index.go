// Package index stores extracted reviews and their sections in an embedded
// bleve index and answers searches, facet counts, theme tables and
// timeliness figures. It is the only package that imports bleve.
//
// Each review is stored as one "review" document (metadata, themes and the
// whole review as stored JSON) and one "section" document per section
// (kind, heading, text with an English analyser, and the review's facet
// fields copied in for filtering). A review and its sections always go into
// the index in one batch, so the index holds whole reviews only.
package index

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

// Document types.
const (
	typeReview  = "review"
	typeSection = "section"
)

// Index is an open sirlearn index. It is safe for concurrent use.
type Index struct {
	path    string
	idx     bleve.Index
	lock    *os.File
	closeMu sync.Mutex
	cache   *resultCache
	an      analyzers
	// phrases rewrites phrase queries for the engine's phrase searcher.
	phrases *engine.Phrases
	// tables count facets and group sections by review.
	tables *engine.Tables
	// slots bounds the searches computed at once (see queued).
	slots chan struct{}
	// caseMu serialises the linking of cases (see relink).
	caseMu sync.Mutex
	cal    *corpus.Calendar
	// pending counts writes whose cases are not linked yet (see
	// markCasesPending); pendingFailed is set when one failed to link.
	auditMu sync.Mutex
	// coding holds the inspectors' decisions (nil while rebuilding).
	coding        *codingStore
	pendMu        sync.Mutex
	pending       int
	pendingFailed bool
	// written is signalled after each write (see AutoCompact).
	written chan struct{}
}

// analyzers are the analysers documents are built with: the instances
// bleve made for the index mapping, so that queries analyse alike.
type analyzers struct{ english, tags engine.Frequencer }

func analyzersOf(idx bleve.Index) (analyzers, error) {
	m := idx.Mapping()
	e, ok1 := m.AnalyzerNamed(engine.EnglishAnalyzer).(engine.Frequencer)
	t, ok2 := m.AnalyzerNamed(engine.TagsAnalyzer).(engine.Frequencer)
	if !ok1 || !ok2 {
		return analyzers{}, fmt.Errorf("index analysers %s and %s are not registered", engine.EnglishAnalyzer, engine.TagsAnalyzer)
	}
	return analyzers{english: e, tags: t}, nil
}

// Options for Open.
type Options struct {
	// Holder describes this process in the lock file (command, address).
	Holder LockInfo
	// CacheEntries bounds the result cache (default 1024); negative turns
	// it off, as benchmarks of the engine need.
	CacheEntries int
	// Logger receives the progress of a schema migration (default: none).
	Logger *slog.Logger
	// SearchConcurrency bounds the searches computed at once (see
	// queued); 0 means one per processor.
	SearchConcurrency int
	// BlevePhrases searches phrases with bleve's own phrase searcher
	// instead of sirlearn's faster one: the same matches, scored by
	// bleve's rules; a fallback should the fast one go wrong.
	BlevePhrases bool
}

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// bleveConfig is the scorch configuration. Batches wait until they are
// persisted ("unsafe_batch" off): measured, background persistence was no
// faster here, and a batch that returned is on disk.
func bleveConfig() map[string]interface{} {
	return map[string]interface{}{"bolt_timeout": "2s", "unsafe_batch": false,
		"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentsPerTier": mergeWidth, "SegmentsPerMergeTask": mergeWidth}}
}

// Open opens the index at path, creating it when absent. It never blocks on
// another process: a held index gives a *LockedError naming the holder.
//
// ctx bounds a rebuild of an index of an earlier schema, which can be long;
// cancelled, the rebuild stops and the old index stays in place.
func Open(ctx context.Context, path string, opts Options) (*Index, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	lf, err := os.OpenFile(filepath.Join(path, "sirlearn.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	if err := syscall.Flock(int(lf.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer lf.Close()
		var h LockInfo
		b := make([]byte, 4096)
		n, _ := lf.ReadAt(b, 0)
		_ = json.Unmarshal(b[:n], &h)
		return nil, &LockedError{Path: path, Holder: h}
	}
	h := opts.Holder
	h.PID = os.Getpid()
	h.Since = time.Now().UTC().Format(time.RFC3339)
	if hb, err := json.Marshal(h); err == nil {
		_ = lf.Truncate(0)
		_, _ = lf.WriteAt(hb, 0)
		_ = lf.Sync()
	}
	idx, migrated, err := openBleve(ctx, filepath.Join(path, "bleve"), opts.logger())
	if err != nil {
		lf.Close()
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	coding, err := openCoding(path)
	if err != nil {
		idx.Close()
		lf.Close()
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	entries := opts.CacheEntries
	if entries == 0 {
		entries = 1024
	}
	ix, err := newIndex(path, idx, entries)
	if err != nil {
		idx.Close()
		lf.Close()
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	ix.lock = lf
	ix.coding = coding
	if migrated {
		// The rebuild wrote tags without the decisions: write the coded
		// reviews again.
		if err := ix.reapplyDecisions(ctx); err != nil {
			ix.Close()
			return nil, fmt.Errorf("index %s: %w", path, err)
		}
	}
	if pending, err := ix.casesPending(); err != nil || pending {
		if err == nil {
			opts.logger().Warn("a write stopped before its cases were linked: linking every case again", "index", path)
			_, err = ix.RebuildCases(ctx)
		}
		if err != nil {
			ix.Close()
			return nil, fmt.Errorf("index %s: %w", path, err)
		}
	}
	if opts.BlevePhrases {
		ix.phrases = engine.NewPhrases(true)
	}
	if opts.SearchConcurrency > 0 {
		ix.slots = make(chan struct{}, opts.SearchConcurrency)
	}
	return ix, nil
}

// newIndex wraps an open bleve index, with a result cache of the given
// size (negative: none).
func newIndex(path string, idx bleve.Index, cacheEntries int) (*Index, error) {
	an, err := analyzersOf(idx)
	if err != nil {
		return nil, err
	}
	return &Index{path: path, idx: idx, cache: newResultCache(cacheEntries), an: an, phrases: engine.NewPhrases(false, fText, fRText), tables: newTables(),
		slots: make(chan struct{}, runtime.GOMAXPROCS(0)), cal: corpus.NewScottishCalendar(), written: make(chan struct{}, 1)}, nil
}

// Close closes the index and releases the lock.
func (ix *Index) Close() error {
	ix.closeMu.Lock()
	defer ix.closeMu.Unlock()
	err := ix.idx.Close()
	if ix.coding != nil {
		if cerr := ix.coding.close(); err == nil {
			err = cerr
		}
		ix.coding = nil
	}
	if ix.lock != nil {
		_ = ix.lock.Truncate(0)
		_ = syscall.Flock(int(ix.lock.Fd()), syscall.LOCK_UN)
		ix.lock.Close()
		ix.lock = nil
	}
	if err != nil {
		return fmt.Errorf("index %s: close: %w", ix.path, err)
	}
	return nil
}

// Path returns the index folder.
func (ix *Index) Path() string { return ix.path }
