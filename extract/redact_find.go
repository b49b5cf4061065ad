package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

	"github.com/sirlearn/sirlearn/corpus"
)

// The patterns of the first pass. Names allow the letters of Gaelic,
// Polish, Arabic and South Asian names as written in English text
// (Màiri, Łukasz, Siobhán), prefixes (Mac, Mc, O', Nic, Ní, Ó) and
// particles (al-, bin, van).
const (
	nameWord = `(?:Mac|Mc|Nic|O'|O’|D'|Ó\s|Ní\s|Mhic\s)?\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?`
	particle = `(?:al|Al|el|El|bin|Bin|ibn|van|Van|von|de|De|da|du|le|la|di|ben|Ben|abu|Abu|bint|ap)(?:-|\s)`
	fullName = nameWord + `(?:\s+(?:` + particle + `)?` + nameWord + `){0,3}`
)

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	ninoRE  = regexp.MustCompile(`(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b`)
	// CHI: a date of birth as DDMMYY and four digits, or any ten digits
	// after the word CHI.
	chiRE      = regexp.MustCompile(`\b(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}\s?\d{4}\b`)
	chiLabelRE = regexp.MustCompile(`(?i)\bCHI\b(?:\s*(?:number|no\.?))?[\s:#]*((?:\d\s?){9}\d)\b`)
	// UK phone numbers: +44 or 0044 or 0, then 9 or 10 digits in groups,
	// with spaces, dashes, dots or brackets.
	phoneRE = regexp.MustCompile(`(?:\+44\s?(?:\(0\)\s?)?|\b0044\s?|\(0|\b0)\d[\d\s().-]{7,14}\d\b`)
	// UK postcode, e.g. KY1 1XX, G2 1AB, EH11 2AB.
	postcodeRE = regexp.MustCompile(`\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b`)
	streetType = `(?:Street|St|Road|Rd|Avenue|Ave|Drive|Dr|Crescent|Cres|Place|Pl|Court|Ct|Gardens|Gdns|Terrace|Ter|Lane|Ln|Way|Square|Sq|Close|View|Park|Grove|Wynd|Brae|Loan|Row|Walk|Mews|Hill|Quadrant|Circus|Bank|Vennel|Path|Rise|Green|Gate|Parade|Boulevard|Vale|Loaning|Neuk|Knowe|Cottages|Steading)`
	addressRE  = regexp.MustCompile(`\b(?:(?:Flat|Apartment|Unit)\s+[\dA-Za-z/]+,?\s+|\d{1,3}/\d{1,3},?\s+)?\d{1,4}[A-Za-z]?(?:/\d{1,3})?,?\s+(?:` + nameWord + `\s+){1,3}` + streetType + `\b\.?(?:,\s*` + nameWord + `(?:\s+` + nameWord + `)?)?`)
	streetRE   = regexp.MustCompile(`\b(?:` + nameWord + `\s+){1,3}` + streetType + `\b`)
	monthName  = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)`
	dateRE     = `(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthName + `,?\s+\d{4}|` + monthName + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})`
	dobRE      = regexp.MustCompile(`(?i)\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+on)?)\b[:\s]*(?:(?:is|was|on|the)\s+)*(` + dateRE + `)`)
	// "Mr Smith", "Mrs Jean Brown", "Dr Ahmed"; "Mr A" is an anonymised
	// label and is kept.
	titleNameRE = regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Rev|Reverend|Father|Sister|Cllr|Councillor)\.?\s+(` + fullName + `)`)
	// A role or relation, then a name: "Senior Social Worker Fiona McLeod",
	// "social worker, Sarah Thomson,", "his partner, Aisha Khan", "a
	// neighbour, Jamie Docherty", "named Tariq".
	cueNameRE = regexp.MustCompile(`(?i:\b(?:social\s+worker|justice\s+social\s+worker|team\s+(?:leader|manager)|service\s+manager|senior\s+practitioner|practitioner|probation\s+officer|offender\s+manager|case\s+manager|key\s*worker|support\s+worker|housing\s+officer|police\s+officer|officer|constable|PC|DC|DS|sergeant|inspector|detective|nurse|psychiatrist|psychologist|consultant|GP|doctor|manager|supervisor|solicitor|sheriff|worker|mentor|advocate|partner|ex-partner|wife|ex-wife|husband|ex-husband|girlfriend|boyfriend|mother|father|stepmother|stepfather|mum|dad|son|daughter|stepson|stepdaughter|brother|sister|half-brother|half-sister|aunt|uncle|cousin|niece|nephew|grandmother|grandfather|gran|grandson|granddaughter|friend|neighbour|flatmate|carer|victim|complainer|child|children|baby|landlord|employer|colleague|named|called|known\s+as|aka)\b,?\s+(?:(?:was|is)\s+)?)(` + fullName + `)`)
	// "Sarah Thomson (social worker)", "Fiona McLeod, the team leader".
	nameRoleRE = regexp.MustCompile(`(` + fullName + `)\s*(?:,\s*(?:the\s+|a\s+|his\s+|her\s+)?|\(\s*)(?i:social\s+worker|team\s+leader|manager|senior\s+practitioner|practitioner|officer|psychiatrist|nurse|GP|partner|mother|father|victim|neighbour|friend|brother|sister|son|daughter)\b`)
	// A name that speaks or acts: "Fiona noted", "Tariq told".
	actsRE = regexp.MustCompile(`\b(` + fullName + `)\s+(?:said|says|told|noted|reported|explained|stated|recalled|described|disclosed|confirmed|advised|wrote|emailed|phoned|telephoned|called|visited|attended|agreed|asked|recorded|spoke)\b`)
	// Schools and workplaces.
	schoolRE    = regexp.MustCompile(`\b(?:St\.?\s+)?(?:` + nameWord + `\s+){1,4}(?:Primary(?:\s+School)?|High\s+School|Secondary(?:\s+School)?|Academy|Grammar\s+School|School|College|University|Nursery)\b`)
	workCueRE   = regexp.MustCompile(`\b(?:worked|working|works|employed|employment|job|placement|shifts|volunteered|volunteering)\s+(?:at|for|by|with|in)\s+(?:the\s+)?((?:\p{Lu}[\p{L}&'’-]*)(?:\s+(?:of\s+|and\s+|&\s+)?\p{Lu}[\p{L}&'’-]*){0,4})`)
	companyRE   = regexp.MustCompile(`\b(?:\p{Lu}[\p{L}&'’-]*\s+){1,4}(?:Ltd|Limited|plc|PLC|LLP|Inc|Group|Garage|Hotel|Supermarket|Factory|Warehouse|Distillery|Bakery|Restaurant|Takeaway|Cafe|Café|Bar|Pub|Salon|Motors|Construction|Logistics|Engineering)\b`)
	capRunRE    = regexp.MustCompile(fullName)
	sentenceEnd = regexp.MustCompile(`[.!?]\s+|\n+`)
)

