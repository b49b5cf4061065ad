// Package report builds the national report on serious incident reviews
// from the cases and reviews of the index: notifications and reviews,
// authorities, incident types, timeliness, theme prevalence with
// intervals, change against a comparison period, and review quality
// assurance.
package report

import (
	"sort"
	"strings"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// Options shape a report.
type Options struct {
	From, To               string // incident dates, YYYY-MM-DD, inclusive; "" open
	CompareFrom, CompareTo string // the comparison period; both "" for none
	// K is how many authorities a theme must recur in to be listed as
	// recurring (default 3).
	K int
	// Min hides counts below it (a researcher's report); 0 shows all.
	Min      int
	Themes   []corpus.ThemeID
	Calendar *corpus.Calendar
	// Accuracy is the tagger's measured agreement with inspectors, "" when
	// nobody has coded yet.
	Accuracy  string
	Generated time.Time
}

// Count is a labelled count.
type Count struct {
	Label string
	N     int
}

// TimeRow is the timeliness of one year or authority.
type TimeRow struct {
	Key string
	// Notified counts cases with both dates; OnTime those within five
	// working days of the service becoming aware (of the incident when
	// the review gives no such date). IncidentOnTime counts from the
	// incident date, beside it.
	Notified, OnTime, IncidentKnown, IncidentOnTime int
	Median, Q1, Q3                                  float64 // working days, aware to notification
	Reviews, ReviewKnown, ReviewOnTime              int
}

// ThemeRate is a theme's prevalence among the reviewed cases.
type ThemeRate struct {
	Theme       corpus.ThemeID
	Cases       int
	Share       float64
	Lo, Hi      float64 // 95% Wilson interval
	Authorities int
	Strength    int // cases crediting it as a strength
	StrengthShr float64
}

// Pair is two themes raised in the same cases.
type Pair struct {
	A, B  corpus.ThemeID
	Cases int
}

// Change compares a theme's share in the period with the comparison.
type Change struct {
	Theme          corpus.ThemeID
	Share, Compare float64
	Z, P           float64
	Flag           string // "rose", "fell" or ""
}

// QARow is one item of the quality checklist across reviews.
type QARow struct {
	Item       string
	Met, Of    int
	Share      float64
	Applicable string // to which reviews it applies
}

// Period holds one period's figures.
type Period struct {
	From, To            string
	Notifications       int // cases: each begins with a notification
	Reviewed            int // cases with a review (met the criteria)
	Documents           int
	PartOne, PartTwo    int // reviews of each kind
	Authorities         []Count
	NotNotifying        []string
	IncidentTypes       []Count
	Orders              []Count
	MAPPA               []Count
	ByYear, ByAuthority []TimeRow
	Themes              []ThemeRate
	Recurring           []corpus.ThemeID
	CoOccurring         []Pair
	QA                  []QARow
	Actions             int     // actions the period's reviews set
	ActionsOwned        int     // with an owner named
	ActionsTimed        int     // with a timescale
	ActionsByTheme      []Count // actions per theme they address
	ThemesOfCases       int     // the denominator of Themes
}

// Report is the whole report.
type Report struct {
	Options Options
	Period  *Period
	Compare *Period
	Changes []Change
}

// Build makes the report from every case and its reviews.
func Build(cases []corpus.Case, reviews map[string]*corpus.Review, opts Options) *Report {
	if opts.K <= 0 {
		opts.K = 3
	}
	if len(opts.Themes) == 0 {
		opts.Themes = corpus.ThemeIDs()
	}
	if opts.Calendar == nil {
		opts.Calendar = corpus.NewScottishCalendar()
	}
	r := &Report{Options: opts}
	r.Period = period(cases, reviews, opts.From, opts.To, opts)
	if opts.CompareFrom != "" || opts.CompareTo != "" {
		r.Compare = period(cases, reviews, opts.CompareFrom, opts.CompareTo, opts)
		r.Changes = changes(r.Period, r.Compare)
	}
	return r
}

func inPeriod(d corpus.Date, from, to string) bool {
	if from == "" && to == "" {
		return true
	}
	if d == "" {
		return false
	}
	return (from == "" || string(d) >= from) && (to == "" || string(d) <= to)
}

func period(all []corpus.Case, reviews map[string]*corpus.Review, from, to string, opts Options) *Period {
	p := &Period{From: from, To: to}
	var cases []corpus.Case
	for _, c := range all {
		if inPeriod(c.Metadata.IncidentDate, from, to) {
			cases = append(cases, c)
		}
	}
	auth, types, orders, mappa := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range cases {
		p.Notifications++
		p.Documents += len(c.Documents)
		for _, d := range c.Documents {
			switch d.Kind {
			case corpus.KindCaseReview, "":
				p.PartOne++
			case corpus.KindLearningReview:
				p.PartTwo++
			}
		}
		m := c.Metadata
		auth[orUnknown(m.Authority)]++
		if !c.HasReview() {
			continue
		}
		p.Reviewed++
		types[orUnknown(m.IncidentType)]++
		orders[orUnknown(m.Order)]++
		if m.MAPPA == nil {
			mappa["not subject to MAPPA"]++
		} else {
			mappa[corpus.MAPPAText(m.MAPPA)]++
		}
	}
	p.Authorities = counts(auth)
	for _, a := range corpus.Authorities() {
		if auth[a.Name] == 0 {
			p.NotNotifying = append(p.NotNotifying, a.Name)
		}
	}
	p.IncidentTypes, p.Orders, p.MAPPA = counts(types), counts(orders), counts(mappa)
	p.ByYear = timeliness(cases, func(c corpus.Case) string { return orUnknown(c.Metadata.IncidentDate.Year()) }, opts.Calendar)
	p.ByAuthority = timeliness(cases, func(c corpus.Case) string { return orUnknown(c.Metadata.Authority) }, opts.Calendar)
	p.Themes, p.Recurring, p.CoOccurring, p.ThemesOfCases = themes(cases, opts)
	p.QA = quality(cases, reviews)
	byTheme := map[string]int{}
	for _, c := range cases {
		for _, d := range c.Documents {
			r := reviews[d.ID]
			if r == nil {
				continue
			}
			for _, a := range r.Actions {
				p.Actions++
				if a.Owner != "" {
					p.ActionsOwned++
				}
				if a.Timescale != "" {
					p.ActionsTimed++
				}
				if len(a.Themes) == 0 {
					byTheme["(no theme named)"]++
				}
				for _, t := range a.Themes {
					byTheme[corpus.ThemeLabel(t)]++
				}
			}
		}
	}
	p.ActionsByTheme = counts(byTheme)
	return p
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func counts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Label < out[j].Label
	})
	return out
}

