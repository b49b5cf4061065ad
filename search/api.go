package search

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// apiError is the body of every error response.
type apiError struct {
	Error struct {
		Code    string      `json:"code"`
		Message string      `json:"message"`
		Files   []fileState `json:"files,omitempty"`
	} `json:"error"`
}

type codedError struct {
	err   error
	files []fileState
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Unwrap() error { return e.err }

func errorf(kind error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)
}

// statusOf maps an error to its status and code: the one table of it.
func statusOf(err error) (int, string) {
	for _, m := range []struct {
		err    error
		status int
		code   string
	}{
		{errUnauthorized, http.StatusUnauthorized, "unauthorized"},
		{errForbidden, http.StatusForbidden, "forbidden"},
		{corpus.ErrInvalid, http.StatusBadRequest, "invalid_request"},
		{corpus.ErrNotFound, http.StatusNotFound, "not_found"},
		{corpus.ErrTooLarge, http.StatusRequestEntityTooLarge, "too_large"},
		{errBusy, http.StatusServiceUnavailable, "busy"},
		{errSlowUpload, http.StatusRequestTimeout, "upload_timeout"},
		{errRejected, http.StatusUnprocessableEntity, "rejected_files"},
		{corpus.ErrUnsupportedFormat, http.StatusUnprocessableEntity, "unsupported_format"},
		{corpus.ErrMalformed, http.StatusUnprocessableEntity, "malformed_document"},
		{corpus.ErrEmpty, http.StatusUnprocessableEntity, "empty_document"},
		{corpus.ErrEncrypted, http.StatusUnprocessableEntity, "encrypted_document"},
		{corpus.ErrNoTextLayer, http.StatusUnprocessableEntity, "no_text_layer"},
		{corpus.ErrTimeout, http.StatusUnprocessableEntity, "document_timeout"},
		{corpus.ErrNotAReview, http.StatusUnprocessableEntity, "not_a_review"},
		{errNoCases, http.StatusNotImplemented, "not_implemented"},
		{errNoCoding, http.StatusNotImplemented, "not_implemented"},
		{errNoExport, http.StatusNotImplemented, "not_implemented"},
		{errNoSaved, http.StatusNotImplemented, "not_implemented"},
		{context.DeadlineExceeded, http.StatusServiceUnavailable, "timeout"},
	} {
		if errors.Is(err, m.err) {
			return m.status, m.code
		}
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, "too_large"
	}
	return http.StatusInternalServerError, "internal"
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, code := statusOf(err)
	var body apiError
	body.Error.Code = code
	body.Error.Message = err.Error()
	var ce *codedError
	if errors.As(err, &ce) {
		body.Error.Files = ce.files
	}
	if status >= 500 && !errors.Is(err, errBusy) {
		// A real fault: log it, tell the caller little. Query text is
		// personal data: it never reaches the log.
		msg := err.Error()
		if q := r.URL.Query().Get("q"); q != "" {
			msg = strings.ReplaceAll(msg, q, "[query]")
		}
		s.log.Error("request failed", "endpoint", r.Pattern, "err", msg)
		body.Error.Message = "internal error; it has been logged"
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request, _ identity) error {
	tables := "ready"
	if s.opts.Tables != nil {
		tables = s.opts.Tables()
	}
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "search_tables": tables})
}

