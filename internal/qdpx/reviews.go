package qdpx

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// MachineUser is the user the tagger's suggestions are coded by; every
// other user is a person.
const MachineUser = "sirlearn (suggestion)"

// RejectedGroup is the code folder holding, for each theme, the code of
// the suggestions inspectors rejected ("rejected: case_management_plan"),
// so that a rejection travels with the project and comes back on import.
const (
	RejectedGroup  = "rejected suggestions"
	RejectedPrefix = "rejected: "
)

// PlainText is a review's text as exported: its title, then each section's
// heading and text, separated by blank lines. starts holds each section's
// byte offset.
func PlainText(r *corpus.Review) (text string, starts []int) {
	var b strings.Builder
	b.WriteString(r.Title)
	for _, s := range r.Sections {
		b.WriteString("\n\n")
		if s.Heading != "" {
			b.WriteString(s.Heading)
			b.WriteString("\n\n")
		}
		starts = append(starts, b.Len())
		b.WriteString(s.Text)
	}
	return b.String(), starts
}

// FromReviews makes the project of reviews in their confirmed view: the
// taxonomy's themes as the code book, each review a text source with its
// metadata as variables, each evidence sentence a coded selection (by the
// machine user when it is a suggestion, by the inspector who accepted or
// added it otherwise; its polarity and status in the selection's
// description), and cases as cases.
func FromReviews(name string, created time.Time, themes []corpus.ThemeID, reviews []*corpus.Review, cases []corpus.Case) (*Project, error) {
	p := &Project{Name: name, Origin: "sirlearn", Created: created, Users: []string{MachineUser},
		Variables: []string{"document_kind", "authority", "year", "incident_type", "order", "mappa", "case"},
		Integer:   map[string]bool{"year": true}}
	known := map[corpus.ThemeID]bool{}
	for _, t := range themes {
		known[t] = true
		p.Codes = append(p.Codes, Code{Name: string(t), Description: strings.TrimSpace(corpus.ThemeLabel(t) + ". " + corpus.ThemeDescription(t)), Colour: corpus.ThemeColour(t)})
	}
	users := map[string]bool{MachineUser: true}
	rejected := map[corpus.ThemeID]bool{}
	caseOf := map[string]string{}
	for _, c := range cases {
		for _, d := range c.Documents {
			caseOf[d.ID] = c.ID
		}
	}
	index := map[string]int{}
	for _, r := range reviews {
		text, starts := PlainText(r)
		mappa := corpus.MAPPAText(r.MAPPA)
		kind := r.DocumentKind
		if kind == "" {
			kind = corpus.KindCaseReview
		}
		src := Source{Name: r.Source, Text: text, Values: map[string]string{"document_kind": string(kind), "authority": r.Authority,
			"year": r.IncidentDate.Year(), "incident_type": r.IncidentType, "order": r.Order, "mappa": mappa, "case": caseOf[r.ID]}}
		for _, th := range r.Themes {
			if !known[th.ID] {
				known[th.ID] = true
				p.Codes = append(p.Codes, Code{Name: string(th.ID), Description: corpus.ThemeLabel(th.ID), Colour: corpus.ThemeColour(th.ID)})
			}
			for _, e := range th.Evidence {
				bs, be, ok := locate(text, starts, r.Sections, e)
				if !ok {
					continue
				}
				rs, re := RuneSpan(text, bs, be)
				sel := Selection{Start: rs, End: re, Code: string(th.ID), User: MachineUser, Note: string(e.Polarity) + "; suggested"}
				if e.Status != corpus.StatusSuggested && e.By != "" {
					sel.User = e.By
					users[e.By] = true
					sel.Note = string(e.Polarity) + "; " + e.Status + " by " + e.By
					if e.At != nil {
						sel.When = *e.At
					}
				}
				src.Selections = append(src.Selections, sel)
			}
		}
		for _, e := range r.Rejected {
			bs, be, ok := locate(text, starts, r.Sections, e.Evidence)
			if !ok {
				continue
			}
			rs, re := RuneSpan(text, bs, be)
			rejected[e.Theme] = true
			sel := Selection{Start: rs, End: re, Code: RejectedPrefix + string(e.Theme), User: e.By, Note: string(e.Polarity) + "; rejected by " + e.By}
			if e.At != nil {
				sel.When = *e.At
			}
			if e.By != "" {
				users[e.By] = true
			}
			src.Selections = append(src.Selections, sel)
		}
		index[r.ID] = len(p.Sources)
		p.Sources = append(p.Sources, src)
	}
	if len(rejected) > 0 {
		g := Code{Name: RejectedGroup, Group: true, Description: "Suggestions of the tagger that inspectors rejected, by theme."}
		for _, t := range orderedThemes(rejected, themes) {
			g.Children = append(g.Children, Code{Name: RejectedPrefix + string(t), Colour: "#999999"})
		}
		p.Codes = append(p.Codes, g)
	}
	var people []string
	for u := range users {
		if u != MachineUser {
			people = append(people, u)
		}
	}
	sort.Strings(people)
	p.Users = append(p.Users, people...)
	for _, c := range cases {
		pc := Case{Name: c.ID}
		for _, d := range c.Documents {
			if i, ok := index[d.ID]; ok {
				pc.Sources = append(pc.Sources, i)
			}
		}
		if len(pc.Sources) > 0 {
			p.Cases = append(p.Cases, pc)
		}
	}
	return p, nil
}

