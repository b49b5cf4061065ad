package extract

import (
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func TestRoles(t *testing.T) {
	for _, tt := range []struct {
		defs, in, want string
	}{
		{"Mr G killed his partner, Ms H, in January.", "Ms H was never contacted.", "his partner was never contacted."},
		{"Person B, the victim, lived nearby.", "person b was not told of his release.", "the victim was not told of his release."},
		{"Ms K (his former partner) had left him.", "No one spoke to Ms K.", "No one spoke to his former partner."},
		{"Mr D, who was the subject of the review, was seen weekly.", "Mr D was seen.", "Mr D was seen."},
		{"His daughter (Child A) was five.", "Child A was not seen.", "his daughter was not seen."},
		{"Mr G and Ms H lived together.", "Ms H was never contacted.", "Ms H was never contacted."},
	} {
		rs := findRoles([]corpus.Section{{Kind: corpus.SectionBackground, Text: tt.defs}})
		if got := rs.apply(tt.in); got != tt.want {
			t.Errorf("after %q: apply(%q) = %q, want %q", tt.defs, tt.in, got, tt.want)
		}
	}
}

// TestRolesRaise: a finding that names a person by a label raises the
// theme of the relation the document gave the label.
func TestRolesRaise(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	secs := []corpus.Section{
		{Kind: corpus.SectionBackground, Text: "Mr G was subject to a community payback order when he killed his partner, Ms H."},
		{Kind: corpus.SectionAnalysis, Text: "Ms H was never contacted by the service and was not told about the support available to her."},
	}
	found := false
	for _, th := range ex.Themes(secs) {
		found = found || th.ID == corpus.ThemeVictimSafety
	}
	if !found {
		t.Errorf("themes of %q: no %s", secs[1].Text, corpus.ThemeVictimSafety)
	}
	secs[0].Text = "Mr G was subject to a community payback order when he assaulted Ms H."
	for _, th := range ex.Themes(secs) {
		if th.ID == corpus.ThemeVictimSafety {
			t.Errorf("themes of %q without a relation given: %s raised", secs[1].Text, th.ID)
		}
	}
}
