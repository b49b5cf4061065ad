package index

// Search results grouped by review.

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

// reviewHits turns a page of review groups into results: one lookup of the
// page's sections (their display fields and, asked for, snippets) and one
// of their reviews' display fields.
func (ix *Index) reviewHits(ctx context.Context, page []engine.Group, text query.Query, textField string, q corpus.Query) ([]corpus.ReviewHit, error) {
	out := make([]corpus.ReviewHit, 0, len(page))
	if len(page) == 0 {
		return out, nil
	}
	var ids []string
	for _, g := range page {
		for _, d := range g.Docs {
			ids = append(ids, d.ID)
		}
	}
	// The section lookup runs the text query again over the page's
	// sections only, so that the highlighter finds the words.
	req := bleve.NewSearchRequestOptions(engine.OnlyDocs(ids, text), len(ids), 0, false)
	req.Fields = []string{fHit}
	if q.Highlight {
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField(textField)
	}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: sections of the page: %w", err)
	}
	reviews, err := ix.reviewsShown(ctx, res.Hits)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]storedHit, len(res.Hits))
	for _, h := range res.Hits {
		hit, ok := hitOf(h, reviews, q.Redacted)
		if !ok {
			continue
		}
		hit.Snippet = snippetOf(h.Fragments[textField], hit.Heading)
		byID[h.ID] = hit
	}
	for _, g := range page {
		rh := corpus.ReviewHit{Score: g.Best, Matches: g.Matches, Sections: make([]corpus.Hit, 0, len(g.Docs))}
		for _, d := range g.Docs {
			h, ok := byID[d.ID]
			if !ok {
				// Replaced between the two lookups: the next search
				// has the review as it is now.
				continue
			}
			h.Score = d.Score
			rh.Title = h.title
			rh.Sections = append(rh.Sections, h.Hit)
		}
		if len(rh.Sections) == 0 {
			continue
		}
		f := rh.Sections[0]
		rh.ReviewID, rh.Source, rh.Authority, rh.IncidentDate, rh.IncidentType, rh.Themes = f.ReviewID, f.Source, f.Authority, f.IncidentDate, f.IncidentType, f.Themes
		for i := range rh.Sections {
			rh.Sections[i].Themes = nil // the review's, shown once
		}
		out = append(out, rh)
	}
	return out, nil
}
