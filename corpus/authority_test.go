package corpus

import "testing"

func TestCanonicalAuthority(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"Fife Council", "Fife", true},
		{"City of Edinburgh Council", "City of Edinburgh", true},
		{"Edinburgh", "City of Edinburgh", true},
		{"Comhairle nan Eilean Siar", "Na h-Eileanan Siar", true},
		{"Western Isles", "Na h-Eileanan Siar", true},
		{"Dumfries & Galloway Justice Social Work", "Dumfries and Galloway", true},
		{"Comhairle na Gàidhealtachd", "Highland", true},
		{"The Highland Council", "Highland", true},
		{"Glasgow City Council", "Glasgow City", true},
		{"Siorrachd Obar Dheathain", "Aberdeenshire", true},
		{"Obar Dheathain", "Aberdeen City", true},
		{"Atlantis", "", false},
	} {
		got, ok := CanonicalAuthority(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CanonicalAuthority(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if n := len(Authorities()); n != 32 {
		t.Errorf("len(Authorities()) = %d, want 32", n)
	}
}
