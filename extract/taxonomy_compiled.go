package extract

// The embedded taxonomy, compiled ahead of time. A one-file command spent
// most of its start-up decoding taxonomy.yaml and parsing each pattern for
// the literals of its prefilter. compiledtables.go holds both, made from
// taxonomy.yaml by TestCompiledTables (go test ./extract -run
// TestCompiledTables -update). The tables are used only while they match:
// the file's decoded form only for the exact text it was made from, a
// pattern's literals for any taxonomy that has the same pattern. Stale
// tables cost speed, never correctness, and the test fails on them.

import (
	"slices"
	"strings"
)

// patternLits is a pattern as compileCue passes it to parseCue, the
// literals cueOf finds in it (nil when it has no usable prefilter) and its
// anchored forms.
type patternLits struct {
	src   string
	lits  []string
	forms []string // the sources of its anchored forms (see formSources)
}

// precompiled looks up the patterns of the compiled tables.
type precompiled []patternLits

// cue returns the cue of src when the tables hold it.
func (p precompiled) cue(src string) (cue, bool) {
	i, ok := slices.BinarySearchFunc(p, src, func(e patternLits, s string) int { return strings.Compare(e.src, s) })
	if !ok {
		return cue{}, false
	}
	return cue{re: &lazyRegexp{src: src}, lits: p[i].lits, forms: newFormSet(p[i].forms)}, true
}
