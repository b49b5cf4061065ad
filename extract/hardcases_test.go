package extract

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

// The shares of the hard-case suites the tagger must get right; they may
// only rise. hardcases.tsv was used while writing the lexicon;
// hardcases_heldout.tsv and hardcases_heldout2.tsv never were, each written
// before it was first run (the first at 9 of 20, the second, at the start
// of a later session, at 37 of 45). Their misses were seen when they ran,
// so they are less held-out than they were. Each miss is logged.
var hardCaseFloors = map[string]float64{"testdata/hardcases.tsv": 0.92, "testdata/hardcases_heldout.tsv": 0.8, "testdata/hardcases_heldout2.tsv": 0.93}

// TestHardCases runs the hard-case suites: each sentence alone in a
// section of its kind, its expectations checked on the review's themes.
func TestHardCases(t *testing.T) {
	for file, floor := range hardCaseFloors {
		t.Run(file, func(t *testing.T) { runHardCases(t, file, floor) })
	}
}

// caseLine is a line of a hand-written suite: the expected themes, the
// section kind and the text.
type caseLine struct {
	want string
	kind corpus.SectionKind
	text string
}

// readCases reads a suite file: tab-separated lines, # comments and blank
// lines skipped.
func readCases(t *testing.T, file string) []caseLine {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []caseLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 3 || !corpus.ValidSectionKind(corpus.SectionKind(p[1])) {
			t.Fatalf("%s: bad line %q", file, line)
		}
		out = append(out, caseLine{p[0], corpus.SectionKind(p[1]), p[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func runHardCases(t *testing.T, file string, floor float64) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	passed, total := hardCaseShare(t, ex, file)
	share := float64(passed) / float64(total)
	t.Logf("hard cases: %d of %d (%.2f)", passed, total, share)
	if total < 20 {
		t.Fatalf("only %d hard cases", total)
	}
	if share < floor {
		t.Errorf("hard cases %d of %d (%.2f), below the floor %.2f", passed, total, share, floor)
	}
}

// hardCaseShare runs the hard cases of a file, logging each miss, and
// returns how many passed of how many.
func hardCaseShare(t *testing.T, ex *Extractor, file string) (passed, total int) {
	t.Helper()
	for _, c := range readCases(t, file) {
		p := [3]string{c.want, string(c.kind), c.text}
		total++
		themes := ex.Themes([]corpus.Section{{Kind: corpus.SectionKind(p[1]), Text: p[2]}})
		got := map[corpus.ThemeID]*corpus.Theme{}
		for i := range themes {
			got[themes[i].ID] = &themes[i]
		}
		ok := true
		for _, want := range strings.Split(p[0], ",") {
			switch {
			case strings.HasPrefix(want, "-"):
				if got[corpus.ThemeID(want[1:])] != nil {
					ok = false
				}
			case strings.HasSuffix(want, "+"):
				id := corpus.ThemeID(strings.TrimSuffix(want, "+"))
				gp := got[corpus.ThemeGoodPractice]
				credited := gp != nil && (id == corpus.ThemeGoodPractice || aboutIn(gp, id))
				ok = ok && credited
			default:
				th := got[corpus.ThemeID(want)]
				if want == string(corpus.ThemeGoodPractice) {
					ok = ok && th != nil
				} else {
					ok = ok && th != nil && th.Evidence[0].Polarity == corpus.Concern
				}
			}
		}
		if ok {
			passed++
		} else {
			t.Logf("miss: %s [%s] %q: got %v", p[0], p[1], p[2], themeIDsOf(themes))
		}
	}
	return passed, total
}

func aboutIn(th *corpus.Theme, id corpus.ThemeID) bool {
	for _, e := range th.Evidence {
		if e.About == id {
			return true
		}
	}
	return false
}

func themeIDsOf(ts []corpus.Theme) []corpus.ThemeID {
	var out []corpus.ThemeID
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}