func (s *Server) whoami(w http.ResponseWriter, _ *http.Request, who identity) error {
	type themeInfo struct {
		ID          string `json:"id"`
		Label       string `json:"label"`
		Description string `json:"description,omitempty"`
	}
	var info []themeInfo
	for _, t := range s.themeIDs() {
		info = append(info, themeInfo{string(t), corpus.ThemeLabel(t), corpus.ThemeDescription(t)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"name": who.name, "role": string(who.role), "open_access": len(s.tokens) == 0, "themes": s.opts.Themes, "theme_info": info})
}

// filterFrom reads the shared filter parameters and checks their values:
// a value that names nothing is a 400 naming the nearest valid ones.
func (s *Server) filterFrom(r *http.Request) (corpus.Filter, error) {
	f, err := rawFilter(r)
	if err != nil {
		return f, err
	}
	return corpus.CheckFilter(f, s.themeIDs())
}

func rawFilter(r *http.Request) (corpus.Filter, error) {
	q := r.URL.Query()
	f := corpus.Filter{Themes: q["theme"], Sections: q["section"], IncidentTypes: q["incident_type"], Years: q["year"],
		From: q.Get("from"), To: q.Get("to"), Confirmed: q.Get("confirmed") == "true"}
	for _, a := range q["authority"] {
		if c, ok := corpus.CanonicalAuthority(a); ok {
			a = c
		}
		f.Authorities = append(f.Authorities, a)
	}
	for _, t := range f.Themes {
		if len(t) > 64 {
			return f, errorf(corpus.ErrInvalid, "theme id too long")
		}
	}
	return f, nil
}

func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, errorf(corpus.ErrInvalid, "%s=%q: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

func (s *Server) search(w http.ResponseWriter, r *http.Request, who identity) error {
	f, err := s.filterFrom(r)
	if err != nil {
		return err
	}
	size, err := intParam(r, "size", 10, 1, corpus.MaxSearchSize)
	if err != nil {
		return err
	}
	page, err := intParam(r, "page", 1, 1, corpus.MaxOffset/size+1)
	if err != nil {
		return err
	}
	text := r.URL.Query().Get("q")
	if len(text) > corpus.MaxQueryLength {
		return errorf(corpus.ErrInvalid, "q is longer than %d characters", corpus.MaxQueryLength)
	}
	// A researcher searches the researcher view only: the redacted text,
	// made when the review was indexed. Words match it, snippets are cut
	// from it, and no source path comes back, so a name or a cut-off
	// sentence can reveal nothing.
	q := corpus.Query{Text: text, Filter: f, Size: size, Offset: (page - 1) * size, Highlight: true, Redacted: who.role != RoleInspector}
	switch r.URL.Query().Get("facets") {
	case "", "true", "1":
	case "false", "0":
		q.NoFacets = true
	default:
		return errorf(corpus.ErrInvalid, "facets=%q: want true or false", r.URL.Query().Get("facets"))
	}
	asCSV := r.URL.Query().Get("format") == "csv"
	// Results come by review unless sections are asked for; a CSV export
	// has a row per section.
	switch g := r.URL.Query().Get("group"); {
	case g == "" && !asCSV, g == corpus.GroupReview:
		q.Group = corpus.GroupReview
	case g == "" && asCSV, g == corpus.GroupSection:
		q.Group = corpus.GroupSection
	default:
		return errorf(corpus.ErrInvalid, "group=%q: want review or section", g)
	}
	if asCSV {
		return s.exportHitsCSV(w, r, q)
	}
	res, err := s.searcher.Search(r.Context(), q)
	if err != nil {
		return err
	}
	if q.Redacted {
		return writeJSON(w, http.StatusOK, struct {
			Group         string                      `json:"group"`
			Total         int                         `json:"total"`
			TotalSections int                         `json:"total_sections"`
			Hits          []corpus.Hit                `json:"hits"`
			Reviews       []corpus.ReviewHit          `json:"reviews,omitempty"`
			Facets        map[string][]protectedFacet `json:"facets"`
		}{res.Group, res.Total, res.TotalSections, res.Hits, res.Reviews, protectFacets(res.Facets, s.opts.MinCount)})
	}
	return writeJSON(w, http.StatusOK, res)
}

var tagRE = strings.NewReplacer("<mark>", "", "</mark>", "")

// exportHitsCSV writes every match of the search as CSV, a page at a time
// (not the one page of the JSON answer), up to corpus.MaxOffset+page
// matches; X-Total-Count says how many match and X-Rows-Written how many
// were written, so a cut is never silent.
func (s *Server) exportHitsCSV(w http.ResponseWriter, r *http.Request, q corpus.Query) error {
	q.Size, q.Offset, q.NoFacets = corpus.MaxSearchSize, 0, true
	first, err := s.searcher.Search(r.Context(), q)
	if err != nil {
		return err
	}
	limit := corpus.MaxOffset + corpus.MaxSearchSize
	w.Header().Set("X-Total-Count", strconv.Itoa(first.Total))
	w.Header().Set("X-Rows-Written", strconv.Itoa(min(first.Total, limit)))
	if first.Total > limit {
		w.Header().Set("X-Truncated", fmt.Sprintf("the first %d of %d matches; narrow the search for the rest", limit, first.Total))
	}
	res := first
	pages := []*corpus.SearchResult{}
	for {
		pages = append(pages, res)
		q.Offset += q.Size
		if q.Offset >= first.Total || q.Offset > corpus.MaxOffset {
			break
		}
		if res, err = s.searcher.Search(r.Context(), q); err != nil {
			return err
		}
	}
	return writeHitsCSV(w, pages...)
}

func writeHitsCSV(w http.ResponseWriter, pages ...*corpus.SearchResult) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="sirlearn-search.csv"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"review_id", "authority", "incident_date", "incident_type", "section", "heading", "page", "snippet", "themes"})
	row := func(h corpus.Hit, themes []string) {
		page := ""
		if h.Page > 0 {
			page = strconv.Itoa(h.Page)
		}
		cw.Write([]string{h.ReviewID, h.Authority, h.IncidentDate, h.IncidentType, h.Section, h.Heading, page,
			htmlUnescape(tagRE.Replace(h.Snippet)), strings.Join(themes, " ")})
	}
	for _, res := range pages {
		for _, h := range res.Hits {
			row(h, h.Themes)
		}
		for _, rh := range res.Reviews { // grouped: the sections shown of each review
			for _, h := range rh.Sections {
				row(h, rh.Themes)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func (s *Server) themes(w http.ResponseWriter, r *http.Request, who identity) error {
	f, err := s.filterFrom(r)
	if err != nil {
		return err
	}
	tab, err := s.searcher.Themes(r.Context(), f, r.URL.Query().Get("by"))
	if err != nil {
		return err
	}
	// A researcher's figures have their small counts protected; an
	// inspector's are exact.
	pt := protectThemes(tab, s.opts.MinCount)
	if who.role == RoleInspector {
		pt = protectThemes(tab, 0)
	}
	if r.URL.Query().Get("format") == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="sirlearn-themes.csv"`)
		cw := csv.NewWriter(w)
		cw.Write(append([]string{"theme", "reviews", "authorities"}, tab.Columns...))
		for _, row := range pt.Rows {
			rec := []string{row.Theme, row.Reviews.String(), strconv.Itoa(row.Authorities)}
			for _, c := range tab.Columns {
				rec = append(rec, row.By[c].String())
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	if who.role == RoleInspector {
		return writeJSON(w, http.StatusOK, tab)
	}
	return writeJSON(w, http.StatusOK, pt)
}

// timelinessRows reads the timeliness figures a request asks for (by year
// or authority, under its filters), and the smallest count its caller may
// see exactly (0 for an inspector).
func (s *Server) timelinessRows(r *http.Request, who identity) ([]corpus.TimelinessRow, string, int, error) {
	f, err := s.filterFrom(r)
	if err != nil {
		return nil, "", 0, err
	}
	by := r.URL.Query().Get("by")
	if by == "" {
		by = "year"
	}
	rows, err := s.searcher.Timeliness(r.Context(), f, by)
	if err != nil {
		return nil, "", 0, err
	}
	return rows, by, s.minFor(who), nil
}

// minFor is the smallest count a caller sees exactly: every count for an
// inspector, serve.min_count for the others.
func (s *Server) minFor(who identity) int {
	if who.role == RoleInspector {
		return 0
	}
	return s.opts.MinCount
}

func (s *Server) timeliness(w http.ResponseWriter, r *http.Request, who identity) error {
	rows, by, min, err := s.timelinessRows(r, who)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("format") == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="sirlearn-timeliness.csv"`)
		cw := csv.NewWriter(w)
		cw.Write([]string{by, "notifications", "reviews", "notifications_known", "notifications_on_time", "notification_on_time_share", "reviews_known", "reviews_on_time", "review_on_time_share"})
		share := func(p *float64) string {
			if p == nil {
				return ""
			}
			return strconv.FormatFloat(*p, 'f', 3, 64)
		}
		for _, p := range protectTimeliness(rows, min) {
			cw.Write([]string{p.Key, p.Notifications.String(), p.Reviews.String(), p.NotificationsKnown.String(), p.NotificationsOnTime.String(), share(p.NotificationShare),
				p.ReviewsKnown.String(), p.ReviewsOnTime.String(), share(p.ReviewShare)})
		}
		cw.Flush()
		return cw.Error()
	}
	if min > 0 {
		return writeJSON(w, http.StatusOK, map[string]any{"by": by, "rows": protectTimeliness(rows, min), "min_count": min})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"by": by, "rows": rows})
}

