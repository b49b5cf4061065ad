package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestFindAllOfForms checks the cached search of a formed cue against the
// repeated nextOfForms it stands for, for every formed cue of the default
// taxonomy, on sentences and on a long text of many matches.
func TestFindAllOfForms(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"the plan was not reviewed and the police were not told, and the worker did not visit; no home visit took place.",
		"there were delays in the court process and the ls/cmi was not completed within the timescale; the case management plan was not updated.",
		strings.Repeat("his mental health was not assessed and no referral was made to the cmht, ", 40),
		"",
	}
	formed := 0
	for _, c := range allCues(tax) {
		if c.forms == nil {
			continue
		}
		formed++
		fs := c.forms.get()
		for _, s := range texts {
			var want [][]int
			for from := 0; ; {
				st, en, ok := nextOfForms(fs, s, from)
				if !ok {
					break
				}
				want = append(want, []int{st, en})
				from = en
			}
			got := findAllOfForms(fs, s, -1)
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("cue %q on %.40q: cached %v, repeated %v", c.re.src, s, got, want)
			}
			if len(want) > 1 {
				if one := findAllOfForms(fs, s, 1); len(one) != 1 || !slices.Equal(one[0], want[0]) {
					t.Fatalf("cue %q: first match %v, want %v", c.re.src, one, want[0])
				}
			}
		}
	}
	if formed < 20 {
		t.Fatalf("only %d formed cues: the cached search is not exercised", formed)
	}
}

func TestSplitLongSentence(t *testing.T) {
	s, err := NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		text string
	}{
		{"words", strings.Repeat("the plan was not reviewed and ", 200)},
		{"commas", strings.Repeat("no visit, ", 400)},
		{"one long word", strings.Repeat("x", 3000)},
		{"multi-byte", strings.Repeat("é", 2000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parts := s.Split(tt.text)
			if len(parts) < 2 {
				t.Fatalf("%d parts, want the text cut", len(parts))
			}
			total := 0
			for _, p := range parts {
				if len(p) > maxSentence {
					t.Errorf("a part of %d bytes, over %d", len(p), maxSentence)
				}
				if !strings.Contains(tt.text, p) {
					t.Errorf("part %.30q is not a piece of the text", p)
				}
				total += len(strings.ReplaceAll(p, " ", ""))
			}
			if want := len(strings.ReplaceAll(tt.text, " ", "")); total != want {
				t.Errorf("parts hold %d non-space bytes, the text %d", total, want)
			}
		})
	}
	if got := s.Split("The plan was not reviewed. The police were not told."); len(got) != 2 {
		t.Errorf("two ordinary sentences split into %d", len(got))
	}
}
