package extract

import (
	"fmt"
	"sort"

	"github.com/sirlearn/sirlearn/corpus"
)

// CaseItem pairs one document's true kind and case with its extraction.
type CaseItem struct {
	File string
	Kind corpus.DocumentKind
	Case string
	Got  *corpus.Review
}

// Tally is a count from the truth beside the same count from extraction.
type Tally struct {
	Truth int `json:"truth"`
	Got   int `json:"got"`
}

// CaseReport scores document kinds and case linking.
type CaseReport struct {
	Documents int                                                 `json:"documents"`
	Kind      Accuracy                                            `json:"document_kind"`
	KindsBy   map[corpus.DocumentKind]*Accuracy                   `json:"document_kind_by_kind"`
	Confusion map[corpus.DocumentKind]map[corpus.DocumentKind]int `json:"document_kind_confusion"`
	// Pairs counts pairs of documents placed in one case: a true positive
	// is a pair the truth also joins.
	Pairs Counts `json:"case_pairs"`
	// Cases, Notifications and Reviews are the national counts: incidents,
	// notifications (one an incident) and incidents with a review.
	Cases         Tally    `json:"cases"`
	Notifications Tally    `json:"notifications"`
	Reviews       Tally    `json:"reviews"`
	KindMisses    []string `json:"kind_misses,omitempty"`
	CaseMisses    []string `json:"case_misses,omitempty"`
}

// EvaluateCases scores the kinds of the documents and links the extracted
// documents into cases as the index does, against the truth's cases.
func EvaluateCases(items []CaseItem) *CaseReport {
	rep := &CaseReport{KindsBy: map[corpus.DocumentKind]*Accuracy{}, Confusion: map[corpus.DocumentKind]map[corpus.DocumentKind]int{}}
	var docs []*corpus.Review
	var kept []CaseItem
	truthCases := map[string][]corpus.DocumentKind{}
	for _, it := range items {
		rep.Documents++
		truthCases[it.Case] = append(truthCases[it.Case], it.Kind)
		got := it.Got.DocumentKind
		rep.Kind.add(got == it.Kind)
		acc := rep.KindsBy[it.Kind]
		if acc == nil {
			acc = &Accuracy{}
			rep.KindsBy[it.Kind] = acc
		}
		acc.add(got == it.Kind)
		if rep.Confusion[it.Kind] == nil {
			rep.Confusion[it.Kind] = map[corpus.DocumentKind]int{}
		}
		rep.Confusion[it.Kind][got]++
		if got != it.Kind && len(rep.KindMisses) < 12 {
			rep.KindMisses = append(rep.KindMisses, fmt.Sprintf("%s: %s, want %s (%s)", it.File, got, it.Kind, it.Got.KindReason))
		}
		if got != corpus.KindNotAReview {
			docs = append(docs, it.Got)
			kept = append(kept, it)
		}
	}
	groups := corpus.LinkCases(docs)
	got := make([]int, len(kept)) // group of each kept document
	for g, members := range groups {
		for _, i := range members {
			got[i] = g
		}
		rep.Cases.Got++
		rep.Notifications.Got++
		for _, i := range members {
			if docs[i].DocumentKind.IsReview() {
				rep.Reviews.Got++
				break
			}
		}
	}
	for _, kinds := range truthCases {
		rep.Cases.Truth++
		rep.Notifications.Truth++
		for _, k := range kinds {
			if k.IsReview() {
				rep.Reviews.Truth++
				break
			}
		}
	}
	for i := range kept {
		for j := i + 1; j < len(kept); j++ {
			same, joined := kept[i].Case == kept[j].Case, got[i] == got[j]
			switch {
			case same && joined:
				rep.Pairs.TP++
			case joined:
				rep.Pairs.FP++
				rep.caseMiss("joined %s and %s of different cases", kept[i].File, kept[j].File)
			case same:
				rep.Pairs.FN++
				rep.caseMiss("did not join %s and %s (refs %q/%q, keys %v/%v)", kept[i].File, kept[j].File,
					docs[i].CaseReference, docs[j].CaseReference, corpus.CaseKeys(docs[i]), corpus.CaseKeys(docs[j]))
			}
		}
	}
	sort.Strings(rep.CaseMisses)
	return rep
}

func (r *CaseReport) caseMiss(format string, args ...any) {
	if len(r.CaseMisses) < 12 {
		r.CaseMisses = append(r.CaseMisses, fmt.Sprintf(format, args...))
	}
}
