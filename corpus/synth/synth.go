// Package synth generates a realistic synthetic corpus of serious incident
// reviews with ground truth: the demo default and the yardstick that
// extraction is scored against. Real reviews are confidential.
//
// Generation is deterministic for a seed. Each review is planned as an
// abstract document (metadata, sections, theme evidence drawn from
// paraphrase families labelled dev or test) and then rendered in one of six
// document styles and one of the requested file formats.
package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// Options control a generation run.
type Options struct {
	Out     string
	Reviews int
	// Cases adds incidents under the May 2022 guidance (January 2022 to
	// March 2024): each a notification, most with a Part One case review,
	// many with a Part Two reflective learning review.
	Cases   int
	Seed    uint64
	Formats []corpus.Format
	// Progress, when set, is called after each review is written.
	Progress func(done, total int)
}

// Truth is one line of truth.jsonl.
type Truth struct {
	File   string        `json:"file"`
	Format corpus.Format `json:"format"`
	Style  string        `json:"style"`
	// Kind is the document's kind; Case names the incident it belongs to,
	// the same for every document of one case.
	Kind             corpus.DocumentKind `json:"document_kind"`
	Case             string              `json:"case"`
	CaseReference    string              `json:"case_reference,omitempty"`
	Subject          string              `json:"subject,omitempty"`
	Authority        string              `json:"authority"`
	IncidentDate     string              `json:"incident_date"`
	NotificationDate string              `json:"notification_date"`
	SubmittedDate    string              `json:"submitted_date"`
	IncidentType     string              `json:"incident_type"`
	Order            string              `json:"order"`
	MAPPA            *corpus.MAPPA       `json:"mappa"`
	Sections         []TruthSection      `json:"sections"`
	Themes           []TruthTheme        `json:"themes"`
	// Families lists the paraphrase families used, as "theme/family:split".
	Families []string `json:"families"`
	// Names lists planted personal names and identifiers, for redaction.
	Names []string `json:"names"`
	// Planted are the personal details planted in the review, by kind, that
	// researchers must never receive.
	Planted []Planted `json:"planted"`
}

// Planted is one personal detail planted in a review.
type Planted struct {
	Kind string `json:"kind"` // staff, first_name, other, relative, name_non_anglo, address, postcode, phone, chi, nino, email, dob, school, workplace
	Text string `json:"text"`
}

// TruthSection is one section as written.
type TruthSection struct {
	Heading string             `json:"heading"`
	Kind    corpus.SectionKind `json:"kind"`
	// Start is the byte offset of the section in the review's plain text.
	Start int `json:"start"`
	// First is the section's first sentence, to locate headingless sections.
	First string `json:"first"`
}

// TruthTheme is a raised theme with its evidence.
type TruthTheme struct {
	ID       corpus.ThemeID  `json:"id"`
	Evidence []TruthEvidence `json:"evidence"`
}

// TruthEvidence is one evidence sentence.
type TruthEvidence struct {
	Text     string          `json:"text"`
	Polarity corpus.Polarity `json:"polarity"`
	Family   string          `json:"family"`
	Split    string          `json:"split"`
}

// ReadTruth reads a truth.jsonl file.
func ReadTruth(path string) ([]Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("truth %s: %w", path, err)
	}
	var out []Truth
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if line == "" {
			continue
		}
		var t Truth
		if err := json.Unmarshal([]byte(line), &t); err != nil {
			return nil, fmt.Errorf("truth %s line %d: %w", path, i+1, err)
		}
		out = append(out, t)
	}
	return out, nil
}

// Styles of document.
const (
	StyleNumbered  = "numbered"
	StyleParts     = "parts"
	StyleQuestions = "questions"
	StyleKeyDates  = "keydates"
	StyleMarkdown  = "markdown"
	StyleNarrative = "narrative"
)

// Styles lists the document styles.
func Styles() []string {
	return []string{StyleNumbered, StyleParts, StyleQuestions, StyleKeyDates, StyleMarkdown, StyleNarrative}
}

