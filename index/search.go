package index

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	vellumregexp "github.com/blevesearch/vellum/regexp"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

const maxRegexpLen = 40

// maxFuzziness is the most edits a fuzzy word may have: bleve refuses more.
const maxFuzziness = 2

var (
	fieldNames = map[string]string{
		"authority": "authority", "year": "year", "theme": "themes", "themes": "themes",
		"section": "kind", "kind": "kind", "incident_type": "incident_type", "type": "incident_type",
		"heading": fHeading, "text": fText, "title": fHeading,
	}
	// tagFields are the query fields that are tags, by tag prefix.
	tagFields = map[string]string{
		"authority": tagAuthority, "year": tagYear, "themes": tagTheme, "kind": tagKind, "incident_type": tagIncidentType,
	}
	fieldRE       = regexp.MustCompile(`(^|[\s+\-(])([A-Za-z_]+):`)
	leadingWildRE = regexp.MustCompile(`(^|[\s+\-(:])[*?]`)
	regexpTermRE  = regexp.MustCompile(`/[^/]*/`)
)

// parseText checks a user query and turns it into a bleve query. Words,
// "phrases", -exclusions and field:value work as in bleve's query string
// syntax; unknown fields, leading wildcards and long regular expressions are
// refused with corpus.ErrInvalid. Words search textField: fText, or fRText
// for the researcher view.
func parseText(q, textField string) (query.Query, error) {
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
	parsed, perr := bleve.NewQueryStringQuery(requireAll(q)).Parse()
	if perr != nil {
		return nil, fmt.Errorf("%w: cannot parse query %q: %v", corpus.ErrInvalid, q, perr)
	}
	return toTags(parsed, textField)
}

// toTags rewrites the parts of a parsed query that name tag fields
// (authority:Fife, year:2019, ...) into terms of the tags field, and those
// on the heading into headingOnly queries. Numbers in
// a query string come as a word or a number range: the range is dropped for
// tags, which are words.
func toTags(q query.Query, textField string) (query.Query, error) {
	var err error
	var walk func(q query.Query) query.Query
	walk = func(q query.Query) query.Query {
		switch q := q.(type) {
		case *query.BooleanQuery:
			for _, sub := range []*query.Query{&q.Must, &q.Should, &q.MustNot, &q.Filter} {
				if *sub != nil {
					*sub = walk(*sub)
				}
			}
		case *query.ConjunctionQuery:
			for i := range q.Conjuncts {
				q.Conjuncts[i] = walk(q.Conjuncts[i])
			}
		case *query.DisjunctionQuery:
			for i, d := range q.Disjuncts {
				if nr, ok := d.(*query.NumericRangeQuery); ok && tagFields[nr.Field()] != "" {
					q.Disjuncts[i] = bleve.NewMatchNoneQuery()
					continue
				}
				q.Disjuncts[i] = walk(d)
			}
		case *query.FuzzyQuery:
			if q.Fuzziness > maxFuzziness {
				err = fmt.Errorf("%w: fuzziness %d: at most %d edits (word~1 or word~2)", corpus.ErrInvalid, q.Fuzziness, maxFuzziness)
			}
		case *query.MatchQuery:
			if q.Fuzziness > maxFuzziness {
				err = fmt.Errorf("%w: fuzziness %d: at most %d edits (word~1 or word~2)", corpus.ErrInvalid, q.Fuzziness, maxFuzziness)
			}
			if p := tagFields[q.Field()]; p != "" {
				if q.Fuzziness != 0 {
					err = fmt.Errorf("%w: fuzzy matching (~) works on words, not on %s", corpus.ErrInvalid, q.Field())
				}
				return tagQuery(p, canonicalTag(p, q.Match))
			}
		case *query.MatchPhraseQuery:
			if p := tagFields[q.Field()]; p != "" {
				return tagQuery(p, canonicalTag(p, q.MatchPhrase))
			}
		case *query.WildcardQuery:
			if p := tagFields[q.Field()]; p != "" {
				w := bleve.NewWildcardQuery(p + q.Wildcard)
				w.SetField(fTags)
				return unscored{w}
			}
		case *query.RegexpQuery:
			if _, rerr := vellumregexp.New(q.Regexp); rerr != nil && err == nil {
				err = fmt.Errorf("%w: regular expression /%s/: %v", corpus.ErrInvalid, q.Regexp, rerr)
			}
			if p := tagFields[q.Field()]; p != "" {
				r := bleve.NewRegexpQuery(regexp.QuoteMeta(p) + "(?:" + q.Regexp + ")")
				r.SetField(fTags)
				return unscored{r}
			}
		case *query.NumericRangeQuery:
			if tagFields[q.Field()] != "" {
				err = fmt.Errorf("%w: %s takes a value, not a range (use --from and --to for dates)", corpus.ErrInvalid, q.Field())
			}
		case *query.DateRangeQuery:
			if tagFields[q.Field()] != "" {
				err = fmt.Errorf("%w: %s takes a value, not a range (use --from and --to for dates)", corpus.ErrInvalid, q.Field())
			}
		}
		if f, ok := q.(query.FieldableQuery); ok {
			switch f.Field() {
			case fHeading:
				return engine.HeadingOnly(f, textField)
			case "", fText:
				f.SetField(textField)
			}
		}
		return q
	}
	q = walk(q)
	if err != nil {
		return nil, err
	}
	return q, nil
}

