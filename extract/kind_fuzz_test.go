package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sirlearn/sirlearn/corpus"
)

// FuzzDocumentKind feeds the document classifier and the case-key readers
// arbitrary documents (lines; "# " a heading, " | " a table row), seeded
// from the Markdown and text samples: no panic, a known kind with a reason,
// and a reference in its normal form.
func FuzzDocumentKind(f *testing.F) {
	for _, name := range []string{"sample.md", "review.ms"} {
		if b, err := os.ReadFile(filepath.Join("..", "ingest", "testdata", name)); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("# Serious Incident Review: Notification\nCase reference | SIR/FIF/22/014\nMr B was charged with assault.")
	f.Add(`{"file":"a.pdf"} {"file":"b.pdf"}`)
	ex, err := New(nil)
	if err != nil {
		f.Fatal(err)
	}
	kinds := map[corpus.DocumentKind]bool{corpus.KindNotification: true, corpus.KindCaseReview: true, corpus.KindLearningReview: true, corpus.KindNotAReview: true}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 20000 {
			return
		}
		doc := docOf(strings.Split(text, "\n")...)
		r := ex.Extract(doc)
		if !kinds[r.DocumentKind] || r.KindReason == "" {
			t.Fatalf("kind %q, reason %q", r.DocumentKind, r.KindReason)
		}
		if ref := r.CaseReference; ref != "" && (ref != strings.ToUpper(ref) || strings.ContainsAny(ref, "/. ")) {
			t.Fatalf("reference %q not normalised", ref)
		}
		if k := corpus.CaseKeys(r); len(k) > 2 {
			t.Fatalf("keys %v", k)
		}
	})
}
