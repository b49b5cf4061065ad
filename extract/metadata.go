package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

var (
	notifLabelRE    = mustCue(`notif|(informed|told|advised|alerted) (the )?(care inspectorate|ci)\b|(care inspectorate|\bci) (was |were )?(informed|told|advised|alerted|made aware)|(reported|referred) to the care inspectorate`)
	submitLabelRE   = mustCue(`submi|review (was )?(sent|returned|provided|forwarded|completed and sent) to|review (was )?received|date of (the )?review\b|review date|(sent|returned|provided) (the|this) review|received by the care inspectorate`)
	incidentLabelRE = mustCue(`incident|offence (was )?(took place|occurred|committed)|occurred|took place|happened|index offence|\bdied\b|\bdeath\b|was killed|was assaulted`)
	excludeLabelRE  = mustCue(`aware|birth|\bdob\b|\bborn\b|sentenc|releas|liberat|convict|court|appear|meeting|appointment|arrest|charged|remand|licence (start|began|commenced)|expir|order (was )?(made|imposed)|prepared|visit|interview|case conference|version|printed|dated|allocated|assessment|ls/cmi|recall|breach|last seen|last contact`)

	authorityLabelRE = lazyRE(`(?i)^\s*(local authority|authority|council|submitting (local )?authority|name of (local )?authority|partnership|area)\s*[:|-]\s*(.+)$`)
	hmpRE            = lazyRE(`(?i)\b(hmp|hmyoi|hm prison|prison)\s*$`)

	typeLabelRE  = lazyRE(`(?i)(type|nature|category) of (serious )?incident|incident type|incident category`)
	orderLabelRE = mustCue(`(type of )?(order|licence|order or licence|order/licence|statutory order|supervision type|legal status)\s*[:|]`)
	mappaCatRE   = lazyRE(`(?i)\bcategory\s*(\d|one|two|three)\b`)
	mappaLevelRE = lazyRE(`(?i)\blevel\s*(\d|one|two|three)\b`)
	noMappaRE    = lazyRE(`(?i)(not (subject to|managed under|a) mappa|mappa\s*[:|]\s*(no|none|n/?a|not applicable)|no mappa|mappa (did not|does not) apply|mappa (was )?not applicable|not mappa)`)
)

var typeCues = []struct {
	typ string
	re  *regexp.Regexp
}{
	{corpus.IncidentSeriousViolence, regexp.MustCompile(`(?i)attempted murder|attempt(ed)? to murder`)},
	{corpus.IncidentDeath, regexp.MustCompile(`(?i)\b(death|died|dead|killed|murder(ed)?|culpable homicide|homicide|fatal(ly)?|overdose|suicide|took (his|her|their) own life|loss of life)\b`)},
	{corpus.IncidentSexualOffence, regexp.MustCompile(`(?i)\b(sexual(ly)?|rape[ds]?|indecent|lewd|libidinous|grooming|sexual assault|intimate images?)\b`)},
	{corpus.IncidentSeriousViolence, regexp.MustCompile(`(?i)\b(assault(ed)?|violen(ce|t)|stab(bed|bing)?|wound(ed|ing)?|severe injury|serious injur(y|ies)|robbery|attack(ed)?|slash(ed|ing)|permanent disfigurement)\b`)},
	// Serious harm of other kinds: fire, driving, weapons, abduction.
	{corpus.IncidentOther, regexp.MustCompile(`(?i)\b(fire-?raising|arson|set fire|road traffic (collision|accident)|dangerous driving|causing death by|firearms?|abduct(ion|ed)|kidnap(ping|ped)?|threats? to kill|hostage)\b`)},
}

// orderCues match lower-cased text.
var orderCues = []struct {
	order string
	re    cue
}{
	{corpus.OrderOLR, mustCue(`order for lifelong restriction|\bolr\b`)},
	{corpus.OrderExtended, mustCue(`extended sentence`)},
	{corpus.OrderSRO, mustCue(`supervised release order|\bsro\b`)},
	{corpus.OrderNonParole, mustCue(`non[- ]parole`)},
	{corpus.OrderParole, mustCue(`parole licence|released on parole|life licence|\bparole\b`)},
	{corpus.OrderDTTO, mustCue(`drug treatment and testing order|\bdtto\b`)},
	{corpus.OrderCPO, mustCue(`community payback order|\bcpo\b`)},
}

