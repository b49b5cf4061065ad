package report

import (
	"math"
	"testing"
)

func TestWilson(t *testing.T) {
	// Reference values (Newcombe 1998, table I): 81/263 -> 0.2553 to 0.3662.
	lo, hi := wilson(81, 263)
	if math.Abs(lo-0.2553) > 0.0005 || math.Abs(hi-0.3662) > 0.0005 {
		t.Errorf("wilson(81, 263) = %.4f %.4f", lo, hi)
	}
	if lo, hi := wilson(0, 10); lo != 0 || math.Abs(hi-0.2775) > 0.0005 {
		t.Errorf("wilson(0, 10) = %.4f %.4f", lo, hi)
	}
}

func TestTwoProportion(t *testing.T) {
	z, p := twoProportion(30, 100, 15, 100)
	// by hand: pooled 0.225, standard error 0.05906, z 2.540, p 0.0111
	if math.Abs(z-2.540) > 0.001 || math.Abs(p-0.0111) > 0.0002 {
		t.Errorf("z %.4f p %.5f", z, p)
	}
}

func TestQuantiles(t *testing.T) {
	if m, q1, q3 := quantiles([]int{1, 2, 3, 4, 5}); m != 3 || q1 != 2 || q3 != 4 {
		t.Errorf("%v %v %v", m, q1, q3)
	}
}
