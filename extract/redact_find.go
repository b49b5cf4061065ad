package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

	"github.com/sirlearn/sirlearn/corpus"
)

// nameWord is a capitalised word in the patterns of addresses, schools
// and workplaces: the letters of Gaelic, Polish, Arabic and South Asian
// names as written in English text (Màiri, Łukasz, Siobhán), with their
// prefixes (Mac, Mc, O', Nic, Ní, Ó). People's names are found by
// capRuns instead.
const nameWord = `(?:Mac|Mc|Nic|O'|O’|D'|Ó\s|Ní\s|Mhic\s)?\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?`

// Fragments of the patterns below.
const (
	streetType = `(?:Street|St|Road|Rd|Avenue|Ave|Drive|Dr|Crescent|Cres|Place|Pl|Court|Ct|Gardens|Gdns|Terrace|Ter|Lane|Ln|Way|Square|Sq|Close|View|Park|Grove|Wynd|Brae|Loan|Row|Walk|Mews|Hill|Quadrant|Circus|Bank|Vennel|Path|Rise|Green|Gate|Parade|Boulevard|Vale|Loaning|Neuk|Knowe|Cottages|Steading)`
	monthName  = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)`
	ordinalDay = `(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))`
	dateRE     = `(?:(?:\d{1,2}(?:st|nd|rd|th)?|` + ordinalDay + `)\s+(?:of\s+)?` + monthName + `,?\s+\d{4}|` + monthName + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})`
)

// docIDCues are the words one of which docID needs.
var docIDCues = []string{"passport", "licen", "visor", "sort code", "account", "card", "imei"}

// piiPatterns are the patterns of personal details. They are compiled
// when first needed (pii): a command that never redacts, or a reader
// worker, does not pay for them at start-up.
type piiPatterns struct {
	email, nino, chi, nhs, id, chiLabel, phone, intlPhone, handle, profile, docID, ip, spelledEmail, field, postcode, vehicle, address, street, dob, initials, nick, school, workCue, company, platform, capsTitled, capsAddress *regexp.Regexp
}