// unit is a piece of text whose label context belongs together: a sentence
// of a paragraph, or a table row with its cells.
type unit struct {
	text  string
	lower string // normalised for matching
	cells []string
	block int
}

func (e *Extractor) units(doc *corpus.Document, split func(string) []string) []unit {
	var out []unit
	for i, b := range doc.Blocks {
		if b.Type == corpus.BlockTableRow && len(b.Cells) >= 2 {
			out = append(out, unit{text: b.Text, lower: normaliseForMatch(b.Text), cells: b.Cells, block: i})
			continue
		}
		for _, s := range split(b.Text) {
			out = append(out, unit{text: s, lower: normaliseForMatch(s), block: i})
		}
	}
	return out
}

// labelOf classifies the label text that precedes a date. A notification
// or submission label counts when no excluded word ("aware", "birth",
// "sentenced" ...) comes after it; an incident label only when the window
// has no excluded word at all ("became aware of the incident on").
func labelOf(window string) string {
	w := normaliseForMatch(window)
	lastExcl := lastIndex(excludeLabelRE, w)
	if p := lastIndex(notifLabelRE, w); p >= 0 && p > lastExcl {
		return "notification"
	}
	if p := lastIndex(submitLabelRE, w); p >= 0 && p > lastExcl {
		return "submitted"
	}
	if lastIndex(incidentLabelRE, w) >= 0 && lastExcl < 0 {
		return "incident"
	}
	// "Date service became aware", "became aware of the incident on": the
	// guidance's clock for notification starts there.
	if p := lastIndex(awareLabelRE, w); p >= 0 && p >= lastIndex(excludeAwareRE, w) {
		return "aware"
	}
	return ""
}

var (
	awareLabelRE   = mustCue(`(became|become|was made|were made|first made) aware|date (the )?(service |local authority |justice social work )?(became )?aware|awareness of the incident|came to the attention`)
	excludeAwareRE = mustCue(`birth|\bdob\b|sentenc|releas|convict|court|appointment|arrest|charged|remand|expir|prepared|visit|interview|allocated|recall|breach`)
)

// incidentAfterRE finds an incident told after its date: "On 3 May 2019,
// Mr A was charged with assault".
var incidentAfterRE = lazyRE(`^[,:]?\s+(\w+\s+){0,4}(was|were)\s+(charged|arrested|found dead|killed|assaulted|stabbed|attacked)|^[,:]?\s+(\w+\s+){0,4}(died|assaulted|attacked|stabbed|killed|raped)\b`)

func lastIndex(re cue, s string) int {
	locs := re.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return -1
	}
	return locs[len(locs)-1][0]
}

