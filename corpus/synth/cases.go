package synth

// Cases under the May 2022 guidance: each serious incident brings a
// notification form, and when it meets the criteria a Part One case review
// and often a Part Two reflective learning review, each on its template.
// docs/templates.md describes the structure modelled.

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// StyleTemplate is the 2022 templates' style: a header table of fields and
// the template's questions as headings.
const StyleTemplate = "template"

// Shares of the 2022-24 cases (the published period had 133 notifications
// and 126 reviews).
const (
	notificationOnlyShare = 0.053
	partTwoShare          = 0.7
	referenceShare        = 0.7
)

var templateHeadings = map[corpus.SectionKind][]string{
	corpus.SectionSummary:             {"Reason for the review and how it was conducted", "Scope of the review"},
	corpus.SectionBackground:          {"Summary of the serious incident", "Circumstances of the incident", "Relevant history"},
	corpus.SectionAssessment:          {"Assessment of risk and need", "What assessments were completed?"},
	corpus.SectionCaseManagementPlan:  {"Case management planning", "Was the case management plan appropriate to the risk?"},
	corpus.SectionPrisonTransfer:      {"Release planning and throughcare", "Transition from custody to the community"},
	corpus.SectionSupervision:         {"Delivery of supervision", "How was the order or licence supervised?"},
	corpus.SectionMultiAgency:         {"Links with other services", "Working with partner agencies"},
	corpus.SectionManagementOversight: {"Management oversight and staffing", "Was there effective management oversight?"},
	corpus.SectionAnalysis:            {"Analysis of practice", "Was practice proportionate to the assessed risk?"},
	corpus.SectionLearning:            {"Learning and next steps", "Areas for improvement identified"},
}

// authorityCode is a three-letter code for references ("FIF").
func authorityCode(name string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(name) {
		if r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
		if b.Len() == 3 {
			break
		}
	}
	return b.String()
}

// planCase plans the documents of the c-th of n template cases.
func (g *generator) planCase(c, n int, formats []corpus.Format) []*plan {
	p1 := g.plan(c, n, formats, templates)
	r := rand.New(rand.NewPCG(g.seed^0xca5e, uint64(c)+1))
	t1 := &p1.truth
	caseID := fmt.Sprintf("case-t%04d", c+1)
	inc, _ := time.Parse(time.DateOnly, t1.IncidentDate)
	ref := ""
	if r.Float64() < referenceShare {
		if r.IntN(2) == 0 {
			ref = fmt.Sprintf("SIR/%s/%02d/%03d", authorityCode(t1.Authority), inc.Year()%100, c+1)
		} else {
			ref = fmt.Sprintf("CI-%d-%04d", inc.Year(), 100+c)
		}
	}
	normRef := strings.ToUpper(strings.ReplaceAll(ref, "/", "-"))
	formats = templateFormats(formats)
	ext := func(f corpus.Format) string { return string(f) }
	slugA := slug(t1.Authority)

	// The notification.
	pn := g.notification(r, p1, ref)
	pn.truth.Format = pick(r, formats)
	pn.truth.File = fmt.Sprintf("case-%04d-%s-notification.%s", c+1, slugA, ext(pn.truth.Format))
	docs := []*plan{pn}
	if r.Float64() < notificationOnlyShare {
		pn.rows[len(pn.rows)-1][1] = "No - the incident did not meet the criteria for a review"
	} else {
		g.partOne(r, p1, ref)
		t1.Format = pick(r, formats)
		t1.File = fmt.Sprintf("case-%04d-%s-part-one.%s", c+1, slugA, ext(t1.Format))
		docs = append(docs, p1)
		if r.Float64() < partTwoShare {
			p2 := g.partTwo(r, p1, ref)
			p2.truth.Format = pick(r, formats)
			p2.truth.File = fmt.Sprintf("case-%04d-%s-part-two.%s", c+1, slugA, ext(p2.truth.Format))
			docs = append(docs, p2)
		}
	}
	for _, d := range docs {
		d.truth.Case, d.truth.Subject = caseID, p1.person
		if ref != "" {
			d.truth.CaseReference = normRef
		}
		if d.rows != nil {
			d.keyDates = d.rows
		}
	}
	return docs
}

