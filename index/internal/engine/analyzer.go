package engine

import (
	"bytes"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// EnglishAnalyzer is the analyser of every English text field: the same steps
// as bleve's "en" analyser (words, English possessives removed, lower case,
// English stop words removed, Porter stems) in one pass over the text.
//
// It exists for speed. bleve's "en" analyser segments words by the full
// Unicode word-boundary rules and stems every token afresh; on review text
// that was a third of the indexing time. Here ASCII text takes a byte loop,
// other text a rune loop with the Unicode letter and digit classes, and
// stop words and stems come from one bounded cache (a review vocabulary is
// small and repeats).
//
// Words are runs of letters, digits, marks and underscores. An apostrophe
// (', ’, ＇) or a full stop between two letters stays inside the word
// ("don't", "e.g"), and so do a full stop or comma between two digits
// ("1,000", "3.5"), as in the Unicode rules. Positions count words before
// stop words are removed, so phrases keep their gaps.
const EnglishAnalyzer = "sirlearn_en"

// registry.RegisterAnalyzer is bleve's only way to name an analyser in a
// mapping; it panics on a duplicate name.
func init() {
	registry.RegisterAnalyzer(EnglishAnalyzer, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return newEnglishAnalyzer()
	})
}

type englishAnalyzer struct {
	stems *stemCache
}

func newEnglishAnalyzer() (*englishAnalyzer, error) {
	stop := analysis.NewTokenMap()
	if err := stop.LoadBytes(en.EnglishStopWords); err != nil {
		return nil, err
	}
	return &englishAnalyzer{stems: newStemCache(stop)}, nil
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
	a.eachTerm(in, func(term []byte, start, end, pos int) {
		tokens = append(tokens, analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: tokenType(in[start:end])})
	})
	return streamOf(tokens)
}

// HeadingBase is the word position a section's heading starts after. The
// text field holds the heading and then the text; its text words take
// positions from 1 and its heading words positions past HeadingBase, so a
// phrase never runs from the heading into the text (as in a search engine
// that keeps them apart), and heading: queries are the text field's
// matches past HeadingBase (see headingOnly). That spares each section a
// heading field of its own: measured, 5% less CPU loading 10,000 reviews.
// A file is at most 50 MiB, fewer than HeadingBase words.
const HeadingBase = 1 << 25

