package engine

import (
	"context"
	"errors"
	"math"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A phrase search over the section text, written for speed. bleve's own
// phrase searcher builds a map of term locations for every document that
// holds all the words and then looks for paths through them; on a common
// phrase ("social worker", in a fifth of 1.2 million sections) that took
// 220 ms. This one walks the words' postings together, checks positions in
// place, reading the segments' postings directly, and shares the segments
// out between two goroutines.
//
// It finds the same documents as bleve's phrase query (the words at their
// relative positions, stop-word gaps kept) and gives them bleve's scores
// (TestPhrasesScoreAsBleve compares both).
// Snippets still come from bleve's query, run over the page of hits only.

// fastPhrase replaces a phrase on a field with positions.
type fastPhrase struct {
	field    string
	boost    float64
	terms    []string
	offsets  []uint64 // position of each term after the first one's
	fallback query.Query
	bufs     *MatchBufs
	cache    *phraseCache
}

// MatchBufs keeps the match lists of finished searches for the next ones:
// a common phrase has a few MB of matches, and allocating them afresh for
// every query kept the collector busy.
type MatchBufs struct{ pool sync.Pool }

func (b *MatchBufs) get(n uint64) []phraseMatch {
	if v, ok := b.pool.Get().(*[]phraseMatch); ok && uint64(cap(*v)) >= n {
		return (*v)[:0]
	}
	return make([]phraseMatch, 0, n)
}

func (b *MatchBufs) put(m []phraseMatch) {
	if cap(m) > 0 {
		b.pool.Put(&m)
	}
}

// phraseParts is how many parts of the index a phrase is searched in at
// once: the machine has two cores.
const phraseParts = 2

// Phrases rewrites the phrase queries on some fields to the phrase
// searcher here. Made with bleve set, it leaves them to bleve's own phrase
// searcher: the fallback, should this one go wrong.
type Phrases struct {
	fields map[string]bool
	bleve  bool
	bufs   MatchBufs
	cache  phraseCache
}

// NewPhrases returns a rewriter of phrases on the given fields, which must
// be indexed with term vectors.
func NewPhrases(bleve bool, fields ...string) *Phrases {
	p := &Phrases{fields: map[string]bool{}, bleve: bleve}
	for _, f := range fields {
		p.fields[f] = true
	}
	return p
}

// Rewrite returns q with its phrases replaced by fastPhrase. It builds new
// boolean nodes, so q itself stays usable (for the highlighting pass).
func (p *Phrases) Rewrite(q query.Query, m mapping.IndexMapping) query.Query {
	if p.bleve {
		return q
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		c := *q
		for _, sub := range []*query.Query{&c.Must, &c.Should, &c.MustNot, &c.Filter} {
			if *sub != nil {
				*sub = p.Rewrite(*sub, m)
			}
		}
		return &c
	case *query.ConjunctionQuery:
		if len(q.Conjuncts) == 1 {
			// A conjunction of one costs a step per match.
			return p.Rewrite(q.Conjuncts[0], m)
		}
		c := *q
		c.Conjuncts = p.rewriteAll(q.Conjuncts, m)
		return &c
	case *query.DisjunctionQuery:
		c := *q
		c.Disjuncts = p.rewriteAll(q.Disjuncts, m)
		return &c
	case *query.MatchPhraseQuery:
		field := q.FieldVal
		if field == "" {
			field = m.DefaultSearchField()
		}
		if !p.fields[field] || q.Fuzziness != 0 || q.Analyzer != "" {
			return q
		}
		a := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
		if a == nil {
			return q
		}
		tokens := a.Analyze([]byte(q.MatchPhrase))
		switch len(tokens) {
		case 0:
			return q // only stop words: bleve's own handling matches nothing
		case 1:
			// One word left ("were reviewed"): the phrase is the word.
			// Bleve would run a phrase searcher reading every match's
			// positions, 4 times the cost of the term.
			tq := bleve.NewTermQuery(string(tokens[0].Term))
			tq.SetField(field)
			if q.BoostVal != nil {
				tq.SetBoost(q.BoostVal.Value())
			}
			return tq
		}
		fp := &fastPhrase{field: field, boost: 1, fallback: q, bufs: &p.bufs, cache: &p.cache}
		if q.BoostVal != nil {
			fp.boost = q.BoostVal.Value()
		}
		first := tokens[0].Position
		for _, t := range tokens {
			fp.terms = append(fp.terms, string(t.Term))
			fp.offsets = append(fp.offsets, uint64(t.Position-first))
		}
		return fp
	}
	return q
}

func (p *Phrases) rewriteAll(qs []query.Query, m mapping.IndexMapping) []query.Query {
	out := make([]query.Query, len(qs))
	for i, q := range qs {
		out[i] = p.Rewrite(q, m)
	}
	return out
}

// Searcher implements query.Query.
func (q *fastPhrase) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	if o.IncludeTermVectors || o.Explain || o.Score == "none" {
		return q.fallback.Searcher(ctx, r, m, o)
	}
	s, err := newPhraseSearcher(ctx, r, q)
	if errors.Is(err, errNotScorch) {
		return q.fallback.Searcher(ctx, r, m, o)
	}
	return s, err
}

