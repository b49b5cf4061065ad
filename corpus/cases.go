package corpus

import (
	"sort"
	"strings"
)

// CaseKeys returns what can link a document to the other documents of its
// incident: its case reference, and its authority, incident date and
// subject label together. A document an inspector placed by hand has only
// its manual key. A document with neither links to nothing but itself.
func CaseKeys(r *Review) []string {
	if r.CaseManual && r.Case != "" {
		return []string{"manual:" + r.Case}
	}
	var keys []string
	if r.CaseReference != "" {
		keys = append(keys, "ref:"+r.CaseReference)
	}
	if r.Authority != "" && r.IncidentDate != "" && r.Subject != "" {
		keys = append(keys, "incident:"+strings.ToLower(r.Authority+"|"+string(r.IncidentDate)+"|"+r.Subject))
	}
	return keys
}

// LinkCases groups documents into cases: documents that share a key belong
// together, unless both carry case references and the references differ
// (two incidents of one person on one day are two cases). Each group is a
// list of indexes into docs, in input order; groups are ordered by their
// first member.
func LinkCases(docs []*Review) [][]int {
	parent := make([]int, len(docs))
	refs := make([]map[string]bool, len(docs)) // the references of each root's group
	for i, d := range docs {
		parent[i] = i
		refs[i] = map[string]bool{}
		if d.CaseReference != "" && !(d.CaseManual && d.Case != "") {
			refs[i][d.CaseReference] = true
		}
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if len(refs[ra]) > 0 && len(refs[rb]) > 0 {
			for r := range refs[rb] {
				if !refs[ra][r] {
					return // different references: different incidents
				}
			}
		}
		if rb < ra {
			ra, rb = rb, ra
		}
		parent[rb] = ra
		for r := range refs[rb] {
			refs[ra][r] = true
		}
	}
	// Reference keys first, so that a shared incident key cannot join two
	// references before each has gathered its own documents.
	byKey := map[string]int{}
	for pass := 0; pass < 2; pass++ {
		for i, d := range docs {
			for _, k := range CaseKeys(d) {
				if strings.HasPrefix(k, "ref:") != (pass == 0) {
					continue
				}
				if j, ok := byKey[k]; ok {
					union(j, i)
				} else {
					byKey[k] = i
				}
			}
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i := range docs {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	sort.Ints(roots)
	out := make([][]int, 0, len(roots))
	for _, r := range roots {
		out = append(out, groups[r])
	}
	return out
}

// CaseID names the case of a group of document ids: the manual id an
// inspector gave, else "c-" and the first 12 digits of the smallest
// document id, so that it stays the same while the group does.
func CaseID(docs []*Review) string {
	min := ""
	for _, d := range docs {
		if d.CaseManual && d.Case != "" {
			return d.Case
		}
		if min == "" || d.ID < min {
			min = d.ID
		}
	}
	if len(min) > 12 {
		min = min[:12]
	}
	return "c-" + min
}

// MergeCase builds the case of a group of documents: its members, the
// metadata the documents agree on (a review's over a notification's, the
// notification's dates where the review gives none) and the themes its
// reviews raise. cal recomputes the timeliness figures.
func MergeCase(docs []*Review, cal *Calendar) *Case {
	c := &Case{ID: CaseID(docs)}
	sorted := append([]*Review(nil), docs...)
	rank := func(k DocumentKind) int {
		switch k {
		case KindCaseReview, "":
			return 0
		case KindLearningReview:
			return 1
		}
		return 2
	}
	sort.SliceStable(sorted, func(i, j int) bool { return rank(sorted[i].DocumentKind) < rank(sorted[j].DocumentKind) })
	themes, confirmed, strengths := map[ThemeID]bool{}, map[ThemeID]bool{}, map[ThemeID]bool{}
	kinds := map[DocumentKind]bool{}
	m := &c.Metadata
	for _, d := range sorted {
		k := d.DocumentKind
		if k == "" {
			k = KindCaseReview
		}
		c.Documents = append(c.Documents, CaseMember{ID: d.ID, Source: d.Source, Kind: k, Title: d.Title})
		kinds[k] = true
		if c.Reference == "" {
			c.Reference = d.CaseReference
		}
		if c.Subject == "" {
			c.Subject = d.Subject
		}
		fill := func(dst *string, src string) {
			if *dst == "" {
				*dst = src
			}
		}
		fill(&m.Authority, d.Authority)
		fill(&m.IncidentType, d.IncidentType)
		fill(&m.Order, d.Order)
		if m.IncidentDate == "" {
			m.IncidentDate = d.IncidentDate
		}
		if m.AwareDate == "" {
			m.AwareDate = d.AwareDate
		}
		if m.NotificationDate == "" || k == KindNotification && d.NotificationDate != "" {
			m.NotificationDate = d.NotificationDate
		}
		// The review's submission date is the Part One's.
		if m.SubmittedDate == "" && k != KindNotification {
			m.SubmittedDate = d.SubmittedDate
		}
		if m.MAPPA == nil {
			m.MAPPA = d.MAPPA
		}
		if k.IsReview() {
			for _, t := range d.Themes {
				themes[t.ID] = true
			}
			for _, t := range ConfirmedThemes(d) {
				confirmed[t] = true
			}
			for _, t := range d.Themes {
				for _, e := range t.Evidence {
					if e.Polarity == Strength && e.About != "" {
						strengths[e.About] = true
					}
				}
			}
		}
	}
	if len(c.Documents) > 0 {
		key := CaseKeys(docs[0])
		if len(key) > 0 {
			c.Key = key[0]
		} else {
			c.Key = "doc:" + docs[0].ID
		}
	}
	for _, id := range ThemeIDs() {
		if confirmed[id] {
			c.Confirmed = append(c.Confirmed, id)
		}
		if strengths[id] {
			c.Strengths = append(c.Strengths, id)
		}
		if themes[id] {
			c.Themes = append(c.Themes, id)
			delete(themes, id)
		}
	}
	var extra []string
	for id := range themes {
		extra = append(extra, string(id))
	}
	sort.Strings(extra)
	for _, id := range extra {
		c.Themes = append(c.Themes, ThemeID(id))
	}
	for _, k := range []DocumentKind{KindNotification, KindCaseReview, KindLearningReview} {
		if kinds[k] {
			c.Kinds = append(c.Kinds, k)
		}
	}
	// The timeliness figures: worked out again from the merged dates, or,
	// where the dates are not known, as the leading document gave them.
	if len(sorted) > 0 {
		lead := sorted[0].Metadata
		m.NotificationWorkingDays, m.NotificationOnTime, m.ReviewOnTime = lead.NotificationWorkingDays, lead.NotificationOnTime, lead.ReviewOnTime
	}
	if !c.HasReview() {
		m.SubmittedDate, m.ReviewOnTime = "", nil
	}
	if cal != nil && m.IncidentDate != "" && m.NotificationDate != "" {
		cal.Timeliness(m)
	}
	return c
}