// canonicalTag is a field value as the index holds it: an authority by its
// canonical name whatever variant or case is written (authority:fife,
// authority:Edinburgh), ids in lower case with underscores
// (theme:Substance_Use, section:case management plan).
func canonicalTag(prefix, v string) string {
	switch prefix {
	case tagAuthority:
		if c, ok := corpus.CanonicalAuthority(v); ok {
			return c
		}
	case tagTheme, tagKind, tagIncidentType:
		return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(v)), " ", "_")
	}
	return v
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

// and is the conjunction of qs; a conjunction of one query is the query.
func and(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// sectionOnly reports whether every document q matches has a text or
// heading field, that is, is a section.
func sectionOnly(q query.Query) bool {
	onText := func(field string) bool { return field == "" || field == fText || field == fRText || field == fHeading }
	switch q := q.(type) {
	case *query.BooleanQuery:
		return q.Must != nil && sectionOnly(q.Must)
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			if sectionOnly(c) {
				return true
			}
		}
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			if !sectionOnly(d) {
				return false
			}
		}
		return len(q.Disjuncts) > 0
	case interface{ Field() string }: // words, phrases, terms, patterns
		return onText(q.Field())
	}
	return false
}

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
	add(tagTheme, f.Themes)
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

// facetNames maps tag prefixes to the facets a search returns.
var facetNames = map[string]string{tagAuthority: "authority", tagYear: "year", tagTheme: "theme", tagKind: "section", tagIncidentType: "incident_type"}

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
	v, err := ix.cache.get(ctx, cacheKey("search", q), ix.queued(func(ctx context.Context) (any, error) { return ix.search(ctx, q) }))
	if err != nil {
		return nil, err
	}
	res := *v.(*corpus.SearchResult)
	res.Hits = slices.Clone(res.Hits) // empty, not nil: JSON [] rather than null
	return &res, nil
}

func (ix *Index) search(ctx context.Context, q corpus.Query) (*corpus.SearchResult, error) {
	textField := fText
	if q.Redacted {
		textField = fRText
	}
	byReview := false
	switch q.Group {
	case "", corpus.GroupSection:
	case corpus.GroupReview:
		byReview = true
	default:
		return nil, fmt.Errorf("%w: group %q: want review or section", corpus.ErrInvalid, q.Group)
	}
	text, err := parseText(q.Text, textField)
	if err != nil {
		return nil, err
	}
	fq, err := filterQueries(q.Filter, "s")
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
	if q.Offset < 0 || q.Offset > corpus.MaxOffset {
		return nil, fmt.Errorf("%w: page offset %d out of range (at most %d results can be skipped)", corpus.ErrInvalid, q.Offset, corpus.MaxOffset)
	}
	if sectionOnly(text) {
		// Only sections have text: the type filter would only cost time
		// (a step through 1.2 million postings at 100,000 reviews).
		fq = fq[1:]
	}
	match := and(append(fq, ix.phrases.Rewrite(text, ix.idx.Mapping()))...)

	// Facets are counted once for a question, whatever the page or size.
	fkey := cacheKey("facets", struct {
		Text, Group string
		F           corpus.Filter
		R           bool
	}{q.Text, q.Group, q.Filter, q.Redacted})
	var facets map[string][]corpus.FacetValue
	cached, gen, haveFacets := ix.cache.peek(fkey)
	if haveFacets {
		facets = cached.(map[string][]corpus.FacetValue)
	}
	countTags := !q.NoFacets && !haveFacets
	var y *engine.Tally
	var req *bleve.SearchRequest
	if countTags || byReview {
		y = ix.tables.Tally(match)
		y.CountTags, y.TagsPerGroup = countTags, byReview
		match = y
	}
	if byReview {
		y.Groups, y.GroupOffset, y.PerGroup = size, q.Offset, corpus.SectionsPerReview
		req = bleve.NewSearchRequestOptions(match, 0, 0, false)
	} else {
		req = bleve.NewSearchRequestOptions(match, size, q.Offset, false)
		req.Fields = []string{fHit}
	}
	start := time.Now()
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if countTags {
		counts, err := y.Counts()
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		facets = map[string][]corpus.FacetValue{}
		for p, vals := range facetsOf(counts, tagAuthority, tagYear, tagTheme, tagKind, tagIncidentType) {
			facets[facetNames[p]] = vals
		}
		ix.cache.putAt(fkey, facets, gen)
	}
	out := &corpus.SearchResult{Group: corpus.GroupSection, Total: int(res.Total), TotalSections: int(res.Total),
		Hits: make([]corpus.Hit, 0, len(res.Hits)), Facets: map[string][]corpus.FacetValue{}}
	if !q.NoFacets {
		out.Facets = facets
	}
	if byReview {
		out.Group, out.Total = corpus.GroupReview, y.GroupTotal
		if out.Reviews, err = ix.reviewHits(ctx, y.Page, text, textField, q); err != nil {
			return nil, err
		}
		out.Took = time.Since(start)
		return out, nil
	}
	for _, h := range res.Hits {
		hit := hitOf(h)
		if q.Redacted {
			hit.Heading, hit.Source = hit.redactedHeading, ""
		}
		hit.redactedHeading = ""
		out.Hits = append(out.Hits, hit.Hit)
	}
	if q.Highlight && len(res.Hits) > 0 {
		if err := ix.highlight(ctx, text, textField, out.Hits, res.Hits); err != nil {
			return nil, err
		}
	}
	out.Took = time.Since(start)
	return out, nil
}

