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

// extractionStamp is the index stamp naming the extraction code and
// taxonomy every stored review was extracted with.
const extractionStamp = "extraction"

// refreshStored brings every stored review up to date, so that a change of
// rules reaches what is already indexed: reviews extracted with other
// extraction code or another taxonomy are tagged again from their stored
// sections, and reviews redacted under other rules get the researcher view
// again. An index whose stamps name the current versions costs two
// lookups. Sections and metadata come from the files: `sirlearn index` of
// a changed file extracts it anew.
func (a *app) refreshStored(ctx context.Context, ix *index.Index, ex redactingExtractor) error {
	fp := ex.ex.Fingerprint()
	red, err := ix.Stamp(redactionStamp)
	if err != nil {
		return err
	}
	tag, err := ix.Stamp(extractionStamp)
	if err != nil {
		return err
	}
	if red == extract.RedactionRules && tag == fp {
		return nil
	}
	ids, err := ix.ReviewIDs(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	if len(ids) > 0 {
		a.log.Info("bringing stored reviews up to date", "reviews", len(ids),
			"redaction_rules", extract.RedactionRules, "extraction", fp)
	}
	progress := a.progress(len(ids), "updating stored reviews")
	retagged, redacted := 0, 0
	const batch = 100
	for i := 0; i < len(ids); i += batch {
		var put []*corpus.Review
		for _, id := range ids[i:min(i+batch, len(ids))] {
			r, err := ix.Review(ctx, id)
			if err != nil {
				return fmt.Errorf("refreshing stored reviews: %w", err)
			}
			changed := false
			if r.Extraction != fp {
				ex.ex.Retag(r)
				retagged++
				changed = true
			}
			if r.Redaction != extract.RedactionRules {
				ex.red.RedactReview(r)
				redacted++
				changed = true
			}
			if changed {
				put = append(put, r)
			}
		}
		if len(put) > 0 {
			if err := ix.Apply(ctx, put, nil); err != nil {
				return fmt.Errorf("refreshing stored reviews: %w", err)
			}
		}
		if progress != nil {
			progress(min(i+batch, len(ids)), len(ids))
		}
	}
	if retagged+redacted > 0 {
		a.log.Info("stored reviews up to date", "tagged_again", retagged, "redacted_again", redacted,
			"elapsed", time.Since(start).Round(time.Millisecond))
	}
	if err := ix.SetStamp(redactionStamp, extract.RedactionRules); err != nil {
		return err
	}
	return ix.SetStamp(extractionStamp, fp)
}
