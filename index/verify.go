package index

// Verify: the index holds whole reviews only.

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/sirlearn/sirlearn/corpus"
)

// Verify checks that the index holds whole reviews only: every review has
// exactly its sections and every section its review. It returns the number
// of reviews.
func (ix *Index) Verify(ctx context.Context) (int, error) {
	want := map[string]int{}
	err := ix.eachReview(ctx, []string{fNumSecs}, func(id string, f map[string]interface{}) error {
		n, err := numSections(id, f)
		want[id] = n
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("verify: %w", err)
	}
	got := map[string]int{}
	err = ix.eachDocID(ctx, func(id string) {
		if _, isReview := want[id]; !isReview && !strings.HasPrefix(id, "case:") {
			got[keyOf(id)]++
		}
	})
	if err != nil {
		return 0, fmt.Errorf("verify: %w", err)
	}
	for id, n := range want {
		if got[id] != n {
			return 0, fmt.Errorf("verify: review %s has %d of its %d sections", id, got[id], n)
		}
	}
	for id, n := range got {
		if _, ok := want[id]; !ok {
			return 0, fmt.Errorf("verify: %d sections of review %s, which is not indexed", n, id)
		}
	}
	// Every review is in exactly one case.
	inCases := map[string]int{}
	err = eachPage(ctx, ix.idx, tagQuery(tagType, "c"), []string{fCase}, func(hits search.DocumentMatchCollection) error {
		for _, h := range hits {
			raw, _ := h.Fields[fCase].(string)
			var c corpus.Case
			if err := json.Unmarshal([]byte(raw), &c); err != nil {
				return fmt.Errorf("case %s: stored JSON: %w", h.ID, err)
			}
			for _, d := range c.Documents {
				inCases[docKey(d.ID)]++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("verify: %w", err)
	}
	for id := range want {
		if inCases[id] != 1 {
			return 0, fmt.Errorf("verify: review %s is in %d cases, not one", id, inCases[id])
		}
	}
	for id := range inCases {
		if _, ok := want[id]; !ok {
			return 0, fmt.Errorf("verify: a case holds review %s, which is not indexed", id)
		}
	}
	return len(want), nil
}

// eachDocID calls fn with the id of every document in the index.
func (ix *Index) eachDocID(ctx context.Context, fn func(id string)) error {
	ai, err := ix.idx.Advanced()
	if err != nil {
		return err
	}
	r, err := ai.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	dr, err := r.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer dr.Close()
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		iid, err := dr.Next()
		if err != nil {
			return err
		}
		if iid == nil {
			return nil
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return err
		}
		fn(id)
	}
}
