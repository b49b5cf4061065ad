package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
)

// Anchored forms. Go's regexp finds a pattern that starts with a literal
// by searching for the literal first, but runs its backtracker at every
// position of the text for a pattern that starts with \b or a group of
// alternatives, as most cues do: "\b(release|liberation) (date|plans?)\b"
// took 28 times as long on a sentence as "release (date|plans?)\b". So a
// cue is rewritten, where it can be, as its forms: alternatives in the
// pattern's own order, each a literal then the rest, with or without a
// word boundary before it. "\b(the )?(plan|review) was" has four: "the
// plan was", "the review was", "plan was", "review was", each after \b.
// Distributing a leading group or optional part over what follows keeps
// the pattern's preference (leftmost, then the first alternative that
// matches there), so the forms match exactly where and what the pattern
// does (TestCuesOfTaxonomy, FuzzCueForms).

// maxForms bounds how many forms a pattern is rewritten into.
const maxForms = 24

// form is one alternative of a cue: a match of re (which starts with a
// literal) at a position where the word boundary holds if wb.
type form struct {
	wb    bool
	plain *plainCue   // the form is its literal alone
	re    *lazyRegexp // else this, starting with the literal
	lit   string      // the literal it starts with
}

// formSet is a cue's forms, made from their sources when first used.
type formSet struct {
	srcs []string
	once sync.Once
	fs   []form
}

// newFormSet returns the forms of their sources, or nil for none.
func newFormSet(srcs []string) *formSet {
	if srcs == nil {
		return nil
	}
	return &formSet{srcs: srcs}
}

func (f *formSet) get() []form {
	f.once.Do(func() { f.fs = formsOf(f.srcs) })
	return f.fs
}

// formSources returns the forms of a parsed pattern as sources, each with
// a leading \b where the boundary is required, or nil when the pattern
// cannot be rewritten so (it can match without a literal first, is folded
// for case, or has too many forms).
func formSources(ast *syntax.Regexp) []string {
	type partial struct {
		wb   bool
		lit  string
		rest []*syntax.Regexp
	}
	var out []partial
	var expand func(seq []*syntax.Regexp, wb bool) bool
	expand = func(seq []*syntax.Regexp, wb bool) bool {
		if len(out) > maxForms || len(seq) == 0 {
			return false
		}
		x, rest := seq[0], seq[1:]
		join := func(first ...*syntax.Regexp) []*syntax.Regexp {
			return append(append([]*syntax.Regexp(nil), first...), rest...)
		}
		switch x.Op {
		case syntax.OpEmptyMatch:
			return expand(rest, wb)
		case syntax.OpWordBoundary:
			return expand(rest, true)
		case syntax.OpLiteral:
			if x.Flags&syntax.FoldCase != 0 || len(x.Rune) == 0 {
				return false
			}
			out = append(out, partial{wb, string(x.Rune), rest})
			return true
		case syntax.OpConcat:
			return expand(join(x.Sub...), wb)
		case syntax.OpCapture:
			return expand(join(x.Sub[0]), wb)
		case syntax.OpAlternate:
			for _, sub := range x.Sub {
				if !expand(join(sub), wb) {
					return false
				}
			}
			return true
		case syntax.OpQuest:
			if x.Flags&syntax.NonGreedy != 0 {
				return false
			}
			// Greedy: with the optional part first, then without.
			return expand(join(x.Sub[0]), wb) && expand(rest, wb)
		}
		return false
	}
	if !expand([]*syntax.Regexp{ast}, false) || len(out) > maxForms {
		return nil
	}
	srcs := make([]string, len(out))
	for i, p := range out {
		var b strings.Builder
		if p.wb {
			b.WriteString(`\b`)
		}
		b.WriteString(regexp.QuoteMeta(p.lit))
		if len(p.rest) > 0 {
			// The rest in a group, so that the literal can be read back.
			b.WriteString("(?:" + (&syntax.Regexp{Op: syntax.OpConcat, Sub: p.rest}).String() + ")")
		}
		srcs[i] = b.String()
	}
	return srcs
}

// formsOf returns the forms of their sources.
func formsOf(srcs []string) []form {
	if srcs == nil {
		return nil
	}
	fs := make([]form, len(srcs))
	for i, s := range srcs {
		rest, wb := strings.CutPrefix(s, `\b`)
		fs[i].wb = wb
		if p, ok := plainPattern(rest); ok && !p.after {
			fs[i].plain = p
			continue
		}
		fs[i].re = &lazyRegexp{src: rest}
		fs[i].lit = quotedPrefix(rest)
	}
	return fs
}

// quotedPrefix returns the literal a form's source starts with: quoted
// by regexp.QuoteMeta, up to the group that holds the rest.
func quotedPrefix(src string) string {
	var b strings.Builder
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\\':
			if i+1 < len(src) {
				i++
				b.WriteByte(src[i])
			}
		case '(':
			return b.String()
		default:
			b.WriteByte(c)
		}
	}
	return "" // no group: not a form's source
}

// next returns the form's first match in s that starts at or after from.
// The form starts with a literal, so searching s[from:] sees what
// searching s would: nothing in it looks behind its start.
func (f *form) next(s string, from int) (int, int, bool) {
	for from <= len(s) {
		var start, end int
		if f.plain != nil {
			i := f.plain.index(s, from)
			if i < 0 {
				return 0, 0, false
			}
			start, end = i, i+len(f.plain.lit)
		} else {
			// Where its literal does not occur the form cannot match:
			// the pattern need not even be compiled.
			if f.lit != "" && !strings.Contains(s[from:], f.lit) {
				return 0, 0, false
			}
			loc := f.re.get().FindStringIndex(s[from:])
			if loc == nil {
				return 0, 0, false
			}
			start, end = from+loc[0], from+loc[1]
		}
		if !f.wb || wordBoundary(s, start) {
			return start, end, true
		}
		from = start + 1
	}
	return 0, 0, false
}

// nextOfForms returns the pattern's first match at or after from: the
// leftmost of the forms' matches, the first form on a tie.
func nextOfForms(fs []form, s string, from int) (int, int, bool) {
	bestStart, bestEnd, found := 0, 0, false
	for i := range fs {
		if st, en, ok := fs[i].next(s, from); ok && (!found || st < bestStart) {
			bestStart, bestEnd, found = st, en, true
			if st == from {
				break // no later form can start earlier
			}
		}
	}
	return bestStart, bestEnd, found
}
