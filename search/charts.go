package search

import (
	"fmt"
	"html"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

func htmlUnescape(s string) string { return html.UnescapeString(s) }

func esc(s string) string { return html.EscapeString(s) }

// heatmapSVG draws, for each theme and authority, the share of that
// authority's reviewed cases raising the theme (per 100 cases), with the
// count on hover and a link from each cell to the matching reviews.
// Authorities with few cases are marked, not shaded as if comparable.
func (s *Server) heatmapSVG(w http.ResponseWriter, r *http.Request, who identity) error {
	return s.rateChart(w, r, who, "authority")
}

// yearsSVG draws the same shares by year of incident.
func (s *Server) yearsSVG(w http.ResponseWriter, r *http.Request, who identity) error {
	return s.rateChart(w, r, who, "year")
}

func (s *Server) rateChart(w http.ResponseWriter, r *http.Request, who identity, by string) error {
	f, err := s.filterFrom(r)
	if err != nil {
		return err
	}
	tab, err := s.searcher.Themes(r.Context(), f, by)
	if err != nil {
		return err
	}
	rows, err := s.searcher.Timeliness(r.Context(), f, by)
	if err != nil {
		return err
	}
	cases := map[string]int{}
	for _, row := range rows {
		cases[row.Key] = row.Reviews
	}
	return writeSVG(w, rateSVG(tab, cases, by, s.minFor(who), s.themeLabels()))
}

// themeLabels maps theme ids to their readable names.
func (s *Server) themeLabels() map[string]string {
	out := map[string]string{}
	for _, t := range s.themeIDs() {
		out[string(t)] = corpus.ThemeLabel(t)
	}
	return out
}

// fewCases is how many reviewed cases a column needs to be shaded: fewer
// are marked, not compared.
const fewCases = 5

// rateSVG is a heatmap of themes by columns (authorities or years): each
// cell the share of the column's reviewed cases raising the theme, per 100,
// darker for more, with "k of n cases" on hover and a link to the matching
// reviews. A cell whose count is below min is hidden (a researcher's).
func rateSVG(tab *corpus.ThemeTable, cases map[string]int, by string, min int, labels map[string]string) string {
	rows := sortedRows(tab)
	cols := tab.Columns
	const cw, ch, left, top = 28, 18, 200, 160
	width, height := left+cw*max(len(cols), 1)+30, top+ch*max(len(rows), 1)+70
	rate := func(k, n int) float64 {
		if n == 0 {
			return 0
		}
		return 100 * float64(k) / float64(n)
	}
	maxR := 1.0
	for _, r := range rows {
		for _, c := range cols {
			if cases[c] >= fewCases {
				maxR = math.Max(maxR, rate(r.By[c], cases[c]))
			}
		}
	}
	var b strings.Builder
	title := "Share of reviewed cases raising each theme, per 100 cases, by " + by
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="t"><title id="t">%s</title>`, width, height, width, height, esc(title))
	b.WriteString(`<style>text{font:11px sans-serif;fill:#1a1a1a}.n{font-size:9px;text-anchor:middle}.axis{font-weight:bold}.few{fill:#999}</style>`)
	fmt.Fprintf(&b, `<text class="axis" x="%d" y="14">%s (%s reviewed cases under each; * fewer than %d, not shaded)</text>`, left, esc(strings.ToUpper(by[:1])+by[1:]), "n", fewCases)
	fmt.Fprintf(&b, `<text class="axis" x="%d" y="%d" text-anchor="end">Theme</text>`, left-6, top-6)
	for j, c := range cols {
		x := left + j*cw + cw/2
		label := fmt.Sprintf("%s (%d)", c, cases[c])
		cls := ""
		if cases[c] < fewCases {
			label, cls = "* "+label, ` class="few"`
		}
		fmt.Fprintf(&b, `<text%s transform="translate(%d,%d) rotate(-60)">%s</text>`, cls, x, top-6, esc(label))
	}
	for i, r := range rows {
		y := top + i*ch
		name := labels[r.Theme]
		if name == "" {
			name = r.Theme
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-6, y+ch-5, esc(name))
		for j, c := range cols {
			k, n := r.By[c], cases[c]
			x := left + j*cw
			link := "/#search?" + url.Values{by: {c}, "theme": {r.Theme}}.Encode()
			hidden := min > 0 && (k > 0 && k < min || n > 0 && n < min)
			switch {
			case hidden:
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#f4f4f4" stroke="#ddd"><title>%s, %s: fewer than %d cases</title></rect>`, x, y, cw, ch, esc(name), esc(c), min)
				continue
			case n < fewCases:
				fmt.Fprintf(&b, `<a xlink:href="%s" href="%s"><rect x="%d" y="%d" width="%d" height="%d" fill="#fafafa" stroke="#ddd"><title>%s, %s: %d of %d reviewed cases (too few to compare)</title></rect></a>`,
					esc(link), esc(link), x, y, cw, ch, esc(name), esc(c), k, n)
				continue
			}
			v := rate(k, n)
			shade := 0.0
			if k > 0 {
				shade = 0.12 + 0.88*v/maxR
			}
			fill := fmt.Sprintf("rgb(%d,%d,%d)", 255-int(shade*205), 255-int(shade*160), 255-int(shade*60))
			fmt.Fprintf(&b, `<a xlink:href="%s" href="%s"><rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#ddd"><title>%s, %s: %d of %d reviewed cases (%.0f per 100)</title></rect>`,
				esc(link), esc(link), x, y, cw, ch, fill, esc(name), esc(c), k, n, v)
			if k > 0 {
				color := "#1a1a1a"
				if shade > 0.55 {
					color = "#fff"
				}
				fmt.Fprintf(&b, `<text class="n" x="%d" y="%d" style="fill:%s">%.0f</text>`, x+cw/2, y+ch-5, color, v)
			}
			b.WriteString(`</a>`)
		}
	}
	// The legend: the scale of shades.
	ly := top + ch*len(rows) + 20
	fmt.Fprintf(&b, `<text x="%d" y="%d">per 100 cases:</text>`, left, ly+12)
	for i := 0; i <= 4; i++ {
		v := maxR * float64(i) / 4
		shade := 0.12 + 0.88*float64(i)/4
		if i == 0 {
			shade = 0
		}
		fill := fmt.Sprintf("rgb(%d,%d,%d)", 255-int(shade*205), 255-int(shade*160), 255-int(shade*60))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="30" height="14" fill="%s" stroke="#ddd"/><text x="%d" y="%d">%.0f</text>`, left+90+i*60, ly, fill, left+124+i*60, ly+12, v)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// timelinessSVG draws, by year or authority, the share of notifications
// within five working days and of reviews within three months.
func (s *Server) timelinessSVG(w http.ResponseWriter, r *http.Request, who identity) error {
	rows, by, min, err := s.timelinessRows(r, who)
	if err != nil {
		return err
	}
	const left, top, rowH, barMax = 180, 40, 26, 420
	height := top + rowH*max(len(rows), 1) + 30
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" aria-labelledby="t"><title id="t">Notifications within five working days and reviews within three months, by %s</title>`, left+barMax+80, height, esc(by))
	b.WriteString(`<style>text{font:11px sans-serif;fill:#1a1a1a}</style>`)
	b.WriteString(`<rect x="180" y="8" width="10" height="10" fill="#2e86c1"/><text x="194" y="17">notified within 5 working days</text><rect x="400" y="8" width="10" height="10" fill="#dc7633"/><text x="414" y="17">review within 3 months</text>`)
	for i, row := range rows {
		y := top + i*rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-6, y+16, esc(row.Key))
		for j, bar := range []struct {
			k, n  int
			color string
		}{{row.NotificationsOnTime, row.NotificationsKnown, "#2e86c1"}, {row.ReviewsOnTime, row.ReviewsKnown, "#dc7633"}} {
			yy := y + 2 + j*11
			if bar.n == 0 || min > 0 && (bar.k > 0 && bar.k < min || bar.n-bar.k > 0 && bar.n-bar.k < min) {
				fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#999">–</text>`, left, yy+9)
				continue
			}
			share := float64(bar.k) / float64(bar.n)
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="10" fill="%s"><title>%s: %d of %d (%.0f%%)</title></rect><text x="%.1f" y="%d">%.0f%%</text>`,
				left, yy, share*barMax, bar.color, esc(row.Key), bar.k, bar.n, 100*share, float64(left)+share*barMax+4, yy+9, 100*share)
		}
	}
	b.WriteString(`</svg>`)
	return writeSVG(w, b.String())
}

func writeSVG(w http.ResponseWriter, svg string) error {
	w.Header().Set("Content-Type", "image/svg+xml")
	_, err := w.Write([]byte(svg))
	return err
}

func sortedRows(tab *corpus.ThemeTable) []corpus.ThemeRow {
	rows := append([]corpus.ThemeRow(nil), tab.Rows...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Reviews > rows[j].Reviews })
	return rows
}
