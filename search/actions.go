package search

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// ActionRow is one action of a review, for export.
type ActionRow struct {
	ReviewID     string `json:"review_id"`
	Source       string `json:"source"`
	Authority    string `json:"authority"`
	IncidentDate string `json:"incident_date"`
	DocumentKind string `json:"document_kind"`
	corpus.Action
}

// ActionRows lists a review's actions.
func ActionRows(r *corpus.Review) []ActionRow {
	out := make([]ActionRow, 0, len(r.Actions))
	for _, a := range r.Actions {
		out = append(out, ActionRow{ReviewID: r.ID, Source: r.Source, Authority: r.Authority, IncidentDate: string(r.IncidentDate), DocumentKind: string(r.DocumentKind), Action: a})
	}
	return out
}

// WriteActionsCSV writes the actions as CSV.
func WriteActionsCSV(w io.Writer, rows []ActionRow) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"review_id", "source", "authority", "incident_date", "document_kind", "section", "page", "action", "owner", "timescale", "themes"})
	for _, r := range rows {
		page := ""
		if r.Page > 0 {
			page = strconv.Itoa(r.Page)
		}
		themes := make([]string, len(r.Themes))
		for i, t := range r.Themes {
			themes[i] = string(t)
		}
		cw.Write([]string{r.ReviewID, r.Source, r.Authority, r.IncidentDate, r.DocumentKind, string(r.Section), page, r.Text, r.Owner, r.Timescale, strings.Join(themes, " ")})
	}
	cw.Flush()
	return cw.Error()
}

// WriteActionsJSONL writes one JSON object per action.
func WriteActionsJSONL(w io.Writer, rows []ActionRow) error { return writeJSONL(w, rows) }