// templateFormats keeps Word and PDF, the templates' formats, from those
// asked for.
func templateFormats(formats []corpus.Format) []corpus.Format {
	var out []corpus.Format
	for _, f := range formats {
		if f == corpus.FormatDOCX || f == corpus.FormatPDF {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return formats
	}
	return out
}

// notification plans the notification form of the case whose Part One is p1.
func (g *generator) notification(r *rand.Rand, p1 *plan, ref string) *plan {
	t1 := p1.truth
	inc, _ := time.Parse(time.DateOnly, t1.IncidentDate)
	not, _ := time.Parse(time.DateOnly, t1.NotificationDate)
	ds := r.IntN(4)
	staff := pick(r, staffNames)
	p := &plan{style: StyleTemplate, person: p1.person, marking: p1.marking}
	p.truth = Truth{Style: StyleTemplate, Kind: corpus.KindNotification, Authority: t1.Authority, IncidentDate: t1.IncidentDate,
		NotificationDate: t1.NotificationDate, IncidentType: t1.IncidentType, Order: t1.Order, MAPPA: t1.MAPPA,
		Themes: []TruthTheme{}, Planted: []Planted{{"staff", staff}}, Names: []string{staff}}
	p.title = pick(r, []string{"Serious Incident Review: Notification", "Serious Incident Notification Form", "Notification of a Serious Incident"})
	mappaText := "Not subject to MAPPA"
	if t1.MAPPA != nil {
		mappaText = fmt.Sprintf("Category %d, Level %d", t1.MAPPA.Category, t1.MAPPA.Level)
	}
	rows := [][2]string{{"Local authority", t1.Authority + " Council"}}
	if ref != "" {
		rows = append(rows, [2]string{"Case reference", ref})
	}
	rows = append(rows,
		[2]string{"Name of person completing this form", staff},
		[2]string{"Individual", p1.person},
		[2]string{"Date of incident", dateText(r, inc, ds)},
		[2]string{"Date service became aware", dateText(r, inc.AddDate(0, 0, r.IntN(2)), ds)},
		[2]string{"Date of notification", dateText(r, not, ds)},
		[2]string{"Type of incident", typeLabel[t1.IncidentType]},
		[2]string{"Order / licence", strings.TrimPrefix(strings.TrimPrefix(orderText[t1.Order], "a "), "an ")},
		[2]string{"MAPPA", mappaText},
		[2]string{"Will a Part One case review be undertaken?", "Yes"},
	)
	p.rows = rows
	desc := plannedSection{kind: corpus.SectionSummary, heading: "Brief description of the incident", paras: []para{{sentences: []string{
		fmt.Sprintf("On %s %s %s.", dateText(r, inc, ds), p1.person, pick(r, typeText[t1.IncidentType])),
		fmt.Sprintf("%s was subject to %s at the time.", p1.person, orderText[t1.Order]),
	}}}}
	p.sections = []plannedSection{desc}
	return p
}

// partOne turns the planned review p1 into a Part One case review: the
// template's title, its header table with the reference, and sometimes no
// notification date (the notification gives it).
func (g *generator) partOne(r *rand.Rand, p1 *plan, ref string) {
	t := &p1.truth
	t.Kind = corpus.KindCaseReview
	p1.title = pick(r, []string{"Serious Incident Review Part One: Case Review", "Part 1 – Case Review", "Serious Incident Review – Part One Case Review"}) +
		" – " + t.Authority
	var rows [][2]string
	if ref != "" {
		rows = append(rows, [2]string{"Case reference", ref})
	}
	dropNotif := r.Float64() < 0.4
	for _, kv := range p1.keyDates {
		if dropNotif && strings.HasPrefix(kv[0], "Date of notification") {
			t.NotificationDate = ""
			continue
		}
		rows = append(rows, kv)
	}
	p1.rows = append(rows, [2]string{"Individual", p1.person})
}

// partTwo plans the reflective learning review of the case: what went
// well, what could have been done differently (the Part One's concerns),
// and what will change.
func (g *generator) partTwo(r *rand.Rand, p1 *plan, ref string) *plan {
	t1 := p1.truth
	inc, _ := time.Parse(time.DateOnly, t1.IncidentDate)
	sub, _ := time.Parse(time.DateOnly, t1.SubmittedDate)
	ds := r.IntN(4)
	p := &plan{style: StyleTemplate, person: p1.person, marking: p1.marking}
	p.truth = Truth{Style: StyleTemplate, Kind: corpus.KindLearningReview, Authority: t1.Authority, IncidentDate: t1.IncidentDate,
		SubmittedDate: sub.AddDate(0, 0, 14+r.IntN(40)).Format(time.DateOnly)} // it states no incident type, order or MAPPA
	p.title = pick(r, []string{"Serious Incident Review Part Two: Reflective Learning Review", "Part 2 – Reflective Learning Review", "Reflective Learning Review (Part Two)"}) +
		" – " + t1.Authority
	rows := [][2]string{{"Local authority", t1.Authority}}
	if ref != "" {
		rows = append(rows, [2]string{"Case reference", ref})
	}
	subDate, _ := time.Parse(time.DateOnly, p.truth.SubmittedDate)
	rows = append(rows, [2]string{"Individual", p1.person}, [2]string{"Date of incident", dateText(r, inc, ds)},
		[2]string{"Date submitted", dateText(r, subDate, ds)})
	p.rows = rows
	fill := func(s string) string { return g.fillSlots(r, s, p1.person, 3) }
	purpose := plannedSection{kind: corpus.SectionSummary, heading: pick(r, []string{"Purpose of this review", "How the reflective session was held"}),
		paras: []para{{sentences: []string{
			pick(r, []string{"The staff involved met with a facilitator to reflect on the case.", "A facilitated reflective session was held with the practitioners and their managers."}),
			"The Part One case review was shared with everyone taking part beforehand.",
		}}}}
	well := plannedSection{kind: corpus.SectionLearning, heading: "What went well"}
	gp := TruthTheme{ID: corpus.ThemeGoodPractice}
	for e := 0; e < 1+r.IntN(2); e++ {
		f := pick(r, strengthFamilies)
		s := fill(pick(r, f.templates))
		if len(gp.Evidence) > 0 && gp.Evidence[0].Text == s {
			continue
		}
		well.paras = append(well.paras, para{sentences: []string{s}})
		gp.Evidence = append(gp.Evidence, TruthEvidence{Text: s, Polarity: corpus.Strength, Family: f.name, Split: f.split})
		p.truth.Families = append(p.truth.Families, string(gp.ID)+"/"+f.name+":"+f.split)
	}
	differently := plannedSection{kind: corpus.SectionLearning, heading: pick(r, []string{"What could have been done differently", "What could have gone better"})}
	change := plannedSection{kind: corpus.SectionLearning, heading: pick(r, []string{"What will change", "What we have learned and what will change"})}
	var concerns []corpus.ThemeID
	for _, th := range t1.Themes {
		if th.ID != corpus.ThemeGoodPractice && th.ID != corpus.ThemeNotificationTimeliness && len(concernFamilies[th.ID]) > 0 {
			concerns = append(concerns, th.ID)
		}
	}
	r.Shuffle(len(concerns), func(a, b int) { concerns[a], concerns[b] = concerns[b], concerns[a] })
	if len(concerns) > 2 {
		concerns = concerns[:2]
	}
	var themes []TruthTheme
	for _, id := range concerns {
		f := pick(r, concernFamilies[id])
		s := fill(pick(r, f.templates))
		differently.paras = append(differently.paras, para{sentences: []string{s}})
		themes = append(themes, TruthTheme{ID: id, Evidence: []TruthEvidence{{Text: s, Polarity: corpus.Concern, Family: f.name, Split: f.split}}})
		p.truth.Families = append(p.truth.Families, string(id)+"/"+f.name+":"+f.split)
	}
	change.paras = append(change.paras, para{sentences: []string{
		pick(r, []string{"The service will share this learning at its next practice development session.", "An improvement plan with named leads has been agreed by the senior management team."}),
		pick(r, []string{"Progress will be reported to the Chief Social Work Officer within six months.", "The justice social work manager will check that the actions are complete."}),
	}})
	if len(themes) == 0 {
		differently.paras = append(differently.paras, para{sentences: []string{"The practitioners could not identify anything they would have done differently at the time."}})
	}
	p.sections = []plannedSection{purpose, well, differently, change}
	// Good practice first, as the canonical theme order puts it last.
	p.truth.Themes = append(themes, gp)
	return p
}
