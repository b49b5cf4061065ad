package extract

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestPlainCue checks the literal matcher against the regexp of the same
// pattern at the edges: boundaries at either end of the text, next to
// punctuation and underscores, repeated and overlapping literals.
func TestPlainCue(t *testing.T) {
	tests := []struct{ src, s string }{
		{`\blate`, "late"},
		{`\blate`, "related and late"},
		{`\blate\b`, "lateness, late."},
		{`\blate\b`, "late_ly late"},
		{`late\b`, "chocolate plate"},
		{`\bn't`, "didn't don 't"},
		{`\b-led`, "agency-led - led"},
		{`\baa`, "aaaa aa aaa"},
		{`aa`, "aaaaa"},
		{`\bno one\b`, "no one, no onek no-one"},
		{`\bstep-down\b`, "a step-down. step-downs"},
		{`\bx`, ""},
		{`\b9am\b`, "at 9am"},
	}
	for _, tt := range tests {
		c, re := plainAndRegexp(t, tt.src)
		checkPlain(t, c, re, tt.s)
	}
}

// TestCuesOfTaxonomy runs every plain cue of the default taxonomy,
// and every cue rewritten as anchored forms, against the sentences of the
// passage suites, against the regexp of the same pattern.
func TestCuesOfTaxonomy(t *testing.T) {
	f, err := decodeTaxonomy(defaultTaxonomyYAML)
	if err != nil {
		t.Fatal(err)
	}
	var srcs, formed []string
	for _, p := range filePatterns(reflect.ValueOf(*f)) {
		if s, err := cueSource(p); err == nil {
			if _, ok := plainPattern(s); ok {
				srcs = append(srcs, s)
			} else if c, err := parseCue(s); err == nil && c.forms != nil {
				formed = append(formed, s)
			}
		}
	}
	if len(srcs) < 500 {
		t.Fatalf("%d plain cues: expected most of the taxonomy", len(srcs))
	}
	if len(formed) < 300 {
		t.Fatalf("%d cues rewritten as anchored forms: expected most of the rest", len(formed))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "passages_heldout*.tsv"))
	var lines []string
	for _, name := range files {
		fh, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			lines = append(lines, strings.ToLower(sc.Text()))
		}
		fh.Close()
	}
	if len(lines) < 100 {
		t.Fatalf("%d lines of passages", len(lines))
	}
	matched := 0
	for _, src := range srcs {
		c, re := plainAndRegexp(t, src)
		for _, s := range lines {
			if c.maybe(s) && checkPlain(t, c, re, s) {
				matched++
			}
		}
	}
	if matched == 0 {
		t.Error("no plain cue matched any passage")
	}
	matched = 0
	for _, src := range formed {
		c, err := parseCue(src)
		if err != nil {
			t.Fatal(err)
		}
		re := regexp.MustCompile(src)
		for _, s := range lines {
			// Lines without the cue's literals cannot match either way
			// (FuzzCueForms tries those).
			if c.maybe(s) && checkCue(t, c, re, s) {
				matched++
			}
		}
	}
	if matched < 100 {
		t.Errorf("cues with anchored forms matched %d passages", matched)
	}
}

// FuzzCueForms compares a cue run as its anchored forms with the regexp
// of the whole pattern.
func FuzzCueForms(f *testing.F) {
	f.Add(`\bprison-based|\bpbsw\b|pre-?release|(from|in) (the )?prison\b`, "released from prison; pre-release work")
	f.Add(`\b(the )?(plan|review) (was|were)( not)?\b`, "the plan was not; the review were plan was")
	f.Add(`aa|a(b|c)d|(x)?yz`, "aaabd acd xyz yz")
	f.Add(`\b-?led|(a|ab)(c|bcd)(d*)`, "abcd agency-led -led")
	f.Fuzz(func(t *testing.T, src, s string) {
		c, err := parseCue(src)
		if err != nil || c.forms == nil {
			return
		}
		re, err := regexp.Compile(src)
		if err != nil {
			t.Fatalf("%q parsed as a cue but not as a regexp: %v", src, err)
		}
		checkCue(t, c, re, s)
	})
}

// FuzzPlainCue compares the literal matcher with the regexp.
func FuzzPlainCue(f *testing.F) {
	f.Add("late", true, true, "related; late lateness")
	f.Add("n't", true, false, "didn't")
	f.Add("-", false, true, "a-b - c-")
	f.Add("\x97", true, true, "\x97") // invalid UTF-8 is no plain cue
	f.Fuzz(func(t *testing.T, lit string, before, after bool, s string) {
		src := lit
		if before {
			src = `\b` + src
		}
		if after {
			src += `\b`
		}
		if _, ok := plainPattern(src); !ok {
			return
		}
		c, re := plainAndRegexp(t, src)
		checkPlain(t, c, re, s)
	})
}

// plainAndRegexp returns the cue of src, which must be plain, and its
// regexp.
func plainAndRegexp(t *testing.T, src string) (cue, *regexp.Regexp) {
	t.Helper()
	c, err := parseCue(src)
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	if c.plain == nil {
		t.Fatalf("%q: not a plain cue", src)
	}
	return c, regexp.MustCompile(src)
}

// checkPlain compares the plain cue with its regexp on s and reports
// whether it matched.
func checkPlain(t *testing.T, c cue, re *regexp.Regexp, s string) bool {
	t.Helper()
	return checkCue(t, c, re, s)
}

// checkCue compares the cue's matching with its regexp on s and reports
// whether it matched.
func checkCue(t *testing.T, c cue, re *regexp.Regexp, s string) bool {
	t.Helper()
	src := re.String()
	if got, want := c.match(s), re.MatchString(s); got != want {
		t.Errorf("%q on %q: match %v, regexp %v", src, s, got, want)
	}
	if got, want := c.find(s), re.FindStringIndex(s); !reflect.DeepEqual(got, want) {
		t.Errorf("%q on %q: find %v, regexp %v", src, s, got, want)
	}
	got, want := c.findAll(s, -1), re.FindAllStringIndex(s, -1)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%q on %q: findAll %v, regexp %v", src, s, got, want)
	}
	if got, want := c.findAll(s, 1), re.FindAllStringIndex(s, 1); !reflect.DeepEqual(got, want) {
		t.Errorf("%q on %q: findAll(1) %v, regexp %v", src, s, got, want)
	}
	return want != nil
}
