package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

func TestUploadConcurrencyLimit(t *testing.T) {
	f := newFake()
	f.gate = make(chan struct{})
	s, err := New(f, f, Options{Tokens: testTokens, MaxConcurrentUploads: 2})
	if err != nil {
		t.Fatal(err)
	}
	in := testTokens[2].Secret
	codes := make(chan int, 2)
	for i := 0; i < 2; i++ {
		body, ct := multipartBody(t, map[string][]byte{fmt.Sprintf("slow%d.txt", i): bytes.Repeat([]byte("slow review "), i+1)})
		go func() {
			code, _, _ := do(t, s, "POST", "/api/reviews", in, body, ct)
			codes <- code
		}()
	}
	// Wait until both hold their slots.
	for deadline := time.Now().Add(5 * time.Second); len(s.uploads) < 2; {
		if time.Now().After(deadline) {
			t.Fatal("the two uploads never started")
		}
		time.Sleep(time.Millisecond)
	}
	body, ct := multipartBody(t, map[string][]byte{"third.txt": []byte("third review")})
	code, resp, hdr := do(t, s, "POST", "/api/reviews", in, body, ct)
	if code != http.StatusServiceUnavailable || hdr.Get("Retry-After") == "" || !strings.Contains(resp, "max_concurrent_uploads") {
		t.Errorf("third upload = %d %s (Retry-After %q), want 503 with Retry-After", code, resp, hdr.Get("Retry-After"))
	}
	close(f.gate)
	for i := 0; i < 2; i++ {
		if c := <-codes; c != http.StatusCreated {
			t.Errorf("held upload = %d, want 201", c)
		}
	}
	body, ct = multipartBody(t, map[string][]byte{"fourth.txt": []byte("the fourth review, of its own length")})
	if code, resp, _ := do(t, s, "POST", "/api/reviews", in, body, ct); code != http.StatusCreated {
		t.Errorf("after the slots were freed = %d %s", code, resp)
	}
}

