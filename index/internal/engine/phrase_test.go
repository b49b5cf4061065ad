package engine

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// phraseIndex indexes the paragraphs of the sample texts as documents, in
// several batches, with the English analyser and term vectors.
func phraseIndex(t *testing.T) (bleve.Index, []string) {
	t.Helper()
	m := mapping.NewIndexMapping()
	dm := mapping.NewDocumentMapping()
	tf := mapping.NewTextFieldMapping()
	tf.Analyzer = EnglishAnalyzer
	tf.IncludeTermVectors = true
	dm.AddFieldMappingsAt("text", tf)
	m.DefaultMapping = dm
	m.DefaultAnalyzer = EnglishAnalyzer
	idx, err := bleve.New(filepath.Join(t.TempDir(), "b"), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	files, _ := filepath.Glob("../../../ingest/testdata/*.txt")
	md, _ := filepath.Glob("../../../ingest/testdata/*.md")
	var paras []string
	for _, f := range append(files, md...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range strings.Split(string(b), "\n\n") {
			if len(strings.Fields(p)) > 3 {
				paras = append(paras, p)
			}
		}
	}
	if len(paras) < 20 {
		t.Fatalf("only %d paragraphs of sample text", len(paras))
	}
	batch := idx.NewBatch()
	for i, p := range paras {
		if err := batch.Index(fmt.Sprintf("p%04d", i), map[string]string{"text": p}); err != nil {
			t.Fatal(err)
		}
		if i%7 == 6 {
			if err := idx.Batch(batch); err != nil {
				t.Fatal(err)
			}
			batch = idx.NewBatch()
		}
	}
	if err := idx.Batch(batch); err != nil {
		t.Fatal(err)
	}
	return idx, paras
}

// TestPhrasesScoreAsBleve runs phrase queries, alone, boosted and inside a
// conjunction with a word, through the phrase searcher here and through
// bleve's, and wants the same documents with the same scores.
func TestPhrasesScoreAsBleve(t *testing.T) {
	idx, paras := phraseIndex(t)
	ctx := context.Background()
	// Phrases: word pairs and triples of the texts themselves, with stop
	// words inside some.
	var phrases []string
	for i := 0; i < len(paras) && len(phrases) < 40; i += 3 {
		w := strings.Fields(strings.Trim(paras[i], " \n"))
		for _, n := range []int{2, 3} {
			if len(w) > n+2 {
				phrases = append(phrases, strings.Trim(strings.Join(w[1:1+n], " "), ".,;:()\""))
			}
		}
	}
	fast := NewPhrases(false, "text")
	compared, multi := 0, 0
	for _, ph := range phrases {
		for _, shape := range []string{"alone", "boosted", "with a word"} {
			mk := func() query.Query {
				q := bleve.NewMatchPhraseQuery(ph)
				q.SetField("text")
				switch shape {
				case "boosted":
					q.SetBoost(2.5)
				case "with a word":
					w := bleve.NewMatchQuery("review")
					w.SetField("text")
					return bleve.NewDisjunctionQuery(q, w)
				}
				return q
			}
			ref, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(mk(), 1000, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			got, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(fast.Rewrite(mk(), idx.Mapping()), 1000, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			if ref.Total != got.Total {
				t.Errorf("%q %s: %d matches, bleve %d", ph, shape, got.Total, ref.Total)
				continue
			}
			want := map[string]float64{}
			for _, h := range ref.Hits {
				want[h.ID] = h.Score
			}
			for _, h := range got.Hits {
				w, ok := want[h.ID]
				if !ok || math.Abs(h.Score-w) > 1e-9*math.Max(1, math.Abs(w)) {
					t.Errorf("%q %s: %s scores %.12f, bleve %.12f (found %v)", ph, shape, h.ID, h.Score, w, ok)
				}
			}
			compared += len(got.Hits)
			if ref.Total > 1 {
				multi++
			}
		}
	}
	if compared < 50 || multi < 5 {
		t.Fatalf("only %d hits compared (%d queries with several): the test says little", compared, multi)
	}
	t.Logf("%d phrase queries, %d hits compared", len(phrases)*3, compared)
}

// TestBlevePhrasesSwitch checks that the fallback leaves phrases to bleve.
func TestBlevePhrasesSwitch(t *testing.T) {
	q := bleve.NewMatchPhraseQuery("home visit")
	q.SetField("text")
	m := mapping.NewIndexMapping()
	m.DefaultAnalyzer = EnglishAnalyzer
	if got := NewPhrases(true, "text").Rewrite(q, m); got != query.Query(q) {
		t.Errorf("with the switch: %T, want bleve's phrase query", got)
	}
	if got := NewPhrases(false, "text").Rewrite(q, m); got == query.Query(q) {
		t.Error("without the switch the phrase was not rewritten")
	}
}

// TestPhraseCache searches each phrase twice, the second time from the
// cache, and wants bleve's hits and scores both times; after a document
// with the phrase is added, the next search must find it.
func TestPhraseCache(t *testing.T) {
	idx, paras := phraseIndex(t)
	ctx := context.Background()
	fast := NewPhrases(false, "text")
	search := func(q query.Query) map[string]float64 {
		res, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 1000, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		return out
	}
	phrase := func(s string) *query.MatchPhraseQuery {
		q := bleve.NewMatchPhraseQuery(s)
		q.SetField("text")
		return q
	}
	same := func(got, want map[string]float64) bool {
		if len(got) != len(want) {
			return false
		}
		for id, w := range want {
			if g, ok := got[id]; !ok || math.Abs(g-w) > 1e-9*math.Max(1, math.Abs(w)) {
				return false
			}
		}
		return true
	}
	compared := 0
	var probe string
	for i := 0; i < len(paras) && compared < 20; i += 4 {
		w := strings.Fields(strings.Trim(paras[i], " \n"))
		if len(w) < 4 {
			continue
		}
		ph := strings.Trim(strings.Join(w[1:3], " "), ".,;:()\"")
		want := search(phrase(ph))
		for round := 0; round < 2; round++ {
			if got := search(fast.Rewrite(phrase(ph), idx.Mapping())); !same(got, want) {
				t.Errorf("%q, search %d: %v, bleve %v", ph, round+1, got, want)
			}
		}
		if len(want) > 0 {
			compared++
			probe = ph
		}
	}
	if compared < 10 {
		t.Fatalf("only %d phrases with matches compared", compared)
	}
	before := search(fast.Rewrite(phrase(probe), idx.Mapping()))
	if err := idx.Index("added", map[string]string{"text": "A new paragraph: " + probe + "."}); err != nil {
		t.Fatal(err)
	}
	after := search(fast.Rewrite(phrase(probe), idx.Mapping()))
	if _, ok := after["added"]; !ok || len(after) != len(before)+1 {
		t.Errorf("%q after a new document: %d matches (the new one found: %v), %d before", probe, len(after), ok, len(before))
	}
	if want := search(phrase(probe)); !same(after, want) {
		t.Errorf("%q after a new document: scores differ from bleve's", probe)
	}
}
