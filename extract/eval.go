package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Precision, Recall and F1 of the counts (1 when nothing was expected or
// predicted).
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Accuracy is a count of right answers out of a total.
type Accuracy struct {
	Right int `json:"right"`
	Total int `json:"total"`
}

// Value is Right / Total.
func (a Accuracy) Value() float64 { return ratio(a.Right, a.Total) }

func (a *Accuracy) add(ok bool) {
	a.Total++
	if ok {
		a.Right++
	}
}

// ThemeScore is the score of one theme in one split.
type ThemeScore struct {
	Counts
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Missed holds up to three evidence sentences of missed themes.
	Missed []string `json:"missed,omitempty"`
	// Spurious holds up to three sentences that raised a theme wrongly.
	Spurious []string `json:"spurious,omitempty"`
}

// SplitReport scores extraction on one family split ("dev", "test") or on
// everything ("all").
type SplitReport struct {
	Reviews     int                              `json:"reviews"`
	Themes      map[corpus.ThemeID]*ThemeScore   `json:"themes"`
	MicroF1     float64                          `json:"theme_micro_f1"`
	MacroF1     float64                          `json:"theme_macro_f1"`
	MicroCounts Counts                           `json:"theme_micro_counts"`
	SectionKind Accuracy                         `json:"section_kind"`
	SectionsBy  map[corpus.SectionKind]*Accuracy `json:"section_kind_by_kind"`
	Dates       Accuracy                         `json:"dates"`
	Authority   Accuracy                         `json:"authority"`
	Incident    Accuracy                         `json:"incident_type"`
	Order       Accuracy                         `json:"order"`
	MAPPA       Accuracy                         `json:"mappa"`
	// Polarity is the agreement of concern or strength on the evidence
	// sentences the tagger and the truth share.
	Polarity Accuracy `json:"polarity"`
	// SectionMisses shows up to twelve wrong headings.
	SectionMisses []string `json:"section_misses,omitempty"`
	// DateMisses shows up to twelve wrong dates.
	DateMisses []string `json:"date_misses,omitempty"`
}

// EvalItem pairs a truth record with the extracted review.
type EvalItem struct {
	Style            string
	Authority        string
	IncidentDate     string
	NotificationDate string
	SubmittedDate    string
	IncidentType     string
	Order            string
	MAPPA            *corpus.MAPPA
	Sections         []EvalSection
	Themes           map[corpus.ThemeID]EvalTheme
	Split            string // the review's majority family split
	Got              *corpus.Review
}

// EvalSection is a truth section.
type EvalSection struct {
	Heading string
	Kind    corpus.SectionKind
	First   string
}

// EvalTheme is a truth theme with the split of its evidence families.
type EvalTheme struct {
	Split    string
	Evidence []string
	// Polarities gives each evidence sentence's polarity.
	Polarities []corpus.Polarity
}

func newSplit() *SplitReport {
	return &SplitReport{Themes: map[corpus.ThemeID]*ThemeScore{}, SectionsBy: map[corpus.SectionKind]*Accuracy{}}
}

// Evaluate scores extracted reviews against truth, overall and per split.
func Evaluate(items []EvalItem) map[string]*SplitReport {
	reps := map[string]*SplitReport{"all": newSplit(), "dev": newSplit(), "test": newSplit(), "register2": newSplit()}
	for _, it := range items {
		got := it.Got
		targets := []*SplitReport{reps["all"]}
		if r, ok := reps[it.Split]; ok {
			targets = append(targets, r)
		}
		for _, rep := range targets {
			rep.Reviews++
			rep.Authority.add(got.Authority == it.Authority)
			for _, d := range []struct{ name, got, want string }{
				{"incident", string(got.IncidentDate), it.IncidentDate},
				{"notification", string(got.NotificationDate), it.NotificationDate},
				{"submitted", string(got.SubmittedDate), it.SubmittedDate},
			} {
				rep.Dates.add(d.got == d.want)
				if d.got != d.want && len(rep.DateMisses) < 12 {
					rep.DateMisses = append(rep.DateMisses, fmt.Sprintf("%s: %s %q, want %q", got.Source, d.name, d.got, d.want))
				}
			}
			rep.Incident.add(got.IncidentType == it.IncidentType)
			rep.Order.add(got.Order == it.Order)
			rep.MAPPA.add(sameMAPPA(got.MAPPA, it.MAPPA))
			for _, ts := range it.Sections {
				k := findSectionKind(got.Sections, ts)
				ok := k == ts.Kind
				rep.SectionKind.add(ok)
				if !ok && len(rep.SectionMisses) < 12 {
					rep.SectionMisses = append(rep.SectionMisses, fmt.Sprintf("%q (%s, %s) => %q", ts.Heading, ts.Kind, it.Style, k))
				}
				a := rep.SectionsBy[ts.Kind]
				if a == nil {
					a = &Accuracy{}
					rep.SectionsBy[ts.Kind] = a
				}
				a.add(ok)
			}
		}
		gotThemes := map[corpus.ThemeID]corpus.Theme{}
		for _, t := range got.Themes {
			gotThemes[t.ID] = t
		}
		// Polarity, on the evidence sentences both sides hold.
		truthPol := map[string]corpus.Polarity{}
		for _, tt := range it.Themes {
			for i, e := range tt.Evidence {
				if i < len(tt.Polarities) {
					truthPol[strings.TrimSpace(e)] = tt.Polarities[i]
				}
			}
		}
		for _, t := range got.Themes {
			for _, e := range t.Evidence {
				if want, ok := truthPol[strings.TrimSpace(e.Text)]; ok {
					for _, rep := range targets {
						rep.Polarity.add(e.Polarity == want)
					}
				}
			}
		}
		for _, id := range corpus.ThemeIDs() {
			tt, want := it.Themes[id]
			g, have := gotThemes[id]
			if !want && !have {
				continue
			}
			split := it.Split
			if want {
				split = tt.Split
			}
			for _, name := range []string{"all", split} {
				rep, ok := reps[name]
				if !ok {
					continue
				}
				ts := rep.Themes[id]
				if ts == nil {
					ts = &ThemeScore{}
					rep.Themes[id] = ts
				}
				switch {
				case want && have:
					ts.TP++
				case want:
					ts.FN++
					if len(ts.Missed) < 3 && len(tt.Evidence) > 0 {
						ts.Missed = append(ts.Missed, tt.Evidence[0])
					}
				default:
					ts.FP++
					if len(ts.Spurious) < 3 && len(g.Evidence) > 0 {
						ts.Spurious = append(ts.Spurious, g.Evidence[0].Text)
					}
				}
			}
		}
	}
	for _, rep := range reps {
		var sum float64
		for _, ts := range rep.Themes {
			ts.Precision, ts.Recall, ts.F1 = ts.Counts.Precision(), ts.Counts.Recall(), ts.Counts.F1()
			rep.MicroCounts.TP += ts.TP
			rep.MicroCounts.FP += ts.FP
			rep.MicroCounts.FN += ts.FN
			sum += ts.F1
		}
		rep.MicroF1 = rep.MicroCounts.F1()
		if len(rep.Themes) > 0 {
			rep.MacroF1 = sum / float64(len(rep.Themes))
		}
	}
	return reps
}

func sameMAPPA(a, b *corpus.MAPPA) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// findSectionKind returns the kind given to a truth section: the predicted
// section with the same heading, or for a headingless section the one whose
// text holds its first sentence.
func findSectionKind(secs []corpus.Section, ts EvalSection) corpus.SectionKind {
	if ts.Heading != "" {
		want := normHeading(ts.Heading)
		for _, s := range secs {
			if normHeading(s.Heading) == want {
				return s.Kind
			}
		}
	}
	if ts.First != "" {
		for _, s := range secs {
			if strings.Contains(strings.Join(strings.Fields(s.Text), " "), ts.First) {
				return s.Kind
			}
		}
	}
	return ""
}

func normHeading(h string) string {
	return strings.Join(strings.Fields(strings.ToLower(h)), " ")
}

// WorstThemes returns the n themes with the lowest F1 in a report.
func WorstThemes(rep *SplitReport, n int) []corpus.ThemeID {
	var ids []corpus.ThemeID
	for id := range rep.Themes {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := rep.Themes[ids[i]].F1, rep.Themes[ids[j]].F1
		if a != b {
			return a < b
		}
		return ids[i] < ids[j]
	})
	if len(ids) > n {
		ids = ids[:n]
	}
	return ids
}
