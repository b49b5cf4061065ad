package ingest

import "strings"

// helveticaWidths holds the advance widths (1/1000 em) of ASCII 32-126 in
// Helvetica, from Adobe's core font metrics. PDFs that use the standard 14
// fonts may omit /Widths; the reader then estimates advances from these
// (Times is narrower, Courier fixed), which is enough to place word gaps.
var helveticaWidths = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space - /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
	278, 278, 584, 584, 584, 556, 1015, // : - @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
	278, 278, 278, 469, 556, 333, // [ - `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
	334, 260, 334, 584, // { - ~
}

// standardWidth estimates the width of rune r in a standard-14 font whose
// base name is font.
func standardWidth(font string, r rune) float64 {
	switch {
	case containsFold(font, "courier"):
		return 600
	case r >= 32 && r <= 126:
		w := float64(helveticaWidths[r-32])
		if containsFold(font, "times") {
			w *= 0.9
		}
		return w
	default:
		return 556
	}
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), sub)
}
