package index

// Building a review's bleve documents.

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/document"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/index/internal/engine"
)

func boolWord(b *bool) string {
	switch {
	case b == nil:
		return "unknown"
	case *b:
		return "yes"
	}
	return "no"
}

// Unknown is the facet value of a missing authority, year or type.
const Unknown = "unknown"

func orUnknown(s string) string {
	if s == "" {
		return Unknown
	}
	return s
}

// tagList builds a tags field value.
type tagList []byte

func (t *tagList) add(prefix, value string) {
	if len(*t) > 0 {
		*t = append(*t, engine.TagSep)
	}
	*t = append(append(*t, prefix...), value...)
}

// addHandling adds the tags of how a review or case was handled: its
// timeliness, order and MAPPA status.
func (t *tagList) addHandling(m *corpus.Metadata) {
	t.add(tagNotification, boolWord(m.NotificationOnTime))
	t.add(tagReviewOnTime, boolWord(m.ReviewOnTime))
	t.add(tagOrder, orUnknown(m.Order))
	t.add(tagMAPPA, corpus.MAPPAText(m.MAPPA))
}

// docsFor builds the review's documents. They are built directly rather
// than mapped from a struct by bleve's reflection, from sirlearn's own
// fields (see field).
//
// r is the review as extracted, which is what is stored; eff is its
// confirmed view (the inspectors' decisions applied), which the tags and
// hit fields are made from, so that counts and facets follow the decisions.
// view is what linking cases reads of the review (linkView), made from the
// same themes as the stored line slimReview reads it from.
func (an analyzers) docsFor(r, eff *corpus.Review) (rd *document.Document, secs []*document.Document, view *corpus.Review, err error) {
	// The stored review leaves out the section texts, which the section
	// documents store already (Review puts them back).
	bare := *r
	bare.Sections = make([]corpus.Section, len(r.Sections))
	for i, s := range r.Sections {
		bare.Sections[i] = corpus.Section{Kind: s.Kind, Heading: s.Heading, RedactedHeading: s.RedactedHeading, Page: s.Page, PageStarts: s.PageStarts}
	}
	raw, err := json.Marshal(&bare)
	if err != nil {
		return nil, nil, nil, err
	}
	var common tagList
	common.add(tagAuthority, orUnknown(r.Authority))
	common.add(tagOrder, orUnknown(r.Order))
	common.add(tagMAPPA, corpus.MAPPAText(r.MAPPA))
	common.add(tagYear, orUnknown(r.IncidentDate.Year()))
	common.add(tagIncidentType, orUnknown(r.IncidentType))
	if d := string(r.IncidentDate); validDay(d) {
		common.add(tagDay, d)
		common.add(tagMonth, d[:7])
	}
	themes := make([]string, 0, len(eff.Themes))
	ids := make([]corpus.ThemeID, 0, len(eff.Themes))
	for _, t := range eff.Themes {
		themes = append(themes, string(t.ID))
		ids = append(ids, t.ID)
		common.add(tagTheme, string(t.ID))
	}
	confirmed := corpus.ConfirmedThemes(eff)
	for _, t := range confirmed {
		common.add(tagConfirmed, string(t))
	}
	rt := append(tagList(nil), common...)
	rt.add(tagType, "r")
	rt.add(tagDocKind, string(documentKind(r)))
	for _, k := range corpus.CaseKeys(r) {
		rt.add(tagCaseKey, k)
	}
	rt.add(tagNotification, boolWord(r.NotificationOnTime))
	rt.add(tagReviewOnTime, boolWord(r.ReviewOnTime))
	strengths := strengthsOf(eff)
	rd = document.NewDocument(docKey(r.ID)).
		AddField(engine.NewField(fID, []byte(r.ID), optStored, nil)).
		AddField(engine.NewField(fTags, rt, optTags, an.tags)).
		AddField(engine.NewField(fRaw, raw, optStored, nil)).
		AddField(engine.NewField(fSource, []byte(r.Source), optStored, nil)).
		AddField(engine.NewField(fNumSecs, []byte(strconv.Itoa(len(r.Sections))), optStored, nil)).
		AddField(engine.NewField(fThemes, []byte(themeField(themes, confirmed, strengths)), optStored, nil)).
		AddField(engine.NewField(fShown, []byte(reviewShownOf(r).encode()), optStored, nil))

	secs = make([]*document.Document, 0, len(r.Sections))
	for i, s := range r.Sections {
		// The heading, then the text (see engine.HeadingBase), built in one copy.
		text := make([]byte, 0, len(s.Heading)+2+len(s.Text))
		if s.Heading != "" {
			text = append(append(text, s.Heading...), "\n\n"...)
		}
		text = append(text, s.Text...)
		st := append(tagList(nil), common...)
		st.add(tagType, "s")
		st.add(tagKind, string(s.Kind))
		pols := map[corpus.Polarity]bool{}
		for _, t := range eff.Themes {
			for _, e := range t.Evidence {
				if e.Section == s.Kind && strings.Contains(s.Text, firstWords(e.Text)) {
					st.add(tagSectionTheme, string(t.ID))
					pols[e.Polarity] = true
					break
				}
			}
		}
		for _, p := range []corpus.Polarity{corpus.Concern, corpus.Strength} {
			if pols[p] {
				st.add(tagPolarity, string(p))
			}
		}
		hf := sectionShown{Kind: string(s.Kind), Heading: s.Heading, RedactedHeading: s.RedactedHeading, Page: s.Page}
		tf := engine.NewField(fText, text, optText, an.english)
		tf.Head = len(s.Heading)
		// The researcher view, laid out the same way.
		rtext := make([]byte, 0, len(s.RedactedHeading)+2+len(s.RedactedText))
		if s.RedactedHeading != "" {
			rtext = append(append(rtext, s.RedactedHeading...), "\n\n"...)
		}
		rtext = append(rtext, s.RedactedText...)
		rf := engine.NewField(fRText, rtext, optText, an.english)
		rf.Head = len(s.RedactedHeading)
		sd := document.NewDocument(sectionID(r.ID, i)).
			AddField(engine.NewField(fTags, st, optTags, an.tags)).
			AddField(tf).
			AddField(rf).
			AddField(engine.NewField(fHit, []byte(hf.encode()), optStored, nil))
		secs = append(secs, sd)
	}
	return rd, secs, linkView(*r, ids, confirmed, strengths), nil
}

