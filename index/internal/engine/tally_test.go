package engine

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

type testDoc struct {
	Tags []string `json:"tags"`
	Text string   `json:"text"`
}

// testIndex indexes groups of documents ("g3/1" is group g3's second) in
// several batches, so that the index has several segments, then deletes and
// replaces some. It returns the index and the documents left.
func testIndex(t *testing.T) (bleve.Index, map[string]testDoc) {
	t.Helper()
	m := mapping.NewIndexMapping()
	dm := mapping.NewDocumentMapping()
	tf := mapping.NewTextFieldMapping()
	tf.Analyzer = keyword.Name
	dm.AddFieldMappingsAt("tags", tf)
	dm.AddFieldMappingsAt("text", mapping.NewTextFieldMapping())
	m.DefaultMapping = dm
	idx, err := bleve.New(filepath.Join(t.TempDir(), "b"), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	rng := rand.New(rand.NewSource(7))
	words := []string{"visit", "plan", "risk", "home", "police", "alcohol"}
	docs := map[string]testDoc{}
	for b := 0; b < 6; b++ {
		batch := idx.NewBatch()
		for g := b * 15; g < (b+1)*15; g++ {
			area := fmt.Sprintf("a:%d", rng.Intn(5))
			for d := 0; d < 1+rng.Intn(4); d++ {
				doc := testDoc{Tags: []string{area, fmt.Sprintf("k:%d", rng.Intn(3)), "d:skip"}}
				for w := 0; w < 1+rng.Intn(5); w++ {
					doc.Text += words[rng.Intn(len(words))] + " "
				}
				id := fmt.Sprintf("g%d/%d", g, d)
				docs[id] = doc
				if err := batch.Index(id, doc); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := idx.Batch(batch); err != nil {
			t.Fatal(err)
		}
	}
	// Deletions and replacements leave deleted documents in old segments.
	for id := range docs {
		if strings.HasSuffix(id, "/1") {
			if err := idx.Delete(id); err != nil {
				t.Fatal(err)
			}
			delete(docs, id)
		}
		if strings.HasSuffix(id, "/2") {
			d := docs[id]
			d.Tags = []string{d.Tags[0], "k:9"}
			docs[id] = d
			if err := idx.Index(id, d); err != nil {
				t.Fatal(err)
			}
		}
	}
	return idx, docs
}

func testTables() *Tables {
	return NewTables("tags",
		func(term string) bool { return !strings.HasPrefix(term, "d:") },
		func(term string) bool { return strings.HasPrefix(term, "a:") },
		func(id string) (string, bool) {
			i := strings.IndexByte(id, '/')
			return id[:max(i, 0)], i > 0
		})
}

func TestTallyCountsAsBleveFacets(t *testing.T) {
	idx, _ := testIndex(t)
	tables := testTables()
	for _, text := range []string{"", "visit", "risk plan", "home -police"} {
		t.Run(text, func(t *testing.T) {
			var q query.Query = bleve.NewMatchAllQuery()
			if text != "" {
				q = bleve.NewQueryStringQuery(text)
			}
			// The reference: bleve's own facet counts.
			ref := bleve.NewSearchRequestOptions(q, 0, 0, false)
			ref.AddFacet("tags", bleve.NewFacetRequest("tags", 1000))
			want, err := idx.SearchInContext(context.Background(), ref)
			if err != nil {
				t.Fatal(err)
			}
			y := tables.Tally(q)
			y.CountTags = true
			got, err := idx.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(y, 0, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			counts, err := y.Counts()
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total || uint64(y.Matches) != want.Total || want.Total == 0 {
				t.Fatalf("totals: tally %d (%d seen), bleve %d", got.Total, y.Matches, want.Total)
			}
			wantCounts := map[string]int{}
			for _, tf := range want.Facets["tags"].Terms.Terms() {
				if tf.Term != "d:skip" {
					wantCounts[tf.Term] = tf.Count
				}
			}
			if fmt.Sprint(counts) != fmt.Sprint(wantCounts) {
				t.Errorf("counts\n got %v\nwant %v", counts, wantCounts)
			}
		})
	}
}

func TestTallyGroups(t *testing.T) {
	idx, docs := testIndex(t)
	tables := testTables()
	ctx := context.Background()
	q := bleve.NewMatchQuery("visit risk")
	// The reference: every hit, grouped by hand.
	all, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, len(docs), 0, false))
	if err != nil {
		t.Fatal(err)
	}
	type ref struct {
		key   string
		best  float64
		docs  []string
		n     int
		kinds map[string]bool
		area  string
	}
	groups := map[string]*ref{}
	for _, h := range all.Hits {
		key := h.ID[:strings.IndexByte(h.ID, '/')]
		g := groups[key]
		if g == nil {
			g = &ref{key: key, best: h.Score, kinds: map[string]bool{}}
			groups[key] = g
		}
		g.n++
		if len(g.docs) < 2 {
			g.docs = append(g.docs, h.ID) // hits come best first
		}
		for _, tag := range docs[h.ID].Tags {
			if strings.HasPrefix(tag, "k:") {
				g.kinds[tag] = true
			} else if strings.HasPrefix(tag, "a:") {
				g.area = tag
			}
		}
	}
	var order []*ref
	for _, g := range groups {
		order = append(order, g)
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i].best != order[j].best {
			return order[i].best > order[j].best
		}
		return order[i].key < order[j].key
	})
	wantKinds := map[string]int{}
	for _, g := range order {
		for k := range g.kinds {
			wantKinds[k]++
		}
		wantKinds[g.area]++
	}
	for _, page := range []struct{ offset, size int }{{0, 5}, {5, 5}, {0, 1000}, {len(order) - 2, 10}, {len(order) + 3, 10}} {
		y := tables.Tally(q)
		y.CountTags, y.TagsPerGroup = true, true
		y.Groups, y.GroupOffset, y.PerGroup = page.size, page.offset, 2
		if _, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(y, 0, 0, false)); err != nil {
			t.Fatal(err)
		}
		if y.GroupTotal != len(order) || y.Matches != len(all.Hits) {
			t.Fatalf("page %v: %d groups, %d matches; want %d, %d", page, y.GroupTotal, y.Matches, len(order), len(all.Hits))
		}
		want := order[min(page.offset, len(order)):min(page.offset+page.size, len(order))]
		if len(y.Page) != len(want) {
			t.Fatalf("page %v: %d groups, want %d", page, len(y.Page), len(want))
		}
		for i, g := range y.Page {
			w := want[i]
			var ids []string
			for _, d := range g.Docs {
				ids = append(ids, d.ID)
			}
			if g.Key != w.key || g.Matches != w.n || g.Best != w.best || len(ids) != len(w.docs) {
				t.Errorf("page %v group %d: got %s %d %.4f %v, want %s %d %.4f %v", page, i, g.Key, g.Matches, g.Best, ids, w.key, w.n, w.best, w.docs)
			}
		}
		counts, err := y.Counts()
		if err != nil {
			t.Fatal(err)
		}
		for k, n := range wantKinds {
			if counts[k] != n {
				t.Errorf("page %v: %s counted for %d groups, want %d", page, k, counts[k], n)
			}
		}
	}
}
