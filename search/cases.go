package search

// Cases: listing the incidents and an inspector's corrections to them.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// CaseKeeper lists cases and applies an inspector's corrections;
// *index.Index implements it.
type CaseKeeper interface {
	Cases(ctx context.Context, f corpus.Filter, size, offset int) (int, []corpus.Case, error)
	CaseOf(ctx context.Context, reviewID string) (*corpus.Case, error)
	EditCase(ctx context.Context, action string, ids []string, who string) (*corpus.Case, error)
	Remove(ctx context.Context, id, who, reason string) (*corpus.Review, error)
}

var errNoCases = errors.New("this server's index keeps no cases")

func (s *Server) caseKeeper() (CaseKeeper, error) { return capability[CaseKeeper](s, errNoCases) }

// idResolver finds the review an id prefix names; *index.Index implements it.
type idResolver interface {
	ResolveID(ctx context.Context, prefix string) (string, error)
}

// resolveID returns the full review id of an id or of a unique prefix of
// one (the CLI prints 12 digits).
func (s *Server) resolveID(ctx context.Context, id string) (string, error) {
	if res, ok := s.searcher.(idResolver); ok {
		return res.ResolveID(ctx, id)
	}
	if len(id) != 64 || strings.Trim(id, "0123456789abcdef") != "" {
		return "", errorf(corpus.ErrNotFound, "review %q", id)
	}
	return id, nil
}

func (s *Server) cases(w http.ResponseWriter, r *http.Request, _ identity) error {
	ck, err := s.caseKeeper()
	if err != nil {
		return err
	}
	f, err := s.filterFrom(r)
	if err != nil {
		return err
	}
	size, err := intParam(r, "size", 50, 1, 500)
	if err != nil {
		return err
	}
	offset, err := intParam(r, "offset", 0, 0, 1000000)
	if err != nil {
		return err
	}
	total, cs, err := ck.Cases(r.Context(), f, size, offset)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"total": total, "cases": cs})
}

func (s *Server) caseOf(w http.ResponseWriter, r *http.Request, _ identity) error {
	ck, err := s.caseKeeper()
	if err != nil {
		return err
	}
	id, err := s.resolveID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	c, err := ck.CaseOf(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// editCase joins, splits or unlinks documents: POST /api/cases/{action}
// with {"ids": [...]}.
func (s *Server) editCase(w http.ResponseWriter, r *http.Request, who identity) error {
	ck, err := s.caseKeeper()
	if err != nil {
		return err
	}
	var body struct {
		IDs []string `json:"ids"`
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		return errorf(corpus.ErrInvalid, `want a JSON body {"ids": ["<review id>", ...]}: %v`, err)
	}
	for i, id := range body.IDs {
		if body.IDs[i], err = s.resolveID(r.Context(), id); err != nil {
			return err
		}
	}
	c, err := ck.EditCase(r.Context(), r.PathValue("action"), body.IDs, who.name)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// remove deletes a wrongly uploaded document: DELETE /api/reviews/{id},
// with an optional reason; the index's audit journal records it.
func (s *Server) remove(w http.ResponseWriter, r *http.Request, who identity) error {
	ck, err := s.caseKeeper()
	if err != nil {
		return err
	}
	id, err := s.resolveID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	reason := r.URL.Query().Get("reason")
	if len(reason) > 500 {
		return errorf(corpus.ErrInvalid, "reason longer than 500 characters")
	}
	rev, err := ck.Remove(r.Context(), id, who.name, reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"removed": rev.ID, "source": rev.Source})
}

// similar answers GET /api/reviews/{id}/similar: the reviews most like
// it, with the themes they share (inspectors; a review's page).
func (s *Server) similar(w http.ResponseWriter, r *http.Request, _ identity) error {
	sf, ok := s.searcher.(SimilarFinder)
	if !ok {
		return errNoCases
	}
	id, err := s.resolveID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	size, err := intParam(r, "size", 10, 1, 50)
	if err != nil {
		return err
	}
	out, err := sf.Similar(r.Context(), id, size, false)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"review_id": id, "similar": out})
}
