package extract

import "testing"

// TestMayOmit: every phrase omissionRE finds passes the mayOmit prefilter.
func TestMayOmit(t *testing.T) {
	for _, s := range []string{
		"made no mention of", "no reference to", "little consideration of", "without any account of", "no analysis of",
		"no discussion about", "no exploration of", "did not mention", "did not refer to", "failed to reference",
		"did not consider", "did not take account of", "does not take into account", "did not reflect",
		"did not include", "did not address", "not cover", "didn't explore", "never asked him about",
		"did not enquire into", "failed to inquire after",
	} {
		if !omissionRE.get().MatchString(s) {
			t.Errorf("omissionRE does not match %q", s)
		}
		if !mayOmit(s) {
			t.Errorf("mayOmit(%q) = false, though omissionRE matches it", s)
		}
	}
}