var pii = sync.OnceValue(func() *piiPatterns {
	return &piiPatterns{
		email: regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`),
		nino:  regexp.MustCompile(`(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b`),
		// CHI: a date of birth as DDMMYY and four digits, or any ten digits
		// after the word CHI.
		chi: regexp.MustCompile(`\b(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[\s-]?\d{4}\b`),
		// id finds an officer's collar number ("PC 4471") and labelled
		// prison, police, court and case numbers ("prisoner number 123456",
		// "PNC ID 12/345678X", "SCRO number 123456/21T", "CRN X123456"):
		// each points to one person.
		// nhs finds a labelled NHS number.
		nhs:      regexp.MustCompile(`(?i)\bNHS\s+(?:number|no\.?)[\s:#]*(?:(?:is|was)\s+)?(\d{3}[\s-]?\d{3}[\s-]?\d{4})\b`),
		id:       regexp.MustCompile(`\b(?:PC|DC|PS|DS|Sgt|Sergeant|Constable|DCI|DI)\.?\s+(\d{2,6})\b|(?i:\b(?:(?:prison(?:er)?|sps|pnc|cro|scro|collar|warrant|custody|court|police|crime|incident|case|offender|visor|nomis|delius|arrest|hospital|patient|client|unit|medical\s+record)\s+(?:number|no\.?|id|ref(?:erence)?)|crn|scro))[\s:#]*(?:(?:is|was)\s+)?([A-Z0-9][A-Z0-9/-]{3,14})\b`),
		chiLabel: regexp.MustCompile(`(?i)\bCHI\b(?:\s*(?:number|no\.?))?[\s:#]*(?:(?:is|was)\s+)?((?:\d[\s-]?){9}\d)\b`),
		// UK phone numbers: +44 or 0044 or 0, then 9 or 10 digits in groups,
		// with spaces, dashes, dots or brackets.
		phone: regexp.MustCompile(`(?:\+44\s?(?:\(0\)\s?)?|\b0044\s?|\(0|\b0)\d[\d\s().-]{7,14}\d\b`),
		// intlPhone finds a number given with another country's code.
		intlPhone: regexp.MustCompile(`\+(?:[1-9]\d{0,2})[\s.-]?\d[\d\s().-]{6,14}\d\b`),
		// handle finds a social media name: "@jmac_87".
		// platform finds a user name written after the platform's name:
		// "Snapchat dtee88", "Instagram: jb_ayr".
		platform: regexp.MustCompile(`(?i)\b(?:` + strings.Join(platformNames, "|") + `)(?:\s+(?:name|handle|username|user\s+name|account|id))?(?:\s+(?:is|was))?[:\s]+@?([a-z0-9][a-z0-9._]{2,29})\b`),
		// capsTitled finds a name in capitals after a title in capitals:
		// "MR JOHN SMITH" on a form ("MR A" is a label: two letters or more).
		capsTitled: regexp.MustCompile(`\b(?:MR|MRS|MS|MISS|MX|DR)\.?\s+((?:[A-Z][A-Z'’-]+)(?:\s+[A-Z][A-Z'’-]+){0,2})\b`),
		// capsAddress finds a house number and a street in capitals, and the
		// town after it: "5 HIGH STREET, AYR".
		capsAddress: regexp.MustCompile(`\b\d{1,4}[A-Z]?,?\s+(?:[A-Z][A-Z'’-]+\s+){1,3}(?:STREET|ROAD|AVENUE|DRIVE|CRESCENT|PLACE|COURT|GARDENS|TERRACE|LANE|WAY|SQUARE|CLOSE|VIEW|PARK|GROVE|WYND|BRAE|LOAN|ROW|WALK|MEWS|HILL|QUADRANT|GATE|PARADE|VENNEL)\b(?:,\s*[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+)?)?`),
		handle:      regexp.MustCompile(`(?:^|[\s(\[,;:'"‘“])(@[A-Za-z0-9_.]{2,30}[A-Za-z0-9_])`),
		// profile finds the address of a social media profile:
		// "facebook.com/danny.oc", "https://www.instagram.com/jmac87".
		profile: regexp.MustCompile(`(?i)\b(?:https?://)?(?:www\.|m\.|mobile\.)?(?:facebook|fb|instagram|twitter|x|tiktok|linkedin|snapchat|youtube|threads|reddit|onlyfans)\.(?:com|net)/[^\s,;)\]"'<>]+`),
		// docID finds a labelled number of an identity document, a bank
		// account or a register: "passport number 123456789", "driving
		// licence WILSO809118CW9AB", "sort code 80-22-60", "ViSOR ref
		// 21/123456".
		docID: regexp.MustCompile(`\b(?:(?i:passport|driving licen[cs]e|visor|sort code)(?:\s+(?i:number|no\.?|id|ref(?:erence)?))?|(?i:(?:bank )?account|card|imei)\s+(?i:number|no\.?))[\s:#]*(?:(?i:is|was)\s+)?([A-Z0-9][A-Z0-9/ -]{3,20}[A-Z0-9])\b`),
		// spelledEmail finds an address written out to dodge harvesters:
		// "john dot smith at gmail dot com".
		spelledEmail: regexp.MustCompile(`(?i)\b[a-z0-9._%+-]+(?:\s+dot\s+[a-z0-9_%+-]+)*\s+(?:at|\(at\)|\[at\])\s+[a-z0-9-]+(?:\s+dot\s+[a-z]{2,})+\b`),
		// ip finds an IPv4 address.
		ip: regexp.MustCompile(`\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b`),
		// field finds a form's name field: "Name: JOHN PATERSON", "Service
		// user | Stuart Kerr"; the rest of the line is the name.
		field: regexp.MustCompile(`(?im)^[ \t]*(?:(?:full |first |last |sur|fore|maiden |preferred )?names?|service user|subject|person|individual|client|victim|offender|perpetrator|partner|mother|father)(?:\s*\(s\))?[ \t]*[:|][ \t]*([\p{Lu}][\p{L}'’.-]*(?:[ \t]+[\p{Lu}][\p{L}'’.-]*){0,3})[ \t]*(?:$|\|)`),
		// UK postcode, e.g. KY1 1XX, G2 1AB, EH11 2AB.
		postcode: regexp.MustCompile(`(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b`),
		// vehicle finds a registration mark in the current UK format
		// ("SJ19 ABC"), or any mark after the words that label one.
		vehicle: regexp.MustCompile(`\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b|(?i:\b(?:registration|reg\.?|number plate|vrm)(?:\s+(?:number|no\.?|mark|plate))?)[\s:#]*(?:(?:is|was)\s+)?([A-Z0-9]{1,4}\s?[A-Z0-9]{1,4})\b`),
		address: regexp.MustCompile(`\b(?:(?:Flat|Apartment|Unit)\s+[\dA-Za-z/]+,?\s+|\d{1,3}/\d{1,3},?\s+)?\d{1,4}[A-Za-z]?(?:/\d{1,3})?,?\s+(?:` + nameWord + `\s+){1,3}` + streetType + `\b\.?(?:,\s*` + nameWord + `(?:\s+` + nameWord + `)?)?`),
		street:  regexp.MustCompile(`\b(?:` + nameWord + `\s+){1,3}` + streetType + `\b`),
		dob:     regexp.MustCompile(`(?i)\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+on)?)\b[:\s]*(?:(?:in|at)\s+[\p{L}'-]+(?:\s+[\p{L}'-]+)?\s+)?(?:(?:is|was|on|the|in)\s+)*(` + dateRE + `|(?:19|20)\d{2}\b)`),
		// nick finds a name given as what a person is known as: "known as
		// 'Tam'".
		initials: regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+((?:\p{Lu}\.\s?){1,2}\p{Lu}\.?)(?:[\s,;:)]|$)`),
		nick:     regexp.MustCompile(`\b(?:(?:known|referred\s+to)(?:\s+(?:on|to|locally|among|by|online|in)(?:\s+[\p{L}]+){1,2}?)?\s+as\s+['"‘“]?|(?:called|nicknamed|goes\s+by)\s+['"‘“])(\p{Lu}\p{L}+(?:['’-]\p{L}+)*(?:\s+\p{Lu}\p{L}+(?:['’-]\p{L}+)*){0,2}(?:['’"”]\s+(?:Mac|Mc|O'|O’)?\p{Lu}\p{L}+(?:['’-]\p{L}+)*)?)`),
		// Schools and workplaces.
		school:  regexp.MustCompile(`\b(?:St\.?\s+)?(?:` + nameWord + `\s+){1,4}(?:Primary(?:\s+School)?|High\s+School|Secondary(?:\s+School)?|Academy|Grammar\s+School|School|College|University|Nursery)\b`),
		workCue: regexp.MustCompile(`\b(?:worked|working|works|employed|employment|job|placement|shifts|volunteered|volunteering)\s+(?:at|for|by|with|in)\s+(?:the\s+)?((?:\p{Lu}[\p{L}&'’-]*)(?:\s+(?:of\s+|and\s+|&\s+)?\p{Lu}[\p{L}&'’-]*){0,4})`),
		company: regexp.MustCompile(`\b(?:\p{Lu}[\p{L}&'’-]*\s+){1,4}(?:Ltd|Limited|plc|PLC|LLP|Inc|Group|Garage|Hotel|Supermarket|Factory|Warehouse|Distillery|Bakery|Restaurant|Takeaway|Cafe|Café|Bar|Pub|Salon|Motors|Construction|Logistics|Engineering)\b`),
	}
})

var (
	sentenceEnd = lazyRE(`[.!?]\s+|\n+`)
	// labelRE finds a review's label for a person: "Person B", "Mr A".
	labelRE = lazyRE(`^(?:Person|Mr|Mrs|Ms|Miss|Service User|Individual|Subject|Victim|Child|Adult)\s+[A-Z0-9]\.?$`)
)

// nerCandidate is a sentence whose first word only named-entity
// recognition can place.
type nerCandidate struct {
	text       int // index of the text
	start, end int // the word
	sentence   string
}

// findDetails returns the spans of personal details in t, adds the people's
// names it finds to names, and the words only the recogniser can place to
// ner (text is t's index).
func (r *Redactor) findDetails(t string, text int, heading bool, vocab, names map[string]bool, ner *[]nerCandidate) []span {
	p := pii()
	var spans []span
	add := func(re *regexp.Regexp, with string, group int) {
		for _, m := range re.FindAllStringSubmatchIndex(t, -1) {
			s, e := m[0], m[1]
			if group > 0 {
				if m[2*group] < 0 {
					continue
				}
				s, e = m[2*group], m[2*group+1]
			}
			spans = append(spans, span{s, e, with})
		}
	}
	// Each pattern runs only where a cheap test says it could match.
	lower := strings.ToLower(t)
	if strings.Contains(lower, " dot ") {
		add(p.spelledEmail, PlaceholderEmail, 0)
	}
	if strings.IndexByte(t, '@') >= 0 {
		add(p.email, PlaceholderEmail, 0)
		for _, m := range p.handle.FindAllStringSubmatchIndex(t, -1) {
			// "@jmac_87", unless more of an address follows straight
			// after it: a dot or an @ and a letter.
			if e := m[3]; !(e+1 < len(t) && (t[e] == '@' || t[e] == '.') && isLetter(t[e+1])) {
				spans = append(spans, span{m[2], m[3], PlaceholderHandle})
			}
		}
	}
	if strings.Contains(t, ".com/") || strings.Contains(t, ".net/") || strings.Contains(t, ".COM/") {
		add(p.profile, PlaceholderHandle, 0)
	}
	if containsAny(lower, platformNames) {
		for _, m := range p.platform.FindAllStringSubmatchIndex(t, -1) {
			// A user name holds a digit, a dot or an underscore; a word
			// after the platform's name ("his WhatsApp was monitored") is
			// no user name.
			if h := t[m[2]:m[3]]; strings.ContainsAny(h, "0123456789._") {
				spans = append(spans, span{m[2], m[3], PlaceholderHandle})
			}
		}
	}
	if strings.Contains(t, "MR") || strings.Contains(t, "MS") || strings.Contains(t, "MISS") || strings.Contains(t, "MX") || strings.Contains(t, "DR") {
		for _, m := range p.capsTitled.FindAllStringSubmatchIndex(t, -1) {
			if e := unknownCapsEnd(t, m[2], m[3]); e > m[2] {
				spans = append(spans, span{m[2], e, PlaceholderPerson})
			}
		}
	}
	if strings.ContainsAny(t, "0123456789") {
		add(p.capsAddress, PlaceholderAddress, 0)
	}
	// "Mr J.B.", "Ms A. K.": two or three initials after a title name
	// someone ("Mr A", one letter, is an anonymised label).
	if strings.Contains(t, ".") {
		add(p.initials, PlaceholderPerson, 1)
	}
	spans = append(spans, tableColumns(t)...)
	if strings.Contains(t, ":") || strings.Contains(t, "|") {
		for _, m := range p.field.FindAllStringSubmatchIndex(t, -1) {
			// "Subject: Serious incident review", "Victim: Person B" name
			// no one.
			if v := t[m[2]:m[3]]; !allKnown(v) && !labelRE.get().MatchString(v) {
				spans = append(spans, span{m[2], m[3], PlaceholderPerson})
			}
		}
	}
	if strings.ContainsAny(t, "0123456789") {
		if strings.Contains(lower, "birth") || strings.Contains(lower, "dob") || strings.Contains(lower, "d.o.b") || strings.Contains(lower, "born") {
			add(p.dob, PlaceholderDOB, 1)
		}
		add(p.nino, PlaceholderNINO, 0)
		if strings.Contains(lower, "chi") {
			add(p.chiLabel, PlaceholderCHI, 1)
		}
		add(p.chi, PlaceholderCHI, 0)
		add(p.id, PlaceholderID, 1)
		if strings.Contains(lower, "nhs") {
			add(p.nhs, PlaceholderID, 1)
		}
		add(p.id, PlaceholderID, 2)
		for _, m := range p.phone.FindAllStringIndex(t, -1) {
			if n := digits(t[m[0]:m[1]]); n >= 10 && n <= 14 {
				spans = append(spans, span{m[0], m[1], PlaceholderPhone})
			}
		}
		if strings.IndexByte(t, '+') >= 0 {
			for _, m := range p.intlPhone.FindAllStringIndex(t, -1) {
				if n := digits(t[m[0]:m[1]]); n >= 9 && n <= 15 {
					spans = append(spans, span{m[0], m[1], PlaceholderPhone})
				}
			}
		}
		if containsAny(lower, docIDCues) {
			for _, m := range p.docID.FindAllStringSubmatchIndex(t, -1) {
				if digits(t[m[2]:m[3]]) >= 4 {
					spans = append(spans, span{m[2], m[3], PlaceholderID})
				}
			}
		}
		if strings.Count(t, ".") >= 3 {
			add(p.ip, PlaceholderID, 0)
		}
		for _, m := range p.address.FindAllStringIndex(t, -1) {
			// "45 Cumberland Street." ends a sentence: the full stop after
			// a street type written out in full is no abbreviation's.
			if e := m[1]; t[e-1] == '.' && !abbrevStreet(t[m[0]:e-1]) {
				m[1]--
			}
			spans = append(spans, span{m[0], m[1], PlaceholderAddress})
		}
		add(p.postcode, PlaceholderPostcode, 0)
		for _, m := range p.vehicle.FindAllStringSubmatchIndex(t, -1) {
			if s, e := m[2], m[3]; s >= 0 {
				if digits(t[s:e]) > 0 { // a labelled mark holds a digit
					spans = append(spans, span{s, e, PlaceholderVehicle})
				}
			} else {
				spans = append(spans, span{m[0], m[1], PlaceholderVehicle})
			}
		}
	}
	if strings.Contains(lower, " as ") || strings.Contains(lower, "called") || strings.Contains(lower, "nicknamed") || strings.Contains(lower, "goes by") {
		add(p.nick, PlaceholderPerson, 1)
	}
	if containsAny(t, schoolCues) {
		add(p.school, PlaceholderSchool, 0)
	}
	if containsAny(lower, workCues) {
		add(p.workCue, PlaceholderWorkplace, 1)
	}
	if containsAny(t, companyCues) {
		add(p.company, PlaceholderWorkplace, 0)
	}
	if containsAny(t, streetCues) {
		for _, m := range p.street.FindAllStringIndex(t, -1) {
			if !allKnown(t[m[0]:m[1]]) {
				spans = append(spans, span{m[0], m[1], PlaceholderAddress})
			}
		}
	}
	covered := func(s, e int) bool {
		for _, sp := range spans {
			if s < sp.end && sp.start < e {
				return true
			}
		}
		return false
	}
	// People: each run of capitalised words, with the words around it.
	for _, sent := range roughSentences(t) {
		st := t[sent[0]:sent[1]]
		for _, m := range capRuns(st) {
			s, e := sent[0]+m[0], sent[0]+m[1]
			if covered(s, e) {
				continue
			}
			run := t[s:e]
			before := t[max(sent[0], s-48):s]
			after := t[e:min(sent[1], e+48)]
			var name string
			if titled(run) || cuedBefore(before) || cuedAfter(after) {
				// A title, a role or a relation says this is a person, even
				// when the words are common ones ("Mr Rose").
				name = trimName(run)
			}
			if name == "" {
				name = unknownPart(run, vocab)
				if name == "" {
					continue
				}
				if s == sent[0] && !strings.Contains(name, " ") && strings.HasPrefix(run, name) {
					// One unknown word opening a sentence: a name, or a word
					// the document capitalises only there. Decided once the
					// whole document is read.
					if verbFollows(after) && !heading {
						*ner = append(*ner, nerCandidate{text: text, start: s, end: s + len(name), sentence: firstWords(st, 12)})
					}
					continue
				}
			}
			i := strings.Index(run, name)
			if i < 0 || covered(s+i, s+i+len(name)) {
				continue
			}
			spans = append(spans, span{s + i, s + i + len(name), PlaceholderPerson})
			registerName(names, name)
		}
	}
	return spans
}

// roughSentences returns the rough sentence spans of t.
// abbreviatedBefore reports whether the text before a full stop ends in a
// title or a single capital initial, after which the stop ends no
// sentence.
func abbreviatedBefore(before string) bool {
	i := strings.LastIndexAny(before, " \t\n(,;:") + 1
	w := before[i:]
	if len(w) == 1 {
		return w[0] >= 'A' && w[0] <= 'Z'
	}
	return len(w) <= 9 && titles[strings.ToLower(w)]
}

func roughSentences(t string) [][2]int {
	var out [][2]int
	start := 0
	for _, m := range sentenceEnd.get().FindAllStringIndex(t, -1) {
		if t[m[0]] == '.' && abbreviatedBefore(t[:m[0]]) {
			continue // "Mrs. O'Brien", "J. Brown": no sentence ends here
		}
		if m[0] > start {
			out = append(out, [2]int{start, m[0]})
		}
		start = m[1]
	}
	if start < len(t) {
		out = append(out, [2]int{start, len(t)})
	}
	return out
}

// unknownPart returns the words of a capitalised run that make a name:
// the run without its known words at either end; "" when every word is
// known (common words the document also writes in lower case, role
// titles, authorities, places that stay).
func unknownPart(run string, vocab map[string]bool) string {
	words := strings.Fields(run)
	norm := func(w string) string {
		lw := strings.ToLower(strings.Trim(w, "'’"))
		return strings.TrimSuffix(strings.TrimSuffix(lw, "'s"), "’s")
	}
	i, j := 0, len(words)
	for i < j {
		lw := norm(words[i])
		if !keptWords[lw] && !vocab[lw] && !placeWords[lw] {
			break
		}
		i++
	}
	// At the end only titles, roles and bodies go: a surname can be a
	// place or a common word.
	for j > i && keptWords[norm(words[j-1])] {
		j--
	}
	if i == j {
		return ""
	}
	name := strings.Join(words[i:j], " ")
	if _, ok := corpus.CanonicalAuthority(name); ok {
		return ""
	}
	if utf8.RuneCountInString(name) < 2 {
		return ""
	}
	return name
}

// allKnown reports whether every word of s is a common or kept word (so
// "Case Management Plan" is not a street).
func allKnown(s string) bool {
	for _, w := range strings.Fields(s) {
		lw := strings.ToLower(w)
		if !keptWords[lw] && !commonWords[lw] && !placeWords[lw] {
			return false
		}
	}
	return true
}

// trimName drops role and title words at the ends of a matched name and
// refuses an anonymised label ("A", "B") or a kept word.
func trimName(s string) string {
	words := strings.Fields(s)
	i, j := 0, len(words)
	for i < j && (keptWords[strings.ToLower(words[i])] || commonWords[strings.ToLower(words[i])]) {
		i++
	}
	for j > i && keptWords[strings.ToLower(words[j-1])] {
		j--
	}
	if i == j {
		return ""
	}
	name := strings.Join(words[i:j], " ")
	if utf8.RuneCountInString(name) < 2 {
		return "" // "Mr A": an anonymised label
	}
	if _, ok := corpus.CanonicalAuthority(name); ok {
		return ""
	}
	return name
}

// registerName adds a name and its parts (first name, surname) to the
// document's names.
func registerName(names map[string]bool, name string) {
	names[name] = true
	for _, w := range strings.Fields(name) {
		w = strings.TrimRight(w, "'’s")
		lw := strings.ToLower(w)
		if utf8.RuneCountInString(w) >= 3 && !keptWords[lw] && !commonWords[lw] && !placeWords[lw] {
			names[w] = true
		}
	}
}

// isPerson asks the named-entity recogniser whether word is a person's
// name in the sentence.
func (r *Redactor) isPerson(sentence, word string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	doc, err := prose.NewDocument(sentence, prose.UsingModel(r.model()), prose.WithSegmentation(false))
	if err != nil {
		return false
	}
	for _, e := range doc.Entities() {
		if e.Label == "PERSON" && strings.Contains(e.Text, word) {
			return true
		}
	}
	return false
}

// digits counts the digits in s.
func digits(s string) int {
	n := 0
	for _, c := range s {
		if unicode.IsDigit(c) {
			n++
		}
	}
	return n
}

// lowerVocabulary is every word the document writes in lower case: a word
// it also capitalises is a common word at a sentence start or in a
// heading, not a name.
func lowerVocabulary(texts []string) map[string]bool {
	v := map[string]bool{}
	for _, t := range texts {
		for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' }) {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
				v[w] = true
			}
		}
	}
	for w := range commonWords {
		v[w] = true
	}
	return v
}

