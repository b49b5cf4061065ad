package index

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
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
