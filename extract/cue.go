package extract

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// cue is a compiled taxonomy pattern with a literal prefilter: lits holds
// strings of which every match contains at least one, so most sentences are
// rejected with strings.Contains before the regexp runs. Go's regexp cannot
// use its own literal-prefix scan on cues that start with \b or an
// alternation, which is most of them.
type cue struct {
	re *lazyRegexp
	// plain is set when the pattern is a literal between optional word
	// boundaries, as most cues are: it is found by searching for the
	// literal, and its regexp is never compiled.
	plain *plainCue
	// forms are set when the pattern could be rewritten as literals
	// first (see cue_forms.go), which Go's regexp finds quickly.
	forms *formSet
	lits  []string // nil: no prefilter, always run the regexp
	ids   []int32  // the literals' ids in the taxonomy's litMatcher
	// masks are ids as bit masks, one per word of a litMatcher's bit set:
	// a cue with many literals is tested a word at a time.
	masks []litMask
}

// litMask is the bits of one word of a litMatcher's bit set.
type litMask struct {
	w int32
	m uint64
}

// setIDs records the literals' ids and their masks.
func (c *cue) setIDs(ids []int32) {
	c.ids, c.masks = ids, nil
	for _, id := range ids {
		w, b := id>>6, uint64(1)<<(id&63)
		if i := slices.IndexFunc(c.masks, func(m litMask) bool { return m.w == w }); i >= 0 {
			c.masks[i].m |= b
		} else {
			c.masks = append(c.masks, litMask{w, b})
		}
	}
}

// lazyRegexp is a pattern compiled the first time it is used: the
// taxonomy has hundreds, compiling them all was a fifth of the start-up of
// a one-file command, and the literal prefilter keeps most from ever
// running on a given review.
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

// get returns the compiled pattern; src was checked by syntax.Parse.
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.src) })
	return l.re
}

// mustCue returns the cue of a pattern of this package: parsed now for
// its literals, compiled when first used. It panics on a bad pattern, which
// TestPackagePatterns catches.
func mustCue(src string) cue {
	c, err := parseCue(src)
	if err != nil {
		panic(fmt.Sprintf("extract: pattern %q: %v", src, err))
	}
	return c
}

// parseCue returns the cue of a pattern, parsed now and compiled when
// first used.
func parseCue(src string) (cue, error) {
	if p, ok := plainPattern(src); ok {
		// Most cues are words: no need to parse them to know their literal.
		c := cue{re: &lazyRegexp{src: src}, plain: p}
		if len(p.lit) >= 2 {
			c.lits = []string{p.lit}
		}
		return c, nil
	}
	ast, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return cue{}, err
	}
	return cueOf(&lazyRegexp{src: src}, ast), nil
}

// plainLiteral returns the text a pattern matches when it is that text
// alone, between optional word boundaries.
func plainLiteral(src string) (string, bool) {
	p, ok := plainPattern(src)
	if !ok {
		return "", false
	}
	return p.lit, true
}

// plainPattern returns the plain cue of a pattern that is a literal
// between optional word boundaries.
func plainPattern(src string) (*plainCue, bool) {
	lit, before := strings.CutPrefix(src, `\b`)
	lit, after := strings.CutSuffix(lit, `\b`)
	if lit == "" || strings.ContainsAny(lit, `\.+*?()|[]{}^$`) || !utf8.ValidString(lit) {
		return nil, false
	}
	return &plainCue{lit: lit, before: before, after: after}, true
}

func cueOf(l *lazyRegexp, ast *syntax.Regexp) cue {
	c := cue{re: l, forms: newFormSet(formSources(ast))}
	if lits, ok := requiredLiterals(ast.Simplify(), 0); ok && len(lits) > 0 && len(lits) <= 64 {
		for _, l := range lits {
			if len(l) < 2 {
				return c
			}
		}
		c.lits = lits
	}
	return c
}

// requiredLiterals returns literal strings of which every match of re
// contains at least one, or ok=false when it cannot tell. In a sequence it
// takes the mandatory part with the longest literals: "(a |an )?strength"
// gives "strength", not the common "a ".
func requiredLiterals(re *syntax.Regexp, depth int) ([]string, bool) {
	if depth > 20 {
		return nil, false
	}
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture:
		return requiredLiterals(re.Sub[0], depth+1)
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			l, ok := requiredLiterals(sub, depth+1)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		return out, true
	case syntax.OpConcat:
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			l, ok := requiredLiterals(sub, depth+1)
			if !ok {
				continue
			}
			m := shortest(l)
			if m > bestLen || m == bestLen && len(l) < len(best) {
				best, bestLen = l, m
			}
		}
		return best, best != nil
	case syntax.OpPlus:
		return requiredLiterals(re.Sub[0], depth+1)
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil, false
		}
		return requiredLiterals(re.Sub[0], depth+1)
	}
	return nil, false
}