// findDetails returns the spans of personal details in t and adds the
// people's names it finds to names.
func (r *Redactor) findDetails(t string, vocab map[string]bool, names map[string]bool) []span {
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
	add(emailRE, PlaceholderEmail, 0)
	add(dobRE, PlaceholderDOB, 1)
	add(ninoRE, PlaceholderNINO, 0)
	add(chiLabelRE, PlaceholderCHI, 1)
	add(chiRE, PlaceholderCHI, 0)
	for _, m := range phoneRE.FindAllStringIndex(t, -1) {
		if n := digits(t[m[0]:m[1]]); n >= 10 && n <= 14 {
			spans = append(spans, span{m[0], m[1], PlaceholderPhone})
		}
	}
	add(addressRE, PlaceholderAddress, 0)
	add(postcodeRE, PlaceholderPostcode, 0)
	add(schoolRE, PlaceholderSchool, 0)
	add(workCueRE, PlaceholderWorkplace, 1)
	add(companyRE, PlaceholderWorkplace, 0)
	for _, m := range streetRE.FindAllStringIndex(t, -1) {
		if !allKnown(t[m[0]:m[1]]) {
			spans = append(spans, span{m[0], m[1], PlaceholderAddress})
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
	person := func(s, e int) {
		name := trimName(t[s:e])
		if name == "" {
			return
		}
		i := strings.Index(t[s:e], name)
		s, e = s+i, s+i+len(name)
		if covered(s, e) {
			return
		}
		spans = append(spans, span{s, e, PlaceholderPerson})
		registerName(names, name)
	}
	for _, re := range []*regexp.Regexp{titleNameRE, cueNameRE, nameRoleRE, actsRE} {
		for _, m := range re.FindAllStringSubmatchIndex(t, -1) {
			person(m[2], m[3])
		}
	}
	// Runs of capitalised words the document never writes in lower case.
	for _, sent := range roughSentences(t) {
		for _, m := range capRunRE.FindAllStringIndex(t[sent[0]:sent[1]], -1) {
			s, e := sent[0]+m[0], sent[0]+m[1]
			if covered(s, e) {
				continue
			}
			run := t[s:e]
			start := s == sent[0]
			name := unknownPart(run, vocab)
			if name == "" {
				continue
			}
			if start && !strings.Contains(name, " ") && strings.HasPrefix(run, name) {
				// One unknown word opening a sentence: a name, or a word the
				// document happens to capitalise only here. Ask the model.
				if !r.isPerson(t[sent[0]:sent[1]], name) {
					continue
				}
			}
			i := strings.Index(run, name)
			person(s+i, s+i+len(name))
		}
	}
	return spans
}

// roughSentences returns the rough sentence spans of t.
func roughSentences(t string) [][2]int {
	var out [][2]int
	start := 0
	for _, m := range sentenceEnd.FindAllStringIndex(t, -1) {
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
	if _, ok := corpus.CanonicalAuthority(name); ok || keptPhrases[strings.ToLower(name)] {
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
	if len(sentence) > 2000 {
		sentence = sentence[:2000]
	}
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
