package index

import (
	"hash/maphash"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// englishName is the analyser of every English text field: the same steps
// as bleve's "en" analyser (words, English possessives removed, lower case,
// English stop words removed, Porter stems) in one pass over the text.
//
// It exists for speed. bleve's "en" analyser segments words by the full
// Unicode word-boundary rules and stems every token afresh; on review text
// that was a third of the indexing time. Here ASCII text takes a byte loop,
// other text a rune loop with the Unicode letter and digit classes, and
// stems come from a bounded cache (a review vocabulary is small and
// repeats).
//
// Words are runs of letters, digits, marks and underscores. An apostrophe
// (', ’, ＇) or a full stop between two letters stays inside the word
// ("don't", "e.g"), and so do a full stop or comma between two digits
// ("1,000", "3.5"), as in the Unicode rules. Positions count words before
// stop words are removed, so phrases keep their gaps.
const englishName = "sirlearn_en"

// registry.RegisterAnalyzer is bleve's only way to name an analyser in a
// mapping; it panics on a duplicate name.
func init() {
	registry.RegisterAnalyzer(englishName, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return newEnglishAnalyzer()
	})
}

type englishAnalyzer struct {
	stop  analysis.TokenMap
	stems *stemCache
}

func newEnglishAnalyzer() (*englishAnalyzer, error) {
	stop := analysis.NewTokenMap()
	if err := stop.LoadBytes(en.EnglishStopWords); err != nil {
		return nil, err
	}
	return &englishAnalyzer{stop: stop, stems: newStemCache()}, nil
}

// wordKind classifies a rune for tokenising.
type wordKind uint8

const (
	kSpace wordKind = iota
	kLetter
	kDigit
	kApos  // apostrophes: inside a word between letters
	kPoint // full stop: between letters or between digits
	kComma // comma: between digits
)

var asciiKind = func() (t [128]wordKind) {
	for c := 0; c < 128; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			t[c] = kLetter
		case c >= '0' && c <= '9':
			t[c] = kDigit
		case c == '\'':
			t[c] = kApos
		case c == '.':
			t[c] = kPoint
		case c == ',':
			t[c] = kComma
		}
	}
	return t
}()

func kindOf(in []byte, i int) (wordKind, int) {
	c := in[i]
	if c < utf8.RuneSelf {
		return asciiKind[c], 1
	}
	r, n := utf8.DecodeRune(in[i:])
	switch {
	case r == '’' || r == '＇':
		return kApos, n
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return kLetter, n
	case unicode.IsDigit(r):
		return kDigit, n
	}
	return kSpace, n
}

// joins reports whether the punctuation p between a and b keeps one word.
func joins(a, p, b wordKind) bool {
	switch p {
	case kApos:
		return a == kLetter && b == kLetter
	case kPoint:
		return a == b
	case kComma:
		return a == kDigit && b == kDigit
	}
	return false
}

func (a *englishAnalyzer) Analyze(in []byte) analysis.TokenStream {
	tokens := make([]analysis.Token, 0, len(in)/7+1)
	// Terms that differ from the input (lower-cased) are built in arena;
	// a full arena is replaced, never grown, so earlier terms stay valid.
	arena := make([]byte, 0, len(in)/2+16)
	pos := 0
	for i := 0; i < len(in); {
		k, n := kindOf(in, i)
		if k != kLetter && k != kDigit {
			i += n
			continue
		}
		start, last := i, k
		i += n
		for i < len(in) {
			k, n = kindOf(in, i)
			if k == kLetter || k == kDigit {
				last = k
				i += n
				continue
			}
			if k == kSpace || i+n >= len(in) {
				break
			}
			next, m := kindOf(in, i+n)
			if !joins(last, k, next) {
				break
			}
			last = next
			i += n + m
		}
		pos++
		word := in[start:i]
		word = trimPossessive(word)
		var term []byte
		term, arena = lowerInto(arena, word)
		if _, stop := a.stop[string(term)]; stop {
			continue
		}
		term = a.stems.stem(term)
		tokens = append(tokens, analysis.Token{Term: term, Start: start, End: i, Position: pos, Type: tokenType(word)})
	}
	out := make(analysis.TokenStream, len(tokens))
	for i := range tokens {
		out[i] = &tokens[i]
	}
	return out
}

