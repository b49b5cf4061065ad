package extract

// The general evaluation lexicon: words that judge in any English text.
//
// The deficiency list in taxonomy.yaml holds the phrases reviewers use to
// find practice wanting. Reviews written by people the list's authors never
// read use other words ("an unstable team", "accountability was unclear",
// "staff under pressure"). A general sentiment lexicon, made for English at
// large and not from this domain, catches those. Its negative words judge a
// clause only where nothing else has: in a section that tells practice, in
// a clause that names what it judges, with no negation of its own, and
// never the words of the domain's own subject matter (harm, abuse, drugs),
// which the lexicon counts as negative but which a review uses to say what
// it is about. evaluation.general in taxonomy.yaml turns it on and lists
// those words; its evidence is weak, as a recommendation's is.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/jonreiter/govader/data"

	"github.com/sirlearn/sirlearn/corpus"
)

// generalFile is evaluation.general in taxonomy.yaml.
type generalFile struct {
	// Lexicon names the lexicon: "vader" (the VADER sentiment lexicon),
	// or empty for none.
	Lexicon string `yaml:"lexicon"`
	// Below is the valence at or below which a word judges (VADER runs
	// from -4 to 4).
	Below float64 `yaml:"below"`
	// Stop lists words the lexicon counts as negative that a review uses
	// to name its subject, not to judge.
	Stop []string `yaml:"stop"`
}

// generalLexicon is the compiled general lexicon: the words that judge.
// For the embedded taxonomy they are a table compiled ahead of time
// (compiledtables.go), sorted words of one width, which costs a one-file
// command nothing to load; for another taxonomy they are read from the
// lexicon when a clause first needs them.
type generalLexicon struct {
	table string // the compiled table, or ""
	f     generalFile
	once  sync.Once
	err   error
	words map[string]bool
}

// newGeneralLexicon returns the lexicon f describes, or nil for none; an
// unknown lexicon name is an error.
func newGeneralLexicon(f generalFile) (*generalLexicon, error) {
	switch f.Lexicon {
	case "":
		return nil, nil
	case "vader":
	default:
		return nil, fmt.Errorf("evaluation.general.lexicon %q: want vader or nothing", f.Lexicon)
	}
	if f.Below >= 0 {
		return nil, fmt.Errorf("evaluation.general.below %v: want a negative valence", f.Below)
	}
	g := &generalLexicon{f: f}
	if generalKey(f) == compiledGeneralKey {
		g.table = compiledGeneralWords
	}
	return g, nil
}

// generalKey names a lexicon's settings, for the compiled table.
func generalKey(f generalFile) string {
	stop := slices.Clone(f.Stop)
	for i, w := range stop {
		stop[i] = strings.ToLower(strings.TrimSpace(w))
	}
	slices.Sort(stop)
	sum := sha256.Sum256([]byte(f.Lexicon + "\n" + strconv.FormatFloat(f.Below, 'g', -1, 64) + "\n" + strings.Join(stop, "\n")))
	return hex.EncodeToString(sum[:8])
}

// generalWords returns the words that judge under f, sorted.
func generalWords(f generalFile) ([]string, error) {
	raw, err := data.Asset("rawdata/vaderLexicon.txt")
	if err != nil {
		return nil, fmt.Errorf("general lexicon: %w", err)
	}
	stop := make(map[string]bool, len(f.Stop))
	for _, w := range f.Stop {
		stop[strings.ToLower(strings.TrimSpace(w))] = true
	}
	var words []string
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		// word, mean valence, standard deviation, ten ratings
		p := strings.SplitN(sc.Text(), "\t", 3)
		if len(p) < 2 {
			continue
		}
		v, err := strconv.ParseFloat(p[1], 64)
		if err != nil || v > f.Below {
			continue
		}
		if w := strings.ToLower(p[0]); !stop[w] && isWord(w) {
			words = append(words, w)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("general lexicon: %w", err)
	}
	slices.Sort(words)
	return slices.Compact(words), nil
}

// generalWidth is the width of a word in the compiled table.
const generalWidth = 20

// inTable reports whether w is in a table of sorted words padded with
// spaces to generalWidth.
func inTable(table, w string) bool {
	if len(w) > generalWidth {
		return false
	}
	n := len(table) / generalWidth
	i := sort.Search(n, func(i int) bool {
		return strings.TrimRight(table[i*generalWidth:(i+1)*generalWidth], " ") >= w
	})
	return i < n && strings.TrimRight(table[i*generalWidth:(i+1)*generalWidth], " ") == w
}

// judges reports whether w is a word that judges.
func (g *generalLexicon) judges(w string) bool {
	if g.table != "" {
		return inTable(g.table, w)
	}
	return g.words[w]
}

// load reads the lexicon the first time a clause needs it, when there is
// no compiled table for it.
func (g *generalLexicon) load() error {
	if g.table != "" {
		return nil
	}
	g.once.Do(func() {
		words, err := generalWords(g.f)
		if err != nil {
			g.err = err
			return
		}
		g.words = make(map[string]bool, len(words))
		for _, w := range words {
			g.words[w] = true
		}
	})
	return g.err
}

// isWord reports whether w is a plain lower-case word (the lexicon also
// holds emoticons and abbreviations).
func isWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}

// find returns where in c the first word that judges starts.
func (g *generalLexicon) find(c string) (int, bool) {
	if g == nil || g.load() != nil {
		return 0, false
	}
	for i := 0; i < len(c); {
		for i < len(c) && !lowerByte(c[i]) {
			i++
		}
		j := i
		for j < len(c) && (lowerByte(c[j]) || c[j] == '-') {
			j++
		}
		if j > i && g.judges(c[i:j]) {
			return i, true
		}
		i = j
	}
	return 0, false
}

func lowerByte(b byte) bool { return b >= 'a' && b <= 'z' }

// generalKind reports whether a section of kind tells practice, so that a
// general word of judgement in it can judge practice: not the background,
// whose events are told in such words, nor what is outside the review.
func generalKind(kind corpus.SectionKind) bool {
	return kind != corpus.SectionBackground && kind != corpus.SectionOther
}
