package extract

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	r := NewRedactor()
	for _, tt := range []struct {
		in      string
		gone    []string
		present []string
	}{
		{"Mr K was seen by his social worker, Sarah Thomson, at the Kirkcaldy office.", []string{"Mr K", "Sarah Thomson"}, []string{"[PERSON]", "Kirkcaldy"}},
		{"Ms Smith's date of birth is 03/04/1985 and she lives at 14 Rose Street, Kirkcaldy KY1 1XX.", []string{"Smith", "03/04/1985", "14 Rose Street", "KY1 1XX"}, []string{"[DATE OF BIRTH]", "[ADDRESS]", "[POSTCODE]"}},
		{"Call 01592 583 123 or +44 7700 900123, or e-mail j.brown@fife.gov.uk.", []string{"583 123", "900123", "j.brown@fife.gov.uk"}, []string{"[PHONE]", "[EMAIL]"}},
		{"CHI 0304851234, NI number QQ 12 34 56 C.", []string{"0304851234", "QQ 12 34 56 C"}, []string{"[CHI]", "[NI NUMBER]"}},
		{"Person B was born on 14 March 1990.", []string{"Person B", "14 March 1990"}, nil},
		{"The case management plan was not reviewed.", nil, []string{"The case management plan was not reviewed."}},
	} {
		got := r.Redact(tt.in)
		for _, g := range tt.gone {
			if strings.Contains(got, g) {
				t.Errorf("Redact(%q) = %q: %q still there", tt.in, got, g)
			}
		}
		for _, p := range tt.present {
			if !strings.Contains(got, p) {
				t.Errorf("Redact(%q) = %q: want %q", tt.in, got, p)
			}
		}
	}
	got := r.RedactMarked(`No home <mark>visit</mark> by Mr A&#39;s worker, John MacLeod.`)
	if got != `No home <mark>visit</mark> by [PERSON]&#39;s worker, [PERSON].` {
		t.Errorf("RedactMarked = %q", got)
	}
}