// orderedThemes lists the set's themes in the taxonomy's order, others after.
func orderedThemes(set map[corpus.ThemeID]bool, themes []corpus.ThemeID) []corpus.ThemeID {
	var out []corpus.ThemeID
	seen := map[corpus.ThemeID]bool{}
	for _, t := range themes {
		if set[t] {
			out, seen[t] = append(out, t), true
		}
	}
	var rest []string
	for t := range set {
		if !seen[t] {
			rest = append(rest, string(t))
		}
	}
	sort.Strings(rest)
	for _, t := range rest {
		out = append(out, corpus.ThemeID(t))
	}
	return out
}

// locate finds an evidence sentence in the plain text: in a section of its
// kind first, then anywhere.
func locate(text string, starts []int, secs []corpus.Section, e corpus.Evidence) (int, int, bool) {
	for i, s := range secs {
		if s.Kind != e.Section {
			continue
		}
		if j := strings.Index(s.Text, e.Text); j >= 0 {
			return starts[i] + j, starts[i] + j + len(e.Text), true
		}
	}
	if j := strings.Index(text, e.Text); j >= 0 {
		return j, j + len(e.Text), true
	}
	return 0, 0, false
}

// ImportReport says what an import matched.
type ImportReport struct {
	Sources          int      `json:"sources"`
	SourcesMatched   int      `json:"sources_matched"`
	Codings          int      `json:"codings"`
	Decisions        int      `json:"decisions"`
	Suggestions      int      `json:"suggestions_skipped"` // the machine user's, not decisions
	UnknownCodes     int      `json:"unknown_codes"`
	TextNotFound     int      `json:"text_not_found"`
	UnmatchedSources []string `json:"unmatched_sources,omitempty"`
	Problems         []string `json:"problems,omitempty"`
}

// Decisions turns the codings of a project made by people into decisions
// on the reviews find matches them to (by source name, else by text).
// A coding of a theme the tagger suggested on the same sentence is an
// acceptance; any other an addition.
func Decisions(p *Project, find func(name, text string) *corpus.Review, themes []corpus.ThemeID, who string) ([]corpus.Decision, *ImportReport) {
	rep := &ImportReport{Sources: len(p.Sources)}
	byName := map[string]corpus.ThemeID{}
	for _, t := range themes {
		byName[strings.ToLower(string(t))] = t
		byName[strings.ToLower(corpus.ThemeLabel(t))] = t
	}
	var out []corpus.Decision
	for _, s := range p.Sources {
		r := find(s.Name, s.Text)
		if r == nil {
			rep.UnmatchedSources = append(rep.UnmatchedSources, s.Name)
			continue
		}
		rep.SourcesMatched++
		suggested := map[string]bool{}
		for _, th := range r.Themes {
			for _, e := range th.Evidence {
				if e.Status != corpus.StatusAdded {
					suggested[corpus.SentenceKey(e.Text)+"|"+string(th.ID)] = true
				}
			}
		}
		for _, e := range r.Rejected {
			suggested[corpus.SentenceKey(e.Text)+"|"+string(e.Theme)] = true
		}
		for _, sel := range s.Selections {
			rep.Codings++
			if sel.User == MachineUser {
				rep.Suggestions++
				continue
			}
			code := strings.ToLower(strings.TrimSpace(sel.Code))
			reject := strings.HasPrefix(code, RejectedPrefix)
			theme, ok := byName[strings.TrimPrefix(code, RejectedPrefix)]
			if !ok {
				rep.UnknownCodes++
				rep.problem("%s: code %q is no theme of the taxonomy", s.Name, sel.Code)
				continue
			}
			bs, be, ok := ByteSpan(s.Text, sel.Start, sel.End)
			if !ok {
				rep.TextNotFound++
				rep.problem("%s: selection %d-%d is outside the source's text", s.Name, sel.Start, sel.End)
				continue
			}
			text := strings.TrimSpace(s.Text[bs:be])
			if _, ok := corpus.FindSentence(r.Sections, text); !ok {
				rep.TextNotFound++
				rep.problem("%s: %q is not in the indexed review", s.Name, clip(text))
				continue
			}
			action := corpus.ActionAdd
			switch {
			case reject:
				action = corpus.ActionReject
			case suggested[corpus.SentenceKey(text)+"|"+string(theme)]:
				action = corpus.ActionAccept
			}
			pol := corpus.Concern
			if strings.Contains(strings.ToLower(sel.Note), "strength") {
				pol = corpus.Strength
			}
			coder := sel.User
			if coder == "" {
				coder = who
			}
			out = append(out, corpus.Decision{ReviewID: r.ID, Sentence: text, Theme: theme, Polarity: pol, Action: action, Who: coder, When: sel.When,
				Note: "imported from " + p.Name})
			rep.Decisions++
		}
	}
	return out, rep
}

func (r *ImportReport) problem(format string, args ...any) {
	if len(r.Problems) < 50 {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