// highlight adds snippets to the hits. It runs the text query again over
// the hits' documents only: asking bleve for highlights in the search
// itself makes it gather term positions for every match, not just for the
// page shown (measured: a third of the time of a common word).
func (ix *Index) highlight(ctx context.Context, text query.Query, field string, hits []corpus.Hit, docs search.DocumentMatchCollection) error {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), text), len(ids), 0, false)
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField(field)
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("search: highlight: %w", err)
	}
	frags := make(map[string][]string, len(res.Hits))
	for _, h := range res.Hits {
		frags[h.ID] = h.Fragments[field]
	}
	for i := range hits {
		if f := frags[ids[i]]; len(f) > 0 {
			// The indexed text starts with the heading, shown on its own.
			hits[i].Snippet = strings.TrimPrefix(strings.Join(f, " … "), hits[i].Heading+"\n\n")
		}
	}
	return nil
}

// storedHit is a hit with the researcher view's heading and the review's
// titles beside it.
type storedHit struct {
	corpus.Hit
	redactedHeading      string
	title, redactedTitle string
}

func hitOf(h *search.DocumentMatch) storedHit {
	s, _ := h.Fields[fHit].(string)
	f := decodeHitFields(s)
	return storedHit{corpus.Hit{
		ReviewID: f.ReviewID, Source: f.Source, Authority: f.Authority,
		IncidentDate: f.IncidentDay, IncidentType: f.IncidentType,
		Section: f.Kind, Heading: f.Heading, Themes: f.Themes, Score: h.Score,
	}, f.RedactedHeading, f.Title, f.RedactedTitle}
}

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
	fq, err := filterQueries(f, "r")
	if err != nil {
		return nil, err
	}
	sq, err := filterQueries(f, "s") // for the breakdown by section
	if err != nil {
		return nil, err
	}
	total, fs, err := ix.facetSearch(ctx, fq, tagTheme)
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	tab := &corpus.ThemeTable{TotalReviews: total, By: by}
	cols := map[string]bool{}
	for _, fv := range fs[tagTheme] {
		row := corpus.ThemeRow{Theme: fv.Value, Reviews: fv.Count}
		// One facet search of the theme's reviews gives the authorities
		// and, unless the breakdown is by section, the breakdown too.
		prefixes := []string{tagAuthority}
		if by != "" && by != "section" {
			prefixes = append(prefixes, byPrefix)
		}
		withTheme := append(fq[:len(fq):len(fq)], tagQuery(tagTheme, fv.Value))
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
	fq, err := filterQueries(f, "r")
	if err != nil {
		return nil, err
	}
	_, keys, err := ix.facetSearch(ctx, fq, prefix)
	if err != nil {
		return nil, fmt.Errorf("timeliness: %w", err)
	}
	var rows []corpus.TimelinessRow
	for _, kv := range keys[prefix] {
		_, fs, err := ix.facetSearch(ctx, append(fq[:len(fq):len(fq)], tagQuery(prefix, kv.Value)), tagNotification, tagReviewOnTime)
		if err != nil {
			return nil, fmt.Errorf("timeliness: %w", err)
		}
		row := corpus.TimelinessRow{Key: kv.Value, Reviews: kv.Count}
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
