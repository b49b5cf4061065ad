package index

import (
	"context"
	"errors"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func TestDecisionsPersistAndCount(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	ix, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, testReviews()); err != nil {
		t.Fatal(err)
	}
	// r2 suggests case_management_plan and pandemic_impact on one sentence
	// pair; reject the first, accept the second, add contact_supervision.
	r2, err := ix.Review(ctx, "r2")
	if err != nil {
		t.Fatal(err)
	}
	sent := r2.Themes[0].Evidence[0].Text
	for _, d := range []corpus.Decision{
		{ReviewID: "r2", Sentence: sent, Theme: corpus.ThemeCaseManagementPlan, Action: corpus.ActionReject, Who: "alice"},
		{ReviewID: "r2", Sentence: sent, Theme: corpus.ThemePandemicImpact, Action: corpus.ActionAccept, Who: "alice"},
		{ReviewID: "r2", Sentence: "Contact was by telephone during lockdown.", Theme: corpus.ThemeContactSupervision, Action: corpus.ActionAdd, Polarity: corpus.Concern, Who: "bob"},
	} {
		if _, err := ix.Decide(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ix.Decide(ctx, corpus.Decision{ReviewID: "r2", Sentence: "No such words here.", Theme: corpus.ThemeMAPPA, Action: corpus.ActionAdd, Who: "bob"}); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("a decision on a sentence the review lacks: %v", err)
	}
	check := func(ix *Index, when string) {
		t.Helper()
		r, err := ix.Review(ctx, "r2")
		if err != nil {
			t.Fatal(err)
		}
		got := map[corpus.ThemeID]string{}
		for _, th := range r.Themes {
			got[th.ID] = th.Evidence[0].Status + "/" + th.Evidence[0].By
		}
		want := map[corpus.ThemeID]string{corpus.ThemePandemicImpact: "accepted/alice", corpus.ThemeContactSupervision: "added/bob"}
		if len(got) != 2 || got[corpus.ThemePandemicImpact] != want[corpus.ThemePandemicImpact] || got[corpus.ThemeContactSupervision] != want[corpus.ThemeContactSupervision] {
			t.Errorf("%s: themes = %v, want %v", when, got, want)
		}
		if len(r.Rejected) != 1 || r.Rejected[0].Theme != corpus.ThemeCaseManagementPlan || r.Rejected[0].By != "alice" {
			t.Errorf("%s: rejected = %+v", when, r.Rejected)
		}
		// Counts follow: the rejected theme no longer counts r2's case.
		tab, err := ix.Themes(ctx, corpus.Filter{}, "")
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for _, row := range tab.Rows {
			counts[row.Theme] = row.Reviews
		}
		if counts["case_management_plan"] != 0 || counts["contact_supervision"] != 2 || counts["pandemic_impact"] != 1 {
			t.Errorf("%s: theme counts = %v", when, counts)
		}
		conf, err := ix.Themes(ctx, corpus.Filter{Confirmed: true}, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(conf.Rows) != 2 {
			t.Errorf("%s: confirmed-only themes = %+v, want pandemic_impact and contact_supervision", when, conf.Rows)
		}
		res, err := ix.Search(ctx, corpus.Query{Filter: corpus.Filter{Themes: []string{"contact_supervision"}, Confirmed: true}, Group: corpus.GroupSection})
		if err != nil || res.Total != 1 {
			t.Errorf("%s: confirmed contact_supervision sections = %v, %v", when, res, err)
		}
	}
	check(ix, "after deciding")
	ix.Close()

	// A restart, then a re-tag (as after a taxonomy change): the stored
	// review is written again as extracted, and the decisions hold.
	ix, err = Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	check(ix, "after a restart")
	if err := ix.Put(ctx, testReviews()[1:2]); err != nil {
		t.Fatal(err)
	}
	check(ix, "after re-indexing")

	// A new version of the file with the sentence unchanged: the decisions
	// follow; the check does not.
	if _, err := ix.MarkChecked(ctx, "r2", "alice", true); err != nil {
		t.Fatal(err)
	}
	v2 := testReviews()[1]
	v2.ID = "r2v2"
	if err := ix.Apply(ctx, []*corpus.Review{v2}, []string{"r2"}); err != nil {
		t.Fatal(err)
	}
	r, err := ix.Review(ctx, "r2v2")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rejected) != 1 || len(r.Themes) != 2 || r.Checked != nil {
		t.Errorf("new version: themes %+v rejected %+v checked %+v", r.Themes, r.Rejected, r.Checked)
	}
	// A version that no longer holds the coded sentences reports their
	// decisions as orphans instead of losing them.
	v3 := testReviews()[1]
	v3.ID = "r2v3"
	v3.Sections[0].Text = "The case management plan did not reflect the licence conditions."
	v3.Themes[0].Evidence[0].Text = v3.Sections[0].Text
	if err := ix.Apply(ctx, []*corpus.Review{v3}, []string{"r2v2"}); err != nil {
		t.Fatal(err)
	}
	if r, err = ix.Review(ctx, "r2v3"); err != nil || len(r.Orphans) != 2 {
		t.Errorf("orphans = %+v, %v; want the rejection and the addition", r.Orphans, err)
	}
	if _, err := ix.Verify(ctx); err != nil {
		t.Error(err)
	}
}
