package ingest

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
)

// line builds a pdfLine at y from runs of words given as x and text.
func line(y float64, runs ...any) pdfLine {
	l := pdfLine{y: y, size: 10}
	var texts []string
	for i := 0; i+1 < len(runs); i += 2 {
		x, t := runs[i].(float64), runs[i+1].(string)
		l.segs = append(l.segs, lineSeg{x0: x, x1: x + 5.2*float64(len(t)), text: t})
		texts = append(texts, t)
	}
	l.x0, l.x1 = l.segs[0].x0, l.segs[len(l.segs)-1].x1
	l.text = strings.Join(texts, " ")
	return l
}

func TestRebuildTables(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lines []pdfLine
		want  []string // the lines' texts after
	}{
		{"wrapped cells interleaved", []pdfLine{
			line(700, 60.0, "Finding", 250.0, "Action"),
			line(680, 60.0, "The prison did not"),
			line(675, 250.0, "Agree a checklist"),
			line(668, 60.0, "pass on its concerns."),
			line(663, 250.0, "for every meeting."),
			line(640, 60.0, "The hostel was not"),
			line(640, 250.0, "Check every address."),
			line(628, 60.0, "visited."),
		}, []string{
			"Finding | Action",
			"The prison did not pass on its concerns. | Agree a checklist for every meeting.",
			"The hostel was not visited. | Check every address.",
		}},
		{"a row to a line", []pdfLine{
			line(700, 60.0, "Date of birth", 250.0, "02/12/1994"),
			line(688, 60.0, "Order / licence", 250.0, "extended sentence licence"),
			line(676, 60.0, "Date of incident", 250.0, "04/12/2018"),
		}, []string{"Date of birth | 02/12/1994", "Order / licence | extended sentence licence", "Date of incident | 04/12/2018"}},
		{"a value that wraps", []pdfLine{
			line(700, 60.0, "Local authority", 250.0, "North Lanarkshire Health and"),
			line(688, 250.0, "Social Care Partnership"),
			line(676, 60.0, "Date of birth", 250.0, "24/05/1999"),
			line(664, 60.0, "Order / licence", 250.0, "non-parole licence"),
		}, []string{"Local authority | North Lanarkshire Health and Social Care Partnership", "Date of birth | 24/05/1999", "Order / licence | non-parole licence"}},
		{"a paragraph", []pdfLine{
			line(700, 60.0, "The review found that the plan was not reviewed after his"),
			line(688, 60.0, "arrest, and that contact fell to once a month."),
			line(676, 60.0, "No manager saw the case."),
		}, []string{"The review found that the plan was not reviewed after his", "arrest, and that contact fell to once a month.", "No manager saw the case."}},
		{"two short runs and a paragraph", []pdfLine{
			line(700, 60.0, "Signed", 250.0, "Date"),
			line(680, 60.0, "The review was completed by an independent reviewer who had no part in"),
			line(668, 60.0, "the case."),
		}, []string{"Signed Date", "The review was completed by an independent reviewer who had no part in", "the case."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range rebuildTables(tt.lines) {
				got = append(got, l.text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rebuildTables:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestPDFTableRows reads a table of wrapped cells printed to PDF by
// Chromium (cells centred in their rows, so their lines interleave): each
// finding comes back whole, in its own cell of its own row.
func TestPDFTableRows(t *testing.T) {
	data, err := os.ReadFile("testdata/table-wrapped.pdf")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := readPDF(context.Background(), data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, b := range doc.Blocks {
		if len(b.Cells) > 0 {
			rows = append(rows, b.Cells)
		}
	}
	for _, want := range []string{
		"The prison did not pass on its concerns about Mr C’s drug debts before release.",
		"He failed to keep three appointments in March and the licence was not referred for recall.",
		"The allocated worker left the service a month after his release and the case was not reallocated for five weeks.",
	} {
		found := false
		for _, r := range rows {
			found = found || len(r) == 4 && r[0] == want
		}
		if !found {
			t.Errorf("no row of four cells opens with %q; rows %q", want, rows)
		}
	}
}
