package extract

// The learned reader of findings (extract/internal/learn) beside the
// rules: a concern theme the rules did not raise from a sentence that the
// evaluation layer judged wanting is raised when the model is confident
// of it.

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/extract/internal/learn"
)

// learnedModelText is the model trained on the labelled passages of
// testdata (TestLearnedModel rebuilds it: go test ./extract -run
// TestLearnedModel -update-model).
//
//go:embed learned.model
var learnedModelText []byte

// learnedMin is the probability at which the model raises a concern the
// rules missed; learnedWeight scales it into the hit's weight, a model's
// hit counting for less than a rule's.
const (
	learnedMin    = 0.6
	learnedWeight = 0.5
)

// learned is the model with its themes as ids and its fingerprint, and
// which of its themes the taxonomy lets it raise.
type learned struct {
	m           *learn.Model
	ids         []corpus.ThemeID
	on          []bool
	fingerprint string
}

// under returns the model restricted to the themes the taxonomy lets it
// raise (Taxonomy.modelMay).
func (l *learned) under(tax *Taxonomy) *learned {
	c := *l
	c.on = make([]bool, len(l.ids))
	for i, id := range l.ids {
		c.on[i] = tax.modelMay(id)
	}
	return &c
}

func loadLearned(text []byte) (*learned, error) {
	m, err := learn.Parse(text)
	if err != nil {
		return nil, err
	}
	return newLearned(m, text), nil
}

func newLearned(m *learn.Model, text []byte) *learned {
	l := &learned{m: m}
	for _, t := range m.Themes() {
		l.ids = append(l.ids, corpus.ThemeID(t))
		l.on = append(l.on, true)
	}
	sum := sha256.Sum256(text)
	l.fingerprint = hex.EncodeToString(sum[:6])
	return l
}

// hits returns the themes the model raises from a sentence that the
// rules' hits do not hold, all as concerns. The model reads what a
// sentence is about; whether it finds practice wanting is the evaluation
// layer's verdict, so a sentence the layer judged nothing in (a fact of
// the chronology, a plan that was "shared and signed") gives none, and
// neither does one the rules read as praise only (a strength never raises
// its theme's concern). Questions and lines written as headings state
// nothing.
func (l *learned) hits(kind corpus.SectionKind, sent string, rules []sentenceHit, v verdict) []sentenceHit {
	if l == nil || !v.wanting || strings.HasSuffix(sent, "?") || headingLike(sent) {
		return nil
	}
	strength, concern := false, false
	for _, h := range rules {
		if h.polarity == corpus.Strength {
			strength = true
		} else {
			concern = true
		}
	}
	if strength && !concern {
		return nil
	}
	var probs [32]float64
	var out []sentenceHit
	for i, p := range l.m.SentenceProbabilities(string(kind), sent, probs[:0]) {
		if p < learnedMin || !l.on[i] {
			continue
		}
		id := l.ids[i]
		if slices.ContainsFunc(rules, func(h sentenceHit) bool { return h.theme == id }) {
			continue
		}
		out = append(out, sentenceHit{theme: id, polarity: corpus.Concern, weight: learnedWeight * p})
	}
	return out
}

// learnedOf parses the embedded model.
func learnedOf() (*learned, error) {
	l, err := loadLearned(learnedModelText)
	if err != nil {
		return nil, fmt.Errorf("embedded model: %w", err)
	}
	return l, nil
}

// WithoutModel returns a copy of the extractor that tags by the rules
// alone, for comparing the two and for a reader who wants every theme
// traced to a rule.
func (e *Extractor) WithoutModel() *Extractor {
	c := *e
	c.learned = nil
	return &c
}

// headingLike reports a line that names rather than states: every word of
// four letters or more capitalised ("Serious Incident Review - Action
// Plan"), as titles, headings and table labels are written.
func headingLike(s string) bool {
	long := 0
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, "\"'()[]:;,.-–")
		if len(w) < 4 {
			continue
		}
		long++
		if r := w[0]; r < 'A' || r > 'Z' {
			return false
		}
	}
	return long > 0
}
