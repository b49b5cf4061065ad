package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// reviews returns a small hand-made corpus.
func testReviews() []*corpus.Review {
	mk := func(id, auth, date, typ string, onTime *bool, themes []corpus.ThemeID, secs ...corpus.Section) *corpus.Review {
		r := &corpus.Review{ID: id, Source: "/data/" + id + ".pdf", Title: "Review " + id, Format: corpus.FormatPDF,
			Metadata: corpus.Metadata{Authority: auth, IncidentDate: corpus.Date(date), IncidentType: typ, NotificationOnTime: onTime, ReviewOnTime: yes()},
			Sections: secs}
		for _, t := range themes {
			ev := corpus.Evidence{Section: secs[len(secs)-1].Kind, Text: secs[len(secs)-1].Text, Polarity: corpus.Concern}
			r.Themes = append(r.Themes, corpus.Theme{ID: t, Score: 0.75, Evidence: []corpus.Evidence{ev}})
		}
		return r
	}
	return []*corpus.Review{
		mk("r1", "Fife", "2019-03-14", corpus.IncidentSeriousViolence, no(), []corpus.ThemeID{corpus.ThemeContactSupervision},
			corpus.Section{Kind: corpus.SectionSummary, Heading: "1. Introduction", Text: "This review was commissioned by the Chief Social Work Officer."},
			corpus.Section{Kind: corpus.SectionSupervision, Heading: "2. Supervision", Text: "No home visit was undertaken during the order."}),
		mk("r2", "Glasgow City", "2020-06-01", corpus.IncidentSexualOffence, yes(), []corpus.ThemeID{corpus.ThemeCaseManagementPlan, corpus.ThemePandemicImpact},
			corpus.Section{Kind: corpus.SectionCaseManagementPlan, Heading: "Case management plan", Text: "The case management plan did not reflect the licence conditions. Contact was by telephone during lockdown."}),
		mk("r3", "Fife", "2021-01-20", corpus.IncidentDeath, yes(), nil,
			corpus.Section{Kind: corpus.SectionAssessment, Heading: "Risk assessment", Text: "The LS/CMI was completed within 15 working days."}),
	}
}

