package corpus

import (
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Authority is one of the 32 Scottish local authorities.
type Authority struct {
	// Name is the canonical name used in every output.
	Name string
	// Variants are other ways documents name it, English and Gaelic.
	Variants []string
	// Population is an approximate 2020 population in thousands, used to
	// weight the synthetic corpus.
	Population int
}

// Authorities returns the 32 local authorities in alphabetical order.
func Authorities() []Authority {
	return []Authority{
		{"Aberdeen City", []string{"Aberdeen", "Obar Dheathain", "Comhairle Baile Obar Dheathain"}, 229},
		{"Aberdeenshire", []string{"Siorrachd Obar Dheathain"}, 261},
		{"Angus", []string{"Aonghas"}, 116},
		{"Argyll and Bute", []string{"Argyll & Bute", "Earra-Ghaidheal agus Bod"}, 86},
		{"City of Edinburgh", []string{"Edinburgh", "Edinburgh City", "Dun Eideann", "Comhairle Baile Dhun Eideann"}, 527},
		{"Clackmannanshire", []string{"Siorrachd Chlach Mhanainn"}, 52},
		{"Dumfries and Galloway", []string{"Dumfries & Galloway", "Dun Phris is Gall-Ghaidhealaibh"}, 148},
		{"Dundee City", []string{"Dundee", "Dun De"}, 149},
		{"East Ayrshire", []string{"Siorrachd Inbhir Air an Ear"}, 122},
		{"East Dunbartonshire", []string{"Siorrachd Dhun Bhreatainn an Ear"}, 109},
		{"East Lothian", []string{"Lodainn an Ear"}, 108},
		{"East Renfrewshire", []string{"Siorrachd Rinn Friu an Ear"}, 96},
		{"Falkirk", []string{"An Eaglais Bhreac"}, 161},
		{"Fife", []string{"Fiobha"}, 374},
		{"Glasgow City", []string{"Glasgow", "Glaschu", "Comhairle Baile Ghlaschu"}, 635},
		{"Highland", []string{"The Highland Council", "Gaidhealtachd", "Comhairle na Gaidhealtachd"}, 236},
		{"Inverclyde", []string{"Inbhir Chluaidh"}, 77},
		{"Midlothian", []string{"Meadhan Lodainn"}, 93},
		{"Moray", []string{"Moireibh"}, 96},
		{"Na h-Eileanan Siar", []string{"Comhairle nan Eilean Siar", "Western Isles", "Eilean Siar", "Na h-Eileanan an Iar"}, 27},
		{"North Ayrshire", []string{"Siorrachd Inbhir Air a Tuath"}, 134},
		{"North Lanarkshire", []string{"Siorrachd Lannraig a Tuath"}, 341},
		{"Orkney Islands", []string{"Orkney", "Arcaibh"}, 22},
		{"Perth and Kinross", []string{"Perth & Kinross", "Peairt agus Ceann Rois"}, 152},
		{"Renfrewshire", []string{"Siorrachd Rinn Friu"}, 179},
		{"Scottish Borders", []string{"Borders", "Crochan na h-Alba"}, 116},
		{"Shetland Islands", []string{"Shetland", "Sealtainn"}, 23},
		{"South Ayrshire", []string{"Siorrachd Inbhir Air a Deas"}, 112},
		{"South Lanarkshire", []string{"Siorrachd Lannraig a Deas"}, 320},
		{"Stirling", []string{"Sruighlea"}, 94},
		{"West Dunbartonshire", []string{"Siorrachd Dhun Bhreatainn an Iar"}, 88},
		{"West Lothian", []string{"Lodainn an Iar"}, 184},
	}
}

// FoldName lower-cases s, strips accents (Gaelic grave and acute vowels),
// turns "&" into "and" and folds runs of non-letters into single spaces, so
// that authority names compare whatever their typography.
func FoldName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch r {
		case 'à', 'á', 'À', 'Á':
			r = 'a'
		case 'è', 'é', 'È', 'É':
			r = 'e'
		case 'ì', 'í', 'Ì', 'Í':
			r = 'i'
		case 'ò', 'ó', 'Ò', 'Ó':
			r = 'o'
		case 'ù', 'ú', 'Ù', 'Ú':
			r = 'u'
		case '&':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
			continue
		}
		if r == '-' || r == '\'' || r == '’' {
			continue // "h-Eileanan", "Dùn-Èideann"
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// AuthorityName is one folded name or variant and the canonical name it
// stands for.
type AuthorityName struct {
	Folded    string
	Canonical string
}

// AuthorityNames returns every folded name and variant, longest first, so a
// scan that takes the first match prefers "East Ayrshire" to "Ayrshire" and
// "Siorrachd Obar Dheathain" to "Obar Dheathain".
func AuthorityNames() []AuthorityName {
	var out []AuthorityName
	for _, a := range Authorities() {
		out = append(out, AuthorityName{FoldName(a.Name), a.Name})
		for _, v := range a.Variants {
			out = append(out, AuthorityName{FoldName(v), a.Name})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Folded) > len(out[j].Folded) })
	return out
}

// CanonicalAuthority returns the canonical name for a name or variant,
// ignoring case, accents and suffixes such as "Council" or "Justice Social
// Work", and false when s names no authority.
func CanonicalAuthority(s string) (string, bool) {
	f := " " + FoldName(s) + " "
	for _, suffix := range []string{" council ", " justice social work ", " community justice service ",
		" health and social care partnership ", " social work services ", " social work "} {
		f = strings.Replace(f, suffix, " ", 1)
	}
	f = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(f), "the "))
	f = strings.TrimPrefix(f, "comhairle ")
	idx := authorityIndex()
	if c, ok := idx[f]; ok {
		return c, true
	}
	if c, ok := idx["comhairle "+f]; ok {
		return c, true
	}
	return "", false
}

// authorityIndex maps every folded name and variant to its canonical name;
// made once, read-only after (the redactor asks for every capitalised
// phrase, and building the list each time was 9% of indexing).
var authorityIndex = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, n := range AuthorityNames() {
		if _, dup := m[n.Folded]; !dup {
			m[n.Folded] = n.Canonical
		}
	}
	return m
})
