package index

// The schema: field names, tag prefixes, the mapping, and rebuilding an
// index of an earlier schema.

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

// openBleve opens the bleve index at bpath, creating it when absent and
// rebuilding it when its schema is older than this version's.
func openBleve(ctx context.Context, bpath string, log *slog.Logger) (idx bleve.Index, migrated bool, err error) {
	idx, err = openOrMigrate(ctx, bpath, log, &migrated)
	return idx, migrated, err
}

func openOrMigrate(ctx context.Context, bpath string, log *slog.Logger, migrated *bool) (bleve.Index, error) {
	old := bpath + ".old"
	if _, err := os.Stat(bpath); os.IsNotExist(err) {
		// A migration stopped between its two renames.
		if _, err := os.Stat(old); err == nil {
			if err := os.Rename(old, bpath); err != nil {
				return nil, err
			}
		}
	}
	if _, err := os.Stat(filepath.Join(bpath, "index_meta.json")); err != nil {
		os.RemoveAll(bpath) // an index whose creation never finished
		// Create it whole beside, then move it in: bleve writes its
		// metadata and its mapping in steps, and a process killed between
		// them left an index that could not be opened.
		tmp := bpath + ".creating"
		os.RemoveAll(tmp)
		idx, err := createBleve(tmp)
		if err != nil {
			return nil, err
		}
		if err := idx.Close(); err != nil {
			return nil, fmt.Errorf("create: %w", err)
		}
		if err := os.Rename(tmp, bpath); err != nil {
			return nil, fmt.Errorf("create: %w", err)
		}
	}
	idx, err := bleve.OpenUsing(bpath, bleveConfig())
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	v, err := idx.GetInternal(schemaKey)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open: schema: %w", err)
	}
	switch string(v) {
	case schemaVersion:
		return idx, nil
	case "", "2", "3", "4", "5", "6", "7", "8":
	default:
		idx.Close()
		return nil, fmt.Errorf("open: the index has schema %q, which this version of sirlearn (schema %s) cannot read", v, schemaVersion)
	}
	if err := migrate(ctx, idx, v, bpath, log); err != nil {
		return nil, fmt.Errorf("rebuilding the index for schema %s: %w", schemaVersion, err)
	}
	*migrated = true
	return bleve.OpenUsing(bpath, bleveConfig())
}

func createBleve(bpath string) (bleve.Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing(bpath, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, bleveConfig())
	if err != nil {
		return nil, fmt.Errorf("create: %w", err)
	}
	if err := idx.SetInternal(schemaKey, []byte(schemaVersion)); err != nil {
		idx.Close()
		return nil, fmt.Errorf("create: %w", err)
	}
	return idx, nil
}

// migrate rebuilds an index of an earlier schema (version: its schema
// key, nil for the first) in the current schema from its stored reviews,
// next to it, and then swaps the folders. It closes old. Nothing is lost if
// it stops half way: the old index stays in place until the new one is
// complete.
func migrate(ctx context.Context, old bleve.Index, version []byte, bpath string, log *slog.Logger) error {
	closeOld := sync.OnceValue(old.Close)
	defer closeOld()
	tmp := bpath + ".new"
	os.RemoveAll(tmp)
	nidx, err := createBleve(tmp)
	if err != nil {
		return err
	}
	nix, err := newIndex(tmp, nidx, -1)
	if err != nil {
		nidx.Close()
		return err
	}
	log.Info("rebuilding the index in the current schema from its stored reviews", "index", bpath, "schema", schemaVersion)
	n := 0
	// A rebuild of a large index takes minutes: say how far it is.
	start, last := time.Now(), time.Now()
	err = storedReviews(ctx, old, version, func(batch []*corpus.Review) error {
		n += len(batch)
		if time.Since(last) >= 5*time.Second {
			last = time.Now()
			log.Info("rebuilding the index", "reviews_done", n, "elapsed", time.Since(start).Round(time.Second))
		}
		return nix.Put(ctx, batch)
	})
	if err != nil {
		nidx.Close()
		return err
	}
	if err := nidx.Close(); err != nil {
		return err
	}
	if err := closeOld(); err != nil {
		return err
	}
	if err := os.Rename(bpath, bpath+".old"); err != nil {
		return err
	}
	if err := os.Rename(tmp, bpath); err != nil {
		return err
	}
	log.Info("index rebuilt", "reviews", n)
	return os.RemoveAll(bpath + ".old")
}

// storedReviews calls fn with the reviews stored in an index of an earlier
// schema, a page at a time. The first schema (no version) stored each
// review whole in a document typed "review"; the second ("2") stored it
// without its section texts, which its section documents hold, as now.
func storedReviews(ctx context.Context, old bleve.Index, version []byte, fn func([]*corpus.Review) error) error {
	if len(version) == 0 {
		q := bleve.NewTermQuery(typeReview)
		q.SetField("type")
		return eachPage(ctx, old, q, []string{fRaw}, func(hits search.DocumentMatchCollection) error {
			batch := make([]*corpus.Review, 0, len(hits))
			for _, h := range hits {
				raw, _ := h.Fields[fRaw].(string)
				var r corpus.Review
				if err := json.Unmarshal([]byte(raw), &r); err != nil {
					return fmt.Errorf("review %s: stored JSON: %w", h.ID, err)
				}
				batch = append(batch, &r)
			}
			return fn(batch)
		})
	}
	oix := &Index{idx: old}
	return eachPage(ctx, old, tagQuery(tagType, "r"), []string{fID}, func(hits search.DocumentMatchCollection) error {
		batch := make([]*corpus.Review, 0, len(hits))
		for _, h := range hits {
			id, _ := h.Fields[fID].(string)
			r, err := oix.Review(ctx, id)
			if err != nil {
				return err
			}
			batch = append(batch, r)
		}
		return fn(batch)
	})
}

