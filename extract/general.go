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
	"fmt"
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
type generalLexicon struct {
	once  sync.Once
	err   error
	below float64
	stop  map[string]bool
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
	g := &generalLexicon{below: f.Below, stop: make(map[string]bool, len(f.Stop))}
	for _, w := range f.Stop {
		g.stop[strings.ToLower(strings.TrimSpace(w))] = true
	}
	return g, nil
}

// load reads the lexicon the first time a clause needs it: a one-file
// command that finds every clause judged by the taxonomy never pays for it.
func (g *generalLexicon) load() error {
	g.once.Do(func() {
		raw, err := data.Asset("rawdata/vaderLexicon.txt")
		if err != nil {
			g.err = fmt.Errorf("general lexicon: %w", err)
			return
		}
		g.words = map[string]bool{}
		sc := bufio.NewScanner(bytes.NewReader(raw))
		for sc.Scan() {
			// word, mean valence, standard deviation, ten ratings
			f := strings.SplitN(sc.Text(), "\t", 3)
			if len(f) < 2 {
				continue
			}
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil || v > g.below {
				continue
			}
			w := strings.ToLower(f[0])
			if !g.stop[w] && isWord(w) {
				g.words[w] = true
			}
		}
		if err := sc.Err(); err != nil {
			g.err = fmt.Errorf("general lexicon: %w", err)
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
		if j > i && g.words[c[i:j]] {
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
