// Package index stores extracted reviews and their sections in an embedded
// bleve index and answers searches, facet counts, theme tables and
// timeliness figures. It is the only package that imports bleve.
//
// Each review is stored as one "review" document (metadata, themes and the
// whole review as stored JSON) and one "section" document per section
// (kind, heading, text with an English analyser, and the review's facet
// fields copied in for filtering). A review and its sections always go into
// the index in one batch, so the index holds whole reviews only.
package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
)

// Document types.
const (
	typeReview  = "review"
	typeSection = "section"
)

// Index is an open sirlearn index. It is safe for concurrent use.
type Index struct {
	path    string
	idx     bleve.Index
	lock    *os.File
	closeMu sync.Mutex
	cache   *resultCache
}

// LockInfo says which process holds an index.
type LockInfo struct {
	PID     int    `json:"pid"`
	Command string `json:"command"`
	Addr    string `json:"addr,omitempty"`
	Inbox   string `json:"inbox,omitempty"`
	Since   string `json:"since"`
}

// LockedError is returned by Open when another process holds the index.
type LockedError struct {
	Path   string
	Holder LockInfo
}

func (e *LockedError) Error() string {
	h := e.Holder
	msg := fmt.Sprintf("index %s is held by another process (pid %d, %q since %s)", e.Path, h.PID, h.Command, h.Since)
	if h.Addr != "" {
		msg += fmt.Sprintf("; a server is running at %s: add files with POST %s/api/reviews", h.Addr, h.Addr)
		if h.Inbox != "" {
			msg += " or by copying them into its inbox " + h.Inbox
		}
	}
	return msg
}

func (e *LockedError) Unwrap() error { return corpus.ErrLocked }

// Options for Open.
type Options struct {
	// Holder describes this process in the lock file (command, address).
	Holder LockInfo
	// CacheEntries bounds the result cache (default 1024); negative turns
	// it off, as benchmarks of the engine need.
	CacheEntries int
}

