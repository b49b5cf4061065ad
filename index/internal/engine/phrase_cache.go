package engine

import (
	"container/list"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// phraseCache keeps the match lists of recent phrases for the index
// snapshot they were found in. Distinct searches share phrases: in the
// varied benchmark mix, three in four phrase uses repeat a phrase of an
// earlier search with other words, filters or pages, and the phrases of
// two common words are the slowest part of it. A new snapshot (any write)
// empties it. It holds at most phraseCacheMatches matches (16 bytes each).
type phraseCache struct {
	mu      sync.Mutex
	snap    *scorch.IndexSnapshot
	ll      *list.List // of *phraseEntry, most recent first
	entries map[string]*list.Element
	matches int
}

const phraseCacheMatches = 1 << 21 // 32 MiB

type phraseEntry struct {
	key    string
	parts  [][]phraseMatch // read only
	count  int
	weight float64
}

// key names the phrase: its field, words, their offsets and its boost.
func (q *fastPhrase) key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%g", q.field, q.boost)
	for i, t := range q.terms {
		fmt.Fprintf(&b, "\x00%d\x00%s", q.offsets[i], t)
	}
	return b.String()
}

func (c *phraseCache) get(snap *scorch.IndexSnapshot, key string) (*phraseEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap != snap {
		return nil, false
	}
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.ll.MoveToFront(e)
	return e.Value.(*phraseEntry), true
}

// put keeps copies of the searcher's match lists for snap, unless they
// alone would fill a quarter of the cache. A snapshot other than the
// cache's replaces it.
func (c *phraseCache) put(snap *scorch.IndexSnapshot, key string, ps *phraseSearcher) {
	if ps.count > phraseCacheMatches/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap != snap || c.ll == nil {
		c.snap, c.ll, c.entries, c.matches = snap, list.New(), map[string]*list.Element{}, 0
	}
	if _, ok := c.entries[key]; ok {
		return // found at the same time by another search
	}
	// Copies of exactly their length: a match list from the pool has room
	// for all the documents of its rarest word, often a hundred times
	// the matches.
	parts := make([][]phraseMatch, len(ps.parts))
	for i, p := range ps.parts {
		parts[i] = append(make([]phraseMatch, 0, len(p)), p...)
	}
	e := &phraseEntry{key: key, parts: parts, count: ps.count, weight: ps.weight}
	c.entries[key] = c.ll.PushFront(e)
	c.matches += e.count
	for c.matches > phraseCacheMatches {
		last := c.ll.Back()
		old := last.Value.(*phraseEntry)
		c.ll.Remove(last)
		delete(c.entries, old.key)
		c.matches -= old.count
	}
}

// searcher hands out the entry's matches, leaving the entry as it is.
func (e *phraseEntry) searcher() *phraseSearcher {
	s := &phraseSearcher{parts: append([][]phraseMatch(nil), e.parts...), count: e.count, weight: e.weight}
	if e.weight > 0 {
		s.norm = 1 / math.Sqrt(e.weight) // as scanPhrase sets it
	}
	return s
}
