package extract

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

// build compiles the automaton after every literal is added.
func (m *litMatcher) build() {
	m.n = len(m.ids)
	m.nclass = 1
	for lit := range m.ids {
		for i := 0; i < len(lit); i++ {
			if m.class[lit[i]] == 0 {
				m.class[lit[i]] = uint8(m.nclass)
				m.nclass++
			}
		}
	}
	// Trie.
	goTo := []map[uint8]int32{{}}
	m.out = [][]int32{nil}
	for lit, id := range m.ids {
		s := int32(0)
		for i := 0; i < len(lit); i++ {
			c := m.class[lit[i]]
			nx, ok := goTo[s][c]
			if !ok {
				nx = int32(len(goTo))
				goTo = append(goTo, map[uint8]int32{})
				m.out = append(m.out, nil)
				goTo[s][c] = nx
			}
			s = nx
		}
		m.out[s] = append(m.out[s], id)
	}
	// Breadth-first failure links, folded into a full transition table.
	ns := len(goTo)
	m.next = make([]int32, ns*m.nclass)
	fail := make([]int32, ns)
	queue := []int32{}
	for c := 1; c < m.nclass; c++ {
		if nx, ok := goTo[0][uint8(c)]; ok {
			m.next[c] = nx
			queue = append(queue, nx)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.out[s] = append(m.out[s], m.out[fail[s]]...)
		for c := 1; c < m.nclass; c++ {
			if nx, ok := goTo[s][uint8(c)]; ok {
				fail[nx] = m.next[int(fail[s])*m.nclass+c]
				m.next[int(s)*m.nclass+c] = nx
				queue = append(queue, nx)
			} else {
				m.next[int(s)*m.nclass+c] = m.next[int(fail[s])*m.nclass+c]
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
