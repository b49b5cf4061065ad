package extract

import (
	"strings"
	"testing"
)

func TestTableColumns(t *testing.T) {
	r := NewRedactor()
	for _, tt := range []struct {
		name    string
		in      string
		gone    []string
		present []string
	}{
		{
			"labelled columns",
			"| Name | Role | Date of birth | Address |\n| --- | --- | --- | --- |\n| Craig Wilson | Subject | 11.09.1988 | 22 Station Road, Dundee |\n| Person A | Victim | 1990 | not known |\n",
			[]string{"Craig", "Wilson", "11.09.1988", "1990", "Station Road"},
			[]string{"[DATE OF BIRTH]", "Person A", "not known", "Subject"},
		},
		{
			"a table of dates names no one",
			"| Date | Event |\n| 12.03.2021 | Released on licence |\n",
			nil,
			[]string{"12.03.2021"},
		},
		{
			"the table ends at a line without bars",
			"| DOB | CHI |\n| 01/02/1980 | 0102801234 |\nOn 01/02/2021 he was seen.\n",
			[]string{"01/02/1980", "0102801234"},
			[]string{"On 01/02/2021 he was seen."},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := r.Redact(tt.in)
			for _, g := range tt.gone {
				if strings.Contains(out, g) {
					t.Errorf("%q left in %q", g, out)
				}
			}
			for _, p := range tt.present {
				if !strings.Contains(out, p) {
					t.Errorf("%q missing from %q", p, out)
				}
			}
		})
	}
}

func TestCellSpans(t *testing.T) {
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"| a | b |", []string{" a ", " b "}},
		{"a | b", []string{"a ", " b"}},
		{"|x||y|\n", []string{"x", "", "y"}},
	} {
		var got []string
		for _, c := range cellSpans(tt.line) {
			got = append(got, tt.line[c[0]:c[1]])
		}
		if strings.Join(got, "/") != strings.Join(tt.want, "/") {
			t.Errorf("cellSpans(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
