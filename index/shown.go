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

	"github.com/blevesearch/bleve/v2"
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

// reviewShown are the review's display fields every hit of it carries,
// stored in fShown on the review document.
type reviewShown struct {
	ReviewID, Source, Authority, IncidentDay, IncidentType string
	Themes                                                 []string
	Title, RedactedTitle                                   string
}

const reviewShownFields = 8

func reviewShownOf(r *corpus.Review, themes []string) reviewShown {
	return reviewShown{ReviewID: r.ID, Source: r.Source, Authority: orUnknown(r.Authority), IncidentDay: string(r.IncidentDate),
		IncidentType: orUnknown(r.IncidentType), Themes: themes, Title: r.Title, RedactedTitle: r.RedactedTitle}
}

func (r reviewShown) encode() string {
	return strings.Join([]string{r.ReviewID, r.Source, r.Authority, r.IncidentDay, r.IncidentType, strings.Join(r.Themes, ","),
		r.Title, r.RedactedTitle}, string(engine.TagSep))
}

func decodeReviewShown(v string) reviewShown {
	p := strings.SplitN(v, string(engine.TagSep), reviewShownFields)
	for len(p) < reviewShownFields {
		p = append(p, "")
	}
	r := reviewShown{ReviewID: p[0], Source: p[1], Authority: p[2], IncidentDay: p[3], IncidentType: p[4],
		Title: p[6], RedactedTitle: p[7]}
	if p[5] != "" {
		r.Themes = strings.Split(p[5], ",")
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
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(keys), len(keys), 0, false)
	req.Fields = []string{fShown}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: the reviews of the hits: %w", err)
	}
	for _, h := range res.Hits {
		v, _ := h.Fields[fShown].(string)
		out[h.ID] = decodeReviewShown(v)
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
