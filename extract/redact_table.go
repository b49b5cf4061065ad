package extract

import (
	"regexp"
	"strings"
	"sync"
)

// columnLabelRE finds a table header cell that labels a column of
// personal details: every cell below it is one.
var columnLabelRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:(date of birth|d\.?o\.?b\.?|birth ?date|born)|(chi(?: number| no\.?)?)|(nhs (?:number|no\.?)|ni number|national insurance(?: number)?|prison(?:er)? number|pnc(?: id| number)?)|((?:tele)?phone(?: number)?|mobile(?: number)?|contact number|tel\.?)|((?:home |current |last known )?address)|(e-?mail(?: address)?)|((?:full |first |last |sur|fore)?names?|service user|victim|complainer|partner|mother|father))$`)
})

// plainCellRE finds a cell that names no one: a review's pseudonym
// ("Person A", "Mr B") or no value ("not known", "n/a").
var plainCellRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:(?:person|mr|ms|mrs|miss|child|victim|subject|individual|service user|adult|male|female|man|woman) [a-z]\d?|not known|unknown|n/?a|none|not recorded|not applicable|no fixed abode|nfa|withheld|redacted|\[[a-z ]+\])$`)
})

// columnPlaceholders are the placeholders of columnLabelRE's groups.
var columnPlaceholders = []string{PlaceholderDOB, PlaceholderCHI, PlaceholderID, PlaceholderPhone, PlaceholderAddress, PlaceholderEmail, PlaceholderPerson}

// tableColumns finds the cells of table columns labelled as personal
// details ("| Name | Date of birth |" above "| Craig Wilson | 11.09.1988
// |"), in the cell-bar tables the readers write: a label in the header
// says what each cell below it is, whatever its form.
func tableColumns(t string) []span {
	if strings.Count(t, "|") < 4 {
		return nil
	}
	var out []span
	var cols map[int]string // cell index -> placeholder, for the table being read
	pos := 0
	for _, line := range strings.SplitAfter(t, "\n") {
		start := pos
		pos += len(line)
		if strings.Count(line, "|") < 2 {
			cols = nil
			continue
		}
		cells := cellSpans(line)
		if cols == nil {
			for i, c := range cells {
				m := columnLabelRE().FindStringSubmatchIndex(strings.TrimSpace(line[c[0]:c[1]]))
				if m == nil {
					continue
				}
				for g := 1; g < len(m)/2; g++ {
					if m[2*g] >= 0 {
						if cols == nil {
							cols = map[int]string{}
						}
						cols[i] = columnPlaceholders[g-1]
						break
					}
				}
			}
			continue
		}
		for i, c := range cells {
			with, ok := cols[i]
			if !ok {
				continue
			}
			cell := line[c[0]:c[1]]
			s := strings.TrimSpace(cell)
			if s == "" || strings.Trim(s, "-: ") == "" || plainCellRE().MatchString(s) {
				continue // a separator row, an empty cell, a pseudonym or "not known"
			}
			from := start + c[0] + strings.Index(cell, s)
			out = append(out, span{from, from + len(s), with})
		}
	}
	return out
}

// cellSpans returns the spans of the cells of a line of a cell-bar table,
// between its bars.
func cellSpans(line string) [][2]int {
	var out [][2]int
	from := -1
	for i := 0; i < len(line); i++ {
		if line[i] != '|' {
			continue
		}
		if from >= 0 || i > 0 && strings.TrimSpace(line[:i]) != "" {
			if from < 0 {
				from = 0
			}
			out = append(out, [2]int{from, i})
		}
		from = i + 1
	}
	if from >= 0 && from < len(line) && strings.TrimSpace(line[from:]) != "" {
		out = append(out, [2]int{from, len(line)})
	}
	return out
}
