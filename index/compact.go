package index

// Compaction: merging the segments a load leaves into one.

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// CompactAbove is the default number of segments above which a load, or
// a server after uploads, compacts the index. Every search opens every
// segment's postings: at 10,000 reviews a load left 24 segments, and the
// varied search traffic ran a third faster on the same index merged into
// one.
const CompactAbove = 8

// compactedKey records when the index was last compacted.
var compactedKey = []byte("sirlearn.compacted")

// scorchOf returns the index's scorch engine.
func (ix *Index) scorchOf() (*scorch.Scorch, error) {
	ai, err := ix.idx.Advanced()
	if err != nil {
		return nil, err
	}
	sc, ok := ai.(*scorch.Scorch)
	if !ok {
		return nil, fmt.Errorf("the index is not a scorch index (%T)", ai)
	}
	return sc, nil
}

// Segments returns the number of segments the index is made of, on disk
// and in memory.
func (ix *Index) Segments() (int, error) {
	sc, err := ix.scorchOf()
	if err != nil {
		return 0, fmt.Errorf("index segments: %w", err)
	}
	m := sc.StatsMap()
	n := 0
	for _, k := range []string{"TotFileSegmentsAtRoot", "TotMemorySegmentsAtRoot"} {
		if v, ok := m[k].(uint64); ok {
			n += int(v)
		}
	}
	return n, nil
}

// Compact merges the index's segments into one, or two where one segment
// already holds half the documents and few deleted ones, and returns how
// many there were and are. Searches go on meanwhile on the segments as
// they were; a cancelled compaction leaves the index as it was, whole.
// Merging all of it rewrites the index once: at 100,000 reviews about 40 s
// and, while it runs, twice the index's size on disk.
func (ix *Index) Compact(ctx context.Context) (before, after int, err error) {
	if err := ctx.Err(); err != nil {
		return 0, 0, fmt.Errorf("index compact: %w", err)
	}
	sc, err := ix.scorchOf()
	if err != nil {
		return 0, 0, fmt.Errorf("index compact: %w", err)
	}
	if before, err = ix.Segments(); err != nil {
		return 0, 0, err
	}
	// A segment holding half the documents or more, and few deleted ones,
	// stays as it is: adding a few reviews to a large index merges the
	// small segments they made, not the whole index again. (Bleve merges
	// segments of fewer than MaxSegmentSize/2 live documents.) A segment
	// of many deleted documents is merged whatever its size: searches
	// still walk their postings.
	mo := mergeplan.SingleSegmentMergePlanOptions
	if live, largest, deleted, err := ix.segmentSizes(sc); err != nil {
		return before, before, fmt.Errorf("index compact: %w", err)
	} else if 2*largest >= live && 10*deleted < largest {
		mo.MaxSegmentSize = min(max(live, 2), mergeplan.MaxSegmentSizeLimit)
	}
	// A forced merge merges the segments of each task into one, and the
	// tasks one after another: with bleve's ten segments a task, the 14
	// segments of a 10,000-review load became 2 and then 1, writing the
	// index out twice. One task
	// of all of them writes it once. It goes again while that helps.
	mo.SegmentsPerMergeTask = max(mo.SegmentsPerMergeTask, before)
	after = before
	for after > 1 {
		if err := sc.ForceMerge(ctx, &mo); err != nil {
			return before, after, fmt.Errorf("index compact: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return before, after, fmt.Errorf("index compact: %w", err)
		}
		n, err := ix.Segments()
		if err != nil {
			return before, after, err
		}
		if n >= after {
			break
		}
		after = n
	}
	// The merged-away files go when the engine next persists, and only
	// if no search still holds them then; a process that closed at once
	// left them on disk (a compacted index of 10,000 reviews took 549 MiB
	// instead of 193). A small write makes the engine persist, and again
	// while the files remain.
	wait := time.NewTimer(30 * time.Second)
	defer wait.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for i := 0; ; i++ {
		n, err := ix.Segments()
		if err != nil {
			return before, after, err
		}
		if files, _ := sc.StatsMap()["CurOnDiskFiles"].(uint64); files <= uint64(n)+1 { // the segments and the root
			break
		}
		if i%10 == 0 {
			stamp := []byte(time.Now().UTC().Format(time.RFC3339Nano))
			if err := ix.idx.SetInternal(compactedKey, stamp); err != nil {
				return before, after, fmt.Errorf("index compact: %w", err)
			}
		}
		select {
		case <-ctx.Done():
			return before, after, fmt.Errorf("index compact: %w", ctx.Err())
		case <-wait.C:
			return before, after, nil // the next open removes them
		case <-tick.C:
		}
	}
	return before, after, nil
}

// segmentSizes returns the index's live documents, those of its largest
// segment and the deleted documents that segment still holds.
func (ix *Index) segmentSizes(sc *scorch.Scorch) (live, largest, deleted int64, err error) {
	r, err := sc.Reader()
	if err != nil {
		return 0, 0, 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, 0, 0, fmt.Errorf("unexpected reader %T", r)
	}
	for _, seg := range snap.Segments() {
		n := seg.LiveSize()
		live += n
		if n > largest {
			largest, deleted = n, seg.FullSize()-n
		}
	}
	return live, largest, deleted, nil
}

// noteWrite tells AutoCompact that the index was written.
func (ix *Index) noteWrite() {
	select {
	case ix.written <- struct{}{}:
	default:
	}
}

// AutoCompact compacts the index in the background of a server: once
// writes have stopped for quiet, when there are more than above segments.
// Uploads and the inbox write a segment per batch, and a server that takes
// them for a day would otherwise search through hundreds. It returns when
// ctx is done.
func (ix *Index) AutoCompact(ctx context.Context, above int, quiet time.Duration, log *slog.Logger) {
	if above <= 0 {
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-ix.written:
		}
		// Wait for the writes to stop.
		t := time.NewTimer(quiet)
	settle:
		for {
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-ix.written:
				t.Reset(quiet)
			case <-t.C:
				break settle
			}
		}
		n, err := ix.Segments()
		if err != nil || n <= above {
			continue
		}
		start := time.Now()
		before, after, err := ix.Compact(ctx)
		if err != nil {
			if ctx.Err() == nil {
				log.Warn("compacting the index failed; it is whole and searchable as it was", "err", err)
			}
			continue
		}
		log.Info("compacted the index", "segments_before", before, "segments_after", after, "took", time.Since(start).Round(time.Millisecond))
	}
}