// Open opens the index at path, creating it when absent. It never blocks on
// another process: a held index gives a *LockedError naming the holder.
func Open(path string, opts Options) (*Index, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	lf, err := os.OpenFile(filepath.Join(path, "sirlearn.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	if err := syscall.Flock(int(lf.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer lf.Close()
		var h LockInfo
		b := make([]byte, 4096)
		n, _ := lf.ReadAt(b, 0)
		_ = json.Unmarshal(b[:n], &h)
		return nil, &LockedError{Path: path, Holder: h}
	}
	h := opts.Holder
	h.PID = os.Getpid()
	h.Since = time.Now().UTC().Format(time.RFC3339)
	if hb, err := json.Marshal(h); err == nil {
		_ = lf.Truncate(0)
		_, _ = lf.WriteAt(hb, 0)
		_ = lf.Sync()
	}
	bpath := filepath.Join(path, "bleve")
	// Batches wait until they are persisted ("unsafe_batch" off): measured,
	// background persistence was no faster here, and a batch that returned
	// is on disk.
	cfg := map[string]interface{}{"bolt_timeout": "2s", "unsafe_batch": false}
	var idx bleve.Index
	if _, err := os.Stat(filepath.Join(bpath, "index_meta.json")); err == nil {
		idx, err = bleve.OpenUsing(bpath, cfg)
		if err != nil {
			lf.Close()
			return nil, fmt.Errorf("index %s: open: %w", path, err)
		}
	} else {
		os.RemoveAll(bpath) // an index whose creation never finished
		m, err := newMapping()
		if err != nil {
			lf.Close()
			return nil, err
		}
		idx, err = bleve.NewUsing(bpath, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg)
		if err != nil {
			lf.Close()
			return nil, fmt.Errorf("index %s: create: %w", path, err)
		}
	}
	entries := opts.CacheEntries
	if entries == 0 {
		entries = 1024
	}
	return &Index{path: path, idx: idx, lock: lf, cache: newResultCache(entries)}, nil
}

// Close closes the index and releases the lock.
func (ix *Index) Close() error {
	ix.closeMu.Lock()
	defer ix.closeMu.Unlock()
	err := ix.idx.Close()
	if ix.lock != nil {
		_ = ix.lock.Truncate(0)
		_ = syscall.Flock(int(ix.lock.Fd()), syscall.LOCK_UN)
		ix.lock.Close()
		ix.lock = nil
	}
	if err != nil {
		return fmt.Errorf("index %s: close: %w", ix.path, err)
	}
	return nil
}

// Path returns the index folder.
func (ix *Index) Path() string { return ix.path }

func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	im.TypeField = "type"
	im.DefaultAnalyzer = en.AnalyzerName
	// No composite _all field: unfielded words search the section text,
	// which includes the heading; indexing the text twice doubled the cost.
	im.DefaultField = "text"
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	// kwdv is a keyword field; docValues are needed only by fields that are
	// faceted on, and cost indexing time, so they are set where used.
	kwdv := func(store, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}
	kw := func(store bool) *mapping.FieldMapping { return kwdv(store, true) }
	date := func() *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		return f
	}
	// english is a stored text field with the English analyser.
	english := func(termVectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = true
		f.IncludeTermVectors = termVectors
		f.IncludeInAll = false
		return f
	}
	notIndexed := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	// Fields both document types carry: what filters and facets need.
	// Review documents facet on authority, year and incident type (theme
	// tables); section documents facet on the joined fkey instead.
	common := func(dm *mapping.DocumentMapping, isReview bool) {
		dm.AddFieldMappingsAt("type", kwdv(false, false))
		dm.AddFieldMappingsAt("review_id", kwdv(true, !isReview))
		dm.AddFieldMappingsAt("authority", kwdv(true, isReview))
		dm.AddFieldMappingsAt("year", kwdv(true, isReview))
		dm.AddFieldMappingsAt("incident_type", kwdv(true, isReview))
		dm.AddFieldMappingsAt("themes", kw(true))
		dm.AddFieldMappingsAt("incident_date", date())
		dm.AddFieldMappingsAt("incident_day", notIndexed())
		dm.AddFieldMappingsAt("source", notIndexed())
	}

	review := bleve.NewDocumentStaticMapping()
	common(review, true)
	review.AddFieldMappingsAt("title", english(false))
	review.AddFieldMappingsAt("raw", notIndexed())
	review.AddFieldMappingsAt("order", kwdv(false, false))
	review.AddFieldMappingsAt("mappa", kwdv(false, false))
	review.AddFieldMappingsAt("notification_on_time", kw(false))
	review.AddFieldMappingsAt("review_on_time", kw(false))
	review.AddFieldMappingsAt("notification_date", date())
	review.AddFieldMappingsAt("submitted_date", date())

	section := bleve.NewDocumentStaticMapping()
	common(section, false)
	section.AddFieldMappingsAt("kind", kw(true))
	// fkey joins the four single-valued facet fields, so one doc-value read
	// per hit serves four facets (see facetKey).
	fk := kw(false)
	fk.Index = true
	section.AddFieldMappingsAt("fkey", fk)
	section.AddFieldMappingsAt("section_themes", kwdv(true, false))
	section.AddFieldMappingsAt("heading", english(false))
	// Term vectors give phrase queries and snippets their positions.
	section.AddFieldMappingsAt("text", english(true))

	// No composite "_all" field either: bleve adds one to every document
	// unless the mapping disables it.
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

// doc is what bleve indexes: a flat map whose "type" field picks the
// document mapping ("review" or "section").
type doc map[string]interface{}

func boolWord(b *bool) string {
	switch {
	case b == nil:
		return "unknown"
	case *b:
		return "yes"
	}
	return "no"
}

func parseDate(d corpus.Date) time.Time {
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return time.Time{}
	}
	return t
}

// Unknown is the facet value of a missing authority, year or type.
const Unknown = "unknown"

func orUnknown(s string) string {
	if s == "" {
		return Unknown
	}
	return s
}

