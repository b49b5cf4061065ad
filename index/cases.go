package index

// Cases: the documents of one serious incident, linked when written.
//
// Each case is one document of type "c" holding the merged case (stored
// JSON) and the tags statistics count by, so that themes, timeliness and
// the heatmap count incidents, not files. A case is derived data: after
// each write the cases of the documents it touched are worked out again
// from the committed reviews, under one lock, so that two writers cannot
// leave a case half-linked. A write marks the cases pending before it
// starts and clears the mark when its cases are written; an index opened
// with the mark set (the process died between the two) rebuilds every case.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

var casesPendingKey = []byte("sirlearn.cases.pending")

// caseKey is the document id of a case.
func caseKey(id string) string { return "case:" + id }

// caseDoc builds the document of a case.
func (an analyzers) caseDoc(c *corpus.Case) (*document.Document, error) {
	raw, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var t tagList
	m := &c.Metadata
	t.add(tagType, "c")
	t.add(tagAuthority, orUnknown(m.Authority))
	t.add(tagYear, orUnknown(m.IncidentDate.Year()))
	t.add(tagIncidentType, orUnknown(m.IncidentType))
	if d := string(m.IncidentDate); validDay(d) {
		t.add(tagDay, d)
		t.add(tagMonth, d[:7])
	}
	for _, th := range c.Themes {
		t.add(tagTheme, string(th))
	}
	for _, th := range c.Confirmed {
		t.add(tagConfirmed, string(th))
	}
	t.addHandling(m)
	t.add(tagHasReview, map[bool]string{true: "yes", false: "no"}[c.HasReview()])
	for _, k := range c.Kinds {
		t.add(tagDocKind, string(k))
	}
	for _, d := range c.Documents {
		t.add(tagMember, docKey(d.ID))
	}
	return document.NewDocument(caseKey(c.ID)).
		AddField(engine.NewField(fTags, t, optTags, an.tags)).
		AddField(engine.NewField(fCase, raw, optStored, nil)), nil
}

// documentKind is the kind a stored review is counted as: reviews stored
// before kinds were are case reviews.
func documentKind(r *corpus.Review) corpus.DocumentKind {
	if r.DocumentKind == "" {
		return corpus.KindCaseReview
	}
	return r.DocumentKind
}

// markCasesPending records that cases are about to change. Every call is
// matched by one of casesDone; the mark is cleared when no write is left
// between the two.
func (ix *Index) markCasesPending() error {
	ix.pendMu.Lock()
	defer ix.pendMu.Unlock()
	if ix.pending == 0 {
		if err := ix.idx.SetInternal(casesPendingKey, []byte("1")); err != nil {
			return fmt.Errorf("index cases: %w", err)
		}
	}
	ix.pending++
	return nil
}

// casesDone ends a write begun with markCasesPending; linked says whether
// its cases were written (if not, the mark stays for the next open).
func (ix *Index) casesDone(linked bool) error {
	ix.pendMu.Lock()
	defer ix.pendMu.Unlock()
	ix.pending--
	if !linked {
		ix.pendingFailed = true
	}
	if ix.pending > 0 || ix.pendingFailed {
		return nil
	}
	if err := ix.idx.DeleteInternal(casesPendingKey); err != nil {
		return fmt.Errorf("index cases: %w", err)
	}
	return nil
}