// readDates fills the incident, notification and submission dates from
// labelled table rows, "Label: date" lines and sentences.
func (e *Extractor) readDates(us []unit, m *corpus.Metadata) {
	year := 0
	for _, u := range us {
		if ds := findDates(u.text, 0); len(ds) > 0 {
			year = ds[0].date.Year()
			break
		}
	}
	set := func(field string, d time.Time) {
		v := corpus.Date(d.Format(time.DateOnly))
		switch field {
		case "incident":
			if m.IncidentDate == "" {
				m.IncidentDate = v
			}
		case "aware":
			if m.AwareDate == "" {
				m.AwareDate = v
			}
		case "notification":
			if m.NotificationDate == "" {
				m.NotificationDate = v
			}
		case "submitted":
			if m.SubmittedDate == "" {
				m.SubmittedDate = v
			}
		}
	}
	var above []string // the cells of the table row before, when it held no dates
	for _, u := range us {
		if u.cells != nil {
			// Key-dates table: the label is the cell before the date, or,
			// in a table whose first row names the columns, the cell above.
			dated := false
			for ci := 0; ci < len(u.cells); ci++ {
				ds := findDates(u.cells[ci], year)
				if len(ds) == 0 {
					continue
				}
				dated = true
				f := labelOf(u.cells[ci][:ds[0].start])
				if f == "" && ci > 0 {
					f = labelOf(u.cells[ci-1] + " " + u.cells[ci][:ds[0].start])
				}
				if f == "" && len(above) == len(u.cells) {
					f = labelOf(above[ci])
				}
				if f != "" {
					set(f, ds[0].date)
				}
			}
			above = nil
			if !dated {
				above = u.cells
			}
			continue
		}
		above = nil
		ds := findDates(u.text, year)
		prevEnd := 0
		for _, d := range ds {
			window := u.text[prevEnd:d.start]
			if len(window) > 160 {
				window = window[len(window)-160:]
			}
			f := labelOf(window)
			if f == "" && strings.TrimSpace(strings.Trim(normaliseForMatch(window), " ,:")) == "on" || f == "" && strings.TrimSpace(window) == "" {
				if incidentAfterRE.get().MatchString(normaliseForMatch(u.text[d.end:])) {
					f = "incident"
				}
			}
			if f != "" {
				set(f, d.date)
			}
			prevEnd = d.end
			if !d.yearless {
				year = d.date.Year()
			}
		}
	}
	// A yearless notification before the incident belongs to the next year.
	if m.IncidentDate != "" && m.NotificationDate != "" && m.NotificationDate < m.IncidentDate {
		if t, err := time.Parse(time.DateOnly, string(m.NotificationDate)); err == nil {
			if n := t.AddDate(1, 0, 0).Format(time.DateOnly); n >= string(m.IncidentDate) {
				m.NotificationDate = corpus.Date(n)
			}
		}
	}
}

// readAuthority finds the submitting authority: a labelled line wins, then
// names in the title and opening blocks, then the most frequent name;
// prison names ("HMP Edinburgh") do not count.
func (e *Extractor) readAuthority(doc *corpus.Document) string {
	score := map[string]float64{}
	for i, b := range doc.Blocks {
		text := b.Text
		if m := authorityLabelRE.get().FindStringSubmatch(text); m != nil {
			if name, ok := e.scanAuthority(m[4], true); ok {
				score[name] += 100
			}
			continue
		}
		if b.Type == corpus.BlockTableRow && len(b.Cells) >= 2 {
			if m := authorityLabelRE.get().FindStringSubmatch(b.Cells[0] + ": " + b.Cells[1]); m != nil {
				if name, ok := e.scanAuthority(m[4], true); ok {
					score[name] += 100
				}
				continue
			}
		}
		// The authority names itself early: scan the opening blocks, and
		// the rest only while nothing has been found.
		if i >= 25 && len(score) > 0 {
			continue
		}
		w := 1.0
		if i < 4 {
			w = 10
		}
		for _, hit := range e.authorityMentions(text) {
			score[hit] += w
		}
	}
	if doc.Title != "" {
		for _, hit := range e.authorityMentions(doc.Title) {
			score[hit] += 20
		}
	}
	best, bestScore := "", 0.0
	for name, s := range score {
		if s > bestScore || (s == bestScore && name < best) {
			best, bestScore = name, s
		}
	}
	return best
}

// scanAuthority returns the first authority named in s.
func (e *Extractor) scanAuthority(s string, _ bool) (string, bool) {
	hits := e.authorityMentions(s)
	if len(hits) == 0 {
		return "", false
	}
	return hits[0], true
}

