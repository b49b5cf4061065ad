package index

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sirlearn/sirlearn/corpus"
)

const maxRegexpLen = 40

var (
	fieldNames = map[string]string{
		"authority": "authority", "year": "year", "theme": "themes", "themes": "themes",
		"section": "kind", "kind": "kind", "incident_type": "incident_type", "type": "incident_type",
		"heading": "heading", "text": "text", "title": "heading",
	}
	fieldRE       = regexp.MustCompile(`(^|[\s+\-(])([A-Za-z_]+):`)
	leadingWildRE = regexp.MustCompile(`(^|[\s+\-(:])[*?]`)
	regexpTermRE  = regexp.MustCompile(`/[^/]*/`)
)

// parseText checks a user query and turns it into a bleve query. Words,
// "phrases", -exclusions and field:value work as in bleve's query string
// syntax; unknown fields, leading wildcards and long regular expressions are
// refused with corpus.ErrInvalid.
func parseText(q string) (query.Query, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return bleve.NewMatchAllQuery(), nil
	}
	if len(q) > corpus.MaxQueryLength {
		return nil, fmt.Errorf("%w: query longer than %d characters", corpus.ErrInvalid, corpus.MaxQueryLength)
	}
	if strings.Count(q, `"`)%2 != 0 {
		return nil, fmt.Errorf("%w: unbalanced quotation marks in %q", corpus.ErrInvalid, q)
	}
	if leadingWildRE.MatchString(q) {
		return nil, fmt.Errorf("%w: a word may not start with * or ? (too expensive)", corpus.ErrInvalid)
	}
	for _, m := range regexpTermRE.FindAllString(q, -1) {
		if len(m) > maxRegexpLen+2 || strings.ContainsAny(m, "*+{") && strings.Count(m, "*")+strings.Count(m, "+")+strings.Count(m, "{") > 2 {
			return nil, fmt.Errorf("%w: regular expression %s is too long or complex", corpus.ErrInvalid, m)
		}
	}
	if strings.Count(q, "*")+strings.Count(q, "?") > 4 {
		return nil, fmt.Errorf("%w: too many wildcards", corpus.ErrInvalid)
	}
	// Map friendly field names to index fields.
	var err error
	q = fieldRE.ReplaceAllStringFunc(q, func(m string) string {
		sub := fieldRE.FindStringSubmatch(m)
		f, ok := fieldNames[strings.ToLower(sub[2])]
		if !ok {
			if err == nil {
				err = fmt.Errorf("%w: unknown field %q (use authority, year, theme, section, incident_type, heading, text)", corpus.ErrInvalid, sub[2])
			}
			return m
		}
		return sub[1] + f + ":"
	})
	if err != nil {
		return nil, err
	}
	qs := bleve.NewQueryStringQuery(requireAll(q))
	if _, perr := qs.Parse(); perr != nil {
		return nil, fmt.Errorf("%w: cannot parse query %q: %v", corpus.ErrInvalid, q, perr)
	}
	return qs, nil
}

// requireAll makes every bare word and phrase required (+), so "home
// visit" finds sections with both words, as people expect; -word and +word
// are left as written.
func requireAll(q string) string {
	var b strings.Builder
	inQuote := false
	start := true
	for _, r := range q {
		if start && !inQuote && r != ' ' && r != '+' && r != '-' {
			b.WriteByte('+')
		}
		if r == '"' {
			inQuote = !inQuote
		}
		start = !inQuote && r == ' '
		b.WriteRune(r)
	}
	return b.String()
}

