package extract

import (
	"sort"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/extract/internal/learn"
)

// passageFloors are the F1 floors of the passage suites, scored as the
// issue's yardstick is: micro precision, recall and F1 over the themes of
// each passage, the expected set complete. They may only rise.
// passages_heldout3.tsv was written before the tagger was changed in the
// session that wrote it; its first run scored precision 0.83, recall 0.71,
// F1 0.77 over 45 passages, and its misses were seen then.
// passages_heldout4.tsv was written after that session's changes and
// before any further one: its first run scored F1 0.73 (0.75 once a
// labelling slip was corrected).
// passages_heldout5.tsv was written at the start of the fourth session of
// 2026-12-01, before that session's changes: its first run scored
// precision 0.83, recall 0.61, F1 0.71. passages_heldout6.tsv was written
// after those changes and before any further one: its first run scored
// precision 0.84, recall 0.69, F1 0.76. Both were read then.
// passages_heldout7.tsv was written after all that session's changes: its
// first run scored precision 0.84, recall 0.86, F1 0.85.
// passages_heldout8.tsv was written to be harder (findings implied rather
// than stated), after the whole-review suites' changes: its first run
// scored precision 0.79, recall 0.56, F1 0.66. passages_heldout9.tsv, in
// the plain style of published findings, was the session's closing
// measure: precision 0.91, recall 0.89, F1 0.90. passages_heldout10.tsv,
// in the registers of aggregate inspectorate findings and domestic
// homicide reviews, was written at the start of the first session of
// 2026-12-02, before that session's tagger changes: its first run scored
// precision 0.84, recall 0.82, F1 0.83 (the session's start build scores
// the same); its misses were then read. passages_heldout11.tsv (longer
// findings of two themes, English wording, recommendations, theme
// strengths) was written after the changes that set prompted: its first
// run scored precision 0.78, recall 0.68, F1 0.72. passages_heldout12.tsv
// (the plain and aggregate style of Scottish national reports and
// significant case reviews), written after the changes that set prompted:
// precision 0.77, recall 0.70, F1 0.73. passages_heldout13.tsv (English
// and Welsh probation inspection wording), written after rules 20:
// precision 0.64, recall 0.55, F1 0.59. passages_heldout14.tsv (domestic
// homicide and significant case review findings, several implied), after
// rules 22: precision 0.71, recall 0.41, F1 0.52. passages_heldout15.tsv
// was the session's closing measure, written after rules 23 and scored
// once, with no change after it: precision 0.74, recall 0.53, F1 0.62 (the
// session's start build: 0.75, 0.47, 0.58). Its floor is that first run.
// Its misses were then read, and rules 24 written for their kinds.
// passages_heldout16.tsv, written after them, was the final closing
// measure, scored once with no change after it: precision 0.92, recall
// 0.79, F1 0.85 (the start build: 0.91, 0.72, 0.81). After two small
// rounds more (rules 25, 26), passages_heldout17.tsv was the last closing
// measure, scored once: precision 0.86, recall 0.72, F1 0.78, the same as
// the start build.
var passageFloors = map[string]float64{
	"testdata/passages_heldout3.tsv":  0.85,
	"testdata/passages_heldout4.tsv":  0.85,
	"testdata/passages_heldout5.tsv":  0.9,
	"testdata/passages_heldout6.tsv":  0.9,
	"testdata/passages_heldout7.tsv":  0.8,
	"testdata/passages_heldout8.tsv":  0.9,
	"testdata/passages_heldout9.tsv":  0.88,
	"testdata/passages_heldout10.tsv": 0.9,
	"testdata/passages_heldout11.tsv": 0.85,
	"testdata/passages_heldout12.tsv": 0.9,
	"testdata/passages_heldout13.tsv": 0.85,
	"testdata/passages_heldout14.tsv": 0.85,
	"testdata/passages_heldout15.tsv": 0.6,
	"testdata/passages_heldout16.tsv": 0.85,
	"testdata/passages_heldout17.tsv": 0.75,
	"testdata/passages_heldout18.tsv": 0.75,
	"testdata/passages_heldout19.tsv": 0.85,
	"testdata/passages_heldout20.tsv": 0.9,
	"testdata/passages_heldout21.tsv": 0.9,
	"testdata/passages_heldout22.tsv": 0.9,
	"testdata/passages_heldout23.tsv": 0.85,
	"testdata/passages_heldout24.tsv": 0.85,
	"testdata/passages_heldout25.tsv": 0.9,
	"testdata/passages_heldout26.tsv": 0.8,
	"testdata/passages_heldout27.tsv": 0.8,
	"testdata/passages_heldout28.tsv": 0.9,
	"testdata/passages_heldout29.tsv": 0.65, // the closing measure of the fourth session of 2026-12-02, written after its last tagger change and scored once: precision 0.84, recall 0.57, F1 0.68, the same as that session's start build; its misses were then read
	"testdata/passages_heldout30.tsv": 0.50, // the closing measure of the fifth session of 2026-12-02, written after its last tagger change and scored once: precision 0.73, recall 0.42, F1 0.54, the same as that session's start build
	"testdata/passages_heldout31.tsv": 0.60, // the closing measure of the session of 2026-12-03, written after its last tagger change and scored once: precision 0.69, recall 0.62, F1 0.65, the same as that session's start build
	"testdata/passages_heldout32.tsv": 0.70, // the first closing measure of the second session of 2026-12-03, written after the tagger changes before it and scored once: precision 0.89, recall 0.67, F1 0.76, the same as that session's start build; its misses were read afterwards
	"testdata/passages_heldout33.tsv": 0.55, // the final closing measure of the second session of 2026-12-03, written after its last tagger change and scored once: precision 0.75, recall 0.52, F1 0.62, the same as that session's start build
	"testdata/passages_heldout34.tsv": 0.65, // the closing measure of the third session of 2026-12-03, written after its last tagger change and scored once: precision 0.71, recall 0.65, F1 0.68, the same as that session's start build
	"testdata/passages_heldout35.tsv": 0.65, // the closing measure of the fourth session of 2026-12-03, written after its last tagger change and scored once: precision 0.79, recall 0.60, F1 0.68, against that session's start build's 0.83, 0.60, 0.70 (rules 34 added one wrong theme)
	"testdata/passages_heldout36.tsv": 0.70, // the closing measure of the session of 2026-12-04, written after rules 35 and scored once: precision 0.77, recall 0.71, F1 0.74, against that session's start build's 0.74, 0.68, 0.71
	"testdata/passages_heldout37.tsv": 0.75, // the closing measure of the second session of 2026-12-04, written after rules 36 and scored once: precision 0.81, recall 0.79, F1 0.80, the same as that session's start build
	"testdata/passages_heldout38.tsv": 0.75, // the closing measure of the third session of 2026-12-04, written after rules 37 and scored once: precision 0.81, recall 0.73, F1 0.77 (after one labelling slip, a strength coded as a concern of its theme, was corrected), the same as that session's start build
	"testdata/passages_heldout39.tsv": 0.8,  // the final closing measure of the third session of 2026-12-04, written after its last kept tagger change and scored once: precision 0.91, recall 0.84, F1 0.87, the same as that session's start build
	"testdata/passages_heldout40.tsv": 0.8,  // the closing measure of the session of 2026-12-05, written after rules 38 and scored once: precision 0.89, recall 0.76, F1 0.82, the same as that session's start build
	"testdata/passages_heldout41.tsv": 0.8,  // the closing measure of the session of 2026-12-06, written after rules 39 and scored once: precision 0.89, recall 0.79, F1 0.84, the same as that session's start build
	"testdata/passages_heldout42.tsv": 0.7,  // the closing measure of rules 42 (session of 2026-12-06), written after them and scored once: precision 0.83, recall 0.66, F1 0.74, the same on that session's start build (rules 39) and on the start build of the session before (rules 38); plain-word strengths and delays told as spans of weeks were its main misses
	"testdata/passages_heldout43.tsv": 0.55, // the final closing measure of the session of 2026-12-06, written after rules 43 and scored once: precision 0.68, recall 0.50, F1 0.58, against 0.60 on that session's start build (rules 39) and 0.63 on the one before (rules 38); one rule of 42 ("not due") was too broad and was narrowed in rules 44, after which it scores 0.60 (no longer unseen)
	"testdata/passages_heldout44.tsv": 0.85, // the closing measure of the second session of 2026-12-06, written at its start and scored once on its start build (rules 44: precision 0.92, recall 0.85, F1 0.88) and once on its end build (rules 45, the learned model beside the rules: 0.93, 0.93, 0.93); the model has learnt from it since
}

