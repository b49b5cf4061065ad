package engine

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// headingOnly is a query on the text field restricted to section headings:
// the matches whose words sit past HeadingBase, where the heading words are
// indexed. A query on heading: becomes one (see toTags). A match counts
// when any word of it is in the heading.
type headingOnly struct {
	query.FieldableQuery // on fText or fRText
}

func HeadingOnly(q query.FieldableQuery, textField string) *headingOnly {
	q.SetField(textField)
	return &headingOnly{q}
}

// Searcher implements query.Query.
func (h *headingOnly) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	inner := o
	inner.IncludeTermVectors = true // the word positions decide
	s, err := h.FieldableQuery.Searcher(ctx, r, m, inner)
	if err != nil {
		return nil, err
	}
	return &headingSearcher{Searcher: s, keepVectors: o.IncludeTermVectors, field: h.Field()}, nil
}

// headingSearcher passes on the inner searcher's matches that have a word
// in the heading.
type headingSearcher struct {
	search.Searcher
	keepVectors bool
	field       string
}

func (s *headingSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	return s.filter(ctx, dm, err)
}

func (s *headingSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	return s.filter(ctx, dm, err)
}

// filter returns dm when it has a word in the heading, else the next inner
// match that has.
func (s *headingSearcher) filter(ctx *search.SearchContext, dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for ; err == nil && dm != nil; dm, err = s.Searcher.Next(ctx) {
		if inHeading(dm, s.field) {
			if !s.keepVectors {
				dm.FieldTermLocations = dm.FieldTermLocations[:0]
			}
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
	return nil, err
}

func inHeading(dm *search.DocumentMatch, field string) bool {
	for _, l := range dm.FieldTermLocations {
		if l.Field == field && l.Location.Pos > HeadingBase {
			return true
		}
	}
	return false
}

// DocumentMatchPoolSize implements search.Searcher.
func (s *headingSearcher) DocumentMatchPoolSize() int { return s.Searcher.DocumentMatchPoolSize() + 1 }
