package engine

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestOnlyDocsAsConjunction asks for the same documents of the same
// queries through OnlyDocs and through bleve's conjunction with a
// document-id query, and wants the same hits and the same snippets. The
// id lists mix matching documents, documents that do not match, ids not
// in the index and repeats.
func TestOnlyDocsAsConjunction(t *testing.T) {
	idx, paras := phraseIndex(t)
	ctx := context.Background()
	var texts []string
	for i := 0; i < len(paras) && len(texts) < 24; i += 5 {
		w := strings.Fields(strings.Trim(paras[i], " \n"))
		if len(w) > 4 {
			texts = append(texts, strings.Trim(strings.Join(w[1:3], " "), ".,;:()\""))
		}
	}
	queries := func(s string) map[string]query.Query {
		ph := bleve.NewMatchPhraseQuery(s)
		ph.SetField("text")
		words := bleve.NewMatchQuery(s)
		words.SetField("text")
		ph2 := bleve.NewMatchPhraseQuery(s)
		ph2.SetField("text")
		w := bleve.NewMatchQuery("review")
		w.SetField("text")
		return map[string]query.Query{"phrase": ph, "words": words, "phrase or word": bleve.NewDisjunctionQuery(ph2, w),
			"everything": bleve.NewMatchAllQuery()}
	}
	compared, skipped := 0, 0
	for _, s := range texts {
		for shape, q := range queries(s) {
			all, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 1000, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			// Every other match, every third document of the index, an
			// unknown id and a repeat.
			var ids []string
			for i, h := range all.Hits {
				if i%2 == 0 {
					ids = append(ids, h.ID)
				}
			}
			for i := 0; i < len(paras); i += 3 {
				ids = append(ids, fmt.Sprintf("p%04d", i))
			}
			ids = append(ids, "no-such-document")
			if len(ids) > 1 {
				ids = append(ids, ids[0])
			}
			run := func(q query.Query) map[string][]string {
				req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
				req.Highlight = bleve.NewHighlightWithStyle("html")
				req.Highlight.AddField("text")
				res, err := idx.SearchInContext(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				out := map[string][]string{}
				for _, h := range res.Hits {
					out[h.ID] = append([]string{}, h.Fragments["text"]...)
				}
				return out
			}
			want := run(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q))
			got := run(OnlyDocs(ids, q))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q %s: OnlyDocs found %v, the conjunction %v", s, shape, keys(got), keys(want))
				continue
			}
			if len(want) < len(ids)-2 {
				skipped++ // some asked-for documents did not match
			}
			compared += len(want)
		}
	}
	if compared < 50 || skipped < 5 {
		t.Fatalf("only %d hits compared, %d queries with documents that do not match: the test says little", compared, skipped)
	}
	t.Logf("%d hits compared", compared)
}

func keys(m map[string][]string) []string {
	var k []string
	for id := range m {
		k = append(k, id)
	}
	sort.Strings(k)
	return k
}
