package extract

import (
	"strconv"
	"strings"
	"time"
)

const monthRE = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

var (
	// "14 March 2019", "14th of March, 2019", "14-Mar-2019", "14-Mar-19",
	// "14 Mar 19".
	dmyTextRE = lazyRE(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|-)` + monthRE + `(?:\.?,?\s+|-)(\d{4}|\d{2}\b)\b`)
	mdyTextRE = lazyRE(`(?i)\b` + monthRE + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	numericRE = lazyRE(`\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b`)
	isoRE     = lazyRE(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	noYearRE  = lazyRE(`(?i)\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+(?:of\s+)?` + monthRE + `\b`)
)

// dateMention is one date found in a text, with its byte span.
type dateMention struct {
	date       time.Time
	start, end int
	// yearless is true for "the 14th of March"; its year was inferred.
	yearless bool
}

func monthNumber(s string) time.Month {
	s = strings.ToLower(s)
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(s, m) {
			return time.Month(i + 1)
		}
	}
	return 0
}

func mkDate(y int, m time.Month, d int) (time.Time, bool) {
	if y < 100 {
		y += 2000
	}
	if y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 February
		return time.Time{}, false
	}
	return t, true
}

// findDates returns every date in s, in order, without overlaps. A date
// written without a year takes defaultYear (0 means skip it).
// monthStems are the first three letters of every month's name.
var monthStems = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// hasMonth reports whether s holds the start of a month's name, in any
// case.
func hasMonth(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 's' {
			continue
		}
		for _, m := range monthStems {
			if c == m[0] && s[i+1]|0x20 == m[1] && s[i+2]|0x20 == m[2] {
				return true
			}
		}
	}
	return false
}

func findDates(s string, defaultYear int) []dateMention {
	if !strings.ContainsAny(s, "0123456789") {
		return nil
	}
	var out []dateMention
	taken := func(a, b int) bool {
		for _, m := range out {
			if a < m.end && b > m.start {
				return true
			}
		}
		return false
	}
	add := func(t time.Time, ok bool, a, b int, yearless bool) {
		if ok && !taken(a, b) {
			out = append(out, dateMention{t, a, b, yearless})
		}
	}
	// Each pattern runs only where what it needs occurs: a month's name,
	// a hyphen, a slash or a full stop.
	month := hasMonth(s)
	for _, m := range dmyTextRE.findAllIf(month, s) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		t, ok := mkDate(y, monthNumber(s[m[4]:m[5]]), d)
		add(t, ok, m[0], m[1], false)
	}
	for _, m := range mdyTextRE.findAllIf(month, s) {
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		t, ok := mkDate(y, monthNumber(s[m[2]:m[3]]), d)
		add(t, ok, m[0], m[1], false)
	}
	for _, m := range isoRE.findAllIf(strings.Contains(s, "-"), s) {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		t, ok := mkDate(y, time.Month(mo), d)
		add(t, ok, m[0], m[1], false)
	}
	for _, m := range numericRE.findAllIf(strings.ContainsAny(s, "/."), s) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		t, ok := mkDate(y, time.Month(mo), d) // UK order: day first
		add(t, ok, m[0], m[1], false)
	}
	if defaultYear > 0 {
		for _, m := range noYearRE.findAllIf(month, s) {
			d, _ := strconv.Atoi(s[m[2]:m[3]])
			t, ok := mkDate(defaultYear, monthNumber(s[m[4]:m[5]]), d)
			add(t, ok, m[0], m[1], true)
		}
	}
	// order by position
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
