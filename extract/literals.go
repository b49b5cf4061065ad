package extract

import "slices"

// litMatcher is an Aho-Corasick automaton over the literals of every cue in
// a taxonomy: one pass over a sentence marks which literals occur, so the
// cues' prefilters cost a bit test each instead of a substring search.
type litMatcher struct {
	ids    map[string]int32 // literal -> id
	class  [256]uint8       // byte -> alphabet class; 0 = in no literal
	nclass int
	next   []int32   // state*nclass + class -> state (a full DFA)
	out    [][]int32 // literal ids that end at each state
	n      int       // number of literals
}

func newLitMatcher() *litMatcher {
	return &litMatcher{ids: map[string]int32{}}
}

// add registers a literal and returns its id.
func (m *litMatcher) add(lit string) int32 {
	if id, ok := m.ids[lit]; ok {
		return id
	}
	id := int32(len(m.ids))
	m.ids[lit] = id
	return id
}

// build compiles the automaton after every literal is added. The trie is
// built in the transition table itself (a child is never the root, so 0
// means none), then breadth-first failure links fill in the rest: maps per
// trie node made this a third of loading a taxonomy.
func (m *litMatcher) build() {
	m.n = len(m.ids)
	m.nclass = 1
	lits := make([]string, m.n)
	for lit, id := range m.ids {
		lits[id] = lit
		for i := 0; i < len(lit); i++ {
			if m.class[lit[i]] == 0 {
				m.class[lit[i]] = uint8(m.nclass)
				m.nclass++
			}
		}
	}
	nc := m.nclass
	// The trie has one state per distinct prefix: counted over the sorted
	// literals, so that the table is allocated once.
	sorted := slices.Clone(lits)
	slices.Sort(sorted)
	states, prev := 1, ""
	for _, l := range sorted {
		k := 0
		for k < len(l) && k < len(prev) && l[k] == prev[k] {
			k++
		}
		states += len(l) - k
		prev = l
	}
	m.next = make([]int32, nc, states*nc)
	m.out = make([][]int32, 1, states)
	for id, lit := range lits {
		s := 0
		for i := 0; i < len(lit); i++ {
			at := s*nc + int(m.class[lit[i]])
			nx := int(m.next[at])
			if nx == 0 {
				nx = len(m.out)
				m.next = append(m.next, make([]int32, nc)...)
				m.out = append(m.out, nil)
				m.next[at] = int32(nx)
			}
			s = nx
		}
		m.out[s] = append(m.out[s], int32(id))
	}
	// A state's row holds only its trie children until the state leaves
	// the queue; the rows of its failure state, nearer the root, are
	// complete by then.
	fail := make([]int32, len(m.out))
	queue := make([]int32, 0, len(m.out))
	for c := 1; c < nc; c++ {
		if nx := m.next[c]; nx != 0 {
			queue = append(queue, nx)
		}
	}
	for q := 0; q < len(queue); q++ {
		s := int(queue[q])
		f := int(fail[s])
		if len(m.out[f]) > 0 {
			m.out[s] = append(m.out[s], m.out[f]...)
		}
		for c := 1; c < nc; c++ {
			at := s*nc + c
			if nx := m.next[at]; nx != 0 {
				fail[nx] = m.next[f*nc+c]
				queue = append(queue, nx)
			} else {
				m.next[at] = m.next[f*nc+c]
			}
		}
	}
}

// scan marks in bits (len >= (n+63)/64) the literals that occur in s.
func (m *litMatcher) scan(s string, bits []uint64) {
	for i := range bits {
		bits[i] = 0
	}
	st := int32(0)
	for i := 0; i < len(s); i++ {
		c := m.class[s[i]]
		if c == 0 {
			st = 0
			continue
		}
		st = m.next[int(st)*m.nclass+int(c)]
		for _, id := range m.out[st] {
			bits[id>>6] |= 1 << (id & 63)
		}
	}
}

func (m *litMatcher) words() int { return (m.n + 63) / 64 }

// bitsIn returns a bit set of w words, in small when it fits (no
// allocation for the common sizes).
func bitsIn(small []uint64, w int) []uint64 {
	if w <= len(small) {
		return small[:w]
	}
	return make([]uint64, w)
}
