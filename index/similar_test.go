package index

import (
	"context"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func TestSimilar(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(ctx, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	mk := func(id, text string, themes ...corpus.ThemeID) *corpus.Review {
		r := &corpus.Review{ID: id, Source: id + ".pdf", Title: "Review " + id, Metadata: corpus.Metadata{Authority: "Fife"},
			Sections: []corpus.Section{{Kind: corpus.SectionSupervision, Heading: "Supervision", Text: text, RedactedText: text}}}
		for _, th := range themes {
			r.Themes = append(r.Themes, corpus.Theme{ID: th, Evidence: []corpus.Evidence{{Section: corpus.SectionSupervision, Text: text, Polarity: corpus.Concern}}})
		}
		return r
	}
	rs := []*corpus.Review{
		mk("a1", "No home visits were made and missed appointments were not followed up by the worker during the licence.", corpus.ThemeContactSupervision),
		mk("a2", "Home visits lapsed; the missed appointments were never followed up while the licence ran.", corpus.ThemeContactSupervision, corpus.ThemeEnforcement),
		mk("b1", "The LS/CMI assessment was completed late and the risk formulation was never updated.", corpus.ThemeAssessmentTimeliness),
		mk("b2", "Police did not share intelligence about domestic incidents with the justice service.", corpus.ThemeInformationSharing),
	}
	if err := ix.Put(ctx, rs); err != nil {
		t.Fatal(err)
	}
	for _, redacted := range []bool{false, true} {
		got, err := ix.Similar(ctx, "a1", 5, redacted)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].ReviewID != "a2" || len(got[0].SharedThemes) != 1 || got[0].SharedThemes[0] != "contact_supervision" {
			t.Fatalf("redacted=%v: similar to a1 = %+v; want a2 first, sharing contact_supervision", redacted, got)
		}
		for _, s := range got {
			if s.ReviewID == "a1" {
				t.Error("a review is listed as similar to itself")
			}
			if redacted && s.Source != "" {
				t.Error("a researcher's similar reviews carry a source path")
			}
		}
	}
	if _, err := ix.Similar(ctx, "nope", 5, false); err == nil {
		t.Error("similar of a missing review")
	}
}