// TestPassages scores the passage suites and logs every wrong passage.
func TestPassages(t *testing.T) {
	ex, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for file, floor := range passageFloors {
		t.Run(file, func(t *testing.T) {
			tp, fp, fn, n := scorePassages(t, ex, file)
			p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
			f1 := 0.0
			if p+r > 0 {
				f1 = 2 * p * r / (p + r)
			}
			t.Logf("%d passages: precision %.2f, recall %.2f, F1 %.2f (%d right, %d wrong, %d missed)", n, p, r, f1, tp, fp, fn)
			if n < 20 {
				t.Fatalf("only %d passages", n)
			}
			if f1 < floor {
				t.Errorf("F1 %.2f below the floor %.2f", f1, floor)
			}
		})
	}
}

// scorePassages counts true positives, false positives and false negatives
// of themes over a passage file, logging each passage it gets wrong. A
// theme counts as raised when it holds concern evidence, good practice
// when it is raised at all.
func scorePassages(t *testing.T, ex *Extractor, file string) (tp, fp, fn, n int) {
	t.Helper()
	return scoreCases(t, ex, file, nil, func(c caseLine, wrong, missed []string) {
		t.Logf("passage [%s] %q: wrong %v, missed %v", c.kind, c.text, wrong, missed)
	})
}

