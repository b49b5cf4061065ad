package index

// More like this: reviews that share a review's most distinctive words.
// bleve has none; this builds it from the index's term statistics: the
// review's words weighted by tf-idf, the strongest as one weighted query
// over every other section.

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
)

// similarTerms is how many of a review's words make its query.
const similarTerms = 30

// Similar returns up to size reviews most like the review, best first. For
// researchers (redacted) it reads and searches the researcher view only.
func (ix *Index) Similar(ctx context.Context, id string, size int, redacted bool) ([]corpus.SimilarReview, error) {
	r, err := ix.Review(ctx, id)
	if err != nil {
		return nil, err
	}
	if size <= 0 || size > 50 {
		size = 10
	}
	field := fText
	var text strings.Builder
	for _, s := range r.Sections {
		t := s.Text
		if redacted {
			t, field = s.RedactedText, fRText
		}
		text.WriteString(t)
		text.WriteString("\n")
	}
	_, freqs := ix.an.english.Frequencies([]byte(text.String()), 0, false)
	ai, err := ix.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	rd, err := ai.Reader()
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	defer rd.Close()
	total, err := rd.DocCount()
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	type weighted struct {
		term string
		w    float64
	}
	var ws []weighted
	for term, tf := range freqs {
		if len(term) < 3 || strings.Trim(term, "0123456789") == "" {
			continue
		}
		tfr, err := rd.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("similar: %w", err)
		}
		df := tfr.Count()
		tfr.Close()
		if df <= 1 {
			continue // only in this review: nothing to share
		}
		idf := math.Log(float64(total) / float64(1+df))
		if idf <= 0 {
			continue
		}
		ws = append(ws, weighted{term, (1 + math.Log(float64(tf.Frequency()))) * idf})
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].w > ws[j].w || ws[i].w == ws[j].w && ws[i].term < ws[j].term })
	if len(ws) > similarTerms {
		ws = ws[:similarTerms]
	}
	if len(ws) == 0 {
		return []corpus.SimilarReview{}, nil
	}
	qs := make([]query.Query, len(ws))
	for i, w := range ws {
		tq := bleve.NewTermQuery(w.term)
		tq.SetField(field)
		tq.SetBoost(w.w)
		qs[i] = tq
	}
	own := bleve.NewBooleanQuery()
	own.AddMust(tagQuery(tagType, "s"), bleve.NewDisjunctionQuery(qs...))
	var ids []string
	for i := range r.Sections {
		ids = append(ids, sectionID(r.ID, i))
	}
	if len(ids) > 0 {
		own.AddMustNot(bleve.NewDocIDQuery(ids))
	}
	req := bleve.NewSearchRequestOptions(own, 300, 0, false)
	req.Fields = []string{fHit}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	// A review's score is the sum of its two best sections': one long
	// matching section should not outweigh a review alike throughout.
	type agg struct {
		hit    corpus.SimilarReview
		scores []float64
	}
	byReview := map[string]*agg{}
	var order []string
	mine := map[string]bool{}
	for _, t := range r.Themes {
		mine[string(t.ID)] = true
	}
	reviews, err := ix.reviewsShown(ctx, res.Hits)
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	for _, h := range res.Hits {
		sh, ok := hitOf(h, reviews, redacted)
		if !ok {
			continue
		}
		a := byReview[sh.ReviewID]
		if a == nil {
			a = &agg{hit: corpus.SimilarReview{ReviewHit: corpus.ReviewHit{ReviewID: sh.ReviewID, Title: sh.title, Source: sh.Source, Authority: sh.Authority,
				IncidentDate: sh.IncidentDate, IncidentType: sh.IncidentType, Themes: sh.Themes}}}
			for _, t := range sh.Themes {
				if mine[t] {
					a.hit.SharedThemes = append(a.hit.SharedThemes, t)
				}
			}
			byReview[sh.ReviewID] = a
			order = append(order, sh.ReviewID)
		}
		a.scores = append(a.scores, h.Score)
		a.hit.Matches++
		if len(a.hit.Sections) < corpus.SectionsPerReview {
			a.hit.Sections = append(a.hit.Sections, sh.Hit)
		}
	}
	out := make([]corpus.SimilarReview, 0, len(order))
	for _, id := range order {
		a := byReview[id]
		sort.Sort(sort.Reverse(sort.Float64Slice(a.scores)))
		s := a.scores[0]
		if len(a.scores) > 1 {
			s += a.scores[1]
		}
		a.hit.Score = s
		if a.hit.SharedThemes == nil {
			a.hit.SharedThemes = []string{}
		}
		out = append(out, a.hit)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > size {
		out = out[:size]
	}
	return out, nil
}
