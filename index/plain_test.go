package index

import (
	"context"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

// plainReviews: one review with a section in which a name was redacted
// and two in which nothing was (so they are stored without a researcher
// copy), and a review whose only section names the same person.
func plainReviews() []*corpus.Review {
	named := corpus.Section{Kind: corpus.SectionBackground, Heading: "Background", RedactedHeading: "Background",
		Text: "Angus Brodie missed the home visit in May.", RedactedText: "[PERSON] missed the home visit in May."}
	plain := corpus.Section{Kind: corpus.SectionSupervision, Heading: "Supervision", RedactedHeading: "Supervision",
		Text: "No home visit was undertaken after the move.", RedactedText: "No home visit was undertaken after the move."}
	plan := corpus.Section{Kind: corpus.SectionCaseManagementPlan, Heading: "Plan", RedactedHeading: "Plan",
		Text: "The plan was not reviewed.", RedactedText: "The plan was not reviewed."}
	other := corpus.Section{Kind: corpus.SectionAnalysis, Heading: "Brodie's order", RedactedHeading: "[PERSON]'s order",
		Text: "The order for Brodie was not varied.", RedactedText: "The order for [PERSON] was not varied."}
	return []*corpus.Review{
		{ID: "p1", Source: "/in/p1.txt", Metadata: corpus.Metadata{Authority: "Fife", IncidentDate: "2020-01-02"}, Title: "Review of Angus Brodie", RedactedTitle: "Review of [PERSON]",
			Sections: []corpus.Section{named, plain, plan}},
		{ID: "p2", Source: "/in/p2.txt", Metadata: corpus.Metadata{Authority: "Fife", IncidentDate: "2021-01-02"}, Sections: []corpus.Section{other}},
	}
}

// TestResearcherPlainSections: a section with nothing redacted stores no
// researcher copy, and researchers still find it by words, phrases,
// headings and exclusions, with snippets of its text; a section with a
// name redacted is found by its researcher copy only, and its text is
// never shown to them.
func TestResearcherPlainSections(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(ctx, t.TempDir(), Options{Holder: LockInfo{Command: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(ctx, plainReviews()); err != nil {
		t.Fatal(err)
	}
	stored, err := ix.storedByKey(ctx, []string{sectionID("p1", 0), sectionID("p1", 1)}, fRText)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range stored {
		_, has := h.Fields[fRText]
		if want := h.ID == sectionID("p1", 0); has != want {
			t.Errorf("%s: researcher copy stored %v, want %v", h.ID, has, want)
		}
	}
	sections := func(q corpus.Query) (ids []string, snippets string) {
		t.Helper()
		q.Group, q.Highlight = corpus.GroupSection, true
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ReviewID+"/"+string(h.Section))
			snippets += h.Snippet + " | " + h.Heading + " | "
		}
		grouped, err := ix.Search(ctx, corpus.Query{Text: q.Text, Redacted: q.Redacted, Highlight: true, Group: corpus.GroupReview})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range grouped.Reviews {
			for _, h := range r.Sections {
				snippets += h.Snippet + " | " + h.Heading + " | "
			}
		}
		return ids, snippets
	}
	for _, tt := range []struct {
		text       string
		inspector  []string
		researcher []string
	}{
		{"visit", []string{"p1/background", "p1/supervision"}, []string{"p1/background", "p1/supervision"}},
		{`"home visit"`, []string{"p1/background", "p1/supervision"}, []string{"p1/background", "p1/supervision"}},
		{"Brodie", []string{"p1/background", "p2/analysis"}, nil},
		{"visit -Brodie", []string{"p1/supervision"}, []string{"p1/background", "p1/supervision"}},
		{"heading:supervision", []string{"p1/supervision"}, []string{"p1/supervision"}},
		{"heading:brodie", []string{"p2/analysis"}, nil},
		{"reviewed OR varied", []string{"p1/case_management_plan", "p2/analysis"}, []string{"p1/case_management_plan", "p2/analysis"}},
		{"undert*", []string{"p1/supervision"}, []string{"p1/supervision"}},
	} {
		got, _ := sections(corpus.Query{Text: tt.text})
		if !sameSet(got, tt.inspector) {
			t.Errorf("inspector %q: %v, want %v", tt.text, got, tt.inspector)
		}
		got, snippets := sections(corpus.Query{Text: tt.text, Redacted: true})
		if !sameSet(got, tt.researcher) {
			t.Errorf("researcher %q: %v, want %v", tt.text, got, tt.researcher)
		}
		if strings.Contains(snippets, "Brodie") || strings.Contains(snippets, "Angus") {
			t.Errorf("researcher %q saw the name: %s", tt.text, snippets)
		}
		if len(got) > 0 && !strings.Contains(snippets, "<mark>") {
			t.Errorf("researcher %q: no highlighted snippet: %s", tt.text, snippets)
		}
	}
	r, err := ix.Review(ctx, "p1")
	if err != nil {
		t.Fatal(err)
	}
	want := plainReviews()[0]
	for i, s := range r.Sections {
		if s.RedactedText != want.Sections[i].RedactedText || s.Text != want.Sections[i].Text {
			t.Errorf("section %d read back as %q / %q", i, s.Text, s.RedactedText)
		}
	}
	if _, err := ix.Similar(ctx, "p1", 5, true); err != nil {
		t.Errorf("similar for a researcher: %v", err)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}
