package engine

import (
	"container/heap"
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Tally wraps a query so that its search also counts the tags of every
// match and, when asked, groups the matches: per group the number of
// matches, the best score and the best few documents, and a page of
// groups ordered by best score. Bleve runs the search as usual (hits,
// total, stored fields); the wrapped searcher sees each match as it passes.
// A Tally serves one search.
type Tally struct {
	query.Query
	tables *Tables

	// CountTags asks for tag counts, of groups with TagsPerGroup (a group
	// counts once for a tag any of its matches holds), else of matches.
	// Groups asks for a page of groups, with GroupOffset groups skipped and
	// PerGroup documents kept for each.
	CountTags    bool
	TagsPerGroup bool
	Groups       int
	GroupOffset  int
	PerGroup     int

	counts []int32
	tags   []string

	// Results, once the search is over.
	Matches     int     // documents matched
	GroupTotal  int     // groups matched
	Page        []Group // the page of groups asked for
	searchedAll bool
}

// Group is a group of matches: its key, how many documents matched, the
// best score and the best documents, best first.
type Group struct {
	Key     string
	Matches int
	Best    float64
	Docs    []Doc
}

// Doc is a document of a group: its id and score.
type Doc struct {
	ID    string
	Score float64
}

// Tally returns q wrapped to count tags into the returned Tally.
func (t *Tables) Tally(q query.Query) *Tally { return &Tally{Query: q, tables: t, PerGroup: 3} }

// Counts returns the number of matches holding each tag, by tag name, once
// the search is over; tags no match holds are left out.
func (y *Tally) Counts() (map[string]int, error) {
	if !y.searchedAll {
		return nil, fmt.Errorf("tag counts: the search did not run to its end")
	}
	out := make(map[string]int)
	for id, c := range y.counts {
		if c > 0 {
			out[y.tags[id]] = int(c)
		}
	}
	return out, nil
}

// Searcher builds the wrapped query's searcher over r and the tables of
// r's segments.
func (y *Tally) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	v, err := y.tables.viewOf(r)
	if err != nil {
		return nil, err
	}
	inner, err := y.Query.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	tags, level, groups := y.tables.names()
	y.tags = tags[:v.ntags]
	if y.CountTags {
		y.counts = make([]int32, v.ntags)
	}
	s := &tallySearcher{Searcher: inner, y: y, v: v, r: r, groupNames: groups[:v.ngroup], level: level[:v.ntags], seg: -1}
	if y.Groups > 0 || y.TagsPerGroup {
		s.bufs = y.tables.getBufs(v.ngroup)
		s.slot, s.accs = s.bufs.slot[:v.ngroup], s.bufs.accs[:0]
		if y.TagsPerGroup {
			s.small = make([]int32, v.ntags)
			var n int32
			for t, groupLevel := range s.level {
				s.small[t] = -1
				if !groupLevel {
					s.small[t] = n
					n++
				}
			}
		}
	}
	return s, nil
}

type tallySearcher struct {
	search.Searcher
	y          *Tally
	v          *view
	r          bindex.IndexReader
	groupNames []string
	level      []bool
	small      []int32 // tag id -> index among document-level tags

	seg      int // the segment of the last match
	segStart uint64
	segEnd   uint64
	tab      *segTable

	slot []int32 // group id -> 1 + index in accs
	accs []groupAcc
	bufs *tallyBufs
}

// tallyBufs are a grouping searcher's work arrays, kept for the next
// search: allocating and clearing them per search was a tenth of a
// server's time under varied traffic.
type tallyBufs struct {
	slot []int32 // all zero when not in use
	accs []groupAcc
}

func (t *Tables) getBufs(ngroup int) *tallyBufs {
	b, _ := t.bufs.Get().(*tallyBufs)
	if b == nil {
		b = &tallyBufs{}
	}
	if len(b.slot) < ngroup {
		b.slot = make([]int32, ngroup+ngroup/4)
	}
	return b
}

// Close releases the searcher and returns the work arrays, cleared.
func (s *tallySearcher) Close() error {
	if s.bufs != nil {
		for i := range s.accs {
			s.slot[s.accs[i].group] = 0
		}
		s.bufs.accs = s.accs[:0]
		s.y.tables.bufs.Put(s.bufs)
		s.bufs, s.slot, s.accs = nil, nil, nil
	}
	return s.Searcher.Close()
}

type docScore struct {
	num   uint64
	score float64
}

// MaxPerGroup is the most documents a group keeps.
const MaxPerGroup = 3

type groupAcc struct {
	group uint32
	n     int32
	ntop  int32
	top   [MaxPerGroup]docScore // best first
	mask  [2]uint64             // document-level tags counted, by small id
	seen  []uint32              // those beyond the mask
}

// counted reports whether the tag (small is its document-level id) was
// counted for the group, marking it.
func (a *groupAcc) counted(t uint32, small int32) bool {
	if small >= 0 && small < 128 {
		w, bit := small>>6, uint64(1)<<(small&63)
		was := a.mask[w]&bit != 0
		a.mask[w] |= bit
		return was
	}
	for _, s := range a.seen {
		if s == t {
			return true
		}
	}
	a.seen = append(a.seen, t)
	return false
}

