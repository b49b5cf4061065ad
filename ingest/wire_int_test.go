package ingest

import (
	"math"
	"testing"
)

// TestWireInt reads back signed integers as the writer wrote them,
// extremes and negatives included, and refuses a cut-off one.
func TestWireInt(t *testing.T) {
	for _, v := range []int64{0, 1, -1, 63, -64, 64, 1 << 40, -(1 << 40), math.MaxInt64, math.MinInt64} {
		var w wireWriter
		w.int(v)
		r := wireReader{b: w.b}
		if got := r.int(); got != v || r.err != nil || len(r.b) != 0 {
			t.Errorf("int %d read back as %d (err %v, %d bytes left)", v, got, r.err, len(r.b))
		}
	}
	var w wireWriter
	w.int(math.MinInt64)
	r := wireReader{b: w.b[:len(w.b)-1]}
	if r.int(); r.err == nil {
		t.Error("a cut-off integer was read")
	}
}
