package index

// Walking every review or case under a filter, for exports.

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/sirlearn/sirlearn/corpus"
)

// EachReview calls fn with every review under the filter, whole and in its
// confirmed view, in id order.
func (ix *Index) EachReview(ctx context.Context, f corpus.Filter, fn func(*corpus.Review) error) error {
	fq, err := filterQueries(f, "r")
	if err != nil {
		return err
	}
	err = eachPage(ctx, ix.idx, bleve.NewConjunctionQuery(fq...), []string{fID}, func(hits search.DocumentMatchCollection) error {
		for _, h := range hits {
			id, _ := h.Fields[fID].(string)
			r, err := ix.Review(ctx, id)
			if err != nil {
				return err
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reviews: %w", err)
	}
	return nil
}

// AllCases returns every case under the filter.
func (ix *Index) AllCases(ctx context.Context, f corpus.Filter) ([]corpus.Case, error) {
	fq, err := filterQueries(f, "c")
	if err != nil {
		return nil, err
	}
	var out []corpus.Case
	err = eachPage(ctx, ix.idx, bleve.NewConjunctionQuery(fq...), []string{fCase}, func(hits search.DocumentMatchCollection) error {
		for _, h := range hits {
			raw, _ := h.Fields[fCase].(string)
			var c corpus.Case
			if err := json.Unmarshal([]byte(raw), &c); err != nil {
				return fmt.Errorf("case %s: stored JSON: %w", h.ID, err)
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cases: %w", err)
	}
	return out, nil
}
