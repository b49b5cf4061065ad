package search

// Saved searches and their alerts (inspectors).

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/sirlearn/sirlearn/corpus"
)

// SearchKeeper keeps saved searches; *index.Index implements it.
type SearchKeeper interface {
	SaveSearch(ctx context.Context, s corpus.SavedSearch) error
	SavedSearches(ctx context.Context) ([]corpus.SavedSearch, error)
	SeenAlerts(ctx context.Context, name string) error
	DeleteSearch(ctx context.Context, name string) error
}

var errNoSaved = errors.New("this server's index keeps no saved searches")

func (s *Server) keeper() (SearchKeeper, error) { return capability[SearchKeeper](s, errNoSaved) }

// saveSearch stores the search: POST /api/searches with {"name", "q",
// "filter": {...}} or the search's own query parameters.
func (s *Server) saveSearch(w http.ResponseWriter, r *http.Request, who identity) error {
	k, err := s.keeper()
	if err != nil {
		return err
	}
	var body struct {
		Name   string        `json:"name"`
		Query  string        `json:"q"`
		Filter corpus.Filter `json:"filter"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&body); err != nil {
		return errorf(corpus.ErrInvalid, `want a JSON body {"name": "...", "q": "...", "filter": {...}}: %v`, err)
	}
	f, err := corpus.CheckFilter(body.Filter, s.themeIDs())
	if err != nil {
		return err
	}
	ss := corpus.SavedSearch{Name: body.Name, Query: body.Query, Filter: f, Owner: who.name}
	if err := k.SaveSearch(r.Context(), ss); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, ss)
}

func (s *Server) savedSearches(w http.ResponseWriter, r *http.Request, _ identity) error {
	k, err := s.keeper()
	if err != nil {
		return err
	}
	ss, err := k.SavedSearches(r.Context())
	if err != nil {
		return err
	}
	if ss == nil {
		ss = []corpus.SavedSearch{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"searches": ss})
}

func (s *Server) seenAlerts(w http.ResponseWriter, r *http.Request, _ identity) error {
	k, err := s.keeper()
	if err != nil {
		return err
	}
	if err := k.SeenAlerts(r.Context(), r.PathValue("name")); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]string{"seen": r.PathValue("name")})
}

func (s *Server) deleteSearch(w http.ResponseWriter, r *http.Request, _ identity) error {
	k, err := s.keeper()
	if err != nil {
		return err
	}
	if err := k.DeleteSearch(r.Context(), r.PathValue("name")); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]string{"deleted": r.PathValue("name")})
}
