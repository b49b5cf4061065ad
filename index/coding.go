package index

// Coding decisions: inspectors accept, reject and add themes on sentences.
// They live in a bbolt file beside the bleve index (decisions.db), written
// and synced before a decision is answered, so they survive a restart, a
// kill -9, and a rebuild of the bleve index. docs/design.md says why bbolt.

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/sirlearn/sirlearn/corpus"
)

var (
	bucketDecisions = []byte("decisions") // review id \0 sentence key \0 theme -> Decision
	bucketChecked   = []byte("checked")   // review id -> Checked
	bucketSources   = []byte("sources")   // source -> review id last coded there
	bucketLog       = []byte("log")       // sequence -> Decision: every decision ever made
)

// codingStore is the decisions file.
type codingStore struct{ db *bolt.DB }

func openCoding(dir string) (*codingStore, error) {
	db, err := bolt.Open(filepath.Join(dir, "decisions.db"), 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("decisions store: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketDecisions, bucketChecked, bucketSources, bucketLog} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("decisions store: %w", err)
	}
	return &codingStore{db: db}, nil
}

func (s *codingStore) close() error { return s.db.Close() }

func decisionKey(reviewID, key string, theme corpus.ThemeID) []byte {
	return []byte(reviewID + "\x00" + key + "\x00" + string(theme))
}

// put records a decision (a clear removes the standing one) and logs it.
func (s *codingStore) put(d corpus.Decision) error { return s.putMany([]corpus.Decision{d}) }

// putMany records decisions in one transaction.
func (s *codingStore) putMany(ds []corpus.Decision) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, d := range ds {
			if err := putDecision(tx, d); err != nil {
				return err
			}
		}
		return nil
	})
}

func putDecision(tx *bolt.Tx, d corpus.Decision) error {
	raw, err := json.Marshal(d)
	if err != nil {
		return err
	}
	k := decisionKey(d.ReviewID, d.Key, d.Theme)
	b := tx.Bucket(bucketDecisions)
	if d.Action == corpus.ActionClear {
		err = b.Delete(k)
	} else {
		err = b.Put(k, raw)
	}
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketSources).Put([]byte(d.Source), []byte(d.ReviewID)); err != nil {
		return err
	}
	return appendLog(tx, raw)
}

func appendLog(tx *bolt.Tx, raw []byte) error {
	lb := tx.Bucket(bucketLog)
	seq, err := lb.NextSequence()
	if err != nil {
		return err
	}
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	return lb.Put(k[:], raw)
}

// setChecked marks a review checked (or clears the mark when who is "").
func (s *codingStore) setChecked(reviewID, source, who string, when time.Time) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketChecked)
		if who == "" {
			return b.Delete([]byte(reviewID))
		}
		raw, err := json.Marshal(corpus.Checked{Who: who, When: when})
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketSources).Put([]byte(source), []byte(reviewID)); err != nil {
			return err
		}
		if err := b.Put([]byte(reviewID), raw); err != nil {
			return err
		}
		logged, _ := json.Marshal(corpus.Decision{ReviewID: reviewID, Source: source, Action: "checked", Who: who, When: when})
		return appendLog(tx, logged)
	})
}

// forReview returns the standing decisions on a review and its check.
func (s *codingStore) forReview(reviewID string) ([]corpus.Decision, *corpus.Checked, error) {
	var ds []corpus.Decision
	var ck *corpus.Checked
	err := s.db.View(func(tx *bolt.Tx) error {
		prefix := []byte(reviewID + "\x00")
		c := tx.Bucket(bucketDecisions).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var d corpus.Decision
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("decision %q: %w", k, err)
			}
			ds = append(ds, d)
		}
		if v := tx.Bucket(bucketChecked).Get([]byte(reviewID)); v != nil {
			ck = &corpus.Checked{}
			return json.Unmarshal(v, ck)
		}
		return nil
	})
	return ds, ck, err
}