func TestUploadFileLimitWhileStreaming(t *testing.T) {
	f := newFake()
	s, err := New(f, f, Options{Tokens: testTokens, MaxFileBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	body, ct := multipartBody(t, map[string][]byte{"big.txt": bytes.Repeat([]byte("x"), 200), "small.txt": []byte("a small review")})
	code, resp, _ := do(t, s, "POST", "/api/reviews", testTokens[2].Secret, body, ct)
	if code != http.StatusUnprocessableEntity || !strings.Contains(resp, "over the 100-byte limit (ingest.max_bytes)") || !strings.Contains(resp, `"created"`) {
		t.Errorf("upload with one big file = %d %s, want the big one rejected and the small one created", code, resp)
	}
}

// slowBody sends a little, then stalls until the test ends.
type slowBody struct {
	head []byte
	stop chan struct{}
}

func (b *slowBody) Read(p []byte) (int, error) {
	if len(b.head) > 0 {
		n := copy(p, b.head)
		b.head = b.head[n:]
		return n, nil
	}
	<-b.stop
	return 0, io.EOF
}

func TestSlowUploadCutOff(t *testing.T) {
	f := newFake()
	s, err := New(f, f, Options{Tokens: testTokens, HandlerTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	body, ct := multipartBody(t, map[string][]byte{"a.txt": bytes.Repeat([]byte("review "), 1000)})
	all, _ := io.ReadAll(body)
	stop := make(chan struct{})
	defer close(stop)
	req, _ := http.NewRequest("POST", ts.URL+"/api/reviews", &slowBody{head: all[:200], stop: stop})
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+testTokens[2].Secret)
	start := time.Now()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("slow upload: %v", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusRequestTimeout {
		b, _ := io.ReadAll(res.Body)
		t.Errorf("slow upload = %d %s, want 408", res.StatusCode, b)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("slow upload took %s to be cut off", d)
	}
}

func TestBearerSchemeCaseInsensitive(t *testing.T) {
	s, _ := newTestServer(t, nil)
	for _, h := range []string{"Bearer ", "bearer ", "BEARER ", "Bearer   "} {
		req := httptest.NewRequest("GET", "/api/whoami", nil)
		req.Header.Set("Authorization", h+testTokens[0].Secret)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Errorf("Authorization %q = %d, want 200", h+"…", rec.Code)
		}
	}
	for _, h := range []string{"Basic " + testTokens[0].Secret, testTokens[0].Secret, "Bearer"} {
		req := httptest.NewRequest("GET", "/api/whoami", nil)
		req.Header.Set("Authorization", h)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != 401 {
			t.Errorf("Authorization %q = %d, want 401", h, rec.Code)
		}
	}
}

func TestDuplicateSecretsRefused(t *testing.T) {
	ts := []Token{{Name: "a", Secret: "the-same-secret-123", Role: RoleInspector}, {Name: "b", Secret: "the-same-secret-123", Role: RoleResearcher}}
	if _, err := New(newFake(), newFake(), Options{Tokens: ts}); err == nil || !strings.Contains(err.Error(), "same secret") {
		t.Errorf("New with two tokens of one secret = %v, want an error", err)
	}
}

// TestClientGoneIsNotAFault: a client that hangs up is logged as 499, not
// as a server error; and a server error's log line never holds the query.
func TestClientGoneIsNotAFault(t *testing.T) {
	var logs bytes.Buffer
	f := newFake()
	s, err := New(f, f, Options{Tokens: testTokens, Log: slog.New(slog.NewJSONHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest("GET", "/api/search?q=hang", nil).WithContext(ctx)
	req.Header.Set("Authorization", "Bearer "+testTokens[0].Secret)
	time.AfterFunc(50*time.Millisecond, cancel)
	s.Handler().ServeHTTP(httptest.NewRecorder(), req)
	if out := logs.String(); !strings.Contains(out, `"status":499`) || strings.Contains(out, "request failed") {
		t.Errorf("log after a client hung up: %s", out)
	}
	logs.Reset()
	code, _, _ := do(t, s, "GET", "/api/search?q=boom+Sarah+Thomson", testTokens[0].Secret, nil, "")
	if code != 500 || strings.Contains(logs.String(), "Thomson") || !strings.Contains(logs.String(), "disk on fire") {
		t.Errorf("server error = %d, log %s: want 500, the error logged, the query not", code, logs.String())
	}
}

func TestHostHeaderChecked(t *testing.T) {
	f := newFake()
	s, err := New(f, f, Options{Tokens: testTokens, Hosts: []string{"localhost", "127.0.0.1", "::1", "reviews.example"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		host string
		want int
	}{
		{"localhost:8080", 200}, {"127.0.0.1:8080", 200}, {"[::1]:8080", 200}, {"REVIEWS.example", 200},
		{"evil.example", http.StatusMisdirectedRequest}, {"evil.example:8080", http.StatusMisdirectedRequest}, {"", http.StatusMisdirectedRequest},
	} {
		for _, path := range []string{"/api/whoami", "/"} {
			req := httptest.NewRequest("GET", path, nil)
			req.Host = tt.host
			req.Header.Set("Authorization", "Bearer "+testTokens[0].Secret)
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("GET %s with Host %q = %d, want %d", path, tt.host, rec.Code, tt.want)
			}
		}
	}
}

func TestSmallCountsProtected(t *testing.T) {
	tab := &corpus.ThemeTable{TotalReviews: 40, By: "authority", Columns: []string{"Fife", "Moray", "Orkney"},
		Rows: []corpus.ThemeRow{
			{Theme: "mappa", Reviews: 20, Authorities: 3, By: map[string]int{"Fife": 12, "Moray": 6, "Orkney": 2}},
			{Theme: "enforcement", Reviews: 3, Authorities: 1, By: map[string]int{"Fife": 3}},
			{Theme: "accommodation", Reviews: 14, Authorities: 3, By: map[string]int{"Fife": 8, "Moray": 3, "Orkney": 3}},
		}}
	p := protectThemes(tab, 5)
	b, _ := json.Marshal(p)
	for _, want := range []string{
		`"theme":"mappa","reviews":20,"authorities":3,"by":{"Fife":12,"Moray":"\u003c5","Orkney":"\u003c5"}`, // Orkney's 2 and, beside the total, Moray's 6
		`"theme":"enforcement","reviews":"\u003c5"`,
		`"by":{"Fife":8,"Moray":"\u003c5","Orkney":"\u003c5"}`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("protected table %s\nlacks %s", b, want)
		}
	}
	rows := protectTimeliness([]corpus.TimelinessRow{
		{Key: "2019", Reviews: 30, NotificationsKnown: 30, NotificationsOnTime: 27, NotificationShare: 0.9, ReviewsKnown: 30, ReviewsOnTime: 15, ReviewShare: 0.5},
	}, 5)
	b, _ = json.Marshal(rows)
	if !strings.Contains(string(b), `"notifications_on_time":"\u003c5"`) || !strings.Contains(string(b), `"notification_on_time_share":null`) ||
		!strings.Contains(string(b), `"reviews_on_time":15`) {
		t.Errorf("timeliness with 3 late of 30 = %s: the on-time count gives the late one away", b)
	}
	// Through the API: a researcher gets the protected table, an inspector the exact one.
	s, _ := newTestServer(t, nil)
	_, res, _ := do(t, s, "GET", "/api/themes?by=authority", testTokens[1].Secret, nil, "")
	_, ins, _ := do(t, s, "GET", "/api/themes?by=authority", testTokens[0].Secret, nil, "")
	if !strings.Contains(res, `"reviews":"\u003c5"`) || !strings.Contains(ins, `"reviews":1`) {
		t.Errorf("researcher %s\ninspector %s", res, ins)
	}
	_, csvBody, _ := do(t, s, "GET", "/api/themes?by=authority&format=csv", testTokens[1].Secret, nil, "")
	if !strings.Contains(csvBody, "mappa,<5,1") {
		t.Errorf("researcher CSV %s", csvBody)
	}
	_, svg, _ := do(t, s, "GET", "/charts/themes-by-authority.svg", testTokens[1].Secret, nil, "")
	if !strings.Contains(svg, "fewer than 5 cases") || strings.Contains(svg, ": 1 of ") {
		t.Errorf("researcher heatmap shows a small count: %.300s", svg)
	}
}

func TestAuditRecordsReviewsAndExports(t *testing.T) {
	var logs bytes.Buffer
	s, _ := newTestServer(t, &logs)
	do(t, s, "GET", "/api/reviews/"+reviewID, testTokens[0].Secret, nil, "")
	do(t, s, "GET", "/api/search?q=Sarah+Thomson&format=csv", testTokens[1].Secret, nil, "")
	out := logs.String()
	if !strings.Contains(out, `"review":"`+reviewID+`"`) || !strings.Contains(out, `"export":"csv"`) || strings.Contains(out, "Thomson") {
		t.Errorf("audit log %s: want the review opened and the export, never the query", out)
	}
}

func TestFacetsCanBeSkipped(t *testing.T) {
	s, f := newTestServer(t, nil)
	for _, tt := range []struct {
		param    string
		noFacets bool
		code     int
	}{{"", false, 200}, {"&facets=true", false, 200}, {"&facets=false", true, 200}, {"&facets=maybe", false, 400}} {
		f.lastQ = corpus.Query{}
		code, body, _ := do(t, s, "GET", "/api/search?q=visit"+tt.param, testTokens[0].Secret, nil, "")
		if code != tt.code || code == 200 && f.lastQ.NoFacets != tt.noFacets {
			t.Errorf("search%s = %d %s (NoFacets %v), want %d and NoFacets %v", tt.param, code, body, f.lastQ.NoFacets, tt.code, tt.noFacets)
		}
	}
}
