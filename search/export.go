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
	"github.com/sirlearn/sirlearn/internal/report"
)

// Exporter walks reviews and cases; *index.Index implements it.
type Exporter interface {
	EachReview(ctx context.Context, f corpus.Filter, fn func(*corpus.Review) error) error
	AllCases(ctx context.Context, f corpus.Filter) ([]corpus.Case, error)
}

var errNoExport = errors.New("this server's index cannot export")

func (s *Server) exporter() (Exporter, error) { return capability[Exporter](s, errNoExport) }

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
	rows := Dataset(cases, s.themeIDs(), s.minFor(who))
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

// BuildReport makes the national report from every case and case review.
func BuildReport(ctx context.Context, e Exporter, opts report.Options) (*report.Report, error) {
	cases, err := e.AllCases(ctx, corpus.Filter{})
	if err != nil {
		return nil, err
	}
	reviews := map[string]*corpus.Review{}
	if err := e.EachReview(ctx, corpus.Filter{}, func(r *corpus.Review) error {
		if r.DocumentKind != corpus.KindNotification {
			r.Sections = slimSections(r.Sections)
			reviews[r.ID] = r
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return report.Build(cases, reviews, opts), nil
}

// slimSections keeps what the checklist reads: the kinds, headings, and
// the learning sections' text.
func slimSections(secs []corpus.Section) []corpus.Section {
	out := make([]corpus.Section, len(secs))
	for i, s := range secs {
		out[i] = corpus.Section{Kind: s.Kind, Heading: s.Heading, Text: s.Text}
		if s.Kind != corpus.SectionLearning && len(s.Text) > 200 {
			out[i].Text = s.Text[:200] // enough to count as discussed
		}
	}
	return out
}

// report serves the national report: GET /api/report?format=html|md with
// from, to, compare_from, compare_to and k. A researcher's report hides
// small counts.
func (s *Server) report(w http.ResponseWriter, r *http.Request, who identity) error {
	e, err := s.exporter()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	for _, k := range []string{"from", "to", "compare_from", "compare_to"} {
		if v := q.Get(k); v != "" {
			if _, err := time.Parse(time.DateOnly, v); err != nil {
				return errorf(corpus.ErrInvalid, "%s=%q: want YYYY-MM-DD", k, v)
			}
		}
	}
	k, err := intParam(r, "k", 3, 1, 32)
	if err != nil {
		return err
	}
	opts := report.Options{From: q.Get("from"), To: q.Get("to"), CompareFrom: q.Get("compare_from"), CompareTo: q.Get("compare_to"), K: k,
		Themes: s.themeIDs(), Generated: time.Now(), Accuracy: s.accuracy(r.Context())}
	opts.Min = s.minFor(who)
	rep, err := BuildReport(r.Context(), e, opts)
	if err != nil {
		return err
	}
	switch q.Get("format") {
	case "", "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		return rep.WriteHTML(w)
	case "md":
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		return rep.WriteMarkdown(w)
	}
	return errorf(corpus.ErrInvalid, "format %q: want html or md (the CLI prints PDF)", q.Get("format"))
}

// accuracy states the tagger's agreement with inspectors for the method
// note, "" when nobody has coded.
func (s *Server) accuracy(ctx context.Context) string {
	c, err := s.coder()
	if err != nil || s.opts.Accuracy == nil {
		return ""
	}
	m, h, err := c.CodedReviews(ctx)
	if err != nil || len(m) == 0 {
		return ""
	}
	return s.opts.Accuracy(m, h)
}

// actions answers GET /api/actions?format=csv|jsonl: every recommendation
// and action the reviews under the filter set (inspectors).
func (s *Server) actions(w http.ResponseWriter, r *http.Request, _ identity) error {
	e, err := s.exporter()
	if err != nil {
		return err
	}
	f, err := s.filterFrom(r)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format != "" && format != "csv" && format != "jsonl" {
		return errorf(corpus.ErrInvalid, "format %q: want csv or jsonl", format)
	}
	var rows []ActionRow
	if err := e.EachReview(r.Context(), f, func(rv *corpus.Review) error {
		rows = append(rows, ActionRows(rv)...)
		return nil
	}); err != nil {
		return err
	}
	if format == "jsonl" {
		w.Header().Set("Content-Type", "application/x-ndjson")
		return WriteActionsJSONL(w, rows)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="sirlearn-actions.csv"`)
	return WriteActionsCSV(w, rows)
}
