package extract

import "testing"

func TestExpandAbbreviations(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"SW carrying 42 cases.", "social worker carrying 42 cases."},
		{"No evidence of TL oversight; TLs to review.", "no evidence of team leader oversight; team leaders to review."},
		{"LSCMI completed, the known DV history missed.", "ls/cmi completed, the known domestic violence history missed."},
		{"NFA on release.", "no fixed abode on release."},
		{"The sw of the county.", "the sw of the county."},             // not in capitals
		{"He was a Sw fan.", "he was a sw fan."},                       // nor here
		{"The MAPPA meeting was held.", "the mappa meeting was held."}, // not an abbreviation written out
		{"SWOT analysis by the SWS.", "swot analysis by the social workers."},
	} {
		if got := sentenceForm(tt.in); got != tt.want {
			t.Errorf("sentenceForm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
