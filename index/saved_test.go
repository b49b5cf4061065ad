package index

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func TestSavedSearchAlerts(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	if err := ix.SaveSearch(ctx, corpus.SavedSearch{Name: "visits in Fife", Query: `"home visit" OR visits`, Filter: corpus.Filter{Authorities: []string{"fife"}}, Owner: "alice"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.SaveSearch(ctx, corpus.SavedSearch{Name: "bad", Query: `"unbalanced`}); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("a search that does not parse was saved: %v", err)
	}
	// The reviews already indexed raise nothing; new ones do when they match.
	mk := func(id, auth, text string) *corpus.Review {
		return &corpus.Review{ID: id, Source: id + ".pdf", Title: "Review " + id, Metadata: corpus.Metadata{Authority: auth},
			Sections: []corpus.Section{{Kind: corpus.SectionSupervision, Text: text}}}
	}
	if err := ix.Put(ctx, []*corpus.Review{mk("n1", "Fife", "No home visit was made."), mk("n2", "Angus", "No home visit was made."), mk("n3", "Fife", "The plan lapsed.")}); err != nil {
		t.Fatal(err)
	}
	ss, err := ix.SavedSearches(ctx)
	if err != nil || len(ss) != 1 || len(ss[0].New) != 1 || ss[0].New[0].ReviewID != "n1" {
		t.Fatalf("saved searches = %+v, %v; want one alert, for n1", ss, err)
	}
	// Writing a review again (a decision, a re-tag) is no news.
	if err := ix.SeenAlerts(ctx, "visits in Fife"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, []*corpus.Review{mk("n1", "Fife", "No home visit was made.")}); err != nil {
		t.Fatal(err)
	}
	if ss, _ = ix.SavedSearches(ctx); len(ss[0].New) != 0 {
		t.Errorf("re-indexing raised %+v", ss[0].New)
	}
	if err := ix.DeleteSearch(ctx, "visits in Fife"); err != nil {
		t.Fatal(err)
	}
	if err := ix.DeleteSearch(ctx, "visits in Fife"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
}

// TestValidSearchName checks the hand-written name check against the
// regular expression it replaced.
func TestValidSearchName(t *testing.T) {
	re := regexp.MustCompile(`^[\pL\pN][\pL\pN _.\-]{0,79}$`)
	names := []string{"", "a", "Fife 2021", "home-visit_search.v2", " lead", "-dash", "_x", "ok!", "tab\there",
		"Ärzte ½", "٣ arabic digit", "日本語", strings.Repeat("a", 80), strings.Repeat("a", 81), strings.Repeat("é", 80),
		strings.Repeat("é", 81), "a\u00a0b", "x\n"}
	for _, n := range names {
		if got, want := validSearchName(n), re.MatchString(n); got != want {
			t.Errorf("validSearchName(%q) = %t, the regexp says %t", n, got, want)
		}
	}
}
