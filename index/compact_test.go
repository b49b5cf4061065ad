package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// TestCompact writes reviews in many batches, so many segments, and checks
// that compacting merges them and leaves every search as it was: hits,
// order, scores, facets and totals.
func TestCompact(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(ctx, t.TempDir(), Options{Holder: LockInfo{Command: "test"}, CacheEntries: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	writeSegments(t, ix)
	queries := []corpus.Query{
		{Text: "visit"}, {Text: `"home visit"`}, {Text: "visit", Filter: corpus.Filter{Authorities: []string{"Fife"}}},
		{Text: "review", Group: corpus.GroupSection, Highlight: true}, {Text: "licence OR telephone", Size: 5, Offset: 5, Group: corpus.GroupReview},
	}
	snapshot := func() []string {
		var out []string
		for _, q := range queries {
			res, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatalf("search %+v: %v", q, err)
			}
			if res.Total == 0 {
				t.Fatalf("search %+v found nothing: the comparison would prove nothing", q)
			}
			b, _ := json.Marshal(res)
			out = append(out, string(b))
		}
		return out
	}
	was := snapshot()
	wasCounts := map[string]string{}
	for _, q := range queries {
		wasCounts[q.Text+q.Group] = countsOf(t, ix, q)
	}
	before, after, err := ix.Compact(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before < 3 || after > 2 || after >= before {
		t.Fatalf("compact: %d segments before, %d after", before, after)
	}
	if n, err := ix.Segments(); err != nil || n != after {
		t.Errorf("Segments() = %d, %v; Compact said %d", n, err, after)
	}
	now := snapshot()
	for i := range queries {
		if was[i] != now[i] {
			t.Errorf("query %+v changed by compacting:\n before %.300s\n after  %.300s", queries[i], was[i], now[i])
		}
	}
	total, err := ix.Count(ctx)
	if err != nil || total < 3200 {
		t.Errorf("count after compacting = %d, %v; want 3200 or more", total, err)
	}
	// Writing every review again leaves their old versions deleted in
	// the big segment: compacting then merges it too, into one.
	writeBatches(t, ix)
	if _, after, err = ix.Compact(ctx); err != nil || after != 1 {
		t.Errorf("compacting after a rewrite of every review: %d segments, %v; want 1", after, err)
	}
	// The hits' order and scores may change with the rewrite (identical
	// copies tie; bleve's term statistics count documents deleted since),
	// so this compares totals and facets.
	for _, q := range queries {
		if a, b := countsOf(t, ix, q), wasCounts[q.Text+q.Group]; a != b {
			t.Errorf("query %q counts changed after rewriting the same reviews and compacting:\n before %.300s\n after  %.300s", q.Text, b, a)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := ix.Compact(cctx); err == nil {
		t.Error("a cancelled compaction reported success")
	}
	if n, err := ix.Count(ctx); err != nil || n != total {
		t.Errorf("count after a cancelled compaction = %d, %v; want %d", n, err, total)
	}
}

// writeSegments writes 3,200 reviews in batches of 400, and more until
// the index has at least three segments.
func writeSegments(t *testing.T, ix *Index) {
	t.Helper()
	ctx := context.Background()
	base := writeBatches(t, ix)
	// Bleve merges small segments in the background: write until there
	// are a few to compact.
	for i := 8; ; i++ {
		if n, err := ix.Segments(); err != nil || n >= 3 {
			break
		}
		if i == 40 {
			t.Fatal("40 batches left fewer than three segments")
		}
		if err := ix.Put(ctx, []*corpus.Review{{ID: fmt.Sprintf("extra-%d", i), Sections: base[0].Sections}}); err != nil {
			t.Fatal(err)
		}
	}
}

// writeBatches writes 3,200 reviews in batches of 400 and returns the
// reviews they were copied from.
func writeBatches(t *testing.T, ix *Index) []*corpus.Review {
	t.Helper()
	ctx := context.Background()
	base := testReviews()
	for i := 0; i < 8; i++ {
		var batch []*corpus.Review
		for j := 0; j < 400; j++ {
			r := base[j%len(base)]
			c := *r
			c.ID = fmt.Sprintf("%s-%d-%d", r.ID, i, j)
			c.Source = fmt.Sprintf("/data/%s.pdf", c.ID)
			batch = append(batch, &c)
		}
		if err := ix.Put(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	return base
}

// TestAutoCompact writes in batches and checks that the background
// compaction merges the segments once the writes stop.
func TestAutoCompact(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ix, err := Open(ctx, t.TempDir(), Options{Holder: LockInfo{Command: "test"}, CacheEntries: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	done := make(chan struct{})
	var logged lockedBuffer
	go func() {
		defer close(done)
		ix.AutoCompact(ctx, 1, 50*time.Millisecond, slog.New(slog.NewTextHandler(&logged, nil)))
	}()
	writeSegments(t, ix)
	most, _ := ix.Segments()
	if most <= 2 {
		t.Fatalf("at most %d segments while writing: nothing for the compaction to do, the test proves nothing", most)
	}
	deadline := time.Now().Add(20 * time.Second)
	n := most
	for time.Now().Before(deadline) {
		if n, _ = ix.Segments(); n <= 2 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n > 2 {
		t.Fatalf("%d segments 20 s after the writes stopped (at most %d while writing); log: %s", n, most, logged.String())
	}
	for !strings.Contains(logged.String(), "compacted the index") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(logged.String(), "compacted the index") {
		t.Errorf("the background compaction never ran; its log: %q", logged.String())
	}
	if c, err := ix.Count(ctx); err != nil || c < 3200 {
		t.Errorf("count = %d, %v; want 3,200 or more", c, err)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("AutoCompact did not return after its context ended")
	}
}

// lockedBuffer is a bytes.Buffer safe for a logger and a reader at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// countsOf returns a search's totals and facets.
func countsOf(t *testing.T, ix *Index, q corpus.Query) string {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(struct {
		Total, Sections int
		Facets          map[string][]corpus.FacetValue
	}{res.Total, res.TotalSections, res.Facets})
	return string(b)
}
