package extract

import (
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// allCues returns every cue of a taxonomy.
func allCues(tax *Taxonomy) []cue {
	var out []cue
	out = append(out, tax.strengths...)
	for _, cs := range [][]cue{tax.eval.deficiency, tax.eval.delay, tax.eval.person, tax.eval.subject, tax.eval.strength,
		tax.eval.cancel, tax.eval.recommendation, tax.eval.actions, tax.eval.practice} {
		out = append(out, cs...)
	}
	for _, th := range tax.themes {
		for _, cs := range [][]cue{th.concepts, th.topics, th.concerns, th.absences, th.strengths, th.excludes} {
			out = append(out, cs...)
		}
	}
	for _, s := range tax.sections {
		out = append(out, s.headings...)
		out = append(out, s.content...)
	}
	return out
}

// TestPlainLiteralCues checks the shortcut for cues that are plain words
// against the parser's answer, on every cue of the default taxonomy.
func TestPlainLiteralCues(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	plain := 0
	for _, c := range allCues(tax) {
		src := c.re.src
		if _, ok := plainLiteral(src); !ok {
			continue
		}
		plain++
		ast, err := syntax.Parse(src, syntax.Perl)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		want := cueOf(&lazyRegexp{src: src}, ast).lits
		if !slices.Equal(c.lits, want) {
			t.Errorf("cue %q: shortcut literals %q, the parser's %q", src, c.lits, want)
		}
	}
	if plain < 100 {
		t.Errorf("only %d plain cues: the shortcut is not being exercised", plain)
	}
	for _, src := range []string{`\bno (plan|visit)`, `\bwas.not`, `(?i)late`, `\bvisits?`, `\b[a-z]+ing`} {
		if _, ok := plainLiteral(src); ok {
			t.Errorf("plainLiteral(%q) took a pattern for plain text", src)
		}
	}
}

// TestLitMatcher checks the automaton against strings.Contains for every
// literal of the default taxonomy, on sentences and on the literals
// themselves run together.
func TestLitMatcher(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	m := tax.lits
	lits := make([]string, m.n)
	for l, id := range m.ids {
		lits[id] = l
	}
	texts := []string{
		"no home visit was undertaken and the case management plan was not reviewed",
		"the ls/cmi was completed late; information was not shared with the police",
		"good multi-agency working, but supervision was cancelled twice",
		strings.Join(lits[:min(len(lits), 200)], ""),
		"",
	}
	bits := make([]uint64, m.words())
	for _, s := range texts {
		m.scan(s, bits)
		for id, l := range lits {
			got := bits[id>>6]&(1<<(id&63)) != 0
			if want := strings.Contains(s, l); got != want {
				t.Errorf("literal %q in %.60q: matcher %t, strings.Contains %t", l, s, got, want)
			}
		}
	}
}
