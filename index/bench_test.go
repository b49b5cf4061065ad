package index

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// BenchmarkPut loads extracted reviews from SIRLEARN_BENCH_REVIEWS (the
// reviews.gob written by `sirlearn bench index`) or, without it, the
// hand-made test reviews, with one or two writers and several batch sizes.
func BenchmarkPut(b *testing.B) {
	var reviews []*corpus.Review
	if p := os.Getenv("SIRLEARN_BENCH_REVIEWS"); p != "" {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		dec := gob.NewDecoder(bufio.NewReader(f))
		for len(reviews) < 2000 {
			var r corpus.Review
			if err := dec.Decode(&r); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			reviews = append(reviews, &r)
		}
		f.Close()
	} else {
		reviews = testReviews()
	}
	for _, c := range []struct{ writers, batch int }{{1, 200}, {2, 50}, {2, 100}, {2, 200}, {2, 500}} {
		writers, benchBatch := c.writers, c.batch
		b.Run(fmt.Sprintf("writers=%d/batch=%d", writers, benchBatch), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ix, err := Open(context.Background(), b.TempDir(), Options{})
				if err != nil {
					b.Fatal(err)
				}
				var wg sync.WaitGroup
				for w := 0; w < writers; w++ {
					wg.Add(1)
					go func(w int) {
						defer wg.Done()
						for j := w * benchBatch; j < len(reviews); j += writers * benchBatch {
							if err := ix.Put(context.Background(), reviews[j:min(j+benchBatch, len(reviews))]); err != nil {
								b.Error(err)
							}
						}
					}(w)
				}
				wg.Wait()
				if err := ix.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(reviews)*b.N)/b.Elapsed().Seconds(), "reviews/s")
		})
	}
}

// BenchmarkSearch queries the index at SIRLEARN_BENCH_INDEX (made by
// scripts/bench-http.sh or sirlearn index) with the HTTP API's settings,
// bypassing the result cache.
func BenchmarkSearch(b *testing.B) {
	p := os.Getenv("SIRLEARN_BENCH_INDEX")
	if p == "" {
		b.Skip("set SIRLEARN_BENCH_INDEX to an index folder")
	}
	ix, err := Open(context.Background(), p, Options{CacheEntries: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	queries := []string{"visit", "plan", `"home visit"`, "assessment", "alcohol", "caseload"}
	for _, c := range []struct {
		name                        string
		facets, highlight, redacted bool
		group                       string
	}{{"plain", false, false, false, ""}, {"highlight", false, true, false, ""}, {"facets", true, false, false, ""}, {"api-section", true, true, false, "section"},
		{"api-review", true, true, false, "review"}, {"api-review-researcher", true, true, true, "review"}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, err := ix.search(context.Background(), corpus.Query{Text: queries[i%len(queries)], Size: 10, Highlight: c.highlight, NoFacets: !c.facets, Redacted: c.redacted, Group: c.group})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchVaried replays the requests of SIRLEARN_BENCH_QUERIES
// (written by `sirlearn bench queries`) against SIRLEARN_BENCH_INDEX in
// turn, uncached, grouped by review as the API does, and reports the
// latency percentiles of one search at a time.
func BenchmarkSearchVaried(b *testing.B) {
	p, qf := os.Getenv("SIRLEARN_BENCH_INDEX"), os.Getenv("SIRLEARN_BENCH_QUERIES")
	if p == "" || qf == "" {
		b.Skip("set SIRLEARN_BENCH_INDEX to an index folder and SIRLEARN_BENCH_QUERIES to a request file")
	}
	ix, err := Open(context.Background(), p, Options{CacheEntries: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Warm(context.Background()); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(qf)
	if err != nil {
		b.Fatal(err)
	}
	var qs []corpus.Query
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(qs) < 20000 {
		q, err := apiQuery(sc.Text())
		if err != nil {
			b.Fatal(err)
		}
		qs = append(qs, q)
	}
	f.Close()
	var took []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := ix.search(context.Background(), qs[i%len(qs)]); err != nil && !errors.Is(err, corpus.ErrInvalid) {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}

// apiQuery reads a GET /api/search path as the API would.
func apiQuery(path string) (corpus.Query, error) {
	u, err := url.Parse(path)
	if err != nil {
		return corpus.Query{}, err
	}
	v := u.Query()
	size, page := 10, 1
	if s := v.Get("size"); s != "" {
		if size, err = strconv.Atoi(s); err != nil {
			return corpus.Query{}, err
		}
	}
	if s := v.Get("page"); s != "" {
		if page, err = strconv.Atoi(s); err != nil {
			return corpus.Query{}, err
		}
	}
	return corpus.Query{Text: v.Get("q"), Size: size, Offset: (page - 1) * size, Highlight: true, Group: corpus.GroupReview,
		NoFacets: v.Get("facets") == "false",
		Filter: corpus.Filter{Themes: v["theme"], Authorities: v["authority"], Sections: v["section"],
			IncidentTypes: v["incident_type"], Years: v["year"]}}, nil
}

// BenchmarkSimilar finds the reviews like each review of the index at
// SIRLEARN_BENCH_INDEX in turn (varied: a different review each time),
// and reports the latency percentiles.
func BenchmarkSimilar(b *testing.B) {
	p := os.Getenv("SIRLEARN_BENCH_INDEX")
	if p == "" {
		b.Skip("set SIRLEARN_BENCH_INDEX to an index folder")
	}
	ix, err := Open(context.Background(), p, Options{CacheEntries: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ids, err := ix.ReviewIDs(context.Background())
	if err != nil || len(ids) == 0 {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := ix.Similar(context.Background(), ids[(i*7919)%len(ids)], 10, false); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