// follow moves the decisions made on an earlier version of a file to the
// review now indexed from it, when the new version has none of its own.
func (s *codingStore) follow(r *corpus.Review) error {
	var prev []byte
	if err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketSources).Get([]byte(r.Source)); v != nil && string(v) != r.ID {
			prev = append([]byte(nil), v...)
		}
		return nil
	}); err != nil || prev == nil {
		return err
	}
	ds, ck, err := s.forReview(string(prev))
	if err != nil || len(ds) == 0 && ck == nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDecisions)
		for _, d := range ds {
			d.ReviewID = r.ID
			raw, err := json.Marshal(d)
			if err != nil {
				return err
			}
			if err := b.Put(decisionKey(r.ID, d.Key, d.Theme), raw); err != nil {
				return err
			}
		}
		// A new version needs checking again: the check does not follow.
		return tx.Bucket(bucketSources).Put([]byte(r.Source), []byte(r.ID))
	})
}

// each calls fn with every review id that has decisions or a check.
func (s *codingStore) reviews() (map[string]bool, error) {
	out := map[string]bool{}
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketDecisions).ForEach(func(k, _ []byte) error {
			if i := bytes.IndexByte(k, 0); i > 0 {
				out[string(k[:i])] = true
			}
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket(bucketChecked).ForEach(func(k, _ []byte) error {
			out[string(k)] = true
			return nil
		})
	})
	return out, err
}

// effective returns the confirmed view of a stored (machine) review.
func (ix *Index) effective(r *corpus.Review) (*corpus.Review, error) {
	if ix.coding == nil {
		return r, nil
	}
	ds, ck, err := ix.coding.forReview(r.ID)
	if err != nil {
		return nil, fmt.Errorf("decisions of %s: %w", r.ID, err)
	}
	return corpus.ApplyDecisions(r, ds, ck), nil
}

var themeIDRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// Decide records an inspector's decision on a review and re-indexes the
// review so that counts and facets follow; it returns the confirmed view.
// The decision is on disk before it returns.
func (ix *Index) Decide(ctx context.Context, d corpus.Decision) (*corpus.Review, error) {
	if ix.coding == nil {
		return nil, fmt.Errorf("%w: this index keeps no decisions", corpus.ErrInvalid)
	}
	switch d.Action {
	case corpus.ActionAccept, corpus.ActionReject, corpus.ActionAdd, corpus.ActionClear:
	default:
		return nil, fmt.Errorf("%w: action %q: want accept, reject, add or clear", corpus.ErrInvalid, d.Action)
	}
	if !themeIDRE.MatchString(string(d.Theme)) {
		return nil, fmt.Errorf("%w: theme %q", corpus.ErrInvalid, d.Theme)
	}
	if d.Polarity != "" && d.Polarity != corpus.Concern && d.Polarity != corpus.Strength {
		return nil, fmt.Errorf("%w: polarity %q: want concern or strength", corpus.ErrInvalid, d.Polarity)
	}
	if d.Who == "" {
		return nil, fmt.Errorf("%w: a decision needs who made it", corpus.ErrInvalid)
	}
	r, err := ix.machineReview(ctx, d.ReviewID)
	if err != nil {
		return nil, err
	}
	if _, ok := corpus.FindSentence(r.Sections, d.Sentence); !ok {
		return nil, fmt.Errorf("%w: review %s holds no such sentence: %q", corpus.ErrInvalid, d.ReviewID, truncate(d.Sentence, 80))
	}
	d.ReviewID, d.Source, d.Key = r.ID, r.Source, corpus.SentenceKey(d.Sentence)
	if d.When.IsZero() {
		d.When = time.Now().UTC()
	}
	if err := ix.coding.put(d); err != nil {
		return nil, fmt.Errorf("decision: %w", err)
	}
	if err := ix.audit(AuditEntry{Who: d.Who, Action: "code:" + d.Action, IDs: []string{r.ID}, Reason: string(d.Theme)}); err != nil {
		return nil, err
	}
	if err := ix.Apply(ctx, []*corpus.Review{r}, nil); err != nil {
		return nil, fmt.Errorf("decision recorded, but re-indexing the review failed: %w", err)
	}
	return ix.effective(r)
}