// Cheap tests that gate the patterns: literal words, found with
// strings.Contains (a regexp alternation of literals is far slower).
var (
	schoolCues  = strings.Fields(`School Academy College University Primary Nursery Secondary`)
	workCues    = strings.Fields(`work employ job placement shift volunteer`)
	companyCues = strings.Fields(`Ltd Limited plc PLC LLP Inc Group Garage Hotel Supermarket Factory Warehouse Distillery Bakery Restaurant Takeaway Caf Bar Pub Salon Motors Construction Logistics Engineering`)
	streetCues  = strings.Fields(strings.NewReplacer("(?:", "", ")", "", "|", " ").Replace(streetType))
)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// titles that make the capitalised words after them a name.
var titles = wordSet(`mr mrs ms miss mx dr prof professor sir dame rev reverend father sister cllr councillor`)

// titled reports whether a run starts with a title and goes on: "Mr
// Smith", not "Mr" before an anonymised letter.
func titled(run string) bool {
	w := strings.Fields(run)
	return len(w) > 1 && titles[strings.ToLower(strings.TrimSuffix(w[0], "."))]
}

// personCues are the words after which a capitalised run names a person:
// roles and relations (lower case, as phrases).
var personCues = strings.Fields(`social_worker justice_social_worker team_leader team_manager service_manager senior_practitioner
practitioner probation_officer offender_manager case_manager key_worker keyworker support_worker housing_officer police_officer
officer constable pc dc ds sergeant inspector detective nurse psychiatrist psychologist consultant gp doctor manager supervisor
solicitor sheriff worker mentor advocate partner ex-partner wife ex-wife husband ex-husband girlfriend boyfriend mother father
stepmother stepfather mum dad son daughter stepson stepdaughter brother sister half-brother half-sister aunt uncle cousin niece
nephew grandmother grandfather gran grandson granddaughter friend neighbour flatmate carer victim complainer child baby landlord
employer colleague named called known_as aka`)

