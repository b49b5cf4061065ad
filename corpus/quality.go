package corpus

import (
	"regexp"
	"strings"
)

// QAItem is one item of a review's quality checklist, drawn from the
// guidance: whether the review meets it, and what shows it.
type QAItem struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Met is nil where the item does not apply (transfer for a community
	// order, Part Two before 2022).
	Met      *bool  `json:"met"`
	Evidence string `json:"evidence,omitempty"`
}

// QA item ids.
const (
	QAKeyDates        = "key_dates"
	QANotifiedOnTime  = "notified_on_time"
	QASubmittedOnTime = "submitted_on_time"
	QAAssessment      = "assessment_discussed"
	QAPlan            = "plan_discussed"
	QATransfer        = "transfer_discussed"
	QAAnalysis        = "analysis_present"
	QAStrengths       = "strengths_named"
	QAImprovements    = "improvements_named"
	QAActions         = "actions_present"
	QAActionOwners    = "actions_have_owners"
	QAActionTimes     = "actions_have_timescales"
	QAPartTwo         = "part_two_present"
)

// Action is a recommendation or action a review sets: the text, its owner
// and timescale when stated, and the themes it addresses.
type Action struct {
	Text      string      `json:"text"`
	Owner     string      `json:"owner,omitempty"`
	Timescale string      `json:"timescale,omitempty"`
	Themes    []ThemeID   `json:"themes"`
	Section   SectionKind `json:"section"`
	Page      int         `json:"page,omitempty"`
}

// IsAction reports whether a sentence of a learning section sets an
// action or recommendation ("The service will...", "We recommend...").
func IsAction(s string) bool { return actionRE.MatchString(s) }

// ActionOwner returns who an action names as its owner, or "".
func ActionOwner(s string) string { return ownerRE.FindString(s) }

// ActionTimescale returns the timescale an action sets, or "".
func ActionTimescale(s string) string { return timescaleRE.FindString(s) }

var (
	actionRE    = regexp.MustCompile(`(?i)\b(will|shall|is to|are to|must|should|recommend(s|ed|ation)?|action(s)?( plan)?|agreed that|to be (reviewed|introduced|delivered|completed|developed|implemented))\b`)
	ownerRE     = regexp.MustCompile(`(?i)\b(chief social work officer|cswo|service manager|team (leader|manager)|senior (practitioner|social worker)|head of service|justice (social work )?manager|practice development|the (service|team|partnership|department)|managers?|lead officer|learning and development)\b`)
	timescaleRE = regexp.MustCompile(`(?i)\b(by (the end of )?(january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|20\d\d)|within (\w+ )?(days|weeks|months|working days)|(next|each|every) (month|quarter|year)|quarterly|monthly|annually|immediately|(in|over) the next (\w+ )?(weeks|months))\b`)
)

// licences are the orders after custody, where the prison-to-community
// transfer belongs in a review.
func licence(order string) bool {
	switch order {
	case OrderCPO, OrderDTTO, "":
		return false
	}
	return true
}

