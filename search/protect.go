package search

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/sirlearn/sirlearn/corpus"
)

// Small counts are protected in every aggregate served to a researcher: a
// count from 1 to MinCount-1 is shown as "<MinCount", and where a row's
// total would give one hidden cell away, the next smallest cell of the row
// is hidden too. Inspectors see exact figures.

// count is one figure served to a researcher: a number, or "<5" when
// hidden.
type count struct {
	n      int
	hidden bool
	min    int
}

func (c count) MarshalJSON() ([]byte, error) {
	if c.hidden {
		return json.Marshal(c.String())
	}
	return json.Marshal(c.n)
}

// String is the figure as CSV and charts show it.
func (c count) String() string {
	if c.hidden {
		return "<" + strconv.Itoa(c.min)
	}
	return strconv.Itoa(c.n)
}

// small reports whether n must be hidden.
func small(n, min int) bool { return n > 0 && n < min }

func protected(n, min int) count { return count{n: n, hidden: small(n, min), min: min} }

// protectedThemeTable is corpus.ThemeTable with protected counts.
type protectedThemeTable struct {
	TotalReviews       count               `json:"total_reviews"`
	TotalNotifications count               `json:"total_notifications"`
	Unit               string              `json:"unit"`
	By                 string              `json:"by,omitempty"`
	Columns            []string            `json:"columns,omitempty"`
	Rows               []protectedThemeRow `json:"rows"`
	// MinCount is the threshold below which counts are hidden.
	MinCount int `json:"min_count"`
}

type protectedThemeRow struct {
	Theme       string           `json:"theme"`
	Reviews     count            `json:"reviews"`
	Authorities int              `json:"authorities"`
	By          map[string]count `json:"by,omitempty"`
}

// protectThemes hides the small counts of a theme table.
func protectThemes(tab *corpus.ThemeTable, min int) *protectedThemeTable {
	out := &protectedThemeTable{TotalReviews: protected(tab.TotalReviews, min), TotalNotifications: protected(tab.TotalNotifications, min),
		Unit: tab.Unit, By: tab.By, Columns: tab.Columns, MinCount: min}
	for _, row := range tab.Rows {
		pr := protectedThemeRow{Theme: row.Theme, Reviews: protected(row.Reviews, min), Authorities: row.Authorities}
		if len(row.By) > 0 {
			pr.By = make(map[string]count, len(row.By))
			for k, n := range row.By {
				pr.By[k] = protected(n, min)
			}
			// The break-down sums to the row's reviews when each review has
			// one value of it (authority, year, incident type): one hidden
			// cell beside a shown total would be the total less the rest.
			if !pr.Reviews.hidden && tab.By != "section" {
				complement(pr.By)
			}
		}
		out.Rows = append(out.Rows, pr)
	}
	return out
}

// complement hides the smallest shown non-zero cell when exactly one cell
// of a row is hidden.
func complement(cells map[string]count) {
	hidden := 0
	for _, c := range cells {
		if c.hidden {
			hidden++
		}
	}
	if hidden != 1 {
		return
	}
	keys := make([]string, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	best := ""
	for _, k := range keys {
		c := cells[k]
		if !c.hidden && c.n > 0 && (best == "" || c.n < cells[best].n) {
			best = k
		}
	}
	if best != "" {
		c := cells[best]
		c.hidden = true
		cells[best] = c
	}
}

// protectedTimeliness is corpus.TimelinessRow with protected counts.
type protectedTimeliness struct {
	Key                 string   `json:"key"`
	Notifications       count    `json:"notifications"`
	Reviews             count    `json:"reviews"`
	NotificationsKnown  count    `json:"notifications_known"`
	NotificationsOnTime count    `json:"notifications_on_time"`
	NotificationShare   *float64 `json:"notification_on_time_share"`
	ReviewsKnown        count    `json:"reviews_known"`
	ReviewsOnTime       count    `json:"reviews_on_time"`
	ReviewShare         *float64 `json:"review_on_time_share"`
}

// protectTimeliness hides small counts, and the on-time count and share
// wherever either the on-time or the late count is small (the other would
// give it away).
func protectTimeliness(rows []corpus.TimelinessRow, min int) []protectedTimeliness {
	out := make([]protectedTimeliness, 0, len(rows))
	pair := func(known, onTime int, share float64) (count, count, *float64) {
		k, o := protected(known, min), protected(onTime, min)
		if k.hidden || small(known-onTime, min) || o.hidden {
			o.hidden = onTime > 0 || known > 0
			return k, o, nil
		}
		return k, o, &share
	}
	for _, r := range rows {
		p := protectedTimeliness{Key: r.Key, Notifications: protected(r.Notifications, min), Reviews: protected(r.Reviews, min)}
		p.NotificationsKnown, p.NotificationsOnTime, p.NotificationShare = pair(r.NotificationsKnown, r.NotificationsOnTime, r.NotificationShare)
		p.ReviewsKnown, p.ReviewsOnTime, p.ReviewShare = pair(r.ReviewsKnown, r.ReviewsOnTime, r.ReviewShare)
		out = append(out, p)
	}
	return out
}

// protectFacets hides the small facet counts of a researcher's search.
func protectFacets(f map[string][]corpus.FacetValue, min int) map[string][]protectedFacet {
	out := make(map[string][]protectedFacet, len(f))
	for k, vals := range f {
		pv := make([]protectedFacet, len(vals))
		for i, v := range vals {
			pv[i] = protectedFacet{Value: v.Value, Count: protected(v.Count, min)}
		}
		out[k] = pv
	}
	return out
}

type protectedFacet struct {
	Value string `json:"value"`
	Count count  `json:"count"`
}
