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
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

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
	an      analyzers
	// phraseBufs are match lists for reuse by the phrase searcher.
	phraseBufs *matchBufs
}

// analyzers are the analysers documents are built with: the instances
// bleve made for the index mapping, so that queries analyse alike.
type analyzers struct{ english, tags frequencer }

func analyzersOf(idx bleve.Index) (analyzers, error) {
	m := idx.Mapping()
	e, ok1 := m.AnalyzerNamed(englishName).(frequencer)
	t, ok2 := m.AnalyzerNamed(tagsName).(frequencer)
	if !ok1 || !ok2 {
		return analyzers{}, fmt.Errorf("index analysers %s and %s are not registered", englishName, tagsName)
	}
	return analyzers{english: e, tags: t}, nil
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
	// Logger receives the progress of a schema migration (default: none).
	Logger *slog.Logger
}

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// bleveConfig is the scorch configuration. Batches wait until they are
// persisted ("unsafe_batch" off): measured, background persistence was no
// faster here, and a batch that returned is on disk.
func bleveConfig() map[string]interface{} {
	return map[string]interface{}{"bolt_timeout": "2s", "unsafe_batch": false,
		"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentsPerTier": mergeWidth, "SegmentsPerMergeTask": mergeWidth}}
}

// mergeWidth is how many segments bleve merges at a time (its default is
// 10): measured, loading 100,000 reviews took 7% less time, merges
// included, and the phrase searcher is no slower.
const mergeWidth = 20

// Settle waits until bleve's background merges have caught up with the
// writes: no merge running and the segments unchanged for quiet. It returns
// when that state was reached, which is the last change seen. The load
// benchmark calls it before closing, so that the merges that go on after
// the last batch count as loading.
func (ix *Index) Settle(ctx context.Context, quiet time.Duration) (time.Time, error) {
	last := time.Now()
	ai, err := ix.idx.Advanced()
	if err != nil {
		return last, fmt.Errorf("index settle: %w", err)
	}
	sc, ok := ai.(*scorch.Scorch)
	if !ok {
		return last, nil
	}
	state := func() string {
		m := sc.StatsMap()
		busy := m["TotFileMergeZapBeg"] != m["TotFileMergeZapEnd"]
		return fmt.Sprint(busy, m["TotFileMergeZapEnd"], m["TotPersistedSegments"], m["CurOnDiskFiles"])
	}
	seen := state()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for time.Since(last) < quiet {
		select {
		case <-ctx.Done():
			return last, fmt.Errorf("index settle: %w", ctx.Err())
		case <-tick.C:
		}
		if st := state(); st != seen {
			seen, last = st, time.Now()
		}
	}
	return last, nil
}