// QualityChecklist computes the checklist of a review (with the case it
// belongs to, for the dates the notification gives and the Part Two).
func QualityChecklist(r *Review, c *Case) []QAItem {
	yes, no := true, false
	b := func(v bool) *bool {
		if v {
			return &yes
		}
		return &no
	}
	m := r.Metadata
	if c != nil {
		m = c.Metadata
	}
	var out []QAItem
	add := func(id, label string, met *bool, ev string) {
		out = append(out, QAItem{ID: id, Label: label, Met: met, Evidence: ev})
	}
	dates := []string{}
	for _, d := range []struct {
		name string
		v    Date
	}{{"incident", m.IncidentDate}, {"notification", m.NotificationDate}, {"submission", m.SubmittedDate}} {
		if d.v == "" {
			dates = append(dates, "no "+d.name+" date")
		}
	}
	ev := "incident " + string(m.IncidentDate) + ", notified " + string(m.NotificationDate) + ", submitted " + string(m.SubmittedDate)
	if len(dates) > 0 {
		ev = strings.Join(dates, ", ")
	}
	add(QAKeyDates, "Key dates present", b(len(dates) == 0), ev)
	add(QANotifiedOnTime, "Notified within five working days", m.NotificationOnTime, "")
	add(QASubmittedOnTime, "Submitted within three months", m.ReviewOnTime, "")
	section := func(k SectionKind) (bool, string) {
		for _, s := range r.Sections {
			if s.Kind == k && len(strings.Fields(s.Text)) >= 15 {
				return true, s.Heading
			}
		}
		return false, ""
	}
	ok, h := section(SectionAssessment)
	add(QAAssessment, "Assessment discussed", b(ok), h)
	ok, h = section(SectionCaseManagementPlan)
	add(QAPlan, "Case management plan discussed", b(ok), h)
	if licence(m.Order) {
		ok, h = section(SectionPrisonTransfer)
		add(QATransfer, "Prison-to-community transfer discussed (licence)", b(ok), h)
	} else {
		add(QATransfer, "Prison-to-community transfer discussed (licence)", nil, "not on licence")
	}
	ok, h = section(SectionAnalysis)
	add(QAAnalysis, "Analysis of practice present (not only chronology)", b(ok), h)
	strength, concern := "", ""
	for _, t := range r.Themes {
		for _, e := range t.Evidence {
			if e.Polarity == Strength && strength == "" {
				strength = e.Text
			}
			if e.Polarity == Concern && concern == "" {
				concern = e.Text
			}
		}
	}
	add(QAStrengths, "Strengths named", b(strength != ""), strength)
	add(QAImprovements, "Areas for improvement named", b(concern != ""), concern)
	actions := r.Actions
	if actions == nil { // a review extracted before actions were
		for _, s := range r.Sections {
			if s.Kind != SectionLearning {
				continue
			}
			for _, sent := range splitSentences(s.Text) {
				if actionRE.MatchString(sent) {
					actions = append(actions, Action{Text: sent, Owner: ActionOwner(sent), Timescale: ActionTimescale(sent)})
				}
			}
		}
	}
	first := ""
	if len(actions) > 0 {
		first = actions[0].Text
	}
	add(QAActions, "Learning actions set", b(len(actions) > 0), first)
	if len(actions) > 0 {
		owned, timed := 0, 0
		for _, a := range actions {
			if a.Owner != "" {
				owned++
			}
			if a.Timescale != "" {
				timed++
			}
		}
		add(QAActionOwners, "Each action names an owner", b(owned == len(actions)), pluralOf(owned, len(actions)))
		add(QAActionTimes, "Each action has a timescale", b(timed == len(actions)), pluralOf(timed, len(actions)))
	} else {
		add(QAActionOwners, "Each action names an owner", nil, "no actions")
		add(QAActionTimes, "Each action has a timescale", nil, "no actions")
	}
	if m.IncidentDate.Year() >= "2022" && c != nil {
		has := false
		for _, k := range c.Kinds {
			has = has || k == KindLearningReview
		}
		add(QAPartTwo, "Part Two reflective learning review present (2022 on)", b(has), "")
	} else {
		add(QAPartTwo, "Part Two reflective learning review present (2022 on)", nil, "before the 2022 guidance")
	}
	return out
}

func pluralOf(k, n int) string {
	return strings.TrimSpace(strings.Join([]string{itoa(k), "of", itoa(n), "actions"}, " "))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// splitSentences cuts text at full stops followed by a space and a
// capital, which is enough to tell actions apart.
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '\n') && (s[i+1] == ' ' || s[i+1] == '\n') && (s[i+2] >= 'A' && s[i+2] <= 'Z' || s[i+2] == '\n') {
			if t := strings.TrimSpace(s[start : i+1]); t != "" {
				out = append(out, t)
			}
			start = i + 1
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}
