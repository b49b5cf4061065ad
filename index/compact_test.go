package index

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

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
	before, after, err := ix.Compact(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before < 3 || after != 1 {
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
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := ix.Compact(cctx); err == nil {
		t.Error("a cancelled compaction reported success")
	}
	if n, err := ix.Count(ctx); err != nil || n != total {
		t.Errorf("count after a cancelled compaction = %d, %v; want %d", n, err, total)
	}
}