// schemaVersion names the layout of the documents below; an index of an
// earlier layout is rebuilt from its stored reviews when it is opened.
const schemaVersion = "9" // 5: tags without doc values; 6: cases; 7: order and MAPPA tags on sections; 8: polarity tags on sections; 9: the review's display fields on the review only

var schemaKey = []byte("sirlearn.schema")

// Stored and indexed field names.
const (
	fTags    = "tags"    // filter and facet values, "prefix:value" (see tag)
	fText    = "text"    // section heading and text: English analyser, positions, stored
	fRText   = "rtext"   // the same, redacted: what researchers search and see
	fHeading = "heading" // in queries: the heading part of text (see headingOnly)
	fHit     = "hit"     // section: its stored display fields (see sectionShown)
	fShown   = "shown"   // review: the stored display fields its hits carry (see reviewShown)
	fRaw     = "raw"     // review: the whole review as stored JSON
	fSource  = "src"     // review: stored source path
	fNumSecs = "ns"      // review: stored number of sections
	fID      = "id"      // review: stored review id (the document id is its key)
	fCase    = "case"    // case: the merged case as stored JSON
	fThemes  = "et"      // review: stored confirmed-view themes (see themeField)
)

// Tag prefixes. Every filter and facet value of a document is one term of
// its tags field, so that a document has one keyword field instead of ten:
// measured, that alone made loading 30% faster.
const (
	tagType         = "ty:" // "r" review, "s" section, "c" case
	tagAuthority    = "a:"
	tagYear         = "y:"
	tagMonth        = "m:" // YYYY-MM of the incident
	tagDay          = "d:" // YYYY-MM-DD of the incident
	tagIncidentType = "t:"
	tagKind         = "k:"  // section kind
	tagTheme        = "th:" // the review's themes
	tagSectionTheme = "st:" // themes whose evidence is in this section
	tagNotification = "nt:" // notification on time: yes, no, unknown
	tagReviewOnTime = "rt:"
	tagOrder        = "o:"
	tagMAPPA        = "mp:"
	tagDocKind      = "dk:" // the document's kind; a case's: its documents'
	tagCaseKey      = "ck:" // review: a key that links it to its case
	tagMember       = "cm:" // case: a member's document key
	tagHasReview    = "hr:" // case: yes when it holds a review
	tagConfirmed    = "tc:" // themes an inspector confirmed (accepted, added, or on a checked review)
	tagPolarity     = "sp:" // section: concern and/or strength, of the evidence it holds
)

func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	im.TypeField = "type"
	im.DefaultAnalyzer = engine.EnglishAnalyzer
	im.DefaultField = fText
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	review := bleve.NewDocumentStaticMapping()
	review.AddFieldMappingsAt(fTags, fieldMapping(engine.TagsAnalyzer, optTags))
	review.AddFieldMappingsAt(fRaw, fieldMapping("", optStored))
	review.AddFieldMappingsAt(fSource, fieldMapping("", optStored))
	review.AddFieldMappingsAt(fNumSecs, fieldMapping("", optStored))
	review.AddFieldMappingsAt(fID, fieldMapping("", optStored))
	review.AddFieldMappingsAt(fShown, fieldMapping("", optStored))

	section := bleve.NewDocumentStaticMapping()
	section.AddFieldMappingsAt(fTags, fieldMapping(engine.TagsAnalyzer, optTags))
	// Positions (term vectors) give phrases and snippets their places.
	// The heading is part of the text field (see engine.HeadingBase).
	section.AddFieldMappingsAt(fText, fieldMapping(engine.EnglishAnalyzer, optText))
	section.AddFieldMappingsAt(fRText, fieldMapping(engine.EnglishAnalyzer, optText))
	section.AddFieldMappingsAt(fHit, fieldMapping("", optStored))

	// No composite "_all" field: bleve adds one to every document unless
	// the mapping disables it, and it doubled the cost of indexing.
	review.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	section.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping(typeReview, review)
	im.AddDocumentMapping(typeSection, section)
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	return im, nil
}

// Field indexing options of the document fields; newMapping describes the
// same fields for queries (fieldMapping).
const (
	optTags   = bindex.IndexField | bindex.SkipFreqNorm // facets come from the engine's tag tables, not doc values
	optText   = bindex.IndexField | bindex.StoreField | bindex.IncludeTermVectors
	optStored = bindex.StoreField
)

// fieldMapping is the mapping of a document field with the given analyser
// and indexing options, so that queries see the fields as documents are
// built.
func fieldMapping(analyzer string, opts bindex.FieldIndexingOptions) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Index = opts.IsIndexed()
	f.Store = opts.IsStored()
	f.IncludeTermVectors = opts.IncludeTermVectors()
	f.DocValues = opts.IncludeDocValues()
	f.SkipFreqNorm = opts.SkipFreqNorm()
	f.IncludeInAll = false
	return f
}
