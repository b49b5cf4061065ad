package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// OnlyDocs is a query matching the documents of ids that q matches. It is
// for a second look at a page of hits (their stored fields and snippets):
// q's searchers read the postings of those documents only.
//
// bleve's conjunction of a document-id query and q gives the same hits but
// steps q's searcher on after every match, and a phrase searcher's step
// reads on to the phrase's next match anywhere in the index: for a rare
// phrase, all the index between the page's documents. Measured on the
// slowest 2% of a varied mix at 10,000 reviews, that second look was a
// fifth of the server's CPU.
func OnlyDocs(ids []string, q query.Query) query.Query {
	return &onlyDocs{ids: ids, q: q}
}

type onlyDocs struct {
	ids []string
	q   query.Query
}

// Searcher implements query.Query.
func (d *onlyDocs) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	targets := make([]bindex.IndexInternalID, 0, len(d.ids))
	for _, id := range d.ids {
		iid, err := r.InternalID(id)
		if err != nil {
			return nil, fmt.Errorf("document %q: %w", id, err)
		}
		if iid != nil { // nil: no longer in the index
			targets = append(targets, iid)
		}
	}
	slices.SortFunc(targets, bindex.IndexInternalID.Compare)
	targets = slices.CompactFunc(targets, bindex.IndexInternalID.Equals)
	return d.q.Searcher(ctx, &onlyDocsReader{IndexReader: r, ids: d.ids, targets: targets}, m, o)
}

// onlyDocsReader is an index reader whose term postings and list of all
// documents hold the target documents only.
type onlyDocsReader struct {
	bindex.IndexReader
	ids     []string
	targets []bindex.IndexInternalID // in index order, each once
}

// DocIDReaderAll is what a query matching every document reads.
func (r *onlyDocsReader) DocIDReaderAll() (bindex.DocIDReader, error) {
	return r.IndexReader.DocIDReaderOnly(r.ids)
}

func (r *onlyDocsReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (bindex.TermFieldReader, error) {
	tfr, err := r.IndexReader.TermFieldReader(ctx, term, field, freq, norm, vectors)
	if err != nil {
		return nil, err
	}
	return &onlyDocsPostings{TermFieldReader: tfr, targets: r.targets}, nil
}

// onlyDocsPostings walks a term's postings by advancing to each target in
// turn. Count stays the term's count in the whole index, so that scores
// are those of the first look.
type onlyDocsPostings struct {
	bindex.TermFieldReader
	targets []bindex.IndexInternalID
	next    int // the first target not yet sought
}

func (p *onlyDocsPostings) Next(pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	for p.next < len(p.targets) {
		d, err := p.TermFieldReader.Advance(p.targets[p.next], pre)
		if err != nil || d == nil {
			p.next = len(p.targets)
			return nil, err
		}
		// The term's first document at or after the target: the targets
		// before it do not hold the term.
		for p.next < len(p.targets) && p.targets[p.next].Compare(d.ID) < 0 {
			p.next++
		}
		if p.next < len(p.targets) && p.targets[p.next].Equals(d.ID) {
			p.next++
			return d, nil
		}
		pre = d
	}
	return nil, nil
}

func (p *onlyDocsPostings) Advance(id bindex.IndexInternalID, pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	for p.next < len(p.targets) && p.targets[p.next].Compare(id) < 0 {
		p.next++
	}
	return p.Next(pre)
}
