// Package engine holds sirlearn's extensions of bleve that reach into its
// scorch segments. Field names and tag prefixes come in as parameters, so
// nothing here knows sirlearn's schema.
package engine

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
)

// Tables keeps, for each segment of an index, a compact table from document
// number to the ids of its tags (the terms of one keyword field) and to the
// id of its group (a key derived from the document id, such as the review
// a section belongs to). Counting facets from the table costs a few array
// reads per match, where bleve's facets decode the doc values of every match
// (snappy-compressed chunks: 85% of a search's time over 10,000 reviews).
//
// Segments never change once written, so a segment's table is built once,
// the first time a query meets it, and dropped when the segment leaves the
// index (merged or deleted).
type Tables struct {
	field      string
	keep       func(term string) bool
	groupLevel func(term string) bool
	groupOf    func(docID string) (string, bool)

	mu       sync.Mutex
	segs     map[uint64]*segEntry
	tags     []string
	level    []bool // tag id -> a tag of the group, held by all its documents
	tagIDs   map[string]uint32
	groups   []string
	groupIDs map[string]uint32

	bufs sync.Pool // of *tallyBufs
}

// NewTables returns tables of the terms of field for which keep is true,
// and of the groups groupOf names from document ids (false: no group).
// groupLevel tells the terms every document of a group holds alike (the
// review's authority, say, on each of its sections): counted per group,
// they are counted on a group's first match only.
func NewTables(field string, keep, groupLevel func(string) bool, groupOf func(string) (string, bool)) *Tables {
	return &Tables{field: field, keep: keep, groupLevel: groupLevel, groupOf: groupOf, segs: map[uint64]*segEntry{},
		tagIDs: map[string]uint32{}, groupIDs: map[string]uint32{}}
}

// noGroup marks a document that belongs to no group.
const noGroup = ^uint32(0)

type segTable struct {
	group []uint32
	// A document's tags, in two lists: those it holds as a member of its
	// group, then its own, so that counting per group reads the first list
	// once per group.
	shared, own csr
}

// csr is a list of tag ids per document: document n's are ids[off[n]:off[n+1]].
type csr struct {
	off []uint32
	ids []uint32
}

func (c csr) of(n uint64) []uint32 { return c.ids[c.off[n]:c.off[n+1]] }

// csrOf builds the lists of n documents from each tag's documents.
func csrOf(n int, lists []posting) csr {
	c := csr{off: make([]uint32, n+1)}
	for _, l := range lists {
		for _, d := range l.docs {
			c.off[d+1]++
		}
	}
	for i := 1; i <= n; i++ {
		c.off[i] += c.off[i-1]
	}
	c.ids = make([]uint32, c.off[n])
	fill := append([]uint32(nil), c.off[:n]...)
	for _, l := range lists {
		for _, d := range l.docs {
			c.ids[fill[d]] = l.tag
			fill[d]++
		}
	}
	return c
}

// posting is a tag and the documents holding it.
type posting struct {
	tag  uint32
	docs []uint32
}

type segEntry struct {
	once sync.Once
	t    *segTable
	err  error
}

// view is the tables of one snapshot's segments, in order, with the global
// number each segment's documents start at.
type view struct {
	starts []uint64
	tabs   []*segTable
	ntags  int
	ngroup int
}

// snapshotSegments is what a scorch reader offers.
type snapshotSegments interface {
	Segments() []*scorch.SegmentSnapshot
}