// scorePassagesQuiet is scorePassages without the log; with a model, it
// scores the model alone (a theme raised at learnedMin) instead of ex.
func scorePassagesQuiet(t *testing.T, ex *Extractor, file string, m *learn.Model) (tp, fp, fn int) {
	t.Helper()
	tp, fp, fn, _ = scoreCases(t, ex, file, m, nil)
	return tp, fp, fn
}

func scoreCases(t *testing.T, ex *Extractor, file string, m *learn.Model, wrongFn func(c caseLine, wrong, missed []string)) (tp, fp, fn, n int) {
	t.Helper()
	for _, c := range readCases(t, file) {
		n++
		want := map[corpus.ThemeID]bool{}
		if c.want != "none" {
			for _, id := range strings.Split(c.want, ",") {
				if !corpus.ValidThemeID(corpus.ThemeID(id)) {
					t.Fatalf("passage %q: unknown theme %q", c.text, id)
				}
				want[corpus.ThemeID(id)] = true
			}
		}
		got := map[corpus.ThemeID]bool{}
		if m != nil {
			for i, p := range m.Probabilities(learn.Features(string(c.kind), c.text), nil) {
				if p >= learnedMin {
					got[corpus.ThemeID(m.Themes()[i])] = true
				}
			}
		} else {
			for _, th := range ex.Themes([]corpus.Section{{Kind: c.kind, Text: c.text}}) {
				raised := th.ID == corpus.ThemeGoodPractice
				for _, e := range th.Evidence {
					raised = raised || e.Polarity == corpus.Concern
				}
				if raised {
					got[th.ID] = true
				}
			}
		}
		var wrong, missed []string
		for id := range got {
			if want[id] {
				tp++
			} else {
				fp++
				wrong = append(wrong, string(id))
			}
		}
		for id := range want {
			if !got[id] {
				fn++
				missed = append(missed, string(id))
			}
		}
		if len(wrong)+len(missed) > 0 && wrongFn != nil {
			sort.Strings(wrong)
			sort.Strings(missed)
			wrongFn(c, wrong, missed)
		}
	}
	return tp, fp, fn, n
}
