package index

// Facet counts from the engine's tag tables.

import (
	"strings"

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
