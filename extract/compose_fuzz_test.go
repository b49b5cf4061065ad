package extract

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sirlearn/sirlearn/corpus"
)

// FuzzClassifySentence feeds the tagger arbitrary sentences, each after an
// arbitrary sentence before it, seeded from the hard cases: it must not
// panic, its clauses must cover the sentence in
// order, and every hit must name a known theme with the polarity its kind
// allows.
func FuzzClassifySentence(f *testing.F) {
	prev := ""
	for _, file := range []string{"testdata/hardcases.tsv", "testdata/hardcases_heldout.tsv", "testdata/hardcases_heldout2.tsv"} {
		fh, err := os.Open(file)
		if err != nil {
			f.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if p := strings.Split(sc.Text(), "\t"); len(p) == 3 {
				f.Add(p[2], prev, p[1] == string(corpus.SectionLearning))
				prev = p[2]
			}
		}
		fh.Close()
	}
	tax, err := DefaultTaxonomy()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sent, prev string, learning bool) {
		if !utf8.ValidString(sent) || len(sent) > 4000 || len(prev) > 4000 {
			return
		}
		s := normaliseForMatch(sent)
		at := 0
		for _, c := range clauses(s) {
			if c.start != at || c.end < c.start || c.end > len(s) {
				t.Fatalf("clauses of %q: %+v does not follow %d", s, c, at)
			}
			at = c.end
		}
		if at != len(s) {
			t.Fatalf("clauses of %q end at %d of %d", s, at, len(s))
		}
		kind := corpus.SectionAnalysis
		if learning {
			kind = corpus.SectionLearning
		}
		for _, h := range tax.classifyAfter(sent, prev, kind) {
			switch {
			case h.theme == corpus.ThemeGoodPractice && h.polarity != corpus.Strength,
				h.theme != corpus.ThemeGoodPractice && h.polarity != corpus.Concern,
				!corpus.ValidThemeID(h.theme),
				h.about != "" && !corpus.ValidThemeID(h.about),
				h.weight <= 0 || h.weight > 1:
				t.Fatalf("classifyAfter(%q, %q) gave %+v", sent, prev, h)
			}
		}
	})
}