func docsFor(r *corpus.Review) (doc, []doc, error) {
	raw, err := json.Marshal(r)
	if err != nil {
		return nil, nil, err
	}
	common := doc{
		"review_id": r.ID, "authority": orUnknown(r.Authority), "year": orUnknown(r.IncidentDate.Year()),
		"incident_type": orUnknown(r.IncidentType), "incident_day": string(r.IncidentDate), "source": r.Source,
	}
	if t := parseDate(r.IncidentDate); !t.IsZero() {
		common["incident_date"] = t
	}

	themes := make([]string, 0, len(r.Themes))
	for _, t := range r.Themes {
		themes = append(themes, string(t.ID))
	}
	common["themes"] = themes
	rd := doc{"type": typeReview, "title": r.Title, "raw": string(raw), "order": orUnknown(r.Order), "mappa": "none",
		"notification_on_time": boolWord(r.NotificationOnTime), "review_on_time": boolWord(r.ReviewOnTime)}
	if r.MAPPA != nil {
		rd["mappa"] = fmt.Sprintf("category %d level %d", r.MAPPA.Category, r.MAPPA.Level)
	}
	for k, d := range map[string]corpus.Date{"notification_date": r.NotificationDate, "submitted_date": r.SubmittedDate} {
		if t := parseDate(d); !t.IsZero() {
			rd[k] = t
		}
	}
	for k, v := range common {
		rd[k] = v
	}
	secs := make([]doc, 0, len(r.Sections))
	for _, s := range r.Sections {
		text := s.Text
		if s.Heading != "" {
			text = s.Heading + "\n\n" + s.Text
		}
		sd := doc{"type": typeSection, "kind": string(s.Kind), "heading": s.Heading, "text": text,
			"fkey": facetKey(common["authority"].(string), common["year"].(string), common["incident_type"].(string), string(s.Kind))}
		for k, v := range common {
			sd[k] = v
		}
		var st []string
		for _, t := range r.Themes {
			for _, e := range t.Evidence {
				if e.Section == s.Kind && strings.Contains(s.Text, firstWords(e.Text)) {
					st = append(st, string(t.ID))
					break
				}
			}
		}
		sd["section_themes"] = st
		secs = append(secs, sd)
	}
	return rd, secs, nil
}

func firstWords(s string) string {
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

func sectionID(reviewID string, i int) string { return reviewID + "/" + strconv.Itoa(i) }

// Put adds or replaces reviews: each review with all its sections, in one
// batch.
func (ix *Index) Put(ctx context.Context, reviews []*corpus.Review) error {
	return ix.Apply(ctx, reviews, nil)
}

// Delete removes reviews and their sections in one batch.
func (ix *Index) Delete(ctx context.Context, ids []string) error {
	return ix.Apply(ctx, nil, ids)
}

// Apply adds reviews and deletes review ids in one atomic batch. A review
// already indexed under the same id is replaced whole, leftover sections of
// a longer earlier version included.
func (ix *Index) Apply(ctx context.Context, put []*corpus.Review, del []string) error {
	if len(put) == 0 && len(del) == 0 {
		return nil
	}
	// Batches are built and applied concurrently: bleve serialises their
	// introduction, and ids are content hashes, so two batches never hold
	// different versions of one review.
	b := ix.idx.NewBatch()
	for _, id := range del {
		n, err := ix.sectionCount(ctx, id)
		if err != nil {
			return err
		}
		b.Delete(id)
		for i := 0; i < n; i++ {
			b.Delete(sectionID(id, i))
		}
	}
	for _, r := range put {
		if err := ctx.Err(); err != nil {
			return err
		}
		rd, secs, err := docsFor(r)
		if err != nil {
			return fmt.Errorf("index %s: %w", r.Source, err)
		}
		old, err := ix.sectionCount(ctx, r.ID)
		if err != nil {
			return err
		}
		if err := b.Index(r.ID, rd); err != nil {
			return fmt.Errorf("index %s: %w", r.Source, err)
		}
		for i, s := range secs {
			if err := b.Index(sectionID(r.ID, i), s); err != nil {
				return fmt.Errorf("index %s: %w", r.Source, err)
			}
		}
		for i := len(secs); i < old; i++ {
			b.Delete(sectionID(r.ID, i))
		}
	}
	err := ix.idx.Batch(b)
	ix.cache.clear()
	if err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}

// sectionCount returns how many sections the stored review has (0 when it
// is not indexed), from its stored field.
func (ix *Index) sectionCount(ctx context.Context, id string) (int, error) {
	d, err := ix.idx.Document(id)
	if err != nil {
		return 0, fmt.Errorf("index lookup %s: %w", id, err)
	}
	if d == nil {
		return 0, nil
	}
	r, err := ix.Review(ctx, id)
	if err != nil {
		return 0, err
	}
	return len(r.Sections), nil
}

// Has reports whether a review id is indexed.
func (ix *Index) Has(id string) (bool, error) {
	d, err := ix.idx.Document(id)
	if err != nil {
		return false, fmt.Errorf("index lookup %s: %w", id, err)
	}
	return d != nil, nil
}

// Review returns a stored review.
func (ix *Index) Review(ctx context.Context, id string) (*corpus.Review, error) {
	req := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{id}))
	req.Fields = []string{"raw"}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index review %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("review %s: %w", id, corpus.ErrNotFound)
	}
	raw, _ := res.Hits[0].Fields["raw"].(string)
	var r corpus.Review
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return nil, fmt.Errorf("review %s: stored JSON: %w", id, err)
	}
	return &r, nil
}

