package index

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

// caseReviews: one incident as a notification, a Part One and a Part Two
// (linked by reference, and the Part Two by incident), and an incident
// that got no further than its notification.
func caseReviews() []*corpus.Review {
	md := func(date, notif, sub string) corpus.Metadata {
		return corpus.Metadata{Authority: "Fife", IncidentDate: corpus.Date(date), NotificationDate: corpus.Date(notif), SubmittedDate: corpus.Date(sub), IncidentType: corpus.IncidentSeriousViolence}
	}
	sec := func(text string) []corpus.Section {
		return []corpus.Section{{Kind: corpus.SectionSummary, Heading: "Summary", Text: text}}
	}
	ev := func(id corpus.ThemeID, pol corpus.Polarity) corpus.Theme {
		return corpus.Theme{ID: id, Score: 0.7, Evidence: []corpus.Evidence{{Section: corpus.SectionSummary, Text: "x", Polarity: pol}}}
	}
	return []*corpus.Review{
		{ID: "n1", Source: "n1.docx", DocumentKind: corpus.KindNotification, CaseReference: "SIR-FIF-22-001", Subject: "Mr B",
			Metadata: md("2022-03-01", "2022-03-04", ""), Sections: sec("Brief description of the incident.")},
		{ID: "p1", Source: "p1.pdf", DocumentKind: corpus.KindCaseReview, CaseReference: "SIR-FIF-22-001", Subject: "Mr B",
			Metadata: md("2022-03-01", "", "2022-05-20"), Sections: sec("The plan was not reviewed."), Themes: []corpus.Theme{ev(corpus.ThemeCaseManagementPlan, corpus.Concern)}},
		{ID: "p2", Source: "p2.pdf", DocumentKind: corpus.KindLearningReview, Subject: "Mr B",
			Metadata: md("2022-03-01", "", "2022-06-10"), Sections: sec("What went well."), Themes: []corpus.Theme{ev(corpus.ThemeCaseManagementPlan, corpus.Concern), ev(corpus.ThemeGoodPractice, corpus.Strength)}},
		{ID: "n2", Source: "n2.docx", DocumentKind: corpus.KindNotification, Subject: "Ms D",
			Metadata: md("2022-09-12", "2022-09-30", ""), Sections: sec("Brief description.")},
	}
}

func openCases(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(context.Background(), t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	// Two writes, so that linking meets documents already committed.
	rs := caseReviews()
	if err := ix.Put(context.Background(), rs[:2]); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(context.Background(), rs[2:]); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestCasesLinkAndCount(t *testing.T) {
	ix := openCases(t)
	ctx := context.Background()
	if n, err := ix.Verify(ctx); err != nil || n != 4 {
		t.Fatalf("Verify = %d, %v", n, err)
	}
	total, cases, err := ix.Cases(ctx, corpus.Filter{}, 10, 0)
	if err != nil || total != 2 {
		t.Fatalf("Cases = %d %+v, %v; want 2", total, cases, err)
	}
	c, err := ix.CaseOf(ctx, "p2")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Documents) != 3 || c.Metadata.NotificationDate != "2022-03-04" || c.Metadata.NotificationOnTime == nil || !*c.Metadata.NotificationOnTime {
		t.Errorf("case of p2 = %+v", c)
	}
	tab, err := ix.Themes(ctx, corpus.Filter{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if tab.TotalReviews != 1 || tab.TotalNotifications != 2 || tab.Unit != "case" {
		t.Errorf("themes totals = %+v; want 1 reviewed case of 2 notified", tab)
	}
	for _, r := range tab.Rows {
		if r.Reviews != 1 {
			t.Errorf("theme %s counts %d; a case with Part One and Part Two counts once", r.Theme, r.Reviews)
		}
	}
	rows, err := ix.Timeliness(ctx, corpus.Filter{}, "year")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Notifications != 2 || rows[0].Reviews != 1 || rows[0].NotificationsKnown != 2 || rows[0].NotificationsOnTime != 1 || rows[0].ReviewsKnown != 1 {
		t.Errorf("timeliness = %+v", rows)
	}
}

func TestCasesFollowRemovalAndHandEdits(t *testing.T) {
	ix := openCases(t)
	ctx := context.Background()
	if _, err := ix.Remove(ctx, "p1", "inspector-a", "wrong upload"); err != nil {
		t.Fatal(err)
	}
	// The Part Two still links to the notification by incident.
	c, err := ix.CaseOf(ctx, "n1")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Documents) != 2 {
		t.Errorf("after removing the Part One, case = %+v", c.Documents)
	}
	if _, err := ix.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	log, err := os.ReadFile(ix.AuditPath())
	if err != nil || !strings.Contains(string(log), `"action":"remove"`) || !strings.Contains(string(log), `"who":"inspector-a"`) {
		t.Errorf("audit journal = %q, %v", log, err)
	}
	if _, err := ix.Remove(ctx, "p1", "inspector-a", ""); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("removing twice: %v, want ErrNotFound", err)
	}

	// Split the Part Two off, then join it with the other incident.
	c, err = ix.EditCase(ctx, "split", []string{"p2"}, "inspector-a")
	if err != nil || len(c.Documents) != 1 {
		t.Fatalf("split = %+v, %v", c, err)
	}
	c, err = ix.EditCase(ctx, "join", []string{"p2", "n2"}, "inspector-a")
	if err != nil || len(c.Documents) != 2 {
		t.Fatalf("join = %+v, %v", c, err)
	}
	// A hand-made link holds when the document is indexed again.
	again := caseReviews()[2]
	if err := ix.Put(ctx, []*corpus.Review{again}); err != nil {
		t.Fatal(err)
	}
	if c, err = ix.CaseOf(ctx, "p2"); err != nil || len(c.Documents) != 2 || c.Documents[0].ID == "n1" || c.Documents[1].ID == "n1" {
		t.Errorf("after re-indexing, case of p2 = %+v, %v", c, err)
	}
	// Unlinked, it goes back to its incident.
	if _, err = ix.EditCase(ctx, "unlink", []string{"p2", "n2"}, "inspector-a"); err != nil {
		t.Fatal(err)
	}
	if c, err = ix.CaseOf(ctx, "p2"); err != nil || len(c.Documents) != 2 {
		t.Errorf("after unlinking, case of p2 = %+v, %v", c, err)
	}
	if _, err := ix.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.EditCase(ctx, "merge", []string{"p2"}, "x"); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("bad action: %v", err)
	}
}

