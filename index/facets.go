package index

// Facet counts from the engine's tag tables.

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

// newTables returns the tag tables of an index: every tag but the incident
// day and month (date ranges, never counted), grouped by review. A
// section's kind and its themes' evidence are its own; every other tag is
// the review's, alike on all its sections.
func newTables() *engine.Tables {
	return engine.NewTables(fTags,
		func(tag string) bool { return !strings.HasPrefix(tag, tagDay) && !strings.HasPrefix(tag, tagMonth) },
		func(tag string) bool {
			return !strings.HasPrefix(tag, tagKind) && !strings.HasPrefix(tag, tagSectionTheme)
		},
		func(id string) (string, bool) {
			if i := strings.LastIndexByte(id, '/'); i > 0 {
				return id[:i], true
			}
			return "", false
		})
}

// facetsOf splits tag counts into one facet per prefix asked for, keyed by
// prefix, each sorted by count.
func facetsOf(counts map[string]int, prefixes ...string) map[string][]corpus.FacetValue {
	out := make(map[string][]corpus.FacetValue, len(prefixes))
	for _, p := range prefixes {
		out[p] = []corpus.FacetValue{}
	}
	for tag, n := range counts {
		for p := range out {
			if strings.HasPrefix(tag, p) {
				out[p] = append(out[p], corpus.FacetValue{Value: tag[len(p):], Count: n})
			}
		}
	}
	for _, vals := range out {
		sortFacet(vals)
	}
	return out
}

// Warm builds the tag tables of every segment now, so that the first
// searches after start-up do not pay for them (about 0.2 s at 10,000
// reviews).
func (ix *Index) Warm(ctx context.Context) error {
	if _, _, err := ix.facetSearch(ctx, []query.Query{bleve.NewMatchAllQuery()}); err != nil {
		return fmt.Errorf("warming the tag tables: %w", err)
	}
	return nil
}
