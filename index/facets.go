package index

// Facet counts from the engine's tag tables.

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

// countedPrefixes are the tags that facets and statistics count: the tag
// tables hold these only. The others are filters (days, months, case
// keys and members, orders, MAPPA, document kinds); the case keys and
// members alone are two per review, and tallying them made every search
// allocate, clear and scan counters for twenty thousand tags at 10,000
// reviews, for about a hundred that are shown.
var countedPrefixes = []string{tagAuthority, tagYear, tagTheme, tagConfirmed, tagKind, tagIncidentType,
	tagNotification, tagReviewOnTime, tagHasReview}

func counted(tag string) bool {
	for _, p := range countedPrefixes {
		if strings.HasPrefix(tag, p) {
			return true
		}
	}
	return false
}

// newTables returns the tag tables of an index: the counted tags, grouped
// by review. A section's kind is its own; every other tag is the
// review's, alike on all its sections.
func newTables() *engine.Tables {
	return engine.NewTables(fTags, counted,
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
		if !slices.Contains(countedPrefixes, p) {
			panic("facetsOf: tags " + p + " are not counted (countedPrefixes)") // programming error
		}
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