// viewOf returns the tables of the reader's segments, building those not
// built yet.
func (t *Tables) viewOf(r bindex.IndexReader) (*view, error) {
	ss, ok := r.(snapshotSegments)
	if !ok {
		return nil, fmt.Errorf("tag tables: index reader %T is not a scorch snapshot", r)
	}
	segs := ss.Segments()
	v := &view{starts: make([]uint64, len(segs)), tabs: make([]*segTable, len(segs))}
	entries := make([]*segEntry, len(segs))
	live := make(map[uint64]bool, len(segs))
	t.mu.Lock()
	for i, s := range segs {
		live[s.Id()] = true
		e := t.segs[s.Id()]
		if e == nil {
			e = &segEntry{}
			t.segs[s.Id()] = e
		}
		entries[i] = e
	}
	for id := range t.segs {
		if !live[id] {
			delete(t.segs, id) // queries still using it hold their own pointer
		}
	}
	t.mu.Unlock()
	var start uint64
	for i, s := range segs {
		e := entries[i]
		e.once.Do(func() { e.t, e.err = t.build(s.Segment()) })
		if e.err != nil {
			return nil, fmt.Errorf("tag tables: segment %d: %w", s.Id(), e.err)
		}
		v.starts[i], v.tabs[i] = start, e.t
		start += s.Segment().Count() // global numbers count deleted documents too
	}
	t.mu.Lock()
	v.ntags, v.ngroup = len(t.tags), len(t.groups)
	t.mu.Unlock()
	return v, nil
}

// build reads one segment's tag postings and document ids.
func (t *Tables) build(seg segment.Segment) (*segTable, error) {
	n := int(seg.Count())
	tab := &segTable{group: make([]uint32, n)}
	for i := range tab.group {
		tab.group[i] = noGroup
	}
	var shared, own []posting
	err := eachTerm(seg, t.field, func(term string, docs []uint32) {
		if !t.keep(term) {
			return
		}
		if t.groupLevel(term) {
			shared = append(shared, posting{t.tagID(term), docs})
		} else {
			own = append(own, posting{t.tagID(term), docs})
		}
	})
	if err != nil {
		return nil, err
	}
	tab.shared, tab.own = csrOf(n, shared), csrOf(n, own)
	err = eachTerm(seg, "_id", func(id string, docs []uint32) {
		if key, ok := t.groupOf(id); ok {
			g := t.groupID(key)
			for _, d := range docs {
				tab.group[d] = g
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return tab, nil
}

// eachTerm calls fn with every term of a segment's field and the numbers
// of the documents holding it (deleted ones included).
func eachTerm(seg segment.Segment, field string, fn func(term string, docs []uint32)) error {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return fmt.Errorf("dictionary of %s: %w", field, err)
	}
	if dict == nil {
		return nil
	}
	it := dict.AutomatonIterator(&vellum.AlwaysMatch{}, nil, nil)
	if it == nil {
		return nil
	}
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	for {
		e, err := it.Next()
		if err != nil {
			return fmt.Errorf("terms of %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		if pl, err = dict.PostingsList([]byte(e.Term), nil, pl); err != nil {
			return fmt.Errorf("postings of %s: %w", field, err)
		}
		pi = pl.Iterator(false, false, false, pi)
		docs := make([]uint32, 0, pl.Count())
		for {
			p, err := pi.Next()
			if err != nil {
				return fmt.Errorf("postings of %s: %w", field, err)
			}
			if p == nil {
				break
			}
			docs = append(docs, uint32(p.Number()))
		}
		fn(e.Term, docs)
	}
}

func (t *Tables) tagID(term string) uint32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	id, added := intern(&t.tags, t.tagIDs, term)
	if added {
		t.level = append(t.level, t.groupLevel(term))
	}
	return id
}

func (t *Tables) groupID(key string) uint32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	id, _ := intern(&t.groups, t.groupIDs, key)
	return id
}

// intern returns the id of name in names, adding it when new.
func intern(names *[]string, ids map[string]uint32, name string) (uint32, bool) {
	if id, ok := ids[name]; ok {
		return id, false
	}
	id := uint32(len(*names))
	*names = append(*names, name)
	ids[name] = id
	return id, true
}

// names returns the tag and group names known now (their ids index them)
// and which tags are held by whole groups.
func (t *Tables) names() (tags []string, level []bool, groups []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.tags[:len(t.tags):len(t.tags)], t.level[:len(t.level):len(t.level)], t.groups[:len(t.groups):len(t.groups)]
}