func openTest(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(context.Background(), t.TempDir(), Options{Holder: LockInfo{Command: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(context.Background(), testReviews()); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestSearch(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		q    corpus.Query
		want []string // review ids of hits, in any order
	}{
		{"word", corpus.Query{Text: "visit"}, []string{"r1"}},
		{"all words required", corpus.Query{Text: "home commissioned"}, nil},
		{"two words", corpus.Query{Text: "home undertaken"}, []string{"r1"}},
		{"explicit must", corpus.Query{Text: "+plan +licence"}, []string{"r2"}},
		{"stemmed phrase", corpus.Query{Text: `"home visits"`}, []string{"r1"}},
		{"exclusion", corpus.Query{Text: "review -commissioned"}, nil},
		{"field", corpus.Query{Text: "section:assessment"}, []string{"r3"}},
		{"or", corpus.Query{Text: "visit OR lockdown"}, []string{"r1", "r2"}},
		{"or of phrases and fields", corpus.Query{Text: `"home visit" OR section:assessment`}, []string{"r1", "r3"}},
		{"parentheses", corpus.Query{Text: "(visit OR lockdown) plan"}, []string{"r2"}},
		{"not a group", corpus.Query{Text: "(visit OR lockdown) -(telephone)"}, []string{"r1"}},
		{"and is the default", corpus.Query{Text: "plan AND licence"}, []string{"r2"}},
		{"order field", corpus.Query{Text: "order:community_payback_order"}, nil},
		{"mappa field", corpus.Query{Text: `mappa:none section:assessment`}, []string{"r3"}},
		{"regexp keeps its parentheses", corpus.Query{Text: `/visit(s|ed)?/`}, []string{"r1"}},
		{"polarity of a section's evidence", corpus.Query{Text: `polarity:concern section:supervision`}, []string{"r1"}},
		{"no strengths here", corpus.Query{Text: `polarity:strength`}, nil},
		{"authority filter", corpus.Query{Text: "", Filter: corpus.Filter{Authorities: []string{"Fife"}}}, []string{"r1", "r1", "r3"}},
		{"theme filter", corpus.Query{Filter: corpus.Filter{Themes: []string{"pandemic_impact"}}}, []string{"r2"}},
		{"section filter", corpus.Query{Text: "plan", Filter: corpus.Filter{Sections: []string{"case_management_plan"}}}, []string{"r2"}},
		{"date range", corpus.Query{Filter: corpus.Filter{From: "2020-01-01", To: "2020-12-31"}}, []string{"r2"}},
		{"date range inclusive end", corpus.Query{Filter: corpus.Filter{From: "2021-01-20", To: "2021-01-20"}}, []string{"r3"}},
		{"incident type", corpus.Query{Filter: corpus.Filter{IncidentTypes: []string{"death"}}}, []string{"r3"}},
		{"two facets and range", corpus.Query{Text: "plan", Filter: corpus.Filter{Authorities: []string{"Glasgow City"}, Themes: []string{"case_management_plan"}, From: "2020-01-01"}}, []string{"r2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Highlight = true
			res, err := ix.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ReviewID)
			}
			if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(tt.want)) || res.Total != len(tt.want) {
				t.Errorf("Search(%+v) = %v (total %d), want %v", tt.q, got, res.Total, tt.want)
			}
		})
	}
	res, err := ix.Search(ctx, corpus.Query{Text: "visit", Highlight: true})
	if err != nil {
		t.Fatal(err)
	}
	h := res.Hits[0]
	if h.Snippet != "No home <mark>visit</mark> was undertaken during the order." || h.Heading != "2. Supervision" || h.Authority != "Fife" || h.IncidentDate != "2019-03-14" {
		t.Errorf("hit = %+v", h)
	}
	if fv := res.Facets["authority"]; len(fv) != 1 || fv[0] != (corpus.FacetValue{Value: "Fife", Count: 1}) {
		t.Errorf("authority facet = %v", fv)
	}
}