func shortest(ls []string) int {
	m := 1 << 30
	for _, l := range ls {
		m = min(m, len(l))
	}
	return m
}

// maybe reports whether the sentence could match.
func (c cue) maybe(s string) bool {
	if c.lits == nil {
		return true
	}
	for _, l := range c.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// maybeIn reports whether the sentence could match, given the literals a
// litMatcher found in it.
func (c cue) maybeIn(bits []uint64) bool {
	if c.lits == nil {
		return true
	}
	for _, m := range c.masks {
		if bits[m.w]&m.m != 0 {
			return true
		}
	}
	return false
}

func (c cue) MatchString(s string) bool { return c.maybe(s) && c.match(s) }

func (c cue) FindStringIndex(s string) []int {
	if !c.maybe(s) {
		return nil
	}
	return c.find(s)
}

func (c cue) FindAllStringIndex(s string, n int) [][]int {
	if !c.maybe(s) {
		return nil
	}
	return c.findAll(s, n)
}

// match, find and findAll are the pattern's matches, with no prefilter.
func (c cue) match(s string) bool {
	if c.plain != nil {
		return c.plain.index(s, 0) >= 0
	}
	if c.forms != nil {
		fs := c.forms.get()
		for i := range fs {
			if _, _, ok := fs[i].next(s, 0); ok {
				return true
			}
		}
		return false
	}
	return c.re.get().MatchString(s)
}

func (c cue) find(s string) []int {
	if c.plain == nil && c.forms == nil {
		return c.re.get().FindStringIndex(s)
	}
	if st, en, ok := c.next(s, 0); ok {
		return []int{st, en}
	}
	return nil
}

func (c cue) findAll(s string, n int) [][]int {
	if c.plain == nil && c.forms == nil {
		return c.re.get().FindAllStringIndex(s, n)
	}
	if c.plain == nil && len(s) > longText {
		return findAllOfForms(c.forms.get(), s, n)
	}
	var out [][]int
	for from := 0; n < 0 || len(out) < n; {
		st, en, ok := c.next(s, from)
		if !ok {
			break
		}
		out = append(out, []int{st, en})
		from = en // matches are never empty: each starts with a literal
	}
	return out
}

// longText is the length above which a formed cue's matches are found by
// findAllOfForms: on a sentence the plain loop is faster, on a long block
// it is quadratic.
const longText = 2048

// findAllOfForms returns the successive matches of a formed cue, as
// repeated nextOfForms calls would, keeping each form's next match until
// the search passes it: a form whose match lies far ahead is searched for
// once, not once per match of the others, so a long text with many
// matches costs time in proportion to its length.
func findAllOfForms(fs []form, s string, n int) [][]int {
	type pending struct {
		start, end  int
		known, done bool
	}
	var small [16]pending // on the stack for the usual few forms
	var next []pending
	if len(fs) <= len(small) {
		next = small[:len(fs)]
	} else {
		next = make([]pending, len(fs))
	}
	var out [][]int
	for from := 0; n < 0 || len(out) < n; {
		best := -1
		for i := range fs {
			p := &next[i]
			if p.done {
				continue
			}
			if !p.known || p.start < from {
				st, en, ok := fs[i].next(s, from)
				if !ok {
					p.done = true
					continue
				}
				*p = pending{start: st, end: en, known: true}
			}
			if best < 0 || p.start < next[best].start {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out = append(out, []int{next[best].start, next[best].end})
		from = next[best].end // matches are never empty: each starts with a literal
	}
	return out
}

// next returns a plain or formed cue's first match at or after from.
func (c cue) next(s string, from int) (int, int, bool) {
	if c.plain != nil {
		i := c.plain.index(s, from)
		return i, i + len(c.plain.lit), i >= 0
	}
	return nextOfForms(c.forms.get(), s, from)
}

func (c cue) String() string { return c.re.src }

// findAllIf is FindAllStringSubmatchIndex when may holds (the text has
// what every match needs), else nothing.
func (l *lazyRegexp) findAllIf(may bool, s string) [][]int {
	if !may {
		return nil
	}
	return l.get().FindAllStringSubmatchIndex(s, -1)
}

// lazyRE returns a pattern compiled the first time it is used: a reader
// worker, a child process of the same program, never uses most of the
// package's patterns, and compiling them all at start-up took about 3 ms
// of every process's start.
func lazyRE(src string) *lazyRegexp { return &lazyRegexp{src: src} }
