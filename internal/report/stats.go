package report

import (
	"math"
	"sort"
)

// wilson is the 95% Wilson score interval of k successes in n trials.
func wilson(k, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 0
	}
	const z = 1.959964
	p := float64(k) / float64(n)
	nn := float64(n)
	den := 1 + z*z/nn
	centre := (p + z*z/(2*nn)) / den
	half := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / den
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// twoProportion is the two-sided z test of k1/n1 against k2/n2 with the
// pooled proportion: the z statistic and its p value.
func twoProportion(k1, n1, k2, n2 int) (z, p float64) {
	if n1 == 0 || n2 == 0 {
		return 0, 1
	}
	p1, p2 := float64(k1)/float64(n1), float64(k2)/float64(n2)
	pool := float64(k1+k2) / float64(n1+n2)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		return 0, 1
	}
	z = (p1 - p2) / se
	return z, math.Erfc(math.Abs(z) / math.Sqrt2)
}

// quantiles returns the median and the lower and upper quartiles.
func quantiles(xs []int) (med, q1, q3 float64) {
	if len(xs) == 0 {
		return 0, 0, 0
	}
	s := append([]int(nil), xs...)
	sort.Ints(s)
	q := func(f float64) float64 {
		pos := f * float64(len(s)-1)
		lo := int(math.Floor(pos))
		hi := int(math.Ceil(pos))
		return float64(s[lo]) + (pos-float64(lo))*float64(s[hi]-s[lo])
	}
	return q(0.5), q(0.25), q(0.75)
}