func (s *tallySearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return s.pass(s.Searcher.Next(ctx))
}

func (s *tallySearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	return s.pass(s.Searcher.Advance(ctx, id))
}

// pass tallies a match on its way to the collector, and finishes at the
// end of the matches.
func (s *tallySearcher) pass(dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if err != nil {
		return nil, err
	}
	if dm == nil {
		return nil, s.finish()
	}
	s.see(dm)
	return dm, nil
}

func (s *tallySearcher) see(dm *search.DocumentMatch) {
	n := dm.IndexInternalID.Value()
	if s.tab == nil || n < s.segStart || n >= s.segEnd {
		s.seg = sort.Search(len(s.v.starts), func(i int) bool { return s.v.starts[i] > n }) - 1
		s.segStart = s.v.starts[s.seg]
		s.tab = s.v.tabs[s.seg]
		s.segEnd = s.segStart + uint64(len(s.tab.group))
	}
	local := n - s.segStart
	s.y.Matches++
	giveWay(s.y.Matches)
	g := noGroup
	if s.slot != nil {
		g = s.tab.group[local]
	}
	counts := s.y.counts
	if g == noGroup {
		if counts != nil {
			for _, t := range s.tab.shared.of(local) {
				counts[t]++
			}
			for _, t := range s.tab.own.of(local) {
				counts[t]++
			}
		}
		return
	}
	i := s.slot[g]
	first := i == 0
	if first {
		s.accs = append(s.accs, groupAcc{group: g})
		i = int32(len(s.accs))
		s.slot[g] = i
	}
	a := &s.accs[i-1]
	a.n++
	a.keep(docScore{n, dm.Score}, int32(min(max(s.y.PerGroup, 1), MaxPerGroup)))
	if counts == nil {
		return
	}
	if !s.y.TagsPerGroup || first {
		for _, t := range s.tab.shared.of(local) {
			counts[t]++
		}
	}
	for _, t := range s.tab.own.of(local) {
		if !s.y.TagsPerGroup || !a.counted(t, s.small[t]) {
			counts[t]++
		}
	}
}

// keep inserts d among the group's best k documents.
func (a *groupAcc) keep(d docScore, k int32) {
	if a.ntop == k && d.score <= a.top[k-1].score {
		return
	}
	at := a.ntop
	for at > 0 && a.top[at-1].score < d.score {
		at--
	}
	if a.ntop < k {
		a.ntop++
	}
	copy(a.top[at+1:a.ntop], a.top[at:a.ntop-1])
	a.top[at] = d
}

// finish runs once the matches are exhausted: it picks the page of groups
// and names their documents while the reader is still open.
func (s *tallySearcher) finish() error {
	y := s.y
	y.searchedAll = true
	if s.slot == nil {
		return nil
	}
	y.GroupTotal = len(s.accs)
	want := y.GroupOffset + y.Groups
	h := &groupHeap{names: s.groupNames}
	for i := range s.accs {
		a := &s.accs[i]
		if h.Len() < want {
			heap.Push(h, a)
		} else if h.better(a, h.accs[0]) {
			h.accs[0] = a
			heap.Fix(h, 0)
		}
	}
	best := make([]*groupAcc, h.Len())
	for i := len(best) - 1; i >= 0; i-- {
		best[i] = heap.Pop(h).(*groupAcc)
	}
	if y.GroupOffset >= len(best) {
		return nil
	}
	for _, a := range best[y.GroupOffset:] {
		g := Group{Key: s.groupNames[a.group], Matches: int(a.n), Best: a.top[0].score}
		for _, d := range a.top[:a.ntop] {
			id, err := s.r.ExternalID(bindex.NewIndexInternalID(nil, d.num))
			if err != nil {
				return fmt.Errorf("group %s: document %d: %w", g.Key, d.num, err)
			}
			g.Docs = append(g.Docs, Doc{ID: id, Score: d.score})
		}
		y.Page = append(y.Page, g)
	}
	return nil
}

// groupHeap is a min-heap of groups by rank: the worst kept group on top.
type groupHeap struct {
	accs  []*groupAcc
	names []string
}

// better orders groups by best score, then by key.
func (h *groupHeap) better(a, b *groupAcc) bool {
	if a.top[0].score != b.top[0].score {
		return a.top[0].score > b.top[0].score
	}
	return h.names[a.group] < h.names[b.group]
}

func (h *groupHeap) Len() int           { return len(h.accs) }
func (h *groupHeap) Less(i, j int) bool { return h.better(h.accs[j], h.accs[i]) }
func (h *groupHeap) Swap(i, j int)      { h.accs[i], h.accs[j] = h.accs[j], h.accs[i] }
func (h *groupHeap) Push(x any)         { h.accs = append(h.accs, x.(*groupAcc)) }
func (h *groupHeap) Pop() any {
	a := h.accs[len(h.accs)-1]
	h.accs = h.accs[:len(h.accs)-1]
	return a
}