func termsQuery(field string, values []string) query.Query {
	if len(values) == 1 {
		t := bleve.NewTermQuery(values[0])
		t.SetField(field)
		return t
	}
	var qs []query.Query
	for _, v := range values {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		qs = append(qs, t)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// filterQueries returns the conjuncts a filter adds for documents of typ.
func filterQueries(f corpus.Filter, typ string) ([]query.Query, error) {
	qs := []query.Query{typeQuery(typ)}
	add := func(field string, vals []string) {
		if len(vals) > 0 {
			qs = append(qs, termsQuery(field, vals))
		}
	}
	add("themes", f.Themes)
	add("authority", f.Authorities)
	add("incident_type", f.IncidentTypes)
	add("year", f.Years)
	if typ == typeSection {
		add("kind", f.Sections)
	}
	if f.From != "" || f.To != "" {
		var from, to time.Time
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
			to = to.Add(24*time.Hour - time.Nanosecond)
		}
		incl := true
		dq := bleve.NewDateRangeInclusiveQuery(from, to, &incl, &incl)
		dq.SetField("incident_date")
		qs = append(qs, dq)
	}
	return qs, nil
}

// splitFacets turns the joined-key facet into the authority, year,
// incident_type and section facets; theme passes through.
func splitFacets(in map[string][]corpus.FacetValue) map[string][]corpus.FacetValue {
	out := map[string][]corpus.FacetValue{}
	if th, ok := in["theme"]; ok {
		out["theme"] = th
	}
	fk, ok := in["fkey"]
	if !ok {
		return out
	}
	counts := map[string]map[string]int{"authority": {}, "year": {}, "incident_type": {}, "section": {}}
	for _, v := range fk {
		a, y, it, k, ok := splitFacetKey(v.Value)
		if !ok {
			continue
		}
		counts["authority"][a] += v.Count
		counts["year"][y] += v.Count
		counts["incident_type"][it] += v.Count
		counts["section"][k] += v.Count
	}
	for name, m := range counts {
		vals := make([]corpus.FacetValue, 0, len(m))
		for val, n := range m {
			vals = append(vals, corpus.FacetValue{Value: val, Count: n})
		}
		sortFacet(vals)
		out[name] = vals
	}
	return out
}

func sortFacet(vals []corpus.FacetValue) {
	sort.SliceStable(vals, func(i, j int) bool {
		if vals[i].Count != vals[j].Count {
			return vals[i].Count > vals[j].Count
		}
		return vals[i].Value < vals[j].Value
	})
}

// Search runs a full-text query over sections. Answers are cached until the
// index changes; the caller gets its own copy of the hits.
func (ix *Index) Search(ctx context.Context, q corpus.Query) (*corpus.SearchResult, error) {
	v, err := ix.cache.get(cacheKey("search", q), func() (any, error) { return ix.search(ctx, q) })
	if err != nil {
		return nil, err
	}
	res := *v.(*corpus.SearchResult)
	res.Hits = append([]corpus.Hit(nil), res.Hits...)
	return &res, nil
}

func (ix *Index) search(ctx context.Context, q corpus.Query) (*corpus.SearchResult, error) {
	text, err := parseText(q.Text)
	if err != nil {
		return nil, err
	}
	fq, err := filterQueries(q.Filter, typeSection)
	if err != nil {
		return nil, err
	}
	size := q.Size
	if size <= 0 {
		size = 10
	}
	if size > corpus.MaxSearchSize {
		size = corpus.MaxSearchSize
	}
	if q.Offset < 0 || q.Offset > 10000 {
		return nil, fmt.Errorf("%w: page offset %d out of range", corpus.ErrInvalid, q.Offset)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(append(fq, text)...), size, q.Offset, false)
	req.Fields = []string{"review_id", "authority", "incident_day", "incident_type", "kind", "heading", "themes", "source"}
	if q.Highlight {
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField("text")
	}
	if !q.NoFacets {
		// Two doc-value reads per hit instead of five: the joined key and
		// the multi-valued themes.
		req.AddFacet("fkey", bleve.NewFacetRequest("fkey", 100000))
		req.AddFacet("theme", bleve.NewFacetRequest("themes", 40))
	}
	start := time.Now()
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := &corpus.SearchResult{Total: int(res.Total), Hits: make([]corpus.Hit, 0, len(res.Hits)), Facets: splitFacets(facetsOf(res.Facets)), Took: time.Since(start)}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hitOf(h))
	}
	return out, nil
}

func str(fields map[string]interface{}, k string) string {
	s, _ := fields[k].(string)
	return s
}

func strs(fields map[string]interface{}, k string) []string {
	switch v := fields[k].(type) {
	case string:
		return []string{v}
	case []interface{}:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func hitOf(h *search.DocumentMatch) corpus.Hit {
	hit := corpus.Hit{
		ReviewID: str(h.Fields, "review_id"), Source: str(h.Fields, "source"), Authority: str(h.Fields, "authority"),
		IncidentDate: str(h.Fields, "incident_day"), IncidentType: str(h.Fields, "incident_type"),
		Section: str(h.Fields, "kind"), Heading: str(h.Fields, "heading"), Themes: strs(h.Fields, "themes"), Score: h.Score,
	}
	if frags := h.Fragments["text"]; len(frags) > 0 {
		hit.Snippet = strings.Join(frags, " … ")
		// The indexed text starts with the heading, shown on its own.
		hit.Snippet = strings.TrimPrefix(hit.Snippet, hit.Heading+"\n\n")
	}
	return hit
}

func facetsOf(fr search.FacetResults) map[string][]corpus.FacetValue {
	out := map[string][]corpus.FacetValue{}
	for name, f := range fr {
		vals := []corpus.FacetValue{}
		if f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				vals = append(vals, corpus.FacetValue{Value: t.Term, Count: t.Count})
			}
		}
		sortFacet(vals)
		out[name] = vals
	}
	return out
}

