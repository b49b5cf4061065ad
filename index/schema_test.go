package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/corpus/synth"
)

// sampleReviews generates n synthetic reviews as text and turns each
// paragraph into a section, with incident dates spread over four years.
func sampleReviews(t testing.TB, n int) []*corpus.Review {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Generate(context.Background(), synth.Options{Out: dir, Reviews: n, Seed: 7, Formats: []corpus.Format{corpus.FormatText}}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	kinds := corpus.SectionKinds()
	start := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []*corpus.Review
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := &corpus.Review{ID: fmt.Sprintf("s%03d", i), Source: f, Format: corpus.FormatText,
			Metadata: corpus.Metadata{Authority: "Fife", IncidentDate: corpus.Date(start.AddDate(0, 0, i*1461/len(files)).Format(time.DateOnly))}}
		for j, p := range strings.Split(string(b), "\n\n") {
			if strings.TrimSpace(p) != "" {
				r.Sections = append(r.Sections, corpus.Section{Kind: kinds[j%len(kinds)], Text: p})
			}
		}
		out = append(out, r)
	}
	return out
}

func openEmpty(t *testing.T, opts Options) *Index {
	t.Helper()
	ix, err := Open(context.Background(), t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestDateRanges: every range, split into year, month and day tags, finds
// exactly the reviews whose incident date lies in it.
func TestDateRanges(t *testing.T) {
	ix := openEmpty(t, Options{})
	ctx := context.Background()
	var reviews []*corpus.Review
	day := time.Date(2018, 11, 25, 0, 0, 0, 0, time.UTC)
	for i := 0; day.Year() < 2021 || day.Month() < 3; i++ {
		reviews = append(reviews, &corpus.Review{ID: fmt.Sprintf("d%04d", i), Source: fmt.Sprint(i),
			Metadata: corpus.Metadata{IncidentDate: corpus.Date(day.Format(time.DateOnly))},
			Sections: []corpus.Section{{Kind: corpus.SectionSummary, Text: "summary"}}})
		day = day.AddDate(0, 0, 1+i%4)
	}
	reviews = append(reviews, &corpus.Review{ID: "nodate", Source: "nodate", Sections: []corpus.Section{{Kind: corpus.SectionSummary, Text: "summary"}}})
	if err := ix.Put(ctx, reviews); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	cases := [][2]string{{"2019-01-01", "2019-12-31"}, {"2019-01-01", "2020-12-31"}, {"2018-12-31", "2019-01-01"}, {"2019-02-01", "2019-02-28"},
		{"2019-02-15", "2019-02-14"}, {"", "2019-03-01"}, {"2020-06-30", ""}, {"2019-03-31", "2020-03-01"}, {"2020-02-29", "2020-02-29"}}
	for i := 0; i < 60; i++ {
		a := time.Date(2018, 11, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(900))
		b := a.AddDate(0, 0, r.IntN(500))
		cases = append(cases, [2]string{a.Format(time.DateOnly), b.Format(time.DateOnly)})
	}
	for _, c := range cases {
		want := 0
		for _, rv := range reviews {
			d := string(rv.IncidentDate)
			if d != "" && (c[0] == "" || d >= c[0]) && (c[1] == "" || d <= c[1]) {
				want++
			}
		}
		res, err := ix.Search(ctx, corpus.Query{Filter: corpus.Filter{From: c[0], To: c[1]}, Size: 1, NoFacets: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want {
			t.Errorf("from %q to %q: %d sections, want %d", c[0], c[1], res.Total, want)
		}
	}
}

// TestFastPhrase: sirlearn's phrase searcher finds exactly the sections
// bleve's own phrase query finds, gaps for stop words included, and ranks
// them with finite scores.
func TestFastPhrase(t *testing.T) {
	ix := openEmpty(t, Options{CacheEntries: -1})
	ctx := context.Background()
	reviews := sampleReviews(t, 40)
	// Several batches make several segments, and putting some reviews
	// again leaves deleted documents in the older ones.
	for i := 0; i < len(reviews); i += 10 {
		if err := ix.Put(ctx, reviews[i:i+10]); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Put(ctx, reviews[5:15]); err != nil {
		t.Fatal(err)
	}
	// Phrases cut from the text itself, two to four words long, and some
	// that are not there.
	r := rand.New(rand.NewPCG(3, 4))
	phrases := []string{"social worker", "risk of harm", "case management plan", "the plan was", "worker social", "no such phrase anywhere"}
	for len(phrases) < 80 {
		s := reviews[r.IntN(len(reviews))].Sections
		w := strings.Fields(s[r.IntN(len(s))].Text)
		if len(w) < 6 {
			continue
		}
		i, n := r.IntN(len(w)-4), 2+r.IntN(3)
		phrases = append(phrases, strings.Trim(strings.ReplaceAll(strings.Join(w[i:i+n], " "), ":", " "), `".,;()`))
	}
	for _, p := range phrases {
		p = strings.ReplaceAll(p, `"`, "")
		got, err := ix.Search(ctx, corpus.Query{Text: `"` + p + `"`, Size: corpus.MaxSearchSize, NoFacets: true})
		if err != nil {
			t.Fatalf("%q: %v", p, err)
		}
		q := bleve.NewMatchPhraseQuery(p)
		q.SetField(fText)
		fq, _ := filterQueries(corpus.Filter{}, "s")
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(append(fq, q)...), 1000, 0, false)
		want, err := ix.idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != int(want.Total) {
			t.Errorf("%q: %d sections, bleve's phrase query %d", p, got.Total, want.Total)
			continue
		}
		ids := map[string]bool{}
		var wantReviews, gotReviews []string
		for _, h := range want.Hits {
			ids[h.ID] = true
			wantReviews = append(wantReviews, keyOf(h.ID))
		}
		for _, h := range got.Hits {
			gotReviews = append(gotReviews, docKey(h.ReviewID))
		}
		if got.Total <= corpus.MaxSearchSize && fmt.Sprint(sorted(gotReviews)) != fmt.Sprint(sorted(wantReviews)) {
			t.Errorf("%q: hits in reviews %v, bleve %v", p, sorted(gotReviews), sorted(wantReviews))
		}
		for _, h := range got.Hits {
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) || h.Score <= 0 {
				t.Errorf("%q: score %v", p, h.Score)
			}
		}
		if len(ids) != len(want.Hits) {
			t.Errorf("%q: duplicate ids", p)
		}
	}
	// A phrase with a filter, and the highlighted snippet marks the phrase.
	res, err := ix.Search(ctx, corpus.Query{Text: `"social worker"`, Filter: corpus.Filter{From: "2019-01-01", To: "2019-12-31"}, Highlight: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 || !strings.Contains(strings.ToLower(res.Hits[0].Snippet), "<mark>social</mark> <mark>worker</mark>") {
		t.Errorf("filtered phrase: %d hits, first snippet %q", res.Total, res.Hits[0].Snippet)
	}
	if _, err := json.Marshal(res); err != nil {
		t.Errorf("result does not encode: %v", err)
	}
}

func TestTagFieldsInQueries(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"year:2019", []string{"r1", "r1"}},
		{`authority:"Glasgow City"`, []string{"r2"}},
		{"authority:Glas*", []string{"r2"}},
		{"theme:pandemic_impact plan", []string{"r2"}},
		{"section:assessment", []string{"r3"}},
		{"section:summary review", []string{"r1"}},
		{"incident_type:death", []string{"r3"}},
		{"plan -year:2020", nil},
		{"heading:supervision", []string{"r1"}},
	} {
		checkHits(t, ix, tt.q, tt.want)
	}
	for _, q := range []string{"year:>2019", "authority:fife~1"} {
		if _, err := ix.Search(ctx, corpus.Query{Text: q}); !errors.Is(err, corpus.ErrInvalid) {
			t.Errorf("%q: %v, want ErrInvalid", q, err)
		}
	}
}

// TestMigrateFirstSchema: an index written by the first version (typed
// documents with the review JSON in "raw") is rebuilt on Open, whole.
func TestMigrateFirstSchema(t *testing.T) {
	dir := t.TempDir()
	m := bleve.NewIndexMapping()
	m.TypeField = "type"
	dm := bleve.NewDocumentStaticMapping()
	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	dm.AddFieldMappingsAt("type", kw)
	raw := bleve.NewTextFieldMapping()
	raw.Index = false
	raw.Store = true
	dm.AddFieldMappingsAt("raw", raw)
	m.AddDocumentMapping("review", dm)
	old, err := bleve.New(filepath.Join(dir, "bleve"), m)
	if err != nil {
		t.Fatal(err)
	}
	reviews := testReviews()
	for _, r := range reviews {
		b, _ := json.Marshal(r)
		if err := old.Index(r.ID, map[string]interface{}{"type": "review", "raw": string(b)}); err != nil {
			t.Fatal(err)
		}
		if err := old.Index(r.ID+"/0", map[string]interface{}{"type": "section"}); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	ix, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if n, err := ix.Verify(ctx); err != nil || n != len(reviews) {
		t.Fatalf("after migration: Verify = %d, %v", n, err)
	}
	res, err := ix.Search(ctx, corpus.Query{Text: "visit"})
	if err != nil || res.Total != 1 {
		t.Errorf("search after migration: %+v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "bleve.old")); !os.IsNotExist(err) {
		t.Errorf("old index left behind: %v", err)
	}
}

// TestLongIDs: reviews with content-hash ids (cut to a key inside bleve)
// come back under their whole ids everywhere.
func TestLongIDs(t *testing.T) {
	ix := openEmpty(t, Options{})
	ctx := context.Background()
	reviews := testReviews()
	for i, r := range reviews {
		r.ID = strings.Repeat(fmt.Sprintf("%x", i+10), 64)[:64]
	}
	if err := ix.Put(ctx, reviews); err != nil {
		t.Fatal(err)
	}
	long := reviews[0].ID
	if docKey(long) == long || len(docKey(long)) != 21 {
		t.Errorf("docKey(%s) = %s", long, docKey(long))
	}
	if ok, err := ix.Has(long); !ok || err != nil {
		t.Errorf("Has = %v, %v", ok, err)
	}
	// The stored review comes back whole, its section texts included.
	for _, want := range reviews {
		got, err := ix.Review(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(want)
		if string(a) != string(b) {
			t.Errorf("Review(%s) = %s\nwant %s", want.ID, a, b)
		}
	}
	res, err := ix.Search(ctx, corpus.Query{Text: "visit", Highlight: true})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ReviewID != long || !strings.Contains(res.Hits[0].Snippet, "<mark>") {
		t.Errorf("Search = %+v, %v", res, err)
	}
	src, err := ix.Sources(ctx)
	if err != nil || src[reviews[1].Source] != reviews[1].ID {
		t.Errorf("Sources = %v, %v", src, err)
	}
	if err := ix.Delete(ctx, []string{long}); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Verify(ctx); err != nil || n != 2 {
		t.Errorf("Verify after delete = %d, %v", n, err)
	}
}

func TestSectionOnly(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"visit", true},
		{`"home visit" -plan`, true},
		{"heading:risk", true},
		{"year:2019", false},
		{"year:2019 plan", true},
		{"-plan", false},
		{"2019", true}, // a word or a number range, both on the text
	} {
		q, err := parseText(tt.q, fText)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if got := sectionOnly(q); got != tt.want {
			t.Errorf("sectionOnly(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestSettle(t *testing.T) {
	ix := openEmpty(t, Options{})
	ctx := context.Background()
	for _, r := range testReviews() {
		if err := ix.Put(ctx, []*corpus.Review{r}); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	settled, err := ix.Settle(ctx, 100*time.Millisecond)
	if err != nil || settled.Before(start) || time.Since(settled) < 100*time.Millisecond {
		t.Errorf("Settle = %v, %v", settled, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ix.Settle(cctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Settle with a cancelled context: %v", err)
	}
}

// checkHits searches q and checks the review ids of its hits (one per
// matching section) and the total.
func checkHits(t *testing.T, ix *Index, q string, want []string) {
	t.Helper()
	res, err := ix.Search(context.Background(), corpus.Query{Text: q})
	if err != nil {
		t.Errorf("%q: %v", q, err)
		return
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ReviewID)
	}
	if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
		t.Errorf("%q: %v, want %v", q, got, want)
	}
	if res.Total != len(want) {
		t.Errorf("%q: total %d, want %d", q, res.Total, len(want))
	}
}

// TestHeadingQueries: heading: finds the words of section headings only,
// as words, phrases, patterns and exclusions, and a phrase never runs from
// a heading into its text.
func TestHeadingQueries(t *testing.T) {
	ix := openTest(t)
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"heading:plan", []string{"r2"}},
		{"heading:supervision", []string{"r1"}},
		{"title:Supervision", []string{"r1"}},
		{"heading:licence", nil},      // in r2's text, not its heading
		{"heading:commissioned", nil}, // in r1's text
		{`heading:"management plan"`, []string{"r2"}},
		{`heading:"plan management"`, nil},
		{"heading:assess*", []string{"r3"}},
		{"heading:/supervis.*/", []string{"r1"}},
		{"heading:plam~1", []string{"r2"}},
		{"licence -heading:plan", nil},
		{"home -heading:plan", []string{"r1"}},
		{"heading:risk LS/CMI", []string{"r3"}},
		{"heading:plan year:2020", []string{"r2"}},
		{`"risk assessment"`, []string{"r3"}},      // both words in the heading
		{`"no home visit"`, []string{"r1"}},        // in the text
		{`"supervision no home visit"`, nil},       // would run from heading into text
		{`"case management plan"`, []string{"r2"}}, // heading, and again in the text
		{`"introduction this review"`, nil},        // heading into text again
		{"supervision", []string{"r1"}},            // unqualified words still find headings
	} {
		checkHits(t, ix, tt.q, tt.want)
	}
}

// TestMigrateSecondSchema: an index of each earlier schema since 2 (a
// heading field of its own; no researcher view; doc values on tags) is
// rebuilt on Open from its stored reviews, which come back whole.
func TestMigrateSecondSchema(t *testing.T) {
	for _, old := range []string{"2", "3", "4"} {
		t.Run("schema "+old, func(t *testing.T) { testMigrateFrom(t, old) })
	}
}

func testMigrateFrom(t *testing.T, old string) {
	dir := t.TempDir()
	ctx := context.Background()
	ix, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	reviews := testReviews()
	if err := ix.Put(ctx, reviews); err != nil {
		t.Fatal(err)
	}
	// The stored fields of schemas 2 to 4 are those of this one.
	if err := ix.idx.SetInternal(schemaKey, []byte(old)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if v, _ := ix.idx.GetInternal(schemaKey); string(v) != schemaVersion {
		t.Errorf("schema after migration %q, want %q", v, schemaVersion)
	}
	if n, err := ix.Verify(ctx); err != nil || n != len(reviews) {
		t.Fatalf("after migration: Verify = %d, %v", n, err)
	}
	for _, want := range reviews {
		got, err := ix.Review(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		gb, _ := json.Marshal(got)
		wb, _ := json.Marshal(want)
		if string(gb) != string(wb) {
			t.Errorf("review %s after migration:\n%s\nwant\n%s", want.ID, gb, wb)
		}
	}
	if res, err := ix.Search(ctx, corpus.Query{Text: "heading:plan"}); err != nil || res.Total != 1 {
		t.Errorf("heading search after migration: %+v, %v", res, err)
	}
}

// TestNewerSchemaRefused: an index written by a later version is left
// alone, with an error that says so.
func TestNewerSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.idx.SetInternal(schemaKey, []byte("99")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := Open(context.Background(), dir, Options{}); err == nil || !strings.Contains(err.Error(), `schema "99"`) {
		t.Errorf("Open of a schema 99 index: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "bleve.new")); !os.IsNotExist(err) {
		t.Errorf("rebuild started: %v", err)
	}
}
