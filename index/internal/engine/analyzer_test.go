package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"
)

func analyzerNamed(t testing.TB, name string) analysis.Analyzer {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func terms(ts analysis.TokenStream) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s@%d", t.Term, t.Position)
	}
	return b.String()
}

func TestEnglishAnalyzer(t *testing.T) {
	a := analyzerNamed(t, EnglishAnalyzer)
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"Home visits were missed.", "home@1 visit@2 miss@4"},
		{"The worker's view", "worker@2 view@3"},
		{"The worker’s view", "worker@2 view@3"},
		{"the workers' view", "worker@2 view@3"},
		{"He didn't attend; couldn't", "attend@3"},
		{"Officer's report wasn't shared", "offic@1 report@2 share@4"},
		{"e.g. the LS/CMI", "e.g@1 ls@3 cmi@4"},
		{"1,000 reviews and 3.5 days", "1,000@1 review@2 3.5@4 dai@5"},
		{"sentence.Next", "sentence.next@1"},
		{"end. Next", "end@1 next@2"},
		{"Café Müller ÉCOLE", "café@1 müller@2 école@3"},
		{"risk of harm", "risk@1 harm@3"},
		{"snake_case A1 2019a", "snake_cas@1 a1@2 2019a@3"},
		{"'quoted' --dash-- ...", "quot@1 dash@2"},
		{"trailing apostrophe'", "trail@1 apostroph@2"},
	} {
		if got := terms(a.Analyze([]byte(tt.in))); got != tt.want {
			t.Errorf("Analyze(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestEnglishAnalyzerMatchesBleve: on real review text the analyser gives
// bleve's "en" analyser's terms, positions and offsets.
func TestEnglishAnalyzerMatchesBleve(t *testing.T) {
	ours, theirs := analyzerNamed(t, EnglishAnalyzer), analyzerNamed(t, "en")
	files, _ := filepath.Glob("../../../ingest/testdata/*.txt")
	md, _ := filepath.Glob("../../../ingest/testdata/*.md")
	files = append(files, md...)
	if len(files) == 0 {
		t.Fatal("no sample text files")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n\n") {
			x, y := ours.Analyze([]byte(para)), theirs.Analyze([]byte(para))
			if len(x) != len(y) {
				t.Errorf("%s: %d terms, bleve %d, in %q\nours  %s\nbleve %s", f, len(x), len(y), para, terms(x), terms(y))
				continue
			}
			for i := range x {
				if string(x[i].Term) != string(y[i].Term) || x[i].Position != y[i].Position || x[i].Start != y[i].Start || x[i].End != y[i].End {
					t.Errorf("%s: token %d = %v, bleve %v", f, i, x[i], y[i])
					break
				}
			}
		}
	}
}

// TestFrequenciesMatchBleve: the term frequencies the analysers give
// documents are the ones bleve builds from their token streams: the same
// terms, counts and locations in text order.
func TestFrequenciesMatchBleve(t *testing.T) {
	en, err := newEnglishAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../../ingest/testdata/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		an   interface {
			Frequencer
			analysis.Analyzer
		}
		in   string
		locs bool
		keys bool // compare terms only: tags skip frequencies
	}{
		{"text with locations", en, string(b), true, false},
		{"text without", en, string(b), false, false},
		{"repeats", en, "plan plan the plan; plans planned", true, false},
		{"empty", en, "", true, false},
		{"tags", tagsAnalyzer{}, "ty:s\x1fa:Fife\x1f\x1fth:mappa\x1fa:Fife", false, true},
	}
	for _, c := range cases {
		n, got := c.an.Frequencies([]byte(c.in), 0, c.locs)
		opts := bindex.IndexField
		if c.locs {
			opts |= bindex.IncludeTermVectors
		}
		tokens := c.an.Analyze([]byte(c.in))
		want := analysis.TokenFrequency(tokens, nil, opts)
		if n != len(tokens) {
			t.Errorf("%s: length %d, want %d", c.name, n, len(tokens))
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d terms, want %d", c.name, len(got), len(want))
		}
		for term, w := range want {
			g, ok := got[term]
			if !ok {
				t.Errorf("%s: term %q missing", c.name, term)
				continue
			}
			if c.keys {
				continue
			}
			if string(g.Term) != term || g.Frequency() != w.Frequency() || len(g.Locations) != len(w.Locations) {
				t.Errorf("%s: term %q = %q freq %d locs %d, want freq %d locs %d", c.name, term, g.Term, g.Frequency(), len(g.Locations), w.Frequency(), len(w.Locations))
				continue
			}
			for i, l := range w.Locations {
				if gl := g.Locations[i]; gl.Position != l.Position || gl.Start != l.Start || gl.End != l.End {
					t.Errorf("%s: term %q location %d = %+v, want %+v", c.name, term, i, *gl, *l)
				}
			}
		}
	}
}

// TestHeadingPositions: in a section's text field the text words take
// positions from 1 and the heading words positions past HeadingBase, each
// with its offsets in the whole value.
func TestHeadingPositions(t *testing.T) {
	en, err := newEnglishAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	in := "Risk Assessment\n\nThe risk was assessed late."
	n, freqs := en.Frequencies([]byte(in), len("Risk Assessment"), true)
	if n != 5 {
		t.Errorf("length %d, want 5", n)
	}
	got := map[string]string{}
	for term, tf := range freqs {
		for _, l := range tf.Locations {
			got[term] += fmt.Sprintf("%d:%s ", l.Position, in[l.Start:l.End])
		}
	}
	want := map[string]string{
		"risk":   fmt.Sprintf("2:risk %d:Risk ", HeadingBase+1),
		"assess": fmt.Sprintf("4:assessed %d:Assessment ", HeadingBase+2),
		"late":   "5:late ",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("locations %v, want %v", got, want)
	}
}

func TestTagsAnalyzer(t *testing.T) {
	a := analyzerNamed(t, TagsAnalyzer)
	in := "ty:s\x1fa:Glasgow City\x1f\x1fk:assessment\x1f"
	got := terms(a.Analyze([]byte(in)))
	if want := "ty:s@1 a:Glasgow City@2 k:assessment@3"; got != want {
		t.Errorf("tags = %q, want %q", got, want)
	}
}

func FuzzEnglishAnalyzer(f *testing.F) {
	for _, s := range []string{"Home visits were missed.", "e.g. 1,000 don’t", "Café\u0301 x'", "\xff\xfe a.b.c", ""} {
		f.Add(s)
	}
	a := analyzerNamed(f, EnglishAnalyzer)
	en := a.(*englishAnalyzer)
	f.Fuzz(func(t *testing.T, in string) {
		// A section's text field: the first part of in as its heading.
		head := len(in) / 3
		n, freqs := en.Frequencies([]byte(in), head, true)
		total := 0
		for term, tf := range freqs {
			total += tf.Frequency()
			if len(tf.Locations) != tf.Frequency() {
				t.Fatalf("term %q: %d locations, frequency %d, in %q", term, len(tf.Locations), tf.Frequency(), in)
			}
			for _, l := range tf.Locations {
				inHead := l.Start < head
				if l.Start < 0 || l.End > len(in) || l.Start >= l.End || inHead && l.End > head || inHead != (l.Position > HeadingBase) {
					t.Fatalf("term %q: bad location %+v (heading %d bytes) in %q", term, *l, head, in)
				}
			}
		}
		if total != n {
			t.Fatalf("%d terms counted, frequencies add up to %d, in %q", n, total, in)
		}
		last := 0
		for _, tok := range a.Analyze([]byte(in)) {
			if len(tok.Term) == 0 || tok.Start < 0 || tok.End > len(in) || tok.Start >= tok.End || tok.Position <= last {
				t.Fatalf("bad token %v in %q", tok, in)
			}
			if utf8.ValidString(in[tok.Start:tok.End]) && !utf8.Valid(tok.Term) {
				t.Fatalf("invalid term %q from valid text %q", tok.Term, in)
			}
			last = tok.Position
		}
	})
}

// TestEnglishAnalyzerConcurrent: goroutines sharing the stem cache while it
// grows all get bleve's terms (run with -race).
func TestEnglishAnalyzerConcurrent(t *testing.T) {
	ours, theirs := analyzerNamed(t, EnglishAnalyzer), analyzerNamed(t, "en")
	var words []string
	for i := 0; i < 3000; i++ {
		words = append(words, fmt.Sprintf("Walking%d reviewers%c caring%d", i%97, 'a'+rune(i%26), i))
	}
	text := []byte(strings.Join(words, " "))
	want := terms(theirs.Analyze(text))
	done := make(chan string, 4)
	for g := 0; g < 4; g++ {
		go func() { done <- terms(ours.Analyze(text)) }()
	}
	for g := 0; g < 4; g++ {
		if got := <-done; got != want {
			t.Fatalf("concurrent analysis differs from bleve's")
		}
	}
}
