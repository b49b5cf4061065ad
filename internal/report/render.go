package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// num shows a count, hidden below the report's minimum.
func (r *Report) num(n int) string {
	if r.Options.Min > 0 && n > 0 && n < r.Options.Min {
		return fmt.Sprintf("<%d", r.Options.Min)
	}
	return fmt.Sprint(n)
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

func (r *Report) share(k, n int) string {
	if n == 0 {
		return "-"
	}
	if r.Options.Min > 0 && ((k > 0 && k < r.Options.Min) || (n-k > 0 && n-k < r.Options.Min)) {
		return "-"
	}
	return pct(float64(k) / float64(n))
}

func periodName(from, to string) string {
	switch {
	case from == "" && to == "":
		return "all incidents"
	case from == "":
		return "incidents to " + to
	case to == "":
		return "incidents from " + from
	}
	return "incidents " + from + " to " + to
}

// section is one table of the report: a heading, a note, columns, rows.
type section struct {
	Title, Note string
	Head        []string
	Rows        [][]string
	Chart       template.HTML
}

// sections lays the report out once, for both renderings.
func (r *Report) sections() []section {
	p := r.Period
	var out []section
	out = append(out, section{Title: "Notifications and reviews", Note: "A case is one serious incident: its notification and the Part One and Part Two reviews linked to it. A case that met the criteria has a review.",
		Head: []string{"", "count"}, Rows: [][]string{
			{"Notifications (cases)", r.num(p.Notifications)}, {"Met the criteria (cases with a review)", r.num(p.Reviewed)},
			{"Case reviews (Part One, or a single review)", r.num(p.PartOne)}, {"Reflective learning reviews (Part Two)", r.num(p.PartTwo)},
			{"Authorities that notified", fmt.Sprint(len(p.Authorities))}, {"Authorities that notified none", fmt.Sprint(len(p.NotNotifying))}}})
	auth := section{Title: "Notifications by authority", Head: []string{"authority", "notifications"}}
	for _, c := range p.Authorities {
		auth.Rows = append(auth.Rows, []string{c.Label, r.num(c.N)})
	}
	if len(p.NotNotifying) > 0 {
		auth.Note = "Notified none: " + strings.Join(p.NotNotifying, ", ") + "."
	}
	out = append(out, auth)
	for _, t := range []struct {
		title string
		cs    []Count
	}{{"Incident types (reviewed cases)", p.IncidentTypes}, {"Orders and licences (reviewed cases)", p.Orders}, {"MAPPA category and level (reviewed cases)", p.MAPPA}} {
		s := section{Title: t.title, Head: []string{"", "cases", "share"}}
		for _, c := range t.cs {
			s.Rows = append(s.Rows, []string{label(c.Label), r.num(c.N), r.share(c.N, p.Reviewed)})
		}
		out = append(out, s)
	}
	tl := func(title string, rows []TimeRow) section {
		s := section{Title: title, Note: "Working days exclude weekends and Scottish public holidays. Notification is counted from the date the service became aware of the incident where the review gives it (the guidance's clock), else from the incident; the incident-date figure is beside it. Median and quartiles are of working days to notification.",
			Head: []string{"", "notified in 5 days", "share", "from incident", "median (Q1-Q3) days", "reviews in 3 months", "share"}}
		for _, t := range rows {
			s.Rows = append(s.Rows, []string{t.Key, r.num(t.OnTime) + " of " + r.num(t.Notified), r.share(t.OnTime, t.Notified),
				r.share(t.IncidentOnTime, t.IncidentKnown), fmt.Sprintf("%.0f (%.0f-%.0f)", t.Median, t.Q1, t.Q3),
				r.num(t.ReviewOnTime) + " of " + r.num(t.ReviewKnown), r.share(t.ReviewOnTime, t.ReviewKnown)})
		}
		return s
	}
	out = append(out, tl("Timeliness by year", p.ByYear), tl("Timeliness by authority", p.ByAuthority))
	th := section{Title: "Learning themes: share of reviewed cases", Note: fmt.Sprintf("Of %s reviewed cases; 95%% Wilson intervals. Concerns and strengths apart: a strength is a theme a review credits as done well. Themes recurring in at least %d authorities: %s.",
		r.num(p.ThemesOfCases), r.Options.K, themeList(p.Recurring)),
		Head: []string{"theme", "cases", "share", "95% interval", "authorities", "strength cases", "strength share"}}
	for _, t := range p.Themes {
		th.Rows = append(th.Rows, []string{corpus.ThemeLabel(t.Theme), r.num(t.Cases), r.share(t.Cases, p.ThemesOfCases), fmt.Sprintf("%s-%s", pct(t.Lo), pct(t.Hi)),
			fmt.Sprint(t.Authorities), r.num(t.Strength), r.share(t.Strength, p.ThemesOfCases)})
	}
	th.Chart = r.themeChart(p)
	out = append(out, th)
	co := section{Title: "Themes raised together", Head: []string{"themes", "cases"}}
	for _, pr := range p.CoOccurring {
		co.Rows = append(co.Rows, []string{corpus.ThemeLabel(pr.A) + " + " + corpus.ThemeLabel(pr.B), r.num(pr.Cases)})
	}
	out = append(out, co)
	if r.Compare != nil {
		ch := section{Title: "Change against " + periodName(r.Compare.From, r.Compare.To),
			Note: "Shares of reviewed cases in each period. Flagged where a two-sided two-proportion z test (pooled) gives p < 0.05: a rise or fall beyond chance at that level, with many themes tested at once, so read a single flag with care.",
			Head: []string{"theme", "share", "comparison", "z", "p", "change"}}
		for _, c := range r.Changes {
			ch.Rows = append(ch.Rows, []string{corpus.ThemeLabel(c.Theme), pct(c.Share), pct(c.Compare), fmt.Sprintf("%.2f", c.Z), fmt.Sprintf("%.3f", c.P), c.Flag})
		}
		out = append(out, ch)
	}
	act := section{Title: "Recommendations and actions",
		Note: fmt.Sprintf("The actions the period's reviews set (from their learning sections and action plans): %s in all, %s naming an owner, %s with a timescale; by the theme each addresses, as the tagger reads it.",
			r.num(p.Actions), r.num(p.ActionsOwned), r.num(p.ActionsTimed)),
		Head: []string{"theme", "actions"}}
	for _, c := range p.ActionsByTheme {
		act.Rows = append(act.Rows, []string{c.Label, r.num(c.N)})
	}
	out = append(out, act)
	qa := section{Title: "Review quality assurance", Note: "For each case review (Part One, or a single review), the checklist drawn from the guidance, computed from the extraction; items that do not apply (transfer for a community order, Part Two before 2022) are left out of their count.",
		Head: []string{"item", "met", "of", "share"}}
	for _, q := range p.QA {
		qa.Rows = append(qa.Rows, []string{q.Item, r.num(q.Met), r.num(q.Of), r.share(q.Met, q.Of)})
	}
	out = append(out, qa)
	acc := r.Options.Accuracy
	if acc == "" {
		acc = "unmeasured: no inspector has coded reviews yet (sirlearn eval --human measures it once they have)"
	}
	out = append(out, section{Title: "Method", Note: "Themes were found by sirlearn's tagger: each sentence of each review is judged against the taxonomy's cues for each theme, with a shared layer that tells a finding of deficient practice from a strength and from a background fact. Counts use the confirmed view: the tagger's suggestions that inspectors did not reject, and the themes inspectors added. " +
		"The tagger's measured agreement with inspectors' coding: " + acc + ". A case is one serious incident; a working day is a weekday that is not a Scottish public holiday. Counts below " + fmt.Sprint(max(r.Options.Min, 1)) + " are hidden in a researcher's report."})
	return out
}

func themeList(ts []corpus.ThemeID) string {
	if len(ts) == 0 {
		return "none"
	}
	var s []string
	for _, t := range ts {
		s = append(s, corpus.ThemeLabel(t))
	}
	return strings.Join(s, ", ")
}

// themeChart draws the theme shares as bars with their intervals.
func (r *Report) themeChart(p *Period) template.HTML {
	const w, rowH, left = 640, 16, 190
	var b strings.Builder
	n := 0
	for _, t := range p.Themes {
		if t.Cases > 0 {
			n++
		}
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" aria-label="Share of reviewed cases raising each theme">`, w, n*rowH+24)
	y := 0
	for _, t := range p.Themes {
		if t.Cases == 0 {
			continue
		}
		scale := float64(w - left - 40)
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" text-anchor="end">%s</text>`, left-6, y+11, template.HTMLEscapeString(corpus.ThemeLabel(t.Theme)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="10" fill="%s"/>`, left, y+2, t.Share*scale, corpus.ThemeColour(t.Theme))
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#333"/>`, float64(left)+t.Lo*scale, float64(left)+t.Hi*scale, y+7, y+7)
		if r.Options.Min == 0 || t.Cases >= r.Options.Min {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="9">%s</text>`, float64(left)+t.Hi*scale+4, y+11, pct(t.Share))
		}
		y += rowH
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="9">0%%</text><text x="%d" y="%d" font-size="9" text-anchor="end">100%% of reviewed cases</text></svg>`, left, y+16, w-40, y+16)
	return template.HTML(b.String())
}

// WriteMarkdown writes the report as Markdown.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Serious incident reviews: national report\n\n%s; generated %s.\n\n", strings.ToUpper(periodName(r.Period.From, r.Period.To)[:1])+periodName(r.Period.From, r.Period.To)[1:], r.Options.Generated.Format("2 January 2006"))
	for _, s := range r.sections() {
		fmt.Fprintf(&b, "## %s\n\n", s.Title)
		if s.Note != "" {
			fmt.Fprintf(&b, "%s\n\n", s.Note)
		}
		if len(s.Head) == 0 {
			continue
		}
		b.WriteString("| " + strings.Join(s.Head, " | ") + " |\n|" + strings.Repeat("---|", len(s.Head)) + "\n")
		for _, row := range s.Rows {
			b.WriteString("| " + strings.Join(row, " | ") + " |\n")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var page = template.Must(template.New("report").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Serious incident reviews: national report</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font: 10.5pt/1.4 "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; max-width: 178mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 4pt; break-after: avoid; }
p.note { color: #444; font-size: 9.5pt; margin: 2pt 0 6pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; break-inside: auto; }
th, td { border-bottom: 1px solid #ccc; padding: 2pt 4pt; text-align: left; vertical-align: top; }
td:not(:first-child), th:not(:first-child) { text-align: right; }
tr { break-inside: avoid; } thead { display: table-header-group; }
svg { margin: 6pt 0; max-width: 100%; }
</style></head><body>
<h1>Serious incident reviews: national report</h1>
<p class="note">{{.Period}}; generated {{.Generated}}.</p>
{{range .Sections}}<section><h2>{{.Title}}</h2>{{if .Note}}<p class="note">{{.Note}}</p>{{end}}{{.Chart}}
{{if .Head}}<table><thead><tr>{{range .Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead><tbody>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody></table>{{end}}</section>
{{end}}</body></html>
`))

// WriteHTML writes the report as an HTML page that prints well on A4.
func (r *Report) WriteHTML(w io.Writer) error {
	name := periodName(r.Period.From, r.Period.To)
	return page.Execute(w, map[string]any{"Period": strings.ToUpper(name[:1]) + name[1:], "Generated": r.Options.Generated.Format("2 January 2006"), "Sections": r.sections()})
}
