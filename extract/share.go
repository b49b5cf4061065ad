package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// shareRE finds a proportion of cases as inspectorate findings state one:
// "45 per cent of cases", "in just over half of the cases", "two-thirds",
// "in 7 of the 12 cases".
var shareRE = regexp.MustCompile(`\b(?:(just |a little |slightly |well )?(over|under|above|below|around|about|approximately|nearly|almost|less than|fewer than|more than|no more than|only|barely) )?(\d{1,3}(?:\.\d+)?) ?(?:per ?cent|%)|\b(?:(just |a little |slightly |well )?(over|under|around|about|approximately|nearly|almost|less than|fewer than|more than|no more than|only|barely) )?(half|a third|one third|one-third|two-thirds|two thirds|a quarter|one quarter|three-quarters|three quarters|a fifth|one fifth|two-fifths|a tenth)\b|\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten) (?:of|out of) (?:the |these |those )?(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`)

var shareWords = map[string]float64{
	"half": 0.5, "a third": 1.0 / 3, "one third": 1.0 / 3, "one-third": 1.0 / 3,
	"two-thirds": 2.0 / 3, "two thirds": 2.0 / 3, "a quarter": 0.25, "one quarter": 0.25,
	"three-quarters": 0.75, "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2,
	"two-fifths": 0.4, "a tenth": 0.1,
}

var smallNumbers = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

// share returns the first proportion in c and where it starts. A
// qualifier moves it a little: "just over half" is 0.55, "less than half"
// 0.45, so a share that only reaches half is still below the line.
func share(c string) (p float64, at int, ok bool) {
	m := shareRE.FindStringSubmatchIndex(c)
	if m == nil {
		return 0, 0, false
	}
	g := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return c[m[2*i]:m[2*i+1]]
	}
	var q string
	switch {
	case g(3) != "":
		v, err := strconv.ParseFloat(g(3), 64)
		if err != nil || v > 100 {
			return 0, 0, false
		}
		p, q = v/100, g(2)
	case g(6) != "":
		p, q = shareWords[g(6)], g(5)
	default:
		n, d := number(g(7)), number(g(8))
		if d <= 0 || n > d {
			return 0, 0, false
		}
		p = n / d
	}
	switch strings.TrimSpace(q) {
	case "over", "above", "more than":
		p += 0.05
	case "under", "below", "less than", "fewer than", "nearly", "almost", "only", "barely", "no more than":
		p -= 0.05
	}
	return p, m[0], true
}

func number(s string) float64 {
	if v, ok := smallNumbers[s]; ok {
		return v
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return -1
	}
	return v
}

// lowShare is the line under which a share of cases done well is a
// finding that too few were: inspectorates treat anything under about two
// in three as falling short.
const lowShare = 0.65