// cuedBefore reports whether the text before a run ends with a role or
// relation, perhaps with a comma and "was" or "is": "his partner, ",
// "the victim was ".
func cuedBefore(before string) bool {
	b := strings.ToLower(strings.TrimRight(before, " \t\n"))
	// A title or an initial with a full stop ("Mrs. O'Brien", "J. Brown")
	// ends the run before the name.
	if t := strings.TrimRight(before, " \t\n"); strings.HasSuffix(t, ".") && abbreviatedBefore(t[:len(t)-1]) {
		return true
	}
	b = strings.TrimSuffix(strings.TrimSuffix(b, " was"), " is")
	b = strings.TrimRight(b, " ,:")
	for _, c := range personCues {
		c = strings.ReplaceAll(c, "_", " ")
		if strings.HasSuffix(b, c) {
			if i := len(b) - len(c); i == 0 || !isLetter(b[i-1]) {
				return true
			}
		}
	}
	return false
}

// roleAfter are the roles and relations that, after a name and a comma or
// bracket, say the name is a person's: "Sarah Thomson (social worker)".
var roleAfter = strings.Fields(`social_worker team_leader manager senior_practitioner practitioner officer psychiatrist nurse gp
partner ex-partner former_partner girlfriend boyfriend wife husband mother father stepmother stepfather victim neighbour friend
brother sister son daughter stepson stepdaughter stepchild grandson granddaughter niece nephew cousin aunt uncle
co-accused cellmate flatmate carer landlord employer colleague`)