func (s *Server) review(w http.ResponseWriter, r *http.Request, _ identity) error {
	id, err := s.resolveID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	rev, err := s.searcher.Review(r.Context(), id)
	if err != nil {
		return err
	}
	// With its quality checklist, against its case (the notification's
	// dates, the Part Two).
	var c *corpus.Case
	if ck, err := s.caseKeeper(); err == nil {
		c, _ = ck.CaseOf(r.Context(), rev.ID)
	}
	return writeJSON(w, http.StatusOK, struct {
		*corpus.Review
		Quality []corpus.QAItem `json:"quality"`
	}{rev, corpus.QualityChecklist(rev, c)})
}

// fileState reports what happened to one uploaded file.
type fileState struct {
	File   string `json:"file"`
	ID     string `json:"id,omitempty"`
	Status string `json:"status"` // created, exists, rejected
	Reason string `json:"reason,omitempty"`
}

// upload ingests every file of a multipart request. Each file goes into
// the index whole or not at all; the response lists each file's outcome,
// with 422 when any was rejected.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, _ identity) error {
	select {
	case s.uploads <- struct{}{}:
		defer func() { <-s.uploads }()
	default:
		w.Header().Set("Retry-After", "5")
		return errorf(errBusy, "%d uploads are being read already (serve.max_concurrent_uploads); retry later", cap(s.uploads))
	}
	// The time limit covers the body too: a client that sends slowly is cut
	// off at serve.handler_timeout.
	if err := http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.opts.HandlerTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("upload read deadline: %w", err)
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUploadBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return errorf(corpus.ErrInvalid, "want multipart/form-data with one or more file parts: %v", err)
	}
	var states []fileState
	rejected := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return &codedError{err: errorf(corpus.ErrTooLarge, "request body over %d bytes; the files listed were handled before the limit", s.opts.MaxUploadBytes), files: states}
			}
			if isTimeout(err) {
				return &codedError{err: errorf(errSlowUpload, "the upload did not arrive within %s (serve.handler_timeout); the files listed were handled before", s.opts.HandlerTimeout), files: states}
			}
			return &codedError{err: errorf(corpus.ErrInvalid, "multipart: %v", err), files: states}
		}
		if part.FileName() == "" {
			part.Close()
			continue
		}
		st, err := s.ingestPart(r.Context(), part)
		part.Close()
		if err != nil {
			return &codedError{err: err, files: states}
		}
		if st.Status == "rejected" {
			rejected++
		}
		states = append(states, st)
	}
	if len(states) == 0 {
		return errorf(corpus.ErrInvalid, "no file parts in the upload")
	}
	if rejected > 0 {
		rest := "; the others were indexed"
		if rejected == len(states) {
			rest = ""
		}
		return &codedError{err: fmt.Errorf("%w: %d of %d files rejected%s", errRejected, rejected, len(states), rest), files: states}
	}
	status := http.StatusOK
	for _, st := range states {
		if st.Status == "created" {
			status = http.StatusCreated
		}
	}
	return writeJSON(w, status, map[string]any{"files": states})
}

