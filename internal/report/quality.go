package report

import "github.com/sirlearn/sirlearn/corpus"

// quality counts the checklist across the case reviews of the cases (a
// case's Part One, or its single review).
func quality(cases []corpus.Case, reviews map[string]*corpus.Review) []QARow {
	var order []string
	rows := map[string]*QARow{}
	for _, c := range cases {
		c := c
		for _, d := range c.Documents {
			if d.Kind != corpus.KindCaseReview && d.Kind != "" {
				continue
			}
			r := reviews[d.ID]
			if r == nil {
				continue
			}
			for _, it := range corpus.QualityChecklist(r, &c) {
				row := rows[it.ID]
				if row == nil {
					row = &QARow{Item: it.Label}
					rows[it.ID] = row
					order = append(order, it.ID)
				}
				if it.Met == nil {
					continue
				}
				row.Of++
				if *it.Met {
					row.Met++
				}
			}
			break // one review per case
		}
	}
	out := make([]QARow, 0, len(order))
	for _, id := range order {
		r := rows[id]
		if r.Of > 0 {
			r.Share = float64(r.Met) / float64(r.Of)
		}
		out = append(out, *r)
	}
	return out
}
