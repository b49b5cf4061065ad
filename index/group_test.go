package index

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// manyReviews makes n reviews of a few sections each, of words drawn at
// random, put in several batches so that the index has several segments.
func manyReviews(t *testing.T, n int) *Index {
	t.Helper()
	ix, err := Open(context.Background(), t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	rng := rand.New(rand.NewSource(3))
	words := []string{"visit", "plan", "risk", "home", "police", "alcohol", "housing", "recall"}
	auths := []string{"Fife", "Highland", "Glasgow City", "Angus"}
	kinds := []corpus.SectionKind{corpus.SectionSummary, corpus.SectionAssessment, corpus.SectionSupervision, corpus.SectionCaseManagementPlan}
	var batch []*corpus.Review
	for i := 0; i < n; i++ {
		r := &corpus.Review{ID: fmt.Sprintf("rev%03d", i), Title: fmt.Sprintf("Review %d", i), RedactedTitle: fmt.Sprintf("Review [%d]", i),
			Metadata: corpus.Metadata{Authority: auths[rng.Intn(len(auths))], IncidentDate: corpus.Date(fmt.Sprintf("20%02d-0%d-1%d", 18+rng.Intn(4), 1+rng.Intn(9), rng.Intn(9)))}}
		for s := 0; s < 1+rng.Intn(5); s++ {
			text := ""
			for w := 0; w < 3+rng.Intn(8); w++ {
				text += words[rng.Intn(len(words))] + " "
			}
			r.Sections = append(r.Sections, corpus.Section{Kind: kinds[rng.Intn(len(kinds))], Heading: fmt.Sprintf("Part %d", s), Text: text, RedactedText: text})
		}
		batch = append(batch, r)
		if len(batch) == 17 || i == n-1 {
			if err := ix.Put(context.Background(), batch); err != nil {
				t.Fatal(err)
			}
			batch = nil
		}
	}
	// Merges change document numbers and so the order of equal scores:
	// paging through the sections must see one snapshot.
	if _, err := ix.Settle(context.Background(), 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestGroupedAsSections checks the results grouped by review against the
// section results grouped by hand: the same reviews, in order of their best
// section, the same counts, paged by review, with facets counting reviews.
func TestGroupedAsSections(t *testing.T) {
	ix := manyReviews(t, 120)
	ctx := context.Background()
	for _, q := range []corpus.Query{{Text: "visit"}, {Text: "risk plan"}, {Text: `"home visit"`}, {Text: "police", Filter: corpus.Filter{Authorities: []string{"Fife"}}},
		{Filter: corpus.Filter{Years: []string{"2019"}}}, {Text: "housing", Redacted: true}} {
		t.Run(fmt.Sprint(q.Text, q.Filter.Authorities, q.Filter.Years, q.Redacted), func(t *testing.T) {
			all := q
			all.Size, all.Group = corpus.MaxSearchSize, corpus.GroupSection
			var hits []corpus.Hit
			for all.Offset = 0; ; all.Offset += all.Size {
				res, err := ix.Search(ctx, all)
				if err != nil {
					t.Fatal(err)
				}
				hits = append(hits, res.Hits...)
				if len(hits) >= res.Total {
					break
				}
			}
			type group struct {
				id    string
				best  float64
				n     int
				kinds map[string]bool
				auth  string
			}
			groups := map[string]*group{}
			for _, h := range hits {
				g := groups[h.ReviewID]
				if g == nil {
					g = &group{id: h.ReviewID, best: h.Score, kinds: map[string]bool{}, auth: h.Authority}
					groups[h.ReviewID] = g
				}
				g.n++
				g.best = max(g.best, h.Score)
				g.kinds[h.Section] = true
			}
			var want []*group
			for _, g := range groups {
				want = append(want, g)
			}
			sort.Slice(want, func(i, j int) bool {
				if want[i].best != want[j].best {
					return want[i].best > want[j].best
				}
				return docKey(want[i].id) < docKey(want[j].id)
			})
			if len(want) < 5 {
				t.Fatalf("only %d reviews match: too few to page", len(want))
			}
			wantKinds, wantAuths := map[string]int{}, map[string]int{}
			for _, g := range want {
				for k := range g.kinds {
					wantKinds[k]++
				}
				wantAuths[g.auth]++
			}
			q.Group, q.Size, q.Highlight = corpus.GroupReview, 4, true
			var got []corpus.ReviewHit
			for q.Offset = 0; q.Offset < len(want)+4; q.Offset += q.Size {
				res, err := ix.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if res.Group != corpus.GroupReview || res.Total != len(want) || res.TotalSections != len(hits) || len(res.Hits) != 0 {
					t.Fatalf("offset %d: group %s, total %d, sections %d, %d section hits; want %d reviews, %d sections",
						q.Offset, res.Group, res.Total, res.TotalSections, len(res.Hits), len(want), len(hits))
				}
				got = append(got, res.Reviews...)
				for _, fv := range res.Facets["section"] {
					if fv.Count != wantKinds[fv.Value] {
						t.Errorf("section facet %s: %d reviews, want %d", fv.Value, fv.Count, wantKinds[fv.Value])
					}
				}
				for _, fv := range res.Facets["authority"] {
					if fv.Count != wantAuths[fv.Value] {
						t.Errorf("authority facet %s: %d reviews, want %d", fv.Value, fv.Count, wantAuths[fv.Value])
					}
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%d reviews over the pages, want %d", len(got), len(want))
			}
			for i, r := range got {
				w := want[i]
				if r.ReviewID != w.id || r.Matches != w.n || r.Score != w.best || len(r.Sections) != min(w.n, corpus.SectionsPerReview) {
					t.Errorf("review %d: %s, %d matches, best %.4f, %d shown; want %s, %d, %.4f", i, r.ReviewID, r.Matches, r.Score, len(r.Sections), w.id, w.n, w.best)
				}
				wantTitle := fmt.Sprintf("Review %d", atoi(r.ReviewID[3:]))
				if q.Redacted {
					wantTitle = fmt.Sprintf("Review [%d]", atoi(r.ReviewID[3:]))
				}
				if r.Title != wantTitle {
					t.Errorf("review %s: title %q, want %q", r.ReviewID, r.Title, wantTitle)
				}
				for j, s := range r.Sections {
					if j > 0 && s.Score > r.Sections[j-1].Score {
						t.Errorf("review %s: sections not best first", r.ReviewID)
					}
					if q.Text != "" && s.Snippet == "" {
						t.Errorf("review %s section %s: no snippet", r.ReviewID, s.Heading)
					}
				}
			}
		})
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestGroupedSearchWhileWriting runs grouped searches with facets from
// several goroutines while reviews are written, so that tag tables are
// built, shared and dropped under the race detector; every answer must be
// whole (its reviews' counts add up to its section total).
func TestGroupedSearchWhileWriting(t *testing.T) {
	ix := manyReviews(t, 60)
	ctx := context.Background()
	done := make(chan struct{})
	errs := make(chan error, 16)
	go func() {
		defer close(done)
		for i := 0; i < 5; i++ {
			r := &corpus.Review{ID: fmt.Sprintf("late%02d", i), Title: "Late", Metadata: corpus.Metadata{Authority: "Fife"},
				Sections: []corpus.Section{{Kind: corpus.SectionSummary, Text: "visit plan risk", RedactedText: "visit plan risk"}}}
			if err := ix.Put(ctx, []*corpus.Review{r}); err != nil {
				errs <- err
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				q := corpus.Query{Text: []string{"visit", "plan", "risk home"}[(g+i)%3], Group: corpus.GroupReview, Size: 100, Offset: 0}
				res, err := ix.search(ctx, q) // uncached: every call counts
				if err != nil {
					errs <- err
					return
				}
				sum := 0
				for _, r := range res.Reviews {
					sum += r.Matches
				}
				if res.Total <= 100 && sum != res.TotalSections {
					errs <- fmt.Errorf("%q: reviews hold %d matching sections, total %d", q.Text, sum, res.TotalSections)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	<-done
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
