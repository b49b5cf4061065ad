package index

import (
	"context"
	"fmt"
)

// ReviewIDs returns the ids of every indexed review.
func (ix *Index) ReviewIDs(ctx context.Context) ([]string, error) {
	var ids []string
	err := ix.eachReview(ctx, []string{fID}, func(_ string, f map[string]interface{}) error {
		if id, ok := f[fID].(string); ok {
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index review ids: %w", err)
	}
	return ids, nil
}

// Stamp returns a value recorded in the index under name ("" when none):
// what the index's reviews were last made with, such as the redaction
// rules of their researcher view.
func (ix *Index) Stamp(name string) (string, error) {
	v, err := ix.idx.GetInternal([]byte("sirlearn.stamp." + name))
	if err != nil {
		return "", fmt.Errorf("index stamp %s: %w", name, err)
	}
	return string(v), nil
}

// SetStamp records a value under name.
func (ix *Index) SetStamp(name, value string) error {
	if err := ix.idx.SetInternal([]byte("sirlearn.stamp."+name), []byte(value)); err != nil {
		return fmt.Errorf("index stamp %s: %w", name, err)
	}
	ix.cache.clear()
	return nil
}
