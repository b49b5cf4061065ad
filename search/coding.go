package search

// Coding: an inspector accepts, rejects and adds themes on the review page.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/sirlearn/sirlearn/corpus"
)

// Coder records inspectors' decisions; *index.Index implements it.
type Coder interface {
	Decide(ctx context.Context, d corpus.Decision) (*corpus.Review, error)
	MarkChecked(ctx context.Context, reviewID, who string, checked bool) (*corpus.Review, error)
	CodedReviews(ctx context.Context) (machine, human []*corpus.Review, err error)
}

var errNoCoding = errors.New("this server's index keeps no decisions")

func (s *Server) coder() (Coder, error) { return capability[Coder](s, errNoCoding) }

// decide records one decision: POST /api/reviews/{id}/decisions with
// {"action", "theme", "sentence", "polarity", "section", "note"}.
func (s *Server) decide(w http.ResponseWriter, r *http.Request, who identity) error {
	c, err := s.coder()
	if err != nil {
		return err
	}
	id, err := s.resolveID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var body struct {
		Action   string             `json:"action"`
		Theme    corpus.ThemeID     `json:"theme"`
		Sentence string             `json:"sentence"`
		Polarity corpus.Polarity    `json:"polarity"`
		Section  corpus.SectionKind `json:"section"`
		Note     string             `json:"note"`
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		return errorf(corpus.ErrInvalid, `want a JSON body {"action": "accept|reject|add|clear", "theme": "...", "sentence": "..."}: %v`, err)
	}
	if len(s.opts.Themes) > 0 && !contains(s.opts.Themes, string(body.Theme)) {
		return errorf(corpus.ErrInvalid, "theme %q is not in the taxonomy", body.Theme)
	}
	if len(body.Note) > 2000 || len(body.Sentence) > 4000 {
		return errorf(corpus.ErrInvalid, "sentence or note too long")
	}
	rev, err := c.Decide(r.Context(), corpus.Decision{ReviewID: id, Sentence: body.Sentence, Section: body.Section, Theme: body.Theme,
		Polarity: body.Polarity, Action: body.Action, Who: who.name, Note: body.Note})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rev)
}

// checked marks a review checked: PUT /api/reviews/{id}/checked with
// {"checked": true|false}.
func (s *Server) checked(w http.ResponseWriter, r *http.Request, who identity) error {
	c, err := s.coder()
	if err != nil {
		return err
	}
	id, err := s.resolveID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var body struct {
		Checked *bool `json:"checked"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<10)).Decode(&body); err != nil || body.Checked == nil {
		return errorf(corpus.ErrInvalid, `want a JSON body {"checked": true} or {"checked": false}`)
	}
	rev, err := c.MarkChecked(r.Context(), id, who.name, *body.Checked)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rev)
}

// evalHuman scores the tagger against the inspectors' decisions.
func (s *Server) evalHuman(w http.ResponseWriter, r *http.Request, _ identity) error {
	c, err := s.coder()
	if err != nil {
		return err
	}
	if s.opts.ScoreHuman == nil {
		return errNoCoding
	}
	m, h, err := c.CodedReviews(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.opts.ScoreHuman(m, h))
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
