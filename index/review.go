package index

// Reading reviews and their stored fields back.

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/sirlearn/sirlearn/corpus"
)

// storedFields returns the stored fields of a document by id, nil when
// the document is not indexed.
func (ix *Index) storedFields(id string, names ...string) (map[string]string, error) {
	d, err := ix.idx.Document(id)
	if err != nil {
		return nil, fmt.Errorf("index lookup %s: %w", id, err)
	}
	if d == nil {
		return nil, nil
	}
	out := make(map[string]string, len(names))
	d.VisitFields(func(f bindex.Field) {
		for _, n := range names {
			if f.Name() == n {
				out[n] = string(f.Value())
			}
		}
	})
	return out, nil
}

// storedByKey looks documents up by their keys in one search, with the
// stored fields named; keys not indexed are left out.
func (ix *Index) storedByKey(ctx context.Context, keys []string, fields ...string) (search.DocumentMatchCollection, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(keys), len(keys), 0, false)
	req.Fields = fields
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	return res.Hits, nil
}

// sectionCounts returns how many sections each stored review of ids has;
// reviews not indexed are left out. One query for a whole batch.
func (ix *Index) sectionCounts(ctx context.Context, ids []string) (map[string]int, error) {
	out := map[string]int{}
	if len(ids) == 0 {
		return out, nil
	}
	keys := make([]string, len(ids))
	byKey := make(map[string]string, len(ids))
	for i, id := range ids {
		keys[i] = docKey(id)
		byKey[keys[i]] = id
	}
	docs, err := ix.storedByKey(ctx, keys, fNumSecs)
	if err != nil {
		return nil, fmt.Errorf("index lookup: %w", err)
	}
	for _, h := range docs {
		n, err := numSections(h.ID, h.Fields)
		if err != nil {
			return nil, err
		}
		out[byKey[h.ID]] = n
	}
	return out, nil
}

// numSections reads a review document's stored section count.
func numSections(key string, fields map[string]interface{}) (int, error) {
	s, _ := fields[fNumSecs].(string)
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("review %s: stored section count %q: %w", key, s, corpus.ErrMalformed)
	}
	return n, nil
}

// Has reports whether a review id is indexed.
func (ix *Index) Has(id string) (bool, error) {
	d, err := ix.idx.Document(docKey(id))
	if err != nil {
		return false, fmt.Errorf("index lookup %s: %w", id, err)
	}
	return d != nil, nil
}

// Review returns a stored review in its confirmed view: the inspectors'
// decisions applied, with who made them.
func (ix *Index) Review(ctx context.Context, id string) (*corpus.Review, error) {
	r, err := ix.machineReview(ctx, id)
	if err != nil {
		return nil, err
	}
	return ix.effective(r)
}

// machineReview returns a stored review as it was extracted.
func (ix *Index) machineReview(ctx context.Context, id string) (*corpus.Review, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := ix.storedFields(docKey(id), fRaw)
	if err != nil {
		return nil, err
	}
	raw, ok := f[fRaw]
	if !ok {
		return nil, fmt.Errorf("review %s: %w", id, corpus.ErrNotFound)
	}
	var r corpus.Review
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return nil, fmt.Errorf("review %s: stored JSON: %w", id, err)
	}
	if len(r.Sections) == 0 {
		return &r, nil
	}
	// The section texts, from the section documents.
	ids := make([]string, len(r.Sections))
	for i := range ids {
		ids[i] = sectionID(id, i)
	}
	docs, err := ix.storedByKey(ctx, ids, fText, fRText, fHit)
	if err != nil {
		return nil, fmt.Errorf("review %s: sections: %w", id, err)
	}
	texts := make(map[string]string, len(docs))
	rtexts := make(map[string]string, len(docs))
	pages := make(map[string]int, len(docs))
	for _, h := range docs {
		texts[h.ID], _ = h.Fields[fText].(string)
		rtexts[h.ID], _ = h.Fields[fRText].(string) // none in an index of schema 3
		hit, _ := h.Fields[fHit].(string)
		pages[h.ID] = pageOfHit(hit)
	}
	for i := range r.Sections {
		t, ok := texts[ids[i]]
		if !ok {
			return nil, fmt.Errorf("review %s: section %d missing: %w", id, i, corpus.ErrMalformed)
		}
		s := &r.Sections[i]
		if s.Page == 0 {
			// Stored before the review kept its sections' pages.
			s.Page = pages[ids[i]]
		}
		if s.Heading != "" {
			t = strings.TrimPrefix(t, s.Heading+"\n\n")
		}
		s.Text = t
		rt := rtexts[ids[i]]
		if s.RedactedHeading != "" {
			rt = strings.TrimPrefix(rt, s.RedactedHeading+"\n\n")
		}
		s.RedactedText = rt
	}
	return &r, nil
}

// eachReview calls fn with the document key of every review and the stored
// fields asked for, a page at a time in key order.
func (ix *Index) eachReview(ctx context.Context, fields []string, fn func(id string, fields map[string]interface{}) error) error {
	return eachPage(ctx, ix.idx, tagQuery(tagType, "r"), fields, func(hits search.DocumentMatchCollection) error {
		for _, h := range hits {
			if err := fn(h.ID, h.Fields); err != nil {
				return err
			}
		}
		return nil
	})
}

// eachPage calls fn with every match of q and the stored fields asked for,
// a page of 1,000 at a time in id order.
func eachPage(ctx context.Context, idx bleve.Index, q query.Query, fields []string, fn func(search.DocumentMatchCollection) error) error {
	const page = 1000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(q, page, 0, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		req.SearchAfter = after
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return err
		}
		if err := fn(res.Hits); err != nil {
			return err
		}
		if len(res.Hits) < page {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// Sources returns every indexed review's id by source path.
func (ix *Index) Sources(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := ix.eachReview(ctx, []string{fSource, fID}, func(_ string, f map[string]interface{}) error {
		s, _ := f[fSource].(string)
		if id, ok := f[fID].(string); ok {
			out[s] = id
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index sources: %w", err)
	}
	return out, nil
}

// Count returns the number of indexed reviews.
func (ix *Index) Count(ctx context.Context) (int, error) {
	res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(tagQuery(tagType, "r"), 0, 0, false))
	if err != nil {
		return 0, fmt.Errorf("index count: %w", err)
	}
	return int(res.Total), nil
}
