package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func apiDo(t *testing.T, method, url string, body any, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("Authorization", "Bearer "+inspectorToken)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, url, err, b)
		}
	}
	if res.StatusCode >= 300 {
		t.Logf("%s %s: %d %s", method, url, res.StatusCode, b)
	}
	return res.StatusCode
}

// TestCodingThroughAPISurvives: an inspector codes a review through the
// API; the server restarts under a changed taxonomy (every review re-tagged)
// and the decisions are all there, in the review and in the counts.
func TestCodingThroughAPISurvives(t *testing.T) {
	cfg, ixPath := indexedCorpus(t, 12)
	base, stop := serveIndex(t, cfg, ixPath)
	defer stop()
	var res corpus.SearchResult
	if code := apiDo(t, "GET", base+"/api/search?q=supervision&size=1", nil, &res); code != 200 || len(res.Reviews) == 0 {
		t.Fatalf("search %d %+v", code, res)
	}
	id := res.Reviews[0].ReviewID
	var r corpus.Review
	apiDo(t, "GET", base+"/api/reviews/"+id, nil, &r)
	if len(r.Themes) < 2 {
		t.Skipf("review %s has %d themes", id, len(r.Themes))
	}
	rejTheme, rejText := r.Themes[0].ID, r.Themes[0].Evidence[0].Text
	accTheme, accText := r.Themes[1].ID, r.Themes[1].Evidence[0].Text
	addText := r.Sections[len(r.Sections)-1].Text
	if i := strings.Index(addText, "."); i > 0 {
		addText = addText[:i+1]
	}
	for _, d := range []map[string]any{
		{"action": "reject", "theme": rejTheme, "sentence": rejText},
		{"action": "accept", "theme": accTheme, "sentence": accText},
		{"action": "add", "theme": "equality_diversity", "sentence": addText, "polarity": "concern"},
	} {
		if code := apiDo(t, "POST", base+"/api/reviews/"+id+"/decisions", d, &r); code != 200 {
			t.Fatalf("decision %v: %d", d, code)
		}
	}
	if code := apiDo(t, "POST", base+"/api/reviews/"+id+"/decisions", map[string]any{"action": "accept", "theme": "no_such_theme", "sentence": accText}, nil); code != 400 {
		t.Errorf("a theme outside the taxonomy: %d, want 400", code)
	}
	if code := apiDo(t, "PUT", base+"/api/reviews/"+id+"/checked", map[string]any{"checked": true}, &r); code != 200 || r.Checked == nil || r.Checked.Who != "insp" {
		t.Fatalf("checked: %d %+v", code, r.Checked)
	}

	// Restart under a changed taxonomy: a comment changes its fingerprint,
	// so serve re-tags every stored review as it starts.
	stop()
	yaml, err := os.ReadFile(filepath.Join("..", "..", "extract", "taxonomy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	changed := filepath.Join(t.TempDir(), "taxonomy.yaml")
	if err := os.WriteFile(changed, append(yaml, []byte("\n# a comment changes the fingerprint\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := os.ReadFile(cfg)
	cfg2 := filepath.Join(filepath.Dir(cfg), "sirlearn2.yaml")
	if err := os.WriteFile(cfg2, append(c, []byte(fmt.Sprintf("taxonomy: %s\n", changed))...), 0o600); err != nil {
		t.Fatal(err)
	}
	base2, stop2 := serveIndex(t, cfg2, ixPath)
	defer stop2()
	var after corpus.Review
	apiDo(t, "GET", base2+"/api/reviews/"+id, nil, &after)
	got := map[corpus.ThemeID]string{}
	for _, th := range after.Themes {
		for _, e := range th.Evidence {
			if e.Status != "" {
				got[th.ID] = e.Status + "/" + e.By
			}
		}
	}
	if got[accTheme] != "accepted/insp" || got["equality_diversity"] != "added/insp" || after.Checked == nil {
		t.Errorf("after a restart and a re-tag: coded %v, checked %v", got, after.Checked)
	}
	rejected := false
	for _, e := range after.Rejected {
		if e.Theme == rejTheme && e.Text == rejText {
			rejected = true
		}
	}
	if !rejected {
		t.Errorf("the rejection was lost: %+v", after.Rejected)
	}
	var human struct {
		Reviews int     `json:"reviews"`
		Checked int     `json:"checked"`
		Kappa   float64 `json:"kappa"`
	}
	if code := apiDo(t, "GET", base2+"/api/eval/human", nil, &human); code != 200 || human.Reviews != 1 || human.Checked != 1 {
		t.Errorf("eval/human: %d %+v", code, human)
	}
}

// TestCSVExportHasEveryRow: a CSV export pages through every match, not
// the first page only, and says how many there are; ids the CLI prints
// (12 digits) open reviews in the API.
func TestCSVExportHasEveryRow(t *testing.T) {
	cfg, ixPath := indexedCorpus(t, 15)
	base, stop := serveIndex(t, cfg, ixPath)
	defer stop()
	req, _ := http.NewRequest("GET", base+"/api/search?format=csv", nil)
	req.Header.Set("Authorization", "Bearer "+inspectorToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	rows, err := csv.NewReader(res.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	total := res.Header.Get("X-Total-Count")
	if n, _ := strconv.Atoi(total); n <= 100 || len(rows)-1 != n {
		t.Errorf("CSV has %d rows, X-Total-Count %s; want every section (more than one page of 100)", len(rows)-1, total)
	}
	var r corpus.Review
	if code := apiDo(t, "GET", base+"/api/reviews/"+rows[1][0][:12], nil, &r); code != 200 || r.ID != rows[1][0] {
		t.Errorf("the 12-digit id %s: %d %s", rows[1][0][:12], code, r.ID)
	}
}
