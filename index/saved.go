package index

// Saved searches and alerts. An inspector saves a search by name; when new
// reviews are indexed, each saved search is run over the new reviews'
// sections only (the percolator's way: the new document is matched
// against the stored queries at write time, not every search run again),
// and a match is recorded as an alert until the inspector has seen it.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

var (
	bucketSearches = []byte("searches") // name -> SavedSearch
	bucketAlerts   = []byte("alerts")   // name \0 review id -> Alert
)

// validSearchName reports whether a search name is 1 to 80 letters,
// digits, spaces, dots, dashes or underscores, starting with a letter or a
// digit. (A regexp with {0,79} of Unicode classes took 2.5 ms to compile
// at every start of the program.)
func validSearchName(name string) bool {
	n := 0
	for _, r := range name {
		ok := unicode.IsLetter(r) || unicode.IsNumber(r)
		if !ok && n > 0 {
			ok = strings.ContainsRune(" _.-", r)
		}
		if n++; !ok || n > 80 {
			return false
		}
	}
	return n > 0
}

// SaveSearch stores a search under a name (replacing one of that name).
func (ix *Index) SaveSearch(ctx context.Context, s corpus.SavedSearch) error {
	if ix.coding == nil {
		return fmt.Errorf("%w: this index keeps no saved searches", corpus.ErrInvalid)
	}
	s.Name = strings.TrimSpace(s.Name)
	if !validSearchName(s.Name) {
		return fmt.Errorf("%w: search name %q: 1 to 80 letters, digits, spaces, dots, dashes or underscores", corpus.ErrInvalid, s.Name)
	}
	// The query must parse now, not fail silently at every later write.
	if _, err := ix.savedQuery(s); err != nil {
		return err
	}
	if s.Created.IsZero() {
		s.Created = time.Now().UTC()
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return ix.coding.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSearches)
		if err != nil {
			return err
		}
		return b.Put([]byte(s.Name), raw)
	})
}

// DeleteSearch removes a saved search and its alerts.
func (ix *Index) DeleteSearch(ctx context.Context, name string) error {
	if ix.coding == nil {
		return fmt.Errorf("search %q: %w", name, corpus.ErrNotFound)
	}
	return ix.coding.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearches)
		if b == nil || b.Get([]byte(name)) == nil {
			return fmt.Errorf("saved search %q: %w", name, corpus.ErrNotFound)
		}
		if err := b.Delete([]byte(name)); err != nil {
			return err
		}
		return deleteAlerts(tx, name)
	})
}

func deleteAlerts(tx *bolt.Tx, name string) error {
	ab := tx.Bucket(bucketAlerts)
	if ab == nil {
		return nil
	}
	prefix := []byte(name + "\x00")
	var keys [][]byte
	c := ab.Cursor()
	for k, _ := c.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
	}
	for _, k := range keys {
		if err := ab.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// SavedSearches lists the saved searches with their unseen alerts.
func (ix *Index) SavedSearches(ctx context.Context) ([]corpus.SavedSearch, error) {
	if ix.coding == nil {
		return nil, nil
	}
	var out []corpus.SavedSearch
	err := ix.coding.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearches)
		if b == nil {
			return nil
		}
		ab := tx.Bucket(bucketAlerts)
		return b.ForEach(func(k, v []byte) error {
			var s corpus.SavedSearch
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("saved search %q: %w", k, err)
			}
			if ab != nil {
				prefix := string(k) + "\x00"
				c := ab.Cursor()
				for ak, av := c.Seek([]byte(prefix)); ak != nil && strings.HasPrefix(string(ak), prefix); ak, av = c.Next() {
					var a corpus.Alert
					if err := json.Unmarshal(av, &a); err != nil {
						return err
					}
					s.New = append(s.New, a)
				}
			}
			sort.Slice(s.New, func(i, j int) bool { return s.New[i].When.After(s.New[j].When) })
			out = append(out, s)
			return nil
		})
	})
	return out, err
}

// SeenAlerts clears the alerts of a saved search.
func (ix *Index) SeenAlerts(ctx context.Context, name string) error {
	if ix.coding == nil {
		return fmt.Errorf("saved search %q: %w", name, corpus.ErrNotFound)
	}
	return ix.coding.db.Update(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketSearches); b == nil || b.Get([]byte(name)) == nil {
			return fmt.Errorf("saved search %q: %w", name, corpus.ErrNotFound)
		}
		return deleteAlerts(tx, name)
	})
}

// savedQuery is the query a saved search runs over sections.
func (ix *Index) savedQuery(s corpus.SavedSearch) (*bleve.SearchRequest, error) {
	f, err := corpus.CheckFilter(s.Filter, nil)
	if err != nil && !strings.Contains(err.Error(), "theme") {
		return nil, err
	}
	if err == nil {
		s.Filter = f
	}
	text, err := parseText(s.Query, fText)
	if err != nil {
		return nil, err
	}
	fq, err := filterQueries(s.Filter, "s")
	if err != nil {
		return nil, err
	}
	return bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(append(fq, text)...), 1000, 0, false), nil
}

// percolate matches the newly written reviews against every saved search
// and records the matches as alerts.
func (ix *Index) percolate(ctx context.Context, put []*corpus.Review) error {
	if ix.coding == nil || len(put) == 0 {
		return nil
	}
	searches, err := ix.SavedSearches(ctx)
	if err != nil || len(searches) == 0 {
		return err
	}
	var ids []string
	byKey := map[string]*corpus.Review{}
	for _, r := range put {
		byKey[docKey(r.ID)] = r
		for i := range r.Sections {
			ids = append(ids, sectionID(r.ID, i))
		}
	}
	if len(ids) == 0 {
		return nil
	}
	type hit struct {
		name string
		r    *corpus.Review
	}
	var hits []hit
	for _, s := range searches {
		req, err := ix.savedQuery(s)
		if err != nil {
			continue // a search the current taxonomy no longer reads
		}
		req.Query = engine.OnlyDocs(ids, req.Query)
		res, err := ix.idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("saved search %q: %w", s.Name, err)
		}
		seen := map[string]bool{}
		for _, h := range res.Hits {
			k := keyOf(h.ID)
			if r := byKey[k]; r != nil && !seen[k] {
				seen[k] = true
				hits = append(hits, hit{s.Name, r})
			}
		}
	}
	if len(hits) == 0 {
		return nil
	}
	now := time.Now().UTC()
	return ix.coding.db.Update(func(tx *bolt.Tx) error {
		ab, err := tx.CreateBucketIfNotExists(bucketAlerts)
		if err != nil {
			return err
		}
		for _, h := range hits {
			raw, err := json.Marshal(corpus.Alert{ReviewID: h.r.ID, Title: h.r.Title, Source: h.r.Source, Authority: h.r.Authority, When: now})
			if err != nil {
				return err
			}
			if err := ab.Put([]byte(h.name+"\x00"+h.r.ID), raw); err != nil {
				return err
			}
		}
		return nil
	})
}
