package main

import (
	"context"
	"fmt"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/extract"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
)

// redactingExtractor extracts a review and makes its researcher view, as
// every review must have before it is indexed.
type redactingExtractor struct {
	ex  *extract.Extractor
	red *extract.Redactor
}

func (r redactingExtractor) Extract(doc *corpus.Document) *corpus.Review {
	rev := r.ex.Extract(doc)
	r.red.RedactReview(rev)
	return rev
}

var _ ingest.Extractor = redactingExtractor{}

// indexingExtractor is the extractor of every command that indexes:
// extraction, then the researcher view.
func (a *app) indexingExtractor() (redactingExtractor, error) {
	ex, err := a.extractor()
	if err != nil {
		return redactingExtractor{}, err
	}
	return redactingExtractor{ex: ex, red: extract.NewRedactor()}, nil
}

// redactionStamp is the index stamp naming the redaction rules of its
// researcher view.
const redactionStamp = "redaction"

// refreshRedaction makes the researcher view again for every review
// redacted under other rules than this version's (or never: an index of an
// earlier schema), so that a change of rules reaches what is already
// indexed. An index whose stamp names the current rules costs one lookup.
func (a *app) refreshRedaction(ctx context.Context, ix *index.Index, red *extract.Redactor) error {
	if v, err := ix.Stamp(redactionStamp); err != nil || v == extract.RedactionRules {
		return err
	}
	ids, err := ix.ReviewIDs(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	if len(ids) > 0 {
		a.log.Info("making the researcher view again under the current redaction rules", "reviews", len(ids), "rules", extract.RedactionRules)
	}
	progress := a.progress(len(ids), "redacting")
	redone := 0
	const batch = 100
	for i := 0; i < len(ids); i += batch {
		var put []*corpus.Review
		for _, id := range ids[i:min(i+batch, len(ids))] {
			r, err := ix.Review(ctx, id)
			if err != nil {
				return fmt.Errorf("redaction refresh: %w", err)
			}
			if r.Redaction != extract.RedactionRules {
				red.RedactReview(r)
				put = append(put, r)
			}
		}
		if len(put) > 0 {
			if err := ix.Apply(ctx, put, nil); err != nil {
				return fmt.Errorf("redaction refresh: %w", err)
			}
			redone += len(put)
		}
		if progress != nil {
			progress(min(i+batch, len(ids)), len(ids))
		}
	}
	if redone > 0 {
		a.log.Info("researcher view made again", "reviews", redone, "elapsed", time.Since(start).Round(time.Millisecond))
	}
	return ix.SetStamp(redactionStamp, extract.RedactionRules)
}
