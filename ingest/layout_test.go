package ingest

import "testing"

// TestLineSpacing: the spacing of a paragraph's lines, not of the gaps
// between paragraphs, even on a page of short paragraphs.
func TestLineSpacing(t *testing.T) {
	at := func(ys ...float64) []pdfLine {
		ls := make([]pdfLine, len(ys))
		for i, y := range ys {
			ls[i] = pdfLine{y: y, size: 12}
		}
		return ls
	}
	tests := []struct {
		name  string
		lines []pdfLine
		want  float64
	}{
		{"one paragraph", at(700, 682, 664, 646, 628), 18},
		// A heading, a two-line paragraph, a heading, a two-line paragraph:
		// most gaps are between paragraphs.
		{"short paragraphs", at(700, 670, 652, 622, 592, 574, 544), 18},
		{"one line", at(700), 0},
	}
	for _, tt := range tests {
		if got := lineSpacing(tt.lines); got != tt.want {
			t.Errorf("%s: lineSpacing = %v, want %v", tt.name, got, tt.want)
		}
	}
	// A blank line's gap starts a paragraph whatever the spacing.
	prev, next := pdfLine{y: 636, x0: 95, size: 12, text: "1. Checking what we are told"}, pdfLine{y: 606, x0: 90, size: 12, text: "Mr D's account went unchallenged"}
	if !newParagraph(prev, next, prev, 30, 600) {
		t.Error("a gap of 2.5 lines did not start a paragraph")
	}
}

// TestHangingIndent: a bulleted item's second line, indented to its text,
// continues the item; a paragraph indented further after an ordinary line
// starts one.
func TestHangingIndent(t *testing.T) {
	item := pdfLine{y: 600, x0: 72, x1: 500, size: 11, text: "• We did not tell the addictions team when he moved out of the area, so"}
	cont := pdfLine{y: 586, x0: 90, x1: 300, size: 11, text: "his new GP had no record of his prescription."}
	if newParagraph(item, cont, item, 14, 595) {
		t.Error("the hanging indent of a list item started a paragraph")
	}
	plain := pdfLine{y: 600, x0: 72, x1: 500, size: 11, text: "The worker did not tell the addictions team when he moved out of the area."}
	indented := pdfLine{y: 586, x0: 110, x1: 500, size: 11, text: "His new GP had no record of his prescription."}
	if !newParagraph(plain, indented, plain, 14, 595) {
		t.Error("an indented first line after a full stop did not start a paragraph")
	}
}
