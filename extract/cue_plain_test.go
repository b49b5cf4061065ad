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

// TestPlainCuesOfTaxonomy runs every plain cue of the default taxonomy
// against the sentences of the passage suites, literal matcher against
// regexp.
func TestPlainCuesOfTaxonomy(t *testing.T) {
	f, err := decodeTaxonomy(defaultTaxonomyYAML)
	if err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, p := range filePatterns(reflect.ValueOf(*f)) {
		if s, err := cueSource(p); err == nil {
			if _, ok := plainPattern(s); ok {
				srcs = append(srcs, s)
			}
		}
	}
	if len(srcs) < 500 {
		t.Fatalf("%d plain cues: expected most of the taxonomy", len(srcs))
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
			if checkPlain(t, c, re, s) {
				matched++
			}
		}
	}
	if matched == 0 {
		t.Error("no plain cue matched any passage")
	}
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