// relink works the cases of the touched documents out again: the put
// reviews, and the documents that shared a case with them or with the
// deleted ids. Call it after their batch is committed.
//
// put holds the link views of the reviews just written (linkView), so that
// linking reads back from the index only the reviews the batch did not
// bring.
func (ix *Index) relink(ctx context.Context, put map[string]*corpus.Review, del []string) error {
	ix.caseMu.Lock()
	defer ix.caseMu.Unlock()
	keys := map[string]bool{}
	members := map[string]bool{}
	reviews := make(map[string]*corpus.Review, len(put))
	for key, r := range put {
		members[key] = true
		reviews[key] = r
		for _, k := range corpus.CaseKeys(r) {
			keys[k] = true
		}
	}
	for _, id := range del {
		members[docKey(id)] = true
	}
	// The cases the documents were in, and all their members.
	oldCases := map[string]bool{}
	if err := ix.casesOf(ctx, members, oldCases, members); err != nil {
		return err
	}
	// The reviews that share a key or a case with them, until neither a
	// new key nor a new member turns up.
	for {
		newKeys, err := ix.linkedReviews(ctx, keys, members, reviews)
		if err != nil {
			return err
		}
		for _, k := range newKeys {
			keys[k] = true
		}
		before := len(members)
		if err := ix.casesOf(ctx, members, oldCases, members); err != nil {
			return err
		}
		if len(newKeys) == 0 && len(members) == before {
			break
		}
	}
	docs := make([]*corpus.Review, 0, len(reviews))
	for _, r := range reviews {
		docs = append(docs, r)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	b := ix.idx.NewBatch()
	for id := range oldCases {
		b.Delete(id)
	}
	if err := ix.addCases(b, docs); err != nil {
		return err
	}
	if err := ix.idx.Batch(b); err != nil {
		return fmt.Errorf("index cases: %w", err)
	}
	return nil
}

// addCases groups the reviews into cases and adds their documents to b.
func (ix *Index) addCases(b *bleve.Batch, docs []*corpus.Review) error {
	for _, g := range corpus.LinkCases(docs) {
		group := make([]*corpus.Review, len(g))
		for i, j := range g {
			group[i] = docs[j]
		}
		d, err := ix.an.caseDoc(corpus.MergeCase(group, ix.cal))
		if err != nil {
			return fmt.Errorf("index cases: %w", err)
		}
		if err := b.IndexAdvanced(d); err != nil {
			return fmt.Errorf("index cases: %w", err)
		}
	}
	return nil
}

// casesOf adds to cases the case documents holding any of members, and to
// into their members.
func (ix *Index) casesOf(ctx context.Context, members, cases, into map[string]bool) error {
	if len(members) == 0 {
		return nil
	}
	vals := make([]string, 0, len(members))
	for m := range members {
		vals = append(vals, m)
	}
	q := bleve.NewConjunctionQuery(tagQuery(tagType, "c"), tagsQuery(tagMember, vals))
	var found []string
	err := eachPage(ctx, ix.idx, q, []string{fCase}, func(hits search.DocumentMatchCollection) error {
		for _, h := range hits {
			if cases[h.ID] {
				continue
			}
			cases[h.ID] = true
			raw, _ := h.Fields[fCase].(string)
			var c corpus.Case
			if err := json.Unmarshal([]byte(raw), &c); err != nil {
				return fmt.Errorf("case %s: stored JSON: %w", h.ID, err)
			}
			for _, d := range c.Documents {
				found = append(found, docKey(d.ID))
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("index cases: %w", err)
	}
	for _, f := range found {
		into[f] = true
	}
	return nil
}

// linkedReviews loads into reviews the stored reviews that carry one of
// keys or are one of members, and returns the keys they bring that were
// not asked for.
func (ix *Index) linkedReviews(ctx context.Context, keys, members map[string]bool, reviews map[string]*corpus.Review) ([]string, error) {
	var qs []query.Query
	for k := range keys {
		qs = append(qs, tagQuery(tagCaseKey, k))
	}
	var ids, known []string
	for m := range members {
		if _, ok := reviews[m]; !ok {
			ids = append(ids, m)
		}
	}
	if len(ids) > 0 {
		qs = append(qs, bleve.NewDocIDQuery(ids))
	}
	if len(qs) == 0 {
		return nil, nil
	}
	for k := range reviews {
		known = append(known, k)
	}
	// The reviews already at hand are left out of the search, which would
	// otherwise load their stored fields again.
	q := bleve.NewBooleanQuery()
	q.AddMust(tagQuery(tagType, "r"), bleve.NewDisjunctionQuery(qs...))
	if len(known) > 0 {
		q.AddMustNot(bleve.NewDocIDQuery(known))
	}
	var fresh []string
	err := eachPage(ctx, ix.idx, q, []string{fRaw, fThemes}, func(hits search.DocumentMatchCollection) error {
		for _, h := range hits {
			if _, ok := reviews[h.ID]; ok {
				continue
			}
			r, err := slimReview(h.ID, h.Fields[fRaw], h.Fields[fThemes])
			if err != nil {
				return err
			}
			reviews[h.ID] = r
			members[h.ID] = true
			for _, k := range corpus.CaseKeys(r) {
				if !keys[k] {
					fresh = append(fresh, k)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index cases: %w", err)
	}
	return fresh, nil
}

// slimReview decodes a stored review for linking: its metadata, keys and
// theme ids, without evidence.
// The themes are those of the confirmed view, from the themes line the
// review was indexed with; an inspector's confirmations come as evidence
// marked accepted, for MergeCase to count.
func slimReview(key string, raw, themes any) (*corpus.Review, error) {
	s, _ := raw.(string)
	var r corpus.Review
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return nil, fmt.Errorf("review %s: stored JSON: %w", key, err)
	}
	for i := range r.Themes {
		r.Themes[i].Evidence = nil
	}
	all, confirmed, strengths, ok := parseThemeField(themes)
	if !ok {
		r.DocumentKind = documentKind(&r)
		r.Sections = nil
		return &r, nil
	}
	return linkView(r, all, confirmed, strengths), nil
}

// linkView is what linking a review into a case reads of it: r without
// its sections, with the confirmed-view themes (all), those an inspector
// confirmed and those it credits as strengths. slimReview makes it from
// the stored review, apply from the review it writes.
func linkView(r corpus.Review, all, confirmed, strengths []corpus.ThemeID) *corpus.Review {
	r.DocumentKind = documentKind(&r)
	conf := map[corpus.ThemeID]bool{}
	for _, t := range confirmed {
		conf[t] = true
	}
	// A new slice: r may share its themes with a review still in use.
	r.Themes = make([]corpus.Theme, 0, len(all))
	for _, t := range all {
		th := corpus.Theme{ID: t}
		if conf[t] {
			th.Evidence = []corpus.Evidence{{Status: corpus.StatusAccepted}}
		}
		r.Themes = append(r.Themes, th)
	}
	if len(strengths) > 0 && len(r.Themes) > 0 {
		last := &r.Themes[len(r.Themes)-1]
		for _, t := range strengths {
			last.Evidence = append(last.Evidence, corpus.Evidence{Polarity: corpus.Strength, About: t})
		}
	}
	r.Sections = nil
	return &r
}

// RebuildCases links every stored review into cases again from scratch.
func (ix *Index) RebuildCases(ctx context.Context) (int, error) {
	ix.caseMu.Lock()
	defer ix.caseMu.Unlock()
	if err := ix.markCasesPending(); err != nil {
		return 0, err
	}
	n, err := ix.rebuildCases(ctx)
	if err == nil {
		ix.pendMu.Lock()
		ix.pendingFailed = false
		ix.pendMu.Unlock()
	}
	if derr := ix.casesDone(err == nil); err == nil {
		err = derr
	}
	ix.cache.clear()
	return n, err
}

func (ix *Index) rebuildCases(ctx context.Context) (int, error) {
	var docs []*corpus.Review
	err := eachPage(ctx, ix.idx, tagQuery(tagType, "r"), []string{fRaw, fThemes}, func(hits search.DocumentMatchCollection) error {
		for _, h := range hits {
			r, err := slimReview(h.ID, h.Fields[fRaw], h.Fields[fThemes])
			if err != nil {
				return err
			}
			docs = append(docs, r)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("index cases: %w", err)
	}
	b := ix.idx.NewBatch()
	err = eachPage(ctx, ix.idx, tagQuery(tagType, "c"), nil, func(hits search.DocumentMatchCollection) error {
		for _, h := range hits {
			b.Delete(h.ID)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("index cases: %w", err)
	}
	if err := ix.addCases(b, docs); err != nil {
		return 0, err
	}
	if err := ix.idx.Batch(b); err != nil {
		return 0, fmt.Errorf("index cases: %w", err)
	}
	return len(corpus.LinkCases(docs)), nil
}

// casesPending reports whether a write stopped before its cases were.
func (ix *Index) casesPending() (bool, error) {
	v, err := ix.idx.GetInternal(casesPendingKey)
	if err != nil {
		return false, fmt.Errorf("index cases: %w", err)
	}
	return len(v) > 0, nil
}

// Cases lists the cases under the filter, a page at a time, newest
// incident first.
func (ix *Index) Cases(ctx context.Context, f corpus.Filter, size, offset int) (int, []corpus.Case, error) {
	fq, err := filterQueries(f, "c")
	if err != nil {
		return 0, nil, err
	}
	if size <= 0 {
		size = 50
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(fq...), size, offset, false)
	req.Fields = []string{fCase}
	req.SortBy([]string{"_id"})
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return 0, nil, fmt.Errorf("cases: %w", err)
	}
	out := make([]corpus.Case, 0, len(res.Hits))
	for _, h := range res.Hits {
		raw, _ := h.Fields[fCase].(string)
		var c corpus.Case
		if err := json.Unmarshal([]byte(raw), &c); err != nil {
			return 0, nil, fmt.Errorf("case %s: stored JSON: %w", h.ID, err)
		}
		out = append(out, c)
	}
	return int(res.Total), out, nil
}

// CaseOf returns the case a document belongs to.
func (ix *Index) CaseOf(ctx context.Context, reviewID string) (*corpus.Case, error) {
	q := bleve.NewConjunctionQuery(tagQuery(tagType, "c"), tagQuery(tagMember, docKey(reviewID)))
	req := bleve.NewSearchRequestOptions(q, 1, 0, false)
	req.Fields = []string{fCase}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("case of %s: %w", reviewID, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("case of review %s: %w", reviewID, corpus.ErrNotFound)
	}
	raw, _ := res.Hits[0].Fields[fCase].(string)
	var c corpus.Case
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return nil, fmt.Errorf("case of %s: stored JSON: %w", reviewID, err)
	}
	return &c, nil
}

// JoinCases places the documents in one case by hand, whatever their
// references and dates say, and returns it. The link holds through
// re-indexing of the same file and re-extraction; SplitCase or
// UnlinkCase undo it.
func (ix *Index) JoinCases(ctx context.Context, ids []string) (*corpus.Case, error) {
	if len(ids) < 2 {
		return nil, fmt.Errorf("%w: join needs two documents or more", corpus.ErrInvalid)
	}
	sorted := append([]string(nil), ids...)
	sort.Strings(sorted)
	return ix.setCase(ctx, ids, "m-"+shortID(sorted[0]), true)
}

// SplitCase takes a document out of its case into a case of its own, by
// hand.
func (ix *Index) SplitCase(ctx context.Context, id string) (*corpus.Case, error) {
	return ix.setCase(ctx, []string{id}, "m-"+shortID(id), true)
}

// UnlinkCase returns documents to automatic linking.
func (ix *Index) UnlinkCase(ctx context.Context, ids []string) (*corpus.Case, error) {
	return ix.setCase(ctx, ids, "", false)
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func (ix *Index) setCase(ctx context.Context, ids []string, caseID string, manual bool) (*corpus.Case, error) {
	if len(ids) == 0 {
		return nil, fmt.Errorf("%w: no documents given", corpus.ErrInvalid)
	}
	var put []*corpus.Review
	for _, id := range ids {
		r, err := ix.Review(ctx, id)
		if err != nil {
			return nil, err
		}
		r.Case, r.CaseManual = caseID, manual
		put = append(put, r)
	}
	if err := ix.apply(ctx, put, nil, false); err != nil {
		return nil, err
	}
	return ix.CaseOf(ctx, ids[0])
}
