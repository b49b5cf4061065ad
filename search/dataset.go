package search

// The case x theme dataset researchers analyse: one row per case, no text
// and no names.

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/sirlearn/sirlearn/corpus"
)

// DatasetRow is one case of the dataset.
type DatasetRow struct {
	Case               string         `json:"case"`
	Kinds              string         `json:"document_kinds"`
	Authority          string         `json:"authority"`
	Year               string         `json:"year"`
	IncidentType       string         `json:"incident_type"`
	Order              string         `json:"order"`
	MAPPA              string         `json:"mappa"`
	HasReview          bool           `json:"has_review"`
	NotificationOnTime *bool          `json:"notification_on_time"`
	ReviewOnTime       *bool          `json:"review_on_time"`
	Themes             map[string]int `json:"themes"`    // theme -> 0/1: raised (confirmed view)
	Strengths          map[string]int `json:"strengths"` // theme -> 0/1: credited as a strength
	Confirmed          map[string]int `json:"confirmed"` // theme -> 0/1: confirmed by an inspector
}

// Dataset makes the rows of the cases over the themes. With min > 0 (a
// researcher's), an authority with fewer than min cases in a year is shown
// as "fewer than min" in that year's rows, so that no row points at a
// handful of incidents.
func Dataset(cases []corpus.Case, themes []corpus.ThemeID, min int) []DatasetRow {
	perAuthYear := map[string]int{}
	for _, c := range cases {
		perAuthYear[c.Metadata.Authority+"|"+c.Metadata.IncidentDate.Year()]++
	}
	rows := make([]DatasetRow, 0, len(cases))
	for _, c := range cases {
		m := c.Metadata
		var kinds string
		for i, k := range c.Kinds {
			if i > 0 {
				kinds += "+"
			}
			kinds += string(k)
		}
		mappa := corpus.MAPPAText(m.MAPPA)
		auth := m.Authority
		if min > 0 && perAuthYear[m.Authority+"|"+m.IncidentDate.Year()] < min {
			auth = fmt.Sprintf("(fewer than %d)", min)
		}
		row := DatasetRow{Case: c.ID, Kinds: kinds, Authority: auth, Year: m.IncidentDate.Year(), IncidentType: m.IncidentType, Order: m.Order,
			MAPPA: mappa, HasReview: c.HasReview(), NotificationOnTime: m.NotificationOnTime, ReviewOnTime: m.ReviewOnTime,
			Themes: map[string]int{}, Strengths: map[string]int{}, Confirmed: map[string]int{}}
		set := func(dst map[string]int, ids []corpus.ThemeID) {
			for _, t := range themes {
				dst[string(t)] = 0
			}
			for _, t := range ids {
				dst[string(t)] = 1
			}
		}
		set(row.Themes, c.Themes)
		set(row.Strengths, c.Strengths)
		set(row.Confirmed, c.Confirmed)
		rows = append(rows, row)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Case < rows[j].Case })
	return rows
}

// WriteDatasetCSV writes the rows with one column per theme, one per
// theme's strength and one per confirmed theme.
func WriteDatasetCSV(w io.Writer, rows []DatasetRow, themes []corpus.ThemeID) error {
	cw := csv.NewWriter(w)
	head := []string{"case", "document_kinds", "authority", "year", "incident_type", "order", "mappa", "has_review", "notification_on_time", "review_on_time"}
	for _, t := range themes {
		head = append(head, string(t))
	}
	for _, t := range themes {
		head = append(head, string(t)+"_strength")
	}
	for _, t := range themes {
		head = append(head, string(t)+"_confirmed")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	b := func(p *bool) string {
		if p == nil {
			return ""
		}
		return strconv.FormatBool(*p)
	}
	for _, r := range rows {
		rec := []string{r.Case, r.Kinds, r.Authority, r.Year, r.IncidentType, r.Order, r.MAPPA, strconv.FormatBool(r.HasReview), b(r.NotificationOnTime), b(r.ReviewOnTime)}
		for _, m := range []map[string]int{r.Themes, r.Strengths, r.Confirmed} {
			for _, t := range themes {
				rec = append(rec, strconv.Itoa(m[string(t)]))
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteDatasetJSONL writes one JSON object per row.
func WriteDatasetJSONL(w io.Writer, rows []DatasetRow) error { return writeJSONL(w, rows) }

// writeJSONL writes one JSON object per row, HTML left unescaped.
func writeJSONL[T any](w io.Writer, rows []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}
