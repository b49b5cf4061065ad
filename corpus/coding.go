package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"
)

// Coding actions: what an inspector decides about a theme on a sentence.
const (
	// ActionAccept confirms a suggested theme on its sentence.
	ActionAccept = "accept"
	// ActionReject says a suggested theme is wrong on its sentence.
	ActionReject = "reject"
	// ActionAdd codes a theme the tagger did not suggest, on a sentence or
	// a span of a section.
	ActionAdd = "add"
	// ActionClear withdraws the decision on a theme and sentence, so the
	// suggestion stands as the tagger made it.
	ActionClear = "clear"
)

// Evidence statuses in the confirmed view.
const (
	StatusSuggested = ""         // the tagger's, not yet decided
	StatusAccepted  = "accepted" // a suggestion an inspector accepted
	StatusAdded     = "added"    // an inspector's own code
	StatusRejected  = "rejected" // in Review.Rejected only
)

// Decision is one inspector's decision on one theme on one sentence. The
// latest decision on a review, sentence and theme is the one that counts.
type Decision struct {
	ReviewID string `json:"review_id"`
	// Source is the review's file, so that a decision follows its sentence
	// to a new version of the file.
	Source string `json:"source"`
	// Sentence is the coded text as it stands in the review; Key is its
	// normalised hash, which matching uses.
	Sentence string      `json:"sentence"`
	Key      string      `json:"key"`
	Section  SectionKind `json:"section,omitempty"`
	Theme    ThemeID     `json:"theme"`
	Polarity Polarity    `json:"polarity,omitempty"`
	Action   string      `json:"action"`
	Who      string      `json:"who"`
	When     time.Time   `json:"when"`
	Note     string      `json:"note,omitempty"`
}

// Checked records that an inspector checked every suggestion of a review.
type Checked struct {
	Who  string    `json:"who"`
	When time.Time `json:"when"`
}

// SentenceKey is the key a sentence is matched by: its words, lower-cased,
// with spacing and punctuation folded, hashed. A re-extraction that splits
// or joins white space differently, or a new version of the file with the
// sentence unchanged, finds the same key.
func SentenceKey(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		b.WriteString(w)
		b.WriteByte(' ')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}

// ApplyDecisions returns the confirmed view of a review as the tagger left
// it: each suggestion accepted, rejected (moved to Rejected) or left as
// suggested, the inspectors' own codes added, and the decisions whose
// sentence the review no longer holds listed as orphans. A review marked
// checked has its remaining suggestions counted as confirmed. r is not
// changed.
func ApplyDecisions(r *Review, ds []Decision, checked *Checked) *Review {
	out := *r
	out.Checked = checked
	out.Rejected, out.Orphans = nil, nil
	if len(ds) == 0 {
		return &out
	}
	type tk struct {
		key   string
		theme ThemeID
	}
	latest := map[tk]Decision{}
	for _, d := range ds {
		k := tk{d.Key, d.Theme}
		if old, ok := latest[k]; !ok || !d.When.Before(old.When) {
			latest[k] = d
		}
	}
	used := map[tk]bool{}
	byID := map[ThemeID]*Theme{}
	var themes []Theme
	for _, th := range r.Themes {
		nt := Theme{ID: th.ID, Score: th.Score}
		for _, e := range th.Evidence {
			k := tk{SentenceKey(e.Text), th.ID}
			d, ok := latest[k]
			if ok {
				used[k] = true
			}
			switch {
			case ok && d.Action == ActionReject:
				e.Status, e.By, e.At = StatusRejected, d.Who, timePtr(d.When)
				out.Rejected = append(out.Rejected, RejectedEvidence{Theme: th.ID, Evidence: e})
				continue
			case ok && (d.Action == ActionAccept || d.Action == ActionAdd):
				e.Status, e.By, e.At = StatusAccepted, d.Who, timePtr(d.When)
			}
			nt.Evidence = append(nt.Evidence, e)
		}
		if len(nt.Evidence) > 0 {
			themes = append(themes, nt)
		}
	}
	for i := range themes {
		byID[themes[i].ID] = &themes[i]
	}
	// Codes an inspector added, and acceptances whose suggestion the tagger
	// no longer makes: they hold while their sentence is in the review.
	var extra []Decision
	for k, d := range latest {
		if used[k] || d.Action == ActionClear {
			continue
		}
		extra = append(extra, d)
	}
	sortDecisions(extra)
	for _, d := range extra {
		sec, ok := FindSentence(r.Sections, d.Sentence)
		if !ok {
			out.Orphans = append(out.Orphans, d)
			continue
		}
		if d.Action == ActionReject {
			continue // nothing suggested there now: nothing to reject
		}
		if d.Section != "" {
			sec = d.Section
		}
		pol := d.Polarity
		if pol == "" {
			pol = Concern
		}
		e := Evidence{Section: sec, Text: d.Sentence, Polarity: pol, Status: StatusAdded, By: d.Who, At: timePtr(d.When)}
		th := byID[d.Theme]
		if th == nil {
			themes = append(themes, Theme{ID: d.Theme, Score: 1})
			for i := range themes {
				byID[themes[i].ID] = &themes[i]
			}
			th = byID[d.Theme]
		}
		th.Evidence = append(th.Evidence, e)
	}
	out.Themes = orderThemes(themes)
	return &out
}

// ConfirmedThemes lists the themes of a confirmed view that an inspector
// confirmed: with an accepted or added code, or any theme of a review
// marked checked.
func ConfirmedThemes(r *Review) []ThemeID {
	var out []ThemeID
	for _, th := range r.Themes {
		ok := r.Checked != nil
		for _, e := range th.Evidence {
			if e.Status == StatusAccepted || e.Status == StatusAdded {
				ok = true
			}
		}
		if ok {
			out = append(out, th.ID)
		}
	}
	return out
}

func timePtr(t time.Time) *time.Time { return &t }

// FindSentence finds the section holding the sentence, white space and
// case folded.
func FindSentence(secs []Section, sentence string) (SectionKind, bool) {
	want := foldSpace(sentence)
	if want == "" {
		return "", false
	}
	for _, s := range secs {
		if strings.Contains(foldSpace(s.Text), want) {
			return s.Kind, true
		}
	}
	return "", false
}

func foldSpace(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func sortDecisions(ds []Decision) {
	sort.Slice(ds, func(i, j int) bool {
		if !ds[i].When.Equal(ds[j].When) {
			return ds[i].When.Before(ds[j].When)
		}
		return ds[i].Key+string(ds[i].Theme) < ds[j].Key+string(ds[j].Theme)
	})
}

// orderThemes puts the canonical themes first in their order, then others.
func orderThemes(ts []Theme) []Theme {
	rank := map[ThemeID]int{}
	for i, id := range ThemeIDs() {
		rank[id] = i + 1
	}
	sort.SliceStable(ts, func(i, j int) bool {
		ri, rj := rank[ts[i].ID], rank[ts[j].ID]
		if ri == 0 {
			ri = 1 << 20
		}
		if rj == 0 {
			rj = 1 << 20
		}
		return ri < rj
	})
	return ts
}
