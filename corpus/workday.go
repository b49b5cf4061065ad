package corpus

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// Scottish bank holidays that package gb does not define.
var (
	scotAlt = []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 1}}
)

// Calendar counts Scottish working days: Monday to Friday less the Scottish
// bank holidays. It is safe for concurrent use once built.
type Calendar struct {
	c *cal.BusinessCalendar
}

// NewScottishCalendar builds the calendar of Scottish bank holidays: New
// Year's Day and 2 January, Good Friday, Early May (and VE Day 2020), Spring
// bank holiday, the first Monday of August, St Andrew's Day, Christmas and
// Boxing Day, with the usual weekend substitutions and the one-off days of
// 2022 and 2023.
func NewScottishCalendar() *Calendar {
	c := cal.NewBusinessCalendar()
	secondJan := &cal.Holiday{
		Name: "2nd January", Type: cal.ObservanceBank, Month: time.January, Day: 2,
		// When 1 January falls on a Friday or Saturday the substitute days
		// push 2 January on as well.
		Observed: []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 2}, {Day: time.Monday, Offset: 1}},
		Func:     cal.CalcDayOfMonth,
	}
	stAndrew := &cal.Holiday{
		Name: "St Andrew's Day", Type: cal.ObservanceBank, Month: time.November, Day: 30,
		Observed: scotAlt, Func: cal.CalcDayOfMonth,
	}
	c.AddHoliday(gb.NewYear, secondJan, gb.GoodFriday, gb.EarlyMay, gb.VEDay, gb.CoronationDay,
		gb.SpringHoliday, gb.SpringHoliday2022, gb.PlatinumJubilee, gb.SummerHolidayScotland,
		stAndrew, gb.ChristmasDay, gb.BoxingDay)
	return &Calendar{c: c}
}

// WorkingDaysBetween counts the working days after from up to and including
// to: notified the next working day is 1. It returns a negative count when to
// is before from.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	from = time.Date(from.Year(), from.Month(), from.Day(), 12, 0, 0, 0, time.UTC)
	to = time.Date(to.Year(), to.Month(), to.Day(), 12, 0, 0, 0, time.UTC)
	if to.Before(from) {
		return -c.WorkingDaysBetween(to, from)
	}
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if c.c.IsWorkday(d) {
			n++
		}
	}
	return n
}

// AddWorkingDays returns the date n working days after d (n >= 0).
func (c *Calendar) AddWorkingDays(d time.Time, n int) time.Time {
	d = time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.c.IsWorkday(d) {
			n--
		}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// NotificationDeadline is the number of working days within which the
// authority must notify the regulator.
const NotificationDeadline = 5

// ReviewDeadlineMonths is the expected time in months from notification to
// the submitted review.
const ReviewDeadlineMonths = 3

// Timeliness fills the derived timeliness fields of m from its dates.
func (c *Calendar) Timeliness(m *Metadata) {
	m.NotificationWorkingDays, m.NotificationOnTime, m.ReviewOnTime = nil, nil, nil
	inc, err1 := time.Parse(time.DateOnly, string(m.IncidentDate))
	not, err2 := time.Parse(time.DateOnly, string(m.NotificationDate))
	if err1 == nil && err2 == nil {
		n := c.WorkingDaysBetween(inc, not)
		ok := n <= NotificationDeadline
		m.NotificationWorkingDays, m.NotificationOnTime = &n, &ok
	}
	sub, err3 := time.Parse(time.DateOnly, string(m.SubmittedDate))
	if err2 == nil && err3 == nil {
		ok := !sub.After(not.AddDate(0, ReviewDeadlineMonths, 0))
		m.ReviewOnTime = &ok
	}
}