// phraseMatch is one matching document.
type phraseMatch struct {
	id    uint64
	score float64
}

// phraseSearcher hands out the matches found, segment by segment in
// document order.
type phraseSearcher struct {
	parts  [][]phraseMatch
	done   [][]phraseMatch // parts handed out, kept for Close
	next   int             // in parts[0]
	count  int
	weight float64 // sum of the words' squared query weights
	norm   float64 // the query norm
	bufs   *MatchBufs
}

func newPhraseSearcher(ctx context.Context, r bindex.IndexReader, q *fastPhrase) (*phraseSearcher, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, errNotScorch
	}
	key := q.key()
	if q.cache != nil {
		if m, ok := q.cache.get(snap, key); ok {
			return m.searcher(), nil
		}
	}
	ps, err := scanPhrase(ctx, snap, q)
	if err == nil && q.cache != nil {
		q.cache.put(snap, key, ps)
	}
	return ps, err
}

// scanPhrase finds the phrase's matches in every segment of the snapshot.
func scanPhrase(ctx context.Context, snap *scorch.IndexSnapshot, q *fastPhrase) (*phraseSearcher, error) {
	r := bindex.IndexReader(snap)
	total, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	// A match scores as in bleve's phrase searcher, a conjunction of its
	// words' term searchers: the sum over the words of sqrt(frequency) x
	// field-length norm x idf x query weight, where a word's query weight
	// is boost x idf x the query norm, and idf is bleve's tf-idf one. The
	// norm is the phrase's own, 1/sqrt(sum of (boost x idf)^2), until an
	// enclosing query sets its own (SetQueryNorm).
	weights := make([]float64, len(q.terms)) // idf x boost x idf
	var weight float64
	for i, t := range q.terms {
		tfr, err := r.TermFieldReader(ctx, []byte(t), q.field, false, false, false)
		if err != nil {
			return nil, err
		}
		n := tfr.Count()
		tfr.Close()
		if n == 0 {
			return &phraseSearcher{}, nil
		}
		idf := 1.0 + math.Log(float64(total)/float64(n+1))
		weights[i] = idf * q.boost * idf
		weight += (q.boost * idf) * (q.boost * idf)
	}
	// The segments are cut into pieces of at most a quarter of the
	// documents and shared out by size between the parts; their matches go
	// back in document order. Cutting keeps the parts even whatever sizes
	// the merges left (often one segment with most of the documents); each
	// piece reads its words' postings lists again, so pieces stay few.
	type job struct {
		seg            *scorch.SegmentSnapshot
		offset, lo, hi uint64 // documents lo..hi-1 of the segment
		out            []phraseMatch
		err            error
	}
	segs := snap.Segments()
	var all uint64
	for _, s := range segs {
		all += s.Segment().Count()
	}
	piece := max(all/(2*phraseParts), 1)
	var jobs []*job
	var offset uint64
	for _, s := range segs {
		n := s.Segment().Count()
		for lo := uint64(0); lo < n; lo += piece {
			jobs = append(jobs, &job{seg: s, offset: offset, lo: lo, hi: min(lo+piece, n)})
		}
		offset += n
	}
	bySize := append([]*job(nil), jobs...)
	sort.Slice(bySize, func(a, b int) bool { return bySize[a].hi-bySize[a].lo > bySize[b].hi-bySize[b].lo })
	shares := make([][]*job, phraseParts)
	load := make([]uint64, phraseParts)
	for _, j := range bySize {
		p := 0
		for k := range load {
			if load[k] < load[p] {
				p = k
			}
		}
		shares[p] = append(shares[p], j)
		load[p] += j.hi - j.lo
	}
	var wg sync.WaitGroup
	for _, share := range shares {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, j := range share {
				j.out, j.err = scanSegment(ctx, j.seg, j.offset, j.lo, j.hi, q, weights)
				if j.err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	ps := &phraseSearcher{weight: weight, norm: 1 / math.Sqrt(weight), bufs: q.bufs}
	err = nil
	for _, j := range jobs {
		if j.err != nil && err == nil {
			err = j.err
		}
		if len(j.out) > 0 {
			ps.parts = append(ps.parts, j.out)
			ps.count += len(j.out)
		} else {
			q.bufs.put(j.out)
		}
	}
	if err != nil {
		ps.Close()
		return nil, err
	}
	return ps, nil
}

var errNotScorch = errors.New("phrase: not a scorch index")

// scanSegment finds the phrase in documents lo..hi-1 of one segment;
// offset turns its document numbers into the index's.
func scanSegment(ctx context.Context, ss *scorch.SegmentSnapshot, offset, lo, hi uint64, q *fastPhrase, weights []float64) ([]phraseMatch, error) {
	dict, err := ss.Segment().Dictionary(q.field)
	if err != nil {
		return nil, err
	}
	n := len(q.terms)
	its := make([]segment.PostingsIterator, n)
	counts := make([]uint64, n)
	for i, t := range q.terms {
		pl, err := dict.PostingsList([]byte(t), ss.Deleted(), nil)
		if err != nil {
			return nil, err
		}
		if counts[i] = pl.Count(); counts[i] == 0 {
			return nil, nil
		}
		its[i] = pl.Iterator(true, true, true, nil)
	}
	// The rarest word leads; the others are advanced to its documents.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return counts[order[a]] < counts[order[b]] })
	lead := order[0]
	cur := make([]segment.Posting, n)
	out := q.bufs.get(min(counts[lead], hi-lo))
	if lo > 0 {
		cur[lead], err = its[lead].Advance(lo)
	} else {
		cur[lead], err = its[lead].Next()
	}
	if err != nil {
		return nil, err
	}
	for steps := 0; cur[lead] != nil; steps++ {
		if steps%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		giveWay(steps)
		doc := cur[lead].Number()
		if doc >= hi {
			break
		}
		all := true
		for _, i := range order[1:] {
			if cur[i] != nil && cur[i].Number() < doc {
				// Usually the next document: a step is cheaper than a seek.
				if cur[i], err = its[i].Next(); err != nil {
					return nil, err
				}
			}
			if cur[i] == nil || cur[i].Number() < doc {
				if cur[i], err = its[i].Advance(doc); err != nil {
					return nil, err
				}
			}
			if cur[i] == nil {
				return out, nil // a word has no more documents here
			}
			if next := cur[i].Number(); next > doc {
				if cur[lead], err = its[lead].Advance(next); err != nil {
					return nil, err
				}
				all = false
				break
			}
		}
		if !all {
			continue
		}
		if phraseFreq(cur, q.offsets) > 0 {
			var score float64
			for i, p := range cur {
				score += math.Sqrt(float64(p.Frequency())) * p.Norm() * weights[i]
			}
			out = append(out, phraseMatch{id: offset + doc, score: score})
		}
		if cur[lead], err = its[lead].Next(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// phraseFreq counts the places where every term sits at its offset from the
// first term.
func phraseFreq(docs []segment.Posting, offsets []uint64) int {
	freq := 0
	for _, v0 := range docs[0].Locations() {
		ok := true
		for i := 1; i < len(docs) && ok; i++ {
			want := v0.Pos() + offsets[i]
			found := false
			for _, v := range docs[i].Locations() {
				if v.Pos() == want {
					found = true
					break
				}
			}
			ok = found
		}
		if ok {
			freq++
		}
	}
	return freq
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for len(s.parts) > 0 && s.next >= len(s.parts[0]) {
		s.done = append(s.done, s.parts[0])
		s.parts, s.next = s.parts[1:], 0
	}
	if len(s.parts) == 0 {
		return nil, nil
	}
	m := s.parts[0][s.next]
	s.next++
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = bindex.NewIndexInternalID(dm.IndexInternalID[:0], m.id)
	dm.Score = m.score * s.norm
	return dm, nil
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	v := id.Value()
	for len(s.parts) > 0 && s.parts[0][len(s.parts[0])-1].id < v {
		s.done = append(s.done, s.parts[0])
		s.parts, s.next = s.parts[1:], 0
	}
	if len(s.parts) > 0 {
		p := s.parts[0]
		s.next += sort.Search(len(p)-s.next, func(i int) bool { return p[s.next+i].id >= v })
	}
	return s.Next(ctx)
}

// Close gives the match lists back for reuse.
func (s *phraseSearcher) Close() error {
	if s.bufs != nil {
		for _, p := range append(s.done, s.parts...) {
			s.bufs.put(p)
		}
	}
	s.parts, s.done = nil, nil
	return nil
}

func (s *phraseSearcher) Weight() float64            { return s.weight }
func (s *phraseSearcher) SetQueryNorm(n float64)     { s.norm = n }
func (s *phraseSearcher) Count() uint64              { return uint64(s.count) }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return 64 + 16*s.count }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return 1 }

var _ query.Query = (*fastPhrase)(nil)
