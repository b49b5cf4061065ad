package extract

import (
	"math"
	"testing"
)

func TestShare(t *testing.T) {
	for _, tc := range []struct {
		in string
		p  float64
		ok bool
	}{
		{"in 45 per cent of cases", 0.45, true},
		{"only 28% of plans", 0.23, true},
		{"in just over half of the cases", 0.55, true},
		{"less than half of the assessments", 0.45, true},
		{"in two-thirds of cases", 2.0 / 3, true},
		{"in 7 of the 12 cases", 7.0 / 12, true},
		{"in three of the four cases", 0.75, true},
		{"in 92 per cent of cases", 0.92, true},
		{"he served 150 per cent", 0, false},
		{"in 13 of the 5 cases", 0, false},
		{"the plan was reviewed", 0, false},
		{"only a third of the plans", 1.0/3 - 0.05, true},
		{"a quarter were reviewed", 0.25, true},
		{"in a fifth.", 0.2, true},
		{"referred only after a third breach", 0, false}, // ordinals
		{"warned for a fifth time", 0, false},
		{"sufficient in fewer than four in ten of the cases", 0.4, true}, // a count needs no qualifier
		{"one in every five plans", 0.2, true},
		{"considered in only a minority of the plans", 0.3, true},
		{"very few of the assessments", 0.3, true},
		{"in 2019 in ten cases", 0, false}, // a year is no count
		{"a few of the cases", 0, false},
		{"he was released at half past two", 0.5, true}, // a proportion word all the same: the caller asks for practice words too
	} {
		p, _, ok := share(tc.in)
		if ok != tc.ok || ok && math.Abs(p-tc.p) > 0.001 {
			t.Errorf("share(%q) = %.3f, %v; want %.3f, %v", tc.in, p, ok, tc.p, tc.ok)
		}
	}
}