func TestCasesRebuiltWhenAWriteStopped(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	ix, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, caseReviews()); err != nil {
		t.Fatal(err)
	}
	// As if the process died between a write and its cases: the mark set,
	// the cases gone.
	if err := ix.idx.SetInternal(casesPendingKey, []byte("1")); err != nil {
		t.Fatal(err)
	}
	b := ix.idx.NewBatch()
	_, cases, _ := ix.Cases(ctx, corpus.Filter{}, 10, 0)
	for _, c := range cases {
		b.Delete(caseKey(c.ID))
	}
	if err := ix.idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if total, _, err := ix.Cases(ctx, corpus.Filter{}, 10, 0); err != nil || total != 2 {
		t.Errorf("after reopening, %d cases (%v), want 2", total, err)
	}
	if _, err := ix.Verify(ctx); err != nil {
		t.Error(err)
	}
}

// TestCasesOnWriteMatchRebuild: linking on write takes the reviews just
// written from memory and the rest from the index; the cases it makes
// must be those that linking every stored review from scratch makes,
// whatever order and batches the documents came in.
func TestCasesOnWriteMatchRebuild(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		batches [][]int
	}{
		{"one batch", [][]int{{0, 1, 2, 3}}},
		{"notification first", [][]int{{0}, {1}, {2, 3}}},
		{"learning review first", [][]int{{2}, {3, 0}, {1}}},
		{"one at a time, reversed", [][]int{{3}, {2}, {1}, {0}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := Open(ctx, t.TempDir(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			rs := caseReviews()
			for _, b := range tc.batches {
				var put []*corpus.Review
				for _, i := range b {
					put = append(put, rs[i])
				}
				if err := ix.Put(ctx, put); err != nil {
					t.Fatal(err)
				}
			}
			// The reviews written are left as they were given.
			if got := rs[2].Themes[1].Evidence[0].Text; got != "x" || len(rs[2].Sections) != 1 {
				t.Fatalf("writing changed the caller's review: %+v", rs[2])
			}
			onWrite := allCases(t, ix)
			if _, err := ix.RebuildCases(ctx); err != nil {
				t.Fatal(err)
			}
			rebuilt := allCases(t, ix)
			if len(onWrite) != 2 {
				t.Fatalf("linked on write into %d cases; want 2", len(onWrite))
			}
			for id, c := range rebuilt {
				if onWrite[id] != c {
					t.Errorf("case %s on write:\n%s\nrebuilt:\n%s", id, onWrite[id], c)
				}
			}
			if len(rebuilt) != len(onWrite) {
				t.Errorf("%d cases on write, %d rebuilt", len(onWrite), len(rebuilt))
			}
		})
	}
}

// allCases is every case of ix as JSON, by id.
func allCases(t *testing.T, ix *Index) map[string]string {
	t.Helper()
	_, cases, err := ix.Cases(context.Background(), corpus.Filter{}, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range cases {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		out[c.ID] = string(b)
	}
	return out
}
