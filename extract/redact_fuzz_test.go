package extract

import (
	"os"
	"testing"
	"unicode/utf8"
)

// FuzzRedact feeds the redactor arbitrary text, seeded from the sample
// documents under testdata and a few planted details: it must not panic,
// it must keep valid UTF-8 valid, and its own patterns of e-mail addresses
// and CHI numbers must find none in the output (a longer number that holds
// a CHI's digits is no CHI, and may stay).
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"Jamie McAllister (DOB 14/03/1987) lived at 23 Glenview Crescent, Paisley PA2 7XY.",
		"His CHI is 140387-1234; call 07700 900123, +353 87 123 4567 or j.b@fife.gov.uk, or @jmac_87.",
		"Name: JOHN PATERSON\nPartner | Lisa Grant |\nVictim: Person B",
		"His brother drove a silver car, registration SJ19 ABC.",
	} {
		f.Add(s)
	}
	for _, name := range []string{"testdata/sample.md.doc.json", "testdata/sample.docx.doc.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data[:min(len(data), 3000)]))
	}
	r := NewRedactor()
	p := pii()
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 6000 {
			return
		}
		out := r.Redact(in)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("Redact(%q) = %q: not valid UTF-8", in, out)
		}
		for _, re := range []struct {
			name  string
			found []string
		}{
			{"e-mail address", p.email.FindAllString(out, -1)},
			{"CHI number", p.chi.FindAllString(out, -1)},
		} {
			if len(re.found) > 0 {
				t.Fatalf("Redact(%q) = %q: %s %q left", in, out, re.name, re.found[0])
			}
		}
	})
}
