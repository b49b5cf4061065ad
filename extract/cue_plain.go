package extract

import "strings"

// plainCue is a pattern that is a literal, with \b before it, after it or
// both: it matches where the literal occurs and each boundary holds, as
// the regexp would (\b is ASCII: a change between a word character,
// [0-9A-Za-z_], and anything else or either end of the text). Its matches
// all have the literal's length, so the leftmost is the first found.
type plainCue struct {
	lit           string
	before, after bool
}

// index returns where the first match at or after from starts, or -1.
func (p *plainCue) index(s string, from int) int {
	for from <= len(s) {
		j := strings.Index(s[from:], p.lit)
		if j < 0 {
			return -1
		}
		j += from
		if (!p.before || wordBoundary(s, j)) && (!p.after || wordBoundary(s, j+len(p.lit))) {
			return j
		}
		from = j + 1
	}
	return -1
}

// wordBoundary reports whether \b holds at byte i of s.
func wordBoundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
