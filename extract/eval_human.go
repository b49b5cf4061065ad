package extract

import (
	"github.com/sirlearn/sirlearn/corpus"
)

// HumanReport scores the tagger against the inspectors' decisions: the
// only measure of accuracy on real reviews.
type HumanReport struct {
	// Reviews counts the reviews with decisions; Checked those an
	// inspector marked checked (every theme of them decided).
	Reviews int `json:"reviews"`
	Checked int `json:"checked"`
	// Pairs counts the review-and-theme pairs scored: every theme of a
	// checked review, and the decided themes of the others.
	Pairs  int                            `json:"pairs"`
	Micro  Counts                         `json:"micro"`
	Themes map[corpus.ThemeID]*ThemeScore `json:"themes"`
	// Kappa is Cohen's kappa of tagger and inspectors over the pairs.
	Kappa float64 `json:"kappa"`
}

// EvaluateHuman compares each review as tagged (machine) with its
// confirmed view (human, decisions applied), pair by pair.
func EvaluateHuman(machine, human []*corpus.Review) *HumanReport {
	rep := &HumanReport{Themes: map[corpus.ThemeID]*ThemeScore{}}
	var both, onlyM, onlyH, neither int
	for i, m := range machine {
		h := human[i]
		rep.Reviews++
		mset := map[corpus.ThemeID]bool{}
		for _, t := range m.Themes {
			mset[t.ID] = true
		}
		hset := map[corpus.ThemeID]bool{}
		for _, t := range h.Themes {
			hset[t.ID] = true
		}
		var pairs []corpus.ThemeID
		if h.Checked != nil {
			rep.Checked++
			seen := map[corpus.ThemeID]bool{}
			for _, id := range corpus.ThemeIDs() {
				pairs, seen[id] = append(pairs, id), true
			}
			for id := range mset {
				if !seen[id] {
					pairs, seen[id] = append(pairs, id), true
				}
			}
			for id := range hset {
				if !seen[id] {
					pairs = append(pairs, id)
				}
			}
		} else {
			// Unchecked: only the themes someone decided on.
			decided := map[corpus.ThemeID]bool{}
			for _, t := range h.Themes {
				for _, e := range t.Evidence {
					if e.Status == corpus.StatusAccepted || e.Status == corpus.StatusAdded {
						decided[t.ID] = true
					}
				}
			}
			for _, r := range h.Rejected {
				decided[r.Theme] = true
			}
			for id := range decided {
				pairs = append(pairs, id)
			}
		}
		for _, id := range pairs {
			rep.Pairs++
			ts := rep.Themes[id]
			if ts == nil {
				ts = &ThemeScore{}
				rep.Themes[id] = ts
			}
			switch gm, gh := mset[id], hset[id]; {
			case gm && gh:
				ts.TP++
				both++
			case gm:
				ts.FP++
				onlyM++
			case gh:
				ts.FN++
				onlyH++
			default:
				neither++
			}
		}
	}
	for _, ts := range rep.Themes {
		ts.Precision, ts.Recall, ts.F1 = ts.Counts.Precision(), ts.Counts.Recall(), ts.Counts.F1()
		rep.Micro.TP += ts.TP
		rep.Micro.FP += ts.FP
		rep.Micro.FN += ts.FN
	}
	n := float64(both + onlyM + onlyH + neither)
	if n > 0 {
		po := float64(both+neither) / n
		pm, ph := float64(both+onlyM)/n, float64(both+onlyH)/n
		pe := pm*ph + (1-pm)*(1-ph)
		if pe < 1 {
			rep.Kappa = (po - pe) / (1 - pe)
		} else {
			rep.Kappa = 1
		}
	}
	return rep
}