// typeQuery matches every document of one type.
func typeQuery(typ string) *query.TermQuery {
	q := bleve.NewTermQuery(typ)
	q.SetField("type")
	return q
}

// eachReview calls fn with every review document and the stored fields
// asked for, a page at a time in id order.
func (ix *Index) eachReview(ctx context.Context, fields []string, fn func(id string, fields map[string]interface{}) error) error {
	const page = 500
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(typeQuery(typeReview), page, from, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		res, err := ix.idx.SearchInContext(ctx, req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			if err := fn(h.ID, h.Fields); err != nil {
				return err
			}
		}
		if len(res.Hits) < page {
			return nil
		}
	}
}

// Sources returns every indexed review's id by source path.
func (ix *Index) Sources(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := ix.eachReview(ctx, []string{"source"}, func(id string, f map[string]interface{}) error {
		if s, ok := f["source"].(string); ok {
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
	res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(typeQuery(typeReview), 0, 0, false))
	if err != nil {
		return 0, fmt.Errorf("index count: %w", err)
	}
	return int(res.Total), nil
}

// Verify checks that the index holds whole reviews only: every review has
// exactly its sections and every section its review. It returns the number
// of reviews.
func (ix *Index) Verify(ctx context.Context) (int, error) {
	want := map[string]int{}
	err := ix.eachReview(ctx, []string{"raw"}, func(id string, f map[string]interface{}) error {
		var r corpus.Review
		raw, _ := f["raw"].(string)
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			return fmt.Errorf("review %s: %w", id, err)
		}
		want[id] = len(r.Sections)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("verify: %w", err)
	}
	req := bleve.NewSearchRequestOptions(typeQuery(typeSection), 0, 0, false)
	req.AddFacet("r", bleve.NewFacetRequest("review_id", len(want)+100))
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("verify: %w", err)
	}
	got := map[string]int{}
	if f := res.Facets["r"]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			got[t.Term] = t.Count
		}
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

// facetKey joins a section's facet values; splitFacetKey undoes it.
func facetKey(authority, year, incidentType, kind string) string {
	return authority + "\x1f" + year + "\x1f" + incidentType + "\x1f" + kind
}

func splitFacetKey(k string) (authority, year, incidentType, kind string, ok bool) {
	p := strings.Split(k, "\x1f")
	if len(p) != 4 {
		return "", "", "", "", false
	}
	return p[0], p[1], p[2], p[3], true
}
