package index

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

// facetNames maps tag prefixes to the facets a search returns.
var facetNames = map[string]string{tagAuthority: "authority", tagYear: "year", tagTheme: "theme", tagKind: "section", tagIncidentType: "incident_type"}

func sortFacet(vals []corpus.FacetValue) {
	sort.SliceStable(vals, func(i, j int) bool {
		if vals[i].Count != vals[j].Count {
			return vals[i].Count > vals[j].Count
		}
		return vals[i].Value < vals[j].Value
	})
}

// Search runs a full-text query over sections. Answers are cached until the
// index changes; the caller gets its own copy of the hits.
func (ix *Index) Search(ctx context.Context, q corpus.Query) (*corpus.SearchResult, error) {
	v, err := ix.cache.get(ctx, cacheKey("search", q), ix.queued(func(ctx context.Context) (any, error) { return ix.search(ctx, q) }))
	if err != nil {
		return nil, err
	}
	res := *v.(*corpus.SearchResult)
	res.Hits = slices.Clone(res.Hits) // empty, not nil: JSON [] rather than null
	return &res, nil
}

func (ix *Index) search(ctx context.Context, q corpus.Query) (*corpus.SearchResult, error) {
	textField := fText
	if q.Redacted {
		textField = fRText
	}
	byReview := false
	switch q.Group {
	case "", corpus.GroupSection:
	case corpus.GroupReview:
		byReview = true
	default:
		return nil, fmt.Errorf("%w: group %q: want review or section", corpus.ErrInvalid, q.Group)
	}
	text, err := parseText(q.Text, textField)
	if err != nil {
		return nil, err
	}
	fq, err := filterQueries(q.Filter, "s")
	if err != nil {
		return nil, err
	}
	size := q.Size
	if size <= 0 {
		size = 10
	}
	if size > corpus.MaxSearchSize {
		size = corpus.MaxSearchSize
	}
	if q.Offset < 0 || q.Offset > corpus.MaxOffset {
		return nil, fmt.Errorf("%w: page offset %d out of range (at most %d results can be skipped)", corpus.ErrInvalid, q.Offset, corpus.MaxOffset)
	}
	if sectionOnly(text) {
		// Only sections have text: the type filter would only cost time
		// (a step through 1.2 million postings at 100,000 reviews).
		fq = fq[1:]
	}
	match := and(append(fq, ix.phrases.Rewrite(text, ix.idx.Mapping()))...)

	// Facets are counted once for a question, whatever the page or size.
	fkey := cacheKey("facets", struct {
		Text, Group string
		F           corpus.Filter
		R           bool
	}{q.Text, q.Group, q.Filter, q.Redacted})
	var facets map[string][]corpus.FacetValue
	cached, gen, haveFacets := ix.cache.peek(fkey)
	if haveFacets {
		facets = cached.(map[string][]corpus.FacetValue)
	}
	countTags := !q.NoFacets && !haveFacets
	var y *engine.Tally
	var req *bleve.SearchRequest
	if countTags || byReview {
		y = ix.tables.Tally(match)
		y.CountTags, y.TagsPerGroup = countTags, byReview
		match = y
	}
	if byReview {
		y.Groups, y.GroupOffset, y.PerGroup = size, q.Offset, corpus.SectionsPerReview
		req = bleve.NewSearchRequestOptions(match, 0, 0, false)
	} else {
		req = bleve.NewSearchRequestOptions(match, size, q.Offset, false)
		req.Fields = []string{fHit}
	}
	start := time.Now()
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if countTags {
		counts, err := y.Counts()
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		facets = map[string][]corpus.FacetValue{}
		for p, vals := range facetsOf(counts, tagAuthority, tagYear, tagTheme, tagKind, tagIncidentType) {
			facets[facetNames[p]] = vals
		}
		ix.cache.putAt(fkey, facets, gen)
	}
	out := &corpus.SearchResult{Group: corpus.GroupSection, Total: int(res.Total), TotalSections: int(res.Total),
		Hits: make([]corpus.Hit, 0, len(res.Hits)), Facets: map[string][]corpus.FacetValue{}}
	if !q.NoFacets {
		out.Facets = facets
	}
	if byReview {
		out.Group, out.Total = corpus.GroupReview, y.GroupTotal
		if out.Reviews, err = ix.reviewHits(ctx, y.Page, text, textField, q); err != nil {
			return nil, err
		}
		out.Took = time.Since(start)
		return out, nil
	}
	reviews, err := ix.reviewsShown(ctx, res.Hits)
	if err != nil {
		return nil, err
	}
	docs := make(search.DocumentMatchCollection, 0, len(res.Hits))
	for _, h := range res.Hits {
		if hit, ok := hitOf(h, reviews, q.Redacted); ok {
			out.Hits = append(out.Hits, hit.Hit)
			docs = append(docs, h)
		}
	}
	if q.Highlight && len(docs) > 0 {
		if err := ix.highlight(ctx, text, textField, out.Hits, docs); err != nil {
			return nil, err
		}
	}
	out.Took = time.Since(start)
	return out, nil
}

// highlight adds snippets to the hits. It runs the text query again over
// the hits' documents only: asking bleve for highlights in the search
// itself makes it gather term positions for every match, not just for the
// page shown (measured: a third of the time of a common word).
func (ix *Index) highlight(ctx context.Context, text query.Query, field string, hits []corpus.Hit, docs search.DocumentMatchCollection) error {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	req := bleve.NewSearchRequestOptions(engine.OnlyDocs(ids, text), len(ids), 0, false)
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField(field)
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("search: highlight: %w", err)
	}
	frags := make(map[string][]string, len(res.Hits))
	for _, h := range res.Hits {
		frags[h.ID] = h.Fragments[field]
	}
	for i := range hits {
		if s := snippetOf(frags[ids[i]], hits[i].Heading); s != "" {
			hits[i].Snippet = s
		}
	}
	return nil
}

// snippetOf joins a hit's highlighted fragments. The indexed text starts
// with the heading, which is shown on its own.
func snippetOf(frags []string, heading string) string {
	if len(frags) == 0 {
		return ""
	}
	return strings.TrimPrefix(strings.Join(frags, " … "), heading+"\n\n")
}
