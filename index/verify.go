package index

// Verify: the index holds whole reviews only.

import (
	"context"
	"fmt"
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
		if _, isReview := want[id]; !isReview {
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