func parseDay(d corpus.Date) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, string(d))
	return t, err == nil
}

func timeliness(cases []corpus.Case, key func(corpus.Case) string, cal *corpus.Calendar) []TimeRow {
	rows := map[string]*TimeRow{}
	days := map[string][]int{}
	for _, c := range cases {
		k := key(c)
		r := rows[k]
		if r == nil {
			r = &TimeRow{Key: k}
			rows[k] = r
		}
		m := c.Metadata
		not, okN := parseDay(m.NotificationDate)
		inc, okI := parseDay(m.IncidentDate)
		start, okS := parseDay(m.AwareDate)
		if !okS {
			start, okS = inc, okI
		}
		if okN && okS {
			n := cal.WorkingDaysBetween(start, not)
			r.Notified++
			if n <= corpus.NotificationDeadline {
				r.OnTime++
			}
			days[k] = append(days[k], n)
		}
		if okN && okI {
			r.IncidentKnown++
			if cal.WorkingDaysBetween(inc, not) <= corpus.NotificationDeadline {
				r.IncidentOnTime++
			}
		}
		if c.HasReview() {
			r.Reviews++
			if m.ReviewOnTime != nil {
				r.ReviewKnown++
				if *m.ReviewOnTime {
					r.ReviewOnTime++
				}
			}
		}
	}
	out := make([]TimeRow, 0, len(rows))
	for k, r := range rows {
		r.Median, r.Q1, r.Q3 = quantiles(days[k])
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func themes(cases []corpus.Case, opts Options) ([]ThemeRate, []corpus.ThemeID, []Pair, int) {
	n := 0
	count, strength := map[corpus.ThemeID]int{}, map[corpus.ThemeID]int{}
	auths := map[corpus.ThemeID]map[string]bool{}
	pairs := map[[2]corpus.ThemeID]int{}
	for _, c := range cases {
		if !c.HasReview() {
			continue
		}
		n++
		for i, t := range c.Themes {
			count[t]++
			if auths[t] == nil {
				auths[t] = map[string]bool{}
			}
			auths[t][c.Metadata.Authority] = true
			for _, u := range c.Themes[i+1:] {
				if t != corpus.ThemeGoodPractice && u != corpus.ThemeGoodPractice {
					pairs[[2]corpus.ThemeID{t, u}]++
				}
			}
		}
		for _, t := range c.Strengths {
			strength[t]++
		}
	}
	var rates []ThemeRate
	var recurring []corpus.ThemeID
	for _, t := range opts.Themes {
		k := count[t]
		lo, hi := wilson(k, n)
		tr := ThemeRate{Theme: t, Cases: k, Lo: lo, Hi: hi, Authorities: len(auths[t]), Strength: strength[t]}
		if n > 0 {
			tr.Share, tr.StrengthShr = float64(k)/float64(n), float64(strength[t])/float64(n)
		}
		rates = append(rates, tr)
		if len(auths[t]) >= opts.K && t != corpus.ThemeGoodPractice {
			recurring = append(recurring, t)
		}
	}
	sort.SliceStable(rates, func(i, j int) bool { return rates[i].Cases > rates[j].Cases })
	var ps []Pair
	for k, v := range pairs {
		ps = append(ps, Pair{k[0], k[1], v})
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Cases != ps[j].Cases {
			return ps[i].Cases > ps[j].Cases
		}
		return ps[i].A+ps[i].B < ps[j].A+ps[j].B
	})
	if len(ps) > 10 {
		ps = ps[:10]
	}
	return rates, recurring, ps, n
}

// changes flags the themes whose share moved beyond chance: a two-sided
// two-proportion z test at the 5% level.
func changes(a, b *Period) []Change {
	byTheme := map[corpus.ThemeID]ThemeRate{}
	for _, t := range b.Themes {
		byTheme[t.Theme] = t
	}
	var out []Change
	for _, t := range a.Themes {
		c := byTheme[t.Theme]
		z, p := twoProportion(t.Cases, a.ThemesOfCases, c.Cases, b.ThemesOfCases)
		ch := Change{Theme: t.Theme, Share: t.Share, Compare: c.Share, Z: z, P: p}
		if p < 0.05 {
			ch.Flag = map[bool]string{true: "rose", false: "fell"}[z > 0]
		}
		out = append(out, ch)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].P < out[j].P })
	return out
}

// label makes an id readable.
func label(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
