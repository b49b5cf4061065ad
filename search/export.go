package search

// Exports: the REFI-QDA project (inspectors) and the case x theme dataset
// (researchers and inspectors).

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/internal/qdpx"
)

// Exporter walks reviews and cases; *index.Index implements it.
type Exporter interface {
	EachReview(ctx context.Context, f corpus.Filter, fn func(*corpus.Review) error) error
	AllCases(ctx context.Context, f corpus.Filter) ([]corpus.Case, error)
}

var errNoExport = errors.New("this server's index cannot export")

func (s *Server) exporter() (Exporter, error) {
	e, ok := s.searcher.(Exporter)
	if !ok {
		return nil, errNoExport
	}
	return e, nil
}

func (s *Server) themeIDs() []corpus.ThemeID {
	if len(s.opts.Themes) == 0 {
		return corpus.ThemeIDs()
	}
	out := make([]corpus.ThemeID, len(s.opts.Themes))
	for i, t := range s.opts.Themes {
		out[i] = corpus.ThemeID(t)
	}
	return out
}

// BuildProject makes the REFI-QDA project of the reviews under the filter.
func BuildProject(ctx context.Context, e Exporter, f corpus.Filter, themes []corpus.ThemeID, now time.Time) (*qdpx.Project, error) {
	var reviews []*corpus.Review
	if err := e.EachReview(ctx, f, func(r *corpus.Review) error {
		reviews = append(reviews, r)
		return nil
	}); err != nil {
		return nil, err
	}
	cases, err := e.AllCases(ctx, corpus.Filter{})
	if err != nil {
		return nil, err
	}
	return qdpx.FromReviews("sirlearn export "+now.UTC().Format(time.DateOnly), now, themes, reviews, cases)
}

func (s *Server) exportQDPX(w http.ResponseWriter, r *http.Request, _ identity) error {
	e, err := s.exporter()
	if err != nil {
		return err
	}
	f, err := s.filterFrom(r)
	if err != nil {
		return err
	}
	p, err := BuildProject(r.Context(), e, f, s.themeIDs(), time.Now())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="sirlearn.qdpx"`)
	return qdpx.Write(w, p)
}

func (s *Server) dataset(w http.ResponseWriter, r *http.Request, who identity) error {
	e, err := s.exporter()
	if err != nil {
		return err
	}
	f, err := s.filterFrom(r)
	if err != nil {
		return err
	}
	cases, err := e.AllCases(r.Context(), f)
	if err != nil {
		return err
	}
	min := s.opts.MinCount
	if who.role == RoleInspector {
		min = 0
	}
	rows := Dataset(cases, s.themeIDs(), min)
	switch r.URL.Query().Get("format") {
	case "", "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="sirlearn-cases.csv"`)
		return WriteDatasetCSV(w, rows, s.themeIDs())
	case "jsonl":
		w.Header().Set("Content-Type", "application/x-ndjson")
		return WriteDatasetJSONL(w, rows)
	}
	return errorf(corpus.ErrInvalid, "format %q: want csv or jsonl", r.URL.Query().Get("format"))
}
