package corpus

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := NewScottishCalendar()
	for _, tt := range []struct {
		from, to string
		want     int
	}{
		{"2019-03-15", "2019-03-22", 5},  // Friday to Friday
		{"2019-03-15", "2019-03-18", 1},  // over a weekend
		{"2018-12-21", "2018-12-31", 4},  // Christmas and Boxing Day
		{"2018-12-31", "2019-01-03", 1},  // 1 and 2 January are Scottish holidays
		{"2018-11-29", "2018-12-03", 1},  // St Andrew's Day, Friday 30 November 2018
		{"2019-08-02", "2019-08-06", 1},  // first Monday of August in Scotland
		{"2019-08-23", "2019-08-27", 2},  // last Monday of August is an English holiday only
		{"2020-05-07", "2020-05-11", 1},  // VE Day 2020 moved the May holiday
		{"2019-03-22", "2019-03-15", -5}, // reversed
		{"2019-03-15", "2019-03-15", 0},
	} {
		if got := cal.WorkingDaysBetween(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestAddWorkingDaysRoundTrip(t *testing.T) {
	cal := NewScottishCalendar()
	start := d("2018-01-01")
	for i := 0; i < 1500; i += 7 {
		from := start.AddDate(0, 0, i)
		for n := 1; n <= 30; n += 4 {
			to := cal.AddWorkingDays(from, n)
			if got := cal.WorkingDaysBetween(from, to); got != n {
				t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(+%d) = %s) = %d", from.Format(time.DateOnly), n, to.Format(time.DateOnly), got)
			}
		}
	}
}

func TestTimeliness(t *testing.T) {
	cal := NewScottishCalendar()
	m := Metadata{IncidentDate: "2019-03-15", NotificationDate: "2019-03-25", SubmittedDate: "2019-06-25"}
	cal.Timeliness(&m)
	if m.NotificationWorkingDays == nil || *m.NotificationWorkingDays != 6 || *m.NotificationOnTime {
		t.Errorf("notification = %v, %v; want 6 days, late", m.NotificationWorkingDays, m.NotificationOnTime)
	}
	if m.ReviewOnTime == nil || !*m.ReviewOnTime {
		t.Errorf("review on time = %v, want true (exactly three months)", m.ReviewOnTime)
	}
	m = Metadata{IncidentDate: "2019-03-15"}
	cal.Timeliness(&m)
	if m.NotificationWorkingDays != nil || m.ReviewOnTime != nil {
		t.Errorf("unknown dates gave figures: %+v", m)
	}
}