func sorted(xs []string) []string {
	out := append([]string(nil), xs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestBadQueries(t *testing.T) {
	ix := openTest(t)
	for _, q := range []string{`*visit`, `?isit`, `"unbalanced`, `nosuchfield:x`, `/(a+)+(b+)+(c+)+/`, "a*b*c*d*e*", string(make([]byte, 600)),
		`text:/` + string(make([]byte, 60)) + `/`, `authority:`, `/[a-/`, `/a(b/`, `visit~3`, `text:visit~5`,
		`(visit`, `visit)`, `OR visit`, `visit OR`, `()`, `order:nonsense`, `authority:Fiffe`, `polarity:maybe`,
		`/.*/`, `text:/[a-z]+/`, `a*`, `plan a?`, `/ab?c/`, `/\\w+/`} {
		_, err := ix.Search(context.Background(), corpus.Query{Text: q})
		if !errors.Is(err, corpus.ErrInvalid) {
			t.Errorf("Search(%q) error = %v, want ErrInvalid", q, err)
		}
	}
	// Wildcards and regular expressions that open with letters of their
	// own are allowed.
	for _, q := range []string{`vis*`, `/visit(s|ed)?/`, `/vi.*/`, `pl?n`} {
		if _, err := ix.Search(context.Background(), corpus.Query{Text: q}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	if _, err := ix.Search(context.Background(), corpus.Query{Filter: corpus.Filter{From: "14/03/2019"}}); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("bad date: %v", err)
	}
}

func TestThemesAndTimeliness(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	tab, err := ix.Themes(ctx, corpus.Filter{}, "authority")
	if err != nil {
		t.Fatal(err)
	}
	if tab.TotalReviews != 3 || len(tab.Rows) != 3 {
		t.Fatalf("themes = %+v", tab)
	}
	for _, r := range tab.Rows {
		if r.Reviews != 1 || r.Authorities != 1 || len(r.By) != 1 {
			t.Errorf("row %+v", r)
		}
	}
	tab, err = ix.Themes(ctx, corpus.Filter{Authorities: []string{"Fife"}}, "section")
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 1 || tab.Rows[0].Theme != "contact_supervision" || tab.Rows[0].By["supervision"] != 1 {
		t.Errorf("themes by section for Fife = %+v", tab)
	}
	if _, err := ix.Themes(ctx, corpus.Filter{}, "colour"); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("bad by: %v", err)
	}
	rows, err := ix.Timeliness(ctx, corpus.Filter{}, "authority")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Key != "Fife" || rows[0].NotificationsOnTime != 1 || rows[0].NotificationsKnown != 2 || rows[0].NotificationShare != 0.5 {
		t.Errorf("timeliness = %+v", rows)
	}
}

func TestReplaceDeleteVerify(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	if n, err := ix.Verify(ctx); err != nil || n != 3 {
		t.Fatalf("Verify = %d, %v", n, err)
	}
	// A new version of r1 with fewer sections replaces the old one whole.
	r1 := testReviews()[0]
	r1.Sections = r1.Sections[:1]
	if err := ix.Apply(ctx, []*corpus.Review{r1}, []string{"r3"}); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Verify(ctx); err != nil || n != 2 {
		t.Fatalf("Verify after replace = %d, %v", n, err)
	}
	if _, err := ix.Review(ctx, "r3"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("deleted review: %v", err)
	}
	got, err := ix.Review(ctx, "r2")
	if err != nil || got.Authority != "Glasgow City" || len(got.Themes) != 2 {
		t.Errorf("Review(r2) = %+v, %v", got, err)
	}
	src, err := ix.Sources(ctx)
	if err != nil || len(src) != 2 || src["/data/r1.pdf"] != "r1" {
		t.Errorf("Sources = %v, %v", src, err)
	}
}

func TestLock(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(context.Background(), dir, Options{Holder: LockInfo{Command: "sirlearn serve", Addr: "http://127.0.0.1:8080"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), dir, Options{})
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, corpus.ErrLocked) || le.Holder.Addr != "http://127.0.0.1:8080" {
		t.Fatalf("second Open = %v, want a LockedError naming the server", err)
	}
	ix.Close()
	ix2, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	ix2.Close()
}

// TestCacheClearedOnWrite: a cached answer never outlives a write.
func TestCacheClearedOnWrite(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	q := corpus.Query{Text: "plan", Size: 10}
	before, err := ix.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	before.Hits[0].Snippet = "changed by the caller"
	again, _ := ix.Search(ctx, q)
	if again.Hits[0].Snippet == "changed by the caller" {
		t.Error("a caller's change reached the cache")
	}
	r := testReviews()[1]
	r.ID, r.Source = "r4", "/data/r4.pdf"
	if err := ix.Put(ctx, []*corpus.Review{r}); err != nil {
		t.Fatal(err)
	}
	after, _ := ix.Search(ctx, q)
	if after.Total != before.Total+1 {
		t.Errorf("after a write: %d hits, want %d", after.Total, before.Total+1)
	}
	tab, _ := ix.Themes(ctx, corpus.Filter{}, "")
	if tab.TotalReviews != 4 {
		t.Errorf("themes after a write: %d reviews", tab.TotalReviews)
	}
}

// TestNoHitsIsEmptyList: a search without hits answers an empty list, which
// JSON clients get as [] rather than null.
func TestNoHitsIsEmptyList(t *testing.T) {
	ix := openTest(t)
	for i := 0; i < 2; i++ { // the second answer comes from the cache
		res, err := ix.Search(context.Background(), corpus.Query{Text: "zebra"})
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := json.Marshal(res); !strings.Contains(string(b), `"hits":[]`) {
			t.Errorf("no hits: %s", b)
		}
	}
}
