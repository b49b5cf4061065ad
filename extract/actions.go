package extract

import (
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// actions finds the recommendations and actions a review sets: sentences
// of its learning sections that set one ("The service will...", "It is
// recommended that..."), and rows of an action plan table (action | owner
// | timescale), each with its owner and timescale when stated and the
// themes the tagger reads in it.
func (e *Extractor) actions(sections []corpus.Section, split func(string) []string) []corpus.Action {
	var out []corpus.Action
	for si := range sections {
		sec := &sections[si]
		if sec.Kind != corpus.SectionLearning {
			continue
		}
		off := 0
		for _, para := range strings.Split(sec.Text, "\n\n") {
			page := sec.PageAt(off)
			off += len(para) + 2
			if cells := strings.Split(para, " | "); len(cells) >= 2 {
				if a, ok := e.actionRow(cells); ok {
					a.Section, a.Page = sec.Kind, page
					out = append(out, a)
				}
				continue
			}
			for _, sent := range split(para) {
				if !corpus.IsAction(sent) {
					continue
				}
				out = append(out, corpus.Action{Text: sent, Owner: corpus.ActionOwner(sent), Timescale: corpus.ActionTimescale(sent),
					Themes: e.themesOf(sent), Section: sec.Kind, Page: page})
			}
		}
	}
	return out
}

// actionRow reads a row of an action plan: the longest cell is the action;
// cells naming an owner or a timescale give them. A header row is none.
func (e *Extractor) actionRow(cells []string) (corpus.Action, bool) {
	var a corpus.Action
	for _, c := range cells {
		c = strings.TrimSpace(c)
		switch {
		case len(strings.Fields(c)) >= 5 && len(c) > len(a.Text):
			a.Text = c
		case a.Owner == "" && corpus.ActionOwner(c) != "":
			a.Owner = c
		case a.Timescale == "" && corpus.ActionTimescale(c) != "":
			a.Timescale = c
		}
	}
	if a.Text == "" {
		return a, false
	}
	a.Themes = e.themesOf(a.Text)
	return a, true
}

// themesOf lists the themes the tagger reads in an action, as a
// recommendation in a learning section.
func (e *Extractor) themesOf(sent string) []corpus.ThemeID {
	seen := map[corpus.ThemeID]bool{}
	out := []corpus.ThemeID{}
	for _, h := range e.tax.classifySentence(sent, corpus.SectionLearning) {
		if !seen[h.theme] && h.theme != corpus.ThemeGoodPractice {
			seen[h.theme] = true
			out = append(out, h.theme)
		}
	}
	return out
}