// frequencies analyses in straight into what the index stores of a field:
// its number of terms and each term's frequency and locations. bleve gets
// there from a token stream in a second pass. in[:head] is a heading: its
// words take positions past HeadingBase, after those of the rest, which
// take positions from 1.
func (a *englishAnalyzer) Frequencies(in []byte, head int, locations bool) (int, bindex.TokenFrequencies) {
	// Review text runs at about 10 bytes a term and 11 a distinct term.
	est, distinct := len(in)/8+2, len(in)/9+2
	freqs := make(bindex.TokenFrequencies, distinct)
	slab := make([]bindex.TokenFreq, 0, distinct)
	var terms []*bindex.TokenFreq // locations: each term's entry, in position order
	var locs []bindex.TokenLocation
	if locations {
		terms = make([]*bindex.TokenFreq, 0, est)
		locs = make([]bindex.TokenLocation, 0, est)
	}
	n := 0
	add := func(term []byte, start, end, pos int) {
		n++
		tf, ok := freqs[string(term)]
		if !ok {
			if len(slab) == cap(slab) {
				slab = make([]bindex.TokenFreq, 0, distinct)
			}
			slab = append(slab, bindex.TokenFreq{Term: term})
			tf = &slab[len(slab)-1]
			freqs[sharedString(term)] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
		if locations {
			terms = append(terms, tf)
			locs = append(locs, bindex.TokenLocation{Start: start, End: end, Position: pos})
		}
	}
	a.eachTerm(in[head:], func(term []byte, start, end, pos int) {
		if pos < HeadingBase {
			add(term, head+start, head+end, pos)
		}
	})
	a.eachTerm(in[:head], func(term []byte, start, end, pos int) {
		add(term, start, end, HeadingBase+pos)
	})
	if locations {
		// Each term's locations are a slice of one array, sized by its
		// frequency, rather than a slice grown location by location.
		ptrs := make([]*bindex.TokenLocation, len(locs))
		off := 0
		for i, tf := range terms {
			if tf.Locations == nil {
				f := tf.Frequency()
				tf.Locations = ptrs[off : off : off+f]
				off += f
			}
			tf.Locations = append(tf.Locations, &locs[i])
		}
	}
	return n, freqs
}

// sharedString is b as a string without a copy, for the map keys of term
// frequencies: one allocation less per distinct term of every field
// (measured: 8% less CPU loading 10,000 reviews, with the locations below).
// Only for bytes that are never modified afterwards: a field's value (the
// tags) and stems, which are the stem cache's shared entries or computed
// afresh.
func sharedString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// eachTerm calls fn with every term of in that is not a stop word, its
// byte offsets and its word position.
func (a *englishAnalyzer) eachTerm(in []byte, fn func(term []byte, start, end, pos int)) {
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
		word := trimPossessive(in[start:i])
		var lower []byte
		lower, arena = lowerInto(arena, word)
		if stem, stop := a.stems.lookup(lower); !stop {
			fn(stem, start, i, pos)
		}
	}
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

// stemCache memoises, per lower-case word, whether it is a stop word and
// its Porter stem. Reads take no lock: they go to an immutable map behind an
// atomic pointer. A miss is computed and kept in a small map under a mutex,
// which is folded into a new immutable map once it holds an eighth as many
// words as the old one (so copying stays linear overall). The vocabulary of
// reviews is small and saturates early; the cache is bounded so that odd
// input cannot grow it without limit, and past the bound stems are computed
// each time.
type stemCache struct {
	stop analysis.TokenMap
	snap atomic.Pointer[map[string]stemEntry]

	mu      sync.Mutex
	pending map[string]stemEntry
}

type stemEntry struct {
	stem []byte // shared: must not be modified
	stop bool
}

const stemCacheMax = 1 << 18

func newStemCache(stop analysis.TokenMap) *stemCache {
	c := &stemCache{stop: stop, pending: map[string]stemEntry{}}
	m := map[string]stemEntry{}
	c.snap.Store(&m)
	return c
}

// lookup returns the stem of the lower-case word, and whether it is a stop
// word.
func (c *stemCache) lookup(word []byte) ([]byte, bool) {
	if e, ok := (*c.snap.Load())[string(word)]; ok {
		return e.stem, e.stop
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.pending[string(word)]; ok {
		return e.stem, e.stop
	}
	e := stemEntry{stop: c.stop[string(word)]}
	if !e.stop {
		e.stem = analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing([]rune(string(word))))
	}
	old := *c.snap.Load()
	if len(old)+len(c.pending) >= stemCacheMax {
		return e.stem, e.stop
	}
	c.pending[string(word)] = e
	if len(c.pending) >= max(64, len(old)/8) {
		next := make(map[string]stemEntry, len(old)+len(c.pending))
		for k, v := range old {
			next[k] = v
		}
		for k, v := range c.pending {
			next[k] = v
		}
		c.snap.Store(&next)
		c.pending = map[string]stemEntry{}
	}
	return e.stem, e.stop
}

// TagsAnalyzer is the analyser of the tags field: a document's keyword values
// joined by TagSep, each value one term. One field with a few terms costs
// bleve far less than a keyword field per value or a multi-valued field.
const TagsAnalyzer = "sirlearn_tags"

const TagSep = '\x1f'

func init() {
	registry.RegisterAnalyzer(TagsAnalyzer, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return tagsAnalyzer{}, nil
	})
}

type tagsAnalyzer struct{}

// eachTag calls fn with every non-empty tag of in and its byte offsets.
func eachTag(in []byte, fn func(start, end int)) {
	start := 0
	for i := 0; i <= len(in); i++ {
		if i < len(in) && in[i] != TagSep {
			continue
		}
		if i > start {
			fn(start, i)
		}
		start = i + 1
	}
}

// frequencies gives each tag once, without frequencies or locations
// (the field skips them).
func (tagsAnalyzer) Frequencies(in []byte, _ int, _ bool) (int, bindex.TokenFrequencies) {
	count := bytes.Count(in, []byte{TagSep}) + 1
	freqs := make(bindex.TokenFrequencies, count)
	slab := make([]bindex.TokenFreq, 0, count)
	n := 0
	eachTag(in, func(start, end int) {
		n++
		if _, ok := freqs[string(in[start:end])]; !ok {
			slab = append(slab, bindex.TokenFreq{Term: in[start:end]})
			freqs[sharedString(in[start:end])] = &slab[len(slab)-1]
		}
	})
	return n, freqs
}

func (tagsAnalyzer) Analyze(in []byte) analysis.TokenStream {
	tokens := make([]analysis.Token, 0, bytes.Count(in, []byte{TagSep})+1)
	eachTag(in, func(start, end int) {
		tokens = append(tokens, analysis.Token{Term: in[start:end], Start: start, End: end, Position: len(tokens) + 1, Type: analysis.AlphaNumeric})
	})
	return streamOf(tokens)
}

// streamOf is the token stream of tokens.
func streamOf(tokens []analysis.Token) analysis.TokenStream {
	out := make(analysis.TokenStream, len(tokens))
	for i := range tokens {
		out[i] = &tokens[i]
	}
	return out
}
