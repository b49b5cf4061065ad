package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

// fake is an in-memory Searcher and Uploader.
type fake struct {
	mu      sync.Mutex
	reviews map[string]*corpus.Review
	lastQ   corpus.Query
	// gate, when set, holds an upload named slow* until it is closed.
	gate chan struct{}
}

const reviewID = "f8235a92dd92d011d07cf648801949b0d4e99529ef3b44d53ba83550d352b9c2"

func newFake() *fake {
	return &fake{reviews: map[string]*corpus.Review{reviewID: {ID: reviewID, Title: "Review", Metadata: corpus.Metadata{Authority: "Fife"},
		Sections: []corpus.Section{{Kind: "supervision", Heading: "Supervision", Text: "No home visit by Mr A."}}}}}
}

func (f *fake) Search(ctx context.Context, q corpus.Query) (*corpus.SearchResult, error) {
	f.mu.Lock()
	f.lastQ = q
	f.mu.Unlock()
	if strings.HasPrefix(q.Text, "*") {
		return nil, fmt.Errorf("%w: leading wildcard", corpus.ErrInvalid)
	}
	if strings.HasPrefix(q.Text, "boom") {
		return nil, fmt.Errorf("disk on fire while searching %s", q.Text)
	}
	if q.Text == "hang" {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	hit := corpus.Hit{ReviewID: reviewID, Source: "/secret/Mr-A-file.pdf", Authority: "Fife",
		Section: "supervision", Heading: "Supervision", Snippet: "No home <mark>visit</mark> by Mr A, seen by Sarah Thomson."}
	if q.Redacted {
		// What the index holds in its researcher view.
		hit.Source, hit.Snippet = "", "No home <mark>visit</mark> by Mr A, seen by [PERSON]."
	}
	return &corpus.SearchResult{Total: 1, Hits: []corpus.Hit{hit},
		Facets: map[string][]corpus.FacetValue{"authority": {{Value: "Fife", Count: 1}}}}, nil
}

func (f *fake) Themes(_ context.Context, _ corpus.Filter, by string) (*corpus.ThemeTable, error) {
	if by == "colour" {
		return nil, fmt.Errorf("%w: by", corpus.ErrInvalid)
	}
	return &corpus.ThemeTable{TotalReviews: 1, By: by, Columns: []string{"Fife"}, Rows: []corpus.ThemeRow{{Theme: "mappa", Reviews: 1, Authorities: 1, By: map[string]int{"Fife": 1}}}}, nil
}

func (f *fake) Timeliness(_ context.Context, _ corpus.Filter, by string) ([]corpus.TimelinessRow, error) {
	return []corpus.TimelinessRow{{Key: "2019", Reviews: 2, NotificationsKnown: 2, NotificationsOnTime: 1, NotificationShare: 0.5}}, nil
}

func (f *fake) Review(_ context.Context, id string) (*corpus.Review, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, ok := f.reviews[id]; ok {
		return r, nil
	}
	return nil, fmt.Errorf("review %s: %w", id, corpus.ErrNotFound)
}

func (f *fake) Cases(_ context.Context, _ corpus.Filter, _, _ int) (int, []corpus.Case, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []corpus.Case
	for id := range f.reviews {
		out = append(out, corpus.Case{ID: "c-" + id[:12], Documents: []corpus.CaseMember{{ID: id}}})
	}
	return len(out), out, nil
}

func (f *fake) CaseOf(ctx context.Context, id string) (*corpus.Case, error) {
	if _, err := f.Review(ctx, id); err != nil {
		return nil, err
	}
	return &corpus.Case{ID: "c-" + id[:12], Documents: []corpus.CaseMember{{ID: id}}}, nil
}

func (f *fake) EditCase(_ context.Context, action string, ids []string, _ string) (*corpus.Case, error) {
	return &corpus.Case{ID: action}, nil
}

func (f *fake) Remove(ctx context.Context, id, _, _ string) (*corpus.Review, error) {
	r, err := f.Review(ctx, id)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.reviews, id)
	return r, nil
}

func (f *fake) Ingest(_ context.Context, name string, data []byte) (*corpus.Review, bool, error) {
	if strings.HasPrefix(name, "slow") && f.gate != nil {
		<-f.gate
	}
	if bytes.HasPrefix(data, []byte("%PDF-1.4\ngarbage")) {
		return nil, false, fmt.Errorf("upload/%s: %w: truncated", name, corpus.ErrMalformed)
	}
	id := fmt.Sprintf("%064x", len(data))
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.reviews[id]; ok {
		return f.reviews[id], false, nil
	}
	r := &corpus.Review{ID: id, Source: "upload/" + name}
	f.reviews[id] = r
	return r, true, nil
}

