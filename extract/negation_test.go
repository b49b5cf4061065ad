package extract

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// negationRegexp is the pattern negFinder stands in for.
func negationRegexp(phrases []string) *regexp.Regexp {
	q := make([]string, len(phrases))
	for i, p := range phrases {
		q[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`(?:^|[^a-z'])(?:` + strings.Join(q, "|") + `)(?:$|[^a-z])`)
}

var negationSample = []string{"no", "not", "never", "none", "nor", "without", "neither", "n't", "lack of", "absence of", "failed to", "did not", "nothing", "nobody", "no-one"}

func sortedLongestFirst(p []string) []string {
	out := append([]string(nil), p...)
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func TestNegFinder(t *testing.T) {
	phrases := sortedLongestFirst(negationSample)
	re, f := negationRegexp(phrases), newNegFinder(phrases)
	for _, s := range []string{
		"", "no", "not", "no no", "no, no", "there was no plan", "he did not attend, nor did he call",
		"nothing was done; nobody asked", "cannot", "notably", "didn't", "it wasn't shared", "no-one knew",
		"'no' was said", "a lack of planning", "café no plan", "naïve, not checked", "x—no", "no.", "(not)",
		"without\tdelay", "neither the worker nor the manager", "non-compliance", "no\u00a0plan",
	} {
		if got, want := f.FindAllStringIndex(s), re.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("FindAllStringIndex(%q) = %v, want %v", s, got, want)
		}
		if got, want := f.MatchString(s), re.MatchString(s); got != want {
			t.Errorf("MatchString(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzNegFinder checks the finder against the pattern on any text.
func FuzzNegFinder(f *testing.F) {
	for _, s := range []string{"there was no plan", "he did not attend, nor did he call", "café no", "n't", "no-one"} {
		f.Add(s)
	}
	phrases := sortedLongestFirst(negationSample)
	re, nf := negationRegexp(phrases), newNegFinder(phrases)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := nf.FindAllStringIndex(s), re.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("FindAllStringIndex(%q) = %v, want %v", s, got, want)
		}
		if got, want := nf.MatchString(s), re.MatchString(s); got != want {
			t.Fatalf("MatchString(%q) = %v, want %v", s, got, want)
		}
	})
}
