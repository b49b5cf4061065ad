package index

import (
	"container/list"
	"context"
	"encoding/json"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// resultCache keeps recent answers (searches, theme tables, timeliness
// figures) until the index changes: every write clears it. Concurrent
// identical questions share one computation. Facet counts over all matches
// are most of a search's cost (about 30 ms over 10,000 reviews), and people
// repeat queries as they page and filter.
type resultCache struct {
	mu      sync.Mutex
	max     int
	ll      *list.List
	entries map[string]*list.Element
	gen     uint64
	group   singleflight.Group
}

type cacheEntry struct {
	key string
	val any
}

func newResultCache(max int) *resultCache {
	return &resultCache{max: max, ll: list.New(), entries: map[string]*list.Element{}}
}

// key builds a cache key from a kind and the question.
func cacheKey(kind string, q any) string {
	b, _ := json.Marshal(q)
	return kind + ":" + string(b)
}

// computeTimeout bounds a shared computation, which no single caller's
// context may cancel.
const computeTimeout = time.Minute

// get returns the cached answer or computes it once. Callers asking the
// same question at once share one computation; it runs under a context of
// its own (the first caller's values, not its cancellation), so a caller
// that hangs up gives up only its own wait.
func (c *resultCache) get(ctx context.Context, key string, compute func(context.Context) (any, error)) (any, error) {
	if c.max < 0 {
		return compute(ctx)
	}
	c.mu.Lock()
	if e, ok := c.entries[key]; ok {
		c.ll.MoveToFront(e)
		v := e.Value.(*cacheEntry).val
		c.mu.Unlock()
		return v, nil
	}
	gen := c.gen
	c.mu.Unlock()
	ch := c.group.DoChan(key, func() (any, error) {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), computeTimeout)
		defer cancel()
		return compute(cctx)
	})
	var v any
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		v = r.Val
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.putAt(key, v, gen) // dropped when computed across a write
	return v, nil
}

// clear forgets everything; called on every write.
func (c *resultCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.ll.Init()
	c.entries = map[string]*list.Element{}
}

// peek returns a cached answer without computing one, and the cache's
// generation, to give putAt for an answer computed now.
func (c *resultCache) peek(key string) (any, uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok && c.max >= 0 {
		c.ll.MoveToFront(e)
		return e.Value.(*cacheEntry).val, c.gen, true
	}
	return nil, c.gen, false
}

// putAt keeps an answer computed from the index as it was at generation
// gen; one computed across a write is dropped.
func (c *resultCache) putAt(key string, v any, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.max < 0 || c.gen != gen {
		return
	}
	if e, ok := c.entries[key]; ok {
		e.Value.(*cacheEntry).val = v
		c.ll.MoveToFront(e)
		return
	}
	c.entries[key] = c.ll.PushFront(&cacheEntry{key, v})
	for c.ll.Len() > c.max {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.entries, old.Value.(*cacheEntry).key)
	}
}

// queued wraps a computation so that at most one per processor runs at
// once; the others wait their turn. Searches are short and CPU-bound:
// run all at once, each of 16 concurrent requests took 16 times its own
// time, and the slow ones (a common word over 100,000 sections) set a p99
// of 106 ms at 10,000 reviews; in turn, a request waits for those ahead
// and then runs at full speed.
func (ix *Index) queued(compute func(context.Context) (any, error)) func(context.Context) (any, error) {
	return func(ctx context.Context) (any, error) {
		select {
		case ix.slots <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		defer func() { <-ix.slots }()
		return compute(ctx)
	}
}
