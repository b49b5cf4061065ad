package corpus

import (
	"fmt"
	"sort"
	"strings"
)

// CheckFilter normalises a filter's values (an authority by any variant
// and case, ids in any case) and refuses a value that names nothing, with
// the nearest valid values, so that a misspelt filter is an error rather
// than a silent zero. themes are the taxonomy's theme ids (nil: the
// canonical ones).
func CheckFilter(f Filter, themes []ThemeID) (Filter, error) {
	if len(themes) == 0 {
		themes = ThemeIDs()
	}
	var tnames []string
	for _, t := range themes {
		tnames = append(tnames, string(t))
	}
	var snames []string
	for _, k := range SectionKinds() {
		snames = append(snames, string(k))
	}
	out := f
	var err error
	fix := func(field string, vals []string, valid []string) []string {
		var res []string
		for _, v := range vals {
			id := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(v)), " ", "_")
			ok := false
			for _, x := range valid {
				if x == id {
					ok = true
				}
			}
			if !ok && err == nil {
				err = unknownValue(field, v, valid)
			}
			res = append(res, id)
		}
		return res
	}
	out.Themes = fix("theme", f.Themes, tnames)
	out.Sections = fix("section", f.Sections, snames)
	out.IncidentTypes = fix("incident_type", f.IncidentTypes, IncidentTypes())
	out.Authorities = nil
	var anames []string
	for _, a := range Authorities() {
		anames = append(anames, a.Name)
	}
	for _, a := range f.Authorities {
		c, ok := CanonicalAuthority(a)
		if !ok {
			if err == nil {
				err = unknownValue("authority", a, anames)
			}
			c = a
		}
		out.Authorities = append(out.Authorities, c)
	}
	for _, y := range f.Years {
		if len(y) != 4 || strings.Trim(y, "0123456789") != "" {
			if err == nil {
				err = fmt.Errorf("%w: year %q: want four digits", ErrInvalid, y)
			}
		}
	}
	return out, err
}

// unknownValue says a value names nothing and offers the nearest ones.
func unknownValue(field, v string, valid []string) error {
	near := Nearest(v, valid, 3)
	if len(near) == 0 {
		return fmt.Errorf("%w: %s %q is not known", ErrInvalid, field, v)
	}
	return fmt.Errorf("%w: %s %q is not known; did you mean %s?", ErrInvalid, field, v, strings.Join(quoteAll(near), ", "))
}

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%q", x)
	}
	return out
}

// Nearest returns up to n of the candidates closest to v by edit distance
// (case and separators folded), nearest first, leaving out the far ones.
func Nearest(v string, candidates []string, n int) []string {
	norm := func(s string) string {
		return strings.NewReplacer("_", " ", "-", " ").Replace(strings.ToLower(strings.TrimSpace(s)))
	}
	nv := norm(v)
	type scored struct {
		s string
		d int
	}
	var all []scored
	for _, c := range candidates {
		nc := norm(c)
		d := editDistance(nv, nc)
		if strings.Contains(nc, nv) || strings.Contains(nv, nc) {
			d = min(d, 1)
		}
		all = append(all, scored{c, d})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	var out []string
	for _, s := range all {
		if len(out) == n || s.d > max(3, len(nv)/2) {
			break
		}
		out = append(out, s.s)
	}
	return out
}

// editDistance is the Levenshtein distance of two strings, by bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
