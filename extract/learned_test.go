package extract

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/extract/internal/learn"
)

var updateModel = flag.Bool("update-model", false, "retrain extract/learned.model from the labelled passages of testdata")

// trainingFiles are the labelled passages the model learns from: the
// passage sets and the hard cases of testdata.
func trainingFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"testdata/passages_*.tsv", "testdata/hardcases*.tsv"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) < 10 {
		t.Fatalf("only %d training files", len(files))
	}
	return files
}

// samplesOf reads a file's lines as training samples: the themes of a
// passage; of a hard case, the themes it must raise ("x+", a strength of
// x, is good practice; "-x", a theme it must not raise, is no label).
func samplesOf(t *testing.T, file string) []learn.Sample {
	t.Helper()
	var out []learn.Sample
	for _, c := range readCases(t, file) {
		s := learn.Sample{Kind: string(c.kind), Text: c.text}
		if c.want != "none" {
			for _, w := range strings.Split(c.want, ",") {
				switch {
				case strings.HasPrefix(w, "-"):
				case strings.HasSuffix(w, "+"):
					s.Themes = append(s.Themes, string(corpus.ThemeGoodPractice))
				default:
					s.Themes = append(s.Themes, w)
				}
			}
		}
		out = append(out, s)
	}
	return out
}

func modelThemes() []string {
	var out []string
	for _, id := range corpus.ThemeIDs() {
		if id != corpus.ThemeGoodPractice { // strengths are the rules' alone
			out = append(out, string(id))
		}
	}
	return out
}

// TestLearnedModel checks that the embedded model is the one the labelled
// passages train (-update-model writes it).
func TestLearnedModel(t *testing.T) {
	var samples []learn.Sample
	for _, f := range trainingFiles(t) {
		samples = append(samples, samplesOf(t, f)...)
	}
	got := learn.Train(samples, modelThemes(), learn.Options{}).Encode()
	if *updateModel {
		if err := os.WriteFile("learned.model", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, learnedModelText) {
		t.Fatalf("learned.model is not the model the passages of testdata train (%d bytes trained, %d embedded): go test ./extract -run TestLearnedModel -update-model", len(got), len(learnedModelText))
	}
	if _, err := loadLearned(got); err != nil {
		t.Fatal(err)
	}
}

// TestLearnedCrossValidation measures the model on passages it did not
// learn from: the training files in five folds, each scored by a model
// trained on the other four, alone and beside the rules (the rules were
// written with every file read, so their own figure here is not unseen).
func TestLearnedCrossValidation(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files := trainingFiles(t)
	const folds = 5
	var rules, both, alone tally
	var hardRules, hardBoth [2]int
	for k := 0; k < folds; k++ {
		var train []learn.Sample
		var test []string
		for i, f := range files {
			if i%folds == k {
				test = append(test, f)
			} else {
				train = append(train, samplesOf(t, f)...)
			}
		}
		m := learn.Train(train, modelThemes(), learn.Options{})
		withModel := *ex
		withModel.learned = newLearned(m, nil)
		rulesOnly := *ex
		rulesOnly.learned = nil
		for _, f := range test {
			if strings.Contains(f, "hardcases") {
				p, n := hardCaseShare(t, &rulesOnly, f)
				hardRules[0] += p
				hardRules[1] += n
				p, _ = hardCaseShare(t, &withModel, f)
				hardBoth[0] += p
				hardBoth[1] += n
				continue
			}
			rules.add(scorePassagesQuiet(t, &rulesOnly, f, nil))
			both.add(scorePassagesQuiet(t, &withModel, f, nil))
			alone.add(scorePassagesQuiet(t, &rulesOnly, f, m))
		}
	}
	t.Logf("passages, rules alone (written with these passages read): %s", rules)
	t.Logf("passages, model alone (unseen folds; good practice, which it leaves to the rules, counted as missed): %s", alone)
	t.Logf("passages, rules and model (model on unseen folds): %s", both)
	t.Logf("hard cases passed: rules %d of %d, rules and model %d of %d", hardRules[0], hardRules[1], hardBoth[0], hardBoth[1])
	if f := alone.f1(); f < 0.7 {
		t.Errorf("model alone F1 %.2f on unseen folds, below the floor 0.70", f)
	}
	if both.f1() < rules.f1() {
		t.Errorf("the model lowers the passages' F1 from %.3f to %.3f", rules.f1(), both.f1())
	}
}

type tally struct{ tp, fp, fn int }

func (a *tally) add(tp, fp, fn int) { a.tp += tp; a.fp += fp; a.fn += fn }

func (a tally) f1() float64 {
	p, r := ratio(a.tp, a.tp+a.fp), ratio(a.tp, a.tp+a.fn)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (a tally) String() string {
	return fmt.Sprintf("precision %.3f, recall %.3f, F1 %.3f (%d right, %d wrong, %d missed)",
		ratio(a.tp, a.tp+a.fp), ratio(a.tp, a.tp+a.fn), a.f1(), a.tp, a.fp, a.fn)
}

// BenchmarkLoadModel times reading the embedded model, which every
// extractor does once.
func BenchmarkLoadModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := learnedOf(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLearnedHits: the model raises a concern the rules miss, and not a
// theme its taxonomy marks no_model, nor one the sentence's only verdict
// is praise of, nor anything from a heading.
func TestLearnedHits(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	raised := func(e *Extractor, kind corpus.SectionKind, text string) map[corpus.ThemeID]bool {
		out := map[corpus.ThemeID]bool{}
		for _, th := range e.Themes([]corpus.Section{{Kind: kind, Text: text}}) {
			out[th.ID] = true
		}
		return out
	}
	const sent = "He was placed on a waiting list for psychological therapy and received no input in the meantime."
	if got := raised(ex.WithoutModel(), corpus.SectionSupervision, sent); got[corpus.ThemeInterventions] {
		t.Fatalf("the rules alone raise interventions from %q: pick a sentence they miss", sent)
	}
	if got := raised(ex, corpus.SectionSupervision, sent); !got[corpus.ThemeInterventions] {
		t.Fatalf("with the model: %v, want interventions", got)
	}
	tax := string(DefaultTaxonomyYAML())
	tax = strings.Replace(tax, "\n  interventions:\n", "\n  interventions:\n    no_model: true\n", 1)
	tx, err := ParseTaxonomy([]byte(tax))
	if err != nil {
		t.Fatal(err)
	}
	off, err := New(tx)
	if err != nil {
		t.Fatal(err)
	}
	if got := raised(off, corpus.SectionSupervision, sent); got[corpus.ThemeInterventions] {
		t.Errorf("no_model: %v, want no interventions", got)
	}
	if ex.Fingerprint() == ex.WithoutModel().Fingerprint() {
		t.Error("the fingerprint does not name the model")
	}
	for _, text := range []string{"Serious Incident Review - Action Plan", "Was he placed on a waiting list for psychological therapy?"} {
		if got := raised(ex, corpus.SectionAnalysis, text); len(got) != 0 {
			t.Errorf("%q: %v, want nothing", text, got)
		}
	}
}

func TestHeadingLike(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"Serious Incident Review - Action Plan", true},
		{"Learning Points for the Service", true},
		{"The plan was not reviewed.", false},
		{"MAPPA was not considered", false},
		{"3.1", false},
	} {
		if got := headingLike(tc.s); got != tc.want {
			t.Errorf("headingLike(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