var byFields = map[string]string{"authority": "authority", "year": "year", "section": "section_themes", "incident_type": "incident_type"}

// Themes counts reviews per theme under the filter, optionally broken down
// by authority, year, section or incident type. Answers are cached until the
// index changes.
func (ix *Index) Themes(ctx context.Context, f corpus.Filter, by string) (*corpus.ThemeTable, error) {
	v, err := ix.cache.get(cacheKey("themes:"+by, f), func() (any, error) { return ix.themes(ctx, f, by) })
	if err != nil {
		return nil, err
	}
	tab := *v.(*corpus.ThemeTable)
	tab.Rows = append([]corpus.ThemeRow(nil), tab.Rows...)
	return &tab, nil
}

func (ix *Index) themes(ctx context.Context, f corpus.Filter, by string) (*corpus.ThemeTable, error) {
	if _, ok := byFields[by]; by != "" && !ok {
		return nil, fmt.Errorf("%w: --by %q: want authority, year, section or incident_type", corpus.ErrInvalid, by)
	}
	fq, err := filterQueries(f, typeReview)
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(fq...), 0, 0, false)
	req.AddFacet("themes", bleve.NewFacetRequest("themes", 100))
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	tab := &corpus.ThemeTable{TotalReviews: int(res.Total), By: by}
	cols := map[string]bool{}
	for _, fv := range facetsOf(res.Facets)["themes"] {
		row := corpus.ThemeRow{Theme: fv.Value, Reviews: fv.Count}
		tq := bleve.NewTermQuery(fv.Value)
		tq.SetField("themes")
		typ := typeReview
		if by == "section" {
			// Sections that hold the theme's evidence.
			tq.SetField("section_themes")
			typ = typeSection
		}
		q2, err := filterQueries(f, typ)
		if err != nil {
			return nil, err
		}
		r2 := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(append(q2, tq)...), 0, 0, false)
		r2.AddFacet("authority", bleve.NewFacetRequest("authority", 40))
		if by != "" {
			field := byFields[by]
			if by == "section" {
				field = "kind"
			}
			r2.AddFacet("by", bleve.NewFacetRequest(field, 40))
		}
		res2, err := ix.idx.SearchInContext(ctx, r2)
		if err != nil {
			return nil, fmt.Errorf("themes: %w", err)
		}
		fs := facetsOf(res2.Facets)
		row.Authorities = len(fs["authority"])
		if by != "" {
			row.By = map[string]int{}
			for _, v := range fs["by"] {
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
	v, err := ix.cache.get(cacheKey("timeliness:"+by, f), func() (any, error) { return ix.timeliness(ctx, f, by) })
	if err != nil {
		return nil, err
	}
	return append([]corpus.TimelinessRow(nil), v.([]corpus.TimelinessRow)...), nil
}

func (ix *Index) timeliness(ctx context.Context, f corpus.Filter, by string) ([]corpus.TimelinessRow, error) {
	field := map[string]string{"year": "year", "authority": "authority"}[by]
	if field == "" {
		return nil, fmt.Errorf("%w: by %q: want year or authority", corpus.ErrInvalid, by)
	}
	fq, err := filterQueries(f, typeReview)
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(fq...), 0, 0, false)
	req.AddFacet("keys", bleve.NewFacetRequest(field, 100))
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("timeliness: %w", err)
	}
	var rows []corpus.TimelinessRow
	for _, kv := range facetsOf(res.Facets)["keys"] {
		kq := bleve.NewTermQuery(kv.Value)
		kq.SetField(field)
		r2 := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(append(fq, kq)...), 0, 0, false)
		r2.AddFacet("n", bleve.NewFacetRequest("notification_on_time", 3))
		r2.AddFacet("r", bleve.NewFacetRequest("review_on_time", 3))
		res2, err := ix.idx.SearchInContext(ctx, r2)
		if err != nil {
			return nil, fmt.Errorf("timeliness: %w", err)
		}
		row := corpus.TimelinessRow{Key: kv.Value, Reviews: kv.Count}
		fs := facetsOf(res2.Facets)
		for _, v := range fs["n"] {
			if v.Value != "unknown" {
				row.NotificationsKnown += v.Count
			}
			if v.Value == "yes" {
				row.NotificationsOnTime = v.Count
			}
		}
		for _, v := range fs["r"] {
			if v.Value != "unknown" {
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
