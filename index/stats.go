package index

// Theme tables and timeliness figures.

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
)

// byPrefixes maps the --by choices of Themes to tag prefixes.
var byPrefixes = map[string]string{"authority": tagAuthority, "year": tagYear, "section": tagKind, "incident_type": tagIncidentType}

// Themes counts reviews per theme under the filter, optionally broken down
// by authority, year, section or incident type. Answers are cached until the
// index changes.
func (ix *Index) Themes(ctx context.Context, f corpus.Filter, by string) (*corpus.ThemeTable, error) {
	v, err := ix.cache.get(ctx, cacheKey("themes:"+by, f), ix.queued(func(ctx context.Context) (any, error) { return ix.themes(ctx, f, by) }))
	if err != nil {
		return nil, err
	}
	tab := *v.(*corpus.ThemeTable)
	tab.Rows = append([]corpus.ThemeRow(nil), tab.Rows...)
	return &tab, nil
}

// facetSearch runs a filter-only query and returns its total and the
// counts of its tags under the prefixes asked for.
func (ix *Index) facetSearch(ctx context.Context, qs []query.Query, prefixes ...string) (int, map[string][]corpus.FacetValue, error) {
	y := ix.tables.Tally(bleve.NewConjunctionQuery(qs...))
	y.CountTags = true
	res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(y, 0, 0, false))
	if err != nil {
		return 0, nil, err
	}
	counts, err := y.Counts()
	if err != nil {
		return 0, nil, err
	}
	return int(res.Total), facetsOf(counts, prefixes...), nil
}

func (ix *Index) themes(ctx context.Context, f corpus.Filter, by string) (*corpus.ThemeTable, error) {
	byPrefix, ok := byPrefixes[by]
	if by != "" && !ok {
		return nil, fmt.Errorf("%w: --by %q: want authority, year, section or incident_type", corpus.ErrInvalid, by)
	}
	// Cases, not files: a case with a Part One and a Part Two counts once,
	// and themes are counted over the cases that have a review.
	all, err := filterQueries(f, "c")
	if err != nil {
		return nil, err
	}
	fq := append(all[:len(all):len(all)], tagQuery(tagHasReview, "yes"))
	sq, err := filterQueries(f, "s") // for the breakdown by section
	if err != nil {
		return nil, err
	}
	tp := themePrefix(f)
	total, fs, err := ix.facetSearch(ctx, fq, tp)
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	notified, _, err := ix.facetSearch(ctx, all)
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	tab := &corpus.ThemeTable{TotalReviews: total, TotalNotifications: notified, Unit: "case", By: by}
	cols := map[string]bool{}
	for _, fv := range fs[tp] {
		row := corpus.ThemeRow{Theme: fv.Value, Reviews: fv.Count}
		// One facet search of the theme's reviews gives the authorities
		// and, unless the breakdown is by section, the breakdown too.
		prefixes := []string{tagAuthority}
		if by != "" && by != "section" {
			prefixes = append(prefixes, byPrefix)
		}
		withTheme := append(fq[:len(fq):len(fq)], tagQuery(tp, fv.Value))
		_, counts, err := ix.facetSearch(ctx, withTheme, prefixes...)
		if err != nil {
			return nil, fmt.Errorf("themes: %w", err)
		}
		row.Authorities = len(counts[tagAuthority])
		if by != "" {
			if by == "section" {
				// Sections that hold the theme's evidence.
				withTheme := append(sq[:len(sq):len(sq)], tagQuery(tagSectionTheme, fv.Value))
				if _, counts, err = ix.facetSearch(ctx, withTheme, byPrefix); err != nil {
					return nil, fmt.Errorf("themes: %w", err)
				}
			}
			row.By = map[string]int{}
			for _, v := range counts[byPrefix] {
				row.By[v.Value] = v.Count
				cols[v.Value] = true
			}
		}
		tab.Rows = append(tab.Rows, row)
	}
	for c := range cols {
		tab.Columns = append(tab.Columns, c)
	}
	sort.Strings(tab.Columns)
	return tab, nil
}

// Timeliness returns the timeliness figures by year or authority, cached
// until the index changes.
func (ix *Index) Timeliness(ctx context.Context, f corpus.Filter, by string) ([]corpus.TimelinessRow, error) {
	v, err := ix.cache.get(ctx, cacheKey("timeliness:"+by, f), ix.queued(func(ctx context.Context) (any, error) { return ix.timeliness(ctx, f, by) }))
	if err != nil {
		return nil, err
	}
	return append([]corpus.TimelinessRow(nil), v.([]corpus.TimelinessRow)...), nil
}

func (ix *Index) timeliness(ctx context.Context, f corpus.Filter, by string) ([]corpus.TimelinessRow, error) {
	prefix := map[string]string{"year": tagYear, "authority": tagAuthority}[by]
	if prefix == "" {
		return nil, fmt.Errorf("%w: by %q: want year or authority", corpus.ErrInvalid, by)
	}
	fq, err := filterQueries(f, "c")
	if err != nil {
		return nil, err
	}
	_, keys, err := ix.facetSearch(ctx, fq, prefix)
	if err != nil {
		return nil, fmt.Errorf("timeliness: %w", err)
	}
	var rows []corpus.TimelinessRow
	for _, kv := range keys[prefix] {
		_, fs, err := ix.facetSearch(ctx, append(fq[:len(fq):len(fq)], tagQuery(prefix, kv.Value)), tagNotification, tagReviewOnTime, tagHasReview)
		if err != nil {
			return nil, fmt.Errorf("timeliness: %w", err)
		}
		row := corpus.TimelinessRow{Key: kv.Value, Notifications: kv.Count}
		for _, v := range fs[tagHasReview] {
			if v.Value == "yes" {
				row.Reviews = v.Count
			}
		}
		for _, v := range fs[tagNotification] {
			if v.Value != Unknown {
				row.NotificationsKnown += v.Count
			}
			if v.Value == "yes" {
				row.NotificationsOnTime = v.Count
			}
		}
		for _, v := range fs[tagReviewOnTime] {
			if v.Value != Unknown {
				row.ReviewsKnown += v.Count
			}
			if v.Value == "yes" {
				row.ReviewsOnTime = v.Count
			}
		}
		if row.NotificationsKnown > 0 {
			row.NotificationShare = float64(row.NotificationsOnTime) / float64(row.NotificationsKnown)
		}
		if row.ReviewsKnown > 0 {
			row.ReviewShare = float64(row.ReviewsOnTime) / float64(row.ReviewsKnown)
		}
		rows = append(rows, row)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Key < rows[j].Key })
	return rows, nil
}