func (s *Server) ingestPart(ctx context.Context, part *multipart.Part) (fileState, error) {
	name := part.FileName()
	st := fileState{File: name}
	// The file's size is checked as it arrives, never after holding it all.
	data, err := io.ReadAll(io.LimitReader(part, s.opts.MaxFileBytes+1))
	if err == nil && int64(len(data)) > s.opts.MaxFileBytes {
		data = nil
		if _, err = io.Copy(io.Discard, part); err == nil {
			st.Status = "rejected"
			st.Reason = fmt.Sprintf("%v: over the %d-byte limit (ingest.max_bytes)", corpus.ErrTooLarge, s.opts.MaxFileBytes)
			return st, nil
		}
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return st, errorf(corpus.ErrTooLarge, "request body over %d bytes", s.opts.MaxUploadBytes)
		}
		if isTimeout(err) {
			return st, errorf(errSlowUpload, "the upload did not arrive within %s (serve.handler_timeout)", s.opts.HandlerTimeout)
		}
		return st, errorf(corpus.ErrInvalid, "reading %s: %v", name, err)
	}
	rev, created, err := s.uploader.Ingest(ctx, name, data)
	if err != nil {
		status, _ := statusOf(err)
		if status >= 500 {
			return st, err
		}
		reason := err.Error()
		if i := strings.Index(reason, name+": "); i >= 0 && i < 40 {
			reason = reason[i+len(name)+2:]
		}
		st.Status, st.Reason = "rejected", reason
		return st, nil
	}
	st.ID, st.Status = rev.ID, "exists"
	if created {
		st.Status = "created"
	}
	return st, nil
}

func (s *Server) openapi(w http.ResponseWriter, _ *http.Request, _ identity) error {
	b, err := webFS.ReadFile("web/openapi.json")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = w.Write(b)
	return err
}

// isTimeout reports a read that hit its deadline.
func isTimeout(err error) bool {
	var ne interface{ Timeout() bool }
	return errors.As(err, &ne) && ne.Timeout()
}
