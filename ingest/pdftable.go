package ingest

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tables printed to PDF keep no structure: each cell's text wraps within
// its column, so a page's lines interleave the cells of a row ("The prison
// did | Agree with SPS", "not pass on its | a checklist of"), and read line
// by line a finding comes out in pieces. rebuildTables finds the runs of
// lines whose words stand in columns and reads them back as rows, each
// cell's lines joined, one line per row with its cells.

// tableProbe is how many lines the columns are first looked for in.
const tableProbe = 12

// rebuildTables returns a page's lines with each table's lines replaced by
// one line per row.
func rebuildTables(lines []pdfLine) []pdfLine {
	var out []pdfLine
	for i := 0; i < len(lines); {
		if cols, end := tableAt(lines, i); end > i {
			out = append(out, tableRows(lines[i:end], cols)...)
			i = end
			continue
		}
		out = append(out, lines[i])
		i++
	}
	return out
}

// tableAt reports the columns (their left edges) and the end of a table
// starting at lines[i], or end == i when none starts there. A table starts
// at a line of two or more runs of words; its columns are the left edges
// that two or more runs of the next lines share; it goes on while every
// run of a line stands within one column and the lines stay close.
func tableAt(lines []pdfLine, i int) (cols []float64, end int) {
	if len(lines[i].segs) < 2 {
		return nil, i
	}
	size := math.Max(lines[i].size, 1)
	tol := 0.35 * size
	cols = columnsOf(lines[i:min(len(lines), i+tableProbe)], size, tol)
	if len(cols) < 2 {
		return nil, i
	}
	end = tableExtent(lines, i, cols, size, tol)
	// Columns a cell of few lines uses show once the whole table is in
	// view: look again over it.
	if more := columnsOf(lines[i:end], size, tol); len(more) > len(cols) {
		if e := tableExtent(lines, i, more, size, tol); e >= end {
			cols, end = more, e
		}
	}
	used := make([]int, len(cols))
	for k := i; k < end; k++ {
		for _, s := range lines[k].segs {
			used[column(cols, s.x0, tol)]++
		}
	}
	// Two columns in use, each more than once, over three lines or more.
	n := 0
	for _, u := range used {
		if u >= 2 {
			n++
		}
	}
	if end-i < 3 || n < 2 {
		return nil, i
	}
	return cols, end
}

// columnsOf returns the left edges that two or more runs of words share
// in lines that follow each other closely.
func columnsOf(lines []pdfLine, size, tol float64) []float64 {
	var xs []float64
	for k, l := range lines {
		if k > 0 && lines[k-1].y-l.y > 3*size {
			break
		}
		for _, s := range l.segs {
			xs = append(xs, s.x0)
		}
	}
	sort.Float64s(xs)
	var cols []float64
	for a := 0; a < len(xs); {
		b := a
		for b < len(xs) && xs[b]-xs[a] <= tol {
			b++
		}
		if b-a >= 2 {
			cols = append(cols, xs[a])
		}
		a = b
	}
	return cols
}

// tableExtent returns the end of the run of lines from i whose every run
// of words stands within one of cols, the lines close together.
func tableExtent(lines []pdfLine, i int, cols []float64, size, tol float64) int {
	end := i
	for k := i; k < len(lines); k++ {
		// A change of type size (a heading) ends a table too.
		if k > i && (lines[k-1].y-lines[k].y > 3*size || math.Abs(lines[k].size-lines[i].size) >= 1) || !fitsColumns(lines[k], cols, tol) {
			break
		}
		end = k + 1
	}
	return end
}

// fitsColumns reports whether each run of words of l starts in a column
// and ends before the next.
func fitsColumns(l pdfLine, cols []float64, tol float64) bool {
	for _, s := range l.segs {
		c := column(cols, s.x0, tol)
		if c < 0 || c+1 < len(cols) && s.x1 > cols[c+1]+tol {
			return false
		}
	}
	return len(l.segs) > 0
}

// column returns the column a run starting at x stands in: the last whose
// left edge is at or before it, or -1.
func column(cols []float64, x, tol float64) int {
	c := -1
	for k, left := range cols {
		if left <= x+tol {
			c = k
		}
	}
	return c
}

// tableRows reads a table's lines back as rows. A row ends where the gap
// to the next line is wider than a cell's own line spacing.
func tableRows(lines []pdfLine, cols []float64) []pdfLine {
	size := math.Max(lines[0].size, 1)
	tol := 0.35 * size
	// A cell's own line spacing: the usual distance between runs that
	// follow each other in a column.
	var steps []float64
	last := make([]float64, len(cols))
	for c := range last {
		last[c] = math.NaN()
	}
	for _, l := range lines {
		for _, s := range l.segs {
			c := column(cols, s.x0, tol)
			if dy := last[c] - l.y; dy > 0 && dy <= 2.2*size {
				steps = append(steps, dy)
			}
			last[c] = l.y
		}
	}
	step := 1.2 * size
	if len(steps) > 0 {
		sort.Float64s(steps)
		step = steps[len(steps)/2]
	}
	var rows []pdfLine
	var cells [][]string
	var first pdfLine
	flush := func() {
		if cells == nil {
			return
		}
		row := first
		row.segs, row.cells = nil, nil
		for _, parts := range cells {
			if t := strings.TrimSpace(joinWrapped(parts)); t != "" {
				row.cells = append(row.cells, t)
			}
		}
		row.text = strings.Join(row.cells, " | ")
		if len(row.cells) == 1 {
			row.cells = nil
		}
		rows = append(rows, row)
		cells = nil
	}
	// Which columns each line has words in. A table whose lines all fill
	// the same columns has rows of one line ("Date of birth | 02/12/1994").
	filled := make([][]bool, len(lines))
	uniform := true
	for k, l := range lines {
		filled[k] = make([]bool, len(cols))
		for _, s := range l.segs {
			filled[k][column(cols, s.x0, tol)] = true
		}
		uniform = uniform && slices.Equal(filled[k], filled[0])
	}
	for k, l := range lines {
		// A row ends where the gap to the next line is wider than a cell's
		// own line spacing, and before a line that fills every column and
		// starts with a capital or a digit, as a row's label does.
		if k > 0 && (uniform || lines[k-1].y-l.y > 1.15*step+0.5 || !slices.Contains(filled[k], false) && cellStarts(l)) {
			flush()
		}
		if cells == nil {
			cells, first = make([][]string, len(cols)), l
		}
		first.x1 = math.Max(first.x1, l.x1)
		first.bold = first.bold && l.bold
		for _, s := range l.segs {
			c := column(cols, s.x0, tol)
			cells[c] = append(cells[c], s.text)
		}
	}
	flush()
	return rows
}

// cellStarts reports whether the first run of words of l, its first
// column's, starts with a capital letter or a digit, as a row's label does.
func cellStarts(l pdfLine) bool {
	if len(l.segs) == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l.segs[0].text)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}
