package index

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
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

// ResolveID returns the full id of the review whose id starts with
// prefix (at least 6 hex digits, as the CLI prints 12): ErrNotFound when
// none does, ErrInvalid when several do.
func (ix *Index) ResolveID(ctx context.Context, prefix string) (string, error) {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	if len(prefix) < 6 || len(prefix) > 64 || strings.Trim(prefix, "0123456789abcdef") != "" {
		return "", fmt.Errorf("review %q: %w (an id is 6 to 64 hex digits)", prefix, corpus.ErrNotFound)
	}
	if len(prefix) == 64 {
		return prefix, nil
	}
	v, err := ix.cache.get(ctx, "review-ids", func(ctx context.Context) (any, error) {
		ids, err := ix.ReviewIDs(ctx)
		sort.Strings(ids)
		return ids, err
	})
	if err != nil {
		return "", err
	}
	ids := v.([]string)
	i := sort.SearchStrings(ids, prefix)
	var found []string
	for ; i < len(ids) && strings.HasPrefix(ids[i], prefix) && len(found) < 3; i++ {
		found = append(found, ids[i])
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("review %s: %w", prefix, corpus.ErrNotFound)
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("%w: review id %s is the start of several ids; give more of it", corpus.ErrInvalid, prefix)
}