// authorityMentions lists the authorities named in s, longest name first at
// each position, skipping names that follow "HMP".
func (e *Extractor) authorityMentions(s string) []string {
	folded := " " + corpus.FoldName(s) + " "
	var small [4]uint64
	bits := bitsIn(small[:], e.authLits.words())
	e.authLits.scan(folded, bits)
	var out []string
	var used []bool
	for k, n := range e.authNames {
		if id := e.authIDs[k]; bits[id>>6]&(1<<(id&63)) == 0 {
			continue // not in the text
		}
		if used == nil {
			used = make([]bool, len(folded))
		}
		needle := " " + n.Folded + " "
		from := 0
		for {
			i := strings.Index(folded[from:], needle)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			if used[i+1] {
				continue
			}
			before := folded[:i+1]
			if hmpRE.get().MatchString(strings.TrimSpace(before)) || strings.HasSuffix(strings.TrimSpace(before), "hmp") {
				continue
			}
			for k := i + 1; k < i+len(needle)-1; k++ {
				used[k] = true
			}
			out = append(out, n.Canonical)
		}
	}
	return out
}

func (e *Extractor) readIncidentType(us []unit) string {
	for _, u := range us {
		label, value := "", ""
		if u.cells != nil {
			label, value = u.cells[0], strings.Join(u.cells[1:], " ")
		} else if i := strings.IndexAny(u.text, ":"); i > 0 && i < 60 {
			label, value = u.text[:i], u.text[i+1:]
		}
		if label != "" && typeLabelRE.get().MatchString(label) {
			if t := incidentTypeOf(value); t != "" {
				return t
			}
			return corpus.IncidentOther
		}
	}
	// No label: the first sentence about the incident itself.
	for _, u := range us {
		if u.cells == nil && aboutIncidentRE.get().MatchString(u.text) && !strings.Contains(strings.ToLower(u.text), "previous convictions") {
			if t := incidentTypeOf(u.text); t != "" {
				return t
			}
		}
	}
	// Nothing says what happened (a Part Two often does not): unknown, not
	// "other", which is a type of its own.
	return ""
}

// aboutIncidentRE marks a sentence about the incident itself.
var aboutIncidentRE = lazyRE(`(?i)\b(incident|charged|arrested|convicted of|offence of|index offence|died|death|was found)\b`)

func incidentTypeOf(s string) string {
	for _, c := range typeCues {
		if c.re.MatchString(s) {
			return c.typ
		}
	}
	return ""
}

func (e *Extractor) readOrder(us []unit) string {
	for _, u := range us {
		text := u.lower
		if u.cells != nil {
			text = strings.ToLower(strings.Join(u.cells, ": "))
		}
		if loc := orderLabelRE.FindStringIndex(text); loc != nil && loc[0] < 40 {
			if o := orderOf(text[loc[1]:]); o != "" {
				return o
			}
		}
	}
	for _, u := range us {
		if strings.Contains(u.lower, "previous") {
			continue
		}
		if o := orderOf(u.lower); o != "" {
			return o
		}
	}
	return ""
}

// orderOf returns the order named in lower-cased text.
func orderOf(s string) string {
	for _, c := range orderCues {
		if c.re.MatchString(s) {
			return c.order
		}
	}
	return ""
}

func numberWord(s string) int {
	switch strings.ToLower(s) {
	case "one":
		return 1
	case "two":
		return 2
	case "three":
		return 3
	}
	n, _ := strconv.Atoi(s)
	return n
}

func (e *Extractor) readMAPPA(us []unit) *corpus.MAPPA {
	for _, u := range us {
		text := u.text
		if u.cells != nil {
			text = strings.Join(u.cells, ": ")
		}
		lower := strings.ToLower(text)
		if !strings.Contains(lower, "mappa") {
			continue
		}
		if noMappaRE.get().MatchString(text) {
			return nil
		}
		c := mappaCatRE.get().FindStringSubmatch(text)
		l := mappaLevelRE.get().FindStringSubmatch(text)
		if c == nil && l == nil {
			continue
		}
		m := &corpus.MAPPA{}
		if c != nil {
			m.Category = numberWord(c[1])
		}
		if l != nil {
			m.Level = numberWord(l[1])
		}
		if m.Category < 0 || m.Category > 3 || m.Level < 0 || m.Level > 3 {
			continue
		}
		return m
	}
	return nil
}