var testTokens = []Token{
	{Name: "ins", Secret: "inspector-secret-123", Role: RoleInspector},
	{Name: "res", Secret: "researcher-secret-123", Role: RoleResearcher},
	{Name: "in", Secret: "intake-secret-1234567", Role: RoleIntake},
}

func newTestServer(t *testing.T, logs io.Writer) (*Server, *fake) {
	t.Helper()
	f := newFake()
	if logs == nil {
		logs = io.Discard
	}
	s, err := New(f, f, Options{Tokens: testTokens, MaxUploadBytes: 1 << 20, Log: slog.New(slog.NewJSONHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return s, f
}

func do(t *testing.T, s *Server, method, path, token string, body io.Reader, ctype string) (int, string, http.Header) {
	t.Helper()
	req := httptest.NewRequest(method, path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header()
}

func TestAccess(t *testing.T) {
	s, _ := newTestServer(t, nil)
	ins, res, in := testTokens[0].Secret, testTokens[1].Secret, testTokens[2].Secret
	for _, tt := range []struct {
		method, path, token string
		want                int
	}{
		{"GET", "/healthz", ins, 200},
		{"GET", "/healthz", "", 200},
		{"GET", "/api/search?q=visit", "", 401},
		{"GET", "/api/search?q=visit", "wrong-token-xxxxxxxx", 401},
		{"GET", "/api/search?q=visit", ins, 200},
		{"GET", "/api/search?q=visit", res, 200},
		{"GET", "/api/search?q=visit", in, 403},
		{"GET", "/api/themes?by=authority", res, 200},
		{"GET", "/api/stats/timeliness?by=year", res, 200},
		{"GET", "/api/reviews/" + reviewID, ins, 200},
		{"GET", "/api/reviews/" + reviewID, res, 403},
		{"GET", "/api/reviews/" + reviewID, in, 403},
		{"GET", "/api/reviews/" + strings.Repeat("0", 64), ins, 404},
		{"GET", "/api/reviews/not-an-id", ins, 404},
		{"GET", "/etc/passwd", "", 404},
		{"POST", "/api/reviews", res, 403},
		{"GET", "/charts/themes-by-authority.svg", res, 200},
		{"GET", "/charts/themes-by-year.svg", in, 403},
		{"GET", "/", "", 200},
		{"DELETE", "/api/reviews/" + reviewID, res, 403},
		{"DELETE", "/api/reviews/" + reviewID, in, 403},
		{"GET", "/api/cases", res, 403},
		{"POST", "/api/cases/join", res, 403},
		{"GET", "/api/reviews/" + reviewID + "/case", ins, 200},
		{"GET", "/api/cases", ins, 200},
		{"POST", "/api/cases/join", ins, 400}, // no body
		{"DELETE", "/api/reviews/" + reviewID, ins, 200},
		{"DELETE", "/api/reviews/" + reviewID, ins, 404},
		{"PUT", "/api/reviews/" + reviewID, ins, 405},
		{"GET", "/api/search?q=visit&theme=nonsense", ins, 400},
		{"GET", "/api/themes?authority=Fiffe", res, 400},
		{"GET", "/api/search?q=visit&authority=fife&section=Supervision", ins, 200},
	} {
		code, body, _ := do(t, s, tt.method, tt.path, tt.token, nil, "")
		if code != tt.want {
			t.Errorf("%s %s as %q = %d, want %d: %s", tt.method, tt.path, tt.token, code, tt.want, body)
		}
		if code >= 400 && code != 405 && strings.HasPrefix(tt.path, "/api") {
			var e apiError
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Errorf("%s %s: error body %q is not {error:{code,message}}", tt.method, tt.path, body)
			}
		}
	}
}

func TestBadRequests(t *testing.T) {
	s, _ := newTestServer(t, nil)
	ins := testTokens[0].Secret
	for _, tt := range []struct {
		path string
		want int
		code string
	}{
		{"/api/search?q=*visit", 400, "invalid_request"},
		{"/api/search?size=101", 400, "invalid_request"},
		{"/api/search?size=abc", 400, "invalid_request"},
		{"/api/search?page=0", 400, "invalid_request"},
		{"/api/search?page=1002&size=10", 400, "invalid_request"}, // skipping more than the index allows
		{"/api/search?page=102&size=100", 400, "invalid_request"},
		{"/api/search?group=authority", 400, "invalid_request"},
		{"/api/search?q=" + strings.Repeat("a", 501), 400, "invalid_request"},
		{"/api/themes?by=colour", 400, "invalid_request"},
		{"/api/search?q=boom", 500, "internal"},
	} {
		code, body, _ := do(t, s, "GET", tt.path, ins, nil, "")
		var e apiError
		json.Unmarshal([]byte(body), &e)
		if code != tt.want || e.Error.Code != tt.code {
			t.Errorf("GET %s = %d %s, want %d %s", tt.path[:min(len(tt.path), 40)], code, body, tt.want, tt.code)
		}
		if code == 500 && strings.Contains(body, "disk on fire") {
			t.Errorf("internal error detail leaked: %s", body)
		}
	}
}

func TestResearcherRedaction(t *testing.T) {
	s, f := newTestServer(t, nil)
	_, body, _ := do(t, s, "GET", "/api/search?q=visit", testTokens[1].Secret, nil, "")
	var res struct{ Hits []corpus.Hit }
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	h := res.Hits[0]
	if !f.lastQ.Redacted || strings.Contains(h.Snippet, "Sarah") || h.Source != "" {
		t.Errorf("researcher search not on the redacted view: %+v (query %+v)", h, f.lastQ)
	}
	for _, path := range []string{"/api/search?q=visit&format=csv", "/api/search?q=Sarah"} {
		_, body, _ = do(t, s, "GET", path, testTokens[1].Secret, nil, "")
		if !f.lastQ.Redacted || strings.Contains(body, "Sarah") || strings.Contains(body, "secret") {
			t.Errorf("researcher %s: %s", path, body)
		}
	}
	_, body, _ = do(t, s, "GET", "/api/search?q=visit", testTokens[0].Secret, nil, "")
	if f.lastQ.Redacted || !strings.Contains(body, "Sarah Thomson") {
		t.Errorf("inspector should see full text: %s", body)
	}
}

func TestFilterParams(t *testing.T) {
	s, f := newTestServer(t, nil)
	do(t, s, "GET", "/api/search?q=plan&theme=mappa&theme=substance_use&authority=Edinburgh&section=assessment&incident_type=death&from=2019-01-01&to=2020-12-31&size=5&page=3", testTokens[0].Secret, nil, "")
	q := f.lastQ
	if q.Text != "plan" || len(q.Themes) != 2 || q.Authorities[0] != "City of Edinburgh" || q.Sections[0] != "assessment" ||
		q.IncidentTypes[0] != "death" || q.Filter.From != "2019-01-01" || q.To != "2020-12-31" || q.Size != 5 || q.Offset != 10 ||
		q.Group != corpus.GroupReview {
		t.Errorf("query = %+v", q)
	}
	// The last page the index serves; sections when asked, and for CSV.
	for _, tt := range []struct{ path, group string }{
		{"/api/search?page=1001&size=10&group=section", corpus.GroupSection},
		{"/api/search?q=plan&format=csv", corpus.GroupSection},
		{"/api/search?q=plan&format=csv&group=review", corpus.GroupReview},
	} {
		if code, body, _ := do(t, s, "GET", tt.path, testTokens[0].Secret, nil, ""); code != 200 || f.lastQ.Group != tt.group {
			t.Errorf("GET %s = %d %.100s, group %q; want 200, %q", tt.path, code, body, f.lastQ.Group, tt.group)
		}
	}
	if f.lastQ.Offset != 0 {
		t.Errorf("offset %d", f.lastQ.Offset)
	}
}

func multipartBody(t *testing.T, files map[string][]byte) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fw, err := w.CreateFormFile("file", n)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(files[n])
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

func TestUpload(t *testing.T) {
	s, f := newTestServer(t, nil)
	in := testTokens[2].Secret
	body, ct := multipartBody(t, map[string][]byte{"a.txt": []byte("review one"), "b.txt": []byte("review number two")})
	code, resp, _ := do(t, s, "POST", "/api/reviews", in, body, ct)
	if code != 201 || strings.Count(resp, `"created"`) != 2 {
		t.Fatalf("upload = %d %s", code, resp)
	}
	body, ct = multipartBody(t, map[string][]byte{"a.txt": []byte("review one")})
	code, resp, _ = do(t, s, "POST", "/api/reviews", in, body, ct)
	if code != 200 || !strings.Contains(resp, `"exists"`) {
		t.Errorf("same file twice = %d %s", code, resp)
	}
	before := len(f.reviews)
	body, ct = multipartBody(t, map[string][]byte{"bad.pdf": []byte("%PDF-1.4\ngarbage")})
	code, resp, _ = do(t, s, "POST", "/api/reviews", in, body, ct)
	if code != 422 || !strings.Contains(resp, "truncated") || strings.Contains(resp, "upload/bad.pdf") || len(f.reviews) != before {
		t.Errorf("bad file = %d %s", code, resp)
	}
	body, ct = multipartBody(t, map[string][]byte{"big.txt": bytes.Repeat([]byte("x"), 2<<20)})
	code, resp, _ = do(t, s, "POST", "/api/reviews", in, body, ct)
	if code != 413 {
		t.Errorf("too large = %d %s", code, resp)
	}
	code, resp, _ = do(t, s, "POST", "/api/reviews", in, strings.NewReader("hello"), "text/plain")
	if code != 400 {
		t.Errorf("not multipart = %d %s", code, resp)
	}
}

func TestAuditLogNeverHoldsSecrets(t *testing.T) {
	var logs bytes.Buffer
	s, _ := newTestServer(t, &logs)
	do(t, s, "GET", "/api/search?q=Sarah+Thomson", testTokens[0].Secret, nil, "")
	do(t, s, "GET", "/api/search?q=x", "not-a-real-token-at-all", nil, "")
	out := logs.String()
	for _, tok := range testTokens {
		if strings.Contains(out, tok.Secret) {
			t.Errorf("log holds a token secret: %s", out)
		}
	}
	if strings.Contains(out, "not-a-real-token") || strings.Contains(out, "Thomson") {
		t.Errorf("log holds a presented token or query text: %s", out)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(strings.Split(strings.TrimSpace(out), "\n")[0]), &line); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"token", "role", "endpoint", "status", "duration_ms"} {
		if _, ok := line[k]; !ok {
			t.Errorf("audit line lacks %q: %v", k, line)
		}
	}
	if line["token"] != "ins" || line["role"] != "inspector" || line["endpoint"] != "GET /api/search" {
		t.Errorf("audit line = %v", line)
	}
}

func TestTokensValidated(t *testing.T) {
	for _, ts := range [][]Token{
		{{Name: "a", Secret: "short", Role: RoleInspector}},
		{{Name: "a", Secret: "long-enough-secret-1", Role: "admin"}},
		{{Name: "a", Secret: "long-enough-secret-1", Role: RoleInspector}, {Name: "a", Secret: "long-enough-secret-2", Role: RoleIntake}},
	} {
		if _, err := New(newFake(), newFake(), Options{Tokens: ts}); err == nil {
			t.Errorf("New(%+v) accepted bad tokens", ts)
		}
	}
}

// TestOpenAPIMatchesRoutes keeps the OpenAPI document true: every route is
// documented with its method, and every documented path is routed.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s, _ := newTestServer(t, nil)
	code, body, _ := do(t, s, "GET", "/api/openapi.json", testTokens[0].Secret, nil, "")
	if code != 200 {
		t.Fatal(code)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("not an OpenAPI 3 document: %v", err)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	routed := map[string]bool{}
	for _, rt := range s.routeTable() {
		routed[rt.pattern] = true
		if !documented[rt.pattern] {
			t.Errorf("route %s is not in openapi.json", rt.pattern)
		}
	}
	for d := range documented {
		if !routed[d] {
			t.Errorf("openapi.json documents %s, which is not routed", d)
		}
	}
}

func TestWebPage(t *testing.T) {
	s, _ := newTestServer(t, nil)
	code, body, h := do(t, s, "GET", "/", "", nil, "")
	if code != 200 || !strings.Contains(body, `<label for="q">`) || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("page = %d %q", code, h)
	}
	if strings.Contains(body, "http://") || strings.Contains(body, "https://") {
		t.Error("the page refers to an external asset")
	}
	code, _, _ = do(t, s, "GET", "/app.js", "", nil, "")
	if code != 200 {
		t.Errorf("app.js = %d", code)
	}
	code, body, _ = do(t, s, "GET", "/charts/themes-by-authority.svg", testTokens[0].Secret, nil, "")
	if code != 200 || !strings.HasPrefix(body, "<svg") || !strings.Contains(body, "<title>MAPPA, Fife: 1 of ") {
		t.Errorf("heatmap = %d %.200s", code, body)
	}
}

// TestHealthzTables: /healthz says whether the search tables are built, so
// a benchmark (or an operator) can wait for them.
func TestHealthzTables(t *testing.T) {
	for _, state := range []string{"building", "ready", "on demand"} {
		f := newFake()
		s, err := New(f, f, Options{Tokens: testTokens, Tables: func() string { return state }, Log: slog.New(slog.NewJSONHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		code, body, _ := do(t, s, "GET", "/healthz", "", nil, "")
		if code != 200 || !strings.Contains(body, `"search_tables":"`+state+`"`) || !strings.Contains(body, `"status":"ok"`) {
			t.Errorf("healthz with tables %q: %d %s", state, code, body)
		}
	}
	s, _ := newTestServer(t, nil)
	if _, body, _ := do(t, s, "GET", "/healthz", "", nil, ""); !strings.Contains(body, `"search_tables":"ready"`) {
		t.Errorf("healthz without a tables func: %s", body)
	}
}
