package corpus

import "testing"

func TestLooksLikeStatement(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"3. No home visit was undertaken during the licence", true},
		{"2. The plan was not reviewed after his arrest", true},
		{"Police intelligence wasn't requested", true},
		{"3. Home visits", false},
		{"5.1 Case management plan", false},
		{"Was the plan reviewed?", false},
		{"What has been learned", false},
		{"Key findings", false},
	} {
		if got := LooksLikeStatement(tc.in); got != tc.want {
			t.Errorf("LooksLikeStatement(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
