package index

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/sirlearn/sirlearn/corpus"
)

// FuzzParseText feeds the query parser (OR, parentheses, fields, phrases,
// patterns) arbitrary text, as the API receives it: it must not panic, and
// every refusal must be corpus.ErrInvalid.
func FuzzParseText(f *testing.F) {
	for _, s := range []string{`visit OR lockdown`, `("home visit" OR contact) -telephone`, `authority:fife section:"case management plan"`,
		`/visit(s|ed)?/`, `(a (b (c OR d)))`, `-(x)`, `order:community_payback_order mappa:none`, `heading:plan*`, `visit~2`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if !utf8.ValidString(q) {
			return
		}
		_, err := parseText(q, fText)
		if err != nil && !errors.Is(err, corpus.ErrInvalid) {
			t.Fatalf("parseText(%q): %v is not ErrInvalid", q, err)
		}
	})
}
