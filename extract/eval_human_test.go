package extract

import (
	"math"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

func TestEvaluateHuman(t *testing.T) {
	ev := func(s string) []corpus.Evidence {
		return []corpus.Evidence{{Section: corpus.SectionAnalysis, Text: s, Polarity: corpus.Concern}}
	}
	secs := []corpus.Section{{Kind: corpus.SectionAnalysis, Text: "The plan was not reviewed. Police did not share information. Visits lapsed."}}
	m1 := &corpus.Review{ID: "a", Sections: secs, Themes: []corpus.Theme{
		{ID: corpus.ThemeCaseManagementPlan, Evidence: ev("The plan was not reviewed.")},
		{ID: corpus.ThemeInformationSharing, Evidence: ev("Police did not share information.")},
	}}
	now := time.Now()
	ds := []corpus.Decision{
		{Key: corpus.SentenceKey("The plan was not reviewed."), Theme: corpus.ThemeCaseManagementPlan, Action: corpus.ActionAccept, Who: "x", When: now},
		{Key: corpus.SentenceKey("Police did not share information."), Theme: corpus.ThemeInformationSharing, Action: corpus.ActionReject, Who: "x", When: now},
		{Key: corpus.SentenceKey("Visits lapsed."), Sentence: "Visits lapsed.", Theme: corpus.ThemeContactSupervision, Action: corpus.ActionAdd, Who: "x", When: now},
	}
	h1 := corpus.ApplyDecisions(m1, ds, &corpus.Checked{Who: "x", When: now})
	rep := EvaluateHuman([]*corpus.Review{m1}, []*corpus.Review{h1})
	if rep.Reviews != 1 || rep.Checked != 1 || rep.Pairs != len(corpus.ThemeIDs()) {
		t.Fatalf("report = %+v", rep)
	}
	if rep.Micro != (Counts{TP: 1, FP: 1, FN: 1}) {
		t.Errorf("micro = %+v, want 1 agreed, 1 rejected, 1 added", rep.Micro)
	}
	// kappa from the 2x2 table: both 1, machine only 1, human only 1, neither n-3.
	n := float64(rep.Pairs)
	po := (1 + n - 3) / n
	pe := (2/n)*(2/n) + (1-2/n)*(1-2/n)
	if want := (po - pe) / (1 - pe); math.Abs(rep.Kappa-want) > 1e-9 {
		t.Errorf("kappa = %v, want %v", rep.Kappa, want)
	}
	// Unchecked, only decided themes count.
	h2 := corpus.ApplyDecisions(m1, ds[:1], nil)
	rep = EvaluateHuman([]*corpus.Review{m1}, []*corpus.Review{h2})
	if rep.Pairs != 1 || rep.Micro.TP != 1 {
		t.Errorf("unchecked report = %+v", rep)
	}
}