// actVerbs after a name say it is a person's: "Fiona noted".
var actVerbs = wordSet(`said says told noted reported explained stated recalled described disclosed confirmed advised wrote
emailed e-mailed phoned telephoned called visited attended agreed asked recorded spoke`)

// cuedAfter reports whether the text after a run gives it a role or a
// person's act.
func cuedAfter(after string) bool {
	a := strings.ToLower(after)
	if w := strings.Fields(a); len(w) > 0 && actVerbs[strings.Trim(w[0], ".,;:")] && (a[0] == ' ') {
		return true
	}
	a = strings.TrimLeft(a, " ")
	if !strings.HasPrefix(a, ",") && !strings.HasPrefix(a, "(") {
		return false
	}
	a = strings.TrimLeft(a[1:], " ")
	for _, art := range []string{"the ", "a ", "his ", "her ", "their "} {
		a = strings.TrimPrefix(a, art)
	}
	for _, r := range roleAfter {
		r = strings.ReplaceAll(r, "_", " ")
		if strings.HasPrefix(a, r) && (len(a) == len(r) || !isLetter(a[len(r)])) {
			return true
		}
	}
	return false
}

// auxiliaries after a sentence's first word make it worth asking whether
// that word is a person: "Tariq was arrested", not "Terms of reference".
var auxiliaries = wordSet(`was is had has did would could will should may might must were are said told noted reported
explained stated described disclosed confirmed agreed asked spoke moved lived left returned stayed went became remained
continued refused failed missed attended admitted denied`)

