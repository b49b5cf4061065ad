package index

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

func TestShownRoundTrip(t *testing.T) {
	sections := []sectionShown{
		{},
		{Kind: "findings", Heading: "4. Findings", RedactedHeading: "4. Findings", Page: 3},
		{Kind: "background", Heading: "Mr [PERSON]'s history", RedactedHeading: "[PERSON]", Page: 0},
	}
	for _, s := range sections {
		if got := decodeSectionShown(s.encode()); got != s {
			t.Errorf("section %+v came back as %+v", s, got)
		}
	}
	reviews := []reviewShown{
		{},
		{ReviewID: "r1", Source: "/in/a.pdf", Authority: "Fife", IncidentDay: "2019-03-14", IncidentType: "serious_violence",
			Themes: []string{"risk_assessment", "information_sharing"}, Title: "Review of Mr A", RedactedTitle: "Review of [PERSON]"},
		{ReviewID: "r2", Authority: Unknown, Themes: nil, Title: "", RedactedTitle: "Only redacted"},
	}
	for _, r := range reviews {
		// Stored as docsFor stores them on the review document.
		fields := map[string]interface{}{fID: r.ReviewID, fSource: r.Source, fThemes: themeField(r.Themes, nil, nil), fShown: r.encode()}
		if got := reviewShownFrom(fields); !reflect.DeepEqual(got, r) {
			t.Errorf("review %+v came back as %+v", r, got)
		}
	}
}

func TestHitOf(t *testing.T) {
	rs := reviewShown{ReviewID: "r1", Source: "/in/a.pdf", Authority: "Fife", Title: "Review of Mr A", RedactedTitle: "Review of [PERSON]", Themes: []string{"enforcement"}}
	sec := sectionShown{Kind: "findings", Heading: "Mr A's order", RedactedHeading: "[PERSON]'s order", Page: 2}
	h := &search.DocumentMatch{ID: sectionID("r1", 3), Score: 1.5, Fields: map[string]interface{}{fHit: sec.encode()}}
	reviews := map[string]reviewShown{docKey("r1"): rs}
	tests := []struct {
		name                   string
		redacted               bool
		heading, source, title string
	}{
		{"inspector", false, "Mr A's order", "/in/a.pdf", "Review of Mr A"},
		{"researcher", true, "[PERSON]'s order", "", "Review of [PERSON]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := hitOf(h, reviews, tt.redacted)
			if !ok {
				t.Fatal("hit of a stored review not made")
			}
			if got.Heading != tt.heading || got.Source != tt.source || got.title != tt.title || got.ReviewID != "r1" ||
				got.Authority != "Fife" || got.Section != "findings" || got.Page != 2 || got.Score != 1.5 || len(got.Themes) != 1 {
				t.Errorf("hit = %+v (title %q)", got.Hit, got.title)
			}
		})
	}
	if _, ok := hitOf(h, map[string]reviewShown{}, false); ok {
		t.Error("a hit whose review is gone was made")
	}
}

func TestPageOfHit(t *testing.T) {
	sep := string(engine.TagSep)
	tests := []struct {
		name, line string
		want       int
	}{
		{"this layout", sectionShown{Kind: "findings", Heading: "4. Findings", Page: 7}.encode(), 7},
		{"no page", sectionShown{Kind: "findings"}.encode(), 0},
		{"before schema 9", strings.Join([]string{"r1", "/in/a.pdf", "Fife", "2019-03-14", "death", "findings", "4. Findings", "enforcement", "4. Findings", "T", "T", "12", "case_review"}, sep), 12},
		{"unknown layout", "a" + sep + "b", 0},
		{"empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pageOfHit(tt.line); got != tt.want {
				t.Errorf("pageOfHit = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestReviewKeepsPages: a stored review comes back with its sections'
// pages and page starts, which a rebuild from stored reviews relies on.
func TestReviewKeepsPages(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	r := &corpus.Review{ID: "paged", Source: "/in/paged.pdf", Title: "Paged", Sections: []corpus.Section{
		{Kind: "summary", Heading: "Summary", Text: "A short summary.", Page: 1},
		{Kind: "findings", Heading: "Findings", Text: "First page text. Second page text.", Page: 3,
			PageStarts: []corpus.PageStart{{Offset: 17, Page: 4}}},
	}}
	if err := ix.Put(ctx, []*corpus.Review{r}); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Review(ctx, "paged")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range got.Sections {
		w := r.Sections[i]
		if s.Page != w.Page || !reflect.DeepEqual(s.PageStarts, w.PageStarts) || s.Text != w.Text {
			t.Errorf("section %d: page %d, starts %v, text %q; want %d, %v, %q", i, s.Page, s.PageStarts, s.Text, w.Page, w.PageStarts, w.Text)
		}
	}
}
