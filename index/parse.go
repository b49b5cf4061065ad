package index

// Reading a user's query: the syntax, the fields, canonical values.

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	vellumregexp "github.com/blevesearch/vellum/regexp"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

const maxRegexpLen = 40

// minLiteralPrefix is how many letters a wildcard word or a regular
// expression must open with: fewer expand to a large share of the
// dictionary ("a*" matched every section of 10,000 reviews in 240 ms,
// "/.*/" in 1.8 s).
const minLiteralPrefix = 2

// literalPrefix counts the letters and digits a regular expression opens
// with before any operator, class or escape; a quantifier after the last
// of them makes it optional, so it does not count.
func literalPrefix(re string) int {
	n := 0
	for _, r := range re {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if strings.ContainsRune("*?{", r) && n > 0 {
				n--
			}
			return n
		}
		n++
	}
	return n
}

// maxFuzziness is the most edits a fuzzy word may have: bleve refuses more.
const maxFuzziness = 2

var (
	fieldNames = map[string]string{
		"authority": "authority", "year": "year", "theme": "themes", "themes": "themes",
		"section": "kind", "kind": "kind", "incident_type": "incident_type", "type": "incident_type",
		"heading": fHeading, "text": fText, "title": fHeading,
		"order": "order", "mappa": "mappa", "polarity": "polarity",
	}
	// tagFields are the query fields that are tags, by tag prefix.
	tagFields = map[string]string{
		"authority": tagAuthority, "year": tagYear, "themes": tagTheme, "kind": tagKind, "incident_type": tagIncidentType,
		"order": tagOrder, "mappa": tagMAPPA, "polarity": tagPolarity,
	}
	fieldRE       = regexp.MustCompile(`(^|[\s+\-(])([A-Za-z_]+):`)
	leadingWildRE = regexp.MustCompile(`(^|[\s+\-(:])[*?]`)
	regexpTermRE  = regexp.MustCompile(`/[^/]*/`)
	// shortWildRE finds a wildcard after fewer than minLiteralPrefix
	// letters: "a*", "b?t".
	shortWildRE = regexp.MustCompile(`(^|[\s+\-(:"])[\p{L}\p{N}][*?]`)
)

// parseText checks a user query and turns it into a bleve query. Words,
// "phrases", -exclusions and field:value work as in bleve's query string
// syntax; unknown fields, leading wildcards and long regular expressions are
// refused with corpus.ErrInvalid. Words search textField: fText, or fRText
// for the researcher view.
//
// OR (or ||), AND and parentheses group: "home visit" OR (contact -phone).
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
	if needsTree(q) {
		return parseTree(q, textField)
	}
	return parseLeaf(q, textField)
}

// parseLeaf parses a query without OR or parentheses.
func parseLeaf(q, textField string) (query.Query, error) {
	if strings.Count(q, `"`)%2 != 0 {
		return nil, fmt.Errorf("%w: unbalanced quotation marks in %q", corpus.ErrInvalid, q)
	}
	if leadingWildRE.MatchString(q) {
		return nil, fmt.Errorf("%w: a word may not start with * or ? (too expensive)", corpus.ErrInvalid)
	}
	if shortWildRE.MatchString(q) {
		return nil, fmt.Errorf("%w: a word needs at least %d letters before * or ? (too expensive)", corpus.ErrInvalid, minLiteralPrefix)
	}
	for _, m := range regexpTermRE.FindAllString(q, -1) {
		if len(m) > maxRegexpLen+2 || strings.ContainsAny(m, "*+{") && strings.Count(m, "*")+strings.Count(m, "+")+strings.Count(m, "{") > 2 {
			return nil, fmt.Errorf("%w: regular expression %s is too long or complex", corpus.ErrInvalid, m)
		}
		// "/.*/" or "/[a-z]+/" walks every word of the index: a regular
		// expression must open with letters of its own, as a wildcard must.
		if literalPrefix(m[1:len(m)-1]) < minLiteralPrefix {
			return nil, fmt.Errorf("%w: regular expression %s must start with at least %d letters (too expensive)", corpus.ErrInvalid, m, minLiteralPrefix)
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
				err = fmt.Errorf("%w: unknown field %q (use %s)", corpus.ErrInvalid, sub[2], strings.Join(QueryFields(), ", "))
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
				v, cerr := canonicalTag(p, q.Match)
				if cerr != nil && err == nil {
					err = cerr
				}
				return tagQuery(p, v)
			}
		case *query.MatchPhraseQuery:
			if p := tagFields[q.Field()]; p != "" {
				v, cerr := canonicalTag(p, q.MatchPhrase)
				if cerr != nil && err == nil {
					err = cerr
				}
				return tagQuery(p, v)
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
//
// A value that names no authority, section kind or incident type is an
// error naming the nearest valid ones, not a silent zero.
func canonicalTag(prefix, v string) (string, error) {
	id := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(v)), " ", "_")
	switch prefix {
	case tagAuthority:
		c, err := corpus.CheckFilter(corpus.Filter{Authorities: []string{v}}, nil)
		if err != nil {
			return v, err
		}
		return c.Authorities[0], nil
	case tagKind:
		_, err := corpus.CheckFilter(corpus.Filter{Sections: []string{v}}, nil)
		return id, err
	case tagIncidentType:
		_, err := corpus.CheckFilter(corpus.Filter{IncidentTypes: []string{v}}, nil)
		return id, err
	case tagTheme:
		return id, nil // the taxonomy may hold themes of its own
	case tagOrder:
		for _, o := range corpus.Orders() {
			if o == id {
				return id, nil
			}
		}
		return id, fmt.Errorf("%w: order %q is not known; want one of %s", corpus.ErrInvalid, v, strings.Join(corpus.Orders(), ", "))
	case tagMAPPA:
		return strings.ToLower(strings.TrimSpace(v)), nil
	case tagPolarity:
		if id != string(corpus.Concern) && id != string(corpus.Strength) {
			return id, fmt.Errorf("%w: polarity %q: want concern or strength", corpus.ErrInvalid, v)
		}
		return id, nil
	}
	return v, nil
}

// QueryFields lists the field names a query may use, for help texts.
func QueryFields() []string {
	return []string{"authority", "year", "theme", "section", "incident_type", "order", "mappa", "polarity", "heading", "text"}
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