// para is one paragraph of the planned review.
type para struct {
	sentences []string
}

// plannedSection is a section of the planned review.
type plannedSection struct {
	kind    corpus.SectionKind
	heading string
	paras   []para
}

// plan is an abstract review before rendering.
type plan struct {
	truth    Truth
	title    string
	person   string
	keyDates [][2]string // label, value
	sections []plannedSection
	style    string
	marking  string
	rows     [][2]string // a template's header table, replacing keyDates
}

// excluded are the six authorities that submitted nothing in 2018-21 in
// this synthetic picture (small island and central-belt authorities).
var excluded = map[string]bool{
	"Orkney Islands": true, "Shetland Islands": true, "Na h-Eileanan Siar": true,
	"Clackmannanshire": true, "East Renfrewshire": true, "Inverclyde": true,
}

// Generate writes the corpus and truth.jsonl into opts.Out.
func Generate(ctx context.Context, opts Options) error {
	if opts.Reviews < 0 || opts.Cases < 0 || opts.Reviews+opts.Cases == 0 {
		return fmt.Errorf("%w: --reviews and --cases must not be negative, and one at least 1", corpus.ErrInvalid)
	}
	if len(opts.Formats) == 0 {
		opts.Formats = []corpus.Format{corpus.FormatPDF, corpus.FormatDOCX, corpus.FormatODT, corpus.FormatText, corpus.FormatMarkdown}
	}
	for _, f := range opts.Formats {
		switch f {
		case corpus.FormatPDF, corpus.FormatDOCX, corpus.FormatODT, corpus.FormatText, corpus.FormatMarkdown:
		default:
			return fmt.Errorf("%w: format %q: want pdf, docx, odt, txt or md", corpus.ErrInvalid, f)
		}
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	tmp := filepath.Join(opts.Out, "truth.jsonl.tmp")
	tf, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	defer os.Remove(tmp)
	enc := json.NewEncoder(tf)
	enc.SetEscapeHTML(false)
	g := newGenerator(opts.Seed)
	write := func(p *plan) error {
		data, err := render(p)
		if err != nil {
			return fmt.Errorf("generate %s: %w", p.truth.File, err)
		}
		if err := os.WriteFile(filepath.Join(opts.Out, p.truth.File), data, 0o644); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		if err := enc.Encode(p.truth); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		return nil
	}
	total := opts.Reviews + opts.Cases
	for i := 0; i < total; i++ {
		if err := ctx.Err(); err != nil {
			tf.Close()
			return err
		}
		var plans []*plan
		if i < opts.Reviews {
			plans = []*plan{g.plan(i, opts.Reviews, opts.Formats, before2022)}
		} else {
			plans = g.planCase(i-opts.Reviews, opts.Cases, opts.Formats)
		}
		for _, p := range plans {
			if err := write(p); err != nil {
				tf.Close()
				return err
			}
		}
		if opts.Progress != nil {
			opts.Progress(i+1, total)
		}
	}
	if err := tf.Close(); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	return os.Rename(tmp, filepath.Join(opts.Out, "truth.jsonl"))
}

type generator struct {
	seed  uint64
	cal   *corpus.Calendar
	auths []corpus.Authority
	total int
}

func newGenerator(seed uint64) *generator {
	g := &generator{seed: seed, cal: corpus.NewScottishCalendar()}
	for _, a := range corpus.Authorities() {
		if !excluded[a.Name] {
			g.auths = append(g.auths, a)
			g.total += a.Population
		}
	}
	return g
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func weighted(r *rand.Rand, ws map[string]float64) string {
	keys := make([]string, 0, len(ws))
	sum := 0.0
	for k, w := range ws {
		keys = append(keys, k)
		sum += w
	}
	sort.Strings(keys)
	x := r.Float64() * sum
	for _, k := range keys {
		x -= ws[k]
		if x < 0 {
			return k
		}
	}
	return keys[len(keys)-1]
}

var personNames = []string{"Mr A", "Mr B", "Mr C", "Mr D", "Ms E", "Mr F", "Person A", "Person B", "Mr K", "Ms L", "Mr M", "Ms D"}
var staffNames = []string{"Sarah Thomson", "John MacLeod", "Fiona Campbell", "David Stewart", "Aileen Robertson", "Graham Paterson", "Morag Fraser", "Karen Wilson"}
var otherNames = []string{"Jamie Docherty", "Lorraine Kerr", "Craig Wallace", "Siobhan McGregor", "Euan Ross", "Kirsty Hamilton", "Alan Gillespie", "Mairi Urquhart"}

var places = []string{"Kirkcaldy", "Paisley", "Motherwell", "Ayr", "Inverness", "Dumfries", "Livingston", "Falkirk Road", "Greenock", "Elgin"}

// span is the years a run of documents is spread over.
type span struct{ from, years int }

// before2022 is the single-review period; templates the 2022 process's.
var (
	before2022 = span{2018, 4}
	templates  = span{2022, 3}
)

func (g *generator) plan(i, n int, formats []corpus.Format, sp span) *plan {
	stream := uint64(i)*0x9E3779B97F4A7C15 + 1
	if sp != before2022 {
		stream ^= 0x5bd1e995 << 20
	}
	r := rand.New(rand.NewPCG(g.seed, stream))
	p := &plan{}
	t := &p.truth

	// Authority by population.
	x := r.IntN(g.total)
	for _, a := range g.auths {
		if x -= a.Population; x < 0 {
			t.Authority = a.Name
			break
		}
	}
	// Spread years 2018-2021 evenly over the corpus; dates within the year.
	year := sp.from + (i*sp.years)/n
	if n < sp.years {
		year = sp.from + r.IntN(sp.years)
	}
	days := 365
	if sp == templates && year == 2024 {
		days = 90 // the 2022-24 period ends in March
	}
	inc := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(days))
	lateShare := 0.55 - 0.05*float64(year-2018)
	var wd int
	if r.Float64() < lateShare {
		wd = 6 + r.IntN(30)
	} else {
		wd = 1 + r.IntN(5)
	}
	not := g.cal.AddWorkingDays(inc, wd)
	onTimeShare := []float64{0.35, 0.5, 0.6, 0.75, 0.78, 0.8, 0.8}[year-2018]
	var sub time.Time
	if r.Float64() < onTimeShare {
		sub = not.AddDate(0, 0, 35+r.IntN(50))
	} else {
		sub = not.AddDate(0, 3, 5+r.IntN(120))
	}
	t.IncidentDate, t.NotificationDate, t.SubmittedDate = inc.Format(time.DateOnly), not.Format(time.DateOnly), sub.Format(time.DateOnly)
	t.IncidentType = weighted(r, map[string]float64{corpus.IncidentSeriousViolence: 0.5, corpus.IncidentSexualOffence: 0.32, corpus.IncidentDeath: 0.15, corpus.IncidentOther: 0.03})
	t.Order = weighted(r, map[string]float64{corpus.OrderCPO: 0.40, corpus.OrderDTTO: 0.05, corpus.OrderParole: 0.10,
		corpus.OrderNonParole: 0.17, corpus.OrderSRO: 0.08, corpus.OrderExtended: 0.17, corpus.OrderOLR: 0.03})
	licence := t.Order != corpus.OrderCPO && t.Order != corpus.OrderDTTO
	if t.IncidentType == corpus.IncidentSexualOffence || (licence && r.Float64() < 0.4) || r.Float64() < 0.1 {
		cat := 1
		if t.IncidentType != corpus.IncidentSexualOffence {
			cat = 2 + r.IntN(2)
		}
		t.MAPPA = &corpus.MAPPA{Category: cat, Level: 1 + r.IntN(2)}
		if r.Float64() < 0.1 {
			t.MAPPA.Level = 3
		}
	}
	if sp == templates {
		t.Style = StyleTemplate
	} else {
		t.Style = Styles()[r.IntN(len(Styles()))]
	}
	p.style = t.Style
	t.Format = pickFormat(r, formats, p.style)
	p.person = pick(r, personNames) // an anonymised label: kept, not planted

	// Themes.
	raised := map[corpus.ThemeID]bool{}
	for _, id := range corpus.ThemeIDs() {
		pr := prevalence[id]
		switch id {
		case corpus.ThemeInformationTransfer, corpus.ThemeAccommodation:
			if !licence {
				pr *= 0.3
			}
		case corpus.ThemeMAPPA:
			if t.MAPPA == nil {
				pr *= 0.3
			}
		case corpus.ThemePandemicImpact:
			if year < 2020 {
				pr = 0
			}
		case corpus.ThemeNotificationTimeliness:
			if wd <= 5 {
				pr = 0
			}
		case corpus.ThemeDomesticAbuse, corpus.ThemeVictimSafety:
			if t.IncidentType == corpus.IncidentSexualOffence {
				pr *= 1.3
			}
		}
		if r.Float64() < pr {
			raised[id] = true
		}
	}
	// Which section kinds this review has.
	kinds := []corpus.SectionKind{corpus.SectionSummary, corpus.SectionBackground, corpus.SectionAssessment, corpus.SectionCaseManagementPlan}
	if licence {
		kinds = append(kinds, corpus.SectionPrisonTransfer)
	}
	kinds = append(kinds, corpus.SectionSupervision, corpus.SectionMultiAgency)
	if r.Float64() < 0.7 || raised[corpus.ThemeWorkloadStaffing] || raised[corpus.ThemeManagementOversight] || raised[corpus.ThemeRecordKeeping] {
		kinds = append(kinds, corpus.SectionManagementOversight)
	}
	kinds = append(kinds, corpus.SectionAnalysis, corpus.SectionLearning)
	has := map[corpus.SectionKind]bool{}
	for _, k := range kinds {
		has[k] = true
	}
	secs := map[corpus.SectionKind]*plannedSection{}
	for _, k := range kinds {
		secs[k] = &plannedSection{kind: k}
	}
	fill := func(s string) string { return g.fillSlots(r, s, p.person, wd) }
	addSentences := func(k corpus.SectionKind, ss ...string) {
		sec := secs[k]
		if len(sec.paras) == 0 || len(sec.paras[len(sec.paras)-1].sentences) >= 3 || r.Float64() < 0.3 {
			sec.paras = append(sec.paras, para{})
		}
		last := &sec.paras[len(sec.paras)-1]
		last.sentences = append(last.sentences, ss...)
	}
	// Filler first so every section has ordinary text.
	for _, k := range kinds {
		fs := append([]string(nil), filler[k]...)
		r.Shuffle(len(fs), func(a, b int) { fs[a], fs[b] = fs[b], fs[a] })
		m := 1 + r.IntN(len(fs))
		for _, s := range fs[:m] {
			addSentences(k, fill(s))
		}
	}
	// Dates and facts written into the summary and background.
	p.keyDates, p.title = g.facts(r, p, addSentences, wd)
	// Theme evidence.
	for _, id := range corpus.ThemeIDs() {
		if !raised[id] {
			if ds, ok := distractors[id]; ok && r.Float64() < 0.25 {
				k := homeSection[id]
				if !has[k] {
					k = corpus.SectionAnalysis
				}
				addSentences(k, fill(pick(r, ds)))
			}
			continue
		}
		tt := TruthTheme{ID: id}
		k := homeSection[id]
		if !has[k] {
			k = corpus.SectionAnalysis
		}
		var fams []family
		pol := corpus.Concern
		if id == corpus.ThemeGoodPractice {
			fams, pol = strengthFamilies, corpus.Strength
		} else {
			fams = concernFamilies[id]
		}
		nEv := 1 + r.IntN(2)
		used := map[string]bool{}
		for e := 0; e < nEv; e++ {
			f := pick(r, fams)
			tmpl := pick(r, f.templates)
			if used[tmpl] {
				continue // a review does not say the same sentence twice
			}
			used[tmpl] = true
			s := fill(tmpl)
			addSentences(k, s)
			tt.Evidence = append(tt.Evidence, TruthEvidence{Text: s, Polarity: pol, Family: f.name, Split: f.split})
			t.Families = append(t.Families, string(id)+"/"+f.name+":"+f.split)
			if id == corpus.ThemeGoodPractice && strings.Contains(s, "This is noted") {
				// the two-sentence family counts as one unit of evidence
				continue
			}
		}
		t.Themes = append(t.Themes, tt)
	}
	// Staff and places, for redaction tests.
	staff := pick(r, staffNames)
	place := pick(r, places)
	phone := fmt.Sprintf("0%d %03d %04d", 1200+r.IntN(800), r.IntN(1000), r.IntN(10000))
	addSentences(corpus.SectionSummary, fmt.Sprintf("The supervising social worker, %s, was interviewed at the %s office (telephone %s).", staff, place, phone))
	// Another named person, in a sentence with no role word beside the name,
	// so only named-entity recognition can find it.
	other := pick(r, otherNames)
	addSentences(corpus.SectionBackground, strings.NewReplacer("{O}", other, "{P}", p.person).Replace(pick(r, []string{
		"{O} told the review that contact had become difficult.",
		"At the time {P} was staying with a friend, {O}.",
		"A neighbour, {O}, raised concerns with the police.",
		"Housing officer {O} arranged a temporary tenancy.",
		"The review team also spoke to {O} about the events.",
	})))
	t.Planted = append(t.Planted, Planted{"staff", staff}, Planted{"phone", phone}, Planted{"other", other})
	// First name alone later on, and a few more kinds of detail.
	first := strings.Fields(staff)[0]
	addSentences(corpus.SectionSupervision, first+" was the allocated worker for most of the period under review.")
	t.Planted = append(t.Planted, Planted{"first_name", first})
	for _, k := range r.Perm(len(plantedKinds))[:3] {
		sent, details := plantedKinds[k](r, p.person)
		addSentences(corpus.SectionBackground, sent)
		t.Planted = append(t.Planted, details...)
	}
	for _, pd := range t.Planted {
		t.Names = append(t.Names, pd.Text)
	}
	for _, k := range kinds {
		sec := secs[k]
		for pi := range sec.paras {
			r.Shuffle(len(sec.paras[pi].sentences), func(a, b int) {
				sec.paras[pi].sentences[a], sec.paras[pi].sentences[b] = sec.paras[pi].sentences[b], sec.paras[pi].sentences[a]
			})
		}
		sec.heading = g.heading(r, p.style, k)
		p.sections = append(p.sections, *sec)
	}
	p.marking = pick(r, []string{"OFFICIAL - SENSITIVE", "OFFICIAL SENSITIVE: PERSONAL", "PROTECT - PERSONAL", ""})
	ext := map[corpus.Format]string{corpus.FormatPDF: "pdf", corpus.FormatDOCX: "docx", corpus.FormatODT: "odt", corpus.FormatText: "txt", corpus.FormatMarkdown: "md"}[t.Format]
	t.File = fmt.Sprintf("review-%04d-%s.%s", i+1, slug(t.Authority), ext)
	t.Kind, t.Case, t.Subject = corpus.KindCaseReview, fmt.Sprintf("case-%04d", i+1), p.person
	return p
}

func pickFormat(r *rand.Rand, formats []corpus.Format, style string) corpus.Format {
	w := map[string]float64{}
	for _, f := range formats {
		w[string(f)] = map[corpus.Format]float64{corpus.FormatPDF: 0.45, corpus.FormatDOCX: 0.35, corpus.FormatODT: 0.06, corpus.FormatText: 0.08, corpus.FormatMarkdown: 0.06}[f]
		if style == StyleMarkdown && (f == corpus.FormatMarkdown || f == corpus.FormatText) {
			w[string(f)] += 1
		}
	}
	return corpus.Format(weighted(r, w))
}

func slug(s string) string {
	return strings.ReplaceAll(corpus.FoldName(s), " ", "-")
}

func (g *generator) fillSlots(r *rand.Rand, s, person string, wd int) string {
	pron := "his"
	subj := "he"
	if strings.HasPrefix(person, "Ms") {
		pron, subj = "her", "she"
	} else if strings.HasPrefix(person, "Person") {
		pron, subj = "their", "they"
	}
	rep := strings.NewReplacer("{P}", person, "{Pp}", pron, "{Ps}", subj,
		"{N}", fmt.Sprint(3+r.IntN(12)), "{D}", fmt.Sprint(max(wd, 25+r.IntN(50))), "{W}", "the social worker")
	s = rep.Replace(s)
	// Capitalise a sentence that starts with a pronoun slot.
	if len(s) > 0 && s[0] >= 'a' && s[0] <= 'z' {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// dateText writes a date in one of the ways reviews do.
func dateText(r *rand.Rand, d time.Time, style int) string {
	switch style {
	case 0:
		return d.Format("2 January 2006")
	case 1:
		return d.Format("02/01/2006")
	case 2:
		return d.Format("2006-01-02")
	default:
		return ordinal(d.Day()) + " " + d.Format("January 2006")
	}
}

func ordinal(n int) string {
	suf := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suf = "st"
	case n%10 == 2:
		suf = "nd"
	case n%10 == 3:
		suf = "rd"
	}
	return fmt.Sprintf("%d%s", n, suf)
}

var orderText = map[string]string{
	corpus.OrderCPO: "a Community Payback Order with a supervision requirement", corpus.OrderDTTO: "a Drug Treatment and Testing Order",
	corpus.OrderParole: "a parole licence", corpus.OrderNonParole: "a non-parole licence", corpus.OrderSRO: "a Supervised Release Order",
	corpus.OrderExtended: "an extended sentence licence", corpus.OrderOLR: "an Order for Lifelong Restriction",
}

var typeText = map[string][]string{
	corpus.IncidentSeriousViolence: {"was charged with assault to severe injury", "was arrested for a serious assault", "was charged with attempted murder"},
	corpus.IncidentSexualOffence:   {"was charged with rape", "was arrested for a sexual assault", "was charged with sexual offences against a child"},
	corpus.IncidentDeath:           {"died of a suspected overdose", "was charged with murder", "was found dead at home"},
	corpus.IncidentOther:           {"was charged with wilful fire-raising", "was involved in a serious road traffic collision"},
}

var typeLabel = map[string]string{
	corpus.IncidentSeriousViolence: "Serious violence", corpus.IncidentSexualOffence: "Sexual offence",
	corpus.IncidentDeath: "Death", corpus.IncidentOther: "Other",
}

// facts writes the dates, order, incident and MAPPA status: in a key-dates
// table for some styles, otherwise as sentences; with distractor dates.
func (g *generator) facts(r *rand.Rand, p *plan, add func(corpus.SectionKind, ...string), wd int) ([][2]string, string) {
	t := &p.truth
	inc, _ := time.Parse(time.DateOnly, t.IncidentDate)
	not, _ := time.Parse(time.DateOnly, t.NotificationDate)
	sub, _ := time.Parse(time.DateOnly, t.SubmittedDate)
	aware := inc.AddDate(0, 0, r.IntN(3))
	dob := time.Date(1960+r.IntN(40), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	ds := r.IntN(4)
	authName := t.Authority
	if r.Float64() < 0.5 {
		for _, a := range corpus.Authorities() {
			if a.Name == t.Authority && len(a.Variants) > 0 && r.Float64() < 0.5 {
				authName = a.Variants[0]
			}
		}
	}
	suffix := pick(r, []string{"Council", "Justice Social Work", "Council Justice Services", "Community Justice Service", "Health and Social Care Partnership"})
	title := pick(r, []string{"Serious Incident Review", "Justice Social Work Serious Incident Review", "Serious Incident Review Report", "SIR: Case Review"})
	title = fmt.Sprintf("%s – %s %s", title, authName, suffix)
	var keys [][2]string
	table := p.style == StyleKeyDates || p.style == StyleTemplate || p.style == StyleParts && r.Float64() < 0.5 || r.Float64() < 0.2
	mappaText := "Not subject to MAPPA"
	if t.MAPPA != nil {
		mappaText = fmt.Sprintf("Category %d, Level %d", t.MAPPA.Category, t.MAPPA.Level)
	}
	if table {
		keys = append(keys,
			[2]string{"Local authority", authName + " " + suffix},
			[2]string{"Date of birth", dob.Format("02/01/2006")},
			[2]string{"Order / licence", strings.TrimPrefix(strings.TrimPrefix(orderText[t.Order], "a "), "an ")},
			[2]string{"Type of incident", typeLabel[t.IncidentType]},
			[2]string{"Date of incident", dateText(r, inc, ds)},
			[2]string{"Date service became aware", dateText(r, aware, ds)},
			[2]string{"Date of notification to the Care Inspectorate", dateText(r, not, ds)},
			[2]string{"Date review submitted", dateText(r, sub, ds)},
			[2]string{"MAPPA", mappaText},
		)
		add(corpus.SectionSummary, fmt.Sprintf("At the time of the incident %s was subject to %s.", p.person, orderText[t.Order]))
	} else {
		notText := dateText(r, not, ds)
		if r.Float64() < 0.25 && not.Year() == inc.Year() {
			notText = "the " + ordinal(not.Day()) + " of " + not.Format("January")
		}
		incSentence := pick(r, []string{
			"The incident occurred on %s, when %s %s.",
			"On %s, %s %s.",
			"The serious incident took place on %s: %s %s.",
		})
		add(corpus.SectionSummary, fmt.Sprintf(incSentence, dateText(r, inc, ds), p.person, pick(r, typeText[t.IncidentType])))
		add(corpus.SectionSummary, fmt.Sprintf("The service became aware of the incident on %s.", dateText(r, aware, ds)))
		add(corpus.SectionSummary, fmt.Sprintf(pick(r, []string{"The Care Inspectorate was notified on %s.", "Notification was made to the Care Inspectorate on %s.", "We notified the Care Inspectorate on %s."}), notText))
		add(corpus.SectionSummary, fmt.Sprintf("At the time %s was subject to %s.", p.person, orderText[t.Order]))
		if t.MAPPA != nil {
			add(corpus.SectionMultiAgency, fmt.Sprintf("%s was managed under MAPPA category %d at level %d.", p.person, t.MAPPA.Category, t.MAPPA.Level))
		} else {
			add(corpus.SectionMultiAgency, fmt.Sprintf("%s was not subject to MAPPA.", p.person))
		}
		add(corpus.SectionLearning, fmt.Sprintf("This review was submitted to the Care Inspectorate on %s.", dateText(r, sub, ds)))
		keys = append(keys, [2]string{"", ""})
		keys = keys[:0]
		// authority named in a header line
		p.title = title
		add(corpus.SectionBackground, fmt.Sprintf("%s was born on %s and was sentenced on %s.", p.person, dob.Format("2 January 2006"), dateText(r, inc.AddDate(-1, -r.IntN(6), -r.IntN(20)), ds)))
	}
	return keys, title
}

func (g *generator) heading(r *rand.Rand, style string, k corpus.SectionKind) string {
	switch style {
	case StyleParts:
		return pick(r, partHeadings[k])
	case StyleQuestions:
		return pick(r, questionHeadings[k])
	case StyleNarrative:
		return ""
	case StyleTemplate:
		return pick(r, templateHeadings[k])
	}
	return pick(r, plainHeadings[k])
}