func tokenType(word []byte) analysis.TokenType {
	for _, c := range word {
		if c >= '0' && c <= '9' || c == '.' || c == ',' {
			continue
		}
		return analysis.AlphaNumeric
	}
	return analysis.Numeric
}

// trimPossessive removes a trailing 's (', ’ or ＇).
func trimPossessive(w []byte) []byte {
	l := len(w)
	if l < 3 || (w[l-1] != 's' && w[l-1] != 'S') {
		return w
	}
	if w[l-2] == '\'' {
		return w[:l-2]
	}
	if r, n := utf8.DecodeLastRune(w[:l-1]); r == '’' || r == '＇' {
		return w[:l-1-n]
	}
	return w
}

// lowerInto returns w in lower case, w itself when it already is.
func lowerInto(arena, w []byte) ([]byte, []byte) {
	ascii, upper := true, false
	for _, c := range w {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if ascii && !upper {
		return w, arena
	}
	need := len(w)
	if !ascii {
		need = len(w) * 2
	}
	if cap(arena)-len(arena) < need {
		arena = make([]byte, 0, max(4096, need))
	}
	s := len(arena)
	if ascii {
		for _, c := range w {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			arena = append(arena, c)
		}
	} else {
		for i := 0; i < len(w); {
			r, n := utf8.DecodeRune(w[i:])
			arena = utf8.AppendRune(arena, unicode.ToLower(r))
			i += n
		}
	}
	return arena[s:len(arena):len(arena)], arena
}

// stemCache memoises Porter stems. It is sharded to keep the two indexing
// goroutines apart and bounded so that odd input cannot grow it without
// limit; past the bound, stems are computed each time.
type stemCache struct {
	seed   maphash.Seed
	shards [32]stemShard
}

type stemShard struct {
	mu sync.RWMutex
	m  map[string][]byte
}

const stemCacheShardMax = 8192

func newStemCache() *stemCache {
	c := &stemCache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = make(map[string][]byte, 256)
	}
	return c
}

// stem returns the Porter stem of the lower-case term. The returned slice
// is shared and must not be modified.
func (c *stemCache) stem(term []byte) []byte {
	sh := &c.shards[maphash.Bytes(c.seed, term)%uint64(len(c.shards))]
	sh.mu.RLock()
	s, ok := sh.m[string(term)]
	sh.mu.RUnlock()
	if ok {
		return s
	}
	s = analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing([]rune(string(term))))
	sh.mu.Lock()
	if len(sh.m) < stemCacheShardMax {
		sh.m[string(term)] = s
	}
	sh.mu.Unlock()
	return s
}

// tagsName is the analyser of the tags field: a document's keyword values
// joined by tagSep, each value one term. One field with a few terms costs
// bleve far less than a keyword field per value or a multi-valued field.
const tagsName = "sirlearn_tags"

const tagSep = '\x1f'

func init() {
	registry.RegisterAnalyzer(tagsName, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return tagsAnalyzer{}, nil
	})
}

type tagsAnalyzer struct{}

func (tagsAnalyzer) Analyze(in []byte) analysis.TokenStream {
	n := 1
	for _, c := range in {
		if c == tagSep {
			n++
		}
	}
	tokens := make([]analysis.Token, 0, n)
	start := 0
	for i := 0; i <= len(in); i++ {
		if i < len(in) && in[i] != tagSep {
			continue
		}
		if i > start {
			tokens = append(tokens, analysis.Token{Term: in[start:i], Start: start, End: i, Position: len(tokens) + 1, Type: analysis.AlphaNumeric})
		}
		start = i + 1
	}
	out := make(analysis.TokenStream, len(tokens))
	for i := range tokens {
		out[i] = &tokens[i]
	}
	return out
}
