package index

// Query helpers shared by searches and statistics.

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// tagQuery matches documents with one tag, without scoring.
func tagQuery(prefix, value string) query.Query {
	q := bleve.NewTermQuery(prefix + value)
	q.SetField(fTags)
	return unscored{q}
}

// unscored makes a query a pure filter: its matches add nothing to the
// score. Tags are indexed without frequencies and norms (SkipFreqNorm,
// cheaper to load), on which bleve's scorer would compute NaN.
type unscored struct{ query.Query }

func (u unscored) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	o.Score = "none"
	o.IncludeTermVectors = false
	o.Explain = false
	return u.Query.Searcher(ctx, i, m, o)
}
