package main

import (
	"bufio"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
)

// benchQueriesCommand writes a mix of distinct search requests drawn from a
// corpus's own vocabulary, for load tests that the result cache cannot
// flatter: scripts/bench-http.sh replays it with wrk.
func (a *app) benchQueriesCommand() *cobra.Command {
	var (
		n    int
		seed int64
		read int
	)
	cmd := &cobra.Command{
		Use:   "queries [--n 40000] [--seed 1] CORPUS-DIR",
		Short: "Write distinct /api/search requests made from a corpus's vocabulary, one per line",
		Long: `queries reads the text files of a corpus folder, keeps the words and the
two-word phrases found in at least three files (and in at most three in
five), and writes --n distinct request paths for GET /api/search: one to
three words or a phrase, a third with a filter (authority, theme, section
kind, year or incident type), a quarter on a later page, a few with
facets=false, sizes 10 and 20. Requests do not repeat, so a load test that
sends fewer than --n requests never meets the result cache.`,
		Args: withUsage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			words, phrases, docs, err := vocabulary(args[0], read)
			if err != nil {
				return err
			}
			if len(words) < 50 {
				return fmt.Errorf("queries: %s: only %d words in 3 or more files; want a corpus of text files", args[0], len(words))
			}
			w := bufio.NewWriter(a.stdout)
			for _, p := range queryMix(rand.New(rand.NewSource(seed)), words, phrases, docs, n) {
				fmt.Fprintln(w, p)
			}
			return w.Flush()
		},
	}
	cmd.Flags().IntVar(&n, "n", 40000, "distinct requests to write")
	cmd.Flags().Int64Var(&seed, "seed", 1, "random seed")
	cmd.Flags().IntVar(&read, "files", 600, "text files to read the vocabulary from")
	return cmd
}

// vocabulary returns the words (4 letters or more) and adjacent word pairs
// of up to max text files under dir that occur in at least 3 files and in
// at most 60% of them, most frequent first, and each file's words.
func vocabulary(dir string, max int) (words, phrases []string, docs [][]string, err error) {
	var files []string
	// A folder named through a symbolic link is walked where it points
	// (WalkDir does not follow its root).
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("queries: %w", err)
	}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".txt") && len(files) < max {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("queries: %w", err)
	}
	wdf, pdf := map[string]int{}, map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("queries: %w", err)
		}
		seenW, seenP := map[string]bool{}, map[string]bool{}
		toks := strings.FieldsFunc(strings.ToLower(string(b)), func(r rune) bool { return !unicode.IsLetter(r) })
		for i, t := range toks {
			if len(t) < 4 {
				continue
			}
			seenW[t] = true
			if i+1 < len(toks) && len(toks[i+1]) >= 4 {
				seenP[t+" "+toks[i+1]] = true
			}
		}
		var doc []string
		for t := range seenW {
			wdf[t]++
			doc = append(doc, t)
		}
		sort.Strings(doc)
		docs = append(docs, doc)
		for p := range seenP {
			pdf[p]++
		}
	}
	keep := func(df map[string]int) []string {
		var out []string
		for t, n := range df {
			if n >= 3 && n*5 <= len(files)*3 {
				out = append(out, t)
			}
		}
		sort.Slice(out, func(i, j int) bool {
			if df[out[i]] != df[out[j]] {
				return df[out[i]] > df[out[j]]
			}
			return out[i] < out[j]
		})
		return out
	}
	words, phrases = keep(wdf), keep(pdf)
	kept := make(map[string]bool, len(words))
	for _, w := range words {
		kept[w] = true
	}
	for i, doc := range docs {
		docs[i] = slices.DeleteFunc(doc, func(w string) bool { return !kept[w] })
	}
	return words, phrases, docs, nil
}

// queryMix draws n distinct request paths.
func queryMix(rng *rand.Rand, words, phrases []string, docs [][]string, n int) []string {
	var auths []string
	for _, a := range corpus.Authorities() {
		auths = append(auths, a.Name)
	}
	themes := corpus.ThemeIDs()
	kinds := corpus.SectionKinds()
	types := corpus.IncidentTypes()
	// Words people type are mostly common ones: draw from the front of the
	// frequency list more often.
	word := func() string { return words[int(float64(len(words))*rng.Float64()*rng.Float64())] }
	// Words asked for together come from one review, as when people
	// describe what they look for.
	together := func(k int) string {
		doc := docs[rng.Intn(len(docs))]
		if len(doc) < k {
			return word()
		}
		var ws []string
		for range k {
			ws = append(ws, doc[rng.Intn(len(doc))])
		}
		return strings.Join(ws, " ")
	}
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for tries := 0; len(out) < n && tries < 50*n; tries++ {
		v := url.Values{}
		switch r := rng.Intn(10); {
		case r < 4:
			v.Set("q", word())
		case r < 7:
			v.Set("q", together(2))
		case r < 8:
			v.Set("q", together(3))
		case len(phrases) > 0:
			v.Set("q", `"`+phrases[int(float64(len(phrases))*rng.Float64()*rng.Float64())]+`"`)
		default:
			v.Set("q", word())
		}
		if rng.Intn(3) == 0 {
			switch rng.Intn(5) {
			case 0:
				v.Set("authority", auths[rng.Intn(len(auths))])
			case 1:
				v.Set("theme", string(themes[rng.Intn(len(themes))]))
			case 2:
				v.Set("section", string(kinds[rng.Intn(len(kinds))]))
			case 3:
				v.Set("year", fmt.Sprint(2018+rng.Intn(6)))
			default:
				v.Set("incident_type", types[rng.Intn(len(types))])
			}
		}
		if rng.Intn(4) == 0 {
			v.Set("page", fmt.Sprint(2+rng.Intn(4)))
		}
		if rng.Intn(2) == 0 {
			v.Set("size", "20")
		}
		if rng.Intn(10) == 0 {
			v.Set("facets", "false")
		}
		p := "/api/search?" + v.Encode()
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	// Common words are drawn first and, once asked, not again, so the
	// first lines would hold the heaviest searches: shuffle, so that every
	// stretch a load test replays is the same mix.
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
