package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
	"github.com/sirlearn/sirlearn/search"
)

// When a server holds the index, the commands go through its API instead
// of waiting for the lock: index uploads the files, search and themes query.

// apiClient talks to a running sirlearn server.
type apiClient struct {
	base  string
	token string
	http  *http.Client
}

// serverClient returns a client for the server holding the index, with a
// configured token whose role is one of roles.
func (a *app) serverClient(le *index.LockedError, roles ...search.Role) (*apiClient, error) {
	if le.Holder.Addr == "" {
		return nil, le
	}
	tokens, err := a.tokens()
	if err != nil {
		return nil, err
	}
	if len(tokens) == 0 {
		if ts, _, err := a.demoTokensIfPresent(); err == nil {
			tokens = ts
		}
	}
	for _, want := range roles {
		for _, t := range tokens {
			if t.Role == want {
				return &apiClient{base: le.Holder.Addr, token: t.Secret, http: &http.Client{Timeout: 10 * time.Minute}}, nil
			}
		}
	}
	if len(tokens) == 0 {
		// A server without tokens accepts anonymous requests on loopback.
		return &apiClient{base: le.Holder.Addr, http: &http.Client{Timeout: 10 * time.Minute}}, nil
	}
	return nil, fmt.Errorf("%w; no configured token has the role %v to use it", le, roles)
}

// demoTokensIfPresent reads <data-dir>/tokens.yaml without creating it.
func (a *app) demoTokensIfPresent() ([]search.Token, string, error) {
	path := filepath.Join(a.v.GetString("data_dir"), "tokens.yaml")
	if _, err := os.Stat(path); err != nil {
		return nil, "", err
	}
	return a.demoTokens(a.v.GetString("data_dir"))
}

// busyError is a server's 503: too many uploads at once, come back later.
type busyError struct {
	base string
	wait time.Duration
}

func (e *busyError) Error() string {
	return fmt.Sprintf("server %s is busy; retry after %s", e.base, e.wait)
}

// roundTrip sends the request with the client's token.
func (c *apiClient) roundTrip(req *http.Request) (*http.Response, error) {
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("server %s: %w", c.base, err)
	}
	return res, nil
}