// MarkChecked records that who checked every suggestion of the review (or
// withdraws the mark when checked is false).
func (ix *Index) MarkChecked(ctx context.Context, reviewID, who string, checked bool) (*corpus.Review, error) {
	if ix.coding == nil {
		return nil, fmt.Errorf("%w: this index keeps no decisions", corpus.ErrInvalid)
	}
	r, err := ix.machineReview(ctx, reviewID)
	if err != nil {
		return nil, err
	}
	by := who
	if !checked {
		by = ""
	}
	if err := ix.coding.setChecked(r.ID, r.Source, by, time.Now().UTC()); err != nil {
		return nil, fmt.Errorf("decision: %w", err)
	}
	action := "checked"
	if !checked {
		action = "unchecked"
	}
	if err := ix.audit(AuditEntry{Who: who, Action: "code:" + action, IDs: []string{r.ID}}); err != nil {
		return nil, err
	}
	if err := ix.Apply(ctx, []*corpus.Review{r}, nil); err != nil {
		return nil, fmt.Errorf("check recorded, but re-indexing the review failed: %w", err)
	}
	return ix.effective(r)
}

// CodedReviews returns the confirmed view of every review with decisions
// or a check, for scoring the tagger against the inspectors.
func (ix *Index) CodedReviews(ctx context.Context) ([]*corpus.Review, []*corpus.Review, error) {
	if ix.coding == nil {
		return nil, nil, nil
	}
	ids, err := ix.coding.reviews()
	if err != nil {
		return nil, nil, fmt.Errorf("decisions: %w", err)
	}
	var machine, human []*corpus.Review
	for id := range ids {
		r, err := ix.machineReview(ctx, id)
		if err != nil {
			continue // a decision on a review no longer indexed
		}
		eff, err := ix.effective(r)
		if err != nil {
			return nil, nil, err
		}
		machine, human = append(machine, r), append(human, eff)
	}
	return machine, human, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// reapplyDecisions writes the coded reviews again, so that their tags hold
// the decisions (after a rebuild made without them).
func (ix *Index) reapplyDecisions(ctx context.Context) error {
	ids, err := ix.coding.reviews()
	if err != nil {
		return fmt.Errorf("decisions: %w", err)
	}
	var put []*corpus.Review
	for id := range ids {
		r, err := ix.machineReview(ctx, id)
		if err != nil {
			continue // decided on a review no longer indexed
		}
		put = append(put, r)
	}
	return ix.Apply(ctx, put, nil)
}

// DecideMany records many decisions (an import) in one write of the store,
// then indexes the reviews they touch in batches. Each must name a sentence
// of its review; the first that does not fails the call before anything is
// recorded.
func (ix *Index) DecideMany(ctx context.Context, ds []corpus.Decision) error {
	if ix.coding == nil {
		return fmt.Errorf("%w: this index keeps no decisions", corpus.ErrInvalid)
	}
	reviews := map[string]*corpus.Review{}
	now := time.Now().UTC()
	for i := range ds {
		d := &ds[i]
		r := reviews[d.ReviewID]
		if r == nil {
			var err error
			if r, err = ix.machineReview(ctx, d.ReviewID); err != nil {
				return err
			}
			reviews[d.ReviewID] = r
		}
		if !themeIDRE.MatchString(string(d.Theme)) || d.Who == "" {
			return fmt.Errorf("%w: decision %d: theme %q by %q", corpus.ErrInvalid, i, d.Theme, d.Who)
		}
		if _, ok := corpus.FindSentence(r.Sections, d.Sentence); !ok {
			return fmt.Errorf("%w: review %s holds no such sentence: %q", corpus.ErrInvalid, d.ReviewID, truncate(d.Sentence, 80))
		}
		d.Source, d.Key = r.Source, corpus.SentenceKey(d.Sentence)
		if d.When.IsZero() {
			d.When = now
		}
	}
	if err := ix.coding.putMany(ds); err != nil {
		return fmt.Errorf("decisions: %w", err)
	}
	put := make([]*corpus.Review, 0, len(reviews))
	for _, r := range reviews {
		put = append(put, r)
		if err := ix.audit(AuditEntry{Who: "import", Action: "code:import", IDs: []string{r.ID}}); err != nil {
			return err
		}
	}
	for len(put) > 0 {
		n := min(len(put), 200)
		if err := ix.Apply(ctx, put[:n], nil); err != nil {
			return fmt.Errorf("decisions recorded, but re-indexing their reviews failed: %w", err)
		}
		put = put[n:]
	}
	return nil
}
