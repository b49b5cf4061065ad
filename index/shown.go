package index

// The display fields a search hit shows, stored apart: a section document
// stores only its own (kind, headings, page) and the review document the
// review's (title, authority, date, themes...), read once per review on a
// page. Stored on every section, the review's fields were a quarter of the
// index at 100,000 reviews, and every byte of the index is memory a
// long-running server ends up mapping.

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

// sectionShown are a section document's own display fields, stored in fHit.
type sectionShown struct {
	Kind, Heading, RedactedHeading string
	Page                           int // the section starts on
}

func (s sectionShown) encode() string {
	return strings.Join([]string{s.Kind, s.Heading, s.RedactedHeading, strconv.Itoa(s.Page)}, string(engine.TagSep))
}

func decodeSectionShown(v string) sectionShown {
	p := strings.SplitN(v, string(engine.TagSep), 4)
	for len(p) < 4 {
		p = append(p, "")
	}
	s := sectionShown{Kind: p[0], Heading: p[1], RedactedHeading: p[2]}
	s.Page, _ = strconv.Atoi(p[3])
	return s
}

// pageOfHit reads the page from a section's fHit line, in this layout or
// in the one before schema 9 (13 fields, the page twelfth); 0 when it has
// none.
func pageOfHit(v string) int {
	p := strings.Split(v, string(engine.TagSep))
	var page string
	switch len(p) {
	case 4:
		page = p[3]
	case 13:
		page = p[11]
	}
	n, _ := strconv.Atoi(page)
	return n
}

// reviewShown are the review's display fields every hit of it carries. The
// review document stores its id (fID), source (fSource) and themes
// (fThemes) already; fShown adds the rest.
type reviewShown struct {
	ReviewID, Source, Authority, IncidentDay, IncidentType string
	Themes                                                 []string
	Title, RedactedTitle                                   string
}

const shownParts = 5

func reviewShownOf(r *corpus.Review) reviewShown {
	return reviewShown{Authority: orUnknown(r.Authority), IncidentDay: string(r.IncidentDate),
		IncidentType: orUnknown(r.IncidentType), Title: r.Title, RedactedTitle: r.RedactedTitle}
}

// encode is the fShown line: the fields the review document has nowhere else.
func (r reviewShown) encode() string {
	return strings.Join([]string{r.Authority, r.IncidentDay, r.IncidentType, r.Title, r.RedactedTitle}, string(engine.TagSep))
}

// reviewShownFrom reads a review document's display fields from its stored
// fields (fID, fSource, fThemes and fShown).
func reviewShownFrom(fields map[string]interface{}) reviewShown {
	v, _ := fields[fShown].(string)
	p := strings.SplitN(v, string(engine.TagSep), shownParts)
	for len(p) < shownParts {
		p = append(p, "")
	}
	r := reviewShown{Authority: p[0], IncidentDay: p[1], IncidentType: p[2], Title: p[3], RedactedTitle: p[4]}
	r.ReviewID, _ = fields[fID].(string)
	r.Source, _ = fields[fSource].(string)
	if themes, _, _, ok := parseThemeField(fields[fThemes]); ok {
		for _, t := range themes {
			r.Themes = append(r.Themes, string(t))
		}
	}
	return r
}

// reviewsShown reads the display fields of the reviews the section hits
// belong to, by review document key, in one lookup.
func (ix *Index) reviewsShown(ctx context.Context, hits search.DocumentMatchCollection) (map[string]reviewShown, error) {
	keys := make([]string, 0, len(hits))
	seen := make(map[string]bool, len(hits))
	for _, h := range hits {
		if k := keyOf(h.ID); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	out := make(map[string]reviewShown, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	docs, err := ix.storedByKey(ctx, keys, fID, fSource, fThemes, fShown)
	if err != nil {
		return nil, fmt.Errorf("search: the reviews of the hits: %w", err)
	}
	for _, h := range docs {
		out[h.ID] = reviewShownFrom(h.Fields)
	}
	return out, nil
}

// storedHit is a hit with its review's title.
type storedHit struct {
	corpus.Hit
	title string
}

// hitOf makes a section hit from its stored display fields and its
// review's, in the researcher view when redacted: the redacted heading and
// title, and no source path. ok is false when the review is not among
// reviews: replaced between the two lookups, the next search has it as it
// is now.
func hitOf(h *search.DocumentMatch, reviews map[string]reviewShown, redacted bool) (hit storedHit, ok bool) {
	r, ok := reviews[keyOf(h.ID)]
	if !ok {
		return storedHit{}, false
	}
	v, _ := h.Fields[fHit].(string)
	s := decodeSectionShown(v)
	hit = storedHit{corpus.Hit{
		ReviewID: r.ReviewID, Source: r.Source, Authority: r.Authority,
		IncidentDate: r.IncidentDay, IncidentType: r.IncidentType,
		Section: s.Kind, Heading: s.Heading, Themes: r.Themes, Score: h.Score, Page: s.Page,
	}, r.Title}
	if redacted {
		hit.Heading, hit.Source, hit.title = s.RedactedHeading, "", r.RedactedTitle
	}
	return hit, true
}
