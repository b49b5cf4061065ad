package index

// Filters and date ranges as tag queries.

import (
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
)

// tagsQuery matches documents with any of the values under one prefix.
func tagsQuery(prefix string, values []string) query.Query {
	if len(values) == 1 {
		return tagQuery(prefix, values[0])
	}
	var qs []query.Query
	for _, v := range values {
		qs = append(qs, tagQuery(prefix, v))
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// filterQueries returns the conjuncts a filter adds for documents of one
// type ("r" reviews, "s" sections).
func filterQueries(f corpus.Filter, typ string) ([]query.Query, error) {
	qs := []query.Query{tagQuery(tagType, typ)}
	add := func(prefix string, vals []string) {
		if len(vals) > 0 {
			qs = append(qs, tagsQuery(prefix, vals))
		}
	}
	add(themePrefix(f), f.Themes)
	add(tagAuthority, f.Authorities)
	add(tagIncidentType, f.IncidentTypes)
	add(tagYear, f.Years)
	if typ == "s" {
		add(tagKind, f.Sections)
	}
	if f.From != "" || f.To != "" {
		from, to := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		var err error
		if f.From != "" {
			if from, err = time.Parse(time.DateOnly, f.From); err != nil {
				return nil, fmt.Errorf("%w: from date %q: want YYYY-MM-DD", corpus.ErrInvalid, f.From)
			}
		}
		if f.To != "" {
			if to, err = time.Parse(time.DateOnly, f.To); err != nil {
				return nil, fmt.Errorf("%w: to date %q: want YYYY-MM-DD", corpus.ErrInvalid, f.To)
			}
		}
		qs = append(qs, dateQuery(from, to))
	}
	return qs, nil
}

// dateQuery matches incident dates from..to inclusive. Whole years become
// year tags, whole months month tags and the days left over day tags, each
// as a term range, so that a range costs a few terms whatever its length.
func dateQuery(from, to time.Time) query.Query {
	if to.Before(from) {
		return bleve.NewMatchNoneQuery()
	}
	var parts []query.Query
	rng := func(prefix, lo, hi string) {
		incl := true
		q := bleve.NewTermRangeInclusiveQuery(prefix+lo, prefix+hi, &incl, &incl)
		q.SetField(fTags)
		parts = append(parts, unscored{q})
	}
	yearStart := func(t time.Time) bool { return t.YearDay() == 1 }
	yearEnd := func(t time.Time) bool { return t.AddDate(0, 0, 1).Year() != t.Year() }
	monthStart := func(t time.Time) bool { return t.Day() == 1 }
	monthEnd := func(t time.Time) bool { return t.AddDate(0, 0, 1).Month() != t.Month() }
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	month := func(t time.Time) string { return t.Format("2006-01") }
	year := func(t time.Time) string { return fmt.Sprintf("%04d", t.Year()) }

	// days covers from..to within one month; months within one year.
	days := func(a, b time.Time) {
		if monthStart(a) && monthEnd(b) {
			rng(tagMonth, month(a), month(a))
			return
		}
		rng(tagDay, day(a), day(b))
	}
	months := func(a, b time.Time) {
		if yearStart(a) && yearEnd(b) {
			rng(tagYear, year(a), year(a))
			return
		}
		if a.Month() == b.Month() {
			days(a, b)
			return
		}
		firstWhole, lastWhole := a, b
		if !monthStart(a) {
			end := time.Date(a.Year(), a.Month()+1, 0, 0, 0, 0, 0, time.UTC)
			days(a, end)
			firstWhole = end.AddDate(0, 0, 1)
		}
		if !monthEnd(b) {
			start := time.Date(b.Year(), b.Month(), 1, 0, 0, 0, 0, time.UTC)
			days(start, b)
			lastWhole = start.AddDate(0, 0, -1)
		}
		if !lastWhole.Before(firstWhole) {
			rng(tagMonth, month(firstWhole), month(lastWhole))
		}
	}
	if from.Year() == to.Year() {
		months(from, to)
	} else {
		firstWhole, lastWhole := from.Year(), to.Year()
		if !yearStart(from) {
			months(from, time.Date(from.Year(), 12, 31, 0, 0, 0, 0, time.UTC))
			firstWhole++
		}
		if !yearEnd(to) {
			months(time.Date(to.Year(), 1, 1, 0, 0, 0, 0, time.UTC), to)
			lastWhole--
		}
		if firstWhole <= lastWhole {
			rng(tagYear, fmt.Sprintf("%04d", firstWhole), fmt.Sprintf("%04d", lastWhole))
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return bleve.NewDisjunctionQuery(parts...)
}

// themePrefix is the tag prefix themes are filtered and counted by: the
// confirmed view's, or the inspectors' confirmed themes only.
func themePrefix(f corpus.Filter) string {
	if f.Confirmed {
		return tagConfirmed
	}
	return tagTheme
}
