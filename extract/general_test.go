package extract

import (
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func TestGeneralLexicon(t *testing.T) {
	g, err := newGeneralLexicon(generalFile{Lexicon: "vader", Below: -1, Stop: []string{"Harm", " abuse ", "risk"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		clause string
		want   string // the word found, "" for none
	}{
		{"he was managed by an unstable team", "unstable"},
		{"lines of accountability were unclear", "unclear"},
		{"the risk of harm from abuse was high", ""}, // stop words name the subject
		{"the plan was clear and specific", ""},      // nothing negative
		{"staff felt unsupported", "unsupported"},
		{"an ill-judged decision", ""}, // a hyphenated word is read whole, not as "ill"
		{"Unclear", ""},                // clauses are lower-cased before they are judged
	} {
		at, ok := g.find(c.clause)
		got := ""
		if ok {
			got = c.clause[at:]
			if i := strings.IndexAny(got, " ,."); i >= 0 {
				got = got[:i]
			}
		}
		if c.want == "" && ok || c.want != "" && !strings.HasPrefix(got, c.want) {
			t.Errorf("find(%q) = %q, %v; want %q", c.clause, got, ok, c.want)
		}
	}
}

func TestGeneralLexiconOptions(t *testing.T) {
	if g, err := newGeneralLexicon(generalFile{}); g != nil || err != nil {
		t.Errorf("no lexicon: got %v, %v; want nil, nil", g, err)
	}
	if _, err := newGeneralLexicon(generalFile{Lexicon: "afinn", Below: -1}); err == nil || !strings.Contains(err.Error(), "afinn") {
		t.Errorf("unknown lexicon: err %v, want one naming it", err)
	}
	if _, err := newGeneralLexicon(generalFile{Lexicon: "vader", Below: 1}); err == nil {
		t.Error("a positive threshold: no error")
	}
	var none *generalLexicon
	if _, ok := none.find("an unstable team"); ok {
		t.Error("a nil lexicon found a word")
	}
}

func TestGeneralKind(t *testing.T) {
	for _, c := range []struct {
		kind corpus.SectionKind
		want bool
	}{
		{corpus.SectionAnalysis, true},
		{corpus.SectionSupervision, true},
		{corpus.SectionBackground, false},
		{corpus.SectionOther, false},
	} {
		if got := generalKind(c.kind); got != c.want {
			t.Errorf("generalKind(%s) = %v, want %v", c.kind, got, c.want)
		}
	}
}

// TestTaxonomyGeneralErrors checks that a taxonomy naming an unknown
// lexicon is refused with the reason.
func TestTaxonomyGeneralErrors(t *testing.T) {
	src := strings.Replace(string(defaultTaxonomyYAML), "    lexicon: vader\n", "    lexicon: wordnet\n", 1)
	if src == string(defaultTaxonomyYAML) {
		t.Fatal("the embedded taxonomy names no general lexicon")
	}
	if _, err := ParseTaxonomy([]byte(src)); err == nil || !strings.Contains(err.Error(), "wordnet") {
		t.Errorf("ParseTaxonomy: err %v, want one naming the lexicon", err)
	}
}

// TestGeneralCompiledTable checks that the embedded taxonomy's lexicon is
// the compiled table, and that the table holds the same words as reading
// the lexicon does, and no others.
func TestGeneralCompiledTable(t *testing.T) {
	tax, err := ParseTaxonomy(defaultTaxonomyYAML)
	if err != nil {
		t.Fatal(err)
	}
	g := tax.general
	if g == nil || g.table == "" {
		t.Fatal("the embedded taxonomy's general lexicon is not the compiled table")
	}
	words, err := generalWords(g.f)
	if err != nil {
		t.Fatal(err)
	}
	if len(words) < 1000 {
		t.Fatalf("%d words: the lexicon was not read", len(words))
	}
	for _, w := range words {
		if len(w) <= generalWidth && !inTable(g.table, w) {
			t.Errorf("%q is not in the compiled table", w)
		}
	}
	for _, w := range []string{"risk", "harm", "abuse", "unclear-ish", "good", "zzzzzz"} {
		if inTable(g.table, w) {
			t.Errorf("%q is in the compiled table", w)
		}
	}
	// Another taxonomy's settings read the lexicon itself.
	other, err := newGeneralLexicon(generalFile{Lexicon: "vader", Below: -2})
	if err != nil {
		t.Fatal(err)
	}
	if other.table != "" {
		t.Error("other settings took the compiled table")
	}
	if _, ok := other.find("a chaotic response"); !ok {
		t.Error("other settings: chaotic (-2.2) not found")
	}
	if _, ok := other.find("the plan was unclear"); ok {
		t.Error("other settings: unclear (-1.0) found below -2")
	}
}