func verbFollows(after string) bool {
	w := strings.Fields(after)
	return len(w) > 0 && auxiliaries[strings.ToLower(strings.Trim(w[0], ".,;:"))]
}

// firstWords returns s cut after n words.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80 }

// abbrevStreet reports whether an address ends in an abbreviated street
// type ("St", "Rd", "Cres"), after which a full stop belongs to it.
func abbrevStreet(a string) bool {
	i := strings.LastIndexByte(a, ' ')
	switch a[i+1:] {
	case "St", "Rd", "Ave", "Dr", "Cres", "Pl", "Ct", "Gdns", "Ter", "Ln", "Sq":
		return true
	}
	return false
}

// platformNames are the social platforms after whose name a user name may
// stand.
var platformNames = []string{"snapchat", "instagram", "insta", "facebook", "tiktok", "twitter", "whatsapp", "telegram", "kik", "discord"}

// unknownCapsEnd returns where the words in capitals from s to e that are
// neither the domain's nor common ones end: "MR JOHN SMITH" names John
// Smith, "MS JONES ON" Jones, "DR REPORT" no one (s itself).
func unknownCapsEnd(t string, s, e int) int {
	end := s
	for i := s; i < e; {
		j := strings.IndexByte(t[i:e], ' ')
		if j < 0 {
			j = e - i
		}
		lw := strings.ToLower(t[i : i+j])
		if keptWords[lw] || commonWords[lw] || auxiliaries[lw] || actVerbs[lw] {
			break
		}
		end = i + j
		i += j + 1
	}
	return end
}