func (c *apiClient) do(req *http.Request, out any) error {
	res, err := c.roundTrip(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("server %s: %w", c.base, err)
	}
	if ra := res.Header.Get("Retry-After"); res.StatusCode == http.StatusServiceUnavailable && ra != "" {
		// Busy (its uploads at serve.max_concurrent_uploads): come back then.
		wait, err := strconv.Atoi(ra)
		if err != nil || wait < 1 {
			wait = 1
		}
		return &busyError{base: c.base, wait: time.Duration(min(wait, 30)) * time.Second}
	}
	if res.StatusCode >= 400 {
		var e struct {
			Error struct {
				Code    string            `json:"code"`
				Message string            `json:"message"`
				Files   []json.RawMessage `json:"files"`
			} `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error.Code != "" {
			if out != nil && len(e.Error.Files) > 0 && res.StatusCode == http.StatusUnprocessableEntity {
				// A partly rejected upload: the per-file outcomes are the answer.
				return json.Unmarshal(body, &struct {
					Error any `json:"error"`
				}{Error: out})
			}
			return fmt.Errorf("server %s: %s (%s)", c.base, e.Error.Message, e.Error.Code)
		}
		return fmt.Errorf("server %s: HTTP %d", c.base, res.StatusCode)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(body, out)
}

func (c *apiClient) get(ctx context.Context, path string, q url.Values, out any) error {
	req, err := http.NewRequestWithContext(ctx, "GET", c.base+path+"?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	return c.do(req, out)
}

type uploadState struct {
	File   string `json:"file"`
	ID     string `json:"id"`
	Status string `json:"status"`
	Reason string `json:"reason"`
}

// upload sends files to POST /api/reviews, a few at a time.
func (c *apiClient) upload(ctx context.Context, files []string, lim ingest.Limits, progress func(done, total int)) (ingest.Summary, error) {
	var sum ingest.Summary
	sum.Files = len(files)
	start := time.Now()
	const perRequest = 10
	for i := 0; i < len(files); i += perRequest {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		batch := files[i:min(i+perRequest, len(files))]
		names := map[string]string{}
		for _, f := range batch {
			data, err := ingest.LoadFile(f, lim)
			if err != nil {
				sum.Rejected++
				sum.Rejects = append(sum.Rejects, ingest.Reject{File: ingest.Path(f), Reason: err.Error()})
				continue
			}
			w, err := mw.CreateFormFile("file", filepath.Base(f))
			if err != nil {
				return sum, err
			}
			w.Write(data)
			names[filepath.Base(f)] = f
		}
		mw.Close()
		if len(names) > 0 {
			var out struct {
				Files []uploadState `json:"files"`
			}
			// A busy server (its uploads at serve.max_concurrent_uploads)
			// says when to come back.
			for attempt := 0; ; attempt++ {
				req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/reviews", bytes.NewReader(buf.Bytes()))
				if err != nil {
					return sum, err
				}
				req.Header.Set("Content-Type", mw.FormDataContentType())
				err = c.do(req, &out)
				var busy *busyError
				if errors.As(err, &busy) && attempt < 60 {
					select {
					case <-time.After(busy.wait):
						continue
					case <-ctx.Done():
						return sum, ctx.Err()
					}
				}
				if err != nil {
					return sum, err
				}
				break
			}
			for _, st := range out.Files {
				path := names[st.File]
				switch st.Status {
				case "created":
					sum.Indexed++
				case "exists":
					sum.Unchanged++
				default:
					sum.Rejected++
					sum.Rejects = append(sum.Rejects, ingest.Reject{File: ingest.Path(path), Reason: st.Reason})
				}
			}
		}
		if progress != nil {
			progress(min(i+perRequest, len(files)), len(files))
		}
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// isLocked returns the LockedError in err, if any.
func isLocked(err error) (*index.LockedError, bool) {
	var le *index.LockedError
	if errors.As(err, &le) {
		return le, true
	}
	return nil, false
}

// searchViaServer runs a search through the server's API.
func (c *apiClient) search(ctx context.Context, q corpus.Query) (*corpus.SearchResult, error) {
	v := filterValues(q.Filter)
	v.Set("q", q.Text)
	v.Set("size", fmt.Sprint(q.Size))
	if q.Offset > 0 && q.Size > 0 {
		v.Set("page", fmt.Sprint(q.Offset/q.Size+1))
	}
	v.Set("group", corpus.GroupSection)
	if q.Group != "" {
		v.Set("group", q.Group)
	}
	var raw struct {
		Group         string             `json:"group"`
		Total         int                `json:"total"`
		TotalSections int                `json:"total_sections"`
		Hits          []corpus.Hit       `json:"hits"`
		Reviews       []corpus.ReviewHit `json:"reviews"`
		Facets        map[string][]struct {
			Value string   `json:"value"`
			Count looseInt `json:"count"`
		} `json:"facets"`
	}
	if err := c.get(ctx, "/api/search", v, &raw); err != nil {
		return nil, err
	}
	res := &corpus.SearchResult{Group: raw.Group, Total: raw.Total, TotalSections: raw.TotalSections, Hits: raw.Hits, Reviews: raw.Reviews,
		Facets: map[string][]corpus.FacetValue{}}
	for k, vals := range raw.Facets {
		for _, fv := range vals {
			res.Facets[k] = append(res.Facets[k], corpus.FacetValue{Value: fv.Value, Count: int(fv.Count)})
		}
	}
	return res, nil
}

// looseInt reads a count as a number, or as the "<5" a researcher gets for
// a protected small count (kept as -1, printed as hidden).
type looseInt int

func (n *looseInt) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		*n = -1
		return nil
	}
	var i int
	if err := json.Unmarshal(b, &i); err != nil {
		return err
	}
	*n = looseInt(i)
	return nil
}

// countText prints a count, or "<n" for a protected small count.
func countText(n int) string {
	if n < 0 {
		return "<5"
	}
	return strconv.Itoa(n)
}

func (c *apiClient) themes(ctx context.Context, f corpus.Filter, by string) (*corpus.ThemeTable, error) {
	v := filterValues(f)
	if by != "" {
		v.Set("by", by)
	}
	var raw struct {
		TotalReviews       looseInt `json:"total_reviews"`
		TotalNotifications looseInt `json:"total_notifications"`
		Unit               string   `json:"unit"`
		By                 string   `json:"by"`
		Columns            []string `json:"columns"`
		Rows               []struct {
			Theme       string              `json:"theme"`
			Reviews     looseInt            `json:"reviews"`
			Authorities int                 `json:"authorities"`
			By          map[string]looseInt `json:"by"`
		} `json:"rows"`
	}
	if err := c.get(ctx, "/api/themes", v, &raw); err != nil {
		return nil, err
	}
	tab := &corpus.ThemeTable{TotalReviews: int(raw.TotalReviews), TotalNotifications: int(raw.TotalNotifications), Unit: raw.Unit, By: raw.By, Columns: raw.Columns}
	for _, r := range raw.Rows {
		row := corpus.ThemeRow{Theme: r.Theme, Reviews: int(r.Reviews), Authorities: r.Authorities, By: map[string]int{}}
		for k, n := range r.By {
			row.By[k] = int(n)
		}
		tab.Rows = append(tab.Rows, row)
	}
	return tab, nil
}

func filterValues(f corpus.Filter) url.Values {
	v := url.Values{}
	if f.Confirmed {
		v.Set("confirmed", "true")
	}
	for _, x := range f.Themes {
		v.Add("theme", x)
	}
	for _, x := range f.Authorities {
		v.Add("authority", x)
	}
	for _, x := range f.Sections {
		v.Add("section", x)
	}
	for _, x := range f.IncidentTypes {
		v.Add("incident_type", x)
	}
	if f.From != "" {
		v.Set("from", f.From)
	}
	if f.To != "" {
		v.Set("to", f.To)
	}
	return v
}

func (c *apiClient) send(ctx context.Context, method, path string, q url.Values, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path+"?"+q.Encode(), rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.do(req, out)
}
