package index

// The audit journal: every removal and every hand-made change to cases,
// who made it and when, beside the index.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// AuditEntry is one line of the audit journal.
type AuditEntry struct {
	Time   string   `json:"time"`
	Who    string   `json:"who"`
	Action string   `json:"action"` // remove, join, split, unlink
	IDs    []string `json:"ids"`
	Source string   `json:"source,omitempty"`
	Case   string   `json:"case,omitempty"`
	Reason string   `json:"reason,omitempty"`
}

// AuditPath is the journal's file in the index folder.
func (ix *Index) AuditPath() string { return filepath.Join(ix.path, "audit.jsonl") }

// audit appends the entry to the journal and syncs it, before the change
// it records is answered as done.
func (ix *Index) audit(e AuditEntry) error {
	e.Time = time.Now().UTC().Format(time.RFC3339)
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	ix.auditMu.Lock()
	defer ix.auditMu.Unlock()
	f, err := os.OpenFile(ix.AuditPath(), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("audit journal: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("audit journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("audit journal: %w", err)
	}
	return f.Close()
}

// Remove deletes a document (a wrong upload) from the index with its
// sections, relinks its case, and records who removed it and why.
func (ix *Index) Remove(ctx context.Context, id, who, reason string) (*corpus.Review, error) {
	r, err := ix.Review(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("remove: %w", err)
	}
	if err := ix.Delete(ctx, []string{r.ID}); err != nil {
		return nil, fmt.Errorf("remove %s: %w", r.Source, err)
	}
	if err := ix.audit(AuditEntry{Who: who, Action: "remove", IDs: []string{r.ID}, Source: r.Source, Reason: reason}); err != nil {
		return r, fmt.Errorf("removed %s, but %w", r.Source, err)
	}
	return r, nil
}

// EditCase joins documents into one case ("join"), takes one into a case
// of its own ("split") or returns documents to automatic linking
// ("unlink"), and records who did it.
func (ix *Index) EditCase(ctx context.Context, action string, ids []string, who string) (*corpus.Case, error) {
	var (
		c   *corpus.Case
		err error
	)
	switch action {
	case "join":
		c, err = ix.JoinCases(ctx, ids)
	case "split":
		if len(ids) != 1 {
			return nil, fmt.Errorf("%w: split takes one document", corpus.ErrInvalid)
		}
		c, err = ix.SplitCase(ctx, ids[0])
	case "unlink":
		c, err = ix.UnlinkCase(ctx, ids)
	default:
		return nil, fmt.Errorf("%w: case action %q: want join, split or unlink", corpus.ErrInvalid, action)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", action, err)
	}
	if err := ix.audit(AuditEntry{Who: who, Action: action, IDs: ids, Case: c.ID}); err != nil {
		return c, fmt.Errorf("%s done, but %w", action, err)
	}
	return c, nil
}