// validDay reports whether d is a YYYY-MM-DD date.
func validDay(d string) bool {
	_, err := time.Parse(time.DateOnly, d)
	return err == nil
}

func firstWords(s string) string {
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

// docKey is the document id of a review in bleve: the review id, cut to 20
// hex digits (80 bits) when it is a long content hash. bleve looks every
// id of a batch up in every segment to find the documents it replaces and
// keeps every id in a dictionary; with 64-digit ids at 100,000 reviews that
// lookup was 5% of indexing. Two of a million reviews share 80 bits of a
// SHA-256 with odds of about 1 in 10^12; the "~" keeps a cut id apart from
// any short one.
func docKey(reviewID string) string {
	if len(reviewID) > 24 {
		return reviewID[:20] + "~"
	}
	return reviewID
}

// sectionID is the document id of a review's i-th section.
func sectionID(reviewID string, i int) string { return docKey(reviewID) + "/" + strconv.Itoa(i) }

// keyOf returns the review's document key of a section document id.
func keyOf(sectionDocID string) string {
	if i := strings.LastIndexByte(sectionDocID, '/'); i >= 0 {
		return sectionDocID[:i]
	}
	return sectionDocID
}

// themeField is the stored line of a review's confirmed-view themes, and
// after bars those an inspector confirmed and those it credits as
// strengths: what linking cases reads.
func themeField(themes []string, confirmed, strengths []corpus.ThemeID) string {
	join := func(ts []corpus.ThemeID) string {
		c := make([]string, len(ts))
		for i, t := range ts {
			c[i] = string(t)
		}
		return strings.Join(c, ",")
	}
	return strings.Join(themes, ",") + "|" + join(confirmed) + "|" + join(strengths)
}

// strengthsOf lists the themes a review credits as strengths.
func strengthsOf(r *corpus.Review) []corpus.ThemeID {
	var out []corpus.ThemeID
	seen := map[corpus.ThemeID]bool{}
	for _, t := range r.Themes {
		for _, e := range t.Evidence {
			if e.Polarity == corpus.Strength && e.About != "" && !seen[e.About] {
				seen[e.About] = true
				out = append(out, e.About)
			}
		}
	}
	return out
}

// parseThemeField reads themeField's line; ok is false for a review stored
// before it was written.
func parseThemeField(v any) (themes, confirmed, strengths []corpus.ThemeID, ok bool) {
	s, isStr := v.(string)
	if !isStr {
		return nil, nil, nil, false
	}
	parts := strings.SplitN(s, "|", 3)
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	split := func(x string) []corpus.ThemeID {
		var out []corpus.ThemeID
		for _, t := range strings.Split(x, ",") {
			if t != "" {
				out = append(out, corpus.ThemeID(t))
			}
		}
		return out
	}
	return split(parts[0]), split(parts[1]), split(parts[2]), true
}
