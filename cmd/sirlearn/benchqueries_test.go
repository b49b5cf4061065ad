package main

import (
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestQueryMixIsShuffled: every stretch of the request file is the same
// mix. Common words are drawn first and never twice, so unshuffled the
// first lines would be the heaviest searches.
func TestQueryMixIsShuffled(t *testing.T) {
	var words []string
	rank := map[string]int{}
	for i := range 3000 {
		w := fmt.Sprintf("w%03d", i)
		words = append(words, w)
		rank[w] = i
	}
	docs := [][]string{words[:50], words[50:200], words[200:400]}
	out := queryMix(rand.New(rand.NewSource(1)), words, []string{"w001 w002"}, docs, 20000)
	if len(out) != 20000 {
		t.Fatalf("%d requests, want 20000", len(out))
	}
	meanRank := func(paths []string) float64 {
		sum, n := 0, 0
		for _, p := range paths {
			u, err := url.Parse(p)
			if err != nil {
				t.Fatal(err)
			}
			if q := u.Query().Get("q"); !strings.ContainsAny(q, ` "`) {
				sum += rank[q]
				n++
			}
		}
		return float64(sum) / float64(max(n, 1))
	}
	first, last := meanRank(out[:4000]), meanRank(out[len(out)-4000:])
	t.Logf("mean rank first %.0f last %.0f", first, last)
	if first < 0.95*last || first > 1.05*last {
		t.Errorf("one-word requests: mean frequency rank %.0f in the first stretch, %.0f in the last", first, last)
	}
}

// TestVocabularyFollowsLink: the words of a corpus named through a
// symbolic link are read where it points (they were none: the walk did
// not follow its root).
func TestVocabularyFollowsLink(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	if err := os.Mkdir(corpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	// "home" and "visit" in 4 of 10 files: between 3 files and 60%.
	texts := []string{
		"The home visit was cancelled.", "No home visit took place.", "A home visit was planned.", "The home visit was brief.",
		"The plan was not reviewed.", "The assessment was late.", "Contact was by telephone.",
		"The police shared nothing.", "Recall was delayed.", "The hostel was unsuitable.",
	}
	for i, s := range texts {
		if err := os.WriteFile(filepath.Join(corpusDir, "r"+string(rune('a'+i))+".txt"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(corpusDir, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for _, d := range []string{corpusDir, link} {
		words, _, docs, err := vocabulary(d, 100)
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if len(docs) != len(texts) || !slices.Contains(words, "home") || !slices.Contains(words, "visit") {
			t.Errorf("%s: %d files, words %v", d, len(docs), words)
		}
	}
}