// openBleve opens the bleve index at bpath, creating it when absent and
// rebuilding it when its schema is older than this version's.
func openBleve(bpath string, log *slog.Logger) (bleve.Index, error) {
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
		return createBleve(bpath)
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
	case "", "2", "3":
	default:
		idx.Close()
		return nil, fmt.Errorf("open: the index has schema %q, which this version of sirlearn (schema %s) cannot read", v, schemaVersion)
	}
	if err := migrate(idx, v, bpath, log); err != nil {
		return nil, fmt.Errorf("rebuilding the index for schema %s: %w", schemaVersion, err)
	}
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
func migrate(old bleve.Index, version []byte, bpath string, log *slog.Logger) error {
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
	ctx := context.Background()
	n := 0
	err = storedReviews(ctx, old, version, func(batch []*corpus.Review) error {
		n += len(batch)
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
	idx, err := openBleve(filepath.Join(path, "bleve"), opts.logger())
	if err != nil {
		lf.Close()
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	entries := opts.CacheEntries
	if entries == 0 {
		entries = 1024
	}
	ix, err := newIndex(path, idx, entries)
	if err != nil {
		idx.Close()
		lf.Close()
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	ix.lock = lf
	return ix, nil
}

// newIndex wraps an open bleve index, with a result cache of the given
// size (negative: none).
func newIndex(path string, idx bleve.Index, cacheEntries int) (*Index, error) {
	an, err := analyzersOf(idx)
	if err != nil {
		return nil, err
	}
	return &Index{path: path, idx: idx, cache: newResultCache(cacheEntries), an: an, phraseBufs: &matchBufs{}}, nil
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

// schemaVersion names the layout of the documents below; an index of an
// earlier layout is rebuilt from its stored reviews when it is opened.
const schemaVersion = "4"

var schemaKey = []byte("sirlearn.schema")

// Stored and indexed field names.
const (
	fTags    = "tags"    // filter and facet values, "prefix:value" (see tag)
	fText    = "text"    // section heading and text: English analyser, positions, stored
	fRText   = "rtext"   // the same, redacted: what researchers search and see
	fHeading = "heading" // in queries: the heading part of text (see headingOnly)
	fHit     = "hit"     // section: stored display fields (see hitFields)
	fRaw     = "raw"     // review: the whole review as stored JSON
	fSource  = "src"     // review: stored source path
	fNumSecs = "ns"      // review: stored number of sections
	fID      = "id"      // review: stored review id (the document id is its key)
)

// Tag prefixes. Every filter and facet value of a document is one term of
// its tags field, so that a document has one keyword field instead of ten:
// measured, that alone made loading 30% faster.
const (
	tagType         = "ty:" // "r" review, "s" section
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
)

func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	im.TypeField = "type"
	im.DefaultAnalyzer = englishName
	im.DefaultField = fText
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	review := bleve.NewDocumentStaticMapping()
	review.AddFieldMappingsAt(fTags, fieldMapping(tagsName, optTags))
	review.AddFieldMappingsAt(fRaw, fieldMapping("", optStored))
	review.AddFieldMappingsAt(fSource, fieldMapping("", optStored))
	review.AddFieldMappingsAt(fNumSecs, fieldMapping("", optStored))
	review.AddFieldMappingsAt(fID, fieldMapping("", optStored))

	section := bleve.NewDocumentStaticMapping()
	section.AddFieldMappingsAt(fTags, fieldMapping(tagsName, optTags))
	// Positions (term vectors) give phrases and snippets their places.
	// The heading is part of the text field (see headingBase).
	section.AddFieldMappingsAt(fText, fieldMapping(englishName, optText))
	section.AddFieldMappingsAt(fRText, fieldMapping(englishName, optText))
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

func boolWord(b *bool) string {
	switch {
	case b == nil:
		return "unknown"
	case *b:
		return "yes"
	}
	return "no"
}

// Unknown is the facet value of a missing authority, year or type.
const Unknown = "unknown"

func orUnknown(s string) string {
	if s == "" {
		return Unknown
	}
	return s
}

// tagList builds a tags field value.
type tagList []byte

func (t *tagList) add(prefix, value string) {
	if len(*t) > 0 {
		*t = append(*t, tagSep)
	}
	*t = append(append(*t, prefix...), value...)
}

// hitFields are the display fields a section hit carries, joined by tagSep.
type hitFields struct {
	ReviewID, Source, Authority, IncidentDay, IncidentType, Kind, Heading string
	Themes                                                                []string
	RedactedHeading                                                       string
}

func (h hitFields) encode() string {
	sep := string(tagSep)
	return strings.Join([]string{h.ReviewID, h.Source, h.Authority, h.IncidentDay, h.IncidentType, h.Kind, h.Heading, strings.Join(h.Themes, ","), h.RedactedHeading}, sep)
}

func decodeHitFields(s string) hitFields {
	p := strings.SplitN(s, string(tagSep), 9)
	for len(p) < 9 {
		p = append(p, "")
	}
	h := hitFields{ReviewID: p[0], Source: p[1], Authority: p[2], IncidentDay: p[3], IncidentType: p[4], Kind: p[5], Heading: p[6], RedactedHeading: p[8]}
	if p[7] != "" {
		h.Themes = strings.Split(p[7], ",")
	}
	return h
}

// Field indexing options of the document fields; newMapping describes the
// same fields for queries (fieldMapping).
const (
	optTags   = bindex.IndexField | bindex.DocValues | bindex.SkipFreqNorm // facets read the doc values
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

// docsFor builds the review's documents. They are built directly rather
// than mapped from a struct by bleve's reflection, from sirlearn's own
// fields (see field).
func (an analyzers) docsFor(r *corpus.Review) (*document.Document, []*document.Document, error) {
	// The stored review leaves out the section texts, which the section
	// documents store already (Review puts them back).
	bare := *r
	bare.Sections = make([]corpus.Section, len(r.Sections))
	for i, s := range r.Sections {
		bare.Sections[i] = corpus.Section{Kind: s.Kind, Heading: s.Heading, RedactedHeading: s.RedactedHeading}
	}
	raw, err := json.Marshal(&bare)
	if err != nil {
		return nil, nil, err
	}
	var common tagList
	common.add(tagAuthority, orUnknown(r.Authority))
	common.add(tagYear, orUnknown(r.IncidentDate.Year()))
	common.add(tagIncidentType, orUnknown(r.IncidentType))
	if d := string(r.IncidentDate); validDay(d) {
		common.add(tagDay, d)
		common.add(tagMonth, d[:7])
	}
	themes := make([]string, 0, len(r.Themes))
	for _, t := range r.Themes {
		themes = append(themes, string(t.ID))
		common.add(tagTheme, string(t.ID))
	}
	rt := append(tagList(nil), common...)
	rt.add(tagType, "r")
	rt.add(tagNotification, boolWord(r.NotificationOnTime))
	rt.add(tagReviewOnTime, boolWord(r.ReviewOnTime))
	rt.add(tagOrder, orUnknown(r.Order))
	mappa := "none"
	if r.MAPPA != nil {
		mappa = fmt.Sprintf("category %d level %d", r.MAPPA.Category, r.MAPPA.Level)
	}
	rt.add(tagMAPPA, mappa)
	rd := document.NewDocument(docKey(r.ID)).
		AddField(newField(fID, []byte(r.ID), optStored, nil)).
		AddField(newField(fTags, rt, optTags, an.tags)).
		AddField(newField(fRaw, raw, optStored, nil)).
		AddField(newField(fSource, []byte(r.Source), optStored, nil)).
		AddField(newField(fNumSecs, []byte(strconv.Itoa(len(r.Sections))), optStored, nil))

	secs := make([]*document.Document, 0, len(r.Sections))
	for i, s := range r.Sections {
		// The heading, then the text (see headingBase), built in one copy.
		text := make([]byte, 0, len(s.Heading)+2+len(s.Text))
		if s.Heading != "" {
			text = append(append(text, s.Heading...), "\n\n"...)
		}
		text = append(text, s.Text...)
		st := append(tagList(nil), common...)
		st.add(tagType, "s")
		st.add(tagKind, string(s.Kind))
		for _, t := range r.Themes {
			for _, e := range t.Evidence {
				if e.Section == s.Kind && strings.Contains(s.Text, firstWords(e.Text)) {
					st.add(tagSectionTheme, string(t.ID))
					break
				}
			}
		}
		hf := hitFields{ReviewID: r.ID, Source: r.Source, Authority: orUnknown(r.Authority), IncidentDay: string(r.IncidentDate),
			IncidentType: orUnknown(r.IncidentType), Kind: string(s.Kind), Heading: s.Heading, Themes: themes,
			RedactedHeading: s.RedactedHeading}
		tf := newField(fText, text, optText, an.english)
		tf.head = len(s.Heading)
		// The researcher view, laid out the same way.
		rtext := make([]byte, 0, len(s.RedactedHeading)+2+len(s.RedactedText))
		if s.RedactedHeading != "" {
			rtext = append(append(rtext, s.RedactedHeading...), "\n\n"...)
		}
		rtext = append(rtext, s.RedactedText...)
		rf := newField(fRText, rtext, optText, an.english)
		rf.head = len(s.RedactedHeading)
		sd := document.NewDocument(sectionID(r.ID, i)).
			AddField(newField(fTags, st, optTags, an.tags)).
			AddField(tf).
			AddField(rf).
			AddField(newField(fHit, []byte(hf.encode()), optStored, nil))
		secs = append(secs, sd)
	}
	return rd, secs, nil
}

// validDay reports whether d is a YYYY-MM-DD date.
func validDay(d string) bool {
	_, err := time.Parse(time.DateOnly, d)
	return err == nil
}

func firstWords(s string) string {
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

// docKey is the document id of a review in bleve: the review id, cut to 20
// hex digits (80 bits) when it is a long content hash. bleve looks every
// id of a batch up in every segment to find the documents it replaces and
// keeps every id in a dictionary; with 64-digit ids at 100,000 reviews that
// lookup was 5% of indexing. Two of a million reviews share 80 bits of a
// SHA-256 with odds of about 1 in 10^12; the "~" keeps a cut id apart from
// any short one.
func docKey(reviewID string) string {
	if len(reviewID) > 24 {
		return reviewID[:20] + "~"
	}
	return reviewID
}

// sectionID is the document id of a review's i-th section.
func sectionID(reviewID string, i int) string { return docKey(reviewID) + "/" + strconv.Itoa(i) }

// keyOf returns the review's document key of a section document id.
func keyOf(sectionDocID string) string {
	if i := strings.LastIndexByte(sectionDocID, '/'); i >= 0 {
		return sectionDocID[:i]
	}
	return sectionDocID
}

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
	ids := append([]string(nil), del...)
	for _, r := range put {
		ids = append(ids, r.ID)
	}
	old, err := ix.sectionCounts(ctx, ids)
	if err != nil {
		return err
	}
	b := ix.idx.NewBatch()
	for _, id := range del {
		b.Delete(docKey(id))
		for i := 0; i < old[id]; i++ {
			b.Delete(sectionID(id, i))
		}
	}
	for _, r := range put {
		if err := ctx.Err(); err != nil {
			return err
		}
		rd, secs, err := ix.an.docsFor(r)
		if err != nil {
			return fmt.Errorf("index %s: %w", r.Source, err)
		}
		if err := b.IndexAdvanced(rd); err != nil {
			return fmt.Errorf("index %s: %w", r.Source, err)
		}
		for _, s := range secs {
			if err := b.IndexAdvanced(s); err != nil {
				return fmt.Errorf("index %s: %w", r.Source, err)
			}
		}
		for i := len(secs); i < old[r.ID]; i++ {
			b.Delete(sectionID(r.ID, i))
		}
	}
	err = ix.idx.Batch(b)
	ix.cache.clear()
	if err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}

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
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(keys), len(keys), 0, false)
	req.Fields = []string{fNumSecs}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index lookup: %w", err)
	}
	for _, h := range res.Hits {
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

// Review returns a stored review.
func (ix *Index) Review(ctx context.Context, id string) (*corpus.Review, error) {
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
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fText, fRText}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("review %s: sections: %w", id, err)
	}
	texts := make(map[string]string, len(res.Hits))
	rtexts := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		texts[h.ID], _ = h.Fields[fText].(string)
		rtexts[h.ID], _ = h.Fields[fRText].(string) // none in an index of schema 3
	}
	for i := range r.Sections {
		t, ok := texts[ids[i]]
		if !ok {
			return nil, fmt.Errorf("review %s: section %d missing: %w", id, i, corpus.ErrMalformed)
		}
		s := &r.Sections[i]
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

// tagQuery matches documents with one tag, without scoring.
func tagQuery(prefix, value string) query.Query {
	q := bleve.NewTermQuery(prefix + value)
	q.SetField(fTags)
	return unscored{q}
}

// unscored makes a query a pure filter: its matches add nothing to the
// score. Tags are indexed without frequencies and norms (SkipFreqNorm,
// cheaper to load), on which bleve's scorer would compute NaN.
type unscored struct{ query.Query }

func (u unscored) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	o.Score = "none"
	o.IncludeTermVectors = false
	o.Explain = false
	return u.Query.Searcher(ctx, i, m, o)
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
