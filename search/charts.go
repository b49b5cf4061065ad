package search

import (
	"fmt"
	"html"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

func htmlUnescape(s string) string { return html.UnescapeString(s) }

func esc(s string) string { return html.EscapeString(s) }

// heatmapSVG draws reviews per theme and authority: darker is more.
func (s *Server) heatmapSVG(w http.ResponseWriter, r *http.Request, who identity) error {
	f, err := s.filterFrom(r)
	if err != nil {
		return err
	}
	tab, err := s.searcher.Themes(r.Context(), f, "authority")
	if err != nil {
		return err
	}
	if who.role != RoleInspector {
		tab = chartTable(tab, s.opts.MinCount)
	}
	return writeSVG(w, matrixSVG(tab, "Reviews raising each theme, by authority", "<"+strconv.Itoa(s.opts.MinCount)))
}

// yearsSVG draws reviews per theme and year.
func (s *Server) yearsSVG(w http.ResponseWriter, r *http.Request, who identity) error {
	f, err := s.filterFrom(r)
	if err != nil {
		return err
	}
	tab, err := s.searcher.Themes(r.Context(), f, "year")
	if err != nil {
		return err
	}
	if who.role != RoleInspector {
		tab = chartTable(tab, s.opts.MinCount)
	}
	return writeSVG(w, barsSVG(tab, "<"+strconv.Itoa(s.opts.MinCount)))
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

// matrixSVG is a heatmap of rows (themes) by columns with a count in
// every cell and a title for screen readers. A cell of -1 is a protected
// small count, drawn as hidden (e.g. "<5").
func matrixSVG(tab *corpus.ThemeTable, title, hidden string) string {
	rows := sortedRows(tab)
	cols := tab.Columns
	const cw, ch, left, top = 26, 18, 190, 150
	width, height := left+cw*max(len(cols), 1)+20, top+ch*max(len(rows), 1)+20
	maxN := 1
	for _, r := range rows {
		for _, n := range r.By {
			maxN = max(maxN, n)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="t"><title id="t">%s</title>`, width, height, width, height, esc(title))
	b.WriteString(`<style>text{font:11px sans-serif;fill:#1a1a1a}.n{font-size:9px;text-anchor:middle}</style>`)
	for j, c := range cols {
		x := left + j*cw + cw/2
		fmt.Fprintf(&b, `<text transform="translate(%d,%d) rotate(-60)">%s</text>`, x, top-6, esc(c))
	}
	for i, r := range rows {
		y := top + i*ch
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-6, y+ch-5, esc(r.Theme))
		for j, c := range cols {
			n := r.By[c]
			if n < 0 {
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#f4f4f4" stroke="#ddd"><title>%s, %s: %s</title></rect>`,
					left+j*cw, y, cw, ch, esc(r.Theme), esc(c), esc(hidden))
				fmt.Fprintf(&b, `<text class="n" x="%d" y="%d">%s</text>`, left+j*cw+cw/2, y+ch-5, esc(hidden))
				continue
			}
			shade := 0.0
			if n > 0 {
				shade = 0.15 + 0.85*float64(n)/float64(maxN)
			}
			fill := fmt.Sprintf("rgb(%d,%d,%d)", 255-int(shade*205), 255-int(shade*160), 255-int(shade*60))
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#ddd"><title>%s, %s: %d</title></rect>`,
				left+j*cw, y, cw, ch, fill, esc(r.Theme), esc(c), n)
			if n > 0 {
				color := "#1a1a1a"
				if shade > 0.55 {
					color = "#fff"
				}
				fmt.Fprintf(&b, `<text class="n" x="%d" y="%d" style="fill:%s">%d</text>`, left+j*cw+cw/2, y+ch-5, color, n)
			}
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// barsSVG draws, for each theme, one bar per year; a bar of -1 is a
// protected small count, drawn flat and labelled hidden.
func barsSVG(tab *corpus.ThemeTable, hidden string) string {
	rows := sortedRows(tab)
	years := tab.Columns
	palette := []string{"#1b4f72", "#2e86c1", "#85c1e9", "#a04000", "#dc7633", "#f0b27a", "#196f3d", "#52be80"}
	const left, top, rowH = 190, 40, 22
	width, height := 760, top+rowH*max(len(rows), 1)+20
	maxN := 1
	for _, r := range rows {
		for _, n := range r.By {
			maxN = max(maxN, n)
		}
	}
	barW := float64(width-left-20) / float64(max(len(years), 1))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="t"><title id="t">Reviews raising each theme, by year of incident</title>`, width, height, width, height)
	b.WriteString(`<style>text{font:11px sans-serif;fill:#1a1a1a}</style>`)
	for j, y := range years {
		fmt.Fprintf(&b, `<rect x="%d" y="8" width="10" height="10" fill="%s"/><text x="%d" y="17">%s</text>`, left+j*70, palette[j%len(palette)], left+j*70+14, esc(y))
	}
	for i, r := range rows {
		y := top + i*rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-6, y+rowH-7, esc(r.Theme))
		for j, yr := range years {
			n := r.By[yr]
			x := float64(left) + float64(j)*barW
			if n < 0 {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="1" fill="#bbb"><title>%s, %s: %s reviews</title></rect>`,
					x, float64(y+rowH-3), barW-2, esc(r.Theme), esc(yr), esc(hidden))
				continue
			}
			h := math.Max(1, float64(rowH-4)*float64(n)/float64(maxN))
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s, %s: %d reviews</title></rect>`,
				x, float64(y+rowH-2)-h, barW-2, h, palette[j%len(palette)], esc(r.Theme), esc(yr), n)
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}
